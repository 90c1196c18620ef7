//! Property tests of the segmenter over arbitrary strings and Markdown-ish text.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use std::path::PathBuf;
use whosaid::input::{markdown, plain};
use whosaid::segment::segment;
use whosaid::Document;

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn check(d: &Document) -> Result<(), TestCaseError> {
    let seg = segment(d);
    let text = &d.text;
    // blocks ordered, disjoint, on char boundaries
    let mut prev_end = 0;
    for b in &d.blocks {
        prop_assert!(
            b.span.start >= prev_end && b.span.start <= b.span.end && b.span.end <= text.len()
        );
        prop_assert!(text.is_char_boundary(b.span.start) && text.is_char_boundary(b.span.end));
        prev_end = b.span.end;
    }
    // sentences ordered, non-overlapping, trimmed, inside their block
    let mut prev_end = 0;
    let mut covered = vec![0u8; text.len()];
    for s in &seg.sentences {
        let sp = s.span;
        prop_assert!(sp.start >= prev_end, "overlap at {:?}", sp);
        prop_assert!(sp.start < sp.end && sp.end <= text.len());
        prop_assert!(text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end));
        let block = d
            .blocks
            .get(s.block)
            .ok_or_else(|| TestCaseError::fail("bad block index"))?;
        prop_assert!(
            block.span.contains(sp),
            "sentence {:?} outside block {:?}",
            sp,
            block.span
        );
        let body = &text[sp.start..sp.end];
        prop_assert!(
            !body.starts_with(is_space) && !body.ends_with(is_space),
            "untrimmed {:?}",
            body
        );
        for c in covered.iter_mut().take(sp.end).skip(sp.start) {
            *c += 1;
        }
        prev_end = sp.end;
    }
    // layout (dot leaders, separator rules) is in no sentence, inside a block, and counts once
    for l in &seg.layout {
        prop_assert!(l.start < l.end && l.end <= text.len());
        prop_assert!(text.is_char_boundary(l.start) && text.is_char_boundary(l.end));
        prop_assert!(
            d.blocks.iter().any(|b| b.span.contains(*l)),
            "layout {:?} outside every block",
            l
        );
        for c in covered.iter_mut().take(l.end).skip(l.start) {
            *c += 1;
        }
    }
    // every non-white-space prose byte is in exactly one sentence or one layout span
    for b in &d.blocks {
        for (off, ch) in text[b.span.start..b.span.end].char_indices() {
            if !is_space(ch) {
                let at = b.span.start + off;
                prop_assert_eq!(
                    covered[at],
                    1,
                    "byte {} ({:?}) covered {} times",
                    at,
                    ch,
                    covered[at]
                );
            }
        }
    }
    for q in &seg.quotes {
        prop_assert!(q.span.start <= q.span.end && q.span.end <= text.len());
        prop_assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
        prop_assert!(q.span.contains(q.open));
    }
    for u in &seg.unbalanced {
        prop_assert!(
            u.end <= text.len() && text.is_char_boundary(u.start) && text.is_char_boundary(u.end)
        );
    }
    Ok(())
}

fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("The".to_string()),
        Just("minister".to_string()),
        Just(" ".to_string()),
        Just(". ".to_string()),
        Just("? ".to_string()),
        Just("!".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("# ".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("> ".to_string()),
        Just("```\n".to_string()),
        Just("`".to_string()),
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("'".to_string()),
        Just("’".to_string()),
        Just("‘".to_string()),
        Just("...".to_string()),
        Just("…".to_string()),
        Just("Mr.".to_string()),
        Just("U.S.".to_string()),
        Just("a.m.".to_string()),
        Just("3.5".to_string()),
        Just("[link](http://x.y/z.html)".to_string()),
        Just("![img](a.png)".to_string()),
        Just("<!-- whosaid off -->".to_string()),
        Just("---\n".to_string()),
        Just("+++\n".to_string()),
        Just("<b>".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{feff}".to_string()),
        Just("é".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("[1]".to_string()),
        Just("\r\n".to_string()),
        // layout: dot leaders, separator rules, written-out line breaks
        Just("....".to_string()),
        Just(" 12".to_string()),
        Just("-".to_string()),
        // attribution lines after a stop
        Just(" — ".to_string()),
        Just("=====".to_string()),
        Just("//////".to_string()),
        Just("\\".to_string()),
        Just("\\n".to_string()),
        Just("\\ r".to_string()),
        Just("&lt;i&gt;".to_string()),
        Just("<a href=\"x\">".to_string()),
        Just("</span>".to_string()),
        "[a-zA-Z0-9]{1,6}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_plain_text(s in ".{0,300}") {
        check(&plain::parse(PathBuf::from("t.txt"), s))?;
    }

    #[test]
    fn arbitrary_markdown(s in ".{0,300}") {
        check(&markdown::parse(PathBuf::from("t.md"), s))?;
    }

    #[test]
    fn markdownish_plain(s in markdownish()) {
        check(&plain::parse(PathBuf::from("t.txt"), s))?;
    }

    #[test]
    fn markdownish_markdown(s in markdownish()) {
        let d = markdown::parse(PathBuf::from("t.md"), s);
        prop_assert_eq!(d.text.len(), d.source.len());
        check(&d)?;
    }
}
