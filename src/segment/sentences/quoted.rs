//! Stops that do not end the sentence around them: inside or right after a quotation, and
//! after a clock time that opens the sentence.

use super::Splitter;
use crate::segment::text::char_at;

impl Splitter<'_> {
    /// Whether the `!`/`?` run `i..run_end` (closing marks up to `e`, next word at `m`) stays
    /// inside its sentence because of a quotation:
    /// - exclamations inside a quotation that goes on are one utterance ("Oh dear! Oh dear! I
    ///   shall be late!"); a question still ends its sentence;
    /// - a quotation closing on `!` or `?` followed by a parenthesis keeps the parenthesis as
    ///   a comment on it ("… house!' (Which was true.)").
    pub(super) fn quoted_exclamation(&self, i: usize, run_end: usize, e: usize, m: usize) -> bool {
        let run = self.b.get(i..run_end).unwrap_or(&[]);
        if e == run_end {
            return !run.contains(&b'?') && self.in_quote(i);
        }
        let closes_quote = self.t.get(run_end..e).is_some_and(|c| {
            c.chars()
                .any(|c| matches!(c, '"' | '\'' | '”' | '’' | '»' | '›'))
        });
        closes_quote && char_at(self.t, m) == Some('(')
    }

    /// Whether byte `i` lies inside a quotation of the block.
    pub(super) fn in_quote(&self, i: usize) -> bool {
        self.quoted.iter().any(|&(s, z)| s < i && i < z)
    }

    /// Whether the sentence so far (`first..ws`, before a clock time) is only a preposition and
    /// a number ("At 5 a.m. Mr. Smith went …"): an opening phrase whose subject follows, not a
    /// sentence of its own.
    pub(super) fn opening_time(&self, first: usize, ws: usize) -> bool {
        let Some(head) = self.t.get(first..ws) else {
            return false;
        };
        let mut words = head.split_whitespace();
        let (Some(prep), Some(num), None) = (words.next(), words.next(), words.next()) else {
            return false;
        };
        prep.starts_with(|c: char| c.is_ascii_uppercase())
            && self.lang.is_preposition(prep)
            && num
                .bytes()
                .all(|c| c.is_ascii_digit() || c == b':' || c == b'.')
    }
}
