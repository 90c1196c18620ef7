//! `unattributed-claim`: a factual claim with no source; raised for figures, superlatives,
//! allegation words, and the headline or first paragraph.

use super::ctx::SentenceSet;
use super::phrases::{each_token, PhraseList, Token};
use super::{CheckDef, Ctx, Message, Out};
use crate::classify::Label;
use crate::ledger::Ledger;

pub fn check(ctx: &Ctx, def: &CheckDef, _ledger: &Ledger, out: &mut Out) {
    let boilerplate = def.list("boilerplate");
    let superlatives = def.list("superlatives");
    let allegations = def.list("allegation-words");
    let figures = FigureLists::new(def);
    // the sentences where each list may be found (issue 6)
    let (boilerplate_in, superlatives_in, allegations_in) = (
        ctx.sentences_with(boilerplate),
        ctx.sentences_with(superlatives),
        ctx.sentences_with(allegations),
    );
    let nouns_in = ctx.sentences_with(figures.nouns);
    for (i, c) in ctx.labels.iter().enumerate() {
        if c.label != Label::Unattributed {
            continue;
        }
        let span = ctx.sentence(i);
        // credit lines, corrections, sign-offs: not claims
        if boilerplate_in.may(i) && ctx.any(boilerplate, span) {
            continue;
        }
        let mut why = 0u8;
        if has_figure(ctx, i, &figures, &nouns_in) {
            why |= FIGURE;
        }
        if superlatives_in.may(i) && ctx.any(superlatives, span) {
            why |= SUPERLATIVE;
        }
        if allegations_in.may(i) && ctx.any(allegations, span) {
            why |= ALLEGATION;
        }
        if ctx.in_top(i) {
            why |= if ctx.is_heading(i) {
                HEADLINE
            } else {
                FIRST_PARAGRAPH
            };
        }
        out.push(why != 0, span, Some(i), Message::Unattributed(why));
    }
}

const FIGURE: u8 = 1;
const SUPERLATIVE: u8 = 2;
const ALLEGATION: u8 = 4;
const HEADLINE: u8 = 8;
const FIRST_PARAGRAPH: u8 = 16;

/// The reasons a claim is raised for, in the order the message gives them.
const REASONS: [(u8, &str); 5] = [
    (FIGURE, "carries a figure"),
    (SUPERLATIVE, "makes a superlative claim"),
    (ALLEGATION, "makes an allegation"),
    (HEADLINE, "is in the headline"),
    (FIRST_PARAGRAPH, "is in the first paragraph"),
];

/// The message of a claim raised for the reasons in `why` (bits of [`REASONS`]).
pub(super) fn message(why: u8) -> String {
    if why == 0 {
        return "unattributed claim: no source is given for this sentence".to_string();
    }
    let mut m = String::from("unattributed claim that ");
    let mut first = true;
    for (bit, reason) in REASONS {
        if why & bit != 0 {
            if !first {
                m.push_str(" and ");
            }
            first = false;
            m.push_str(reason);
        }
    }
    m
}

/// The word lists [`has_figure`] reads, looked up once per document.
struct FigureLists<'a> {
    nouns: &'a PhraseList,
    months: &'a PhraseList,
    suffixes: &'a PhraseList,
    raw_suffixes: &'a [String],
}

impl<'a> FigureLists<'a> {
    fn new(def: &'a CheckDef) -> Self {
        FigureLists {
            nouns: def.list("figure-nouns"),
            months: def.list("months"),
            suffixes: def.list("number-suffixes"),
            raw_suffixes: def.raw("number-suffixes"),
        }
    }
}

/// A count, percentage or amount: a number that is not a year, or a figure noun (`dozens`;
/// `nouns_in`: the sentences where one may be found).
fn has_figure(ctx: &Ctx, i: usize, lists: &FigureLists, nouns_in: &SentenceSet) -> bool {
    if nouns_in.may(i) && ctx.any(lists.nouns, ctx.sentence(i)) {
        return true;
    }
    let text = ctx.text;
    // every figure token has an ASCII digit
    if !has_digit(ctx.sentence(i).slice(text).as_bytes()) {
        return false;
    }
    // tokens handed over one at a time with the one before and after (issue 6: a stream of
    // the whole sentence tokenized it all before the first figure could end the walk)
    let (mut prev, mut cur) = (None, None);
    let mut found = false;
    each_token(text, ctx.sentence(i), |next| {
        if let Some(t) = cur {
            if may_be_figure(text, t) && is_figure(text, prev, t, Some(next), lists) {
                found = true;
                return false;
            }
        }
        prev = cur;
        cur = Some(next);
        true
    });
    found || cur.is_some_and(|t| may_be_figure(text, t) && is_figure(text, prev, t, None, lists))
}

/// Whether token `t` begins with a byte a figure may begin with (every character of one is
/// an ASCII digit or `,.%$`, see [`is_figure`]): most words are ruled out by one byte.
#[inline]
fn may_be_figure(text: &str, t: Token) -> bool {
    text.as_bytes()
        .get(t.span.start)
        .is_some_and(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b'%' | b'$'))
}

/// Whether `bytes` hold an ASCII digit, tested eight bytes at a time (issue 6: a byte at a
/// time, this test was a sixth of the check).
fn has_digit(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // a lane holds a digit when its low seven bits are at least `0` and below `:` and its
    // high bit is clear; seven bits plus 0x50 never carry into the next lane
    let digits = |w: u64| {
        let low = w & !HIGH;
        low.wrapping_add(ONES * 0x50) & !low.wrapping_add(ONES * 0x46) & !w & HIGH
    };
    let (words, rest) = bytes.as_chunks::<8>();
    words.iter().any(|w| digits(u64::from_le_bytes(*w)) != 0) || rest.iter().any(u8::is_ascii_digit)
}

/// Whether token `t`, between `prev` and `next` (the tokens either side of it in the
/// sentence, if any), is a figure.
fn is_figure(
    text: &str,
    prev: Option<Token>,
    t: Token,
    next: Option<Token>,
    lists: &FigureLists,
) -> bool {
    let (months, suffixes) = (lists.months, lists.suffixes);
    let w = t.text(text);
    let numeric = w
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%' | '$'));
    if !(numeric && w.chars().any(|c| c.is_ascii_digit())) {
        return false;
    }
    let after_month = prev.is_some_and(|p| months.is(p.text(text)));
    // `8:05`: a clock time
    let clock = text.get(t.span.end..).is_some_and(|r| r.starts_with(':'))
        || text.get(..t.span.start).is_some_and(|l| l.ends_with(':'));
    // `6 a.m.`: a time; `EB-5`, `F-16`: names with digits
    let time = next.is_some_and(|n| suffixes.is(n.text(text)));
    !time && !clock && !is_year(w) && !after_month && !has_number_suffix(w, lists.raw_suffixes)
}

/// `2015`, `1999`: a bare four-digit year.
fn is_year(w: &str) -> bool {
    w.len() == 4
        && w.chars().all(|c| c.is_ascii_digit())
        && (w.starts_with("19") || w.starts_with("20"))
}

/// `11th`, `5pm`, `1990s`: ordinals, clock times and decades are not figures.
fn has_number_suffix(w: &str, suffixes: &[String]) -> bool {
    let lower = w.to_lowercase();
    suffixes.iter().any(|suf| {
        lower
            .strip_suffix(suf.as_str())
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_found_as_byte_by_byte() {
        // every byte value at every position of a word and of the tail
        for len in [1, 7, 8, 9, 16, 23] {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'x'; len];
                    bytes[at] = b;
                    assert_eq!(has_digit(&bytes), b.is_ascii_digit(), "{len} {at} {b:#x}");
                }
            }
        }
        assert!(!has_digit(b""));
        assert!(!has_digit("\u{2153}\u{663}\u{ff10} é /:".as_bytes()));
    }

    #[test]
    fn messages_list_the_reasons_in_order() {
        assert_eq!(
            message(0),
            "unattributed claim: no source is given for this sentence"
        );
        assert_eq!(message(FIGURE), "unattributed claim that carries a figure");
        assert_eq!(
            message(HEADLINE | ALLEGATION | FIGURE),
            "unattributed claim that carries a figure and makes an allegation and is in the headline"
        );
        assert_eq!(
            message(SUPERLATIVE | FIRST_PARAGRAPH),
            "unattributed claim that makes a superlative claim and is in the first paragraph"
        );
    }
}
