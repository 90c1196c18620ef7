//! `--format json`: the machine contract (version 1). Fields may be added, never renamed.
//!
//! Streamed: the head and the `files` array are written file by file, the summary at the end.

use super::pretty::{self, field, Key, Obj};
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

/// One file's JSON object, built whole (for tests and tools; the reporter streams instead).
pub fn file_value_with(report: &FileReport, opts: &ReportOptions) -> Value {
    let loc = Locator::new(&report.doc);
    json!({
        "path": opts.path_of(&report.doc.path),
        "format": report.doc.format,
        "sentences": sentence_values(report, &loc).collect::<Vec<_>>(),
        "findings": report.findings.iter().map(|f| finding_value(f, &loc)).collect::<Vec<_>>(),
        "sources": report.ledger.sources.iter().map(|s| ledger_value(s, &loc)).collect::<Vec<_>>(),
    })
}

fn sentence_values<'a>(
    report: &'a FileReport,
    loc: &'a Locator<'a>,
) -> impl Iterator<Item = Value> + 'a {
    let doc = &report.doc;
    report
        .segmentation
        .sentences
        .iter()
        .zip(&report.labels)
        .enumerate()
        .map(move |(i, (s, c))| {
            let l = loc.locate(s.span);
            l.json_with(json!({
                "index": i,
                "text": l.span.slice(&doc.source),
                "label": c.label.as_str(),
                "sources": c.sources.iter().map(|sp| doc.slice(*sp)).collect::<Vec<_>>(),
                "cues": c.cues.iter().map(|sp| doc.slice(*sp)).collect::<Vec<_>>(),
                "rule": c.rule,
                "inherited": c.inherited,
            }))
        })
}

fn finding_value(f: &crate::checks::Finding, loc: &Locator) -> Value {
    loc.locate(f.span).json_with(json!({
        "rule": f.rule,
        "severity": f.severity.as_str(),
        "message": f.message,
        "help": f.help,
        "sentence": f.sentence,
        "suppressed": f.suppressed.as_ref().map(|s| json!({
            "kind": s.kind,
            "justification": s.justification,
        })),
    }))
}

fn ledger_value(src: &crate::ledger::Source, loc: &Locator) -> Value {
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
}

/// Bytes of JSON gathered before they are handed to the output.
const FLUSH_AT: usize = 1 << 16;

/// `[` objects `]` at `indent` (the line the array starts on), one object at a time; `buf` goes
/// to `out` whenever it holds [`FLUSH_AT`] bytes, so a file with a million sentences never
/// becomes one JSON text in memory.
fn objects<T>(
    buf: &mut Vec<u8>,
    out: &mut dyn Write,
    indent: usize,
    items: impl Iterator<Item = T>,
    mut item: impl FnMut(&mut Vec<u8>, usize, T),
) -> io::Result<()> {
    buf.push(b'[');
    let mut any = false;
    for x in items {
        buf.extend_from_slice(if any { b",\n" } else { b"\n" });
        any = true;
        pretty::pad(buf, indent + 2);
        item(buf, indent + 2, x);
        if buf.len() >= FLUSH_AT {
            out.write_all(buf)?;
            buf.clear();
        }
    }
    if any {
        buf.push(b'\n');
        pretty::pad(buf, indent);
    }
    buf.push(b']');
    Ok(())
}

/// Streams one file object at `indent`; keys in the order serde_json's sorted map writes them
/// (the layout of [`file_value_with`] pretty-printed).
fn write_file(
    out: &mut dyn Write,
    buf: &mut Vec<u8>,
    report: &FileReport,
    opts: &ReportOptions,
    indent: usize,
) -> io::Result<()> {
    let loc = Locator::new(&report.doc);
    let doc = &report.doc;
    let inner = indent + 2;
    buf.clear();
    let mut o = Obj::begin(buf, indent);
    let findings = report.findings.iter();
    objects(o.key("findings"), out, inner, findings, |buf, ind, f| {
        write_finding(buf, ind, f, &loc)
    })?;
    o.str("format", doc.format.as_str());
    o.str("path", &opts.path_of(&doc.path));
    let sentences = report.segmentation.sentences.iter().zip(&report.labels);
    objects(
        o.key("sentences"),
        out,
        inner,
        sentences.enumerate(),
        |buf, ind, (i, (s, c))| {
            let l = loc.locate(s.span);
            let mut o = Obj::begin(buf, ind);
            o.num(field!("column"), l.start.column);
            o.strs(field!("cues"), c.cues.iter().map(|sp| doc.slice(*sp)));
            o.num(field!("end"), l.span.end);
            o.num(field!("end_column"), l.end.column);
            o.num(field!("end_line"), l.end.line);
            o.num(field!("index"), i);
            o.bool(field!("inherited"), c.inherited);
            o.str(field!("label"), c.label.as_str());
            o.num(field!("line"), l.start.line);
            o.opt_str(field!("rule"), c.rule.as_deref());
            o.strs(field!("sources"), c.sources.iter().map(|sp| doc.slice(*sp)));
            o.num(field!("start"), l.span.start);
            o.str(field!("text"), l.span.slice(&doc.source));
            o.end();
        },
    )?;
    // the source ledger (issue contract: a `sources` array per file)
    let sources = report.ledger.sources.iter();
    objects(o.key("sources"), out, inner, sources, |buf, ind, src| {
        let first = src.mentions.first().map(|m| loc.locate(*m));
        let mut o = Obj::begin(buf, ind);
        o.strs(field!("aliases"), src.aliases.iter().map(String::as_str));
        o.num(field!("claims"), src.claims);
        o.opt_num(field!("column"), first.map(|l| l.start.column));
        o.str(field!("kind"), src.kind.as_str());
        o.opt_num(field!("line"), first.map(|l| l.start.line));
        o.str(field!("name"), &src.name);
        o.nums(field!("sentences"), &src.sentences);
        o.end();
    })?;
    o.end();
    out.write_all(buf)
}

/// The gathering buffer's size: [`FLUSH_AT`] and room for the object that crosses it.
const BUF: usize = FLUSH_AT + FLUSH_AT / 4;

/// One finding object at `indent` (the fields of [`finding_value`]).
fn write_finding(buf: &mut Vec<u8>, indent: usize, f: &crate::checks::Finding, loc: &Locator) {
    let l = loc.locate(f.span);
    let mut o = Obj::begin(buf, indent);
    o.num(field!("column"), l.start.column);
    o.num(field!("end"), l.span.end);
    o.num(field!("end_column"), l.end.column);
    o.num(field!("end_line"), l.end.line);
    o.opt_str(field!("help"), f.help.as_deref());
    o.num(field!("line"), l.start.line);
    o.str(field!("message"), &f.message);
    o.str(field!("rule"), &f.rule);
    o.opt_num(field!("sentence"), f.sentence);
    o.str(field!("severity"), f.severity.as_str());
    o.num(field!("start"), l.span.start);
    match &f.suppressed {
        Some(s) => {
            let mut so = Obj::begin(field!("suppressed").write(&mut o), indent + 2);
            so.opt_str("justification", s.justification.as_deref());
            so.str("kind", s.kind.as_str());
            so.end();
        }
        None => field!("suppressed")
            .write(&mut o)
            .extend_from_slice(b"null"),
    }
    o.end();
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
    /// The gathering buffer, kept from one file to the next (issue 6: allocating it per file
    /// cost more than writing a short article).
    buf: Vec<u8>,
}

impl JsonReporter {
    pub fn new(opts: ReportOptions) -> Self {
        JsonReporter {
            opts,
            files: 0,
            buf: Vec::new(),
        }
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
        if self.buf.capacity() < BUF {
            self.buf.reserve(BUF);
        }
        let written = write_file(out, &mut self.buf, report, &self.opts, 4);
        // a buffer grown by one huge object is not kept for the next file
        if self.buf.capacity() > 2 * BUF {
            self.buf = Vec::new();
        }
        written
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The streamed file object is the value tree pretty-printed, on texts with findings,
    /// suppressed ones, sources, escapes, and tabs, CJK, emoji and CRLF line ends.
    #[test]
    fn streamed_files_equal_the_value_tree() {
        let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
        let mut texts = crate::checks::CheckSet::builtin().unwrap().example_texts();
        texts.push(
            "Officials said 3 people died.\r\n\"We will stay,\" a source said.\r\n\
             A senior official said the \\ tax\tin 北京 rose 40% 😀, the report said. \
             \n\n<!-- whosaid-disable vague-source -- house style -->\n\nExperts say it is \
             the worst year ever.\n\n<!-- whosaid-enable vague-source -->\n\nAn official said so.\n"
                .to_string(),
        );
        texts.push(String::new());
        for (k, text) in texts.iter().enumerate() {
            let doc = crate::input::parse(
                format!("dir/t{k}.md").into(),
                crate::Format::Markdown,
                text.clone(),
            );
            let report = checker.check_document(doc);
            let opts = ReportOptions::default();
            let mut got = Vec::new();
            write_file(&mut got, &mut Vec::new(), &report, &opts, 4).unwrap();
            let mut want = Vec::new();
            write_indented(&mut want, &file_value_with(&report, &opts), 4).unwrap();
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap(),
                "{text:?}"
            );
        }
    }
}
