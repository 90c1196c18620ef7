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
    /// The alphabet of `hir`: two non-ASCII characters are interchangeable when they have the
    /// same UTF-8 length and belong to the same classes, literals and (if `hir` asserts Unicode
    /// word boundaries) `\w`.
    pub fn new(hir: &Hir) -> Alphabet {
        let mut sets: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut word = false;
        collect(hir, &mut sets, &mut word);
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

    /// `text` with every character replaced by the one standing for it, into `out` (cleared
    /// first). Every character keeps its UTF-8 length, so offsets into `out` are offsets into
    /// `text`.
    pub fn translate(&self, text: &str, out: &mut String) {
        out.clear();
        out.reserve(text.len());
        let mut rest = text;
        while !rest.is_empty() {
            let ascii = rest
                .bytes()
                .position(|b| !b.is_ascii())
                .unwrap_or(rest.len());
            let (plain, tail) = rest.split_at(ascii);
            out.push_str(plain);
            let mut chars = tail.chars();
            if let Some(c) = chars.next() {
                out.push(self.map(c));
            }
            rest = chars.as_str();
        }
    }
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
