//! [`sentence::evaluate`] marks its tokens and finds its cues as the meaning-by-meaning walk
//! over the lexicon hits it replaced (issue 6) does.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::sentence::{evaluate, Scratch};
use super::tokens::{self, Tok, Token};
use crate::rules::engine::{Hit, What};
use crate::rules::{Role, RuleSet};
use crate::span::Span;

fn acronym(w: &str) -> bool {
    w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.')
}

/// The flags and cues of the hits, one meaning at a time (the code before issue 6).
fn reference(
    text: &str,
    toks: &mut [Token],
    hits: &[Hit],
    rules: &RuleSet,
) -> Vec<(Span, u16, What)> {
    let engine = rules.engine();
    let mut cues = Vec::new();
    for h in hits {
        let hspan = h.span(0);
        let Some(r) = tokens::range(toks, hspan) else {
            continue;
        };
        for e in engine.entries(h.pattern) {
            let flag = match e.what {
                What::Lex(Role::Pronoun) => tokens::PRONOUN,
                What::Lex(Role::SourceNoun) => tokens::SOURCE_NOUN,
                What::Lex(Role::Skip) => tokens::SKIP,
                What::Lex(Role::NotSource) => tokens::NOT_SOURCE,
                What::Lex(Role::Determiner) => tokens::DET,
                What::Lex(Role::Joiner) => tokens::JOINER,
                What::Lex(Role::Agent) => tokens::AGENT,
                What::Lex(Role::Copula) => tokens::COPULA,
                What::Lex(Role::Conjunction) => tokens::CONJ,
                What::Lex(Role::Negation) => tokens::NEGATION,
                What::Lex(Role::Possessive) => tokens::POSS_DET,
                What::Lex(Role::FirstPerson) => tokens::FIRST_PERSON,
                What::Lex(Role::Singular) => tokens::SINGULAR,
                What::Lex(Role::PluralQuantifier) => tokens::PLURAL,
                What::Lex(Role::Modal) => tokens::MODAL,
                What::Lex(Role::NotSpeaker) => tokens::NOT_SPEAKER,
                What::Link => tokens::LINK,
                // (the words around a gap make a cue only together: none of this reference's)
                What::GapHead | What::GapTail => continue,
                What::Phrase { .. } => {
                    let i = r.0;
                    let prev = i.checked_sub(1).and_then(|k| toks.get(k));
                    let inside = toks[i].has(tokens::CAP)
                        && prev.is_some_and(|p| p.tok == Tok::Word && p.has(tokens::CAP));
                    if !inside {
                        cues.push((hspan, e.rule, e.what));
                    }
                    continue;
                }
                What::Verb(_) | What::SourcePhrase | What::PossessorNoun => {
                    cues.push((hspan, e.rule, e.what));
                    continue;
                }
            };
            for t in &mut toks[r.0..r.1] {
                let capital = t.tok != Tok::Word || t.has(tokens::CAP);
                if capital && acronym(t.span.slice(text)) {
                    continue;
                }
                t.flags |= flag;
            }
        }
    }
    cues
}

/// News words for random sentences: acronyms that spell function words, names before hedges,
/// verbs, phrases, pronouns, marks.
const WORDS: [&str; 72] = [
    "the",
    "The",
    "US",
    "U.S.",
    "IT",
    "WHO",
    "it",
    "who",
    "said",
    "says",
    "Said",
    "told",
    "CBS",
    "News",
    "news",
    "reports",
    "reportedly",
    "according",
    "to",
    "according to",
    "officials",
    "spokesman",
    "he",
    "He",
    "she",
    "they",
    "I",
    "we",
    "by",
    "is",
    "was",
    "not",
    "and",
    "but",
    "his",
    "their",
    "a",
    "an",
    "each",
    "of",
    "for",
    "claimed",
    "alleged",
    "allegedly",
    "Trump's",
    "claim",
    "organisation",
    "report",
    "Update",
    "Ruiz",
    "WASHINGTON",
    "on",
    "Tuesday",
    "also",
    ",",
    ".",
    "“",
    "”",
    "\"",
    ":",
    "—",
    "e\u{301}",
    "北京",
    "Ωμέγα",
    "it’s",
    "didn't",
    "is said to",
    "said to",
    "CBS News reports",
    "Fox News Reports",
    "media reports",
    "News reports",
];

/// On random sentences of news words (acronyms that spell function words, names before
/// hedges, verbs, phrases, pronouns), every token's flags and every cue are the reference's.
#[test]
fn flags_and_cues_match_the_reference() {
    use proptest::prelude::*;
    let rules = RuleSet::builtin().unwrap();
    let words = WORDS;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut flagged, mut cued) = (0usize, 0usize);
    runner
        .run(&proptest::collection::vec(0..words.len(), 0..30), |idx| {
            let text = idx.iter().map(|&i| words[i]).collect::<Vec<_>>().join(" ");
            let span = Span::new(0, text.len());
            let mut hits = Vec::new();
            rules.engine().scan(&text, 0..text.len(), &mut hits);
            let mut s = Scratch::default();
            evaluate(&text, span, (&hits, 0), &[], &rules, None, &mut s);
            let mut toks = Vec::new();
            tokens::tokenize(&text, span, &mut toks);
            let cues = reference(&text, &mut toks, &hits, &rules);
            prop_assert_eq!(&s.toks, &toks);
            // (`evaluate` then sets the rule of a cue inside a longer one to u16::MAX)
            let got = s.cues();
            prop_assert_eq!(got.len(), cues.len());
            for (g, want) in got.iter().zip(&cues) {
                prop_assert_eq!((g.0, g.2), (want.0, want.2));
                let inside = cues.iter().any(|c| c.0 != g.0 && c.0.contains(g.0));
                prop_assert_eq!(g.1, if inside { u16::MAX } else { want.1 });
            }
            Ok(())
        })
        .unwrap();
    // (the texts exercise both)
    for text in [
        "He said the US plan works",
        "CBS News reports that officials told us",
    ] {
        let mut hits = Vec::new();
        rules.engine().scan(text, 0..text.len(), &mut hits);
        let mut s = Scratch::default();
        evaluate(
            text,
            Span::new(0, text.len()),
            (&hits, 0),
            &[],
            &rules,
            None,
            &mut s,
        );
        flagged += s
            .toks
            .iter()
            .filter(|t| t.flags & !tokens::CAP != 0)
            .count();
        cued += s.cues().len();
    }
    assert!(flagged > 4 && cued > 1, "{flagged} {cued}");
}

/// Hits out of order, twice over, or from another text (not at the tokens' starts, over
/// several tokens): `evaluate` marks the tokens and finds the cues a search of each hit's
/// tokens does, and reads the hits up to the first at or after the sentence's end.
#[test]
fn hits_in_any_order_mark_as_the_search_does() {
    use proptest::prelude::*;
    let rules = RuleSet::builtin().unwrap();
    let text_of = |idx: &[usize]| idx.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (moved, marked) = (std::cell::Cell::new(0usize), std::cell::Cell::new(0usize));
    let words = || proptest::collection::vec(0..WORDS.len(), 0..20);
    let ops = proptest::collection::vec(0..5u8, 0..60);
    runner
        .run(&(words(), words(), ops), |(a, b, ops)| {
            let (text, other) = (text_of(&a), text_of(&b));
            let (mut own, mut far) = (Vec::new(), Vec::new());
            rules.engine().scan(&text, 0..text.len(), &mut own);
            rules.engine().scan(&other, 0..other.len(), &mut far);
            // (the text's hits in order, with the other text's, repeated and swapped)
            let (mut i, mut j) = (0, 0);
            let mut hits: Vec<Hit> = Vec::new();
            for op in ops {
                match op {
                    0 | 1 => {
                        if let Some(&h) = own.get(i) {
                            hits.push(h);
                            i += 1;
                        }
                    }
                    2 => {
                        if let Some(&h) = far.get(j) {
                            hits.push(h);
                            j += 1;
                        }
                    }
                    3 => {
                        if let Some(&h) = hits.last() {
                            hits.push(h);
                        }
                    }
                    _ => {
                        let n = hits.len();
                        if n >= 2 {
                            hits.swap(n - 1, n - 2);
                            moved.set(moved.get() + 1);
                        }
                    }
                }
            }
            hits.extend(own.get(i..).unwrap_or_default());
            let span = Span::new(0, text.len());
            let mut s = Scratch::default();
            evaluate(&text, span, (&hits, 0), &[], &rules, None, &mut s);
            let read = hits
                .iter()
                .position(|h| h.span(0).start >= span.end)
                .unwrap_or(hits.len());
            prop_assert_eq!(s.hits_used, read);
            let mut toks = Vec::new();
            tokens::tokenize(&text, span, &mut toks);
            let cues = reference(&text, &mut toks, &hits[..read], &rules);
            prop_assert_eq!(&s.toks, &toks);
            marked.set(marked.get() + toks.iter().filter(|t| t.flags & !tokens::CAP != 0).count());
            let got = s.cues();
            prop_assert_eq!(got.len(), cues.len());
            for (g, want) in got.iter().zip(&cues) {
                prop_assert_eq!((g.0, g.2), (want.0, want.2));
            }
            Ok(())
        })
        .unwrap();
    let (moved, marked) = (moved.get(), marked.get());
    assert!(moved > 100 && marked > 500, "{moved} {marked}");
}

/// `bare_speaking`'s cheap first test lets every form of `speak` through, in any case (it is
/// written for the list as it stands: a form added to the list must pass it too).
#[test]
fn the_speak_prefilter_passes_every_form() {
    use super::sentence::{may_speak, SPEAK_FORMS};
    for form in SPEAK_FORMS {
        for w in [form.to_string(), form.to_uppercase(), {
            let mut c = form.to_string();
            c[..1].make_ascii_uppercase();
            c
        }] {
            assert!(may_speak(w.as_bytes()[0], w.len()), "{w}");
        }
    }
    for (w, yes) in [
        ("said", false),
        ("spokesman", false),
        ("sing", false),
        ("Speaks", true),
    ] {
        assert_eq!(may_speak(w.as_bytes()[0], w.len()), yes, "{w}");
    }
}

/// The acronym test's cheap first test rejects no acronym (`US`, `U.S.`, `ÉU`), wherever the
/// word lies in the text, and rejects the capitalised words in lower case after their first
/// letter.
#[test]
fn the_acronym_prefilter_rejects_no_acronym() {
    use super::sentence::{acronym, may_be_acronym};
    let chars = ['A', 'a', '.', 'É', 'é', 'ß', '1', 'I', 'S', 'Σ', 'σ', '-'];
    let mut rng = crate::testrng::Rng::new(0x51c3_0a7e_92d4_6b18);
    let mut seen = [0usize; 2];
    for _ in 0..20_000 {
        let len = 1 + rng.below(5);
        let word: String = (0..len).map(|_| chars[rng.below(chars.len())]).collect();
        let before = " x ".repeat(rng.below(3));
        let text = format!("{before}{word} y");
        let span = Span::new(before.len(), before.len() + word.len());
        let is = acronym(&word);
        assert!(!is || may_be_acronym(&text, span), "{word:?}");
        seen[usize::from(is)] += 1;
    }
    assert!(seen[0] > 1000 && seen[1] > 1000, "{seen:?}");
    for w in ["The", "He", "Mr.", "Ruiz"] {
        assert!(!may_be_acronym(w, Span::new(0, w.len())), "{w}");
    }
    for w in ["US", "U.S.", "WHO", "ÉU"] {
        assert!(
            may_be_acronym(w, Span::new(0, w.len())) && acronym(w),
            "{w}"
        );
    }
}
