//! The compiled form of the enabled rules: one [`Lexicon`] of every word and phrase (matched
//! case-insensitively, whole words, one pass over the words of a document) and the regular
//! expressions.

use super::file::{Kind, Role, Structure};
use super::inflect::{self, Form};
use super::wordindex::{self, WordList};
use super::{Pattern, Rule};
use crate::checks::Shared;
use crate::lexicon::{FxBuild, Lexicon, Scheme};
use crate::span::Span;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

/// What a matched word or phrase means to the classifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// Labels the sentence by itself.
    Phrase { at_start: bool },
    /// An attribution verb in the given form.
    Verb(Form),
    /// `according to`: the source follows.
    SourcePhrase,
    /// `claim` in `Trump's claim`: the owner before it is the source.
    PossessorNoun,
    /// A lexicon word.
    Lex(Role),
    /// A carry-over link (`the organisation`, `the report`).
    Link,
}

/// One meaning of one lexicon entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Index into `RuleSet::rules()`.
    pub rule: u16,
    pub what: What,
}

/// The most bytes of starts one [`Engine::scan`] should cover: its hits hold offsets from the
/// window's start as `u32` (so a window must stay below 4 GiB), and the classifier keeps one
/// window's hits at a time, so a long document is scanned in windows of 4 MiB, each starting
/// at a sentence: the hits of a 95 MB file no longer sit in memory at once (peak RSS 443 →
/// 406 MiB, same output).
pub const SCAN_WINDOW: usize = 1 << 22;

/// A whole-word match of a lexicon entry, 12 bytes: a big document has about one per 12 bytes
/// of text, so they are the largest allocation of a scan (issue 6). Offsets are from the start
/// of the scanned window (see [`Hit::span`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    start: u32,
    end: u32,
    pub pattern: u32,
}

impl Hit {
    /// The matched bytes in the document, given the `base` the window was scanned from.
    pub fn span(&self, base: usize) -> Span {
        Span::new(
            base.saturating_add(self.start as usize),
            base.saturating_add(self.end as usize),
        )
    }

    /// Where the match starts in the document, given the window's `base`.
    pub fn start(&self, base: usize) -> usize {
        base.saturating_add(self.start as usize)
    }
}

/// A match of a `pattern` rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatternHit {
    pub rule: u16,
    pub span: Span,
    pub source: Option<Span>,
    pub cue: Option<Span>,
}

/// One meaning, for the tables `build.rs` writes.
#[allow(dead_code)]
pub(crate) const fn e(rule: u16, what: What) -> Entry {
    Entry { rule, what }
}

/// The word index and lexicon trie of the built-in rules, all enabled, as `build.rs` computed
/// them (with [`wordindex`] and [`crate::lexicon`]), and what they were computed from.
#[derive(Debug)]
pub(crate) struct Prebuilt {
    /// Per rule, sorted by id: kind, role, at-start, and the end of its words in `rule_words`.
    pub rules: &'static [(&'static str, Option<Role>, bool, u32)],
    pub rule_words: (&'static str, &'static [u32]),
    pub words: (&'static str, &'static [u32]),
    pub entries: &'static [Entry],
    pub entry_at: &'static [(u32, u32)],
    /// The words the lexicon's trie does not hold (see [`crate::lexicon::Lexicon`]).
    pub odd: &'static [u32],
    pub trie: &'static crate::lexicon::trie::Parts,
}

impl Prebuilt {
    /// Whether `rules` are the ones the tables were computed from: the same kinds, roles and
    /// words in the same places, all enabled.
    fn fits(&self, rules: &[Rule]) -> bool {
        let words = WordList::from_static(self.rule_words.0, self.rule_words.1);
        let mut k = 0;
        rules.len() == self.rules.len()
            && rules
                .iter()
                .zip(self.rules)
                .all(|(r, &(kind, role, at_start, end))| {
                    let end = end as usize;
                    let same = r.info.enabled
                        && r.kind.as_str() == kind
                        && r.role == role
                        && r.at_start == at_start
                        && end.checked_sub(k) == Some(r.words.len())
                        && r.words
                            .iter()
                            .enumerate()
                            .all(|(j, w)| *w == words.get(k + j));
                    k = end;
                    same
                })
    }
}

#[derive(Debug, Default)]
pub struct Engine {
    /// The words and phrases, lower case (pattern ids are positions).
    words: WordList,
    /// Built from `words` on the first search of a non-empty text.
    lexicon: OnceLock<Lexicon>,
    /// The meanings of word `i`: `entries[entry_at[i].0..entry_at[i].1]`.
    entries: Cow<'static, [Entry]>,
    entry_at: Cow<'static, [(u32, u32)]>,
    /// Set when the tables above are `build.rs`'s.
    prebuilt: Option<&'static Prebuilt>,
    patterns: Vec<(u16, Pattern)>,
    /// The quote rule, if enabled.
    pub quote: Option<u16>,
    /// The carry-over rule and its window, if enabled.
    pub carry: Option<(u16, usize)>,
    /// Enabled `structure` rules.
    pub structures: Vec<(u16, Structure)>,
    /// Every rule's id (by position), shared: each classified sentence names its deciding rule
    /// without an allocation of its own (a 95 MB file has about a million sentences).
    ids: Vec<Shared>,
}

impl Engine {
    /// Compiles the enabled rules of `rules` (indices are positions in `rules`).
    pub fn build(rules: &[Rule]) -> Engine {
        Engine::build_with(rules, super::builtin::ENGINE.filter(|p| p.fits(rules)))
    }

    /// [`Engine::build`], with the word index and lexicon `prebuilt` for `rules` when given.
    fn build_with(rules: &[Rule], prebuilt: Option<&'static Prebuilt>) -> Engine {
        let mut e = Engine {
            ids: rules
                .iter()
                .map(|r| Shared::from(r.info.id.as_str()))
                .collect(),
            prebuilt,
            ..Engine::default()
        };
        let mut index = wordindex::Builder::<Entry, FxBuild>::default();
        for (ri, r) in rules.iter().enumerate() {
            if !r.info.enabled {
                continue;
            }
            let rule = u16::try_from(ri).unwrap_or(u16::MAX);
            match r.kind {
                Kind::Phrase
                | Kind::SourcePhrase
                | Kind::PossessorNoun
                | Kind::Lexicon
                | Kind::CarryOver => {
                    let what = match r.kind {
                        Kind::Phrase => What::Phrase {
                            at_start: r.at_start,
                        },
                        Kind::SourcePhrase => What::SourcePhrase,
                        Kind::PossessorNoun => What::PossessorNoun,
                        Kind::Lexicon => What::Lex(r.role.unwrap_or(Role::Skip)),
                        _ => What::Link,
                    };
                    if prebuilt.is_none() {
                        for w in &r.words {
                            index.add(w, Entry { rule, what });
                        }
                    }
                }
                Kind::Verb if prebuilt.is_none() => {
                    for w in &r.words {
                        for (form, f) in inflect::forms(w) {
                            index.add(
                                &form,
                                Entry {
                                    rule,
                                    what: What::Verb(f),
                                },
                            );
                        }
                    }
                }
                Kind::Verb => {}
                Kind::Pattern => {
                    for p in &r.patterns {
                        e.patterns.push((rule, p.clone()));
                    }
                }
                Kind::Quote => e.quote = Some(rule),
                Kind::Structure => {
                    if let Some(s) = r.structure {
                        e.structures.push((rule, s));
                    }
                }
            }
            if r.kind == Kind::CarryOver {
                e.carry = Some((rule, r.window.unwrap_or(super::DEFAULT_CARRY_OVER)));
            }
        }
        match prebuilt {
            Some(p) => {
                e.words = WordList::from_static(p.words.0, p.words.1);
                e.entries = Cow::Borrowed(p.entries);
                e.entry_at = Cow::Borrowed(p.entry_at);
            }
            None => {
                let index = index.finish();
                e.words = index.words;
                e.entries = Cow::Owned(index.entries);
                e.entry_at = Cow::Owned(index.entry_at);
            }
        }
        e
    }

    /// The lexicon, built on first use: commands that search no text do not pay for it.
    fn lexicon(&self) -> &Lexicon {
        self.lexicon.get_or_init(|| match self.prebuilt {
            Some(p) => {
                let odd = p
                    .odd
                    .iter()
                    .map(|&i| (i, self.words.get(i as usize)))
                    .collect();
                Lexicon::from_parts(p.trie, odd, Scheme::Joined)
            }
            None => Lexicon::new(&self.words.iter().collect::<Vec<&str>>(), Scheme::Joined),
        })
    }

    /// Every whole-word match in `text` that starts in `starts`, overlapping ones included,
    /// sorted by start, longest first, with offsets from `starts.start` (a match may end past
    /// `starts.end`). Word boundaries are judged on the whole text
    /// ([`crate::classify::tokens::is_boundary`]). Keep `starts` within [`SCAN_WINDOW`]
    /// bytes: a match whose offsets do not fit in `u32` is left out rather than wrapped.
    pub fn scan(&self, text: &str, starts: Range<usize>, out: &mut Vec<Hit>) {
        let base = starts.start;
        if base >= starts.end.min(text.len()) || self.words.is_empty() {
            return;
        }
        // the lexicon reports in order of (start, longest first, pattern): no sort needed
        self.lexicon().scan(text, starts, |start, end, pattern| {
            let (Ok(start), Ok(end)) = (
                u32::try_from(start.saturating_sub(base)),
                u32::try_from(end.saturating_sub(base)),
            ) else {
                return;
            };
            out.push(Hit {
                start,
                end,
                pattern,
            });
        });
    }

    /// The id of the rule at `rule` (a position in `RuleSet::rules()`), shared.
    pub fn id(&self, rule: usize) -> Option<Shared> {
        self.ids.get(rule).cloned()
    }

    /// The meanings of a lexicon entry (a [`Hit::pattern`]).
    pub fn entries(&self, pattern: u32) -> &[Entry] {
        self.entry_at
            .get(pattern as usize)
            .and_then(|&(a, b)| self.entries.get(a as usize..b as usize))
            .unwrap_or_default()
    }

    /// Every match of every `pattern` rule in `text`, sorted by start.
    pub fn scan_patterns(&self, text: &str, out: &mut Vec<PatternHit>) {
        if text.is_empty() {
            return;
        }
        // the matches of `regex::Regex::captures_iter`, found by a cheaper matcher (rules::matcher)
        let mut scratch = super::matcher::Scratch::default();
        for (rule, pattern) in &self.patterns {
            pattern.find_all(text, &mut scratch, |m| {
                if !m.span.is_empty() {
                    out.push(PatternHit {
                        rule: *rule,
                        span: m.span,
                        source: m.source,
                        cue: m.cue,
                    });
                }
            });
        }
        out.sort_by_key(|h| h.span.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    /// The tables `build.rs` computed for the built-in rules are the ones built at run time,
    /// and are used only for those rules, all enabled.
    #[test]
    fn prebuilt_tables_are_the_built_ones() {
        let mut rules = RuleSet::builtin().unwrap();
        let fast = rules.engine();
        assert!(fast.prebuilt.is_some(), "build.rs wrote no tables");
        let slow = Engine::build_with(rules.rules(), None);
        assert!(slow.prebuilt.is_none());
        assert_eq!(fast.words, slow.words);
        assert_eq!(fast.entries, slow.entries);
        assert_eq!(fast.entry_at, slow.entry_at);
        assert!(fast.lexicon().is_prebuilt() && !slow.lexicon().is_prebuilt());
        assert!(fast.lexicon().same_tables(slow.lexicon()));
        assert!(fast.words.len() > 1000);
        // one rule off, or other words: the tables do not fit
        let id = rules.rules()[3].info.id.clone();
        rules.disable(&id);
        assert!(rules.engine().prebuilt.is_none());
        rules.set_enabled(&id, true);
        assert!(rules.engine().prebuilt.is_some());
        let mut changed: Vec<Rule> = rules.rules().to_vec();
        if let Some(r) = changed.iter_mut().find(|r| !r.words.is_empty()) {
            r.words[0].push('x');
        }
        assert!(Engine::build(&changed).prebuilt.is_none());
        changed.pop();
        assert!(Engine::build(&changed).prebuilt.is_none());
    }

    /// Block-wise lower-cased search finds exactly what a case-insensitive search of the whole
    /// text finds, also for matches that cross a block edge.
    #[test]
    fn normalize_fast_path_agrees() {
        use crate::rules::wordindex::normalize;
        for w in [
            "said",
            "according to",
            "it's",
            "Said",
            " a  b ",
            "a\tb",
            "Ünter",
            "ǅx",
            "",
        ] {
            let slow = w
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            assert_eq!(normalize(w), slow, "{w:?}");
        }
    }

    /// The lexicon scan of the built-in words finds exactly what the case-insensitive automaton
    /// search it replaced finds (whole-word matches, overlapping ones included), also in a
    /// window whose edges cut words.
    #[test]
    fn scan_equals_automaton_scan() {
        use crate::classify::tokens::is_boundary;
        use aho_corasick::{AhoCorasickBuilder, MatchKind};
        const SCAN_BLOCK: usize = 1 << 16;
        let rules = RuleSet::builtin().unwrap();
        let engine = rules.engine();
        let reference = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(engine.words.iter())
            .unwrap();
        let piece = "Officials SAID on Tuesday, according to the U.S. report. “It’s over,” she \
             Told reporters. D-Calif. sources—who's—said: Ünter-said o'clock ";
        let mut text = String::new();
        while text.len() < 3 * SCAN_BLOCK {
            text.push_str(piece);
            // shift the phrases against the block edges
            if text.len().is_multiple_of(7) {
                text.push('x');
            }
            text.push(' ');
        }
        let mut got = Vec::new();
        engine.scan(&text, 0..text.len(), &mut got);
        let got: Vec<(Span, u32)> = got.iter().map(|h| (h.span(0), h.pattern)).collect();
        let mut want: Vec<(Span, u32)> = reference
            .find_overlapping_iter(&text)
            .filter(|m| is_boundary(&text, m.start()) && is_boundary(&text, m.end()))
            .map(|m| (Span::new(m.start(), m.end()), m.pattern().as_u32()))
            .collect();
        want.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
        assert!(want.len() > 1000);
        assert!(want
            .iter()
            .any(|(s, _)| s.start < SCAN_BLOCK && s.end > SCAN_BLOCK));
        assert_eq!(got, want);

        // a window: the same hits, those starting in it, with offsets from its start
        // `lo` and `hi` cut words: a match starts just before `hi` and ends after it
        let cut = |from: usize| {
            want.iter()
                .find(|(s, _)| s.start > from && s.end > s.start + 2)
                .map(|(s, _)| s.start + 1)
                .unwrap()
        };
        let (lo, hi) = (cut(SCAN_BLOCK), cut(2 * SCAN_BLOCK));
        let mut part = Vec::new();
        engine.scan(&text, lo..hi, &mut part);
        let part: Vec<(Span, u32)> = part.iter().map(|h| (h.span(lo), h.pattern)).collect();
        let inside: Vec<(Span, u32)> = want
            .iter()
            .copied()
            .filter(|(s, _)| (lo..hi).contains(&s.start))
            .collect();
        assert!(inside.iter().any(|(s, _)| s.end > hi));
        assert_eq!(part, inside);
    }
}
