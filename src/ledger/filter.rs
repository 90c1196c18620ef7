//! Mentions that are not sources: the classifier's source spans that hold no name or noun of
//! a speaker, only words of closed classes (pronouns of the first and second person,
//! demonstratives, determiners and quantifiers, indefinite pronouns) and words of time
//! (`you`, `my`, `that`, `both`, `the most`, `a few`, `A total`, `a month`, `a few days`,
//! `A few years thereafter`, `it's`). Such a span is the subject of a verb the classifier read
//! as a cue (`you think`, `A few days later … announced`), a relative pronoun (`records that
//! showed`) or a quantity (`A total of 39 are dead, officials told …`), never who said it. The
//! words of these classes are grammar, the same in all news copy: they are kept here rather
//! than in the rule files' lists.

/// The person a pronoun of the first or second person is (`I`, `we`, `you`, `my`, `you're`):
/// the writer, the reader or, outside a quotation, a speaker the copy does not name there.
const SPEAKER: u8 = 1;
/// Determiners, quantifiers and demonstratives alone (`the`, `a`, `that`, `both`, `most`,
/// `several`, `one`) and indefinite pronouns (`everyone`, `nobody`).
const DETERMINER: u8 = 1 << 1;
/// Words of time (`day`, `months`, `later`, `Monday`).
const TIME: u8 = 1 << 2;
/// A month name, or a word of time that is also a surname when capitalised (`May`, `June`,
/// `Day`, `Morning`): of time only beside another word.
const MONTH: u8 = 1 << 3;
/// Nouns of quantity (`total`, `number`, `lot`, `handful`): `A total` is a count, not a
/// speaker.
const QUANTITY: u8 = 1 << 4;
/// A day of the week (never a name).
const WEEKDAY: u8 = 1 << 5;

/// The classes of `word` (bits above; 0: a word of none of them). ASCII case and `’` for `'`
/// are ignored; a possessive is the class of its word (`Monday's`, `everybody's`).
fn class(word: &str) -> u8 {
    match class_of(word) {
        0 => word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("\u{2019}s"))
            .filter(|w| !w.is_empty())
            .map_or(0, class_of),
        c => c,
    }
}

/// `total`, `number`, `lot`, `handful`: a noun of quantity, whose noun phrase is headed by
/// what follows its `of` (`a number of senators`).
pub(super) fn is_quantity(word: &str) -> bool {
    class(word) & QUANTITY != 0
}

/// How many words at the start of a name are a phrase of time the classifier's span took in
/// before it (`This Wednesday`, `Last year`, `On Monday`, `Yesterday` before `Greek Foreign
/// Minister …`): words of time, with `this`, `last`, `next`, `on`, `early`, `late` before
/// them, followed by a capitalised word of no class. A month counts only after such a word
/// (`May` may be a name); 0 when the name does not start so.
pub(super) fn time_prefix(words: &[&str]) -> usize {
    // a phrase of time and a name of two words at least; the first word no longer than the
    // longest of time (`yesterday`): most names are ruled out without a look at their words
    if words.len() < 3 || words.first().is_none_or(|w| w.len() > 9) {
        return 0;
    }
    let mut timed = false;
    let mut k = 0;
    for (i, w) in words.iter().enumerate() {
        let c = class(w);
        if c & TIME != 0 || c & MONTH != 0 && i > 0 {
            timed = true;
        } else if !["this", "last", "next", "on", "early", "late"]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
        {
            break;
        }
        k = i + 1;
    }
    let name = words
        .get(k)
        .is_some_and(|w| class(w) == 0 && w.chars().next().is_some_and(char::is_uppercase));
    if timed && name {
        k
    } else {
        0
    }
}

/// [`class`] of `word` as it is.
fn class_of(word: &str) -> u8 {
    // `US`, `IT`: an acronym, not `us` or `it`
    if word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase()) {
        return 0;
    }
    // the word lower-cased, `’` read as `'`, a byte at a time (issue 6: decoded a character
    // at a time it cost a third more)
    let mut buf = [0u8; 16];
    let (mut n, mut i) = (0, 0);
    let b = word.as_bytes();
    while let Some(&c) = b.get(i) {
        let c = if c < 0x80 {
            i += 1;
            c.to_ascii_lowercase()
        } else if matches!(b.get(i..i + 3), Some([0xE2, 0x80, 0x98 | 0x99])) {
            i += 3;
            b'\''
        } else {
            return 0;
        };
        match buf.get_mut(n) {
            Some(slot) => *slot = c,
            None => return 0,
        }
        n += 1;
    }
    let w = buf.get(..n).unwrap_or_default();
    match w {
        b"i" | b"me" | b"my" | b"mine" | b"myself" | b"we" | b"us" | b"our" | b"ours"
        | b"ourselves" | b"you" | b"your" | b"yours" | b"yourself" | b"yourselves" | b"i'm"
        | b"i've" | b"i'd" | b"i'll" | b"we're" | b"we've" | b"we'd" | b"we'll" | b"you're"
        | b"you've" | b"you'd" | b"you'll" | b"let's" => SPEAKER,
        b"a" | b"an" | b"the" | b"this" | b"that" | b"these" | b"those" | b"both" | b"all"
        | b"most" | b"more" | b"much" | b"each" | b"every" | b"either" | b"neither" | b"any"
        | b"no" | b"none" | b"few" | b"fewer" | b"several" | b"such" | b"what" | b"whatever"
        | b"one" | b"everyone" | b"everybody" | b"everything" | b"nobody" | b"nothing"
        | b"anyone" | b"anybody" | b"anything" | b"something" | b"it's" | b"that's" | b"there"
        | b"there's" | b"here" | b"what's" | b"this's" | b"last" | b"next" | b"first" | b"same"
        | b"other" => DETERMINER,
        b"second" | b"seconds" | b"minute" | b"minutes" | b"hour" | b"hours" | b"day" | b"days"
        | b"week" | b"weeks" | b"weekend" | b"month" | b"months" | b"year" | b"years"
        | b"decade" | b"decades" | b"century" | b"centuries" | b"morning" | b"afternoon"
        | b"evening" | b"night" | b"tonight" | b"today" | b"yesterday" | b"tomorrow" | b"later"
        | b"earlier" | b"ago" | b"thereafter" | b"afterwards" | b"back" | b"before" | b"after"
        | b"since" | b"now" | b"then" => TIME,
        b"monday" | b"tuesday" | b"wednesday" | b"thursday" | b"friday" | b"saturday"
        | b"sunday" => TIME | WEEKDAY,
        b"january" | b"february" | b"march" | b"april" | b"may" | b"june" | b"july" | b"august"
        | b"september" | b"october" | b"november" | b"december" => MONTH,
        b"total" | b"number" | b"lot" | b"lots" | b"handful" | b"dozen" | b"dozens" | b"bit"
        | b"part" | b"half" | b"rest" => QUANTITY,
        _ if w.iter().all(u8::is_ascii_digit) && n > 0 => DETERMINER,
        _ => 0,
    }
}

/// Whether a mention made of `words` (`pronoun`: it is one pronoun of the lists that refer
/// back, `he`, `they`, `who`) names no source. The words of the `vague` list (`some`,
/// `many`, `others`) are of no class here: they stay sources.
pub(super) fn not_a_source(words: &[&str], pronoun: bool) -> bool {
    if words.is_empty() {
        return false;
    }
    let mut all = 0u8;
    for w in words {
        let c = class(w);
        if c == 0 {
            return false;
        }
        all |= c;
    }
    // `we` and `our` are in the lists of pronouns that refer back, but only to the speaker
    // the copy quotes, which the classifier puts in their place inside a quotation
    if pronoun && all & SPEAKER == 0 {
        return false;
    }
    // `May`, `June`, `Day` alone may be a person
    match words {
        [w] if all & (TIME | MONTH) != 0 => {
            all & WEEKDAY != 0 || !w.chars().next().is_some_and(char::is_uppercase)
        }
        _ => true,
    }
}

/// The pronoun of `he's`, `she’s`, `they're`, `they've`, `they'll`, `they'd` (a word of the
/// third person with a verb run on): its first part, to be read as that pronoun.
pub(super) fn contracted(word: &str) -> Option<&str> {
    // four bytes at least from `h`, `s` or `t`, with `'` or a byte of `’` (most words are
    // ruled out without two searches: issue 6)
    let first = word.as_bytes().first().map_or(0, |b| b | 0x20);
    if word.len() < 4
        || !matches!(first, b'h' | b's' | b't')
        || !word.bytes().any(|b| b == b'\'' || b == 0xE2)
    {
        return None;
    }
    contracted_read(word)
}

/// [`contracted`] without its quick test.
fn contracted_read(word: &str) -> Option<&str> {
    let (base, _) = word
        .split_once('\'')
        .or_else(|| word.split_once('\u{2019}'))?;
    let tail = word.get(base.len()..)?;
    let tail = tail.trim_start_matches(['\'', '\u{2019}']);
    let third = ["he", "she", "they", "it"]
        .iter()
        .any(|p| base.eq_ignore_ascii_case(p));
    let verb = ["s", "re", "ve", "ll", "d"]
        .iter()
        .any(|v| tail.eq_ignore_ascii_case(v));
    // `it's` is mostly `it is called`, `it's written`: kept out (a determiner above)
    (third && verb && !base.eq_ignore_ascii_case("it")).then_some(base)
}

#[cfg(test)]
mod tests {
    #[test]
    fn phrases_of_time_before_a_name() {
        let n = |s: &str| super::time_prefix(&s.split(' ').collect::<Vec<_>>());
        assert_eq!(n("This Wednesday Foreign Minister Ana Ruiz"), 2);
        assert_eq!(n("On Monday Mayor Tom Hill"), 2);
        assert_eq!(n("On Monday Hill"), 2);
        // two words: not looked at
        assert_eq!(n("Monday Hill"), 0);
        assert_eq!(n("Yesterday the council"), 0);
        assert_eq!(n("Last May Senator Hill"), 2);
        assert_eq!(n("May Smith"), 0);
        assert_eq!(n("Doris Day"), 0);
        assert_eq!(n("Early opponent Tom Hill"), 0);
        assert_eq!(n("Later"), 0);
        assert_eq!(n("This Wednesday"), 0);
    }

    use super::not_a_source;

    fn words(s: &str) -> Vec<&str> {
        s.split(' ').collect()
    }

    #[test]
    fn closed_words_and_time_are_not_sources() {
        for s in [
            "you",
            "You",
            "your",
            "my",
            "you’re",
            "we're",
            "that",
            "it's",
            "It’s",
            "both",
            "most",
            "the most",
            "a few",
            "A total",
            "a month",
            "a March",
            "a few days",
            "A few years thereafter",
            "everyone",
            "nobody",
            "Several",
            "one",
            "the 2",
            "Last week",
            "that's",
            "today",
            "Monday",
            "Monday's",
            "last night’s",
            "everybody's",
        ] {
            assert!(not_a_source(&words(s), false), "{s}");
        }
        // `we` is a pronoun of the lists, but of the first person
        assert!(not_a_source(&["we"], true));
        assert!(not_a_source(&["our"], true));
    }

    #[test]
    fn names_and_nouns_of_speakers_are_sources() {
        for s in [
            "May",
            "June",
            "Jane",
            "officials",
            "the ministry",
            "my parents",
            "your team",
            "a spokesperson",
            "A total stranger",
            "the first lady",
            "one resident",
            "the people",
            "The Times",
            "some",
            "many",
            "others",
            "a few residents",
            "Most users",
            "Both sides",
            "a number of senators",
            "Reuters",
            "北京",
            "the 2 sisters",
            "the US",
            "the couple",
            "Jane's",
            "the WHO's",
            "May's",
            "Day",
            "Day's",
            "Knight",
            "Doris Day",
        ] {
            assert!(!not_a_source(&words(s), false), "{s}");
        }
        // pronouns that refer back to a source
        for s in ["he", "they", "it", "who", "which"] {
            assert!(!not_a_source(&[s], true), "{s}");
        }
    }

    #[test]
    fn third_person_contractions_are_their_pronoun() {
        use super::contracted;
        assert_eq!(contracted("they're"), Some("they"));
        assert_eq!(contracted("He’s"), Some("He"));
        assert_eq!(contracted("she'd"), Some("she"));
        for w in [
            "it's", "you're", "we've", "O'Brien", "they", "they'rex", "Jane's",
        ] {
            assert_eq!(contracted(w), None, "{w}");
        }
    }

    /// The quick test rules out no contraction: on words made of pronouns, apostrophes (one
    /// or several, straight or curly), verb endings and other pieces, in any case, `contracted`
    /// is what the full reading gives.
    #[test]
    fn quick_test_of_contractions_is_the_full_reading() {
        let pieces = [
            "he", "she", "they", "it", "He", "SHE", "They", "h", "t", "s", "'", "\u{2019}", "'",
            "\u{2019}", "s", "re", "ve", "ll", "d", "x", "é", "Smith", "",
        ];
        let mut rng = crate::testrng::Rng::new(0xc0_47_2a_c7);
        let mut some = 0;
        for _ in 0..20_000 {
            let mut w = String::new();
            // half of them shaped as a contraction: a piece, apostrophes, a piece
            if rng.below(2) == 0 {
                w.push_str(rng.pick(&pieces));
                for _ in 0..rng.below(3) + 1 {
                    w.push_str(rng.pick(&["'", "\u{2019}"]));
                }
                w.push_str(rng.pick(&pieces));
            } else {
                for _ in 0..rng.below(5) + 1 {
                    w.push_str(rng.pick(&pieces));
                }
            }
            let full = super::contracted_read(&w);
            assert_eq!(super::contracted(&w), full, "{w:?}");
            some += usize::from(full.is_some());
        }
        assert!(some > 200, "{some}");
    }
}
