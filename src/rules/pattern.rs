//! A `pattern` rule's regular expression: validated when the rule file loads, compiled on first use.
//!
//! Compiling the built-in patterns (Unicode classes, bounded repetitions) costs more than the rest
//! of start-up together, and commands that never classify text (`rules`, `explain`, an empty
//! file) do not need them. Loading still parses every pattern (syntax errors and unknown capture
//! groups are load errors naming file, line and column); rule files given by the user are also
//! compiled at load, so that a pattern over the size limits is a load error too. Clones share the
//! compiled matcher, so rebuilding the engine (`--disable`) does not compile again.
//!
//! Most articles use only Latin letters and common punctuation ([`COMMON`]). For those, a second
//! matcher is compiled whose character classes are cut down to that alphabet: `\p{L}` then
//! compiles to a few dozen ranges instead of hundreds, which makes compiling several times
//! cheaper. On a text whose every character lies in the alphabet both matchers find exactly the
//! same matches and groups (a class consumes one character of the text, which is in the alphabet,
//! so the class matches it exactly when its cut-down form does); any other text uses the full one.

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};
use std::sync::{Arc, OnceLock};

/// Compiled regex size limits (bytes): a rule file cannot make the matcher blow up.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
const REGEX_DFA_LIMIT: usize = 2 << 20;

/// A validated pattern whose matcher is compiled once, on first use.
#[derive(Clone, Debug)]
pub struct Pattern {
    source: Arc<str>,
    compiled: Arc<OnceLock<Option<Regex>>>,
    /// The same pattern with its classes cut down to [`COMMON`].
    common: Arc<OnceLock<Option<Regex>>>,
}

/// The common alphabet: Basic Latin to Latin Extended-B, then general punctuation to dingbats
/// (currency, letterlike and number forms, arrows, box drawing, shapes: `€ № → █ ★ ✓`).
const COMMON: [(char, char); 2] = [('\0', '\u{24F}'), ('\u{2000}', '\u{27BF}')];

/// True when every character of `text` is in the common alphabet.
pub fn is_common(text: &str) -> bool {
    text.chars()
        .all(|c| COMMON.iter().any(|&(lo, hi)| lo <= c && c <= hi))
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
        let hir = regex_syntax::Parser::new()
            .parse(source)
            .map_err(|e| Invalid::Regex(e.to_string().replace('\n', " ")))?;
        if let Some(name) = unknown_group(&hir) {
            return Err(Invalid::UnknownGroup(name.to_string()));
        }
        Ok(Pattern {
            source: source.into(),
            compiled: Arc::new(OnceLock::new()),
            common: Arc::new(OnceLock::new()),
        })
    }

    /// Compiles the matcher now; an error when it is over the size limits.
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

    /// The compiled matcher (compiled on the first call); `None` only for a pattern over the size
    /// limits, which [`Pattern::compile_now`] rejects at load for user rule files.
    pub fn regex(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| build(&self.source).ok())
            .as_ref()
    }

    /// The matcher to run on a text for which [`is_common`] gave `common`: the cut-down one when
    /// it holds (same matches there), the full one otherwise.
    pub fn regex_for(&self, common: bool) -> Option<&Regex> {
        if common {
            let cut = self.common.get_or_init(|| {
                let hir = regex_syntax::Parser::new().parse(&self.source).ok()?;
                let alphabet = ClassUnicode::new(
                    COMMON
                        .iter()
                        .map(|&(lo, hi)| ClassUnicodeRange::new(lo, hi)),
                );
                build(&restrict(&hir, &alphabet).to_string()).ok()
            });
            if let Some(re) = cut {
                return Some(re);
            }
        }
        self.regex()
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

/// `hir` with every Unicode class intersected with `alphabet`.
fn restrict(hir: &Hir, alphabet: &ClassUnicode) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            let mut c = c.clone();
            c.intersect(alphabet);
            Hir::class(Class::Unicode(c))
        }
        HirKind::Capture(c) => {
            let mut c = c.clone();
            c.sub = Box::new(restrict(&c.sub, alphabet));
            Hir::capture(c)
        }
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|h| restrict(h, alphabet)).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|h| restrict(h, alphabet)).collect())
        }
        HirKind::Repetition(r) => {
            let mut r = r.clone();
            r.sub = Box::new(restrict(&r.sub, alphabet));
            Hir::repetition(r)
        }
        _ => hir.clone(),
    }
}

/// The first named group (in order of opening) that is neither `source` nor `cue`.
fn unknown_group(hir: &Hir) -> Option<&str> {
    match hir.kind() {
        HirKind::Capture(c) => match c.name.as_deref() {
            Some(n) if n != "source" && n != "cue" => Some(n),
            _ => unknown_group(&c.sub),
        },
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().find_map(unknown_group),
        HirKind::Repetition(r) => unknown_group(&r.sub),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_without_compiling() {
        let p = Pattern::parse(r"(?P<source>\p{Lu}\w+) (?P<cue>said)")
            .ok()
            .unwrap();
        assert!(p.compiled.get().is_none());
        assert!(p.regex().is_some_and(|r| r.is_match("Lopez said")));
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

    /// The cut-down matcher finds the same spans and groups as the full one on common text.
    #[test]
    fn cut_down_matcher_agrees_on_common_text() {
        let p = Pattern::parse(
            r"(?m)^[ \t]*(?P<source>\p{Lu}[\p{L}.’'-]*(?:[ \t]+\p{Lu}[\p{L}.’'-]*){0,3})(?P<cue>:)[ \t]+[^\s\d]|(?i:ÉTÉ)\w+|[^a-z]+",
        )
        .ok()
        .unwrap();
        let text = "Óscar Núñez-Łoś: it was “fine” — ÉtÉs 5 € ★\nAna: no, Été été\tĦ: x → ℕ █";
        assert!(is_common(text));
        assert!(!is_common("Ωmega"));
        let full = p.regex().unwrap();
        let cut = p.regex_for(true).unwrap();
        assert_ne!(full.as_str(), cut.as_str());
        let all = |re: &Regex| {
            re.captures_iter(text)
                .map(|c| c.iter().map(|m| m.map(|m| m.range())).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        };
        assert!(all(full).len() > 3);
        assert_eq!(all(full), all(cut));
        assert!(std::ptr::eq(p.regex_for(false).unwrap(), full));
    }

    #[test]
    fn every_builtin_pattern_compiles() {
        let rules = crate::rules::RuleSet::builtin().ok().unwrap();
        let mut n = 0;
        for r in rules.rules() {
            for p in &r.patterns {
                assert!(p.compile_now().is_ok(), "{}: {}", r.info.id, p.as_str());
                assert!(p.regex_for(true).is_some());
                n += 1;
            }
        }
        assert!(n > 0);
    }
}
