//! `anonymous-source`: bare `a source said` (raised), characterised anonymous sources without a
//! reason for anonymity or a basis of knowledge, and allegations or attacks from them (raised).

use super::phrases::{after, before, first_few, last_few, PhraseList, Token, WINDOW};
use super::stream::TokenStream;
use super::{CheckDef, Ctx, Out};
use crate::ledger::Ledger;
use crate::span::Span;

/// The lists [`described_source`] reads for every part of every sentence, looked up once.
struct Described<'d> {
    def: &'d CheckDef,
    heads: &'d PhraseList,
    determiners: &'d PhraseList,
    modifiers: &'d PhraseList,
    /// The cues a described source needs around it (see [`described_source`]).
    speech: &'d PhraseList,
    cues_before: &'d PhraseList,
    inverted_cues: &'d PhraseList,
}

impl<'d> Described<'d> {
    /// The lists of `def` beside `heads` (its list `heads`).
    fn new(def: &'d CheckDef, heads: &'d PhraseList) -> Self {
        Described {
            def,
            heads,
            determiners: def.list("determiners"),
            modifiers: def.list("modifiers"),
            speech: def.list("speech"),
            cues_before: def.list("cues-before"),
            inverted_cues: def.list("inverted-cues"),
        }
    }
}

pub fn check(ctx: &Ctx, def: &CheckDef, _ledger: &Ledger, out: &mut Out) {
    let (bare_list, characterised_list) = (def.list("bare"), def.list("characterised"));
    let heads = def.list("heads");
    // every finding is a match of `bare` or `characterised` in a part outside quotations, or
    // a described source, which needs a match of `heads` there when that list is all ASCII
    if ctx.never_in_sentences(bare_list)
        && ctx.never_in_sentences(characterised_list)
        && heads.is_ascii()
        && ctx.never_in_sentences(heads)
    {
        return;
    }
    // (the other lists looked up only for a document that may hold a finding)
    let described = &Described::new(def, heads);
    // the sentences where each of the three may be found (issue 6)
    let (bare_in, characterised_in) = (
        ctx.sentences_with(bare_list),
        ctx.sentences_with(characterised_list),
    );
    let heads_in = described
        .heads
        .is_ascii()
        .then(|| ctx.sentences_with(described.heads));
    for i in 0..ctx.seg.sentences.len() {
        // a described source needs a match of `heads` in the part when that list is all ASCII
        let may_describe = heads_in.as_ref().is_none_or(|h| h.may(i));
        if !bare_in.may(i) && !characterised_in.may(i) && !may_describe {
            continue;
        }
        let parts = ctx.outside_quotes(i);
        let bare = parts.iter().find_map(|p| {
            ctx.find(bare_list, *p)
                .map(|m| m.0)
                .find(|m| !qualified(ctx, ctx.sentence(i), *m, def))
        });
        // `the source said` pointing back to a source described earlier in the sentence or in
        // the sentence before (`a source familiar with the talks … the source said`): that
        // mention is the one to judge
        if bare.is_some_and(|m| refers_back(ctx, i, m, described)) {
            continue;
        }
        let characterised = bare.or_else(|| {
            parts.iter().find_map(|p| {
                described_source(ctx, *p, described).or_else(|| ctx.first(characterised_list, *p))
            })
        });
        let Some(span) = characterised else { continue };
        let sentence = ctx.sentence(i);
        // allegations and attacks anywhere in the sentence, quoted or not
        let attack = ctx.any(def.list("allegation-words"), sentence)
            || ctx.any(def.list("pejoratives"), sentence);
        let (raised, message) = if attack {
            (
                true,
                "an allegation or attack rests on an anonymous source".to_string(),
            )
        } else if bare.is_some() {
            (
                true,
                format!("bare anonymous source `{}`", span.slice(ctx.text)),
            )
        } else {
            let next = i + 1;
            let mut window = vec![sentence];
            if ctx.paragraph(i).contains(&next) {
                window.push(ctx.sentence(next));
            }
            let explained = window
                .iter()
                .any(|w| ctx.any(def.list("reasons"), *w) || ctx.any(def.list("basis"), *w));
            if explained {
                continue;
            }
            (
                false,
                format!(
                    "anonymous source `{}` with no reason for anonymity and no basis of knowledge",
                    span.slice(ctx.text)
                ),
            )
        };
        out.push(raised, span, Some(i), message);
    }
}

/// `a senior US official said`, `according to two people …`: a determiner, capitalised words or
/// listed modifiers, a listed head noun, and a speech cue right around it.
///
/// A part of at most [`WINDOW`] bytes without any cue (a match of `speech`, `cues-before` or
/// `inverted-cues` inside it) holds no described source, and its words are not read (issue 6:
/// four in five parts with a head noun hold no cue, and reading their words was most of the
/// check). [`described_source_from`] finds a source only when one of its searches of those
/// lists finds a match, and every such search is of a span inside the part whose edges are the
/// part's or whole-word edges of the text: the text after a head token (`head.end..`) up to a
/// token's end or the part's end, and the text before the determiner (`before`, which starts
/// at the part's start in a part this short) up to a byte after which only white space and
/// commas come before the determiner, or up to the determiner's start when nothing is trimmed
/// (a token starts after a character that is no word character, or at the part's start, where
/// that span is empty). A token ends before a character that is no word character. So a match
/// such a search finds is a whole-word match inside the part, which the search of the part
/// itself finds: by the index when the part's edges are exact, and by the list's own search
/// (which finds every match of the index inside the part too) when they are not.
fn described_source(ctx: &Ctx, part: Span, lists: &Described) -> Option<Span> {
    if part.len() <= WINDOW
        && !ctx.any(lists.speech, part)
        && !ctx.any(lists.cues_before, part)
        && !ctx.any(lists.inverted_cues, part)
    {
        return None;
    }
    described_source_from(ctx, part, lists, true)
}

/// [`described_source`], its tokens read from [`read_from`] when `skip`, else from the start of
/// the part.
fn described_source_from(ctx: &Ctx, part: Span, lists: &Described, skip: bool) -> Option<Span> {
    let text = ctx.text;
    let (def, heads) = (lists.def, lists.heads);
    // no head noun in the part: nothing to describe (a token equal to an ASCII entry is a
    // whole-word match of it)
    if heads.is_ascii() && !ctx.any(heads, part) {
        return None;
    }
    let (determiners, modifiers) = (lists.determiners, lists.modifiers);
    // where the head nouns start in the part, for an ASCII list (every head a determiner can
    // reach starts at one: see above): a word with none in the five after it begins no
    // description, and none after the last one does (issue 6: a lookup of every word of the
    // part among the determiners)
    // (read as the tokens go, not gathered first: issue 6, an allocation per part)
    let mut head_starts = heads
        .is_ascii()
        .then(|| ctx.find(heads, part).map(|m| m.0.start).peekable());
    // the words long before the first head begin no description: read from a little before it
    let from = match head_starts.as_mut().and_then(|hs| hs.peek().copied()) {
        Some(first) if skip => read_from(text, part, first),
        _ => part.start,
    };
    let mut toks = TokenStream::short(text, Span::new(from, part.end));
    let w = |t: &Token| t.text(text);
    let mut next = 0;
    while let Some(t) = toks.get(next) {
        let k = next;
        next += 1;
        // looks back one token at most
        toks.forget(k.saturating_sub(1));
        if let Some(hs) = head_starts.as_mut() {
            while hs.next_if(|&s| s < t.span.end).is_some() {}
            let Some(&head_start) = hs.peek() else { break };
            if toks.get(k + 5).is_some_and(|x| x.span.start < head_start) {
                continue;
            }
        }
        if !determiners.is(w(&t)) {
            continue;
        }
        // up to four capitalised words or modifiers, then the head (`None`: another word)
        let mut h = Some(k + 1);
        while let Some(j) = h.filter(|&j| j <= k + 4) {
            let Some(tok) = toks.get(j) else { break };
            if heads.is(w(&tok)) {
                break;
            }
            h = (tok.is_capitalised(text) || modifiers.is(w(&tok))).then_some(j + 1);
        }
        let found = h.and_then(|h| toks.get(h).filter(|tok| heads.is(w(tok))).map(|t| (h, t)));
        let Some((h, head)) = found else {
            continue;
        };
        let span = Span::new(t.span.start, head.span.end);
        // `A top strategist, John Weaver, said`: named right after
        let after_head = text.get(head.span.end..part.end).unwrap_or("").trim_start();
        if let Some(rest) = after_head.strip_prefix(',') {
            if rest
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            {
                continue;
            }
        }
        // `Erin Murphy, a former aide …`: an appositive to a name, not an anonymous source
        let before_text = text.get(part.start..t.span.start).unwrap_or("").trim_end();
        if before_text.ends_with(',')
            && k > 0
            && toks.get(k - 1).is_some_and(|p| p.is_capitalised(text))
        {
            continue;
        }
        let b = before_text.trim_end_matches(',').trim_end();
        let b_span = before(text, part.start, part.start + b.len());
        // `according to a senior official`, or inverted after a clause: `…, said a senior
        // official` (not `Smith said several people …`)
        let ends_with = |list: &PhraseList, sp: Span| {
            ctx.find(list, sp).last().is_some_and(|m| m.0.end == sp.end)
        };
        let inverted = ends_with(lists.inverted_cues, b_span) && {
            let verb_start = ctx
                .find(lists.inverted_cues, b_span)
                .last()
                .map_or(b_span.end, |m| m.0.start);
            text.get(part.start..verb_start).is_some_and(|l| {
                let l = l.trim_end();
                l.is_empty() || l.ends_with([',', '"', '\u{201d}', '\'', '\u{2019}'])
            })
        };
        let cued_before = ends_with(lists.cues_before, b_span) || inverted;
        // the speech verb right after the head (`official said`), or after a listed
        // post-modifier (`person familiar with the talks said`)
        let near_end = toks.get(h + 3).map_or(part.end, |x| x.span.end);
        let speech = lists.speech;
        let mut cued_after = ctx.any(speech, Span::new(head.span.end, near_end));
        if !cued_after {
            let rest = after(text, head.span.end, part.end);
            let post = ctx.first(def.list("post-modifiers"), rest);
            if post.is_some_and(|m| {
                text.get(head.span.end..m.start)
                    .is_some_and(|g| g.trim().trim_matches(',').is_empty())
            }) {
                let far_end = toks.get(h + 14).map_or(part.end, |x| x.span.end);
                cued_after = ctx.any(speech, Span::new(head.span.end, far_end));
            }
        }
        if cued_before || cued_after {
            return Some(span);
        }
    }
    None
}

/// Where [`described_source`] starts reading the tokens of `part` whose first head noun starts
/// at byte `head`: right after the ASCII white space before the seventh stretch back from
/// `head` (between white space) that holds an ASCII letter or digit, else at the start of the
/// part. Each such stretch holds a token of its own that starts before `head`, so a word
/// before that point has more than five words between it and every head, and is passed over
/// by the reader as it was; no token holds white space, so the tokens read from there are
/// those of the whole part (issue 6: the words of a long part were all tokenized to find a
/// head near its end).
fn read_from(text: &str, part: Span, head: usize) -> usize {
    // (a head this near the start leaves too few words before it to be worth the search)
    let near = head.saturating_sub(part.start) < 64;
    let Some(before) = text.as_bytes().get(part.start..head).filter(|_| !near) else {
        return part.start;
    };
    let (mut stretches, mut word) = (0, false);
    for (i, &c) in before.iter().enumerate().rev() {
        if c.is_ascii_whitespace() {
            if word {
                stretches += 1;
                if stretches == 7 {
                    return part.start + i + 1;
                }
            }
            word = false;
        } else if c.is_ascii_alphanumeric() {
            word = true;
        }
    }
    part.start
}

/// The bare phrase at `m` is definite (`the source said`) and a described anonymous source
/// stands before it in sentence `i` or in the previous sentence of its paragraph.
fn refers_back(ctx: &Ctx, i: usize, m: Span, lists: &Described) -> bool {
    let definite = m
        .slice(ctx.text)
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("the "));
    if !definite {
        return false;
    }
    let earlier = Span::new(ctx.sentence(i).start, m.start);
    let mut window = vec![earlier];
    if i > 0 && ctx.paragraph(i).contains(&(i - 1)) {
        window.push(ctx.sentence(i - 1));
    }
    window.iter().any(|w| {
        described_source(ctx, *w, lists).is_some() || ctx.any(lists.def.list("characterised"), *w)
    })
}

/// `Democratic sources said`, `a source at the station said`: the bare phrase is qualified by
/// a name or modifier before it or a prepositional phrase after it, so it is characterised.
fn qualified(ctx: &Ctx, sentence: Span, m: Span, def: &CheckDef) -> bool {
    let text = ctx.text;
    let before = last_few::<2>(text, before(text, sentence.start, m.start));
    let prev_named = before.last().is_some_and(|t| {
        (t.is_capitalised(text) && before.len() > 1) || def.list("modifiers").is(t.text(text))
    });
    let head_end = ctx
        .find(def.list("heads"), m)
        .last()
        .map_or(m.end, |h| h.0.end);
    let next = first_few::<1>(text, after(text, head_end, sentence.end));
    let qualifier_after = next.first().is_some_and(|t| {
        t.span.start < m.end + 40 && def.list("qualifiers-after").is(t.text(text))
    });
    prev_named || qualifier_after
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testrng::Rng;

    /// Described sources found with the tokens read from a little before the first head are
    /// those found reading every token of the part, on generated sentences of the check's
    /// words (determiners, modifiers, heads, cues), names, commas and odd characters.
    #[test]
    fn reading_from_before_the_first_head_finds_the_same() {
        let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
        let def = checker.checks.get("anonymous-source").unwrap();
        let described = Described::new(def, def.list("heads"));
        let mut words: Vec<String> = Vec::new();
        for list in ["determiners", "modifiers", "heads", "speech", "cues-before"] {
            words.extend(def.list(list).entries.iter().take(8).cloned());
        }
        for w in [
            "Smith", "John", "said", "the", "a", ",", "x", "é", "北京", "on-line", "2,500",
        ] {
            words.push(w.to_string());
        }
        let mut rng = Rng::new(0x6a09_e667_f3bc_c908);
        let (mut found, mut skipped) = (0, 0);
        for _ in 0..1500 {
            let text = rng.text(&words, crate::testrng::ODD_GAPS, 80);
            let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, text.clone());
            let seg = crate::segment::segment(&doc);
            let labels = crate::classify::classify(&doc, &seg, &checker.rules);
            let ctx = Ctx::new(&doc, &seg, &labels, &checker.checks);
            for i in 0..seg.sentences.len() {
                for part in [ctx.sentence(i)].iter().chain(ctx.outside_quotes(i)) {
                    let all = described_source_from(&ctx, *part, &described, false);
                    assert_eq!(
                        described_source_from(&ctx, *part, &described, true),
                        all,
                        "{text:?} {part:?}"
                    );
                    found += usize::from(all.is_some());
                    let first = ctx.find(described.heads, *part).next().map(|m| m.0.start);
                    skipped +=
                        usize::from(first.is_some_and(|h| read_from(&text, *part, h) > part.start));
                }
            }
        }
        assert!(found > 100 && skipped > 100, "{found} {skipped}");
    }

    /// A part without a cue, which [`described_source`] does not read, holds no described
    /// source: it finds what reading every token of the part finds, on generated sentences of
    /// the check's words (with and without cues), names, odd characters and gaps, for every
    /// sentence, every part outside quotations and spans cut anywhere (inside words, too).
    #[test]
    fn parts_without_a_cue_hold_no_described_source() {
        let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
        let def = checker.checks.get("anonymous-source").unwrap();
        let described = Described::new(def, def.list("heads"));
        let mut words: Vec<String> = Vec::new();
        for list in [
            "determiners",
            "modifiers",
            "heads",
            "speech",
            "cues-before",
            "inverted-cues",
            "post-modifiers",
        ] {
            words.extend(def.list(list).entries.iter().take(6).cloned());
        }
        for w in [
            "Smith", "John", "the", "a", ",", "x", "é", "北京", "on-line", "2,500", "unsaid",
            "saidx", "toldé", "weather", "markets", "rose", "in", "of",
        ] {
            words.push(w.to_string());
        }
        let mut rng = Rng::new(0x3c6e_f372_fe94_f82b);
        let (mut found, mut skipped, mut long) = (0, 0, 0);
        for round in 0..1500 {
            let text = rng.text(&words, crate::testrng::ODD_GAPS, 20 + round % 100);
            let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, text.clone());
            let seg = crate::segment::segment(&doc);
            let labels = crate::classify::classify(&doc, &seg, &checker.rules);
            let ctx = Ctx::new(&doc, &seg, &labels, &checker.checks);
            let mut spans: Vec<Span> = Vec::new();
            for i in 0..seg.sentences.len() {
                spans.push(ctx.sentence(i));
                spans.extend(ctx.outside_quotes(i));
            }
            // spans cut at any character boundary
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&k| text.is_char_boundary(k))
                .collect();
            for _ in 0..8 {
                let (a, b) = (rng.pick(&bounds), rng.pick(&bounds));
                spans.push(Span::new(a.min(b), a.max(b)));
            }
            for span in spans {
                let all = described_source_from(&ctx, span, &described, false);
                assert_eq!(
                    described_source(&ctx, span, &described),
                    all,
                    "{text:?} {span:?}"
                );
                found += usize::from(all.is_some());
                let cue = ctx.any(described.speech, span)
                    || ctx.any(described.cues_before, span)
                    || ctx.any(described.inverted_cues, span);
                let heads = ctx.any(described.heads, span);
                skipped += usize::from(span.len() <= WINDOW && heads && !cue);
                long += usize::from(span.len() > WINDOW && all.is_some());
            }
        }
        assert!(
            found > 300 && skipped > 300 && long > 20,
            "{found} {skipped} {long}"
        );
    }
}
