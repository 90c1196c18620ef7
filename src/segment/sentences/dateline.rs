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
        let day = |d: &str| {
            let n = d.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            (1..=2).contains(&n.len()) && n.bytes().all(|c| c.is_ascii_digit())
        };
        // most blocks open with a word that is no weekday, month or day: told from that word
        // alone when it is ASCII (the words below, split by characters, cost more than the
        // rest of the test; issue 6)
        if let Some(w) = ascii_first_word(head) {
            let w = w.trim_end_matches([',', '.']);
            let date_word = || {
                self.lang.may_be_date_word(w) && (self.lang.is_weekday(w) || self.lang.is_month(w))
            };
            if !day(w) && !date_word() {
                return;
            }
        }
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

/// The first of the words [`Splitter::dateline`] splits `head` into (by `char::is_whitespace`,
/// empty ones left out), when `head` opens with it and it and the character after it are ASCII;
/// `None` when that cannot be told from ASCII bytes alone.
fn ascii_first_word(head: &str) -> Option<&str> {
    let b = head.as_bytes();
    let k = b
        .iter()
        .position(|&c| !c.is_ascii() || c.is_ascii_whitespace() || c == 0x0b)
        .unwrap_or(b.len());
    if k == 0 || b.get(k).is_some_and(|c| !c.is_ascii()) {
        return None;
    }
    head.get(..k)
}

/// Byte offset just after `part`, a subslice of `whole`.
fn subslice_end(whole: &str, part: &str) -> Option<usize> {
    let off = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    (off + part.len() <= whole.len()).then_some(off + part.len())
}

#[cfg(test)]
mod tests {
    use super::ascii_first_word;

    /// Whenever the ASCII test names a first word, it is the first word of the split by
    /// characters (white space of every kind, other scripts, marks and empty heads).
    #[test]
    fn ascii_first_word_is_the_split_first_word() {
        let pieces = [
            "Monday,", "May", "7", "2015", "The", " ", "\t", "\u{b}", "\u{c}", "\r\n", "\u{85}",
            "\u{a0}", "\u{2003}", "\u{3000}", "é", "Ünter", "x", ".", ",", "12th", "",
        ];
        let mut rng = crate::testrng::Rng::new(0x5eed_da7e);
        for _ in 0..20_000 {
            let mut head = String::new();
            for _ in 0..rng.below(5) {
                head.push_str(rng.pick(&pieces));
            }
            let split = head
                .split(|c: char| c.is_whitespace())
                .find(|w| !w.is_empty());
            if let Some(w) = ascii_first_word(&head) {
                assert_eq!(Some(w), split, "{head:?}");
            }
        }
    }
}
