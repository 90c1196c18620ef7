//! Tests for letters and digits outside ASCII, from tables of the Basic Multilingual Plane that
//! `build.rs` computed with the standard tests ([`write_tables`]): the standard tests take
//! hundreds of instructions for a character outside ASCII (a curly quote, a dash, a letter of
//! Devanagari), and news text has one every few dozen bytes (issue 6: the tables used to be
//! filled in per 64 characters when first needed, 2 M instructions on the corpus).
//!
//! `super::tables` holds `ALNUM`, `UPPER` and `UNCASED`, one bit per character of the plane
//! (`build.rs` itself, which reads words with these tests, has empty ones: the standard tests).

use super::tables::{ALNUM, UNCASED, UPPER};

/// `test(c)`, from `bits` when it covers `c`.
#[inline]
fn lookup(bits: &[u64], c: char, test: fn(char) -> bool) -> bool {
    let u = c as u32;
    match bits.get((u >> 6) as usize) {
        Some(w) => w >> (u & 63) & 1 != 0,
        None => test(c),
    }
}

/// A letter of a script without case.
fn uncased(c: char) -> bool {
    c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase()
}

/// [`char::is_alphanumeric`], from the table.
#[inline]
pub fn is_alnum(c: char) -> bool {
    lookup(&ALNUM, c, char::is_alphanumeric)
}

/// [`is_alnum`] of the character of the Basic Multilingual Plane numbered `u` (not a
/// surrogate: false for those).
#[inline(always)]
pub(crate) fn is_alnum_bmp(u: u32) -> bool {
    match ALNUM.get((u >> 6) as usize) {
        Some(w) => w >> (u & 63) & 1 != 0,
        None => char::from_u32(u).is_some_and(char::is_alphanumeric),
    }
}

/// [`char::is_uppercase`], from the table.
#[inline]
pub fn is_upper(c: char) -> bool {
    lookup(&UPPER, c, char::is_uppercase)
}

/// A letter of a script without case (`北`, `क`): alphabetic, neither upper nor lower case;
/// from the table.
#[inline]
pub fn is_uncased(c: char) -> bool {
    lookup(&UNCASED, c, uncased)
}

/// The tables as Rust (`static NAME: [u64; 1024]`, one bit per character of the Basic
/// Multilingual Plane), for `build.rs`.
#[allow(dead_code)]
pub(crate) fn write_tables() -> String {
    use std::fmt::Write as _;
    type Test = (&'static str, fn(char) -> bool);
    let tests: [Test; 3] = [
        ("ALNUM", char::is_alphanumeric),
        ("UPPER", char::is_uppercase),
        ("UNCASED", uncased),
    ];
    let mut o = String::new();
    for (name, test) in tests {
        let _ = write!(
            o,
            "#[rustfmt::skip]\npub(crate) static {name}: [u64; 1024] = ["
        );
        for chunk in 0..1024u32 {
            let mut v = 0u64;
            for k in 0..64u32 {
                if char::from_u32((chunk << 6) | k).is_some_and(test) {
                    v |= 1 << k;
                }
            }
            let _ = write!(o, "{v:#x},");
            if chunk % 16 == 15 {
                o.push('\n');
            }
        }
        o.push_str("];\n");
    }
    o
}

/// The char at byte `i` of `s` and its length in bytes (ASCII without decoding); `None` past
/// the end or inside a character.
#[inline]
pub fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some((char::from(b), 1)),
        Some(_) => s
            .get(i..)
            .and_then(|r| r.chars().next())
            .map(|c| (c, c.len_utf8())),
        None => None,
    }
}
