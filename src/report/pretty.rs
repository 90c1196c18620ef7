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

/// Bit 0x80 set in the first byte of `v` (the lowest) that must be escaped, below 0x20, `"` or
/// `\\`, and perhaps in later ones; zero when none must.
#[inline(always)]
fn specials(v: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // a byte below n (n <= 128) / a zero byte, in all eight lanes at once; a borrow only
    // leaves a lane that holds one, so the lowest bit set is exact
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    below(v, 0x20) | zero(v ^ (ONES * 0x22)) | zero(v ^ (ONES * 0x5c))
}

/// Offset of the first byte at or after `from` that must be escaped: sixteen bytes at a time,
/// the two words' tests joined and the byte read off the test's bits only on a hit; the last
/// bytes are tested as the word that ends the text (its bytes before them were found clean)
/// or, in a text shorter than a word, as one word filled up with spaces.
#[inline]
fn next_special(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let at_bit = |m: u64| (m.trailing_zeros() / 8) as usize;
    let (pairs, tail) = rest.as_chunks::<16>();
    let mut at = from;
    for pair in pairs {
        let (Some(a), Some(b)) = (pair.first_chunk::<8>(), pair.last_chunk::<8>()) else {
            break;
        };
        let (ma, mb) = (
            specials(u64::from_le_bytes(*a)),
            specials(u64::from_le_bytes(*b)),
        );
        if ma | mb != 0 {
            return Some(if ma != 0 {
                at + at_bit(ma)
            } else {
                at + 8 + at_bit(mb)
            });
        }
        at += 16;
    }
    let k = tail.len();
    if k == 0 {
        return None;
    }
    // at most one more whole word of the tail, then the word ending the text
    if k > 8 {
        let m = specials(u64::from_le_bytes(*tail.first_chunk::<8>()?));
        if m != 0 {
            return Some(at + at_bit(m));
        }
    }
    let m = match rest.last_chunk::<8>() {
        // its bytes before `word_at` were found clean, so its first hit is at or after it
        Some(last) => {
            let m = specials(u64::from_le_bytes(*last));
            return (m != 0).then(|| from + rest.len() - 8 + at_bit(m));
        }
        None => {
            // shorter than a word: the bytes, spaces above them
            let mut w = [b' '; 8];
            w.get_mut(..k)?.copy_from_slice(tail);
            specials(u64::from_le_bytes(w))
        }
    };
    (m != 0).then(|| at + at_bit(m))
}

/// Writes `s` as a JSON string, escaped as serde_json escapes: `"`, `\\`, and control
/// characters (`\b \t \n \f \r`, else `\u00xx`).
pub(crate) fn string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut plain = 0;
    while let Some(k) = next_special(bytes, plain) {
        out.extend_from_slice(bytes.get(plain..k).unwrap_or_default());
        plain = k + 1;
        match bytes.get(k).copied().unwrap_or(b' ') {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b => {
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
            }
        }
    }
    out.extend_from_slice(bytes.get(plain..).unwrap_or_default());
    out.push(b'"');
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

/// Writes `n` in decimal.
#[inline(always)]
pub(crate) fn number(out: &mut Vec<u8>, n: usize) {
    // lines, columns and indices: mostly one or two digits, written in place (issue 6: a call
    // per number was a seventh of the report)
    if n < 10 {
        out.push(b'0' + n as u8);
    } else if let Some(pair) = PAIRS.get(n) {
        out.extend_from_slice(pair);
    } else {
        long_number(out, n);
    }
}

/// [`number`] of three digits or more.
#[inline(never)]
fn long_number(out: &mut Vec<u8>, n: usize) {
    // byte offsets in an article: three to five digits, written without counting them
    let pair = |k: usize| PAIRS.get(k % 100).copied().unwrap_or_default();
    let digit = |k: usize| b'0' + (k % 10) as u8;
    if n < 1000 {
        let [b, c] = pair(n);
        out.extend_from_slice(&[digit(n / 100), b, c]);
        return;
    }
    if n < 10_000 {
        let ([a, b], [c, d]) = (pair(n / 100), pair(n));
        out.extend_from_slice(&[a, b, c, d]);
        return;
    }
    if n < 100_000 {
        let ([b, c], [d, e]) = (pair(n / 100), pair(n));
        out.extend_from_slice(&[digit(n / 10_000), b, c, d, e]);
        return;
    }
    // the digits at the front of a buffer of fixed size, copied whole (a copy of known size,
    // not a call) and cut back to their count
    let mut len = 3;
    let mut power = 1000usize;
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

/// Indentation of the objects [`field!`] lays keys out for: a finding, sentence or source
/// object of a file in the JSON report.
pub(crate) const FIELD_INDENT: usize = 8;

/// A key laid out at compile time for an object at [`FIELD_INDENT`]: `,\n`, the indentation
/// of its fields (two more spaces) and `"key": ` (issue 6: building that for each of the
/// quarter million keys of a corpus report was a fifth of the report).
macro_rules! field {
    ($name:literal) => {
        $crate::report::pretty::Field {
            name: $name,
            lead: concat!(",\n          \"", $name, "\": "),
        }
    };
}
pub(crate) use field;

/// A key with its line laid out for an object at [`FIELD_INDENT`] ([`field!`]).
#[derive(Clone, Copy)]
pub(crate) struct Field {
    pub name: &'static str,
    pub lead: &'static str,
}

/// A key of an [`Obj`]: a plain name, or a [`Field`].
pub(crate) trait Key: Copy {
    fn write<'o>(self, o: &'o mut Obj<'_>) -> &'o mut Vec<u8>;
}

impl Key for &str {
    #[inline(always)]
    fn write<'o>(self, o: &'o mut Obj<'_>) -> &'o mut Vec<u8> {
        o.key(self)
    }
}

impl Key for Field {
    #[inline(always)]
    fn write<'o>(self, o: &'o mut Obj<'_>) -> &'o mut Vec<u8> {
        if o.indent != FIELD_INDENT {
            return o.key(self.name);
        }
        // one copy of fixed size; the first key's comma is where the object's brace goes
        let first = !o.any;
        o.any = true;
        let at = o.out.len();
        o.out.extend_from_slice(self.lead.as_bytes());
        if first {
            if let Some(c) = o.out.get_mut(at) {
                *c = b'{';
            }
        }
        o.out
    }
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
    pub fn str(&mut self, key: impl Key, v: &str) {
        let out = key.write(self);
        string(out, v);
    }

    #[inline(always)]
    pub fn opt_str(&mut self, key: impl Key, v: Option<&str>) {
        match v {
            Some(v) => self.str(key, v),
            None => key.write(self).extend_from_slice(b"null"),
        }
    }

    #[inline(always)]
    pub fn num(&mut self, key: impl Key, v: usize) {
        number(key.write(self), v);
    }

    #[inline(always)]
    pub fn opt_num(&mut self, key: impl Key, v: Option<usize>) {
        match v {
            Some(v) => self.num(key, v),
            None => key.write(self).extend_from_slice(b"null"),
        }
    }

    #[inline(always)]
    pub fn bool(&mut self, key: impl Key, v: bool) {
        key.write(self)
            .extend_from_slice(if v { b"true" } else { b"false" });
    }

    /// `"key": [ … ]` with one string per line.
    pub fn strs<'s>(&mut self, key: impl Key, items: impl IntoIterator<Item = &'s str>) {
        let indent = self.indent + 2;
        array(key.write(self), indent, items, string);
    }

    /// `"key": [ … ]` with one number per line.
    pub fn nums(&mut self, key: impl Key, items: &[usize]) {
        let indent = self.indent + 2;
        array(key.write(self), indent, items.iter().copied(), number);
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

/// `[`, one item per line at `indent + 2`, `]` at `indent` (or `[]` when empty).
pub(crate) fn array<T>(
    out: &mut Vec<u8>,
    indent: usize,
    items: impl IntoIterator<Item = T>,
    mut item: impl FnMut(&mut Vec<u8>, T),
) {
    out.push(b'[');
    let mut any = false;
    for x in items {
        out.extend_from_slice(if any { b",\n" } else { b"\n" });
        any = true;
        pad(out, indent + 2);
        item(out, x);
    }
    if any {
        out.push(b'\n');
        pad(out, indent);
    }
    out.push(b']');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_as_serde_json_does() {
        let samples = [
            "",
            "plain ascii text longer than eight bytes",
            "quote \" and backslash \\ inside",
            "\"\\\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f}\u{7f}",
            "tabs\tin a long line of news copy, twice\t; and é, ’, 😀 too",
            "1234567\"",
            "12345678\n",
        ];
        // every position of a special byte relative to the 16-byte words, and runs of them
        let mut long: Vec<String> = Vec::new();
        for n in 0..40 {
            for special in ["\"", "\\", "\n", "\u{1f}", "é\t"] {
                long.push(format!("{}{special}{}", "a".repeat(n), "b".repeat(40 - n)));
                long.push(format!("{}{special}{special}", "a".repeat(n)));
            }
        }
        for s in samples
            .iter()
            .copied()
            .chain(long.iter().map(String::as_str))
        {
            let mut out = Vec::new();
            string(&mut out, s);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
    }

    proptest::proptest! {
        /// Any text, specials anywhere, escapes as serde_json escapes it.
        #[test]
        fn any_string_escapes_as_serde_json_does(
            s in "[ab\"\\\\\u{0}-\u{1f}\u{7f}é😀]{0,70}",
            pre in 0usize..20,
        ) {
            let s = format!("{}{s}", "x".repeat(pre));
            let mut out = Vec::new();
            string(&mut out, &s);
            proptest::prop_assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&s).unwrap()
            );
        }
    }

    /// Fields laid out at compile time write what the plain keys write, at their indentation
    /// and at any other, first or not.
    #[test]
    fn fields_write_what_keys_write() {
        for indent in [0, 2, 6, FIELD_INDENT, 10, 40] {
            let mut a = Vec::new();
            let mut o = Obj::begin(&mut a, indent);
            o.num("end", 1);
            o.str("text", "x");
            o.end();
            let mut b = Vec::new();
            let mut o = Obj::begin(&mut b, indent);
            o.num(field!("end"), 1);
            o.str(field!("text"), "x");
            o.end();
            assert_eq!(String::from_utf8(a).unwrap(), String::from_utf8(b).unwrap());
        }
        let mut e = Vec::new();
        Obj::begin(&mut e, FIELD_INDENT).end();
        assert_eq!(e, b"{}");
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
            o.num("a", 1);
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
        o.strs("a", ["x", "y"]);
        o.nums("b", &[]);
        o.opt_num("c", None);
        o.num("d", 1234567890);
        o.end();
        let v = serde_json::json!({"a": ["x", "y"], "b": [], "c": null, "d": 1234567890});
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&v).unwrap()
        );
    }
}
