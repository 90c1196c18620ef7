//! Case-insensitive whole-word phrase lists (compiled once, at load) and word tokens.
//!
//! Lists the checks search in the document text are also compiled into one lexicon for the
//! whole check set ([`super::index`], [`crate::lexicon`]), searched once per document; a list's
//! own automaton is built only when a search cannot use that index (a window whose edge cuts a
//! word, a string other than the document text).

use crate::lexicon::FxBuild;
use crate::span::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashSet;
use std::sync::OnceLock;

mod tokenize;
pub(crate) use tokenize::each_token;
pub use tokenize::{
    count_up_to, first_few, first_tokens, last_few, last_token, last_tokens, tokens, tokens_into,
    Few, Token,
};

/// A compiled word list: multi-word phrases, matched case-insensitively on whole words.
/// Straight and curly apostrophes match each other.
#[derive(Clone, Debug, Default)]
pub struct PhraseList {
    /// Built on first search: many lists are consulted only in rare contexts, and building
    /// every automaton up front dominated start-up (issue 6).
    ac: OnceLock<Option<AhoCorasick>>,
    /// The automaton's patterns, one after another (one allocation for the list, not one
    /// per pattern: issue 6, start-up).
    pats: String,
    /// Where each pattern of `pats` ends (the next one starts there).
    ends: Vec<u32>,
    /// Index of the entry each automaton pattern came from.
    entry: Vec<usize>,
    pub entries: Vec<String>,
    /// The tables of [`PhraseList::is`], built on first use: most lists are only searched
    /// (issue 6: building them for every list was a quarter of checking a 5 KB article).
    is_tables: OnceLock<IsTables>,
    /// Every entry is ASCII.
    ascii: bool,
    /// Position of this list in the check set's shared automaton, when it is searched there.
    pub(crate) slot: Option<usize>,
    /// Bytes of the longest automaton pattern: no match is longer.
    longest: usize,
}

/// What [`PhraseList::is`] compares a word with.
#[derive(Clone, Debug, Default)]
struct IsTables {
    /// The entries as [`PhraseList::is`] compares them: ASCII lower case.
    words: HashSet<Box<[u8]>, FxBuild>,
    /// The entries of `words` of at most seven bytes, packed with their length ([`pack`]):
    /// most words compared are short, and a number is hashed and compared at once.
    short: HashSet<u64, FxBuild>,
    /// Bit `n` set when some entry of `words` is `n` bytes long (`n < 64`); bit 63 for longer.
    lengths: u64,
    /// One bit per entry of `short` ([`filter_bit`]): a word whose bit is clear is none of
    /// them without a look into the set (issue 6: most words compared are no entry).
    filter: [u64; 16],
    /// The same for the ASCII entries of `words` longer than seven bytes ([`long_sig`]).
    long: [u64; 16],
}

impl IsTables {
    fn new(words: &[String]) -> IsTables {
        // room for every entry at once (issue 6: the sets grew and rehashed a few times per
        // list at start-up)
        let mut t = IsTables {
            words: HashSet::with_capacity_and_hasher(words.len(), FxBuild::default()),
            short: HashSet::with_capacity_and_hasher(
                words.iter().filter(|e| e.len() <= 7).count(),
                FxBuild::default(),
            ),
            ..IsTables::default()
        };
        // an entry with a curly apostrophe never equals a word (the word's is read as `'`)
        for e in words
            .iter()
            .filter(|e| e.is_ascii() || !e.contains('\u{2019}'))
        {
            t.lengths |= length_bit(e.len());
            let lower = e.to_ascii_lowercase().into_bytes();
            if let Some(k) = pack(&lower) {
                t.short.insert(k);
                filter_set(&mut t.filter, k);
            }
            if lower.len() > 7 && lower.is_ascii() {
                filter_set(&mut t.long, long_sig(&lower));
            }
            t.words.insert(lower.into_boxed_slice());
        }
        t
    }
}

/// The bit of [`IsTables::filter`] of a packed word ([`pack`]): ten bits of its product with
/// an odd constant.
#[inline(always)]
fn filter_bit(k: u64) -> usize {
    (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54) as usize
}

/// Sets the bit of `k` ([`filter_bit`]) in a 1024-bit filter.
fn filter_set(filter: &mut [u64; 16], k: u64) {
    let bit = filter_bit(k);
    if let Some(w) = filter.get_mut(bit / 64) {
        *w |= 1 << (bit % 64);
    }
}

/// Whether the bit of `k` is set in a 1024-bit filter (false: no entry has that key).
#[inline(always)]
fn filter_has(filter: &[u64; 16], k: u64) -> bool {
    let bit = filter_bit(k);
    filter
        .get(bit / 64)
        .is_some_and(|w| w >> (bit % 64) & 1 == 1)
}

impl IsTables {
    /// Whether the packed word `k` may be in `short` (false: it is not).
    #[inline(always)]
    fn may_hold(&self, k: u64) -> bool {
        filter_has(&self.filter, k)
    }

    /// Whether an ASCII word longer than seven bytes with signature `sig` ([`long_sig`]) may
    /// be in `words` (false: it is not).
    #[inline(always)]
    fn may_hold_long(&self, sig: u64) -> bool {
        filter_has(&self.long, sig)
    }
}

/// A number made from an ASCII word of more than seven bytes, the same in any case: its first
/// and last eight bytes lower-cased, and its length (`0` for a shorter word).
#[inline(always)]
fn long_sig(b: &[u8]) -> u64 {
    match (b.first_chunk::<8>(), b.last_chunk::<8>()) {
        (Some(a), Some(z)) => {
            let (a, z) = (u64::from_le_bytes(*a), u64::from_le_bytes(*z));
            ascii_lower(a) ^ ascii_lower(z).rotate_left(29) ^ (b.len() as u64).wrapping_mul(ONES)
        }
        _ => 0,
    }
}

/// Bit of [`IsTables::lengths`] for a word of `n` bytes.
fn length_bit(n: usize) -> u64 {
    1 << n.min(63)
}

impl PhraseList {
    pub fn new(words: &[String]) -> PhraseList {
        PhraseList::from_vec(words.to_vec())
    }

    /// [`PhraseList::new`] of words the list keeps as its entries (no copy of them).
    pub fn from_vec(words: Vec<String>) -> PhraseList {
        let mut pats = String::with_capacity(words.iter().map(String::len).sum());
        let mut ends = Vec::with_capacity(words.len());
        let mut entry = Vec::with_capacity(words.len());
        let mut longest = 0;
        let mut end = |pats: &String, ends: &mut Vec<u32>, start: usize| {
            longest = longest.max(pats.len() - start);
            ends.push(u32::try_from(pats.len()).unwrap_or(u32::MAX));
        };
        for (i, w) in words.iter().enumerate() {
            let w = w.trim();
            let start = pats.len();
            // the same result; the ASCII one without the Unicode case tables
            if w.is_ascii() {
                pats.push_str(w);
                if let Some(p) = pats.get_mut(start..) {
                    p.make_ascii_lowercase();
                }
            } else {
                pats.push_str(&w.to_lowercase());
            }
            if pats.get(start..).is_some_and(|p| p.contains('\'')) {
                // the curly-apostrophe variant first, then the entry as written
                let lower = pats.split_off(start);
                pats.push_str(&lower.replace('\'', "\u{2019}"));
                end(&pats, &mut ends, start);
                entry.push(i);
                let start = pats.len();
                pats.push_str(&lower);
                end(&pats, &mut ends, start);
            } else {
                end(&pats, &mut ends, start);
            }
            entry.push(i);
        }
        PhraseList {
            ac: OnceLock::new(),
            longest,
            pats,
            ends,
            entry,
            ascii: words.iter().all(|e| e.is_ascii()),
            entries: words,
            is_tables: OnceLock::new(),
            slot: None,
        }
    }

    /// The automaton patterns (entries lower-cased, plus curly-apostrophe variants) and the
    /// entry each came from.
    pub(crate) fn patterns(&self) -> impl Iterator<Item = (&str, usize)> {
        self.pattern_strs().zip(self.entry.iter().copied())
    }

    /// The automaton patterns, in order.
    fn pattern_strs(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        self.ends.iter().map(move |&e| {
            let e = e as usize;
            let p = self.pats.get(start..e).unwrap_or("");
            start = e;
            p
        })
    }

    fn automaton(&self) -> Option<&AhoCorasick> {
        self.ac
            .get_or_init(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(self.pattern_strs())
                    .ok()
            })
            .as_ref()
    }

    pub fn empty() -> &'static PhraseList {
        static EMPTY: OnceLock<PhraseList> = OnceLock::new();
        EMPTY.get_or_init(PhraseList::default)
    }

    /// Bytes of the longest match the list can have (its longest entry, lower-cased, with
    /// curly apostrophes where it has straight ones).
    pub fn longest(&self) -> usize {
        self.longest
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether every entry is ASCII (then a token [`PhraseList::is`] accepts is also a match of
    /// the list's automaton).
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// Every whole-word match inside `within` of `text`, as (span, entry index), in order of
    /// start; at one start only the longest match is kept.
    pub fn find(&self, text: &str, within: Span) -> Vec<(Span, usize)> {
        let mut out: Vec<(Span, usize)> = self.matches(text, within).collect();
        // overlapping matches come in order of end: order by start, longest first (stable, so
        // among equal spans the first reported stays first), then keep one per start
        out.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
        out.dedup_by_key(|(s, _)| s.start);
        out
    }

    /// Every whole-word match inside `within`, overlapping ones included, in order of end.
    fn matches<'t>(
        &'t self,
        text: &'t str,
        within: Span,
    ) -> impl Iterator<Item = (Span, usize)> + 't {
        let hay = within.slice(text);
        self.automaton()
            .into_iter()
            .flat_map(move |ac| ac.find_overlapping_iter(hay))
            .filter(move |m| is_boundary(hay, m.start()) && is_boundary(hay, m.end()))
            .map(move |m| {
                let sp = Span::new(within.start + m.start(), within.start + m.end());
                let idx = self.entry.get(m.pattern().as_usize()).copied().unwrap_or(0);
                (sp, idx)
            })
    }

    /// Whether any entry occurs in `within`.
    pub fn any(&self, text: &str, within: Span) -> bool {
        self.matches(text, within).next().is_some()
    }

    /// Whether `word` (a whole token) equals an entry, ignoring ASCII case, with `’` in `word`
    /// read as `'`.
    pub fn is(&self, word: &str) -> bool {
        let t = self.is_tables.get_or_init(|| IsTables::new(&self.entries));
        // a short ASCII word: read as one number, lower-cased in all lanes at once and compared
        // packed (issue 6: copying and lower-casing byte by byte was half of every test)
        if let Some(v) = load_short(word.as_bytes()) {
            if v & HIGH == 0 {
                let n = word.len();
                let k = ascii_lower(v) | (n as u64) << 56;
                return t.lengths & length_bit(n) != 0 && t.may_hold(k) && t.short.contains(&k);
            }
        }
        // a longer ASCII word: ruled out by its length or its bit before the set is searched
        let b = word.as_bytes();
        if b.len() > 7
            && b.is_ascii()
            && (t.lengths & length_bit(b.len()) == 0 || !t.may_hold_long(long_sig(b)))
        {
            return false;
        }
        self.is_slow(t, word)
    }

    /// [`PhraseList::is`] of a word of eight bytes or more, or one outside ASCII.
    fn is_slow(&self, t: &IsTables, word: &str) -> bool {
        let (curly, n) = folded_len(word);
        if t.lengths & length_bit(n) == 0 {
            return false;
        }
        if !curly && n <= 7 {
            // as [`pack`] lays it out
            let mut lanes = [0u8; 8];
            if let Some(dst) = lanes.get_mut(..n) {
                dst.copy_from_slice(word.as_bytes());
                dst.make_ascii_lowercase();
            }
            lanes[7] = n as u8;
            return t.short.contains(&u64::from_le_bytes(lanes));
        }
        let mut buf = [0u8; 64];
        let mut owned = String::new();
        let key = folded(word, n, curly, &mut buf, &mut owned);
        t.words.contains(key)
    }
}

/// Which of a few lists a word equals, in one lookup: bit `k` of [`WordSets::of`] is
/// [`PhraseList::is`] of list `k` (issue 6: the source ledger asked up to seven lists about
/// every word of every new name, one set lookup each).
#[derive(Debug, Default)]
pub(crate) struct WordSets {
    /// Entries of at most seven bytes, packed ([`pack`]) → their lists' bits.
    short: std::collections::HashMap<u64, u32, FxBuild>,
    /// Longer entries → their lists' bits.
    long: std::collections::HashMap<Box<[u8]>, u32, FxBuild>,
    /// One bit per key of `short` ([`filter_bit`]): most words are in no list.
    filter: [u64; 16],
    /// Bit `n` set when some entry is `n` bytes long (`n < 64`); bit 63 for longer.
    lengths: u64,
}

impl WordSets {
    /// The sets of `lists` (at most 32; later ones are left out).
    #[cfg(test)]
    pub(crate) fn new(lists: &[&PhraseList]) -> WordSets {
        let mut t = WordSets::default();
        for (k, list) in lists.iter().enumerate().take(32) {
            for e in &list.entries {
                t.insert(e, 1u32 << k);
            }
        }
        t
    }

    /// Empty sets with room for about `n` short entries.
    pub(crate) fn with_capacity(n: usize) -> WordSets {
        WordSets {
            short: std::collections::HashMap::with_capacity_and_hasher(n, FxBuild::default()),
            ..WordSets::default()
        }
    }

    /// Adds entry `e` with bits `bits`, as [`WordSets::new`] adds each entry of its lists (an
    /// entry with a curly apostrophe outside ASCII never equals a word, as in
    /// [`IsTables::new`], and is left out).
    pub(crate) fn insert(&mut self, e: &str, bits: u32) {
        if !e.is_ascii() && e.contains('\u{2019}') {
            return;
        }
        self.lengths |= length_bit(e.len());
        let b = e.as_bytes();
        if b.len() <= 7 {
            let mut lanes = [0u8; 8];
            if let Some(dst) = lanes.get_mut(..b.len()) {
                dst.copy_from_slice(b);
                dst.make_ascii_lowercase();
            }
            lanes[7] = b.len() as u8;
            let key = u64::from_le_bytes(lanes);
            *self.short.entry(key).or_insert(0) |= bits;
            filter_set(&mut self.filter, key);
        } else {
            *self
                .long
                .entry(b.to_ascii_lowercase().into_boxed_slice())
                .or_insert(0) |= bits;
        }
    }

    /// The entries of at most seven bytes, packed ([`pack`]), and their bits.
    pub(crate) fn short_entries(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.short.iter().map(|(&k, &b)| (k, b))
    }

    /// How many entries of at most seven bytes.
    pub(crate) fn short_len(&self) -> usize {
        self.short.len()
    }

    /// The lists `word` (a whole token) equals an entry of, as bits: what
    /// [`PhraseList::is`] tells of each.
    pub(crate) fn of(&self, word: &str) -> u32 {
        if let Some(v) = load_short(word.as_bytes()) {
            if v & HIGH == 0 {
                let n = word.len();
                let k = ascii_lower(v) | (n as u64) << 56;
                if self.lengths & length_bit(n) == 0 || !filter_has(&self.filter, k) {
                    return 0;
                }
                return self.short.get(&k).copied().unwrap_or(0);
            }
        }
        self.of_slow(word)
    }

    /// [`WordSets::of`] of a word of eight bytes or more, or one outside ASCII: the word with
    /// `’` read as `'`, ASCII lower-cased, looked up as [`PhraseList::is`] looks it up.
    fn of_slow(&self, word: &str) -> u32 {
        let (curly, n) = folded_len(word);
        if self.lengths & length_bit(n) == 0 {
            return 0;
        }
        let mut buf = [0u8; 64];
        let mut owned = String::new();
        let key = folded(word, n, curly, &mut buf, &mut owned);
        match pack(key) {
            Some(k) => self.short.get(&k).copied().unwrap_or(0),
            None => self.long.get(key).copied().unwrap_or(0),
        }
    }
}

pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether `word` holds a curly apostrophe, and the length of its [`folded`] form: `’` is
/// three bytes, `'` one, so the folded word is two bytes shorter per `’`.
fn folded_len(word: &str) -> (bool, usize) {
    if !word.is_ascii() && word.contains('\u{2019}') {
        (true, word.len() - 2 * word.matches('\u{2019}').count())
    } else {
        (false, word.len())
    }
}

/// The form of `word` the tables hold: ASCII letters lower-cased, a curly apostrophe made
/// straight. `n` is that form's length; a plain word of at most 64 bytes is folded into `buf`
/// (no allocation), any other into `owned`.
fn folded<'a>(
    word: &str,
    n: usize,
    curly: bool,
    buf: &'a mut [u8; 64],
    owned: &'a mut String,
) -> &'a [u8] {
    match buf.get_mut(..n) {
        Some(dst) if !curly => {
            dst.copy_from_slice(word.as_bytes());
            dst.make_ascii_lowercase();
            dst
        }
        _ => {
            *owned = word.replace('\u{2019}', "'").to_ascii_lowercase();
            owned.as_bytes()
        }
    }
}

/// The bytes of a word of at most seven bytes in the low lanes of a number (zero above them);
/// `None` for a longer word.
#[inline(always)]
pub(crate) fn load_short(b: &[u8]) -> Option<u64> {
    if b.len() > 7 {
        return None;
    }
    load(b)
}

/// The bytes of `b` (at most eight) in the low lanes of a number (zero above them), read in
/// at most two overlapping pieces (no call to copy a slice of unknown length); `None` for
/// more than eight.
#[inline(always)]
pub(crate) fn load(b: &[u8]) -> Option<u64> {
    let n = b.len();
    let two = |a: u64, z: u64, k: usize| a | z << (8 * (n - k));
    Some(match n {
        0 => 0,
        1 => u64::from(*b.first()?),
        2 | 3 => two(
            u64::from(u16::from_le_bytes(*b.first_chunk::<2>()?)),
            u64::from(u16::from_le_bytes(*b.last_chunk::<2>()?)),
            2,
        ),
        4..=7 => two(
            u64::from(u32::from_le_bytes(*b.first_chunk::<4>()?)),
            u64::from(u32::from_le_bytes(*b.last_chunk::<4>()?)),
            4,
        ),
        8 => u64::from_le_bytes(*b.first_chunk::<8>()?),
        _ => return None,
    })
}

/// `v` (ASCII in every lane) with `A`..`Z` lower-cased in every lane.
#[inline(always)]
pub(crate) fn ascii_lower(v: u64) -> u64 {
    // a lane is at least `A` when adding 0x3f sets its high bit, above `Z` when adding 0x25
    // does (no lane carries into the next: every lane is below 0x80)
    let upper = v.wrapping_add(ONES * 0x3f) & !v.wrapping_add(ONES * 0x25) & HIGH;
    v | upper >> 2
}

/// A word of at most seven bytes as one number: its bytes, then its length in the last byte.
fn pack(word: &[u8]) -> Option<u64> {
    let n = word.len();
    let mut lanes = [0u8; 8];
    lanes.get_mut(..n).filter(|_| n <= 7)?.copy_from_slice(word);
    *lanes.get_mut(7)? = n as u8;
    Some(u64::from_le_bytes(lanes))
}

/// True when position `i` of `s` is not inside a word (also when `i` is not a char boundary
/// of `s`). ASCII neighbours are tested without decoding.
#[inline]
pub(crate) fn is_boundary(s: &str, i: usize) -> bool {
    if !s.is_char_boundary(i) {
        return true;
    }
    let b = s.as_bytes();
    let after = match b.get(i) {
        None => return true,
        Some(&c) if c < 0x80 => c.is_ascii_alphanumeric(),
        Some(_) => s
            .get(i..)
            .and_then(|p| p.chars().next())
            .is_some_and(is_word_char),
    };
    if !after {
        return true;
    }
    let before = match i.checked_sub(1).and_then(|k| b.get(k)) {
        None => false,
        Some(&c) if c < 0x80 => c.is_ascii_alphanumeric(),
        Some(_) => s
            .get(..i)
            .and_then(|p| p.chars().next_back())
            .is_some_and(is_word_char),
    };
    !before
}

/// A letter or digit (ASCII tested without the Unicode tables, the rest cached).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        crate::lexicon::is_alnum(c)
    }
}

/// How far the checks look around a match (bytes): enough for a few words, and it keeps every
/// check linear however long a sentence is.
pub const WINDOW: usize = 240;

/// At most [`WINDOW`] bytes of `pos..end`, on char boundaries.
pub fn after(text: &str, pos: usize, end: usize) -> Span {
    let mut e = end.min(pos.saturating_add(WINDOW)).max(pos);
    while e > pos && !text.is_char_boundary(e) {
        e -= 1;
    }
    Span::new(pos, e)
}

/// At most [`WINDOW`] bytes of `start..pos`, on char boundaries.
pub fn before(text: &str, start: usize, pos: usize) -> Span {
    let mut s = start.max(pos.saturating_sub(WINDOW)).min(pos);
    while s < pos && !text.is_char_boundary(s) {
        s += 1;
    }
    Span::new(s, pos)
}

#[cfg(test)]
mod tests;
