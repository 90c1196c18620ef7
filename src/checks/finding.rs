//! [`Finding`], the result of a check, kept compact (issue 6: memory on one huge file).
//!
//! A finding holds its rule id, help text and message as [`Shared`] strings: one allocation
//! per check (rule id, help) or per distinct message, shared by every finding that says the
//! same thing, so a finding is a few dozen bytes however many there are.

use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

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
    pub rule: Shared,
    pub severity: Severity,
    pub message: Shared,
    pub help: Option<Shared>,
    /// The span that triggered the finding, in document text coordinates.
    pub span: Span,
    /// Index of the sentence the finding belongs to, if any.
    pub sentence: Option<usize>,
    /// Set when an inline directive or the baseline suppresses the finding (it stays in JSON
    /// and SARIF as an audit trail, but does not count for `--fail-on`). Checks leave it `None`.
    pub suppressed: Option<Box<crate::suppress::Suppression>>,
}

/// An immutable string shared between findings (a reference-counted `str`): cloning it copies
/// a pointer. Reads as a `str` (`Deref`), compares with `str`, `&str` and `String`, and
/// serializes as a string.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shared(Arc<str>);

impl Shared {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Shared {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Shared {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Shared {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Shared {
    fn from(s: &str) -> Self {
        Shared(Arc::from(s))
    }
}

impl From<String> for Shared {
    fn from(s: String) -> Self {
        Shared(Arc::from(s))
    }
}

impl From<Box<str>> for Shared {
    fn from(s: Box<str>) -> Self {
        Shared(Arc::from(s))
    }
}

impl From<Shared> for String {
    fn from(s: Shared) -> Self {
        s.0.as_ref().to_string()
    }
}

impl PartialEq<str> for Shared {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Shared {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Shared {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Shared> for str {
    fn eq(&self, other: &Shared) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Shared> for &str {
    fn eq(&self, other: &Shared) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Shared> for String {
    fn eq(&self, other: &Shared) -> bool {
        **self == *other.0
    }
}

impl fmt::Display for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for Shared {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_is_a_few_dozen_bytes() {
        // rule, message, help: 16 bytes each; span and sentence 16 each; the suppression is
        // boxed (rare); the severity pads to 8
        assert!(std::mem::size_of::<Finding>() <= 96);
        let a = Shared::from("unattributed-claim");
        let b = a.clone();
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_eq!(a, "unattributed-claim");
        assert_eq!(a, "unattributed-claim".to_string());
        assert_eq!(
            format!("{a}|{a:?}"),
            "unattributed-claim|\"unattributed-claim\""
        );
    }
}
