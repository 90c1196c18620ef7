//! Stops that do not end the sentence around them: inside or right after a quotation, before
//! the attribution that signs it, and after a clock time that opens the sentence.

use super::Splitter;
use crate::segment::text::{char_at, class_of, is_opener, skip_ws, ws_len, Class};

/// Longest attribution line after a stop, in bytes ("— Jane Doe, Reuters").
const ATTRIBUTION_MAX: usize = 80;

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

    /// Whether the rest of the block after a stop is an attribution line on the same line: a
    /// dash, white space and a capitalised name or source with no stop, to the end of the block
    /// (`"… a long game." — Jane Doe`). It signs the sentence before it and is no sentence of
    /// its own. `e` is the end of the stop with its closing marks, `m` the next non-space byte.
    pub(super) fn attribution_follows(&self, e: usize, m: usize) -> bool {
        if !matches!(self.b.get(m), Some(b'-' | 0xE2)) {
            return false;
        }
        let rest = self.t.get(m..).unwrap_or("").trim_end();
        if rest.len() > ATTRIBUTION_MAX
            || rest.contains('\n')
            || self.b.get(e..m).is_some_and(|gap| gap.contains(&b'\n'))
        {
            return false;
        }
        let Some(body) = rest
            .strip_prefix("--")
            .or_else(|| rest.strip_prefix(['-', '–', '—', '―']))
        else {
            return false;
        };
        let name = body.trim_start();
        name.len() < body.len()
            && name.starts_with(char::is_uppercase)
            && !name.ends_with('.')
            && !name.contains(['!', '?', '…', '"', '“', '”'])
            && name
                .match_indices('.')
                .all(|(k, _)| name.as_bytes().get(k + 1) == Some(&b' '))
    }

    /// A block that is one quotation signed by an attribution line (a pull quote or epigraph,
    /// `"We lost. We will try again." — Jane Roe`) is one sentence: the signature covers the
    /// whole quotation. Drops the cuts inside the quotation that opens the block and closes
    /// right after the stop at `i` (closing marks up to `e`).
    pub(super) fn epigraph(&mut self, i: usize, e: usize) {
        if !self.layout.is_empty() {
            return;
        }
        let first = skip_ws(self.b, 0);
        let whole = self
            .quoted
            .iter()
            .any(|&(s, z)| s == first && i < z && z <= e);
        if whole {
            while self.cuts.last().is_some_and(|&c| c < e) {
                self.cuts.pop();
            }
        }
    }

    /// After a stop and its closing marks (ending at `e`), a quotation mark at `p`, set off by
    /// white space on the same line, that closes a quotation of the block ("… about it
    /// tomorrow.' "", "… their own issues. ""): returns its end. It belongs to the sentence,
    /// not the next one.
    #[inline]
    pub(super) fn spaced_close(&self, e: usize, p: usize) -> Option<usize> {
        if !matches!(self.b.get(p), Some(b'"' | b'\'' | 0xE2 | 0xC2)) {
            return None;
        }
        let c = char_at(self.t, p)?;
        if !matches!(c, '"' | '”' | '\'' | '’' | '»')
            || self.b.get(e..p)?.iter().any(|&c| c == b'\n' || c == b'\r')
        {
            return None;
        }
        let z = p + c.len_utf8();
        self.quoted.iter().any(|&(_, end)| end == z).then_some(z)
    }

    /// Whether the stop run `i..run_end` is an omission mark, "[...]" or "[…]", that opens its
    /// sentence (only white space and opening marks before it): `"[...] We kept going."`.
    #[inline]
    pub(super) fn omission_opens(&self, i: usize, run_end: usize) -> bool {
        let b = self.b;
        if i == 0 || b.get(i - 1) != Some(&b'[') || b.get(run_end) != Some(&b']') {
            return false;
        }
        matches!(self.t.get(i..run_end), Some("..." | "…"))
            && self
                .t
                .get(self.sent_start..i - 1)
                .is_some_and(|h| h.chars().all(|c| c.is_whitespace() || is_opener(c)))
    }

    /// Whether an omission mark, "[...]" or "[…]" (5 bytes each), stands at `m` before the end
    /// of the block or white space and a capitalised word, so that it ends a sentence itself.
    #[inline]
    pub(super) fn omission_at(&self, m: usize) -> bool {
        let r = self.b.get(m..).unwrap_or(&[]);
        (r.starts_with(b"[...]") || r.starts_with("[…]".as_bytes()))
            && (r.len() == 5 || (ws_len(self.b, m + 5) > 0 && self.capital_at(m + 5)))
    }

    /// Whether a capitalised word, after white space and opening marks, starts at `p`.
    fn capital_at(&self, mut p: usize) -> bool {
        for _ in 0..4 {
            p = skip_ws(self.b, p);
            match char_at(self.t, p) {
                Some(c) if is_opener(c) => p += c.len_utf8(),
                c => return class_of(c) == Class::Upper,
            }
        }
        false
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
