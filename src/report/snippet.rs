//! Source excerpts with a caret underline, in display columns (tabs expanded, wide characters
//! counted as two cells), for the terminal report. A displayed character is a grapheme cluster
//! (UAX #29), so a letter with combining accents, a flag or a family emoji is one cell group:
//! never cut in two at the edge of a long line, and measured as the terminal draws it. The
//! width rules are [`super::cells::shown`]; a long line's checkpoints ([`LineCells`]) are kept
//! per file, so an excerpt deep in a line of megabytes costs O(window), not O(line).

use super::cells::{self, shown, LineCells};
use super::lines::Lines;
use crate::span::Span;
use std::collections::HashMap;

/// Lines wider than this are cut to a window around the span.
const MAX_WIDTH: usize = 100;
/// Cells of context kept before the span when a line is cut.
const LEAD: usize = 24;
/// Spans over more lines than this show the first two lines, `...`, and the last line.
const MAX_LINES: usize = 4;
/// Lines longer than this (bytes) keep their checkpoints for the next excerpt; shorter ones
/// are read again, which costs no more than looking them up.
const LONG: usize = 4096;

/// One row of an excerpt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    Line {
        /// 1-based line number.
        number: usize,
        /// The line as displayed (tabs expanded, control characters blanked, maybe cut).
        text: String,
        /// Cells before the underline, and its width (0 = no underline on this line).
        under: (usize, usize),
    },
    /// Lines left out of a long span.
    Gap,
}

/// The excerpts of one source file.
pub struct Excerpts<'a> {
    source: &'a str,
    index: &'a Lines,
    /// Checkpoints of the long lines shown so far, by line number (a few per cent of their
    /// bytes).
    long: HashMap<usize, LineCells>,
    /// The checkpoints of the last shorter line shown, and its number (findings come in
    /// document order, often several on one paragraph).
    last: Option<(usize, LineCells)>,
}

impl<'a> Excerpts<'a> {
    pub fn new(source: &'a str, index: &'a Lines) -> Self {
        Excerpts {
            source,
            index,
            long: HashMap::new(),
            last: None,
        }
    }

    /// The rows showing `span` (source bytes), from `start_line` to `end_line` (1-based).
    pub fn rows(&mut self, span: Span, start_line: usize, end_line: usize) -> Vec<Row> {
        let (source, index) = (self.source, self.index);
        let mut last = end_line.max(start_line);
        // a span ending just after a line break ends on the previous line
        if last > start_line && index.line_span(source, last).start == span.end {
            last -= 1;
        }
        let lines: Vec<usize> = if last - start_line + 1 > MAX_LINES {
            vec![start_line, start_line + 1, last]
        } else {
            (start_line..=last).collect()
        };
        let mut out = Vec::new();
        let mut prev = None;
        for n in lines {
            if prev.is_some_and(|p: usize| n > p + 1) {
                out.push(Row::Gap);
            }
            prev = Some(n);
            let line = index.line_span(source, n);
            let from = if n == start_line {
                span.start.max(line.start)
            } else {
                line.start
            };
            let to = span.end.min(line.end).max(from);
            out.push(self.line_row(n, line, from, to, n == start_line));
        }
        out
    }

    /// Renders one line, with the span part `from..to` (bytes) underlined: the columns of
    /// `from` and `to` and the shown characters are read from the nearest checkpoints.
    fn line_row(&mut self, number: usize, line: Span, from: usize, to: usize, first: bool) -> Row {
        let text_of_line = line.slice(self.source);
        let (from, to) = (
            from.saturating_sub(line.start),
            to.saturating_sub(line.start),
        );
        // display columns of the first characters at or after `from` and `to`
        let (lc, a, b) = if text_of_line.len() > LONG {
            let lc = self
                .long
                .entry(number)
                .or_insert_with(|| LineCells::new(text_of_line));
            let (a, b) = (lc.col_at(text_of_line, from), lc.col_at(text_of_line, to));
            (&*lc, a, b)
        } else {
            match &mut self.last {
                // the next finding on the same line
                Some((n, lc)) if *n == number => {
                    let (a, b) = (lc.col_at(text_of_line, from), lc.col_at(text_of_line, to));
                    (&*lc, a, b)
                }
                slot => {
                    let (lc, [a, b]) = LineCells::new_with(text_of_line, [from, to]);
                    let (_, lc) = slot.insert((number, lc));
                    (&*lc, a, b)
                }
            }
        };
        let total = lc.width();
        let b = b.max(a);
        // an empty span still gets one caret on its first line
        let width = if first { (b - a).max(1) } else { b - a };
        if total <= MAX_WIDTH {
            let mut text = String::with_capacity(text_of_line.len());
            let mut it = cells::cells(text_of_line);
            loop {
                // a run of printable ASCII shows as it is
                if let Some((_, run, _)) = it.next_ascii_run() {
                    text.push_str(run);
                    continue;
                }
                let Some((_, g, col)) = it.next() else { break };
                text.push_str(shown(g, col).0);
            }
            return Row::Line {
                number,
                text,
                under: (a, width),
            };
        }
        let w0 = if first { a.saturating_sub(LEAD) } else { 0 };
        let w1 = w0 + MAX_WIDTH;
        let mut text = String::new();
        let mut shift = 0;
        if w0 > 0 {
            text.push('…');
            shift = 1;
        }
        let mut it = lc.cells_from_col(text_of_line, w0);
        loop {
            // a run of printable ASCII, one cell each from column `c0`: the part in the window
            if let Some((_, run, c0)) = it.next_ascii_run() {
                let (lo, hi) = (w0.saturating_sub(c0), w1.saturating_sub(c0).min(run.len()));
                text.push_str(run.get(lo..hi.max(lo)).unwrap_or_default());
                // the character after the run starts past the window
                if c0 + run.len() > w1 {
                    break;
                }
                continue;
            }
            let Some((_, g, col)) = it.next() else { break };
            if col > w1 {
                break;
            }
            let (s, w) = shown(g, col);
            if col >= w0 && col + w <= w1 {
                text.push_str(s);
            }
        }
        if total > w1 {
            text.push('…');
        }
        let start = a.max(w0);
        let end = (a + width).min(w1).max(start);
        let under = (
            start - w0 + shift,
            if first {
                (end - start).max(1)
            } else {
                end - start
            },
        );
        Row::Line {
            number,
            text,
            under,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// The straightforward excerpt of one line: every displayed character read from the line
    /// start (the algorithm before the checkpoints), for comparison.
    fn naive_row(src: &str, line: Span, from: usize, to: usize, first: bool) -> Row {
        let t = line.slice(src);
        let (mut a, mut b, mut total) = (None, None, 0);
        for (i, g) in t.grapheme_indices(true) {
            if a.is_none() && line.start + i >= from {
                a = Some(total);
            }
            if b.is_none() && line.start + i >= to {
                b = Some(total);
            }
            total += shown(g, total).1;
        }
        let a = a.unwrap_or(total);
        let b = b.unwrap_or(total).max(a);
        let width = if first { (b - a).max(1) } else { b - a };
        let (w0, mut text, mut col) = if total <= MAX_WIDTH {
            (0, String::new(), 0)
        } else {
            let w0 = if first { a.saturating_sub(LEAD) } else { 0 };
            (
                w0,
                if w0 > 0 {
                    "…".to_string()
                } else {
                    String::new()
                },
                0,
            )
        };
        let w1 = if total <= MAX_WIDTH {
            usize::MAX
        } else {
            w0 + MAX_WIDTH
        };
        for g in t.graphemes(true) {
            if col > w1 {
                break;
            }
            let (s, w) = shown(g, col);
            if col >= w0 && col.saturating_add(w) <= w1 {
                text.push_str(s);
            }
            col += w;
        }
        if total <= MAX_WIDTH {
            return Row::Line {
                number: 1,
                text,
                under: (a, width),
            };
        }
        if total > w1 {
            text.push('…');
        }
        let shift = usize::from(w0 > 0);
        let start = a.max(w0);
        let end = (a + width).min(w1).max(start);
        let w = if first {
            (end - start).max(1)
        } else {
            end - start
        };
        Row::Line {
            number: 1,
            text,
            under: (start - w0 + shift, w),
        }
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a",
            "said ",
            " ",
            "é",
            "e\u{301}",
            "\u{301}",
            "北京",
            "😀",
            "\u{1F469}\u{200D}\u{1F467}",
            "\u{1F1FA}\u{1F1F8}",
            "\u{1F1FA}",
            "\t",
            "\u{7}",
            "\u{200B}",
            "\u{200D}",
            "x ".repeat(40).leak(),
        ])
    }

    proptest! {
        /// Excerpts read from the checkpoints (lines over [`LONG`] bytes keep theirs between
        /// excerpts) equal reading each line from its start, for spans anywhere in the line.
        #[test]
        fn excerpts_agree_with_reading_the_line_from_its_start(
            pieces in prop::collection::vec(piece(), 0..1200),
            spans in prop::collection::vec((any::<prop::sample::Index>(), 0usize..300), 1..6),
        ) {
            let src: String = pieces.concat();
            let ix = Lines::new(&src);
            let mut ex = Excerpts::new(&src, &ix);
            let line = ix.line_span(&src, 1);
            for (at, len) in spans {
                let a = at.index(src.len() + 1);
                let b = (a + len).min(src.len());
                let got = ex.rows(Span::new(a, b), 1, 1);
                prop_assert_eq!(got, vec![naive_row(&src, line, a, b, true)], "span {}..{}", a, b);
            }
        }
    }

    fn one(src: &str, span: Span) -> Vec<Row> {
        let ix = crate::span::LineIndex::new(src);
        let s = ix.line_col(src, span.start).line;
        let e = ix.line_col(src, span.end).line;
        Excerpts::new(src, &Lines::new(src)).rows(span, s, e)
    }

    #[test]
    fn tabs_and_wide_characters_shift_the_carets() {
        let src = "\t北京 said so.";
        // "said" starts after a tab (4 cells), two wide characters (4 cells) and a space
        let r = one(src, Span::new(8, 12));
        assert_eq!(
            r,
            vec![Row::Line {
                number: 1,
                text: "    北京 said so.".into(),
                under: (9, 4)
            }]
        );
    }

    #[test]
    fn multi_line_spans_underline_every_line_and_elide_long_ones() {
        let src = "one two\nthree\nfour\nfive\nsix seven\n";
        let r = one(src, Span::new(4, 33));
        assert_eq!(r.len(), 4);
        assert_eq!(r[2], Row::Gap);
        assert!(matches!(
            &r[3],
            Row::Line {
                number: 5,
                under: (0, 9),
                ..
            }
        ));
        let r = one(src, Span::new(4, 14));
        // ends after the line break of line 2: lines 1 and 2 only
        assert_eq!(r.len(), 2);
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let src = format!("{}target{}", "x ".repeat(100), " y".repeat(100));
        let r = one(&src, Span::new(200, 206));
        let Row::Line { text, under, .. } = &r[0] else {
            panic!("not a line")
        };
        assert!(text.starts_with('…') && text.ends_with('…'));
        let cut: String = text.chars().skip(under.0).take(under.1).collect();
        assert_eq!(cut, "target");
    }

    #[test]
    fn combining_marks_and_emoji_sequences_are_one_display_character() {
        // `e` + U+0301 is one cell; the family emoji (three people joined by U+200D) is drawn as
        // one wide character (two cells), not three
        let src = "Re\u{301}sume\u{301} \u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467} said so.";
        let at = src.find("said").unwrap();
        let r = one(src, Span::new(at, at + 4));
        let Row::Line { under, .. } = &r[0] else {
            panic!("not a line")
        };
        assert_eq!(*under, (10, 4));
    }

    #[test]
    fn a_long_line_is_never_cut_inside_a_grapheme() {
        // accented letters everywhere: the cut edges must keep each accent with its letter
        let src = format!(
            "{}target{}",
            "e\u{301} ".repeat(100),
            " e\u{301}".repeat(100)
        );
        let at = src.find("target").unwrap();
        let r = one(&src, Span::new(at, at + 6));
        let Row::Line { text, .. } = &r[0] else {
            panic!("not a line")
        };
        let body = text.trim_start_matches('…');
        assert!(!body.starts_with('\u{301}'), "{body:?}");
        assert!(body.contains("target"));
    }
}
