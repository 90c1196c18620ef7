//! Byte-level helpers shared by the sentence and quotation scanners: white space, character
//! classes and bounded look-around. Every function is total: out-of-range reads give "nothing".

/// Length of the white-space character starting at byte `i` (0 if none). ASCII white space,
/// NO-BREAK SPACE, the Unicode spaces U+2000–U+200A, U+2028/9, U+202F, U+3000 and the BOM.
#[inline]
pub fn ws_len(b: &[u8], i: usize) -> usize {
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
}

/// Whether the character ending just before byte `i` is white space (or `i` is 0).
#[inline]
pub fn ws_before(b: &[u8], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    match b.get(i - 1) {
        Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) => true,
        Some(&c) if c >= 0x80 => {
            let start = char_start(b, i - 1);
            ws_len(b, start) == i - start
        }
        _ => false,
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
/// of `t[s..e]`; returns the trimmed range, empty (`s == e`) when nothing is left.
pub fn trim(t: &str, s: usize, e: usize) -> (usize, usize) {
    let Some(part) = t.get(s..e) else {
        return (s, s);
    };
    let is_space = |c: char| c.is_whitespace() || c == '\u{feff}';
    let a = part.trim_start_matches(is_space);
    let lead = part.len() - a.len();
    let z = a.trim_end_matches(is_space);
    (s + lead, s + lead + z.len())
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

/// Dashes and bullets that may stand between a stop and the next word.
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '•' | '‣' | '⁃' | '·')
}
