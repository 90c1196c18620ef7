//! What every check needs about one document, computed once: paragraphs, quotation cover,
//! the matches of every searched word list.

use super::index::{Found, Hits};
use super::phrases::{is_boundary, PhraseList};
use super::CheckSet;
use crate::classify::Classification;
use crate::document::{BlockKind, Document};
use crate::segment::Segmentation;
use crate::span::Span;

/// One document as the checks see it.
pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub text: &'a str,
    pub seg: &'a Segmentation,
    pub labels: &'a [Classification],
    /// Per block: the range of sentence indices in it.
    pub block_sentences: Vec<std::ops::Range<usize>>,
    /// Index of the first paragraph block (the lead), if any.
    pub lead_block: Option<usize>,
    /// Matches of the checks' searched word lists in `text`.
    hits: Hits,
    /// Spans of the quotations overlapping each sentence (inner text between the marks), all
    /// sentences in a row; sentence `i`'s are `quote_spans[quote_at[i]..quote_at[i + 1]]`.
    quote_spans: Vec<Span>,
    quote_at: Vec<u32>,
    /// The parts of each sentence outside its quotations, laid out the same way.
    part_spans: Vec<Span>,
    part_at: Vec<u32>,
    /// Whether every sentence and every part outside quotations has word boundaries at both
    /// edges (worked out on first use; see [`Ctx::never_in_sentences`]).
    edges_exact: std::cell::OnceCell<bool>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        doc: &'a Document,
        seg: &'a Segmentation,
        labels: &'a [Classification],
        checks: &CheckSet,
    ) -> Ctx<'a> {
        Ctx::with_hits(doc, seg, labels, checks, None)
    }

    /// [`Ctx::new`], given the matches of the checks' word lists in the text when they were
    /// found already ([`CheckSet::scan_along`]).
    pub fn with_hits(
        doc: &'a Document,
        seg: &'a Segmentation,
        labels: &'a [Classification],
        checks: &CheckSet,
        hits: Option<Hits>,
    ) -> Ctx<'a> {
        let n = seg.sentences.len();
        let mut quote_spans = Vec::new();
        let mut quote_at = Vec::with_capacity(n + 1);
        quote_at.push(0);
        // quotes and sentences are both in document order: sweep with a start pointer
        let mut first = 0;
        for s in &seg.sentences {
            while first < seg.quotes.len() && seg.quotes[first].span.end <= s.span.start {
                first += 1;
            }
            let mut j = first;
            while j < seg.quotes.len() && seg.quotes[j].span.start < s.span.end {
                let q = &seg.quotes[j];
                if q.span.overlaps(s.span) {
                    quote_spans.push(q.span);
                }
                j += 1;
                if j - first > 64 {
                    break;
                }
            }
            quote_at.push(index32(quote_spans.len()));
        }
        let mut block_sentences = vec![0..0; doc.blocks.len()];
        for (i, s) in seg.sentences.iter().enumerate() {
            if let Some(r) = block_sentences.get_mut(s.block) {
                if r.start == r.end {
                    *r = i..i + 1;
                } else {
                    r.end = i + 1;
                }
            }
        }
        let lead_block = doc
            .blocks
            .iter()
            .position(|b| b.kind == BlockKind::Paragraph);
        let mut ctx = Ctx {
            doc,
            text: &doc.text,
            seg,
            labels,
            block_sentences,
            lead_block,
            hits: hits.unwrap_or_else(|| checks.scan(&doc.text)),
            quote_spans,
            quote_at,
            part_spans: Vec::with_capacity(n),
            part_at: Vec::with_capacity(n + 1),
            edges_exact: std::cell::OnceCell::new(),
        };
        ctx.part_at.push(0);
        let mut parts = Vec::new();
        for i in 0..n {
            ctx.outside(i, &mut parts);
            ctx.part_spans.append(&mut parts);
            ctx.part_at.push(index32(ctx.part_spans.len()));
        }
        ctx
    }

    /// Whole-word matches of `list` inside `within` (see [`PhraseList::find`]).
    pub fn find<'s>(&'s self, list: &'s PhraseList, within: Span) -> Found<'s> {
        self.hits.find(list, self.text, within)
    }

    /// The first match of `list` inside `within`.
    pub fn first(&self, list: &PhraseList, within: Span) -> Option<Span> {
        self.find(list, within).next().map(|m| m.0)
    }

    /// Whether `list` occurs inside `within`.
    pub fn any(&self, list: &PhraseList, within: Span) -> bool {
        self.hits.any(list, self.text, within)
    }

    /// True when no search of `list` inside a sentence or a part of one outside quotations
    /// ([`Ctx::outside_quotes`]) can find anything, so a check that needs such a match can
    /// stop at once (issue 6: most lists of the checks occur in few articles, and the checks
    /// asked about them sentence by sentence). That is so when the list, searched in the
    /// shared index, occurs nowhere in the text and no such span cuts a word at an edge (the
    /// search of a span that does also finds a word cut there).
    pub fn never_in_sentences(&self, list: &PhraseList) -> bool {
        list.slot.is_some() && self.edges_exact() && !self.any(list, Span::new(0, self.text.len()))
    }

    /// Whether every sentence and part outside quotations begins and ends on character and
    /// word boundaries.
    fn edges_exact(&self) -> bool {
        *self.edges_exact.get_or_init(|| {
            let text = self.text;
            let exact = |s: &Span| {
                s.start <= s.end
                    && text.is_char_boundary(s.start)
                    && text.is_char_boundary(s.end)
                    && is_boundary(text, s.start)
                    && is_boundary(text, s.end)
            };
            self.seg.sentences.iter().all(|s| exact(&s.span)) && self.part_spans.iter().all(exact)
        })
    }

    pub fn sentence(&self, i: usize) -> Span {
        self.seg
            .sentences
            .get(i)
            .map_or(Span::default(), |s| s.span)
    }

    pub fn block_of(&self, i: usize) -> usize {
        self.seg.sentences.get(i).map_or(usize::MAX, |s| s.block)
    }

    /// Spans of the quotations overlapping sentence `i` (inner text between the marks).
    pub fn quoted(&self, i: usize) -> &[Span] {
        flat(&self.quote_spans, &self.quote_at, i)
    }

    /// Whether `span` lies inside a direct quotation of sentence `i`.
    pub fn in_quote(&self, i: usize, span: Span) -> bool {
        self.quoted(i).iter().any(|q| q.contains(span))
    }

    /// Whether sentence `i` is in the headline (a heading or line before the first paragraph)
    /// or in the first paragraph.
    pub fn in_top(&self, i: usize) -> bool {
        let b = self.block_of(i);
        match self.lead_block {
            Some(lead) => b <= lead,
            None => true,
        }
    }

    pub fn is_heading(&self, i: usize) -> bool {
        self.doc
            .blocks
            .get(self.block_of(i))
            .is_some_and(|b| matches!(b.kind, BlockKind::Heading | BlockKind::Line))
    }

    /// Sentence indices of the paragraph of sentence `i`.
    pub fn paragraph(&self, i: usize) -> std::ops::Range<usize> {
        self.block_sentences
            .get(self.block_of(i))
            .cloned()
            .unwrap_or(i..i + 1)
    }

    pub fn label(&self, i: usize) -> Option<&Classification> {
        self.labels.get(i)
    }

    /// Source spans the classifier found in sentence `i` (outside quotations).
    pub fn sources(&self, i: usize) -> &[Span] {
        self.labels.get(i).map_or(&[], |c| c.sources.as_slice())
    }

    /// Whether sentence `i` names its own source (not inherited from elsewhere).
    pub fn has_own_source(&self, i: usize) -> bool {
        self.labels
            .get(i)
            .is_some_and(|c| !c.sources.is_empty() && !c.inherited)
    }

    /// Parts of sentence `i` outside its quotations.
    pub fn outside_quotes(&self, i: usize) -> &[Span] {
        flat(&self.part_spans, &self.part_at, i)
    }

    /// Pushes the parts of sentence `i` outside its quotations onto `out`.
    fn outside(&self, i: usize, out: &mut Vec<Span>) {
        let s = self.sentence(i);
        let mut pos = s.start;
        for q in self.quoted(i) {
            if q.start > pos {
                out.push(Span::new(pos, q.start.min(s.end)));
            }
            pos = pos.max(q.end);
        }
        if pos < s.end {
            out.push(Span::new(pos, s.end));
        }
    }
}

/// Item `i` of a flat list of runs: `spans[at[i]..at[i + 1]]`.
fn flat<'s>(spans: &'s [Span], at: &[u32], i: usize) -> &'s [Span] {
    match (at.get(i), at.get(i + 1)) {
        (Some(&a), Some(&b)) => spans.get(a as usize..b as usize).unwrap_or_default(),
        _ => &[],
    }
}

/// An index into the per-document span lists, kept in 32 bits (issue 6: two of these a
/// sentence; 7.4 MB on a 95 MB file with 930,000 sentences). A document would need 2^32 spans
/// (64 GB of them) to reach the limit; past it the index saturates instead of wrapping, and
/// nothing panics.
fn index32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whenever a list is said never to occur in a sentence or a part outside quotations, no
    /// search of it there finds anything (every list of every check, on their examples and on
    /// texts whose quotation marks stand inside words).
    #[test]
    fn lists_never_in_sentences_are_found_in_none() {
        let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
        let set = &checker.checks;
        let mut texts = set.example_texts();
        texts.push(
            "Officials reportedly\"said\"the plan was allegedly late. He believes it.".into(),
        );
        texts.push("The plan x\"reportedly y\" failed, sources said.".into());
        texts.push("Nothing of note happened at the council on Tuesday.".into());
        let (mut never, mut found) = (0, 0);
        for text in &texts {
            let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, text.clone());
            let seg = crate::segment::segment(&doc);
            let labels = crate::classify::classify(&doc, &seg, &checker.rules);
            let ctx = Ctx::new(&doc, &seg, &labels, set);
            for list in set.defs().iter().flat_map(|d| d.lists.values()) {
                let spans = (0..seg.sentences.len()).flat_map(|i| {
                    std::iter::once(ctx.sentence(i)).chain(ctx.outside_quotes(i).iter().copied())
                });
                let any = spans.clone().any(|s| ctx.any(list, s));
                if ctx.never_in_sentences(list) {
                    never += 1;
                    assert!(!any, "{text:?}");
                    assert!(spans.clone().all(|s| ctx.find(list, s).next().is_none()));
                } else if any {
                    found += 1;
                }
            }
        }
        assert!(never > 100 && found > 20, "{never} {found}");
    }
}
