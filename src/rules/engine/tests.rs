//! Tests of the rule engine's scans.

use super::*;
use crate::rules::RuleSet;

/// The tables `build.rs` computed for the built-in rules are the ones built at run time,
/// and are used only for those rules, all enabled.
#[test]
fn prebuilt_tables_are_the_built_ones() {
    let mut rules = RuleSet::builtin().unwrap();
    let fast = rules.engine();
    assert!(fast.prebuilt.is_some(), "build.rs wrote no tables");
    let slow = Engine::build_with(rules.rules(), None);
    assert!(slow.prebuilt.is_none());
    assert_eq!(fast.words, slow.words);
    assert_eq!(fast.entries, slow.entries);
    assert_eq!(fast.entry_at, slow.entry_at);
    assert!(fast.lexicon().is_prebuilt() && !slow.lexicon().is_prebuilt());
    assert!(fast.lexicon().same_tables(slow.lexicon()));
    assert!(fast.words.len() > 1000);
    // one rule off, or other words: the tables do not fit
    let id = rules.rules()[3].info.id.clone();
    rules.disable(&id);
    assert!(rules.engine().prebuilt.is_none());
    rules.set_enabled(&id, true);
    assert!(rules.engine().prebuilt.is_some());
    let mut changed: Vec<Rule> = rules.rules().to_vec();
    if let Some(r) = changed.iter_mut().find(|r| !r.words.is_empty()) {
        r.words.to_mut()[0].to_mut().push('x');
    }
    assert!(Engine::build(&changed).prebuilt.is_none());
    changed.pop();
    assert!(Engine::build(&changed).prebuilt.is_none());
}

/// The first window holds the rest of the text from the first sentence that ends past 0,
/// when that is at most SCAN_WINDOW bytes.
#[test]
fn one_window_is_the_first_sentence_start() {
    let text = "ab cd. ef";
    let s = |a, b| Span::new(a, b);
    assert_eq!(one_window(text, [s(0, 0), s(3, 6), s(7, 9)]), Some(3));
    assert_eq!(one_window(text, [s(0, 6), s(7, 9)]), Some(0));
    assert_eq!(one_window(text, []), None);
    assert_eq!(one_window(text, [s(0, 0)]), None);
    let long = "x ".repeat(SCAN_WINDOW / 2 + 1);
    assert_eq!(one_window(&long, [s(0, 2)]), None);
    assert_eq!(one_window(&long, [s(2, 4)]), Some(2));
}

/// Block-wise lower-cased search finds exactly what a case-insensitive search of the whole
/// text finds, also for matches that cross a block edge.
#[test]
fn normalize_fast_path_agrees() {
    use crate::rules::wordindex::normalize;
    for w in [
        "said",
        "according to",
        "it's",
        "Said",
        " a  b ",
        "a\tb",
        "Ünter",
        "ǅx",
        "",
    ] {
        let slow = w
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        assert_eq!(normalize(w), slow, "{w:?}");
    }
}

/// The lexicon scan of the built-in words finds exactly what the case-insensitive automaton
/// search it replaced finds (whole-word matches, overlapping ones included), also in a
/// window whose edges cut words.
#[test]
fn scan_equals_automaton_scan() {
    use crate::classify::tokens::is_boundary;
    use aho_corasick::{AhoCorasickBuilder, MatchKind};
    const SCAN_BLOCK: usize = 1 << 16;
    let rules = RuleSet::builtin().unwrap();
    let engine = rules.engine();
    let reference = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(engine.words.iter())
        .unwrap();
    let piece = "Officials SAID on Tuesday, according to the U.S. report. “It’s over,” she \
         Told reporters. D-Calif. sources—who's—said: Ünter-said o'clock ";
    let mut text = String::new();
    while text.len() < 3 * SCAN_BLOCK {
        text.push_str(piece);
        // shift the phrases against the block edges
        if text.len().is_multiple_of(7) {
            text.push('x');
        }
        text.push(' ');
    }
    let mut got = Vec::new();
    engine.scan(&text, 0..text.len(), &mut got);
    let got: Vec<(Span, u32)> = got.iter().map(|h| (h.span(0), h.pattern)).collect();
    let mut want: Vec<(Span, u32)> = reference
        .find_overlapping_iter(&text)
        .filter(|m| is_boundary(&text, m.start()) && is_boundary(&text, m.end()))
        .map(|m| (Span::new(m.start(), m.end()), m.pattern().as_u32()))
        .collect();
    want.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    assert!(want.len() > 1000);
    assert!(want
        .iter()
        .any(|(s, _)| s.start < SCAN_BLOCK && s.end > SCAN_BLOCK));
    assert_eq!(got, want);

    // a window: the same hits, those starting in it, with offsets from its start
    // `lo` and `hi` cut words: a match starts just before `hi` and ends after it
    let cut = |from: usize| {
        want.iter()
            .find(|(s, _)| s.start > from && s.end > s.start + 2)
            .map(|(s, _)| s.start + 1)
            .unwrap()
    };
    let (lo, hi) = (cut(SCAN_BLOCK), cut(2 * SCAN_BLOCK));
    let mut part = Vec::new();
    engine.scan(&text, lo..hi, &mut part);
    let part: Vec<(Span, u32)> = part.iter().map(|h| (h.span(lo), h.pattern)).collect();
    let inside: Vec<(Span, u32)> = want
        .iter()
        .copied()
        .filter(|(s, _)| (lo..hi).contains(&s.start))
        .collect();
    assert!(inside.iter().any(|(s, _)| s.end > hi));
    assert_eq!(part, inside);
}
