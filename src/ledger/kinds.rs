//! The table of the words the ledger reads in names: which of the lists
//! `crate::checks::LEDGER_WORDS` each word is an entry of, and which of the kind lists
//! `crate::checks::LEDGER_KINDS` have it as a whole entry, in one lookup a word; most names'
//! kinds are read from their words' bits without a walk over the name (issue 6).

use crate::checks::phrases::{ascii_lower, load, load_short, PhraseList, WordSets, HIGH, ONES};

/// Where the bits of the kind lists start in [`WordTable::of`]: bit `KINDS + k` is kind list
/// `k` (below: the word lists).
pub(crate) const KINDS: u32 = 8;

/// At most this many kind lists (bits `KINDS` to `CLASSES - 1`).
const MOST_KINDS: usize = 16;

/// Where the bits of the word classes of [`super::filter`] start in [`WordTable::of`] (six
/// bits).
const CLASSES: u32 = 24;

/// The bit of [`WordTable::of`] (above the kind lists') of the first run of a pattern of the
/// kind lists that is more than one run of ASCII letters and digits (`associated press`,
/// `u.s.`, `not authorized`): a name holding it needs the walk. After the shift by [`KINDS`],
/// [`MORE`].
const MORE_BIT: u32 = 1 << 31;

/// [`MORE_BIT`] among the kind bits.
pub(super) const MORE: u32 = MORE_BIT >> KINDS;

/// The kind bits of a word whose bits in [`WordTable::of`] are `all` (kind list `k`: bit `k`;
/// [`MORE`]).
#[inline]
pub(super) fn kind_bits(all: u32) -> u32 {
    (all >> KINDS) & (((1 << MOST_KINDS) - 1) | MORE)
}

/// The classes of [`super::filter`] the table gives a word whose bits are `all`.
#[inline]
pub(super) fn class_bits(all: u32) -> u8 {
    ((all >> CLASSES) & 0x3f) as u8
}

/// The words of the ledger's lists in one table.
#[derive(Debug)]
pub(crate) struct WordTable {
    sets: WordSets,
    /// The entries of at most seven bytes as `sets` keeps them (packed with their length, as
    /// [`pack`] lays them out) and their bits, by open addressing ([`EMPTY`]: a free slot): a
    /// word of ASCII of at most seven bytes is looked up here without a hash of the standard
    /// library (issue 6: the lookup was a sixth of the ledger).
    short: Vec<(u64, u32)>,
    /// Whether the kind bits tell the kind lists a name holds: false when a pattern of them
    /// does not begin with an ASCII letter or digit (then every name is walked).
    kinds: bool,
}

impl WordTable {
    /// The table of the word lists `words` (at most [`KINDS`]; bit `k` for list `k`, what
    /// [`PhraseList::is`] tells of it), the kind lists `kinds` (at most 16; bit `KINDS + k`
    /// for the first run of ASCII letters and digits of each automaton pattern of list `k`
    /// that is that whole pattern, [`MORE_BIT`] for the first run of any longer pattern) and
    /// the word classes of [`super::filter`] (bit `CLASSES + c` for class bit `c`).
    pub(crate) fn new(words: &[&PhraseList], kinds: &[&PhraseList]) -> WordTable {
        let shift = KINDS as usize;
        let (words, kinds) = (
            words.get(..shift).unwrap_or(words),
            kinds.get(..MOST_KINDS).unwrap_or(kinds),
        );
        let classes = super::filter::CLASS_WORDS;
        let n = words.iter().map(|l| l.entries.len()).sum::<usize>()
            + kinds.iter().map(|l| l.entries.len()).sum::<usize>()
            + classes.len();
        let mut sets = WordSets::with_capacity(n);
        for (k, list) in words.iter().enumerate() {
            for e in &list.entries {
                sets.insert(e, 1 << k);
            }
        }
        // the first run of ASCII letters and digits of each pattern of the kind lists: its
        // list's bit when it is the whole pattern, MORE_BIT otherwise (none when a pattern
        // does not begin with one: then every name is walked)
        let readable = kinds.iter().all(|list| {
            list.patterns()
                .all(|(p, _)| p.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric()))
        });
        if readable {
            for (k, list) in kinds.iter().enumerate() {
                for (p, _) in list.patterns() {
                    let end = p
                        .bytes()
                        .position(|b| !b.is_ascii_alphanumeric())
                        .unwrap_or(p.len());
                    if let Some(first) = p.get(..end) {
                        let bit = if end == p.len() {
                            1 << (shift + k)
                        } else {
                            MORE_BIT
                        };
                        sets.insert(first, bit);
                    }
                }
            }
        }
        for (w, c) in classes.iter().filter(|(_, c)| c & 0x3f != 0) {
            sets.insert(w, u32::from(c & 0x3f) << CLASSES);
        }
        let short = short_table(&sets);
        WordTable {
            sets,
            short,
            kinds: readable,
        }
    }

    /// The bits of `word` (a whole token): its word lists' below [`KINDS`], its kind lists'
    /// from there.
    #[inline]
    pub(crate) fn of(&self, word: &str) -> u32 {
        match load_short(word.as_bytes()) {
            Some(v) if v & HIGH == 0 => {
                let k = ascii_lower(v) | (word.len() as u64) << 56;
                let mask = self.short.len().wrapping_sub(1);
                let mut at = slot_of(k, mask);
                loop {
                    match self.short.get(at) {
                        Some(&(key, bits)) if key == k => return bits,
                        Some(&(EMPTY, _)) | None => return 0,
                        Some(_) => at = (at + 1) & mask,
                    }
                }
            }
            _ => self.sets.of(word),
        }
    }

    /// The kind bits of the runs of ASCII letters and digits of `s`.
    fn runs_of(&self, s: &str) -> u32 {
        s.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|r| !r.is_empty())
            .fold(0, |bits, run| bits | kind_bits(self.of(run)))
    }
}

/// A free slot of [`WordTable::short`] (no packed word has all bits set: its length byte is
/// at most 7).
const EMPTY: u64 = u64::MAX;

/// The first slot of packed word `k` in a table of `mask + 1` slots.
#[inline(always)]
fn slot_of(k: u64, mask: usize) -> usize {
    (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & mask
}

/// The entries of `lists` of at most seven bytes, lower-cased, packed ([`pack`]) with their
/// lists' bits (bit `k` for list `k`), as `WordSets::new` keeps them: the entries it skips
/// (outside ASCII with a curly apostrophe) skipped too.
fn short_table(sets: &WordSets) -> Vec<(u64, u32)> {
    let keys = sets.short_entries();
    let n = (2 * sets.short_len()).next_power_of_two().max(16);
    let mut table = vec![(EMPTY, 0); n];
    for (key, bits) in keys {
        let mut at = slot_of(key, n - 1);
        while table.get(at).is_some_and(|s| s.0 != EMPTY) {
            at = (at + 1) & (n - 1);
        }
        if let Some(s) = table.get_mut(at) {
            *s = (key, bits);
        }
    }
    table
}

/// What [`read`] needs of a name's bytes: `None` when one is outside ASCII, else whether one
/// is in `%` ..= `.` (`%&'()*+,-.`, which holds the five bytes other than letters and digits a
/// token may hold: `%` `'` `,` `-` `.`), eight bytes at a time (issue 6: a byte at a time it
/// was a third of the reading).
fn splits(name: &[u8]) -> Option<bool> {
    let mut found = 0u64;
    let mut chunks = name.chunks_exact(8);
    let mut lanes = |v: u64| -> Option<()> {
        if v & HIGH != 0 {
            return None;
        }
        // in every lane (each below 0x80, so nothing carries into the next): at most `.`
        // sets the high bit of the first term, at least `%` that of the second
        let low = ONES * (0x7f + 0x2f) - v;
        let high = v + ONES * (0x7f - 0x24);
        found |= low & high & HIGH;
        Some(())
    };
    for c in &mut chunks {
        lanes(load(c).unwrap_or(0))?;
    }
    lanes(load(chunks.remainder()).unwrap_or(0))?;
    Some(found != 0)
}

/// The kind lists (bit `k` for list `k`, as `crate::checks::index::Presence::present` gives
/// them) that `name` holds, read without a walk over it; `None` when only the walk can tell.
/// `words` are the tokens of `name` and `bits` their kind bits ([`WordTable::of`] shifted by
/// [`KINDS`]).
///
/// A whole-word match of a pattern starts at a run of ASCII letters and digits that is exactly
/// the pattern's first run (the next byte of the pattern, or the boundary after the match,
/// ends the run). In ASCII a pattern that is one run matches exactly where a run equals it (up
/// to ASCII case): the boundaries of a whole word are the ends of runs; every run lies in a
/// token, and a token of letters and digits alone is one run. Outside ASCII a letter may
/// continue a run: a name holding the first run of any pattern is walked.
pub(super) fn read(
    table: Option<&WordTable>,
    name: &str,
    words: &[&str],
    bits: &[u32],
) -> Option<u32> {
    let table = table.filter(|t| t.kinds)?;
    let Some(split) = splits(name.as_bytes()) else {
        return match table.runs_of(name) {
            0 => Some(0),
            _ => None,
        };
    };
    // in ASCII a token holds letters, digits and `%` `.` `,` `'` `-`: without the last
    // five, every token is one run (a look at the name's bytes, not at each word's)
    let found = if split {
        words.iter().zip(bits).fold(0, |found, (w, b)| {
            found
                | if w.bytes().all(|c| c.is_ascii_alphanumeric()) {
                    *b
                } else {
                    table.runs_of(w)
                }
        })
    } else {
        bits.iter().fold(0, |found, b| found | b)
    };
    if found & MORE != 0 {
        None
    } else {
        Some(found)
    }
}

#[cfg(test)]
mod tests {
    use super::WordTable;

    /// [`super::read`] of `name` with its tokens, as the ledger reads a name.
    fn read_name(table: Option<&WordTable>, name: &str) -> Option<u32> {
        let toks = crate::checks::phrases::tokens(name, Span::new(0, name.len()));
        let words: Vec<&str> = toks.iter().map(|t| t.text(name)).collect();
        let bits: Vec<u32> = words
            .iter()
            .map(|w| table.map_or(0, |t| super::kind_bits(t.of(w))))
            .collect();
        super::read(table, name, &words, &bits)
    }

    use crate::checks::{CheckSet, LEDGER_KINDS};
    use crate::span::Span;

    /// Whenever the quick reading tells which lists a name holds, the lexicon walk and each
    /// list's own search find exactly those (names made of list words, their first words,
    /// other words, odd case, apostrophes, punctuation and other scripts).
    #[test]
    fn quick_reading_is_the_walk() {
        let set = CheckSet::builtin().unwrap();
        let def = set.get("single-source").unwrap();
        let lists: Vec<_> = LEDGER_KINDS.iter().map(|n| def.list(n)).collect();
        let table = set.ledger_words();
        assert!(table.is_some_and(|t| t.kinds));
        let kinds = set.ledger_kinds().unwrap();
        // the walk over the name is what the quick reading stands in for
        let walked = |name: &str| {
            let whole = Span::new(0, name.len());
            let bits = lists
                .iter()
                .enumerate()
                .fold(0, |m, (k, l)| m | u32::from(l.any(name, whole)) << k);
            assert_eq!(kinds.present(name), bits, "{name:?}");
            bits
        };
        // the entries, and the first words of those of several words alone
        let mut words: Vec<String> = lists
            .iter()
            .flat_map(|l| l.entries.iter().cloned())
            .collect();
        let firsts_alone: Vec<String> = words
            .iter()
            .filter_map(|w| w.split_once(' ').map(|(a, _)| a.to_string()))
            .collect();
        assert!(!firsts_alone.is_empty());
        words.extend(firsts_alone);
        let more = [
            "Jane",
            "Smith",
            "the",
            "a",
            "Dr.",
            "U.S.",
            "Human",
            "Rights",
            "(HRANA)",
            "O’Brien",
            "al-Qaeda",
            "北京",
            "é",
            "news-agency",
            "Reuters'",
            "POLICE",
            "Inc.",
            "x",
            "7",
        ];
        words.extend(more.iter().map(|w| w.to_string()));
        let gaps = [" ", " ", "-", ", ", "’", "'", ".", "é", ""];
        let mut rng = crate::testrng::Rng::new(0x94d0_49bb_1331_11eb);
        let (mut none, mut some, mut read) = (0, 0, 0);
        for _ in 0..4000 {
            let mut name = String::new();
            for k in 0..rng.below(4) + 1 {
                if k > 0 {
                    name.push_str(rng.pick(&gaps));
                }
                // half of the words from the lists (and their first words), half other words
                let w = if rng.below(2) == 0 {
                    &words[rng.below(words.len())]
                } else {
                    &words[words.len() - 1 - rng.below(more.len())]
                };
                match rng.below(4) {
                    0 => name.push_str(&w.to_uppercase()),
                    1 => {
                        // a word cut short or run on
                        let cut = (0..=w.len())
                            .rev()
                            .find(|&c| w.is_char_boundary(c) && c < w.len());
                        name.push_str(w.get(..cut.unwrap_or(0)).unwrap_or(w));
                        name.push('s');
                    }
                    _ => name.push_str(w),
                }
            }
            match read_name(table, &name) {
                Some(bits) => {
                    assert_eq!(bits, walked(&name), "{name:?}");
                    if bits == 0 {
                        none += 1;
                    } else {
                        some += 1;
                    }
                }
                None => read += 1,
            }
        }
        // each way out is taken often: a test that can fail
        assert!(
            none > 500 && some > 500 && read > 200,
            "{none} {some} {read}"
        );
    }

    /// The table's own lookup of short words gives what `WordSets` gives, on the lists' words
    /// and others in any case, short and long, with apostrophes and outside ASCII.
    #[test]
    fn short_lookup_is_the_word_sets() {
        let set = CheckSet::builtin().unwrap();
        let table = set.ledger_words().unwrap();
        let def = set.get("single-source").unwrap();
        let mut words: Vec<String> = crate::checks::LEDGER_WORDS
            .iter()
            .chain(LEDGER_KINDS.iter())
            .flat_map(|n| def.list(n).entries.iter().cloned())
            .chain(
                super::super::filter::CLASS_WORDS
                    .iter()
                    .map(|(w, _)| w.to_string()),
            )
            .collect();
        words.extend(
            [
                "",
                "a",
                "Smith",
                "x7",
                "it’s",
                "It\u{2019}s",
                "é",
                "Ünal",
                "POLICE",
                "policemen",
            ]
            .iter()
            .map(|w| w.to_string()),
        );
        let mut rng = crate::testrng::Rng::new(0x5407_7ab1);
        let mut hits = 0;
        for _ in 0..20_000 {
            let mut w = words[rng.below(words.len())].clone();
            match rng.below(5) {
                0 => w = w.to_uppercase(),
                1 => w.push('s'),
                2 => {
                    w.pop();
                }
                3 => w = w.replace('\'', "\u{2019}"),
                _ => {}
            }
            let want = table.sets.of(&w);
            assert_eq!(table.of(&w), want, "{w:?}");
            hits += usize::from(want != 0 && w.len() <= 7 && w.is_ascii());
        }
        assert!(hits > 3000, "{hits}");
    }

    /// A short slice read in overlapping pieces is its bytes, zero above.
    #[test]
    fn load_is_the_bytes() {
        let b: Vec<u8> = (1..=10).collect();
        for n in 0..=10 {
            let mut lanes = [0u8; 8];
            let want = b.get(..n).filter(|_| n <= 8).map(|s| {
                lanes[..n].copy_from_slice(s);
                u64::from_le_bytes(lanes)
            });
            assert_eq!(super::load(&b[..n]), want, "{n}");
        }
    }

    /// The quick look at a name's bytes is a look at each byte.
    #[test]
    fn splits_is_each_byte() {
        let mut rng = crate::testrng::Rng::new(0x5b1_7e5);
        let (mut ascii, mut split) = (0, 0);
        for _ in 0..20_000 {
            let n = rng.below(20);
            let b: Vec<u8> = (0..n)
                .map(|_| match rng.below(4) {
                    0 => 0x20 + rng.below(0x10) as u8,
                    1 => rng.below(0x80) as u8,
                    2 => b'a' + rng.below(26) as u8,
                    _ => rng.below(0x100) as u8,
                })
                .collect();
            let want = b
                .is_ascii()
                .then(|| b.iter().any(|c| (b'%'..=b'.').contains(c)));
            assert_eq!(super::splits(&b), want, "{b:?}");
            ascii += usize::from(want.is_some());
            split += usize::from(want == Some(true));
        }
        assert!(
            ascii > 1000 && split > 500 && ascii - split > 500,
            "{ascii} {split}"
        );
    }

    /// The same for lists of other rules: entries of several runs, with punctuation, outside
    /// ASCII, with digits, one that is the first run of another; and no table at all when an
    /// entry does not begin with a letter or digit.
    #[test]
    fn quick_reading_of_other_lists() {
        use crate::checks::phrases::PhraseList;
        use crate::checks::Presence;
        let owned =
            |ws: &[&str]| PhraseList::new(&ws.iter().map(|w| w.to_string()).collect::<Vec<_>>());
        let lists = [
            owned(&["police", "fox news", "fox", "k9 unit"]),
            owned(&["u.s.", "café", "o'neil", "Bureau"]),
            owned(&["k9", "news"]),
        ];
        let refs: Vec<&PhraseList> = lists.iter().collect();
        let table = super::WordTable::new(&[], &refs);
        assert!(table.kinds);
        let walk = Presence::build(&refs).unwrap();
        let words = [
            "police",
            "POLICE",
            "fox",
            "Fox",
            "news",
            "k9",
            "K9",
            "unit",
            "u",
            "s",
            "café",
            "CAFÉ",
            "caf",
            "o",
            "neil",
            "bureau",
            "Smith",
            "policeman",
            "x",
        ];
        let gaps = [" ", "-", ".", "'", "’", "é", "", ", "];
        let mut rng = crate::testrng::Rng::new(0x0b5e_55ed);
        let (mut none, mut some, mut read) = (0, 0, 0);
        for _ in 0..4000 {
            let mut name = String::new();
            for k in 0..rng.below(4) + 1 {
                if k > 0 {
                    name.push_str(rng.pick(&gaps));
                }
                name.push_str(rng.pick(&words));
            }
            match read_name(Some(&table), &name) {
                Some(bits) => {
                    assert_eq!(bits, walk.present(&name), "{name:?}");
                    if bits == 0 {
                        none += 1;
                    } else {
                        some += 1;
                    }
                }
                None => read += 1,
            }
        }
        assert!(
            none > 300 && some > 300 && read > 300,
            "{none} {some} {read}"
        );
        // an entry that begins otherwise: every name is walked
        let odd = [owned(&["police"]), owned(&["'s"])];
        let refs: Vec<&PhraseList> = odd.iter().collect();
        let table = super::WordTable::new(&[], &refs);
        assert!(!table.kinds);
        assert_eq!(read_name(Some(&table), "the police"), None);
        assert_eq!(read_name(None, "the police"), None);
    }
}
