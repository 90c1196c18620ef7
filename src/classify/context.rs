//! The document pass: each sentence on its own, then quotations (speaker before, after, or in
//! the sentence before a continuing quotation), passages set below `X wrote:` and carry-over
//! inside a paragraph.
//!
//! Linear: one automaton pass and one pass per pattern over the text, a forward walk over the
//! sentences, and a binary search per quotation.

mod quotes;

use super::frames::first_subject;
use super::sentence::{decide, evaluate, Scratch};
use super::tokens::{Tok, Token, CAP, COPULA, DET, FIRST_PERSON, JOINER, LINK};
use super::{Classification, Label};
use crate::document::{BlockKind, Document};
use crate::rules::engine::{Ahead, SCAN_WINDOW};
use crate::rules::{RuleSet, Structure};
use crate::segment::Segmentation;
use crate::span::{Span, SpanList};
use quotes::{can_speak, credit_line, in_quotes, quotes};
use std::cell::RefCell;

/// A sentence that takes its label from another (a quotation's speaker, the sentence before)
/// takes at most this many of its sources: a paragraph of many sentences after a sentence of
/// many sources stays linear.
const INHERITED_SOURCES: usize = 8;

/// The sources a sentence takes from the one it inherits from (the first
/// [`INHERITED_SOURCES`]).
fn inherit(sources: &SpanList) -> SpanList {
    sources.iter().take(INHERITED_SOURCES).copied().collect()
}

/// Sentences of fewer words than this are fragments.
const FRAGMENT_WORDS: usize = 3;
/// Sentences without final punctuation and fewer words than this are fragments.
const FRAGMENT_UNPUNCTUATED_WORDS: usize = 6;

/// Five lower-case ASCII bytes of a word, packed (topic links compare word beginnings).
/// (Read as bytes: five ASCII letters at the start of a token are whole characters.)
#[inline]
fn stem(text: &str, t: &Token) -> Option<u64> {
    let &[a, b, c, d, e, ..] = text.as_bytes().get(t.span.start..t.span.end)? else {
        return None;
    };
    let five = [a, b, c, d, e];
    if !five.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    // bit 0x20 lower-cases an ASCII letter; the first byte is the highest
    Some(u64::from_be_bytes([0, 0, 0, a, b, c, d, e]) | 0x20_2020_2020)
}

/// A sentence that opens with a part of something the attributed sentence before it counted:
/// `Four of the executions …`, `Most of those arrests …` (a word, `of`, a determiner, then a
/// word that begins like a word of the anchor sentence). Other topic links (`the court`
/// anywhere in the sentence) were wrong more often than right on news copy.
/// (`anchor` tells whether a stem is one of the anchor sentence's: they are read only for a
/// sentence that opens this way, about one in a hundred, not for every anchor.)
fn partitive_link(text: &str, toks: &[Token], anchor: impl Fn(u64) -> bool) -> bool {
    let mut words = toks.iter().filter(|t| t.tok == Tok::Word);
    let (Some(_), Some(of), Some(det), Some(noun)) =
        (words.next(), words.next(), words.next(), words.next())
    else {
        return false;
    };
    of.has(JOINER) && det.has(DET) && !noun.has(CAP) && stem(text, noun).is_some_and(anchor)
}

/// Buffers kept for the thread's next document when they hold at most this many tokens (a
/// long article has a few hundred in a sentence; one huge sentence's are let go).
const KEEP_TOKENS: usize = 1 << 14;

thread_local! {
    /// The sentence buffers and the anchor's tokens of the last document classified.
    static BUFFERS: RefCell<(Scratch, Vec<Token>)> = RefCell::default();
}

/// Per-sentence facts the context pass needs.
struct Facts {
    /// Starts with a pronoun, or holds a carry-over link or a topic link to the last anchor.
    continues: bool,
    structure: Option<(u16, Structure)>,
    /// A source of the sentence's own label is a first- or second-person pronoun.
    first_person: bool,
    /// The sentence's first source phrase (its subject), if it has one; worked out only for a
    /// sentence that `quotes` may read it of (see `classify_document_ahead`), else `None`.
    subject: Option<Span>,
    /// A credit line (`― Carla Sanchez.`): a dash, then a short capitalised name; with the
    /// quotation mark right after the name, if one follows it (`― Carla Sanchez “…`).
    credit: Option<(Span, Option<Span>)>,
    /// The sentence ends with a colon right after a cue of its own label (see `intro`).
    intro: bool,
}

/// A stage direction has at most this many bytes.
const STAGE_BYTES: usize = 64;

/// `(APPLAUSE.)`, `"(CROSSTALK)`, `(BEGIN VIDEO CLIP.)`: a transcript's stage direction, the
/// sentence `s` is only words in capitals in parentheses (quotation marks and stops aside).
pub(super) fn stage_direction(s: &str) -> bool {
    // (most sentences open with a letter: one byte tells; `“` opens with 0xE2)
    if s.len() > STAGE_BYTES || !matches!(s.as_bytes().first(), Some(b'(' | b'"' | 0xE2)) {
        return false;
    }
    let outer = |c: char| matches!(c, '"' | '“' | '”' | '.') || c.is_whitespace();
    let Some(inner) = s
        .trim_matches(outer)
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
    else {
        return false;
    };
    inner.chars().any(char::is_uppercase)
        && !inner
            .chars()
            .any(|c| c.is_lowercase() || matches!(c, '(' | ')'))
}

/// A cue among the last this many words before a closing colon introduces what follows.
const INTRO_WORDS: usize = 4;

/// `Hewitt writes:`, `he argued that:`, `observing of the mayor:`: the sentence (its tokens
/// `toks`, its own classification `c`) has a source and ends with a colon, and one of its cues,
/// not one opening with a copula, ends among the last [`INTRO_WORDS`] words before it.
fn intro(toks: &[Token], c: &Classification) -> bool {
    let Some((colon, before)) = toks.split_last() else {
        return false;
    };
    if colon.tok != Tok::Colon || !c.label.has_source() || c.sources.is_empty() {
        return false;
    }
    // the start of the last INTRO_WORDS words (bounded walk back)
    let mut from = colon.span.start;
    for t in before.iter().rev().take(INTRO_WORDS) {
        if t.tok != Tok::Word {
            break;
        }
        from = t.span.start;
    }
    // (a cue opening with a copula is a stance, `should be optimistic:`, whose colon opens
    // reasons, not words)
    let copula = |cue: &Span| {
        let i = toks.partition_point(|t| t.span.start < cue.start);
        toks.get(i).is_some_and(|t| t.has(COPULA))
    };
    c.cues
        .iter()
        .any(|cue| from < cue.end && cue.end <= colon.span.start && !copula(cue))
}

pub fn classify_document(
    doc: &Document,
    seg: &Segmentation,
    rules: &RuleSet,
) -> Vec<Classification> {
    classify_document_ahead(doc, seg, rules, &mut Ahead::default())
}

/// [`classify_document`], with lexicon hits found ahead of it ([`Ahead`]).
pub fn classify_document_ahead(
    doc: &Document,
    seg: &Segmentation,
    rules: &RuleSet,
    ahead: &mut Ahead,
) -> Vec<Classification> {
    classify_with(doc, seg, rules, ahead, false)
}

/// [`classify_document_ahead`]; `eager` works out what the pass skips where it cannot matter
/// (every sentence's subject, every anchor's stems), for the tests that show it cannot.
fn classify_with(
    doc: &Document,
    seg: &Segmentation,
    rules: &RuleSet,
    ahead: &mut Ahead,
    eager: bool,
) -> Vec<Classification> {
    let engine = rules.engine();
    let text = doc.text.as_str();
    // automaton hits are scanned from the first sentence on, in windows of at most
    // SCAN_WINDOW bytes (their offsets are u32 from `base`), each starting at a sentence
    let mut hits = Vec::new();
    let (mut base, mut scanned_to) = (0usize, 0usize);
    let mut phits = Vec::new();
    engine.scan_patterns(text, &mut phits);

    let n = seg.sentences.len();
    let mut out: Vec<Classification> = Vec::with_capacity(n);
    let mut facts: Vec<Facts> = Vec::with_capacity(n);
    // (the buffers of the last document on this thread: no growth from empty per document)
    let (mut s, mut anchor_toks) = BUFFERS.with(RefCell::take);
    let (mut hi, mut pi) = (0, 0);
    // the tokens of the last sentence with a source of its own (see `partitive_link`)
    let mut anchor_stems: Vec<u64> = Vec::new();
    let mut anchor_block = usize::MAX;
    let quoted = in_quotes(seg);
    // (the tokenizer reads the words' ends the lexicon walk found, when it found them)
    let ends = ahead.take_ends();
    for (k, sent) in seg.sentences.iter().enumerate() {
        let sp = sent.span;
        if sp.end > scanned_to && scanned_to < text.len() {
            base = sp.start;
            scanned_to = base.saturating_add(SCAN_WINDOW).max(sp.end).min(text.len());
            hits.clear();
            engine.scan_ahead(text, base..scanned_to, &mut hits, ahead);
            hi = 0;
        }
        while hits.get(hi).is_some_and(|h| h.start(base) < sp.start) {
            hi += 1;
        }
        while phits.get(pi).is_some_and(|h| h.span.start < sp.start) {
            pi += 1;
        }
        let mut pj = pi;
        while phits.get(pj).is_some_and(|h| h.span.start < sp.end) {
            pj += 1;
        }
        let ph = phits.get(pi..pj).unwrap_or(&[]);
        // (the hits from the sentence's first on: `evaluate` stops at the sentence's end)
        let sh = hits.get(hi..).unwrap_or(&[]);
        evaluate(text, sp, (sh, base), ph, rules, ends.as_ref(), &mut s);
        hi += s.hits_used;
        pi = pj;
        let own = decide(&s.evidence, rules);
        let words = s.words;
        // continuation facts, against the last attributed sentence of this block
        // (a sentence that merely starts with a pronoun is a claim about the source, not by it:
        // when the pronoun speaks, the sentence has its own cue)
        // (a topic link opens the sentence: `The report also found …`; further on, the sentence
        // is about the document, not by it: `once the report was revealed to be a hoax`)
        let mut continues = s
            .toks
            .iter()
            .find(|t| t.tok == Tok::Word)
            .is_some_and(|t| t.has(LINK));
        if !continues && anchor_block == sent.block {
            continues = if eager {
                partitive_link(text, &s.toks, |x| anchor_stems.contains(&x))
            } else {
                partitive_link(text, &s.toks, |x| {
                    anchor_toks.iter().any(|t| stem(text, t) == Some(x))
                })
            };
        }
        let anchor = own.as_ref().is_some_and(|c| c.label.has_source());
        if anchor && eager {
            anchor_stems.clear();
            anchor_stems.extend(s.toks.iter().filter_map(|t| stem(text, t)));
        }
        let last = s
            .toks
            .iter()
            .rev()
            .find(|t| !matches!(t.tok, Tok::Quote { .. } | Tok::CloseParen));
        let question = last.is_some_and(|t| t.tok == Tok::End && t.span.slice(text) == "?");
        let unpunctuated = !last.is_some_and(|t| t.tok == Tok::End);
        let kind = doc.blocks.get(sent.block).map(|b| b.kind);
        let structure = engine.structures.iter().copied().find(|(_, st)| match st {
            Structure::Heading => matches!(kind, Some(BlockKind::Heading | BlockKind::Line)),
            Structure::Question => question,
            Structure::Fragment => {
                words < FRAGMENT_WORDS
                    || (unpunctuated && words < FRAGMENT_UNPUNCTUATED_WORDS)
                    || stage_direction(sp.slice(text))
            }
        });
        // `I`, `we`, `you` among the sources: inside a quotation its speaker replaces them
        let first_person = own.as_ref().is_some_and(|c| {
            !c.sources.is_empty() && {
                let fp = |src: &Span| {
                    let i = s.toks.partition_point(|t| t.span.start < src.start);
                    s.toks
                        .get(i)
                        .is_some_and(|t| t.span == *src && t.has(FIRST_PERSON))
                };
                c.sources.iter().any(fp)
            }
        });
        // (read by `quotes` only for a sentence without a rule of its own that a quotation
        // overlaps: worked out for those alone)
        let needs_subject = eager
            || (quoted.get(k).is_some_and(|&q| q) && own.as_ref().is_none_or(|c| c.rule.is_none()));
        facts.push(Facts {
            continues,
            structure,
            first_person,
            credit: credit_line(&s.toks),
            intro: own.as_ref().is_some_and(|c| intro(&s.toks, c)),
            subject: needs_subject
                .then(|| first_subject(text, &s.toks, s.toks.len()))
                .flatten()
                .filter(|&(a, b)| can_speak(&s.toks, a, b))
                .and_then(|(a, b)| {
                    let (x, y) = (s.toks.get(a)?, s.toks.get(b.checked_sub(1)?)?);
                    Some(Span::new(x.span.start, y.span.end))
                }),
        });
        out.push(own.unwrap_or_else(|| Classification::plain(Label::Unattributed)));
        if anchor {
            // its tokens are kept for the next sentences (the buffer taken in exchange is
            // cleared by the next `evaluate`)
            std::mem::swap(&mut s.toks, &mut anchor_toks);
            anchor_block = sent.block;
        }
    }
    if s.toks.capacity().max(anchor_toks.capacity()) <= KEEP_TOKENS {
        BUFFERS.with(|b| b.replace((s, anchor_toks)));
    }
    let own_label: Vec<bool> = out.iter().map(|c| c.rule.is_some()).collect();
    quotes(doc, seg, rules, &facts, &mut out);
    block_quote(seg, rules, &facts, &mut out);
    carry_over(seg, rules, &facts, &own_label, &mut out);
    // not claims: headings, questions and fragments without any cue
    for (c, f) in out.iter_mut().zip(&facts) {
        if c.rule.is_none() {
            if let Some((r, _)) = f.structure {
                let rule = rules.rules().get(r as usize);
                c.label = rule.and_then(|r| r.info.implies).unwrap_or(Label::None);
                c.rule = rule.and_then(|_| rules.engine().id(r as usize));
            }
        }
    }
    out
}

/// A paragraph introduced by a colon after a cue (`Hewitt writes:` closing the paragraph
/// before) is the speaker's words quoted without quotation marks: each of its sentences that
/// no rule decided takes the speaker's label and sources (the quotation rule's, inherited).
/// One pass over the sentences: each paragraph is looked at once, after the sentence before it.
fn block_quote(seg: &Segmentation, rules: &RuleSet, facts: &[Facts], out: &mut [Classification]) {
    let Some(id) = rules
        .engine()
        .quote
        .and_then(|r| rules.engine().id(r as usize))
    else {
        return;
    };
    let sents = &seg.sentences;
    let mut k = 0;
    while k + 1 < sents.len() {
        let (Some(this), Some(next)) = (sents.get(k), sents.get(k + 1)) else {
            break;
        };
        if this.block == next.block || !facts.get(k).is_some_and(|f| f.intro) {
            k += 1;
            continue;
        }
        let Some((label, sources)) = out.get(k).map(|c| (c.label, inherit(&c.sources))) else {
            break;
        };
        let mut j = k + 1;
        while let Some(c) = out
            .get_mut(j)
            .filter(|_| sents.get(j).is_some_and(|s| s.block == next.block))
        {
            if c.rule.is_none() {
                *c = Classification {
                    label,
                    sources: sources.clone(),
                    cues: SpanList::new(),
                    rule: Some(id.clone()),
                    inherited: true,
                };
            }
            j += 1;
        }
        k = j;
    }
}

/// Carry-over: a sentence without cues that continues the source of the attributed sentence
/// before it (same paragraph, at most `window` sentences on) inherits its label and sources.
fn carry_over(
    seg: &Segmentation,
    rules: &RuleSet,
    facts: &[Facts],
    own: &[bool],
    out: &mut [Classification],
) {
    let window = rules.carry_over();
    let Some((r, _)) = rules.engine().carry else {
        return;
    };
    if window == 0 {
        return;
    }
    let id = rules.engine().id(r as usize);
    // the anchor's position: it is not changed once passed, so it is read, not cloned, when a
    // sentence inherits from it
    let mut anchor: Option<usize> = None;
    for k in 0..out.len() {
        let (Some(sent), Some(f), Some(c)) = (seg.sentences.get(k), facts.get(k), out.get(k))
        else {
            continue;
        };
        if own.get(k).copied().unwrap_or(false) || c.inherited {
            anchor = c.label.has_source().then_some(k);
            continue;
        }
        let Some(ak) = anchor else { continue };
        let same_block = seg.sentences.get(ak).is_some_and(|s| s.block == sent.block);
        if same_block && k - ak <= window && f.continues && f.structure.is_none() {
            let Some((label, sources)) = out.get(ak).map(|a| (a.label, inherit(&a.sources))) else {
                continue;
            };
            if let Some(c) = out.get_mut(k) {
                *c = Classification {
                    label,
                    sources,
                    cues: SpanList::new(),
                    rule: id.clone(),
                    inherited: true,
                };
            }
        } else {
            anchor = None;
        }
    }
}

#[cfg(test)]
mod tests;
