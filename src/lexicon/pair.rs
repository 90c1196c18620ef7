//! One walk over the words of a text for two lexicons, one of each [`Scheme`] (issue 6: the
//! classifier's and the checks' scans each read and hashed every word of a document).
//!
//! The walk reads the text's [`Scheme::Plain`] words once. A [`Scheme::Joined`] word is one or
//! more of them, each joined to the next by a joiner with nothing between (`it’s`, `D-Calif`):
//! most are one plain word and take its hash; the others are hashed when they are complete.
//! Both word sequences are kept in short buffers, where each lexicon's trie reads the words
//! after a word for its phrases.

use super::trie::Edge;
use super::words::joins_at;
use super::{hash, Feed, Lexicon, Scheme, Word, Words};

/// Words read ahead per round.
const ROUND: usize = 256;

/// A scheme's words read so far, and how many of them the scan has passed.
struct Queue {
    words: Vec<Word>,
    next: usize,
}

impl Queue {
    fn new() -> Queue {
        Queue {
            words: Vec::with_capacity(ROUND + 16),
            next: 0,
        }
    }

    /// Drops the words passed.
    fn compact(&mut self) {
        self.words.drain(..self.next.min(self.words.len()));
        self.next = 0;
    }
}

impl Lexicon {
    /// Follows the trie from `words[0]` over the words after it, pushing (end, node) for every
    /// node where entries end.
    #[inline(always)]
    fn walk_words(&self, text: &str, words: &[Word], found: &mut Vec<(usize, Edge)>) {
        let Some((first, rest)) = words.split_first() else {
            return;
        };
        let Some(mut edge) = self.trie.child(0, text, first.start, first) else {
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

    /// Feeds the words of `q` from its position up to `limit` (exclusive) to `feed`; the words
    /// up to `avail` may be read after them.
    #[inline(always)]
    fn feed_words(
        &self,
        text: &str,
        q: &mut Queue,
        (from, limit, avail): (usize, usize, usize),
        feed: &mut Feed<'_>,
        emit: &mut impl FnMut(usize, usize, u32),
    ) {
        let words = q.words.get(..avail).unwrap_or_default();
        let starts = self.trie.starts();
        while q.next < limit {
            let Some(rest) = words.get(q.next..) else {
                break;
            };
            q.next += 1;
            let Some(w) = rest.first() else { break };
            if w.start < from {
                continue;
            }
            feed.odd_before(w.start, emit);
            if !starts.may(w.hash) {
                continue;
            }
            feed.found.clear();
            self.walk_words(text, rest, &mut feed.found);
            feed.emit_found(w.start, emit);
        }
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
    mut emit_joined: impl FnMut(usize, usize, u32),
    mut emit_plain: impl FnMut(usize, usize, u32),
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
    let bytes = text.as_bytes();
    let from = from.min(text.len());
    let mut fj = (from < text.len()).then(|| Feed::new(joined, text, from, text.len()));
    let mut fp = Feed::new(plain, text, 0, text.len());
    // a walk from a word reads at most `depth` words
    let (dj, dp) = (joined.trie.depth.max(1), plain.trie.depth.max(1));
    let mut words = Words::new(text, 0, Scheme::Plain);
    let (mut pq, mut jq) = (Queue::new(), Queue::new());
    // the last joined word goes on into the next plain word; it was extended (hash stale)
    let (mut open, mut stale) = (false, false);
    loop {
        let mut done = false;
        while pq.words.len() < ROUND {
            let Some(w) = words.next() else {
                done = true;
                break;
            };
            pq.words.push(w);
            match jq.words.last_mut() {
                Some(last) if open => {
                    last.end = w.end;
                    stale = true;
                }
                _ => {
                    close(&mut jq, &mut stale, bytes);
                    jq.words.push(w);
                }
            }
            open = joins_at(text, w.end).is_some();
        }
        if !open {
            close(&mut jq, &mut stale, bytes);
        }
        // the complete joined words, and how far each queue may be fed
        let jn = jq.words.len() - usize::from(open);
        let lim = |n: usize, d: usize| if done { n } else { (n + 1).saturating_sub(d) };
        let pn = pq.words.len();
        plain.feed_words(
            text,
            &mut pq,
            (0, lim(pn, dp), pn),
            &mut fp,
            &mut emit_plain,
        );
        if let Some(f) = fj.as_mut() {
            joined.feed_words(text, &mut jq, (from, lim(jn, dj), jn), f, &mut emit_joined);
        } else {
            jq.next = lim(jn, dj);
        }
        if done {
            break;
        }
        pq.compact();
        jq.compact();
    }
    fp.finish(&mut emit_plain);
    if let Some(f) = fj {
        f.finish(&mut emit_joined);
    }
}

/// Hashes the last joined word of `q` when it was extended.
#[inline(always)]
fn close(q: &mut Queue, stale: &mut bool, bytes: &[u8]) {
    if !*stale {
        return;
    }
    *stale = false;
    if let Some(w) = q.words.last_mut() {
        (w.hash, w.head) = hash::hash(bytes, w.start, w.end);
    }
}
