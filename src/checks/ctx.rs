//! What every check needs about one document, computed once: paragraphs, quotation cover,
//! the matches of every searched word list.

use super::index::{Found, Hits};
use super::phrases::{tokens, PhraseList, Token};
use super::CheckSet;
use crate::classify::Classification;
use crate::document::{BlockKind, Document};
use crate::segment::Segmentation;
use crate::span::Span;
use std::cell::OnceCell;

/// One document as the checks see it.
pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub text: &'a str,
    pub seg: &'a Segmentation,
    pub labels: &'a [Classification],
    /// Per sentence: spans of the quotations overlapping it (inner text between the marks).
    pub quoted: Vec<Vec<Span>>,
    /// Per block: the range of sentence indices in it.
    pub block_sentences: Vec<std::ops::Range<usize>>,
    /// Index of the first paragraph block (the lead), if any.
    pub lead_block: Option<usize>,
    /// Matches of the checks' searched word lists in `text`.
    hits: Hits,
    /// Per sentence: its range in `part_spans`, the parts outside quotations.
    parts: Vec<std::ops::Range<usize>>,
    part_spans: Vec<Span>,
    /// Per sentence: its word tokens, made on first use.
    tokens: Vec<OnceCell<Vec<Token>>>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        doc: &'a Document,
        seg: &'a Segmentation,
        labels: &'a [Classification],
        checks: &CheckSet,
    ) -> Ctx<'a> {
        let n = seg.sentences.len();
        let mut quoted = vec![Vec::new(); n];
        // quotes and sentences are both in document order: sweep with a start pointer
        let mut first = 0;
        for (i, s) in seg.sentences.iter().enumerate() {
            while first < seg.quotes.len() && seg.quotes[first].span.end <= s.span.start {
                first += 1;
            }
            let mut j = first;
            while j < seg.quotes.len() && seg.quotes[j].span.start < s.span.end {
                let q = &seg.quotes[j];
                if q.span.overlaps(s.span) {
                    quoted[i].push(q.span);
                }
                j += 1;
                if j - first > 64 {
                    break;
                }
            }
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
            quoted,
            block_sentences,
            lead_block,
            hits: checks.scan(&doc.text),
            parts: Vec::with_capacity(n),
            part_spans: Vec::with_capacity(n),
            tokens: vec![OnceCell::new(); n],
        };
        for i in 0..n {
            let from = ctx.part_spans.len();
            let spans = ctx.compute_outside_quotes(i);
            ctx.part_spans.extend(spans);
            ctx.parts.push(from..ctx.part_spans.len());
        }
        ctx
    }

    /// The word tokens of sentence `i` (`tokens(text, sentence(i))`, made once).
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        match self.tokens.get(i) {
            Some(cell) => cell.get_or_init(|| tokens(self.text, self.sentence(i))),
            None => &[],
        }
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

    pub fn sentence(&self, i: usize) -> Span {
        self.seg
            .sentences
            .get(i)
            .map_or(Span::default(), |s| s.span)
    }

    pub fn block_of(&self, i: usize) -> usize {
        self.seg.sentences.get(i).map_or(usize::MAX, |s| s.block)
    }

    /// Whether `span` lies inside a direct quotation of sentence `i`.
    pub fn in_quote(&self, i: usize, span: Span) -> bool {
        self.quoted
            .get(i)
            .is_some_and(|qs| qs.iter().any(|q| q.contains(span)))
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
        self.parts
            .get(i)
            .and_then(|r| self.part_spans.get(r.clone()))
            .unwrap_or_default()
    }

    /// Parts of sentence `i` outside its quotations (computed once, in [`Ctx::new`]).
    fn compute_outside_quotes(&self, i: usize) -> Vec<Span> {
        let s = self.sentence(i);
        let mut out = Vec::new();
        let mut pos = s.start;
        let Some(qs) = self.quoted.get(i) else {
            return vec![s];
        };
        for q in qs {
            if q.start > pos {
                out.push(Span::new(pos, q.start.min(s.end)));
            }
            pos = pos.max(q.end);
        }
        if pos < s.end {
            out.push(Span::new(pos, s.end));
        }
        out
    }
}
