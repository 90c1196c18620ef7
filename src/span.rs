//! Half-open byte spans, short span lists, and the byte → line/column index used only by reports.

use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::{Deref, DerefMut};

/// Half-open byte range `start..end` into a document's analysis text. Invariant: `start <= end`,
/// both on UTF-8 char boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text this span covers; empty when the span is out of range or not on char boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A short list of copyable items (a sentence's sources or cues, a source's sentences): one
/// item is kept inline, more spill to the heap. The size of a `Vec` for spans and indices, and
/// no allocation for zero or one item. It behaves as a `[T]` and prints and serializes exactly
/// as a `Vec<T>` does.
#[derive(Clone, Default)]
pub struct SmallList<T>(Repr<T>);

/// A short list of spans.
pub type SpanList = SmallList<Span>;

/// `One`: one item, inline; `Many`: none (an empty `Vec`, which holds no allocation) or more.
/// Two variants, each a slice of its own without a further test, so reading the list as a
/// slice is a choice between two pointers and lengths, not a branch (issue 6: with `Empty`,
/// `One` and `Many`, the three-way match mispredicted about a quarter of the time in the
/// ledger and the JSON report). `One` fits beside the `Vec`'s capacity, whose spare values
/// tell the variants apart: the size of a `Vec`.
#[derive(Clone)]
enum Repr<T> {
    One([T; 1]),
    Many(Vec<T>),
}

impl<T> Default for Repr<T> {
    fn default() -> Self {
        Repr::Many(Vec::new())
    }
}

/// Room a [`SmallList`] takes on the heap when it outgrows its one inline item.
const SPILL: usize = 4;

/// The heap list of a [`SmallList`] that outgrows its inline item: room for four (a list that
/// outgrows one item often gets a third, and growing from two was a reallocation per such
/// list, issue 6).
#[inline(never)]
fn spill<T>(first: T, second: T) -> Vec<T> {
    let mut v = Vec::with_capacity(SPILL);
    v.push(first);
    v.push(second);
    v
}

impl<T: Copy> SmallList<T> {
    /// The empty list.
    pub const fn new() -> Self {
        SmallList(Repr::Many(Vec::new()))
    }
    /// A list of one item.
    pub const fn one(item: T) -> Self {
        SmallList(Repr::One([item]))
    }
    #[inline]
    pub fn push(&mut self, item: T) {
        match &mut self.0 {
            Repr::One([first]) => self.0 = Repr::Many(spill(*first, item)),
            Repr::Many(v) if v.is_empty() => self.0 = Repr::One([item]),
            Repr::Many(v) => v.push(item),
        }
    }
    #[inline]
    pub fn as_slice(&self) -> &[T] {
        match &self.0 {
            Repr::One(a) => a,
            Repr::Many(v) => v,
        }
    }
    #[inline]
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        match &mut self.0 {
            Repr::One(a) => a,
            Repr::Many(v) => v,
        }
    }
}

impl<T: Copy + PartialEq> SmallList<T> {
    /// Removes consecutive repeated items (as `Vec::dedup`).
    pub fn dedup(&mut self) {
        if let Repr::Many(v) = &mut self.0 {
            v.dedup();
            if let [only] = v.as_slice() {
                self.0 = Repr::One([*only]);
            }
        }
    }
}

impl<T: Copy> Deref for SmallList<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T: Copy> DerefMut for SmallList<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.as_mut_slice()
    }
}

impl<'a, T: Copy> IntoIterator for &'a SmallList<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl<T: Copy> Extend<T> for SmallList<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for s in iter {
            self.push(s);
        }
    }
}

impl<T: Copy> FromIterator<T> for SmallList<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut l = SmallList::new();
        l.extend(iter);
        l
    }
}

impl<T: Copy> From<Vec<T>> for SmallList<T> {
    fn from(v: Vec<T>) -> Self {
        match v.as_slice() {
            [] => SmallList::new(),
            [only] => SmallList::one(*only),
            _ => SmallList(Repr::Many(v)),
        }
    }
}

impl<T: Copy + PartialEq> PartialEq for SmallList<T> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Copy + Eq> Eq for SmallList<T> {}

// compared with arrays and vectors as a `Vec` is
impl<T: Copy + PartialEq, const N: usize> PartialEq<[T; N]> for SmallList<T> {
    fn eq(&self, other: &[T; N]) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Copy + PartialEq> PartialEq<Vec<T>> for SmallList<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Copy + PartialEq> PartialEq<[T]> for SmallList<T> {
    fn eq(&self, other: &[T]) -> bool {
        self.as_slice() == other
    }
}

impl<T: Copy + fmt::Debug> fmt::Debug for SmallList<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice(), f)
    }
}

impl<T: Copy + Serialize> Serialize for SmallList<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.as_slice())
    }
}

/// 1-based line and 1-based column counted in Unicode scalar values (characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Maps byte offsets of one source text to 1-based line and character column.
/// Lines end at `\n`, `\r\n` or a lone `\r`.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(off) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let p = i + off;
            if bytes[p] == b'\r' && bytes.get(p + 1) == Some(&b'\n') {
                i = p + 2;
            } else {
                i = p + 1;
            }
            starts.push(i);
        }
        LineIndex { starts }
    }

    /// Line and column of byte `offset` in `text` (the same text the index was built from).
    /// An offset inside a character counts as that character.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.starts[line];
        let mut end = offset;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = text.get(start..end).map_or(0, |s| s.chars().count()) + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// Byte range of 1-based `line` (without its line ending).
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let i = line.saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[i];
        let mut end = self.starts.get(i + 1).copied().unwrap_or(text.len());
        let b = text.as_bytes();
        while end > start && (b[end - 1] == b'\n' || b[end - 1] == b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars_and_all_line_endings() {
        let t = "a\r\nbé c\rd\ne";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 0), LineCol { line: 1, column: 1 });
        assert_eq!(ix.line_col(t, 3), LineCol { line: 2, column: 1 });
        // 'c' comes after the two-byte é
        assert_eq!(ix.line_col(t, 7), LineCol { line: 2, column: 4 });
        assert_eq!(ix.line_col(t, 9), LineCol { line: 3, column: 1 });
        assert_eq!(ix.line_col(t, 11), LineCol { line: 4, column: 1 });
        assert_eq!(ix.line_span(t, 2), Span::new(3, 8));
    }

    #[test]
    fn span_list_acts_as_a_vec() {
        assert_eq!(
            std::mem::size_of::<SpanList>(),
            std::mem::size_of::<Vec<Span>>()
        );
        let (a, b, c) = (Span::new(0, 1), Span::new(2, 3), Span::new(4, 5));
        let mut l = SpanList::new();
        let mut v: Vec<Span> = Vec::new();
        assert_eq!(format!("{l:?}"), format!("{v:?}"));
        for s in [c, a, a, b, c] {
            l.push(s);
            v.push(s);
            assert_eq!(l.as_slice(), v.as_slice());
            assert_eq!(format!("{l:?}"), format!("{v:?}"));
            assert_eq!(
                serde_json::to_string(&l).ok(),
                serde_json::to_string(&v).ok()
            );
        }
        l.sort();
        v.sort();
        l.dedup();
        v.dedup();
        assert_eq!(l.as_slice(), [a, b, c]);
        assert_eq!(l, SpanList::from(v));
        let mut one: SpanList = [b, b].into_iter().collect();
        one.dedup();
        assert_eq!(one, SpanList::one(b));
        assert_eq!((&one).into_iter().count(), 1);
        assert_eq!(SpanList::from(Vec::new()), SpanList::default());
    }
}
