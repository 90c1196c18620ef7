//! Byte-level helpers shared by the sentence and quotation scanners: white space, character
//! classes and bounded look-around. Every function is total: out-of-range reads give "nothing".

/// Length of the white-space character starting at byte `i` (0 if none). ASCII white space,
/// NO-BREAK SPACE, the Unicode spaces U+2000–U+200A, U+2028/9, U+202F, U+3000 and the BOM.
#[inline]
pub fn ws_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        // an ASCII byte is told by a bit mask, without a branch on which byte it is (issue 6:
        // the `match` on the byte mispredicted about once a call, 28 k times on the corpus)
        Some(&c) if c < 0x80 => usize::from(is_ascii_space(c)),
        Some(0xC2) if b.get(i + 1) == Some(&0xA0) => 2,
        Some(0xE2) => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) => 3,
            _ => 0,
        },
        Some(0xE3) if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => 3,
        Some(0xEF) if b.get(i + 1) == Some(&0xBB) && b.get(i + 2) == Some(&0xBF) => 3,
        _ => 0,
    }
}

/// Whether the character ending just before byte `i` is white space (or `i` is 0).
#[inline(always)]
pub fn ws_before(b: &[u8], i: usize) -> bool {
    // an ASCII byte before `i` at the caller, without a call (issue 6: a call per stop and per
    // quotation mark); the rest (the start, a non-ASCII character) out of line
    match i.checked_sub(1).and_then(|k| b.get(k)) {
        Some(&c) if c < 0x80 => is_ascii_space(c),
        _ => ws_before_wide(b, i),
    }
}

/// [`ws_before`] at the start of `b`, past its end or after a non-ASCII byte.
#[inline(never)]
fn ws_before_wide(b: &[u8], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    match b.get(i - 1) {
        Some(&c) if c < 0x80 => is_ascii_space(c),
        Some(_) => {
            let start = char_start(b, i - 1);
            ws_len(b, start) == i - start
        }
        None => false,
    }
}

/// Start of the UTF-8 character containing byte `i`.
#[inline]
pub fn char_start(b: &[u8], mut i: usize) -> usize {
    let lo = i.saturating_sub(3);
    while i > lo && b.get(i).is_some_and(|c| (c & 0xC0) == 0x80) {
        i -= 1;
    }
    i
}

/// Skips white space from `i`; returns the first non-space position (or `b.len()`).
#[inline]
pub fn skip_ws(b: &[u8], mut i: usize) -> usize {
    loop {
        let l = ws_len(b, i);
        if l == 0 {
            return i.min(b.len());
        }
        i += l;
    }
}

/// The character at byte `i` of `t`, if `i` is a char boundary inside `t`.
#[inline]
pub fn char_at(t: &str, i: usize) -> Option<char> {
    t.get(i..).and_then(|s| s.chars().next())
}

/// Trims white space (as [`ws_len`] defines it, plus any `char::is_whitespace`) from both ends
/// of `t[s..e]`; returns the trimmed range, empty (`s == e`) when nothing is left. Inlined
/// (issue 6: the splitter calls it once a sentence, and the call saved and restored six
/// registers around a few tests).
#[inline]
pub fn trim(t: &str, s: usize, e: usize) -> (usize, usize) {
    let Some(part) = t.get(s..e) else {
        return (s, s);
    };
    // ASCII white space is skipped byte by byte; the character test is asked only from the
    // first non-ASCII byte on (issue 6: decoding every sentence's edges was 2.5 % of the
    // segmenter)
    let b = part.as_bytes();
    // the first byte without a branch: a sentence after the first of its block opens with one
    // space, the first with none, and a loop's first test mispredicted between them (issue 6)
    let mut a = usize::from(b.first().is_some_and(|&c| is_ascii_space(c)));
    while b.get(a).is_some_and(|&c| is_ascii_space(c)) {
        a += 1;
    }
    if b.get(a).is_some_and(|&c| c >= 0x80) {
        let rest = part.get(a..).unwrap_or("");
        a += rest.len() - rest.trim_start_matches(is_space).len();
    }
    let mut z = b.len();
    while z > a && b.get(z - 1).is_some_and(|&c| is_ascii_space(c)) {
        z -= 1;
    }
    if z > a && b.get(z - 1).is_some_and(|&c| c >= 0x80) {
        z = a + part
            .get(a..z)
            .unwrap_or("")
            .trim_end_matches(is_space)
            .len();
    }
    (s + a, s + z)
}

/// White space as `trim` knows it: `char::is_whitespace` and the BOM.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// The ASCII characters `char::is_whitespace` accepts: tab to carriage return, and space.
#[inline]
fn is_ascii_space(c: u8) -> bool {
    // one bit per character below 64, told without a branch
    const SPACES: u64 = 1 << b'\t' | 1 << b'\n' | 1 << 0x0b | 1 << 0x0c | 1 << b'\r' | 1 << b' ';
    ((SPACES >> (c & 63)) & 1 != 0) & (c < 64)
}

/// Length in bytes of the letters (`char::is_alphabetic`) that open `rest`, at most `max` of
/// them. ASCII letters are counted byte by byte; characters are decoded only from the first
/// non-ASCII byte on (issue 6: decoding the next word after every stop was 7 % of the
/// segmenter).
pub fn alpha_prefix(rest: &str, max: usize) -> usize {
    let b = rest.as_bytes();
    let mut k = 0;
    while k < max && b.get(k).is_some_and(u8::is_ascii_alphabetic) {
        k += 1;
    }
    if k < max && b.get(k).is_some_and(|&c| c >= 0x80) {
        k += rest
            .get(k..)
            .unwrap_or("")
            .chars()
            .take(max - k)
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum::<usize>();
    }
    k
}

/// Broad class of the first letter-like character of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Upper,
    Lower,
    Digit,
    Other,
    /// End of the block.
    End,
}

pub fn class_of(c: Option<char>) -> Class {
    match c {
        None => Class::End,
        Some(c) if c.is_ascii_digit() => Class::Digit,
        Some(c) if c.is_uppercase() => Class::Upper,
        Some(c) if c.is_lowercase() => Class::Lower,
        // letters without case (CJK, Arabic…) start sentences like capitals do
        Some(c) if c.is_alphabetic() => Class::Upper,
        Some(_) => Class::Other,
    }
}

/// Opening punctuation that may stand before the first word of a sentence.
pub fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '„' | '«' | '‹' | '(' | '[' | '{' | '¿' | '¡' | '*' | '_'
    )
}

/// Dashes (the horizontal bar ― too, a quotation dash) and bullets that may stand between a
/// stop and the next word.
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '―' | '•' | '‣' | '⁃' | '·')
}

/// A byte table laid out for [`find_table`]: `lanes[k][c]` is `1 << k` when `c` is in the
/// table, for the eight byte lanes `k` of a word.
pub struct LaneTable {
    lanes: [[u8; 256]; 8],
}

impl LaneTable {
    pub const fn new(table: &[bool; 256]) -> LaneTable {
        let mut lanes = [[0u8; 256]; 8];
        let mut k = 0;
        while k < 8 {
            let mut c = 0;
            while c < 256 {
                lanes[k][c] = (table[c] as u8) << k;
                c += 1;
            }
            k += 1;
        }
        LaneTable { lanes }
    }

    /// Whether byte `c` is in the table.
    #[inline]
    fn has(&self, c: u8) -> bool {
        self.lanes[0][usize::from(c)] != 0
    }

    /// Bit `k` set when byte `k` of `chunk` (eight bytes) is in the table: the entries, already
    /// shifted to their lanes, or-ed without a branch (two instructions a byte).
    #[inline(always)]
    pub fn mask(&self, chunk: &[u8; 8]) -> u8 {
        chunk
            .iter()
            .zip(self.lanes.iter())
            .fold(0u8, |m, (&c, lane)| m | lane[usize::from(c)])
    }
}

/// The first `i >= from` with `b[i]` in `table`. Eight bytes at a time: their entries, already
/// shifted to their lanes, are or-ed into one mask without a branch (two instructions a byte),
/// so the scan branches once per word and once per hit (issue 6: a SWAR pre-test before this
/// marked a third of the words of news copy (commas, digits, line breaks, quotes) and its loop
/// over the marked bytes mispredicted about three times per hit; the candidate search alone
/// over the corpus, block by block, went from 6.2 M instructions and 83 k mispredicted branches
/// to 5.2 M and 29 k, 1.7x faster). The words come from `as_chunks`, so the loop tests only
/// its end, not a range per word (issue 6: those tests were a quarter of the loop).
#[inline(always)]
pub fn find_table(b: &[u8], from: usize, table: &LaneTable) -> Option<usize> {
    let rest = b.get(from..)?;
    let (chunks, tail) = rest.as_chunks::<8>();
    let mut i = from;
    for chunk in chunks {
        let m = table.mask(chunk);
        if m != 0 {
            return Some(i + m.trailing_zeros() as usize);
        }
        i += 8;
    }
    tail.iter().position(|&c| table.has(c)).map(|p| i + p)
}

/// [`find_table`] as it was, a range taken per word (kept for its test).
#[cfg(test)]
fn find_table_8(b: &[u8], from: usize, table: &LaneTable) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8).and_then(|c| <&[u8; 8]>::try_from(c).ok()) {
        let m = table.mask(chunk);
        if m != 0 {
            return Some(i + m.trailing_zeros() as usize);
        }
        i += 8;
    }
    let rest = b.get(i..)?;
    rest.iter().position(|&c| table.has(c)).map(|p| i + p)
}

/// Finds, from any position, the next byte that is in one of up to [`SETS_MAX`] sets of one to
/// three bytes, with `memchr` (SIMD) per set. Each set remembers where its next byte is, so a
/// set that occurs rarely is searched once for a long stretch and a frequent one only up to its
/// next occurrence (issue 6: this replaced an eight-bytes-at-a-time table scan).
pub struct SetFinder<'a> {
    b: &'a [u8],
    sets: &'static [&'static [u8]],
    /// Per set `(from, at)`: the set has no byte in `from..at`, and `at` holds one of its bytes
    /// or is the end of the text. `from > at` means nothing is known.
    known: [(usize, usize); SETS_MAX],
}

/// Most byte sets a [`SetFinder`] searches.
pub const SETS_MAX: usize = 6;

impl<'a> SetFinder<'a> {
    /// A finder over `b` for the bytes of `sets` (sets past [`SETS_MAX`] and bytes past the
    /// third of a set are not searched; the callers' tests check their sets fit).
    pub fn new(b: &'a [u8], sets: &'static [&'static [u8]]) -> Self {
        SetFinder {
            b,
            sets,
            known: [(1, 0); SETS_MAX],
        }
    }

    /// The first `k >= from` whose byte is in one of the sets.
    #[inline]
    pub fn find(&mut self, from: usize) -> Option<usize> {
        let n = self.b.len();
        let mut best = n;
        for (set, known) in self.sets.iter().zip(self.known.iter_mut()) {
            let (lo, at) = *known;
            let at = if lo <= from && from <= at {
                at
            } else {
                let hay = self.b.get(from..).unwrap_or(&[]);
                let found = match **set {
                    [x] => memchr::memchr(x, hay),
                    [x, y] => memchr::memchr2(x, y, hay),
                    [x, y, z, ..] => memchr::memchr3(x, y, z, hay),
                    [] => None,
                };
                let at = found.map_or(n, |p| from + p);
                *known = (from, at);
                at
            };
            best = best.min(at);
        }
        (best < n).then_some(best)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_is_the_character_trim() {
        let old = |t: &str, s: usize, e: usize| {
            let Some(part) = t.get(s..e) else {
                return (s, s);
            };
            let a = part.trim_start_matches(is_space);
            let lead = part.len() - a.len();
            let z = a.trim_end_matches(is_space);
            (s + lead, s + lead + z.len())
        };
        let alphabet = [
            " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1c}", "\u{85}", "\u{a0}", "\u{2003}",
            "\u{200b}", "\u{2028}", "\u{3000}", "\u{feff}", "a", ".", "é", "\u{301}", "北", "😀",
        ];
        let mut rng = crate::testrng::Rng::new(0x7123_4567);
        for _ in 0..20_000 {
            let len = (rng.next_u64() % 9) as usize;
            let t: String = (0..len)
                .map(|_| alphabet[(rng.next_u64() % alphabet.len() as u64) as usize])
                .collect();
            for s in 0..=t.len() + 1 {
                for e in s.saturating_sub(1)..=t.len() + 1 {
                    assert_eq!(trim(&t, s, e), old(&t, s, e), "{t:?} {s} {e}");
                }
            }
        }
    }

    /// `ws_len` and `ws_before` (an ASCII byte told by a bit mask) against the byte `match`
    /// they replaced, for every byte followed by every continuation that makes a space.
    #[test]
    fn white_space_by_mask_is_the_match() {
        let old_len = |b: &[u8], i: usize| -> usize {
            match b.get(i) {
                Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) => 1,
                Some(0xC2) if b.get(i + 1) == Some(&0xA0) => 2,
                Some(0xE2) => match (b.get(i + 1), b.get(i + 2)) {
                    (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) => 3,
                    _ => 0,
                },
                Some(0xE3) if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => 3,
                Some(0xEF) if b.get(i + 1) == Some(&0xBB) && b.get(i + 2) == Some(&0xBF) => 3,
                _ => 0,
            }
        };
        let old_before = |b: &[u8], i: usize| -> bool {
            if i == 0 {
                return true;
            }
            match b.get(i - 1) {
                Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) => true,
                Some(&c) if c >= 0x80 => {
                    let start = char_start(b, i - 1);
                    old_len(b, start) == i - start
                }
                _ => false,
            }
        };
        for c in 0..=255u8 {
            for (x, y) in [
                (0xA0, 0x80),
                (0x80, 0x80),
                (0x80, 0xAF),
                (0xBB, 0xBF),
                (b'a', b' '),
            ] {
                let b = [b'x', c, x, y];
                for i in 0..=b.len() + 1 {
                    assert_eq!(ws_len(&b, i), old_len(&b, i), "{b:?} {i}");
                    assert_eq!(ws_before(&b, i), old_before(&b, i), "{b:?} {i}");
                }
            }
        }
    }

    #[test]
    fn alpha_prefix_is_the_character_count() {
        let old = |rest: &str, max: usize| -> usize {
            rest.chars()
                .take(max)
                .take_while(|c| c.is_alphabetic())
                .map(char::len_utf8)
                .sum()
        };
        let alphabet = [
            "a", "Z", "é", "É", "\u{301}", "ß", "北", "ا", " ", ".", "'", "’", "1", "😀", "\u{a0}",
            "-",
        ];
        let mut rng = crate::testrng::Rng::new(0x00a1_fa00);
        for _ in 0..50_000 {
            let len = (rng.next_u64() % 12) as usize;
            let t: String = (0..len)
                .map(|_| alphabet[(rng.next_u64() % alphabet.len() as u64) as usize])
                .collect();
            for max in [0, 1, 2, 3, 5, 20, 24] {
                assert_eq!(alpha_prefix(&t, max), old(&t, max), "{t:?} {max}");
            }
        }
    }

    #[test]
    fn set_finder_finds_what_a_byte_scan_finds() {
        static SETS: &[&[u8]] = &[b".!", b"\xe2", b"?)x"];
        let text = "Officials said. \u{201c}Yes!\u{201d} \u{2014} 3.5 per cent \u{2026} (of) r\u{e9}sum\u{e9}s? x";
        let b = text.as_bytes();
        let want = |from: usize| {
            b.get(from..)
                .and_then(|r| r.iter().position(|c| SETS.iter().any(|s| s.contains(c))))
                .map(|p| from + p)
        };
        // forwards one byte at a time, by jumps, and in any order
        let mut f = SetFinder::new(b, SETS);
        for from in 0..=b.len() + 2 {
            assert_eq!(f.find(from), want(from), "from {from}");
        }
        let mut f = SetFinder::new(b, SETS);
        let mut i = 0;
        while let Some(k) = f.find(i) {
            assert_eq!(Some(k), want(i));
            i = k + 1;
        }
        let mut rng = crate::testrng::Rng::new(0x5eed);
        for _ in 0..2_000 {
            let from = (rng.next_u64() % (b.len() as u64 + 3)) as usize;
            assert_eq!(f.find(from), want(from), "from {from}");
        }
    }

    #[test]
    fn find_table_finds_what_a_byte_scan_finds() {
        let mut table = [false; 256];
        for c in [b'.', b'!', 0xe2] {
            table[usize::from(c)] = true;
        }
        let text = "Officials said. “Yes!” — 3.5 per cent … of résumés said so";
        let b = text.as_bytes();
        for from in 0..=b.len() + 2 {
            let want = b
                .get(from..)
                .and_then(|r| r.iter().position(|&c| table[usize::from(c)]))
                .map(|p| from + p);
            assert_eq!(
                find_table(b, from, &LaneTable::new(&table)),
                want,
                "from {from}"
            );
        }
        // random tables over random bytes, from every position
        let mut rng = crate::testrng::Rng::new(0x1a9e_7ab1);
        for _ in 0..300 {
            let mut table = [false; 256];
            for _ in 0..rng.below(12) {
                table[rng.below(256)] = true;
            }
            let lanes = LaneTable::new(&table);
            let b: Vec<u8> = (0..rng.below(80)).map(|_| rng.below(256) as u8).collect();
            for from in 0..=b.len() + 1 {
                let want = b
                    .get(from..)
                    .and_then(|r| r.iter().position(|&c| table[usize::from(c)]))
                    .map(|p| from + p);
                assert_eq!(find_table(&b, from, &lanes), want, "{b:?} {from}");
                assert_eq!(find_table_8(&b, from, &lanes), want, "{b:?} {from}");
            }
        }
    }
}
