//! Whether a single `.` ends its sentence or belongs to the word before it: a list marker
//! ("1."), an abbreviation (title, state, time, month or weekday, "No."), a unit or time zone
//! after a number, a temperature scale, an initial.

use super::{Kind, Splitter};
use crate::segment::lang::AbbrevKind;
use crate::segment::lists;
use crate::segment::text::{skip_ws, Class};

impl Splitter<'_> {
    /// Whether the single period at `i` ends its sentence: `closers` tells whether closing marks
    /// follow it; the next word, of class `class`, starts at `m` (its letters at `word_at`, as
    /// given by [`Splitter::next_word`]).
    pub(super) fn period_ends(
        &self,
        i: usize,
        m: usize,
        closers: bool,
        class: Class,
        word_at: usize,
    ) -> bool {
        let b = self.b;
        let ws = self.word_start(i);
        let first = skip_ws(b, self.sent_start);
        if self
            .list
            .is_some_and(|m| m.start == first && m.start <= i && i < m.end)
        {
            // the marker of a list item: "1. The first item"
            return false;
        }
        // a list marker opens the next word ("1.", "a)"); asked only where it decides
        let next_marker = || lists::parse_at(b, m).is_some();
        // the letters of the next word, read only where they decide
        let word = || self.letters_at(word_at);
        let kind = match self.kind(ws, i) {
            _ if closers => Kind::Plain,
            // "at 8 p.m. PT. Police …": a time zone, not the abbreviation "pt"
            // "rose 2.3 pct. Bonds …": a unit after a number
            Kind::Abbrev(_) if self.zone_after_time(ws, i) || self.unit_after_number(ws, i) => {
                Kind::Plain
            }
            // "104 degrees F. Forecasters …": a temperature scale, not an initial
            Kind::Initial if self.scale_after_degrees(ws, i) => Kind::Plain,
            k => k,
        };
        match kind {
            Kind::Plain | Kind::Number => class != Class::Lower || next_marker(),
            Kind::Abbrev(AbbrevKind::Title) => false,
            Kind::Abbrev(AbbrevKind::State) => self.state_end(ws, i, class, word(), m),
            Kind::Letter => next_marker(),
            Kind::Abbrev(AbbrevKind::Time) if self.number_before(ws) => match class {
                Class::Upper => !self.lang.is_after_time(word()) && !self.opening_time(first, ws),
                Class::Digit => true,
                _ => false,
            },
            // "No. 5", but "the answer is no. Officials…" (a Roman numeral still follows: "Vol. II")
            Kind::Abbrev(AbbrevKind::BeforeNumber) => {
                class == Class::Upper && !self.roman_numeral(word(), word_at)
            }
            // "Jan. 20", "Tue. night", "Fri. Oct. 5", but "the Sun. Astronomers …": a month or
            // weekday abbreviation goes on before a number, a lower-case word or another date
            Kind::Abbrev(AbbrevKind::Date) => {
                class == Class::Upper && !self.lang.is_after_time(word())
            }
            Kind::Abbrev(_) | Kind::Dotted => {
                class == Class::Upper && self.lang.is_starter(word()) && !self.dateline_place(ws, m)
            }
            Kind::Initial => {
                let pronoun = self.t.get(ws..i) == Some("I") && self.lower_word_before(ws);
                if pronoun {
                    class != Class::Lower
                } else {
                    // "J. A. Smith": another initial follows, the name goes on
                    let initial_next = self.b.get(m).is_some_and(u8::is_ascii_uppercase)
                        && self.b.get(m + 1) == Some(&b'.');
                    class == Class::Upper
                        && self.lang.is_starter(word())
                        && ws != first
                        && !initial_next
                }
            }
        }
    }
}
