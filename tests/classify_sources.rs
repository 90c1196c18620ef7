//! Which phrase is named as the source: the subject after an introductory phrase (`Throughout the
//! spring, …`, `Recently, …`, `Later in the day, …`, `At a rally in Ames, Iowa, on Sunday, …`),
//! a source noun in `-ly` (`The family said`), a skip word between subject and verb (`further`,
//! `twice`) and a speech tag whose speaker is followed by a name. Sentences are our own
//! news-style examples.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use whosaid::classify::Label;

mod classify_support;
use classify_support::{each, one};

/// Attributed, with `source` among the sources and none of `not`.
fn attributed_to(text: &str, source: &str, not: &[&str]) {
    let (label, _) = one(text);
    assert_eq!(label, Label::Attributed, "{text}");
    sources_without(text, Some(source), not);
}

#[test]
fn subject_after_a_word_before_a_determiner() {
    attributed_to(
        "Throughout the spring, the ministers toured the region, saying the plan would fail.",
        "the ministers",
        &["Throughout"],
    );
    attributed_to(
        "Absent a deal, the union walked out, saying the talks had stalled.",
        "the union",
        &["Absent"],
    );
}

#[test]
fn subject_after_an_adverb_and_a_comma() {
    attributed_to(
        "Recently, Ana Ruiz of Flint toured the plant, saying the jobs would return.",
        "Ana Ruiz of Flint",
        &["Recently"],
    );
    attributed_to(
        "Recently, however, the group issued a report, saying the river was clean.",
        "the group",
        &["Recently"],
    );
    // a name in -lly before an age stays the subject
    attributed_to(
        "Kelly, 45, toured the plant, saying the jobs would return.",
        "Kelly",
        &[],
    );
}

#[test]
fn subject_after_a_phrase_of_time_or_place() {
    attributed_to(
        "Later in the day, she toured the plant, saying the jobs would return.",
        "she",
        &["the day"],
    );
    attributed_to(
        "On Monday, Ruiz toured the plant, saying the jobs would return.",
        "Ruiz",
        &[],
    );
    attributed_to(
        "At a rally in Ames, Iowa, on Sunday, the senator toured the plant, saying the jobs would return.",
        "the senator",
        &["Iowa"],
    );
    attributed_to(
        "Two days after the vote, the mayor toured the plant, saying the jobs would return.",
        "the mayor",
        &["Two days"],
    );
    attributed_to(
        "Ahead of the vote, the mayor toured the plant, saying the jobs would return.",
        "the mayor",
        &["Ahead"],
    );
    attributed_to(
        "Shortly after the merger, the executives met the board, saying the deal would fail.",
        "the executives",
        &["Shortly"],
    );
}

#[test]
fn source_noun_in_ly_is_no_adverb() {
    attributed_to(
        "The family said the relatives had watched the video.",
        "The family",
        &[],
    );
    attributed_to(
        "The relatives watched the video, lawyers for the family said.",
        "lawyers for the family",
        &[],
    );
}

#[test]
fn skip_words_between_subject_and_verb() {
    attributed_to(
        "The harbour master further argued that the berths were too shallow.",
        "The harbour master",
        &["The harbour master further"],
    );
}

#[test]
fn speech_tag_with_a_name_after_the_speaker() {
    attributed_to(
        "In Flint, the plant is hanging on, but it is under pressure from Asian imports, said the company's chief executive, Ana Ruiz.",
        "the company's chief executive",
        &["pressure from Asian imports"],
    );
}

#[test]
fn an_opening_without_its_comma_is_no_introductory_phrase() {
    attributed_to(
        "Later on Tuesday Ruiz met with the board of the International Monetary Fund, then with the mayor, where she denounced the agreement.",
        "Ruiz",
        &["the mayor"],
    );
}

/// A line that ends with `Name continued:` is the speech tag of the quotation set below it.
#[test]
fn colon_line_names_the_speaker_of_the_quotation_below() {
    let text = "The mayor spoke on Monday.\n\nRuiz continued:\n\n\"I think you know the answer. The port stays open.\"\n\nOrtega made the following comment:\n\n“For people who left school, the rate is high.”\n";
    let labels = each(text);
    assert_eq!(labels.len(), 6);
    for (k, name) in [
        (1, "Ruiz"),
        (2, "Ruiz"),
        (3, "Ruiz"),
        (4, "Ortega"),
        (5, "Ortega"),
    ] {
        let (label, sources) = &labels[k];
        assert_eq!(*label, Label::Attributed, "sentence {k}");
        assert!(
            sources.iter().any(|s| s == name),
            "sentence {k}: {sources:?}"
        );
    }
}

#[test]
fn a_verb_in_ed_ends_the_phrase_before_a_noun_cue() {
    // the phrase before `claims` is the object of `rated`; its subject is the source
    // (`claims` is an allegation noun: the label is `alleged`)
    let (label, sources) =
        one("Last year, FactCheck rated 28% of Democratic claims as misleading.");
    assert_eq!(label, Label::Alleged);
    assert_eq!(sources, ["FactCheck"]);
    // a capitalised adverb opening the sentence is no subject (`Newly elected Name`)
    attributed_to(
        "Newly elected Senator Ana Ruiz said the port would stay open.",
        "Senator Ana Ruiz",
        &["Newly"],
    );
}

#[test]
fn a_name_in_s_after_a_verb_is_in_its_object() {
    // the owner of the proposal and the verb's subject both voice a view
    attributed_to(
        "On Tuesday, Ruiz bashed Ortega’s proposal to close the port.",
        "Ruiz",
        &[],
    );
    attributed_to(
        "The crowd loudly cheers the mayor's words.",
        "The crowd",
        &[],
    );
    attributed_to("Was Ruiz satisfied with Ortega's response?", "Ruiz", &[]);
    // after a name, a word not in -ed is an adjective, not a verb
    let (_, sources) = one("The Ortega legal team’s claims were rejected on Monday.");
    assert!(!sources.iter().any(|s| s == "The Ortega"), "{sources:?}");
}

#[test]
fn an_owner_stands_for_a_subject_pronoun_of_the_same_person() {
    // `his` in the object is the subject `He`
    attributed_to(
        "He stepped up his criticism of the harbour plan on Monday.",
        "He",
        &[],
    );
    attributed_to(
        "She’s been sharpening her critique of the budget all week.",
        "She’s",
        &[],
    );
    // another person's pronoun is not the owner
    let (_, sources) = one("Throughout their remarks, he stayed quiet at the back of the hall.");
    assert_eq!(sources, ["their"]);
}

#[test]
fn an_owner_in_an_opening_phrase_stands_for_the_subject_after_it() {
    attributed_to(
        "Throughout her remarks, Ana Ruiz cast the port as a lifeline for the town.",
        "Ana Ruiz",
        &[],
    );
    attributed_to(
        "While his popular party keeps growing, he has been careful in his speeches.",
        "he",
        &[],
    );
    // a lower-case subject after the phrase is not named as the owner
    let (_, sources) =
        one("Throughout his remarks, officials stayed quiet at the back of the hall.");
    assert_eq!(sources, ["his"]);
}

#[test]
fn a_short_quotation_is_the_words_of_the_sentence_s_own_subject() {
    let labels = each(
        "Ruiz said the port would close on Friday. \
         Now Ortega prints \"a fair deal for every docker\" on his banners.",
    );
    assert_eq!(labels.len(), 2);
    assert_eq!(labels[1].0, Label::Attributed);
    // not the speaker of the sentence before
    assert_eq!(labels[1].1, ["Ortega"]);
}

#[test]
fn a_pronoun_in_an_opening_clause_stands_for_the_subject_after_it() {
    // `Once` and `Since` open a clause; its pronoun is the subject after the comma
    attributed_to(
        "Once she was elected, Ana Ruiz made the port a priority, announcing a new plan.",
        "Ana Ruiz",
        &[],
    );
    attributed_to(
        "Since losing the vote in May, Ana Ruiz has kept quiet, saying only that the port would stay.",
        "Ana Ruiz",
        &[],
    );
    // a conjunction before the clause opener
    attributed_to(
        "And although she backed the plan, Ana Ruiz voted against it, saying the port would suffer.",
        "Ana Ruiz",
        &[],
    );
    // another person's pronoun stays as it is
    let (_, sources) =
        one("Once he was elected, she made the port a priority, announcing a new plan.");
    assert_eq!(sources, ["she"]);
}

#[test]
fn no_antecedent_after_a_quotation_mark_or_across_a_skip_word() {
    // a pronoun that opens the quoted words is their subject, not a phrase after the quotation
    let (_, sources) = one(
        "“He demonstrated real courage,” said Lee Ortega, a professor at the college in Ruiz’s district.",
    );
    assert!(
        !sources.iter().any(|s| s.contains("professor")),
        "{sources:?}"
    );
    // `has` before `called on` is no part of the subject
    let (_, sources) = one("The Ruiz family has called on police to release the video.");
    assert!(
        sources.iter().any(|s| s == "The Ruiz family"),
        "{sources:?}"
    );
    assert!(!sources.iter().any(|s| s.ends_with("has")), "{sources:?}");
}

#[test]
fn a_verb_after_and_in_a_relative_clause_takes_its_who() {
    attributed_to(
        "The video has become a rallying point for dockers, who have marched through the town and called for its release.",
        "who",
        &[],
    );
    attributed_to(
        "The port authority, which runs the harbour and called for the strike to end, lost money.",
        "which",
        &[],
    );
}

/// The sources of `text` (whatever its label): none of them is one of `not`, and `source`, when
/// given, is one of them.
fn sources_without(text: &str, source: Option<&str>, not: &[&str]) {
    let (_, sources) = one(text);
    if let Some(source) = source {
        assert!(
            sources.iter().any(|s| s == source),
            "{text}: sources {sources:?}, expected {source:?}"
        );
    }
    for n in not {
        assert!(
            !sources.iter().any(|s| s == n),
            "{text}: sources {sources:?} name {n:?}"
        );
    }
}

/// A source phrase ends before a verb in -ed after a name or a source noun: a second cue right
/// after that verb (`announced plans to`) takes the verb's subject, not the subject and the verb.
#[test]
fn source_ends_before_a_verb_in_ed() {
    attributed_to(
        "On Monday, the harbour company Ferrylink announced plans to close the pier.",
        "the harbour company Ferrylink",
        &["the harbour company Ferrylink announced"],
    );
    attributed_to(
        "Hull Fire and Rescue requested support from other crews.",
        "Hull Fire and Rescue",
        &["Hull Fire and Rescue requested"],
    );
    // the object of the verb names no one: the verb's subject is the source, not the whole run
    sources_without(
        "In her tests, Okafor observed four enzymes found only in river mud.",
        Some("Okafor"),
        &["Okafor observed four enzymes"],
    );
    // the subject of the main clause, read from the sentence's start for a participle
    sources_without(
        "The Ruiz campaign criticized Ortega's refusal to debate, accusing him of hiding.",
        Some("The Ruiz campaign"),
        &["The Ruiz campaign criticized Ortega's"],
    );
    // (a participle after a determiner is still a noun: `the accused`)
    attributed_to(
        "The accused told the court he was at home.",
        "The accused",
        &[],
    );
}

/// The plain word right after a subject pronoun or a modal is a verb, never the first word of a
/// source phrase.
#[test]
fn no_source_opens_with_the_verb_of_a_pronoun_or_a_modal() {
    sources_without(
        "How will you work with the council to pass the levy?",
        None,
        &["work with the council"],
    );
    sources_without(
        "The new rule might make ferry operators report every delay.",
        None,
        &["make ferry operators"],
    );
    sources_without(
        "Ruiz said she wants voters to decide.",
        Some("Ruiz"),
        &["wants voters"],
    );
}
