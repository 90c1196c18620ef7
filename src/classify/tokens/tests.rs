//! Tests of the tokenizer: the byte-table [`tokenize`] against the char-at-a-time original.

use super::*;

/// The tokenizer as first written, one peeked char at a time: [`tokenize`] must match it.
fn reference_tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    let s = span.slice(text);
    let base = span.start;
    let mut it = s.char_indices().peekable();
    let mut prev: Option<char> = None;
    let mut single_open = false;
    while let Some((i, c)) = it.next() {
        if alnum(c) {
            let mut end = i + c.len_utf8();
            let mut last = c;
            while let Some(&(j, d)) = it.peek() {
                if alnum(d) {
                    end = j + d.len_utf8();
                    last = d;
                    it.next();
                } else if joiner(d) && alnum(last) {
                    let after = s.get(j + d.len_utf8()..).and_then(|r| r.chars().next());
                    if after.is_some_and(alnum) {
                        end = j + d.len_utf8();
                        last = d;
                        it.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            let mut flags = 0;
            if c.is_uppercase() {
                flags |= CAP;
            } else if c.is_alphabetic() && !c.is_lowercase() {
                flags |= UNCASED;
            }
            if c.is_ascii_digit() {
                flags |= DIGIT;
                // `47%`: a share of the people or votes counted, a noun like `percent`
                if let Some(&(j, '%')) = it.peek() {
                    end = j + 1;
                    last = '%';
                    it.next();
                    flags = (flags & !DIGIT) | SOURCE_NOUN;
                }
            }
            let w = s.get(i..end).unwrap_or("");
            // a capitalised word in -ly with an adverb's ending, not inside a name
            let cap_adverb = w.len() >= 6 && {
                let mut back = w.chars().rev().skip(2);
                let (c3, c4) = (back.next(), back.next());
                let ending = match c3 {
                    Some('l') => c4 == Some('a'),
                    Some('r') => c4 != Some('e'),
                    Some(x) => "bdeghkmnpstw".contains(x),
                    None => false,
                };
                ending && !out.last().is_some_and(|p| p.tok == Tok::Word && p.has(CAP))
            };
            if w.len() > 4 && w.ends_with("ly") && (!c.is_uppercase() || cap_adverb) {
                flags |= ADVERB;
            }
            if flags & CAP != 0 && w.len() >= 6 && w.ends_with("ing") {
                flags |= CAP_ING;
            }
            if flags & (CAP | DIGIT) == 0 && w.len() > 4 && w.ends_with("ed") {
                flags |= PAST;
            }
            if w.ends_with("'s") || w.ends_with("’s") {
                flags |= POSSESSIVE;
            }
            out.push(Token {
                span: Span::new(base + i, base + end),
                tok: Tok::Word,
                flags,
            });
            prev = Some(last);
            continue;
        }
        // `Sanders' team`: an apostrophe right after a word in -s, before a word, with no single
        // quotation open in the sentence, makes the word possessive
        if matches!(c, '\'' | '’')
            && !single_open
            && matches!(prev, Some('s'))
            && s.get(i + c.len_utf8()..).is_some_and(|r| {
                let mut cs = r.chars();
                cs.next() == Some(' ') && cs.next().is_some_and(|d| d.is_alphabetic())
            })
        {
            if let Some(last) = out.last_mut() {
                if last.tok == Tok::Word && last.span.end == base + i {
                    last.span.end += c.len_utf8();
                    last.flags |= POSSESSIVE;
                    prev = Some(c);
                    continue;
                }
            }
        }
        let tok = match c {
            ',' => Tok::Comma,
            '"' | '“' | '”' | '\'' | '‘' | '’' | '«' | '»' => {
                let open = match c {
                    '“' | '‘' | '«' => true,
                    '”' | '’' | '»' => false,
                    _ => {
                        prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–'))
                    }
                };
                if open && matches!(c, '\'' | '‘') {
                    single_open = true;
                }
                Tok::Quote { open }
            }
            '—' | '–' | '―' => Tok::Dash,
            // a hyphen between spaces stands for a dash (`Reynolds - a co-host - told`)
            '-' if prev.is_some_and(char::is_whitespace)
                && it.peek().is_some_and(|&(_, d)| d.is_whitespace()) =>
            {
                Tok::Dash
            }
            '-' if it.peek().is_some_and(|&(_, d)| d == '-') => {
                // `--` (or a longer run) is one dash
                let mut end = i + 1;
                while let Some(&(j, '-')) = it.peek() {
                    end = j + 1;
                    it.next();
                }
                out.push(Token {
                    span: Span::new(base + i, base + end),
                    tok: Tok::Dash,
                    flags: 0,
                });
                prev = Some(c);
                continue;
            }
            ':' => Tok::Colon,
            ';' => Tok::Semicolon,
            '(' | '[' => Tok::OpenParen,
            ')' | ']' => Tok::CloseParen,
            // a period inside the sentence after a word is an abbreviation (`Mr.`, `Gov.`):
            // it stays with its word
            '.' if prev.is_some_and(alnum)
                && s.get(i + 1..).is_some_and(|r| r.chars().any(alnum)) =>
            {
                if let Some(last) = out.last_mut() {
                    if last.tok == Tok::Word && last.span.end == base + i {
                        last.span.end += 1;
                        prev = Some(c);
                        continue;
                    }
                }
                Tok::Other
            }
            '.' | '!' | '?' | '…' => Tok::End,
            c if c.is_whitespace() => {
                prev = Some(c);
                continue;
            }
            _ => Tok::Other,
        };
        out.push(Token {
            span: Span::new(base + i, base + i + c.len_utf8()),
            tok,
            flags: 0,
        });
        prev = Some(c);
    }
}

#[test]
fn words_and_marks() {
    let t = "“We won,” said Clinton’s U.S. aide — again.";
    let mut v = Vec::new();
    tokenize(t, Span::new(0, t.len()), &mut v);
    let words: Vec<&str> = v
        .iter()
        .filter(|k| k.is_word())
        .map(|k| k.span.slice(t))
        .collect();
    assert_eq!(
        words,
        ["We", "won", "said", "Clinton’s", "U.S.", "aide", "again"]
    );
    assert_eq!(v[0].tok, Tok::Quote { open: true });
    assert!(is_boundary(t, t.find("said").unwrap()));
    assert!(!is_boundary(t, t.find("’s").unwrap()));
}

/// The ends of the joined words of `text`, as the lexicon walk finds them.
fn walk_ends(text: &str) -> Option<WordEnds> {
    use crate::lexicon::{Lexicon, Scheme};
    thread_local! {
        static PAIR: (Lexicon, Lexicon) = (
            Lexicon::new(&["said", "U.S", "it’s"], Scheme::Joined),
            Lexicon::new(&["said", "U", "it"], Scheme::Plain),
        );
    }
    PAIR.with(|(j, p)| crate::lexicon::scan_pair_ends(j, 0, p, text, |_, _, _| {}, |_, _, _| {}))
}

/// Tokens of `text[span]` by both tokenizers; the tokenizer gives the same with the ends
/// `ends` of the text's words given ([`tokenize_ends`]).
fn both_with(text: &str, span: Span, ends: Option<&WordEnds>) -> (Vec<Token>, Vec<Token>) {
    let (mut new, mut old) = (Vec::new(), Vec::new());
    // (appended to what the vector holds; the count is of the words appended)
    let first = Token {
        span: Span::new(0, 0),
        tok: Tok::Word,
        flags: 0,
    };
    new.push(first);
    let words = tokenize(text, span, &mut new);
    new.remove(0);
    reference_tokenize(text, span, &mut old);
    assert_eq!(words, old.iter().filter(|t| t.tok == Tok::Word).count());
    if let Some(ends) = ends {
        let mut shared = vec![first];
        let (n, q) = tokenize_ends(text, span, Some(ends), &mut shared);
        let mark = shared
            .iter()
            .position(|t| matches!(t.tok, Tok::Quote { .. }));
        assert_eq!(q, mark, "first quotation mark {text:?} {span:?}");
        shared.remove(0);
        assert_eq!((n, &shared), (words, &new), "shared ends {text:?} {span:?}");
    }
    (new, old)
}

/// [`both_with`], the text's ends found by the walk.
fn both(text: &str, span: Span) -> (Vec<Token>, Vec<Token>) {
    both_with(text, span, walk_ends(text).as_ref())
}

/// The ends given are read (here, wrong ones: every byte ends a word, so words of one byte),
/// unless they are of a text of another length; without them the tokens are the text's own.
#[test]
fn given_ends_are_read_for_a_text_of_their_length_alone() {
    let text = "He said it’s U.S. policy, Mr.Smith-Jones's 47% share.";
    let span = Span::new(0, text.len());
    let (mut a, mut b) = (Vec::new(), Vec::new());
    tokenize(text, span, &mut a);
    let mut wrong = WordEnds::for_text(text.len());
    for i in 0..=text.len() {
        wrong.set(i);
    }
    tokenize_ends(text, span, Some(&wrong), &mut b);
    assert_ne!(a, b);
    b.clear();
    tokenize_ends(text, span, None, &mut b);
    assert_eq!(a, b);
    b.clear();
    let mut longer = WordEnds::for_text(text.len() + 1);
    for i in 0..=text.len() + 1 {
        longer.set(i);
    }
    tokenize_ends(text, span, Some(&longer), &mut b);
    assert_eq!(a, b);
}

/// A sentence that cuts a word of the text (at its start or its end) has the tokens of its
/// own bytes with the ends shared too.
#[test]
fn shared_ends_across_a_cut_word() {
    let text = "x U.S.-based it’s-fine end.Next co\u{2011}host";
    let ends = walk_ends(text);
    assert!(ends.is_some());
    let cuts: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    for &i in &cuts {
        for &j in cuts.iter().filter(|&&j| j > i) {
            let (new, old) = both_with(text, Span::new(i, j), ends.as_ref());
            assert_eq!(new, old);
        }
    }
}

#[test]
fn matches_the_reference_on_every_span_of_random_texts() {
    let alphabet = [
        "a", "s", "Z", "I", "7", "0", " ", "  ", "\n", "\t", ".", ",", "'", "\u{2019}", "\u{2018}",
        "\"", "\u{201c}", "\u{201d}", "-", "--", "\u{2011}", "\u{2014}", "\u{2013}", "\u{2015}",
        "&", "%", "!", "?", "\u{2026}", ":", ";", "(", ")", "[", "]", "«", "»", "é", "É", "ß",
        "北", "京", "\u{301}", "😀", "\u{a0}", "\u{2003}", "İ", "ǅ", "U.S.", "1,200", "3.5",
        "Clinton", "ly", "ing", "Speaking", "'s ", "’s ", "$", "٣", "Ⅻ",
    ];
    let mut rng = crate::testrng::Rng::new(0x9e37_79b9_7f4a_7c15);
    let mut total = 0usize;
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..20 {
            text.push_str(rng.pick(&alphabet));
        }
        total += every_span_matches(&text);
    }
    assert!(total > 100_000, "{total}");
}

/// Long ASCII words cut anywhere, with joiners, letters outside
/// ASCII and the endings the flags read.
#[test]
fn matches_the_reference_on_long_words() {
    let alphabet = [
        "information",
        "Accordingly",
        "reportedly",
        "Reporting",
        "governments",
        "12345678",
        "abcdefgh",
        "ABCDEFGHIJKLMNOPQ",
        "x",
        "ly",
        "ing",
        "s",
        "'s",
        "’s",
        "'",
        "’",
        "-",
        ".",
        "&",
        "\u{2011}",
        "é",
        "北",
        " ",
        ", ",
        "%",
        "\u{301}",
        "7",
        "—",
        "\n",
    ];
    let mut rng = crate::testrng::Rng::new(0x51_7c_c1_b7_27_22_0a_95);
    let mut total = 0usize;
    for _ in 0..200 {
        let mut text = String::new();
        for _ in 0..12 {
            text.push_str(rng.pick(&alphabet));
        }
        total += every_span_matches(&text);
    }
    assert!(total > 100_000, "{total}");
}

#[test]
fn matches_the_reference_on_news_copy() {
    let news = "“We won’t,” Sen. Jones (D-Calif.) said of AT&T’s 3.5% cut -- 1,200 jobs - \
                in the U.S. Sanders' team, ‘quietly’ — said: 47% of 北京 officials’ e\u{301}lan… \
                Speaking 'frankly' to St. John's 'fans', he said 😀 ok. Mr. O'Neil, co\u{2011}host. \
                Ruiz scrutinized the red tape; Rated.";
    let (new, old) = both(news, Span::new(0, news.len()));
    assert_eq!(new, old);
    let word = |w: &str| new.iter().find(|t| t.span.slice(news) == w).copied();
    assert!(word("AT&T’s").is_some_and(|t| t.has(POSSESSIVE)));
    assert!(word("47%").is_some_and(|t| t.has(SOURCE_NOUN) && !t.has(DIGIT)));
    assert!(word("Sanders'").is_some_and(|t| t.has(POSSESSIVE)));
    assert!(word("Speaking").is_some_and(|t| t.has(CAP_ING)));
    assert!(word("quietly").is_some_and(|t| t.has(ADVERB)));
    assert!(word("scrutinized").is_some_and(|t| t.has(PAST)));
    assert!(word("red").is_some_and(|t| !t.has(PAST)));
    assert!(word("Rated").is_some_and(|t| !t.has(PAST)));
    assert!(word("北京").is_some_and(|t| t.has(UNCASED)));
    assert!(word("U.S.").is_some());
    assert!(word("--").is_some_and(|t| t.tok == Tok::Dash));
}

/// A capitalised word in -ly is an adverb when its ending is an adverb's and it is not part of a
/// name; names in -ly keep their capital as their only flag.
#[test]
fn capitalised_adverbs_in_ly() {
    let news = "Sparsely settled, the coast votes late. Frankly, Finally and Nearly count too. \
                Kelly, Schlafly, Ganguly, Beverly and Daily do not, nor Publishers Weekly.";
    let (new, old) = both(news, Span::new(0, news.len()));
    assert_eq!(new, old);
    let word = |w: &str| new.iter().find(|t| t.span.slice(news) == w).copied();
    for w in ["Sparsely", "Frankly", "Finally", "Nearly"] {
        assert!(word(w).is_some_and(|t| t.has(ADVERB)), "{w}");
    }
    for w in ["Kelly", "Schlafly", "Ganguly", "Beverly", "Daily", "Weekly"] {
        assert!(word(w).is_some_and(|t| !t.has(ADVERB)), "{w}");
    }
}

/// [`range`] found by walking on from `at` ([`walk_to`]) as the classifier does for spans in
/// order of start, searched for a span before the token at `at`.
fn range_from(toks: &[Token], span: Span, at: &mut usize) -> Option<(usize, usize)> {
    if toks
        .get(..*at)
        .and_then(<[Token]>::last)
        .is_some_and(|t| t.span.start >= span.start)
    {
        return range(toks, span);
    }
    walk_to(toks, span.start, at);
    let a = *at;
    if span.end <= span.start || toks.get(a)?.span.start != span.start {
        return None;
    }
    let mut b = a + 1;
    while toks.get(b).is_some_and(|t| t.span.start < span.end) {
        b += 1;
    }
    (toks.get(b - 1)?.span.end == span.end).then_some((a, b))
}

/// Walking on over spans in order of start finds what a search of each finds, also for spans
/// that fit no tokens, and for spans out of order.
#[test]
fn range_from_is_the_searched_range() {
    let text = "Mr. Ruiz, a U.S. official, said: “It’s over” -- and left (quietly).";
    let mut toks = Vec::new();
    tokenize(text, Span::new(0, text.len()), &mut toks);
    let cuts: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    let mut spans = Vec::new();
    for &a in &cuts {
        for &z in cuts.iter().filter(|&&z| z >= a.saturating_sub(1)) {
            spans.push(Span::new(a, z));
        }
    }
    // in order of start, longest first, as lexicon hits come
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut at = 0;
    let mut found = 0;
    for &s in &spans {
        let want = range(&toks, s);
        assert_eq!(range_from(&toks, s, &mut at), want, "{s:?}");
        found += usize::from(want.is_some());
    }
    assert!(found > 50, "{found}");
    // out of order: every span after a late one
    for &s in &spans {
        let mut at = toks.len() - 1;
        assert_eq!(range_from(&toks, s, &mut at), range(&toks, s), "{s:?}");
    }
}

/// Compares the tokenizer with the reference on every span of `text` cut at character
/// boundaries; returns how many tokens were compared.
fn every_span_matches(text: &str) -> usize {
    let cuts: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    let mut total = 0;
    let ends = walk_ends(text);
    for &a in &cuts {
        for &z in cuts.iter().filter(|&&z| z >= a) {
            let (new, old) = both_with(text, Span::new(a, z), ends.as_ref());
            assert_eq!(new, old, "{text:?} {a}..{z}");
            total += new.len();
        }
    }
    total
}

/// The eight-byte test of [`word_run`] agrees with the byte table for every byte value at every
/// position, among letters and among other bytes.
#[test]
fn not_word_is_the_byte_table() {
    for fill in [b'a', b'Z', b'5', b' ', 0x80, 0xE2] {
        for pos in 0..8 {
            for v in 0..=255u8 {
                let mut bytes = [fill; 8];
                bytes[pos] = v;
                let want = bytes.iter().enumerate().fold(0u64, |m, (k, &c)| {
                    m | (u64::from(CLASS[usize::from(c)] != WORD) << (8 * k + 7))
                });
                assert_eq!(not_word(u64::from_le_bytes(bytes)), want, "{bytes:?}");
                let run = bytes
                    .iter()
                    .take_while(|&&c| CLASS[usize::from(c)] == WORD)
                    .count();
                assert_eq!(word_run(&bytes, 0), run, "{bytes:?}");
            }
        }
    }
}

/// Walking on over spans that skip tokens (one to nine at a time, as lexicon hits do) finds what
/// a search of each finds: the walk counts four tokens at a time.
#[test]
fn range_from_skips_tokens_as_the_search_does() {
    let text = "Mr. Ruiz, a U.S. official, said: “It’s over” -- and left (quietly) after the \
                vote of the city council on the budget, officials said on Friday.";
    let mut toks = Vec::new();
    tokenize(text, Span::new(0, text.len()), &mut toks);
    assert!(toks.len() > 30);
    let mut found = 0;
    for step in 1..=9 {
        for width in 1..=3 {
            let mut at = 0;
            for i in (0..toks.len()).step_by(step) {
                let last = toks[(i + width - 1).min(toks.len() - 1)];
                for s in [
                    Span::new(toks[i].span.start, last.span.end),
                    Span::new(toks[i].span.start + 1, last.span.end),
                ] {
                    let want = range(&toks, s);
                    assert_eq!(range_from(&toks, s, &mut at), want, "{s:?} {step}");
                    found += usize::from(want.is_some());
                }
            }
        }
    }
    assert!(found > 200, "{found}");
}

/// Each ending's masked comparison of [`probe`] is its separate tests, for every length, first
/// character's flags and last bytes near its key.
#[test]
fn probe_is_the_separate_tests() {
    let curly = u32::from_be_bytes([0xE2, 0x80, 0x99, b's']);
    let mut tails: Vec<u32> = ENDINGS.iter().map(|e| e.key).chain([curly, 0]).collect();
    let near: Vec<u32> = tails
        .iter()
        .flat_map(|&t| (0..32).map(move |bit| t ^ (1 << bit)))
        .collect();
    tails.extend(near);
    let mut rng = crate::testrng::Rng::new(0x2f1b_9d3a_77c4_0e61);
    tails.extend((0..2000).map(|_| rng.below(1 << 32) as u32));
    let mut found = 0;
    for &tail in &tails {
        for n in 1..=12 {
            for flags in [0, CAP, DIGIT, CAP | DIGIT, SOURCE_NOUN, CAP | UNCASED] {
                let e = &ENDINGS[(tail & 0x1F) as usize];
                let want = (tail & e.mask == e.key)
                    && n >= e.min
                    && flags & e.forbid == 0
                    && flags & e.need == e.need;
                let (key, mask, flag) = PROBES[(tail & 0x1F) as usize];
                let p = probe(tail, n, flags);
                assert_eq!(p & mask == key, want, "{tail:#x} {n} {flags:#x}");
                assert_eq!(flag, e.flag);
                let want_curly = tail == curly && n >= 4;
                assert_eq!(p & CURLY.1 == CURLY.0, want_curly, "{tail:#x} {n}");
                // (and the one lookup of the word's ending)
                let flag_of = |want: bool, f: u32| if want { f } else { 0 };
                assert_eq!(
                    ending_flag(tail, n, flags),
                    flag_of(want, e.flag) | flag_of(want_curly, POSSESSIVE),
                    "{tail:#x} {n} {flags:#x}"
                );
                found += usize::from(want) + usize::from(want_curly);
            }
        }
    }
    assert!(found > 100, "{found}");
}

/// Every ASCII byte, alone and between words, with and without spaces, makes the reference's
/// tokens (the marks of [`MARK`] skip the general path).
#[test]
fn every_ascii_byte_matches_the_reference() {
    let mut total = 0;
    for b in 0..128u8 {
        let c = char::from(b);
        for text in [format!("x{c} {c}y{c}"), format!("{c}{c}s{c} 's{c}")] {
            total += every_span_matches(&text);
        }
    }
    assert!(total > 5000, "{total}");
}
