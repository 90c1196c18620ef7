//! Report formats. Spans become line/column only here, against the unmodified source.

pub mod github;
pub mod html;
pub mod json;
pub mod rdjson;
pub mod sarif;
pub mod segment;
pub mod terminal;

use crate::check::FileReport;
use crate::document::Document;
use crate::rules::RuleInfo;
use std::io::{self, Write};
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

/// Totals for a whole run, passed to [`Reporter::finish`].
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub sentences: usize,
    /// Sentences per label, in [`crate::classify::Label::ALL`] order.
    pub labels: [usize; 5],
    /// Findings per severity: info, warning, error.
    pub findings: [usize; 3],
    /// Files that could not be checked (their errors are reported on stderr).
    pub errors: usize,
}

/// A report format, fed one file at a time so a run over a large archive streams its output
/// and never holds every file in memory. Call order: `begin`, `file`* (in the stable order of
/// the run), `finish`.
pub trait Reporter {
    /// Writes the head of the report. `rules` are all loaded rules (for SARIF `tool.driver.rules`).
    fn begin(&mut self, rules: &[RuleInfo], out: &mut dyn Write) -> io::Result<()>;
    /// Writes (or accumulates what the format needs of) one checked file.
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()>;
    /// Writes the tail of the report.
    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()>;
}
