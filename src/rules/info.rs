//! Rule metadata shared by every kind of rule (classifier rules and editorial checks): what
//! `whosaid rules`, `whosaid explain`, SARIF `tool.driver.rules` and the docs are generated from.

use crate::checks::Severity;
use crate::classify::Label;
use serde::Serialize;
use std::borrow::Cow;
use std::path::PathBuf;

/// One example kept inside a rule file. Texts of built-in rules are borrowed from the binary,
/// so that loading and copying the metadata (every run hands it to the reporter) copies no text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Example {
    pub text: Cow<'static, str>,
    /// For classifier rules: the label the text must get. For checks: `None` ("must fire").
    pub expect: Option<Cow<'static, str>>,
    /// `false` for `allows` examples (must not fire).
    pub fires: bool,
}

/// Metadata of one loaded rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// Kebab-case id, equal to the rule file's stem.
    pub id: String,
    /// One line.
    pub summary: Cow<'static, str>,
    /// Markdown with "## What it flags" and "## Why it matters".
    pub description: Cow<'static, str>,
    /// Rule kind as written in the file (`phrase`, `pattern`, `frame`, `check` …).
    pub kind: Cow<'static, str>,
    /// The label the rule implies, for classifier rules.
    pub implies: Option<Label>,
    /// Severity of the findings it produces; `None` for rules that only label.
    pub severity: Option<Severity>,
    /// Whether the rule runs (a config or `--disable` may turn it off).
    pub enabled: bool,
    /// `None` for built-in rules; the file it was loaded from otherwise.
    pub path: Option<PathBuf>,
    pub examples: Vec<Example>,
}
