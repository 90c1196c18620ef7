//! Unit tests of the news-copy rules of the segmenter: caption credits, omission ellipses
//! inside quotations, attribution lines after a quotation and US state abbreviations.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod segment_support;
use segment_support::split;

#[test]
fn caption_credit_starts_a_sentence() {
    assert_eq!(
        split("The mayor opens the new bridge Photo: Jane Roe.\n\nTraffic resumed at noon."),
        [
            "The mayor opens the new bridge",
            "Photo: Jane Roe.",
            "Traffic resumed at noon."
        ]
    );
    assert_eq!(
        split("Crowds gather in Washington D.C. Image: City Hall."),
        ["Crowds gather in Washington D.C.", "Image: City Hall."]
    );
}

#[test]
fn credit_words_inside_prose_do_not_split() {
    // lower case, no colon, or nothing after the colon
    assert_eq!(
        split("She sent the photo: a blurred street at night."),
        ["She sent the photo: a blurred street at night."]
    );
    assert_eq!(
        split("The Image Awards were held on Friday."),
        ["The Image Awards were held on Friday."]
    );
    assert_eq!(split("Image: Jane Roe."), ["Image: Jane Roe."]);
}

#[test]
fn omission_ellipsis_inside_a_quotation_does_not_split() {
    assert_eq!(
        split("He wrote that the board \"had lost its way. ... The next thing we knew the fund was gone.\""),
        ["He wrote that the board \"had lost its way. ... The next thing we knew the fund was gone.\""]
    );
    assert_eq!(
        split("She said: \"We waited ... Nobody came to help us.\" Police declined to comment."),
        [
            "She said: \"We waited ... Nobody came to help us.\"",
            "Police declined to comment."
        ]
    );
}

#[test]
fn ellipsis_outside_a_quotation_still_splits() {
    assert_eq!(
        split("The talks stalled. ... The next round is set for May."),
        [
            "The talks stalled.",
            "...",
            "The next round is set for May."
        ]
    );
    assert_eq!(
        split("We waited ... Nobody came."),
        ["We waited ...", "Nobody came."]
    );
}

#[test]
fn exclamations_inside_a_continuing_quotation_stay_together() {
    assert_eq!(
        split("The crowd shouted, \"Go home! We want the vote now!\" and marched on."),
        ["The crowd shouted, \"Go home! We want the vote now!\" and marched on."]
    );
    // a question inside a quotation still ends its sentence
    assert_eq!(
        split("\"Why wait? We can vote now,\" she said."),
        ["\"Why wait?", "We can vote now,\" she said."]
    );
    // outside a quotation an exclamation ends its sentence
    assert_eq!(split("We won! Fans cheered."), ["We won!", "Fans cheered."]);
}

#[test]
fn parenthesis_after_a_quoted_exclamation_stays() {
    assert_eq!(
        split("'Never again!' she wrote. (She did it again.)"),
        ["'Never again!' she wrote.", "(She did it again.)"]
    );
    assert_eq!(
        split("He wrote 'never again!' (It did not last.)"),
        ["He wrote 'never again!' (It did not last.)"]
    );
}

#[test]
fn html_block_tags_in_plain_text_are_markup() {
    assert_eq!(
        split("<h2 class=\"title\">Storm hits coast</h2>\n<p>Winds rose overnight. Roads closed.</p>\n<div><img src=\"/a.jpg\"></div>"),
        ["Storm hits coast", "Winds rose overnight.", "Roads closed."]
    );
    // inline tags and comparisons are left alone
    assert_eq!(
        split("Turnout was <b>high</b> and costs < 5 million."),
        ["Turnout was <b>high</b> and costs < 5 million."]
    );
}

#[test]
fn clock_time_opening_a_sentence_keeps_its_subject() {
    assert_eq!(
        split("By 9 a.m. Gov. Reyes had left. Crews arrived at 10 a.m. Officials said the road was clear."),
        [
            "By 9 a.m. Gov. Reyes had left.",
            "Crews arrived at 10 a.m.",
            "Officials said the road was clear."
        ]
    );
}

#[test]
fn dateline_opening_a_block_is_its_own_sentence() {
    assert_eq!(
        split("Tuesday, March 3, 2020 On Monday, the council voted to close the bridge."),
        [
            "Tuesday, March 3, 2020",
            "On Monday, the council voted to close the bridge."
        ]
    );
    assert_eq!(
        split("3 March 2020 The council voted."),
        ["3 March 2020", "The council voted."]
    );
    // a date inside a sentence, or followed by lower case, is left alone
    assert_eq!(
        split("March 3, 2020 was a Tuesday. On May 7, 2015 Smith resigned."),
        [
            "March 3, 2020 was a Tuesday.",
            "On May 7, 2015 Smith resigned."
        ]
    );
}

#[test]
fn attribution_line_signs_the_quotation_before_it() {
    assert_eq!(
        split("\"We lost the vote. We will try again.\" - Jane Roe\n\nThe council met."),
        [
            "\"We lost the vote. We will try again.\" - Jane Roe",
            "The council met."
        ]
    );
    assert_eq!(
        split("Nothing lasts forever. — J. A. Moss, Reuters"),
        ["Nothing lasts forever. — J. A. Moss, Reuters"]
    );
}

#[test]
fn quotation_inside_a_paragraph_is_split_before_its_attribution() {
    // only a quotation that opens the block is signed as a whole
    assert_eq!(
        split("She read the letter aloud. \"We lost. We will try again.\" — Jane Roe"),
        [
            "She read the letter aloud.",
            "\"We lost.",
            "We will try again.\" — Jane Roe"
        ]
    );
}

#[test]
fn dash_sentences_after_a_stop_still_split() {
    // the text after the dash is a sentence, stands on its own line, or is too long
    assert_eq!(
        split("The vote failed. — The council met again on Friday."),
        ["The vote failed.", "— The council met again on Friday."]
    );
    assert_eq!(
        split("The vote failed.\n— Jane Roe"),
        ["The vote failed.", "— Jane Roe"]
    );
    assert_eq!(
        split("The vote failed. — Members Of The Council Who Spoke At Length About The Budget In The Town Hall Last Week"),
        [
            "The vote failed.",
            "— Members Of The Council Who Spoke At Length About The Budget In The Town Hall Last Week"
        ]
    );
}

#[test]
fn party_state_tag_never_ends_a_sentence() {
    for text in [
        "Sen. Mary Hale (D-Mass.) said the bill would pass.",
        "Sen. Tom Rusk (R-Ky.) Tuesday called the plan a mistake.",
        "Rep. Ann Lee (D-Calif.) And Sen. Bob Kay (R-Ind.) signed the letter.",
        "The governor (R-N.H.) Friday vetoed the measure.",
        "Earlier, Pima County (Ariz.) Sheriff Dan Cole backed the plan.",
        "Sen. Ida Moss (I-Vt.) \u{2014} like her aides \u{2014} declined to comment.",
        "Sen. Joe Vance (D-W.Va.), the ranking member, objected.",
    ] {
        assert_eq!(split(text), [text]);
    }
    assert_eq!(
        split("Sen. Mary Hale (D-Mass.) voted no. Others abstained."),
        ["Sen. Mary Hale (D-Mass.) voted no.", "Others abstained."]
    );
}

#[test]
fn parenthesis_with_more_than_a_tag_still_ends_a_sentence() {
    assert_eq!(
        split("(He grew up in Austin, Tex.) Then he moved east."),
        ["(He grew up in Austin, Tex.)", "Then he moved east."]
    );
}

#[test]
fn state_before_comma_or_lower_case_word_does_not_end_a_sentence() {
    for text in [
        "Officials in Springfield, Mass., said the water was safe.",
        "Rep. Jane Doe, D-Calif., said the vote was close.",
        "She moved to Ark. in 2004 and opened a bakery.",
        "The firm has offices in Wash. and Ore. and employs 40 people.",
        "The poll shows her tied with former Fla. Gov. Ron Pike at 41 percent.",
        "The bill was filed by state Del. Nora Lake of Richmond.",
    ] {
        assert_eq!(split(text), [text]);
    }
}

#[test]
fn state_after_a_place_ends_a_sentence_before_a_capital() {
    assert_eq!(
        split("The plant is in Trenton, N.J. Workers there voted to strike."),
        [
            "The plant is in Trenton, N.J.",
            "Workers there voted to strike."
        ]
    );
    assert_eq!(
        split("He spoke at a diner in Dover, Del. Voters there cheered."),
        [
            "He spoke at a diner in Dover, Del.",
            "Voters there cheered."
        ]
    );
    assert_eq!(
        split("She held a rally in Erie, Pa. \u{201c}We will win,\u{201d} she said."),
        [
            "She held a rally in Erie, Pa.",
            "\u{201c}We will win,\u{201d} she said."
        ]
    );
}

#[test]
fn dateline_with_a_state_stays_with_its_sentence() {
    for text in [
        "ELKTON, Md. (AP) \u{2014} The county board met on Monday.",
        "SALEM, Ore. \u{2014} Lawmakers returned to the capitol on Monday.",
    ] {
        assert_eq!(split(text), [text]);
    }
}

#[test]
fn state_that_is_also_a_word_still_ends_a_sentence() {
    // a capitalised ordinary word after a lower-case word
    assert_eq!(
        split("The family attended the evening Mass. Bishop Grant led the prayers."),
        [
            "The family attended the evening Mass.",
            "Bishop Grant led the prayers."
        ]
    );
    // lower case: not a state at all
    assert_eq!(
        split("The senator was ill. Doctors expect a full recovery."),
        ["The senator was ill.", "Doctors expect a full recovery."]
    );
    assert_eq!(
        split("They moved a great mass. Engineers were amazed."),
        ["They moved a great mass.", "Engineers were amazed."]
    );
    // a sentence starter after any state
    assert_eq!(
        split("He was born in Tulsa, Okla. His father farmed wheat."),
        ["He was born in Tulsa, Okla.", "His father farmed wheat."]
    );
}

#[test]
fn a_non_breaking_space_before_an_abbreviation_ends_the_word_before_it() {
    for text in [
        "The bill was backed by Ohio\u{a0}Sen. Dana Holt and two others.",
        "He met the\u{a0}Dr. Ana Ruiz who runs the clinic.",
        "Reporters asked Texas\u{202f}Gov. Lee Park about the flood.",
        "She said the\u{a0}St. Louis plant would close.",
    ] {
        assert_eq!(split(text), [text]);
    }
    // an ordinary word before the space still ends its sentence
    assert_eq!(
        split("The plant closed in\u{a0}May. Ana Ruiz said so."),
        ["The plant closed in\u{a0}May.", "Ana Ruiz said so."]
    );
}
