//! JSON strings escaped exactly as serde_json escapes them ([`string`]): `"`, `\\` and control
//! characters; every other byte, UTF-8 included, is copied as it is, a clean run with one copy.
//! Bytes are tested 32 at a time by a loop the compiler turns into a few vector compares, then
//! word by word (issue 6: the JSON report's strings were its largest cost).

/// Whether byte `b` must be escaped (below 0x20, `"` or `\\`). Written with `|`, not `||`, so
/// that a loop over a block of bytes becomes vector compares.
#[inline(always)]
fn special(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\')
}

/// Whether any byte of the 32 must be escaped: each byte's test stored, then or-ed together
/// (about 20 vector instructions with SSE2, no branch per byte).
#[inline(always)]
fn any_special(block: &[u8; 32]) -> bool {
    let mut hit = [false; 32];
    for (h, &b) in hit.iter_mut().zip(block) {
        *h = special(b);
    }
    hit.iter().fold(0u8, |acc, &h| acc | u8::from(h)) != 0
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

/// The byte (0..8) of the lowest bit of a [`specials`] mask.
#[inline(always)]
fn at_bit(m: u64) -> usize {
    (m.trailing_zeros() / 8) as usize
}

/// Offset of the first byte at or after `from` that must be escaped: blocks of 32 bytes while
/// at least 32 are left (the last, shorter piece tested as the block that ends the text),
/// then word by word.
#[inline]
fn next_special(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    if rest.len() < 32 {
        return next_special_words(bytes, from);
    }
    let (blocks, tail) = rest.as_chunks::<32>();
    for (i, block) in blocks.iter().enumerate() {
        if any_special(block) {
            // the words find the byte; they test the same bytes, so they find one
            if let Some(k) = next_special_words(bytes, from + i * 32) {
                return Some(k);
            }
        }
    }
    // the block ending the text: its bytes before the tail were found clean
    match rest.last_chunk::<32>() {
        Some(last) if !tail.is_empty() && any_special(last) => {
            next_special_words(bytes, from + blocks.len() * 32)
        }
        _ => None,
    }
}

/// [`next_special`] word by word: sixteen bytes at a time, the two words' tests joined and
/// the byte read off the test's bits only on a hit; the last bytes are tested as the word that
/// ends the text (its bytes before them were found clean), in a text shorter than a word as
/// two overlapping four-byte halves, or one by one under four bytes.
#[inline]
fn next_special_words(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
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
    if let Some(last) = rest.last_chunk::<8>() {
        // its bytes before the tail's last word were found clean, so its first hit is there
        let m = specials(u64::from_le_bytes(*last));
        return (m != 0).then(|| from + rest.len() - 8 + at_bit(m));
    }
    // shorter than a word (so `rest` is the tail)
    if let (Some(lo), Some(hi)) = (tail.first_chunk::<4>(), tail.last_chunk::<4>()) {
        // four to seven bytes: the first four and the last four (overlapping) in one word
        let v = u64::from(u32::from_le_bytes(*lo)) | u64::from(u32::from_le_bytes(*hi)) << 32;
        let m = specials(v);
        return (m != 0).then(|| {
            let b = at_bit(m);
            if b < 4 {
                at + b
            } else {
                // byte `b` of the word is byte `b - 4` of the last four
                at + (k + b - 8)
            }
        });
    }
    tail.iter().position(|&b| special(b)).map(|j| at + j)
}

/// Writes `s` as a JSON string, escaped as serde_json escapes: `"`, `\\`, and control
/// characters (`\b \t \n \f \r`, else `\u00xx`).
pub(crate) fn string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    // names and cue words: four to sixteen bytes tested as two overlapping words and copied
    // whole when clean (issue 6: the general search cost more than the copy on these)
    if let Some(false) = short_has_special(bytes) {
        out.reserve(bytes.len() + 2);
        out.push(b'"');
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    string_slow(out, bytes);
}

/// Whether `bytes`, four to sixteen of them, hold a byte that must be escaped; `None` for other
/// lengths.
#[inline(always)]
fn short_has_special(bytes: &[u8]) -> Option<bool> {
    let m = if bytes.len() > 16 {
        return None;
    } else if let (Some(lo), Some(hi)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        specials(u64::from_le_bytes(*lo)) | specials(u64::from_le_bytes(*hi))
    } else if let (Some(lo), Some(hi)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        specials(u64::from(u32::from_le_bytes(*lo)) | u64::from(u32::from_le_bytes(*hi)) << 32)
    } else {
        return None;
    };
    Some(m != 0)
}

/// Whether `bytes`, at most 32 of them, hold a byte that must be escaped (tested as
/// overlapping words); `None` for longer ones.
#[inline(always)]
pub(crate) fn short_special(bytes: &[u8]) -> Option<bool> {
    let word = |w: Option<&[u8; 8]>| w.map_or(0, |w| specials(u64::from_le_bytes(*w)));
    let m = if bytes.len() > 32 {
        return None;
    } else if let (Some(lo), Some(hi)) = (bytes.first_chunk::<16>(), bytes.last_chunk::<16>()) {
        word(lo.first_chunk())
            | word(lo.last_chunk())
            | word(hi.first_chunk())
            | word(hi.last_chunk())
    } else if let Some(m) = short_has_special(bytes) {
        return Some(m);
    } else {
        // zero to three bytes
        bytes.iter().fold(0, |m, &b| m | u64::from(special(b)))
    };
    Some(m != 0)
}

/// [`string`] of a text usually longer than sixteen bytes (a sentence's): straight to the
/// search of [`string_slow`], without [`string`]'s test for short strings (issue 6: at one
/// shared call site, sentence texts alternating with short cues and names made that test's
/// branch mispredict).
#[inline]
pub(crate) fn long_string(out: &mut Vec<u8>, s: &str) {
    string_slow(out, s.as_bytes());
}

/// [`string`] of any text.
#[inline(never)]
fn string_slow(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    string_content(out, bytes);
    out.push(b'"');
}

/// The inside of [`string`] (no quotation marks) of any bytes: `bytes` may be cut anywhere, even
/// inside a character, since every byte that needs escaping is ASCII.
#[inline(always)]
pub(crate) fn string_content(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
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
}

/// The escape of byte `b` (one that [`special`] holds) at the front of six bytes, and its
/// length: `\"`, `\\`, `\b \t \n \f \r`, else `\u00xx`.
#[inline(always)]
fn escape_seq(b: u8) -> ([u8; 6], usize) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => (*b"\\\"    ", 2),
        b'\\' => (*b"\\\\    ", 2),
        0x08 => (*b"\\b    ", 2),
        b'\t' => (*b"\\t    ", 2),
        b'\n' => (*b"\\n    ", 2),
        0x0c => (*b"\\f    ", 2),
        b'\r' => (*b"\\r    ", 2),
        _ => (
            [
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4) & 15],
                HEX[usize::from(b & 15)],
            ],
            6,
        ),
    }
}

/// The first byte of `block` that must be escaped.
#[inline(always)]
fn first_special(block: &[u8; 32]) -> Option<usize> {
    let (words, _) = block.as_chunks::<8>();
    words.iter().enumerate().find_map(|(k, w)| {
        let m = specials(u64::from_le_bytes(*w));
        (m != 0).then(|| k * 8 + at_bit(m))
    })
}

/// Room an [`escape_into`] step may write past its position: a block copied whole (32 bytes)
/// and an escape starting in its last byte (6).
pub(crate) const STEP_ROOM: usize = 38;

/// The inside of [`string`] of `src` (as [`string_content`] writes it) at the front of `dst`,
/// as much of it as fits: returns the bytes of `src` done and the bytes written. It stops when
/// `src` is done or fewer than [`STEP_ROOM`] bytes of `dst` are left (so it does nothing in
/// a `dst` shorter than that).
///
/// Each step copies a block of 32 bytes (or a word of 8, or the last 1 to 7 bytes in one word)
/// whole, then tests it: clean, the position moves past it; else it moves to the first byte to
/// escape and writes its escape over the copy (issue 6: no search that returns per escape and
/// no `memcpy` call per clean run; most sentences hold quotation marks).
#[inline(never)]
pub(crate) fn escape_into(dst: &mut [u8], src: &[u8]) -> (usize, usize) {
    // `raw`: how many bytes before `o` are a plain copy of the bytes before `i`
    let (mut i, mut o, mut raw) = (0, 0, 0);
    while o + STEP_ROOM <= dst.len() {
        let Some(rest) = src.get(i..) else { break };
        let k = rest.len();
        let (copied, jump) = if let Some(block) = rest.first_chunk::<32>() {
            let Some(d) = dst.get_mut(o..o + 32) else {
                break;
            };
            d.copy_from_slice(block);
            if !any_special(block) {
                i += 32;
                o += 32;
                raw += 32;
                continue;
            }
            (32, first_special(block))
        } else if k == 0 {
            break;
        } else if let Some(last) = src.last_chunk::<32>().filter(|_| raw + k >= 32) {
            // the last 1..31 bytes as the block that ends the text, copied over the plain
            // copy of the bytes before them (issue 6: up to four word steps per sentence)
            let back = 32 - k;
            let Some(d) = dst.get_mut(o - back..o - back + 32) else {
                break;
            };
            d.copy_from_slice(last);
            if !any_special(last) {
                return (src.len(), o + k);
            }
            // the first `back` bytes were found clean before
            match first_special(last) {
                Some(j) if j >= back => (k, Some(j - back)),
                _ => (k, None),
            }
        } else if let Some(word) = rest.first_chunk::<8>() {
            let Some(d) = dst.get_mut(o..o + 8) else {
                break;
            };
            d.copy_from_slice(word);
            let m = specials(u64::from_le_bytes(*word));
            (8, (m != 0).then(|| at_bit(m)))
        } else {
            // the last 1..7 bytes in the low lanes of a word: the word ending the text
            // shifted, or the bytes one by one in a text shorter than a word
            let v = match src.last_chunk::<8>() {
                Some(last) => u64::from_le_bytes(*last) >> (8 * (8 - k)),
                None => {
                    let mut w = [0u8; 8];
                    w.iter_mut().zip(rest).for_each(|(a, b)| *a = *b);
                    u64::from_le_bytes(w)
                }
            };
            let Some(d) = dst.get_mut(o..o + 8) else {
                break;
            };
            d.copy_from_slice(&v.to_le_bytes());
            // the lanes past the text hold zeros, which would test as control bytes
            let m = specials(v) & (u64::MAX >> (8 * (8 - k)));
            (k, (m != 0).then(|| at_bit(m)))
        };
        // the same bytes' tests agree, so a piece that is not clean has a byte to escape;
        // were there none, the copy would stand as clean
        let Some(j) = jump else {
            i += copied;
            o += copied;
            raw += copied;
            continue;
        };
        let Some(&b) = src.get(i + j) else { break };
        let (seq, n) = escape_seq(b);
        let Some(e) = dst.get_mut(o + j..o + j + 6) else {
            break;
        };
        e.copy_from_slice(&seq);
        i += j + 1;
        o += j + n;
        raw = 0;
    }
    (i.min(src.len()), o)
}

/// Writes `s`, a name the program defines (a label, severity, kind or format), as a JSON
/// string without looking for bytes to escape: the callers' names hold none (tested for every
/// value against [`string`]).
#[inline(always)]
pub(crate) fn name(out: &mut Vec<u8>, s: &'static str) {
    debug_assert!(!s.bytes().any(special), "{s:?} needs escaping");
    out.reserve(s.len() + 2);
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, s);
        String::from_utf8(out).unwrap()
    }

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
        // every position of a special byte relative to the blocks and words, and runs of them
        let mut long: Vec<String> = Vec::new();
        for n in 0..100 {
            for special in ["\"", "\\", "\n", "\u{1f}", "é\t"] {
                long.push(format!("{}{special}{}", "a".repeat(n), "b".repeat(100 - n)));
                long.push(format!("{}{special}{special}", "a".repeat(n)));
                long.push(format!("{}{special}", "a".repeat(n)));
            }
            long.push("a".repeat(n));
        }
        for s in samples
            .iter()
            .copied()
            .chain(long.iter().map(String::as_str))
        {
            assert_eq!(escaped(s), serde_json::to_string(s).unwrap());
            let mut out = Vec::new();
            long_string(&mut out, s);
            assert_eq!(out, escaped(s).into_bytes());
        }
    }

    /// Every byte value at every place of a block, and the block test against the byte test.
    #[test]
    fn every_byte_at_every_place_escapes_as_serde_json_does() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            for n in 0..70 {
                let s = format!("{}{c}{}", "x".repeat(n), "y".repeat(n % 7));
                assert_eq!(
                    escaped(&s),
                    serde_json::to_string(&s).unwrap(),
                    "{b:#x} at {n}"
                );
            }
        }
        for b in 0..=255u8 {
            for at in 0..32 {
                let mut block = [b'a'; 32];
                block[at] = b;
                assert_eq!(any_special(&block), special(b));
                let v = u64::from_le_bytes(block[at / 8 * 8..][..8].try_into().unwrap());
                assert_eq!(specials(v) != 0, special(b));
            }
        }
    }

    /// Every name written without escaping escapes to itself.
    #[test]
    fn names_need_no_escaping() {
        use crate::checks::Severity;
        use crate::ledger::SourceKind;
        let labels = crate::classify::Label::ALL.map(|l| l.as_str());
        let severities = [Severity::Info, Severity::Warning, Severity::Error].map(|s| s.as_str());
        let kinds = [
            SourceKind::NamedPerson,
            SourceKind::Organisation,
            SourceKind::Outlet,
            SourceKind::Document,
            SourceKind::Anonymous,
            SourceKind::Vague,
        ]
        .map(|k| k.as_str());
        for n in labels.iter().chain(&severities).chain(&kinds) {
            let mut out = Vec::new();
            name(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), escaped(n));
        }
    }

    proptest! {
        /// Any text, specials anywhere, escapes as serde_json escapes it.
        #[test]
        fn any_string_escapes_as_serde_json_does(
            s in "[ab\"\\\\\u{0}-\u{1f}\u{7f}é😀]{0,140}",
            pre in 0usize..70,
        ) {
            let s = format!("{}{s}", "x".repeat(pre));
            prop_assert_eq!(escaped(&s), serde_json::to_string(&s).unwrap());
        }

        /// The in-place escape, in as many pieces as a buffer of any size needs, writes the
        /// bytes `string_content` writes: specials anywhere, after clean runs of every length.
        #[test]
        fn in_place_escape_writes_what_string_content_writes(
            s in prop_oneof![
                "[ab\"\\\\\u{0}-\u{1f}\u{7f}é😀]{0,140}",
                "[a-z \"]{0,120}",
                any::<String>(),
            ],
            pre in 0usize..70,
            room in prop_oneof![Just(1usize << 12), 38usize..120],
        ) {
            let s = format!("{}{s}", "x".repeat(pre));
            let mut want = Vec::new();
            string_content(&mut want, s.as_bytes());
            let (mut got, mut rest) = (Vec::new(), s.as_bytes());
            let mut dst = vec![0u8; room];
            while !rest.is_empty() {
                let (done, wrote) = escape_into(&mut dst, rest);
                prop_assert!(done > 0);
                got.extend_from_slice(&dst[..wrote]);
                rest = &rest[done..];
            }
            prop_assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want));
        }

        /// Arbitrary strings (any scalar value) too.
        #[test]
        fn arbitrary_strings_escape_as_serde_json_does(s in any::<String>()) {
            prop_assert_eq!(escaped(&s), serde_json::to_string(&s).unwrap());
        }
    }
}
