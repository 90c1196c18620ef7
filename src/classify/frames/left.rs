//! Subjects before a verb: the phrase ending right before it (`A senior US official said`),
//! across an appositive or parenthesis (`Smith, 45, said`), in a speech tag after a quotation
//! (`"…," the statement said`), and the noun phrase that ends at a given token.

use super::right::right_np;
use super::{adverb, personal, possessive, word, Range, MAX_APPOSITIVE, MAX_NP};
use crate::classify::tokens::{
    Tok, Token, ADVERB, CAP, CAP_ING, CONJ, COPULA, DET, DIGIT, JOINER, MODAL, NEGATION,
    NOT_SOURCE, PAST, POSSESSIVE, POSS_DET, PRONOUN, SKIP, SOURCE_NOUN, UNCASED,
};

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
            // (`The family said`: a source noun in -ly is no adverb)
            Tok::Word if t.has(SKIP) || adverb(t) => continue,
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
                return np_left(toks, j)
                    .or_else(|| close_to(toks, j))
                    .or_else(|| at_thing(toks, j));
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
                // `Clinton, at a town hall in Columbus, Ohio, said`, `Ruiz, who grew up in
                // Aurora, Colorado, in the 1990s, said`: a city and its state name no one; the
                // subject is before an earlier comma, when a subject stands there
                let k = if kind == Tok::Comma {
                    past_place(toks, lo, k, j).unwrap_or(k)
                } else {
                    k
                };
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
                // `Ruiz, deputy minister for ports, roads, and rail, said`: an appositive that
                // holds a list; the subject is a name before an earlier comma
                if kind == Tok::Comma {
                    if let Some(r) = before_list(toks, lo, k) {
                        return Some(r);
                    }
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

/// A name that opens a clause before the second or third comma before the comma `k` (an
/// appositive with a list: `Ruiz, deputy minister for ports, roads, and rail, said`).
fn before_list(toks: &[Token], lo: usize, k: usize) -> Option<Range> {
    let mut x = k;
    for n in 0..3 {
        x = (lo..x)
            .rev()
            .find(|&c| matches!(toks[c].tok, Tok::Comma | Tok::End))
            .filter(|&c| toks[c].tok == Tok::Comma && c > 0)?;
        // (the list has a comma of its own, `Ruiz, for example, earned` has none; and holds no
        // figures, whose commas are no list: `earned $98,000, compared with`)
        if n == 0 {
            continue;
        }
        if toks[x..k].iter().any(|t| t.has(DIGIT)) {
            return None;
        }
        let before = &toks[x - 1];
        if !word(before) || before.has(NOT_SOURCE | DIGIT) {
            continue;
        }
        if let Some(r) = np_left(toks, x - 1) {
            let name = toks[r.0..r.1].iter().any(|t| t.has(CAP) && !t.has(DET));
            if name && opens_clause(toks, r.0) {
                return Some(r);
            }
        }
    }
    None
}

/// A capitalised word that may be part of a place name (`Columbus`, `Ohio`, `Calif.`).
fn place_word(t: &Token) -> bool {
    word(t) && t.has(CAP) && !t.has(PRONOUN | DET | SOURCE_NOUN | NOT_SOURCE | POSSESSIVE)
}

/// Around the comma at token `k` before an appositive ending at the comma `j`, a city (after a
/// preposition) and its state: the appositive is the state (`Columbus, Ohio,`: returns `k`) or the words before `k`
/// are (`in Aurora, Colorado, in 2012,`: returns the comma after the city).
fn place_before(toks: &[Token], k: usize, j: usize) -> Option<usize> {
    let state = |a: usize, b: usize| {
        (1..=2).contains(&(b - a)) && toks.get(a..b).is_some_and(|p| p.iter().all(place_word))
    };
    // a city after a preposition (`in Columbus`, `of San Bernardino`), right before comma `c`
    let city = |c: usize| {
        let run = (c.saturating_sub(4)..c)
            .rev()
            .take_while(|&x| place_word(&toks[x]))
            .count();
        let p = c.checked_sub(run + 1).and_then(|x| toks.get(x));
        (1..=3).contains(&run) && p.is_some_and(|p| word(p) && p.has(JOINER))
    };
    if state(k + 1, j) && city(k) {
        return Some(k);
    }
    let c = (k.saturating_sub(3)..k)
        .rev()
        .find(|&x| toks[x].tok == Tok::Comma)?;
    (state(c + 1, k) && city(c)).then_some(c)
}

/// The comma before a city and its state around the appositive between the commas `k` and `j`
/// (and before an age: `Ruiz, 49, of Flint, Mich., said`), when a subject ends right before it.
fn past_place(toks: &[Token], lo: usize, k: usize, j: usize) -> Option<usize> {
    let mut k1 = k;
    for _ in 0..3 {
        let age = k1 >= 2
            && toks[k1 - 1].has(DIGIT)
            && word(&toks[k1 - 1])
            && toks[k1 - 2].tok == Tok::Comma;
        if age && k1 != k {
            k1 -= 2;
            continue;
        }
        let Some(c) = place_before(toks, k1, j) else {
            break;
        };
        match (lo..c)
            .rev()
            .find(|&x| matches!(toks[x].tok, Tok::Comma | Tok::End))
        {
            Some(x) if toks[x].tok == Tok::Comma && x > 0 => k1 = x,
            _ => break,
        }
    }
    let before = toks.get(k1.checked_sub(1)?)?;
    let named = personal(before)
        || (word(before) && !before.has(NOT_SOURCE | DIGIT) && np_left(toks, k1 - 1).is_some());
    (k1 != k && named).then_some(k1)
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
        // (`…, said the company's chief executive, Ana Ruiz.`: a name that ends the sentence)
        Some(Tok::Comma) => {
            toks.get(end + 1).is_some_and(|t| word(t) && t.has(DET))
                || right_np(toks, end + 1).is_some_and(|(s, e)| {
                    toks[s].has(CAP) && toks.get(e).is_none_or(|t| t.tok == Tok::End)
                })
        }
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
    while end > 0 && toks.get(end - 1).is_some_and(|t| word(t) && adverb(t)) {
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

/// `an aide at the meeting`, `a person familiar with Monday's hearing`: a noun in -ing that ends
/// no source by itself (`meeting`, `hearing`) at token `j`, after a determiner or a named owner
/// and a preposition, ends the source phrase before the preposition.
fn at_thing(toks: &[Token], j: usize) -> Option<Range> {
    let (t, owner, prep) = (
        toks.get(j)?,
        toks.get(j.checked_sub(1)?)?,
        toks.get(j.checked_sub(2)?)?,
    );
    if !t.has(NOT_SOURCE) || t.has(DET | JOINER | PRONOUN | CONJ | COPULA | CAP) {
        return None;
    }
    let owned = (owner.has(DET) && !owner.has(NOT_SOURCE | PRONOUN))
        || (possessive(owner) && owner.has(CAP));
    if !word(owner) || !owned || !prep.has(JOINER) || prep.tok != Tok::Word {
        return None;
    }
    let (s, e) = np_left(toks, j.checked_sub(3)?)?;
    (e == j - 2).then_some((s, j + 1))
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
    // (the phrase ends where its own part ends: `Fire and Rescue requested` ends before the verb)
    let stop = own.map_or(end + 1, |(_, e)| e);
    let conj = start.checked_sub(1).and_then(|i| toks.get(i));
    if conj.is_some_and(|c| c.has(CONJ)) && start >= 2 {
        if let Some((s, _)) = np_left_one(toks, start - 2) {
            return Some((s, stop));
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
    np_left_part(toks, end, true, true)
}

/// The word at token `end` is a verb in -ed right after a name or a source noun (`Red Hat
/// announced`, `experts noted`; not `the elected`, `newly elected`).
fn verb_after_subject(toks: &[Token], end: usize) -> bool {
    let (Some(v), Some(p)) = (toks.get(end), end.checked_sub(1).and_then(|k| toks.get(k))) else {
        return false;
    };
    let subject = word(p)
        && p.has(CAP | SOURCE_NOUN | UNCASED)
        && !p.has(DET | NOT_SOURCE | JOINER | POSSESSIVE | PRONOUN | ADVERB);
    word(v) && v.has(PAST) && subject
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
fn np_left_part(toks: &[Token], end: usize, split: bool, verbs: bool) -> Option<Range> {
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
    // `Red Hat announced plans to …`, `Experts noted …`: a word in -ed right after a name or a
    // source noun is that phrase's verb, not the head of a phrase; the phrase ends before it
    if verb_after_subject(toks, end) {
        return np_left_part(toks, end - 1, split, verbs);
    }
    let mut start = end;
    // a verb in -ed that ends the phrase on the left
    let mut verb = None;
    while start > 0 && end + 1 - start < MAX_NP {
        let p = &toks[start - 1];
        if !word(p) {
            break;
        }
        if p.has(DET) {
            // `what Ana Ruiz told`, `a race in which both candidates want`: a determiner that is
            // also a function word or a pronoun opens a clause; the phrase starts after it
            if p.has(NOT_SOURCE | PRONOUN) && !p.has(POSS_DET) {
                break;
            }
            start -= 1;
            // `a spokeswoman for the agency`: continue across `for` when a noun precedes it
            if start >= 2
                && toks[start - 1].has(JOINER)
                && word(&toks[start - 2])
                && !toks[start - 2].has(NOT_SOURCE | DET)
            {
                if split && toks[start - 2].has(CAP) && !names(toks, start, end) {
                    return np_left_part(toks, start - 2, false, verbs);
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
                    return np_left_part(toks, start - 2, false, verbs);
                }
                start -= 2;
                continue;
            }
            break;
        }
        if p.has(NOT_SOURCE | PRONOUN | SKIP) {
            break;
        }
        // `Mr. Obama scrutinized reports`, `PolitiFact rated 32% of claims`: a word in -ed after a
        // name or a source noun is its verb; the phrase starts after it (not `the elected
        // officials`, `newly elected officials`; nor a capitalised adverb opening the sentence
        // before a name: `Newly elected Senator Ana Ruiz`)
        if verbs
            && p.has(PAST)
            && start >= 2
            && word(&toks[start - 2])
            && toks[start - 2].has(CAP | SOURCE_NOUN | UNCASED)
            && !toks[start - 2].has(DET | NOT_SOURCE | JOINER | POSSESSIVE)
            && !toks[start].has(ADVERB)
            && !(start == 2 && toks[start..=end].iter().all(|t| t.has(CAP)))
        {
            verb = Some(start - 1);
            break;
        }
        // before a name, a lower-case word that names no source is not part of the phrase
        // (`front-runner Donald Trump`)
        if !p.has(CAP | SOURCE_NOUN) && toks[start..=end].iter().all(|t| t.has(CAP)) {
            break;
        }
        start -= 1;
    }
    // `How will you work with the council to …`, `the rule would allow companies to …`: the
    // plain word right after a subject pronoun or a modal is a verb, not the first word of a
    // phrase; the phrase starts after it (`companies`), or there is none (`with the council`)
    if verb.is_none()
        && start > 0
        && start < end
        && (personal(&toks[start - 1]) || toks[start - 1].has(MODAL))
        && !toks[start].has(CAP | DET | SOURCE_NOUN | UNCASED | POSSESSIVE | JOINER)
    {
        start += 1;
        if toks[start].has(JOINER | NOT_SOURCE | DET) {
            return None;
        }
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
    // `Bob provided new details`, `PolitiFact rated 32% of claims`: the phrase after a verb is its
    // object; the verb's subject is the source (a source phrase holds no verb: `Falconer
    // observed eleven proteins found …` is no source of `found`)
    if let Some(v) = verb {
        if let Some(subject) = np_left_part(toks, v - 1, split, verbs) {
            return Some(subject);
        }
        // (with no subject before the verb, a phrase that names no one is read as one run)
        if !named {
            return np_left_part(toks, end, split, false);
        }
    }
    if !named {
        return None;
    }
    (!poss_adjective).then_some((start, end + 1))
}
