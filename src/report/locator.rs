//! Source offsets to 1-based lines and character columns ([`Locator`]). A line of ASCII
//! only (most lines of English copy) gives a column as the distance from its start; in other
//! lines a span costs O([`STEP`]) after the one before it in document order, and O(log lines +
//! `STEP`) in any order: a table of character counts at every `STEP`th byte of the source,
//! built once per file on first use, replaces counting from the start of a line (issue 6: a
//! one-line file of megabytes made every out-of-order span cost the whole line).

use super::lines::Lines;
use crate::document::Document;
use crate::span::{LineCol, Span};
use std::cell::{Cell, OnceCell};

/// Bytes between two entries of the character-count table.
const STEP: usize = 256;

/// Converts text spans of one document to source offsets and 1-based line/character columns.
pub struct Locator<'a> {
    pub doc: &'a Document,
    lines: Lines,
    /// `chars[k]`: the characters that start in the source's first `k * STEP` bytes, for every
    /// `k` up to `len / STEP`. Built on first use.
    chars: OnceCell<Vec<usize>>,
    /// The line found last: its 0-based index, start offset and the start of the next line
    /// (the source's length plus one for the last line). Spans come mostly in document order,
    /// so the next one is usually on this line or the next, found without a search.
    line: Cell<(usize, usize, usize)>,
    /// The position found last on a line that is not all ASCII (a character boundary) and its
    /// 1-based line and column: the next one in document order is usually a little further on
    /// the same line.
    last: Cell<(usize, LineCol)>,
}

/// A span resolved against the source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    /// Half-open byte range into the source as read.
    pub span: Span,
    pub start: LineCol,
    /// Position just after the last character (exclusive end), 1-based.
    pub end: LineCol,
}

impl Location {
    /// The JSON position fields every report object carries: `start`, `end` (source bytes),
    /// `line`, `column`, `end_line`, `end_column` (1-based, character columns).
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "start": self.span.start, "end": self.span.end,
            "line": self.start.line, "column": self.start.column,
            "end_line": self.end.line, "end_column": self.end.column,
        })
    }

    /// `extra`'s fields with the position fields added.
    pub fn json_with(&self, extra: serde_json::Value) -> serde_json::Value {
        let mut v = self.json();
        if let (Some(o), serde_json::Value::Object(e)) = (v.as_object_mut(), extra) {
            o.extend(e);
        }
        v
    }
}

/// The characters that start in `bytes` (UTF-8 lead bytes: every byte but `0b10xx_xxxx`);
/// `chars().count()` of a string cut at character boundaries. Eight bytes at a time.
fn lead_bytes(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // continuation bytes have bit 7 set and bit 6 clear: one such mark per byte lane, summed
    // lane by lane (at most 8 × 31 < 256 per lane), then across lanes by one product
    let marks = |w: &[u8; 8]| {
        let w = u64::from_le_bytes(*w);
        (w & !(w << 1) & HIGH) >> 7
    };
    let (words, rest) = bytes.as_chunks::<8>();
    let mut continuation = 0;
    for block in words.chunks(31) {
        let lanes = block.iter().fold(0, |acc, w| acc + marks(w));
        continuation += (lanes.wrapping_mul(ONES) >> 56) as usize;
    }
    continuation += match bytes.last_chunk::<8>() {
        // the last 0..7 bytes as the word that ends the text, its lanes before them shifted
        // out (issue 6: a loop of 0 to 7 steps was a mispredicted branch per column)
        Some(last) => {
            let shift = 64 - 8 * rest.len() as u32;
            ((marks(last) >> (shift - 1) >> 1).wrapping_mul(ONES) >> 56) as usize
        }
        None => rest.iter().filter(|&&b| (b as i8) < -0x40).count(),
    };
    bytes.len() - continuation
}

impl<'a> Locator<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Locator {
            doc,
            lines: Lines::new(&doc.source),
            chars: OnceCell::new(),
            // no line yet: "line -1" ends where line 1 starts
            line: Cell::new((usize::MAX, usize::MAX, 0)),
            last: Cell::new((0, LineCol { line: 1, column: 1 })),
        }
    }

    #[inline]
    pub fn locate(&self, text_span: Span) -> Location {
        let span = self.doc.source_span(text_span);
        Location {
            span,
            start: self.line_col(span.start),
            end: self.line_col(span.end),
        }
    }

    /// Line and 1-based character column of source offset `offset`: exactly
    /// [`crate::span::LineIndex::line_col`] (an offset inside a character counts as that
    /// character).
    #[inline]
    pub fn line_col(&self, offset: usize) -> LineCol {
        let src = self.doc.source.as_str();
        let offset = offset.min(src.len());
        let (k, start) = self.line_of(offset);
        if self.lines.is_ascii(k) {
            return LineCol {
                line: k + 1,
                column: offset - start + 1,
            };
        }
        self.wide_column(k, start, offset)
    }

    /// [`Self::line_col`] on 0-based line `k` (starting at `start`), which holds characters
    /// outside ASCII.
    #[inline(never)]
    fn wide_column(&self, k: usize, start: usize, offset: usize) -> LineCol {
        let src = self.doc.source.as_str();
        let line = k + 1;
        // line starts are ASCII boundaries, so the character is on the line of `offset`
        let mut end = offset;
        while end > start && !src.is_char_boundary(end) {
            end -= 1;
        }
        let (at, pos) = self.last.get();
        // on from the position found last on this line (issue 6: however far on; it was counted
        // from the line start past `STEP` bytes)
        let column = if pos.line == line && at <= end {
            pos.column + self.chars_between(at, end)
        } else {
            self.chars_between(start, end) + 1
        };
        let here = LineCol { line, column };
        self.last.set((end, here));
        here
    }

    /// Line and 1-based column counted in UTF-8 bytes (reviewdog's unit) of a source offset.
    pub fn byte_position(&self, source_offset: usize) -> LineCol {
        let offset = source_offset.min(self.doc.source.len());
        let (k, start) = self.line_of(offset);
        LineCol {
            line: k + 1,
            column: offset.saturating_sub(start) + 1,
        }
    }

    /// The source's lines.
    pub fn lines(&self) -> &Lines {
        &self.lines
    }

    /// The 0-based line holding `offset` (at most the source's length) and its start offset.
    #[inline]
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let (k, start, next) = self.line.get();
        if start <= offset && offset < next {
            return (k, start);
        }
        self.find_line(offset)
    }

    /// [`Self::line_of`] when `offset` is not on the line found last: a few lines on (the next
    /// sentence after a blank line), else a binary search.
    #[inline(never)]
    fn find_line(&self, offset: usize) -> (usize, usize) {
        let len = self.doc.source.len();
        // the end of 0-based line `k`: the next line's start, past the text for the last line
        let after = |k: usize| {
            if k + 1 < self.lines.line_count() {
                self.lines.start(k + 1, len)
            } else {
                len + 1
            }
        };
        let (k, _, next) = self.line.get();
        let ahead = if k != usize::MAX && next <= offset {
            (k + 1..k + 5).find(|&j| offset < after(j))
        } else {
            None
        };
        let found = ahead.unwrap_or_else(|| self.lines.find(offset));
        let start = self.lines.start(found, len);
        self.line.set((found, start, after(found)));
        (found, start)
    }

    /// The characters in `from..to` (both character boundaries, `from <= to`).
    fn chars_between(&self, from: usize, to: usize) -> usize {
        let bytes = self.doc.source.as_bytes();
        // a short count costs less than building the table for a file of short lines
        if to - from <= 4 * STEP {
            return lead_bytes(bytes.get(from..to).unwrap_or_default());
        }
        self.chars_before(to) - self.chars_before(from)
    }

    /// The characters that start before byte `at` (at most the source's length).
    fn chars_before(&self, at: usize) -> usize {
        let bytes = self.doc.source.as_bytes();
        let table = self.chars.get_or_init(|| {
            let mut t = Vec::with_capacity(bytes.len() / STEP + 1);
            let mut n = 0;
            t.push(0);
            for chunk in bytes.chunks_exact(STEP) {
                n += lead_bytes(chunk);
                t.push(n);
            }
            t
        });
        let k = at / STEP;
        table.get(k).copied().unwrap_or_default()
            + lead_bytes(bytes.get(k * STEP..at).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::LineIndex;
    use proptest::prelude::*;

    fn doc(text: &str) -> Document {
        crate::input::parse(
            std::path::PathBuf::from("t.txt"),
            crate::document::Format::Plain,
            text.to_string(),
        )
    }

    /// `Locator::locate` must give what `LineIndex::line_col` gives from scratch, whatever
    /// the order of the spans.
    #[test]
    fn locate_matches_the_line_index_in_any_order() {
        let text = "Über den Fluss.\r\nShe said \u{201c}yes\u{201d}.\rA line\n\nthe end é😀 done\n";
        let doc = doc(text);
        let loc = Locator::new(&doc);
        let ix = LineIndex::new(text);
        let n = text.len();
        let agrees = |a: usize, b: usize| {
            let got = loc.locate(Span::new(a, b));
            let span = doc.source_span(Span::new(a, b));
            assert_eq!(
                got.start,
                ix.line_col(text, span.start),
                "start of {a}..{b}"
            );
            assert_eq!(got.end, ix.line_col(text, span.end), "end of {a}..{b}");
        };
        // a fixed pseudo-random walk over offsets, forwards and backwards, on and off
        // character boundaries
        let mut x = 7usize;
        for _ in 0..2000 {
            x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
            let a = x % (n + 1);
            x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
            let b = a + x % (n + 1 - a);
            agrees(a, b);
        }
        // in document order, as the reports locate sentences and findings
        for a in 0..=n {
            let b = (a + 5).min(n);
            agrees(a, b);
        }
    }

    /// Pieces of text that put the table's checkpoints inside multi-byte characters and
    /// between the lines of every kind of line ending.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a",
            "word ",
            "é",
            "e\u{301}",
            "北京",
            "😀",
            "\u{1F469}\u{200D}\u{1F467}",
            "\t",
            "\u{7}",
            "\u{200B}",
            "\n",
            "\r\n",
            "\r",
            "\u{1F1FA}\u{1F1F8}",
            " ",
        ])
    }

    proptest! {
        /// Counting lead bytes eight at a time is `chars().count()`, at every alignment.
        #[test]
        fn lead_bytes_count_characters(s in any::<String>(), cut in 0usize..8) {
            let cut = (0..=cut.min(s.len())).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
            prop_assert_eq!(lead_bytes(s.as_bytes()), s.chars().count());
            prop_assert_eq!(lead_bytes(&s.as_bytes()[cut..]), s[cut..].chars().count());
        }
    }

    proptest! {
        /// Lines and columns from the checkpoint table equal counting from the line start,
        /// for every offset of texts long enough to hold many checkpoints, in random order.
        #[test]
        fn table_columns_equal_counting_from_the_line_start(
            pieces in prop::collection::vec(piece(), 0..600),
            order in prop::collection::vec(any::<prop::sample::Index>(), 0..300),
        ) {
            let text: String = pieces.concat();
            let doc = doc(&text);
            let loc = Locator::new(&doc);
            let ix = LineIndex::new(&text);
            for at in 0..=text.len() + 1 {
                prop_assert_eq!(loc.line_col(at), ix.line_col(&text, at), "offset {}", at);
            }
            for i in order {
                let at = i.index(text.len() + 1);
                prop_assert_eq!(loc.line_col(at), ix.line_col(&text, at), "offset {}", at);
                let lc = ix.line_col(&text, at);
                let start = ix.line_span(&text, lc.line).start;
                prop_assert_eq!(
                    loc.byte_position(at),
                    LineCol { line: lc.line, column: at - start + 1 }
                );
            }
        }
    }
}
