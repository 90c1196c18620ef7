//! The lexicon against the search it replaces (an overlapping ASCII-case-insensitive automaton
//! and a boundary test at both ends), on generated texts full of the awkward cases.

use super::*;

use crate::testrng::Rng;

const ENTRIES: &[&str] = &[
    "said",
    "Said",
    "said",
    "says",
    "according to",
    "according to the",
    "it's",
    "it’s",
    "u.s",
    "u.s.",
    "'s",
    "’s",
    "d-calif",
    "a source",
    "sources said",
    "é",
    "ünter",
    "x&y",
    "told",
    "told reporters",
    "-",
    ".",
    "o'clock",
    "non\u{2011}stop",
    "2",
    "10,000",
    "北京",
    "he said:",
    " said",
    "is said to",
    "is  said",
    "said, he",
    "u.s. officials",
    "is",
    "is reported",
    "it’s said",
    "d-calif said",
];

const PIECES: &[&str] = &[
    "said",
    "SAID",
    "Said",
    "says",
    "according",
    "to",
    "the",
    "it",
    "'",
    "’",
    "s",
    "u",
    ".",
    "S",
    "-",
    "d",
    "Calif",
    "a",
    "source",
    "sources",
    "é",
    "É",
    "ünter",
    "x",
    "&",
    "y",
    "told",
    "reporters",
    "o",
    "clock",
    "non",
    "\u{2011}",
    "stop",
    "2",
    "10",
    ",",
    "000",
    "北京",
    "he",
    ":",
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "“",
    "”",
    "\"",
    "(",
    ")",
    "—",
    "a1",
    "ǅx",
    "İ",
    "is",
    "officials",
    "reported",
    " is ",
    "is said",
    "Is said to",
    "According to the",
    "TOLD reporters",
    "U.S. officials",
    "sources said",
    "said, he",
    "D-Calif said",
    "it’s said",
    "is  said",
];

fn reference(
    entries: &[&str],
    scheme: Scheme,
    text: &str,
    starts: Range<usize>,
) -> Vec<(usize, usize, u32)> {
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(entries)
        .unwrap();
    let mut out: Vec<(usize, usize, u32)> = ac
        .find_overlapping_iter(text)
        .filter(|m| starts.contains(&m.start()))
        .filter(|m| scheme.is_boundary(text, m.start()) && scheme.is_boundary(text, m.end()))
        .map(|m| (m.start(), m.end(), m.pattern().as_u32()))
        .collect();
    out.sort_by_key(|&(s, e, id)| (s, std::cmp::Reverse(e), id));
    out
}

fn got(lex: &Lexicon, text: &str, starts: Range<usize>) -> Vec<(usize, usize, u32)> {
    let mut v = Vec::new();
    lex.scan(text, starts, |s, e, id| v.push((s, e, id)));
    v
}

/// [`scan_pair_ends`] of `first` (from `from`) and `second` (whole text) over `text`, checked against
/// each lexicon's own scan (and the word ends it finds against the ends of the text's joined
/// words); the number of matches of each.
fn checked_pair(first: &Lexicon, from: usize, second: &Lexicon, text: &str) -> (usize, usize) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let ends = scan_pair_ends(
        first,
        from,
        second,
        text,
        |s, e, id| a.push((s, e, id)),
        |s, e, id| b.push((s, e, id)),
    );
    assert_eq!(a, got(first, text, from..text.len()), "{text:?} {from}");
    assert_eq!(b, got(second, text, 0..text.len()), "{text:?}");
    let mut want = WordEnds::for_text(text.len());
    for w in Words::new(text, 0, Scheme::Joined) {
        want.set(w.end);
    }
    // (lexicons that are not a joined and a plain one are scanned each on its own)
    let pair = first.scheme == Scheme::Joined && second.scheme == Scheme::Plain;
    assert_eq!(ends, pair.then_some(want), "{text:?}");
    (a.len(), b.len())
}

fn random_text(rng: &mut Rng, pieces: usize) -> String {
    (0..pieces)
        .map(|_| PIECES[rng.below(PIECES.len())])
        .collect()
}

#[test]
fn equals_the_automaton_search() {
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    for scheme in [Scheme::Joined, Scheme::Plain] {
        let lex = Lexicon::new(ENTRIES, scheme);
        let (mut total, mut phrases) = (0, 0);
        for round in 0..3000 {
            let text = random_text(&mut rng, 1 + round % 80);
            let whole = 0..text.len();
            let want = reference(ENTRIES, scheme, &text, whole.clone());
            total += want.len();
            phrases += want
                .iter()
                .filter(|h| ENTRIES[h.2 as usize].trim().contains(' '))
                .count();
            assert_eq!(got(&lex, &text, whole), want, "{scheme:?} {text:?}");
            // a window, its edges anywhere (also inside words and characters)
            let a = rng.below(text.len() + 1);
            let b = a + rng.below(text.len() + 1 - a);
            let want = reference(ENTRIES, scheme, &text, a..b);
            assert_eq!(got(&lex, &text, a..b), want, "{scheme:?} {text:?} {a}..{b}");
        }
        assert!(total > 5_000 && phrases > 300, "{total} {phrases}");
    }
}

#[test]
fn without_odd_entries_and_empty() {
    let lex = Lexicon::new(&["said", "told reporters"], Scheme::Joined);
    assert!(lex.odd.is_empty());
    let text = "She SAID it, and told  reporters; told reporters-said.";
    assert_eq!(
        got(&lex, text, 0..text.len()),
        reference(
            &["said", "told reporters"],
            Scheme::Joined,
            text,
            0..text.len()
        )
    );
    let none: [&str; 0] = [];
    let lex = Lexicon::new(&none, Scheme::Plain);
    assert!(got(&lex, text, 0..text.len()).is_empty());
    assert!(got(&lex, "", 0..0).is_empty());
}

/// The words the lexicon walks are exactly the runs between the boundaries the matchers use.
#[test]
fn words_follow_the_boundary_rules() {
    let mut rng = Rng::new(42);
    for scheme in [Scheme::Joined, Scheme::Plain] {
        for round in 0..2000 {
            let text = random_text(&mut rng, 1 + round % 30);
            let alnum = |i: usize| {
                text.get(i..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_alphanumeric)
            };
            let alnum_before = |i: usize| {
                text.get(..i)
                    .and_then(|r| r.chars().next_back())
                    .is_some_and(char::is_alphanumeric)
            };
            let mut starts = Vec::new();
            let mut ends = Vec::new();
            for i in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                if scheme.is_boundary(&text, i) {
                    if alnum(i) {
                        starts.push(i);
                    }
                    if alnum_before(i) {
                        ends.push(i);
                    }
                }
            }
            let words: Vec<Word> = Words::new(&text, 0, scheme).collect();
            let ws: Vec<usize> = words.iter().map(|w| w.start).collect();
            let we: Vec<usize> = words.iter().map(|w| w.end).collect();
            assert_eq!(ws, starts, "{scheme:?} {text:?}");
            assert_eq!(we, ends, "{scheme:?} {text:?}");
            for w in &words {
                // the same alone and in upper case (read from a string that ends with it)
                let alone = text.as_bytes()[w.start..w.end].to_ascii_uppercase();
                assert_eq!((w.hash, w.head), hash::hash(&alone, 0, alone.len()));
            }
        }
    }
}

/// The table test is the standard one.
#[test]
fn is_alnum_is_is_alphanumeric() {
    let chars = (0..0x1_0000u32).chain((0x1_0000..0x11_0000).step_by(97));
    for c in chars.filter_map(char::from_u32) {
        assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?} (cached)");
    }
}

/// The table case tests are the standard ones.
#[test]
fn cached_case_tests_are_the_standard_ones() {
    let chars = (0..0x1_0000u32).chain((0x1_0000..0x11_0000).step_by(89));
    for c in chars.filter_map(char::from_u32) {
        let uncased = c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase();
        for _ in 0..2 {
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_uncased(c), uncased, "{c:?}");
        }
    }
}

/// One walk for a joined and a plain lexicon finds what their own scans find, from any start
/// for the joined one (also inside words and characters).
#[test]
fn pair_equals_the_two_scans() {
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    let joined = Lexicon::new(ENTRIES, Scheme::Joined);
    // the plain lexicon with other entries, and ids that differ
    let plain_entries: Vec<&str> = ENTRIES.iter().rev().copied().collect();
    let plain = Lexicon::new(&plain_entries, Scheme::Plain);
    let (mut total, mut long) = (0, 0);
    for round in 0..3000 {
        // long texts too: more words than one round of the walk reads ahead
        let pieces = if round % 50 == 0 {
            2000
        } else {
            1 + round % 80
        };
        let text = random_text(&mut rng, pieces);
        let from = if round % 3 == 0 {
            0
        } else {
            rng.below(text.len() + 1)
        };
        let (nj, np) = checked_pair(&joined, from, &plain, &text);
        total += nj + np;
        if pieces == 2000 {
            long += nj;
        }
    }
    assert!(total > 20_000 && long > 1000, "{total} {long}");
    // lexicons of other schemes: each scanned on its own
    checked_pair(
        &plain,
        3,
        &joined,
        "it's said, according to the U.S. report",
    );
}

/// An entry repeated more often than a table slot counts the entries ending at its node: every
/// copy is still found, in order of id, and the entries after it too.
#[test]
fn more_copies_than_a_slot_counts() {
    let mut entries = vec!["said"; 70_000];
    entries.push("told");
    entries.push("said so");
    let lex = Lexicon::new(&entries, Scheme::Plain);
    let text = "he said so and told";
    let found = got(&lex, text, 0..text.len());
    assert_eq!(found.len(), 70_002);
    assert_eq!(found[0], (3, 10, 70_001));
    assert!(found[1..70_001]
        .iter()
        .enumerate()
        .all(|(k, &h)| h == (3, 7, k as u32)));
    assert_eq!(found[70_001], (15, 19, 70_000));
}

/// Joined words that run over more plain words than one round of the pair walk reads, at every
/// place in the text: the pair walk still finds what the two scans find.
#[test]
fn pair_with_joined_words_longer_than_a_round() {
    let joined = Lexicon::new(ENTRIES, Scheme::Joined);
    let plain = Lexicon::new(ENTRIES, Scheme::Plain);
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    for round in 0..40 {
        let chain: String = (0..200 + round * 7)
            .map(|k| ["d-", "it'", "u.", "x&", "non\u{2011}"][k % 5])
            .collect();
        let text = format!(
            "{} said {chain}said {} told reporters {chain}s",
            random_text(&mut rng, 300),
            random_text(&mut rng, 300)
        );
        let from = if round % 2 == 0 {
            0
        } else {
            rng.below(text.len() + 1)
        };
        checked_pair(&joined, from, &plain, &text);
    }
}

/// A lexicon with a few odd entries (searched by their rarest bytes, not an automaton) finds
/// what the automaton search finds: overlapping, repeated and non-ASCII odd entries, in both
/// schemes, on whole texts and windows.
#[test]
fn few_odd_entries_equal_the_automaton_search() {
    let odd_sets: [&[&str]; 6] = [
        &["read more:", "%"],
        &["u.s.", "’s", "-", " said"],
        &["'s", "'s", "."],
        &["he said:"],
        &["-", "--", "U.S.", "it's"],
        &["é.", "北京,", "x&", "&y"],
    ];
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    let mut total = 0;
    for odd in odd_sets {
        let mut entries: Vec<&str> =
            ["said", "told reporters", "according to", "U.S", "read more"].to_vec();
        entries.extend_from_slice(odd);
        for scheme in [Scheme::Joined, Scheme::Plain] {
            let lex = Lexicon::new(&entries, scheme);
            assert!(lex.odd_bytes.is_some(), "{odd:?}");
            for round in 0..400 {
                let mut text = random_text(&mut rng, 1 + round % 60);
                if round % 3 == 0 {
                    text.push_str(" READ MORE: 40% of U.S.-- Read more:said%%");
                }
                let whole = 0..text.len();
                let want = reference(&entries, scheme, &text, whole.clone());
                total += want.len();
                assert_eq!(got(&lex, &text, whole), want, "{scheme:?} {text:?}");
                let a = rng.below(text.len() + 1);
                let b = a + rng.below(text.len() + 1 - a);
                let want = reference(&entries, scheme, &text, a..b);
                assert_eq!(got(&lex, &text, a..b), want, "{scheme:?} {text:?} {a}..{b}");
            }
        }
    }
    assert!(total > 10_000, "{total}");
    // many odd entries, or an empty one: the automaton
    assert!(Lexicon::new(ENTRIES, Scheme::Plain).odd_bytes.is_none());
    assert!(Lexicon::new(&["said", ""], Scheme::Plain)
        .odd_bytes
        .is_none());
}

/// Words of nine to sixteen bytes (their last bytes compared eight at a time) and longer ones:
/// found in any ASCII case, not when a byte after the eighth differs, in both schemes.
#[test]
fn long_words_compare_every_byte() {
    let entries = [
        "according",
        "reportedly",
        "spokeswoman-said",
        "unconfirmed",
        "acknowledgement",
        "acknowledgements",
        "internationalisation",
        "well-informed sources",
        "o'clock-tower",
    ];
    let mut rng = Rng::new(0x6a09_e667_f3bc_c908);
    let mut total = 0;
    for scheme in [Scheme::Joined, Scheme::Plain] {
        let lex = Lexicon::new(&entries, scheme);
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..12 {
                let e = entries[rng.below(entries.len())];
                let mut w: Vec<u8> = e.bytes().collect();
                let k = rng.below(w.len());
                match rng.below(4) {
                    0 => w[k] = w[k].to_ascii_uppercase(),
                    1 if w[k].is_ascii_lowercase() => {
                        w[k] = if w[k] == b'z' { b'a' } else { w[k] + 1 }
                    }
                    2 => w.iter_mut().for_each(|b| *b = b.to_ascii_uppercase()),
                    _ => {}
                }
                text.push_str(std::str::from_utf8(&w).unwrap());
                text.push_str([" ", ", ", "é ", "\n"][rng.below(4)]);
            }
            let want = reference(&entries, scheme, &text, 0..text.len());
            total += want.len();
            assert_eq!(got(&lex, &text, 0..text.len()), want, "{scheme:?} {text:?}");
        }
    }
    assert!(total > 3000, "{total}");
}

/// [`trie::same_word`] is equality ignoring ASCII case for words whose heads agree: words of
/// letters, digits and joiners of every length around the eight-byte steps, with bytes after
/// the eighth changed, their case flipped, or outside ASCII.
#[test]
fn same_word_is_equality_ignoring_case() {
    let alphabet = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.'&";
    let mut rng = Rng::new(0xbb67_ae85_84ca_a73b);
    let (mut equal, mut differ) = (0, 0);
    for _ in 0..200_000 {
        let n = 1 + rng.below(20);
        let entry: Vec<u8> = (0..n)
            .map(|_| rng.pick(alphabet).to_ascii_lowercase())
            .collect();
        let mut word = entry.clone();
        for _ in 0..rng.below(3) {
            let k = rng.below(n);
            match rng.below(3) {
                0 => word[k] = word[k].to_ascii_uppercase(),
                1 => word[k] = rng.pick(alphabet),
                _ => {
                    // a letter outside ASCII in place of two bytes
                    if k + 1 < n {
                        word[k] = 0xc3;
                        word[k + 1] = 0xa9;
                    }
                }
            }
        }
        let mut text = b"x ".to_vec();
        text.extend_from_slice(&word);
        text.extend_from_slice(b" and more text");
        let text = String::from_utf8_lossy(&text).into_owned();
        let t = text.as_bytes();
        let end = 2 + word.len().min(t.len() - 2);
        let (hash, head) = super::hash::hash(t, 2, end);
        let w = Word {
            start: 2,
            end,
            hash,
            head,
        };
        let (_, entry_head) = super::hash::hash(&entry, 0, entry.len());
        if entry_head != head {
            continue;
        }
        let want = entry.eq_ignore_ascii_case(&t[2..end]);
        assert_eq!(trie::same_word(&entry, t, &w), want, "{entry:?} {text:?}");
        if want {
            equal += 1
        } else {
            differ += 1
        }
    }
    assert!(equal > 10_000 && differ > 10_000, "{equal} {differ}");
}

/// A joined lexicon of more first words than a fixed-size first-word table holds: the pair
/// walk tests words with the lexicon's own table and still finds what the two scans find.
#[test]
fn pair_with_a_large_lexicon() {
    let mut entries: Vec<String> = ENTRIES.iter().map(|e| e.to_string()).collect();
    entries.extend((0..5000).map(|k| format!("w{k} said")));
    let joined = Lexicon::new(&entries, Scheme::Joined);
    let plain = Lexicon::new(ENTRIES, Scheme::Plain);
    assert!(joined.trie.starts_fixed().is_none() && plain.trie.starts_fixed().is_some());
    let mut rng = Rng::new(0x5851_f42d_4c95_7f2d);
    for round in 0..300 {
        let mut text = random_text(&mut rng, 1 + round % 80);
        text.push_str(&format!(" w{} said W{} SAID ", round * 7, round * 13));
        text.push_str(&random_text(&mut rng, 1 + round % 30));
        let from = if round % 2 == 0 {
            0
        } else {
            rng.below(text.len() + 1)
        };
        checked_pair(&joined, from, &plain, &text);
    }
}

/// Entries of long words (65,535 bytes and more), long gaps between words (255 bytes and
/// more) and many copies (62 to 64): found as the automaton search finds them, and words and
/// gaps a byte longer or shorter in the text match none of them.
#[test]
fn long_words_long_gaps_and_copies() {
    let word = |n: usize| "ab".repeat(n / 2 + 1)[..n].to_string();
    let mut owned: Vec<String> = Vec::new();
    for n in [65_534, 65_535, 65_536, 70_001] {
        owned.push(word(n));
        owned.push(format!("said {}", word(n)));
    }
    for n in [8, 9, 254, 255, 256, 300] {
        owned.push(format!("said{}so", " ".repeat(n)));
        owned.push(format!("said,{}so", " ".repeat(n)));
    }
    for (k, n) in [(0, 62), (1, 63), (2, 64)] {
        owned.extend((0..n).map(|_| format!("copy{k}")));
    }
    let entries: Vec<&str> = owned.iter().map(String::as_str).collect();
    let mut texts = Vec::new();
    for n in [
        65_533, 65_534, 65_535, 65_536, 65_537, 70_000, 70_001, 70_002,
    ] {
        texts.push(format!("x {} said {} y", word(n), word(n).to_uppercase()));
    }
    for n in [7, 8, 9, 10, 253, 254, 255, 256, 257, 299, 300, 301] {
        let gap = " ".repeat(n);
        texts.push(format!("he said{gap}so, SAID,{gap}So and said{gap}x"));
    }
    texts.push("copy0 copy1, COPY2 copy1copy2 copy2".to_string());
    let mut total = 0;
    for scheme in [Scheme::Plain, Scheme::Joined] {
        let lex = Lexicon::new(&entries, scheme);
        for text in &texts {
            let want = reference(&entries, scheme, text, 0..text.len());
            total += want.len();
            assert_eq!(got(&lex, text, 0..text.len()), want, "{scheme:?}");
        }
    }
    assert!(total > 500, "{total}");
}

/// A first word whose hash agrees with an entry's (a hash collision, forged here) is the entry
/// only when all its bytes are, ASCII case ignored: words of nine to sixteen bytes are compared
/// by their heads and the bytes after the eighth that the table slot keeps, longer ones and
/// ones outside ASCII by the node's word.
#[test]
fn first_words_with_the_hash_of_an_entry() {
    let entries = [
        "according",
        "reportedly",
        "acknowledgements",
        "internationalisation",
        "o'clock-tower",
        "caf\u{e9}-society",
    ];
    let mut rng = Rng::new(0x3c6e_f372_fe94_f82b);
    let (mut same, mut other) = (0, 0);
    for scheme in [Scheme::Joined, Scheme::Plain] {
        let lex = Lexicon::new(&entries, scheme);
        for e in entries {
            if Words::at(e, 0, scheme).nth(1).is_some() {
                // (two words under this scheme: not one first word)
                continue;
            }
            let (hash, _) = hash::hash(e.as_bytes(), 0, e.len());
            for _ in 0..200 {
                let mut w: Vec<u8> = e.bytes().collect();
                // a byte after the eighth (or any) changed, its case flipped, or all upper case
                let k = if rng.below(2) == 0 {
                    8 + rng.below(w.len() - 8)
                } else {
                    rng.below(w.len())
                };
                match rng.below(4) {
                    0 => w[k] = w[k].to_ascii_uppercase(),
                    1 if w[k].is_ascii_alphabetic() => {
                        w[k] = if w[k] == b'z' { b'a' } else { w[k] + 1 }
                    }
                    2 => w.iter_mut().for_each(|b| *b = b.to_ascii_uppercase()),
                    _ if w[k].is_ascii_alphanumeric() => w[k] = b'0' + (w[k] % 10),
                    _ => {}
                }
                let Ok(text) = String::from_utf8(w) else {
                    continue;
                };
                let word = Word {
                    start: 0,
                    end: text.len(),
                    hash,
                    head: hash::hash(text.as_bytes(), 0, text.len()).1,
                };
                let want = text.eq_ignore_ascii_case(e);
                let found = lex.trie.child(0, &text, 0, &word).is_some();
                assert_eq!(found, want, "{scheme:?} {e:?} {text:?}");
                if want {
                    same += 1;
                } else {
                    other += 1;
                }
            }
        }
    }
    assert!(same > 300 && other > 300, "{same} {other}");
}

/// The pair walk's reader of plain words (the quick path of ASCII words, [`words::plain_quick`],
/// and where it stops, [`words::plain_wide`]) reads the words the iterator reads, and its joiner
/// test ([`words::joins_after`]) is [`words::joins_at`], at every position of random texts of
/// the awkward pieces and ASCII words of every length up to twenty letters.
#[test]
fn quick_plain_reader_is_the_iterator() {
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    let (mut quick, mut slow) = (0, 0);
    for round in 0..3000 {
        let mut text = String::new();
        for _ in 0..1 + round % 40 {
            if rng.below(3) == 0 {
                let letters = b"abcXYZ0189";
                for _ in 0..1 + rng.below(20) {
                    text.push(char::from(letters[rng.below(letters.len())]));
                }
            } else {
                text.push_str(PIECES[rng.below(PIECES.len())]);
            }
        }
        let bytes = text.as_bytes();
        let mut got = Vec::new();
        let mut pos = 0;
        loop {
            if let Some(w) = words::plain_quick(bytes, &mut pos) {
                quick += 1;
                got.push(w);
                continue;
            }
            let Some((w, after)) = words::plain_wide(&text, pos) else {
                break;
            };
            slow += 1;
            got.push(w);
            pos = after;
        }
        let want: Vec<Word> = Words::new(&text, 0, Scheme::Plain).collect();
        assert_eq!(got, want, "{text:?}");
        // the quick path is the one through `quick_word` from every byte (also past the end)
        for i in 0..=text.len() + 1 {
            let (mut a, mut b) = (i, i);
            let (x, y) = (
                words::plain_quick(bytes, &mut a),
                words::plain_quick_ref(bytes, &mut b),
            );
            assert_eq!((x, a), (y, b), "{text:?} {i}");
        }
        for i in 0..=text.len() + 1 {
            assert_eq!(
                words::joins_after(&text, i),
                words::joins_at(&text, i).is_some(),
                "{text:?} {i}"
            );
        }
    }
    // (both paths taken, many times)
    assert!(quick > 5_000 && slow > 5_000, "{quick} {slow}");
}

/// Pieces of texts that mix scripts: ASCII words, Devanagari (vowel signs are letters, the
/// virama and the nukta are not), Cyrillic, Greek, accented Latin, CJK, Arabic, digits of
/// other scripts, characters of four bytes (a letter and an emoji), curly quotation marks,
/// dashes, the hyphen, the no-break hyphen and space, a zero-width joiner and ASCII punctuation.
const SCRIPTS: &[&str] = &[
    "said",
    "Reuters",
    "abcdefghijklmnopq",
    "x",
    "7",
    "2024",
    "किया",
    "है",
    "प्रधानमंत्री",
    "क़",
    "्",
    "ा",
    "ं",
    "।",
    "०१२",
    "Москва",
    "е",
    "Ωμέγα",
    "é",
    "ñandú",
    "Ünter",
    "北京",
    "市",
    "مرحبا",
    "٣",
    "𝐀",
    "𐍈",
    "😀",
    "\u{201c}",
    "\u{201d}",
    "\u{2019}",
    "\u{2018}",
    "\u{2014}",
    "\u{2013}",
    "\u{2011}",
    "\u{2010}",
    "\u{a0}",
    "\u{200d}",
    "\u{feff}",
    " ",
    " ",
    ".",
    ",",
    "'",
    "-",
    "&",
    "\n",
    "\"",
    "(",
];

/// The reader of the pair walk's slow path ([`words::plain_wide`]) gives the word and position
/// that the iterator gives ([`words::plain_slow`]) from every byte of random texts that mix
/// scripts, the positions inside characters included; and the walk's joiner test
/// ([`words::joins_after`]) is [`words::joins_at`] there.
#[test]
fn wide_reader_is_the_iterator() {
    let mut rng = Rng::new(0x6a09_e667_f3bc_c908);
    let (mut wide, mut none) = (0, 0);
    for round in 0..4000 {
        let mut text = String::new();
        for _ in 0..1 + round % 30 {
            text.push_str(SCRIPTS[rng.below(SCRIPTS.len())]);
        }
        for pos in 0..=text.len() + 1 {
            let got = words::plain_wide(&text, pos);
            assert_eq!(got, words::plain_slow(&text, pos), "{text:?} {pos}");
            assert_eq!(
                words::joins_after(&text, pos),
                words::joins_at(&text, pos).is_some(),
                "{text:?} {pos}"
            );
            match got {
                Some((w, _)) if !text.as_bytes()[w.start].is_ascii() => wide += 1,
                Some(_) => {}
                None => none += 1,
            }
        }
    }
    // (words that start outside ASCII, many times, and ends of texts)
    assert!(wide > 50_000 && none > 4_000, "{wide} {none}");
}
