//! The editorial checks' shared lexicon of the built-in check files (`checks::index::Combined`),
//! computed at build time with the crate's own `lexicon::trie` and written as static tables
//! (`OUT_DIR/builtin_checks.rs`): start-up reads the trie in place instead of building it
//! (issue 6).
//!
//! The program uses the trie only when the patterns it would search are exactly the ones
//! written here (`CHECK_PATTERNS`); any other check set (a newsroom's own check file, a list
//! that did not load) builds its trie at run time. A test compares both.

use super::lists::{searched_lists, QUANTITY_WORDS};
use super::trie::Trie;
use super::words::{self, Scheme};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// The built-in checks in the order the program loads them (`checks::load::BUILTIN`): the
/// order of their slots in the shared lexicon.
const ORDER: &[&str] = &[
    "unattributed-claim",
    "anonymous-source",
    "vague-source",
    "hedge-only",
    "allegation-without-accuser",
    "loaded-verb",
    "mental-state",
    "figure-conflict",
    "unbalanced-quotation",
    "quote-without-speaker",
    "single-source",
];

/// The word lists of one check file: `[lists]` and the `[synonyms]` words, by name.
fn lists(t: &toml::Table) -> Option<BTreeMap<String, Vec<String>>> {
    let strings = |v: &toml::Value| -> Option<Vec<String>> {
        v.as_array()?
            .iter()
            .map(|s| s.as_str().map(str::to_string))
            .collect()
    };
    let mut out = BTreeMap::new();
    if let Some(l) = t.get("lists") {
        for (name, words) in l.as_table()? {
            out.insert(name.clone(), strings(words)?);
        }
    }
    // as `checks::load::validate` gathers them: each canonical quantity, then its variants
    let mut quantity = Vec::new();
    if let Some(s) = t.get("synonyms") {
        for (canon, variants) in s.as_table()? {
            quantity.push(canon.clone());
            quantity.extend(strings(variants)?);
        }
    }
    quantity.retain(|w| !w.trim().is_empty());
    if !quantity.is_empty() {
        out.insert(QUANTITY_WORDS.to_string(), quantity);
    }
    Some(out)
}

/// The patterns of one list as `checks::phrases::PhraseList::new` makes them.
fn patterns(words: &[String], out: &mut Vec<String>) {
    for w in words {
        let w = w.trim().to_lowercase();
        if w.contains('\'') {
            out.push(w.replace('\'', "\u{2019}"));
        }
        out.push(w);
    }
}

/// The patterns of every searched list of the built-in checks, in slot order; `None` when a
/// file is missing or does not read.
fn all_patterns(dir: &Path) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for id in ORDER {
        let text = std::fs::read_to_string(dir.join(format!("{id}.toml"))).ok()?;
        let table = text.parse::<toml::Table>().ok()?;
        let searched = searched_lists(id);
        // slots go to a check's lists in order of name (`CheckSet::assign_slots`)
        for (name, words) in lists(&table)? {
            if searched.contains(&name.as_str()) {
                patterns(&words, &mut out);
            }
        }
    }
    Some(out)
}

/// Writes `CHECK_PATTERNS` and `CHECK_TRIE` for the check files in `dir`, or `CHECK_TRIE`
/// `None` when they do not read.
pub fn write(dir: &Path, out: &mut String) {
    match all_patterns(dir) {
        Some(pats) => {
            let (regular, _) = words::split(&pats);
            let trie = Trie::build(&regular, Scheme::Plain);
            out.push_str(&trie.to_rust("CHECK_TRIE_PARTS"));
            let _ = write!(
                out,
                "\n/// The patterns the trie was built from, in order.\n\
                 pub(crate) static CHECK_PATTERNS: &[&str] = &{pats:?};\n\n\
                 /// The shared lexicon's trie of the built-in checks.\n\
                 pub(crate) static CHECK_TRIE: Option<&crate::lexicon::trie::Parts> = \
                 Some(&CHECK_TRIE_PARTS);\n"
            );
        }
        None => out.push_str(
            "pub(crate) static CHECK_PATTERNS: &[&str] = &[];\n\
             pub(crate) static CHECK_TRIE: Option<&crate::lexicon::trie::Parts> = None;\n",
        ),
    }
}
