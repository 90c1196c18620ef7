//! The words of a text under one of the two boundary rules the matchers use, read once, byte by
//! byte (ASCII without decoding), each with a hash of its bytes that ignores ASCII case.

use std::sync::atomic::{AtomicU64, Ordering};

/// Where words begin and end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// Runs of letters and digits, joined across an apostrophe, hyphen, period, ampersand or
    /// non-breaking hyphen between two of them: the classifier's words
    /// ([`crate::classify::tokens::is_boundary`]).
    Joined,
    /// Runs of letters and digits: the editorial checks' words
    /// ([`crate::checks::phrases`]).
    Plain,
}

/// What a character is to the word rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Alnum,
    Joiner,
    Other,
}

const O: u8 = 0;
const A: u8 = 1;
const J: u8 = 2;
/// A byte of a character outside ASCII: decode it.
const H: u8 = 3;

/// Class of each byte.
static TAB: [u8; 256] = {
    let mut t = [O; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c >= 0x80 {
            t[b] = H;
        } else if c.is_ascii_alphanumeric() {
            t[b] = A;
        } else if matches!(c, b'\'' | b'-' | b'.' | b'&') {
            t[b] = J;
        }
        b += 1;
    }
    t
};

/// The class of the character at byte `i` of `text` and its length; `None` at the end or off a
/// character boundary.
#[inline]
pub(crate) fn class_at(text: &str, i: usize) -> Option<(Class, usize)> {
    let b = *text.as_bytes().get(i)?;
    match TAB[usize::from(b)] {
        A => return Some((Class::Alnum, 1)),
        J => return Some((Class::Joiner, 1)),
        O => return Some((Class::Other, 1)),
        _ => {}
    }
    let c = text.get(i..)?.chars().next()?;
    let class = if is_alnum(c) {
        Class::Alnum
    } else if matches!(c, '\u{2019}' | '\u{2011}') {
        Class::Joiner
    } else {
        Class::Other
    };
    Some((class, c.len_utf8()))
}

/// Whether the character at byte `i` of `text` is a letter or digit.
#[inline]
fn alnum_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => TAB[usize::from(b)] == A,
        Some(_) => matches!(class_at(text, i), Some((Class::Alnum, _))),
        None => false,
    }
}

/// Per 64 characters of the Basic Multilingual Plane: which are letters or digits
/// ([`char::is_alphanumeric`]), filled in when first needed.
static ALNUM: [AtomicU64; 1024] = [const { AtomicU64::new(0) }; 1024];
/// Per 64 entries of [`ALNUM`]: which are filled in.
static FILLED: [AtomicU64; 16] = [const { AtomicU64::new(0) }; 16];

/// [`char::is_alphanumeric`], cached: the standard test takes hundreds of instructions for a
/// character outside ASCII (a curly quote, a dash), and news text has one every few dozen
/// bytes.
pub fn is_alnum(c: char) -> bool {
    let u = c as usize;
    let chunk = u >> 6;
    let (Some(slot), Some(filled)) = (ALNUM.get(chunk), FILLED.get(chunk >> 6)) else {
        return c.is_alphanumeric();
    };
    let bit = 1u64 << (u & 63);
    let flag = 1u64 << (chunk & 63);
    if filled.load(Ordering::Acquire) & flag != 0 {
        return slot.load(Ordering::Relaxed) & bit != 0;
    }
    let mut v = 0u64;
    for k in 0..64u32 {
        let code = ((chunk as u32) << 6) | k;
        if char::from_u32(code).is_some_and(char::is_alphanumeric) {
            v |= 1 << k;
        }
    }
    slot.store(v, Ordering::Relaxed);
    filled.fetch_or(flag, Ordering::Release);
    v & bit != 0
}

/// A hash of `bytes[start..end]` equal for strings equal up to ASCII case (every byte is read
/// with bit 0x20 set, which lower-cases ASCII letters and leaves digits and joiners as they
/// are), eight bytes at a time.
#[inline]
pub(crate) fn hash(bytes: &[u8], start: usize, end: usize) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    const CASE: u64 = 0x2020_2020_2020_2020;
    let mut h = (end.saturating_sub(start) as u64).wrapping_mul(K);
    let mut i = start;
    while i < end {
        let n = (end - i).min(8);
        let raw = match bytes
            .get(i..i + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
        {
            Some(a) => u64::from_le_bytes(a),
            None => bytes
                .get(i..i + n)
                .unwrap_or_default()
                .iter()
                .rev()
                .fold(0u64, |v, &b| (v << 8) | u64::from(b)),
        };
        let keep = if n == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * n)) - 1
        };
        h = (h.rotate_left(23) ^ ((raw | CASE) & keep)).wrapping_mul(K);
        i += n;
    }
    h ^ (h >> 31)
}

impl Scheme {
    /// Whether the word that reaches `i` (exclusive) goes on past it: `i` is not a word end.
    #[inline]
    pub(crate) fn continues(self, text: &str, i: usize) -> bool {
        match class_at(text, i) {
            Some((Class::Alnum, _)) => true,
            Some((Class::Joiner, len)) if self == Scheme::Joined => {
                matches!(class_at(text, i + len), Some((Class::Alnum, _)))
            }
            _ => false,
        }
    }

    /// True when position `i` of `text` is not inside a word.
    pub fn is_boundary(self, text: &str, i: usize) -> bool {
        match self {
            Scheme::Joined => crate::classify::tokens::is_boundary(text, i),
            Scheme::Plain => {
                let before = text.get(..i).and_then(|p| p.chars().next_back());
                let after = text.get(i..).and_then(|p| p.chars().next());
                let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                !(word(before) && word(after))
            }
        }
    }
}

/// One word: byte offsets and the hash of its bytes ([`hash`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub hash: u64,
}

/// The words of a text from a position on.
pub struct Words<'t> {
    text: &'t str,
    pos: usize,
    joined: bool,
}

impl<'t> Words<'t> {
    /// The words that start at or after `from` (a word that `from` cuts is skipped).
    pub fn new(text: &'t str, from: usize, scheme: Scheme) -> Words<'t> {
        let mut pos = from.min(text.len());
        while !text.is_char_boundary(pos) {
            pos += 1;
        }
        if pos > 0 && !scheme.is_boundary(text, pos) {
            // inside a word: skip its rest
            while scheme.continues(text, pos) {
                pos += class_at(text, pos).map_or(1, |(_, len)| len);
            }
        }
        Words {
            text,
            pos,
            joined: scheme == Scheme::Joined,
        }
    }
}

impl Iterator for Words<'_> {
    type Item = Word;

    #[inline]
    fn next(&mut self) -> Option<Word> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut pos = self.pos;
        // to the next letter or digit
        let start = loop {
            let &b = bytes.get(pos)?;
            match TAB[usize::from(b)] {
                A => {
                    pos += 1;
                    break pos - 1;
                }
                H => match class_at(text, pos) {
                    Some((Class::Alnum, len)) => {
                        pos += len;
                        break pos - len;
                    }
                    Some((_, len)) => pos += len,
                    None => pos += 1,
                },
                _ => pos += 1,
            }
        };
        // to its end
        while let Some(&b) = bytes.get(pos) {
            match TAB[usize::from(b)] {
                A => pos += 1,
                O => break,
                J => {
                    if self.joined && alnum_at(text, pos + 1) {
                        pos += 1;
                    } else {
                        break;
                    }
                }
                _ => match class_at(text, pos) {
                    Some((Class::Alnum, len)) => pos += len,
                    Some((Class::Joiner, len)) if self.joined && alnum_at(text, pos + len) => {
                        pos += len
                    }
                    _ => break,
                },
            }
        }
        self.pos = pos;
        Some(Word {
            start,
            end: pos,
            hash: hash(bytes, start, pos),
        })
    }
}

/// Whether `s` begins and ends with a letter or digit (the entries [`super::Lexicon`] finds
/// by their words).
pub(crate) fn is_regular(s: &str) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(is_alnum);
    alnum(s.chars().next()) && alnum(s.chars().next_back())
}
