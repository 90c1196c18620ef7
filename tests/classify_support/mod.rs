//! Shared helpers for the classifier's source tests: the label and sources of one sentence.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use whosaid::classify::{classify, Label};
use whosaid::document::Format;
use whosaid::rules::RuleSet;

/// Label and source texts of a one-sentence text.
pub fn one(text: &str) -> (Label, Vec<String>) {
    let rules = RuleSet::builtin().unwrap();
    let doc = whosaid::input::parse(PathBuf::from("t"), Format::Plain, text.to_string());
    let seg = whosaid::segment::segment(&doc);
    let labels = classify(&doc, &seg, &rules);
    assert_eq!(labels.len(), 1, "{text}: expected one sentence");
    let c = &labels[0];
    let sources = c
        .sources
        .iter()
        .map(|s| doc.slice(*s).to_string())
        .collect();
    (c.label, sources)
}
