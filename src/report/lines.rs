//! The lines of one source text ([`Lines`]): where each starts, and which hold only ASCII (a
//! column there is the distance from the line start). Lines end at `\n`, `\r\n` or a lone
//! `\r`, as [`crate::span::LineIndex`] has them.

use crate::rules::alphabet::next_non_ascii;
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
    /// Two passes over `text`: line breaks found with one `memchr2` iterator, then bytes outside
    /// ASCII found a block at a time, each marking its line and skipping the rest of it (issue 6:
    /// a search and an ASCII test per line cost more than the two scans; most lines of English
    /// copy are all ASCII).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // room for the lines of an article at once (issue 6: it grew five times a file)
        let mut starts = Vec::with_capacity((bytes.len() / 64).clamp(1, 256));
        starts.push(0);
        for p in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // `\r\n` is one line ending: the line starts after its `\n`
            if bytes.get(p) == Some(&b'\r') && bytes.get(p + 1) == Some(&b'\n') {
                continue;
            }
            starts.push(p + 1);
        }
        let ascii = ascii_lines(bytes, &starts);
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

/// One bit a line (bit `k % 64` of word `k / 64` for 0-based line `k`, no bits past the last
/// line): set when the line's bytes, from its start to the next line's, are all ASCII.
fn ascii_lines(bytes: &[u8], starts: &[usize]) -> Vec<u64> {
    let n = starts.len();
    let mut ascii = vec![u64::MAX; n.div_ceil(64)];
    if let Some(last) = ascii.last_mut() {
        if !n.is_multiple_of(64) {
            *last = (1 << (n % 64)) - 1;
        }
    }
    // `k`: the line holding `from` (lines only grow, so a walk forward finds it)
    let (mut from, mut k) = (0, 0);
    while let Some(at) = next_non_ascii(bytes, from) {
        while starts.get(k + 1).is_some_and(|&s| s <= at) {
            k += 1;
        }
        if let Some(w) = ascii.get_mut(k / 64) {
            *w &= !(1 << (k % 64));
        }
        // the rest of the line is not looked at: the next line's start (past the text for the
        // last line)
        match starts.get(k + 1) {
            Some(&s) => from = s,
            None => break,
        }
    }
    ascii
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

    proptest! {
        /// The block scan (`rules::alphabet::next_non_ascii`) finds the first byte outside
        /// ASCII a byte scan finds, on the pieces of these tests.
        #[test]
        fn next_non_ascii_is_the_first_high_byte(
            pieces in prop::collection::vec(long_piece(), 0..12),
            from in 0usize..400,
        ) {
            let text: String = pieces.concat();
            let want = text.bytes().enumerate().skip(from).find(|(_, b)| !b.is_ascii());
            prop_assert_eq!(next_non_ascii(text.as_bytes(), from), want.map(|(i, _)| i));
        }
    }

    /// The lines as found before (issue 6): a `memchr2` search and an ASCII test per line.
    fn lines_one_by_one(text: &str) -> (Vec<usize>, Vec<bool>) {
        let bytes = text.as_bytes();
        let (mut starts, mut ascii) = (vec![0], Vec::new());
        let mut i = 0;
        while let Some(off) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let p = i + off;
            let next = if bytes.get(p) == Some(&b'\r') && bytes.get(p + 1) == Some(&b'\n') {
                p + 2
            } else {
                p + 1
            };
            ascii.push(bytes[i..next].is_ascii());
            starts.push(next);
            i = next;
        }
        ascii.push(bytes[i..].is_ascii());
        (starts, ascii)
    }

    /// Long lines (many blocks of 32 bytes) with bytes outside ASCII anywhere, and any string.
    fn long_piece() -> impl Strategy<Value = String> {
        prop_oneof![
            (0usize..100).prop_map(|n| "x".repeat(n)),
            Just("é".to_string()),
            Just("😀".to_string()),
            Just("\n".to_string()),
            Just("\r".to_string()),
            Just("\r\n".to_string()),
            any::<String>(),
        ]
    }

    proptest! {
        /// The two scans give the starts and ASCII flags the search per line gave.
        #[test]
        fn lines_are_found_as_one_by_one(pieces in prop::collection::vec(long_piece(), 0..80)) {
            let text: String = pieces.concat();
            let lines = Lines::new(&text);
            let (starts, ascii) = lines_one_by_one(&text);
            prop_assert_eq!(&lines.starts, &starts);
            for (k, &a) in ascii.iter().enumerate() {
                prop_assert_eq!(lines.is_ascii(k), a, "line {}", k);
            }
            for k in ascii.len()..ascii.len() + 130 {
                prop_assert!(!lines.is_ascii(k));
            }
        }
    }
}
