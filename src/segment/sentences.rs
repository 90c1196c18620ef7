//! Sentence boundaries inside one block: one pass over the bytes.
//!
//! Candidates (`.` `!` `?` `…`, full-width stops, `)` for enumerations and `:` after a caption
//! credit label) are found with a
//! byte table; each is decided from a bounded look at its neighbours (the word before, the
//! closing marks after, the first letter of the next word), so the cost is linear in the
//! block length whatever the input.

mod dateline;
mod layout;
mod look;
mod markup;
mod period;
mod quoted;
mod states;

use super::lang::{AbbrevKind, Lang};
use super::lists::{self, Marker};
use super::text::{char_at, find_table, skip_ws, ws_before, ws_len, Class, LaneTable};
use super::Sentence;
use crate::span::Span;

const fn candidates() -> [bool; 256] {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b')' as usize] = true;
    t[b':' as usize] = true;
    // line breaks written out as escapes (`\n`)
    t[b'\\' as usize] = true;
    // separator rules ("==========")
    let mut k = 0;
    while k < 128 {
        if layout::is_rule_byte(k as u8) {
            t[k] = true;
        }
        k += 1;
    }
    // lead bytes of … (E2 80 A6), 。 (E3 80 82), ．！？ (EF BC 8E/81/9F)
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
}
static CAND: LaneTable = LaneTable::new(&candidates());

/// [`CAND`] without `)`: a closing parenthesis is a candidate only to continue an enumeration
/// ("a) … b) …"), so it is looked for only once a list has begun (issue 6: a fifth of the
/// candidates in news copy were parentheses that did nothing).
static CAND_NO_LIST: LaneTable = LaneTable::new(&{
    let mut t = candidates();
    t[b')' as usize] = false;
    t
});

/// Bytes that may go on a run of stops: `.` `!` `?` and the lead bytes of `…` and the
/// full-width stops.
static RUN: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Whether `…` or a full-width stop (`。` `．` `！` `？`) starts at byte `i`, told from its three
/// bytes without decoding (issue 6).
#[inline]
fn wide_stop_at(b: &[u8], i: usize) -> bool {
    matches!(
        (b.get(i), b.get(i + 1), b.get(i + 2)),
        (Some(0xE2), Some(0x80), Some(0xA6))
            | (Some(0xE3), Some(0x80), Some(0x82))
            | (Some(0xEF), Some(0xBC), Some(0x8E | 0x81 | 0x9F))
    )
}

/// Longest word looked at before a stop (longer words are never abbreviations).
const WORD_MAX: usize = 40;

/// Splits the text `t` of block `block` (which starts at byte `base` of the document) into
/// sentences; pushes the trimmed sentences to `out`, and the layout that belongs to no sentence
/// (dot leaders, separator rules) to `layout`, with document offsets. `quoted` holds the
/// quotation spans of the block (relative to `t`).
#[allow(clippy::too_many_arguments)]
pub fn split(
    t: &str,
    base: usize,
    block: usize,
    lang: &Lang,
    quoted: &[(usize, usize)],
    out: &mut Vec<Sentence>,
    layout: &mut Vec<Span>,
    scratch: &mut Scratch,
) {
    scratch.cuts.clear();
    scratch.layout.clear();
    let mut s = Splitter {
        t,
        b: t.as_bytes(),
        lang,
        quoted,
        cuts: std::mem::take(&mut scratch.cuts),
        layout: std::mem::take(&mut scratch.layout),
        sent_start: 0,
        list: None,
        tok: (0, 0, false),
    };
    s.run();
    let mut prev = 0;
    let mut skips = s.layout.iter().peekable();
    // the last piece runs to the end of the block
    s.cuts.push(t.len());
    for &c in &s.cuts {
        // layout spans are cut on both sides, so each is exactly one piece
        while skips.next_if(|&&(_, z)| z <= prev).is_some() {}
        if skips.peek() == Some(&&(prev, c)) {
            layout.push(Span::new(base + prev, base + c));
        } else {
            let (a, z) = super::text::trim(t, prev, c);
            let (a, z) = strip_tags(t, base, a, z, layout);
            if a < z {
                out.push(Sentence {
                    span: Span::new(base + a, base + z),
                    block,
                });
            }
        }
        prev = c;
    }
    scratch.cuts = s.cuts;
    scratch.layout = s.layout;
}

/// Buffers [`split`] reuses from one block to the next (allocated once per document).
#[derive(Default)]
pub struct Scratch {
    cuts: Vec<usize>,
    layout: Vec<(usize, usize)>,
}

impl Scratch {
    /// Buffers with room for `cuts` cuts in a block.
    pub fn with_capacity(cuts: usize) -> Self {
        Scratch {
            cuts: Vec::with_capacity(cuts),
            layout: Vec::new(),
        }
    }

    /// The larger of the buffers' capacities, in entries.
    pub fn capacity(&self) -> usize {
        self.cuts.capacity().max(self.layout.capacity())
    }
}

/// Moves markup tags at either edge of the trimmed sentence `a..z` to `layout` (in order, with
/// `base` added) and returns what is left, trimmed.
fn strip_tags(
    t: &str,
    base: usize,
    mut a: usize,
    mut z: usize,
    layout: &mut Vec<Span>,
) -> (usize, usize) {
    let b = t.as_bytes();
    // a tag opens with `<` or `&lt;` and ends with `>` or `&gt;`: the edge bytes are tested here,
    // without a call, since almost no sentence has a tag at either edge (issue 6: a call to
    // `tag_before` per sentence)
    while matches!(b.get(a), Some(b'<' | b'&')) {
        let Some(e) = markup::tag_at(b, a).filter(|&e| e <= z) else {
            break;
        };
        layout.push(Span::new(base + a, base + e));
        (a, z) = super::text::trim(t, e, z);
    }
    let first_tail = layout.len();
    while matches!(z.checked_sub(1).and_then(|k| b.get(k)), Some(b'>' | b';')) {
        let Some(s) = markup::tag_before(b, z).filter(|&s| s >= a) else {
            break;
        };
        layout.push(Span::new(base + s, base + z));
        (a, z) = super::text::trim(t, a, s);
    }
    if let Some(tail) = layout.get_mut(first_tail..) {
        tail.reverse();
    }
    (a, z)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Plain,
    Number,
    Abbrev(AbbrevKind),
    /// Letters separated by periods (U.S, e.g, Ph.D).
    Dotted,
    /// A single lower-case letter (a variable, a list letter).
    Letter,
    /// A single capital letter (an initial).
    Initial,
}

struct Splitter<'a> {
    t: &'a str,
    b: &'a [u8],
    lang: &'a Lang,
    /// Quotation spans of the block.
    quoted: &'a [(usize, usize)],
    cuts: Vec<usize>,
    /// Layout excluded from every sentence, in order; each is also cut on both sides.
    layout: Vec<(usize, usize)>,
    /// Where the current sentence starts (just after the last cut).
    sent_start: usize,
    /// The last marker of an enumeration in progress.
    list: Option<Marker>,
    /// Cached white-space-delimited token: start, end, is a URL or e-mail address.
    tok: (usize, usize, bool),
}

impl Splitter<'_> {
    fn run(&mut self) {
        let n = self.b.len();
        self.sentence_start(0);
        self.dateline();
        let mut i = 0;
        while i < n {
            // each scan with its table as a constant (a table chosen at run time left the
            // eight lanes in a loop)
            let found = if self.list.is_some() {
                find_table(self.b, i, &CAND)
            } else {
                find_table(self.b, i, &CAND_NO_LIST)
            };
            let Some(at) = found else {
                break;
            };
            i = self.candidate(at).max(at + 1);
        }
    }

    /// Records a cut and notes a list marker that may start the new sentence.
    fn cut(&mut self, at: usize) {
        if self.cuts.last().is_none_or(|&l| l < at) && at < self.b.len() {
            self.cuts.push(at);
        }
        self.sentence_start(at);
    }

    fn sentence_start(&mut self, at: usize) {
        self.sent_start = at;
        let p = skip_ws(self.b, at);
        // the first-byte test here, without a call: most sentences open with a capital
        if self.b.get(p).is_some_and(|&c| lists::may_start(c)) {
            if let Some(m) = lists::parse_at(self.b, p) {
                self.list = Some(m);
            }
        }
    }

    /// Handles the candidate byte at `i`; returns where to continue.
    fn candidate(&mut self, i: usize) -> usize {
        let c = self.b.get(i).copied().unwrap_or(0);
        match c {
            b')' => {
                self.list_continues(i + 1);
                i + 1
            }
            b'.' | b'!' | b'?' => self.stop(i),
            b':' => {
                self.credit_label(i);
                i + 1
            }
            b'\\' => self.escaped_break(i),
            _ if layout::is_rule_byte(c) => self.rule(i),
            // the lead byte of a three-byte character: a stop is told from its bytes, without
            // decoding (curly quotes and dashes share the lead byte of `…`); the bytes after a
            // lead byte are never candidates
            _ if wide_stop_at(self.b, i) => self.stop(i),
            _ => i + 1,
        }
    }

    /// If the enumeration in progress continues with a marker ending at `end`, cuts before it.
    fn list_continues(&mut self, end: usize) -> bool {
        let Some(prev) = self.list else { return false };
        match lists::next_ending_at(self.b, &prev, end) {
            Some(m) => {
                self.cut(m.start);
                self.list = Some(m);
                true
            }
            None => false,
        }
    }

    /// A run of stops starting at `i`.
    fn stop(&mut self, i: usize) -> usize {
        let b = self.b;
        let n = b.len();
        if b.get(i) == Some(&b'.') {
            let end = if b.get(i + 1) == Some(&b')') {
                i + 2
            } else {
                i + 1
            };
            if self.list_continues(end) {
                return end;
            }
        }
        // the run of stops, with spaced ellipses ". . ."
        let (mut j, mut dots, mut qe, mut ell, mut wide, mut spaced) =
            (i, 0, false, false, false, false);
        // one table test ends the run at any other byte: the byte after the run is any
        // character, and the jump table a `match` on it compiles to mispredicted (issue 6)
        while let Some(&c) = b.get(j) {
            if !RUN[usize::from(c)] {
                // a space inside a spaced ellipsis ". . ."
                if c == b' ' && dots > 0 && !qe && b.get(j + 1) == Some(&b'.') {
                    spaced = true;
                    j += 1;
                    continue;
                }
                break;
            }
            if c == b'.' {
                dots += 1;
                j += 1;
            } else if c == b'!' || c == b'?' {
                qe = true;
                j += 1;
            } else {
                match char_at(self.t, j) {
                    Some('…') => {
                        ell = true;
                        j += 3;
                    }
                    Some('．' | '。' | '！' | '？') => {
                        wide = true;
                        j += 3;
                    }
                    _ => break,
                }
            }
        }
        let run_end = j;
        let single = dots == 1 && !qe && !ell && !wide && !spaced;
        if dots >= 4 {
            if let Some(end) = self.dot_leader(i, run_end) {
                return end;
            }
        }

        let attached = !ws_before(b, i);

        // a stop directly followed by a word character
        let next = char_at(self.t, run_end);
        if next.is_some_and(char::is_alphanumeric) && !wide {
            if single {
                return self.glued_period(i);
            }
            return run_end;
        }

        // closing quotation marks and brackets, citation marks [1]
        let mut e = run_end;
        let mut closers = false;
        loop {
            match char_at(self.t, e) {
                Some('"' | '”' | '»' | '›' | ')' | ']' | '}') => {
                    e += char_at(self.t, e).map_or(1, char::len_utf8);
                    closers = true;
                }
                // a left mark used as a closing one: ".“ However"
                Some('“') if e == run_end && (ws_len(b, e + 3) > 0 || e + 3 == n) => {
                    e += char_at(self.t, e).map_or(1, char::len_utf8);
                    closers = true;
                }
                Some('\'' | '’') => {
                    let l = char_at(self.t, e).map_or(1, char::len_utf8);
                    if char_at(self.t, e + l).is_some_and(char::is_alphanumeric) {
                        // Jr.'s: an apostrophe, the stop was inside a word
                        return e + l;
                    }
                    e += l;
                    closers = true;
                }
                // a closing tag after the stop ("… on Monday.</span> It …")
                Some('<' | '&') => match markup::closing_tag_at(b, e) {
                    Some(z) => e = z,
                    None => break,
                },
                Some('[') => match self.citation_end(e) {
                    Some(z) => e = z,
                    None => break,
                },
                _ => break,
            }
        }
        if e >= n {
            return n;
        }
        if ws_len(b, e) == 0 {
            if wide {
                self.cut(e);
            }
            return e;
        }
        let mut m = skip_ws(b, e);
        if let Some(z) = self.spaced_close(e, m) {
            // "… tomorrow.' "": a closing mark set off by a space
            e = z;
            closers = true;
            if e < n && ws_len(b, e) == 0 {
                return e;
            }
            m = skip_ws(b, e);
        }
        if m >= n {
            return n;
        }
        if self.omission_opens(i, run_end) || (!wide && self.omission_at(m)) {
            // "[...]" opening a sentence, or standing between two: it ends no sentence and
            // goes with the one before
            return e;
        }
        let (class, word_at) = self.next_word(m);
        if single && self.state_tag(i) {
            // "Sen. Jane Roe (D-Mass.) Tuesday said": a party-state tag
            return e;
        }
        if self.citation_follows(m) {
            // "… stairways [...]" (Smith 55).": a parenthetical citation closes the sentence
            return e;
        }
        if self.attribution_follows(e, m) {
            self.epigraph(i, e);
            return e;
        }
        if wide {
            self.cut(e);
            return e;
        }
        // an ellipsis standing between spaces inside a quotation marks an omission from the
        // quoted text ("… of the church. ... The next thing …"), not a sentence end
        let standalone = (attached && spaced && b.get(i + 1) == Some(&b' '))
            || (!attached && !qe && (ell || dots >= 3));
        if standalone && e == run_end && self.in_quote(i) {
            return e;
        }
        if qe && self.quoted_exclamation(i, run_end, e, m) {
            return e;
        }
        if spaced {
            if attached && b.get(i + 1) == Some(&b' ') {
                // "compounds. . . . The": the first stop ends the sentence, the ellipsis opens
                // the next one
                if class == Class::Upper {
                    self.cut(i + 1);
                    return i + 2;
                }
                return run_end;
            }
            if dots >= 4 && class == Class::Upper {
                self.cut(e);
            }
            return e;
        }
        if !single {
            // "Yahoo! Research": a name spelt with `!` ends a sentence only before a word that
            // can start one, like an abbreviation
            let name = run_end == i + 1
                && b.get(i) == Some(&b'!')
                && self
                    .lang
                    .is_exclamation_name(self.t.get(self.word_start(i)..i).unwrap_or(""));
            // after `?`, `!` or an ellipsis a number rarely opens a sentence ("firma? 13:28")
            if class == Class::Upper && (!name || self.lang.is_starter(self.letters_at(word_at))) {
                self.cut(e);
            }
            return e;
        }
        // a single period
        if self.period_ends(i, m, closers, class, word_at) {
            self.cut(e);
        }
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The splitter that skips `)` until an enumeration begins cuts and excludes exactly what
    /// the scan over every candidate (the loop it replaced) does, on random text crowded with
    /// list markers, parentheses, stops and layout.
    #[test]
    fn parentheses_skipped_before_a_list_change_nothing() {
        fn splitter<'a>(t: &'a str, lang: &'a Lang) -> Splitter<'a> {
            Splitter {
                t,
                b: t.as_bytes(),
                lang,
                quoted: &[],
                cuts: Vec::new(),
                layout: Vec::new(),
                sent_start: 0,
                list: None,
                tok: (0, 0, false),
            }
        }
        // list items (each ends with a space, so the next may open with its marker), and
        // parentheses, stops and layout between them
        let pieces = [
            "a) x ",
            "b) y ",
            "c) z ",
            "1) one ",
            "2) two ",
            "3) three ",
            "(1) x ",
            "(2) y ",
            "i) x ",
            "ii) y ",
            "1. one ",
            "2. two ",
            "- ",
            "* ",
            "\u{2022} ",
            ")",
            ".)",
            ") ",
            " ",
            "\n",
            "Item ",
            "the",
            "U.S. ",
            "No. ",
            ". ",
            "? ",
            "!",
            "…",
            "=====",
            ": ",
            "(see",
        ];
        let lang = crate::segment::lang::en();
        let mut rng = crate::testrng::Rng::new(0x0a11_7ab1);
        let fixed = [
            "a) first item b) second item",
            "1) one 2) two 3) three",
            "(1) x (2) y",
        ];
        let random = (0..5_000).map(|_| (0..rng.below(30)).map(|_| rng.pick(&pieces)).collect());
        for t in fixed.map(String::from).into_iter().chain(random) {
            let t: String = t;
            let mut new = splitter(&t, lang);
            new.run();
            // the loop before: every candidate, `)` too, whether a list has begun or not
            let mut old = splitter(&t, lang);
            old.sentence_start(0);
            old.dateline();
            let mut i = 0;
            while let Some(at) = (i < t.len()).then(|| find_table(old.b, i, &CAND)).flatten() {
                i = old.candidate(at).max(at + 1);
            }
            assert_eq!((new.cuts, new.layout), (old.cuts, old.layout), "{t:?}");
            assert_eq!(new.list, old.list, "{t:?}");
        }
    }

    /// The byte test finds exactly the characters the splitter takes for stops, among all
    /// characters whose lead byte is a candidate.
    #[test]
    fn wide_stops_are_told_from_their_bytes() {
        for c in (0x800..=0xFFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let stop = matches!(c, '…' | '．' | '。' | '！' | '？');
            assert_eq!(wide_stop_at(b, 0), stop, "{c:?}");
            if stop {
                assert!(candidates()[usize::from(b[0])], "{c:?}");
            }
        }
    }
}
