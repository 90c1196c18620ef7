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
//! speech tags, `In` of the poll phrase) is not stepped through every byte: the places the
//! literals may occur are found with `memchr` (their common prefix, or the at most three bytes
//! they have at one offset: `"` and `’`'s second byte after the speech tags' comma) and its
//! anchored DFA runs from each until it dies or matches. The unanchored DFA is then not even
//! read (checking a DFA's tables as it is read costs about 3.5 instructions a byte, the bulk of
//! the pattern stage on a 5 KB article). Literals that need a packed (SIMD) searcher, dearer to
//! build, are searched that way only once the gate has searched [`WARM`] bytes. It finds exactly
//! what the plain search finds; should the anchored runs step through several times the text
//! (literals everywhere, long runs), the rest is searched the plain way, so the cost stays
//! linear. (Issue 6, callgrind on the 295-article bench corpus: the gates' searches 7.70 M →
//! 6.38 M instructions, the pattern stage 15.70 M → 13.44 M; one 5 KB article 7.94 M → 7.83 M.)

use super::alphabet::Alphabet;
use super::matcher::Scratch;
use super::pattern::{Aligned, Prepared};
use aho_corasick::packed;
use memchr::memmem;
use regex_automata::dfa::{dense, Automaton};
use regex_automata::util::primitives::StateID;
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
    /// The DFA's bytes, read (and checked) on first use: a gate that searches from its first
    /// literals seldom needs it.
    bytes: &'static Aligned<[u8]>,
    dfa: OnceLock<Option<Dfa>>,
    /// The anchored DFA and the literals every match starts with, when there are such.
    anchored: Option<(&'static Aligned<[u8]>, Literals)>,
    /// Whether the literals are found with `memchr` ([`Starts::cheap`]): then the gate
    /// searches from them from the first text on, without waiting for [`WARM`] bytes.
    cheap: bool,
    /// Bytes searched step by step so far.
    seen: AtomicUsize,
    /// The anchored DFA and a searcher of the literals, built after [`WARM`] bytes (at once
    /// when they are `cheap`).
    fast: OnceLock<Option<Fast>>,
}

/// A gate's anchored DFA, its start state when that does not depend on the byte before (none of
/// the built-in gates looks behind), and the searcher of its first literals.
type Fast = (Dfa, Option<StateID>, Starts);

/// Finds the places where one of a gate's first literals may start (every place one does).
#[derive(Debug)]
enum Starts {
    /// The prefix all the literals share (`In` of `In ` and `In\t`), of two bytes or more.
    Prefix(memmem::Finder<'static>),
    /// The bytes the literals have at `offset`, when they are at most three: `"` and the first
    /// byte of `“` at 0; `"` and the second bytes of `’` and `–` at 1 for the speech tags
    /// (`,"`, `,’`, `–"`).
    Bytes { offset: usize, bytes: Vec<u8> },
    /// A packed (SIMD) searcher of the literals themselves.
    Packed(packed::Searcher),
}

impl Starts {
    /// The length of the prefix all of `literals` share.
    fn common(literals: Literals) -> usize {
        let first = literals.first().copied().unwrap_or_default();
        (0..first.len())
            .take_while(|&i| literals.iter().all(|l| l.get(i) == first.get(i)))
            .count()
    }

    /// The offset within every literal at which they have the fewest distinct bytes (the
    /// first such), with those bytes sorted, when there are at most three.
    fn bytes_at(literals: Literals) -> Option<(usize, Vec<u8>)> {
        let shortest = literals.iter().map(|l| l.len()).min()?;
        let mut best: Option<(usize, Vec<u8>)> = None;
        for offset in 0..shortest {
            let mut bytes: Vec<u8> = literals
                .iter()
                .filter_map(|l| l.get(offset).copied())
                .collect();
            bytes.sort_unstable();
            bytes.dedup();
            if bytes.len() <= 3 && best.as_ref().is_none_or(|b| bytes.len() < b.1.len()) {
                best = Some((offset, bytes));
            }
        }
        best
    }

    /// Whether `literals` (none empty) are found with `memchr`'s searchers, which cost next to
    /// nothing to build and step through a text several times faster than the packed one.
    fn cheap(literals: Literals) -> bool {
        Starts::common(literals) >= 2 || Starts::bytes_at(literals).is_some()
    }

    /// The searcher for `literals` (none empty).
    fn new(literals: Literals) -> Option<Starts> {
        let common = Starts::common(literals);
        if common >= 2 {
            let prefix = literals.first()?.get(..common)?;
            return Some(Starts::Prefix(memmem::Finder::new(prefix)));
        }
        if let Some((offset, bytes)) = Starts::bytes_at(literals) {
            return Some(Starts::Bytes { offset, bytes });
        }
        packed::Config::new()
            .builder()
            .extend(literals)
            .build()
            .map(Starts::Packed)
    }

    /// The first place at or after `at` in `hay` where one of the literals may start.
    fn find(&self, hay: &[u8], at: usize) -> Option<usize> {
        match self {
            Starts::Prefix(f) => Some(at + f.find(hay.get(at..)?)?),
            Starts::Bytes { offset, bytes } => {
                let from = at.checked_add(*offset)?;
                let rest = hay.get(from..)?;
                let i = match *bytes.as_slice() {
                    [a] => memchr::memchr(a, rest),
                    [a, b] => memchr::memchr2(a, b, rest),
                    [a, b, c] => memchr::memchr3(a, b, c, rest),
                    _ => None,
                }?;
                Some(at + i)
            }
            Starts::Packed(s) => s
                .find_in(hay, aho_corasick::Span::from(at..hay.len()))
                .map(|m| m.start()),
        }
    }
}

/// The gate `build.rs` wrote, with its anchored DFA and the literals every match of it starts
/// with (`starts`, none when empty). Its DFAs are read on first use; one that does not read
/// back (as on a big-endian machine) closes on no text.
pub fn read(
    bytes: &'static Aligned<[u8]>,
    anchored: Option<&'static Aligned<[u8]>>,
    starts: Literals,
) -> Option<Gate> {
    let anchored = anchored.filter(|_| !starts.is_empty()).map(|a| (a, starts));
    Some(Gate {
        bytes,
        dfa: OnceLock::new(),
        anchored,
        cheap: anchored.is_some() && Starts::cheap(starts),
        seen: AtomicUsize::new(0),
        fast: OnceLock::new(),
    })
}

impl Gate {
    /// The anchored DFA and the searcher of first literals: at once for `cheap` literals, else
    /// once [`WARM`] bytes were searched (`len` more now); `None` before, or where it cannot
    /// be built (no SIMD for a packed searcher, a big-endian machine).
    fn fast(&self, len: usize) -> Option<&Fast> {
        let (anchored, starts) = self.anchored?;
        if !self.cheap
            && self.fast.get().is_none()
            && self.seen.fetch_add(len, Ordering::Relaxed) < WARM
        {
            return None;
        }
        self.fast
            .get_or_init(|| {
                let (dfa, _) = dense::DFA::from_bytes(&anchored.bytes).ok()?;
                let universal = dfa.universal_start_state(Anchored::Yes);
                Some((dfa, universal, Starts::new(starts)?))
            })
            .as_ref()
    }

    /// The unanchored DFA (read on the first call); `None` when it does not read back (as on a
    /// big-endian machine).
    fn dfa(&self) -> Option<&Dfa> {
        self.dfa
            .get_or_init(|| Some(dense::DFA::from_bytes(&self.bytes.bytes).ok()?.0))
            .as_ref()
    }
}

/// True when `gate`, the gate of the built-in pattern `p`, shows that `text` holds no match of
/// it; `scratch` keeps the translated text for the pattern's matcher.
pub fn absent(gate: &Gate, p: &Prepared, text: &str, scratch: &mut Scratch) -> bool {
    let hay = scratch
        .translated(&Alphabet::from_parts(p.starts, p.reps), text)
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
        gate.dfa().is_some_and(|dfa| {
            matches!(
                dfa.try_search_fwd(&Input::new(hay).range(from..).earliest(true)),
                Ok(None)
            )
        })
    };
    let Some((anchored, universal, searcher)) = gate.fast(hay.len()) else {
        return plain(0);
    };
    // bytes the anchored runs may step through before the plain search takes over: a quarter
    // of the text (on news copy they step through a few bytes from each literal; on a 50 MB
    // line with no comma, four times the text made the poll gate's runs from each `In`
    // cost 20 % of the check, where one plain search costs a few percent)
    let mut budget = (hay.len() / 4).saturating_add(4096);
    let mut at = 0;
    while let Some(start) = searcher.find(hay, at) {
        match run(anchored, *universal, hay, start, &mut budget) {
            Run::Dead => at = start + 1,
            Run::Match => return false,
            Run::Long => return plain(start),
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
/// through from `budget`; `universal` is its start state wherever it starts, if it has one.
fn run(dfa: &Dfa, universal: Option<StateID>, hay: &[u8], start: usize, budget: &mut usize) -> Run {
    let sid = match universal {
        Some(sid) => Ok(sid),
        None => dfa.start_state_forward(&Input::new(hay).range(start..).anchored(Anchored::Yes)),
    };
    let Ok(mut sid) = sid else {
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
                    bytes: g.bytes,
                    dfa: OnceLock::new(),
                    anchored: None,
                    cheap: false,
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
                    // (the plain gate is the loosened expression; the anchored runs may keep its
                    // bounded repetitions, build.rs: they close wherever it closes, and more)
                    let stepped = absent(plain, prep, &text, &mut Scratch::default());
                    prop_assert!(shut || !stepped, "{} on {:?}", p.as_str(), text);
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
        // more than five words between `poll` and the comma: the poll pattern does not match,
        // and its gate's runs from `In`, which keep that bound, close where the loosened gate
        // stepping through every byte does not
        let text = "In a new poll of voters the agency found that most of them said no, in May.";
        let mut tighter = 0;
        for ((p, g, prep), plain) in patterns.iter().zip(&plain) {
            assert!(!matches(p, text), "{}", p.as_str());
            let shut = absent(g, prep, text, &mut Scratch::default());
            let stepped = absent(plain, prep, text, &mut Scratch::default());
            tighter += usize::from(shut && !stepped);
        }
        assert_eq!(tighter, 1, "{text}");
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

    /// Every place in `hay` where one of `literals` starts.
    fn occurrences(literals: Literals, hay: &[u8]) -> Vec<usize> {
        (0..hay.len())
            .filter(|&i| {
                literals
                    .iter()
                    .any(|l| hay.get(i..).is_some_and(|r| r.starts_with(l)))
            })
            .collect()
    }

    /// The places a searcher of first literals offers, from each one after the last.
    fn offered(starts: &Starts, hay: &[u8]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(i) = starts.find(hay, at) {
            assert!(i >= at && i < hay.len(), "{i} from {at}");
            out.push(i);
            at = i + 1;
        }
        out
    }

    /// Each kind of searcher of first literals offers every place where one of them starts,
    /// on random texts of quotation marks, dashes and words (the literals of the built-in gates
    /// and a few made up to take each kind).
    #[test]
    fn searchers_of_first_literals_miss_no_literal() {
        use proptest::prelude::*;
        const MADE: [Literals; 5] = [
            &[b"In ", b"In\t"],
            &[b"\"", b"\xe2\x80\x9c"],
            &[
                b",\" ",
                b",\"\n",
                b",\xe2\x80\x99",
                b"\xe2\x80\x93\"",
                b"?\"\t",
                b"!\" ",
                b"-\xe2\x80\x9d",
            ],
            &[b"ab", b"cd", b"ef", b"gh"],
            &[b"x"],
        ];
        let mut sets: Vec<Literals> = MADE.to_vec();
        let rules = RuleSet::builtin().unwrap();
        for p in rules.rules().iter().flat_map(|r| r.patterns.iter()) {
            for g in [p.gate_ref().map(|(g, _)| g), p.raw_ref()]
                .into_iter()
                .flatten()
            {
                sets.extend(g.anchored.map(|(_, l)| l));
            }
        }
        let kinds: Vec<(Literals, Starts)> =
            sets.iter().map(|&l| (l, Starts::new(l).unwrap())).collect();
        let kind = |k: &Starts| match k {
            Starts::Prefix(_) => 0,
            Starts::Bytes { offset: 0, .. } => 1,
            Starts::Bytes { .. } => 2,
            Starts::Packed(_) => 3,
        };
        for n in 0..4 {
            assert!(
                kinds.iter().any(|(_, k)| kind(k) == n),
                "no searcher of kind {n}"
            );
        }
        let pieces = [
            "In",
            "In ",
            "In\t",
            "Inn",
            "\"",
            "“",
            "”",
            "’",
            ",",
            "?",
            "!",
            "-",
            "–",
            "—",
            " ",
            "\t",
            "\n",
            "ab",
            "cd",
            "a",
            "x",
            "é",
            "he said",
            ",” she added",
        ];
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        runner
            .run(&proptest::collection::vec(0..pieces.len(), 0..40), |idx| {
                let text: String = idx.iter().map(|&i| pieces[i]).collect();
                for (literals, starts) in &kinds {
                    let offered = offered(starts, text.as_bytes());
                    for i in occurrences(literals, text.as_bytes()) {
                        prop_assert!(
                            offered.contains(&i),
                            "{:?} at {} of {:?}",
                            literals,
                            i,
                            text
                        );
                    }
                }
                Ok(())
            })
            .unwrap();
    }
}
