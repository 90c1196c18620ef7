//! Tests of the loaded-verb check's bounded searches against the plain ones they replaced.

use super::*;
use crate::checks::CheckSet;
use crate::testrng::Rng;

/// [`allowed_after`] as it was: the list searched from the first word after the verb to the end
/// of the sentence.
fn allowed_after_plain(ctx: &Ctx, sentence: Span, m: Span, def: &CheckDef) -> bool {
    let text = ctx.text;
    let Some(first) = first_word_after(text, sentence, m) else {
        return false;
    };
    ctx.first(
        def.list("allowed-after"),
        Span::new(first.span.start, sentence.end),
    )
    .is_some_and(|s| s.start == first.span.start)
}

/// Texts of loaded verbs, entries of `allowed-after` and odd characters between them.
fn texts(def: &CheckDef, count: usize) -> Vec<String> {
    let mut words: Vec<String> = def.list("verbs").entries.iter().take(12).cloned().collect();
    words.extend(def.list("allowed-after").entries.iter().cloned());
    for w in [
        "Smith", "the", "x", "é", "北京", "e\u{301}", "lives’", "on-line", "2,500",
    ] {
        words.push(w.to_string());
    }
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    (0..count)
        .map(|_| rng.text(&words, crate::testrng::ODD_GAPS, 60))
        .collect()
}

/// The bounded search of `allowed-after` answers as the search to the end of the sentence, for
/// every verb of generated texts, with the sentence cut at every character boundary after the
/// verb (ends inside words send the search to the list's own automaton), for the built-in
/// list and for a list of long entries and curly apostrophes.
#[test]
fn allowed_after_answers_as_the_search_to_the_sentence_end() {
    let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
    let mut user = CheckSet::builtin().unwrap();
    let toml = include_str!("../../../rules/checks/loaded-verb.toml");
    let line = toml
        .lines()
        .find(|l| l.starts_with("allowed-after"))
        .unwrap();
    let long = format!(
        "allowed-after = [\"on\", \"the lives of the {} people\", \"the mayor's office\", \"x\", \"é\"]",
        "many ".repeat(60)
    );
    user.load_str(
        "loaded-verb",
        &toml.replace(line, &long),
        std::path::Path::new("loaded-verb.toml"),
    )
    .unwrap();
    let (mut yes, mut no) = (0, 0);
    for set in [&checker.checks, &user] {
        let def = set.get("loaded-verb").unwrap();
        let mut all = texts(def, 120);
        all.push(format!(
            "He claimed the lives of the {}people and insisted the mayor’s office x",
            "many ".repeat(60)
        ));
        for text in &all {
            let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, text.clone());
            let seg = crate::segment::segment(&doc);
            let labels = crate::classify::classify(&doc, &seg, &checker.rules);
            let ctx = Ctx::new(&doc, &seg, &labels, set);
            for i in 0..seg.sentences.len() {
                let sentence = ctx.sentence(i);
                for (m, _) in ctx.find(def.list("verbs"), sentence) {
                    for end in (m.end..=sentence.end).filter(|&e| text.is_char_boundary(e)) {
                        let s = Span::new(sentence.start, end);
                        let plain = allowed_after_plain(&ctx, s, m, def);
                        assert_eq!(
                            allowed_after(&ctx, s, m, def.list("allowed-after")),
                            plain,
                            "{text:?} {m:?} {s:?}"
                        );
                        if plain {
                            yes += 1;
                        } else {
                            no += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(yes > 1000 && no > 1000, "{yes} {no}");
}

/// Whether a source ends at most two bytes before a span, with the sources in order and nested.
#[test]
fn source_adjacent_answers_as_a_scan() {
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    let mut nested = 0;
    for _ in 0..2000 {
        let mut sources: Vec<Span> = (0..rng.below(8))
            .map(|_| {
                let a = rng.below(40);
                Span::new(a, a + rng.below(12))
            })
            .collect();
        if rng.below(2) == 0 {
            sources.sort();
        }
        let around = Around::of(&[], &sources);
        nested += usize::from(!sources.windows(2).all(|w| w[0].end <= w[1].end));
        for start in 0..60 {
            let m = Span::new(start, start + 3);
            let scan = sources
                .iter()
                .any(|s| s.end <= m.start && m.start - s.end <= 2);
            assert_eq!(around.source_adjacent(m), scan, "{sources:?} {m:?}");
        }
    }
    assert!(nested > 500, "{nested}");
}
