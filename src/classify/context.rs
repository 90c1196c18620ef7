//! The document pass: each sentence on its own, then quotations (speaker before, after, or in
//! the sentence before a continuing quotation) and carry-over inside a paragraph.
//!
//! Linear: one automaton pass and one pass per pattern over the text, a forward walk over the
//! sentences, and a binary search per quotation.

use super::frames::{first_subject, personal};
use super::sentence::{decide, evaluate, Scratch};
use super::tokens::{Tok, Token, CAP, DET, FIRST_PERSON, JOINER, LINK, SOURCE_NOUN};
use super::{precedence, Classification, Label};
use crate::document::{BlockKind, Document};
use crate::rules::engine::{Ahead, SCAN_WINDOW};
use crate::rules::{RuleSet, Structure};
use crate::segment::Segmentation;
use crate::span::{Span, SpanList};
use std::cell::RefCell;

/// A quotation of at least this many words inside a sentence makes it attributed.
const PARTIAL_QUOTE_WORDS: usize = 3;

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
        let mut hj = hi;
        while hits.get(hj).is_some_and(|h| h.start(base) < sp.end) {
            hj += 1;
        }
        while phits.get(pi).is_some_and(|h| h.span.start < sp.start) {
            pi += 1;
        }
        let mut pj = pi;
        while phits.get(pj).is_some_and(|h| h.span.start < sp.end) {
            pj += 1;
        }
        let ph = phits.get(pi..pj).unwrap_or(&[]);
        let sh = hits.get(hi..hj).unwrap_or(&[]);
        evaluate(text, sp, (sh, base), ph, rules, &mut s);
        hi = hj;
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
                words < FRAGMENT_WORDS || (unpunctuated && words < FRAGMENT_UNPUNCTUATED_WORDS)
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

/// Per sentence: whether a top-level quotation overlaps it (the sentences `quotes` visits).
/// Top-level quotations do not overlap, so this is linear in sentences and quotations.
fn in_quotes(seg: &Segmentation) -> Vec<bool> {
    let sents = &seg.sentences;
    let mut quoted = vec![false; sents.len()];
    for q in seg.quotes.iter().filter(|q| q.depth == 0) {
        let si = sents.partition_point(|s| s.span.end <= q.span.start);
        let sj = sents.partition_point(|s| s.span.start < q.span.end);
        for k in quoted.get_mut(si..sj).into_iter().flatten() {
            *k = true;
        }
    }
    quoted
}

/// Quotations: every sentence mostly inside a top-level quotation takes its speaker.
fn quotes(
    doc: &Document,
    seg: &Segmentation,
    rules: &RuleSet,
    facts: &[Facts],
    out: &mut [Classification],
) {
    let Some(qrule) = rules.engine().quote else {
        return;
    };
    let Some(rule) = rules.rules().get(qrule as usize) else {
        return;
    };
    let Some(id) = rules.engine().id(qrule as usize) else {
        return;
    };
    let sents = &seg.sentences;
    let mut last_speaker: Option<Classification> = None;
    for q in seg.quotes.iter().filter(|q| q.depth == 0) {
        let si = sents.partition_point(|s| s.span.end <= q.span.start);
        let sj = sents.partition_point(|s| s.span.start < q.span.end);
        if si >= sj {
            continue;
        }
        // a cue outside the quotation, or a transcript's `"NAME: …` colon right at its start
        let speaks = |c: &Classification| {
            c.label.has_source()
                && !c.sources.is_empty()
                && c.cues.iter().any(|cue| {
                    !q.span.contains(*cue)
                        || (doc.slice(*cue) == ":"
                            && c.sources.iter().any(|s| s.start <= q.open.end + 1))
                })
        };
        let credited = |name: Span| Classification {
            label: rule.info.implies.unwrap_or(Label::Attributed),
            sources: SpanList::one(name),
            cues: SpanList::one(q.open),
            rule: Some(id.clone()),
            inherited: false,
        };
        // a credit line that opens the quotation: `― Carla Sanchez “…”`
        let mut speaker = facts
            .get(si)
            .and_then(|f| f.credit)
            .filter(|(_, mark)| *mark == Some(q.open))
            .map(|(name, _)| credited(name));
        if speaker.is_none() {
            speaker = (si..sj)
                .filter_map(|k| out.get(k))
                .find(|c| !c.inherited && speaks(c))
                .cloned();
        }
        // a credit line right after the quotation: `"…" ― Carla Sanchez.` (not one that opens
        // the next quotation)
        if speaker.is_none() {
            if let Some((name, None)) = facts.get(sj).and_then(|f| f.credit) {
                speaker = Some(credited(name));
            }
        }
        if speaker.is_none() && q.continues {
            speaker = last_speaker.clone();
        }
        if speaker.is_none() && si > 0 {
            let (prev, this) = (sents.get(si - 1), sents.get(si));
            let adjacent = match (prev, this) {
                (Some(p), Some(t)) => {
                    p.block == t.block || doc.slice(p.span).trim_end().ends_with(':')
                }
                _ => false,
            };
            if adjacent {
                speaker = out.get(si - 1).filter(|c| speaks(c)).cloned();
            }
        }
        for k in si..sj {
            let (Some(c), Some(sent)) = (out.get_mut(k), sents.get(k)) else {
                continue;
            };
            let inside = overlap(sent.span, q.span);
            if inside * 2 < sent.span.len() {
                // a quotation of a few words inside the sentence (`… pivoting to the dangers of a
                // "rigged economy."`): the quoted words are someone's, by default the subject's
                if c.rule.is_none() && has_words(doc.slice(q.span), PARTIAL_QUOTE_WORDS) {
                    let sources = match (&speaker, facts.get(k).and_then(|f| f.subject)) {
                        (Some(sp), _) if !sp.sources.is_empty() => sp.sources.clone(),
                        (_, Some(subject)) => SpanList::one(subject),
                        _ => SpanList::new(),
                    };
                    // no one to give the words to: the sentence stays as it was
                    if sources.is_empty() {
                        continue;
                    }
                    *c = Classification {
                        label: rule.info.implies.unwrap_or(Label::Attributed),
                        sources,
                        cues: SpanList::one(q.open),
                        rule: Some(id.clone()),
                        inherited: false,
                    };
                }
                continue;
            }
            if precedence(c.label) >= precedence(Label::Attributed) {
                // `I think …` inside the quotation: the speaker thinks it
                if let Some(sp) = speaker.as_ref().filter(|sp| !sp.sources.is_empty()) {
                    if facts.get(k).is_some_and(|f| f.first_person) {
                        c.sources.clone_from(&sp.sources);
                    } else if c.label.has_source()
                        && !c.cues.is_empty()
                        && c.cues.iter().all(|cue| q.span.contains(*cue))
                    {
                        // `“… Trump said Hispanics live in hell,” said Ruiz`: a cue inside the
                        // quoted words is the speaker's report; the speaker is a source too
                        for s in sp.sources.iter() {
                            c.sources.push(*s);
                        }
                        c.sources.sort();
                        c.sources.dedup();
                    }
                }
                continue;
            }
            *c = match &speaker {
                Some(sp) => Classification {
                    label: sp.label,
                    sources: sp.sources.clone(),
                    cues: SpanList::one(q.open),
                    rule: Some(id.clone()),
                    inherited: true,
                },
                None => Classification {
                    label: rule.info.implies.unwrap_or(Label::Attributed),
                    sources: SpanList::new(),
                    cues: SpanList::one(q.open),
                    rule: Some(id.clone()),
                    inherited: true,
                },
            };
        }
        if speaker.is_some() {
            last_speaker = speaker;
        }
    }
}

/// `― Carla Sanchez.`: a sentence that opens with a dash and one to five capitalised words,
/// followed by its end or by a quotation mark (returned with the name).
fn credit_line(toks: &[Token]) -> Option<(Span, Option<Span>)> {
    let (dash, rest) = toks.split_first()?;
    if dash.tok != Tok::Dash {
        return None;
    }
    let n = rest
        .iter()
        .take_while(|t| t.tok == Tok::Word && t.has(CAP))
        .count();
    let after = rest.get(n);
    let ends = matches!(
        after.map(|t| t.tok),
        None | Some(Tok::End | Tok::Quote { .. })
    );
    let mark = after.filter(|t| matches!(t.tok, Tok::Quote { .. }));
    let (first, last) = (rest.first()?, rest.get(n.checked_sub(1)?)?);
    ((1..=5).contains(&n) && ends).then(|| {
        (
            Span::new(first.span.start, last.span.end),
            mark.map(|t| t.span),
        )
    })
}

/// A subject that can be the speaker of quoted words: a pronoun, a noun that names people or
/// bodies (`officials`, `the union`), or a capitalised name that is not merely the sentence's
/// first word (`Posters reading "…"`, `The budget` are not speakers; `Mr. Ruiz`, `the union` are).
fn can_speak(toks: &[Token], a: usize, b: usize) -> bool {
    toks.get(a..b).is_some_and(|np| {
        np.iter().enumerate().any(|(k, t)| {
            personal(t) || t.has(SOURCE_NOUN) || (t.has(CAP) && !t.has(DET) && a + k > 0)
        })
    })
}

/// Whether `text` has at least `n` words (runs of letters or digits); stops at the `n`th.
fn has_words(text: &str, n: usize) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(n)
        .count()
        >= n
}

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
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
            let Some((label, sources)) = out.get(ak).map(|a| (a.label, a.sources.clone())) else {
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
