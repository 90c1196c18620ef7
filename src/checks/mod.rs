//! Editorial checks: findings an editor should fix, built on the labels.
//!
//! Each check is one file under `rules/checks/` (metadata, severity, word lists, examples) and
//! one module here (the logic). [`run`] applies every enabled check to one document.

mod allegation;
mod anonymous;
mod ctx;
mod figures;
mod hedge;
mod index;
mod lists;
mod load;
mod load_error;
mod loaded;
mod mental;
mod numbers;
pub mod phrases;
mod quotes;
mod single;
mod unattributed;
mod vague;

pub use ctx::Ctx;
pub use load::{CheckDef, CheckSet, TestCase};

use crate::classify::Classification;
use crate::document::Document;
use crate::ledger::Ledger;
use crate::segment::Segmentation;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// Runs every enabled check on one document. Findings come in document order.
pub fn run(
    doc: &Document,
    seg: &Segmentation,
    labels: &[Classification],
    checks: &CheckSet,
) -> Vec<Finding> {
    let ledger = crate::ledger::build(doc, seg, labels, checks);
    run_with_ledger(doc, seg, labels, checks, &ledger)
}

/// [`run`] with a ledger already built for the same document.
pub fn run_with_ledger(
    doc: &Document,
    seg: &Segmentation,
    labels: &[Classification],
    checks: &CheckSet,
    ledger: &Ledger,
) -> Vec<Finding> {
    let ctx = Ctx::new(doc, seg, labels, checks);
    let mut out = Vec::new();
    type CheckFn = fn(&Ctx, &CheckDef, &Ledger, &mut Vec<Finding>);
    let all: [(&str, CheckFn); 11] = [
        ("unattributed-claim", unattributed::check),
        ("anonymous-source", anonymous::check),
        ("vague-source", vague::check),
        ("hedge-only", hedge::check),
        ("allegation-without-accuser", allegation::check),
        ("loaded-verb", loaded::check),
        ("mental-state", mental::check),
        ("figure-conflict", figures::check),
        ("unbalanced-quotation", quotes::check_unbalanced),
        ("quote-without-speaker", quotes::check_speaker),
        ("single-source", single::check),
    ];
    for (id, f) in all {
        if let Some(def) = checks.enabled(id) {
            f(&ctx, def, ledger, &mut out);
        }
    }
    // unstable: no scratch buffer of half the findings (issue 6: memory on one huge file);
    // a check gives one finding per span, so the key is unique in practice, and the message
    // breaks any tie deterministically
    out.sort_unstable_by(|a, b| {
        (a.span.start, a.span.end, &a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            &b.rule,
            &b.message,
        ))
    });
    out
}

/// A finding of `def` at `span` in sentence `sentence`, at the raised level when `raised`.
pub(crate) fn finding(
    def: &CheckDef,
    raised: bool,
    span: Span,
    sentence: Option<usize>,
    message: String,
) -> Finding {
    Finding {
        rule: def.id.clone(),
        severity: if raised {
            def.raised_severity
        } else {
            def.severity
        },
        message,
        help: Some(def.help.clone()),
        span,
        sentence,
        suppressed: None,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// The span that triggered the finding, in document text coordinates.
    pub span: Span,
    /// Index of the sentence the finding belongs to, if any.
    pub sentence: Option<usize>,
    /// Set when an inline directive or the baseline suppresses the finding (it stays in JSON
    /// and SARIF as an audit trail, but does not count for `--fail-on`). Checks leave it `None`.
    pub suppressed: Option<crate::suppress::Suppression>,
}
