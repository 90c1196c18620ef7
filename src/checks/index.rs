//! One [`Lexicon`] of every word list the checks search in the document text, and the hits of
//! one pass over a document, read by all checks (issue 6: many small overlapping searches per
//! sentence dominated the run).
//!
//! A search of a list inside a span gives exactly what [`PhraseList::find`] gives on that span:
//! whole-word matches inside it, at each start only the longest. When an edge of the span cuts
//! a word (a window of a few hundred bytes), a match at that edge is a whole word in the span
//! but not in the text; such rare searches go to the list's own automaton instead.

use super::phrases::{is_boundary, PhraseList};
use crate::lexicon::{Lexicon, Scheme};
use crate::rules::engine::{Ahead, Engine};
use crate::span::Span;
use std::cell::Cell;

/// The shared lexicon of a check set.
#[derive(Debug)]
pub struct Combined {
    lexicon: Lexicon,
    /// Per entry of the lexicon: (list slot, entry index in the list).
    owner: Vec<(usize, u32)>,
    slots: usize,
}

impl Combined {
    /// Compiles the lists, each at its [`PhraseList::slot`]; `None` when there is nothing to
    /// search (every search then uses the lists' own automata).
    pub fn build<'a>(lists: impl Iterator<Item = &'a PhraseList>) -> Option<Combined> {
        // in order of slot: the order `build.rs` wrote the built-in checks' patterns in (each
        // list's hits keep their order whatever the order of the lists)
        let mut lists: Vec<(usize, &PhraseList)> =
            lists.filter_map(|l| Some((l.slot?, l))).collect();
        lists.sort_by_key(|&(slot, _)| slot);
        let mut pats = Vec::new();
        let mut owner = Vec::new();
        let mut slots = 0;
        for (slot, list) in lists {
            slots = slots.max(slot + 1);
            for (p, entry) in list.patterns() {
                let Ok(entry) = u32::try_from(entry) else {
                    continue;
                };
                pats.push(p);
                owner.push((slot, entry));
            }
        }
        if pats.is_empty() {
            return None;
        }
        Some(Combined {
            lexicon: lexicon(&pats),
            owner,
            slots,
        })
    }

    /// Every whole-word match in `text`, per list.
    pub fn scan(&self, text: &str) -> Hits {
        // offsets are kept as u32 (a third of the memory): larger texts are not indexed
        if text.is_empty() || u32::try_from(text.len()).is_err() {
            return Hits::default();
        }
        let mut by_slot: Vec<Vec<Hit>> = vec![Vec::new(); self.slots];
        self.lexicon
            .scan(text, 0..text.len(), self.sink(&mut by_slot));
        Hits::new(by_slot)
    }

    /// [`Combined::scan`], and in the same walk over the words the classifier's lexicon hits
    /// of `text` from `from` on ([`Engine::scan_along`]).
    pub fn scan_along(&self, text: &str, engine: &Engine, from: usize) -> (Hits, Ahead) {
        if text.is_empty() || u32::try_from(text.len()).is_err() {
            return (Hits::default(), Ahead::default());
        }
        // every list's hits in one vector, then grouped by list (a text the classifier scans
        // in one window, at most 4 MiB: no vector per list to grow, issue 6)
        let mut all: Vec<(u32, Hit)> = Vec::with_capacity(text.len() / 128 + 16);
        let ahead = engine.scan_along(text, from, &self.lexicon, |start, end, id| {
            if let Some(h) = self.hit(start, end, id) {
                all.push(h);
            }
        });
        (Hits::grouped(&all, self.slots), ahead)
    }

    /// The list slot and the hit of a match of the lexicon (`None` for an entry of no list or
    /// offsets past `u32`).
    #[inline(always)]
    fn hit(&self, start: usize, end: usize, id: u32) -> Option<(u32, Hit)> {
        let &(slot, entry) = self.owner.get(id as usize)?;
        Some((
            u32::try_from(slot).ok()?,
            Hit {
                start: u32::try_from(start).ok()?,
                end: u32::try_from(end).ok()?,
                entry,
            },
        ))
    }

    /// Keeps a match of the lexicon in its list's hits.
    #[inline(always)]
    fn sink<'s>(&'s self, by_slot: &'s mut [Vec<Hit>]) -> impl FnMut(usize, usize, u32) + 's {
        // in order of start, longest first, then entry order: what a list's own search gives
        // after its sort, so no sort here
        move |start, end, id| {
            if let Some((slot, h)) = self.hit(start, end, id) {
                if let Some(v) = by_slot.get_mut(slot as usize) {
                    v.push(h);
                }
            }
        }
    }
}

/// The trie `build.rs` computed for the built-in checks' lists (`build/checks.rs`).
mod prebuilt {
    include!(concat!(env!("OUT_DIR"), "/builtin_checks.rs"));
}

/// The lexicon of `pats`: its trie read in place when `build.rs` computed it for exactly these
/// patterns (the built-in checks), else built now.
fn lexicon(pats: &[&str]) -> Lexicon {
    match prebuilt::CHECK_TRIE {
        Some(parts) if pats == prebuilt::CHECK_PATTERNS => {
            let (_, odd) = crate::lexicon::split(pats);
            Lexicon::from_parts(parts, odd, Scheme::Plain)
        }
        _ => Lexicon::new(pats, Scheme::Plain),
    }
}

/// A lexicon of a few word lists that tells which of them occur in a short string of its own:
/// the source ledger reads five lists inside each source's name, and one walk over the name
/// replaces one automaton search per list (issue 6).
#[derive(Debug)]
pub struct Presence {
    lexicon: Lexicon,
    /// Per entry of the lexicon: the bit of its list.
    bit: Vec<u32>,
}

impl Presence {
    /// `None` when there are more than 32 lists or no entry at all.
    pub fn build(lists: &[&PhraseList]) -> Option<Presence> {
        if lists.len() > 32 {
            return None;
        }
        let mut pats = Vec::new();
        let mut bit = Vec::new();
        for (k, list) in lists.iter().enumerate() {
            for (p, _) in list.patterns() {
                pats.push(p);
                bit.push(1u32 << k);
            }
        }
        if pats.is_empty() {
            return None;
        }
        Some(Presence {
            lexicon: Lexicon::new(&pats, Scheme::Plain),
            bit,
        })
    }

    /// Bit `k` set when list `k` has a whole-word match in `s` (what [`PhraseList::any`] gives
    /// on all of `s`).
    pub fn present(&self, s: &str) -> u32 {
        let mut mask = 0;
        self.lexicon.scan(s, 0..s.len(), |_, _, id| {
            mask |= self.bit.get(id as usize).copied().unwrap_or(0);
        });
        mask
    }
}

/// One match: byte offsets and entry index.
#[derive(Clone, Copy, Debug)]
struct Hit {
    start: u32,
    end: u32,
    entry: u32,
}

impl Hit {
    fn span(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// Where the hits of each list are kept.
#[derive(Clone, Debug)]
enum Store {
    /// A vector per list (a long text, scanned on its own: each list's hits without room to
    /// spare, held while the checks run).
    PerList(Vec<Vec<Hit>>),
    /// Every list's hits in one vector, those of list `k` at `at[k]..at[k + 1]`.
    Flat { hits: Vec<Hit>, at: Vec<u32> },
}

impl Default for Store {
    fn default() -> Self {
        Store::PerList(Vec::new())
    }
}

/// The matches of every indexed list in one document text.
#[derive(Clone, Debug, Default)]
pub struct Hits {
    store: Store,
    /// The span tested last by [`Hits::usable`] (the text's address and length, the span's
    /// start and end) and whether the index answers for it: checks ask about one sentence for
    /// many lists in a row (issue 6: the edge tests were 11 M of the corpus). The first key,
    /// all zeros, is no text's (a string's address is never zero).
    tested: Cell<[usize; 4]>,
    exact: Cell<bool>,
}

impl Hits {
    /// The hits per list, each list's without room to spare.
    fn new(mut by_slot: Vec<Vec<Hit>>) -> Hits {
        for v in &mut by_slot {
            v.shrink_to_fit();
        }
        Hits::with(Store::PerList(by_slot))
    }

    /// The hits `all` (list slot, hit) of `slots` lists, grouped by list in their order.
    fn grouped(all: &[(u32, Hit)], slots: usize) -> Hits {
        let mut at = vec![0u32; slots + 2];
        for &(slot, _) in all {
            if let Some(n) = at.get_mut(slot as usize + 2) {
                *n += 1;
            }
        }
        // at[k + 2] counts list k: summed, at[k + 1] is where list k starts, and it moves on
        // to its end as the hits are placed
        for k in 2..at.len() {
            let before = at.get(k - 1).copied().unwrap_or(0);
            if let Some(n) = at.get_mut(k) {
                *n += before;
            }
        }
        let mut hits = vec![
            Hit {
                start: 0,
                end: 0,
                entry: 0
            };
            at.last().copied().unwrap_or(0) as usize
        ];
        for &(slot, h) in all {
            if let Some(n) = at.get_mut(slot as usize + 1) {
                if let Some(place) = hits.get_mut(*n as usize) {
                    *place = h;
                    *n += 1;
                }
            }
        }
        at.pop();
        Hits::with(Store::Flat { hits, at })
    }

    fn with(store: Store) -> Hits {
        Hits {
            store,
            tested: Cell::new([0; 4]),
            exact: Cell::new(false),
        }
    }

    /// The hits of the list at `slot`.
    fn list(&self, slot: usize) -> Option<&[Hit]> {
        match &self.store {
            Store::PerList(v) => v.get(slot).map(Vec::as_slice),
            Store::Flat { hits, at } => {
                let (a, b) = (*at.get(slot)?, *at.get(slot + 1)?);
                hits.get(a as usize..b as usize)
            }
        }
    }

    /// The hits of `list` if it is indexed and `within` can be answered from the index.
    fn usable<'h>(&'h self, list: &PhraseList, text: &str, within: Span) -> Option<&'h [Hit]> {
        let hits = self.list(list.slot?)?;
        let key = [text.as_ptr() as usize, text.len(), within.start, within.end];
        if self.tested.get() != key {
            self.exact.set(
                within.start <= within.end && edge(text, within.start) && edge(text, within.end),
            );
            self.tested.set(key);
        }
        self.exact.get().then_some(hits)
    }

    /// Whole-word matches of `list` inside `within` of `text` (the text the hits come from), as
    /// (span, entry index) in order of start, the longest at each start: what
    /// [`PhraseList::find`] returns.
    pub fn find<'a>(&'a self, list: &'a PhraseList, text: &'a str, within: Span) -> Found<'a> {
        // no entry is empty: nothing to search (and no automaton to build for an empty file;
        // the checks' sentence sets search the whole text, issue 6)
        if within.start >= within.end {
            return Found::Direct(Vec::new().into_iter());
        }
        match self.usable(list, text, within) {
            Some(hits) => Found::Index(Within::new(hits, within)),
            None => Found::Direct(list.find(text, within).into_iter()),
        }
    }

    /// Whether `list` has a whole-word match inside `within`.
    pub fn any(&self, list: &PhraseList, text: &str, within: Span) -> bool {
        // no entry is empty: nothing to search (and no automaton to build for an empty file)
        if within.start >= within.end {
            return false;
        }
        match self.usable(list, text, within) {
            Some(hits) => Within::new(hits, within).next().is_some(),
            None => list.any(text, within),
        }
    }
}

/// Whether byte `i` of `text` is a character boundary and a word boundary ([`is_boundary`]),
/// read from the two bytes around it when both are ASCII.
#[inline]
fn edge(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    match (i.checked_sub(1).and_then(|k| b.get(k)), b.get(i)) {
        (Some(&x), Some(&y)) if x.is_ascii() && y.is_ascii() => {
            !(x.is_ascii_alphanumeric() && y.is_ascii_alphanumeric())
        }
        _ => text.is_char_boundary(i) && is_boundary(text, i),
    }
}

/// The result of [`Hits::find`].
pub enum Found<'a> {
    Index(Within<'a>),
    Direct(std::vec::IntoIter<(Span, usize)>),
}

impl Iterator for Found<'_> {
    type Item = (Span, usize);
    fn next(&mut self) -> Option<(Span, usize)> {
        match self {
            Found::Index(w) => w.next(),
            Found::Direct(d) => d.next(),
        }
    }
}

/// The hits inside one span, first (longest) per start.
pub struct Within<'h> {
    hits: &'h [Hit],
    within: Span,
    last_start: Option<usize>,
}

impl<'h> Within<'h> {
    fn new(hits: &'h [Hit], within: Span) -> Self {
        let from = hits.partition_point(|h| (h.start as usize) < within.start);
        Within {
            hits: hits.get(from..).unwrap_or_default(),
            within,
            last_start: None,
        }
    }
}

impl Iterator for Within<'_> {
    type Item = (Span, usize);
    fn next(&mut self) -> Option<(Span, usize)> {
        while let Some((&h, rest)) = self.hits.split_first() {
            let (s, e) = (h.span(), h.entry as usize);
            if s.start >= self.within.end {
                self.hits = &[];
                return None;
            }
            self.hits = rest;
            if s.end > self.within.end || self.last_start == Some(s.start) {
                continue;
            }
            self.last_start = Some(s.start);
            return Some((s, e));
        }
        None
    }
}

#[cfg(test)]
mod tests;
