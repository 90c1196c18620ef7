//! Whole-word search of a fixed list of words and phrases in one pass over the words of a text
//! (issue 6: replaces an overlapping Aho-Corasick search of every byte and the automaton's
//! build at start-up).
//!
//! A match is what an ASCII-case-insensitive overlapping search followed by a word-boundary test
//! at both ends finds: every (start, end, entry) with `text[start..end]` equal to the entry up
//! to ASCII case and `start`, `end` word boundaries under the [`Scheme`]. An entry that begins
//! and ends with a letter or digit matches exactly where the words of the text from a word on
//! are its words, with the same bytes between them: the entries form a trie of words, and each
//! word of the text is followed down it by hash lookups of the words after it. Entries that
//! begin or end otherwise (`U.S.`, `'s`, the empty one) are rare: they keep an automaton, built
//! when first searched, and its hits are merged in.

mod alnum;
mod ends;
mod fx;
mod hash;
mod odd;
mod pair;
/// The character tables `build.rs` wrote ([`alnum::write_tables`]).
mod tables {
    include!(concat!(env!("OUT_DIR"), "/alnum_tables.rs"));
}
#[cfg(test)]
mod tests;
pub(crate) mod trie;
mod words;

pub use alnum::{char_at, is_alnum, is_uncased, is_upper};
pub use ends::WordEnds;
pub use fx::{FxBuild, FxHasher};
pub use pair::scan_pair_ends;
pub(crate) use words::split;
pub use words::{Scheme, Word, Words};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use odd::OddBytes;
use std::ops::Range;
use std::sync::OnceLock;
use trie::{Edge, Trie};

impl Scheme {
    /// True when position `i` of `text` is not inside a word.
    pub fn is_boundary(self, text: &str, i: usize) -> bool {
        match self {
            Scheme::Joined => crate::classify::tokens::is_boundary(text, i),
            Scheme::Plain => {
                let before = text.get(..i).and_then(|p| p.chars().next_back());
                let after = text.get(i..).and_then(|p| p.chars().next());
                let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                !(word(before) && word(after))
            }
        }
    }
}

impl<'t> Words<'t> {
    /// The words that start at or after `from` (a word that `from` cuts is skipped).
    pub fn new(text: &'t str, from: usize, scheme: Scheme) -> Words<'t> {
        let mut pos = from.min(text.len());
        while !text.is_char_boundary(pos) {
            pos += 1;
        }
        if pos > 0 && !scheme.is_boundary(text, pos) {
            // inside a word: skip its rest
            while scheme.continues(text, pos) {
                pos += words::class_at(text, pos).map_or(1, |(_, len)| len);
            }
        }
        Words::at(text, pos, scheme)
    }
}

/// A compiled list of entries, searched whole-word and ASCII-case-insensitively.
#[derive(Debug)]
pub struct Lexicon {
    scheme: Scheme,
    /// Entries that begin and end with a letter or digit.
    trie: Trie,
    /// The other entries' ids and texts, searched with `odd_ac`.
    odd: Vec<u32>,
    odd_pats: Vec<Box<str>>,
    odd_ac: OnceLock<Option<AhoCorasick>>,
    /// The same searched by their rarest bytes, when they are few (then `odd_ac` is not built).
    odd_bytes: Option<OddBytes>,
    /// The longest of the `odd` entries (bytes).
    odd_longest: usize,
}

impl Lexicon {
    /// Compiles `entries` (ids are their positions; duplicates are kept and each reported).
    pub fn new<S: AsRef<str>>(entries: &[S], scheme: Scheme) -> Lexicon {
        let (regular, odd) = words::split(entries);
        Lexicon::with_trie(Trie::build(&regular, scheme), odd, scheme)
    }

    /// Whether two lexicons hold the same tables (for tests).
    #[cfg(test)]
    pub(crate) fn same_tables(&self, other: &Lexicon) -> bool {
        self.trie == other.trie
            && self.scheme == other.scheme
            && self.odd == other.odd
            && self.odd_pats == other.odd_pats
            && self.odd_longest == other.odd_longest
    }

    /// Whether the lexicon's trie is the one `build.rs` wrote (for tests).
    #[cfg(test)]
    pub(crate) fn is_prebuilt(&self) -> bool {
        self.trie.is_borrowed()
    }

    /// The lexicon of entries whose trie `build.rs` built (`Trie::build` under `scheme` of
    /// the entries [`words::split`] keeps for it), given the other entries, `odd` (id, text):
    /// the tables are read in place, nothing is built at start-up.
    pub(crate) fn from_parts(
        parts: &'static trie::Parts,
        odd: Vec<(u32, &str)>,
        scheme: Scheme,
    ) -> Lexicon {
        Lexicon::with_trie(Trie::from_parts(parts), odd, scheme)
    }

    fn with_trie(trie: Trie, odd: Vec<(u32, &str)>, scheme: Scheme) -> Lexicon {
        let odd_longest = odd.iter().map(|p| p.1.len()).max().unwrap_or(0);
        let odd_pats: Vec<Box<str>> = odd.iter().map(|p| p.1.into()).collect();
        Lexicon {
            trie,
            scheme,
            odd: odd.iter().map(|p| p.0).collect(),
            odd_bytes: OddBytes::new(&odd_pats),
            odd_pats,
            odd_ac: OnceLock::new(),
            odd_longest,
        }
    }

    /// Every match that starts in `starts`, overlapping ones included, in order of start, then
    /// longest first, then entry id, as `emit(start, end, id)` (a match may end past
    /// `starts.end`). Word boundaries are judged on the whole text.
    pub fn scan(&self, text: &str, starts: Range<usize>, mut emit: impl FnMut(usize, usize, u32)) {
        let stop = starts.end.min(text.len());
        if starts.start >= stop {
            return;
        }
        let mut feed = Feed::new(self, text, starts.start, stop);
        let mut words = Words::new(text, starts.start, self.scheme);
        let first = self.trie.starts();
        let mut cur = words.next();
        while let Some(w) = cur {
            if w.start >= stop {
                break;
            }
            feed.odd_before(w.start, &mut emit);
            if !first.may(w.hash) {
                cur = words.next();
                continue;
            }
            feed.found.clear();
            // the walk may read the next word: it is kept for the next round
            let mut next: Option<Option<Word>> = None;
            self.walk(text, &w, &mut words, &mut next, &mut feed.found);
            cur = match next {
                Some(n) => n,
                None => words.next(),
            };
            feed.emit_found(w.start, &mut emit);
        }
        feed.finish(&mut emit);
    }

    /// Follows the trie from the word `first` over the words after it, pushing (end, node)
    /// for every node where entries end. The word after `first` is read from `words` into
    /// `next` when the walk needs it; further ones from a copy of `words`.
    #[inline(always)]
    fn walk<'t>(
        &self,
        text: &'t str,
        first: &Word,
        words: &mut Words<'t>,
        next: &mut Option<Option<Word>>,
        found: &mut Vec<(usize, Edge)>,
    ) {
        let Some(mut edge) = self.trie.child(0, text, first.start, first) else {
            return;
        };
        let mut end = first.end;
        let mut ahead: Option<Words<'t>> = None;
        loop {
            if edge.ends() {
                found.push((end, edge));
            }
            if !edge.children() {
                return;
            }
            let w = match ahead.as_mut() {
                Some(a) => a.next(),
                None => {
                    // (a match, not `get_or_insert_with`: that was a call per walk, issue 6)
                    let w = match *next {
                        Some(w) => w,
                        None => {
                            let w = words.next();
                            *next = Some(w);
                            w
                        }
                    };
                    ahead = Some(words.clone());
                    w
                }
            };
            let Some(w) = w else { return };
            let Some(child) = self.trie.child(edge.node, text, end, &w) else {
                return;
            };
            edge = child;
            end = w.end;
        }
    }

    /// The automaton of the entries that do not begin and end with a letter or digit.
    fn odd_automaton(&self) -> Option<&AhoCorasick> {
        if self.odd.is_empty() {
            return None;
        }
        self.odd_ac
            .get_or_init(|| {
                let pats = self.odd_pats.iter().map(|p| &**p);
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(pats)
                    .ok()
            })
            .as_ref()
    }

    /// The odd entries' whole-word matches starting in `from..stop`, sorted like
    /// [`Lexicon::scan`]'s.
    fn odd_hits(&self, text: &str, from: usize, stop: usize) -> Vec<(usize, usize, u32)> {
        if self.odd.is_empty() {
            return Vec::new();
        }
        let mut until = stop.saturating_add(self.odd_longest).min(text.len());
        while !text.is_char_boundary(until) {
            until += 1;
        }
        let mut from = from;
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let hay = text.get(from..until).unwrap_or_default();
        let keep = |(s, e, i): (usize, usize, usize)| {
            let (s, e) = (from + s, from + e);
            if s < stop && self.scheme.is_boundary(text, s) && self.scheme.is_boundary(text, e) {
                Some((s, e, *self.odd.get(i)?))
            } else {
                None
            }
        };
        let mut out: Vec<(usize, usize, u32)> = Vec::new();
        if let Some(ob) = &self.odd_bytes {
            ob.each(hay.as_bytes(), |s, e, i| out.extend(keep((s, e, i))));
        } else if let Some(ac) = self.odd_automaton() {
            out.extend(
                ac.find_overlapping_iter(hay)
                    .filter_map(|m| keep((m.start(), m.end(), m.pattern().as_usize()))),
            );
        }
        out.sort_unstable_by_key(|&(s, e, id)| (s, std::cmp::Reverse(e), id));
        out
    }
}

/// The matches of one lexicon's scan as they are reported: the trie's, found word by word, and
/// the odd entries', found ahead, merged in order of (start, longest first, entry id).
pub(crate) struct Feed<'l> {
    lex: &'l Lexicon,
    /// The odd entries' matches and how many of them are reported.
    odd: Vec<(usize, usize, u32)>,
    k: usize,
    /// The start of the next odd match not reported (`usize::MAX`: none).
    next_odd: usize,
    /// (end, edge) of the entries found from the current word, shortest first.
    pub(crate) found: Vec<(usize, Edge)>,
    here: Vec<(usize, u32)>,
}

impl<'l> Feed<'l> {
    /// The feed of a scan of the starts `from..stop` of `text`.
    pub(crate) fn new(lex: &'l Lexicon, text: &str, from: usize, stop: usize) -> Feed<'l> {
        let odd = lex.odd_hits(text, from, stop);
        Feed {
            lex,
            next_odd: odd.first().map_or(usize::MAX, |h| h.0),
            odd,
            k: 0,
            found: Vec::new(),
            here: Vec::new(),
        }
    }

    /// Reports the odd entries' matches that start before `start`.
    #[inline(always)]
    pub(crate) fn odd_before(&mut self, start: usize, emit: &mut impl FnMut(usize, usize, u32)) {
        if start <= self.next_odd {
            return;
        }
        while let Some(&(s, e, id)) = self.odd.get(self.k).filter(|h| h.0 < start) {
            emit(s, e, id);
            self.k += 1;
        }
        self.next_odd = self.odd.get(self.k).map_or(usize::MAX, |h| h.0);
    }

    /// Reports the matches in `found`, from the word at `start`, with the odd entries' matches
    /// that start there.
    #[inline(always)]
    pub(crate) fn emit_found(&mut self, start: usize, emit: &mut impl FnMut(usize, usize, u32)) {
        if self.found.is_empty() {
            return;
        }
        let trie = &self.lex.trie;
        let here = &mut self.here;
        // (`next_odd` is never past the next odd match: it only lags behind `k`)
        if self.next_odd <= start && self.odd.get(self.k).is_some_and(|h| h.0 == start) {
            // odd entries match here too: merge by (longest, id)
            here.clear();
            for &(end, edge) in &self.found {
                trie.each_end(edge, |id| here.push((end, id)));
            }
            while let Some(&(_, e, id)) = self.odd.get(self.k).filter(|h| h.0 == start) {
                here.push((e, id));
                self.k += 1;
            }
            here.sort_unstable_by_key(|&(e, id)| (std::cmp::Reverse(e), id));
            for &(e, id) in here.iter() {
                emit(start, e, id);
            }
        } else {
            for &(end, edge) in self.found.iter().rev() {
                trie.each_end(edge, |id| emit(start, end, id));
            }
        }
    }

    /// Reports the matches of the one node `edge` from the word at `start`, ending at `end`
    /// (what [`Feed::emit_found`] does with `found` holding only it).
    #[inline(always)]
    pub(crate) fn emit_one(
        &mut self,
        start: usize,
        end: usize,
        edge: Edge,
        emit: &mut impl FnMut(usize, usize, u32),
    ) {
        if self.next_odd <= start && self.odd.get(self.k).is_some_and(|h| h.0 == start) {
            self.found.clear();
            self.found.push((end, edge));
            self.emit_found(start, emit);
            return;
        }
        self.lex.trie.each_end(edge, |id| emit(start, end, id));
    }

    /// Reports the odd entries' matches not reported yet.
    pub(crate) fn finish(self, emit: &mut impl FnMut(usize, usize, u32)) {
        for &(s, e, id) in self.odd.get(self.k..).unwrap_or_default() {
            emit(s, e, id);
        }
    }
}
