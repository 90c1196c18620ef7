//! Unit tests of the news-copy rules of the segmenter: caption credits and omission ellipses
//! inside quotations.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use whosaid::input::plain;
use whosaid::segment::segment;

fn split(text: &str) -> Vec<String> {
    let d = plain::parse(PathBuf::from("t.txt"), text.to_string());
    segment(&d)
        .sentences
        .iter()
        .map(|s| d.slice(s.span).to_string())
        .collect()
}

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
