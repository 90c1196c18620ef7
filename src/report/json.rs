//! `--format json`: the machine contract (version 1). Fields may be added, never renamed.
//!
//! Streamed: the head and the `files` array are written file by file, the summary at the end.

use super::escaped::Escaped;
use super::json_objects::{
    finding_at, sentence_at, source_at, write_finding, write_sentence, write_source,
};
use super::sink::{Put, Sink};
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

/// Bytes of JSON gathered before they are handed to the output (256 KiB: writing the corpus
/// report in pieces of 64 KiB cost the kernel about 15 % more than in pieces of 256 KiB, and
/// pieces of 1 MiB no less, issue 6): SARIF's pieces, and the JSON report's buffer ([`BUF`]),
/// handed over when a piece does not fit in what is left of it.
pub(super) const FLUSH_AT: usize = 1 << 18;

/// `[` objects `]`, the value of a field of a file object (objects at eight spaces), one
/// object at a time.
#[inline(always)]
fn objects<T>(w: &mut Sink, items: impl Iterator<Item = T>, mut item: impl FnMut(&mut Sink, T)) {
    let mut any = false;
    for x in items {
        w.put(if any { b",\n        " } else { b"[\n        " });
        any = true;
        item(w, x);
    }
    if any {
        w.put(b"\n      ]");
    } else {
        w.put(b"[]");
    }
}

/// Runs `f`, an object written through the sink (larger than the buffer: rare), out of line.
#[inline(never)]
fn slow(f: impl FnOnce()) {
    f();
}

/// Streams one file object (at four spaces, its objects at eight); keys in the order
/// serde_json's sorted map writes them (the layout of [`file_value_with`] pretty-printed).
fn write_file(w: &mut Sink, esc: &mut Escaped, report: &FileReport, opts: &ReportOptions) {
    let loc = Locator::new(&report.doc);
    let doc = &report.doc;
    w.put(b"{\n      \"findings\": ");
    // each object through the fast cursor, or through the sink when larger than the buffer
    objects(w, report.findings.iter(), |w, f| {
        let l = loc.locate(f.span);
        if !w.fast(|b, p| finding_at(b, p, esc, f, &l)) {
            slow(|| write_finding(w, esc, f, &l));
        }
    });
    w.put(b",\n      \"format\": ");
    w.str(doc.format.as_str());
    w.put(b",\n      \"path\": ");
    w.str(&opts.path_of(&doc.path));
    w.put(b",\n      \"sentences\": ");
    let sentences = report.segmentation.sentences.iter().zip(&report.labels);
    objects(w, sentences.enumerate(), |w, (i, (s, c))| {
        let l = loc.locate(s.span);
        if !w.fast(|b, p| sentence_at(b, p, esc, i, &l, c, doc)) {
            slow(|| write_sentence(w, esc, i, &l, c, doc));
        }
    });
    // the source ledger (issue contract: a `sources` array per file)
    w.put(b",\n      \"sources\": ");
    objects(w, report.ledger.sources.iter(), |w, src| {
        let l = src.mentions.first().map(|m| loc.locate(*m));
        if !w.fast(|b, p| source_at(b, p, src, l.as_ref())) {
            slow(|| write_source(w, src, l.as_ref()));
        }
    });
    w.put(b"\n    }");
}

/// The JSON report's buffer: [`FLUSH_AT`] bytes (issue 6: 320 KiB, the room the appends kept
/// for a piece past 256 KiB, touched about 30 more pages on the corpus for no gain).
const BUF: usize = FLUSH_AT;

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
    /// The gathering buffer ([`BUF`] bytes once the first file comes), kept from one file to
    /// the next (issue 6: allocating it per file cost more than writing a short article). Its
    /// first `held` bytes are the ends of files not written yet: the report goes out in pieces
    /// of nearly [`BUF`] bytes, not one or more per file (issue 6: three writes per file, two of
    /// a few bytes, were 1,225 system calls for the corpus).
    buf: Vec<u8>,
    held: usize,
    /// Shared strings escaped once, kept from one file to the next.
    esc: Escaped,
}

impl JsonReporter {
    pub fn new(opts: ReportOptions) -> Self {
        JsonReporter {
            opts,
            files: 0,
            buf: Vec::new(),
            held: 0,
            esc: Escaped::default(),
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
        if self.buf.len() < BUF {
            // zeroed pages from the allocator, touched only as the report fills them
            self.buf = vec![0; BUF];
        }
        let mut w = Sink::new(&mut self.buf, self.held, out);
        w.put(if self.files == 0 {
            b"\n    "
        } else {
            b",\n    "
        });
        self.files += 1;
        write_file(&mut w, &mut self.esc, report, &self.opts);
        let held = w.finish();
        self.held = *held.as_ref().unwrap_or(&0);
        held.map(|_| ())
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let rest = out.write_all(self.buf.get(..self.held).unwrap_or_default());
        self.held = 0;
        rest?;
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
    use proptest::prelude::*;

    /// The builtin checker, built once for all tests.
    fn checker() -> &'static crate::Checker {
        static CHECKER: std::sync::OnceLock<crate::Checker> = std::sync::OnceLock::new();
        CHECKER.get_or_init(|| crate::Checker::new(crate::rules::RuleSet::builtin().unwrap()))
    }

    /// The streamed object of `text` (read as `format`) is its value tree pretty-printed.
    fn streams_as_the_value_tree(text: &str, format: crate::Format, k: usize) {
        let doc = crate::input::parse(format!("dir/t{k}.md").into(), format, text.to_string());
        let report = checker().check_document(doc);
        let opts = ReportOptions::default();
        let mut want = Vec::new();
        write_indented(&mut want, &file_value_with(&report, &opts), 4).unwrap();
        // twice with one cache of escaped strings: first filled, then read; in the report's
        // buffer and in small ones that are handed to the output many times
        let mut esc = Escaped::default();
        for cap in [BUF, BUF, 40, 64, 333, 4096] {
            let (mut got, mut buf) = (Vec::new(), vec![0; cap]);
            let mut w = Sink::new(&mut buf, 0, &mut got);
            write_file(&mut w, &mut esc, &report, &opts);
            let held = w.finish().unwrap();
            got.extend_from_slice(&buf[..held]);
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want.clone()).unwrap(),
                "{text:?} in {cap}"
            );
        }
    }

    /// The streamed file object is the value tree pretty-printed, on texts with findings,
    /// suppressed ones, sources, escapes, and tabs, CJK, emoji and CRLF line ends.
    #[test]
    fn streamed_files_equal_the_value_tree() {
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
            streams_as_the_value_tree(text, crate::Format::Markdown, k);
        }
    }

    /// Pieces of news copy and of odd text: quotation marks, control characters, every line
    /// ending, other scripts, combining marks, joined emoji and flags.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "Officials said 3 people died in the fire. ",
            "\"We will stay,\" a source said. ",
            "Experts say it is the worst year ever. ",
            "According to police, the suspect fled. ",
            "The mayor told reporters that the budget was \"under control\". ",
            "It was reportedly the largest strike in decades. ",
            "\t",
            "\n",
            "\r\n",
            "\r",
            "\n\n",
            "\u{1}\u{7}\u{1b}\u{1f}\u{7f}\u{b}\u{c}\u{8}",
            "\\",
            "北京市の当局者によると、",
            "e\u{301}",
            "\u{1F469}\u{200D}\u{1F467}",
            "\u{1F1FA}\u{1F1F8}",
            "’“”—",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Random copy streams as its value tree, as plain text and as Markdown.
        #[test]
        fn odd_texts_stream_as_the_value_tree(pieces in prop::collection::vec(piece(), 0..40)) {
            let text = pieces.concat();
            streams_as_the_value_tree(&text, crate::Format::Plain, 0);
            streams_as_the_value_tree(&text, crate::Format::Markdown, 1);
        }
    }
}
