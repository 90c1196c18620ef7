//! Unit tests of the segmenter, one per case class of issue 2 (sentences, blocks, quotations).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use whosaid::document::BlockKind;
use whosaid::input::markdown;
use whosaid::segment::{segment, QuoteMark, Segmentation};
use whosaid::Document;

mod segment_support;
use segment_support::{doc, split};

fn quotes(text: &str) -> (Document, Segmentation) {
    let d = doc(text);
    let s = segment(&d);
    (d, s)
}

#[test]
fn titles_and_abbreviations() {
    assert_eq!(
        split("Mr. Smith met Dr. Jones and Gen. Lee. Sen. Rep. Gov. Lt. Col. Brown agreed."),
        [
            "Mr. Smith met Dr. Jones and Gen. Lee.",
            "Sen. Rep. Gov. Lt. Col. Brown agreed."
        ]
    );
    assert_eq!(
        split("The vote is on Jan. 20 in the U.S. Senate, e.g. in Room No. 5, i.e. upstairs."),
        ["The vote is on Jan. 20 in the U.S. Senate, e.g. in Room No. 5, i.e. upstairs."]
    );
    assert_eq!(
        split("He met St. John in the U.K. office."),
        ["He met St. John in the U.K. office."]
    );
}

#[test]
fn abbreviation_that_ends_the_sentence() {
    assert_eq!(
        split("Troops stayed in the U.S. They left in May."),
        ["Troops stayed in the U.S.", "They left in May."]
    );
    assert_eq!(
        split("It bought Acme Inc. The deal closed on Friday."),
        ["It bought Acme Inc.", "The deal closed on Friday."]
    );
    assert_eq!(
        split("They sold pens, paper, etc. Nothing else."),
        ["They sold pens, paper, etc.", "Nothing else."]
    );
}

#[test]
fn british_titles_without_period() {
    assert_eq!(
        split("Mr Soltani said Dr Rahimi was held. Ms Amini denied it."),
        ["Mr Soltani said Dr Rahimi was held.", "Ms Amini denied it."]
    );
}

#[test]
fn initials() {
    assert_eq!(
        split("J. K. Rowling wrote it. A. B. Smith did not."),
        ["J. K. Rowling wrote it.", "A. B. Smith did not."]
    );
    assert_eq!(
        split("We make a good team, you and I. Did you see Albert I. Jones?"),
        [
            "We make a good team, you and I.",
            "Did you see Albert I. Jones?"
        ]
    );
    // an initial before another initial that is also a word ("A") keeps the name together
    assert_eq!(
        split("The report was written by J. A. Nolan last year. Vitamin D. It helps."),
        [
            "The report was written by J. A. Nolan last year.",
            "Vitamin D.",
            "It helps."
        ]
    );
}

#[test]
fn names_spelt_with_an_exclamation_mark() {
    assert_eq!(
        split(
            "Engineers at Yahoo! Research built it. She left Yahoo! The firm declined to comment."
        ),
        [
            "Engineers at Yahoo! Research built it.",
            "She left Yahoo!",
            "The firm declined to comment."
        ]
    );
    // any other word before `!` still ends the sentence before a capital
    assert_eq!(
        split("We won! Research helped."),
        ["We won!", "Research helped."]
    );
}

#[test]
fn decimals_money_percent_times() {
    assert_eq!(
        split(
            "Inflation hit 3.5 percent, or $1.2bn, up 0.4%. Talks start at 10 a.m. Monday in Rome."
        ),
        [
            "Inflation hit 3.5 percent, or $1.2bn, up 0.4%.",
            "Talks start at 10 a.m. Monday in Rome."
        ]
    );
    assert_eq!(
        split("The rally began at 6 p.m. Police arrived later."),
        ["The rally began at 6 p.m.", "Police arrived later."]
    );
}

#[test]
fn ellipses() {
    assert_eq!(
        split("He paused… Then he left."),
        ["He paused…", "Then he left."]
    );
    assert_eq!(
        split("He paused... Then he left."),
        ["He paused...", "Then he left."]
    );
    assert_eq!(
        split("He paused ... and then left."),
        ["He paused ... and then left."]
    );
    assert_eq!(
        split("It was . . . odd. We left."),
        ["It was . . . odd.", "We left."]
    );
}

#[test]
fn runs_of_stops() {
    assert_eq!(
        split("Unbelievable!!!... She won."),
        ["Unbelievable!!!...", "She won."]
    );
    assert_eq!(split("Really?! Yes."), ["Really?!", "Yes."]);
}

#[test]
fn closing_quote_or_bracket_after_stop() {
    assert_eq!(
        split("He said \"No.\" Then he left."),
        ["He said \"No.\"", "Then he left."]
    );
    assert_eq!(
        split("He said “No.” Then he left."),
        ["He said “No.”", "Then he left."]
    );
    assert_eq!(
        split("(The vote was close.) It passed."),
        ["(The vote was close.)", "It passed."]
    );
}

#[test]
fn question_in_quotation_with_attribution() {
    assert_eq!(
        split("\"Why?\" she asked. \"Now!\" he said."),
        ["\"Why?\" she asked.", "\"Now!\" he said."]
    );
}

#[test]
fn urls_and_emails() {
    assert_eq!(
        split("Write to jane.doe@example.com. Or see https://example.org/a.Html. Thanks."),
        [
            "Write to jane.doe@example.com.",
            "Or see https://example.org/a.Html.",
            "Thanks."
        ]
    );
    assert_eq!(
        split("Visit www.news.Example.com today."),
        ["Visit www.news.Example.com today."]
    );
}

#[test]
fn numbered_list_items() {
    assert_eq!(
        split("1. The first item 2. The second item"),
        ["1. The first item", "2. The second item"]
    );
    assert_eq!(split("a) Go home b) Stay"), ["a) Go home", "b) Stay"]);
    assert_eq!(
        split("Pay for 1. above and 2. below."),
        ["Pay for 1. above and 2. below."]
    );
}

#[test]
fn colon_introducing_a_quotation() {
    assert_eq!(
        split("The minister said: \"We will act. We must.\" Others disagreed."),
        [
            "The minister said: \"We will act.",
            "We must.\"",
            "Others disagreed."
        ]
    );
}

#[test]
fn a_long_line_without_a_final_stop_is_a_paragraph_not_a_title() {
    // a draft cut off mid-sentence: several sentences on one line, the last without its stop
    let body = "The council approved the budget on Tuesday after a long debate. ".repeat(4);
    let cut = format!("{body}The vote was seven to two and the mayor");
    assert!(cut.chars().count() > whosaid::input::plain::TITLE_MAX_CHARS);
    let d = doc(&format!("Council passes budget\n\n{cut}\n"));
    let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(kinds, [BlockKind::Line, BlockKind::Paragraph]);
    // at the limit a line is still a title line
    let title = "x".repeat(whosaid::input::plain::TITLE_MAX_CHARS);
    assert_eq!(doc(&format!("{title}\n")).blocks[0].kind, BlockKind::Line);
}

#[test]
fn headline_and_stray_newlines() {
    let d = doc("Protests spread to 170 cities\nTEHRAN, Jan. 3\nThe toll rose to 15. Officials\nwere silent.\n");
    let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [BlockKind::Line, BlockKind::Line, BlockKind::Paragraph]
    );
    assert_eq!(
        split("This is a sentence\ncut off in the middle.\n\nfeatures\ncontact manager\n"),
        [
            "This is a sentence\ncut off in the middle.",
            "features",
            "contact manager"
        ]
    );
}

#[test]
fn crlf_line_endings() {
    let d = doc("Headline here\r\nThe council met.\r\nIt voted\r\nto approve.\r\n\r\nNext.");
    assert_eq!(d.blocks.len(), 3);
    assert_eq!(
        split("Headline here\r\nThe council met. It voted\r\nto approve.\r\n\r\nNext."),
        [
            "Headline here",
            "The council met.",
            "It voted\r\nto approve.",
            "Next."
        ]
    );
}

#[test]
fn quotations_straight_curly_nested() {
    let (d, s) = quotes("He said, “She told me ‘never’ twice.” Then \"it's 'fine'\" too.");
    let got: Vec<_> = s
        .quotes
        .iter()
        .map(|q| (d.slice(q.span), q.mark, q.depth))
        .collect();
    assert_eq!(
        got,
        [
            ("“She told me ‘never’ twice.”", QuoteMark::Double, 0),
            ("‘never’", QuoteMark::Single, 1),
            ("\"it's 'fine'\"", QuoteMark::Double, 0),
            ("'fine'", QuoteMark::Single, 1),
        ]
    );
    assert!(s.unbalanced.is_empty());
}

#[test]
fn apostrophes_are_not_quotes() {
    let (_, s) = quotes("Don't say Iran’s ’90s rock ’n’ roll, the Joneses’ car, 'em all.");
    assert!(s.quotes.is_empty(), "{:?}", s.quotes);
    assert!(s.unbalanced.is_empty());
}

#[test]
fn multi_sentence_quotation() {
    let (d, s) = quotes("\"We lost. We will be back,\" the coach said.");
    assert_eq!(s.quotes.len(), 1);
    assert_eq!(d.slice(s.quotes[0].span), "\"We lost. We will be back,\"");
    assert_eq!(s.sentences.len(), 2);
}

#[test]
fn multi_paragraph_quotation() {
    let (_, s) = quotes("\"We will not stop.\n\n\"We will go on,\" she said.\n\n\"Never mind.");
    assert_eq!(s.quotes.len(), 3);
    assert!(s.quotes[0].continued && s.quotes[0].close.is_none());
    assert!(s.quotes[1].continues && s.quotes[1].close.is_some());
    assert!(!s.quotes[2].continued);
    // only the last, never closed and not reopened, is unbalanced
    assert_eq!(s.unbalanced.len(), 1);
}

#[test]
fn unbalanced_marks_are_recorded() {
    let (_, s) = quotes("He said \"no and left. She said yes.\" Then” nothing.");
    assert!(!s.unbalanced.is_empty());
}

#[test]
fn markdown_prose_only() {
    let src = "---\ntitle: x. y.\n---\n# Head line\n\nSee [the report](http://a.b/c.d). `x. y.` Done.\n\n```\ncode. more.\n```\n<!-- whosaid off -->\n";
    let d = markdown::parse(PathBuf::from("a.md"), src.to_string());
    assert_eq!(d.text.len(), d.source.len());
    let seg = segment(&d);
    let got: Vec<_> = seg
        .sentences
        .iter()
        .map(|s| d.slice(s.span).trim().to_string())
        .collect();
    assert_eq!(got[0], "Head line");
    assert!(
        got[1].starts_with("See  the report ") && got[1].ends_with(" ."),
        "{:?}",
        got[1]
    );
    assert!(!got[1].contains("http"));
    assert_eq!(got.len(), 3);
    assert_eq!(d.blocks[0].kind, BlockKind::Heading);
    assert_eq!(d.directives.len(), 1);
    assert_eq!(d.directives[0].body, "whosaid off");
}

#[test]
fn pathological_inputs_are_linear() {
    let quotes = "\" ".repeat(10_000) + &"“".repeat(10_000) + &"'a ".repeat(10_000);
    let _ = split(&quotes);
    let long = "a".repeat(5_000_000);
    assert_eq!(split(&long).len(), 1);
    let dots = "a.".repeat(500_000);
    assert_eq!(split(&dots).len(), 1);
}

/// `… important,' " she said`: a spaced double mark after a closing single quote closes the
/// outer quotation (a common newspaper style), so nothing is left unbalanced.
#[test]
fn spaced_double_mark_after_a_single_quote_closes() {
    let text = "\"They treat it like, 'Oh, this is important,' \" Magel said at the rally.";
    let (d, s) = quotes(text);
    assert!(s.unbalanced.is_empty(), "{:?}", s.unbalanced);
    let outer: Vec<&str> = s
        .quotes
        .iter()
        .filter(|q| q.depth == 0)
        .map(|q| d.slice(q.span))
        .collect();
    assert_eq!(outer, ["\"They treat it like, 'Oh, this is important,' \""]);
    assert_eq!(split(text), [text]);
}
