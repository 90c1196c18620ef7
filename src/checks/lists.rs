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

/// FNV-1a for the word-list names: checks look lists up by name for every sentence, and
/// SipHash on these short keys was 2 % of a run (issue 6).
#[derive(Clone, Copy, Debug)]
pub struct NameHasher(u64);

impl Default for NameHasher {
    fn default() -> Self {
        NameHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for NameHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}
