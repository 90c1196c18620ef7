//! Runs every rule's own examples through the real pipeline (segment → classify).
//!
//! A `[[test]]` passes when the LAST sentence of its text gets the expected label (earlier
//! sentences give context, e.g. for carry-over) and, when `source` is given, names that source.
//! An `allows` text passes when no sentence of it is decided by the rule.

use super::RuleSet;
use crate::classify::{classify, Classification};
use crate::document::{Document, Format};
use crate::segment::{segment, Segmentation};
use serde::Serialize;
use std::path::PathBuf;

/// One example that did not behave as its rule file says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExampleFailure {
    pub rule: String,
    /// The rule file, `None` for built-ins.
    pub path: Option<PathBuf>,
    pub text: String,
    /// What went wrong, in one line.
    pub message: String,
}

/// Classifies `text` as a plain-text article with `rules`.
pub fn run_text(rules: &RuleSet, text: &str) -> (Document, Segmentation, Vec<Classification>) {
    let doc = crate::input::parse(PathBuf::from("<example>"), Format::Plain, text.to_string());
    let seg = segment(&doc);
    let labels = classify(&doc, &seg, rules);
    (doc, seg, labels)
}

pub(super) fn run(rules: &RuleSet) -> Vec<ExampleFailure> {
    let mut out = Vec::new();
    for r in rules.rules() {
        if !r.info.enabled {
            continue;
        }
        let mut test_no = 0;
        for ex in &r.info.examples {
            let (doc, _seg, labels) = run_text(rules, &ex.text);
            let fail = |message: String| ExampleFailure {
                rule: r.info.id.clone(),
                path: r.info.path.clone(),
                text: ex.text.to_string(),
                message,
            };
            match &ex.expect {
                None => {
                    if labels
                        .iter()
                        .any(|c| c.rule.as_deref() == Some(r.info.id.as_str()))
                    {
                        out.push(fail("`allows` text: the rule fired".into()));
                    }
                }
                Some(expect) => {
                    let want_source = r.test_sources.get(test_no).cloned().flatten();
                    test_no += 1;
                    let Some(last) = labels.last() else {
                        out.push(fail("the text has no sentence".into()));
                        continue;
                    };
                    if last.label.as_str() != expect {
                        out.push(fail(format!(
                            "expected `{expect}`, got `{}` (rule {})",
                            last.label.as_str(),
                            last.rule.as_deref().unwrap_or("none")
                        )));
                    } else if let Some(src) = want_source {
                        let got: Vec<&str> = last.sources.iter().map(|s| doc.slice(*s)).collect();
                        if !got.contains(&src.as_str()) {
                            out.push(fail(format!("expected source `{src}`, got {got:?}")));
                        }
                    }
                }
            }
        }
    }
    out
}
