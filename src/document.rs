//! The parsed article: the unmodified source, the analysis text and its blocks.
//!
//! Every input format produces a [`Document`]. `text` is what the segmenter and the rules read:
//! for plain text and Markdown it has exactly the length of `source`, with markup and non-prose
//! bytes (code, front matter, link destinations, emphasis marks…) replaced by spaces, so a span
//! into `text` is also a span into `source`. Formats that must decode (HTML entities) build a
//! different `text` and an [`OffsetMap`] back to the source, translated once by
//! [`Document::source_span`].

use crate::span::Span;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

/// An immutable string that [`Document::source`] and [`Document::text`] share when they are
/// equal (plain text), so a large file is held once (issue 6: peak memory). Reads as a
/// `String` (`Deref`); cloning it is cheap.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SharedText(Arc<String>);

impl SharedText {
    /// The string, copied only when it is shared.
    pub fn into_string(self) -> String {
        Arc::try_unwrap(self.0).unwrap_or_else(|shared| (*shared).clone())
    }

    /// Whether `self` and `other` are the same allocation.
    pub fn is_shared_with(&self, other: &SharedText) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for SharedText {
    type Target = String;
    fn deref(&self) -> &String {
        &self.0
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for SharedText {
    fn from(s: String) -> Self {
        SharedText(Arc::new(s))
    }
}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        self.0.as_str() == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        self.0.as_str() == *other
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Plain,
    Markdown,
    Html,
}

impl Format {
    /// The name JSON reports give the format.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Plain => "plain",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// The format for a file name, by extension (`.md`, `.markdown`, `.html`, `.htm`; else plain).
    pub fn from_path(path: &std::path::Path) -> Format {
        // compared ignoring ASCII case in place (no lower-cased copy per file)
        let ext = extension_str(path);
        let is =
            |names: &[&str]| ext.is_some_and(|e| names.iter().any(|n| e.eq_ignore_ascii_case(n)));
        if is(&["md", "markdown", "mdown", "mkd"]) {
            Format::Markdown
        } else if is(&["html", "htm", "xhtml"]) {
            Format::Html
        } else {
            Format::Plain
        }
    }
}

/// `path.extension().and_then(OsStr::to_str)`, read from the bytes after the last `/` when the
/// path ends with a plain name (always so for the files of a walk) rather than by splitting the
/// whole path into components: a tenth of the instructions (issue 6: the walk and the job list
/// asked it twice a file, about 270 instructions each time).
pub(crate) fn extension_str(path: &std::path::Path) -> Option<&str> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let name = match bytes.iter().rposition(|&b| b == b'/') {
        Some(i) => &bytes[i + 1..],
        None => bytes,
    };
    // on Unix the text after the last `/` is the last component unless it is empty, `.` or
    // `..`; elsewhere (other separators, drive prefixes) the standard library decides
    if !cfg!(unix) || matches!(name, b"" | b"." | b"..") {
        return path.extension().and_then(std::ffi::OsStr::to_str);
    }
    match name.iter().rposition(|&b| b == b'.') {
        // no dot, or a hidden file's leading one (`.md` has no extension)
        None | Some(0) => None,
        Some(dot) => std::str::from_utf8(&name[dot + 1..]).ok(),
    }
}

/// What kind of block a run of prose is. Sentences never cross a block boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    /// A Markdown/HTML heading, or a plain-text title line.
    Heading,
    Paragraph,
    ListItem,
    BlockQuote,
    /// A single plain-text line without final punctuation: headline, subhead, caption, dateline.
    Line,
    TableCell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Span in `Document::text` coordinates, trimmed of surrounding white space.
    pub span: Span,
    /// Heading level (1–6) for headings, else 0.
    pub level: u8,
}

/// Monotone map from analysis-text offsets to source offsets: sorted `(text, source)` anchors;
/// between anchors the offset delta of the previous anchor applies. Empty means identity.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    anchors: Vec<(usize, usize)>,
}

impl OffsetMap {
    pub fn identity() -> Self {
        OffsetMap::default()
    }
    /// Records that text offset `text` corresponds to source offset `source`. Calls must come in
    /// increasing `text` order.
    pub fn push(&mut self, text: usize, source: usize) {
        if let Some(last) = self.anchors.last_mut() {
            if last.0 == text {
                *last = (text, source);
                return;
            }
        }
        self.anchors.push((text, source));
    }
    pub fn is_identity(&self) -> bool {
        self.anchors.is_empty()
    }
    pub fn to_source(&self, offset: usize) -> usize {
        if self.anchors.is_empty() {
            return offset;
        }
        let i = match self.anchors.binary_search_by_key(&offset, |a| a.0) {
            Ok(i) => i,
            Err(0) => return offset,
            Err(i) => i - 1,
        };
        let (t, s) = self.anchors[i];
        s + (offset - t)
    }
}

/// A directive found in a comment (`<!-- whosaid off -->` and friends), kept for suppression.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Directive {
    /// Span of the whole comment in text coordinates.
    pub span: Span,
    /// The comment body, trimmed (`whosaid-disable loaded-verb`).
    pub body: String,
}

#[derive(Clone, Debug)]
pub struct Document {
    /// Display path (`-` for standard input).
    pub path: PathBuf,
    pub format: Format,
    /// The file as read, never modified.
    pub source: SharedText,
    /// The analysis text (see module docs); the same allocation as `source` for plain text.
    pub text: SharedText,
    pub map: OffsetMap,
    pub blocks: Vec<Block>,
    pub directives: Vec<Directive>,
}

impl Document {
    /// Translates a span in `text` coordinates to `source` coordinates.
    pub fn source_span(&self, span: Span) -> Span {
        if self.map.is_identity() {
            return span;
        }
        let start = self.map.to_source(span.start);
        // the end maps as the position after the last byte
        let end = if span.end > span.start {
            self.map.to_source(span.end - 1) + 1
        } else {
            start
        };
        let mut end = end.max(start).min(self.source.len());
        while end < self.source.len() && !self.source.is_char_boundary(end) {
            end += 1;
        }
        Span::new(start.min(end), end)
    }

    /// The analysis text of a span.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::Path;

    fn std_extension(p: &str) -> Option<&str> {
        Path::new(p).extension().and_then(std::ffi::OsStr::to_str)
    }

    #[test]
    fn extension_is_the_standard_one_on_odd_paths() {
        for p in [
            "",
            ".",
            "..",
            "/",
            "a",
            "a.md",
            ".md",
            "..md",
            "a.",
            "a..",
            "a.b.MD",
            "/a.txt",
            "dir/.hidden",
            "dir.d/file",
            "dir.d/file.",
            "a.md/",
            "a.md/.",
            "a.md/..",
            "a.md//",
            "./a.htm",
            "../b.html",
            "x//y/z.markdown",
            "é.md",
            "a.é",
            "/.",
            "//",
            "a/.b.c",
        ] {
            assert_eq!(extension_str(Path::new(p)), std_extension(p), "{p:?}");
        }
    }

    proptest! {
        #[test]
        fn extension_matches_the_standard_library(p in "[a./éM ]{0,12}") {
            prop_assert_eq!(extension_str(Path::new(&p)), std_extension(&p));
        }
    }
}
