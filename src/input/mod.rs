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
    // owned bytes become the text in place (no copy): the standard library validates them
    String::from_utf8(bytes).map_err(|e| invalid_utf8(path, e.as_bytes()))
}

/// [`decode`] of borrowed bytes: the text is a copy of them (the caller keeps its buffer for
/// the next file: issue 6, no allocation of a buffer per file). The bytes are validated by
/// `simdutf8` (`str::from_utf8` reads them a byte or a word at a time, about one instruction a
/// byte); invalid ones are reported from the standard library's error, as before.
pub fn decode_slice(path: &Path, bytes: &[u8]) -> Result<String> {
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(_) => Err(invalid_utf8(path, bytes)),
    }
}

/// The error for bytes that are not UTF-8: where the first invalid sequence starts.
#[cold]
fn invalid_utf8(path: &Path, bytes: &[u8]) -> Error {
    let offset = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    };
    // the prefix is valid UTF-8 by construction
    let prefix = String::from_utf8_lossy(bytes.get(..offset).unwrap_or(&[]));
    let lc = LineIndex::new(&prefix).line_col(&prefix, prefix.len());
    Error::InvalidUtf8 {
        path: path.to_path_buf(),
        offset,
        line: lc.line,
        column: lc.column,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The `decode` before `simdutf8`: the standard library's validation of the owned bytes.
    fn decode_std(path: &Path, bytes: Vec<u8>) -> Result<String> {
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

    /// Text and error (as its message) of both decoders agree on random byte strings: valid
    /// UTF-8 of all widths, broken, truncated and overlong sequences, surrogates, NUL bytes,
    /// and lengths across the validator's 32- and 64-byte blocks.
    #[test]
    fn decode_is_the_std_decode() {
        let pieces: [&[u8]; 22] = [
            b"a",
            b"The quick brown fox. ",
            b"\n",
            b"\r\n",
            "é".as_bytes(),
            "“".as_bytes(),
            "…".as_bytes(),
            "北".as_bytes(),
            "😀".as_bytes(),
            "\u{feff}".as_bytes(),
            b"\x80",
            b"\xc3",
            b"\xe2\x80",
            b"\xf0\x9f\x98",
            b"\xc0\xaf",
            b"\xed\xa0\x80",
            b"\xf4\x90\x80\x80",
            b"\xff",
            b"\0",
            b"0123456789abcdef0123456789abcdef",
            b"                ",
            b"\t",
        ];
        let path = Path::new("t.txt");
        let show = |r: Result<String>| r.map_err(|e| e.to_string());
        // both decoders give the text or the error of the standard library's
        let agree = |bytes: &[u8]| {
            let want = show(decode_std(path, bytes.to_vec()));
            assert_eq!(show(decode(path, bytes.to_vec())), want, "{bytes:?}");
            assert_eq!(show(decode_slice(path, bytes)), want, "{bytes:?}");
        };
        let mut rng = crate::testrng::Rng::new(0xdec0_de00);
        for round in 0..20_000 {
            // mostly valid text with a rare bad piece, so that errors fall at every offset
            let n = rng.below(40);
            let mut bytes = Vec::new();
            for _ in 0..n {
                let p = if round % 2 == 0 {
                    pieces[rng.below(10)]
                } else {
                    pieces[rng.below(pieces.len())]
                };
                bytes.extend_from_slice(p);
            }
            agree(&bytes);
        }
        // random bytes, and every byte alone and after a valid prefix
        for _ in 0..5_000 {
            let bytes: Vec<u8> = (0..rng.below(70)).map(|_| rng.below(256) as u8).collect();
            agree(&bytes);
        }
        for c in 0..=255u8 {
            for pre in [0, 31, 63, 64] {
                let mut bytes = vec![b'x'; pre];
                bytes.push(c);
                agree(&bytes);
            }
        }
    }
}
