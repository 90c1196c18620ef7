//! A small streaming writer of pretty-printed JSON objects, laid out exactly as
//! `serde_json::to_string_pretty` lays them out (two-space indent, `"key": value`, `[]` for an
//! empty array), written straight to the output without building a `serde_json::Value` tree
//! (issue 6: building and re-indenting value trees was a quarter of `check --format json`).
//! The caller writes keys in sorted order, as serde_json's map would. Output goes to a byte
//! buffer the caller flushes now and then (writing cannot fail).

const SPACES: &[u8; 32] = b"                                ";

/// A separator and line break followed by indentation: `,\n` and 64 spaces.
const LEAD: &[u8; 66] = b",\n                                                                ";

/// Writes `n` spaces.
pub(crate) fn pad(out: &mut Vec<u8>, mut n: usize) {
    while n > 0 {
        let k = n.min(SPACES.len());
        out.extend_from_slice(SPACES.get(..k).unwrap_or_default());
        n -= k;
    }
}

pub(crate) use super::escape::string;

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
    let at = out.len();
    out.extend_from_slice(&digits);
    out.truncate(at + len);
}

/// An object being written. Its opening brace goes out with its first key (or with the
/// closing one, `{}`).
pub(crate) struct Obj<'w> {
    out: &'w mut Vec<u8>,
    /// Indentation of the line the object starts on.
    indent: usize,
    any: bool,
}

impl<'w> Obj<'w> {
    /// Starts an object (the caller has written the indentation before it).
    pub fn begin(out: &'w mut Vec<u8>, indent: usize) -> Obj<'w> {
        Obj {
            out,
            indent,
            any: false,
        }
    }

    /// Writes the separator (or the opening brace), the line break, the indentation and
    /// `"key": `, and returns the output for the value.
    /// `key` is one of the report's field names: plain ASCII, written without escaping.
    #[inline(always)]
    pub fn key(&mut self, key: &str) -> &mut Vec<u8> {
        // `,\n` (or `{\n` for the first key), the indentation and `"key": ` laid out in a
        // buffer of spaces and written with one copy of fixed size, cut back to its length
        // (issue 6: four short copies of varying length, each a call, per key)
        const CAP: usize = 48;
        let first = !self.any;
        self.any = true;
        let lead = 2 + self.indent + 2;
        let mut buf = [b' '; CAP];
        if let Some([a, b]) = buf.first_chunk_mut::<2>() {
            (*a, *b) = (if first { b'{' } else { b',' }, b'\n');
        }
        let fits = match buf.get_mut(lead..lead.saturating_add(key.len() + 4)) {
            Some(k) => {
                let (q, rest) = k.split_at_mut(1);
                q.copy_from_slice(b"\"");
                let (name, tail) = rest.split_at_mut(key.len());
                name.copy_from_slice(key.as_bytes());
                tail.copy_from_slice(b"\": ");
                true
            }
            _ => false,
        };
        if fits {
            let at = self.out.len();
            self.out.extend_from_slice(&buf);
            self.out.truncate(at + lead + key.len() + 4);
            return self.out;
        }
        let n = self.indent + 2;
        self.out.push(if first { b'{' } else { b',' });
        match LEAD.get(1..2 + n) {
            Some(lead) => self.out.extend_from_slice(lead),
            None => {
                self.out.push(b'\n');
                pad(self.out, n);
            }
        }
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
        self.out
    }

    #[inline(always)]
    pub fn str(&mut self, key: &str, v: &str) {
        let out = self.key(key);
        string(out, v);
    }

    #[inline(always)]
    pub fn opt_str(&mut self, key: &str, v: Option<&str>) {
        match v {
            Some(v) => self.str(key, v),
            None => self.key(key).extend_from_slice(b"null"),
        }
    }

    /// Writes the closing brace.
    pub fn end(self) {
        if self.any {
            self.out.push(b'\n');
            pad(self.out, self.indent);
            self.out.push(b'}');
        } else {
            self.out.extend_from_slice(b"{}");
        }
    }
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

    /// Keys at every depth, the shallow ones from the lead constants and the deep ones padded.
    #[test]
    fn keys_at_any_depth_lay_out_as_to_string_pretty() {
        let mut v = serde_json::json!({"a": 1, "b": "x"});
        for _ in 0..40 {
            v = serde_json::json!({"a": 1, "b": v});
        }
        fn write(out: &mut Vec<u8>, indent: usize, v: &serde_json::Value) {
            let mut o = Obj::begin(out, indent);
            number(o.key("a"), 1);
            match v.get("b") {
                Some(serde_json::Value::String(s)) => o.str("b", s),
                Some(inner) => write(o.key("b"), indent + 2, inner),
                None => {}
            }
            o.end();
        }
        let mut out = Vec::new();
        write(&mut out, 0, &v);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&v).unwrap()
        );
    }

    #[test]
    fn objects_lay_out_as_to_string_pretty() {
        let mut out = Vec::new();
        let mut o = Obj::begin(&mut out, 0);
        o.str("a", "x\"y");
        o.opt_str("b", None);
        o.opt_str("c", Some("z"));
        number(o.key("d"), 1234567890);
        o.end();
        let mut e = Vec::new();
        Obj::begin(&mut e, 6).end();
        assert_eq!(e, b"{}");
        let v = serde_json::json!({"a": "x\"y", "b": null, "c": "z", "d": 1234567890});
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&v).unwrap()
        );
    }
}
