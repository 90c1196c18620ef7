//! A pattern's gate: a DFA, serialized at build time, that finds whether a text may hold a match
//! of the pattern at all (`rules::pattern`). Most texts hold none, and then the pattern's own
//! matcher (whose compilation took a fifth of the instructions of checking a 5 KB article,
//! issue 6) is neither compiled nor run.
//!
//! The gate is the cut-down expression (`rules::alphabet`) loosened: its Unicode word
//! boundaries dropped (a DFA cannot decide them) and its bounded repetitions unbounded (`{0,8}`
//! of a phrase multiplies the states), and cut short from the end if its DFA is still large. It
//! matches wherever the expression does, and more, in the text translated to the alphabet: a
//! text it does not match holds no match of the pattern.
//!
//! When every match of the gate starts with one of a few literals (`,”` or `In ` of the
//! speech-tag and poll-intro patterns), they are written next to it with an anchored DFA: once
//! the program has searched enough text, it builds a searcher of them, and the anchored DFA
//! runs only from the places they occur instead of stepping through every byte.

use regex_automata::dfa::dense;
use regex_automata::nfa::thompson;
use regex_automata::util::syntax;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind, Look};
use std::path::Path;

/// The largest gate written (bytes): a bigger DFA costs more to check when it is read.
const MAX_BYTES: usize = 96 << 10;

/// The most literals a gate's matches start with that are kept whole (a packed searcher takes
/// up to 64).
const WHOLE: usize = 16;

/// `hir` loosened into a gate: Unicode word boundaries dropped, bounded repetitions unbounded.
fn loosen(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(
            Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode,
        ) => Hir::empty(),
        HirKind::Capture(c) => loosen(&c.sub),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(loosen).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(loosen).collect()),
        HirKind::Repetition(r) => {
            let mut r = r.clone();
            r.sub = Box::new(loosen(&r.sub));
            // `{0,8}` of a phrase multiplies the states: `*` is smaller and matches more
            if r.max.is_some_and(|m| m > 1) {
                r.max = None;
            }
            Hir::repetition(r)
        }
        _ => hir.clone(),
    }
}

/// Writes the gate of the cut-down expression `cut` to `dir/gate{i}.dfa` (little-endian dense
/// DFA, unanchored) and, when every match of it starts with one of a few literals, its anchored
/// DFA to `dir/gate{i}a.dfa`; the Rust expressions of the `Option`s that include them and of
/// the literals (empty when there are none to tell).
pub fn write(cut: &Hir, dir: &Path, i: usize) -> [String; 3] {
    let none = || ["None".to_string(), "None".to_string(), "&[]".to_string()];
    let Some((bytes, anchored, starts)) = gate(cut) else {
        return none();
    };
    let include = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.join(name), bytes).ok()?;
        Some(format!(
            "Some(&crate::rules::pattern::Aligned {{ align: [], bytes: \
             *include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}\")) }})"
        ))
    };
    let Some(plain) = include(&format!("gate{i}.dfa"), &bytes) else {
        return none();
    };
    let Some(anchored) = anchored.and_then(|b| include(&format!("gate{i}a.dfa"), &b)) else {
        return [plain, "None".to_string(), "&[]".to_string()];
    };
    // each literal as a byte string of `\xNN` escapes
    let starts: Vec<String> = starts
        .iter()
        .map(|s| {
            let escaped: String = s.iter().map(|b| format!("\\x{b:02x}")).collect();
            format!("b\"{escaped}\"")
        })
        .collect();
    [plain, anchored, format!("&[{}]", starts.join(", "))]
}

/// A gate's DFA, its anchored DFA and the literals every match starts with (if there are few).
type Written = (Vec<u8>, Option<Vec<u8>>, Vec<Vec<u8>>);

/// The literals every match of `hir` starts with: all of them when there are at most
/// [`WHOLE`], else as a prefilter of `regex_automata` takes them (chosen as it chooses them
/// for a regex); `None` when there is no such short list.
///
/// A regex keeps only the first byte of a short common prefix it deems rare (`I` of `In ` and
/// `In\t`), but capital I is frequent in news copy: on the bench corpus, 4,654 places where a
/// gate's anchored DFA ran, against 360 for the whole literals.
fn prefixes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let mut whole = seq.clone();
    whole.minimize_by_preference();
    if whole.len().is_some_and(|n| n <= WHOLE) {
        seq = whole;
    } else {
        seq.optimize_for_prefix_by_preference();
    }
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(lits.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// The gate of `cut`: its loosened form, shortened from the end (a text that holds a match of
/// an expression holds one of every prefix of it) until its DFA is at most [`MAX_BYTES`].
/// With its anchored DFA and the literals every match starts with, if there are few.
fn gate(cut: &Hir) -> Option<Written> {
    let mut hir = loosen(cut);
    loop {
        if let Some(bytes) = dfa(&hir, false).filter(|b| b.len() <= MAX_BYTES) {
            let starts = prefixes(&hir);
            let anchored = starts.as_ref().and_then(|_| dfa(&hir, true));
            return Some((bytes, anchored, starts.unwrap_or_default()));
        }
        hir = match hir.kind() {
            HirKind::Concat(subs) if subs.len() > 1 => {
                Hir::concat(subs.get(..subs.len() - 1)?.to_vec())
            }
            _ => return None,
        };
    }
}

/// The unanchored DFA of `hir`, or its `anchored` one (run from the places its first literals
/// occur), serialized (little-endian).
fn dfa(hir: &Hir, anchored: bool) -> Option<Vec<u8>> {
    let nfa = thompson::Compiler::new()
        .syntax(syntax::Config::new())
        .configure(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
        .build_from_hir(hir)
        .ok()?;
    let dfa = dense::Builder::new()
        .configure(
            dense::Config::new()
                .start_kind(if anchored {
                    regex_automata::dfa::StartKind::Anchored
                } else {
                    regex_automata::dfa::StartKind::Unanchored
                })
                .minimize(true)
                .dfa_size_limit(Some(8 * MAX_BYTES))
                .determinize_size_limit(Some(64 * MAX_BYTES)),
        )
        .build_from_nfa(&nfa)
        .ok()?;
    let (bytes, pad) = dfa.to_bytes_little_endian();
    let bytes = bytes.get(pad..)?.to_vec();
    Some(bytes)
}
