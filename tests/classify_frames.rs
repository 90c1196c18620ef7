//! Source frames beyond `SOURCE VERB`: infinitives and participles, relative `that`,
//! percentages, pronouns with the name they stand for, and `according to` with a lower-case
//! source. Sentences are our own news-style examples.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use whosaid::classify::Label;

mod classify_support;
use classify_support::one;

fn attributed_to(text: &str, source: &str) {
    let (label, sources) = one(text);
    assert_eq!(label, Label::Attributed, "{text}");
    assert!(
        sources.iter().any(|s| s == source),
        "{text}: sources {sources:?}, expected {source:?}"
    );
}

#[test]
fn subject_of_an_infinitive() {
    attributed_to(
        "The mayor struggled to explain the delay to residents.",
        "The mayor",
    );
    attributed_to(
        "The leak led the port director to announce a full inspection.",
        "the port director",
    );
    // after a form of `be`, the word before `to` is an adjective: no one speaks
    assert_eq!(
        one("It is too early to say whether the bridge will reopen.").0,
        Label::Unattributed
    );
}

#[test]
fn participles() {
    attributed_to(
        "The senator ended the hearing by warning that the fund was nearly empty.",
        "The senator",
    );
    attributed_to(
        "Outside groups supporting the governor spent heavily in the final week.",
        "Outside groups",
    );
}

#[test]
fn relative_that_needs_a_named_phrase() {
    attributed_to(
        "Several unions that oppose the merger will march on Friday.",
        "that",
    );
    assert_eq!(
        one("Voters may not forgive that support for the levy.").0,
        Label::Unattributed
    );
}

#[test]
fn percentages_and_shares_speak() {
    attributed_to("Some 47% say the ferry fare is too high.", "Some 47%");
}

#[test]
fn a_pronoun_comes_with_the_name_it_stands_for() {
    let (label, sources) = one("Okafor drove home after the vote and said he would resign.");
    assert_eq!(label, Label::Attributed);
    assert!(sources.iter().any(|s| s == "Okafor"), "{sources:?}");
}

#[test]
fn according_to_a_lower_case_source() {
    attributed_to(
        "The fund lost $2 million last year, according to its annual filing.",
        "its annual filing",
    );
    assert_eq!(
        one("The seats were arranged according to height.").0,
        Label::Unattributed
    );
}

#[test]
fn a_hedge_inside_a_name_is_no_hedge() {
    attributed_to(
        "Coastal News reports that the pier will close for a month.",
        "Coastal News",
    );
}

#[test]
fn subject_of_a_purpose_infinitive() {
    attributed_to(
        "The governor used the radio address to defend the new levee plan.",
        "The governor",
    );
    attributed_to(
        "Harlow returned to her favourite theme to answer the question on rents.",
        "Harlow",
    );
    // a predicate before the infinitive (`is slated to`), or `it`, names no speaker
    assert_eq!(
        one("The festival is slated to open with a parade on Friday.").0,
        Label::Unattributed
    );
    assert_eq!(
        one("It's hard to explain the drop in ferry traffic this spring.").0,
        Label::Unattributed
    );
}

#[test]
fn possessive_after_plural_s() {
    attributed_to(
        "The dockworkers' union said the strike would continue through Friday.",
        "The dockworkers' union",
    );
    // a closing single quotation mark is not a possessive
    let (label, _) = one("'We will win the votes' the organiser said on Monday.");
    assert_eq!(label, Label::Attributed);
}

#[test]
fn plural_noun_in_s_before_a_preposition() {
    assert_eq!(
        one("The recent harbour attacks on fishing boats alarmed the town.").0,
        Label::Unattributed
    );
    attributed_to(
        "The mayor attacks the plan in her weekly column.",
        "The mayor",
    );
}

#[test]
fn spaced_hyphen_is_a_dash() {
    attributed_to(
        "Dana Whitfield - the port's night manager - told reporters the crane had failed twice.",
        "Dana Whitfield",
    );
}

#[test]
fn participle_phrase_opening_a_sentence_is_no_subject() {
    let (label, sources) =
        one("Arriving at the dock, Mayor Ruiz toured the pier, saying it was unsafe.");
    assert_eq!(label, Label::Attributed);
    assert!(sources.iter().any(|s| s == "Mayor Ruiz"), "{sources:?}");
    assert!(
        !sources.iter().any(|s| s.starts_with("Arriving")),
        "{sources:?}"
    );
}

#[test]
fn participle_after_an_adverb_takes_the_main_subject() {
    attributed_to(
        "The mayor toured the flooded streets, repeatedly saying the levee would hold.",
        "The mayor",
    );
}

#[test]
fn possessive_determiner_is_a_source_with_its_antecedent() {
    attributed_to(
        "Councillor Okafor renewed her criticism of the harbour plan.",
        "her",
    );
    attributed_to(
        "Councillor Okafor renewed her criticism of the harbour plan.",
        "Councillor Okafor",
    );
}

#[test]
fn a_speech_tag_after_a_quotation_names_only_its_speaker() {
    // the words after the verb are not part of the source, nor a cue of their own
    for (text, source) in [
        (
            "\"It is unsafe,\" the harbour master told reporters.",
            "the harbour master",
        ),
        (
            "\"We will look at it,\" the police said of the suspects.",
            "the police",
        ),
        (
            "\"The pier is closed,\" the statement said.",
            "the statement",
        ),
    ] {
        let (label, sources) = one(text);
        assert_eq!(label, Label::Attributed, "{text}");
        assert_eq!(sources, vec![source.to_string()], "{text}");
    }
}

/// Sources and label of a one-sentence text, sources exactly.
fn sources_are(text: &str, want: &[&str]) {
    let (label, sources) = one(text);
    assert_eq!(label, Label::Attributed, "{text}");
    assert_eq!(sources, want, "{text}");
}

#[test]
fn a_quotation_opening_the_sentence_is_not_its_subject() {
    // the participle's subject is the speaker in the tag, not a word of the quoted words
    sources_are(
        "\"We will not move the boats,\" Ana Ruiz said, adding that the strike would go on.",
        &["Ana Ruiz"],
    );
    sources_are(
        "\"The pier is closed,\" an angry Ruiz said, warning that the ferries would stop.",
        &["an angry Ruiz"],
    );
}

#[test]
fn an_opening_participle_phrase_is_not_the_subject() {
    sources_are(
        "Asked about the delay on Monday, Mayor Ana Ruiz shrugged, saying the ferry would run.",
        &["Mayor Ana Ruiz"],
    );
    sources_are(
        "Pressed on the cost, Ahmed Karimi conceded that the bridge would be late.",
        &["Ahmed Karimi"],
    );
    sources_are(
        "Hastily leaving the hall, the minister waved to reporters, promising a statement.",
        &["the minister"],
    );
    // the phrase may run on across a second comma
    sources_are(
        "Chastened by the audit, as well as by the protests, the mayor revised the budget, promising lower fees.",
        &["the mayor"],
    );
    // a name in -ed or -ly is a name
    sources_are(
        "Ahmed Karimi arrived late, saying the steel had not arrived.",
        &["Ahmed Karimi"],
    );
    sources_are(
        "Kelly Ruiz left early, saying the vote was over.",
        &["Kelly Ruiz"],
    );
}

#[test]
fn a_verb_after_a_clause_with_its_speaker_after_it_is_inverted() {
    sources_are(
        "The ferry would keep its timetable, but for some, the fares would still rise, said Ana Ruiz.",
        &["Ana Ruiz"],
    );
    sources_are(
        "Fares rose on the route, and for most, the cost would double, said a union official in the port.",
        &["a union official in the port"],
    );
    // a subject with an appositive before the verb keeps it, whatever follows the verb
    sources_are("Ruiz, 49, told the Harbour Gazette.", &["Ruiz"]);
    sources_are(
        "\"The pier is closed,\" Ruiz, who runs the union, told the Harbour Gazette.",
        &["Ruiz"],
    );
    // a day after the verb is no speaker
    sources_are(
        "The port director, Ana Ruiz, said Monday.",
        &["The port director"],
    );
}

#[test]
fn a_determiner_that_opens_a_clause_ends_the_source() {
    // `what` and `which` open a clause: the source is the phrase after them, not the words
    // before them across a preposition
    sources_are(
        "The ruling conflicted with what Ana Ruiz told reporters on Monday.",
        &["Ana Ruiz"],
    );
    sources_are(
        "The strike is a dispute in which both unions say the pay offer is too low.",
        &["both unions"],
    );
}

#[test]
fn a_participle_after_a_day_takes_the_main_subject() {
    attributed_to(
        "The mayor spent Friday urging residents to leave the coast.",
        "The mayor",
    );
    attributed_to(
        "The ferry union started a petition this week calling for safer decks.",
        "The ferry union",
    );
}

#[test]
fn a_participle_after_time_spent_takes_the_subject_of_spend() {
    attributed_to(
        "The mayor spent much of the week portraying the levy as fair.",
        "The mayor",
    );
    attributed_to(
        "The port opened after the mayor had spent months criticizing the levy.",
        "the mayor",
    );
    // the passive `was spent on` names no one who spends
    assert_eq!(
        one("Most of the money was spent on leaflets opposing the levy.").0,
        Label::Unattributed
    );
}

#[test]
fn a_quotation_introduced_after_and_takes_the_main_subject() {
    sources_are(
        "Ruiz waved for quiet, then leaned in and boomed: \"Nobody sails today.\"",
        &["Ruiz"],
    );
}

#[test]
fn a_city_and_its_state_in_an_appositive_are_not_the_subject() {
    sources_are(
        "Ruiz, during a town hall in Columbus, Ohio, said the mine would close.",
        &["Ruiz"],
    );
    sources_are(
        "Cory Ruiz, 22, of Flint, Mich., said the mine would close.",
        &["Cory Ruiz"],
    );
    sources_are(
        "Ana Ruiz, who grew up in Aurora, Colorado, in the 1990s, said the mine would close.",
        &["Ana Ruiz"],
    );
    // a name after a place that opens the sentence stays the subject
    sources_are(
        "In a court in Alexandria, Va., Ruiz, in a grey suit, said little.",
        &["Ruiz"],
    );
    sources_are("Ana Ruiz, R-Ky., said the vote would pass.", &["Ana Ruiz"]);
}

#[test]
fn a_tag_after_a_quotation_names_its_speaker_whatever_the_verb() {
    sources_are(
        "\"The pier stays shut until further notice,\" the harbour notice reads.",
        &["the harbour notice"],
    );
    sources_are(
        "\"We will not move the boats,\" an angry Ruiz retaliated.",
        &["an angry Ruiz"],
    );
    sources_are("\"The vote was rigged,\" it reads.", &["it"]);
    // inverted: the verb first, then its speaker up to the end of the sentence
    let (_, sources) = one("\"Nobody sails today,\" reads a notice on the harbour gate.");
    assert!(
        sources.iter().any(|s| s == "a notice on the harbour gate"),
        "{sources:?}"
    );
}

#[test]
fn an_appositive_holding_a_list_keeps_the_name_before_it() {
    sources_are(
        "Ana Ruiz, deputy minister for ports, roads, and rail, said the ferry would run.",
        &["Ana Ruiz"],
    );
    sources_are(
        "The new timetable \u{201c}will not fix the delays,\u{201d} Ana Ruiz, deputy minister for ports, roads, and rail, said on Monday.",
        &["Ana Ruiz"],
    );
    // a figure's comma is no list
    assert_eq!(
        one(
            "Harbour pilots, for example, earned $98,000, compared with $93,000 for crane drivers."
        )
        .0,
        Label::Unattributed
    );
}
