//! What every check needs about one document, computed once: paragraphs, quotation cover,
//! the matches of every searched word list.

use super::index::{Found, Hits};
use super::phrases::{is_boundary, PhraseList};
use super::CheckSet;
use crate::classify::Classification;
use crate::document::{BlockKind, Document};
use crate::reuse::drop_large;
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
    /// Per sentence, one bit: whether it and every part of it outside quotations have word
    /// boundaries at both edges (see [`Ctx::never_in_sentences`]).
    exact: Vec<u64>,
    /// Whether every bit of `exact` is set.
    edges_exact: bool,
    /// Whether the sentences are in order and do not overlap.
    ordered: bool,
}

/// The sentences in which a search of one word list may find something ([`Ctx::sentences_with`]).
pub struct SentenceSet {
    /// Bit `i` clear: no search of the list inside sentence `i` or inside a part of it outside
    /// quotations finds anything. A sentence past the words held may hold a match: a set that
    /// could tell nothing holds no words (issue 6: `may` is asked about most sentences by
    /// most checks; a separate flag for that case was one more test each time).
    bits: Bits,
}

/// Words of sentence bits: in place for a document of at most [`INLINE_WORDS`] × 64
/// sentences (issue 6: the checks asked for about a dozen sets a document, each an
/// allocation), else on the heap. In place, the words past the `n` in use have every bit set,
/// as a sentence past the words held is read ([`SentenceSet::may`]), so that a look reads the
/// fixed array without its length.
enum Bits {
    Inline([u64; INLINE_WORDS], usize),
    Heap(Box<[u64]>),
}

/// Words of [`Bits::Inline`]: 256 sentences, more than almost any article holds.
const INLINE_WORDS: usize = 4;

impl Bits {
    /// `n` words, all zero.
    fn zeros(n: usize) -> Bits {
        if n <= INLINE_WORDS {
            let mut w = [u64::MAX; INLINE_WORDS];
            for x in w.iter_mut().take(n) {
                *x = 0;
            }
            Bits::Inline(w, n)
        } else {
            Bits::Heap(vec![0; n].into_boxed_slice())
        }
    }

    fn words_mut(&mut self) -> &mut [u64] {
        match self {
            Bits::Inline(w, n) => w.get_mut(..*n).unwrap_or_default(),
            Bits::Heap(w) => w,
        }
    }
}

impl SentenceSet {
    /// False only when no search of the list inside sentence `i`, or inside one of its parts
    /// outside quotations ([`Ctx::outside_quotes`]), can find anything.
    #[inline]
    pub fn may(&self, i: usize) -> bool {
        let w = match &self.bits {
            Bits::Inline(w, _) => w.get(i / 64),
            Bits::Heap(w) => w.get(i / 64),
        };
        w.is_none_or(|w| w >> (i % 64) & 1 == 1)
    }
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
        let text = doc.text.as_str();
        // the buffers of the document before on this thread, emptied (issue 6: six
        // allocations per document)
        let bufs = CTX_BUFFERS
            .try_with(std::cell::Cell::take)
            .ok()
            .flatten()
            .unwrap_or_default();
        // about one sentence per quotation (issue 6: these grew a few times per document)
        let mut quote_spans = bufs.quote_spans;
        quote_spans.clear();
        quote_spans.reserve(seg.quotes.len().min(n.saturating_mul(4)));
        let mut quote_at = bufs.quote_at;
        quote_at.clear();
        quote_at.reserve(n + 1);
        quote_at.push(0);
        let mut block_sentences = bufs.block_sentences;
        block_sentences.clear();
        block_sentences.resize(doc.blocks.len(), 0..0);
        let lead_block = doc
            .blocks
            .iter()
            .position(|b| b.kind == BlockKind::Paragraph);
        // at most one part more than quotations per sentence
        let mut part_spans = bufs.part_spans;
        part_spans.clear();
        part_spans.reserve(n.saturating_add(quote_spans.capacity()));
        let mut part_at = bufs.part_at;
        part_at.clear();
        part_at.reserve(n + 1);
        part_at.push(0);
        let mut bits = bufs.exact;
        bits.clear();
        bits.resize(n.div_ceil(64), 0u64);
        let (mut all_exact, mut ordered, mut last_end) = (true, true, 0);
        let exact =
            |s: &Span| s.start <= s.end && exact_edge(text, s.start) && exact_edge(text, s.end);
        // everything per sentence in one pass (issue 6: three passes over the sentences):
        // the quotations overlapping it, its block, the parts outside quotations, whether it
        // and its parts have exact edges, and whether the sentences are in order
        let quotes = seg.quotes.as_slice();
        let mut first = 0;
        for (i, s) in seg.sentences.iter().enumerate() {
            // quotes and sentences are both in document order: sweep with a start pointer
            while quotes
                .get(first)
                .is_some_and(|q| q.span.end <= s.span.start)
            {
                first += 1;
            }
            if let Some(r) = block_sentences.get_mut(s.block) {
                if r.start == r.end {
                    *r = i..i + 1;
                } else {
                    r.end = i + 1;
                }
            }
            let edges = if quotes.get(first).is_none_or(|q| q.span.start >= s.span.end) {
                // no quotation starts before the sentence's end (most sentences): none
                // overlaps it, and its one part is the whole sentence when it is not empty, as
                // the loop below finds (issue 6: a tenth of the work per sentence)
                quote_at.push(index32(quote_spans.len()));
                if s.span.start < s.span.end {
                    part_spans.push(s.span);
                }
                part_at.push(index32(part_spans.len()));
                exact(&s.span)
            } else {
                let from_quote = quote_spans.len();
                for (k, q) in quotes.get(first..).unwrap_or_default().iter().enumerate() {
                    if q.span.start >= s.span.end {
                        break;
                    }
                    if q.span.overlaps(s.span) {
                        quote_spans.push(q.span);
                    }
                    if k + 1 > 64 {
                        break;
                    }
                }
                quote_at.push(index32(quote_spans.len()));
                let from = part_spans.len();
                outside(
                    s.span,
                    quote_spans.get(from_quote..).unwrap_or_default(),
                    &mut part_spans,
                );
                part_at.push(index32(part_spans.len()));
                // (a part that is the whole sentence, as in most, is not tested twice)
                exact(&s.span)
                    && part_spans
                        .get(from..)
                        .unwrap_or_default()
                        .iter()
                        .all(|p| *p == s.span || exact(p))
            };
            if edges {
                if let Some(w) = bits.get_mut(i / 64) {
                    *w |= 1 << (i % 64);
                }
            }
            all_exact &= edges;
            ordered &= s.span.start <= s.span.end && last_end <= s.span.start;
            last_end = s.span.end;
        }
        Ctx {
            doc,
            text,
            seg,
            labels,
            block_sentences,
            lead_block,
            hits: hits.unwrap_or_else(|| checks.scan(&doc.text)),
            quote_spans,
            quote_at,
            part_spans,
            part_at,
            exact: bits,
            edges_exact: all_exact,
            ordered,
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
        self.edges_exact
    }

    /// [`Ctx::exact`]: per sentence, whether it and its parts outside quotations begin and end
    /// on character and word boundaries.
    fn exact_bits(&self) -> &[u64] {
        &self.exact
    }

    /// The sentences in which a search of `list` (inside a sentence or inside a part of one
    /// outside quotations) may find something: those in which a match of the list in the
    /// shared index starts, and those whose edges cut a word (a search there goes to the
    /// list's own automaton, see [`Hits::find`]). Issue 6: the checks asked about every part
    /// of every sentence for lists that occur in few of them, and each search cost about as
    /// much as a hundred instructions; a look at this set costs a few.
    pub fn sentences_with(&self, list: &PhraseList) -> SentenceSet {
        let ss = &self.seg.sentences;
        let every = SentenceSet {
            bits: Bits::Heap(Box::default()),
        };
        // only indexed lists, offsets within 32 bits (the index holds no others) and sentences
        // in order
        if list.slot.is_none() || u32::try_from(self.text.len()).is_err() || !self.ordered() {
            return every;
        }
        let exact = self.exact_bits();
        let mut bits = Bits::zeros(exact.len());
        for (b, w) in bits.words_mut().iter_mut().zip(exact) {
            *b = !w;
        }
        let mut k = 0;
        for (m, _) in self.find(list, Span::new(0, self.text.len())) {
            // matches come in order of start: the sentence holding one is at or after the last
            k += ss
                .get(k..)
                .unwrap_or_default()
                .partition_point(|s| s.span.end <= m.start);
            if ss
                .get(k)
                .is_some_and(|s| s.span.start <= m.start && m.start < s.span.end)
            {
                if let Some(w) = bits.words_mut().get_mut(k / 64) {
                    *w |= 1 << (k % 64);
                }
            }
        }
        SentenceSet { bits }
    }

    /// Whether a search inside sentence `i` would find a match at `span` when its text is an
    /// entry of a list ([`PhraseList::is`]): `span` lies in the sentence and both its edges
    /// are character and word boundaries. Then a sentence left out of the list's
    /// [`Ctx::sentences_with`] holds no such span, and the list need not be asked.
    #[inline]
    pub fn searchable(&self, i: usize, span: Span) -> bool {
        self.searchable_in(self.sentence(i), span)
    }

    /// [`Ctx::searchable`] of sentence span `sentence`.
    #[inline]
    pub fn searchable_in(&self, sentence: Span, span: Span) -> bool {
        sentence.contains(span)
            && span.start <= span.end
            && exact_edge(self.text, span.start)
            && exact_edge(self.text, span.end)
    }

    /// Whether every sentence ends at or after its start, and starts at or after the end of
    /// the one before it.
    fn ordered(&self) -> bool {
        self.ordered
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
}

/// The per-sentence buffers of a [`Ctx`], kept from one document to the next on each thread
/// by [`Ctx::recycle`].
#[derive(Default)]
struct CtxBuffers {
    block_sentences: Vec<std::ops::Range<usize>>,
    quote_spans: Vec<Span>,
    quote_at: Vec<u32>,
    part_spans: Vec<Span>,
    part_at: Vec<u32>,
    exact: Vec<u64>,
}

impl CtxBuffers {
    /// The buffers worth keeping for the next document: any grown past what a long article
    /// needs is given back (a huge file's would be held for nothing).
    fn kept(mut self) -> Self {
        const MOST: usize = 1 << 12;
        drop_large(&mut self.block_sentences, MOST);
        drop_large(&mut self.quote_spans, MOST);
        drop_large(&mut self.quote_at, MOST);
        drop_large(&mut self.part_spans, MOST);
        drop_large(&mut self.part_at, MOST);
        drop_large(&mut self.exact, MOST);
        self
    }
}

thread_local! {
    /// [`CtxBuffers`] of the last [`Ctx`] recycled on this thread ([`Ctx::recycle`]).
    static CTX_BUFFERS: std::cell::Cell<Option<CtxBuffers>> = const { std::cell::Cell::new(None) };
}

impl Ctx<'_> {
    /// Ends the context and keeps its buffers on the thread for the next document's (issue 6:
    /// six allocations per document). An explicit call, not a `Drop` impl: `Ctx` is public and
    /// a `Drop` impl would stop a user moving its fields out; a `Ctx` dropped without it just
    /// frees its buffers.
    pub(crate) fn recycle(self) {
        let bufs = CtxBuffers {
            block_sentences: self.block_sentences,
            quote_spans: self.quote_spans,
            quote_at: self.quote_at,
            part_spans: self.part_spans,
            part_at: self.part_at,
            exact: self.exact,
        }
        .kept();
        // (a thread being torn down keeps nothing)
        let _ = CTX_BUFFERS.try_with(|c| c.set(Some(bufs)));
    }
}

/// Pushes the parts of sentence span `s` outside its quotations `quoted` onto `out`.
fn outside(s: Span, quoted: &[Span], out: &mut Vec<Span>) {
    let mut pos = s.start;
    for q in quoted {
        if q.start > pos {
            out.push(Span::new(pos, q.start.min(s.end)));
        }
        pos = pos.max(q.end);
    }
    if pos < s.end {
        out.push(Span::new(pos, s.end));
    }
}

/// Whether byte `i` of `text` is a character boundary and a word boundary ([`is_boundary`]),
/// read from the two bytes around it when both are ASCII (issue 6: decoding them for every
/// sentence edge was 2 M instructions of the corpus).
#[inline(always)]
fn exact_edge(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    match (i.checked_sub(1).and_then(|k| b.get(k)), b.get(i)) {
        (Some(&x), Some(&y)) if x.is_ascii() && y.is_ascii() => {
            !(x.is_ascii_alphanumeric() && y.is_ascii_alphanumeric())
        }
        _ => text.is_char_boundary(i) && is_boundary(text, i),
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
mod tests;
