//! Phrases after a cue: the speaker after an inverted verb or `according to` (`said the
//! spokeswoman`), and the owner before a noun (`the senator’s remarks`).

use super::{adverb, personal, possessive, word, Range, MAX_NP};
use crate::classify::tokens::{
    Token, CAP, DET, DIGIT, JOINER, NOT_SOURCE, PAST, POSSESSIVE, POSS_DET, PRONOUN, SKIP,
    SOURCE_NOUN, UNCASED,
};

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
    // (`according to her lawyers`: `her` before a noun owns it; it ends no phrase there)
    let owner = loose
        && first.has(POSS_DET)
        && toks
            .get(start + 1)
            .is_some_and(|n| word(n) && n.has(SOURCE_NOUN));
    if (first.has(NOT_SOURCE | JOINER) && !owner)
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
        // `The Biden campaign criticized …`, `Hull Council approved …`: a word in -ed after a
        // name or a source noun is its verb; the phrase ends before it
        let p = &toks[end - 1];
        if t.has(PAST) && p.has(CAP | SOURCE_NOUN | UNCASED) && !p.has(DET | POSSESSIVE) {
            break;
        }
        // a capitalised word after a name is part of it (`America First`, `USA Today`)
        let in_name = t.has(CAP) && p.has(CAP) && !t.has(PRONOUN);
        if t.has(NOT_SOURCE | PRONOUN) || adverb(t) || (t.has(SKIP) && !in_name) {
            break;
        }
        // after a name, a lower-case word ends the phrase unless it names a source
        // (`Mr. Obama revised …` vs `White House officials`)
        if !t.has(CAP | SOURCE_NOUN) && p.has(CAP) && !p.has(DET) {
            break;
        }
        // two lower-case words in a row: the second is no longer part of the phrase unless it
        // names a source (`the former governor`, not `the man ran`) or leads to one within a
        // few words (`conservative talk radio host Rush Limbaugh`)
        if !t.has(CAP | SOURCE_NOUN)
            && end - start >= 2
            && !p.has(CAP | DET)
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
        if !word(t) || t.has(NOT_SOURCE | PRONOUN | SKIP | JOINER | DET | DIGIT) || adverb(t) {
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
