//! A `pattern` rule's regular expression: validated when the rule file loads, compiled on first use.
//!
//! Compiling the built-in patterns (Unicode classes, bounded repetitions) costs more than the rest
//! of start-up together, and commands that never classify text (`rules`, `explain`, an empty
//! file) do not need them. Loading still parses every pattern (syntax errors and unknown capture
//! groups are load errors naming file, line and column); rule files given by the user are also
//! compiled at load, so that a pattern over the size limits is a load error too. Clones share the
//! compiled matcher, so rebuilding the engine (`--disable`) does not compile again.
//!
//! Texts are searched with a [`Matcher`]: the expression with its classes cut down to the few
//! characters it can tell apart (see [`super::alphabet`]), which finds exactly what the full
//! expression finds, on any text, and compiles several times faster.

use super::alphabet::{unknown_group, Alphabet};
use super::gate::{self, Gate};
use super::matcher::{Found, Matcher, Scratch};
use regex::{Regex, RegexBuilder};
use regex_syntax::hir::Hir;
use std::sync::{Arc, OnceLock};

/// A built-in pattern as `build.rs` prepared it (see [`super::alphabet`] and [`super::gate`]).
#[derive(Debug)]
pub(crate) struct Prepared {
    /// The expression as written.
    pub source: &'static str,
    /// Its cut-down expression (over the alphabet below) as text: the run builds it with
    /// `cut_hir`; a test checks the two agree.
    #[cfg_attr(not(test), allow(dead_code))]
    pub cut: &'static str,
    /// The alphabet's interval starts and representatives.
    pub starts: &'static [u32],
    pub reps: &'static [char],
    /// The gate of the cut-down expression, read over the translated text.
    pub gate: GateTables,
    /// The raw gate of the full expression, read over the text's own bytes.
    pub raw: GateTables,
    /// A rare ASCII byte (`:`) every match holds: a text without it is shut out with one
    /// `memchr`, before the gates (`build.rs`, `build/gate.rs`).
    pub needs: Option<u8>,
    /// Builds the cut-down expression without parsing it.
    pub cut_hir: fn() -> Hir,
}

/// The tables of one gate as `build.rs` wrote them: the DFA (none when it was too big), its
/// anchored DFA, and the literals every match of the gate starts with.
#[derive(Debug)]
pub(crate) struct GateTables {
    pub dfa: Option<&'static Aligned<[u8]>>,
    pub anchored: Option<&'static Aligned<[u8]>>,
    pub literals: &'static [&'static [u8]],
}

impl GateTables {
    /// The gate, read in place.
    fn read(&self) -> Option<Gate> {
        gate::read(self.dfa?, self.anchored, self.literals)
    }
}

/// Bytes aligned as a DFA's tables need them to be read in place (see [`super::gate`]).
#[repr(C)]
#[derive(Debug)]
pub struct Aligned<B: ?Sized> {
    pub align: [u32; 0],
    pub bytes: B,
}

/// Compiled regex size limits (bytes): a rule file cannot make the matcher blow up.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
const REGEX_DFA_LIMIT: usize = 2 << 20;

/// A validated pattern whose matcher is compiled once, on first use.
#[derive(Clone, Debug)]
pub struct Pattern {
    source: Arc<str>,
    /// The full expression: compiled only to check the size limits of a user's pattern.
    compiled: Arc<OnceLock<Option<Regex>>>,
    /// What texts are searched with.
    matcher: Arc<OnceLock<Option<Matcher>>>,
    /// The gate of a built-in pattern, read on first use.
    gate: Arc<OnceLock<Option<Gate>>>,
    /// Its raw gate (run first, on the text untranslated), read on first use.
    raw: Arc<OnceLock<Option<Gate>>>,
    /// Set for a pattern of the built-in rule files (validated and cut down by `build.rs`).
    prepared: Option<&'static Prepared>,
}

/// Why a pattern is invalid (one line, ready to follow `invalid regular expression: `).
pub enum Invalid {
    /// Syntax or size error, as the regex crate words it.
    Regex(String),
    /// A named group other than `source` and `cue`.
    UnknownGroup(String),
}

impl Pattern {
    /// Parses `source` (the same syntax and settings as [`Regex::new`]) and checks its group
    /// names; nothing is compiled.
    pub fn parse(source: &str) -> Result<Pattern, Invalid> {
        let found = super::builtin::PATTERNS.binary_search_by(|p| p.source.cmp(source));
        if let Ok(i) = found {
            // build.rs parsed it and checked its groups
            return Ok(Pattern {
                source: source.into(),
                compiled: Arc::new(OnceLock::new()),
                matcher: Arc::new(OnceLock::new()),
                gate: Arc::new(OnceLock::new()),
                raw: Arc::new(OnceLock::new()),
                prepared: super::builtin::PATTERNS.get(i),
            });
        }
        let hir = regex_syntax::Parser::new()
            .parse(source)
            .map_err(|e| Invalid::Regex(e.to_string().replace('\n', " ")))?;
        if let Some(name) = unknown_group(&hir) {
            return Err(Invalid::UnknownGroup(name.to_string()));
        }
        Ok(Pattern {
            source: source.into(),
            compiled: Arc::new(OnceLock::new()),
            matcher: Arc::new(OnceLock::new()),
            gate: Arc::new(OnceLock::new()),
            raw: Arc::new(OnceLock::new()),
            prepared: None,
        })
    }

    /// Compiles the full expression now; an error when it is over the size limits.
    pub fn compile_now(&self) -> Result<&Regex, Invalid> {
        match self.regex() {
            Some(re) => Ok(re),
            None => Err(Invalid::Regex(
                build(&self.source)
                    .err()
                    .map_or_else(String::new, |e| e.to_string().replace('\n', " ")),
            )),
        }
    }

    /// The full expression (compiled on the first call); `None` only for a pattern over the size
    /// limits, which [`Pattern::compile_now`] rejects at load for user rule files.
    pub fn regex(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| build(&self.source).ok())
            .as_ref()
    }

    /// The matcher texts are searched with (compiled on the first call).
    pub fn matcher(&self) -> Option<&Matcher> {
        self.matcher
            .get_or_init(|| match self.prepared {
                Some(p) => {
                    // built, not parsed: build.rs wrote the constructor calls that make it
                    let hir = (p.cut_hir)();
                    let alphabet = Alphabet::from_parts(p.starts, p.reps);
                    Matcher::build(&hir, alphabet, REGEX_SIZE_LIMIT, REGEX_DFA_LIMIT)
                }
                None => {
                    let hir = regex_syntax::Parser::new().parse(&self.source).ok()?;
                    Matcher::new(&hir, REGEX_SIZE_LIMIT, REGEX_DFA_LIMIT)
                }
            })
            .as_ref()
    }

    /// Every match in `text`, in order, exactly as [`Regex::captures_iter`] of the full expression
    /// finds them; `scratch` is working space (one for every pattern run on the same text).
    pub fn find_all(&self, text: &str, scratch: &mut Scratch, found: impl FnMut(Found)) {
        if let Some(p) = self.prepared {
            // (half the articles of the bench corpus have no colon, which every match of the
            // colon patterns holds; a gate steps through the whole text, issue 6)
            if p.needs
                .is_some_and(|b| memchr::memchr(b, text.as_bytes()).is_none())
            {
                return;
            }
            // the raw gate first: most texts are shut out without being translated
            if self.raw_gate().is_some_and(|g| gate::absent_raw(g, text)) {
                return;
            }
            if self
                .gate()
                .is_some_and(|g| gate::absent(g, p, text, scratch))
            {
                return;
            }
        }
        if let Some(m) = self.matcher() {
            m.find_all(text, scratch, found);
        }
    }

    /// The gate of a built-in pattern (read on the first call).
    fn gate(&self) -> Option<&Gate> {
        self.gate
            .get_or_init(|| self.prepared?.gate.read())
            .as_ref()
    }

    /// The raw gate of a built-in pattern (read on the first call).
    fn raw_gate(&self) -> Option<&Gate> {
        self.raw.get_or_init(|| self.prepared?.raw.read()).as_ref()
    }

    /// The raw gate of a built-in pattern (for tests).
    #[cfg(test)]
    pub(crate) fn raw_ref(&self) -> Option<&Gate> {
        self.raw_gate()
    }

    /// The gate of a built-in pattern and what `build.rs` prepared (for tests).
    #[cfg(test)]
    pub(crate) fn gate_ref(&self) -> Option<(&Gate, &'static Prepared)> {
        Some((self.gate()?, self.prepared?))
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }
}

fn build(source: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_DFA_LIMIT)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_without_compiling() {
        let p = Pattern::parse(r"(?P<source>\p{Lu}\w+) (?P<cue>said)")
            .ok()
            .unwrap();
        assert!(p.compiled.get().is_none() && p.matcher.get().is_none());
        assert!(p.regex().is_some_and(|r| r.is_match("Lopez said")));
        let mut n = 0;
        p.find_all("Lopez said", &mut Scratch::default(), |_| n += 1);
        assert_eq!(n, 1);
        assert!(matches!(Pattern::parse("(a"), Err(Invalid::Regex(_))));
        assert!(matches!(
            Pattern::parse("(?P<cue>x)(?P<who>y)"),
            Err(Invalid::UnknownGroup(n)) if n == "who"
        ));
    }

    #[test]
    fn size_limit_is_an_error_when_compiled_now() {
        let p = Pattern::parse(r"\w{1000}\w{1000}\w{1000}").ok().unwrap();
        assert!(p.compile_now().is_err());
        assert!(p.regex().is_none());
    }

    /// Each match: the whole match, `source` and `cue` as byte ranges.
    type Matches = Vec<Vec<Option<(usize, usize)>>>;

    /// Every match with its groups, as the full expression finds them and as the matcher does.
    fn both(p: &Pattern, text: &str) -> (Matches, Matches) {
        let full = p.regex().unwrap();
        let want = full
            .captures_iter(text)
            .map(|c| {
                let g = |n: &str| c.name(n).map(|m| (m.start(), m.end()));
                let m = c.get(0).unwrap();
                vec![Some((m.start(), m.end())), g("source"), g("cue")]
            })
            .collect();
        let mut got = Vec::new();
        let mut scratch = Scratch::default();
        p.find_all(text, &mut scratch, |f| {
            let r = |s: crate::span::Span| (s.start, s.end);
            got.push(vec![Some(r(f.span)), f.source.map(r), f.cue.map(r)]);
        });
        (want, got)
    }

    /// The cut-down matcher finds the same spans and groups as the full expression, on texts in
    /// any script (letters of every case, marks, digits, spaces, emoji, literals of the pattern).
    #[test]
    fn matcher_agrees_with_full_expression() {
        let patterns = [
            r"(?m)^[ \t]*(?P<source>\p{Lu}[\p{L}.’'-]*(?:[ \t]+\p{Lu}[\p{L}.’'-]*){0,3})(?P<cue>:)[ \t]+[^\s\d]|(?i:ÉTÉ)\w+|[^a-z]+",
            r"\b(?P<source>\w+)\b\s+(?P<cue>ελ\w*)|(?i)straße|\B\d+",
            r"(?P<cue>x*)",
            r"(?-u:\b)[a-z]+(?-u:\b)|[^\p{Greek}\s]{2}",
        ];
        let texts = [
            "Óscar Núñez-Łoś: it was “fine” — ÉtÉs 5 € ★\nAna: no, Été été\tĦ: x → ℕ █",
            "Ωμέγα: Λέει ελπίζει. Σ: ok\nПетров: нет, ДА: будет 😀 Ǆx: ǅy ǆz",
            "Ramesh: लोग कहते हैं। Müller: STRASSE straße ẞ١٢٣ 42x ab١",
            "e\u{301}lan: ok; ﬁne ＡＢ: ｃ Ⅻ: ⅻ ꭰ 𝐀𝐁: 𝐜 \u{A0}X: y\u{2028}Z: w",
            "",
            "plain ascii: Text said: no",
        ];
        for src in patterns {
            let p = Pattern::parse(src).ok().unwrap();
            for text in texts {
                let (want, got) = both(&p, text);
                assert_eq!(want, got, "{src} on {text:?}");
            }
        }
        // the built-in patterns on the same texts
        let rules = crate::rules::RuleSet::builtin().ok().unwrap();
        for r in rules.rules() {
            for p in &r.patterns {
                for text in texts {
                    let (want, got) = both(p, text);
                    assert_eq!(want, got, "{} on {text:?}", p.as_str());
                }
            }
        }
    }

    /// Random texts over a mixed alphabet: the matcher and the full expression agree.
    #[test]
    fn matcher_agrees_on_random_texts() {
        use proptest::prelude::*;
        let rules = crate::rules::RuleSet::builtin().ok().unwrap();
        let patterns: Vec<Pattern> = rules
            .rules()
            .iter()
            .flat_map(|r| r.patterns.iter().cloned())
            .collect();
        let alphabet = [
            "Lopez",
            "ÉTÉ",
            "Łoś",
            "he",
            "She",
            "said",
            "shrugged",
            "quietly",
            "ok",
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
            "заявил",
            "लोग",
            "१२",
            "5",
            "😀",
            "ǅx",
            "𝐀𝐁",
            "RUIZ",
            "\u{A0}",
            "e\u{301}",
            "\nŁukasz Nowak: Tak",
            "“ΡΟΥΙΖ: όχι",
            ",” Дмитрий заявил.",
            "!\" he quietly shrugged;",
            "\nÉlan Vital: ǅx",
        ];
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let hits = std::cell::Cell::new(0);
        runner
            .run(
                &proptest::collection::vec(0..alphabet.len(), 0..60),
                |idx| {
                    let text: String = idx.iter().map(|&i| alphabet[i]).collect();
                    hits.set(
                        hits.get()
                            + usize::from(
                                patterns
                                    .iter()
                                    .any(|p| p.regex().is_some_and(|r| r.is_match(&text))),
                            ),
                    );
                    for p in &patterns {
                        let (want, got) = both(p, &text);
                        prop_assert_eq!(want, got);
                    }
                    Ok(())
                },
            )
            .unwrap();
        assert!(hits.get() > 20, "{} random texts matched", hits.get());
    }

    /// The cut-down expression of each built-in pattern as `build.rs` wrote it to be built is
    /// the one its text parses to (that the matcher finds what the full expression finds is
    /// tested above).
    #[test]
    fn built_expressions_are_the_parsed_ones() {
        let mut n = 0;
        for p in super::super::builtin::PATTERNS {
            let parsed = regex_syntax::Parser::new().parse(p.cut).unwrap();
            assert!((p.cut_hir)() == parsed, "{}", p.source);
            n += 1;
        }
        assert!(n >= 5, "{n} built-in patterns");
    }

    /// The byte `build.rs` found that every match of a built-in pattern holds (`needs`, for a
    /// quick look before the gates) is in every match of the full expression, and the colon
    /// patterns have one.
    #[test]
    fn needed_byte_is_in_every_match() {
        let texts = [
            "\nAna Ruiz: We will win.\nMr. Ruiz said: \nAna Ruiz made the following statement:",
            "“Ruiz: no” and \n\"LOPEZ: Yes\n, “he said.\nIn a recent poll, most agreed,",
        ];
        let (mut with, mut matches) = (0, 0);
        for p in super::super::builtin::PATTERNS {
            let Some(b) = p.needs else { continue };
            with += 1;
            let re = regex::Regex::new(p.source).unwrap();
            for text in texts {
                for m in re.find_iter(text) {
                    assert!(m.as_str().as_bytes().contains(&b), "{} {m:?}", p.source);
                    matches += 1;
                }
            }
        }
        assert!(
            with >= 3 && matches >= 3,
            "{with} patterns, {matches} matches"
        );
    }

    #[test]
    fn every_builtin_pattern_compiles() {
        let rules = crate::rules::RuleSet::builtin().ok().unwrap();
        let mut n = 0;
        for r in rules.rules() {
            for p in &r.patterns {
                assert!(p.compile_now().is_ok(), "{}: {}", r.info.id, p.as_str());
                assert!(p.matcher().is_some());
                assert!(
                    p.gate().is_some(),
                    "{}: {} has no gate",
                    r.info.id,
                    p.as_str()
                );
                assert!(p.raw_gate().is_some(), "{}: no raw gate", p.as_str());
                n += 1;
            }
        }
        assert!(n > 0);
    }
}
