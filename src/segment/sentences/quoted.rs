//! Stops inside or right after a quotation that do not end the sentence around it.

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
}
