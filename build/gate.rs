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

use regex_automata::dfa::dense;
use regex_automata::nfa::thompson;
use regex_automata::util::syntax;
use regex_syntax::hir::{Hir, HirKind, Look};
use std::path::Path;

/// The largest gate written (bytes): a bigger DFA costs more to check when it is read.
const MAX_BYTES: usize = 96 << 10;

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
/// DFA, unanchored); the Rust expression of the `Option` that includes it.
pub fn write(cut: &Hir, dir: &Path, i: usize) -> String {
    let Some(bytes) = gate(cut) else {
        return "None".to_string();
    };
    let name = format!("gate{i}.dfa");
    if std::fs::write(dir.join(&name), bytes).is_err() {
        return "None".to_string();
    }
    format!(
        "Some(&crate::rules::pattern::Aligned {{ align: [], bytes: \
         *include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}\")) }})"
    )
}

/// The gate of `cut`: its loosened form, shortened from the end (a text that holds a match of
/// an expression holds one of every prefix of it) until its DFA is at most [`MAX_BYTES`].
fn gate(cut: &Hir) -> Option<Vec<u8>> {
    let mut hir = loosen(cut);
    loop {
        if let Some(bytes) = dfa(&hir).filter(|b| b.len() <= MAX_BYTES) {
            return Some(bytes);
        }
        hir = match hir.kind() {
            HirKind::Concat(subs) if subs.len() > 1 => {
                Hir::concat(subs.get(..subs.len() - 1)?.to_vec())
            }
            _ => return None,
        };
    }
}

/// The unanchored DFA of `hir`, serialized (little-endian).
fn dfa(hir: &Hir) -> Option<Vec<u8>> {
    let nfa = thompson::Compiler::new()
        .syntax(syntax::Config::new())
        .configure(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
        .build_from_hir(hir)
        .ok()?;
    let dfa = dense::Builder::new()
        .configure(
            dense::Config::new()
                .start_kind(regex_automata::dfa::StartKind::Unanchored)
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
