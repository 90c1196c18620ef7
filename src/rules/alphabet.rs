//! A pattern's reduced alphabet: every non-ASCII character stands in for all the characters the
//! pattern cannot tell apart from it.
//!
//! A regular expression sees a character only through the character sets it is written with
//! (classes such as `\p{Lu}` or `[“"]`, literal characters, `\w` for word boundaries) and through
//! the length of its UTF-8 encoding. Two characters of the same length that belong to exactly the
//! same sets are interchangeable: replacing one by the other anywhere in a text changes no match,
//! no group and no offset. [`Alphabet`] splits the non-ASCII code points into such classes and
//! picks one representative per class and length; [`Alphabet::translate`] writes a text with every
//! non-ASCII character replaced by its representative (same byte length). The pattern then only
//! ever sees ASCII and the representatives, so its classes can be cut down to those few characters
//! ([`Alphabet::chars`]): `\p{L}` becomes `[A-Za-z]` plus a handful of code points, and compiling
//! it is several times cheaper than compiling the full Unicode classes, whatever script the texts
//! are written in.
//!
//! `build.rs` includes this file too: it computes the alphabets and cut-down expressions of the
//! built-in patterns at compile time (so this file uses nothing but `std` and `regex_syntax`).

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};
use std::borrow::Cow;
use std::collections::HashMap;

/// Where UTF-8 lengths change, and the surrogates (no characters): intervals never straddle them.
const FIXED_CUTS: [u32; 6] = [0x80, 0x800, 0xD800, 0xE000, 0x1_0000, 0x11_0000];

/// The non-ASCII code points split into intervals of interchangeable characters.
#[derive(Debug)]
pub struct Alphabet {
    /// Start of each interval, ascending; the first is 0x80, the last interval ends at 0x110000.
    starts: Cow<'static, [u32]>,
    /// The character standing for each interval's characters (`'\0'` for the surrogates).
    reps: Cow<'static, [char]>,
}

impl Alphabet {
    /// The alphabet of `hirs`: two non-ASCII characters are interchangeable when they have the
    /// same UTF-8 length and belong to the same classes, literals and (if one of `hirs` asserts
    /// Unicode word boundaries) `\w`. An alphabet shared by several expressions is as good for
    /// each of them (it only tells more characters apart), and texts are translated once for all.
    pub fn new(hirs: &[&Hir]) -> Alphabet {
        let mut sets: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut word = false;
        for hir in hirs {
            collect(hir, &mut sets, &mut word);
        }
        if word {
            if let Ok(w) = regex_syntax::Parser::new().parse(r"\w") {
                collect(&w, &mut sets, &mut false);
            }
        }
        // a class written twice (`[\p{L}.'-]` in two places) splits nothing more
        sets.sort_unstable();
        sets.dedup();
        let mut cuts: Vec<u32> = FIXED_CUTS.to_vec();
        for set in &sets {
            for &(lo, hi) in set {
                cuts.push(lo);
                cuts.push(hi + 1);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        // cuts[..n] are the interval starts; the interval i is cuts[i]..cuts[i + 1]
        let n = cuts.len() - 1;
        let words = sets.len().div_ceil(64).max(1);
        let mut member = vec![0u64; n * words];
        for (k, set) in sets.iter().enumerate() {
            for &(lo, hi) in set {
                let Ok(mut i) = cuts.binary_search(&lo) else {
                    continue;
                };
                while i < n && cuts[i] <= hi {
                    member[i * words + k / 64] |= 1 << (k % 64);
                    i += 1;
                }
            }
        }
        let mut first: HashMap<(&[u64], usize), char> = HashMap::new();
        let mut starts: Vec<u32> = Vec::new();
        let mut reps: Vec<char> = Vec::new();
        for (i, &start) in cuts.iter().take(n).enumerate() {
            let rep = match char::from_u32(start) {
                Some(c) => *first
                    .entry((&member[i * words..(i + 1) * words], c.len_utf8()))
                    .or_insert(c),
                None => '\0',
            };
            // neighbours with the same representative are one interval
            if reps.last() != Some(&rep) {
                starts.push(start);
                reps.push(rep);
            }
        }
        Alphabet {
            starts: Cow::Owned(starts),
            reps: Cow::Owned(reps),
        }
    }

    /// An alphabet computed before (by `build.rs`): the interval starts and representatives of
    /// [`Alphabet::parts`].
    pub fn from_parts(starts: &'static [u32], reps: &'static [char]) -> Alphabet {
        Alphabet {
            starts: Cow::Borrowed(starts),
            reps: Cow::Borrowed(reps),
        }
    }

    /// The interval starts and their representatives.
    pub fn parts(&self) -> (&[u32], &[char]) {
        (&self.starts, &self.reps)
    }

    /// The character standing for `c` (itself for ASCII).
    pub fn map(&self, c: char) -> char {
        if c.is_ascii() {
            return c;
        }
        let i = self.starts.partition_point(|&s| s <= c as u32);
        self.reps.get(i.wrapping_sub(1)).copied().unwrap_or(c)
    }

    /// Every character a translated text can hold: ASCII and the representatives.
    pub fn chars(&self) -> ClassUnicode {
        let mut class = ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]);
        let mut reps: Vec<char> = self.reps.iter().copied().filter(|&c| c != '\0').collect();
        reps.sort_unstable();
        reps.dedup();
        class.union(&ClassUnicode::new(
            reps.into_iter().map(|c| ClassUnicodeRange::new(c, c)),
        ));
        class
    }

    /// `text` with every character replaced by the one standing for it, written into `out`;
    /// `false` (and `out` left empty) when no character changes, so `text` itself stands. Every
    /// character keeps its UTF-8 length, so offsets into the result are offsets into `text`.
    ///
    /// Works by runs: ASCII runs (which stand for themselves) are skipped eight bytes at a time,
    /// and each run of non-ASCII characters is decoded in one pass, characters that stand for
    /// themselves being copied with their neighbours rather than one by one.
    pub fn translate(&self, text: &str, out: &mut String) -> bool {
        // texts repeat a few non-ASCII characters (quotes, dashes, accented letters): a small
        // cache saves most of the binary searches
        let mut cache = [('\0', '\0'); 64];
        let bytes = text.as_bytes();
        let mut copied = 0; // text[..copied] is in `out`
        let mut at = 0;
        out.clear();
        while let Some(i) = next_non_ascii(bytes, at) {
            let Some(run) = text.get(i..) else {
                break;
            };
            at = i;
            for c in run.chars() {
                if c.is_ascii() {
                    break;
                }
                let slot = &mut cache[c as usize % 64];
                let rep = if slot.0 == c {
                    slot.1
                } else {
                    let rep = self.map(c);
                    *slot = (c, rep);
                    rep
                };
                let next = at + c.len_utf8();
                if rep != c {
                    if copied == 0 {
                        out.reserve(text.len());
                    }
                    if copied < at {
                        out.push_str(text.get(copied..at).unwrap_or_default());
                    }
                    out.push(rep);
                    copied = next;
                }
                at = next;
            }
        }
        if copied == 0 {
            return false;
        }
        out.push_str(text.get(copied..).unwrap_or_default());
        true
    }

    /// Identifies the alphabet's tables (alphabets built by `build.rs` share them).
    pub fn key(&self) -> usize {
        self.starts.as_ptr() as usize
    }
}

/// The position of the first byte at or after `from` that is not ASCII: a block of 64 bytes
/// at a time, its bytes or-ed together (the compiler makes a few vector instructions of it),
/// then the word of 8 bytes holding it. Also the report's line index's scan for lines outside
/// ASCII (`report::lines`; issue 6: 16 bytes a step there cost 1.87 M on the corpus, 64 bytes
/// a step 1.53 M).
pub(crate) fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let rest = bytes.get(from..)?;
    let (blocks, tail) = rest.as_chunks::<64>();
    for (i, block) in blocks.iter().enumerate() {
        if block.iter().fold(0, |acc, &b| acc | b) & 0x80 != 0 {
            let (words, _) = block.as_chunks::<8>();
            return words.iter().enumerate().find_map(|(j, w)| {
                let high = u64::from_le_bytes(*w) & HIGH;
                (high != 0).then(|| from + 64 * i + 8 * j + high.trailing_zeros() as usize / 8)
            });
        }
    }
    let at = from + 64 * blocks.len();
    tail.iter().position(|&b| !b.is_ascii()).map(|p| at + p)
}

/// The non-ASCII parts of every character set `hir` tests characters against, into `sets`;
/// `word` is set when `hir` asserts a Unicode word boundary.
fn collect(hir: &Hir, sets: &mut Vec<Vec<(u32, u32)>>, word: &mut bool) {
    match hir.kind() {
        HirKind::Literal(lit) => {
            for c in String::from_utf8_lossy(&lit.0).chars() {
                if !c.is_ascii() {
                    sets.push(vec![(c as u32, c as u32)]);
                }
            }
        }
        HirKind::Class(Class::Unicode(c)) => {
            let set: Vec<(u32, u32)> = c
                .ranges()
                .iter()
                .filter(|r| !r.end().is_ascii())
                .map(|r| ((r.start() as u32).max(0x80), r.end() as u32))
                .collect();
            if !set.is_empty() {
                sets.push(set);
            }
        }
        HirKind::Look(look) => {
            if matches!(
                look,
                Look::WordUnicode
                    | Look::WordUnicodeNegate
                    | Look::WordStartUnicode
                    | Look::WordEndUnicode
                    | Look::WordStartHalfUnicode
                    | Look::WordEndHalfUnicode
            ) {
                *word = true;
            }
        }
        HirKind::Capture(c) => collect(&c.sub, sets, word),
        HirKind::Repetition(r) => collect(&r.sub, sets, word),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            for h in subs {
                collect(h, sets, word);
            }
        }
        HirKind::Empty | HirKind::Class(Class::Bytes(_)) => {}
    }
}

/// `hir` with every Unicode class intersected with `alphabet`.
pub fn restrict(hir: &Hir, alphabet: &ClassUnicode) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            let mut c = c.clone();
            c.intersect(alphabet);
            Hir::class(Class::Unicode(c))
        }
        HirKind::Capture(c) => {
            let mut c = c.clone();
            c.sub = Box::new(restrict(&c.sub, alphabet));
            Hir::capture(c)
        }
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|h| restrict(h, alphabet)).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|h| restrict(h, alphabet)).collect())
        }
        HirKind::Repetition(r) => {
            let mut r = r.clone();
            r.sub = Box::new(restrict(&r.sub, alphabet));
            Hir::repetition(r)
        }
        _ => hir.clone(),
    }
}

/// The first named group (in order of opening) that is neither `source` nor `cue`: such a pattern
/// is a load error.
pub fn unknown_group(hir: &Hir) -> Option<&str> {
    match hir.kind() {
        HirKind::Capture(c) => match c.name.as_deref() {
            Some(n) if n != "source" && n != "cue" => Some(n),
            _ => unknown_group(&c.sub),
        },
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().find_map(unknown_group),
        HirKind::Repetition(r) => unknown_group(&r.sub),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translate_maps_every_character_and_keeps_lengths() {
        let hir = regex_syntax::Parser::new()
            .parse(r"(?P<source>\p{Lu}\p{Ll}+)[“:]\s+\w")
            .unwrap();
        let a = Alphabet::new(&[&hir]);
        let texts = [
            "",
            "plain ascii only, longer than eight bytes",
            "“Quoted” — Łukasz said: Ωμέγα 😀 e\u{301} ǅ",
            "x“",
            "éééééééééééééééééééé",
            "a“b“c“d“e“f“g“h“i“j“k“",
        ];
        for text in texts {
            let want: String = text.chars().map(|c| a.map(c)).collect();
            let mut out = String::new();
            let got = if a.translate(text, &mut out) {
                out.as_str()
            } else {
                assert!(out.is_empty());
                text
            };
            assert_eq!(got, want, "{text:?}");
            assert_eq!(got.len(), text.len());
            for (x, y) in text.chars().zip(got.chars()) {
                assert_eq!(x.len_utf8(), y.len_utf8());
                assert_eq!(x.is_ascii(), y.is_ascii());
            }
        }
        // a literal of the pattern stands for itself: no copy
        assert!(!a.translate("a “ b", &mut String::new()));
        assert_eq!(a.map('“'), '“');
        // letters of each case are told apart, letters of the same case are not
        assert_eq!(a.map('Ł'), a.map('É'));
        assert_ne!(a.map('Ł'), a.map('ł'));
        assert_ne!(a.map('Ω'), a.map('ω'));
    }

    #[test]
    fn next_non_ascii_finds_the_first_high_byte() {
        let text = "abcdefghijklmnopqrstuvwxyz é ok é";
        let want: Vec<usize> = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| !b.is_ascii())
            .map(|(i, _)| i)
            .collect();
        for from in 0..=text.len() + 1 {
            let expect = want.iter().copied().find(|&i| i >= from);
            assert_eq!(next_non_ascii(text.as_bytes(), from), expect, "{from}");
        }
    }

    /// The translation as it was before it worked by runs (one character at a time): the new one
    /// must write exactly the same.
    fn translate_per_char(a: &Alphabet, text: &str, out: &mut String) -> bool {
        let mut cache = [('\0', '\0'); 64];
        let bytes = text.as_bytes();
        let mut copied = 0;
        let mut at = 0;
        out.clear();
        while let Some(i) = next_non_ascii(bytes, at) {
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let slot = &mut cache[c as usize % 64];
            let rep = if slot.0 == c {
                slot.1
            } else {
                let rep = a.map(c);
                *slot = (c, rep);
                rep
            };
            at = i + c.len_utf8();
            if rep != c {
                if copied == 0 {
                    out.reserve(text.len());
                }
                out.push_str(text.get(copied..i).unwrap_or_default());
                out.push(rep);
                copied = at;
            }
        }
        if copied == 0 {
            return false;
        }
        out.push_str(text.get(copied..).unwrap_or_default());
        true
    }

    /// Characters from the scripts and marks news copy holds, and any character at all.
    fn text_char() -> impl proptest::strategy::Strategy<Value = char> {
        use proptest::prelude::*;
        prop_oneof![
            4 => proptest::char::range(' ', '~'),
            3 => proptest::char::range('\u{900}', '\u{97F}'),
            1 => proptest::sample::select(vec![
                '“', '”', '‘', '’', '—', '–', '…', '\u{301}', '\u{308}', 'é', 'Ł', 'ł', 'Ω',
                'ω', 'ǅ', 'ß', '\u{A0}', '\u{200B}', '\r', '\n', '\t', '😀', '👍', '\u{FEFF}',
            ]),
            1 => proptest::char::range('\u{600}', '\u{6FF}'),
            1 => proptest::char::range('\u{4E00}', '\u{4FFF}'),
            1 => proptest::char::range('\u{80}', '\u{7FF}'),
            1 => any::<char>(),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn next_non_ascii_agrees_with_a_byte_scan(
            chars in proptest::collection::vec(text_char(), 0..60),
            from in 0usize..200,
        ) {
            let text: String = chars.into_iter().collect();
            let want = text.bytes().enumerate().skip(from).find(|(_, b)| !b.is_ascii());
            proptest::prop_assert_eq!(next_non_ascii(text.as_bytes(), from), want.map(|(i, _)| i));
        }

        #[test]
        fn translate_by_runs_writes_what_per_char_did(
            chars in proptest::collection::vec(text_char(), 0..80),
            pattern in 0usize..4,
        ) {
            let patterns = [
                r"(?P<source>\p{Lu}\p{Ll}+)[“:]\s+\w",
                r"\b\w+\b",
                r"[“”\p{Devanagari}]+\s(?P<cue>कहा)",
                r"—\s*(?P<source>\p{L}+)",
            ];
            let hir = regex_syntax::Parser::new().parse(patterns[pattern]).unwrap();
            let a = Alphabet::new(&[&hir]);
            let text: String = chars.into_iter().collect();
            let (mut new, mut old) = (String::from("junk"), String::from("junk"));
            let changed = a.translate(&text, &mut new);
            proptest::prop_assert_eq!(changed, translate_per_char(&a, &text, &mut old));
            proptest::prop_assert_eq!(&new, &old);
            let want: String = text.chars().map(|c| a.map(c)).collect();
            proptest::prop_assert_eq!(if changed { new.as_str() } else { text.as_str() }, want);
        }
    }
}
