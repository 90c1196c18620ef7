//! Finding the source phrase of a cue among a sentence's tokens: the subject before a verb
//! (`A senior US official said`), across an appositive or parenthesis (`Smith, 45, said`), or the
//! phrase after an inverted verb or `according to` (`said the spokeswoman`).

use super::tokens::{
    Tok, Token, ADVERB, AGENT, CAP, CAP_ING, CONJ, COPULA, DET, DIGIT, JOINER, NEGATION,
    NOT_SOURCE, POSSESSIVE, POSS_DET, PRONOUN, SKIP, SOURCE_NOUN, UNCASED,
};

/// Longest source phrase, in tokens.
const MAX_NP: usize = 9;
/// Farthest an appositive may reach back, in tokens (`Smith, who as a young lawyer …, said`: a
/// relative clause of thirty words is not rare in news copy).
const MAX_APPOSITIVE: usize = 40;

/// Token range `[start, end)`.
pub type Range = (usize, usize);

fn word(t: &Token) -> bool {
    t.tok == Tok::Word
}

/// The subject of the verb starting at token `i`, if the tokens before it form one.
pub fn left_subject(toks: &[Token], i: usize) -> Option<Range> {
    let mut j = i;
    let mut detours = 0;
    loop {
        if j == 0 {
            return None;
        }
        j -= 1;
        let t = toks.get(j)?;
        match t.tok {
            Tok::Word if t.has(NEGATION) => return None,
            Tok::Word if t.has(SKIP) || t.has(ADVERB) => continue,
            // a year or a date between the subject and the verb (`X in 2008 questioned`)
            Tok::Word
                if t.has(DIGIT)
                    && !t.has(SOURCE_NOUN)
                    && j > 0
                    && toks[j - 1].has(JOINER)
                    && toks[j - 1].tok == Tok::Word =>
            {
                j -= 1;
                continue;
            }
            Tok::Word => {
                if t.has(PRONOUN) {
                    // `that` is a subject only as a relative pronoun (`groups that warn`)
                    return (!t.has(NOT_SOURCE) || relative(toks, j)).then_some((j, j + 1));
                }
                return np_left(toks, j).or_else(|| close_to(toks, j));
            }
            Tok::CloseParen if detours < 2 => {
                // `Smith (R-Texas) said`
                detours += 1;
                let k = (j.saturating_sub(MAX_APPOSITIVE)..j)
                    .rev()
                    .find(|&k| toks[k].tok == Tok::OpenParen)?;
                j = k;
            }
            Tok::Comma | Tok::Dash if detours < 2 => {
                // `Smith, the group's director, said` / `Smith — a former aide — said`
                let kind = t.tok;
                let lo = j.saturating_sub(MAX_APPOSITIVE);
                let k = (lo..j)
                    .rev()
                    .find(|&k| toks[k].tok == kind || toks[k].tok == Tok::End)?;
                if toks[k].tok != kind || k == 0 {
                    return None;
                }
                // `…, but for some, the losses would outweigh the gains, said Ruiz.`: before a
                // verb with its speaker after it, the phrase before the first comma is a subject
                // with an appositive only when it opens a clause (`Ruiz, 49, told the Gazette.`)
                let inverted = kind == Tok::Comma && j + 1 == i && inverted_tag(toks, i);
                let subject = |r: Range| (!inverted || opens_clause(toks, r.0)).then_some(r);
                let before = toks.get(k - 1)?;
                if personal(before) {
                    return subject((k - 1, k));
                }
                if word(before) && !before.has(NOT_SOURCE | DIGIT) {
                    if let Some(r) = np_left(toks, k - 1) {
                        return subject(r);
                    }
                }
                if inverted {
                    return None;
                }
                // `Smith, meanwhile, who has no rival, said`: the clause's own subject
                if toks.get(k + 1).is_some_and(personal) && k + 2 < j {
                    if let Some(r) = left_subject(toks, k + 1) {
                        return Some(r);
                    }
                }
                // `One of them, UnitedHealth Group, has threatened`: the appositive itself
                return if j > 0 { np_left(toks, j - 1) } else { None };
            }
            _ => return None,
        }
    }
}

/// The verb at token `v` is followed by its speaker and the end of the sentence (or an
/// appositive): `…, said Ruiz.`, `…, said the spokeswoman, Ana Ruiz.` (not a day: `said Monday`).
fn inverted_tag(toks: &[Token], v: usize) -> bool {
    if toks.get(v + 1).is_none_or(|t| t.has(SKIP)) {
        return false;
    }
    let Some((_, end)) = right_np(toks, v + 1) else {
        return false;
    };
    match toks.get(end).map(|t| t.tok) {
        None | Some(Tok::End) => true,
        Some(Tok::Comma) => toks.get(end + 1).is_some_and(|t| word(t) && t.has(DET)),
        _ => false,
    }
}

/// Token `s` starts a clause: the sentence's first token, or one after a quotation mark or a
/// punctuation mark inside the sentence.
fn opens_clause(toks: &[Token], s: usize) -> bool {
    s.checked_sub(1).and_then(|p| toks.get(p)).is_none_or(|p| {
        matches!(
            p.tok,
            Tok::Quote { .. }
                | Tok::Comma
                | Tok::Dash
                | Tok::Colon
                | Tok::Semicolon
                | Tok::OpenParen
        )
    })
}

/// The speech tag right after a quotation: `"…," the statement said`, `"…?" the gambling tycoon
/// asked`. A phrase opened by a determiner (`the`, `a`, `his`) between the closing quotation
/// mark (after a comma, `?`, `!` or a dash) and the verb at token `a` is its speaker, whatever
/// its head (`the email`, `the passage`, `the two`): nothing else stands there in a tag.
pub fn tag_subject(toks: &[Token], a: usize) -> Option<Range> {
    let mut end = a;
    while end > 0 && toks.get(end - 1).is_some_and(|t| word(t) && t.has(ADVERB)) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && end - start < MAX_NP && toks.get(start - 1).is_some_and(word) {
        start -= 1;
    }
    let (first, mark, punct) = (
        toks.get(start)?,
        toks.get(start.checked_sub(1)?)?,
        toks.get(start.checked_sub(2)?)?,
    );
    let tag = mark.tok == (Tok::Quote { open: false })
        && matches!(punct.tok, Tok::Comma | Tok::End | Tok::Dash);
    // the phrase is one phrase: no conjunction, relative or function word after its first word
    let plain = toks.get(start + 1..end).is_some_and(|p| {
        p.iter()
            .all(|t| !t.has(NOT_SOURCE | PRONOUN | CONJ | JOINER))
    });
    (tag && start < end && first.has(DET) && !first.has(CAP_ING) && plain).then_some((start, end))
}

/// `a source close to him`, `people familiar with it`: a source noun, a plain word and a
/// preposition before the object pronoun at `j` (the whole phrase is the source).
fn close_to(toks: &[Token], j: usize) -> Option<Range> {
    let (t, to, adj) = (
        toks.get(j)?,
        toks.get(j.checked_sub(1)?)?,
        toks.get(j.checked_sub(2)?)?,
    );
    let prep = to.has(JOINER) || (to.has(NOT_SOURCE) && !to.has(CONJ | PRONOUN));
    if !t.has(NOT_SOURCE) || t.has(CONJ) || !prep || !word(adj) {
        return None;
    }
    if adj.has(NOT_SOURCE | DET | JOINER | CAP | SOURCE_NOUN | PRONOUN | SKIP) {
        return None;
    }
    let h = j.checked_sub(3)?;
    let (s, _) = np_left(toks, h)?;
    toks.get(h)
        .is_some_and(|h| h.has(SOURCE_NOUN))
        .then_some((s, j + 1))
}

/// A pronoun that stands for a source by itself (`he`, `who`), not one that is also a function
/// word (`that`).
pub fn personal(t: &Token) -> bool {
    t.has(PRONOUN) && !t.has(NOT_SOURCE)
}

/// `that` at token `j` is a relative pronoun after a phrase that names someone: `prominent
/// businesses that warn`, `a poll that shows` (not `that support`, `That adds`).
fn relative(toks: &[Token], j: usize) -> bool {
    j.checked_sub(1)
        .and_then(|i| toks.get(i))
        .is_some_and(|p| word(p) && p.has(CAP | SOURCE_NOUN) && !p.has(DET | NOT_SOURCE | SKIP))
}

/// A source phrase ending at word token `end` (inclusive), extended to the left; two phrases
/// joined by `and`/`or` are one source (`Democrats and civil rights groups`, `Her advisers and
/// allies`), named when either part is.
pub fn np_left(toks: &[Token], end: usize) -> Option<Range> {
    let own = np_left_one(toks, end);
    let start = match own {
        Some((s, _)) => s,
        None => bare_start(toks, end)?,
    };
    let conj = start.checked_sub(1).and_then(|i| toks.get(i));
    if conj.is_some_and(|c| c.has(CONJ)) && start >= 2 {
        if let Some((s, _)) = np_left_one(toks, start - 2) {
            return Some((s, end + 1));
        }
    }
    own
}

/// Where the unnamed phrase ending at `end` starts: consecutive plain lower-case words.
fn bare_start(toks: &[Token], end: usize) -> Option<usize> {
    let plain = |t: &Token| word(t) && !t.has(NOT_SOURCE | DET | JOINER | DIGIT | PRONOUN | SKIP);
    if !plain(toks.get(end)?) {
        return None;
    }
    let mut start = end;
    while start > 0 && end + 1 - start < MAX_NP && plain(&toks[start - 1]) {
        start -= 1;
    }
    Some(start)
}

fn np_left_one(toks: &[Token], end: usize) -> Option<Range> {
    np_left_part(toks, end, true)
}

/// Whether `toks[a..=b]` names someone (a name, a source noun or an owner).
fn names(toks: &[Token], a: usize, b: usize) -> bool {
    toks.get(a..=b).is_some_and(|p| {
        p.iter()
            .any(|t| t.has(CAP | UNCASED | SOURCE_NOUN) || possessive(t))
    })
}

/// `split`: across `of`/`in`/`for` after a name, a part that names no one is not part of the
/// source (`Stumpf in a televised interview said` → `Stumpf`); after a role it says whose role
/// it is (`a spokeswoman for the port` stays).
fn np_left_part(toks: &[Token], end: usize, split: bool) -> Option<Range> {
    let head = toks.get(end)?;
    // `Trump’s comments`: a possessive is not a subject
    // (`four in 10`: a share ends in a number)
    // (`one in five`: a number word is a determiner too)
    let share = head.has(SOURCE_NOUN)
        && (head.has(DIGIT)
            || (head.has(DET)
                && end
                    .checked_sub(1)
                    .and_then(|k| toks.get(k))
                    .is_some_and(|p| p.has(JOINER) && p.has(SOURCE_NOUN))));
    if !word(head) || (head.has(NOT_SOURCE | DET | JOINER) && !share) || possessive(head) {
        return None;
    }
    if head.has(DIGIT) && !share {
        return None;
    }
    let mut start = end;
    while start > 0 && end + 1 - start < MAX_NP {
        let p = &toks[start - 1];
        if !word(p) {
            break;
        }
        if p.has(DET) {
            start -= 1;
            // `a spokeswoman for the agency`: continue across `for` when a noun precedes it
            if start >= 2
                && toks[start - 1].has(JOINER)
                && word(&toks[start - 2])
                && !toks[start - 2].has(NOT_SOURCE | DET)
            {
                if split && toks[start - 2].has(CAP) && !names(toks, start, end) {
                    return np_left_part(toks, start - 2, false);
                }
                start -= 2;
                continue;
            }
            break;
        }
        if p.has(JOINER) {
            // `four in 10`, `one in five`: a share (its joiner is part of a source noun)
            if start >= 2 && p.has(SOURCE_NOUN) && toks[start - 2].has(DET) {
                start -= 2;
                continue;
            }
            if start >= 2
                && word(&toks[start - 2])
                && !toks[start - 2].has(NOT_SOURCE | DET | JOINER | PRONOUN)
            {
                if split && toks[start - 2].has(CAP) && !names(toks, start, end) {
                    return np_left_part(toks, start - 2, false);
                }
                start -= 2;
                continue;
            }
            break;
        }
        if p.has(NOT_SOURCE | PRONOUN | SKIP) {
            break;
        }
        // before a name, a lower-case word that names no source is not part of the phrase
        // (`front-runner Donald Trump`)
        if !p.has(CAP | SOURCE_NOUN) && toks[start..=end].iter().all(|t| t.has(CAP)) {
            break;
        }
        start -= 1;
    }
    // a lower-case phrase is a source only with a determiner or a source noun (`the agency`,
    // `officials`), not `recent comments` or `public support`
    // (a determiner alone names no one inside the sentence: `the private email`, `the plan`
    // cannot speak; a capitalised `The` opening the sentence still may, as in `The actress said`)
    let named = toks[start..=end]
        .iter()
        .any(|t| t.has(CAP | SOURCE_NOUN) || possessive(t));
    // `his latest remarks`: after a possessive determiner the head must name a source
    let poss_adjective = toks[start].has(POSS_DET)
        && !head.has(CAP | SOURCE_NOUN)
        && !toks[start..=end].iter().any(|t| t.has(JOINER));
    (named && !poss_adjective).then_some((start, end + 1))
}

fn possessive(t: &Token) -> bool {
    t.flags & POSSESSIVE != 0
}

/// A source phrase starting at token `start` (after an inverted verb or `according to`).
pub fn right_np(toks: &[Token], start: usize) -> Option<Range> {
    right_np_with(toks, start, false)
}

/// After `according to` and its kin, whatever follows is the source: a phrase of two words or
/// more names one even in lower case (`according to his biography`, `according to media
/// trackers`); a single plain word does not (`according to height`).
pub fn right_np_loose(toks: &[Token], start: usize) -> Option<Range> {
    right_np_with(toks, start, true)
}

fn right_np_with(toks: &[Token], start: usize, loose: bool) -> Option<Range> {
    let first = toks.get(start)?;
    if !word(first) {
        return None;
    }
    if personal(first) {
        return Some((start, start + 1));
    }
    if first.has(NOT_SOURCE | JOINER)
        || (first.has(DIGIT)
            && !toks
                .get(start + 1)
                .is_some_and(|t| word(t) && t.has(SOURCE_NOUN)))
    {
        return None;
    }
    let mut end = start + 1;
    while end < toks.len() && end - start < MAX_NP {
        let t = &toks[end];
        if !word(t) {
            break;
        }
        if t.has(JOINER) {
            // `a report by the United Nations`
            match toks.get(end + 1) {
                Some(n) if word(n) && (n.has(DET | CAP | SOURCE_NOUN)) => {
                    end += 2;
                    continue;
                }
                _ => break,
            }
        }
        // a capitalised word after a name is part of it (`America First`, `USA Today`)
        let in_name = t.has(CAP) && toks[end - 1].has(CAP) && !t.has(PRONOUN);
        if t.has(NOT_SOURCE | PRONOUN | ADVERB) || (t.has(SKIP) && !in_name) {
            break;
        }
        // after a name, a lower-case word ends the phrase unless it names a source
        // (`Mr. Obama revised …` vs `White House officials`)
        if !t.has(CAP | SOURCE_NOUN) && toks[end - 1].has(CAP) && !toks[end - 1].has(DET) {
            break;
        }
        // two lower-case words in a row: the second is no longer part of the phrase unless it
        // names a source (`the former governor`, not `the man ran`) or leads to one within a
        // few words (`conservative talk radio host Rush Limbaugh`)
        if !t.has(CAP | SOURCE_NOUN)
            && end - start >= 2
            && !toks[end - 1].has(CAP | DET)
            && !leads_to_name(toks, end)
        {
            break;
        }
        end += 1;
    }
    // a phrase must end in a noun-like word, not a determiner
    while end > start && toks[end - 1].has(DET | JOINER) {
        end -= 1;
    }
    // and name someone: `according to the ministry`, not `according to height`
    let named = toks[start..end]
        .iter()
        .any(|t| t.has(CAP | SOURCE_NOUN) || possessive(t))
        || (loose && end >= start + 2);
    (end > start && named).then_some((start, end))
}

/// Plain lower-case words from `i` on (at most four) that end in a name or a source noun.
fn leads_to_name(toks: &[Token], i: usize) -> bool {
    for t in toks.iter().skip(i).take(5) {
        if !word(t) || t.has(NOT_SOURCE | PRONOUN | SKIP | ADVERB | JOINER | DET | DIGIT) {
            return false;
        }
        if t.has(CAP | SOURCE_NOUN) {
            return true;
        }
    }
    false
}

/// The owner of the noun at token `i`: `Donald Trump’s claim`, `the senator’s recent remarks`,
/// `her comments` (at most two plain words between them).
pub fn possessor(toks: &[Token], i: usize) -> Option<Range> {
    let mut j = i;
    for _ in 0..3 {
        j = j.checked_sub(1)?;
        let t = toks.get(j)?;
        if !word(t) {
            return None;
        }
        if t.has(POSS_DET) {
            // `his speech`: the possessive (the name it stands for is its antecedent)
            return Some((j, j + 1));
        }
        if possessive(t) {
            // the name or description ending in `’s`
            let mut start = j;
            while start > 0
                && j + 1 - start < MAX_NP
                && word(&toks[start - 1])
                && (toks[start - 1].has(CAP) || toks[start - 1].has(DET | SOURCE_NOUN))
                && !toks[start - 1].has(NOT_SOURCE | PRONOUN)
            {
                start -= 1;
                if toks[start].has(DET) {
                    break;
                }
            }
            return Some((start, j + 1));
        }
        if t.has(NOT_SOURCE | PRONOUN | DET | JOINER | DIGIT | CAP) {
            return None;
        }
    }
    None
}

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
    let start = i;
    let mut intro = false;
    // whether the subject search resumed after an introductory phrase, and how often it went on
    let (mut resumed, mut extra) = (false, 0);
    while i < before {
        let t = &toks[i];
        // an introductory phrase (`On Monday night, …`, `Speaking to reporters, …`, `Asked
        // about the strike, …`, `Hastily leaving the hall, …`): the subject follows its comma
        if i == start && (t.has(JOINER) || t.has(CAP_ING) || participle_opening(text, toks, i)) {
            intro = true;
        }
        // a clause or phrase opened by a function word (`After the debate, …`, `While critics
        // say …, …`, `Outside the arena, …`): the subject follows its comma, when it has one
        if clause
            && i == start
            && word(t)
            && t.has(NOT_SOURCE)
            && !t.has(PRONOUN | CONJ | DET | COPULA)
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
        if word(t) && !t.has(SKIP | ADVERB | NOT_SOURCE | JOINER) {
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
                return r;
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
            i += 1;
            continue;
        }
        i += 1;
    }
    None
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
            let first = first_subject(text, toks, j)?;
            return (first.0 == r.0).then_some(r);
        }
        if j <= lo {
            return None;
        }
        j -= 1;
    }
}

/// `who`, `which`, `whom`: a pronoun that opens a relative clause, not a subject of its own.
fn relative_word(text: &str, t: &Token) -> bool {
    let w = t.span.slice(text);
    ["who", "whom", "which", "whose"]
        .iter()
        .any(|r| w.eq_ignore_ascii_case(r))
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
