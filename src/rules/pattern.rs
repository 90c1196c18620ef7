//! A `pattern` rule's regular expression: validated when the rule file loads, compiled on first use.
//!
//! Compiling the built-in patterns (Unicode classes, bounded repetitions) costs more than the rest
//! of start-up together, and commands that never classify text (`rules`, `explain`, an empty
//! file) do not need them. Loading still parses every pattern (syntax errors and unknown capture
//! groups are load errors naming file, line and column); rule files given by the user are also
//! compiled at load, so that a pattern over the size limits is a load error too. Clones share the
//! compiled matcher, so rebuilding the engine (`--disable`) does not compile again.

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{Hir, HirKind};
use std::sync::{Arc, OnceLock};

/// Compiled regex size limits (bytes): a rule file cannot make the matcher blow up.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
const REGEX_DFA_LIMIT: usize = 2 << 20;

/// A validated pattern whose matcher is compiled once, on first use.
#[derive(Clone, Debug)]
pub struct Pattern {
    source: Arc<str>,
    compiled: Arc<OnceLock<Option<Regex>>>,
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

    #[test]
    fn every_builtin_pattern_compiles() {
        let rules = crate::rules::RuleSet::builtin().ok().unwrap();
        let mut n = 0;
        for r in rules.rules() {
            for p in &r.patterns {
                assert!(p.compile_now().is_ok(), "{}: {}", r.info.id, p.as_str());
                n += 1;
            }
        }
        assert!(n > 0);
    }
}
