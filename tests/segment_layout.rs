//! Layout that belongs to no sentence: dot leaders with page numbers, separator rules and line
//! breaks written out as escape sequences.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use whosaid::input::plain;
use whosaid::segment::segment;

/// The sentences and the layout spans of `text` read as a plain-text file.
fn parts(text: &str) -> (Vec<String>, Vec<String>) {
    let d = plain::parse(PathBuf::from("t.txt"), text.to_string());
    let seg = segment(&d);
    let get = |s| d.slice(s).to_string();
    (
        seg.sentences.iter().map(|s| get(s.span)).collect(),
        seg.layout.iter().map(|&s| get(s)).collect(),
    )
}

#[test]
fn dot_leaders_and_page_numbers() {
    let (s, l) = parts(
        "Contents\nThe budget vote ........ 5\nWho voted how?....... 12-14\nReactions.......... 21\n",
    );
    assert_eq!(
        s,
        ["Contents", "The budget vote", "Who voted how?", "Reactions"]
    );
    assert_eq!(l, ["........ 5", "....... 12-14", ".......... 21"]);
}

#[test]
fn a_long_ellipsis_is_not_a_leader() {
    // no page number at the end of the line: an ordinary run of stops
    let (s, l) = parts("He waited.... Then he left. The count reached.... 5 and more.");
    assert_eq!(
        s,
        [
            "He waited....",
            "Then he left.",
            "The count reached.... 5 and more."
        ]
    );
    assert!(l.is_empty());
}

#[test]
fn separator_rules() {
    let (s, l) = parts("The vote passed.\n==========\nThe mayor spoke next.\n//////////Notes\n");
    assert_eq!(s, ["The vote passed.", "The mayor spoke next.", "Notes"]);
    assert_eq!(l, ["==========", "//////////"]);
    // a run inside a line is text: a rating, a score
    let (s, l) = parts("The hotel was rated ***** by critics. It ended 3-----2 in the end.");
    assert_eq!(
        s,
        [
            "The hotel was rated ***** by critics.",
            "It ended 3-----2 in the end."
        ]
    );
    assert!(l.is_empty());
}

#[test]
fn written_out_line_breaks() {
    let (s, l) = parts("The vote passed.\\r\\nThe mayor spoke. \\ r \\ nShe left.");
    assert_eq!(s, ["The vote passed.", "The mayor spoke.", "She left."]);
    assert_eq!(l, ["\\r\\n", "\\ r \\ n"]);
    // an escape in running text is text
    let (s, l) = parts("Type \\n to start a new line. Then save.");
    assert_eq!(s, ["Type \\n to start a new line.", "Then save."]);
    assert!(l.is_empty());
    // and so are a path and an escape inside a word
    let (s, l) = parts("The file is C:\\new\\notes.txt on the server. Use a\\nb here.");
    assert_eq!(
        s,
        [
            "The file is C:\\new\\notes.txt on the server.",
            "Use a\\nb here."
        ]
    );
    assert!(l.is_empty());
}

#[test]
fn markup_at_the_edges_of_a_sentence() {
    let (s, l) = parts("<span class=\"lede\">The council met on Monday.</span> It adjourned. &lt;b&gt;Notes&lt;/b&gt;");
    assert_eq!(s, ["The council met on Monday.", "It adjourned.", "Notes"]);
    assert_eq!(
        l,
        [
            "<span class=\"lede\">",
            "</span>",
            "&lt;b&gt;",
            "&lt;/b&gt;"
        ]
    );
    // inside a sentence markup stays; comparisons and autolinks are not tags
    let (s, l) = parts("The <b>mayor</b> said 3 < 4 and <https://example.org>");
    assert_eq!(s, ["The <b>mayor</b> said 3 < 4 and <https://example.org>"]);
    assert!(l.is_empty());
}

/// `whosaid segment --format json` lists layout spans with their positions and text.
#[test]
fn layout_is_in_the_segment_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("toc.txt");
    std::fs::write(&path, "Contents\nThe budget vote ........ 5\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["segment", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let layout = v["layout"].as_array().expect("a layout array");
    assert_eq!(layout.len(), 1, "{v}");
    assert_eq!(layout[0]["text"], "........ 5");
    assert_eq!(layout[0]["start"], 25);
    assert_eq!(layout[0]["line"], 2);
    assert_eq!(layout[0]["column"], 17);
}
