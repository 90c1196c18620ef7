//! The gates of the built-in patterns: for each, a DFA built and serialized by `build.rs`
//! (`build/gate.rs`) that finds whether a text may hold a match of the pattern at all. Most texts
//! hold none, and then the pattern's matcher is neither compiled nor run (compiling the matchers
//! took a fifth of the instructions of checking a 5 KB article, issue 6).
//!
//! A gate is the pattern's cut-down expression loosened (Unicode word boundaries dropped,
//! bounded repetitions unbounded, cut short if its DFA is still large): it matches wherever the
//! pattern does, and more, in the text translated to the pattern's alphabet
//! ([`super::alphabet`]). A text it does not match holds no match of the pattern. Its tables are
//! read in place from the binary.
//!
//! A gate whose matches all start with one of a few literals (`build.rs` lists them: `,”` of the
//! speech tags, `In` of the poll phrase) is not stepped through every byte once the gate has
//! searched [`WARM`] bytes (building it costs more than a short text's search): the places the
//! literals occur are found with a packed (SIMD) searcher, and its anchored DFA runs from each
//! until it dies or matches. It finds exactly what the plain search finds; should the anchored
//! runs step through several times the text (literals everywhere, long runs), the rest is
//! searched the plain way, so the cost stays linear.

use super::alphabet::Alphabet;
use super::matcher::Scratch;
use super::pattern::{Aligned, Prepared};
use aho_corasick::packed;
use regex_automata::dfa::{dense, Automaton};
use regex_automata::{Anchored, Input};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// A gate's DFA read in place.
type Dfa = dense::DFA<&'static [u32]>;

/// The literals every match of a gate starts with, as `build.rs` wrote them.
type Literals = &'static [&'static [u8]];

/// Bytes a gate searches step by step before it builds its searcher of first literals.
const WARM: usize = 64 << 10;

/// A gate read from its bytes.
#[derive(Debug)]
pub struct Gate {
    dfa: Dfa,
    /// The anchored DFA and the literals every match starts with, when there are such.
    anchored: Option<(&'static Aligned<[u8]>, Literals)>,
    /// Bytes searched step by step so far.
    seen: AtomicUsize,
    /// The anchored DFA and a searcher of the literals, built after [`WARM`] bytes.
    fast: OnceLock<Option<(Dfa, packed::Searcher)>>,
}

/// The gate `build.rs` wrote, with its anchored DFA and the literals every match of it starts
/// with (`starts`, none when empty); `None` when it does not read back (as on a big-endian
/// machine).
pub fn read(
    bytes: &'static Aligned<[u8]>,
    anchored: Option<&'static Aligned<[u8]>>,
    starts: Literals,
) -> Option<Gate> {
    let (dfa, _) = dense::DFA::from_bytes(&bytes.bytes).ok()?;
    Some(Gate {
        dfa,
        anchored: anchored.filter(|_| !starts.is_empty()).map(|a| (a, starts)),
        seen: AtomicUsize::new(0),
        fast: OnceLock::new(),
    })
}

impl Gate {
    /// The anchored DFA and the searcher of first literals, once [`WARM`] bytes were searched
    /// (`len` more now); `None` before, or where it cannot be built (no SIMD, a big-endian
    /// machine).
    fn fast(&self, len: usize) -> Option<&(Dfa, packed::Searcher)> {
        let (anchored, starts) = self.anchored?;
        if self.fast.get().is_none() && self.seen.fetch_add(len, Ordering::Relaxed) < WARM {
            return None;
        }
        self.fast
            .get_or_init(|| {
                let (dfa, _) = dense::DFA::from_bytes(&anchored.bytes).ok()?;
                let searcher = packed::Config::new().builder().extend(starts).build()?;
                Some((dfa, searcher))
            })
            .as_ref()
    }
}

/// True when `gate`, the gate of the built-in pattern `p`, shows that `text` holds no match of
/// it; `scratch` keeps the translated text for the pattern's matcher.
pub fn absent(gate: &Gate, p: &Prepared, text: &str, scratch: &mut Scratch) -> bool {
    let &(_, _, starts, reps, ..) = p;
    let hay = scratch
        .translated(&Alphabet::from_parts(starts, reps), text)
        .as_bytes();
    search_absent(gate, hay)
}

/// True when `gate`, a raw gate of a built-in pattern (built from its full expression, for the
/// text's own bytes), shows that `text` holds no match of it. Cheaper than [`absent`]: the text
/// is not translated.
pub fn absent_raw(gate: &Gate, text: &str) -> bool {
    search_absent(gate, text.as_bytes())
}

/// True when `gate` finds no match in `hay`.
fn search_absent(gate: &Gate, hay: &[u8]) -> bool {
    let plain = |from: usize| {
        matches!(
            gate.dfa
                .try_search_fwd(&Input::new(hay).range(from..).earliest(true)),
            Ok(None)
        )
    };
    let Some((anchored, searcher)) = gate.fast(hay.len()) else {
        return plain(0);
    };
    // bytes the anchored runs may step through before the plain search takes over
    let mut budget = hay.len().saturating_mul(4).saturating_add(256);
    let mut at = 0;
    while let Some(m) = searcher.find_in(hay, aho_corasick::Span::from(at..hay.len())) {
        match run(anchored, hay, m.start(), &mut budget) {
            Run::Dead => at = m.start() + 1,
            Run::Match => return false,
            Run::Long => return plain(m.start()),
        }
    }
    true
}

/// How an anchored run of a gate ended.
enum Run {
    /// No match starts here.
    Dead,
    /// One does (or the DFA gave up, which counts as one).
    Match,
    /// The budget is spent.
    Long,
}

/// Runs `dfa` anchored at `hay[start..]` until it matches or dies, taking each byte stepped
/// through from `budget`.
fn run(dfa: &Dfa, hay: &[u8], start: usize, budget: &mut usize) -> Run {
    let input = Input::new(hay).range(start..).anchored(Anchored::Yes);
    let Ok(mut sid) = dfa.start_state_forward(&input) else {
        return Run::Match;
    };
    for &b in hay.get(start..).unwrap_or_default() {
        if *budget == 0 {
            return Run::Long;
        }
        *budget -= 1;
        sid = dfa.next_state(sid, b);
        if dfa.is_special_state(sid) {
            if dfa.is_match_state(sid) || dfa.is_quit_state(sid) {
                return Run::Match;
            }
            if dfa.is_dead_state(sid) {
                return Run::Dead;
            }
        }
    }
    if dfa.is_match_state(dfa.next_eoi_state(sid)) {
        Run::Match
    } else {
        Run::Dead
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::matcher::Scratch;
    use crate::rules::{Pattern, RuleSet};

    /// Whether the pattern has a match in `text`, searched by its matcher alone.
    fn matches(p: &Pattern, text: &str) -> bool {
        let mut any = false;
        if let Some(m) = p.matcher() {
            m.find_all(text, &mut Scratch::default(), |_| any = true);
        }
        any
    }

    /// On random texts of news phrases in several scripts, no gate closes on a text where its
    /// pattern matches, and most gates close on most texts.
    #[test]
    fn gates_let_every_match_through() {
        use proptest::prelude::*;
        let rules = RuleSet::builtin().unwrap();
        let patterns: Vec<(&Pattern, &Gate, &Prepared)> = rules
            .rules()
            .iter()
            .flat_map(|r| r.patterns.iter())
            .map(|p| (p, p.gate_ref().unwrap()))
            .map(|(p, (g, prep))| (p, g, prep))
            .collect();
        assert!(patterns.len() >= 4);
        let pieces = [
            "Lopez",
            "ÉTÉ",
            "Łoś",
            "he",
            "She",
            "said",
            "added",
            "quietly",
            "In",
            "a",
            "the",
            "poll",
            "surveys",
            "of",
            "voters",
            ":",
            " ",
            " ",
            "\t",
            "\n",
            ",",
            "!",
            "-",
            "—",
            "\"",
            "“",
            "”",
            "’",
            "'",
            ".",
            ";",
            "Σωκράτης",
            "είπε",
            "Дмитрий",
            "लोग",
            "5",
            "😀",
            "ǅx",
            "RUIZ",
            "\u{A0}",
            "e\u{301}",
            "\nAna Ruiz: Yes",
            ",” she added.",
            "In a new poll by Gallup of 2,000 adults, ",
            "“NO: never",
            "In Łódź survey,",
            "—” Dmitri Łoś noted.",
            "“ÉTÉ ŁOŚ: oui",
            ",\"",
            "?”",
            "—’ ",
            "–\" ",
            "!” ",
            "In ",
            "In\t",
            "Inn",
            "The",
            "An",
            "His",
            "statement",
            "continued",
            "Ramos",
            "Ramos-Ruiz",
            "O’Neil",
            "\u{2003}",
            "\u{85}",
            ",” the statement continued.",
            "?\" An official replied;",
            "—” Ramos quietly answered,",
        ];
        // each gate with literals warmed up (searching from them), and the same gate stepping
        // through every byte
        let plain: Vec<Gate> = patterns
            .iter()
            .map(|(_, g, _)| {
                g.seen.store(WARM, Ordering::Relaxed);
                Gate {
                    dfa: g.dfa.clone(),
                    anchored: None,
                    seen: AtomicUsize::new(0),
                    fast: OnceLock::new(),
                }
            })
            .collect();
        let fast = patterns.iter().filter(|(_, g, _)| g.fast(0).is_some());
        assert!(fast.count() >= 3, "gates searching from literals");
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let (closed, matched) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
        let raw_closed = std::cell::Cell::new(0);
        runner
            .run(&proptest::collection::vec(0..pieces.len(), 0..60), |idx| {
                let text: String = idx.iter().map(|&i| pieces[i]).collect();
                for ((p, g, prep), plain) in patterns.iter().zip(&plain) {
                    let m = matches(p, &text);
                    let shut = absent(g, prep, &text, &mut Scratch::default());
                    prop_assert!(!(m && shut), "{} on {:?}", p.as_str(), text);
                    let stepped = absent(plain, prep, &text, &mut Scratch::default());
                    prop_assert_eq!(shut, stepped, "{} on {:?}", p.as_str(), text);
                    let raw = p.raw_ref().is_some_and(|r| absent_raw(r, &text));
                    prop_assert!(!(m && raw), "raw {} on {:?}", p.as_str(), text);
                    raw_closed.set(raw_closed.get() + usize::from(raw));
                    matched.set(matched.get() + usize::from(m));
                    closed.set(closed.get() + usize::from(shut));
                }
                Ok(())
            })
            .unwrap();
        assert!(matched.get() > 50, "{} matches", matched.get());
        // about 100 of the 256 texts per gate, i.e. most gates close on many texts
        assert!(
            closed.get() > 100 * patterns.len(),
            "{} gates closed {} times",
            patterns.len(),
            closed.get()
        );
        // the raw gates (looser: they read every non-ASCII character by its first bytes) close
        // on many texts too
        assert!(
            raw_closed.get() > 50 * patterns.len(),
            "raw gates closed {} times",
            raw_closed.get()
        );
        // each pattern's own kind of text
        for text in [
            "Ana Ruiz: We will stay.",
            "“RUIZ: no",
            "“We stay,” she added.",
            "In a poll of voters by the agency, most said no.",
        ] {
            let mut n = 0;
            for (p, g, prep) in &patterns {
                if matches(p, text) {
                    n += 1;
                    let shut = absent(g, prep, text, &mut Scratch::default());
                    assert!(!shut, "{} on {text:?}", p.as_str());
                    let raw = p.raw_ref().is_some_and(|r| absent_raw(r, text));
                    assert!(!raw, "raw {} on {text:?}", p.as_str());
                }
            }
            assert!(n > 0, "{text}");
        }
    }
}
