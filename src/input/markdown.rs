//! Markdown input (prose only), through pulldown-cmark's offset iterator.

use crate::document::{Document, Format};
use std::path::PathBuf;

pub fn parse(path: PathBuf, source: String) -> Document {
    let mut doc = super::plain::parse(path, source);
    doc.format = Format::Markdown;
    doc
}
