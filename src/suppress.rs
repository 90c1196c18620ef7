//! Inline suppression comments (`<!-- whosaid off -->` …) applied to findings.

use crate::span::Span;
use serde::Serialize;

/// Why a finding is not counted: kept on the finding (`Finding::suppressed`) so JSON and SARIF
/// can show it as an audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppression {
    /// SARIF suppression kind: `inSource` for a comment in the file, `external` for a baseline.
    pub kind: SuppressionKind,
    /// The reason written after ` -- ` in the directive, if any.
    pub justification: Option<String>,
    /// Span of the directive comment in document text coordinates (`None` for a baseline).
    pub directive: Option<Span>,
}

/// SARIF `suppression.kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SuppressionKind {
    InSource,
    External,
}
