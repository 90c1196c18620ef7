//! Shared helpers for the classifier's source tests: the label and sources of each sentence.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use whosaid::classify::{classify, Label};
use whosaid::document::Format;
use whosaid::rules::RuleSet;

/// Label and source texts of each sentence of a plain text.
pub fn each(text: &str) -> Vec<(Label, Vec<String>)> {
    let rules = RuleSet::builtin().unwrap();
    let doc = whosaid::input::parse(PathBuf::from("t"), Format::Plain, text.to_string());
    let seg = whosaid::segment::segment(&doc);
    classify(&doc, &seg, &rules)
        .iter()
        .map(|c| {
            let sources = c.sources.iter().map(|s| doc.slice(*s).to_string());
            (c.label, sources.collect())
        })
        .collect()
}

/// Label and source texts of a one-sentence text.
pub fn one(text: &str) -> (Label, Vec<String>) {
    let mut all = each(text);
    assert_eq!(all.len(), 1, "{text}: expected one sentence");
    all.remove(0)
}
