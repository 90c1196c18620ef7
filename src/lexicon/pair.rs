//! One walk over the words of a text for two lexicons, one of each [`Scheme`] (issue 6: the
//! classifier's and the checks' scans each read and hashed every word of a document).
//!
//! The walk reads the text's [`Scheme::Plain`] words once. A [`Scheme::Joined`] word is one or
//! more of them, each joined to the next by a joiner with nothing between (`it’s`, `D-Calif`):
//! most are one plain word and take its hash; the others are hashed when they are complete.
//! Both word sequences are kept in short buffers, where each lexicon's trie reads the words
//! after a word for its phrases.

use super::trie::{Edge, Fixed, Starts};
use super::words::joins_at;
use super::{hash, Feed, Lexicon, Scheme, Word, Words};

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
    static QUEUES: std::cell::Cell<Option<(Queue, Queue)>> = const { std::cell::Cell::new(None) };
}

/// A scheme's words read so far, how many of them the scan has passed, and which of them may
/// start an entry (issue 6: the feed visits those alone, not every word).
struct Queue {
    words: Vec<Word>,
    next: usize,
    /// Positions in `words` of the words whose hash passes the lexicon's first-word test, in
    /// order; those before `cn` are fed.
    cands: Vec<usize>,
    cn: usize,
}

impl Queue {
    fn new() -> Queue {
        Queue {
            words: Vec::with_capacity(ROUND + 16),
            next: 0,
            cands: Vec::with_capacity(ROUND + 16),
            cn: 0,
        }
    }

    /// Empties the queue (its buffers are kept).
    fn clear(&mut self) {
        self.words.clear();
        self.cands.clear();
        self.next = 0;
        self.cn = 0;
    }

    /// Drops the words passed (and the candidates among them).
    fn compact(&mut self) {
        let next = self.next.min(self.words.len());
        self.words.drain(..next);
        self.cands.drain(..self.cn.min(self.cands.len()));
        for c in &mut self.cands {
            *c = c.saturating_sub(next);
        }
        self.next = 0;
        self.cn = 0;
    }

    /// Marks the word at `k` a candidate when its hash passes `starts` and it starts at or
    /// after `from`.
    #[inline(always)]
    fn test(&mut self, k: usize, starts: impl May, from: usize) {
        if let Some(w) = self.words.get(k) {
            if starts.may(w.hash) && w.start >= from {
                self.cands.push(k);
            }
        }
    }
}

impl Lexicon {
    /// Follows the trie from `words[0]` (whose edge from the root is `edge`) over the words
    /// after it, pushing (end, node) for every node where entries end.
    #[inline(always)]
    fn walk_words(
        &self,
        text: &str,
        mut edge: Edge,
        words: &[Word],
        found: &mut Vec<(usize, Edge)>,
    ) {
        let Some((first, rest)) = words.split_first() else {
            return;
        };
        let mut end = first.end;
        let mut rest = rest.iter();
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
        let words = q.words.get(..avail).unwrap_or_default();
        while let Some(&c) = q.cands.get(q.cn) {
            if c >= limit {
                break;
            }
            q.cn += 1;
            let Some(rest) = words.get(c..) else { break };
            let Some(w) = rest.first() else { break };
            feed.odd_before(w.start, emit);
            let Some(edge) = self.trie.child(0, text, w.start, w) else {
                continue;
            };
            // most matches are one word that no entry goes on from, or that the next word
            // of the text does not go on from: reported without a walk
            let on = edge.children()
                && rest
                    .get(1)
                    .is_some_and(|w2| self.trie.child(edge.node, text, w.end, w2).is_some());
            if !on {
                if edge.ends() {
                    feed.emit_one(w.start, w.end, edge, emit);
                }
                continue;
            }
            feed.found.clear();
            self.walk_words(text, edge, rest, &mut feed.found);
            feed.emit_found(w.start, emit);
        }
        q.next = limit;
    }
}

/// What [`Lexicon::scan`] gives for `joined` (a [`Scheme::Joined`] lexicon) on the starts
/// `from..` of `text` and for `plain` (a [`Scheme::Plain`] one) on all of `text`, from one walk
/// over the words.
pub fn scan_pair(
    joined: &Lexicon,
    from: usize,
    plain: &Lexicon,
    text: &str,
    emit_joined: impl FnMut(usize, usize, u32),
    emit_plain: impl FnMut(usize, usize, u32),
) {
    if joined.scheme != Scheme::Joined || plain.scheme != Scheme::Plain {
        // (not the pair this walk is for: each on its own)
        joined.scan(text, from..text.len(), emit_joined);
        plain.scan(text, 0..text.len(), emit_plain);
        return;
    }
    if text.is_empty() {
        return;
    }
    // (the same walk; with tables of one size a word is tested with a fixed shift)
    match (plain.trie.starts_fixed(), joined.trie.starts_fixed()) {
        (Some(sp), Some(sj)) => {
            walk_pair(joined, from, plain, text, (sp, sj), emit_joined, emit_plain)
        }
        _ => {
            let starts = (plain.trie.starts(), joined.trie.starts());
            walk_pair(joined, from, plain, text, starts, emit_joined, emit_plain);
        }
    }
}

/// [`scan_pair`] of a joined and a plain lexicon, with their first-word tests `(sp, sj)`.
#[inline(always)]
fn walk_pair<P: May, J: May>(
    joined: &Lexicon,
    from: usize,
    plain: &Lexicon,
    text: &str,
    (sp, sj): (P, J),
    mut emit_joined: impl FnMut(usize, usize, u32),
    mut emit_plain: impl FnMut(usize, usize, u32),
) {
    let bytes = text.as_bytes();
    let from = from.min(text.len());
    let mut fj = (from < text.len()).then(|| Feed::new(joined, text, from, text.len()));
    let mut fp = Feed::new(plain, text, 0, text.len());
    // a walk from a word reads at most `depth` words
    let (dj, dp) = (joined.trie.depth.max(1), plain.trie.depth.max(1));
    let mut words = Words::new(text, 0, Scheme::Plain);
    let (mut pq, mut jq) = QUEUES
        .take()
        .unwrap_or_else(|| (Queue::new(), Queue::new()));
    pq.clear();
    jq.clear();
    // (no joined word starts at or after `from`: none is a candidate)
    let jfrom = if fj.is_some() { from } else { usize::MAX };
    // the last joined word goes on into the next plain word
    let mut open = false;
    loop {
        let mut done = false;
        while pq.words.len() < ROUND {
            let Some(w) = words.next() else {
                done = true;
                break;
            };
            if sp.may(w.hash) {
                pq.cands.push(pq.words.len());
            }
            pq.words.push(w);
            let joins = !words.ends_plain && joins_at(text, w.end).is_some();
            if open {
                if let Some(last) = jq.words.last_mut() {
                    last.end = w.end;
                }
                if !joins {
                    close(&mut jq, bytes, sj, jfrom);
                }
            } else {
                // (most joined words are one plain word, complete at once)
                let k = jq.words.len();
                jq.words.push(w);
                if !joins && sj.may(w.hash) && w.start >= jfrom {
                    jq.cands.push(k);
                }
            }
            open = joins;
        }
        // the complete joined words, and how far each queue may be fed
        let jn = jq.words.len() - usize::from(open);
        let lim = |n: usize, d: usize| if done { n } else { (n + 1).saturating_sub(d) };
        let pn = pq.words.len();
        plain.feed_words(text, &mut pq, (lim(pn, dp), pn), &mut fp, &mut emit_plain);
        if let Some(f) = fj.as_mut() {
            joined.feed_words(text, &mut jq, (lim(jn, dj), jn), f, &mut emit_joined);
        } else {
            jq.next = lim(jn, dj);
        }
        if done {
            break;
        }
        pq.compact();
        jq.compact();
    }
    QUEUES.set(Some((pq, jq)));
    fp.finish(&mut emit_plain);
    if let Some(f) = fj {
        f.finish(&mut emit_joined);
    }
}

/// Completes the last joined word of `q`, extended over more than one plain word: hashes it
/// and tests whether it may start an entry ([`Queue::test`]).
#[inline(always)]
fn close(q: &mut Queue, bytes: &[u8], starts: impl May, from: usize) {
    let Some(k) = q.words.len().checked_sub(1) else {
        return;
    };
    if let Some(w) = q.words.get_mut(k) {
        (w.hash, w.head) = hash::hash(bytes, w.start, w.end);
    }
    q.test(k, starts, from);
}
