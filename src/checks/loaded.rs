//! `loaded-verb`: `claimed`, `admitted`, `insisted` … as the attribution verb (suggest `said`).
//! Never inside a direct quotation; `claim` as a noun or in set phrases is left alone.

use super::phrases::{after, before, first_few, is_boundary, last_few, tokens, PhraseList, Token};
use super::{CheckDef, Ctx, Out};
use crate::ledger::Ledger;
use crate::span::Span;

pub fn check(ctx: &Ctx, def: &CheckDef, _ledger: &Ledger, out: &mut Out) {
    let verbs = def.list("verbs");
    // no match of `verbs` in any part outside quotations: only the classifier's cues remain
    let search = !ctx.never_in_sentences(verbs);
    // the sentences where the list may be found (issue 6)
    let verbs_in = ctx.sentences_with(verbs);
    // made for the first candidate, few documents have one (issue 6: the lists were looked up
    // by name for every candidate, several times each)
    let lists = std::cell::OnceCell::new();
    let lists = || lists.get_or_init(|| Lists::new(def));
    for i in 0..ctx.seg.sentences.len() {
        let sentence = ctx.sentence(i);
        // made for the sentences that hold a candidate, few of them (issue 6)
        let around = std::cell::OnceCell::new();
        let around = || around.get_or_init(|| Around::new(ctx, i));
        // the classifier's cue, when it marked one of the verbs (a cue a search of the
        // sentence would find is none in a sentence without a match: issue 6, most sentences
        // have cues and few a loaded verb)
        let may = verbs_in.may(i);
        let cue = ctx.label(i).and_then(|c| {
            c.cues.iter().copied().find(|s| {
                (may || !ctx.searchable_in(sentence, *s))
                    && verbs.is(s.slice(ctx.text))
                    && !ctx.in_quote(i, *s)
            })
        });
        let found = cue
            .filter(|s| is_attribution(ctx, around(), sentence, *s, lists()))
            .or_else(|| {
                if !search || !may {
                    return None;
                }
                ctx.outside_quotes(i).iter().copied().find_map(|p| {
                    ctx.find(verbs, p)
                        .map(|m| m.0)
                        .find(|m| is_attribution(ctx, around(), sentence, *m, lists()))
                })
            });
        let Some(span) = found else { continue };
        let verb = span.slice(ctx.text);
        let message =
            format!("loaded attribution verb `{verb}` judges the statement; prefer `said`");
        out.push(false, span, Some(i), message);
    }
}

/// The lists [`is_attribution`] reads, looked up once per document.
struct Lists<'d> {
    allowed_after: &'d PhraseList,
    noun_before: &'d PhraseList,
    passive_before: &'d PhraseList,
    finite_markers: &'d PhraseList,
    subject_words: &'d PhraseList,
    noun_forms: &'d PhraseList,
    clause_starts: &'d PhraseList,
    mandative: &'d PhraseList,
}

impl<'d> Lists<'d> {
    fn new(def: &'d CheckDef) -> Self {
        Lists {
            allowed_after: def.list("allowed-after"),
            noun_before: def.list("noun-before"),
            passive_before: def.list("passive-before"),
            finite_markers: def.list("finite-markers"),
            subject_words: def.list("subject-words"),
            noun_forms: def.list("noun-forms"),
            clause_starts: def.list("clause-starts"),
            mandative: def.list("mandative"),
        }
    }
}

/// Sentence `i`'s cues and sources, looked at once a sentence so that each match finds what it
/// needs by binary search (a scan of both lists per match was quadratic on a long sentence of
/// loaded verbs). The lists are sorted in practice; when one is not, the scan is kept.
struct Around<'a> {
    cues: &'a [Span],
    cues_sorted: bool,
    /// The sources' ends in rising order (sources nest or come out of order; issue 6: a scan of
    /// every source per match was quadratic on one long sentence of loaded verbs whose sources
    /// nest).
    ends: Vec<usize>,
}

impl<'a> Around<'a> {
    fn new(ctx: &'a Ctx, i: usize) -> Self {
        let cues = ctx.label(i).map_or(&[][..], |c| c.cues.as_slice());
        Around::of(cues, ctx.sources(i))
    }

    fn of(cues: &'a [Span], sources: &[Span]) -> Self {
        let mut ends: Vec<usize> = sources.iter().map(|s| s.end).collect();
        ends.sort_unstable();
        Around {
            cues,
            cues_sorted: cues.windows(2).all(|w| w[0] <= w[1]),
            ends,
        }
    }

    /// The classifier took the words at `m` as a cue.
    fn cue(&self, m: Span) -> bool {
        if self.cues_sorted {
            self.cues.binary_search(&m).is_ok()
        } else {
            self.cues.contains(&m)
        }
    }

    /// A source ends at most two bytes before `m`.
    fn source_adjacent(&self, m: Span) -> bool {
        let from = self
            .ends
            .partition_point(|&e| e < m.start.saturating_sub(2));
        self.ends.get(from).is_some_and(|&e| e <= m.start)
    }

    /// A source ends at or before `at`.
    fn source_ends_by(&self, at: usize) -> bool {
        self.ends.first().is_some_and(|&e| e <= at)
    }
}

/// The first word after the match `m` in `sentence`.
fn first_word_after(text: &str, sentence: Span, m: Span) -> Option<Token> {
    first_few::<1>(text, after(text, m.end, sentence.end))
        .first()
        .copied()
}

/// `claimed responsibility`, `denied bail`: set phrases that are not attribution.
///
/// An entry of the list must start at the first word after the verb, so the search reads no
/// further than the longest entry from there (issue 6: a search to the end of the sentence for
/// each verb was quadratic on one long sentence of loaded verbs). A few bytes more than the
/// longest entry, up to the next word boundary, keep the character after any match in the
/// window, so whether a match ends a word is told as on the whole sentence.
fn allowed_after(ctx: &Ctx, sentence: Span, m: Span, list: &PhraseList) -> bool {
    let text = ctx.text;
    let Some(first) = first_word_after(text, sentence, m) else {
        return false;
    };
    let within = Span::new(
        first.span.start,
        window_end(text, first.span.start, list.longest(), sentence.end),
    );
    ctx.first(list, within)
        .is_some_and(|s| s.start == first.span.start)
}

/// The end of a search from `start` that finds every match of at most `longest` bytes starting
/// there as a search to `end` does: `end`, or an earlier character and word boundary at least
/// eight bytes past `start + longest` (a boundary keeps the search in the shared index, see
/// [`crate::checks::Hits::find`]; a window ending inside a word would build and run the
/// list's own automaton).
fn window_end(text: &str, start: usize, longest: usize, end: usize) -> usize {
    let mut e = start.saturating_add(longest).saturating_add(8);
    while e < end && !(text.is_char_boundary(e) && is_boundary(text, e)) {
        e += 1;
    }
    e.min(end)
}

/// The verb at `m` introduces or closes a statement: a subject before it (a name, a pronoun,
/// a source the classifier found) and a clause, `that`, or the end of the sentence after it.
fn is_attribution(ctx: &Ctx, around: &Around, sentence: Span, m: Span, lists: &Lists) -> bool {
    let text = ctx.text;
    if allowed_after(ctx, sentence, m, lists.allowed_after) {
        return false;
    }
    // (the words read around the verb: at most four before it, whether more than one is there,
    // and four after it; all of those after it only for a mandative verb, below)
    let prev = last_few::<4>(text, before(text, sentence.start, m.start));
    let next_span = after(text, m.end, sentence.end);
    let next = first_few::<4>(text, next_span);
    let p = prev.last();
    // `Trump's claim`, `the claims`, `his tax claims`: a noun
    if p.is_some_and(|t| {
        let w = t.text(text);
        w.ends_with("'s") || w.ends_with("\u{2019}s") || lists.noun_before.is(w)
    }) {
        return false;
    }
    // the classifier took this very word as the cue of a source before it (`Mr. Hughes, the
    // minority leader, insisted …`), or a source ends right before it
    let cue_here = around.cue(m);
    let source_adjacent = around.source_adjacent(m);
    // `his recent claim that …`, `Podliska's most explosive claim is …`: a determiner or a
    // possessive, then only lower-case modifiers, before the word — a noun, not a verb
    if !source_adjacent && noun_phrase_head(text, &prev, m, lists) {
        return false;
    }
    // `they aren't admitted until …`, `was denied`: a passive, no one attributing anything
    if p.is_some_and(|t| lists.passive_before.is(t.text(text)))
        && gap_is_space(text, p.map_or(m.start, |t| t.span.end), m.start)
    {
        return false;
    }
    let next_word = next.first().map(|t| t.text(text));
    // `the refugees admitted are women`: a participle right before a finite verb is no
    // attribution
    if next_word.is_some_and(|w| lists.finite_markers.is(w))
        && gap_is_space(text, m.end, next.first().map_or(m.end, |t| t.span.start))
    {
        return false;
    }
    let source_before = source_adjacent || (cue_here && around.source_ends_by(m.start));
    let subject = source_before
        || p.is_some_and(|t| {
            let w = t.text(text);
            let possessive = w.ends_with("'s") || w.ends_with("\u{2019}s");
            (lists.subject_words.is(w) || (t.is_capitalised(text) && prev.len() > 1)) && !possessive
        })
        || (prev.len() == 1 && p.is_some_and(|t| t.is_capitalised(text)));
    let gap_after = text
        .get(m.end..next.first().map_or(sentence.end, |t| t.span.start))
        .unwrap_or("");
    let noun_form = lists.noun_forms.is(m.slice(text));
    // a clause after the verb: `claimed (on Tuesday) that …`, `claimed he …`, `claimed Clinton …`
    let clause = next.first().is_some_and(|t| {
        lists.clause_starts.is(t.text(text)) || (!noun_form && t.is_capitalised(text))
    }) || next
        .iter()
        .take(4)
        .any(|t| t.text(text).eq_ignore_ascii_case("that"))
        || finite_soon(text, m.end, &next, lists.finite_markers);
    // `claims` and the like are nouns as often as verbs: only with a clause after them
    if noun_form && !clause {
        return false;
    }
    // `insisted that the minister resign`: a demand (subjunctive), not a statement
    if lists.mandative.is(m.slice(text)) {
        if let Some(k) = next
            .iter()
            .take(4)
            .position(|t| t.text(text).eq_ignore_ascii_case("that"))
        {
            let finite = tokens(text, next_span).iter().skip(k + 1).any(|t| {
                let w = t.text(text);
                lists.finite_markers.is(w) || w.ends_with("ed") || w.ends_with("n't")
            });
            if !finite {
                return false;
            }
        }
    }
    // `"…," he claimed.`: the verb closes a sentence whose quotation or clause came first
    let subject_start = p.map_or(m.start, |t| t.span.start);
    let lead = text
        .get(sentence.start..subject_start)
        .unwrap_or("")
        .trim_end();
    let after_clause = lead.ends_with([',', '"', '\u{201d}', '\'', '\u{2019}']);
    let g = gap_after.trim_start();
    let closes = next.is_empty()
        || g.starts_with([':', '"', '\u{201c}'])
        || (after_clause && g.starts_with([',', '.']));
    // `"…," claimed Smith.`: inverted after a quotation
    let gap_before = text
        .get(p.map_or(sentence.start, |t| t.span.end)..m.start)
        .unwrap_or("");
    let inverted = gap_before.contains([',', '"', '\u{201d}'])
        && next
            .first()
            .is_some_and(|t| t.is_capitalised(text) || lists.subject_words.is(t.text(text)));
    (subject && (clause || closes)) || inverted
}

/// The words right before a candidate verb (`prev`, in order) end in a determiner or possessive
/// followed by at most three lower-case modifiers (`his recent`, `the last`, `Trump's
/// by-now-familiar`, `Podliska's most explosive`): the candidate heads a noun phrase. A word the
/// check knows as a subject (`the company claims`) or punctuation (`the minority leader,
/// insisted`) ends the walk with no.
fn noun_phrase_head(text: &str, prev: &[Token], m: Span, lists: &Lists) -> bool {
    let mut next_start = m.start;
    for (k, t) in prev.iter().rev().take(4).enumerate() {
        if !gap_is_space(text, t.span.end, next_start) {
            return false;
        }
        next_start = t.span.start;
        let w = t.text(text);
        let possessive = w.ends_with("'s") || w.ends_with("\u{2019}s");
        if possessive || (k > 0 && lists.noun_before.is(w)) {
            return k > 0 || possessive;
        }
        let modifier = !t.is_capitalised(text)
            && !lists.subject_words.is(w)
            && !lists.clause_starts.is(w)
            && !lists.finite_markers.is(w);
        if !modifier {
            return false;
        }
    }
    false
}

/// Only white space between byte `a` and byte `b`.
fn gap_is_space(text: &str, a: usize, b: usize) -> bool {
    text.get(a..b).is_some_and(|g| g.trim().is_empty())
}

/// `insisted the spending was reckless`: a finite verb (`was`, `had`, `would` …) within the next
/// four words, with no punctuation in between, makes what follows a clause, not an object
/// (`claimed the money, …`).
fn finite_soon(text: &str, from: usize, next: &[Token], finite_markers: &PhraseList) -> bool {
    let mut last = from;
    for t in next.iter().take(4) {
        let gap = text.get(last..t.span.start).unwrap_or("");
        if gap.contains([',', ';', ':', '"', '\u{201c}', '\u{201d}', '(', ')']) {
            return false;
        }
        if finite_markers.is(t.text(text)) {
            return true;
        }
        last = t.span.end;
    }
    false
}

#[cfg(test)]
mod tests;
