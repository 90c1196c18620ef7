//! `--format github`: GitHub Actions workflow commands (one annotation a finding), and the
//! Markdown job summary the CLI appends to `$GITHUB_STEP_SUMMARY` ([`StepSummaryReporter`]).
//!
//! ```text
//! ::warning file=news/strike.md,line=12,col=1,endLine=12,endColumn=12,title=unnamed-source::Experts say …
//! ```
//! Columns count characters. Suppressed findings are not annotated.

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

pub struct GithubReporter {
    opts: ReportOptions,
}

impl GithubReporter {
    pub fn new(opts: ReportOptions) -> Self {
        GithubReporter { opts }
    }
}

impl Reporter for GithubReporter {
    fn begin(&mut self, _rules: &[RuleInfo], _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, r: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let loc = Locator::new(&r.doc);
        let path = escape_property(&self.opts.path_of(&r.doc.path));
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
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, s: &Summary, out: &mut dyn Write) -> io::Result<()> {
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
