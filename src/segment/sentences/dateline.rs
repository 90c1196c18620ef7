//! A dateline that opens a block with no stop after it ("Thursday, May 7, 2015 On Tuesday, the
//! government …"), pasted from a web page: the date is a sentence of its own.

use super::Splitter;
use crate::segment::text::{char_at, class_of, skip_ws, ws_len, Class};

/// Longest dateline looked at, in bytes.
const DATELINE_MAX: usize = 48;

impl Splitter<'_> {
    /// Cuts after a date (`[Weekday,] Month D[,] YYYY` or `[Weekday,] D Month YYYY`) that opens
    /// the block and is followed on the same line by a capitalised word.
    pub(super) fn dateline(&mut self) {
        let b = self.b;
        let start = skip_ws(b, 0);
        let lim = b.len().min(start + DATELINE_MAX);
        let Some(head) = self.t.get(start..lim).or_else(|| self.t.get(start..)) else {
            return;
        };
        let mut words = head
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(|w| w.trim_end_matches([',', '.']));
        let mut w = words.next();
        if w.is_some_and(|w| self.lang.is_weekday(w)) {
            w = words.next();
        }
        let Some(first) = w else { return };
        let (Some(second), Some(year)) = (words.next(), words.next()) else {
            return;
        };
        let day = |d: &str| {
            let n = d.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            (1..=2).contains(&n.len()) && n.bytes().all(|c| c.is_ascii_digit())
        };
        let date = (self.lang.is_month(first) && day(second))
            || (day(first) && self.lang.is_month(second));
        if !date || year.len() != 4 || !year.bytes().all(|c| c.is_ascii_digit()) {
            return;
        }
        // the year's end, found by position in the head (the words above are slices of it)
        let Some(end) = subslice_end(head, year).map(|e| start + e) else {
            return;
        };
        let gap = ws_len(b, end);
        if gap == 0 || b.get(end) == Some(&b'\n') || b.get(end) == Some(&b'\r') {
            return;
        }
        let next = skip_ws(b, end);
        if class_of(char_at(self.t, next)) == Class::Upper {
            self.cut(end);
        }
    }
}

/// Byte offset just after `part`, a subslice of `whole`.
fn subslice_end(whole: &str, part: &str) -> Option<usize> {
    let off = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    (off + part.len() <= whole.len()).then_some(off + part.len())
}
