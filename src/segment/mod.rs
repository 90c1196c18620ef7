//! Sentence and quotation segmentation over a [`Document`]'s blocks.
//!
//! One pass per block; every span is a half-open byte range into `Document::text`.

use crate::document::Document;
use crate::span::Span;
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
}

/// Segments every block of `doc`. (Interim splitter: `.`, `!`, `?` followed by white space.)
pub fn segment(doc: &Document) -> Segmentation {
    let mut seg = Segmentation::default();
    for (bi, b) in doc.blocks.iter().enumerate() {
        let text = doc.slice(b.span);
        let bytes = text.as_bytes();
        let mut start = 0;
        for i in 0..bytes.len() {
            let end_here = matches!(bytes[i], b'.' | b'!' | b'?')
                && bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace());
            if end_here || i + 1 == bytes.len() {
                push_trimmed(&mut seg, text, b.span.start, start, i + 1, bi);
                start = i + 1;
            }
        }
    }
    seg
}

fn push_trimmed(seg: &mut Segmentation, text: &str, base: usize, s: usize, e: usize, block: usize) {
    let Some(part) = text.get(s..e) else { return };
    let lead = part.len() - part.trim_start().len();
    let trail = part.len() - part.trim_end().len();
    if lead + trail < part.len() {
        seg.sentences.push(Sentence {
            span: Span::new(base + s + lead, base + e - trail),
            block,
        });
    }
}
