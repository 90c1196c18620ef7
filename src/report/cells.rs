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
pub fn shown(g: &str, col: usize) -> (&str, usize) {
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
pub struct Cells<'a> {
    graphemes: GraphemeIndices<'a>,
    /// Offset of the first cluster in the line.
    base: usize,
    /// Column of the next cluster.
    col: usize,
}

impl<'a> Iterator for Cells<'a> {
    type Item = (usize, &'a str, usize);
    fn next(&mut self) -> Option<Self::Item> {
        let (i, g) = self.graphemes.next()?;
        let col = self.col;
        self.col += shown(g, col).1;
        Some((self.base + i, g, col))
    }
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
        graphemes: line
            .get(m.byte..)
            .unwrap_or_default()
            .grapheme_indices(true),
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
        for (byte, _, col) in &mut it {
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
        from_mark(line, m)
            .find(|(byte, _, _)| *byte >= at)
            .map_or(self.width, |(_, _, col)| col)
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
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that put checkpoints inside multi-byte characters and grapheme clusters: accents,
    /// wide characters, emoji joined by U+200D and with skin tones, flags (regional indicator
    /// pairs, and odd runs of them), Hangul jamo, Devanagari conjuncts, tabs, control and
    /// zero-width characters, CR and LF.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a",
            "said ",
            " ",
            "é",
            "e\u{301}",
            "\u{301}",
            "\u{301}\u{302}\u{303}",
            "北京",
            "😀",
            "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}",
            "\u{1F44D}\u{1F3FD}",
            "\u{200D}",
            "\u{1F1FA}",
            "\u{1F1FA}\u{1F1F8}",
            "\u{1100}\u{1161}\u{11A8}",
            "\u{915}\u{94D}\u{937}",
            "\t",
            "\u{7}",
            "\u{1B}[1m",
            "\u{200B}",
            "\u{FEFF}",
            "\r",
            "\n",
            "\r\n",
        ])
    }

    /// The straightforward computation: every cluster from the line start.
    fn naive(line: &str) -> Vec<(usize, &str, usize)> {
        cells(line).collect()
    }

    proptest! {
        /// Columns and characters read from the checkpoints equal reading the line from its
        /// start, at every byte and every column.
        #[test]
        fn checkpoints_agree_with_reading_from_the_line_start(
            pieces in prop::collection::vec(piece(), 0..300),
        ) {
            let line: String = pieces.concat();
            let lc = LineCells::new(&line);
            let all = naive(&line);
            let width = all.last().map_or(0, |(_, g, c)| c + shown(g, *c).1);
            prop_assert_eq!(lc.width(), width);
            for m in &lc.marks {
                // every checkpoint is a cluster boundary of the whole line, at its column
                prop_assert!(all.iter().any(|(b, _, c)| *b == m.byte && *c == m.col) || m.byte == 0);
            }
            // the column of the first character at or after each byte
            let mut k = 0;
            for at in 0..=line.len() + 1 {
                while all.get(k).is_some_and(|(b, _, _)| *b < at) {
                    k += 1;
                }
                let want = all.get(k).map_or(width, |(_, _, c)| *c);
                prop_assert_eq!(lc.col_at(&line, at), want, "byte {}", at);
                if at % 17 == 0 || at + 1 >= line.len() {
                    let (built, cols) = LineCells::new_with(&line, [at, at / 2]);
                    prop_assert_eq!(&built, &lc);
                    prop_assert_eq!(cols, [want, lc.col_at(&line, at / 2)]);
                }
            }
            for col in 0..=width + 1 {
                let tail: Vec<_> = lc.cells_from_col(&line, col).collect();
                // a suffix of the whole line's characters that holds all from `col` on
                prop_assert!(all.ends_with(&tail), "col {}", col);
                let from_col = all.iter().filter(|(_, _, c)| *c >= col).count();
                prop_assert!(tail.iter().filter(|(_, _, c)| *c >= col).count() == from_col);
                if let Some((_, _, c)) = tail.first() {
                    prop_assert!(*c < col || tail.len() == all.len());
                }
            }
        }
    }

    proptest! {
        /// Segmenting a line from any of its cluster boundaries gives the rest of the whole
        /// line's clusters, at the same columns (what the checkpoints rely on).
        #[test]
        fn reading_on_from_any_boundary_gives_the_same_clusters(
            pieces in prop::collection::vec(piece(), 0..60),
        ) {
            let line: String = pieces.concat();
            let all = naive(&line);
            for (i, (byte, _, col)) in all.iter().enumerate() {
                let rest: Vec<_> = from_mark(&line, Mark { byte: *byte, col: *col }).collect();
                prop_assert_eq!(&rest[..], &all[i..], "from byte {}", byte);
            }
        }
    }

    #[test]
    fn width_rules() {
        assert_eq!(shown("\t", 0), ("    ", 4));
        assert_eq!(shown("\t", 5), ("   ", 3));
        assert_eq!(shown("\u{7}", 0), (" ", 1));
        assert_eq!(shown("\r\n", 0), (" ", 1));
        assert_eq!(shown("北", 0), ("北", 2));
        assert_eq!(shown("e\u{301}", 0), ("e\u{301}", 1));
    }
}
