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

use super::pretty;
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

/// The styles of [`Paint`]'s gutter and bold text.
const GUTTER: &str = "1;34";
const BOLD: &str = "1";

/// Appends `s`.
fn put(o: &mut Vec<u8>, s: &str) {
    o.extend_from_slice(s.as_bytes());
}

/// The decimal digits of `n`.
fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

impl Paint {
    /// Starts the style `code` in `o` ([`Paint::paint`] in pieces, with [`Paint::close`]).
    fn open(self, o: &mut Vec<u8>, code: &str) {
        if self.0 {
            put(o, "\x1b[");
            put(o, code);
            o.push(b'm');
        }
    }

    /// Ends a style begun by [`Paint::open`].
    fn close(self, o: &mut Vec<u8>) {
        if self.0 {
            put(o, "\x1b[0m");
        }
    }

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
    fn bold(self, text: &str) -> String {
        self.paint(BOLD, text)
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

    /// One finding as a diagnostic: gathered in a buffer and written at once (issue 6: a
    /// formatted write per piece was most of the report once excerpts were fast).
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
        let o = &mut Vec::with_capacity(512);
        let sev = severity_code(f.severity);
        // `warning[rule]: message` (line breaks in the message shown as spaces)
        p.open(o, sev);
        put(o, f.severity.as_str());
        o.push(b'[');
        put(o, &f.rule);
        o.push(b']');
        p.close(o);
        p.open(o, BOLD);
        put(o, ": ");
        for (k, part) in f.message.split(['\r', '\n']).enumerate() {
            if k > 0 {
                o.push(b' ');
            }
            put(o, part);
        }
        p.close(o);
        o.push(b'\n');
        let rows = excerpts.rows(l.span, l.start.line, l.end.line);
        let width = rows
            .iter()
            .filter_map(|row| match row {
                Row::Line { number, .. } => Some(digits(*number)),
                Row::Gap => None,
            })
            .max()
            .unwrap_or(1);
        // `{pad} |` and `{pad} = ` lines: the gutter's width of spaces first
        let bar = |o: &mut Vec<u8>| {
            p.open(o, GUTTER);
            o.push(b'|');
            p.close(o);
        };
        pretty::pad(o, width);
        p.open(o, GUTTER);
        put(o, "-->");
        p.close(o);
        o.push(b' ');
        put(o, path);
        o.push(b':');
        pretty::number(o, l.start.line);
        o.push(b':');
        pretty::number(o, l.start.column);
        o.push(b'\n');
        pretty::pad(o, width + 1);
        bar(o);
        o.push(b'\n');
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
                    p.open(o, GUTTER);
                    pretty::pad(o, width.saturating_sub(digits(*number)));
                    pretty::number(o, *number);
                    p.close(o);
                    o.push(b' ');
                    bar(o);
                    o.push(b' ');
                    put(o, text.trim_end());
                    o.push(b'\n');
                    if under.1 > 0 {
                        pretty::pad(o, width + 1);
                        bar(o);
                        pretty::pad(o, 1 + under.0);
                        p.open(o, sev);
                        o.resize(o.len() + under.1, b'^');
                        p.close(o);
                        if let Some(lab) = label.filter(|_| Some(i) == last_line) {
                            o.push(b' ');
                            put(o, lab);
                        }
                        o.push(b'\n');
                    }
                }
                Row::Gap => {
                    p.open(o, GUTTER);
                    put(o, "...");
                    p.close(o);
                    o.push(b'\n');
                }
            }
        }
        if let Some(h) = &f.help {
            pretty::pad(o, width + 1);
            bar(o);
            o.push(b'\n');
            pretty::pad(o, width + 1);
            p.open(o, BOLD);
            put(o, "= help:");
            p.close(o);
            o.push(b' ');
            put(o, h);
            o.push(b'\n');
        }
        if let Some(sup) = &f.suppressed {
            let why = sup.justification.as_deref().unwrap_or("no reason given");
            pretty::pad(o, width + 1);
            p.open(o, BOLD);
            put(o, "= note:");
            p.close(o);
            put(o, " suppressed (");
            put(o, why);
            put(o, ")\n");
        }
        o.push(b'\n');
        out.write_all(o)
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
        let mut excerpts = Excerpts::new(&r.doc.source, loc.lines());
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
