//! `--format rdjson`: reviewdog's Diagnostic Format (`reviewdog -f=rdjson`).
//!
//! Columns are 1-based UTF-8 byte counts and ranges end exclusively, as reviewdog defines them.
//! Suppressed findings are left out (reviewdog would post them as comments). Streamed.

use super::escape::{name, string};
use super::escaped::Escaped;
use super::json::FLUSH_AT;
use super::pretty::number;
use super::{Locator, ReportOptions, Reporter, Summary};
use crate::check::FileReport;
use crate::checks::Severity;
use crate::rules::RuleInfo;
use crate::span::LineCol;
use std::io::{self, Write};

/// rdjson `severity` of a severity.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

pub struct RdjsonReporter {
    opts: ReportOptions,
    written: usize,
    /// The gathering buffer: diagnostics go out in pieces of [`FLUSH_AT`] bytes (as in the
    /// JSON report), kept from one file to the next.
    buf: Vec<u8>,
    /// Rule ids, messages and help texts escaped once.
    esc: Escaped,
}

impl RdjsonReporter {
    pub fn new(opts: ReportOptions) -> Self {
        RdjsonReporter {
            opts,
            written: 0,
            buf: Vec::new(),
            esc: Escaped::default(),
        }
    }
}

/// Writes `{"column":N,"line":N}`.
#[inline]
fn position(buf: &mut Vec<u8>, p: LineCol) {
    buf.extend_from_slice(b"{\"column\":");
    number(buf, p.column);
    buf.extend_from_slice(b",\"line\":");
    number(buf, p.line);
    buf.push(b'}');
}

impl Reporter for RdjsonReporter {
    fn begin(&mut self, _rules: &[RuleInfo], out: &mut dyn Write) -> io::Result<()> {
        self.written = 0;
        out.write_all(b"{\"source\":{\"name\":\"whosaid\"},\"diagnostics\":[")
    }

    /// One diagnostic a line, keys in the order serde_json's sorted map writes them, laid out
    /// as `serde_json::to_writer` writes the value tree of `tests::diagnostic`, straight
    /// into the gathering buffer (issue 6: a value tree per finding, serialised through
    /// `dyn Write`, cost four times the JSON report's writing per byte).
    fn file(&mut self, r: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        if r.findings.iter().all(|f| f.suppressed.is_some()) {
            return Ok(());
        }
        let loc = Locator::new(&r.doc);
        let mut path = Vec::new();
        string(&mut path, &self.opts.path_of(&r.doc.path));
        for f in r.findings.iter().filter(|f| f.suppressed.is_none()) {
            let span = r.doc.source_span(f.span);
            let (start, end) = (loc.byte_position(span.start), loc.byte_position(span.end));
            let buf = &mut self.buf;
            buf.extend_from_slice(if self.written > 0 { b",\n" } else { b"\n" });
            buf.extend_from_slice(b"{\"code\":{\"value\":");
            self.esc.write(buf, &f.rule);
            buf.extend_from_slice(b"},\"location\":{\"path\":");
            buf.extend_from_slice(&path);
            buf.extend_from_slice(b",\"range\":{\"end\":");
            position(buf, end);
            buf.extend_from_slice(b",\"start\":");
            position(buf, start);
            buf.extend_from_slice(b"}},\"message\":");
            // the message, and the help after it, inside one string
            self.esc
                .write_joined(buf, &f.message, b"\\n\\n", f.help.as_ref());
            buf.extend_from_slice(b",\"severity\":");
            name(buf, severity(f.severity));
            buf.push(b'}');
            self.written += 1;
            if buf.len() >= FLUSH_AT {
                out.write_all(buf)?;
                buf.clear();
            }
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let rest = out.write_all(&self.buf);
        self.buf.clear();
        rest?;
        out.write_all(b"\n]}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Finding;
    use crate::report::samples;
    use serde_json::{json, Value};

    /// The value tree of one diagnostic: how the reporter built each before it wrote them
    /// straight to the output (the reference the streamed ones are tested against).
    fn diagnostic(r: &FileReport, loc: &Locator, path: &str, f: &Finding) -> Value {
        let span = r.doc.source_span(f.span);
        let (start, end) = (loc.byte_position(span.start), loc.byte_position(span.end));
        let mut message = f.message.to_string();
        if let Some(h) = &f.help {
            message.push_str("\n\n");
            message.push_str(h);
        }
        json!({
            "message": message,
            "location": {
                "path": path,
                "range": {
                    "start": {"line": start.line, "column": start.column},
                    "end": {"line": end.line, "column": end.column},
                },
            },
            "severity": severity(f.severity),
            "code": {"value": f.rule},
        })
    }

    /// The streamed report equals the one written from value trees on the checks' examples,
    /// suppressed findings (left out), escapes, other scripts, CRLF and an empty file.
    #[test]
    fn streamed_diagnostics_equal_the_value_trees() {
        let texts = samples::texts("Experts say so.\n");
        let reports = samples::reports(&texts, crate::Format::Markdown, |i| {
            format!("dir/a \"b\",é/t{i}.md")
        });
        assert!(reports
            .iter()
            .any(|r| r.findings.iter().any(|f| f.suppressed.is_some())));
        let mut rep = RdjsonReporter::new(ReportOptions::default());
        let got = super::super::render_all(&mut rep, &[], &reports);
        let mut want = b"{\"source\":{\"name\":\"whosaid\"},\"diagnostics\":[".to_vec();
        let mut first = true;
        for r in &reports {
            let loc = Locator::new(&r.doc);
            let path = rep.opts.path_of(&r.doc.path);
            for f in r.findings.iter().filter(|f| f.suppressed.is_none()) {
                want.extend_from_slice(if first { b"\n" } else { b",\n" });
                first = false;
                serde_json::to_writer(&mut want, &diagnostic(r, &loc, &path, f)).unwrap();
            }
        }
        want.extend_from_slice(b"\n]}\n");
        assert_eq!(got, String::from_utf8(want).unwrap());
    }
}
