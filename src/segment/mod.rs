//! Sentence and quotation segmentation over a [`Document`]'s blocks.
//!
//! One pass per block; every span is a half-open byte range into `Document::text`.

pub mod lang;
mod lists;
mod quotes;
mod sentences;
mod text;

use crate::document::Document;
use crate::span::Span;
pub use lang::Lang;
use quotes::QuoteScanner;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// Trimmed span of the sentence.
    pub span: Span,
    /// Index into `Document::blocks`.
    pub block: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteMark {
    Double,
    Single,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// From the start of the opening mark to the end of the closing mark; an unclosed quotation
    /// runs to the end of its block.
    pub span: Span,
    pub open: Span,
    pub close: Option<Span>,
    pub mark: QuoteMark,
    /// Nesting depth, 0 for the outermost quotation.
    pub depth: u8,
    /// Index into `Document::blocks`.
    pub block: usize,
    /// The quotation is left open at the end of its paragraph and reopened by the next
    /// paragraph (news style for multi-paragraph quotations): not an error.
    pub continued: bool,
    /// This quotation reopens one left open by the previous paragraph.
    pub continues: bool,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Segmentation {
    pub sentences: Vec<Sentence>,
    pub quotes: Vec<Quote>,
    /// Quotation marks that never close (respecting the multi-paragraph convention).
    pub unbalanced: Vec<Span>,
    /// Layout that is in no sentence: dot leaders with their page numbers, separator rules.
    pub layout: Vec<Span>,
}

/// Bytes per sentence assumed when reserving room for a document's sentences (the corpus
/// averages 107, and a third of its documents fewer than 100: with 128, two thirds of them
/// grew the list once, with 96 a sixth; room reserved and not written costs no memory).
const SENTENCE_BYTES: usize = 96;

/// Bytes per quotation assumed when reserving room for a document's quotations (the corpus
/// averages about one in 1,000 bytes, a quarter of its documents one in 500 or more).
const QUOTE_BYTES: usize = 512;

/// The per-block buffers of [`segment_with`]: the quotations of a block, and the splitter's.
type Buffers = (Vec<(usize, usize)>, sentences::Scratch);

/// Largest buffer (in entries) a thread keeps for the next document; a larger one, made by a
/// long block, is freed with its document.
const KEEP: usize = 1 << 12;

/// Buffers sized for a long paragraph, so that they are allocated once.
fn new_buffers() -> Buffers {
    (Vec::with_capacity(8), sentences::Scratch::with_capacity(16))
}

thread_local! {
    /// The buffers of the last document segmented on this thread (empty ones before the first).
    static BUFFERS: std::cell::Cell<Buffers> = std::cell::Cell::new(new_buffers());
}

/// Segments every block of `doc` into sentences and quotation spans.
pub fn segment(doc: &Document) -> Segmentation {
    segment_with(doc, lang::en())
}

/// [`segment`] with explicit language data.
pub fn segment_with(doc: &Document, lang: &Lang) -> Segmentation {
    let mut seg = Segmentation::default();
    // news copy runs about a hundred bytes a sentence: one allocation instead of a doubling
    // series (issue 6)
    seg.sentences.reserve(doc.text.len() / SENTENCE_BYTES);
    // and about one quotation in 800 bytes: room for most documents' at once
    seg.quotes.reserve(doc.text.len() / QUOTE_BYTES);
    let mut scanner = QuoteScanner::new(lang, doc.text.as_bytes());
    // the per-block buffers, kept by the thread from one document to the next (issue 6: two
    // allocations a document fewer)
    let (mut quoted, mut scratch) = BUFFERS
        .try_with(|b| b.take())
        .unwrap_or_else(|_| new_buffers());
    for (bi, b) in doc.blocks.iter().enumerate() {
        let Some(text) = doc.text.get(b.span.start..b.span.end) else {
            continue;
        };
        let base = b.span.start;
        let before = seg.quotes.len();
        scanner.block(text, base, bi, &mut seg);
        // the quotations of this block, relative to it (an open one runs to the block end)
        quoted.clear();
        let closed = seg.quotes.get(before..).unwrap_or(&[]).iter();
        quoted.extend(closed.filter(|q| q.block == bi).map(|q| {
            (
                q.span.start.saturating_sub(base),
                q.span.end.saturating_sub(base),
            )
        }));
        quoted.extend(
            scanner
                .open_starts()
                .map(|s| (s.saturating_sub(base), text.len())),
        );
        sentences::split(
            text,
            base,
            bi,
            lang,
            &quoted,
            &mut seg.sentences,
            &mut seg.layout,
            &mut scratch,
        );
    }
    scanner.finish(&mut seg);
    // back to the thread, unless a long block made them large
    if quoted.capacity() <= KEEP && scratch.capacity() <= KEEP {
        let _ = BUFFERS.try_with(|b| b.set((quoted, scratch)));
    }
    seg.quotes.sort_by_key(|q| (q.span.start, q.depth));
    seg.unbalanced.sort();
    seg
}

/// Trims white space (including NO-BREAK SPACE and the BOM) from both ends of `t[s..e]`.
pub fn trim_range(t: &str, s: usize, e: usize) -> (usize, usize) {
    text::trim(t, s, e)
}
