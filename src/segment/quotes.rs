//! Quotation spans: straight and curly, double and single, nested; apostrophes told apart.
//!
//! Each mark is classified from its neighbours (opening when it leans on the next word,
//! closing when it leans on the previous one) and matched on a bounded stack. A quotation left
//! open at the end of a paragraph whose next paragraph reopens with the same mark is news style
//! for a multi-paragraph quotation (`continued` / `continues`); any other mark that never closes
//! is recorded as unbalanced.

use super::lang::Lang;
#[cfg(test)]
use super::text::SETS_MAX;
use super::text::{char_at, ws_before, ws_len, SetFinder};
use super::{Quote, QuoteMark, Segmentation};
use crate::span::Span;

/// Deepest nesting tracked; deeper marks are recorded as unbalanced.
const MAX_DEPTH: usize = 16;
/// How far below the top of the stack a closing mark looks for its opener.
const LOOK_DOWN: usize = 3;

#[derive(Clone, Copy, Debug)]
struct Open {
    mark: QuoteMark,
    open: Span,
    /// Opened with a straight apostrophe-like `'`: dropped silently if it never closes.
    weak: bool,
    continues: bool,
}

/// Scans blocks in document order, carrying open quotations from one block to the next.
pub struct QuoteScanner<'a> {
    lang: &'a Lang,
    /// Finds marks in the whole document text: a search that runs past the end of one block
    /// is remembered for the next (issue 6: a finder per block searched every block to its end
    /// for each set, about two `memchr` calls a block more, whose set-up and short-haystack
    /// branches cost more than the bytes).
    finder: SetFinder<'a>,
    /// The document text the finder searches.
    text: &'a [u8],
    /// Quotations left open by the previous block, with its index and end.
    pending: Vec<Open>,
    pending_block: usize,
    pending_end: usize,
    /// The stack of the block being scanned, empty between blocks: it and `pending` trade
    /// places at the end of each block, so neither is allocated again (issue 6: a new stack a
    /// block was a third of the segmenter's allocations).
    stack: Vec<Open>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open(QuoteMark),
    Close(QuoteMark),
    /// Straight `"` between two non-space characters: closes if one is open, else opens.
    Either,
    Ignore,
}

impl<'a> QuoteScanner<'a> {
    /// A scanner for the blocks of the document text `text`.
    pub fn new(lang: &'a Lang, text: &'a [u8]) -> Self {
        QuoteScanner {
            lang,
            finder: SetFinder::new(text, MARK_SETS),
            text,
            pending: Vec::new(),
            pending_block: 0,
            pending_end: 0,
            stack: Vec::new(),
        }
    }

    /// Scans one block (`t` is its text, starting at absolute offset `base`).
    pub fn block(&mut self, t: &str, base: usize, block: usize, seg: &mut Segmentation) {
        let b = t.as_bytes();
        let first = super::text::skip_ws(b, 0);
        let reopen = match char_at(t, first) {
            Some('“') => Some(QuoteMark::Double),
            Some('"') if first + 1 < b.len() && ws_len(b, first + 1) == 0 => {
                Some(QuoteMark::Double)
            }
            Some('‘') => Some(QuoteMark::Single),
            _ => None,
        };
        let carried = self.resolve_pending(reopen, seg);
        let start = seg.quotes.len();
        let mut stack = std::mem::take(&mut self.stack);
        stack.clear();
        // the document's finder when `t` is the text at `base` (as [`super::segment_with`]
        // passes it), else one for the block
        let doc_wide = self
            .text
            .get(base..base + b.len())
            .is_some_and(|d| std::ptr::eq(d, b));
        let mut local = SetFinder::new(if doc_wide { &[] } else { b }, MARK_SETS);
        let mut i = 0;
        while i < b.len() {
            let found = if doc_wide {
                self.finder
                    .find(base + i)
                    .map(|a| a - base)
                    .filter(|&a| a < b.len())
            } else {
                local.find(i)
            };
            let Some(at) = found else {
                break;
            };
            i = at;
            if b.get(i) == Some(&b'\'')
                && b.get(i.wrapping_sub(1))
                    .is_some_and(u8::is_ascii_alphanumeric)
                && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
            {
                // an apostrophe inside a word (don't, Iran's), as `role` decides first, told
                // from its bytes (issue 6: most straight marks in news copy are these)
                i += 1;
                continue;
            }
            let Some(ch) = char_at(t, i) else {
                i += 1;
                continue;
            };
            let l = ch.len_utf8();
            if !is_mark(ch) {
                // a dash, an ellipsis, an accented letter: no role
                i += l;
                continue;
            }
            let span = Span::new(base + i, base + i + l);
            let role = self.role(t, i, ch, &stack);
            match role {
                Role::Ignore => {}
                Role::Either => {
                    if stack.iter().any(|o| o.mark == QuoteMark::Double) {
                        close(&mut stack, QuoteMark::Double, span, block, seg);
                    } else {
                        push(&mut stack, QuoteMark::Double, span, false, false, seg);
                    }
                }
                Role::Open(mark) => {
                    let continues = carried && i == first && Some(mark) == reopen;
                    push(&mut stack, mark, span, ch == '\'', continues, seg);
                }
                Role::Close(mark) => close(&mut stack, mark, span, block, seg),
            }
            i += l;
        }
        if let Some(q) = seg.quotes.get_mut(start..) {
            q.sort_by_key(|q| q.span.start);
        }
        self.stack = std::mem::replace(&mut self.pending, stack);
        self.pending_block = block;
        self.pending_end = base + b.len();
    }

    /// Absolute start offsets of the quotations left open at the end of the last block scanned.
    pub fn open_starts(&self) -> impl Iterator<Item = usize> + '_ {
        self.pending.iter().map(|o| o.open.start)
    }

    /// Ends the document: quotations still open are unbalanced.
    pub fn finish(&mut self, seg: &mut Segmentation) {
        self.resolve_pending(None, seg);
    }

    /// Settles the quotations left open by the previous block; returns whether the outermost
    /// one continues into this block (which reopens with `reopen`).
    fn resolve_pending(&mut self, reopen: Option<QuoteMark>, seg: &mut Segmentation) -> bool {
        // most paragraphs leave nothing open: no drain to set up (issue 6)
        if self.pending.is_empty() {
            return false;
        }
        let mut carried = false;
        for (d, o) in self.pending.drain(..).enumerate() {
            if o.weak {
                continue;
            }
            let continued = d == 0 && reopen == Some(o.mark);
            carried |= continued;
            seg.quotes.push(Quote {
                span: Span::new(o.open.start, self.pending_end.max(o.open.end)),
                open: o.open,
                close: None,
                mark: o.mark,
                depth: u8::try_from(d).unwrap_or(u8::MAX),
                block: self.pending_block,
                continued,
                continues: o.continues,
            });
            if !continued {
                seg.unbalanced.push(o.open);
            }
        }
        carried
    }

    /// What the mark `ch` at byte `i` does.
    fn role(&self, t: &str, i: usize, ch: char, stack: &[Open]) -> Role {
        let b = t.as_bytes();
        let l = ch.len_utf8();
        let space_before = ws_before(b, i);
        let after = char_at(t, i + l);
        let space_after = after.is_none() || ws_len(b, i + l) > 0;
        let prev = t.get(..i).and_then(|s| s.chars().next_back());
        let lean_left = !space_before && prev.is_some_and(|c| !is_open_punct(c));
        let lean_right = !space_after && after.is_some_and(|c| !is_close_punct(c));
        let open_single = stack.iter().any(|o| o.mark == QuoteMark::Single);
        match ch {
            '“' | '„' | '«' => Role::Open(QuoteMark::Double),
            '”' | '»' => {
                if !lean_left && lean_right {
                    Role::Open(QuoteMark::Double)
                } else {
                    Role::Close(QuoteMark::Double)
                }
            }
            '"' => {
                let open_double = stack.iter().any(|o| o.mark == QuoteMark::Double);
                match (lean_left, lean_right) {
                    (false, true) => Role::Open(QuoteMark::Double),
                    (true, false) => {
                        if !open_double && prev.is_some_and(|c| c.is_ascii_digit()) {
                            Role::Ignore // 6 3/4" (inches)
                        } else {
                            Role::Close(QuoteMark::Double)
                        }
                    }
                    (true, true) => Role::Either,
                    (false, false) => {
                        // `… is important,' " she said`: a free-standing mark right after a
                        // closing single quote closes the double quotation around it
                        let after_single = t
                            .get(..i)
                            .map(str::trim_end)
                            .and_then(|s| s.chars().next_back())
                            .is_some_and(|c| c == '\'' || c == '’');
                        if open_double && (!space_before || after_single) {
                            Role::Close(QuoteMark::Double)
                        } else if !space_after && !open_double {
                            Role::Open(QuoteMark::Double)
                        } else {
                            Role::Ignore
                        }
                    }
                }
            }
            '‘' | '’' | '\'' => {
                let letter_before = prev.is_some_and(char::is_alphanumeric);
                let letter_after = after.is_some_and(char::is_alphanumeric);
                if letter_before && letter_after {
                    return Role::Ignore; // don't, Iran’s
                }
                if lean_right && !lean_left {
                    if self.elided(t, i + l) {
                        return Role::Ignore; // ’90s, 'em, ’n’
                    }
                    return Role::Open(QuoteMark::Single);
                }
                if lean_left && !lean_right {
                    return if open_single {
                        Role::Close(QuoteMark::Single)
                    } else {
                        Role::Ignore // the Joneses’
                    };
                }
                if ch == '‘' && lean_right {
                    return Role::Open(QuoteMark::Single);
                }
                Role::Ignore
            }
            _ => Role::Ignore,
        }
    }

    /// Whether the word starting at `p` is written with an elided first letter ('em, ’90s).
    fn elided(&self, t: &str, p: usize) -> bool {
        let rest = t.get(p..).unwrap_or("");
        if rest.bytes().next().is_some_and(|c| c.is_ascii_digit()) {
            return rest.bytes().take_while(u8::is_ascii_digit).count() == 2;
        }
        let len = super::text::alpha_prefix(rest, 20);
        self.lang.is_elision(rest.get(..len).unwrap_or(""))
    }
}

/// The quotation marks [`QuoteScanner::role`] gives a role; every other character is ignored.
fn is_mark(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '„' | '«' | '»')
}

fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '—' | '―' | '–' | '-' | '/' | '“' | '‘' | '"' | '\''
    )
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '—'
            | '―'
            | '–'
            | '…'
            | '”'
            | '’'
            | '"'
            | '\''
    )
}

/// The first bytes of the marks ([`is_mark`]) for [`SetFinder`]: `"`, `'`, the lead byte of
/// “ ” ‘ ’ „ and that of « ».
static MARK_SETS: &[&[u8]] = &[b"\"'\xe2", b"\xc2"];

fn push(
    stack: &mut Vec<Open>,
    mark: QuoteMark,
    open: Span,
    weak: bool,
    continues: bool,
    seg: &mut Segmentation,
) {
    if stack.len() >= MAX_DEPTH {
        seg.unbalanced.push(open);
        return;
    }
    stack.push(Open {
        mark,
        open,
        weak,
        continues,
    });
}

fn close(stack: &mut Vec<Open>, mark: QuoteMark, span: Span, block: usize, seg: &mut Segmentation) {
    let lo = stack.len().saturating_sub(LOOK_DOWN);
    let Some(d) = (lo..stack.len())
        .rev()
        .find(|&k| stack.get(k).is_some_and(|o| o.mark == mark))
    else {
        if mark == QuoteMark::Double {
            seg.unbalanced.push(span);
        }
        return;
    };
    for o in stack.drain(d + 1..) {
        if !o.weak {
            seg.unbalanced.push(o.open);
        }
    }
    if let Some(o) = stack.pop() {
        seg.quotes.push(Quote {
            span: Span::new(o.open.start, span.end),
            open: o.open,
            close: Some(span),
            mark: o.mark,
            depth: u8::try_from(d).unwrap_or(u8::MAX),
            block,
            continued: false,
            continues: o.continues,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The finder over the whole document finds the marks that a finder per block finds.
    #[test]
    fn document_finder_is_the_block_finders() {
        let lang = crate::segment::lang::en();
        let pieces = [
            "\"", "'", "\u{201c}", "\u{201d}", "\u{2018}", "\u{2019}", "\u{ab}", "\u{bb}",
            "\u{201e}", " ", "\n\n", "\n", "word", "Said", "don't", "\u{a0}", ".", "\u{2014}",
            "\u{e9}",
        ];
        let mut rng = crate::testrng::Rng::new(0x0007_e0a1);
        for _ in 0..3_000 {
            let text: String = (0..rng.below(40)).map(|_| rng.pick(&pieces)).collect();
            let doc = crate::input::plain::parse("a.txt".into(), text);
            let run = |whole: bool| {
                let mut seg = Segmentation::default();
                let text = if whole { doc.text.as_bytes() } else { &[] };
                let mut scanner = QuoteScanner::new(lang, text);
                for (bi, b) in doc.blocks.iter().enumerate() {
                    if let Some(t) = doc.text.get(b.span.start..b.span.end) {
                        scanner.block(t, b.span.start, bi, &mut seg);
                    }
                }
                scanner.finish(&mut seg);
                (seg.quotes, seg.unbalanced)
            };
            assert_eq!(run(true), run(false), "{:?}", &*doc.text);
        }
    }

    #[test]
    fn mark_sets_hold_the_first_byte_of_every_mark() {
        assert!(MARK_SETS.len() <= SETS_MAX && MARK_SETS.iter().all(|s| s.len() <= 3));
        for c in (0..=0x2FFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_mark(c))
        {
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(MARK_SETS.iter().any(|s| s.contains(&first)), "{c}");
        }
    }
}
