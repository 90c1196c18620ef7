//! Editorial checks: findings an editor should fix, built on the labels.

use crate::span::Span;
use serde::{Deserialize, Serialize};

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
