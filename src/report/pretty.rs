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

/// Writes `s` as a JSON string, escaped as serde_json escapes: `"`, `\\`, and control
/// characters (`\b \t \n \f \r`, else `\u00xx`).
pub(crate) fn string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut plain = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.extend_from_slice(bytes.get(plain..i).unwrap_or_default());
        plain = i + 1;
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => {
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
            }
        }
    }
    out.extend_from_slice(bytes.get(plain..).unwrap_or_default());
    out.push(b'"');
}

/// Writes `n` in decimal.
pub(crate) fn number(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(digits.get(i..).unwrap_or_default());
}

/// An object being written; its opening brace is already out.
pub(crate) struct Obj<'w> {
    out: &'w mut Vec<u8>,
    /// Indentation of the line the object starts on.
    indent: usize,
    any: bool,
}

impl<'w> Obj<'w> {
    /// Writes `{` and returns the object (the caller has written the indentation before it).
    pub fn begin(out: &'w mut Vec<u8>, indent: usize) -> Obj<'w> {
        out.push(b'{');
        Obj {
            out,
            indent,
            any: false,
        }
    }

    /// Writes the separator and `"key": `, and returns the output for the value.
    /// `key` is one of the report's field names: plain ASCII, written without escaping.
    pub fn key(&mut self, key: &str) -> &mut Vec<u8> {
        self.out
            .extend_from_slice(if self.any { b",\n" } else { b"\n" });
        self.any = true;
        pad(self.out, self.indent + 2);
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
        self.out
    }

    pub fn str(&mut self, key: &str, v: &str) {
        let out = self.key(key);
        string(out, v);
    }

    pub fn opt_str(&mut self, key: &str, v: Option<&str>) {
        match v {
            Some(v) => self.str(key, v),
            None => self.key(key).extend_from_slice(b"null"),
        }
    }

    pub fn num(&mut self, key: &str, v: usize) {
        number(self.key(key), v);
    }

    pub fn opt_num(&mut self, key: &str, v: Option<usize>) {
        match v {
            Some(v) => self.num(key, v),
            None => self.key(key).extend_from_slice(b"null"),
        }
    }

    pub fn bool(&mut self, key: &str, v: bool) {
        self.key(key)
            .extend_from_slice(if v { b"true" } else { b"false" });
    }

    /// `"key": [ … ]` with one string per line.
    pub fn strs<'s>(&mut self, key: &str, items: impl IntoIterator<Item = &'s str>) {
        let indent = self.indent + 2;
        array(self.key(key), indent, items, string);
    }

    /// `"key": [ … ]` with one number per line.
    pub fn nums(&mut self, key: &str, items: &[usize]) {
        let indent = self.indent + 2;
        array(self.key(key), indent, items.iter().copied(), number);
    }

    /// Writes the closing brace.
    pub fn end(self) {
        if self.any {
            self.out.push(b'\n');
            pad(self.out, self.indent);
        }
        self.out.push(b'}');
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
