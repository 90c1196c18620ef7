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
pub(super) fn time_prefix(words: &[&str], raw: Option<&[u8]>) -> usize {
    // a phrase of time and a name of two words at least; the first word no longer than the
    // longest of time (`yesterday`): most names are ruled out without a look at their words
    if words.len() < 3 || words.first().is_none_or(|w| w.len() > 9) {
        return 0;
    }
    let mut timed = false;
    let mut k = 0;
    for (i, w) in words.iter().enumerate() {
        let c = class_at(words, raw, i);
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
    let name = words.get(k).is_some_and(|w| {
        class_at(words, raw, k) == 0 && w.chars().next().is_some_and(char::is_uppercase)
    });
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
    // (ASCII and `'` only: always a `str`)
    let c = std::str::from_utf8(w).map_or(0, class_of_lowered);
    if c == 0 && n > 0 && w.iter().all(u8::is_ascii_digit) {
        DETERMINER
    } else {
        c
    }
}

/// The words of the classes, and the class of a word among them (lower-case, `'` for `’`),
/// from one table: the ledger's word table holds the same words ([`CLASS_WORDS`]).
macro_rules! word_classes {
    ($($class:expr => [$($w:literal)|+]),+ $(,)?) => {
        /// Every word of a class, with its classes.
        pub(super) const CLASS_WORDS: &[(&str, u8)] = &[$($(($w, $class)),+),+];

        /// The classes of a lower-cased word (0: none).
        fn class_of_lowered(w: &str) -> u8 {
            match w {
                $($($w)|+ => $class,)+
                _ => 0,
            }
        }
    };
}

word_classes! {
    SPEAKER => ["i" | "me" | "my" | "mine" | "myself" | "we" | "us" | "our" | "ours"
        | "ourselves" | "you" | "your" | "yours" | "yourself" | "yourselves" | "i'm"
        | "i've" | "i'd" | "i'll" | "we're" | "we've" | "we'd" | "we'll" | "you're"
        | "you've" | "you'd" | "you'll" | "let's"],
    DETERMINER => ["a" | "an" | "the" | "this" | "that" | "these" | "those" | "both" | "all"
        | "most" | "more" | "much" | "each" | "every" | "either" | "neither" | "any"
        | "no" | "none" | "few" | "fewer" | "several" | "such" | "what" | "whatever"
        | "one" | "everyone" | "everybody" | "everything" | "nobody" | "nothing"
        | "anyone" | "anybody" | "anything" | "something" | "it's" | "that's" | "there"
        | "there's" | "here" | "what's" | "this's" | "last" | "next" | "first" | "same"
        | "other"],
    TIME => ["second" | "seconds" | "minute" | "minutes" | "hour" | "hours" | "day" | "days"
        | "week" | "weeks" | "weekend" | "month" | "months" | "year" | "years"
        | "decade" | "decades" | "century" | "centuries" | "morning" | "afternoon"
        | "evening" | "night" | "tonight" | "today" | "yesterday" | "tomorrow" | "later"
        | "earlier" | "ago" | "thereafter" | "afterwards" | "back" | "before" | "after"
        | "since" | "now" | "then"],
    TIME | WEEKDAY => ["monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday"
        | "sunday"],
    MONTH => ["january" | "february" | "march" | "april" | "may" | "june" | "july" | "august"
        | "september" | "october" | "november" | "december"],
    QUANTITY => ["total" | "number" | "lot" | "lots" | "handful" | "dozen" | "dozens" | "bit"
        | "part" | "half" | "rest"],
}

/// [`class`] of `word` given `raw`, the classes the ledger's word table gives it (a lookup
/// of its [`CLASS_WORDS`] up to ASCII case and `’`): the same answer without the
/// word lower-cased and compared here (issue 6).
pub(super) fn class_read(word: &str, raw: u8) -> u8 {
    let c = if raw != 0 {
        // `US`, `IT`: an acronym (every word of the table is lower-case)
        if word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase()) {
            0
        } else {
            raw
        }
    } else if !word.is_ascii() {
        // `‘` is read as `'` here, not in the table
        return class(word);
    } else if (1..=16).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit()) {
        DETERMINER
    } else {
        0
    };
    match c {
        // (an ASCII word: no `’s`)
        0 => word
            .strip_suffix("'s")
            .filter(|w| !w.is_empty())
            .map_or(0, class_of),
        c => c,
    }
}

/// The classes of word `i` of `words`: [`class_read`] of its classes in `raw` (the ledger's
/// word table), or [`class`] without the table.
fn class_at(words: &[&str], raw: Option<&[u8]>, i: usize) -> u8 {
    let w = words.get(i).copied().unwrap_or("");
    match raw.and_then(|r| r.get(i)) {
        Some(&r) => class_read(w, r),
        None => class(w),
    }
}

/// Whether a mention made of `words` (`pronoun`: it is one pronoun of the lists that refer
/// back, `he`, `they`, `who`) names no source. The words of the `vague` list (`some`,
/// `many`, `others`) are of no class here: they stay sources.
pub(super) fn not_a_source(words: &[&str], raw: Option<&[u8]>, pronoun: bool) -> bool {
    if words.is_empty() {
        return false;
    }
    let mut all = 0u8;
    for i in 0..words.len() {
        let c = class_at(words, raw, i);
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
        let n = |s: &str| {
            let w: Vec<&str> = s.split(' ').collect();
            let (plain, read) = (
                super::time_prefix(&w, None),
                super::time_prefix(&w, Some(&raw(&w))),
            );
            assert_eq!(plain, read, "{s}");
            plain
        };
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

    /// The classes the ledger's word table of the built-in checks gives `words`.
    fn raw(words: &[&str]) -> Vec<u8> {
        let set = crate::checks::CheckSet::builtin().unwrap();
        let table = set.ledger_words().unwrap();
        words
            .iter()
            .map(|w| super::super::kinds::class_bits(table.of(w)))
            .collect()
    }

    /// [`super::not_a_source`] read with the table and without it (the same).
    fn not_a_source(words: &[&str], pronoun: bool) -> bool {
        let plain = super::not_a_source(words, None, pronoun);
        let read = super::not_a_source(words, Some(&raw(words)), pronoun);
        assert_eq!(plain, read, "{words:?}");
        plain
    }

    /// A word's classes read from the table are what [`super::class`] gives, on the words of
    /// the classes and others in any case, as possessives, with curly quotes, digits and
    /// acronyms.
    #[test]
    fn classes_read_from_the_table_are_the_classes() {
        let set = crate::checks::CheckSet::builtin().unwrap();
        let table = set.ledger_words().unwrap();
        let mut words: Vec<String> = super::CLASS_WORDS
            .iter()
            .map(|(w, _)| w.to_string())
            .collect();
        let n = words.len();
        words.extend(
            [
                "Smith",
                "US",
                "IT",
                "I",
                "2",
                "1984",
                "12345678901234567",
                "x",
                "Mays",
                "Dayton",
            ]
            .iter()
            .map(|w| w.to_string()),
        );
        let mut rng = crate::testrng::Rng::new(0x0c1a_55e5);
        let (mut some, mut none) = (0, 0);
        for _ in 0..20_000 {
            let mut w = words[rng.below(words.len())].clone();
            match rng.below(6) {
                0 => w = w.to_uppercase(),
                1 => w = w.replace('\'', "\u{2019}"),
                2 => w = w.replace('\'', "\u{2018}"),
                3 => {
                    let mut c = w.chars();
                    w = c
                        .next()
                        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect());
                }
                _ => {}
            }
            match rng.below(5) {
                0 => w.push_str("'s"),
                1 => w.push_str("\u{2019}s"),
                2 => w.push('s'),
                _ => {}
            }
            let want = super::class(&w);
            let raw = super::super::kinds::class_bits(table.of(&w));
            assert_eq!(super::class_read(&w, raw), want, "{w:?}");
            if want == 0 {
                none += 1
            } else {
                some += 1
            }
        }
        assert!(some > 5000 && none > 2000 && n > 100, "{some} {none}");
    }

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
