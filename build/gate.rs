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
//! speech-tag and poll-intro patterns), they are written next to it with an anchored DFA: the
//! program finds the places they may occur (with `memchr` when they share a prefix or have at
//! most three bytes at one offset) and runs the anchored DFA only from there instead of
//! stepping through every byte.

use regex_automata::dfa::dense;
use regex_automata::nfa::thompson;
use regex_automata::util::syntax;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, ClassUnicode, Hir, HirKind, Look};
use regex_syntax::utf8::Utf8Sequences;
use std::collections::BTreeMap;
use std::path::Path;

/// The largest gate written (bytes): a bigger DFA costs more to check when it is read.
const MAX_BYTES: usize = 96 << 10;

/// The most literals a gate's matches start with that are kept whole (a packed searcher takes
/// up to 64).
const WHOLE: usize = 32;

fn precise(b: u8) -> bool {
    b == 0xC2 || b == 0xE2
}

/// The most UTF-8 sequences of a class's non-ASCII characters written exactly.
const EXACT: usize = 24;

/// The bytes of the characters of `class`, loosened: its ASCII part exactly, and each of its
/// other characters as its first two bytes, which are told apart, and any continuation bytes
/// after them (a gate reads the text's own bytes, untranslated). Every character of `class`
/// matches, and a few more of three or four bytes.
fn bytes_class(class: &ClassUnicode) -> Hir {
    let mut alts: Vec<Hir> = Vec::new();
    let ascii: Vec<ClassBytesRange> = class
        .ranges()
        .iter()
        .filter(|r| r.start().is_ascii())
        .map(|r| ClassBytesRange::new(r.start() as u8, r.end().min('\x7F') as u8))
        .collect();
    if !ascii.is_empty() {
        alts.push(Hir::class(Class::Bytes(ClassBytes::new(ascii))));
    }
    // a few characters (quotation marks, dashes, spaces) exactly
    let exact: Vec<Hir> = class
        .ranges()
        .iter()
        .filter(|r| !r.end().is_ascii())
        .flat_map(|r| Utf8Sequences::new(r.start().max('\u{80}'), r.end()))
        .take(EXACT + 1)
        .map(|seq| {
            Hir::concat(
                seq.as_slice()
                    .iter()
                    .map(|b| {
                        Hir::class(Class::Bytes(ClassBytes::new([ClassBytesRange::new(
                            b.start, b.end,
                        )])))
                    })
                    .collect(),
            )
        })
        .collect();
    if exact.len() <= EXACT {
        alts.extend(exact);
        return Hir::alternation(alts);
    }
    // (length, first byte) -> second bytes
    let mut seconds: BTreeMap<(usize, u8), ClassBytes> = BTreeMap::new();
    for r in class.ranges() {
        if r.end().is_ascii() {
            continue;
        }
        let start = r.start().max('\u{80}');
        for seq in Utf8Sequences::new(start, r.end()) {
            let seq = seq.as_slice();
            let (Some(lead), Some(second)) = (seq.first(), seq.get(1)) else {
                continue;
            };
            for b in lead.start..=lead.end {
                let sec = if precise(b) {
                    ClassBytesRange::new(second.start, second.end)
                } else {
                    ClassBytesRange::new(0x80, 0xBF)
                };
                seconds
                    .entry((seq.len(), b))
                    .or_insert_with(|| ClassBytes::new([]))
                    .union(&ClassBytes::new([sec]));
            }
        }
    }
    // first bytes with the same length and second bytes are one class
    let mut grouped: BTreeMap<(usize, Vec<(u8, u8)>), ClassBytes> = BTreeMap::new();
    for ((len, lead), second) in seconds {
        let key: Vec<(u8, u8)> = second
            .ranges()
            .iter()
            .map(|r| (r.start(), r.end()))
            .collect();
        grouped
            .entry((len, key))
            .or_insert_with(|| ClassBytes::new([]))
            .push(ClassBytesRange::new(lead, lead));
    }
    let cont = || {
        Hir::class(Class::Bytes(ClassBytes::new([ClassBytesRange::new(
            0x80, 0xBF,
        )])))
    };
    for ((len, second), leads) in grouped {
        let mut seq = vec![
            Hir::class(Class::Bytes(leads)),
            Hir::class(Class::Bytes(ClassBytes::new(
                second.into_iter().map(|(a, b)| ClassBytesRange::new(a, b)),
            ))),
        ];
        seq.extend((2..len).map(|_| cont()));
        alts.push(Hir::concat(seq));
    }
    Hir::alternation(alts)
}

/// `hir` loosened into a gate: Unicode word boundaries dropped, bounded repetitions of more
/// than `keep` (and at least two) unbounded.
fn loosen(hir: &Hir, raw: bool, keep: u32) -> Hir {
    match hir.kind() {
        HirKind::Look(
            Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode,
        ) => Hir::empty(),
        HirKind::Class(Class::Unicode(c)) if raw => bytes_class(c),
        HirKind::Capture(c) => loosen(&c.sub, raw, keep),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|h| loosen(h, raw, keep)).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|h| loosen(h, raw, keep)).collect())
        }
        HirKind::Repetition(r) => {
            let mut r = r.clone();
            r.sub = Box::new(loosen(&r.sub, raw, keep));
            // `{0,8}` of a phrase multiplies the states: `*` is smaller and matches more
            if r.max.is_some_and(|m| m > keep.max(1)) {
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
pub fn write(cut: &Hir, raw: bool, dir: &Path, i: usize) -> [String; 3] {
    let none = || ["None".to_string(), "None".to_string(), "&[]".to_string()];
    let Some((bytes, anchored, starts)) = gate(cut, raw) else {
        return none();
    };
    let include = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.join(name), bytes).ok()?;
        Some(format!(
            "Some(&crate::rules::pattern::Aligned {{ align: [], bytes: \
             *include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}\")) }})"
        ))
    };
    let Some(plain) = include(
        &format!("gate{i}{}.dfa", if raw { "r" } else { "" }),
        &bytes,
    ) else {
        return none();
    };
    let Some(anchored) =
        anchored.and_then(|b| include(&format!("gate{i}{}a.dfa", if raw { "r" } else { "" }), &b))
    else {
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
fn gate(cut: &Hir, raw: bool) -> Option<Written> {
    let mut hir = loosen(cut, raw, 1);
    loop {
        if let Some(bytes) = dfa(&hir, false).filter(|b| b.len() <= MAX_BYTES) {
            let starts = prefixes(&hir);
            let anchored = starts
                .as_ref()
                .and_then(|s| tight_anchored(cut, raw, s).or_else(|| dfa(&hir, true)));
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

/// The largest anchored DFA of a gate with its bounded repetitions kept (bytes).
const MAX_TIGHT: usize = 128 << 10;

/// The anchored DFA of the gate of `cut` (a translated gate, not a `raw` one) with its bounded
/// repetitions kept, all of them or those of at most five, when some are of more than four
/// (`{0,5}`), it is at most [`MAX_TIGHT`] and its matches start with the same literals
/// `starts`. Its runs from the literals then close on more texts than the loosened gate
/// (`In a … poll` with more than
/// five words before its comma: on the bench corpus the poll pattern's matcher was compiled
/// for such a text and found nothing, 1.6 M instructions; issue 6); the unanchored DFA, which
/// takes over after long runs, stays the loosened one (both match wherever the pattern does).
/// Raw gates keep the loosened one: they are read for every document.
fn tight_anchored(cut: &Hir, raw: bool, starts: &[Vec<u8>]) -> Option<Vec<u8>> {
    if raw {
        return None;
    }
    // (kept short, `{0,3}` names and `{0,2}` words let through few more texts loosened, and
    // the speech tags' larger anchored DFA, read for most articles, cost more than it saved)
    let short = loosen(cut, raw, 4);
    for keep in [u32::MAX, 5] {
        let hir = loosen(cut, raw, keep);
        if hir == short {
            return None;
        }
        if prefixes(&hir).as_deref() != Some(starts) {
            continue;
        }
        if let Some(bytes) = dfa(&hir, true).filter(|b| b.len() <= MAX_TIGHT) {
            return Some(bytes);
        }
    }
    None
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

/// A Rust expression that builds `hir` with `regex_syntax`'s constructors (the names of
/// `regex_syntax::hir` in scope), so that the program compiles a built-in pattern's cut-down
/// expression without parsing its text (about 0.35 M instructions a pattern, issue 6). The
/// constructors simplify as the parser's translator does, which made `hir` with them: the
/// expression builds `hir` itself (a test in `rules::pattern` compares the two).
pub fn hir_code(hir: &Hir) -> String {
    let boxed = |h: &Hir| format!("Box::new({})", hir_code(h));
    let list = |subs: &[Hir]| {
        let items: Vec<String> = subs.iter().map(hir_code).collect();
        format!("vec![{}]", items.join(", "))
    };
    match hir.kind() {
        HirKind::Empty => "Hir::empty()".to_string(),
        HirKind::Literal(lit) => {
            let bytes: Vec<String> = lit.0.iter().map(|b| format!("{b}u8")).collect();
            format!("Hir::literal(&[{}][..])", bytes.join(", "))
        }
        HirKind::Class(Class::Unicode(c)) => {
            let ranges: Vec<String> = c
                .ranges()
                .iter()
                .map(|r| format!("ClassUnicodeRange::new({:?}, {:?})", r.start(), r.end()))
                .collect();
            format!(
                "Hir::class(Class::Unicode(ClassUnicode::new([{}])))",
                ranges.join(", ")
            )
        }
        HirKind::Class(Class::Bytes(c)) => {
            let ranges: Vec<String> = c
                .ranges()
                .iter()
                .map(|r| format!("ClassBytesRange::new({}, {})", r.start(), r.end()))
                .collect();
            format!(
                "Hir::class(Class::Bytes(ClassBytes::new([{}])))",
                ranges.join(", ")
            )
        }
        HirKind::Look(look) => format!("Hir::look(Look::{look:?})"),
        HirKind::Repetition(r) => format!(
            "Hir::repetition(Repetition {{ min: {}, max: {:?}, greedy: {}, sub: {} }})",
            r.min,
            r.max,
            r.greedy,
            boxed(&r.sub)
        ),
        HirKind::Capture(c) => format!(
            "Hir::capture(Capture {{ index: {}, name: {}, sub: {} }})",
            c.index,
            c.name.as_ref().map_or("None".to_string(), |n| format!(
                "Some({:?}.into())",
                n.as_ref()
            )),
            boxed(&c.sub)
        ),
        HirKind::Concat(subs) => format!("Hir::concat({})", list(subs)),
        HirKind::Alternation(subs) => format!("Hir::alternation({})", list(subs)),
    }
}

/// Bytes rare enough in news copy that a text without them is common (`:` is in half the
/// articles of the bench corpus), in order of preference.
const RARE: &[u8] = b":;|";

/// A byte of [`RARE`] that every match of `hir` holds, if there is one: a text without it
/// holds no match, found with one `memchr` before any gate is run (issue 6: the colon
/// patterns' gates stepped through every article, half of which have no colon).
pub fn required_byte(hir: &Hir) -> Option<u8> {
    let set = required(hir);
    RARE.iter().copied().find(|b| set.contains(b))
}

/// The ASCII bytes every match of `hir` holds (some of them: a subset is always right).
fn required(hir: &Hir) -> Vec<u8> {
    match hir.kind() {
        HirKind::Literal(lit) => lit.0.iter().copied().filter(u8::is_ascii).collect(),
        HirKind::Class(Class::Unicode(c)) => match c.ranges() {
            [r] if r.start() == r.end() && r.start().is_ascii() => vec![r.start() as u8],
            _ => Vec::new(),
        },
        HirKind::Class(Class::Bytes(c)) => match c.ranges() {
            [r] if r.start() == r.end() && r.start().is_ascii() => vec![r.start()],
            _ => Vec::new(),
        },
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min > 0 => required(&r.sub),
        HirKind::Concat(subs) => subs.iter().flat_map(required).collect(),
        HirKind::Alternation(subs) => {
            let mut sets = subs.iter().map(required);
            let first = sets.next().unwrap_or_default();
            sets.fold(first, |acc, s| {
                acc.into_iter().filter(|b| s.contains(b)).collect()
            })
        }
        _ => Vec::new(),
    }
}
