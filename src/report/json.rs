//! `--format json`: the machine contract (version 1). Fields may be added, never renamed.
//!
//! Streamed: the head and the `files` array are written file by file, the summary at the end.

use super::{label_index, Locator, ReportOptions, Reporter, Summary};
use crate::check::FileReport;
use crate::classify::Label;
use crate::rules::RuleInfo;
use serde_json::{json, Value};
use std::io::{self, Write};

/// One file's JSON object, paths shown as given (see [`file_value_with`]).
pub fn file_value(report: &FileReport) -> Value {
    file_value_with(report, &ReportOptions::default())
}

/// One file's JSON object.
pub fn file_value_with(report: &FileReport, opts: &ReportOptions) -> Value {
    let loc = Locator::new(&report.doc);
    let doc = &report.doc;
    let sentences: Vec<Value> = report
        .segmentation
        .sentences
        .iter()
        .zip(&report.labels)
        .enumerate()
        .map(|(i, (s, c))| {
            let l = loc.locate(s.span);
            json!({
                "index": i,
                "start": l.span.start,
                "end": l.span.end,
                "line": l.start.line,
                "column": l.start.column,
                "end_line": l.end.line,
                "end_column": l.end.column,
                "text": l.span.slice(&doc.source),
                "label": c.label.as_str(),
                "sources": c.sources.iter().map(|sp| doc.slice(*sp)).collect::<Vec<_>>(),
                "cues": c.cues.iter().map(|sp| doc.slice(*sp)).collect::<Vec<_>>(),
                "rule": c.rule,
                "inherited": c.inherited,
            })
        })
        .collect();
    let findings: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let l = loc.locate(f.span);
            json!({
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "message": f.message,
                "help": f.help,
                "start": l.span.start,
                "end": l.span.end,
                "line": l.start.line,
                "column": l.start.column,
                "end_line": l.end.line,
                "end_column": l.end.column,
                "sentence": f.sentence,
                "suppressed": f.suppressed.as_ref().map(|s| json!({
                    "kind": s.kind,
                    "justification": s.justification,
                })),
            })
        })
        .collect();
    let ledger: Vec<Value> = report
        .ledger
        .sources
        .iter()
        .map(|src| {
            let first = src.mentions.first().map(|m| loc.locate(*m));
            json!({
                "name": src.name,
                "aliases": src.aliases,
                "kind": src.kind.as_str(),
                "claims": src.claims,
                "sentences": src.sentences,
                "line": first.map(|l| l.start.line),
                "column": first.map(|l| l.start.column),
            })
        })
        .collect();
    json!({
        "path": opts.path_of(&doc.path),
        "format": doc.format,
        "sentences": sentences,
        "findings": findings,
        "ledger": ledger,
    })
}

/// The `summary` object of the contract, plus finding counts.
pub fn summary_json(s: &Summary) -> Value {
    json!({
        "files": s.files,
        "sentences": s.sentences,
        "attributed": s.labels[label_index(Label::Attributed)],
        "reported": s.labels[label_index(Label::Reported)],
        "alleged": s.labels[label_index(Label::Alleged)],
        "unattributed": s.labels[label_index(Label::Unattributed)],
        "none": s.labels[label_index(Label::None)],
        "findings": {"error": s.findings[2], "warning": s.findings[1], "info": s.findings[0]},
        "errors": s.errors,
    })
}

/// Counts per label over all reports.
pub fn summary_value(reports: &[FileReport]) -> Value {
    summary_json(&Summary::of(reports))
}

/// The whole JSON document for a run (a thin wrapper over [`JsonReporter`]).
pub fn render(reports: &[FileReport]) -> String {
    let mut r = JsonReporter::new(ReportOptions::default());
    super::render_all(&mut r, &[], reports)
}

/// Streams the JSON document: `{"version": 1, "files": [` … `], "summary": {…}}`.
pub struct JsonReporter {
    opts: ReportOptions,
    files: usize,
}

impl JsonReporter {
    pub fn new(opts: ReportOptions) -> Self {
        JsonReporter { opts, files: 0 }
    }
}

/// Writes `v` pretty-printed, every line after the first indented by `indent` spaces.
/// JSON strings never contain a raw line break, so indenting by line is safe.
fn write_indented(out: &mut dyn Write, v: &Value, indent: usize) -> io::Result<()> {
    let text = serde_json::to_string_pretty(v).map_err(io::Error::other)?;
    let pad = " ".repeat(indent);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(pad.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

impl Reporter for JsonReporter {
    fn begin(&mut self, _rules: &[RuleInfo], out: &mut dyn Write) -> io::Result<()> {
        self.files = 0;
        out.write_all(b"{\n  \"version\": 1,\n  \"files\": [")
    }

    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.files == 0 {
            b"\n    "
        } else {
            b",\n    "
        })?;
        self.files += 1;
        write_indented(out, &file_value_with(report, &self.opts), 4)
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        if self.files > 0 {
            out.write_all(b"\n  ")?;
        }
        out.write_all(b"],\n  \"summary\": ")?;
        write_indented(out, &summary_json(summary), 2)?;
        out.write_all(b"\n}\n")
    }
}
