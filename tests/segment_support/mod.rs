//! Shared helpers for the segmenter's test files: a plain-text document and its sentences.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use whosaid::input::plain;
use whosaid::segment::segment;
use whosaid::Document;

/// `text` read as a plain-text file.
pub fn doc(text: &str) -> Document {
    plain::parse(PathBuf::from("t.txt"), text.to_string())
}

/// The sentences of `text` read as a plain-text file, as slices of it.
pub fn split(text: &str) -> Vec<String> {
    let d = doc(text);
    segment(&d)
        .sentences
        .iter()
        .map(|s| d.slice(s.span).to_string())
        .collect()
}
