//! A cached test for letters and digits outside ASCII.

use std::sync::atomic::{AtomicU64, Ordering};

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
