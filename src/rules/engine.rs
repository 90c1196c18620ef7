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
    /// The words before the gap of an entry with one (`deliver a` of `deliver a .. message`).
    GapHead,
    /// The words after the gap of an entry with one (`message`).
    GapTail,
}

/// An entry with a gap (`deliver a .. message`), one form of its head: what the head, one or
/// two words and the tail mean together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    /// The head's form, lower case (`delivered a`).
    pub head: String,
    /// The tail, lower case (`message`).
    pub tail: String,
    pub entry: Entry,
}

/// The entries (with their meanings) that one rule word stands for: itself, or for an entry
/// with a gap the entry without it, its head (each form of a verb's) and its tail. `build.rs`
/// writes the same (`build/engine.rs`).
fn add_word<B: std::hash::BuildHasher + Default>(
    index: &mut wordindex::Builder<Entry, B>,
    w: &str,
    rule: u16,
    what: Option<What>,
) {
    let (whole, gap) = match super::verb_forms::split_gap(w) {
        Some((head, tail)) => (Cow::Owned(format!("{head} {tail}")), Some((head, tail))),
        None => (Cow::Borrowed(w), None),
    };
    match what {
        Some(what) => index.add(&whole, Entry { rule, what }),
        None => {
            for (form, f) in inflect::forms(&whole) {
                let what = What::Verb(f);
                index.add(&form, Entry { rule, what });
            }
        }
    }
    let Some((head, tail)) = gap else { return };
    match what {
        Some(_) => index.add(
            head,
            Entry {
                rule,
                what: What::GapHead,
            },
        ),
        None => {
            for (form, _) in inflect::forms(head) {
                index.add(
                    &form,
                    Entry {
                        rule,
                        what: What::GapHead,
                    },
                );
            }
        }
    }
    index.add(
        tail,
        Entry {
            rule,
            what: What::GapTail,
        },
    );
}

/// The forms of the entries with a gap among `words` of rule `rule` (`what`: the meaning of a
/// phrase; `None` for a verb, whose head is inflected).
fn gaps_of(words: &[Cow<'static, str>], rule: u16, what: Option<What>, out: &mut Vec<Gap>) {
    for (head, tail) in words.iter().filter_map(|w| super::verb_forms::split_gap(w)) {
        let tail = tail.to_lowercase();
        let heads = match what {
            Some(what) => vec![(head.to_lowercase(), what)],
            None => inflect::forms(head)
                .into_iter()
                .map(|(h, f)| (h, What::Verb(f)))
                .collect(),
        };
        for (head, what) in heads {
            out.push(Gap {
                head,
                tail: tail.clone(),
                entry: Entry { rule, what },
            });
        }
    }
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

/// The lexicon hits of one window of a document found before its classification, by the
/// walk over its words that the checks' lexicon shares ([`Engine::scan_along`]): what
/// [`Engine::scan`] gives for that window, handed over by [`Engine::scan_ahead`].
#[derive(Debug, Default)]
pub struct Ahead {
    starts: Range<usize>,
    hits: Option<Vec<Hit>>,
    /// The ends of the text's words, read in the same walk (for the classifier's tokenizer).
    ends: Option<crate::lexicon::WordEnds>,
}

impl Ahead {
    /// The ends of the words of the text, when the walk read them (taken once).
    pub fn take_ends(&mut self) -> Option<crate::lexicon::WordEnds> {
        self.ends.take()
    }

    /// Whether hits are held (not handed over yet), for tests.
    #[cfg(test)]
    pub(crate) fn holds(&self) -> bool {
        self.hits.is_some()
    }
}

/// Where the classifier's first scan window starts when it holds all the rest of `text`: the
/// start of the first sentence that ends past the text's start, when at most [`SCAN_WINDOW`]
/// bytes follow it (see `classify::context`). The lexicon hits of such a document can be
/// found ahead ([`Ahead`]).
pub fn one_window(text: &str, sentences: impl IntoIterator<Item = Span>) -> Option<usize> {
    let first = sentences.into_iter().find(|s| s.end > 0)?;
    (first.start < text.len() && text.len() - first.start <= SCAN_WINDOW).then_some(first.start)
}

/// A match of a `pattern` rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatternHit {
    pub rule: u16,
    pub span: Span,
    pub source: Option<Span>,
    pub cue: Option<Span>,
}

/// Keeps a lexicon match as a [`Hit`] of the window from `base` (left out when its offsets do
/// not fit in `u32`).
#[inline(always)]
fn sink(base: usize, out: &mut Vec<Hit>) -> impl FnMut(usize, usize, u32) + '_ {
    move |start, end, pattern| {
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
    }
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
    /// Per lexicon entry, the token flags of its meanings
    /// ([`crate::classify::meanings::meaning_flags`]), worked out on first use.
    meaning_flags: OnceLock<Box<[u32]>>,
    /// The forms of the entries with a gap (`deliver a .. message`), few.
    gaps: Vec<Gap>,
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
                        for w in r.words.iter() {
                            add_word(&mut index, w, rule, Some(what));
                        }
                    }
                    gaps_of(&r.words, rule, Some(what), &mut e.gaps);
                }
                Kind::Verb => {
                    if prebuilt.is_none() {
                        for w in r.words.iter() {
                            add_word(&mut index, w, rule, None);
                        }
                    }
                    gaps_of(&r.words, rule, None, &mut e.gaps);
                }
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
        self.lexicon().scan(text, starts, sink(base, out));
    }

    /// [`Engine::scan`] of the window `from..` to the end of `text`, kept for
    /// [`Engine::scan_ahead`], and in the same walk over the words the scan of `other` (a
    /// [`Scheme::Plain`] lexicon) on all of `text`, as `emit_other(start, end, id)`.
    pub fn scan_along(
        &self,
        text: &str,
        from: usize,
        other: &Lexicon,
        emit_other: impl FnMut(usize, usize, u32),
    ) -> Ahead {
        let starts = from..text.len();
        // (about one hit per 11 bytes of news copy: room for them from the start)
        let mut hits = Vec::with_capacity(text.len().saturating_sub(from) / 8);
        let ends = if self.words.is_empty() {
            other.scan(text, 0..text.len(), emit_other);
            None
        } else {
            let sink = sink(from, &mut hits);
            crate::lexicon::scan_pair_ends(self.lexicon(), from, other, text, sink, emit_other)
        };
        Ahead {
            starts,
            hits: Some(hits),
            ends,
        }
    }

    /// [`Engine::scan`], the hits taken from `ahead` when it holds them for `starts`.
    pub fn scan_ahead(
        &self,
        text: &str,
        starts: Range<usize>,
        out: &mut Vec<Hit>,
        ahead: &mut Ahead,
    ) {
        if ahead.starts == starts && out.is_empty() {
            if let Some(hits) = ahead.hits.take() {
                *out = hits;
                return;
            }
        }
        self.scan(text, starts, out);
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

    /// Per lexicon entry (a [`Hit::pattern`]), the token flags of its meanings with
    /// [`crate::classify::meanings::CUE`] when one of them is a cue.
    pub fn meaning_flags(&self) -> &[u32] {
        self.meaning_flags.get_or_init(|| {
            (0..self.entry_at.len())
                .map(|i| {
                    let i = u32::try_from(i).unwrap_or(u32::MAX);
                    crate::classify::meanings::meaning_flags(self.entries(i))
                })
                .collect()
        })
    }

    /// What the head `head` and tail `tail` of an entry of rule `rule` with a gap mean with the
    /// gap between them (compared ignoring ASCII case); `None` when they are not one entry's
    /// (`deliver a` and `letter` when only `deliver a .. message` and `send a .. letter` are).
    pub fn gap(&self, rule: u16, head: &str, tail: &str) -> Option<What> {
        self.gaps
            .iter()
            .find(|g| {
                g.entry.rule == rule
                    && g.head.eq_ignore_ascii_case(head)
                    && g.tail.eq_ignore_ascii_case(tail)
            })
            .map(|g| g.entry.what)
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
mod tests;
