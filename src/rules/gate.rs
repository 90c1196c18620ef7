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

use super::alphabet::Alphabet;
use super::matcher::Scratch;
use super::pattern::{Aligned, Prepared};
use regex_automata::dfa::{dense, Automaton};
use regex_automata::Input;

/// A gate read from its bytes.
pub type Gate = dense::DFA<&'static [u32]>;

/// The gate `build.rs` wrote; `None` when it does not read back (as on a big-endian machine).
pub fn read(bytes: &'static Aligned<[u8]>) -> Option<Gate> {
    Gate::from_bytes(&bytes.bytes).ok().map(|(dfa, _)| dfa)
}

/// True when `gate`, the gate of the built-in pattern `p`, shows that `text` holds no match of
/// it; `scratch` keeps the translated text for the pattern's matcher.
pub fn absent(gate: &Gate, p: &Prepared, text: &str, scratch: &mut Scratch) -> bool {
    let &(_, _, starts, reps, _) = p;
    let hay = scratch.translated(&Alphabet::from_parts(starts, reps), text);
    matches!(
        gate.try_search_fwd(&Input::new(hay).earliest(true)),
        Ok(None)
    )
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
        ];
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let (closed, matched) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
        runner
            .run(&proptest::collection::vec(0..pieces.len(), 0..40), |idx| {
                let text: String = idx.iter().map(|&i| pieces[i]).collect();
                for (p, g, prep) in &patterns {
                    let m = matches(p, &text);
                    let shut = absent(g, prep, &text, &mut Scratch::default());
                    prop_assert!(!(m && shut), "{} on {:?}", p.as_str(), text);
                    matched.set(matched.get() + usize::from(m));
                    closed.set(closed.get() + usize::from(shut));
                }
                Ok(())
            })
            .unwrap();
        assert!(matched.get() > 50, "{} matches", matched.get());
        assert!(closed.get() > 500, "gates closed {} times", closed.get());
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
                }
            }
            assert!(n > 0, "{text}");
        }
    }
}
