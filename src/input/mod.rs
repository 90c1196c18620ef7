//! Input formats: bytes of a file → [`Document`]. One file per format.

pub mod html;
pub mod markdown;
pub mod plain;

use crate::document::{Document, Format, OffsetMap};
use crate::error::{Error, Result};
use crate::span::LineIndex;
use std::path::{Path, PathBuf};

/// Decodes file bytes as UTF-8 (a leading BOM stays in the source and is treated as white
/// space). Invalid UTF-8 and binary content are errors naming the byte offset, line and column.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            // the prefix is valid UTF-8 by construction
            let prefix = String::from_utf8_lossy(&bytes[..offset]);
            let lc = LineIndex::new(&prefix).line_col(&prefix, prefix.len());
            Err(Error::InvalidUtf8 {
                path: path.to_path_buf(),
                offset,
                line: lc.line,
                column: lc.column,
            })
        }
    }
}

/// Parses `source` in `format` into a document.
pub fn parse(path: PathBuf, format: Format, source: String) -> Document {
    match format {
        Format::Markdown => markdown::parse(path, source),
        Format::Html => html::parse(path, source, &html::HtmlOptions::default()),
        Format::Plain => plain::parse(path, source),
    }
}

/// Parses `source` in `format`, with the HTML options of the configuration in effect.
pub fn parse_with(
    path: PathBuf,
    format: Format,
    source: String,
    html: &html::HtmlOptions,
) -> Document {
    match format {
        Format::Html => html::parse(path, source, html),
        _ => parse(path, format, source),
    }
}

/// A document whose text is its source (identity offset map), before block detection.
pub(crate) fn identity_document(path: PathBuf, format: Format, source: String) -> Document {
    let source = crate::document::SharedText::from(source);
    Document {
        path,
        format,
        text: source.clone(),
        source,
        map: OffsetMap::identity(),
        blocks: Vec::new(),
        directives: Vec::new(),
    }
}
