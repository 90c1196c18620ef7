//! The two kinds of rules a run uses, behind one face for the CLI: classifier rules
//! ([`RuleSet`]) and editorial checks ([`CheckSet`]). A rule file whose stem is the id of a
//! built-in check replaces that check; any other file is a classifier rule.

use crate::check::Checker;
use crate::checks::{CheckSet, Severity};
use crate::error::{Error, Result};
use crate::rules::{RuleInfo, RuleSet};
use std::path::{Path, PathBuf};

/// Rule files named by `paths` (a directory contributes its `*.toml` files, sorted).
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let rd = std::fs::read_dir(p).map_err(|e| Error::Rule {
                path: p.clone(),
                message: format!("cannot read the rule directory: {e}"),
            })?;
            let mut files: Vec<PathBuf> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "toml") && f.is_file())
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn stem(p: &Path) -> &str {
    p.file_stem().and_then(|s| s.to_str()).unwrap_or("")
}

/// The built-in rules and checks plus the files in `paths`.
pub fn load(paths: &[PathBuf]) -> Result<Checker> {
    let mut checks = CheckSet::builtin()?;
    let (check_files, rule_files): (Vec<PathBuf>, Vec<PathBuf>) = expand(paths)?
        .into_iter()
        .partition(|f| checks.get(stem(f)).is_some());
    let rules = if rule_files.is_empty() {
        RuleSet::builtin()?
    } else {
        RuleSet::load(&rule_files)?
    };
    for f in &check_files {
        checks.load_file(f)?;
    }
    Ok(Checker::with_checks(rules, checks))
}

/// Turns a rule or check on or off; false when no rule or check has this id.
pub fn set_enabled(c: &mut Checker, id: &str, on: bool) -> bool {
    if c.rules.set_enabled(id, on) {
        return true;
    }
    if on {
        c.checks.enable(id)
    } else {
        c.checks.disable(id)
    }
}

/// Changes the severity of a rule's or check's findings; false when the id is unknown.
pub fn set_severity(c: &mut Checker, id: &str, sev: Severity) -> bool {
    c.rules.set_severity(id, sev) || c.checks.set_severity(id, sev)
}

/// Metadata of every rule and check, sorted by id.
pub fn infos(c: &Checker) -> Vec<RuleInfo> {
    let mut all = c.rules.infos();
    all.extend(c.checks.infos());
    all.sort_by(|a, b| a.id.cmp(&b.id));
    all
}

/// One example of a rule file that does not behave as written.
pub struct Failure {
    pub rule: String,
    pub path: Option<PathBuf>,
    pub text: String,
    pub message: String,
}

/// Runs the examples (`[[test]]` and `allows`) of every loaded rule and check from a file
/// (built-ins are tested by the test suite).
pub fn self_check(c: &Checker) -> Vec<Failure> {
    let mut out: Vec<Failure> = c
        .rules
        .self_check()
        .into_iter()
        .filter(|f| f.path.is_some())
        .map(|f| Failure {
            rule: f.rule,
            path: f.path,
            text: f.text,
            message: f.message,
        })
        .collect();
    for def in c.checks.defs().iter().filter(|d| d.path.is_some()) {
        let run = |text: &str| {
            let doc = crate::input::parse(
                "<example>".into(),
                crate::document::Format::Plain,
                text.into(),
            );
            c.check_document(doc)
        };
        let fail = |text: &str, message: String| Failure {
            rule: def.id.clone(),
            path: def.path.clone(),
            text: text.to_string(),
            message,
        };
        for t in &def.tests {
            let r = run(&t.text);
            let ok = r.findings.iter().any(|f| {
                f.rule == def.id
                    && t.severity.is_none_or(|s| f.severity == s)
                    && t.span.as_deref().is_none_or(|s| r.doc.slice(f.span) == s)
            });
            if !ok {
                out.push(fail(
                    &t.text,
                    "`[[test]]`: the check did not fire as expected".into(),
                ));
            }
        }
        for a in &def.allows {
            if run(a).findings.iter().any(|f| f.rule == def.id) {
                out.push(fail(a, "`allows` text: the check fired".into()));
            }
        }
    }
    out
}
