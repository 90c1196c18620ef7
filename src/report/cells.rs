//! Display columns of a line as a terminal draws it. [`shown`] holds the width rules, in one
//! place: a displayed character is a grapheme cluster (UAX #29); a tab runs to the next stop,
//! a cluster with a control character is one blank cell, any other cluster takes its Unicode
//! width. [`LineCells`] keeps checkpoints every [`STEP`] bytes of a line, so the column of a
//! byte, or the characters from a column on, deep in a long line cost O(`STEP`), not O(line)
//! (issue 6: a terminal excerpt once read a line of megabytes from its start per finding).

use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation};
use unicode_width::UnicodeWidthStr;

/// Tab stops every this many cells.
pub const TAB: usize = 4;
/// What a tab shows: the first `width` of these.
const SPACES: &str = "    ";
const _: () = assert!(SPACES.len() == TAB);

/// Bytes (at least) between two checkpoints of a line.
const STEP: usize = 256;

/// How one displayed character (a grapheme cluster) starting at display column `col` is
/// shown, and the cells it takes.
#[inline]
pub fn shown(g: &str, col: usize) -> (&str, usize) {
    // one printable ASCII character: itself, one cell
    if let [b] = g.as_bytes() {
        if (0x20..0x7f).contains(b) {
            return (g, 1);
        }
    }
    if g == "\t" {
        let w = TAB - col % TAB;
        (SPACES.get(..w).unwrap_or(SPACES), w)
    } else if g.chars().any(char::is_control) {
        (" ", 1)
    } else {
        (g, g.width())
    }
}

/// The displayed characters of a line from a cluster boundary on, each with its byte offset
/// in the line and the display column it starts at.
///
/// A printable ASCII character followed by ASCII (or by the end) is a cluster of its own one
/// cell wide (UAX #29 joins nothing to it but characters outside ASCII, and CR only to LF), so
/// it is given without the segmenter; the segmenter reads on from where the first other
/// character starts (a cluster boundary, see [`from_mark`]). Issue 6: segmenting every
/// character of news prose was most of the terminal report.
pub struct Cells<'a> {
    /// The line from the first cluster on.
    rest: &'a str,
    /// Offset in `rest` of the next cluster.
    at: usize,
    /// The segmenter and the offset in `rest` it started from, while it is in step with `at`.
    graphemes: Option<(usize, GraphemeIndices<'a>)>,
    /// Offset of `rest` in the line.
    base: usize,
    /// Column of the next cluster.
    col: usize,
}

impl<'a> Iterator for Cells<'a> {
    type Item = (usize, &'a str, usize);
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.rest.as_bytes();
        let at = self.at;
        let b = *bytes.get(at)?;
        if (0x20..0x7f).contains(&b)
            && bytes
                .get(at + 1)
                .is_none_or(|&n| starts_cluster(bytes, at + 1, n))
        {
            self.graphemes = None;
            self.at = at + 1;
            let col = self.col;
            self.col += 1;
            return Some((self.base + at, self.rest.get(at..at + 1)?, col));
        }
        let rest = self.rest;
        // one character outside ASCII followed by ASCII (or the end): a cluster of its own
        // unless it is a prepended mark (UAX #29 GB9b; nothing else joins ASCII to what goes
        // before it), so the segmenter is not started for a dash or a quotation mark in prose
        if b >= 0x80 && self.graphemes.is_none() {
            if let Some(c) = rest.get(at..).and_then(|r| r.chars().next()) {
                let end = at + c.len_utf8();
                if bytes.get(end).is_none_or(u8::is_ascii) && !is_prepend(c) {
                    let g = rest.get(at..end)?;
                    // `at` is a cluster boundary, so this is the whole cluster (a segmenter
                    // already running reads on instead: starting one costs more)
                    self.at = end;
                    let col = self.col;
                    self.col += shown(g, col).1;
                    return Some((self.base + at, g, col));
                }
            }
        }
        let (from, it) = self.graphemes.get_or_insert_with(|| {
            (
                at,
                rest.get(at..).unwrap_or_default().grapheme_indices(true),
            )
        });
        let (i, g) = it.next()?;
        let start = *from + i;
        self.at = start + g.len();
        let col = self.col;
        self.col += shown(g, col).1;
        Some((self.base + start, g, col))
    }
}

impl<'a> Cells<'a> {
    /// How many of the next characters the fast path of [`Cells::next`] gives (printable ASCII
    /// each followed by ASCII or the end): each is one byte and one cell.
    fn ascii_run(&self) -> usize {
        let b = self.rest.as_bytes().get(self.at..).unwrap_or_default();
        let k = printable_prefix(b);
        // the last printable one joins what follows when that may join what goes before it
        if b.get(k).is_some_and(|&c| !starts_cluster(b, k, c)) {
            k.saturating_sub(1)
        } else {
            k
        }
    }

    /// The next characters as one string when they are a run of the fast path (see
    /// [`Cells::ascii_run`]), with its line offset and starting column; `None` otherwise.
    pub fn next_ascii_run(&mut self) -> Option<(usize, &'a str, usize)> {
        let n = self.ascii_run();
        if n == 0 {
            return None;
        }
        let (byte, col) = self.place();
        let run = self.rest.get(self.at..self.at + n)?;
        self.pass(n);
        Some((byte, run, col))
    }

    /// The line offset and column of the next character.
    fn place(&self) -> (usize, usize) {
        (self.base + self.at, self.col)
    }

    /// Passes over `n` characters of an [`Cells::ascii_run`].
    fn pass(&mut self, n: usize) {
        self.graphemes = None;
        self.at += n;
        self.col += n;
    }
}

/// Whether the character at byte `at` of `s` (its first byte `b`, not printable ASCII)
/// surely begins a cluster after a printable ASCII character: an ASCII one, or one of the
/// letters, punctuation marks and signs of Latin-1 and Latin Extended (U+00A0 to U+02FF) and
/// of General Punctuation (U+2010 to U+2027, U+2030 to U+205E), none of which extends a
/// cluster (checked against the segmenter for each by a test). Others may be combining
/// marks, joiners or spacing marks.
#[inline]
fn starts_cluster(s: &[u8], at: usize, b: u8) -> bool {
    match b {
        0..0x80 => true,
        // two-byte characters U+0080 to U+02FF; U+0080 to U+009F are controls
        0xc2..=0xcb => b != 0xc2 || s.get(at + 1).is_some_and(|&n| n >= 0xa0),
        // U+2010 to U+205E: e2 80 90..bf, e2 81 80..9e, less U+2028 to U+202F (e2 80 a8..af)
        0xe2 => match (s.get(at + 1), s.get(at + 2)) {
            (Some(0x80), Some(&n)) => (0x90..=0xa7).contains(&n) || (0xb0..=0xbf).contains(&n),
            (Some(0x81), Some(&n)) => (0x80..=0x9e).contains(&n),
            _ => false,
        },
        _ => false,
    }
}

/// Characters with Grapheme_Cluster_Break=Prepend, which join the character after them
/// (checked against the segmenter for every character by a test).
fn is_prepend(c: char) -> bool {
    matches!(
        u32::from(c),
        0x600..=0x605
            | 0x6DD
            | 0x70F
            | 0x890..=0x891
            | 0x8E2
            | 0xD4E
            | 0x110BD
            | 0x110CD
            | 0x111C2..=0x111C3
            | 0x113D1
            | 0x1193F
            | 0x11941
            | 0x11A84..=0x11A89
            | 0x11D46
            | 0x11F02
    )
}

/// How many bytes at the start of `b` are printable ASCII (`0x20..0x7f`), eight at a time.
fn printable_prefix(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (words, _) = b.as_chunks::<8>();
    let mut k = 0;
    for w in words {
        let v = u64::from_le_bytes(*w);
        // lanes below 0x20 (the lowest such lane is exact: a borrow only runs on from a lane
        // that is one), lanes of 0x7f (seven bits plus one never carry out of the lane) and
        // lanes outside ASCII
        let low = v.wrapping_sub(ONES * 0x20) & !v & HIGH;
        let high = ((v & !HIGH).wrapping_add(ONES) | v) & HIGH;
        let bad = low | high;
        if bad != 0 {
            return k + (bad.trailing_zeros() / 8) as usize;
        }
        k += 8;
    }
    k + b
        .get(k..)
        .unwrap_or_default()
        .iter()
        .take_while(|c| (0x20..0x7f).contains(*c))
        .count()
}

/// The displayed characters of `line` from its start.
pub fn cells(line: &str) -> Cells<'_> {
    from_mark(line, Mark { byte: 0, col: 0 })
}

/// A cluster boundary of a line and its display column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Mark {
    byte: usize,
    col: usize,
}

/// The displayed characters of `line` from `m` on. Segmenting the rest of a line from one of
/// its cluster boundaries gives the clusters of the whole line: the rules that look back
/// (emoji joined by U+200D, pairs of regional indicators) never look across a boundary.
fn from_mark(line: &str, m: Mark) -> Cells<'_> {
    Cells {
        rest: line.get(m.byte..).unwrap_or_default(),
        at: 0,
        graphemes: None,
        base: m.byte,
        col: m.col,
    }
}

/// Checkpoints of one line: a cluster boundary about every [`STEP`] bytes with its display
/// column, and the line's width. Built in one pass over the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineCells {
    /// Increasing in bytes and (not strictly) in columns; the first is the line start.
    marks: Vec<Mark>,
    width: usize,
}

impl LineCells {
    pub fn new(line: &str) -> Self {
        Self::new_with(line, [usize::MAX; 2]).0
    }

    /// The checkpoints of `line` and, from the same pass, what [`LineCells::col_at`] gives for
    /// each of `at` (a short line is read once, not once more per question).
    pub fn new_with(line: &str, at: [usize; 2]) -> (Self, [usize; 2]) {
        let mut marks = vec![Mark { byte: 0, col: 0 }];
        let mut next = STEP;
        let mut found = [None; 2];
        let mut it = cells(line);
        loop {
            // a run of one-byte, one-cell characters at once
            let run = it.ascii_run();
            if run > 0 {
                let (b0, c0) = it.place();
                let b1 = b0 + run;
                while next < b1 {
                    let byte = next.max(b0);
                    marks.push(Mark {
                        byte,
                        col: c0 + (byte - b0),
                    });
                    next = byte + STEP;
                }
                for (f, a) in found.iter_mut().zip(at) {
                    if f.is_none() && a < b1 {
                        *f = Some(c0 + (a.max(b0) - b0));
                    }
                }
                it.pass(run);
                continue;
            }
            let Some((byte, _, col)) = it.next() else {
                break;
            };
            if byte >= next {
                marks.push(Mark { byte, col });
                next = byte + STEP;
            }
            for (f, a) in found.iter_mut().zip(at) {
                if f.is_none() && byte >= a {
                    *f = Some(col);
                }
            }
        }
        let width = it.col;
        (
            LineCells { marks, width },
            found.map(|f| f.unwrap_or(width)),
        )
    }

    /// The display width of the line.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The display column of the first displayed character that starts at or after byte
    /// `at` of `line` (the line's width when there is none).
    pub fn col_at(&self, line: &str, at: usize) -> usize {
        let k = self.marks.partition_point(|m| m.byte <= at);
        let m = self.mark(k.saturating_sub(1));
        let mut it = from_mark(line, m);
        loop {
            let run = it.ascii_run();
            if run > 0 {
                let (b0, c0) = it.place();
                if at < b0 + run {
                    return c0 + (at.max(b0) - b0);
                }
                it.pass(run);
                continue;
            }
            match it.next() {
                Some((byte, _, col)) if byte >= at => return col,
                Some(_) => {}
                None => return self.width,
            }
        }
    }

    /// The displayed characters of `line` from the last checkpoint before column `col` on (from
    /// the line start when there is none): every character starting at `col` or later, and
    /// fewer than [`STEP`] bytes before.
    pub fn cells_from_col<'l>(&self, line: &'l str, col: usize) -> Cells<'l> {
        let k = self.marks.partition_point(|m| m.col < col);
        from_mark(line, self.mark(k.saturating_sub(1)))
    }

    fn mark(&self, k: usize) -> Mark {
        self.marks
            .get(k)
            .copied()
            .unwrap_or(Mark { byte: 0, col: 0 })
    }
}

#[cfg(test)]
mod tests;
