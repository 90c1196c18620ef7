//! Word hashes that ignore ASCII case, eight bytes at a time, and the eight-byte test for
//! ASCII letters and digits.

/// Bit 0x20 of every byte: set, it lower-cases an ASCII letter and leaves digits and joiners
/// as they are.
pub(crate) const CASE: u64 = 0x2020_2020_2020_2020;
/// Bit 0x80 of every byte.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;
/// Bit 0x01 of every byte.
const LOW: u64 = 0x0101_0101_0101_0101;

/// Up to eight bytes of `bytes` from `i` (`n` of them) as a little-endian number, zero above.
#[inline]
pub(crate) fn load(bytes: &[u8], i: usize, n: usize) -> u64 {
    let raw = match bytes
        .get(i..i.saturating_add(8))
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
    if n >= 8 {
        raw
    } else {
        raw & ((1u64 << (8 * n)) - 1)
    }
}

/// Bit 0x80 set in each byte of `v` that is an ASCII letter or digit.
#[inline]
pub(crate) fn alnum_bytes(v: u64) -> u64 {
    let ascii = !v & HIGH;
    let x = (v | CASE) & !HIGH;
    // x >= 0x61 and x <= 0x7a: a letter (with bit 0x20 set, no other byte lands there)
    let letter = (x + 0x1f * LOW) & !(x + 0x05 * LOW);
    let d = v & !HIGH;
    // d >= 0x30 and d <= 0x39
    let digit = (d + 0x50 * LOW) & !(d + 0x46 * LOW);
    (letter | digit) & ascii
}

/// The hash of `bytes[start..end]` and its first eight bytes (fewer: zero above), both with
/// bit 0x20 set in every byte: equal for strings equal up to ASCII case. For words of letters,
/// digits and joiners in ASCII, equal heads of at most eight bytes mean equal words up to case.
#[inline]
pub(crate) fn hash(bytes: &[u8], start: usize, end: usize) -> (u64, u64) {
    let len = end.saturating_sub(start);
    let mut h = len as u64;
    let mut head = 0;
    let mut i = start;
    while i < end {
        let n = (end - i).min(8);
        let v = load(bytes, i, n) | (CASE & ((1u64 << (8 * n - 1) << 1).wrapping_sub(1)));
        if i == start {
            head = v;
            h = mix(len, v);
        } else {
            h = (h.rotate_left(23) ^ v).wrapping_mul(K);
        }
        i += n;
    }
    (finish(h), head)
}

/// Multiplier of the word hash.
pub(crate) const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The hash of a word of `len` bytes after its first (up to) eight, `head`.
#[inline]
pub(crate) fn mix(len: usize, head: u64) -> u64 {
    (((len as u64).wrapping_mul(K)).rotate_left(23) ^ head).wrapping_mul(K)
}

/// The last step of the word hash.
#[inline]
pub(crate) fn finish(h: u64) -> u64 {
    h ^ (h >> 31)
}

/// Whether a word's head (see [`hash`]) shows it to be ASCII.
#[inline]
pub(crate) fn ascii_head(head: u64) -> bool {
    head & HIGH == 0
}
