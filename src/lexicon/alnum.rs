//! A cached test for letters and digits outside ASCII.

use std::sync::atomic::{AtomicU64, Ordering};

/// A character test cached per 64 characters of the Basic Multilingual Plane, filled in when
/// first needed: the standard tests take hundreds of instructions for a character outside
/// ASCII (a curly quote, a dash, a letter of Devanagari), and news text has one every few dozen
/// bytes.
struct Cached {
    /// Per 64 characters: which pass the test.
    bits: [AtomicU64; 1024],
    /// Per 64 entries of `bits`: which are filled in.
    filled: [AtomicU64; 16],
}

impl Cached {
    const fn new() -> Cached {
        Cached {
            bits: [const { AtomicU64::new(0) }; 1024],
            filled: [const { AtomicU64::new(0) }; 16],
        }
    }

    /// `test(c)`, from the cache when `c` is in the Basic Multilingual Plane.
    #[inline]
    fn get(&self, c: char, test: fn(char) -> bool) -> bool {
        let u = c as usize;
        let chunk = u >> 6;
        let (Some(slot), Some(filled)) = (self.bits.get(chunk), self.filled.get(chunk >> 6)) else {
            return test(c);
        };
        let bit = 1u64 << (u & 63);
        let flag = 1u64 << (chunk & 63);
        if filled.load(Ordering::Acquire) & flag != 0 {
            return slot.load(Ordering::Relaxed) & bit != 0;
        }
        let mut v = 0u64;
        for k in 0..64u32 {
            let code = ((chunk as u32) << 6) | k;
            if char::from_u32(code).is_some_and(test) {
                v |= 1 << k;
            }
        }
        slot.store(v, Ordering::Relaxed);
        filled.fetch_or(flag, Ordering::Release);
        v & bit != 0
    }
}

static ALNUM: Cached = Cached::new();
static UPPER: Cached = Cached::new();
static UNCASED: Cached = Cached::new();

/// [`char::is_alphanumeric`], cached.
pub fn is_alnum(c: char) -> bool {
    ALNUM.get(c, char::is_alphanumeric)
}

/// [`char::is_uppercase`], cached.
pub fn is_upper(c: char) -> bool {
    UPPER.get(c, char::is_uppercase)
}

/// A letter of a script without case (`北`, `क`): alphabetic, neither upper nor lower case;
/// cached.
pub fn is_uncased(c: char) -> bool {
    UNCASED.get(c, |c| {
        c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase()
    })
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
