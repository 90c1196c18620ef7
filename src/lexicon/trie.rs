//! A trie over the words of the entries: an edge is one word and the bytes before it (none for
//! the first word), found through one open-addressing hash table keyed by (parent, hashes).

use super::words::{Scheme, Word, Words};

/// One node: the edge into it and the entries that end there.
#[derive(Clone, Copy, Debug, Default)]
struct Node {
    parent: u32,
    /// `arena[gap.0..gap.1]`: the bytes before the word (empty for the first word).
    gap: (u32, u32),
    /// `arena[word.0..word.1]`: the word, ASCII lower case.
    word: (u32, u32),
    /// `ids[ends.0..ends.1]`: the entries that end here, in order of id.
    ends: (u32, u32),
    children: bool,
}

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: u64,
    /// 0 for an empty slot (the root is no one's child).
    node: u32,
}

#[derive(Debug, Default)]
pub(crate) struct Trie {
    slots: Vec<Slot>,
    /// Node 0 is the root.
    nodes: Vec<Node>,
    ids: Vec<u32>,
    arena: Vec<u8>,
    /// The most words in an entry.
    pub depth: usize,
}

/// The table key of the edge from `parent` by a word with hash `word` (the bytes before the
/// word are compared, not hashed: children that differ only there share a key).
#[inline]
fn key(parent: u32, word: u64) -> u64 {
    (word ^ u64::from(parent).wrapping_mul(0x9e37_79b9_7f4a_7c15)).rotate_left(29)
}

/// `arena[range]`.
fn bytes(arena: &[u8], (a, b): (u32, u32)) -> &[u8] {
    arena.get(a as usize..b as usize).unwrap_or_default()
}

impl Trie {
    /// A trie of `entries` (id, text); each must begin and end with a letter or digit.
    pub fn build(entries: &[(u32, &str)], scheme: Scheme) -> Trie {
        let edges: usize = entries
            .iter()
            .map(|(_, e)| Words::new(e, 0, scheme).count())
            .sum();
        let size = (edges * 2).next_power_of_two().max(16);
        let mut t = Trie {
            slots: vec![Slot::default(); size],
            nodes: vec![Node::default()],
            ..Trie::default()
        };
        // (node, entry id) for every entry
        let mut ends: Vec<(u32, u32)> = Vec::with_capacity(entries.len());
        for &(id, entry) in entries {
            let mut node = 0u32;
            let mut prev_end = 0;
            let mut n = 0;
            for w in Words::new(entry, 0, scheme) {
                n += 1;
                node = match t.child(node, entry, prev_end, &w) {
                    Some(child) => child,
                    None => match t.add(node, entry, prev_end, &w) {
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
        for (i, node) in t.nodes.iter_mut().enumerate() {
            let from = k;
            while ends.get(k).is_some_and(|e| e.0 as usize == i) {
                t.ids.push(ends.get(k).map_or(0, |e| e.1));
                k += 1;
            }
            node.ends = (
                u32::try_from(from).unwrap_or(u32::MAX),
                u32::try_from(k).unwrap_or(u32::MAX),
            );
        }
        t
    }

    /// Adds the child of `parent` by the word `w` of `entry` (after a word ending at
    /// `prev_end`); `None` when the table is full.
    fn add(&mut self, parent: u32, entry: &str, prev_end: usize, w: &Word) -> Option<u32> {
        let child = u32::try_from(self.nodes.len()).ok()?;
        let gap = if parent == 0 {
            &b""[..]
        } else {
            entry.as_bytes().get(prev_end..w.start)?
        };
        let gap = self.push(gap);
        let word = self.push(entry.as_bytes().get(w.start..w.end)?);
        if let Some(b) = self.arena.get_mut(word.0 as usize..word.1 as usize) {
            b.make_ascii_lowercase();
        }
        self.nodes.push(Node {
            parent,
            gap,
            word,
            ..Node::default()
        });
        if let Some(p) = self.nodes.get_mut(parent as usize) {
            p.children = true;
        }
        let k = key(parent, w.hash);
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = k as usize & mask;
        for _ in 0..self.slots.len() {
            let s = self.slots.get_mut(i)?;
            if s.node == 0 {
                *s = Slot {
                    key: k,
                    node: child,
                };
                return Some(child);
            }
            i = (i + 1) & mask;
        }
        None
    }

    /// Appends `b` to the arena; its range.
    fn push(&mut self, b: &[u8]) -> (u32, u32) {
        let a = u32::try_from(self.arena.len()).unwrap_or(u32::MAX);
        self.arena.extend_from_slice(b);
        (a, u32::try_from(self.arena.len()).unwrap_or(u32::MAX))
    }

    /// The child of `parent` by the word `w` of `text`, which follows a word ending at
    /// `prev_end` (ignored from the root).
    #[inline]
    pub fn child(&self, parent: u32, text: &str, prev_end: usize, w: &Word) -> Option<u32> {
        let mask = self.slots.len().checked_sub(1)?;
        let k = key(parent, w.hash);
        let mut i = k as usize & mask;
        loop {
            let s = self.slots.get(i)?;
            if s.node == 0 {
                return None;
            }
            if s.key == k && self.is_edge(s.node, parent, text, prev_end, w) {
                return Some(s.node);
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether `node` is the child of `parent` by `w` (hashes can collide).
    fn is_edge(&self, node: u32, parent: u32, text: &str, prev_end: usize, w: &Word) -> bool {
        let Some(n) = self.nodes.get(node as usize) else {
            return false;
        };
        let t = text.as_bytes();
        n.parent == parent
            && bytes(&self.arena, n.word)
                .eq_ignore_ascii_case(t.get(w.start..w.end).unwrap_or_default())
            && (parent == 0
                || bytes(&self.arena, n.gap) == t.get(prev_end..w.start).unwrap_or_default())
    }

    /// The entries ending at `node`, in order of id.
    #[inline]
    pub fn ends(&self, node: u32) -> &[u32] {
        self.nodes
            .get(node as usize)
            .and_then(|n| self.ids.get(n.ends.0 as usize..n.ends.1 as usize))
            .unwrap_or_default()
    }

    /// Whether some entry goes on past `node`.
    #[inline]
    pub fn has_children(&self, node: u32) -> bool {
        self.nodes.get(node as usize).is_some_and(|n| n.children)
    }
}
