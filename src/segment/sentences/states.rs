//! US state abbreviations in news copy: party-state tags "(D-Mass.)", places "Springfield,
//! Mass." and states before a title "Fla. Gov." (language data: `states` in
//! `rules/lang/en.toml`).

use super::{Splitter, WORD_MAX};
use crate::segment::lang::AbbrevKind;
use crate::segment::text::{char_at, is_dash, skip_ws, Class};

impl Splitter<'_> {
    /// Whether the period at `i`, right before a `)`, ends a party-state or place tag in
    /// parentheses: "(D-Mass.)", "(R-N.H.)", "(Ariz.)", "(Bergen County, N.J.)". A stop there
    /// never ends a sentence.
    pub(super) fn state_tag(&self, i: usize) -> bool {
        if self.b.get(i + 1) != Some(&b')') {
            return false;
        }
        let lo = i.saturating_sub(WORD_MAX).max(self.sent_start.min(i));
        let Some(window) = self.b.get(lo..i) else {
            return false;
        };
        let Some(k) = memchr::memrchr2(b'(', b')', window) else {
            return false;
        };
        if window.get(k) != Some(&b'(') {
            return false;
        }
        let Some(inner) = self.t.get(lo + k + 1..i) else {
            return false;
        };
        // an optional party: "D-", "Ind-"
        let inner = match inner.split_once('-') {
            Some((party, rest)) if self.lang.is_party(party) => rest,
            _ => inner,
        };
        // an optional place before a comma: capitalised words
        let state = match inner.rsplit_once(", ") {
            Some((place, state)) => {
                let mut words = 0;
                for w in place.split(' ') {
                    words += 1;
                    if words > 4 || !w.starts_with(|c: char| c.is_ascii_uppercase()) {
                        return false;
                    }
                }
                state
            }
            None => inner,
        };
        self.lang.is_state(state)
    }

    /// Whether the single period at `i` after the state abbreviation `ws..i` ends a sentence,
    /// given the next word (`class`, `word`) starting at `m`.
    pub(super) fn state_end(
        &self,
        ws: usize,
        i: usize,
        class: Class,
        word: &str,
        m: usize,
    ) -> bool {
        let w = self.t.get(ws..i).unwrap_or("");
        if class != Class::Upper {
            return false;
        }
        let dotted = self
            .t
            .get(m..)
            .and_then(|r| r.strip_prefix(word))
            .is_some_and(|r| r.starts_with('.'));
        if dotted && self.lang.abbrev(word) == Some(AbbrevKind::Title) {
            // "former Fla. Gov. Jeb Bush"
            return false;
        }
        if self.dateline_place(ws, m) {
            // "RENO, Nev. — The county …"
            return false;
        }
        // a dash or a parenthesis after a place belongs to a dateline ("Reno, Nev. (AP) — …"),
        // decided like any other abbreviation below
        let dateline = char_at(self.t, m).is_some_and(|c| is_dash(c) || c == '(');
        if !dateline && self.place_before(ws) {
            // "in Greensboro, N.C. Police said": the state closes the place name
            return true;
        }
        if self.lang.is_state_word(w) && self.lower_word_before(ws) {
            // "after the requiem Mass. Cardinal …"
            return true;
        }
        self.lang.is_starter(word)
    }

    /// Whether the abbreviation at `ws` (a state, "D.C.") ends the place of a dateline that
    /// opens the block, in capitals, and a dash or "(AP)" follows at `m`: "WASHINGTON, D.C. —
    /// The agency …", "RENO, Nev. (AP) — The …". The story goes on after the dash.
    pub(super) fn dateline_place(&self, ws: usize, m: usize) -> bool {
        if !char_at(self.t, m).is_some_and(|c| is_dash(c) || c == '(') {
            return false;
        }
        let first = skip_ws(self.b, 0);
        let Some(place) = self.t.get(first..ws).and_then(|h| h.strip_suffix(", ")) else {
            return false;
        };
        place.len() <= WORD_MAX
            && place.bytes().any(|c| c.is_ascii_uppercase())
            && place
                .bytes()
                .all(|c| c.is_ascii_uppercase() || matches!(c, b' ' | b'.' | b'-' | b'\''))
    }

    /// Whether a capitalised place name and a comma stand right before `ws` ("Greensboro, ").
    fn place_before(&self, ws: usize) -> bool {
        let b = self.b;
        if ws < 3 || b.get(ws - 1) != Some(&b' ') || b.get(ws - 2) != Some(&b',') {
            return false;
        }
        let end = ws - 2;
        let mut s = end;
        let lo = end.saturating_sub(WORD_MAX);
        while s > lo
            && b.get(s - 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'.')
        {
            s -= 1;
        }
        s < end && b.get(s).is_some_and(u8::is_ascii_uppercase)
    }
}
