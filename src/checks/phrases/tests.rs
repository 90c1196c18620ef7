//! Tests of the phrase lists and the word tokenizer.

use super::*;
use crate::lexicon::char_at;

/// The tokenizer as first written, one char at a time: the reference [`tokens`] must match.
fn reference_tokens(text: &str, within: Span) -> Vec<Token> {
    let s = within.slice(text);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    let mut cur = char_at(s, 0);
    while let Some((c, len)) = cur {
        let next = char_at(s, i + len);
        let next_word = next.is_some_and(|(n, _)| is_word_char(n));
        let inner =
            matches!(c, '.' | ',' | '\'' | '\u{2019}' | '-') && start.is_some() && next_word;
        let keep = is_word_char(c) || c == '%' || inner;
        match (keep, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push(Token {
                    span: Span::new(within.start + st, within.start + i),
                });
                start = None;
            }
            _ => {}
        }
        i += len;
        cur = next;
    }
    if let Some(st) = start {
        out.push(Token {
            span: Span::new(within.start + st, within.end),
        });
    }
    out
}

#[test]
fn counts_up_to_a_limit_as_the_tokens_give_them() {
    let text = "Officials said 3.5% of U.S. voters’ ballots — the state’s — were lost.";
    for a in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
        let within = Span::new(a, text.len());
        let all = tokens(text, within).len();
        for limit in 0..16 {
            assert_eq!(
                count_up_to(text, within, limit),
                all.min(limit),
                "{a} {limit}"
            );
        }
    }
}

#[test]
fn words_compare_whole_ignoring_ascii_case() {
    let entries: Vec<String> = ["a", "an", "it's", "senior", "u.s.", "officials", "é", "x\0"]
        .iter()
        .map(|w| w.to_string())
        .collect();
    let list = PhraseList::new(&entries);
    for w in [
        "A",
        "an",
        "AN",
        "It's",
        "it\u{2019}s",
        "SENIOR",
        "U.S.",
        "Officials",
        "é",
        "x\0",
    ] {
        assert!(list.is(w), "{w}");
    }
    for w in [
        "",
        "b",
        "ann",
        "a\0",
        "x",
        "x\0\0",
        "seniors",
        "officialS1",
        "É",
        "its",
    ] {
        assert!(!list.is(w), "{w}");
    }
}

proptest::proptest! {
    /// One lookup among several lists gives, bit by bit, what each list's own test gives:
    /// entries shared by lists, words in any case, curly and straight apostrophes, bytes past
    /// ASCII, words of every length up to past the packed limit.
    #[test]
    fn word_sets_answer_as_each_list(
        lists in proptest::collection::vec(
            proptest::collection::vec("[a-cA-C'.\u{2019}é]{0,12}", 0..8),
            0..5,
        ),
        words in proptest::collection::vec("[a-cA-C'.\u{2019}é@\\[`{]{0,12}", 0..40),
    ) {
        let lists: Vec<PhraseList> = lists.iter().map(|l| PhraseList::new(l)).collect();
        let refs: Vec<&PhraseList> = lists.iter().collect();
        let sets = WordSets::new(&refs);
        let entries = lists.iter().flat_map(|l| l.entries.iter());
        for w in entries.chain(&words) {
            for w in [w.clone(), w.to_uppercase(), w.to_lowercase(), w.replace('\'', "\u{2019}")] {
                let want = refs
                    .iter()
                    .enumerate()
                    .fold(0, |m, (k, l)| m | u32::from(l.is(&w)) << k);
                proptest::prop_assert_eq!(sets.of(&w), want, "{:?}", w);
            }
        }
    }

    /// The packed test of short ASCII words answers as the byte-by-byte test it skips, for
    /// words of every length up to past the packed limit, in any case.
    #[test]
    fn short_words_packed_answer_as_the_plain_test(
        entries in proptest::collection::vec("[a-cA-C'.\u{2019}é]{0,12}", 0..12),
        words in proptest::collection::vec("[a-cA-C'.\u{2019}é@\\[`{]{0,12}", 0..40),
    ) {
        let list = PhraseList::new(&entries);
        let t = list.is_tables.get_or_init(|| IsTables::new(&list.entries));
        for w in entries.iter().chain(&words) {
            for w in [w.clone(), w.to_uppercase(), w.to_lowercase()] {
                proptest::prop_assert_eq!(list.is(&w), list.is_slow(t, &w), "{:?}", w);
            }
        }
    }
}

#[test]
fn boundaries_as_decoded_chars_give_them() {
    let text = "a é,北 1’s--x😀y\u{301}z";
    for i in 0..=text.len() + 2 {
        let before = text.get(..i).and_then(|p| p.chars().next_back());
        let after = text.get(i..).and_then(|p| p.chars().next());
        let word = |c: Option<char>| c.is_some_and(is_word_char);
        assert_eq!(
            is_boundary(text, i),
            !(word(before) && word(after)),
            "at {i}"
        );
    }
}

#[test]
fn tokens_match_the_reference_on_every_span() {
    let alphabet = [
        "a", "Z", "7", " ", ".", ",", "'", "\u{2019}", "-", "%", "é", "\u{2014}", "\u{201c}", "北",
        "\u{301}", "$", "\n", "İ", "😀", "..", "--",
    ];
    let mut rng = crate::testrng::Rng::new(0x2545_f491_4f6c_dd1d);
    for _ in 0..400 {
        let mut text = String::new();
        for _ in 0..24 {
            text.push_str(rng.pick(&alphabet));
        }
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &a in &cuts {
            for &z in cuts.iter().filter(|&&z| z >= a) {
                let within = Span::new(a, z);
                assert_eq!(
                    tokens(&text, within),
                    reference_tokens(&text, within),
                    "{text:?} {a}..{z}"
                );
            }
        }
    }
    let news =
        "Officials said 3.5% of U.S. voters’ ballots — the state’s — were e-mailed, 1,200 in all.";
    let whole = Span::new(0, news.len());
    assert_eq!(tokens(news, whole), reference_tokens(news, whole));
    assert_eq!(tokens(news, whole).len(), 14);
}

/// [`first_tokens`], [`last_tokens`] and [`last_token`] are the head and the tail of [`tokens`], on random texts
/// long and short (the tail read from stretches that double from 32 bytes), for every count.
#[test]
fn first_and_last_tokens_are_the_ends_of_the_tokens() {
    let alphabet = [
        "a",
        "Zed",
        "7",
        " ",
        " ",
        ".",
        ",",
        "'",
        "\u{2019}",
        "-",
        "%",
        "é",
        "\u{2014}",
        "\u{201c}",
        "北",
        "\u{301}",
        "$",
        "\n",
        "\t",
        "İ",
        "😀",
        "..",
        "--",
        "officials",
        "said",
    ];
    let mut rng = crate::testrng::Rng::new(0x9e37_79b9_7f4a_7c15);
    let mut checked = 0;
    for round in 0..300 {
        let mut text = String::new();
        for _ in 0..(8 + round % 150) {
            text.push_str(rng.pick(&alphabet));
        }
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for (k, &a) in cuts.iter().enumerate().step_by(7) {
            for &z in cuts.iter().skip(k).step_by(5) {
                let within = Span::new(a, z);
                let all = tokens(&text, within);
                assert_eq!(
                    last_token(&text, within),
                    all.last().copied(),
                    "{text:?} {a}..{z}"
                );
                for n in [0, 1, 2, 4, 5, 9] {
                    let head: Vec<Token> = all.iter().take(n).copied().collect();
                    let tail: Vec<Token> = all[all.len().saturating_sub(n)..].to_vec();
                    assert_eq!(
                        first_tokens(&text, within, n),
                        head,
                        "{text:?} {a}..{z} {n}"
                    );
                    assert_eq!(last_tokens(&text, within, n), tail, "{text:?} {a}..{z} {n}");
                    checked += 1;
                }
                // the in-place forms, for the counts the checks read
                macro_rules! few {
                    ($($n:literal)*) => {$(
                        let head: Vec<Token> = all.iter().take($n).copied().collect();
                        let tail: Vec<Token> = all[all.len().saturating_sub($n)..].to_vec();
                        assert_eq!(&*first_few::<$n>(&text, within), &head[..], "{text:?} {a}..{z} {}", $n);
                        assert_eq!(&*last_few::<$n>(&text, within), &tail[..], "{text:?} {a}..{z} {}", $n);
                    )*};
                }
                few!(0 1 2 3 4 5 9);
            }
        }
    }
    assert!(checked > 10_000, "{checked}");
    // a span that is no slice of the text has no tokens
    assert!(last_tokens("é a b", Span::new(1, 5), 2).is_empty());
    assert!(last_token("é a b", Span::new(1, 5)).is_none());
    assert!(first_tokens("é a b", Span::new(1, 5), 2).is_empty());
    assert!(last_few::<2>("é a b", Span::new(1, 5)).is_empty());
    assert!(first_few::<2>("é a b", Span::new(1, 5)).is_empty());
}

/// The automaton patterns as first built, one string each: every entry trimmed and
/// lower-cased, its curly-apostrophe variant first when it has a straight apostrophe.
fn reference_patterns(words: &[String]) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim().to_lowercase();
        if w.contains('\'') {
            out.push((w.replace('\'', "\u{2019}"), i));
        }
        out.push((w, i));
    }
    out
}

/// The patterns kept in one buffer are the ones built one string each, with the same
/// longest length, and the entries are kept as written: on entries in any case, padded,
/// with apostrophes of both kinds, outside ASCII (`İ` lower-cases to three bytes), and on
/// every list of the built-in checks.
#[test]
fn patterns_in_one_buffer_are_the_ones_built_apart() {
    let odd: Vec<String> = [
        "  Some Officials ",
        "O'Neill's office",
        "insiders’ view",
        "İstanbul police",
        "STRASSE",
        "'",
        "x",
    ]
    .iter()
    .map(|w| w.to_string())
    .collect();
    let set = crate::checks::CheckSet::builtin().unwrap();
    let mut lists = vec![odd.clone(), Vec::new()];
    for d in set.defs() {
        for l in d.lists.values() {
            lists.push(l.entries.clone());
        }
    }
    for words in lists {
        let list = PhraseList::from_vec(words.clone());
        let got: Vec<(String, usize)> = list.patterns().map(|(p, i)| (p.to_string(), i)).collect();
        let want = reference_patterns(&words);
        assert_eq!(got, want);
        let longest = want.iter().map(|(p, _)| p.len()).max().unwrap_or(0);
        assert_eq!(list.longest(), longest, "{words:?}");
        assert_eq!(list.entries, words);
        assert_eq!(PhraseList::new(&words).patterns().count(), want.len());
    }
    // and the automaton built from the buffer finds what the patterns say
    let list = PhraseList::from_vec(odd);
    let text = "The İstanbul Police and o’neill’s office said so.";
    let found: Vec<usize> = list
        .find(text, Span::new(0, text.len()))
        .iter()
        .map(|m| m.1)
        .collect();
    // (the curly form of the entry `O'Neill's office`; `İ` is no ASCII case of `i̇`, and the
    // lone apostrophe entry matches the two apostrophes)
    assert_eq!(found, vec![1, 5, 5]);
}
