//! `--format rdjson`: reviewdog's Diagnostic Format (`reviewdog -f=rdjson`).
//!
//! Columns are 1-based UTF-8 byte counts and ranges end exclusively, as reviewdog defines them.
//! Suppressed findings are left out (reviewdog would post them as comments). Streamed.

use super::{Locator, ReportOptions, Reporter, Summary};
use crate::check::FileReport;
use crate::checks::Severity;
use crate::rules::RuleInfo;
use serde_json::json;
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
}

impl RdjsonReporter {
    pub fn new(opts: ReportOptions) -> Self {
        RdjsonReporter { opts, written: 0 }
    }
}

impl Reporter for RdjsonReporter {
    fn begin(&mut self, _rules: &[RuleInfo], out: &mut dyn Write) -> io::Result<()> {
        self.written = 0;
        out.write_all(b"{\"source\":{\"name\":\"whosaid\"},\"diagnostics\":[")
    }

    fn file(&mut self, r: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let loc = Locator::new(&r.doc);
        let path = self.opts.path_of(&r.doc.path);
        for f in r.findings.iter().filter(|f| f.suppressed.is_none()) {
            let span = r.doc.source_span(f.span);
            let (start, end) = (loc.byte_position(span.start), loc.byte_position(span.end));
            let mut message = f.message.to_string();
            if let Some(h) = &f.help {
                message.push_str("\n\n");
                message.push_str(h);
            }
            let v = json!({
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
            });
            if self.written > 0 {
                out.write_all(b",")?;
            }
            out.write_all(b"\n")?;
            serde_json::to_writer(&mut *out, &v).map_err(io::Error::other)?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"\n]}\n")
    }
}
