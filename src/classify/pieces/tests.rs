//! Cutting very long sentences into pieces and joining the pieces' labels.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::document::Format;
use crate::span::SpanList;
use std::path::PathBuf;

fn doc(text: &str) -> (Document, Segmentation) {
    let doc = crate::input::parse(PathBuf::from("t"), Format::Plain, text.to_string());
    let seg = crate::segment::segment(&doc);
    (doc, seg)
}

fn pieces(text: &str, piece: usize) -> Vec<Span> {
    let s = Sentence {
        span: Span::new(0, text.len()),
        block: 0,
    };
    let mut out = Vec::new();
    cut(text, s, piece, &mut out);
    out.iter().map(|p| p.span).collect()
}

/// Pieces run in order, cover every word, never start or end with white space, and the text
/// between two pieces is white space only.
fn check_cover(text: &str, spans: &[Span]) {
    let mut at = 0;
    for sp in spans {
        let gap = &text[at..sp.start];
        assert!(at == 0 || !gap.is_empty(), "pieces touch at {at}");
        assert!(gap.chars().all(char::is_whitespace), "{gap:?} left out");
        let p = sp.slice(text);
        assert!(!p.is_empty());
        assert_eq!(p.trim(), p);
        at = sp.end;
    }
    assert_eq!(at, text.len());
}

#[test]
fn a_long_sentence_is_cut_at_white_space_in_equal_shares() {
    let text = "the council voted again on the budget ".repeat(40);
    let text = text.trim_end();
    let spans = pieces(text, 300);
    assert_eq!(spans.len(), text.len().div_ceil(300));
    check_cover(text, &spans);
    assert!(
        spans.iter().all(|s| s.len() <= 300 && s.len() >= 200),
        "{spans:?}"
    );
}

#[test]
fn a_short_sentence_is_one_piece() {
    let text = "The mayor said the road would reopen.";
    assert_eq!(pieces(text, text.len()), vec![Span::new(0, text.len())]);
}

#[test]
fn without_white_space_it_is_cut_between_words_or_not_at_all() {
    let text = "a,b,".repeat(50);
    let spans = pieces(&text, 64);
    assert!(spans.len() > 1);
    let mut at = 0;
    for sp in &spans {
        assert_eq!(sp.start, at);
        assert!(is_boundary(&text, sp.end));
        at = sp.end;
    }
    assert_eq!(at, text.len());
    // one word of 300 letters has no place to cut
    let word = "x".repeat(300);
    assert_eq!(pieces(&word, 64), vec![Span::new(0, 300)]);
}

#[test]
fn sentences_within_the_limit_are_classified_as_before() {
    let text = "The mayor said on Monday the bridge would close. It will reopen in May, \
                officials said. Prices rose sharply.";
    let (d, seg) = doc(text);
    let rules = RuleSet::builtin().unwrap();
    let whole = context::classify_document(&d, &seg, &rules);
    assert_eq!(classify(&d, &seg, &rules, PIECE), whole);
    assert_eq!(classify(&d, &seg, &rules, text.len()), whole);
}

#[test]
fn a_sentence_in_pieces_keeps_one_label_with_the_cues_of_every_piece() {
    // one sentence without punctuation: an attribution near its start and near its end
    let filler = "and the trains would run late ".repeat(12);
    let text = format!("The mayor said the bridge would close {filler}the governor said");
    let (d, seg) = doc(&text);
    assert_eq!(seg.sentences.len(), 1);
    let rules = RuleSet::builtin().unwrap();
    let whole = context::classify_document(&d, &seg, &rules);
    assert_eq!(whole[0].label, Label::Attributed);
    let cut = classify(&d, &seg, &rules, 120);
    assert_eq!(cut.len(), 1);
    let c = &cut[0];
    assert_eq!(c.label, Label::Attributed);
    let cues: Vec<&str> = c.cues.iter().map(|s| s.slice(&text)).collect();
    assert_eq!(cues, ["said", "said"]);
    assert!(c.cues.iter().all(|s| seg.sentences[0].span.contains(*s)));
    let sources: Vec<&str> = c.sources.iter().map(|s| s.slice(&text)).collect();
    assert!(sources.contains(&"The mayor"), "{sources:?}");
}

#[test]
fn join_prefers_the_highest_label_and_an_own_one() {
    let sp = |a| SpanList::one(Span::new(a, a + 1));
    let own = |label, at| Classification {
        label,
        sources: SpanList::new(),
        cues: sp(at),
        rule: None,
        inherited: false,
    };
    let inherited = |label, at| Classification {
        inherited: true,
        ..own(label, at)
    };
    let plain = Classification::plain(Label::Unattributed);
    let j = join(&[
        plain.clone(),
        own(Label::Attributed, 5),
        own(Label::Attributed, 2),
    ]);
    assert_eq!(j.label, Label::Attributed);
    assert_eq!(j.cues.as_slice(), &[Span::new(2, 3), Span::new(5, 6)]);
    let j = join(&[inherited(Label::Attributed, 1), own(Label::Attributed, 9)]);
    assert!(!j.inherited);
    assert_eq!(j.cues.as_slice(), &[Span::new(9, 10)]);
    let j = join(&[inherited(Label::Alleged, 1), own(Label::Attributed, 9)]);
    assert_eq!(j.label, Label::Alleged);
    assert!(j.inherited);
    assert_eq!(join(std::slice::from_ref(&plain)), plain);
}

/// A document whose long sentence is classified in pieces takes the lexicon hits found ahead
/// (the pieces' first window is the sentence's), with the labels it has without.
#[test]
fn pieces_take_what_was_found_ahead() {
    let filler = "and Mr. Ortega’s U.S.-based co-host would run late, ".repeat(12);
    let text = format!(
        "Intro line.\n\nThe mayor said the bridge would close {filler}the governor told reporters"
    );
    let (d, seg) = doc(&text);
    let rules = RuleSet::builtin().unwrap();
    let checks = crate::checks::CheckSet::builtin().unwrap();
    let from = crate::rules::engine::one_window(&text, seg.sentences.iter().map(|s| s.span));
    let from = from.unwrap();
    let without = classify(&d, &seg, &rules, 120);
    assert!(without.iter().any(|c| c.label == Label::Attributed));
    let (_, mut ahead) = checks.scan_along(&text, rules.engine(), from);
    assert!(ahead.holds());
    let with = classify_ahead(&d, &seg, &rules, 120, &mut ahead);
    assert_eq!(with, without);
    // (handed over, not scanned again)
    assert!(!ahead.holds());
}
