//! Tests of the document pass.

use super::*;
use crate::classify::tokens::tokenize;

/// The stem read from bytes is the one the characters give: five ASCII letters, lower case.
#[test]
fn stem_is_five_lower_case_letters() {
    let text = "Four of the EXECUTIONS, exécutions, arrests’ Arres 12345 Zebra-crossing Ünter ab";
    let mut toks = Vec::new();
    tokenize(text, Span::new(0, text.len()), &mut toks);
    let mut seen = 0;
    for t in &toks {
        let w: Vec<char> = t.span.slice(text).chars().collect();
        let want = (w.len() >= 5 && w.iter().take(5).all(char::is_ascii_alphabetic)).then(|| {
            w.iter().take(5).fold(0u64, |a, c| {
                (a << 8) | u64::from(c.to_ascii_lowercase() as u8)
            })
        });
        assert_eq!(stem(text, t), want, "{:?}", t.span.slice(text));
        seen += usize::from(want.is_some());
    }
    assert_eq!(seen, 4);
}

/// The pass works out a sentence's subject only where `quotes` may read it, and an anchor's
/// stems only when a sentence opens with a partitive: on random documents of news phrases
/// (quotations of every kind, paragraphs, partitive openings), it labels every sentence as the
/// pass that works out both for every sentence does.
#[test]
fn lazy_facts_change_no_label() {
    use crate::document::Format;
    use proptest::prelude::*;
    let rules = RuleSet::builtin().unwrap();
    let pieces = [
        "The mayor said the plan works. ",
        "Officials claimed the budget of the city grew. ",
        "Four of the executions were delayed. ",
        "Most of those arrests happened at night. ",
        "Some of the budgets were cut. ",
        "He also noted the delays. ",
        "The report found more cases. ",
        "“We will stay,” ",
        "\"We will stay,\" ",
        "she said. ",
        "said Ana Ruiz. ",
        "The council voted ",
        "to \"reject the rigged economy plan\" today. ",
        "pivoting to the dangers of a “rigged economy.” ",
        "“It was close. ",
        "We won.” ",
        "― Carla Sanchez “Hello there friends.” ",
        "Ruiz: “No more delays.” ",
        "Critics, ",
        "including the union, ",
        "argued that ",
        "the executions ",
        "were illegal. ",
        "\n\n",
        "\n",
        "Update: ",
        "In a new poll of voters, most said no. ",
        "Why? ",
        "Yes. ",
        "‘single quotes here,’ ",
        "the union’s leader ",
        "reportedly ",
    ];
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let subjects = std::cell::Cell::new(0);
    runner
        .run(&proptest::collection::vec(0..pieces.len(), 0..40), |idx| {
            let text: String = idx.iter().map(|&i| pieces[i]).collect();
            let doc = crate::input::parse("t".into(), Format::Plain, text);
            let seg = crate::segment::segment(&doc);
            let lazy = classify_with(&doc, &seg, &rules, &mut Ahead::default(), false);
            let eager = classify_with(&doc, &seg, &rules, &mut Ahead::default(), true);
            subjects.set(subjects.get() + usize::from(eager.iter().any(|c| c.rule.is_some())));
            prop_assert_eq!(lazy, eager);
            Ok(())
        })
        .unwrap();
    assert!(subjects.get() > 100);
}

/// A partitive opening links to an anchor with the same stem, in the same paragraph only.
#[test]
fn partitive_opening_continues_its_anchor() {
    use crate::document::Format;
    let rules = RuleSet::builtin().unwrap();
    let text = "Officials said the executions were delayed. Four of the executions were \
                carried out.\n\nFour of the executions were carried out.";
    let doc = crate::input::parse("t".into(), Format::Plain, text.to_string());
    let seg = crate::segment::segment(&doc);
    let out = classify_with(&doc, &seg, &rules, &mut Ahead::default(), false);
    let labels: Vec<(Label, bool)> = out.iter().map(|c| (c.label, c.inherited)).collect();
    assert_eq!(
        labels,
        [
            (Label::Attributed, false),
            (Label::Attributed, true),
            (Label::Unattributed, false)
        ]
    );
}

/// A sentence that takes a speaker's sources takes at most [`INHERITED_SOURCES`] of them, so a
/// long quotation or passage after a sentence of many sources stays linear; the speaker itself
/// keeps all of its own.
#[test]
fn inherited_sources_are_bounded() {
    use crate::document::Format;
    let rules = RuleSet::builtin().unwrap();
    let names: String = (0..20)
        .map(|i| format!("Officer Ruiz{i} said the pier closed and "))
        .collect();
    let body = "The port is closed. ".repeat(5);
    for text in [
        format!("{names}Ana Ruiz wrote: \"{}\"", body.trim_end()),
        format!("{names}Ana Ruiz wrote:\n\n{body}"),
    ] {
        let doc = crate::input::parse("t".into(), Format::Plain, text);
        let seg = crate::segment::segment(&doc);
        let out = classify_with(&doc, &seg, &rules, &mut Ahead::default(), false);
        let first = out.first().unwrap();
        assert!(
            first.sources.len() > INHERITED_SOURCES,
            "{:?}",
            first.sources.len()
        );
        assert!(out.len() > 3);
        for c in &out[1..] {
            assert_eq!(c.label, Label::Attributed);
            assert!(c.inherited);
            assert!(!c.sources.is_empty() && c.sources.len() <= INHERITED_SOURCES);
            assert!(c.sources.iter().all(|s| first.sources.contains(s)));
        }
    }
}
