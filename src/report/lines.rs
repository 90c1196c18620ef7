//! The lines of one source text ([`Lines`]): where each starts, and which hold only ASCII (a
//! column there is the distance from the line start). Lines end at `\n`, `\r\n` or a lone
//! `\r`, as [`crate::span::LineIndex`] has them.

use crate::span::Span;

/// Line starts of a source and, one bit a line, the lines whose bytes are all ASCII.
#[derive(Clone, Debug)]
pub struct Lines {
    /// Byte offset at which each line starts (line 1 at 0).
    starts: Vec<usize>,
    /// Bit `k % 64` of word `k / 64`: line `k + 1` (with its line ending) is all ASCII.
    ascii: Vec<u64>,
}

impl Lines {
    /// One pass over `text`: line breaks found with `memchr`, each line tested for bytes outside
    /// ASCII as a whole.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // room for the lines of an article at once (issue 6: it grew five times a file)
        let mut starts = Vec::with_capacity((bytes.len() / 64).clamp(1, 256));
        starts.push(0);
        let mut ascii = Vec::new();
        // a text all ASCII (most articles in English) needs no test per line; the test of a
        // text that is not stops at its first byte outside ASCII
        let all_ascii = text.is_ascii();
        let mut mark = |k: usize, line: &[u8]| {
            if k.is_multiple_of(64) {
                ascii.push(0);
            }
            if all_ascii || line.is_ascii() {
                if let Some(w) = ascii.last_mut() {
                    *w |= 1 << (k % 64);
                }
            }
        };
        let mut i = 0;
        while let Some(off) = memchr::memchr2(b'\n', b'\r', bytes.get(i..).unwrap_or_default()) {
            let p = i + off;
            let next = if bytes.get(p) == Some(&b'\r') && bytes.get(p + 1) == Some(&b'\n') {
                p + 2
            } else {
                p + 1
            };
            mark(starts.len() - 1, bytes.get(i..next).unwrap_or_default());
            starts.push(next);
            i = next;
        }
        mark(starts.len() - 1, bytes.get(i..).unwrap_or_default());
        Lines { starts, ascii }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The start offset of 0-based line `k` (the text's length past the last line).
    #[inline]
    pub(crate) fn start(&self, k: usize, len: usize) -> usize {
        self.starts.get(k).copied().unwrap_or(len)
    }

    /// Whether 0-based line `k` holds only ASCII.
    #[inline]
    pub(crate) fn is_ascii(&self, k: usize) -> bool {
        self.ascii
            .get(k / 64)
            .is_some_and(|w| w >> (k % 64) & 1 == 1)
    }

    /// The 0-based line holding `offset`: the last line starting at or before it.
    pub(crate) fn find(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Byte range of 1-based `line` (without its line ending) in `text`, the text the lines
    /// were found in: [`crate::span::LineIndex::line_span`].
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let k = line.saturating_sub(1).min(self.starts.len() - 1);
        let start = self.start(k, text.len());
        let b = text.as_bytes();
        let mut end = self.start(k + 1, text.len()).min(b.len()).max(start);
        while end > start && matches!(b.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        Span::new(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::LineIndex;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a", "word ", "é", "北京", "😀", "\t", "\n", "\r\n", "\r", "\n\r", "\r\r", "\u{7f}",
        ])
    }

    proptest! {
        /// Line spans and counts are the line index's; a line is ASCII when its bytes are.
        #[test]
        fn lines_are_the_line_index(pieces in prop::collection::vec(piece(), 0..200)) {
            let text: String = pieces.concat();
            let (lines, ix) = (Lines::new(&text), LineIndex::new(&text));
            prop_assert_eq!(lines.line_count(), ix.line_count());
            for n in 0..=lines.line_count() + 1 {
                prop_assert_eq!(lines.line_span(&text, n), ix.line_span(&text, n));
            }
            for k in 0..lines.line_count() {
                let (a, b) = (lines.start(k, text.len()), lines.start(k + 1, text.len()));
                prop_assert_eq!(lines.is_ascii(k), text[a..b].is_ascii());
            }
            prop_assert!(!lines.is_ascii(lines.line_count() + 64));
            for at in 0..=text.len() {
                prop_assert_eq!(lines.find(at) + 1, ix.line_col(&text, at).line);
            }
        }
    }
}
