//! The compiled matcher of one pattern: the regular expression cut down to its [`Alphabet`], run
//! on the text with every non-ASCII character replaced by its representative.
//!
//! It finds exactly the matches and groups the full expression finds on the original text (same
//! offsets, same leftmost-first iteration, see [`super::alphabet`]), and compiles several times
//! faster: the Unicode classes shrink to ASCII plus a few dozen code points.

use super::alphabet::{restrict, Alphabet};
use crate::span::Span;
use regex_automata::meta::{self, Regex};
use regex_automata::{MatchKind, PatternID};
use regex_syntax::hir::Hir;

/// One match: the whole match and the `source` and `cue` groups when they took part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub span: Span,
    pub source: Option<Span>,
    pub cue: Option<Span>,
}

/// Working space of [`Matcher::find_all`]: the last text translated, reused by the next pattern
/// with the same alphabet (the built-in patterns share one).
#[derive(Debug, Default)]
pub struct Scratch {
    text: String,
    /// (alphabet, text address, text length) of the translation in `text`.
    key: Option<(usize, usize, usize)>,
    /// False when the translation is the text itself.
    copied: bool,
}

impl Scratch {
    /// `text` translated to `alphabet` ([`Alphabet::translate`]), kept for the next pattern
    /// with the same alphabet.
    pub fn translated<'a>(&'a mut self, alphabet: &Alphabet, text: &'a str) -> &'a str {
        let key = (alphabet.key(), text.as_ptr() as usize, text.len());
        if self.key != Some(key) {
            self.copied = alphabet.translate(text, &mut self.text);
            self.key = Some(key);
        }
        if self.copied {
            self.text.as_str()
        } else {
            text
        }
    }
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Matcher {
    re: Regex,
    alphabet: Alphabet,
    source: Option<usize>,
    cue: Option<usize>,
}

impl Matcher {
    /// Compiles `hir` (parsed with the settings of `regex::Regex::new`) under the given size
    /// limits; `None` when it is over them.
    pub fn new(hir: &Hir, size_limit: usize, dfa_limit: usize) -> Option<Matcher> {
        let alphabet = Alphabet::new(&[hir]);
        let cut = restrict(hir, &alphabet.chars());
        Matcher::build(&cut, alphabet, size_limit, dfa_limit)
    }

    /// Compiles `cut`, an expression already cut down to `alphabet`.
    ///
    /// Measured (issue 6, callgrind on the 295-article bench corpus, where the gates let three
    /// matchers be built, about 1.3 M instructions each): turning off the meta engine's
    /// prefilters makes building 1.2 M cheaper and the run 5.5 M dearer (searching without
    /// literals); turning off its one-pass DFA or its full DFA changes nothing (neither is built
    /// for these patterns); writing the non-ASCII classes as UTF-8 byte sequences spares the NFA
    /// compiler its 10,000-entry UTF-8 table (0.46 M for the three) but the larger NFAs make the
    /// run 1.3 M dearer.
    pub fn build(
        cut: &Hir,
        alphabet: Alphabet,
        size_limit: usize,
        dfa_limit: usize,
    ) -> Option<Matcher> {
        // the configuration `regex::RegexBuilder` gives a pattern string
        let config = meta::Config::new()
            .nfa_size_limit(Some(size_limit))
            .hybrid_cache_capacity(dfa_limit)
            .match_kind(MatchKind::LeftmostFirst)
            .utf8_empty(true);
        let re = meta::Builder::new()
            .configure(config)
            .build_from_hir(cut)
            .ok()?;
        let group = |name| re.group_info().to_index(PatternID::ZERO, name);
        let (source, cue) = (group("source"), group("cue"));
        Some(Matcher {
            re,
            alphabet,
            source,
            cue,
        })
    }

    /// Every match in `text`, in order, as `regex::Regex::captures_iter` gives them.
    pub fn find_all(&self, text: &str, scratch: &mut Scratch, mut found: impl FnMut(Found)) {
        let hay = scratch.translated(&self.alphabet, text);
        let span = |s: regex_automata::Span| Span::new(s.start, s.end);
        for caps in self.re.captures_iter(hay) {
            let Some(m) = caps.get_match() else { continue };
            found(Found {
                span: span(m.span()),
                source: self.source.and_then(|i| caps.get_group(i)).map(span),
                cue: self.cue.and_then(|i| caps.get_group(i)).map(span),
            });
        }
    }
}
