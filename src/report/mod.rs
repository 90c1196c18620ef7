//! Report formats. Spans become line/column only here, against the unmodified source.

pub mod github;
pub mod html;
pub mod json;
pub mod rdjson;
pub mod sarif;
pub mod segment;
pub mod terminal;

use crate::document::Document;
use crate::span::{LineCol, LineIndex, Span};

/// Converts text spans of one document to source offsets and 1-based line/character columns.
pub struct Locator<'a> {
    pub doc: &'a Document,
    index: LineIndex,
}

/// A span resolved against the source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    /// Half-open byte range into the source as read.
    pub span: Span,
    pub start: LineCol,
    /// Position just after the last character (exclusive end), 1-based.
    pub end: LineCol,
}

impl<'a> Locator<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Locator {
            doc,
            index: LineIndex::new(&doc.source),
        }
    }
    pub fn locate(&self, text_span: Span) -> Location {
        let span = self.doc.source_span(text_span);
        Location {
            span,
            start: self.index.line_col(&self.doc.source, span.start),
            end: self.index.line_col(&self.doc.source, span.end),
        }
    }
    pub fn line_index(&self) -> &LineIndex {
        &self.index
    }
}

/// The display form of a path: forward slashes, no leading `./`.
pub fn display_path(path: &std::path::Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}
