//! A trie over the words of the entries: an edge is one word and the bytes before it (none for
//! the first word), found through one open-addressing hash table keyed by (parent, hashes).

use super::hash;
use super::words::{Scheme, Word, Words};
use std::borrow::Cow;

/// One node: the edge into it and the entries that end there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Node {
    /// `arena[gap.0..gap.1]`: the bytes before the word (empty for the first word).
    gap: (u32, u32),
    /// `arena[word.0..word.1]`: the word, ASCII lower case.
    word: (u32, u32),
    /// `ids[ends.0..ends.1]`: the entries that end here, in order of id.
    ends: (u32, u32),
    children: bool,
}

/// One edge in the table, with what most lookups need to accept it without reading the node.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Slot {
    key: u64,
    /// The word's head ([`hash::hash`]).
    head: u64,
    /// The first eight bytes before the word ([`hash::load`]); for an edge from the root (no
    /// bytes before it) by a word of nine to sixteen bytes, the word's bytes after the eighth
    /// as [`same_word`] compares them ([`tail`]), so that such a first word needs no read of
    /// the node (issue 6).
    gap: u64,
    /// 0 for an empty slot (the root is no one's child).
    node: u32,
    parent: u32,
    /// Bytes of the word.
    len: u32,
    /// Bytes before the word.
    gap_len: u32,
    /// [`ENDS`], [`CHILDREN`].
    flags: u16,
    /// `ids[ends..ends + n_ends]`: the entries that end at the node, as the node has them
    /// ([`MANY`]: more than fit here, read from the node), so that a match needs no read of
    /// the node (issue 6); when one entry ends there (most nodes), `ends` is its id, and a
    /// match needs no read of `ids` either.
    ends: u32,
    n_ends: u16,
}

/// [`Slot::n_ends`] of a node with more entries ending than it holds.
const MANY: u16 = u16::MAX;

/// An empty slot, for the tables `build.rs` writes.
#[allow(dead_code)]
pub(crate) const E: Slot = Slot {
    key: 0,
    head: 0,
    gap: 0,
    node: 0,
    parent: 0,
    len: 0,
    gap_len: 0,
    flags: 0,
    ends: 0,
    n_ends: 0,
};

/// A slot, for the tables `build.rs` writes.
#[allow(dead_code, clippy::too_many_arguments)]
pub(crate) const fn s(
    key: u64,
    head: u64,
    gap: u64,
    node: u32,
    parent: u32,
    len: u32,
    gap_len: u32,
    flags: u16,
    (ends, n_ends): (u32, u16),
) -> Slot {
    Slot {
        key,
        head,
        gap,
        node,
        parent,
        len,
        gap_len,
        flags,
        ends,
        n_ends,
    }
}

/// A node, for the tables `build.rs` writes.
#[allow(dead_code)]
pub(crate) const fn n(gap: (u32, u32), word: (u32, u32), ends: (u32, u32), children: bool) -> Node {
    Node {
        gap,
        word,
        ends,
        children,
    }
}

/// The tables of a trie that `build.rs` built and wrote as Rust ([`Trie::to_rust`]): read in
/// place, nothing to build or allocate at start-up.
#[allow(dead_code)]
#[derive(Debug)]
pub(crate) struct Parts {
    pub slots: &'static [Slot],
    pub nodes: &'static [Node],
    pub ids: &'static [u32],
    pub arena: &'static [u8],
    pub first: &'static [u64],
    pub depth: usize,
    pub first_shift: u32,
    pub next: &'static [u64],
    pub next_shift: u32,
}

/// Entries end at the node.
const ENDS: u16 = 1;
/// Entries go on past the node.
const CHILDREN: u16 = 2;

/// The node an edge leads to, with its [`ENDS`] and [`CHILDREN`] flags and the entries that
/// end there ([`Slot::ends`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Edge {
    pub node: u32,
    flags: u16,
    n_ends: u16,
    ends: u32,
}

impl Edge {
    /// Whether entries end at the node.
    #[inline]
    pub fn ends(self) -> bool {
        self.flags & ENDS != 0
    }

    /// Whether entries go on past the node.
    #[inline]
    pub fn children(self) -> bool {
        self.flags & CHILDREN != 0
    }
}

/// The test whether a word may start an entry, with its table at hand (one bit per value of
/// the top bits of a word hash).
#[derive(Clone, Copy)]
pub(crate) struct Starts<'t> {
    first: &'t [u64],
    shift: u32,
}

impl Starts<'_> {
    /// Whether a word with this hash may start an entry (false: it starts none).
    #[inline(always)]
    pub fn may(self, hash: u64) -> bool {
        has_bit(self.first, self.shift, hash)
    }
}

/// Whether `bits` has the bit of the top bits of `v` (`64 - shift` of them) set.
#[inline(always)]
fn has_bit(bits: &[u64], shift: u32, v: u64) -> bool {
    let b = v.checked_shr(shift).unwrap_or(0) as usize;
    bits.get(b / 64).is_some_and(|f| f & (1 << (b % 64)) != 0)
}

/// A table of about 16 bits per value of `values` (one bit per value of their top bits), at
/// least `min` bits (a power of two, at least 64), and its shift ([`has_bit`]).
fn bit_table(values: impl Iterator<Item = u64> + Clone, min: usize) -> (Vec<u64>, u32) {
    let bits = (values.clone().count() * 16).next_power_of_two().max(min);
    let shift = 64 - bits.trailing_zeros();
    let mut table = vec![0; bits / 64];
    for v in values {
        let b = (v >> shift) as usize;
        if let Some(f) = table.get_mut(b / 64) {
            *f |= 1 << (b % 64);
        }
    }
    (table, shift)
}

/// Bits of the first-word table of a trie of at most 4,096 first words ([`Trie::starts`]): the
/// size every such table has, so that the pair walk tests a word with a fixed shift and no
/// bounds check ([`Fixed`]); the same for the table of the other edges ([`Trie::child`]).
const FIRST_BITS: usize = 1 << 16;

/// The test whether a word may start an entry, for a first-word table of [`FIRST_BITS`] bits.
#[derive(Clone, Copy)]
pub(crate) struct Fixed<'t>(&'t [u64; FIRST_BITS / 64]);

impl Fixed<'_> {
    /// [`Starts::may`].
    #[inline(always)]
    pub fn may(self, hash: u64) -> bool {
        let b = (hash >> (64 - FIRST_BITS.trailing_zeros())) as usize;
        self.0[b >> 6] >> (b & 63) & 1 != 0
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Trie {
    slots: Cow<'static, [Slot]>,
    /// Node 0 is the root.
    nodes: Cow<'static, [Node]>,
    ids: Cow<'static, [u32]>,
    arena: Cow<'static, [u8]>,
    /// The most words in an entry.
    pub depth: usize,
    /// A bit per value of the top bits of a word hash: set when an entry's first word has it
    /// (most words of a text start no entry, and this says so without a table lookup).
    first: Cow<'static, [u64]>,
    /// 64 minus the number of top bits that index `first`.
    first_shift: u32,
    /// A bit per value of the top bits of an edge's key ([`key`]), set when an edge from a node
    /// other than the root has it: most words after a word that entries go on from go on
    /// none of them, and this says so without a probe of the table (issue 6: on the corpus
    /// the classifier's table is 768 KiB, and those probes were its slowest loads).
    next: Cow<'static, [u64]>,
    /// 64 minus the number of top bits that index `next`.
    next_shift: u32,
}

/// The table key of the edge from `parent` by a word with hash `word` (the bytes before the
/// word are compared, not hashed: children that differ only there share a key).
#[inline]
fn key(parent: u32, word: u64) -> u64 {
    (word ^ u64::from(parent).wrapping_mul(0x9e37_79b9_7f4a_7c15)).rotate_left(29)
}

/// Whether `word` (an entry's word, ASCII lower case) is the word `w` of the text `t`, ASCII
/// case ignored, given that the heads agree. An ASCII word of nine to sixteen bytes: its bytes
/// after the eighth compared as the head is, bit 0x20 set in each (for letters, digits and
/// joiners that is equality ignoring case; issue 6: most of these are words of nine to twelve
/// letters from the root); any other, byte by byte.
#[inline]
pub(crate) fn same_word(word: &[u8], t: &[u8], w: &Word) -> bool {
    let len = w.end.saturating_sub(w.start);
    if (9..=16).contains(&len) && word.len() == len && hash::ascii_head(w.head) {
        let v = tail(t, w.start, len);
        if v & hash::HIGH == 0 {
            return v == tail(word, 0, len);
        }
    }
    word.eq_ignore_ascii_case(t.get(w.start..w.end).unwrap_or_default())
}

/// The bytes after the eighth of a word of nine to sixteen bytes (`len`) at `i` of `b`, as
/// [`same_word`] compares them: bit 0x20 set in each.
#[inline(always)]
fn tail(b: &[u8], i: usize, len: usize) -> u64 {
    hash::load(b, i + 8, len - 8) | hash::CASE
}

/// `arena[range]`.
fn bytes(arena: &[u8], (a, b): (u32, u32)) -> &[u8] {
    arena.get(a as usize..b as usize).unwrap_or_default()
}

impl Trie {
    /// A trie of `entries` (id, text); each must begin and end with a letter or digit.
    pub fn build(entries: &[(u32, &str)], scheme: Scheme) -> Trie {
        // the entries one per line in one buffer, with room after the last: their words are
        // read eight bytes at a time, as in a text
        let mut buf =
            String::with_capacity(entries.iter().map(|e| e.1.len() + 1).sum::<usize>() + 8);
        let mut ranges = Vec::with_capacity(entries.len());
        for &(id, entry) in entries {
            ranges.push((id, buf.len(), buf.len() + entry.len()));
            buf.push_str(entry);
            buf.push('\n');
        }
        buf.push_str("\n\n\n\n\n\n\n\n");
        // most entries are one word: the table grows when it fills past half
        let size = (entries.len() * 2).next_power_of_two().max(16);
        let mut t = Trie {
            slots: Cow::Owned(vec![Slot::default(); size]),
            nodes: Cow::Owned(Vec::with_capacity(entries.len() * 2)),
            arena: Cow::Owned(Vec::with_capacity(buf.len())),
            ..Trie::default()
        };
        t.nodes.to_mut().push(Node::default());
        // (node, entry id) for every entry
        let mut ends: Vec<(u32, u32)> = Vec::with_capacity(entries.len());
        for (id, from, to) in ranges {
            let mut node = 0u32;
            let mut prev_end = 0;
            let mut n = 0;
            for w in Words::at(&buf, from, scheme).take_while(|w| w.start < to) {
                n += 1;
                node = match t.probe(node, &buf, prev_end, &w) {
                    Some(child) => child.node,
                    None => match t.add(node, &buf, prev_end, &w) {
                        Some(child) => child,
                        None => return t,
                    },
                };
                prev_end = w.end;
            }
            t.depth = t.depth.max(n);
            ends.push((node, id));
        }
        ends.sort_unstable();
        let mut k = 0;
        let ids = t.ids.to_mut();
        for (i, node) in t.nodes.to_mut().iter_mut().enumerate() {
            let from = k;
            while ends.get(k).is_some_and(|e| e.0 as usize == i) {
                ids.push(ends.get(k).map_or(0, |e| e.1));
                k += 1;
            }
            node.ends = (
                u32::try_from(from).unwrap_or(u32::MAX),
                u32::try_from(k).unwrap_or(u32::MAX),
            );
        }
        for s in t.slots.to_mut().iter_mut().filter(|s| s.node != 0) {
            if let Some(n) = t.nodes.get(s.node as usize) {
                s.flags = if n.ends.1 > n.ends.0 { ENDS } else { 0 }
                    | if n.children { CHILDREN } else { 0 };
                s.n_ends = u16::try_from(n.ends.1.saturating_sub(n.ends.0))
                    .ok()
                    .filter(|&k| k < MANY)
                    .unwrap_or(MANY);
                s.ends = match s.n_ends {
                    1 => t.ids.get(n.ends.0 as usize).copied().unwrap_or(0),
                    _ => n.ends.0,
                };
            }
        }
        // about 16 bits per first word: few words of a text pass by chance
        // (the key of a first word is its hash turned: `key` with parent 0)
        let (first, first_shift) = bit_table(
            t.slots
                .iter()
                .filter(|s| s.node != 0 && s.parent == 0)
                .map(|s| s.key.rotate_right(29)),
            FIRST_BITS,
        );
        let (next, next_shift) = bit_table(
            t.slots
                .iter()
                .filter(|s| s.node != 0 && s.parent != 0)
                .map(|s| s.key),
            FIRST_BITS,
        );
        (t.first, t.first_shift) = (Cow::Owned(first), first_shift);
        (t.next, t.next_shift) = (Cow::Owned(next), next_shift);
        t
    }

    /// The trie whose tables `build.rs` wrote.
    #[allow(dead_code)]
    pub fn from_parts(p: &'static Parts) -> Trie {
        Trie {
            slots: Cow::Borrowed(p.slots),
            nodes: Cow::Borrowed(p.nodes),
            ids: Cow::Borrowed(p.ids),
            arena: Cow::Borrowed(p.arena),
            depth: p.depth,
            first: Cow::Borrowed(p.first),
            first_shift: p.first_shift,
            next: Cow::Borrowed(p.next),
            next_shift: p.next_shift,
        }
    }

    /// Whether the tables are read in place (see [`Trie::from_parts`]).
    #[cfg(test)]
    pub fn is_borrowed(&self) -> bool {
        matches!(self.slots, Cow::Borrowed(_))
    }

    /// The trie as a Rust item `static NAME: Parts` (paths from the crate root), for `build.rs`.
    #[allow(dead_code)]
    pub fn to_rust(&self, name: &str) -> String {
        use std::fmt::Write as _;
        let m = "crate::lexicon::trie";
        let mut o = format!("#[rustfmt::skip]\npub(crate) static {name}: {m}::Parts = {{\n");
        let _ = writeln!(o, "use {m}::{{n, s, E}};\n{m}::Parts {{\nslots: &[");
        for (i, x) in self.slots.iter().enumerate() {
            if x.node == 0 && *x == E {
                o.push_str("E,");
            } else {
                let _ = write!(
                    o,
                    "s({},{},{},{},{},{},{},{},({},{})),",
                    x.key,
                    x.head,
                    x.gap,
                    x.node,
                    x.parent,
                    x.len,
                    x.gap_len,
                    x.flags,
                    x.ends,
                    x.n_ends
                );
            }
            if i % 16 == 15 {
                o.push('\n');
            }
        }
        o.push_str("],\nnodes: &[");
        for (i, x) in self.nodes.iter().enumerate() {
            let _ = write!(
                o,
                "n({:?},{:?},{:?},{}),",
                x.gap, x.word, x.ends, x.children
            );
            if i % 16 == 15 {
                o.push('\n');
            }
        }
        let _ = write!(
            o,
            "],\nids: &{:?},\narena: b\"{}\",\nfirst: &{:?},\ndepth: {},\nfirst_shift: {},\n\
             next: &{:?},\nnext_shift: {},\n}}\n}};\n",
            self.ids,
            self.arena.escape_ascii(),
            self.first,
            self.depth,
            self.first_shift,
            self.next,
            self.next_shift
        );
        o
    }

    /// The table that tells whether a word may start an entry ([`Starts::may`]).
    #[inline(always)]
    pub fn starts(&self) -> Starts<'_> {
        Starts {
            first: &self.first,
            shift: self.first_shift,
        }
    }

    /// The same test with a fixed shift, when the table has [`FIRST_BITS`] bits (at most 4,096
    /// first words).
    #[inline(always)]
    pub fn starts_fixed(&self) -> Option<Fixed<'_>> {
        if self.first_shift != 64 - FIRST_BITS.trailing_zeros() {
            return None;
        }
        <&[u64; FIRST_BITS / 64]>::try_from(&*self.first)
            .ok()
            .map(Fixed)
    }

    /// Adds the child of `parent` by the word `w` of `entry` (after a word ending at
    /// `prev_end`); `None` when the table is full.
    fn add(&mut self, parent: u32, entry: &str, prev_end: usize, w: &Word) -> Option<u32> {
        let child = u32::try_from(self.nodes.len()).ok()?;
        if self.nodes.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let gap = if parent == 0 {
            &b""[..]
        } else {
            entry.as_bytes().get(prev_end..w.start)?
        };
        let (gap_len, gap8) = (
            u32::try_from(gap.len()).ok()?,
            hash::load(gap, 0, gap.len().min(8)),
        );
        let gap = self.push(gap);
        let word = self.push(entry.as_bytes().get(w.start..w.end)?);
        let len = word.1.saturating_sub(word.0) as usize;
        let mut gap8 = gap8;
        if let Some(b) = self
            .arena
            .to_mut()
            .get_mut(word.0 as usize..word.1 as usize)
        {
            b.make_ascii_lowercase();
            if parent == 0 && (9..=16).contains(&len) {
                gap8 = tail(b, 0, len);
            }
        }
        let nodes = self.nodes.to_mut();
        nodes.push(Node {
            gap,
            word,
            ..Node::default()
        });
        if let Some(p) = nodes.get_mut(parent as usize) {
            p.children = true;
        }
        let k = key(parent, w.hash);
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = k as usize & mask;
        let slots = self.slots.to_mut();
        for _ in 0..slots.len() {
            let s = slots.get_mut(i)?;
            if s.node == 0 {
                *s = Slot {
                    key: k,
                    head: w.head,
                    gap: gap8,
                    node: child,
                    parent,
                    len: u32::try_from(w.end - w.start).ok()?,
                    gap_len,
                    flags: 0,
                    ends: 0,
                    n_ends: 0,
                };
                return Some(child);
            }
            i = (i + 1) & mask;
        }
        None
    }

    /// Doubles the table.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, Cow::Owned(vec![Slot::default(); size]));
        let slots = self.slots.to_mut();
        for s in old.iter().filter(|s| s.node != 0) {
            let s = *s;
            let mut i = s.key as usize & (size - 1);
            while slots.get(i).is_some_and(|t| t.node != 0) {
                i = (i + 1) & (size - 1);
            }
            if let Some(t) = slots.get_mut(i) {
                *t = s;
            }
        }
    }

    /// Appends `b` to the arena; its range.
    fn push(&mut self, b: &[u8]) -> (u32, u32) {
        let a = u32::try_from(self.arena.len()).unwrap_or(u32::MAX);
        self.arena.to_mut().extend_from_slice(b);
        (a, u32::try_from(self.arena.len()).unwrap_or(u32::MAX))
    }

    /// The child of `parent` by the word `w` of `text`, which follows a word ending at
    /// `prev_end` (ignored from the root).
    #[inline]
    pub fn child(&self, parent: u32, text: &str, prev_end: usize, w: &Word) -> Option<Edge> {
        if parent != 0 {
            let k = key(parent, w.hash);
            // (a table of `FIRST_BITS` bits, as most are: a fixed shift, no bounds check)
            let pass = match <&[u64; FIRST_BITS / 64]>::try_from(&*self.next) {
                Ok(t) => Fixed(t).may(k),
                Err(_) => has_bit(&self.next, self.next_shift, k),
            };
            if !pass {
                return None;
            }
        }
        self.probe(parent, text, prev_end, w)
    }

    /// [`Trie::child`] from the table alone (while it is built, before `next` is).
    #[inline]
    fn probe(&self, parent: u32, text: &str, prev_end: usize, w: &Word) -> Option<Edge> {
        let mask = self.slots.len().checked_sub(1)?;
        let k = key(parent, w.hash);
        let len = w.end - w.start;
        let mut i = k as usize & mask;
        loop {
            let s = self.slots.get(i)?;
            if s.node == 0 {
                return None;
            }
            if s.key == k && s.head == w.head && s.parent == parent && s.len as usize == len {
                // equal heads of ASCII words of at most eight bytes are equal words up to
                // case: from the root that is all there is to compare
                let quick = parent == 0 && len <= 8 && hash::ascii_head(w.head);
                if quick || self.is_edge(s, text, prev_end, w) {
                    return Some(Edge {
                        node: s.node,
                        flags: s.flags,
                        n_ends: s.n_ends,
                        ends: s.ends,
                    });
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether the edge `s`, whose parent, head and length agree with `w`, is `w` after the
    /// bytes from `prev_end` (hashes can collide).
    #[inline(never)]
    fn is_edge(&self, s: &Slot, text: &str, prev_end: usize, w: &Word) -> bool {
        let t = text.as_bytes();
        let len = s.len as usize;
        if s.parent == 0 && (9..=16).contains(&len) && hash::ascii_head(w.head) {
            // (a first word of nine to sixteen bytes: its tail is in the slot)
            let v = tail(t, w.start, len);
            if v & hash::HIGH == 0 {
                return v == s.gap;
            }
        }
        // equal heads of ASCII words of at most eight bytes are equal words up to case
        let same = (s.len <= 8 && hash::ascii_head(w.head))
            || self
                .nodes
                .get(s.node as usize)
                .is_some_and(|n| same_word(bytes(&self.arena, n.word), t, w));
        if !same || s.parent == 0 {
            return same;
        }
        let gap_len = w.start.saturating_sub(prev_end);
        if gap_len != s.gap_len as usize {
            return false;
        }
        if gap_len <= 8 {
            return hash::load(t, prev_end, gap_len) == s.gap;
        }
        self.nodes.get(s.node as usize).is_some_and(|n| {
            bytes(&self.arena, n.gap) == t.get(prev_end..w.start).unwrap_or_default()
        })
    }

    /// Calls `f` with each entry ending at the node of `edge`, in order of id.
    #[inline(always)]
    pub fn each_end(&self, edge: Edge, mut f: impl FnMut(u32)) {
        if edge.n_ends == 1 {
            f(edge.ends);
            return;
        }
        for &id in self.ends_of(edge) {
            f(id);
        }
    }

    /// The entries ending at the node of `edge`, in order of id.
    #[inline]
    pub fn ends_of(&self, edge: Edge) -> &[u32] {
        if edge.n_ends == MANY || edge.n_ends == 1 {
            // (one: `ends` is the entry, not its place in `ids`)
            return self.ends(edge.node);
        }
        let from = edge.ends as usize;
        self.ids
            .get(from..from + usize::from(edge.n_ends))
            .unwrap_or_default()
    }

    /// The entries ending at `node`, in order of id.
    #[inline]
    pub fn ends(&self, node: u32) -> &[u32] {
        self.nodes
            .get(node as usize)
            .and_then(|n| self.ids.get(n.ends.0 as usize..n.ends.1 as usize))
            .unwrap_or_default()
    }
}
