//! A small streaming writer of pretty-printed JSON objects, laid out exactly as
//! `serde_json::to_string_pretty` lays them out (two-space indent, `"key": value`, `[]` for an
//! empty array), written straight to the output without building a `serde_json::Value` tree
//! (issue 6: building and re-indenting value trees was a quarter of `check --format json`).
//! The caller writes keys in sorted order, as serde_json's map would. Output goes to a byte
//! buffer the caller flushes now and then (writing cannot fail).

const SPACES: &[u8; 32] = b"                                ";

/// Writes `n` spaces.
pub(crate) fn pad(out: &mut Vec<u8>, mut n: usize) {
    while n > 0 {
        let k = n.min(SPACES.len());
        out.extend_from_slice(SPACES.get(..k).unwrap_or_default());
        n -= k;
    }
}

/// The two digits of each number below 100.
static PAIRS: [[u8; 2]; 100] = {
    let mut t = [[0u8; 2]; 100];
    let mut i = 0;
    while i < 100 {
        t[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
        i += 1;
    }
    t
};

/// The digits of each number below 1,000 in the low bytes of a word (they go first in
/// memory), their count in the high byte (issue 6: lines, columns and indices, most numbers of
/// the JSON report, one load each instead of two pairs and a count of leading zeros; 4 KiB).
static SMALL: [u32; 1000] = {
    let mut t = [0u32; 1000];
    let mut i = 0;
    while i < 1000 {
        let (a, b, c) = ((i / 100) as u32, (i / 10 % 10) as u32, (i % 10) as u32);
        t[i] = if i < 10 {
            (b'0' as u32 + c) | 1 << 24
        } else if i < 100 {
            (b'0' as u32 + b) | (b'0' as u32 + c) << 8 | 2 << 24
        } else {
            (b'0' as u32 + a) | (b'0' as u32 + b) << 8 | (b'0' as u32 + c) << 16 | 3 << 24
        };
        i += 1;
    }
    t
};

/// Writes `n` in decimal.
#[inline(always)]
pub(crate) fn number(out: &mut Vec<u8>, n: usize) {
    // lines, columns and indices: mostly one or two digits, written in place (issue 6: a call
    // per number was a seventh of the report)
    if n < 10 {
        out.push(b'0' + n as u8);
    } else if let Some(pair) = PAIRS.get(n) {
        out.extend_from_slice(pair);
    } else if n < 10_000 {
        // columns and offsets in short articles: three or four digits as two pairs (issue 6:
        // fewer steps than the eight-digit split)
        if let (Some(&[h0, h1]), Some(&[l0, l1])) = (PAIRS.get(n / 100), PAIRS.get(n % 100)) {
            if n < 1000 {
                out.extend_from_slice(&[h1, l0, l1]);
            } else {
                out.extend_from_slice(&[h0, h1, l0, l1]);
            }
        }
    } else if let Ok(n) = u32::try_from(n) {
        if n < 100_000_000 {
            // byte offsets: three to eight digits, without a division per digit
            let (digits, len) = eight_digits(n);
            let at = out.len();
            out.extend_from_slice(&digits);
            out.truncate(at + len);
        } else {
            long_number(out, n as usize);
        }
    } else {
        long_number(out, n);
    }
}

/// The decimal digits of `n` (`1 <= n < 10^8`) at the front of eight bytes, and their count:
/// the number cut in two halves of four digits, each half in two of two and each of those in
/// two digits, all halves at once in lanes of one 64-bit word (a multiplication and a shift
/// stand for each division, exact for these ranges); leading zeros are the word's trailing
/// zero bytes before the digits become ASCII.
#[inline(always)]
fn eight_digits(n: u32) -> ([u8; 8], usize) {
    // lanes of 32 bits: the first four digits in the low lane (they go first in memory)
    let x = u64::from(n / 10_000) | u64::from(n % 10_000) << 32;
    // x / 100 per lane as (x * 10486) >> 20, exact below 43,699; 16-bit lanes
    let h = ((x * 10_486) >> 20) & 0x0000_007f_0000_007f;
    let x = h | (x - h * 100) << 16;
    // x / 10 per lane as (x * 103) >> 10, exact below 179; 8-bit lanes
    let t = ((x * 103) >> 10) & 0x000f_000f_000f_000f;
    let x = t | (x - t * 10) << 8;
    // `n >= 1`, so some lane is not zero
    let zeros = x.trailing_zeros() & !7;
    let digits = (x | 0x3030_3030_3030_3030) >> zeros;
    (digits.to_le_bytes(), 8 - (zeros / 8) as usize)
}

/// [`number`] of nine digits or more (and any other number, for the tests).
#[inline(never)]
fn long_number(out: &mut Vec<u8>, n: usize) {
    // the digits at the front of a buffer of fixed size, copied whole (a copy of known size,
    // not a call) and cut back to their count
    let (digits, len) = long_digits(n);
    let at = out.len();
    out.extend_from_slice(&digits);
    out.truncate(at + len);
}

/// The decimal digits of any `n` at the front of twenty bytes, and their count.
#[inline(never)]
fn long_digits(n: usize) -> ([u8; 20], usize) {
    let mut len = 1;
    let mut power = 10usize;
    while len < 20 && n >= power {
        len += 1;
        power = power.saturating_mul(10);
    }
    let mut digits = [0u8; 20];
    let mut rest = n;
    let mut i = len;
    while rest >= 100 {
        if let (Some(d), Some(pair)) = (digits.get_mut(i - 2..i), PAIRS.get(rest % 100)) {
            d.copy_from_slice(pair);
        }
        rest /= 100;
        i -= 2;
    }
    if rest >= 10 {
        if let (Some(d), Some(pair)) = (digits.get_mut(..2), PAIRS.get(rest)) {
            d.copy_from_slice(pair);
        }
    } else if let Some(d) = digits.first_mut() {
        *d = b'0' + rest as u8;
    }
    (digits, len)
}

/// [`number`] written at the front of `d` (room for any number): returns the count of
/// digits. The bytes after them may be overwritten (issue 6: stores of fixed size into the
/// JSON report's buffer, [`super::sink::Sink`], instead of appends to a `Vec`).
#[inline(always)]
pub(crate) fn digits_into(d: &mut [u8; 20], n: usize) -> usize {
    // no branch on the count of digits (issue 6: the number of digits of columns and offsets
    // changes from one to the next, and a branch on it mispredicted); the branches below
    // split lines, columns and indices from offsets, which alternate in a fixed order
    // below 1,000 (lines, columns, indices): one load of the digits and their count
    if let Some(&e) = SMALL.get(n) {
        d[..4].copy_from_slice(&e.to_le_bytes());
        return (e >> 24) as usize;
    }
    // 1,000 to 9,999 (offsets in short articles): two pairs, four digits
    if n < 10_000 {
        if let (Some(h), Some(l)) = (PAIRS.get(n / 100), PAIRS.get(n % 100)) {
            let v = u32::from(u16::from_le_bytes(*h)) | u32::from(u16::from_le_bytes(*l)) << 16;
            d[..4].copy_from_slice(&v.to_le_bytes());
            return 4;
        }
    }
    if let Ok(m) = u32::try_from(n) {
        if m < 100_000_000 {
            let (digits, len) = eight_digits(m);
            d[..8].copy_from_slice(&digits);
            return len;
        }
    }
    let (digits, len) = long_digits(n);
    *d = digits;
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every number below a million, every four-digit half of an eight-digit number with
    /// every kind of other half, and both sides of every power of ten, by each path.
    #[test]
    fn numbers_as_display_writes_them_exhaustively() {
        let mut out = Vec::new();
        let mut want = String::new();
        let check = |out: &mut Vec<u8>, want: &mut String, n: usize| {
            use std::fmt::Write;
            out.clear();
            want.clear();
            number(out, n);
            write!(want, "{n}").unwrap();
            assert_eq!(out.as_slice(), want.as_bytes(), "{n}");
            out.clear();
            long_number(out, n);
            assert_eq!(out.as_slice(), want.as_bytes(), "{n}");
            let mut d = [b'x'; 20];
            let len = digits_into(&mut d, n);
            assert_eq!(&d[..len], want.as_bytes(), "{n}");
        };
        for n in 0..1_000_000 {
            check(&mut out, &mut want, n);
        }
        for half in 0..10_000 {
            for other in [0, 1, 9, 10, 99, 100, 999, 1000, 9999, half] {
                check(&mut out, &mut want, half * 10_000 + other);
                check(&mut out, &mut want, other * 10_000 + half);
            }
        }
        for k in 1..20 {
            let p = 10usize.pow(k);
            for n in [
                p - 2,
                p - 1,
                p,
                p + 1,
                p.saturating_mul(2) - 1,
                p.saturating_mul(5),
            ] {
                check(&mut out, &mut want, n);
            }
        }
        for n in [
            u32::MAX as usize,
            usize::MAX,
            usize::MAX - 1,
            99_999_999,
            12_345_678,
        ] {
            check(&mut out, &mut want, n);
        }
    }

    proptest::proptest! {
        /// Any number, by each path.
        #[test]
        fn any_number_as_display_writes_it(n in proptest::prelude::any::<usize>(), k in 0u32..64) {
            for n in [n, n >> k] {
                let mut out = Vec::new();
                number(&mut out, n);
                proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
                let mut d = [b'x'; 20];
                let len = digits_into(&mut d, n);
                let want = n.to_string();
                proptest::prop_assert_eq!(&d[..len], want.as_bytes());
            }
        }
    }

    #[test]
    fn numbers_as_display_writes_them() {
        let mut samples = vec![0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 12345, usize::MAX];
        samples.extend((0..40).map(|k| 7usize.pow(k % 20) + k as usize));
        // both sides of every power of ten
        samples.extend((1..20).flat_map(|k| {
            let p = 10usize.pow(k);
            [p - 1, p, p + 1]
        }));
        for n in samples {
            let mut out = Vec::new();
            number(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }
}
