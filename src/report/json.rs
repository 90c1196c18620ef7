//! `--format json`: the machine contract (version 1). Fields may be added, never renamed.

use super::{display_path, Locator};
use crate::check::FileReport;
use crate::classify::Label;
use serde_json::{json, Value};

/// One file's JSON object.
pub fn file_value(report: &FileReport) -> Value {
    let loc = Locator::new(&report.doc);
    let doc = &report.doc;
    let sentences: Vec<Value> = report
        .segmentation
        .sentences
        .iter()
        .zip(&report.labels)
        .map(|(s, c)| {
            let l = loc.locate(s.span);
            json!({
                "start": l.span.start,
                "end": l.span.end,
                "line": l.start.line,
                "column": l.start.column,
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
            })
        })
        .collect();
    json!({
        "path": display_path(&doc.path),
        "format": doc.format,
        "sentences": sentences,
        "findings": findings,
    })
}

/// Counts per label over all reports.
pub fn summary_value(reports: &[FileReport]) -> Value {
    let mut counts = [0usize; 5];
    let mut sentences = 0;
    for r in reports {
        for c in &r.labels {
            sentences += 1;
            counts[Label::ALL.iter().position(|l| *l == c.label).unwrap_or(4)] += 1;
        }
    }
    json!({
        "files": reports.len(),
        "sentences": sentences,
        "attributed": counts[0],
        "reported": counts[1],
        "alleged": counts[2],
        "unattributed": counts[3],
        "none": counts[4],
    })
}

/// The whole JSON document for a run.
pub fn render(reports: &[FileReport]) -> String {
    let v = json!({
        "version": 1,
        "files": reports.iter().map(file_value).collect::<Vec<_>>(),
        "summary": summary_value(reports),
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
