//! `--format terminal`: rustc-style diagnostics for people.

use super::{display_path, Locator};
use crate::check::FileReport;
use crate::classify::Label;
use std::fmt::Write;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let loc = Locator::new(&r.doc);
        let path = display_path(&r.doc.path);
        for f in &r.findings {
            let l = loc.locate(f.span);
            let _ = writeln!(
                out,
                "{path}:{}:{}: {}[{}]: {}",
                l.start.line,
                l.start.column,
                f.severity.as_str(),
                f.rule,
                f.message
            );
            if let Some(h) = &f.help {
                let _ = writeln!(out, "  = help: {h}");
            }
        }
        let mut counts = [0usize; 5];
        for c in &r.labels {
            counts[Label::ALL.iter().position(|l| *l == c.label).unwrap_or(4)] += 1;
        }
        let parts: Vec<String> = Label::ALL
            .iter()
            .zip(counts)
            .map(|(l, n)| format!("{n} {}", l.as_str()))
            .collect();
        let _ = writeln!(
            out,
            "{path}: {} sentences: {}",
            r.labels.len(),
            parts.join(", ")
        );
    }
    out
}
