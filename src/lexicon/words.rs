//! The words of a text under one of the two boundary rules the matchers use, read once, byte by
//! byte (ASCII without decoding), each with a hash of its bytes that ignores ASCII case.

use super::alnum::{is_alnum, is_alnum_bmp};
use super::hash::{alnum_bytes, finish, hash, mix, CASE, HIGH, K};

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
    let (c, len) = decode(text.as_bytes(), i, b)?;
    let class = if is_alnum(c) {
        Class::Alnum
    } else if matches!(c, '\u{2019}' | '\u{2011}') {
        Class::Joiner
    } else {
        Class::Other
    };
    Some((class, len))
}

/// The character outside ASCII whose first byte, `b`, is at `i` of `bytes` (UTF-8), and its
/// length; `None` off a character boundary (issue 6: what `chars().next()` on `text[i..]`
/// gives, in a third of the instructions).
#[inline]
fn decode(bytes: &[u8], i: usize, b: u8) -> Option<(char, usize)> {
    let next = |k: usize| bytes.get(i + k).map(|&c| u32::from(c & 0x3f));
    let (code, len) = match b {
        0xc0..=0xdf => ((u32::from(b & 0x1f) << 6) | next(1)?, 2),
        0xe0..=0xef => ((u32::from(b & 0x0f) << 12) | (next(1)? << 6) | next(2)?, 3),
        0xf0..=0xf7 => (
            (u32::from(b & 0x07) << 18) | (next(1)? << 12) | (next(2)? << 6) | next(3)?,
            4,
        ),
        _ => return None,
    };
    Some((char::from_u32(code)?, len))
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

/// The length of the joiner at byte `i` of `text` when one is there with a letter or digit
/// after it: a [`Scheme::Joined`] word that reaches `i` goes on past it.
/// (The reference of [`joins_after`], for the tests.)
#[cfg(test)]
pub(crate) fn joins_at(text: &str, i: usize) -> Option<usize> {
    let len = match text.as_bytes().get(i)? {
        &b if b < 0x80 => {
            if TAB[usize::from(b)] != J {
                return None;
            }
            1
        }
        _ => match class_at(text, i)? {
            (Class::Joiner, len) => len,
            _ => return None,
        },
    };
    alnum_at(text, i + len).then_some(len)
}

/// Whether a [`Scheme::Joined`] word that reaches `i` of `text` goes on past it
/// ([`joins_at`]): what most words end at, an ASCII byte other than a joiner, is tested here;
/// the rest out of line (issue 6: the pair walk's loop calls nothing on its quick path).
#[inline(always)]
pub(crate) fn joins_after(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 && TAB[usize::from(b)] != J => false,
        Some(_) => joins_slow(text, i),
        None => false,
    }
}

/// [`joins_at`], not inlined: the joiners outside ASCII (`’`, the no-break hyphen) compared as
/// bytes and the character after them decoded in line (issue 6: a Devanagari word ends before
/// a character outside ASCII, and `class_at` was called for it).
#[inline(never)]
fn joins_slow(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    let len = match bytes.get(i) {
        Some(&b) if b < 0x80 => {
            if TAB[usize::from(b)] != J {
                return false;
            }
            1
        }
        // (U+2019 and U+2011: in a `str` no other three bytes decode to them)
        Some(_) => match bytes.get(i..i + 3) {
            Some(&[0xe2, 0x80, 0x99 | 0x91]) => 3,
            _ => return false,
        },
        None => return false,
    };
    match bytes.get(i + len) {
        Some(&b) if b < 0x80 => TAB[usize::from(b)] == A,
        Some(&b) => matches!(wide_alnum(bytes, i + len, b), Some((true, _))),
        None => false,
    }
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
}

/// One word: byte offsets, the hash of its bytes and their first eight ([`hash`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub hash: u64,
    pub head: u64,
}

/// The words of a text from a position on.
#[derive(Clone, Debug)]
pub struct Words<'t> {
    text: &'t str,
    pos: usize,
    joined: bool,
}

impl<'t> Words<'t> {
    /// The words from `from`, a position known not to be inside a word.
    pub(crate) fn at(text: &'t str, from: usize, scheme: Scheme) -> Words<'t> {
        Words {
            text,
            pos: from,
            joined: scheme == Scheme::Joined,
        }
    }
}

impl Iterator for Words<'_> {
    type Item = Word;

    #[inline(always)]
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
        if let Some((w, pos)) = quick_word(bytes, start, self.joined, Some(text)) {
            self.pos = pos;
            return Some(w);
        }
        let (w, pos) = rest(text, self.joined, start, pos);
        self.pos = pos;
        Some(w)
    }
}

/// The word at `start` of `bytes`, when one or two eight-byte loads read it: most words are
/// ASCII letters and digits followed by a space or a punctuation mark that joins nothing (read
/// and hashed from the loads), with the position where the next word may start. `None` when the
/// loads do not read it, and when `wide` (the text, for a character outside ASCII after the
/// word) is `None` and the byte after the word is outside ASCII. `joined`: the words of
/// [`Scheme::Joined`].
#[inline(always)]
fn quick_word(
    bytes: &[u8],
    start: usize,
    joined: bool,
    wide: Option<&str>,
) -> Option<(Word, usize)> {
    let c = bytes.get(start..).and_then(|r| r.first_chunk::<8>())?;
    let v = u64::from_le_bytes(*c);
    let n = run(v);
    if n < 8 {
        if n > 0 && ends_at(v, n, start, joined, wide) {
            let head = (v | CASE) & keep(n);
            // the ASCII byte after the word is no letter or digit: the next word starts after
            // it (a byte outside ASCII is read by the next call)
            let pos = start + n + usize::from(v >> (8 * n) & 0x80 == 0);
            let w = Word {
                start,
                end: start + n,
                hash: finish(mix(n, head)),
                head,
            };
            return Some((w, pos));
        }
    } else if let Some(c) = bytes.get(start + 8..).and_then(|r| r.first_chunk::<8>()) {
        let v2 = u64::from_le_bytes(*c);
        let n2 = run(v2);
        if n2 < 8 && ends_at(v2, n2, start + 8, joined, wide) {
            let head = v | CASE;
            let mut h = mix(8 + n2, head);
            if n2 > 0 {
                h = (h.rotate_left(23) ^ ((v2 | CASE) & keep(n2))).wrapping_mul(K);
            }
            let w = Word {
                start,
                end: start + 8 + n2,
                hash: finish(h),
                head,
            };
            return Some((w, start + 8 + n2));
        }
    }
    None
}

/// The next [`Scheme::Plain`] word of `bytes` from `*pos` (a position not inside a word), when
/// it is ASCII, [`quick_word`] reads it and ASCII bytes alone are before it; `*pos` is then the
/// position after it. Else `None`, and the words from `*pos` are still those of
/// [`plain_wide`] (issue 6: a loop of this path alone calls nothing and keeps its values in
/// registers).
#[inline(always)]
pub(crate) fn plain_quick(bytes: &[u8], pos: &mut usize) -> Option<Word> {
    let mut p = *pos;
    loop {
        let &b = bytes.get(p)?;
        match TAB[usize::from(b)] {
            A => break,
            H => {
                *pos = p;
                return None;
            }
            _ => p += 1,
        }
    }
    *pos = p;
    // ([`quick_word`] of a plain word without the text: the byte after a word of fewer than
    // eight bytes is no letter or digit, and it ends the word when it is ASCII, as any
    // joiner does here; issue 6: no class lookup, and the byte after it is skipped)
    let c = bytes.get(p..).and_then(|r| r.first_chunk::<8>())?;
    let v = u64::from_le_bytes(*c);
    let n = run(v);
    if n < 8 {
        // (`n` is not 0: the byte at `p` is a letter or digit, by the table, and
        // `alnum_bytes` is the table: `alnum_bytes_is_the_table`)
        if v >> (8 * n) & 0x80 != 0 {
            return None;
        }
        let head = (v | CASE) & keep(n);
        *pos = p + n + 1;
        return Some(Word {
            start: p,
            end: p + n,
            hash: finish(mix(n, head)),
            head,
        });
    }
    let (w, after) = quick_word(bytes, p, false, None)?;
    *pos = after;
    Some(w)
}

/// [`plain_quick`] as it was, through [`quick_word`] alone: the reference of its quick path,
/// for the tests.
#[cfg(test)]
pub(crate) fn plain_quick_ref(bytes: &[u8], pos: &mut usize) -> Option<Word> {
    let mut p = *pos;
    loop {
        let &b = bytes.get(p)?;
        match TAB[usize::from(b)] {
            A => break,
            H => {
                *pos = p;
                return None;
            }
            _ => p += 1,
        }
    }
    *pos = p;
    let (w, after) = quick_word(bytes, p, false, None)?;
    *pos = after;
    Some(w)
}

/// The next [`Scheme::Plain`] word of `text` from `pos` (a position not inside a word) and the
/// position after it ([`Words::next`]): what [`plain_wide`] reads, for the tests.
#[cfg(test)]
pub(crate) fn plain_slow(text: &str, pos: usize) -> Option<(Word, usize)> {
    let mut words = Words::at(text, pos, Scheme::Plain);
    let w = words.next()?;
    Some((w, words.pos))
}

/// [`plain_slow`] read without the iterator (issue 6: a word of Devanagari letters, or the
/// word after a curly quotation mark or a dash, took ≈ 470 instructions there, decoded by
/// [`class_at`] a character at a time through calls): the same words and positions. Only the
/// class of a character matters to the plain words (a letter or digit, or not): each character
/// outside ASCII is decoded in line ([`decode`], [`is_alnum`]).
#[inline(never)]
pub(crate) fn plain_wide(text: &str, pos: usize) -> Option<(Word, usize)> {
    let bytes = text.as_bytes();
    let mut p = pos;
    // to the next letter or digit (off a character boundary: a byte on, as `Words::next`)
    let ascii = loop {
        let &b = bytes.get(p)?;
        if b < 0x80 {
            if TAB[usize::from(b)] == A {
                break true;
            }
            p += 1;
        } else {
            match wide_alnum(bytes, p, b) {
                Some((true, _)) => break false,
                Some((false, len)) => p += len,
                None => p += 1,
            }
        }
    };
    let start = p;
    if ascii {
        // (what `Words::next` does first: most of these are ASCII words after a dash)
        if let Some(r) = quick_word(bytes, start, false, Some(text)) {
            return Some(r);
        }
    }
    // to its end, as `rest` (no joiner joins plain words)
    let mut end = start;
    while let Some(&b) = bytes.get(end) {
        if b < 0x80 {
            if TAB[usize::from(b)] != A {
                break;
            }
            end += 1;
        } else {
            match wide_alnum(bytes, end, b) {
                Some((true, len)) => end += len,
                _ => break,
            }
        }
    }
    let (hash, head) = hash(bytes, start, end);
    Some((
        Word {
            start,
            end,
            hash,
            head,
        },
        end,
    ))
}

/// Whether the character outside ASCII whose first byte, `b`, is at `i` of `bytes` is a letter
/// or digit, and its length; `None` off a character boundary ([`class_at`] for such a byte).
/// A character of three bytes (Devanagari, CJK, punctuation) is looked up without a `char`:
/// in a `str` its first byte has two more after it and they never make a surrogate.
#[inline(always)]
fn wide_alnum(bytes: &[u8], i: usize, b: u8) -> Option<(bool, usize)> {
    if let (0xe0..=0xef, Some(&[_, c1, c2])) = (b, bytes.get(i..i + 3)) {
        let code = (u32::from(b & 0x0f) << 12) | (u32::from(c1 & 0x3f) << 6) | u32::from(c2 & 0x3f);
        return Some((is_alnum_bmp(code), 3));
    }
    let (c, len) = decode(bytes, i, b)?;
    Some((is_alnum(c), len))
}

/// How many bytes of `v` from the lowest are ASCII letters or digits.
#[inline]
fn run(v: u64) -> usize {
    ((!alnum_bytes(v) & HIGH).trailing_zeros() / 8) as usize
}

/// The mask of the `n` lowest bytes (`n < 8`).
#[inline]
fn keep(n: usize) -> u64 {
    (1u64 << (8 * n)) - 1
}

/// Whether the byte `n` of `v` (`n < 8`, the first that is not an ASCII letter or digit), at
/// `at + n` in the text, ends the word: it is no joiner, a joiner that joins nothing (`word.`
/// before a space), any joiner when none joins (`joined` false), a character outside ASCII that
/// is neither a letter nor a joining one (read in `wide`, the text; without it, false).
#[inline(always)]
fn ends_at(v: u64, n: usize, at: usize, joined: bool, wide: Option<&str>) -> bool {
    let class = |k: usize| TAB[((v >> (8 * k)) & 0xff) as usize];
    match class(n) {
        O => true,
        J => !joined || (n + 1 < 8 && matches!(class(n + 1), O | J)),
        _ => wide.is_some_and(|text| ends_before_wide(text, joined, at + n)),
    }
}

/// Whether the character outside ASCII at `i` of `text` ends the word before it (`joined`: under
/// [`Scheme::Joined`]). (Free functions, not methods: a [`Words`] read in a loop stays in
/// registers when its address is never taken; issue 6.)
#[inline(never)]
fn ends_before_wide(text: &str, joined: bool, i: usize) -> bool {
    match class_at(text, i) {
        Some((Class::Other, _)) => true,
        Some((Class::Joiner, len)) => !joined || !alnum_at(text, i + len),
        _ => false,
    }
}

/// The word of `text` that starts at `start` and goes on at least to `pos`, when the quick path
/// of [`Words::next`] could not take it, and the position after it.
#[inline(never)]
fn rest(text: &str, joined: bool, start: usize, mut pos: usize) -> (Word, usize) {
    let bytes = text.as_bytes();
    // to its end: a character at a time, and eight bytes at a time after an ASCII letter or
    // digit while they are ASCII letters and digits (issue 6: not after a character outside
    // ASCII, in a word of Devanagari or Cyrillic letters the next one is outside ASCII too)
    let mut ascii = true;
    loop {
        if ascii {
            while let Some(c) = bytes.get(pos..).and_then(|r| r.first_chunk::<8>()) {
                let m = alnum_bytes(u64::from_le_bytes(*c));
                if m == HIGH {
                    pos += 8;
                } else {
                    pos += ((!m & HIGH).trailing_zeros() / 8) as usize;
                    break;
                }
            }
        }
        let Some(&b) = bytes.get(pos) else { break };
        ascii = b < 0x80;
        match TAB[usize::from(b)] {
            A => pos += 1,
            O => break,
            J => {
                if joined && alnum_at(text, pos + 1) {
                    pos += 1;
                } else {
                    break;
                }
            }
            _ => match class_at(text, pos) {
                Some((Class::Alnum, len)) => pos += len,
                Some((Class::Joiner, len)) if joined && alnum_at(text, pos + len) => pos += len,
                _ => break,
            },
        }
    }
    let (hash, head) = hash(bytes, start, pos);
    (
        Word {
            start,
            end: pos,
            hash,
            head,
        },
        pos,
    )
}

/// Whether `s` begins and ends with a letter or digit (the entries [`super::Lexicon`] finds
/// by their words).
pub(crate) fn is_regular(s: &str) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(is_alnum);
    alnum(s.chars().next()) && alnum(s.chars().next_back())
}

/// Entries as (id, text).
pub(crate) type Entries<'a> = Vec<(u32, &'a str)>;

/// The entries (id, text) the trie holds and the others (see [`super::Lexicon`]), for
/// `Lexicon::new` and `build.rs`.
pub(crate) fn split<S: AsRef<str>>(entries: &[S]) -> (Entries<'_>, Entries<'_>) {
    let mut odd = Vec::new();
    let mut regular = Vec::with_capacity(entries.len());
    for (id, p) in entries.iter().enumerate() {
        let Ok(id) = u32::try_from(id) else { break };
        let p = p.as_ref();
        if is_regular(p) {
            regular.push((id, p));
        } else {
            odd.push((id, p));
        }
    }
    (regular, odd)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The decoder gives what `chars` gives at every byte of a text of every length of UTF-8.
    #[test]
    fn decode_is_chars() {
        let text = "a\u{e9}\u{2019}\u{94d}\u{5317}\u{1f600}\u{10ffff}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}z";
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let want = text
                .get(i..)
                .and_then(|r| r.chars().next())
                .filter(|c| !c.is_ascii());
            let got = if b < 0x80 { None } else { decode(bytes, i, b) };
            assert_eq!(got.map(|g| g.0), want, "{i}");
            assert_eq!(got.map(|g| g.1), want.map(char::len_utf8), "{i}");
        }
    }

    /// The eight-byte test agrees with the table on every byte at every position.
    #[test]
    fn alnum_bytes_is_the_table() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut a = [b'a'; 8];
                a[at] = b;
                let m = alnum_bytes(u64::from_le_bytes(a));
                assert_eq!(
                    m >> (8 * at + 7) & 1 == 1,
                    TAB[usize::from(b)] == A,
                    "{b:#x} at {at}"
                );
            }
        }
    }
}
