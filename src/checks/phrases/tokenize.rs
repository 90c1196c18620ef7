//! Word tokens of a sentence: letters, digits, `%`, and the inner punctuation between them.

use super::is_word_char;
use crate::lexicon::char_at;
use crate::span::Span;

/// A word token of a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.slice(text)
    }
    pub fn is_capitalised(&self, text: &str) -> bool {
        self.text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }
}

/// What a byte of ASCII is to the tokenizer.
const OTHER: u8 = 0;
const WORD: u8 = 1;
const PERCENT: u8 = 2;
/// `.` `,` `'` `-`: kept between two word characters.
const INNER: u8 = 3;
/// A byte of a character outside ASCII.
const WIDE: u8 = 4;

const fn byte_classes() -> [u8; 256] {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if (b as u8).is_ascii_alphanumeric() {
            WORD
        } else {
            match b as u8 {
                b'%' => PERCENT,
                b'.' | b',' | b'\'' | b'-' => INNER,
                _ => OTHER,
            }
        };
        b += 1;
    }
    t
}
static CLASS: [u8; 256] = byte_classes();

/// Whether the character at byte `i` of `s` is a word character (false at the end).
#[inline]
fn word_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => CLASS[usize::from(b)] == WORD,
        Some(_) => char_at(s, i).is_some_and(|(c, _)| is_word_char(c)),
        None => false,
    }
}

/// Word tokens (letters, digits, `%`, and inner `.,'’-` between them) of `within`: a token
/// starts at a word character or `%` and runs over word characters, `%`, and any of `.,'’-`
/// followed by a word character. Bytes of ASCII are classed by a table; only characters
/// outside ASCII are decoded (issue 6: this ran once per check on the same sentences).
pub fn tokens(text: &str, within: Span) -> Vec<Token> {
    // about one token per six bytes of news prose: one allocation for most sentences
    let mut out = Vec::with_capacity((within.slice(text).len() / 5 + 1).min(4096));
    tokens_into(text, within, &mut out);
    out
}

/// [`tokens`] pushed onto `out` (a buffer used again and again).
pub fn tokens_into(text: &str, within: Span, out: &mut Vec<Token>) {
    each_token(text, within, |t| {
        out.push(t);
        true
    });
}

/// The first `n` of [`tokens`] of `within` (all of them when it holds fewer), read no further
/// than the `n`-th (issue 6: the checks tokenized the whole rest of a sentence to read the
/// word or two after a match).
pub fn first_tokens(text: &str, within: Span, n: usize) -> Vec<Token> {
    let mut out = Vec::with_capacity(n.min(16));
    if n > 0 {
        each_token(text, within, |t| {
            out.push(t);
            out.len() < n
        });
    }
    out
}

/// Where a stretch at the end of `b` of at most `back` bytes starts right after ASCII white
/// space (which no token contains), or 0 when `back` reaches the start; `None` when those
/// bytes hold no white space.
fn stretch_start(b: &[u8], back: usize) -> Option<usize> {
    let from = b.len().saturating_sub(back);
    if from == 0 {
        return Some(0);
    }
    b.get(from..)
        .and_then(|r| r.iter().position(u8::is_ascii_whitespace))
        .map(|k| from + k + 1)
}

/// The last `n` of [`tokens`] of `within` (all of them when it holds fewer), read from a
/// stretch at its end (issue 6: the checks tokenized the whole sentence before a match to read
/// the word or two before it).
///
/// The stretch starts right after a byte of ASCII white space, which no token contains: the
/// tokens from there on are exactly the last ones of the whole span. When the stretch holds
/// more than `n` of them, its last `n` are the span's; else it doubles, up to the whole span.
pub fn last_tokens(text: &str, within: Span, n: usize) -> Vec<Token> {
    let mut toks = from_the_end(text, within, |s| tokens(text, s), |t| t.len() > n);
    let drop = toks.len().saturating_sub(n);
    toks.drain(..drop);
    toks
}

/// What `read` gives for a stretch at the end of `within` ([`stretch_start`]: 32 bytes, then
/// doubled) once `enough` says it holds what is wanted, or for the whole span.
#[inline(always)]
fn from_the_end<R>(
    text: &str,
    within: Span,
    mut read: impl FnMut(Span) -> R,
    enough: impl Fn(&R) -> bool,
) -> R {
    let b = within.slice(text).as_bytes();
    let mut back = 32usize;
    loop {
        if let Some(cut) = stretch_start(b, back) {
            let r = read(Span::new(within.start + cut, within.end));
            if cut == 0 || enough(&r) {
                return r;
            }
        }
        back = back.saturating_mul(2);
    }
}

/// The last of [`tokens`] of `within` ([`last_tokens`] of one), without a vector: read from
/// a stretch at its end that starts right after ASCII white space, doubled until it holds a
/// token or is the whole span.
pub fn last_token(text: &str, within: Span) -> Option<Token> {
    let last = |s| {
        let mut last = None;
        each_token(text, s, |t| {
            last = Some(t);
            true
        });
        last
    };
    from_the_end(text, within, last, Option::is_some)
}

/// At most `N` tokens in place (issue 6: the checks read the word or two around a match as a
/// vector, an allocation each time): [`first_few`], [`last_few`]. Derefs to the tokens.
#[derive(Clone, Copy, Debug)]
pub struct Few<const N: usize> {
    toks: [Token; N],
    len: usize,
}

impl<const N: usize> Few<N> {
    fn new() -> Self {
        Few {
            toks: [Token {
                span: Span::default(),
            }; N],
            len: 0,
        }
    }
}

impl<const N: usize> std::ops::Deref for Few<N> {
    type Target = [Token];
    fn deref(&self) -> &[Token] {
        self.toks.get(..self.len).unwrap_or_default()
    }
}

/// [`first_tokens`] of `N` tokens, in place.
pub fn first_few<const N: usize>(text: &str, within: Span) -> Few<N> {
    let mut out = Few::new();
    if N > 0 {
        each_token(text, within, |t| {
            if let Some(slot) = out.toks.get_mut(out.len) {
                *slot = t;
                out.len += 1;
            }
            out.len < N
        });
    }
    out
}

/// [`last_tokens`] of `N` tokens, in place: the tokens of each stretch (as there) kept in a
/// ring of `N`.
pub fn last_few<const N: usize>(text: &str, within: Span) -> Few<N> {
    let mut out = Few::new();
    if N == 0 {
        return out;
    }
    let ring = |s| {
        let mut ring = [Token {
            span: Span::default(),
        }; N];
        let mut count = 0usize;
        each_token(text, s, |t| {
            if let Some(slot) = ring.get_mut(count % N) {
                *slot = t;
            }
            count += 1;
            true
        });
        (ring, count)
    };
    let (ring, count) = from_the_end(text, within, ring, |&(_, count)| count > N);
    // the oldest of the last `N` is at `count % N` once the ring has wrapped
    let first = if count > N { count % N } else { 0 };
    out.len = count.min(N);
    for (j, slot) in out.toks.iter_mut().take(out.len).enumerate() {
        if let Some(t) = ring.get((first + j) % N) {
            *slot = *t;
        }
    }
    out
}

/// How many tokens `within` holds, counted up to `limit`: `min(limit, tokens(..).len())`,
/// without reading further than the token that reaches the limit.
pub fn count_up_to(text: &str, within: Span, limit: usize) -> usize {
    let mut n = 0;
    if limit > 0 {
        each_token(text, within, |_| {
            n += 1;
            n < limit
        });
    }
    n
}

/// Hands the tokens of `within` in order to `f` until it returns false.
#[inline(always)]
pub(crate) fn each_token(text: &str, within: Span, mut f: impl FnMut(Token) -> bool) {
    let s = within.slice(text);
    let b = s.as_bytes();
    let mut i = 0;
    let n = b.len();
    while i < n {
        // outside a token: find the next word character or `%`
        let start = loop {
            let Some(&c) = b.get(i) else { break None };
            match CLASS[usize::from(c)] {
                WORD | PERCENT => break Some(i),
                WIDE => match char_at(s, i) {
                    Some((ch, len)) => {
                        if is_word_char(ch) {
                            break Some(i);
                        }
                        i += len;
                    }
                    None => i += 1,
                },
                _ => i += 1,
            }
        };
        let Some(start) = start else { break };
        // inside: run to the first byte that is not kept (ASCII letters, digits and `%` in a
        // tight loop first)
        loop {
            while i < n && matches!(CLASS[usize::from(b[i])], WORD | PERCENT) {
                i += 1;
            }
            let Some(&c) = b.get(i) else { break };
            match CLASS[usize::from(c)] {
                WORD | PERCENT => i += 1,
                INNER if word_at(s, i + 1) => i += 1,
                WIDE => match char_at(s, i) {
                    Some((ch, len)) => {
                        let keep = is_word_char(ch) || (ch == '\u{2019}' && word_at(s, i + len));
                        if !keep {
                            break;
                        }
                        i += len;
                    }
                    None => break,
                },
                _ => break,
            }
        }
        let more = f(Token {
            span: Span::new(within.start + start, within.start + i),
        });
        if !more {
            return;
        }
    }
}
