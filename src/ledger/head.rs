//! The head noun of an indefinite noun phrase (`a senior official`, `an executive order to
//! add`, `a report by the agency`), and whether it names a speaker.
//!
//! An indefinite noun phrase is an anonymous source only when its head is a person or a body
//! (`a senior official`, `a spokesperson`, `a firm`, `two people familiar with`); headed by a
//! document word it is a document (`a report by the agency`); headed by anything else (`an
//! executive order`, `a British colony called`, `a species of ray`, `a trial of four drugs`)
//! it names no speaker at all. The head is the last word before the first word that ends the
//! noun phrase: a preposition, a conjunction, a relative word or an auxiliary verb (`an
//! executive order to add` → `order`). Those are words of closed classes, the same in all
//! news copy, kept here as in [`super::filter`]; the nouns of speakers are the rule files'
//! lists, with a few nouns of people and of published items they lack.

/// Whether `word` (any case) ends a noun phrase: a preposition, a conjunction, a relative or
/// subordinating word, a participle of naming, an auxiliary or a verb of speech.
pub(super) fn ends_phrase(word: &str) -> bool {
    let mut buf = [0u8; 12];
    let Some(w) = lower(word, &mut buf) else {
        return false;
    };
    matches!(
        w,
        b"of"
            | b"for"
            | b"by"
            | b"from"
            | b"with"
            | b"at"
            | b"in"
            | b"on"
            | b"to"
            | b"about"
            | b"over"
            | b"under"
            | b"into"
            | b"after"
            | b"before"
            | b"since"
            | b"during"
            | b"against"
            | b"among"
            | b"between"
            | b"through"
            | b"near"
            | b"across"
            | b"inside"
            | b"within"
            | b"outside"
            | b"without"
            | b"and"
            | b"or"
            | b"but"
            | b"as"
            | b"like"
            | b"than"
            | b"who"
            | b"whom"
            | b"whose"
            | b"that"
            | b"which"
            | b"where"
            | b"when"
            | b"called"
            | b"named"
            | b"dubbed"
            | b"is"
            | b"was"
            | b"are"
            | b"were"
            | b"has"
            | b"had"
            | b"have"
            | b"will"
            | b"would"
            | b"could"
            | b"can"
            | b"said"
            | b"says"
            | b"told"
    )
}

/// Nouns of people and of bodies that the rule files' lists of speakers lack (singular; a
/// plural in `s` is looked up without it).
pub(super) fn is_person_noun(word: &str) -> bool {
    singular_or_plural(word, |w| {
        matches!(
            w,
            b"man"
                | b"men"
                | b"woman"
                | b"women"
                | b"boy"
                | b"girl"
                | b"child"
                | b"children"
                | b"resident"
                | b"witness"
                | b"witnesse"
                | b"doctor"
                | b"nurse"
                | b"teacher"
                | b"student"
                | b"worker"
                | b"member"
                | b"protester"
                | b"protestor"
                | b"candidate"
                | b"nominee"
                | b"voter"
                | b"lawyer"
                | b"attorney"
                | b"host"
                | b"writer"
                | b"author"
                | b"producer"
                | b"editor"
                | b"reporter"
                | b"journalist"
                | b"correspondent"
                | b"user"
                | b"expert"
                | b"analyst"
                | b"researcher"
                | b"scientist"
                | b"economist"
                | b"historian"
                | b"victim"
                | b"survivor"
                | b"relative"
                | b"friend"
                | b"neighbour"
                | b"neighbor"
                | b"colleague"
                | b"supporter"
                | b"opponent"
                | b"critic"
                | b"activist"
                | b"leader"
                | b"politician"
                | b"prosecutor"
                | b"investigator"
                | b"detective"
                | b"paramedic"
                | b"firefighter"
                | b"soldier"
                | b"passenger"
                | b"driver"
                | b"pilot"
                | b"fan"
                | b"player"
                | b"coach"
                | b"owner"
                | b"manager"
                | b"director"
                | b"representative"
                | b"republican"
                | b"democrat"
                | b"country"
                | b"countrie"
                | b"nation"
                | b"team"
                | b"club"
                | b"school"
                | b"hospital"
                | b"airline"
                | b"charity"
                | b"regulator"
                | b"watchdog"
                | b"panel"
                | b"jury"
                | b"court"
                | b"family"
                | b"familie"
                | b"eyewitness"
                | b"eyewitnesse"
                | b"interviewee"
                | b"actor"
                | b"actress"
                | b"co-author"
                | b"organizer"
                | b"organiser"
                | b"mother"
                | b"father"
                | b"parent"
                | b"son"
                | b"daughter"
                | b"wife"
                | b"husband"
                | b"brother"
                | b"sister"
                | b"crew"
                | b"museum"
                | b"crowd"
                | b"audience"
                | b"liberal"
                | b"narrator"
                | b"questioner"
                | b"speechwriter"
                | b"reader"
                | b"viewer"
                | b"listener"
                | b"caller"
                | b"chairman"
                | b"chairwoman"
                | b"chair"
                | b"fellow"
                | b"majority"
                | b"minority"
                | b"percent"
                | b"conservative"
                | b"assembly"
                | b"site"
                | b"website"
        )
    })
}

/// Published items that speak for their authors, missing from the rule files' list of
/// documents (`a tweet by the minister`, `a video on the site`).
pub(super) fn is_item_noun(word: &str) -> bool {
    singular_or_plural(word, |w| {
        matches!(
            w,
            b"tweet"
                | b"post"
                | b"video"
                | b"book"
                | b"article"
                | b"paper"
                | b"blog"
                | b"release"
                | b"recording"
                | b"message"
                | b"interview"
                | b"editorial"
                | b"column"
                | b"autopsy"
                | b"ad"
                | b"advert"
                | b"slide"
                | b"chart"
                | b"investigation"
                | b"inquiry"
                | b"decision"
                | b"ruling"
                | b"review"
                | b"audit"
                | b"finding"
        )
    })
}

/// Whether `word`, as [`lower`] gives it (16 bytes at most), is one of `one`'s words or the
/// plural of one in `s`.
fn singular_or_plural(word: &str, one: impl Fn(&[u8]) -> bool) -> bool {
    let mut buf = [0u8; 16];
    lower(word, &mut buf).is_some_and(|w| one(w) || w.strip_suffix(b"s").is_some_and(&one))
}

/// `word` in ASCII lower case in `buf`, a possessive `'s` cut off; `None` when it is not
/// ASCII or longer than `buf`.
fn lower<'b>(word: &str, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word);
    let b = word.as_bytes();
    if !word.is_ascii() || b.len() > buf.len() {
        return None;
    }
    let out = buf.get_mut(..b.len())?;
    for (o, c) in out.iter_mut().zip(b) {
        *o = c.to_ascii_lowercase();
    }
    Some(out)
}

/// The index among `words` of the head of an indefinite noun phrase whose determiner is
/// `words[0]`: the last word before the first word (after the determiner) that ends the
/// phrase; `None` when the determiner ends the phrase at once.
pub(super) fn head(words: &[&str]) -> Option<usize> {
    let cut = words
        .iter()
        .enumerate()
        .skip(1)
        .find(|&(k, w)| ends_phrase(w) || k >= 2 && participle(words, k))
        .map_or(words.len(), |(k, _)| k);
    let k = cut.checked_sub(1).filter(|&k| k >= 1)?;
    // `a number of senators`, `a majority of voters`: the head of what follows `of`
    let of = words.get(cut).is_some_and(|w| w.eq_ignore_ascii_case("of"));
    if of && words.get(k).is_some_and(|w| is_share(w)) {
        if let Some(rest) = words.get(cut..) {
            return head(rest).map(|h| h + cut).or(Some(k));
        }
    }
    Some(k)
}

/// Whether `words[k]` is a participle that starts a reduced relative clause after the head
/// (`a film crew working on`, `a report released on`): a lower-case word in `-ing` or `-ed`
/// not after an adverb in `-ly` (`a newly elected senator`).
fn participle(words: &[&str], k: usize) -> bool {
    let Some(w) = words.get(k) else {
        return false;
    };
    let lower = w.chars().next().is_some_and(char::is_lowercase);
    let form = w.len() > 5 && (w.ends_with("ing") || w.ends_with("ed"));
    let adverb = k
        .checked_sub(1)
        .and_then(|j| words.get(j))
        .is_some_and(|p| p.ends_with("ly"));
    lower && form && !adverb
}

/// A noun of quantity or of a share (`number`, `lot`, `majority`, `percent`).
fn is_share(word: &str) -> bool {
    if super::filter::is_quantity(word) {
        return true;
    }
    let mut buf = [0u8; 12];
    lower(word, &mut buf).is_some_and(|w| {
        matches!(
            w,
            b"majority" | b"minority" | b"percent" | b"share" | b"third" | b"quarter"
        )
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn head_is_the_last_word_before_the_phrase_ends() {
        fn h(s: &str) -> Option<&str> {
            let w: Vec<&str> = s.split(' ').collect();
            super::head(&w).and_then(|k| w.get(k).copied())
        }
        assert_eq!(h("a senior official"), Some("official"));
        assert_eq!(h("an executive order to add"), Some("order"));
        assert_eq!(h("a report by the agency"), Some("report"));
        assert_eq!(h("a man in his forties"), Some("man"));
        assert_eq!(h("a spokesperson"), Some("spokesperson"));
        assert_eq!(h("a"), None);
        assert_eq!(h("a of"), None);
        assert_eq!(h("a number of senators"), Some("senators"));
        assert_eq!(h("A lot of local voters in town"), Some("voters"));
        assert_eq!(h("a lot of"), Some("lot"));
        assert_eq!(h("a film crew working on a movie"), Some("crew"));
        assert_eq!(h("a building"), Some("building"));
        assert_eq!(h("a union representing nurses"), Some("union"));
        assert_eq!(h("a report released on Monday"), Some("report"));
        assert_eq!(h("a newly elected senator"), Some("senator"));
        assert_eq!(h("a majority of voters"), Some("voters"));
        assert!(super::is_person_noun("Women"));
        assert!(super::is_person_noun("residents"));
        assert!(!super::is_person_noun("colony"));
        assert!(super::is_item_noun("tweets"));
        assert!(!super::is_item_noun("species"));
    }
}
