//! Inline suppression comments (`<!-- whosaid off -->` …) applied to findings.

use crate::span::Span;
use serde::Serialize;

/// Why a finding is suppressed: kept on the finding so JSON and SARIF can show it (audit trail).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppression {
    /// SARIF suppression kind: `inSource` for comments in the file, `external` for a baseline.
    pub kind: String,
    /// The reason written after ` -- ` in the directive, if any.
    pub reason: Option<String>,
    /// Span of the directive comment in document text coordinates (empty for a baseline).
    pub directive: Span,
}
