//! `--format github`: GitHub Actions workflow commands (one annotation a finding), and the
//! Markdown job summary the CLI appends to `$GITHUB_STEP_SUMMARY` ([`StepSummaryReporter`]).
//!
//! ```text
//! ::warning file=news/strike.md,line=12,col=1,endLine=12,endColumn=12,title=unnamed-source::Experts say …
//! ```
//! Columns count characters. Suppressed findings are not annotated.

use super::json::FLUSH_AT;
use super::pretty::number;
use super::{label_index, Locator, ReportOptions, Reporter, Summary};
use crate::check::FileReport;
use crate::checks::Severity;
use crate::classify::Label;
use crate::rules::RuleInfo;
use std::io::{self, Write};

/// Escapes workflow-command data (the message): `%`, CR, LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value: as data, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The workflow command of a severity.
pub fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Appends `s` escaped as workflow-command data ([`escape_data`]), or as a property value
/// ([`escape_property`]) when `property`, straight into `out`: runs of bytes that need no
/// escaping copied whole.
fn escape_into(out: &mut Vec<u8>, s: &str, property: bool) {
    let bytes = s.as_bytes();
    let mut plain = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let with: &[u8] = match b {
            b'%' => b"%25",
            b'\r' => b"%0D",
            b'\n' => b"%0A",
            b':' if property => b"%3A",
            b',' if property => b"%2C",
            _ => continue,
        };
        out.extend_from_slice(bytes.get(plain..i).unwrap_or_default());
        out.extend_from_slice(with);
        plain = i + 1;
    }
    out.extend_from_slice(bytes.get(plain..).unwrap_or_default());
}

pub struct GithubReporter {
    opts: ReportOptions,
    /// The gathering buffer: annotations go out in pieces of [`FLUSH_AT`] bytes (as in the
    /// JSON report), kept from one file to the next.
    buf: Vec<u8>,
}

impl GithubReporter {
    pub fn new(opts: ReportOptions) -> Self {
        GithubReporter {
            opts,
            buf: Vec::new(),
        }
    }
}

impl Reporter for GithubReporter {
    fn begin(&mut self, _rules: &[RuleInfo], _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// One workflow command a finding, written straight into the gathering buffer: the
    /// line `writeln!` wrote of the escaped path, rule and message (issue 6: formatting, four
    /// escaped copies and the message built per finding, written through `dyn Write`).
    fn file(&mut self, r: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        if r.findings.iter().all(|f| f.suppressed.is_some()) {
            return Ok(());
        }
        let loc = Locator::new(&r.doc);
        let mut path = Vec::new();
        escape_into(&mut path, &self.opts.path_of(&r.doc.path), true);
        let buf = &mut self.buf;
        for f in r.findings.iter().filter(|f| f.suppressed.is_none()) {
            let l = loc.locate(f.span);
            buf.extend_from_slice(b"::");
            buf.extend_from_slice(command(f.severity).as_bytes());
            buf.extend_from_slice(b" file=");
            buf.extend_from_slice(&path);
            buf.extend_from_slice(b",line=");
            number(buf, l.start.line);
            buf.extend_from_slice(b",col=");
            number(buf, l.start.column);
            buf.extend_from_slice(b",endLine=");
            number(buf, l.end.line);
            buf.extend_from_slice(b",endColumn=");
            number(buf, l.end.column);
            buf.extend_from_slice(b",title=");
            escape_into(buf, &f.rule, true);
            buf.extend_from_slice(b"::");
            // the message, its sentence's label and the help, escaped piece by piece (each
            // byte is escaped on its own, so the pieces escape as their concatenation)
            escape_into(buf, &f.message, false);
            if let Some(label) = f.sentence.and_then(|i| r.labels.get(i)) {
                buf.extend_from_slice(b" [");
                escape_into(buf, label.label.as_str(), false);
                buf.push(b']');
            }
            if let Some(h) = &f.help {
                buf.extend_from_slice(b"%0Ahelp: ");
                escape_into(buf, h, false);
            }
            buf.push(b'\n');
            if buf.len() >= FLUSH_AT {
                out.write_all(buf)?;
                buf.clear();
            }
        }
        Ok(())
    }

    fn finish(&mut self, s: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let rest = out.write_all(&self.buf);
        self.buf.clear();
        rest?;
        writeln!(
            out,
            "whosaid: {} file(s), {} sentence(s); {} error(s), {} warning(s), {} notice(s)",
            s.files, s.sentences, s.findings[2], s.findings[1], s.findings[0]
        )
    }
}

/// Escapes text for a Markdown table cell or list item.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

/// Rows of the file table kept at most (a job summary may hold 1 MiB).
const MAX_FILES: usize = 300;
/// Findings listed at most.
const MAX_FINDINGS: usize = 200;

/// The Markdown job summary: totals, a table of files with their label mix, and the findings.
/// Keeps one small row a file and at most [`MAX_FINDINGS`] finding lines.
#[derive(Default)]
pub struct StepSummaryReporter {
    opts: ReportOptions,
    files: Vec<String>,
    findings: Vec<String>,
    more_findings: usize,
}

impl StepSummaryReporter {
    pub fn new(opts: ReportOptions) -> Self {
        StepSummaryReporter {
            opts,
            ..Default::default()
        }
    }
}

impl Reporter for StepSummaryReporter {
    fn begin(&mut self, _rules: &[RuleInfo], _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, r: &FileReport, _out: &mut dyn Write) -> io::Result<()> {
        let path = self.opts.path_of(&r.doc.path);
        let loc = Locator::new(&r.doc);
        let mut counts = [0usize; 5];
        for c in &r.labels {
            counts[label_index(c.label)] += 1;
        }
        let active: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.suppressed.is_none())
            .collect();
        if self.files.len() < MAX_FILES {
            let cells: Vec<String> = counts.iter().map(usize::to_string).collect();
            self.files.push(format!(
                "| {} | {} | {} | {} |",
                escape_markdown(&path),
                r.labels.len(),
                cells.join(" | "),
                active.len()
            ));
        }
        for f in active {
            if self.findings.len() >= MAX_FINDINGS {
                self.more_findings += 1;
                continue;
            }
            let l = loc.locate(f.span);
            self.findings.push(format!(
                "- **{}** `{}` {}:{}:{}: {}",
                f.severity.as_str(),
                f.rule,
                escape_markdown(&path),
                l.start.line,
                l.start.column,
                escape_markdown(&f.message)
            ));
        }
        Ok(())
    }

    fn finish(&mut self, s: &Summary, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "## whosaid: source attribution\n")?;
        writeln!(
            out,
            "{} file(s), {} sentence(s): {} error(s), {} warning(s), {} notice(s), {} suppressed.\n",
            s.files, s.sentences, s.findings[2], s.findings[1], s.findings[0], s.suppressed
        )?;
        let head: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
        writeln!(
            out,
            "| file | sentences | {} | findings |",
            head.join(" | ")
        )?;
        writeln!(out, "|---|--:|--:|--:|--:|--:|--:|--:|")?;
        for row in &self.files {
            writeln!(out, "{row}")?;
        }
        if s.files > self.files.len() {
            writeln!(out, "\n…and {} more file(s).", s.files - self.files.len())?;
        }
        if !self.findings.is_empty() {
            writeln!(out, "\n### Findings\n")?;
            for line in &self.findings {
                writeln!(out, "{line}")?;
            }
            if self.more_findings > 0 {
                writeln!(out, "\n…and {} more finding(s).", self.more_findings)?;
            }
        }
        Ok(())
    }
}

/// The job summary of reports already in memory.
pub fn step_summary(reports: &[FileReport], opts: ReportOptions) -> String {
    super::render_all(&mut StepSummaryReporter::new(opts), &[], reports)
}

/// A reporter that also feeds a [`StepSummaryReporter`] writing to `sink` (the CLI opens
/// `$GITHUB_STEP_SUMMARY` for appending and passes it here).
pub struct WithStepSummary {
    main: Box<dyn Reporter>,
    summary: StepSummaryReporter,
    sink: Box<dyn Write>,
}

/// Wraps `main` so the Markdown job summary is written to `sink` at the end of the run.
pub fn with_step_summary(
    main: Box<dyn Reporter>,
    opts: ReportOptions,
    sink: Box<dyn Write>,
) -> Box<dyn Reporter> {
    Box::new(WithStepSummary {
        main,
        summary: StepSummaryReporter::new(opts),
        sink,
    })
}

impl Reporter for WithStepSummary {
    fn begin(&mut self, rules: &[RuleInfo], out: &mut dyn Write) -> io::Result<()> {
        self.summary.begin(rules, &mut self.sink)?;
        self.main.begin(rules, out)
    }
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        self.summary.file(report, &mut self.sink)?;
        self.main.file(report, out)
    }
    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        self.main.finish(summary, out)?;
        self.summary.finish(summary, &mut self.sink)?;
        self.sink.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::samples;
    use proptest::prelude::*;

    /// The annotations of `r` as the reporter wrote them before it wrote straight into its
    /// buffer (the reference).
    fn annotations(r: &FileReport, opts: &ReportOptions, out: &mut Vec<u8>) {
        let loc = Locator::new(&r.doc);
        let path = escape_property(&opts.path_of(&r.doc.path));
        for f in r.findings.iter().filter(|f| f.suppressed.is_none()) {
            let l = loc.locate(f.span);
            let mut message = f.message.to_string();
            if let Some(label) = f.sentence.and_then(|i| r.labels.get(i)) {
                message.push_str(&format!(" [{}]", label.label.as_str()));
            }
            if let Some(h) = &f.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            writeln!(
                out,
                "::{} file={path},line={},col={},endLine={},endColumn={},title={}::{}",
                command(f.severity),
                l.start.line,
                l.start.column,
                l.end.line,
                l.end.column,
                escape_property(&f.rule),
                escape_data(&message)
            )
            .unwrap();
        }
    }

    /// The streamed annotations equal the formatted ones on the checks' examples, suppressed
    /// findings (left out), escapes, other scripts, CRLF and an empty file.
    #[test]
    fn streamed_annotations_equal_the_formatted_ones() {
        let texts = samples::texts("Experts say so.\n");
        let reports = samples::reports(&texts, crate::Format::Markdown, |i| {
            format!("dir/a:b,100%é/t{i}.md")
        });
        assert!(reports
            .iter()
            .any(|r| r.findings.iter().any(|f| f.suppressed.is_some())));
        let opts = ReportOptions::default();
        let got = super::super::render_all(&mut GithubReporter::new(opts.clone()), &[], &reports);
        let mut want = Vec::new();
        for r in &reports {
            annotations(r, &opts, &mut want);
        }
        let mut tail = Vec::new();
        GithubReporter::new(opts)
            .finish(&Summary::of(&reports), &mut tail)
            .unwrap();
        want.extend_from_slice(&tail);
        assert_eq!(got, String::from_utf8(want).unwrap());
    }

    proptest! {
        /// Escaping into a buffer is `escape_data` / `escape_property`, on any text.
        #[test]
        fn escaping_into_a_buffer_equals_the_escapes(
            s in "[a%:,\r\n é😀]{0,40}",
            t in any::<String>(),
        ) {
            for s in [&s, &t] {
                let mut data = b"x".to_vec();
                escape_into(&mut data, s, false);
                prop_assert_eq!(data, format!("x{}", escape_data(s)).into_bytes());
                let mut prop = b"x".to_vec();
                escape_into(&mut prop, s, true);
                prop_assert_eq!(prop, format!("x{}", escape_property(s)).into_bytes());
            }
        }
    }
}
