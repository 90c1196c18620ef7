//! Layout that is not prose and belongs to no sentence: a dot leader with its page number at
//! the end of a line ("About Me ........ 5", a table of contents) and a separator rule
//! ("==========", "//////////") that starts or ends a line, and a line break written out as an
//! escape sequence by a broken export (`… the end.\n The next …`).

use super::Splitter;

/// Shortest run of periods read as a dot leader.
const LEADER_MIN: usize = 4;
/// Shortest run of one separator character read as a rule.
pub(super) const RULE_MIN: usize = 5;
/// Longest page number (digits) after a leader.
const PAGE_MAX: usize = 4;

/// Bytes that draw separator rules in plain text.
pub(super) const fn is_rule_byte(c: u8) -> bool {
    matches!(c, b'/' | b'=' | b'-' | b'_' | b'*' | b'#' | b'~' | b'+')
}

impl Splitter<'_> {
    /// If the stop run `i..run_end` ends in a dot leader followed on the same line by a page
    /// number or range and then the end of the line, excludes leader and number from every
    /// sentence (the text before it ends a sentence) and returns where to continue.
    pub(super) fn dot_leader(&mut self, i: usize, run_end: usize) -> Option<usize> {
        let b = self.b;
        let dots = b
            .get(i..run_end)?
            .iter()
            .rev()
            .take_while(|&&c| c == b'.')
            .count();
        if dots < LEADER_MIN {
            return None;
        }
        let start = run_end - dots;
        let mut p = self.skip_blank(run_end);
        p = self.digits(p)?;
        if let Some(dash) = match b.get(p) {
            Some(b'-') => Some(1),
            Some(0xE2) if b.get(p + 1) == Some(&0x80) && b.get(p + 2) == Some(&0x93) => Some(3),
            _ => None,
        } {
            p = self.digits(p + dash)?;
        }
        let end = p;
        if !self.line_ends(end) {
            return None;
        }
        self.exclude(start, end);
        Some(end)
    }

    /// A run of one separator byte from `i`: when it is long enough and starts or ends a line,
    /// it is excluded from every sentence. Returns where to continue.
    pub(super) fn rule(&mut self, i: usize) -> usize {
        let b = self.b;
        let c = b.get(i).copied().unwrap_or(0);
        let len = b
            .get(i..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&x| x == c)
            .count();
        let end = i + len;
        if len >= RULE_MIN && (self.line_starts(i) || self.line_ends(end)) {
            self.exclude(i, end);
        }
        end.max(i + 1)
    }

    /// A line break written out as escapes (`\n`, `\r\n`, or `\ r \ n` as tokenisers leave
    /// it) from the backslash at `i`, after the end of a sentence or a line (and maybe a few
    /// spaces) and before white space, the end, a capital or a digit: excluded from every sentence, and the sentences around it are
    /// cut. A path (`C:\new`) or an escape inside a word stays text. Returns where to continue.
    pub(super) fn escaped_break(&mut self, i: usize) -> usize {
        let b = self.b;
        // what stands before, past at most a few spaces: the end of a sentence or of a line
        let head = b.get(..i).unwrap_or(&[]);
        let blank = head
            .iter()
            .rev()
            .take(8)
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        let before = head.len().checked_sub(blank + 1).and_then(|k| head.get(k));
        if !matches!(
            before,
            None | Some(b'\n' | b'\r' | b'.' | b'!' | b'?' | b'"' | b'\'' | b')')
        ) {
            return i + 1;
        }
        let (mut p, mut n) = (i, 0);
        loop {
            if n > 0 && b.get(p) == Some(&b' ') && b.get(p + 1) == Some(&b'\\') {
                p += 1;
            }
            if b.get(p) != Some(&b'\\') {
                break;
            }
            let q = if b.get(p + 1) == Some(&b' ') {
                p + 2
            } else {
                p + 1
            };
            if !matches!(b.get(q), Some(b'r' | b'n')) {
                break;
            }
            p = q + 1;
            n += 1;
        }
        let after = b.get(p).copied();
        let ends = match after {
            None => true,
            Some(c) => c.is_ascii_whitespace() || c.is_ascii_uppercase() || c.is_ascii_digit(),
        };
        if n == 0 || !ends {
            return i + 1;
        }
        self.exclude(i, p);
        p
    }

    /// Cuts around `start..end` and records it as layout.
    fn exclude(&mut self, start: usize, end: usize) {
        self.cut(start);
        self.cut(end);
        self.layout.push((start, end));
    }

    /// End of 1 to [`PAGE_MAX`] ASCII digits from `p`.
    fn digits(&self, p: usize) -> Option<usize> {
        let n = self
            .b
            .get(p..)
            .unwrap_or(&[])
            .iter()
            .take(PAGE_MAX + 1)
            .take_while(|c| c.is_ascii_digit())
            .count();
        (1..=PAGE_MAX).contains(&n).then_some(p + n)
    }

    /// Skips spaces and tabs (not line breaks) from `p`.
    fn skip_blank(&self, mut p: usize) -> usize {
        while matches!(self.b.get(p), Some(b' ' | b'\t')) {
            p += 1;
        }
        p
    }

    /// Whether only spaces and tabs stand between `p` and the end of its line.
    fn line_ends(&self, p: usize) -> bool {
        matches!(self.b.get(self.skip_blank(p)), None | Some(b'\n' | b'\r'))
    }

    /// Whether only spaces and tabs stand between the start of its line and `p`.
    fn line_starts(&self, p: usize) -> bool {
        let before = self.b.get(..p).unwrap_or(&[]);
        let blank = before
            .iter()
            .rev()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        matches!(
            before.len().checked_sub(blank + 1).map(|k| before.get(k)),
            None | Some(Some(b'\n' | b'\r'))
        )
    }
}
