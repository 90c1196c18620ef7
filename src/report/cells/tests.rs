//! Tests of the display columns: the fast paths and checkpoints against the grapheme segmenter.

use super::*;
use proptest::prelude::*;

/// Pieces that put checkpoints inside multi-byte characters and grapheme clusters: accents,
/// wide characters, emoji joined by U+200D and with skin tones, flags (regional indicator
/// pairs, and odd runs of them), Hangul jamo, Devanagari conjuncts, tabs, control and
/// zero-width characters, CR and LF.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "a",
        "said ",
        " ",
        "é",
        "e\u{301}",
        "\u{301}",
        "\u{301}\u{302}\u{303}",
        "北京",
        "😀",
        "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}",
        "\u{1F44D}\u{1F3FD}",
        "\u{200D}",
        "\u{1F1FA}",
        "\u{1F1FA}\u{1F1F8}",
        "\u{1100}\u{1161}\u{11A8}",
        "\u{915}\u{94D}\u{937}",
        "\t",
        "\u{7}",
        "\u{1B}[1m",
        "\u{200B}",
        "\u{FEFF}",
        "\r",
        "\n",
        "\r\n",
    ])
}

/// The straightforward computation: every cluster from the line start.
fn naive(line: &str) -> Vec<(usize, &str, usize)> {
    cells(line).collect()
}

/// Every cluster from the segmenter alone, as [`Cells`] read before its ASCII fast path.
fn segmented(line: &str, m: Mark) -> Vec<(usize, &str, usize)> {
    let mut col = m.col;
    line.get(m.byte..)
        .unwrap_or_default()
        .grapheme_indices(true)
        .map(|(i, g)| {
            let c = col;
            col += shown(g, c).1;
            (m.byte + i, g, c)
        })
        .collect()
}

/// Pieces of ASCII next to what joins to ASCII: combining marks, U+200D, variation
/// selectors, CR before LF, and controls.
fn mixed() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "a",
        "b ",
        "~",
        " ",
        "\t",
        "\r",
        "\n",
        "\u{7f}",
        "\u{0}",
        "\u{301}",
        "\u{200D}",
        "\u{FE0F}",
        "\u{1F469}",
        "\u{1F1FA}",
        "é",
        "北",
        "\u{915}\u{94D}",
        "\u{1F3FD}",
        "\u{AD}",
        "\u{600}",
        "\u{110BD}",
        "—",
        "’",
        "“",
        "\u{200B}",
        "\u{2028}",
    ])
}

/// After a printable ASCII character, every character [`starts_cluster`] accepts begins a
/// new cluster, and the test accepts exactly the ranges it names.
#[test]
fn characters_that_start_clusters_do_after_ascii() {
    let named = |c: u32| {
        (0xA0..=0x2FF).contains(&c)
            || (0x2010..=0x2027).contains(&c)
            || (0x2030..=0x205E).contains(&c)
    };
    let mut s = String::new();
    for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
        s.clear();
        s.push('a');
        s.push(c);
        s.push('b');
        let accepted = starts_cluster(s.as_bytes(), 1, s.as_bytes()[1]);
        assert_eq!(accepted, named(u32::from(c)), "{c:?}");
        if accepted {
            assert_eq!(s.graphemes(true).next(), Some("a"), "{c:?}");
            assert_eq!(cells(&s).next(), Some((0, "a", 0)), "{c:?}");
        }
    }
    for b in 0..0x80u8 {
        assert!(starts_cluster(&[b], 0, b));
    }
}

/// Every character outside ASCII that is not a prepended mark ends its cluster before
/// ASCII and at the end of a line, so the fast path for one such character gives what the
/// segmenter gives; prepended marks join what follows (so they take the segmenter).
#[test]
fn one_wide_character_before_ascii_is_a_cluster_of_its_own() {
    let mut s = String::new();
    for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
        for next in ["", "a", " ", "\t", "\n", "."] {
            s.clear();
            s.push(c);
            s.push_str(next);
            let first = s.graphemes(true).next().unwrap_or_default();
            assert_eq!(
                first.len() == c.len_utf8(),
                !is_prepend(c) || next.is_empty() || next == "\t" || next == "\n",
                "{c:?} {next:?}"
            );
            if !is_prepend(c) {
                assert_eq!(cells(&s).next(), Some((0, first, 0)), "{c:?} {next:?}");
            }
        }
    }
}

proptest! {
    /// The ASCII fast path gives the segmenter's clusters and columns, from any boundary.
    #[test]
    fn the_ascii_fast_path_gives_the_segmenters_clusters(
        pieces in prop::collection::vec(prop_oneof![piece(), mixed()], 0..80),
    ) {
        let line: String = pieces.concat();
        let all = segmented(&line, Mark { byte: 0, col: 0 });
        prop_assert_eq!(naive(&line), all.clone());
        for (byte, _, col) in all.iter().step_by(3) {
            let m = Mark { byte: *byte, col: *col + 5 };
            prop_assert_eq!(from_mark(&line, m).collect::<Vec<_>>(), segmented(&line, m));
        }
    }
}

proptest! {
    /// Columns and characters read from the checkpoints equal reading the line from its
    /// start, at every byte and every column.
    #[test]
    fn checkpoints_agree_with_reading_from_the_line_start(
        pieces in prop::collection::vec(piece(), 0..300),
    ) {
        let line: String = pieces.concat();
        let lc = LineCells::new(&line);
        let all = naive(&line);
        let width = all.last().map_or(0, |(_, g, c)| c + shown(g, *c).1);
        prop_assert_eq!(lc.width(), width);
        for m in &lc.marks {
            // every checkpoint is a cluster boundary of the whole line, at its column
            prop_assert!(all.iter().any(|(b, _, c)| *b == m.byte && *c == m.col) || m.byte == 0);
        }
        // the column of the first character at or after each byte
        let mut k = 0;
        for at in 0..=line.len() + 1 {
            while all.get(k).is_some_and(|(b, _, _)| *b < at) {
                k += 1;
            }
            let want = all.get(k).map_or(width, |(_, _, c)| *c);
            prop_assert_eq!(lc.col_at(&line, at), want, "byte {}", at);
            if at % 17 == 0 || at + 1 >= line.len() {
                let (built, cols) = LineCells::new_with(&line, [at, at / 2]);
                prop_assert_eq!(&built, &lc);
                prop_assert_eq!(cols, [want, lc.col_at(&line, at / 2)]);
            }
        }
        for col in 0..=width + 1 {
            let tail: Vec<_> = lc.cells_from_col(&line, col).collect();
            // a suffix of the whole line's characters that holds all from `col` on
            prop_assert!(all.ends_with(&tail), "col {}", col);
            let from_col = all.iter().filter(|(_, _, c)| *c >= col).count();
            prop_assert!(tail.iter().filter(|(_, _, c)| *c >= col).count() == from_col);
            if let Some((_, _, c)) = tail.first() {
                prop_assert!(*c < col || tail.len() == all.len());
            }
        }
    }
}

proptest! {
    /// Segmenting a line from any of its cluster boundaries gives the rest of the whole
    /// line's clusters, at the same columns (what the checkpoints rely on).
    #[test]
    fn reading_on_from_any_boundary_gives_the_same_clusters(
        pieces in prop::collection::vec(piece(), 0..60),
    ) {
        let line: String = pieces.concat();
        let all = naive(&line);
        for (i, (byte, _, col)) in all.iter().enumerate() {
            let rest: Vec<_> = from_mark(&line, Mark { byte: *byte, col: *col }).collect();
            prop_assert_eq!(&rest[..], &all[i..], "from byte {}", byte);
        }
    }
}

#[test]
fn printable_prefixes_end_at_the_first_other_byte() {
    // every byte value at every position of a word and of the tail, after printable ones
    for len in [1, 7, 8, 9, 16, 21] {
        for at in 0..len {
            for b in 0..=255u8 {
                let mut bytes = vec![b'~'; len];
                bytes[at] = b;
                let want = bytes
                    .iter()
                    .position(|c| !(0x20..0x7f).contains(c))
                    .unwrap_or(len);
                assert_eq!(printable_prefix(&bytes), want, "{len} {at} {b:#x}");
            }
        }
    }
}

#[test]
fn width_rules() {
    assert_eq!(shown("\t", 0), ("    ", 4));
    assert_eq!(shown("\t", 5), ("   ", 3));
    assert_eq!(shown("\u{7}", 0), (" ", 1));
    assert_eq!(shown("\r\n", 0), (" ", 1));
    assert_eq!(shown("北", 0), ("北", 2));
    assert_eq!(shown("e\u{301}", 0), ("e\u{301}", 1));
    // every ASCII character alone: printable ones as the width table gives them
    for b in 0u8..0x80 {
        let g = char::from(b).to_string();
        let want = if b == b'\t' {
            ("    ", 4)
        } else if b < 0x20 || b == 0x7f {
            (" ", 1)
        } else {
            (g.as_str(), g.width())
        };
        assert_eq!(shown(&g, 0), want, "{b:#x}");
    }
}
