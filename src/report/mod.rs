//! Report formats (terminal, JSON, SARIF, GitHub, rdjson, HTML) as streaming [`Reporter`]s.
//! Spans become line/column only here, against the unmodified source.

mod cells;
mod escape;
mod escaped;
pub mod github;
pub mod html;
mod html_article;
pub mod json;
mod json_objects;
mod lines;
mod locator;
mod pretty;
pub mod rdjson;
#[cfg(test)]
mod samples;
pub mod sarif;
pub mod segment;
mod sink;
mod snippet;
pub mod terminal;

use crate::check::FileReport;
use crate::checks::Severity;
use crate::classify::Label;
use crate::rules::RuleInfo;
pub use lines::Lines;
pub use locator::{Location, Locator};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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
