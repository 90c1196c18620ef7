//! Plain text: blocks split on blank lines, and on single line breaks that end a line without
//! sentence-final punctuation (headlines, datelines, captions, list lines).
//!
//! The line rule: inside a run of non-blank lines, a line that does not end with a stop
//! (`.` `!` `?` `…`, possibly followed by closing quotes or brackets) ends its block, unless the
//! break is a soft wrap:
//! - the next line starts with a lower-case letter and itself ends with a stop (a sentence cut
//!   by a stray newline: "This is a sentence\ncut off in the middle."), or
//! - the run has at least three lines, the line is at least 40 characters long and the next
//!   line's first word would not have fitted on it within the run's longest line (text
//!   hard-wrapped at a fixed width).
//!
//! HTML block-level tags pasted into the text (`<p>`, `</div>`, `<img …>`) end blocks and are
//! left out of them.
//!
//! A block of one line without a final stop is a title line (`BlockKind::Line`: a headline,
//! dateline or caption, not a claim) only if it is at most [`TITLE_MAX_CHARS`] characters
//! long; a longer one is a paragraph whose last sentence lost its stop (a draft cut off, text
//! pasted without its final line), and its sentences are claims like any other.
//!
//! A lower-case next line that does not end with a stop ("features\ncontact manager") and a
//! short line before a capitalised one ("Putter King Trophy\nThe team…") are separate blocks.

use crate::document::{Block, BlockKind, Document, Format};
use crate::span::Span;
use std::cell::Cell;
use std::path::PathBuf;

pub fn parse(path: PathBuf, source: String) -> Document {
    let mut doc = super::identity_document(path, Format::Plain, source);
    doc.blocks = blocks(&doc.text, 0, doc.text.len());
    doc
}

/// A non-blank line: its trimmed span. Its length in characters is counted only when a rule
/// reads it (issue 6: most lines end with a stop, and none of their lengths is ever read).
#[derive(Clone, Copy, Debug)]
struct Line {
    span: Span,
}

impl Line {
    /// The line's length in characters.
    fn chars(&self, text: &str) -> usize {
        self.span.slice(text).chars().count()
    }
}

/// Blocks of `text[from..to]` by the rules in the module docs (spans are absolute).
pub fn blocks(text: &str, from: usize, to: usize) -> Vec<Block> {
    blocks_with::<true>(text, from, to)
}

/// [`blocks`]; `BLANK` takes a blank line that is a lone `\n` without searching for its end
/// (issue 6: half the lines of news copy, a `memchr3` call and a trim each); without it, the
/// plain loop (kept for the test that compares them).
fn blocks_with<const BLANK: bool>(text: &str, from: usize, to: usize) -> Vec<Block> {
    // room for the blocks and lines of an article at once (issue 6: both grew a few times)
    let mut out = Vec::with_capacity(16);
    // the lines of a run, kept by the thread from one document to the next (issue 6)
    let mut run = RUN.try_with(Cell::take).unwrap_or_default();
    run.clear();
    if run.capacity() == 0 {
        run.reserve(8);
    }
    let mut pos = from;
    let bytes = text.as_bytes().get(..to).unwrap_or(&[]);
    while pos < to {
        if BLANK && bytes.get(pos) == Some(&b'\n') {
            // the line "\n": blank, it ends the run
            flush(text, &run, &mut out);
            run.clear();
            pos += 1;
            continue;
        }
        let start = pos;
        // a line ends at \n, \r\n or a lone \r; the first `<` on the way is noted, so that a
        // line without one is not searched again for tags (issue 6)
        let mut lt = None;
        let mut p = pos;
        pos = loop {
            match memchr::memchr3(b'\n', b'\r', b'<', bytes.get(p..).unwrap_or(&[])) {
                Some(k) if bytes.get(p + k) == Some(&b'<') => {
                    lt.get_or_insert(p + k);
                    p += k + 1;
                }
                Some(k)
                    if bytes.get(p + k) == Some(&b'\r') && bytes.get(p + k + 1) == Some(&b'\n') =>
                {
                    break p + k + 2;
                }
                Some(k) => break p + k + 1,
                None => break to,
            }
        };
        let (a, z) = crate::segment::trim_range(text, start, pos);
        if a == z {
            flush(text, &run, &mut out);
            run.clear();
        } else {
            line_pieces(text, a, z, lt, &mut run, &mut out);
        }
    }
    flush(text, &run, &mut out);
    // back to the thread, unless a long run of lines made it large
    if run.capacity() <= RUN_KEEP {
        let _ = RUN.try_with(|r| r.set(run));
    }
    out
}

/// Longest run of lines (its capacity) a thread keeps for the next document.
const RUN_KEEP: usize = 1 << 10;

thread_local! {
    /// The run buffer of the last document parsed on this thread.
    static RUN: Cell<Vec<Line>> = const { Cell::new(Vec::new()) };
}

/// Pushes the non-blank line `text[a..z]` onto `run`. HTML block-level tags pasted into plain
/// text (a CMS export: `<p>Text.</p>`) are markup, not prose: each ends the block like a blank
/// line and is left out of every block. `lt` is the first `<` of the line, if it has one.
fn line_pieces(
    text: &str,
    a: usize,
    z: usize,
    lt: Option<usize>,
    run: &mut Vec<Line>,
    out: &mut Vec<Block>,
) {
    let b = text.as_bytes();
    let mut piece = a;
    // no `<` before `lt` (the trimmed line holds every byte that is not white space)
    let mut i = match lt {
        Some(lt) => lt.max(a),
        None => z,
    };
    while let Some(k) = b.get(i..z).and_then(|r| memchr::memchr(b'<', r)) {
        let lt = i + k;
        match block_tag_end(b, lt, z) {
            Some(gt) => {
                push_piece(text, piece, lt, run);
                flush(text, run, out);
                run.clear();
                piece = gt;
                i = gt;
            }
            None => i = lt + 1,
        }
    }
    if piece == a {
        // no tag cut the line: it is trimmed already (and not blank)
        run.push(Line {
            span: Span::new(a, z),
        });
    } else {
        push_piece(text, piece, z, run);
    }
}

fn push_piece(text: &str, a: usize, z: usize, run: &mut Vec<Line>) {
    let (a, z) = crate::segment::trim_range(text, a, z);
    if a < z {
        run.push(Line {
            span: Span::new(a, z),
        });
    }
}

/// HTML elements that start or end a block of prose, and void elements that hold none.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "img",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Longest tag looked at (attributes included); bounds the scan so it stays linear.
const TAG_MAX: usize = 512;

/// If a block-level tag (`<p>`, `</div>`, `<img src="…">`, `<br/>`) starts at `lt` (before
/// `z`), the byte after its `>`.
fn block_tag_end(b: &[u8], lt: usize, z: usize) -> Option<usize> {
    let mut p = lt + 1;
    if b.get(p) == Some(&b'/') {
        p += 1;
    }
    let name_start = p;
    while p < z && b.get(p).is_some_and(u8::is_ascii_alphanumeric) {
        p += 1;
    }
    let name = b.get(name_start..p)?;
    if !name.first().is_some_and(u8::is_ascii_alphabetic)
        || !BLOCK_TAGS
            .iter()
            .any(|t| t.as_bytes().eq_ignore_ascii_case(name))
    {
        return None;
    }
    match b.get(p) {
        Some(b'>') => return Some(p + 1),
        Some(b' ' | b'\t' | b'/') => {}
        _ => return None,
    }
    let lim = z.min(lt + TAG_MAX);
    let gt = memchr::memchr2(b'>', b'<', b.get(p..lim)?)?;
    (b.get(p + gt) == Some(&b'>')).then_some(p + gt + 1)
}

/// The longest single line without a final stop that is still read as a title line: about
/// twice a long headline or deck; captions and datelines are shorter.
pub const TITLE_MAX_CHARS: usize = 250;

fn flush(text: &str, run: &[Line], out: &mut Vec<Block>) {
    let Some(first) = run.first() else { return };
    // the widest line, counted on first use
    let mut widest = None;
    let mut start = first.span.start;
    let mut lines_in_block = 0;
    for (k, line) in run.iter().enumerate() {
        lines_in_block += 1;
        let s = text.get(line.span.start..line.span.end).unwrap_or("");
        let last = k + 1 == run.len();
        let final_stop = ends_with_stop(s);
        let breaks = last
            || (!final_stop
                && run.get(k + 1).is_some_and(|next| {
                    let n = text.get(next.span.start..next.span.end).unwrap_or("");
                    !soft_wrap(text, s, line, n, run, &mut widest)
                }));
        if breaks {
            // a line of at most TITLE_MAX_CHARS bytes has at most as many characters
            let short =
                || line.span.len() <= TITLE_MAX_CHARS || line.chars(text) <= TITLE_MAX_CHARS;
            let kind = if lines_in_block == 1 && !final_stop && short() {
                BlockKind::Line
            } else {
                BlockKind::Paragraph
            };
            out.push(Block {
                kind,
                span: Span::new(start, line.span.end),
                level: 0,
            });
            if let Some(next) = run.get(k + 1) {
                start = next.span.start;
            }
            lines_in_block = 0;
        }
    }
}

/// Whether `s` ends with a sentence-final stop, ignoring closing quotes and brackets.
pub fn ends_with_stop(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '*', '_']);
    t.ends_with(['.', '!', '?', '…', '．', '。', '！', '？'])
}

/// Whether the line `line` (its text `s`) of `run` wraps softly into the next line `next`;
/// `widest` caches the widest line of `run` in characters.
fn soft_wrap(
    text: &str,
    s: &str,
    line: &Line,
    next: &str,
    run: &[Line],
    widest: &mut Option<usize>,
) -> bool {
    let first = next.chars().next();
    if first.is_some_and(char::is_lowercase) && ends_with_stop(next) && !starts_list_item(next) {
        return true;
    }
    let word: usize = next
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count());
    if run.len() < 3 {
        return false;
    }
    let chars = line.chars(text);
    let widest =
        *widest.get_or_insert_with(|| run.iter().map(|l| l.chars(text)).max().unwrap_or(0));
    chars >= 40
        && chars + 1 + word > widest
        && !starts_list_item(next)
        && !s.trim_end().ends_with(':')
}

/// A bullet or an enumeration marker opens the line.
fn starts_list_item(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some('•' | '‣' | '⁃' | '·' | '*' | '-' | '–' | '—') => true,
        Some(c) if c.is_ascii_digit() || c.is_ascii_lowercase() || c == '(' => {
            let head: String = s.chars().take(5).collect();
            let marker = head.trim_start_matches('(');
            let body = marker.trim_start_matches(|c: char| c.is_ascii_digit());
            let body = if body.len() == marker.len() {
                marker.get(1..).unwrap_or("")
            } else {
                body
            };
            body.starts_with(". ") || body.starts_with(") ") || body.starts_with(".) ")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks with blank lines taken without a search are the plain loop's, on random text of
    /// lines, blank lines (`\n`, `\r\n`, lone `\r`, spaces), stops, list markers and tags, from
    /// every start.
    #[test]
    fn blank_lines_taken_directly_change_no_block() {
        let pieces = [
            "\n",
            "\n\n",
            "\r\n",
            "\r",
            " \n",
            "\t",
            " ",
            "\u{a0}",
            "Officials said so.",
            "a headline",
            "cut off in the",
            "middle.",
            "1. item",
            "- item",
            "<p>",
            "</p>",
            "<br>",
            "x < y",
            "\u{201c}Quote.\u{201d}",
            "A longer line of text that runs past forty characters for the wrap rule",
        ];
        let mut rng = crate::testrng::Rng::new(0xb1a_4c00);
        for _ in 0..5_000 {
            let t: String = (0..rng.below(24)).map(|_| rng.pick(&pieces)).collect();
            for from in [0, 1, 2].into_iter().filter(|&f| t.is_char_boundary(f)) {
                assert_eq!(
                    blocks_with::<true>(&t, from, t.len()),
                    blocks_with::<false>(&t, from, t.len()),
                    "{t:?} {from}"
                );
            }
        }
    }
}
