//! The word lists of each check file: the names a file may define, and the ones searched for in
//! the document text (those share one automaton, see [`super::index`]), and the hasher of list
//! names.

use std::hash::Hasher;

/// The list built from a check file's `[synonyms]` table (every canonical quantity and variant);
/// not a name a file can use under `[lists]`.
pub(super) const QUANTITY_WORDS: &str = "(synonyms)";

/// The word lists each check reads (any other list name is a load error).
pub(super) fn known_lists(id: &str) -> &'static [&'static str] {
    match id {
        "unattributed-claim" => &[
            "figure-nouns",
            "superlatives",
            "allegation-words",
            "months",
            "number-suffixes",
            "boilerplate",
        ],
        "anonymous-source" => &[
            "bare",
            "determiners",
            "modifiers",
            "heads",
            "post-modifiers",
            "cues-before",
            "inverted-cues",
            "qualifiers-after",
            "speech",
            "characterised",
            "reasons",
            "basis",
            "allegation-words",
            "pejoratives",
        ],
        "vague-source" => &[
            "phrases",
            "quantifiers",
            "refer-back",
            "groups",
            "verbs",
            "not-names",
        ],
        "hedge-only" => &["hedges", "named-by", "outlets"],
        "allegation-without-accuser" => &["markers", "accusers", "verb-after", "verb-before"],
        "loaded-verb" => &[
            "noun-before",
            "mandative",
            "passive-before",
            "finite-markers",
            "verbs",
            "noun-forms",
            "allowed-after",
            "clause-starts",
            "subject-words",
        ],
        "mental-state" => &[
            "verbs",
            "not-followed-by",
            "clause-starts",
            "said-verbs",
            "subject-words",
        ],
        "figure-conflict" => &[
            "more",
            "at-least",
            "less",
            "at-most",
            "about",
            "percent",
            "skip-words",
        ],
        "unbalanced-quotation" => &[],
        "quote-without-speaker" => &["speech", "dashes", "not-names"],
        "single-source" => &[
            "pronouns-person",
            "pronouns-group",
            "titles",
            "references",
            "outlets",
            "documents",
            "organisations",
            "anonymous",
            "indefinite",
            "vague",
            "joiners",
        ],
        _ => &[],
    }
}

/// The word lists each check searches for in the document text (the others it only compares
/// whole words with): these share one automaton, searched once per document.
pub(super) fn searched_lists(id: &str) -> &'static [&'static str] {
    match id {
        "unattributed-claim" => &[
            "figure-nouns",
            "superlatives",
            "allegation-words",
            "boilerplate",
        ],
        "anonymous-source" => &[
            "bare",
            "characterised",
            "allegation-words",
            "pejoratives",
            "reasons",
            "basis",
            "heads",
            "inverted-cues",
            "cues-before",
            "speech",
            "post-modifiers",
        ],
        "vague-source" => &["phrases", "groups"],
        "hedge-only" => &["hedges", "outlets", "named-by"],
        "allegation-without-accuser" => &["markers", "accusers"],
        "loaded-verb" => &["verbs", "allowed-after"],
        "mental-state" => &["said-verbs", "verbs"],
        "figure-conflict" => &[
            "percent",
            "more",
            "at-least",
            "less",
            "at-most",
            "about",
            QUANTITY_WORDS,
        ],
        "quote-without-speaker" => &["speech"],
        _ => &[],
    }
}

/// The lists of `single-source` the source ledger looks for inside each source's name, in
/// the order of their bits in [`super::index::Presence::present`].
pub const LEDGER_KINDS: [&str; 5] = [
    "vague",
    "anonymous",
    "outlets",
    "documents",
    "organisations",
];

/// The lists of `single-source` the source ledger compares single words of names with, in
/// the order of their bits in [`super::phrases::WordSets::of`].
pub const LEDGER_WORDS: [&str; 7] = [
    "pronouns-person",
    "pronouns-group",
    "references",
    "joiners",
    "titles",
    "documents",
    "indefinite",
];

/// A hasher for the word-list names: checks look lists up by name for every sentence (issue 6:
/// SipHash on these short keys was 2 % of a run, FNV-1a a byte at a time still 1 %). Eight
/// bytes at a time, one rotate, xor and multiply each (as FxHash); the last bytes padded with
/// zeros.
#[derive(Clone, Copy, Debug, Default)]
pub struct NameHasher(u64);

impl NameHasher {
    #[inline]
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// The bytes of `b` (at most seven) in the low lanes of a number, zero above them, read in at
/// most two overlapping pieces.
#[inline(always)]
fn low_bytes(b: &[u8]) -> u64 {
    let n = b.len();
    let two = |a: u64, z: u64, k: usize| a | z << (8 * (n - k));
    match (n, b.first_chunk::<4>(), b.last_chunk::<4>()) {
        (4..=7, Some(a), Some(z)) => two(
            u64::from(u32::from_le_bytes(*a)),
            u64::from(u32::from_le_bytes(*z)),
            4,
        ),
        _ => match (n, b.first_chunk::<2>(), b.last_chunk::<2>()) {
            (2 | 3, Some(a), Some(z)) => two(
                u64::from(u16::from_le_bytes(*a)),
                u64::from(u16::from_le_bytes(*z)),
                2,
            ),
            _ => b.first().map_or(0, |&x| u64::from(x)),
        },
    }
}

impl Hasher for NameHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // the last bytes zero-padded to eight, read in at most two pieces (issue 6: a
            // copy of them was a call to `memcpy` per name looked up)
            self.add(low_bytes(rest));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name hashes as with its last bytes copied into a zero-padded word (the form the
    /// two-piece read replaced), for every length up to three words and random bytes.
    #[test]
    fn names_hash_as_with_a_zero_padded_copy() {
        let padded = |bytes: &[u8]| {
            let mut h = NameHasher::default();
            let mut chunks = bytes.chunks_exact(8);
            for c in &mut chunks {
                h.add(u64::from_le_bytes(c.try_into().unwrap()));
            }
            if !chunks.remainder().is_empty() {
                let mut last = [0u8; 8];
                last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
                h.add(u64::from_le_bytes(last));
            }
            h.finish()
        };
        let mut rng = crate::testrng::Rng::new(0xd6e8_feb8_6659_fd93);
        for len in 0..=24 {
            for _ in 0..50 {
                let bytes: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
                let mut h = NameHasher::default();
                h.write(&bytes);
                assert_eq!(h.finish(), padded(&bytes), "{bytes:?}");
            }
        }
    }
}
