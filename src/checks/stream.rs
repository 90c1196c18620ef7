//! The word tokens of a span read a chunk at a time, so that a check walking the tokens of a
//! whole sentence holds only the tokens near where it looks, however long the sentence is
//! (issue 6: 16 bytes a word of a 48 MB sentence was the memory peak).
//!
//! A chunk ends at ASCII white space, which no token contains and no token's end looks past, so
//! the tokens of the chunks, one after the other, are exactly [`tokens`] of the whole span; a
//! span of at most [`CHUNK`] bytes (every sentence of a real document) is one chunk.

use super::phrases::{tokens_into, Token};
use crate::span::Span;

/// Bytes tokenized at a time: 1 MiB, far longer than any real sentence.
pub const CHUNK: usize = 1 << 20;

/// Bytes tokenized at a time by [`TokenStream::short`]: a few words.
pub const SHORT_CHUNK: usize = 64;

/// The chunk size [`TokenStream::new`] uses: [`CHUNK`] (unit tests set a small one to run the
/// checks on short texts in many chunks).
#[cfg(not(test))]
fn chunk() -> usize {
    CHUNK
}

#[cfg(test)]
thread_local! {
    static TEST_CHUNK: std::cell::Cell<usize> = const { std::cell::Cell::new(CHUNK) };
}

#[cfg(test)]
fn chunk() -> usize {
    TEST_CHUNK.with(std::cell::Cell::get)
}

/// [`tokens`] of a span, read on demand by index; tokens the reader has let go of
/// ([`TokenStream::forget`]) are dropped when the next chunk is read.
pub struct TokenStream<'t> {
    text: &'t str,
    /// Where the next chunk starts, and the span's end.
    next: usize,
    end: usize,
    chunk: usize,
    /// Tokens `base..base + buf.len()` of the span.
    buf: Vec<Token>,
    base: usize,
    /// The first token still needed.
    keep: usize,
}

impl<'t> TokenStream<'t> {
    /// The tokens of `within`, read [`CHUNK`] bytes at a time.
    pub fn new(text: &'t str, within: Span) -> Self {
        Self::with_chunk(text, within, chunk())
    }

    /// The tokens of `within`, read about [`SHORT_CHUNK`] bytes at a time: for a reader that
    /// most often stops after a few words (issue 6: the first read tokenized the whole span).
    pub fn short(text: &'t str, within: Span) -> Self {
        Self::with_chunk(text, within, chunk().min(SHORT_CHUNK))
    }

    /// The tokens of `within`, read about `chunk` bytes at a time (at least one byte; a chunk
    /// runs on to the next white space).
    pub fn with_chunk(text: &'t str, within: Span, chunk: usize) -> Self {
        // a span that is no slice of `text` has no tokens, as in [`tokens`]
        let end = match text.get(within.start..within.end) {
            Some(_) => within.end,
            None => within.start,
        };
        TokenStream {
            text,
            next: within.start,
            end,
            chunk: chunk.max(1),
            buf: SPARE.with(std::cell::Cell::take),
            base: 0,
            keep: 0,
        }
    }

    /// Token `k` of the span (counted from its start), or `None` past the last one (or before
    /// a token already forgotten).
    #[inline(always)]
    pub fn get(&mut self, k: usize) -> Option<Token> {
        if let Some(t) = k.checked_sub(self.base).and_then(|j| self.buf.get(j)) {
            return Some(*t);
        }
        self.get_read(k)
    }

    /// [`TokenStream::get`] of a token not read yet.
    #[inline(never)]
    fn get_read(&mut self, k: usize) -> Option<Token> {
        loop {
            let j = k.checked_sub(self.base)?;
            if let Some(t) = self.buf.get(j) {
                return Some(*t);
            }
            if !self.read() {
                return None;
            }
        }
    }

    /// Tokens before `k` will not be asked for again.
    #[inline]
    pub fn forget(&mut self, k: usize) {
        self.keep = self.keep.max(k);
    }

    /// Reads the next chunk; false at the end of the span.
    fn read(&mut self) -> bool {
        if self.next >= self.end {
            return false;
        }
        let b = self.text.as_bytes();
        let share = self.next.saturating_add(self.chunk);
        let cut = b
            .get(share..self.end)
            .and_then(|rest| rest.iter().position(u8::is_ascii_whitespace))
            .map_or(self.end, |p| share + p);
        let chunk = Span::new(self.next, cut);
        self.next = cut;
        let drop = self.keep.saturating_sub(self.base).min(self.buf.len());
        self.buf.drain(..drop);
        self.base += drop;
        // about one token per six bytes of news prose, as [`tokens`] reserves
        self.buf
            .reserve((chunk.end - chunk.start).div_ceil(5).min(4096));
        tokens_into(self.text, chunk, &mut self.buf);
        true
    }
}

thread_local! {
    /// Token buffers of the streams of one thread, kept from one stream to the next (issue 6:
    /// the checks open a stream for most sentences that hold a candidate, each with a new
    /// vector).
    static SPARE: std::cell::Cell<Vec<Token>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Tokens a buffer may hold to be kept for the next stream (64 KiB).
const SPARE_MAX: usize = 4096;

impl Drop for TokenStream<'_> {
    fn drop(&mut self) {
        if self.buf.capacity() <= SPARE_MAX {
            let mut buf = std::mem::take(&mut self.buf);
            buf.clear();
            SPARE.with(|s| s.set(buf));
        }
    }
}

/// How many tokens `within` holds ([`tokens`]`(text, within).len()`), counted a chunk at a time.
#[cfg(test)]
pub(super) fn count(text: &str, within: Span) -> usize {
    let mut s = TokenStream::new(text, within);
    let mut n = s.buf.len();
    while s.read() {
        n += s.buf.len();
        s.keep = s.base + s.buf.len();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::super::phrases::tokens;
    use super::*;

    fn sample() -> String {
        let words = [
            "Officials",
            "said",
            "3.5%",
            "of",
            "U.S.",
            "voters’",
            "ballots",
            "—",
            "the",
            "state’s",
            "e-mailed,",
            "1,200",
            "in",
            "all.",
            "北京",
            "\u{201c}quote\u{201d}",
            "x",
        ];
        let gaps = [" ", "  ", "\n", "\t", " \u{a0}", "-", ".", ","];
        let mut rng = crate::testrng::Rng::new(0x9e37_79b9_7f4a_7c15);
        let mut text = String::new();
        for _ in 0..300 {
            let seed = rng.next_u64();
            text.push_str(words[(seed % words.len() as u64) as usize]);
            text.push_str(gaps[((seed >> 20) % gaps.len() as u64) as usize]);
        }
        text
    }

    #[test]
    fn chunks_give_the_tokens_of_the_whole_span() {
        let text = sample();
        for (a, z) in [(0, text.len()), (3, text.len() - 7), (40, 41), (5, 5)] {
            let (a, z) = (
                (a..).find(|&i| text.is_char_boundary(i)).unwrap(),
                (z..).find(|&i| text.is_char_boundary(i)).unwrap(),
            );
            let within = Span::new(a, z);
            let whole = tokens(&text, within);
            for chunk in [1, 2, 3, 7, 16, 50, 333, CHUNK] {
                let mut s = TokenStream::with_chunk(&text, within, chunk);
                let mut got = Vec::new();
                let mut k = 0;
                while let Some(t) = s.get(k) {
                    // look back two and ahead five, as the checks do, then let go
                    assert_eq!(
                        s.get(k.saturating_sub(2)),
                        whole.get(k.saturating_sub(2)).copied()
                    );
                    assert_eq!(s.get(k + 5), whole.get(k + 5).copied());
                    got.push(t);
                    s.forget(k.saturating_sub(2));
                    k += 1;
                }
                assert_eq!(got, whole, "chunk {chunk} {a}..{z}");
                // small chunks: only the tokens near the end are held
                if chunk <= 16 && whole.len() > 100 {
                    assert!(s.buf.len() < whole.len() / 4, "chunk {chunk}");
                }
            }
            assert_eq!(count(&text, within), whole.len());
        }
    }

    /// Every finding of every check on `texts`, one line each.
    fn findings(texts: &[String]) -> Vec<String> {
        let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
        let mut out = Vec::new();
        for text in texts {
            let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, text.clone());
            for f in checker.check_document(doc).findings {
                out.push(format!(
                    "{} {:?} {:?} {:?} {}",
                    f.rule, f.severity, f.span, f.sentence, f.message
                ));
            }
        }
        out
    }

    #[test]
    fn checks_find_the_same_in_small_chunks_as_whole() {
        let set = crate::checks::CheckSet::builtin().unwrap();
        let mut texts = set.example_texts();
        texts.push(
            "A senior US official said more than 2,500 people and nine hundred police were \
             there on May 3, and experts say about forty-five percent of the ballots were lost, \
             according to two people familiar with the talks. \"We will not leave this town \
             until every vote is counted,\" a source said. Critics say the 6 a.m. count of 1,200 \
             was the largest ever, a top aide, Jane Doe, said."
                .to_string(),
        );
        let whole = findings(&texts);
        assert!(whole.len() > 20, "{}", whole.len());
        for chunk in [1, 5, 24, 100] {
            TEST_CHUNK.with(|c| c.set(chunk));
            let got = findings(&texts);
            TEST_CHUNK.with(|c| c.set(CHUNK));
            assert_eq!(got, whole, "chunk {chunk}");
        }
    }
}
