//! Source excerpts with a caret underline, in display columns (tabs expanded, wide characters
//! counted as two cells), for the terminal report. A displayed character is a grapheme cluster
//! (UAX #29), so a letter with combining accents, a flag or a family emoji is one cell group:
//! never cut in two at the edge of a long line, and measured as the terminal draws it.

use crate::span::{LineIndex, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Tab stops every this many cells.
const TAB: usize = 4;
/// Lines wider than this are cut to a window around the span.
const MAX_WIDTH: usize = 100;
/// Cells of context kept before the span when a line is cut.
const LEAD: usize = 24;
/// Spans over more lines than this show the first two lines, `...`, and the last line.
const MAX_LINES: usize = 4;

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

/// How one displayed character (a grapheme cluster) starting at display column `col` is shown,
/// and the cells it takes.
fn shown(g: &str, col: usize) -> (std::borrow::Cow<'_, str>, usize) {
    if g == "\t" {
        let w = TAB - col % TAB;
        (" ".repeat(w).into(), w)
    } else if g.chars().any(char::is_control) {
        (" ".into(), 1)
    } else {
        (g.into(), g.width())
    }
}

/// The cells a displayed character starting at column `col` takes.
fn cells_of(g: &str, col: usize) -> usize {
    if g == "\t" {
        TAB - col % TAB
    } else if g.chars().any(char::is_control) {
        1
    } else {
        g.width()
    }
}

/// Renders one line, with the span part `from..to` (bytes) underlined. Two passes over the
/// line's characters, keeping only what is shown: a line of megabytes costs no memory per
/// character (it once held a cell with its own string for every character of the line).
fn line_row(source: &str, number: usize, line: Span, from: usize, to: usize, first: bool) -> Row {
    let text_of_line = line.slice(source);
    // display columns of the first characters at or after `from` and `to`, and the line's width
    let (mut a, mut b) = (None, None);
    let mut total = 0;
    for (i, g) in text_of_line.grapheme_indices(true) {
        let byte = line.start + i;
        if a.is_none() && byte >= from {
            a = Some(total);
        }
        if b.is_none() && byte >= to {
            b = Some(total);
        }
        total += cells_of(g, total);
    }
    let a = a.unwrap_or(total);
    let b = b.unwrap_or(total).max(a);
    // an empty span still gets one caret on its first line
    let width = if first { (b - a).max(1) } else { b - a };
    if total <= MAX_WIDTH {
        let mut text = String::new();
        let mut col = 0;
        for g in text_of_line.graphemes(true) {
            let (s, w) = shown(g, col);
            text.push_str(&s);
            col += w;
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
    let mut col = 0;
    for g in text_of_line.graphemes(true) {
        if col > w1 {
            break;
        }
        let (s, w) = shown(g, col);
        if col >= w0 && col + w <= w1 {
            text.push_str(&s);
        }
        col += w;
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

/// The rows showing `span` (source bytes) of `source`, from `start_line` to `end_line` (1-based).
pub fn rows(
    source: &str,
    index: &LineIndex,
    span: Span,
    start_line: usize,
    end_line: usize,
) -> Vec<Row> {
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
        out.push(line_row(source, n, line, from, to, n == start_line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(src: &str, span: Span) -> Vec<Row> {
        let ix = LineIndex::new(src);
        let s = ix.line_col(src, span.start).line;
        let e = ix.line_col(src, span.end).line;
        rows(src, &ix, span, s, e)
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
