//! `--format terminal`: rustc-style diagnostics for people.

use super::{label_index, Locator, ReportOptions, Reporter, Summary};
use crate::check::FileReport;
use crate::classify::Label;
use crate::rules::RuleInfo;
use std::io::{self, Write};

/// The terminal report of a run (a thin wrapper over [`TerminalReporter`]).
pub fn render(reports: &[FileReport]) -> String {
    let mut r = TerminalReporter::new(ReportOptions::default());
    super::render_all(&mut r, &[], reports)
}

pub struct TerminalReporter {
    opts: ReportOptions,
}

impl TerminalReporter {
    pub fn new(opts: ReportOptions) -> Self {
        TerminalReporter { opts }
    }
}

impl Reporter for TerminalReporter {
    fn begin(&mut self, _rules: &[RuleInfo], _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, r: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let loc = Locator::new(&r.doc);
        let path = self.opts.path_of(&r.doc.path);
        if !self.opts.quiet {
            for f in &r.findings {
                let l = loc.locate(f.span);
                writeln!(
                    out,
                    "{path}:{}:{}: {}[{}]: {}",
                    l.start.line,
                    l.start.column,
                    f.severity.as_str(),
                    f.rule,
                    f.message
                )?;
                if let Some(h) = &f.help {
                    writeln!(out, "  = help: {h}")?;
                }
            }
        }
        let mut counts = [0usize; 5];
        for c in &r.labels {
            counts[label_index(c.label)] += 1;
        }
        let parts: Vec<String> = Label::ALL
            .iter()
            .zip(counts)
            .map(|(l, n)| format!("{n} {}", l.as_str()))
            .collect();
        writeln!(
            out,
            "{path}: {} sentences: {}",
            r.labels.len(),
            parts.join(", ")
        )
    }

    fn finish(&mut self, _summary: &Summary, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
