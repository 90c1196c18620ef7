//! Inline suppression comments (`<!-- whosaid off -->` …) applied to findings.
