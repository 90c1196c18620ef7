//! Quotations in the document pass: the sentences inside a top-level quotation take its
//! speaker (named before, after, or in the sentence before a continuing quotation, or on a
//! credit line).

use super::{inherit, stage_direction, Facts};
use crate::classify::frames::personal;
use crate::classify::tokens::{Tok, Token, CAP, DET, SOURCE_NOUN};
use crate::classify::{precedence, Classification, Label};
use crate::document::Document;
use crate::rules::{RuleSet, Structure};
use crate::segment::{Segmentation, Sentence};
use crate::span::{Span, SpanList};

/// A quotation of at least this many words inside a sentence makes it attributed.
const PARTIAL_QUOTE_WORDS: usize = 3;

/// Per sentence: whether a top-level quotation overlaps it (the sentences `quotes` visits).
/// Top-level quotations do not overlap, so this is linear in sentences and quotations.
pub(super) fn in_quotes(seg: &Segmentation) -> Vec<bool> {
    let sents = &seg.sentences;
    let mut quoted = vec![false; sents.len()];
    for q in seg.quotes.iter().filter(|q| q.depth == 0) {
        let si = sents.partition_point(|s| s.span.end <= q.span.start);
        let sj = sents.partition_point(|s| s.span.start < q.span.end);
        for k in quoted.get_mut(si..sj).into_iter().flatten() {
            *k = true;
        }
    }
    quoted
}

/// Quotations: every sentence mostly inside a top-level quotation takes its speaker.
pub(super) fn quotes(
    doc: &Document,
    seg: &Segmentation,
    rules: &RuleSet,
    facts: &[Facts],
    out: &mut [Classification],
) {
    let Some(qrule) = rules.engine().quote else {
        return;
    };
    let Some(rule) = rules.rules().get(qrule as usize) else {
        return;
    };
    let Some(id) = rules.engine().id(qrule as usize) else {
        return;
    };
    let sents = &seg.sentences;
    // what a subheading in quotation marks becomes (see `subhead`): the heading rule's label
    let subhead_rule = rules
        .engine()
        .structures
        .iter()
        .find(|(_, st)| *st == Structure::Heading)
        .and_then(|&(r, _)| {
            let label = rules.rules().get(r as usize)?.info.implies;
            Some(Classification {
                label: label.unwrap_or(Label::None),
                sources: SpanList::new(),
                cues: SpanList::new(),
                rule: Some(rules.engine().id(r as usize)?),
                inherited: false,
            })
        });
    // the speaker of the quotation, and of the last one that had one (for a continuing
    // quotation): a sentence's classification read where it is, copied only when that sentence
    // is about to change (copying it per quotation was quadratic on a long sentence holding
    // many quotations), or a credit line's
    let mut last_speaker: Option<Speaker> = None;
    // whether the sentence last asked about is a title-case headline, worked out once a
    // sentence (quotations come in order: a sentence with many of them is asked about in a row)
    let mut headline: Option<(usize, bool)> = None;
    for q in seg.quotes.iter().filter(|q| q.depth == 0) {
        let si = sents.partition_point(|s| s.span.end <= q.span.start);
        let sj = sents.partition_point(|s| s.span.start < q.span.end);
        if si >= sj {
            continue;
        }
        // a cue outside the quotation, or a transcript's `"NAME: …` colon right at its start
        let speaks = |c: &Classification| {
            c.label.has_source()
                && !c.sources.is_empty()
                && c.cues.iter().any(|cue| {
                    !q.span.contains(*cue)
                        || (doc.slice(*cue) == ":"
                            && c.sources.iter().any(|s| s.start <= q.open.end + 1))
                })
        };
        let credited = |name: Span| Classification {
            label: rule.info.implies.unwrap_or(Label::Attributed),
            sources: SpanList::one(name),
            cues: SpanList::one(q.open),
            rule: Some(id.clone()),
            inherited: false,
        };
        // a credit line that opens the quotation: `― Carla Sanchez “…”`
        let mut speaker = facts
            .get(si)
            .and_then(|f| f.credit)
            .filter(|(_, mark)| *mark == Some(q.open))
            .map(|(name, _)| Speaker::Own(credited(name)));
        if speaker.is_none() {
            speaker = (si..sj)
                .find(|&k| out.get(k).is_some_and(|c| !c.inherited && speaks(c)))
                .map(Speaker::At);
        }
        // a credit line right after the quotation: `"…" ― Carla Sanchez.` (not one that opens
        // the next quotation)
        if speaker.is_none() {
            if let Some((name, None)) = facts.get(sj).and_then(|f| f.credit) {
                speaker = Some(Speaker::Own(credited(name)));
            }
        }
        if speaker.is_none() && q.continues {
            speaker = last_speaker.clone();
        }
        if speaker.is_none() && si > 0 {
            let (prev, this) = (sents.get(si - 1), sents.get(si));
            let adjacent = match (prev, this) {
                (Some(p), Some(t)) => {
                    p.block == t.block || doc.slice(p.span).trim_end().ends_with(':')
                }
                _ => false,
            };
            if adjacent && out.get(si - 1).is_some_and(speaks) {
                speaker = Some(Speaker::At(si - 1));
            }
        }
        for k in si..sj {
            let (Some(c), Some(sent)) = (out.get(k), sents.get(k)) else {
                continue;
            };
            let sp = speaker.as_ref().and_then(|w| w.get(out));
            if stage_direction(doc.slice(sent.span)) {
                // `(CROSSTALK.)` inside a transcript: no one's words
                continue;
            }
            let change = {
                let inside = overlap(sent.span, q.span);
                if inside * 2 < sent.span.len() {
                    // a quotation of a few words inside the sentence (`… pivoting to the dangers
                    // of a "rigged economy."`): the quoted words are someone's, by default the
                    // subject's (before the speaker of an earlier sentence: `Now his friends
                    // joke about "…"`); a title in title case is a name, not quoted words (`the
                    // series "Hawaii Five-0"`, `a "Teamsters for Trump" page`), unless the
                    // sentence is a headline in title case, where every quotation looks like one
                    let words = doc.slice(q.span);
                    let name = title(words)
                        && !match headline {
                            Some((j, v)) if j == k => v,
                            _ => {
                                let v = title(doc.slice(sent.span));
                                headline = Some((k, v));
                                v
                            }
                        };
                    if c.rule.is_none() && has_words(words, PARTIAL_QUOTE_WORDS) && !name {
                        let sources = match (sp, facts.get(k).and_then(|f| f.subject)) {
                            (_, Some(subject)) => SpanList::one(subject),
                            (Some(sp), _) if !sp.sources.is_empty() => inherit(&sp.sources),
                            _ => SpanList::new(),
                        };
                        // no one to give the words to: the sentence stays as it was
                        if sources.is_empty() {
                            None
                        } else {
                            Some(Change::Be(Classification {
                                label: rule.info.implies.unwrap_or(Label::Attributed),
                                sources,
                                cues: SpanList::one(q.open),
                                rule: Some(id.clone()),
                                inherited: false,
                            }))
                        }
                    } else {
                        None
                    }
                } else if precedence(c.label) >= precedence(Label::Attributed) {
                    // `I think …` inside the quotation: the speaker thinks it
                    match sp.filter(|sp| !sp.sources.is_empty()) {
                        Some(sp) if facts.get(k).is_some_and(|f| f.first_person) => {
                            Some(Change::Sources(inherit(&sp.sources)))
                        }
                        // `“… Trump said Hispanics live in hell,” said Ruiz`: a cue inside the
                        // quoted words is the speaker's report; the speaker is a source too
                        Some(sp)
                            if c.label.has_source()
                                && !c.cues.is_empty()
                                && c.cues.iter().all(|cue| q.span.contains(*cue)) =>
                        {
                            Some(Change::AlsoSources(inherit(&sp.sources)))
                        }
                        _ => None,
                    }
                } else if sp.is_none() && subhead(doc, sents, k) {
                    // a paragraph that is only a short quotation no one is named for: a
                    // subheading that quotes the section (`'A Fight to the Finish.'`), not a
                    // claim
                    subhead_rule.clone().map(Change::Be)
                } else {
                    Some(Change::Be(match sp {
                        Some(sp) => Classification {
                            label: sp.label,
                            sources: inherit(&sp.sources),
                            cues: SpanList::one(q.open),
                            rule: Some(id.clone()),
                            inherited: true,
                        },
                        None => Classification {
                            label: rule.info.implies.unwrap_or(Label::Attributed),
                            sources: SpanList::new(),
                            cues: SpanList::one(q.open),
                            rule: Some(id.clone()),
                            inherited: true,
                        },
                    }))
                }
            };
            let Some(change) = change else { continue };
            // sentence `k` changes: a speaker read from it keeps what it was
            for w in [&mut speaker, &mut last_speaker] {
                if matches!(w, Some(Speaker::At(j)) if *j == k) {
                    *w = out.get(k).cloned().map(Speaker::Own);
                }
            }
            let Some(c) = out.get_mut(k) else { continue };
            match change {
                Change::Be(new) => *c = new,
                Change::Sources(sources) => c.sources = sources,
                Change::AlsoSources(sources) => {
                    for s in sources.iter() {
                        c.sources.push(*s);
                    }
                    c.sources.sort();
                    c.sources.dedup();
                }
            }
        }
        if speaker.is_some() {
            last_speaker = speaker;
        }
    }
}

/// Who speaks a quotation: the classification of sentence `k` of the document, or one of its
/// own (a credit line's, or a copy of a sentence's made before that sentence changed).
#[derive(Clone)]
enum Speaker {
    At(usize),
    Own(Classification),
}

impl Speaker {
    fn get<'a>(&'a self, out: &'a [Classification]) -> Option<&'a Classification> {
        match self {
            Speaker::At(k) => out.get(*k),
            Speaker::Own(c) => Some(c),
        }
    }
}

/// What a quotation does to one of its sentences.
enum Change {
    /// The sentence takes this classification.
    Be(Classification),
    /// The sentence's sources become these (the speaker's).
    Sources(SpanList),
    /// The speaker's sources join the sentence's.
    AlsoSources(SpanList),
}

/// A paragraph of at most this many words that is one quotation with no speaker is a
/// subheading.
const SUBHEAD_WORDS: usize = 8;

/// Sentence `k` is a paragraph of its own of at most [`SUBHEAD_WORDS`] words (the caller has
/// found it mostly inside a quotation with no speaker).
fn subhead(doc: &Document, sents: &[Sentence], k: usize) -> bool {
    let Some(sent) = sents.get(k) else {
        return false;
    };
    let alone = |j: Option<usize>| {
        j.and_then(|j| sents.get(j))
            .is_none_or(|s| s.block != sent.block)
    };
    alone(k.checked_sub(1))
        && alone(Some(k + 1))
        && !has_words(doc.slice(sent.span), SUBHEAD_WORDS + 1)
}

/// `― Carla Sanchez.`: a sentence that opens with a dash and one to five capitalised words,
/// followed by its end or by a quotation mark (returned with the name).
pub(super) fn credit_line(toks: &[Token]) -> Option<(Span, Option<Span>)> {
    let (dash, rest) = toks.split_first()?;
    if dash.tok != Tok::Dash {
        return None;
    }
    let n = rest
        .iter()
        .take_while(|t| t.tok == Tok::Word && t.has(CAP))
        .count();
    let after = rest.get(n);
    let ends = matches!(
        after.map(|t| t.tok),
        None | Some(Tok::End | Tok::Quote { .. })
    );
    let mark = after.filter(|t| matches!(t.tok, Tok::Quote { .. }));
    let (first, last) = (rest.first()?, rest.get(n.checked_sub(1)?)?);
    ((1..=5).contains(&n) && ends).then(|| {
        (
            Span::new(first.span.start, last.span.end),
            mark.map(|t| t.span),
        )
    })
}

/// A subject that can be the speaker of quoted words: a pronoun, a noun that names people or
/// bodies (`officials`, `the union`), or a capitalised name that is not merely the sentence's
/// first word (`Posters reading "…"`, `The budget` are not speakers; `Mr. Ruiz`, `the union` are).
pub(super) fn can_speak(toks: &[Token], a: usize, b: usize) -> bool {
    toks.get(a..b).is_some_and(|np| {
        np.iter().enumerate().any(|(k, t)| {
            personal(t) || t.has(SOURCE_NOUN) || (t.has(CAP) && !t.has(DET) && a + k > 0)
        })
    })
}

/// A title in title case: two words of four letters or more, every one of them capitalised, and
/// no `!` or `?` (`Hawaii Five-0`, `Teamsters for Trump`, `The Day of the Donald`; not `rigged
/// economy`, `Lock her up!`).
///
/// (One pass over the chars, the words' lengths counted as they are read and ASCII tested
/// without the Unicode tables: the splits, the counts of each word's chars and the search for
/// `!` and `?` were 1.6 M instructions of the corpus for 833 quotations and sentences, issue 6.)
fn title(text: &str) -> bool {
    // (the long words so far, the chars of the current word, and whether its first is a capital)
    let (mut long, mut run, mut capital) = (0usize, 0usize, false);
    // (a space after the text ends its last word)
    for c in text.chars().chain([' ']) {
        let (alnum, upper) = if c.is_ascii() {
            if matches!(c, '!' | '?') {
                return false;
            }
            (c.is_ascii_alphanumeric(), c.is_ascii_uppercase())
        } else {
            (c.is_alphanumeric(), c.is_uppercase())
        };
        if alnum {
            if run == 0 {
                capital = upper;
            }
            run += 1;
            continue;
        }
        if run >= 4 {
            if !capital {
                return false;
            }
            long += 1;
        }
        run = 0;
    }
    long >= 2
}

/// Whether `text` has at least `n` words (runs of letters or digits); stops at the `n`th.
fn has_words(text: &str, n: usize) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(n)
        .count()
        >= n
}

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

#[cfg(test)]
mod tests {
    /// [`super::title`] as first written: splits and counts.
    fn title_plain(text: &str) -> bool {
        let long = || {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4)
        };
        !text.contains(['!', '?'])
            && long().nth(1).is_some()
            && long().all(|w| w.chars().next().is_some_and(char::is_uppercase))
    }

    #[test]
    fn title_matches_the_plain_version() {
        for t in [
            "",
            "Hawaii Five-0",
            "Teamsters for Trump",
            "The Day of the Donald",
            "rigged economy",
            "Lock Her Up!",
            "Lock her up",
            "Über Straße",
            "Élan Vital",
            "élan Vital",
            "北京大学 Beijing",
            "2016 Election Results",
            "Ⅻ Ⅻ",
            "Gaza’s Forgotten Children",
            "What Now?",
        ] {
            assert_eq!(super::title(t), title_plain(t), "{t:?}");
        }
        let alphabet = [
            "a", "Z", "7", " ", "-", "!", "?", "’", "é", "É", "ß", "北", "٣", "Ⅻ", "ǅ", "İ",
            "\u{301}", "\u{a0}", "abcd", "Abcd", "ABCD", "abc", "Abc", "😀", ".",
        ];
        let mut rng = crate::testrng::Rng::new(0x2545_f491_4f6c_dd1d);
        let mut seen = [0usize; 2];
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..rng.below(12) {
                text.push_str(rng.pick(&alphabet));
            }
            let want = title_plain(&text);
            assert_eq!(super::title(&text), want, "{text:?}");
            seen[usize::from(want)] += 1;
        }
        assert!(seen[0] > 1000 && seen[1] > 100, "{seen:?}");
    }
}
