//! `--format terminal`: rustc-style diagnostics for people, then counts per label.
//!
//! ```text
//! warning[unnamed-source]: the source is not named
//!   --> article.md:12:1
//!    |
//! 12 | Experts say the dispute could last for weeks.
//!    | ^^^^^^^^^^^ unattributed
//!    |
//!    = help: name the expert and their affiliation
//! ```

use super::snippet::{Excerpts, Row};
use super::{label_index, Locator, ReportOptions, Reporter, Summary};
use crate::check::FileReport;
use crate::checks::{Finding, Severity};
use crate::classify::Label;
use crate::rules::RuleInfo;
use std::io::{self, Write};

/// The terminal report of a run (a thin wrapper over [`TerminalReporter`]).
pub fn render(reports: &[FileReport]) -> String {
    let mut r = TerminalReporter::new(ReportOptions::default());
    super::render_all(&mut r, &[], reports)
}

/// ANSI styling, or none.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn paint(self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn severity(self, s: Severity, text: &str) -> String {
        self.paint(severity_code(s), text)
    }
    fn gutter(self, text: &str) -> String {
        self.paint("1;34", text)
    }
    fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }
    fn label(self, l: Label, text: &str) -> String {
        let code = match l {
            Label::Attributed => "32",
            Label::Reported => "36",
            Label::Alleged => "35",
            Label::Unattributed => "33",
            Label::None => "2",
        };
        self.paint(code, text)
    }
}

fn severity_code(s: Severity) -> &'static str {
    match s {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

/// Plural suffix.
fn s(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `3 attributed, 1 reported, …` (labels with a zero count left out), coloured when asked.
fn label_counts(counts: &[usize; 5], paint: Paint) -> String {
    let parts: Vec<String> = Label::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| **n > 0)
        .map(|(l, n)| paint.label(*l, &format!("{n} {}", l.as_str())))
        .collect();
    if parts.is_empty() {
        "no sentences".to_string()
    } else {
        parts.join(", ")
    }
}

/// `1 error, 2 warnings` (zero counts left out), or `no findings`.
fn finding_counts(by_severity: &[usize; 3], suppressed: usize, paint: Paint) -> String {
    let mut parts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .map(|sev| (*sev, by_severity[super::severity_index(*sev)]))
        .filter(|(_, n)| *n > 0)
        .map(|(sev, n)| {
            // "info" has no plural
            let plural = if sev == Severity::Info { "" } else { s(n) };
            paint.severity(sev, &format!("{n} {}{plural}", sev.as_str()))
        })
        .collect();
    if parts.is_empty() {
        parts.push("no findings".to_string());
    }
    if suppressed > 0 {
        parts.push(format!("{suppressed} suppressed"));
    }
    parts.join(", ")
}

/// Streams diagnostics file by file; keeps nothing between files.
pub struct TerminalReporter {
    opts: ReportOptions,
    paint: Paint,
}

impl TerminalReporter {
    pub fn new(opts: ReportOptions) -> Self {
        let paint = Paint(opts.color);
        TerminalReporter { opts, paint }
    }

    fn diagnostic(
        &self,
        r: &FileReport,
        loc: &Locator,
        excerpts: &mut Excerpts,
        path: &str,
        f: &Finding,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let p = self.paint;
        let l = loc.locate(f.span);
        let head = p.severity(f.severity, &format!("{}[{}]", f.severity.as_str(), f.rule));
        let message = f.message.replace(['\r', '\n'], " ");
        writeln!(out, "{head}{}", p.bold(&format!(": {message}")))?;
        let rows = excerpts.rows(l.span, l.start.line, l.end.line);
        let width = rows
            .iter()
            .filter_map(|row| match row {
                Row::Line { number, .. } => Some(number.to_string().len()),
                Row::Gap => None,
            })
            .max()
            .unwrap_or(1);
        let pad = " ".repeat(width);
        let bar = p.gutter("|");
        writeln!(
            out,
            "{pad}{} {path}:{}:{}",
            p.gutter("-->"),
            l.start.line,
            l.start.column
        )?;
        writeln!(out, "{pad} {bar}")?;
        let label = f
            .sentence
            .and_then(|i| r.labels.get(i))
            .map(|c| c.label.as_str());
        let last_line = rows
            .iter()
            .rposition(|row| matches!(row, Row::Line { under: (_, w), .. } if *w > 0));
        for (i, row) in rows.iter().enumerate() {
            match row {
                Row::Line {
                    number,
                    text,
                    under,
                } => {
                    let num = p.gutter(&format!("{number:>width$}"));
                    writeln!(out, "{num} {bar} {}", text.trim_end())?;
                    if under.1 > 0 {
                        let carets = p.severity(f.severity, &"^".repeat(under.1));
                        let note = match label {
                            Some(lab) if Some(i) == last_line => format!(" {lab}"),
                            _ => String::new(),
                        };
                        writeln!(out, "{pad} {bar} {}{carets}{note}", " ".repeat(under.0))?;
                    }
                }
                Row::Gap => writeln!(out, "{}", p.gutter("..."))?,
            }
        }
        if let Some(h) = &f.help {
            writeln!(out, "{pad} {bar}")?;
            writeln!(out, "{pad} {} {h}", p.bold("= help:"))?;
        }
        if let Some(sup) = &f.suppressed {
            let why = sup.justification.as_deref().unwrap_or("no reason given");
            writeln!(out, "{pad} {} suppressed ({why})", p.bold("= note:"))?;
        }
        writeln!(out)
    }

    /// The source ledger of one file (`--sources`): each source with its kind, the number of
    /// sentences resting on it, where it is first named, and the other forms it goes by.
    fn ledger(&self, r: &FileReport, loc: &Locator, out: &mut dyn Write) -> io::Result<()> {
        if r.ledger.sources.is_empty() {
            return writeln!(out, "  sources: none named");
        }
        writeln!(out, "  {}", self.paint.bold("sources:"))?;
        for src in &r.ledger.sources {
            let first = src
                .mentions
                .first()
                .map(|m| {
                    let l = loc.locate(*m);
                    format!(", first at {}:{}", l.start.line, l.start.column)
                })
                .unwrap_or_default();
            write!(
                out,
                "    {} ({}; {} sentence{}{first})",
                self.paint.bold(&src.name),
                src.kind.as_str(),
                src.claims,
                s(src.claims)
            )?;
            if !src.aliases.is_empty() {
                write!(out, " also: {}", src.aliases.join(", "))?;
            }
            writeln!(out)?;
        }
        Ok(())
    }
}

impl Reporter for TerminalReporter {
    fn begin(&mut self, _rules: &[RuleInfo], _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, r: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let loc = Locator::new(&r.doc);
        let mut excerpts = Excerpts::new(&r.doc.source, loc.line_index());
        let path = self.opts.path_of(&r.doc.path);
        let mut by_severity = [0usize; 3];
        let mut suppressed = 0;
        for f in &r.findings {
            if f.suppressed.is_some() {
                suppressed += 1;
                continue;
            }
            by_severity[super::severity_index(f.severity)] += 1;
            if !self.opts.quiet {
                self.diagnostic(r, &loc, &mut excerpts, &path, f, out)?;
            }
        }
        let mut counts = [0usize; 5];
        for c in &r.labels {
            counts[label_index(c.label)] += 1;
        }
        let n = r.labels.len();
        writeln!(
            out,
            "{}: {n} sentence{}: {}; {}",
            self.paint.bold(&path),
            s(n),
            label_counts(&counts, self.paint),
            finding_counts(&by_severity, suppressed, self.paint)
        )?;
        if self.opts.show_sources && !self.opts.quiet {
            self.ledger(r, &loc, out)?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        if summary.files <= 1 && summary.errors == 0 {
            return Ok(());
        }
        let mut line = format!(
            "total: {} file{}, {} sentence{}: {}; {}",
            summary.files,
            s(summary.files),
            summary.sentences,
            s(summary.sentences),
            label_counts(&summary.labels, self.paint),
            finding_counts(&summary.findings, summary.suppressed, self.paint)
        );
        if summary.errors > 0 {
            line.push_str(&format!(
                "; {} file{} not checked",
                summary.errors,
                s(summary.errors)
            ));
        }
        writeln!(out, "{}", self.paint.bold(&line))
    }
}
