//! Report formats (terminal, JSON, SARIF, GitHub, rdjson, HTML) as streaming [`Reporter`]s.
//! Spans become line/column only here, against the unmodified source.

pub mod github;
pub mod html;
mod html_article;
pub mod json;
mod pretty;
pub mod rdjson;
pub mod sarif;
pub mod segment;
mod snippet;
pub mod terminal;

use crate::check::FileReport;
use crate::checks::Severity;
use crate::classify::Label;
use crate::document::Document;
use crate::rules::RuleInfo;
use crate::span::{LineCol, LineIndex, Span};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Converts text spans of one document to source offsets and 1-based line/character columns.
pub struct Locator<'a> {
    pub doc: &'a Document,
    index: LineIndex,
    /// The start of the span located last: source offset and its position. Reports locate
    /// spans in document order, so the next start is usually found by counting the
    /// characters from here instead of from the start of its line (issue 6: a long line of
    /// many sentences made that quadratic).
    last: std::cell::Cell<(usize, LineCol)>,
    /// The end of the span located last, likewise: the next sentence starts just after it.
    last_end: std::cell::Cell<(usize, LineCol)>,
    /// (from, at): the first line break (`\n` or `\r`) of the source at or after `from` is at
    /// `at` (the source's length when there is none). Spans come in document order, so the
    /// source is searched for breaks about once per report, not once per span (issue 6).
    next_break: std::cell::Cell<(usize, usize)>,
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

impl Location {
    /// The JSON position fields every report object carries: `start`, `end` (source bytes),
    /// `line`, `column`, `end_line`, `end_column` (1-based, character columns).
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "start": self.span.start, "end": self.span.end,
            "line": self.start.line, "column": self.start.column,
            "end_line": self.end.line, "end_column": self.end.column,
        })
    }

    /// `extra`'s fields with the position fields added.
    pub fn json_with(&self, extra: serde_json::Value) -> serde_json::Value {
        let mut v = self.json();
        if let (Some(o), serde_json::Value::Object(e)) = (v.as_object_mut(), extra) {
            o.extend(e);
        }
        v
    }
}

impl<'a> Locator<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Locator {
            doc,
            index: LineIndex::new(&doc.source),
            last: std::cell::Cell::new((0, LineCol { line: 1, column: 1 })),
            last_end: std::cell::Cell::new((0, LineCol { line: 1, column: 1 })),
            next_break: std::cell::Cell::new((0, 0)),
        }
    }
    pub fn locate(&self, text_span: Span) -> Location {
        let span = self.doc.source_span(text_span);
        // count on from the later of the last start and the last end that is not after this
        // start (any known position gives the same answer, a nearer one sooner)
        let (last, last_end) = (self.last.get(), self.last_end.get());
        let from = if last.0 <= last_end.0 && last_end.0 <= span.start {
            last_end
        } else {
            last
        };
        let start = self.line_col_from(from, span.start);
        self.last.set((span.start, start));
        let end = self.line_col_from((span.start, start), span.end);
        self.last_end.set((span.end, end));
        Location { span, start, end }
    }

    /// The line and column of source offset `offset`, counted on from `from` (an offset and
    /// its position) when `offset` lies after it on the same line; exactly
    /// [`LineIndex::line_col`] in every case.
    fn line_col_from(&self, from: (usize, LineCol), offset: usize) -> LineCol {
        let src = self.doc.source.as_str();
        let (at, pos) = from;
        // an offset inside a character counts as that character (line starts are ASCII
        // boundaries, so the character is on the line of `offset`)
        let mut end = offset.min(src.len());
        while end > at && !src.is_char_boundary(end) {
            end -= 1;
        }
        match src.get(at..end) {
            // no line ending in between: same line
            Some(between) if self.first_break(at) >= end => LineCol {
                line: pos.line,
                column: pos.column + between.chars().count(),
            },
            _ => self.index.line_col(src, offset),
        }
    }

    /// The offset of the first line break of the source at or after `from` (its length when
    /// there is none).
    fn first_break(&self, from: usize) -> usize {
        let (known_from, at) = self.next_break.get();
        // no break in `known_from..at`: the first at or after `from` is `at` if `from` lies
        // in between
        if known_from <= from && from <= at && (known_from, at) != (0, 0) {
            return at;
        }
        let bytes = self.doc.source.as_bytes();
        let rest = bytes.get(from..).unwrap_or_default();
        let at = memchr::memchr2(b'\n', b'\r', rest).map_or(bytes.len(), |k| from + k);
        self.next_break.set((from, at));
        at
    }
    /// Line and 1-based column counted in UTF-8 bytes (reviewdog's unit) of a source offset.
    pub fn byte_position(&self, source_offset: usize) -> LineCol {
        let src = &self.doc.source;
        let line = self.index.line_col(src, source_offset).line;
        let start = self.index.line_span(src, line).start;
        LineCol {
            line,
            column: source_offset.min(src.len()).saturating_sub(start) + 1,
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
    /// Findings that count (not suppressed) per severity: info, warning, error.
    pub findings: [usize; 3],
    /// Files that could not be checked (their errors are reported on stderr).
    pub errors: usize,
    /// Suppressed findings (not in `findings`).
    pub suppressed: usize,
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

impl Summary {
    /// Adds one file's sentences and findings to the totals.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        self.sentences += report.labels.len();
        for c in &report.labels {
            self.labels[label_index(c.label)] += 1;
        }
        for f in &report.findings {
            if f.suppressed.is_some() {
                self.suppressed += 1;
            } else {
                self.findings[severity_index(f.severity)] += 1;
            }
        }
    }

    /// The totals of a whole slice of reports.
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary::default();
        for r in reports {
            s.add(r);
        }
        s
    }

    /// Sentences with `label`.
    pub fn label(&self, label: Label) -> usize {
        self.labels[label_index(label)]
    }

    /// Findings of `severity`.
    pub fn severity(&self, severity: Severity) -> usize {
        self.findings[severity_index(severity)]
    }
}

/// Position of `label` in [`Label::ALL`].
pub fn label_index(label: Label) -> usize {
    match label {
        Label::Attributed => 0,
        Label::Reported => 1,
        Label::Alleged => 2,
        Label::Unattributed => 3,
        Label::None => 4,
    }
}

/// Position of `severity` in [`Summary::findings`].
pub fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

/// Suppression info of a finding (defined by the suppression module).
pub use crate::suppress::{Suppression, SuppressionKind};

/// The output formats of `whosaid check --format` (and `format = "…"` in `whosaid.toml`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    /// rustc-style diagnostics for people (default).
    #[default]
    Terminal,
    /// The versioned JSON contract.
    Json,
    /// SARIF 2.1.0 for GitHub code scanning and SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// reviewdog's rdjson.
    Rdjson,
    /// One self-contained HTML page for editors.
    Html,
}

impl ReportFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportFormat::Terminal => "terminal",
            ReportFormat::Json => "json",
            ReportFormat::Sarif => "sarif",
            ReportFormat::Github => "github",
            ReportFormat::Rdjson => "rdjson",
            ReportFormat::Html => "html",
        }
    }
}

/// Options shared by the report formats; each format uses the ones that apply to it.
#[derive(Clone, Debug, Default)]
pub struct ReportOptions {
    /// ANSI colour in the terminal format (the CLI decides: a terminal and no `NO_COLOR`).
    pub color: bool,
    /// Terminal format: counts only, no diagnostics.
    pub quiet: bool,
    /// Terminal format: print each file's source ledger.
    pub show_sources: bool,
    /// Paths in reports are made relative to this directory when they lie under it
    /// (SARIF, GitHub and rdjson want repository-relative paths).
    pub base_dir: Option<PathBuf>,
}

impl ReportOptions {
    /// The path of a checked file as reports show it: relative to `base_dir` when under it,
    /// forward slashes, no leading `./`.
    pub fn path_of(&self, path: &Path) -> String {
        if let Some(base) = &self.base_dir {
            if let Ok(rel) = path.strip_prefix(base) {
                if !rel.as_os_str().is_empty() {
                    return display_path(rel);
                }
            }
        }
        display_path(path)
    }
}

/// The reporter for `format`.
pub fn reporter(format: ReportFormat, opts: ReportOptions) -> Box<dyn Reporter> {
    match format {
        ReportFormat::Terminal => Box::new(terminal::TerminalReporter::new(opts)),
        ReportFormat::Json => Box::new(json::JsonReporter::new(opts)),
        ReportFormat::Sarif => Box::new(sarif::SarifReporter::new(opts)),
        ReportFormat::Github => Box::new(github::GithubReporter::new(opts)),
        ReportFormat::Rdjson => Box::new(rdjson::RdjsonReporter::new(opts)),
        ReportFormat::Html => Box::new(html::HtmlReporter::new(opts)),
    }
}

/// Runs a reporter over reports already in memory (tests, small runs) and returns the output.
pub fn render_all(
    reporter: &mut dyn Reporter,
    rules: &[RuleInfo],
    reports: &[FileReport],
) -> String {
    let mut out = Vec::new();
    let mut summary = Summary::default();
    let mut run = || -> io::Result<()> {
        reporter.begin(rules, &mut out)?;
        for r in reports {
            summary.add(r);
            reporter.file(r, &mut out)?;
        }
        reporter.finish(&summary, &mut out)
    };
    // writing to a Vec cannot fail
    let _ = run();
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Locator::locate` counts on from the last located start; whatever the order of the
    /// spans it must give what `LineIndex::line_col` gives from scratch.
    #[test]
    fn locate_matches_the_line_index_in_any_order() {
        let text = "Über den Fluss.\r\nShe said \u{201c}yes\u{201d}.\rA line\n\nthe end é😀 done\n";
        let doc = crate::input::parse(
            std::path::PathBuf::from("t.txt"),
            crate::document::Format::Plain,
            text.to_string(),
        );
        let loc = Locator::new(&doc);
        let ix = LineIndex::new(text);
        let n = text.len();
        let agrees = |a: usize, b: usize| {
            let got = loc.locate(Span::new(a, b));
            let span = doc.source_span(Span::new(a, b));
            assert_eq!(
                got.start,
                ix.line_col(text, span.start),
                "start of {a}..{b}"
            );
            assert_eq!(got.end, ix.line_col(text, span.end), "end of {a}..{b}");
        };
        // a fixed pseudo-random walk over offsets, forwards and backwards, on and off
        // character boundaries
        let mut x = 7usize;
        for _ in 0..2000 {
            x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
            let a = x % (n + 1);
            x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
            let b = a + x % (n + 1 - a);
            agrees(a, b);
        }
        // in document order, as the reports locate sentences and findings
        for a in 0..=n {
            let b = (a + 5).min(n);
            agrees(a, b);
        }
    }
}
