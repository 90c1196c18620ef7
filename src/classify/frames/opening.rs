//! The subject that opens a sentence or its main clause: after a dateline, an introductory
//! phrase or clause, a quotation that opens the sentence; and a subject across a relative
//! clause (`People who fought the plan say`).

use super::left::{left_subject, np_left};
use super::right::right_np;
use super::{adverb, personal, word, Range};
use crate::classify::tokens::{
    Tok, Token, ADVERB, AGENT, CAP, CAP_ING, CONJ, COPULA, DET, DIGIT, JOINER, NOT_SOURCE,
    POSSESSIVE, PRONOUN, SKIP, SOURCE_NOUN,
};

/// The first source phrase of the sentence (the subject of a participle clause: `X criticised
/// the plan, saying …`), after a dateline (`WASHINGTON (AP) — …`) and an introductory word or
/// phrase (`On Monday night, …`, `Speaking to reporters, …`, `Publicly, the nominee …`).
pub fn first_subject(text: &str, toks: &[Token], before: usize) -> Option<Range> {
    first_subject_with(text, toks, before, false)
}

/// [`first_subject`] of the main clause: also after a clause or phrase opened by a function
/// word and closed by a comma (`After the debate, Trump …`, `While critics say …, the mayor …`);
/// when the main clause names no one, the subject of the opening clause (`If Democrats win …,
/// among the first decisions …`).
pub fn main_subject(text: &str, toks: &[Token], before: usize) -> Option<Range> {
    first_subject_with(text, toks, before, true)
        .or_else(|| first_subject_with(text, toks, before, false))
}

fn first_subject_with(text: &str, toks: &[Token], before: usize, clause: bool) -> Option<Range> {
    let i = dateline_end(text, toks)
        .filter(|&k| k < before)
        .unwrap_or(0);
    // `"…," Ruiz said, adding …`: the quotation that opens the sentence holds the speaker's
    // words, not the subject; the subject follows its closing mark (when the cue lies after it).
    // With no subject there (`"…," said master of ceremonies Ana Ruiz`), the words inside stay
    // the best guess.
    if toks
        .get(i)
        .is_some_and(|t| t.tok == Tok::Quote { open: true })
    {
        if let Some(k) = (i + 1..before.min(toks.len()))
            .rev()
            .find(|&k| toks[k].tok == Tok::Quote { open: false })
        {
            let mut j = k + 1;
            while j < before
                && toks
                    .get(j)
                    .is_some_and(|t| matches!(t.tok, Tok::Comma | Tok::Dash))
            {
                j += 1;
            }
            if let Some(r) = subject_from(text, toks, j, before, clause) {
                return Some(r);
            }
        }
    }
    subject_from(text, toks, i, before, clause)
}

/// [`first_subject_with`] from token `i` on.
fn subject_from(
    text: &str,
    toks: &[Token],
    mut i: usize,
    before: usize,
    clause: bool,
) -> Option<Range> {
    // `And although they …, the members …`: a conjunction before a clause opener opens the
    // sentence; the opener is what counts
    if toks.get(i).is_some_and(|t| word(t) && t.has(CONJ))
        && toks.get(i + 1).is_some_and(|n| clause_opener(text, n))
    {
        i += 1;
    }
    let start = i;
    let mut intro = false;
    // whether the subject search resumed after an introductory phrase, and how often it went on
    let (mut resumed, mut extra) = (false, 0);
    while i < before {
        let t = &toks[i];
        // an introductory phrase (`On Monday night, …`, `Speaking to reporters, …`, `Asked
        // about the strike, …`, `Hastily leaving the hall, …`): the subject follows its comma
        if i == start
            && (t.has(JOINER)
                || t.has(CAP_ING)
                || participle_opening(text, toks, i)
                || adverb_opening(text, toks, i)
                || time_opening(text, toks, i))
        {
            intro = true;
        }
        // a clause or phrase opened by a function word (`After the debate, …`, `While critics
        // say …, …`, `Outside the arena, …`): the subject follows its comma, when it has one
        if clause
            && i == start
            && clause_opener(text, t)
            // (not `There do exist …`, `There will be …`)
            && !toks.get(i + 1).is_some_and(|n| n.has(SKIP))
            && toks
                .get(i..before)
                .is_some_and(|r| r.iter().any(|k| k.tok == Tok::Comma))
        {
            let comma = (i..before).find(|&k| toks[k].tok == Tok::Comma)?;
            i = comma + 1;
            intro = false;
            continue;
        }
        if word(t) && !t.has(SKIP | NOT_SOURCE | JOINER) && !adverb(t) {
            if t.has(PRONOUN) {
                return Some((i, i + 1));
            }
            if t.has(CAP | DET | SOURCE_NOUN) && !intro {
                let r = right_np(toks, i);
                // `Hours later, Trump …`, `Two days earlier, the senator …`: a phrase and a
                // word of time before the comma open the sentence; the subject follows
                if let Some(k) = r.filter(|_| i == start).and_then(|(_, y)| {
                    let k = (y..before).find(|&k| !toks[k].has(SKIP) || !word(&toks[k]))?;
                    let subject = toks.get(k + 1).is_some_and(|n| {
                        word(n)
                            && (n.has(DET | CAP | SOURCE_NOUN)
                                || (personal(n) && !relative_word(text, n)))
                    });
                    (k > y && toks[k].tok == Tok::Comma && subject).then_some(k + 1)
                }) {
                    i = k;
                    continue;
                }
                // `Publicly, the nominee …`, `Moreover, he …`: one word and a comma before a
                // pronoun or a determiner open the sentence; the subject follows
                if i == start && r == Some((i, i + 1)) && !t.has(SOURCE_NOUN) {
                    let after = toks
                        .get(i + 2)
                        .filter(|_| toks.get(i + 1).is_some_and(|c| c.tok == Tok::Comma));
                    if after.is_some_and(|n| {
                        word(n) && (n.has(DET) || (personal(n) && !relative_word(text, n)))
                    }) {
                        i += 2;
                        continue;
                    }
                }
                // `At an event in Ames, Iowa, on Sunday, Ruiz …`: after an introductory
                // phrase, a phrase between commas before a preposition or a day is the state of
                // a city, still part of it
                if let Some((_, y)) = r.filter(|_| resumed && i > 0) {
                    let between = toks[i - 1].tok == Tok::Comma
                        && toks.get(y).is_some_and(|c| c.tok == Tok::Comma)
                        && toks
                            .get(y + 1)
                            .is_some_and(|n| word(n) && n.has(JOINER | SKIP) && !n.has(CAP));
                    if between && y + 1 < before {
                        i = y + 1;
                        intro = true;
                        continue;
                    }
                }
                return r;
            }
            // `Outside the arena, about 200 protesters …`: a number of people
            if t.has(DIGIT)
                && !intro
                && toks
                    .get(i + 1)
                    .is_some_and(|n| word(n) && n.has(SOURCE_NOUN) && !n.has(DIGIT))
            {
                return right_np(toks, i);
            }
            if !intro {
                // `Chastened by the reviews, as well as by the cost, the mayor …`: the
                // introductory phrase goes on to the next comma (twice at most)
                if resumed && extra < 2 {
                    if let Some(c) = (i..before).find(|&k| toks[k].tok == Tok::Comma) {
                        extra += 1;
                        i = c + 1;
                        continue;
                    }
                }
                return None;
            }
            // skip the rest of the introductory phrase
            let comma = (i..before).find(|&k| toks[k].tok == Tok::Comma)?;
            intro = false;
            i = comma + 1;
            resumed = true;
            continue;
        }
        if matches!(t.tok, Tok::Comma) {
            // an introductory clause (`In a statement, …`): look after it
            // (an introductory phrase of function words and days ends here: `Later on
            // Sunday, Ruiz …`)
            resumed |= intro;
            intro = false;
            i += 1;
            continue;
        }
        i += 1;
    }
    None
}

/// A function word that opens a clause or phrase (`After`, `While`, `although`), or `Once` and
/// `Since` (skip words between a subject and its verb, clause openers at the start).
fn clause_opener(text: &str, t: &Token) -> bool {
    word(t)
        && ((t.has(NOT_SOURCE) && !t.has(PRONOUN | CONJ | DET | COPULA))
            || (t.has(SKIP) && t.is_one_of(text, &["once", "since"])))
}

/// A capitalised participle that opens a phrase before the subject: a word in `-ed` before a
/// function word (`Asked about the strike, …`, `Pressed on the budget, …`, not `Ahmed said`),
/// or a word in `-ly` before one in `-ing` (`Hastily leaving the hall, …`, not `Kelly said`).
fn participle_opening(text: &str, toks: &[Token], i: usize) -> bool {
    let (Some(t), Some(n)) = (toks.get(i), toks.get(i + 1)) else {
        return false;
    };
    if !word(t) || !t.has(CAP) || !word(n) || n.has(CAP | PRONOUN) {
        return false;
    }
    let (w, next) = (t.span.slice(text).as_bytes(), n.span.slice(text).as_bytes());
    let ends = |w: &[u8], e: &[u8]| w.len() >= 5 && w.ends_with(e);
    (ends(w, b"ed") && n.has(JOINER | AGENT | NOT_SOURCE | ADVERB))
        || (ends(w, b"ly") && ends(next, b"ing"))
}

/// A span of time before `after`, `before` or `since` that opens the sentence and ends at a
/// comma: `Two weeks after the vote, …`, `A day before the debate, …`, `Several months
/// since the merger, …`.
fn time_opening(text: &str, toks: &[Token], i: usize) -> bool {
    let w = |k: usize| toks.get(k).filter(|t| word(t)).map(|t| t.span.slice(text));
    let (Some(first), Some(unit), Some(rel)) = (w(i), w(i + 1), w(i + 2)) else {
        return false;
    };
    let count = [
        "A", "An", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
        "Several", "Few",
    ]
    .contains(&first)
        || first.bytes().all(|b| b.is_ascii_digit());
    let unit = [
        "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
        "year", "years", "decade", "decades",
    ]
    .contains(&unit);
    let rel = ["after", "before", "since"].contains(&rel);
    count
        && unit
        && rel
        && toks
            .iter()
            .skip(i + 3)
            .take(MAX_OPENING)
            .any(|t| t.tok == Tok::Comma)
}

/// Longest phrase that [`adverb_opening`] takes for an opening, in tokens after its first word.
const MAX_OPENING: usize = 8;

/// A word that opens a phrase before the subject although it is no preposition of the lexicon:
/// a capitalised word before a determiner (`Throughout the 2000s, …`, `Absent a deal, …`,
/// `Given his record, …`; a name is not followed by `the`), and a word of time or a capitalised
/// word in `-ly` before a preposition (`Later in the day, …`, `Shortly after the merger, …`) or
/// a comma and a subject (`Recently, Ana Ruiz …`; not `Kelly, 45, …` or `Kelly, a host, …`).
fn adverb_opening(text: &str, toks: &[Token], i: usize) -> bool {
    let (Some(t), Some(n)) = (toks.get(i), toks.get(i + 1)) else {
        return false;
    };
    if !word(t) || !t.has(CAP) || t.has(DET | PRONOUN | SOURCE_NOUN | NOT_SOURCE | POSSESSIVE) {
        return false;
    }
    // the phrase is short and ends at a comma (not `Later on Tuesday Ruiz met …, then …`)
    if !toks
        .iter()
        .skip(i + 1)
        .take(MAX_OPENING)
        .any(|t| t.tok == Tok::Comma)
    {
        return false;
    }
    let w = t.span.slice(text);
    let ly = w.len() > 4 && w.ends_with("ly");
    // an adverb in -ly that is no name (`Recently`, `Finally`, `Shortly`; names end in -lly,
    // -ily, -rly: `Kelly`, `Emily`, `Beverly`)
    let adverb = ly
        && w.len() > 5
        && (w.ends_with("ally")
            || !(w.ends_with("lly") || w.ends_with("ily") || w.ends_with("rly")));
    // words that open a phrase before a preposition (`Ahead of the vote, …`, `Prior to his
    // apology, …`, `Back in Washington, …`)
    let before_prep = [
        "Ahead", "Prior", "Back", "Fresh", "Along", "Apart", "Aside", "Instead", "Due",
    ]
    .contains(&w);
    if word(n) {
        let nw = n.span.slice(text);
        let article = [
            "the", "a", "an", "his", "her", "their", "its", "this", "these", "those",
        ]
        .contains(&nw);
        let prep = n.has(JOINER) || (n.has(NOT_SOURCE) && !n.has(PRONOUN | DET | CONJ | COPULA));
        return (article && !t.has(SKIP))
            || ((ly || t.has(SKIP)) && n.has(JOINER))
            || ((adverb || before_prep) && prep);
    }
    if !ly || n.tok != Tok::Comma {
        return false;
    }
    // `Recently, Ana Ruiz of Flint stood …`, `Recently, however, the group …`: a subject after
    // the comma (and a skip word), not an appositive (`Kelly, a host, said`)
    let mut k = i + 2;
    let mut skipped = false;
    while toks
        .get(k)
        .is_some_and(|t| t.tok == Tok::Comma || (word(t) && t.has(SKIP) && !t.has(CAP)))
    {
        k += 1;
        skipped = true;
    }
    let Some(f) = toks.get(k).filter(|f| word(f)) else {
        return false;
    };
    if skipped && (f.has(DET) || (personal(f) && !relative_word(text, f))) {
        return true;
    }
    if !f.has(CAP) || f.has(DET | PRONOUN) {
        return false;
    }
    if adverb {
        return true;
    }
    right_np(toks, k).is_some_and(|(_, y)| toks.get(y).is_some_and(|a| a.tok != Tok::Comma))
}

/// Farthest a relative clause may reach back from the verb, in tokens.
const MAX_RELATIVE: usize = 16;

/// The subject of the verb at token `a` across a relative clause: `People who fought the plan
/// say`, `Officials whose budgets were cut said`, `Smith, who has no endorsements, said`. Only
/// `who` and `whose` (`that` and `which` also open other clauses), and the phrase before them
/// must name someone.
pub fn relative_subject(text: &str, toks: &[Token], a: usize) -> Option<Range> {
    let mut j = a.checked_sub(1)?;
    // `Two nuns who … are found`: a passive or a verb after `is`, `has` is not this frame
    if toks.get(j)?.has(COPULA) {
        return None;
    }
    // `Smith, who …, said`: the comma that closes the clause
    if toks.get(j)?.tok == Tok::Comma {
        j = j.checked_sub(1)?;
    }
    let lo = a.saturating_sub(MAX_RELATIVE);
    loop {
        let t = toks.get(j)?;
        if t.tok != Tok::Word {
            return None;
        }
        let w = t.span.slice(text);
        if w.eq_ignore_ascii_case("who") || w.eq_ignore_ascii_case("whose") {
            // the clause has a verb of its own (not `who said`)
            if j + 1 >= a {
                return None;
            }
            // `Smith, who …`: the phrase before the comma
            let after_comma = || {
                let k = j.checked_sub(2)?;
                let p = toks.get(k)?;
                if toks.get(k + 1)?.tok != Tok::Comma || !word(p) || p.has(NOT_SOURCE | DIGIT) {
                    return None;
                }
                np_left(toks, k)
            };
            let r = left_subject(toks, j).or_else(after_comma)?;
            // the clause belongs to the sentence's subject (`People who … say`), not to an
            // object (`It praised the workers who built it`)
            if first_subject(text, toks, j).is_some_and(|f| f.0 == r.0) {
                return Some(r);
            }
            // … or to the subject of a tag that ends the sentence after a comma (`…, people who
            // read it told the Gazette.`; not a noun after a determiner: `… who sorted the
            // emails.`)
            let tag = r.0 > 0
                && toks[r.0 - 1].tok == Tok::Comma
                && !toks[a - 1].has(DET)
                && match toks.get(a + 1) {
                    None => true,
                    Some(t) if t.tok == Tok::End => true,
                    Some(_) => right_np(toks, a + 1)
                        .is_some_and(|(_, e)| toks.get(e).is_none_or(|t| t.tok == Tok::End)),
                };
            return tag.then_some(r);
        }
        if j <= lo {
            return None;
        }
        j -= 1;
    }
}

/// `who`, `which`, `whom`: a pronoun that opens a relative clause, not a subject of its own.
fn relative_word(text: &str, t: &Token) -> bool {
    t.is_one_of(text, &["who", "whom", "which", "whose"])
}

/// The token after a dateline's dash (`WASHINGTON —`, `ORLANDO, Fla. (Reuters) -`,
/// `New York (AFP) –`): a first word in capitals, or a news agency in parentheses, then only
/// capitalised words, numbers and punctuation up to a dash within the first dozen tokens.
fn dateline_end(text: &str, toks: &[Token]) -> Option<usize> {
    let first = toks.first().filter(|t| word(t))?;
    let caps = |t: &Token| {
        let w = t.span.slice(text);
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    let mut agency = false;
    for (k, t) in toks.iter().enumerate().take(12) {
        match t.tok {
            Tok::Dash => {
                return (k > 0 && (caps(first) || agency)).then_some(k + 1);
            }
            Tok::Word if t.has(CAP | DIGIT) => {}
            // `(AP)`, `(Reuters)`: one word, not a party and state (`(R-Texas)`)
            Tok::CloseParen => {
                agency = k >= 2
                    && toks[k - 2].tok == Tok::OpenParen
                    && !toks[k - 1].span.slice(text).contains('-');
            }
            Tok::Comma | Tok::OpenParen | Tok::End => {}
            _ => return None,
        }
    }
    None
}
