//! Inline enumerations ("1. The first item 2. The second item", "a) … b) …").
//!
//! A list starts when a sentence begins with a marker (`1.`, `1.)`, `1)`, `(1)`, `a.`, `a)`,
//! optionally after a bullet). Each later marker that continues the sequence (the next number or
//! letter, same style, after white space) starts a new sentence even without a stop before it.

/// How the marker is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `1.`
    Dot,
    /// `1.)`
    DotParen,
    /// `1)`
    Paren,
    /// `(1)`
    Parens,
}

/// A list marker found at the start of a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marker {
    /// Number, or `b'a'..=b'z'` as a number for letters.
    pub value: u32,
    pub alpha: bool,
    pub style: Style,
    pub bullet: bool,
    /// Byte just after the marker (before the white space that follows it).
    pub end: usize,
    /// Byte at which the marker starts (at its bullet if it has one).
    pub start: usize,
}

fn bullet_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'*' | b'-') => 1,
        Some(0xC2) if b.get(i + 1) == Some(&0xB7) => 2,
        Some(0xE2) => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(0xA2)) | (Some(0x81), Some(0x83)) | (Some(0x80), Some(0xA3)) => 3,
            _ => 0,
        },
        _ => 0,
    }
}

/// Whether a marker may start with the byte `c`: a bullet (`*`, `-`, the lead byte of `·` and
/// of `•` `⁃` `‣`), an opening parenthesis, a digit or a lower-case letter. Any other byte
/// starts no marker, so most words ("The", "\"We") are turned down without a call.
#[inline]
pub fn may_start(c: u8) -> bool {
    MAY_START[usize::from(c)]
}

/// [`may_start`] as a table: one load instead of a chain of range tests (issue 6).
static MAY_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = matches!(c as u8, b'*' | b'-' | b'(' | 0xC2 | 0xE2 | b'0'..=b'9' | b'a'..=b'z');
        c += 1;
    }
    t
};

/// Parses a marker starting exactly at `i` (no leading white space). The marker must be followed
/// by white space.
#[inline]
pub fn parse_at(b: &[u8], i: usize) -> Option<Marker> {
    if !b.get(i).copied().is_some_and(may_start) {
        return None;
    }
    parse_marker(b, i)
}

/// [`parse_at`] past its first-byte test.
fn parse_marker(b: &[u8], i: usize) -> Option<Marker> {
    let start = i;
    let mut p = i;
    let bl = bullet_len(b, p);
    let bullet = bl > 0;
    if bullet {
        p += bl;
        while b.get(p) == Some(&b' ') {
            p += 1;
        }
    }
    let open = b.get(p) == Some(&b'(');
    if open {
        p += 1;
    }
    let ds = p;
    while p < ds + 3 && b.get(p).is_some_and(u8::is_ascii_digit) {
        p += 1;
    }
    let (value, alpha) = if p > ds {
        let mut v = 0u32;
        for &d in b.get(ds..p)? {
            v = v * 10 + u32::from(d - b'0');
        }
        if b.get(p).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        (v, false)
    } else {
        let ls = p;
        while p < ls + 5 && b.get(p).is_some_and(u8::is_ascii_lowercase) {
            p += 1;
        }
        if b.get(p).is_some_and(u8::is_ascii_alphanumeric) {
            return None;
        }
        match b.get(ls..p)? {
            [] => return None,
            &[c] => (u32::from(c), true),
            word => (roman(word)?, false),
        }
    };
    let style = match (open, b.get(p), b.get(p + 1)) {
        (true, Some(b')'), _) => {
            p += 1;
            Style::Parens
        }
        (false, Some(b'.'), Some(b')')) => {
            p += 2;
            Style::DotParen
        }
        (false, Some(b'.'), _) => {
            p += 1;
            Style::Dot
        }
        (false, Some(b')'), _) => {
            p += 1;
            Style::Paren
        }
        _ => return None,
    };
    if super::text::ws_len(b, p) == 0 {
        return None;
    }
    Some(Marker {
        value,
        alpha,
        style,
        bullet,
        end: p,
        start,
    })
}

/// Whether the marker that would follow `prev` ends at byte `end` (exclusive); returns it.
/// `end` is the position just after the marker's last character ('.' or ')').
pub fn next_ending_at(b: &[u8], prev: &Marker, end: usize) -> Option<Marker> {
    let want = prev.value + 1;
    let digits = if prev.alpha {
        1
    } else if want >= 100 {
        3
    } else if want >= 10 {
        2
    } else {
        1
    };
    let tail = match prev.style {
        Style::Dot | Style::Paren | Style::Parens => 1,
        Style::DotParen => 2,
    };
    let open = usize::from(prev.style == Style::Parens);
    let body = end.checked_sub(tail + digits + open)?;
    // look back over an optional bullet and spaces before the body
    let mut start = body;
    if prev.bullet {
        while start > 0 && b.get(start - 1) == Some(&b' ') {
            start -= 1;
        }
        let bstart = [1usize, 2, 3]
            .into_iter()
            .filter_map(|l| start.checked_sub(l))
            .find(|&s| bullet_len(b, s) == start - s)?;
        start = bstart;
    }
    if !super::text::ws_before(b, start) || start == 0 {
        return None;
    }
    let m = parse_at(b, start)?;
    (m.end == end && m.value == want && m.alpha == prev.alpha && m.style == prev.style).then_some(m)
}

/// Value of a lower-case Roman numeral of two or more letters (ii, iv, xii).
fn roman(w: &[u8]) -> Option<u32> {
    let mut total = 0u32;
    let mut prev = 0u32;
    for &c in w.iter().rev() {
        let v = match c {
            b'i' => 1,
            b'v' => 5,
            b'x' => 10,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first-byte test of [`parse_at`] turns down only what the full parser turns down:
    /// every first byte, followed by every short tail over the bytes a marker is made of.
    #[test]
    fn first_byte_test_is_exact() {
        let tails: &[u8] = b"1a).( \nAi\xc2\xb7\xe2\x80\xa2";
        let mut buf = Vec::new();
        for first in 0..=255u8 {
            for &x in tails {
                for &y in tails {
                    for &z in tails {
                        buf.clear();
                        buf.extend_from_slice(&[b' ', first, x, y, z, b' ', b'x']);
                        for i in 0..buf.len() + 1 {
                            assert_eq!(parse_at(&buf, i), parse_marker(&buf, i), "{buf:?} {i}");
                        }
                    }
                }
            }
        }
    }
}
