//! Tests of the per-document facts the checks share: lists never found, sentence sets, edges.

use super::*;

/// Whenever a list is said never to occur in a sentence or a part outside quotations, no
/// search of it there finds anything (every list of every check, on their examples and on
/// texts whose quotation marks stand inside words).
#[test]
fn lists_never_in_sentences_are_found_in_none() {
    let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
    let set = &checker.checks;
    let mut texts = set.example_texts();
    texts.push("Officials reportedly\"said\"the plan was allegedly late. He believes it.".into());
    texts.push("The plan x\"reportedly y\" failed, sources said.".into());
    texts.push("Nothing of note happened at the council on Tuesday.".into());
    let (mut never, mut found) = (0, 0);
    for text in &texts {
        let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, text.clone());
        let seg = crate::segment::segment(&doc);
        let labels = crate::classify::classify(&doc, &seg, &checker.rules);
        let ctx = Ctx::new(&doc, &seg, &labels, set);
        for list in set.defs().iter().flat_map(|d| d.lists.values()) {
            let spans = (0..seg.sentences.len()).flat_map(|i| {
                std::iter::once(ctx.sentence(i)).chain(ctx.outside_quotes(i).iter().copied())
            });
            let any = spans.clone().any(|s| ctx.any(list, s));
            if ctx.never_in_sentences(list) {
                never += 1;
                assert!(!any, "{text:?}");
                assert!(spans.clone().all(|s| ctx.find(list, s).next().is_none()));
            } else if any {
                found += 1;
            }
        }
    }
    assert!(never > 100 && found > 20, "{never} {found}");
}

/// Texts of news words, list words and odd characters (quotation marks inside words, curly
/// apostrophes, other scripts), for the tests that compare a fast path with plain searches.
fn generated_texts(set: &CheckSet, count: usize) -> Vec<String> {
    let mut words: Vec<String> = set
        .defs()
        .iter()
        .flat_map(|d| d.lists.values())
        .flat_map(|l| l.entries.iter().take(6).cloned())
        .collect();
    for w in [
        "Smith",
        "said",
        "the",
        "2,500",
        "nine",
        "x",
        "é",
        "北京",
        "e\u{301}",
        "O\u{2019}Brien",
    ] {
        words.push(w.to_string());
    }
    let mut rng = crate::testrng::Rng::new(0x5851_f42d_4c95_7f2d);
    (0..count)
        .map(|_| rng.text(&words, crate::testrng::ODD_GAPS, 120))
        .collect()
}

/// A sentence left out of a list's [`SentenceSet`] holds no match of the list, searched in the
/// sentence or in any of its parts outside quotations (every list of every check, on their
/// examples and generated texts).
#[test]
fn sentence_sets_leave_out_only_sentences_without_matches() {
    let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
    let set = &checker.checks;
    let mut texts = set.example_texts();
    texts.extend(generated_texts(set, 150));
    texts.push("Officials reportedly\"said\"the plan was allegedly late. He believes it.".into());
    texts.push(String::new());
    // documents of more than 256 sentences: their sets are kept on the heap
    let long = texts.join(" ");
    texts.push(long);
    let mut most = 0;
    let (mut out, mut kept) = (0, 0);
    for text in &texts {
        let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, text.clone());
        let seg = crate::segment::segment(&doc);
        let labels = crate::classify::classify(&doc, &seg, &checker.rules);
        let ctx = Ctx::new(&doc, &seg, &labels, set);
        most = most.max(seg.sentences.len());
        for list in set.defs().iter().flat_map(|d| d.lists.values()) {
            let within = ctx.sentences_with(list);
            for i in 0..seg.sentences.len() {
                let spans: Vec<Span> = std::iter::once(ctx.sentence(i))
                    .chain(ctx.outside_quotes(i).iter().copied())
                    .collect();
                let any = spans
                    .iter()
                    .any(|s| ctx.any(list, *s) || ctx.find(list, *s).next().is_some());
                if within.may(i) {
                    kept += usize::from(any);
                } else {
                    out += 1;
                    assert!(!any, "{text:?} sentence {i}");
                }
            }
        }
    }
    assert!(out > 10_000 && kept > 500, "{out} {kept}");
    assert!(most > 4 * 64, "{most}");
}

/// The edge test reads two ASCII bytes as decoding the characters around them does, at every
/// position of texts in several scripts (and past their ends).
#[test]
fn exact_edges_answer_as_decoded_boundaries() {
    let set = CheckSet::builtin().unwrap();
    let mut texts = generated_texts(&set, 100);
    texts.push("a é,北 1’s--x😀y\u{301}z\u{0}\t".to_string());
    for text in &texts {
        for i in 0..=text.len() + 2 {
            assert_eq!(
                exact_edge(text, i),
                text.is_char_boundary(i) && is_boundary(text, i),
                "{text:?} at {i}"
            );
        }
    }
}
