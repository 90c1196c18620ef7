//! Bounded look-around for the sentence splitter: the word before a stop, the next word,
//! glued periods (footnotes, missing spaces), citations, URL tokens.

use super::{Kind, Splitter, WORD_MAX};
use crate::segment::lang::AbbrevKind;
use crate::segment::text::{
    alpha_prefix, char_at, class_of, is_dash, is_opener, skip_ws, ws_before, ws_len, Class,
    LaneTable,
};

/// Bytes [`Splitter::word_start`] takes into a word: ASCII letters and digits, `.`, `&`, `-`
/// and every byte of a non-ASCII character.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'.' || b == b'&' || b == b'-' || b >= 0x80;
        c += 1;
    }
    t
};

/// The bytes that end a word going backwards (the complement of [`WORD_BYTE`]), for the
/// eight-bytes-at-a-time step of [`Splitter::word_start`].
static NOT_WORD: LaneTable = LaneTable::new(&{
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = !WORD_BYTE[c];
        c += 1;
    }
    t
});

/// The high bit of every byte of a word: the non-ASCII bytes of eight.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

impl Splitter<'_> {
    /// A period with a word character right after it: a decimal, a domain, an abbreviation
    /// (U.S), a footnote number ("consultation.11 12 Take") or a missing space ("world.Today").
    pub(super) fn glued_period(&mut self, i: usize) -> usize {
        let b = self.b;
        let prev = b.get(i.wrapping_sub(1)).copied().unwrap_or(0);
        let n1 = b.get(i + 1).copied().unwrap_or(0);
        let n2 = b.get(i + 2).copied().unwrap_or(0);
        if n1.is_ascii_digit() && (prev.is_ascii_lowercase() || prev == b')' || prev == b']') {
            // footnote numbers: 1–3 digits, then white space, then a capital after optional
            // further numbers
            let mut p = i + 1;
            while p < i + 4 && b.get(p).is_some_and(u8::is_ascii_digit) {
                p += 1;
            }
            if ws_len(b, p) == 0 || !self.is_footnote_ctx(i) {
                return i + 1;
            }
            let mut e = p;
            loop {
                let q = skip_ws(b, e);
                let mut r = q;
                while r < q + 3 && b.get(r).is_some_and(u8::is_ascii_digit) {
                    r += 1;
                }
                if r > q && ws_len(b, r) > 0 && !b.get(r).is_some_and(u8::is_ascii_digit) {
                    e = r;
                } else {
                    break;
                }
            }
            let q = skip_ws(b, e);
            if class_of(char_at(self.t, q)) == Class::Upper {
                self.cut(e);
            }
            return e;
        }
        if (prev.is_ascii_lowercase() || prev.is_ascii_digit())
            && n1.is_ascii_uppercase()
            && n2.is_ascii_lowercase()
            && !self.in_url(i)
        {
            let ws = self.word_start(i);
            if matches!(self.kind(ws, i), Kind::Plain | Kind::Number) {
                self.cut(i + 1);
            }
        }
        i + 1
    }

    /// A footnote number follows a word (letters), not a number or code ("v1.2").
    pub(super) fn is_footnote_ctx(&mut self, i: usize) -> bool {
        if matches!(self.b.get(i.wrapping_sub(1)), Some(b')' | b']')) {
            return !self.in_url(i);
        }
        let ws = self.word_start(i);
        let w = self.t.get(ws..i).unwrap_or("");
        !self.in_url(i)
            && w.len() >= 2
            && !w.bytes().any(|c| c.is_ascii_digit() && c != b')')
            && matches!(self.kind(ws, i), Kind::Plain)
    }

    /// End of a citation mark `[12]`, `[2–11]`, `[3, 4]` starting at `e`.
    pub(super) fn citation_end(&self, e: usize) -> Option<usize> {
        let s = self.t.get(e + 1..)?;
        let mut len = 0;
        for ch in s.chars().take(16) {
            match ch {
                ']' if len > 0 => return Some(e + 1 + len + 1),
                '0'..='9' | ',' | ' ' | '-' | '–' => len += ch.len_utf8(),
                _ => return None,
            }
        }
        None
    }

    /// Whether a parenthesis opens at `m` and closes within a few words, one of them a number,
    /// right before a stop.
    pub(super) fn citation_follows(&self, m: usize) -> bool {
        if self.b.get(m) != Some(&b'(') {
            return false;
        }
        let window = self.b.get(m + 1..(m + 48).min(self.b.len())).unwrap_or(&[]);
        match memchr::memchr2(b')', b'(', window) {
            Some(k) if window.get(k) == Some(&b')') => {
                // a citation names a page or a year: "(Smith 55)", "(Horne et al., 2007)"; a
                // parenthesis of words is a sentence of its own ("… checks. (The tests are
                // new)." is two)
                let inner = window.get(..k).unwrap_or(&[]);
                matches!(window.get(k + 1), Some(b'.' | b'!' | b'?'))
                    && !inner.iter().any(|&c| matches!(c, b'.' | b'!' | b'?'))
                    && inner.iter().any(u8::is_ascii_digit)
            }
            _ => false,
        }
    }

    /// Class of the next word starting at `m` (after openers and dashes) and where it starts
    /// (its letters are read by [`Splitter::letters_at`] only where they decide).
    pub(super) fn next_word(&self, m: usize) -> (Class, usize) {
        let mut p = m;
        for _ in 0..8 {
            // white space of any kind: "— Officials" is often set with a no-break space
            let sp = ws_len(self.b, p);
            if sp > 0 {
                p += sp;
                continue;
            }
            match char_at(self.t, p) {
                Some(c) if is_opener(c) || is_dash(c) => p += c.len_utf8(),
                _ => break,
            }
        }
        (class_of(char_at(self.t, p)), p)
    }

    /// The letters (at most 24) of the word starting at `p`: asked only for the few periods
    /// whose word before is an abbreviation or an initial, and after `!` names (issue 6: counting
    /// them after every stop was 2.5 % of the segmenter).
    pub(super) fn letters_at(&self, p: usize) -> &str {
        let rest = self.t.get(p..).unwrap_or("");
        let len = alpha_prefix(rest, 24);
        rest.get(..len).unwrap_or("")
    }

    /// Whether the capitalised `word` at `at` after "No." or "Vol." is a Roman numeral ("Vol.
    /// II", "Vol. I, Part 2") rather than the pronoun I ("No. I'm done", "No. I don't think so"):
    /// the pronoun takes an apostrophe or a lower-case verb after it.
    pub(super) fn roman_numeral(&self, word: &str, at: usize) -> bool {
        if !word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
            return false;
        }
        if word != "I" {
            return true;
        }
        let after = at + 1;
        let pronoun = match char_at(self.t, after) {
            Some('\'' | '’') => true,
            Some(' ') => class_of(char_at(self.t, skip_ws(self.b, after))) == Class::Lower,
            _ => false,
        };
        !pronoun
    }

    /// Whether the abbreviation at `ws..i` is a unit after a number or a rate word ("2.3 pct.",
    /// "40 km.", "cars a yr."): a unit takes no capitalised word after it, so its period is
    /// decided like any word's.
    pub(super) fn unit_after_number(&self, ws: usize, i: usize) -> bool {
        self.lang.is_unit(self.t.get(ws..i).unwrap_or(""))
            && (self.number_before(ws) || self.lang.is_unit_rate(self.word_before(ws)))
    }

    /// Whether the capital at `ws..i` is a temperature scale after a degree word ("104 degrees
    /// F."): a unit, decided like any word, not an initial.
    pub(super) fn scale_after_degrees(&self, ws: usize, i: usize) -> bool {
        self.lang
            .is_scale(self.word_before(ws), self.t.get(ws..i).unwrap_or(""))
    }

    /// The white-space-delimited word right before `ws` (bounded; empty at the start).
    pub(super) fn word_before(&self, ws: usize) -> &str {
        let before = self.t.get(..ws).unwrap_or("").trim_end();
        let start = before.len().saturating_sub(WORD_MAX);
        let start = (start..before.len())
            .find(|&k| before.is_char_boundary(k))
            .unwrap_or(before.len());
        let tail = before.get(start..).unwrap_or("");
        tail.rsplit(char::is_whitespace).next().unwrap_or("")
    }

    /// Whether the one-letter word at `ws` is glued to the word before it by an apostrophe or
    /// a slash: the tail of a longer word ("didn't.", "km/s."), not a letter or an initial.
    fn glued_tail(&self, ws: usize) -> bool {
        let b = self.b;
        ws >= 2
            && matches!(b.get(ws - 1), Some(b'\'' | b'/'))
            && b.get(ws - 2).is_some_and(u8::is_ascii_alphanumeric)
    }

    /// Start of the word that ends at the stop `i` (bounded; openers excluded).
    pub(super) fn word_start(&self, i: usize) -> usize {
        let b = self.b;
        let lo = i.saturating_sub(WORD_MAX).max(self.sent_start.min(i));
        let mut s = i;
        let mut wide = false;
        // eight bytes at a time while they lie above `lo`: the last byte that is no word byte
        // is the highest bit of the chunk's mask (issue 6: a byte loop with a test per byte was
        // two thirds of the call); the bytes past it are the word's, and its non-ASCII bytes
        // are their high bits (the byte that ends the word is ASCII)
        let mut ended = false;
        while s >= lo + 8 {
            let Some(chunk) = b.get(s - 8..s).and_then(|c| <&[u8; 8]>::try_from(c).ok()) else {
                break;
            };
            let high = u64::from_le_bytes(*chunk) & HIGH_BITS;
            let m = NOT_WORD.mask(chunk);
            if m != 0 {
                let k = 7 - m.leading_zeros() as usize;
                wide |= (high >> (8 * k)) != 0;
                s = s - 8 + k + 1;
                ended = true;
                break;
            }
            wide |= high != 0;
            s -= 8;
        }
        while !ended && s > lo && b.get(s - 1).is_some_and(|&c| WORD_BYTE[usize::from(c)]) {
            s -= 1;
            wide |= b.get(s).is_some_and(|&c| c >= 0x80);
        }
        while s < i && !self.t.is_char_boundary(s) {
            s += 1;
        }
        if wide {
            // a non-ASCII space ends the word before it ("Vermont\u{a0}Sen.")
            let w = self.t.get(s..i).unwrap_or("");
            if let Some((k, c)) = w.char_indices().rfind(|&(_, c)| c.is_whitespace()) {
                s += k + c.len_utf8();
            }
        }
        if s == i || b.get(s).is_some_and(u8::is_ascii_alphanumeric) {
            // the common case: the word starts with a letter or digit
            return s;
        }
        // drop leading non-alphanumeric characters (curly quotes, dashes)
        let w = self.t.get(s..i).unwrap_or("");
        let trimmed = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        i - trimmed.len()
    }

    pub(super) fn kind(&self, ws: usize, i: usize) -> Kind {
        let w = self.t.get(ws..i).unwrap_or("");
        if w.is_empty() || i - ws >= WORD_MAX - 1 {
            return Kind::Plain;
        }
        let mut chars = w.chars();
        let letter = match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        };
        if letter.is_some() && self.glued_tail(ws) {
            return Kind::Plain;
        }
        if letter.is_some_and(char::is_uppercase) {
            // a capital letter is an initial ("Leroy P. Steele") even where the lower-case
            // letter is an abbreviation ("p. 55")
            return Kind::Initial;
        }
        if let Some(k) = self.lang.abbrev(w) {
            return Kind::Abbrev(k);
        }
        // all digits, commas and periods: a number (most words are told by their first byte,
        // issue 6: a fold over every byte for this and the period test was 1 % of the segmenter)
        if w.bytes()
            .all(|c| c.is_ascii_digit() || c == b',' || c == b'.')
        {
            return Kind::Number;
        }
        if letter.is_some_and(char::is_lowercase) {
            return Kind::Letter;
        }
        if w.bytes().any(|c| c == b'.')
            && w.split('.').all(|seg| {
                (1..=2).contains(&seg.len()) && seg.bytes().all(|c| c.is_ascii_alphabetic())
            })
        {
            return Kind::Dotted;
        }
        Kind::Plain
    }

    /// Whether the word before `ws` is a number ("6 p.m.").
    pub(super) fn number_before(&self, ws: usize) -> bool {
        let before = self.t.get(..ws).unwrap_or("").trim_end();
        let start = before.len().saturating_sub(12);
        let tail = before.get(start..).unwrap_or("");
        tail.rsplit(|c: char| c.is_whitespace())
            .next()
            .is_some_and(|w| w.bytes().next().is_some_and(|c| c.is_ascii_digit()))
    }

    /// Whether `ws..i` is a time zone in capitals right after a clock time: "8 p.m. PT",
    /// "17:00 GMT".
    pub(super) fn zone_after_time(&self, ws: usize, i: usize) -> bool {
        let w = self.t.get(ws..i).unwrap_or("");
        if !w.bytes().all(|c| c.is_ascii_uppercase()) || !self.lang.is_time_zone(w) {
            return false;
        }
        let before = self.t.get(..ws).unwrap_or("").trim_end();
        let start = before.len().saturating_sub(12);
        let start = (start..before.len())
            .find(|&k| before.is_char_boundary(k))
            .unwrap_or(before.len());
        let tail = before.get(start..).unwrap_or("");
        let Some(prev) = tail.rsplit(char::is_whitespace).next() else {
            return false;
        };
        let clock = prev.contains(':')
            && prev.bytes().next().is_some_and(|c| c.is_ascii_digit())
            && prev.bytes().all(|c| c.is_ascii_digit() || c == b':');
        clock
            || prev
                .strip_suffix('.')
                .is_some_and(|p| self.lang.abbrev(p) == Some(AbbrevKind::Time))
    }

    /// Whether the word before `ws` starts with a lower-case letter ("you and I.").
    pub(super) fn lower_word_before(&self, ws: usize) -> bool {
        self.word_before(ws)
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
    }

    /// Whether the white-space-delimited token around `i` is a URL or an e-mail address.
    pub(super) fn in_url(&mut self, i: usize) -> bool {
        let (s, e, url) = self.tok;
        if s <= i && i < e {
            return url;
        }
        let b = self.b;
        let lo = e.min(i);
        let mut s = i;
        while s > lo && !ws_before(b, s) {
            s -= 1;
        }
        let mut e = i;
        while e < b.len() && ws_len(b, e) == 0 {
            e += 1;
        }
        let tok = b.get(s..e).unwrap_or(&[]);
        let tok = match tok.iter().position(u8::is_ascii_alphanumeric) {
            Some(p) => tok.get(p..).unwrap_or(&[]),
            None => tok,
        };
        let url = memchr::memchr(b'@', tok).is_some()
            || memchr::memmem::find(tok, b"://").is_some()
            || tok
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"www."));
        self.tok = (s, e, url);
        url
    }

    /// A caption credit label before the colon at `i` ("… at the booth Image: Jane Doe."):
    /// a capitalised label word from the language data, with text before it in the block and
    /// white space then a word after the colon, starts a sentence of its own.
    pub(super) fn credit_label(&mut self, i: usize) {
        let b = self.b;
        if ws_len(b, i + 1) == 0 {
            return;
        }
        let ws = self.word_start(i);
        let Some(word) = self.t.get(ws..i) else {
            return;
        };
        let first = skip_ws(b, self.sent_start);
        if ws <= first
            || !ws_before(b, ws)
            || !word.bytes().next().is_some_and(|c| c.is_ascii_uppercase())
            || !self.lang.is_credit_label(word)
        {
            return;
        }
        let m = skip_ws(b, i + 1);
        if matches!(class_of(char_at(self.t, m)), Class::Upper | Class::Digit) {
            self.cut(ws);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word start found eight bytes at a time is the one the byte loop it replaced finds,
    /// for every stop position and sentence start in random text of words, spaces, marks and
    /// non-ASCII characters (long words too, past a chunk and past `WORD_MAX`).
    #[test]
    fn word_start_by_chunks_is_the_byte_loop() {
        fn old(sp: &Splitter<'_>, i: usize) -> usize {
            let b = sp.b;
            let lo = i.saturating_sub(WORD_MAX).max(sp.sent_start.min(i));
            let mut s = i;
            let mut wide = false;
            while s > lo && b.get(s - 1).is_some_and(|&c| WORD_BYTE[usize::from(c)]) {
                s -= 1;
                wide |= b.get(s).is_some_and(|&c| c >= 0x80);
            }
            while s < i && !sp.t.is_char_boundary(s) {
                s += 1;
            }
            if wide {
                let w = sp.t.get(s..i).unwrap_or("");
                if let Some((k, c)) = w.char_indices().rfind(|&(_, c)| c.is_whitespace()) {
                    s += k + c.len_utf8();
                }
            }
            if s == i || b.get(s).is_some_and(u8::is_ascii_alphanumeric) {
                return s;
            }
            let w = sp.t.get(s..i).unwrap_or("");
            let trimmed = w.trim_start_matches(|c: char| !c.is_alphanumeric());
            i - trimmed.len()
        }
        // long words too: past a chunk of eight and past `WORD_MAX`
        let long = "internationalisation".repeat(2);
        let pieces = [
            "a",
            "Sen",
            "U.S",
            "well-known",
            "AT&T",
            "1,000",
            "é",
            "北京",
            "\u{a0}",
            "\u{2014}",
            "\u{201c}",
            " ",
            " ",
            "\n",
            ".",
            "(",
            "'",
            "x",
            &long,
        ];
        let lang = crate::segment::lang::en();
        let mut rng = crate::testrng::Rng::new(0x5eed_0b0d);
        for _ in 0..4_000 {
            let t: String = (0..rng.below(24)).map(|_| rng.pick(&pieces)).collect();
            for sent_start in [0, rng.below(t.len() + 1)] {
                let sp = Splitter {
                    t: &t,
                    b: t.as_bytes(),
                    lang,
                    quoted: &[],
                    cuts: Vec::new(),
                    layout: Vec::new(),
                    sent_start,
                    list: None,
                    tok: (0, 0, false),
                };
                for i in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                    assert_eq!(
                        sp.word_start(i),
                        old(&sp, i),
                        "{t:?} at {i} from {sent_start}"
                    );
                }
            }
        }
    }
}
