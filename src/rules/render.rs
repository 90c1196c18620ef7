//! Text for `whosaid rules` (one line a rule) and `whosaid explain ID` (a rule's documentation).

use super::RuleInfo;
use std::fmt::Write as _;

/// One line a rule: id, kind, label or severity, state, summary. Sorted as given.
pub fn render_rule_list(infos: &[RuleInfo]) -> String {
    let width = infos.iter().map(|i| i.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for i in infos {
        let label = i.implies.map_or("-", |l| l.as_str());
        let sev = i.severity.map_or("-", |s| s.as_str());
        let state = if i.enabled { "" } else { "  (disabled)" };
        let origin = i
            .path
            .as_ref()
            .map(|p| format!("  [{}]", p.display()))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:width$}  {:14} {:12} {:7}  {}{state}{origin}",
            i.id, i.kind, label, sev, i.summary
        );
    }
    out
}

/// The documentation of rule `id`: summary, kind, label, severity, description and examples.
pub fn render_explain(infos: &[RuleInfo], id: &str) -> Option<String> {
    let i = infos.iter().find(|i| i.id == id)?;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n\n{}\n", i.id, i.summary);
    let _ = writeln!(out, "- kind: {}", i.kind);
    if let Some(l) = i.implies {
        let _ = writeln!(out, "- label: {}", l.as_str());
    }
    if let Some(s) = i.severity {
        let _ = writeln!(out, "- severity: {}", s.as_str());
    }
    let _ = writeln!(out, "- enabled: {}", if i.enabled { "yes" } else { "no" });
    match &i.path {
        Some(p) => {
            let _ = writeln!(out, "- file: {}", p.display());
        }
        None => {
            let _ = writeln!(out, "- built in");
        }
    }
    let _ = writeln!(out, "\n{}", i.description.trim());
    if !i.examples.is_empty() {
        let _ = writeln!(out, "\n## Examples\n");
        for e in &i.examples {
            match &e.expect {
                Some(l) => {
                    let _ = writeln!(out, "- {l}: {}", e.text);
                }
                None => {
                    let _ = writeln!(out, "- not flagged: {}", e.text);
                }
            }
        }
    }
    Some(out)
}
