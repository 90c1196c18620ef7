//! One walk over the words of a text for two lexicons, one of each [`Scheme`] (issue 6: the
//! classifier's and the checks' scans each read and hashed every word of a document).
//!
//! The walk reads the text's [`Scheme::Plain`] words once. A [`Scheme::Joined`] word is one or
//! more of them, each joined to the next by a joiner with nothing between (`it’s`, `D-Calif`):
//! most are one plain word and take its hash; the others are hashed when they are complete.
//! The plain words are kept in a short buffer, where each lexicon's trie reads the words after
//! a word for its phrases: the joined words are read from it too, with the few joined words of
//! more than one plain word kept aside (issue 6: not a second copy of every word).

use super::trie::{Edge, Fixed, Starts};
use super::words::{joins_after, plain_quick, plain_wide};
use super::{hash, Feed, Lexicon, Scheme, Word, WordEnds};

/// A first-word test ([`Starts`], or [`Fixed`] when both lexicons' tables have its size).
trait May: Copy {
    fn may(self, hash: u64) -> bool;
}

impl May for Starts<'_> {
    #[inline(always)]
    fn may(self, hash: u64) -> bool {
        Starts::may(self, hash)
    }
}

impl May for Fixed<'_> {
    #[inline(always)]
    fn may(self, hash: u64) -> bool {
        Fixed::may(self, hash)
    }
}

/// Words read ahead per round.
const ROUND: usize = 256;

std::thread_local! {
    /// The two queues of the thread's last walk, kept for the next (issue 6: not four
    /// allocations per document).
    static QUEUES: std::cell::Cell<Option<(Queue, Joins)>> = const { std::cell::Cell::new(None) };
}

/// Positions of the words that may start an entry (their hash passes the lexicon's first-word
/// test), in order; those before `fed` are fed. A position is written for every word and kept
/// when it passes ([`keep_at`]).
struct Cands {
    /// `buf[..len]` are the candidates; the rest is room for a round.
    buf: Vec<usize>,
    len: usize,
    fed: usize,
}

impl Cands {
    fn new() -> Cands {
        Cands {
            buf: vec![0; 2 * ROUND],
            len: 0,
            fed: 0,
        }
    }

    fn clear(&mut self) {
        self.len = 0;
        self.fed = 0;
    }

    /// Makes room for a round of words: a round keeps at most one position a word
    /// ([`keep_at`] in the room).
    #[inline]
    fn room(&mut self) {
        if self.buf.len() < self.len + ROUND {
            self.buf.resize(self.len + ROUND, 0);
        }
    }

    /// The next candidate not fed, when it is before `limit` (then it counts as fed).
    #[inline(always)]
    fn next_before(&mut self, limit: usize) -> Option<usize> {
        if self.fed >= self.len {
            return None;
        }
        let c = *self.buf.get(self.fed)?;
        if c >= limit {
            return None;
        }
        self.fed += 1;
        Some(c)
    }

    /// Drops the candidates fed and moves the others `drop` positions back.
    fn compact(&mut self, drop: usize) {
        let (fed, len) = (self.fed.min(self.len), self.len);
        self.buf.copy_within(fed..len, 0);
        for c in self.buf.get_mut(..len - fed).unwrap_or_default() {
            *c = c.saturating_sub(drop);
        }
        self.len = len - fed;
        self.fed = 0;
    }
}

/// A scheme's words read so far, how many of them the scan has passed, and which of them may
/// start an entry (issue 6: the feed visits those alone, not every word).
struct Queue {
    /// `words[..len]` are the words read; the rest is room for a round (written in place, not
    /// pushed: issue 6).
    words: Vec<Word>,
    len: usize,
    next: usize,
    cands: Cands,
}

/// A word in the room of a [`Queue`].
const NO_WORD: Word = Word {
    start: 0,
    end: 0,
    hash: 0,
    head: 0,
};

impl Queue {
    fn new() -> Queue {
        Queue {
            words: vec![NO_WORD; 2 * ROUND],
            len: 0,
            next: 0,
            cands: Cands::new(),
        }
    }

    /// Empties the queue (its buffers are kept).
    fn clear(&mut self) {
        self.len = 0;
        self.cands.clear();
        self.next = 0;
    }

    /// Makes room for a round of words.
    #[inline]
    fn room(&mut self) {
        if self.words.len() < self.len + ROUND {
            self.words.resize(self.len + ROUND, NO_WORD);
        }
    }

    /// The words read.
    #[inline(always)]
    fn read(&self) -> &[Word] {
        self.words.get(..self.len).unwrap_or_default()
    }

    /// Drops the first `drop` words (at most those passed) and the candidates fed.
    fn compact(&mut self, drop: usize) {
        let drop = drop.min(self.len);
        self.words.copy_within(drop..self.len, 0);
        self.len -= drop;
        self.cands.compact(drop);
        self.next = self.next.saturating_sub(drop);
    }
}

/// A joined word of more than one plain word: the positions of its first and last in the
/// plain words of a [`Queue`], and the word.
#[derive(Clone, Copy)]
struct Merge {
    first: usize,
    last: usize,
    word: Word,
}

/// The joined words, read from the plain words of a [`Queue`] (issue 6: not a second copy of
/// every word): a plain word is a joined word unless a [`Merge`] holds it.
struct Joins {
    /// Positions (in the plain words) of the joined words that may start an entry.
    cands: Cands,
    /// The position of the first joined word not passed.
    next: usize,
    /// The joined words of more than one plain word, complete, in order.
    merged: Vec<Merge>,
}

impl Joins {
    fn new() -> Joins {
        Joins {
            cands: Cands::new(),
            next: 0,
            merged: Vec::new(),
        }
    }

    fn clear(&mut self) {
        self.cands.clear();
        self.next = 0;
        self.merged.clear();
    }

    /// Drops the first `drop` plain words (at most those passed), the candidates fed and the
    /// merges passed.
    fn compact(&mut self, drop: usize) {
        self.cands.compact(drop);
        let next = self.next;
        self.merged.retain(|m| m.first >= next);
        for m in &mut self.merged {
            m.first = m.first.saturating_sub(drop);
            m.last = m.last.saturating_sub(drop);
        }
        self.next = self.next.saturating_sub(drop);
    }

    /// The position of the joined word `n` joined words before the one at `i` (0 when there
    /// are fewer).
    fn back(&self, mut i: usize, n: usize) -> usize {
        let mut m = self.merged.len();
        for _ in 0..n {
            if i == 0 {
                return 0;
            }
            while m > 0 && self.merged.get(m - 1).is_some_and(|x| x.last >= i) {
                m -= 1;
            }
            match self.merged.get(m.wrapping_sub(1)) {
                Some(x) if x.last + 1 == i => {
                    i = x.first;
                    m -= 1;
                }
                _ => i -= 1,
            }
        }
        i
    }
}

/// A cursor into the merges of a [`Joins`]: the first merge that may hold a position at or
/// after the last one read, and its first position (`usize::MAX`: none).
#[derive(Clone, Copy)]
struct At {
    m: usize,
    first: usize,
}

impl At {
    fn new(merged: &[Merge]) -> At {
        At {
            m: 0,
            first: merged.first().map_or(usize::MAX, |x| x.first),
        }
    }
}

/// The joined word at position `i` of the plain words `words` and the position after it
/// (positions only grow from one call to the next with `at`).
#[inline(always)]
fn joined_at<'w>(
    words: &'w [Word],
    merged: &'w [Merge],
    at: &mut At,
    i: usize,
) -> Option<(&'w Word, usize)> {
    // (most positions come before the next merge; a reference, not a copy: issue 6)
    if i < at.first {
        return words.get(i).map(|w| (w, i + 1));
    }
    while merged.get(at.m).is_some_and(|x| x.last < i) {
        at.m += 1;
    }
    at.first = merged.get(at.m).map_or(usize::MAX, |x| x.first);
    match merged.get(at.m) {
        Some(x) if x.first == i => Some((&x.word, x.last + 1)),
        _ => words.get(i).map(|w| (w, i + 1)),
    }
}

impl Lexicon {
    /// Follows the trie from `words[0]` (whose edge from the root is `edge`) over the words
    /// after it, pushing (end, node) for every node where entries end; `second` is the edge
    /// from `edge` by `words[1]` (found by the feed before it walks: not looked up twice).
    #[inline(always)]
    fn walk_words(
        &self,
        text: &str,
        (edge, second): (Edge, Edge),
        words: &[Word],
        found: &mut Vec<(usize, Edge)>,
    ) {
        let (Some(first), Some(w1)) = (words.first(), words.get(1)) else {
            return;
        };
        if edge.ends() {
            found.push((first.end, edge));
        }
        let (mut edge, mut end) = (second, w1.end);
        let mut rest = words.get(2..).unwrap_or_default().iter();
        loop {
            if edge.ends() {
                found.push((end, edge));
            }
            if !edge.children() {
                return;
            }
            let Some(w) = rest.next() else { return };
            let Some(child) = self.trie.child(edge.node, text, end, w) else {
                return;
            };
            edge = child;
            end = w.end;
        }
    }

    /// Feeds the candidates of `q` before `limit` (a position in its words) to `feed` and
    /// passes the words up to `limit`; the words up to `avail` may be read after them.
    #[inline(always)]
    fn feed_words(
        &self,
        text: &str,
        q: &mut Queue,
        (limit, avail): (usize, usize),
        feed: &mut Feed<'_>,
        emit: &mut impl FnMut(usize, usize, u32),
    ) {
        let words = q.words.get(..avail.min(q.len)).unwrap_or_default();
        while let Some(c) = q.cands.next_before(limit) {
            let Some(rest) = words.get(c..) else { break };
            let Some(w) = rest.first() else { break };
            feed.odd_before(w.start, emit);
            let Some(edge) = self.trie.child(0, text, w.start, w) else {
                continue;
            };
            // most matches are one word that no entry goes on from, or that the next word
            // of the text does not go on from: reported without a walk
            let second = if edge.children() {
                rest.get(1)
                    .and_then(|w2| self.trie.child(edge.node, text, w.end, w2))
            } else {
                None
            };
            let Some(second) = second else {
                if edge.ends() {
                    feed.emit_one(w.start, w.end, edge, emit);
                }
                continue;
            };
            feed.found.clear();
            self.walk_words(text, (edge, second), rest, &mut feed.found);
            feed.emit_found(w.start, emit);
        }
        q.next = limit;
    }

    /// [`Lexicon::feed_words`] of the joined words over the plain words `words` (those of
    /// complete joined words): feeds the candidates of `j` that start at or after `from` (a
    /// byte offset) before `limit` (a position in `words`) and passes the words up to it.
    #[inline(always)]
    fn feed_joined(
        &self,
        text: &str,
        words: &[Word],
        j: &mut Joins,
        (from, limit): (usize, usize),
        feed: &mut Feed<'_>,
        emit: &mut impl FnMut(usize, usize, u32),
    ) {
        let merged = &j.merged;
        let mut m = At::new(merged);
        while let Some(c) = j.cands.next_before(limit) {
            let Some((w, after)) = joined_at(words, merged, &mut m, c) else {
                break;
            };
            if w.start < from {
                continue;
            }
            feed.odd_before(w.start, emit);
            let Some(edge) = self.trie.child(0, text, w.start, w) else {
                continue;
            };
            // (as in `feed_words`: most matches need no walk; the walk goes on from the edge
            // of the second word, and with the cursor as it is after it)
            let mut mw = m;
            let second = if edge.children() {
                joined_at(words, merged, &mut mw, after).and_then(|(w2, a2)| {
                    self.trie
                        .child(edge.node, text, w.end, w2)
                        .map(|c| (c, w2.end, a2))
                })
            } else {
                None
            };
            let Some((second, end2, after2)) = second else {
                if edge.ends() {
                    feed.emit_one(w.start, w.end, edge, emit);
                }
                continue;
            };
            feed.found.clear();
            if edge.ends() {
                feed.found.push((w.end, edge));
            }
            let (mut edge, mut end, mut i) = (second, end2, after2);
            loop {
                if edge.ends() {
                    feed.found.push((end, edge));
                }
                if !edge.children() {
                    break;
                }
                let Some((w2, a2)) = joined_at(words, merged, &mut mw, i) else {
                    break;
                };
                let Some(child) = self.trie.child(edge.node, text, end, w2) else {
                    break;
                };
                edge = child;
                end = w2.end;
                i = a2;
            }
            feed.emit_found(w.start, emit);
        }
        j.next = limit;
    }
}

/// What [`Lexicon::scan`] gives for `joined` (a [`Scheme::Joined`] lexicon) on the starts
/// `from..` of `text` and for `plain` (a [`Scheme::Plain`] one) on all of `text`, from one walk
/// over the words, and the ends of the text's joined words, read in the same walk (`None`
/// when the lexicons are not a joined and a plain one: then no walk reads both).
pub fn scan_pair_ends(
    joined: &Lexicon,
    from: usize,
    plain: &Lexicon,
    text: &str,
    emit_joined: impl FnMut(usize, usize, u32),
    emit_plain: impl FnMut(usize, usize, u32),
) -> Option<WordEnds> {
    if joined.scheme != Scheme::Joined || plain.scheme != Scheme::Plain {
        // (not the pair this walk is for: each on its own)
        joined.scan(text, from..text.len(), emit_joined);
        plain.scan(text, 0..text.len(), emit_plain);
        return None;
    }
    let mut ends = WordEnds::for_text(text.len());
    if text.is_empty() {
        return Some(ends);
    }
    // (the same walk; with tables of one size a word is tested with a fixed shift)
    match (plain.trie.starts_fixed(), joined.trie.starts_fixed()) {
        (Some(sp), Some(sj)) => walk_pair(
            joined,
            from,
            plain,
            text,
            (sp, sj),
            (emit_joined, emit_plain),
            &mut ends,
        ),
        _ => {
            let starts = (plain.trie.starts(), joined.trie.starts());
            let emit = (emit_joined, emit_plain);
            walk_pair(joined, from, plain, text, starts, emit, &mut ends);
        }
    }
    Some(ends)
}

/// Writes `pos` at `room[*kept]` and counts it when `keep`: no branch on `keep` (issue 6: the
/// first-word test is true for a word in four to two in three, and as a branch it was
/// mispredicted for one word in three). A round keeps at most one position per word it reads,
/// so `*kept` stays below [`ROUND`].
#[inline(always)]
fn keep_at(room: &mut [usize; ROUND], kept: &mut usize, pos: usize, keep: bool) {
    room[*kept % ROUND] = pos;
    *kept += usize::from(keep);
}

/// Keeps in `merged` the joined word of the plain words from `open` to `last` (positions; the
/// word at `open` is in `old` before `n0`, else in `read` from `n0` on), which ends at `end`;
/// its hash. Out of line: most joined words are one plain word (issue 6: the read's loop keeps
/// its values in registers).
#[cold]
#[inline(never)]
fn merge(
    bytes: &[u8],
    (old, read, n0): (&[Word], &[Word], usize),
    (open, last, end): (usize, usize, usize),
    merged: &mut Vec<Merge>,
) -> Option<u64> {
    let first = match open.checked_sub(n0) {
        Some(k) => read.get(k),
        None => old.get(open),
    };
    let start = first?.start;
    let (hash, head) = hash::hash(bytes, start, end);
    let word = Word {
        start,
        end,
        hash,
        head,
    };
    merged.push(Merge {
        first: open,
        last,
        word,
    });
    Some(hash)
}

/// The first [`ROUND`] items of `s`, as an array (`None` when it is shorter).
#[inline(always)]
fn fixed<T>(s: &mut [T]) -> Option<&mut [T; ROUND]> {
    s.get_mut(..ROUND)
        .and_then(|s| <&mut [T; ROUND]>::try_from(s).ok())
}

/// The read of the pair walk: where it is in the text, the two lexicons' first-word tests
/// (plain, joined), and the position of the first plain
/// word of the last joined word when it goes on into the next plain word.
struct Reader<'t, P, J> {
    /// Where the next plain word is read from (not inside a word).
    pos: usize,
    text: &'t str,
    firsts: (P, J),
    open: Option<usize>,
}

impl<P: May, J: May> Reader<'_, P, J> {
    /// Reads up to [`ROUND`] plain words into `pq`, keeps the joined words they complete in `jq`
    /// and sets their ends in `ends`; true when the text has no more words. (A function of its
    /// own, its state in locals: the read kept it on the stack inside the walk; issue 6.)
    #[inline(never)]
    fn round(&mut self, pq: &mut Queue, jq: &mut Joins, ends: &mut WordEnds) -> bool {
        pq.room();
        pq.cands.room();
        jq.cands.room();
        let (text, (sp, sj)) = (self.text, self.firsts);
        let bytes = text.as_bytes();
        let mut pos = self.pos;
        // (`usize::MAX`: none)
        let mut open = self.open.unwrap_or(usize::MAX);
        let (n0, p0, j0) = (pq.len, pq.cands.len, jq.cands.len);
        // the round's room, of a fixed size (after `room`, none is missing): no bounds checks
        let at = n0.min(pq.words.len());
        let (old, new) = pq.words.split_at_mut(at);
        let Some(wb) = fixed(new) else { return true };
        let Some(pb) = fixed(pq.cands.buf.get_mut(p0..).unwrap_or_default()) else {
            return true;
        };
        let Some(jb) = fixed(jq.cands.buf.get_mut(j0..).unwrap_or_default()) else {
            return true;
        };
        let merged = &mut jq.merged;
        let eb = ends.bits_mut();
        // first the words alone, then the plain candidates, then what they start and end as
        // joined words: loops of few values each (one loop of all of it kept them on the
        // stack; issue 6)
        let mut k = 0;
        for slot in wb.iter_mut() {
            let w = match plain_quick(bytes, &mut pos) {
                Some(w) => w,
                None => match plain_wide(text, pos) {
                    Some((w, after)) => {
                        pos = after;
                        w
                    }
                    // (no more words)
                    None => break,
                },
            };
            *slot = w;
            k += 1;
        }
        // (what is read is written back at once: fewer values live through the next loops)
        self.pos = pos;
        pq.len = n0 + k;
        let read = wb.get(..k).unwrap_or_default();
        // (candidates kept of the round: at most one per word read)
        let mut pi = 0;
        for (n, w) in (n0..).zip(read) {
            keep_at(pb, &mut pi, n, sp.may(w.hash));
        }
        pq.cands.len = p0 + pi;
        let mut ji = 0;
        let mut words = (n0..).zip(read);
        // (a joined word ends where a plain word does not join the next)
        'read: loop {
            if open != usize::MAX {
                // a joined word of more than one plain word goes on from `open`: to its last
                loop {
                    let Some((n, w)) = words.next() else {
                        break 'read;
                    };
                    if !joins_after(text, w.end) {
                        WordEnds::set_in(eb, w.end);
                        // complete: hashed whole
                        let at = (&*old, read, n0);
                        if let Some(hash) = merge(bytes, at, (open, n, w.end), merged) {
                            keep_at(jb, &mut ji, open, sj.may(hash));
                        }
                        open = usize::MAX;
                        break;
                    }
                }
            }
            // (most joined words are one plain word, complete at once)
            loop {
                let Some((n, w)) = words.next() else {
                    break 'read;
                };
                if joins_after(text, w.end) {
                    open = n;
                    break;
                }
                WordEnds::set_in(eb, w.end);
                keep_at(jb, &mut ji, n, sj.may(w.hash));
            }
        }
        self.open = (open != usize::MAX).then_some(open);
        jq.cands.len = j0 + ji;
        // (the read stops short of a round only at the end of the text)
        read.len() < ROUND
    }
}

/// [`scan_pair_ends`] of a joined and a plain lexicon, with their first-word tests `(sp, sj)`; the
/// joined words' ends are set in `ends`.
#[inline(always)]
fn walk_pair<P: May, J: May>(
    joined: &Lexicon,
    from: usize,
    plain: &Lexicon,
    text: &str,
    (sp, sj): (P, J),
    (mut emit_joined, mut emit_plain): (
        impl FnMut(usize, usize, u32),
        impl FnMut(usize, usize, u32),
    ),
    ends: &mut WordEnds,
) {
    let from = from.min(text.len());
    let mut fj = (from < text.len()).then(|| Feed::new(joined, text, from, text.len()));
    let mut fp = Feed::new(plain, text, 0, text.len());
    // a walk from a word reads at most `depth` words
    let (dj, dp) = (joined.trie.depth.max(1), plain.trie.depth.max(1));
    let (mut pq, mut jq) = QUEUES
        .take()
        .unwrap_or_else(|| (Queue::new(), Joins::new()));
    pq.clear();
    jq.clear();
    let mut r = Reader {
        pos: 0,
        text,
        firsts: (sp, sj),
        open: None,
    };
    loop {
        let done = r.round(&mut pq, &mut jq, ends);
        // the plain words of complete joined words, and how far each may be fed
        let pn = pq.len;
        let jn = r.open.unwrap_or(pn);
        let plim = if done {
            pn
        } else {
            (pn + 1).saturating_sub(dp)
        };
        let jlim = if done { jn } else { jq.back(jn, dj - 1) };
        plain.feed_words(text, &mut pq, (plim, pn), &mut fp, &mut emit_plain);
        if let Some(f) = fj.as_mut() {
            let complete = pq.read().get(..jn).unwrap_or_default();
            joined.feed_joined(text, complete, &mut jq, (from, jlim), f, &mut emit_joined);
        } else {
            // (no joined word is searched)
            jq.next = jlim;
            jq.cands.clear();
        }
        if done {
            break;
        }
        // drop the words both have passed
        let drop = pq.next.min(jq.next).min(pq.len);
        pq.compact(drop);
        jq.compact(drop);
        r.open = r.open.map(|f| f.saturating_sub(drop));
    }
    QUEUES.set(Some((pq, jq)));
    fp.finish(&mut emit_plain);
    if let Some(f) = fj {
        f.finish(&mut emit_joined);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testrng::Rng;

    /// The candidates kept without a branch are the ones pushed to a vector when the test
    /// passes (the code they replace), through rounds of keeps, feeds and compactions.
    #[test]
    fn cands_are_the_pushed_positions() {
        let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
        let mut c = Cands::new();
        for _ in 0..200 {
            c.clear();
            // the plain code: the positions pushed, and how many are fed
            let (mut want, mut cn): (Vec<usize>, usize) = (Vec::new(), 0);
            let mut words = 0;
            for _ in 0..1 + rng.below(12) {
                c.room();
                // up to a round of words, each kept with a chance of 0 to 100 %, in the room
                // as `Reader::round` keeps them
                let chance = rng.below(101);
                let mut kept = 0;
                let room = fixed(&mut c.buf[c.len..]).unwrap();
                for _ in 0..rng.below(ROUND + 1) {
                    let keep = rng.below(100) < chance;
                    keep_at(room, &mut kept, words, keep);
                    if keep {
                        want.push(words);
                    }
                    words += 1;
                }
                c.len += kept;
                let limit = rng.below(words + 2);
                loop {
                    let w = want.get(cn).copied().filter(|&p| p < limit);
                    if w.is_some() {
                        cn += 1;
                    }
                    assert_eq!(c.next_before(limit), w);
                    if w.is_none() {
                        break;
                    }
                }
                let drop = rng.below(limit + 1).min(words);
                c.compact(drop);
                want.drain(..cn);
                want.iter_mut().for_each(|p| *p = p.saturating_sub(drop));
                cn = 0;
                words -= drop;
                assert_eq!(c.buf.get(..c.len), Some(&want[..]));
            }
        }
    }
}
