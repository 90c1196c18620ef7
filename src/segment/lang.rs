//! Language data for the segmenter, read once from `rules/lang/en.toml`.

use crate::lexicon::FxBuild;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The built-in English data (embedded at compile time).
pub const EN_TOML: &str = include_str!("../../rules/lang/en.toml");

#[derive(Debug, Deserialize)]
struct Raw {
    abbreviations: RawAbbrev,
    words: RawWords,
    quotes: RawQuotes,
}

#[derive(Debug, Deserialize)]
struct RawAbbrev {
    titles: Vec<String>,
    before_number: Vec<String>,
    dates: Vec<String>,
    time: Vec<String>,
    common: Vec<String>,
    #[serde(default)]
    states: Vec<String>,
    #[serde(default)]
    state_words: Vec<String>,
    #[serde(default)]
    parties: Vec<String>,
    #[serde(default)]
    units: Vec<String>,
    #[serde(default)]
    unit_rates: Vec<String>,
    #[serde(default)]
    scales: Vec<String>,
    #[serde(default)]
    degree_words: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawWords {
    starters: Vec<String>,
    after_time: Vec<String>,
    #[serde(default)]
    credit_labels: Vec<String>,
    #[serde(default)]
    time_zones: Vec<String>,
    #[serde(default)]
    time_prepositions: Vec<String>,
    #[serde(default)]
    months: Vec<String>,
    #[serde(default)]
    weekdays: Vec<String>,
    #[serde(default)]
    exclamation_names: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawQuotes {
    elisions: Vec<String>,
}

/// What an abbreviation before a period is, as far as sentence ends are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbrevKind {
    /// Mr., Dr., Gen.: a name follows.
    Title,
    /// No., p., Fig.: a number follows.
    BeforeNumber,
    /// Jan., Tue.
    Date,
    /// a.m., p.m.
    Time,
    /// Inc., etc., U.S.
    Common,
    /// A US state: Mass., N.H. (only when capitalised).
    State,
}

/// A set of lower-case words, looked up by their bytes (FxHash: the splitter looks up the word
/// before every period, and SipHash on these short keys was most of that cost, issue 6).
type Words = HashSet<Box<[u8]>, FxBuild>;

/// Word lists used by the segmenter, all lower case.
#[derive(Debug, Default, PartialEq)]
pub struct Lang {
    /// Every abbreviation with its class; a word in several lists takes the first of titles,
    /// before-number, time, dates, common (the order [`Lang::abbrev`] answers in).
    abbrevs: HashMap<Box<[u8]>, AbbrevKind, FxBuild>,
    /// Length in bytes of the longest abbreviation: a longer word is none (no lookup).
    abbrev_max: usize,
    /// Per first and last byte of an abbreviation (see [`sieve_slot`]), the lengths it comes in
    /// (bit `len`, lengths from 31 on sharing bit 31): a word whose bit is clear is none, with
    /// no copy and no hash (issue 6: the lookup was a fifth of deciding a period).
    abbrev_sieve: Vec<u32>,
    /// The same sieve for the weekdays and months: a word whose bit is clear is neither (the
    /// dateline test asks it of the first word of every block, issue 6).
    date_sieve: Vec<u32>,
    before_number: Words,
    /// States that are also capitalised ordinary words (Mass, Ore).
    state_words: Words,
    /// Party letters of a party-state tag (D, R, I).
    parties: Words,
    /// Units written after a number (pct, km).
    units: Words,
    starters: Words,
    after_time: Words,
    credit_labels: Words,
    time_zones: Words,
    time_prepositions: Words,
    months: Words,
    weekdays: Words,
    exclamation_names: Words,
    elisions: Words,
    unit_rates: Words,
    scales: Words,
    degree_words: Words,
}

fn set(v: Vec<String>) -> Words {
    v.into_iter()
        .map(|mut s| {
            // an ASCII word lower-cased in place (the same result as `to_lowercase`, without a
            // copy: issue 6, start-up)
            if s.is_ascii() {
                s.make_ascii_lowercase();
            } else {
                s = s.to_lowercase();
            }
            s.into_bytes().into_boxed_slice()
        })
        .collect()
}

impl Lang {
    /// Parses language data in the format of `rules/lang/en.toml`.
    pub fn parse(toml_text: &str) -> crate::error::Result<Lang> {
        let raw: Raw = toml::from_str(toml_text).map_err(|e| crate::error::Error::Rule {
            path: "rules/lang/en.toml".into(),
            message: e.to_string(),
        })?;
        Ok(Lang::from_raw(raw))
    }

    fn from_raw(raw: Raw) -> Lang {
        let a = raw.abbreviations;
        let before_number = set(a.before_number);
        // lowest precedence first: a later class overwrites an earlier one
        let mut abbrevs = HashMap::default();
        for (words, kind) in [
            (set(a.states), AbbrevKind::State),
            (set(a.common), AbbrevKind::Common),
            (set(a.dates), AbbrevKind::Date),
            (set(a.time), AbbrevKind::Time),
            (before_number.clone(), AbbrevKind::BeforeNumber),
            (set(a.titles), AbbrevKind::Title),
        ] {
            for w in words {
                abbrevs.insert(w, kind);
            }
        }
        let abbrev_max = abbrevs.keys().map(|k| k.len()).max().unwrap_or(0);
        let mut abbrev_sieve = vec![0u32; SIEVE_SLOTS];
        for k in abbrevs.keys() {
            if let Some((slot, bit)) = sieve_slot(k) {
                if let Some(m) = abbrev_sieve.get_mut(slot) {
                    *m |= bit;
                }
            }
        }
        let weekdays = set(raw.words.weekdays);
        let months = set(raw.words.months);
        let mut date_sieve = vec![0u32; SIEVE_SLOTS];
        for k in weekdays.iter().chain(&months) {
            if let Some((slot, bit)) = sieve_slot(k) {
                if let Some(m) = date_sieve.get_mut(slot) {
                    *m |= bit;
                }
            }
        }
        Lang {
            abbrevs,
            abbrev_max,
            abbrev_sieve,
            date_sieve,
            before_number,
            state_words: set(a.state_words),
            parties: set(a.parties),
            units: set(a.units),
            unit_rates: set(a.unit_rates),
            scales: set(a.scales),
            degree_words: set(a.degree_words),
            starters: set(raw.words.starters),
            after_time: set(raw.words.after_time),
            credit_labels: set(raw.words.credit_labels),
            time_zones: set(raw.words.time_zones),
            time_prepositions: set(raw.words.time_prepositions),
            months,
            weekdays,
            exclamation_names: set(raw.words.exclamation_names),
            elisions: set(raw.quotes.elisions),
        }
    }

    /// The abbreviation class of `word` (without its final period), if any. A state
    /// abbreviation counts only when capitalised (Mass, N.H; "ill" and "mass" are words).
    pub fn abbrev(&self, word: &str) -> Option<AbbrevKind> {
        if word.len() > self.abbrev_max {
            return None;
        }
        let (slot, bit) = sieve_slot(word.as_bytes())?;
        if self.abbrev_sieve.get(slot).is_none_or(|&m| m & bit == 0) {
            return None;
        }
        let mut buf = [0u8; 24];
        let w = lower(word, &mut buf)?;
        match self.abbrevs.get(w).copied() {
            Some(AbbrevKind::State) if !word.starts_with(|c: char| c.is_ascii_uppercase()) => None,
            k => k,
        }
    }

    /// Whether `word` is a capitalised US state abbreviation (Mass, N.H; not "ill").
    pub fn is_state(&self, word: &str) -> bool {
        self.abbrev(word) == Some(AbbrevKind::State)
    }

    /// Whether the state abbreviation `word` is also an ordinary word (Mass, Ore).
    pub fn is_state_word(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.state_words.contains(w))
    }

    /// Whether `word` is the party letter of a party-state tag (the D of "D-Mass").
    pub fn is_party(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        word.starts_with(|c: char| c.is_ascii_uppercase())
            && lower(word, &mut buf).is_some_and(|w| self.parties.contains(w))
    }

    /// Whether `word` is a unit written after a number (pct, km).
    pub fn is_unit(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.units.contains(w))
    }

    /// Whether `word` before a unit makes it a rate, as a number would (a, per: "cars a yr.").
    pub fn is_unit_rate(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.unit_rates.contains(w))
    }

    /// Whether the capital `letter` after the word `before` is a temperature scale
    /// ("degrees F").
    pub fn is_scale(&self, before: &str, letter: &str) -> bool {
        let (mut b1, mut b2) = ([0u8; 24], [0u8; 24]);
        letter.starts_with(|c: char| c.is_ascii_uppercase())
            && lower(letter, &mut b1).is_some_and(|w| self.scales.contains(w))
            && lower(before, &mut b2).is_some_and(|w| self.degree_words.contains(w))
    }

    /// Whether `word` takes a number after its period (No. 5).
    pub fn is_before_number(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.before_number.contains(w))
    }

    /// Whether a capitalised `word` is a closed-class word that can start a sentence.
    pub fn is_starter(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.starters.contains(w))
    }

    /// Whether a capitalised `word` may follow a clock time in the same sentence (Monday, EST).
    pub fn is_after_time(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.after_time.contains(w))
    }

    /// Whether `word` labels a caption credit (Image, Photo) when followed by a colon.
    pub fn is_credit_label(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.credit_labels.contains(w))
    }

    /// Whether `word` names a time zone (PT, EST).
    pub fn is_time_zone(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.time_zones.contains(w))
    }

    /// Whether `word` is a preposition that opens a sentence with a clock time (At, By).
    pub fn is_preposition(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.time_prepositions.contains(w))
    }

    /// Whether `word` names a month (May, Sept).
    pub fn is_month(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.months.contains(w))
    }

    /// Whether `word` names a weekday (Thursday, Thu).
    /// False when `word` is neither a weekday ([`Lang::is_weekday`]) nor a month
    /// ([`Lang::is_month`]), told without a copy or a hash; true when it may be one.
    pub fn may_be_date_word(&self, word: &str) -> bool {
        sieve_slot(word.as_bytes())
            .is_some_and(|(slot, bit)| self.date_sieve.get(slot).is_some_and(|&m| m & bit != 0))
    }

    pub fn is_weekday(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.weekdays.contains(w))
    }

    /// Whether `word` is a name spelt with a final `!` (Yahoo!, Jeopardy!).
    pub fn is_exclamation_name(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.exclamation_names.contains(w))
    }

    /// Whether `word` is an elided form written with a leading apostrophe ('em, ’n’).
    pub fn is_elision(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        lower(word, &mut buf).is_some_and(|w| self.elisions.contains(w))
    }
}

/// ASCII-lower-cases `word` into `buf`; `None` when it is too long to be in any list.
/// Slots of [`Lang::abbrev_sieve`]: five bits of the first byte by five of the last.
const SIEVE_SLOTS: usize = 1024;

/// The sieve slot and length bit of a word, from its ASCII-lower-cased first and last bytes
/// (so a word and the lower-case key it is looked up as share them); `None` for an empty word.
#[inline]
fn sieve_slot(w: &[u8]) -> Option<(usize, u32)> {
    let first = usize::from(w.first()?.to_ascii_lowercase() & 0x1f);
    let last = usize::from(w.last()?.to_ascii_lowercase() & 0x1f);
    Some((first << 5 | last, 1u32 << w.len().min(31)))
}

fn lower<'a>(word: &str, buf: &'a mut [u8; 24]) -> Option<&'a [u8]> {
    let b = word.as_bytes();
    let dst = buf.get_mut(..b.len())?;
    dst.copy_from_slice(b);
    dst.make_ascii_lowercase();
    Some(dst)
}

static EN: LazyLock<Lang> = LazyLock::new(|| {
    // the tree build.rs compiled from the same file; the text is parsed only if that fails
    crate::rules::builtin_lang_tree()
        .and_then(crate::rules::read_tree::<Raw>)
        .map(Lang::from_raw)
        .unwrap_or_else(|| Lang::parse(EN_TOML).unwrap_or_default())
});

/// The built-in English data. A malformed built-in file yields empty lists here (never a panic);
/// the test `builtin_language_data_parses` catches it at build time.
pub fn en() -> &'static Lang {
    &EN
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A set holds each word as `to_lowercase` gives it, ASCII or not.
    #[test]
    fn set_lower_cases_as_to_lowercase() {
        let words = ["Mr", "U.S", "já", "İ", "ÉTÉ", "x"];
        let got = set(words.iter().map(|w| w.to_string()).collect());
        let want: Words = words
            .iter()
            .map(|w| w.to_lowercase().into_bytes().into_boxed_slice())
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn builtin_language_data_parses() {
        let lang = Lang::parse(EN_TOML).unwrap();
        assert_eq!(lang.abbrev("Mr"), Some(AbbrevKind::Title));
        assert_eq!(lang.abbrev("Inc"), Some(AbbrevKind::Common));
        assert!(lang.is_starter("The"));
        assert!(lang.is_elision("em"));
        assert!(lang.is_credit_label("Image"));
        assert!(lang.is_preposition("At"));
        assert!(lang.is_time_zone("PT") && !lang.is_time_zone("Pt."));
        assert!(lang.is_month("May") && lang.is_weekday("Thursday"));
        assert!(lang.is_exclamation_name("Yahoo"));
        assert!(lang.is_state("Mass") && lang.is_state("N.H") && !lang.is_state("ill"));
        assert_eq!(lang.abbrev("Calif"), Some(AbbrevKind::State));
        assert_eq!(lang.abbrev("ill"), None);
        assert!(lang.is_state_word("Mass") && !lang.is_state_word("Calif"));
        assert!(lang.is_party("D") && !lang.is_party("d"));
        assert!(lang.is_unit("pct") && !lang.is_unit("Inc"));
        assert!(lang.is_unit_rate("per") && !lang.is_unit_rate("the"));
        assert!(lang.is_scale("degrees", "F") && !lang.is_scale("Robert", "F"));
    }

    /// The sieve turns down no word the table holds, in any ASCII case, and changes no answer
    /// on other words (every key with each letter's case flipped in turn, and words of the
    /// corpus' shapes).
    #[test]
    fn date_sieve_keeps_every_weekday_and_month() {
        let lang = en();
        let mut words: Vec<String> = Vec::new();
        for k in lang.weekdays.iter().chain(&lang.months) {
            let k = String::from_utf8(k.to_vec()).unwrap();
            words.push(k.to_ascii_uppercase());
            for i in 0..k.len() {
                let mut v = k.clone().into_bytes();
                v[i] = v[i].to_ascii_uppercase();
                words.push(String::from_utf8(v).unwrap_or_default());
            }
            words.push(format!("{k}s"));
            words.push(k);
        }
        for w in [
            "The", "A", "said", "Smith", "1990", "é", "Straße", "", "x", "Mayor",
        ] {
            words.push(w.to_string());
        }
        let mut ruled_out = 0;
        for w in &words {
            if !lang.may_be_date_word(w) {
                ruled_out += 1;
                assert!(!lang.is_weekday(w) && !lang.is_month(w), "{w:?}");
            }
        }
        assert!(ruled_out >= 8, "{ruled_out}");
    }

    #[test]
    fn abbreviation_sieve_is_exact() {
        let lang = en();
        let unsieved = |word: &str| {
            if word.len() > lang.abbrev_max {
                return None;
            }
            let mut buf = [0u8; 24];
            let w = lower(word, &mut buf)?;
            match lang.abbrevs.get(w).copied() {
                Some(AbbrevKind::State) if !word.starts_with(|c: char| c.is_ascii_uppercase()) => {
                    None
                }
                k => k,
            }
        };
        let mut words: Vec<String> = Vec::new();
        for k in lang.abbrevs.keys() {
            let k = String::from_utf8(k.to_vec()).unwrap();
            words.push(k.to_ascii_uppercase());
            for i in 0..k.len() {
                let mut v = k.clone().into_bytes();
                v[i] = v[i].to_ascii_uppercase();
                words.push(String::from_utf8(v).unwrap_or_default());
            }
            words.push(format!("{k}s"));
            words.push(format!("x{k}"));
            words.push(k);
        }
        for w in [
            "said", "Smith", "U.S", "e.g", "1990", "Ph.D", "é", "Straße", "", "a", "Z",
        ] {
            words.push(w.to_string());
        }
        assert!(words.len() > 1000);
        for w in &words {
            assert_eq!(lang.abbrev(w), unsieved(w), "{w:?}");
        }
    }

    #[test]
    fn compiled_tree_equals_parsed_text() {
        let tree = crate::rules::builtin_lang_tree().unwrap();
        let from_tree = Lang::from_raw(crate::rules::read_tree::<Raw>(tree).unwrap());
        let from_text = Lang::parse(EN_TOML).unwrap();
        assert!(from_tree == from_text);
    }

    #[test]
    fn malformed_data_is_an_error() {
        assert!(Lang::parse("[abbreviations]\ntitles = 3").is_err());
    }
}
