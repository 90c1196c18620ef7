//! `unattributed-claim`: a factual claim with no source; raised for figures, superlatives,
//! allegation words, and the headline or first paragraph.

use super::ctx::SentenceSet;
use super::phrases::{each_token, last_token, PhraseList, Token};
use super::{CheckDef, Ctx, Message, Out};
use crate::classify::Label;
use crate::ledger::Ledger;
use crate::span::Span;

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
    /// Whether a suffix is made of the characters of a figure's token alone (digits and
    /// `,.%$`): no other ends one (issue 6: every suffix was tried on every figure).
    numeric_suffix: bool,
}

impl<'a> FigureLists<'a> {
    fn new(def: &'a CheckDef) -> Self {
        FigureLists {
            nouns: def.list("figure-nouns"),
            months: def.list("months"),
            suffixes: def.list("number-suffixes"),
            raw_suffixes: def.raw("number-suffixes"),
            numeric_suffix: def
                .raw("number-suffixes")
                .iter()
                .any(|s| s.chars().all(figure_char)),
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
    let span = ctx.sentence(i);
    let bytes = span.slice(text).as_bytes();
    // every figure token has an ASCII digit, and no token holds ASCII white space: only the
    // stretches between white space that hold a digit are tokenized, each on its own (issue
    // 6: the whole of every unattributed sentence with a digit was tokenized, most often for
    // a year). A stretch that starts after white space is tokenized as the whole sentence is
    // from there on, and one that ends at white space ends with the token it holds last.
    let mut pos = 0;
    while let Some(d) = next_digit(bytes, pos) {
        // the stretch around the digit, from the stretch before it on (which holds the token
        // before the digit's, most often): after white space, not before `pos` (the white
        // space that ended the last stretch), up to the white space after the digit
        let a = stretch_start(bytes, pos, d);
        let a = match a.checked_sub(1) {
            Some(w) if w > pos => {
                let last = bytes
                    .get(pos..w)
                    .and_then(|r| r.iter().rposition(|b| !b.is_ascii_whitespace()));
                last.map_or(a, |k| stretch_start(bytes, pos, pos + k))
            }
            _ => a,
        };
        let b = bytes
            .get(d..)
            .and_then(|r| r.iter().position(u8::is_ascii_whitespace))
            .map_or(bytes.len(), |k| d + k);
        let chunk = Span::new(span.start + a, span.start + b);
        // token `t` of the chunk, after `prev` (none: read before the chunk), is a figure
        let figure = |t: Token, prev: Option<Token>, next: &mut dyn FnMut() -> Option<Token>| {
            may_be_figure(text, t)
                && is_figure(text, t, lists, || prev_of(text, span, chunk, prev), next)
        };
        let (mut prev, mut cur) = (None, None);
        let mut found = false;
        each_token(text, chunk, |next| {
            if cur.is_some_and(|t| figure(t, prev, &mut || Some(next))) {
                found = true;
                return false;
            }
            prev = cur;
            cur = Some(next);
            true
        });
        // the chunk's last token, before the first token after the chunk
        let after = Span::new(chunk.end, span.end);
        if found || cur.is_some_and(|t| figure(t, prev, &mut || first_token(text, after))) {
            return true;
        }
        pos = b;
    }
    false
}

/// Where the stretch of `bytes` that holds byte `d` starts: after the last ASCII white space
/// before `d`, at `pos` at the earliest.
fn stretch_start(bytes: &[u8], pos: usize, d: usize) -> usize {
    bytes
        .get(pos..d)
        .and_then(|r| r.iter().rposition(u8::is_ascii_whitespace))
        .map_or(pos, |k| pos + k + 1)
}

/// The token before the first one of `chunk` in `sentence` when `prev` (the token before in
/// the chunk) is none.
fn prev_of(text: &str, sentence: Span, chunk: Span, prev: Option<Token>) -> Option<Token> {
    prev.or_else(|| last_token(text, Span::new(sentence.start, chunk.start)))
}

/// The first of [`tokens`](super::phrases::tokens) of `within`, read no further.
fn first_token(text: &str, within: Span) -> Option<Token> {
    let mut first = None;
    each_token(text, within, |t| {
        first = Some(t);
        false
    });
    first
}

/// Whether token `t` begins with a byte a figure may begin with (every character of one is
/// an ASCII digit or `,.%$`, see [`is_figure`]): most words are ruled out by one byte.
#[inline]
fn may_be_figure(text: &str, t: Token) -> bool {
    text.as_bytes()
        .get(t.span.start)
        .is_some_and(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b'%' | b'$'))
}

/// The place of the first ASCII digit of `bytes` at or after `from`, tested eight bytes at a
/// time (issue 6: a byte at a time, this test was a sixth of the check).
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // a lane holds a digit when, xor `0`, it is below 10: then it borrows in the subtraction
    // of 10 and its high bit was clear; a borrow only runs on into the lanes above a lane
    // below 10, so the lowest lane marked is the first digit (five operations a word, where
    // the test by the two additions took eight; issue 6)
    let digits = |w: u64| {
        let x = w ^ (ONES * 0x30);
        x.wrapping_sub(ONES * 0x0A) & !x & HIGH
    };
    let rest = bytes.get(from..)?;
    let (words, tail) = rest.as_chunks::<8>();
    for (k, w) in words.iter().enumerate() {
        let m = digits(u64::from_le_bytes(*w));
        if m != 0 {
            return Some(from + k * 8 + (m.trailing_zeros() / 8) as usize);
        }
    }
    tail.iter()
        .position(u8::is_ascii_digit)
        .map(|k| from + words.len() * 8 + k)
}

/// Whether token `t`, between `prev` and `next` (the tokens either side of it in the
/// sentence, if any, asked for only when the token itself may be a figure), is a figure.
fn is_figure(
    text: &str,
    t: Token,
    lists: &FigureLists,
    prev: impl FnOnce() -> Option<Token>,
    next: impl FnOnce() -> Option<Token>,
) -> bool {
    let (months, suffixes) = (lists.months, lists.suffixes);
    let w = t.text(text);
    let numeric = w.chars().all(figure_char);
    if !(numeric && w.chars().any(|c| c.is_ascii_digit())) {
        return false;
    }
    // `8:05`: a clock time
    let clock = text.get(t.span.end..).is_some_and(|r| r.starts_with(':'))
        || text.get(..t.span.start).is_some_and(|l| l.ends_with(':'));
    if clock || is_year(w) || (lists.numeric_suffix && has_number_suffix(w, lists.raw_suffixes)) {
        return false;
    }
    // `May 5`: a date
    if prev().is_some_and(|p| months.is(p.text(text))) {
        return false;
    }
    // `6 a.m.`: a time; `EB-5`, `F-16`: names with digits
    !next().is_some_and(|n| suffixes.is(n.text(text)))
}

/// A character a figure's token may hold.
fn figure_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, ',' | '.' | '%' | '$')
}

/// `2015`, `1999`: a bare four-digit year.
fn is_year(w: &str) -> bool {
    w.len() == 4
        && w.chars().all(|c| c.is_ascii_digit())
        && (w.starts_with("19") || w.starts_with("20"))
}

/// `11th`, `5pm`, `1990s`: ordinals, clock times and decades are not figures.
fn has_number_suffix(w: &str, suffixes: &[String]) -> bool {
    // a figure's token is ASCII without letters: its own lower case
    let lower = if w.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(w.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    };
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
        // every byte value at every position of a word and of the tail, searched from every
        // place
        for len in [1, 7, 8, 9, 16, 23] {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'x'; len];
                    bytes[at] = b;
                    for from in [0, 1, at, at + 1, len, len + 1] {
                        let want = (b.is_ascii_digit() && from <= at).then_some(at);
                        assert_eq!(next_digit(&bytes, from), want, "{len} {at} {b:#x} {from}");
                    }
                }
            }
        }
        assert_eq!(next_digit(b"", 0), None);
        assert_eq!(next_digit(b"12345678901", 3), Some(3));
        assert_eq!(
            next_digit("\u{2153}\u{663}\u{ff10} é /:".as_bytes(), 0),
            None
        );
    }

    /// [`has_figure`] as first written: every token of the sentence walked with the one before
    /// and after, all tested at once.
    fn has_figure_whole(ctx: &Ctx, i: usize, lists: &FigureLists, nouns_in: &SentenceSet) -> bool {
        if nouns_in.may(i) && ctx.any(lists.nouns, ctx.sentence(i)) {
            return true;
        }
        let text = ctx.text;
        let toks = crate::checks::phrases::tokens(text, ctx.sentence(i));
        toks.iter().enumerate().any(|(k, &t)| {
            let prev = k.checked_sub(1).and_then(|j| toks.get(j)).copied();
            let next = toks.get(k + 1).copied();
            let w = t.text(text);
            let numeric = w
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%' | '$'));
            if !(numeric && w.chars().any(|c| c.is_ascii_digit())) {
                return false;
            }
            let after_month = prev.is_some_and(|p| lists.months.is(p.text(text)));
            let clock = text.get(t.span.end..).is_some_and(|r| r.starts_with(':'))
                || text.get(..t.span.start).is_some_and(|l| l.ends_with(':'));
            let time = next.is_some_and(|n| lists.suffixes.is(n.text(text)));
            let suffix = lists.raw_suffixes.iter().any(|suf| {
                w.to_lowercase()
                    .strip_suffix(suf.as_str())
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            });
            !time && !clock && !is_year(w) && !after_month && !suffix
        })
    }

    /// The stretches around digits find a figure exactly where a walk of every token does:
    /// generated sentences of numbers, years, months, clock times, suffixes (`a.m.`, `th`),
    /// separators, white space of every kind and characters outside ASCII.
    #[test]
    fn figures_are_found_as_by_a_walk_of_every_token() {
        let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
        let set = &checker.checks;
        let def = set.get("unattributed-claim").unwrap();
        let lists = FigureLists::new(def);
        let pieces = [
            "The", "said", "2,003", "15", "7.5%", "%", "2015", "1999", "May", "may", "June",
            "a.m.", "p.m.", "pm", "5pm", "11th", "1990s", "8:05", ":", "EB-5", "F-16", "$40",
            "dozens", "of", ",", ".", "-", "'", "’", "“", "”", "—", "é", "3\u{301}", "北京", " ",
            " ", "  ", "\n", "\t", "\u{a0}", "x",
        ];
        let mut rng = crate::testrng::Rng::new(0xd1b5_4a32_d192_ed03);
        let (mut yes, mut no) = (0, 0);
        for round in 0..800 {
            let n = 2 + round % 40;
            let text = rng.pieces(&pieces, n, 3);
            let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, text.clone());
            let seg = crate::segment::segment(&doc);
            let labels = crate::classify::classify(&doc, &seg, &checker.rules);
            let ctx = Ctx::new(&doc, &seg, &labels, set);
            let nouns_in = ctx.sentences_with(lists.nouns);
            for i in 0..seg.sentences.len() {
                let want = has_figure_whole(&ctx, i, &lists, &nouns_in);
                assert_eq!(has_figure(&ctx, i, &lists, &nouns_in), want, "{text:?} {i}");
                if want {
                    yes += 1;
                } else {
                    no += 1;
                }
            }
        }
        assert!(yes > 200 && no > 200, "{yes} {no}");
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
