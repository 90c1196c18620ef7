//! Half-open byte spans and the byte → line/column index used only by reports.

use serde::Serialize;

/// Half-open byte range `start..end` into a document's analysis text. Invariant: `start <= end`,
/// both on UTF-8 char boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text this span covers; empty when the span is out of range or not on char boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// 1-based line and 1-based column counted in Unicode scalar values (characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Maps byte offsets of one source text to 1-based line and character column.
/// Lines end at `\n`, `\r\n` or a lone `\r`.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(off) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let p = i + off;
            if bytes[p] == b'\r' && bytes.get(p + 1) == Some(&b'\n') {
                i = p + 2;
            } else {
                i = p + 1;
            }
            starts.push(i);
        }
        LineIndex { starts }
    }

    /// Line and column of byte `offset` in `text` (the same text the index was built from).
    /// An offset inside a character counts as that character.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.starts[line];
        let mut end = offset;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = text.get(start..end).map_or(0, |s| s.chars().count()) + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// Byte range of 1-based `line` (without its line ending).
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let i = line.saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[i];
        let mut end = self.starts.get(i + 1).copied().unwrap_or(text.len());
        let b = text.as_bytes();
        while end > start && (b[end - 1] == b'\n' || b[end - 1] == b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars_and_all_line_endings() {
        let t = "a\r\nbé c\rd\ne";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 0), LineCol { line: 1, column: 1 });
        assert_eq!(ix.line_col(t, 3), LineCol { line: 2, column: 1 });
        // 'c' comes after the two-byte é
        assert_eq!(ix.line_col(t, 7), LineCol { line: 2, column: 4 });
        assert_eq!(ix.line_col(t, 9), LineCol { line: 3, column: 1 });
        assert_eq!(ix.line_col(t, 11), LineCol { line: 4, column: 1 });
        assert_eq!(ix.line_span(t, 2), Span::new(3, 8));
    }
}
