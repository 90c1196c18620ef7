//! Tests of the checks' shared word index.

use super::*;

/// Every piece of a text, as a string of its own: the bits are what each list's own search
/// gives.
#[test]
fn presence_answers_like_the_lists_own_search() {
    let lists: Vec<PhraseList> = [
        vec!["source", "sources", "familiar with", "not authorized"],
        vec!["officials", "some", "many", "people"],
        vec!["the times", "post", "u.s.", "it's"],
        vec!["report", "é"],
    ]
    .iter()
    .map(|l| PhraseList::new(&l.iter().map(|w| w.to_string()).collect::<Vec<_>>()))
    .collect();
    let refs: Vec<&PhraseList> = lists.iter().collect();
    let presence = Presence::build(&refs).unwrap();
    let text = "Some officials familiar with it’s U.S. report; the Times-Post people said                     sourcesé, NOT authorized é. many";
    let cuts: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    let mut seen = 0;
    for &a in &cuts {
        for &b in cuts.iter().filter(|&&b| b >= a) {
            let s = &text[a..b];
            let mask = presence.present(s);
            seen |= mask;
            for (k, list) in lists.iter().enumerate() {
                let want = list.any(s, Span::new(0, s.len()));
                assert_eq!(mask >> k & 1 == 1, want, "list {k} in {s:?}");
            }
        }
    }
    assert_eq!(seen, 0b1111);
}

/// The built-in checks' lexicon reads the trie `build.rs` wrote, and it is the one built at
/// run time from the same patterns; another check set builds its own.
#[test]
fn builtin_checks_use_the_prebuilt_trie() {
    let set = crate::checks::CheckSet::builtin().unwrap();
    let combined = Combined::build(set.defs.iter().flat_map(|d| d.lists.values())).unwrap();
    assert!(combined.lexicon.is_prebuilt());
    let mut lists: Vec<&PhraseList> = set
        .defs
        .iter()
        .flat_map(|d| d.lists.values())
        .filter(|l| l.slot.is_some())
        .collect();
    lists.sort_by_key(|l| l.slot);
    let pats: Vec<&str> = lists
        .iter()
        .flat_map(|l| l.patterns().map(|p| p.0))
        .collect();
    assert!(pats.len() > 100);
    let built = Lexicon::new(&pats, Scheme::Plain);
    assert!(!built.is_prebuilt());
    assert!(combined.lexicon.same_tables(&built));
    // one pattern less: not the built-in set
    let fewer = lexicon(pats.get(1..).unwrap());
    assert!(!fewer.is_prebuilt());
}

/// One walk for the built-in checks' and classifier's lexicons finds what each finds on
/// its own, from any start of the classifier's window.
#[test]
fn scan_along_equals_the_two_scans() {
    use crate::rules::engine::Hit;
    let set = crate::checks::CheckSet::builtin().unwrap();
    let combined = Combined::build(set.defs.iter().flat_map(|d| d.lists.values())).unwrap();
    let rules = crate::rules::RuleSet::builtin().unwrap();
    let engine = rules.engine();
    let piece = "Officials SAID on Tuesday, according to the U.S. report. “It’s over,” she \
         Told reporters. D-Calif. sources—who's—said: Ünter-said o'clock; a source familiar \
         with the talks, who was not authorized to speak, claimed it. Police allegedly ";
    let text = piece.repeat(40);
    let lists: Vec<&PhraseList> = set
        .defs
        .iter()
        .flat_map(|d| d.lists.values())
        .filter(|l| l.slot.is_some())
        .collect();
    let whole = Span::new(0, text.len());
    let alone = combined.scan(&text);
    for from in [0, 1, 9, 10, text.len() / 2, text.len() - 3, text.len()] {
        let (hits, mut ahead) = combined.scan_along(&text, engine, from);
        let mut n = 0;
        for list in &lists {
            let got: Vec<(Span, usize)> = hits.find(list, &text, whole).collect();
            let want: Vec<(Span, usize)> = alone.find(list, &text, whole).collect();
            n += got.len();
            assert_eq!(got, want);
        }
        assert!(n > 500, "{n}");
        let mut want: Vec<Hit> = Vec::new();
        engine.scan(&text, from..text.len(), &mut want);
        let mut got = vec![];
        // handed over for its own window only
        engine.scan_ahead(&text, from..text.len() - 1, &mut got, &mut ahead);
        assert!(ahead.holds());
        got.clear();
        engine.scan_ahead(&text, from..text.len(), &mut got, &mut ahead);
        assert!(!ahead.holds());
        assert_eq!(got, want);
        assert!(from > text.len() / 2 || want.len() > 500);
    }
}

/// The two-byte edge test is the character and word boundary test at every byte.
#[test]
fn edge_is_a_char_and_word_boundary() {
    let text = "A source—said it’s é9 so; (x) 3.5% Ünter-said\té.";
    for i in 0..=text.len() + 1 {
        let want = text.is_char_boundary(i) && is_boundary(text, i);
        assert_eq!(edge(text, i), want, "{i}");
    }
}

/// Every span of a text (char boundaries, including ones that cut words): the index gives
/// what the list's own search gives.
#[test]
fn index_answers_like_the_lists_own_search() {
    let words: Vec<String> = ["said", "a source", "sources said", "it's", "Said", "é"]
        .iter()
        .map(|w| w.to_string())
        .collect();
    let mut list = PhraseList::new(&words);
    list.slot = Some(0);
    let combined = Combined::build([&list].into_iter()).unwrap();
    let text = "A source said it’s so; sources said (unsaid) é, Sources saidé SAID.";
    let hits = combined.scan(text);
    let whole = Span::new(0, text.len());
    assert!(hits.find(&list, text, whole).count() >= 5);
    let cuts: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    for &a in &cuts {
        for &b in cuts.iter().filter(|&&b| b >= a) {
            let within = Span::new(a, b);
            let got: Vec<(Span, usize)> = hits.find(&list, text, within).collect();
            assert_eq!(got, list.find(text, within), "span {a}..{b}");
            assert_eq!(hits.any(&list, text, within), list.any(text, within));
        }
    }
}
