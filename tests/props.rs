//! Property tests for the end-to-end invariants, over generated news-like text in every input
//! format:
//! - every span (blocks, sentences, quotations, sources, cues, findings) is ordered where it
//!   should be, inside the text, on char boundaries, and maps to a valid source span;
//! - one label per sentence; JSON offsets and `text` agree with the source;
//! - checking is deterministic (twice in one process, and through the CLI with `-j 1` and
//!   `-j 2`), and every input file yields exactly one entry in the JSON `files` array.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use whosaid::{Checker, FileReport, Format, Span};

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(|| Checker::new(whosaid::rules::RuleSet::builtin().unwrap()))
}

/// Pieces of news copy, markup of every input format, and awkward characters.
fn fragment() -> impl Strategy<Value = String> {
    let pieces: &[&str] = &[
        "The",
        "mayor",
        "said",
        " said",
        "police",
        "officials",
        "told reporters",
        "according to",
        "reportedly",
        "allegedly",
        "claimed",
        "denied",
        "a spokesperson",
        "It",
        "He",
        "she",
        "15",
        "3.5",
        "40%",
        "$2 million",
        "Mr.",
        "U.S.",
        "Jan.",
        "e.g.",
        "...",
        "\u{2026}",
        " ",
        " ",
        " ",
        ".",
        ". ",
        "? ",
        "! ",
        ", ",
        ": ",
        "; ",
        " - ",
        " \u{2014} ",
        "\"",
        "\u{201c}",
        "\u{201d}",
        "'",
        "\u{2018}",
        "\u{2019}",
        "\u{ab}",
        "\u{bb}",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        "# ",
        "## ",
        "- ",
        "* ",
        "1. ",
        "> ",
        "*",
        "**",
        "_",
        "`",
        "```\n",
        "[a link](http://example.com)",
        "![img](x.png)",
        "<!-- whosaid off -->",
        "<!-- whosaid on -->",
        "<!-- whosaid-disable-next-line unattributed-claim -->",
        "|",
        "---\n",
        "<p>",
        "</p>",
        "<div class=\"byline\">",
        "</div>",
        "<b>",
        "</i>",
        "<br>",
        "&amp;",
        "&nbsp;",
        "&#8220;",
        "&quot;",
        "&bogus;",
        "<script>x = 1;</script>",
        "<pre>",
        "<h2>",
        "</h2>",
        "<li>",
        "<",
        ">",
        "\u{e9}",
        "\u{65e5}\u{672c}",
        "\u{1f642}",
        "\u{feff}",
        "\u{a0}",
        "\u{200b}",
        "e\u{301}",
    ];
    prop_oneof![
        8 => proptest::sample::select(pieces).prop_map(str::to_string),
        1 => any::<char>()
            .prop_filter("NUL makes a binary file", |c| *c != '\0')
            .prop_map(String::from),
        1 => "[a-zA-Z ]{1,12}",
    ]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..80).prop_map(|v| v.concat())
}

fn format() -> impl Strategy<Value = Format> {
    prop_oneof![
        Just(Format::Plain),
        Just(Format::Markdown),
        Just(Format::Html)
    ]
}

fn assert_span(text: &str, s: Span, what: &str) {
    assert!(s.start <= s.end, "{what}: reversed {s:?}");
    assert!(
        s.end <= text.len(),
        "{what}: {s:?} past the end ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(s.start),
        "{what}: start of {s:?} inside a character"
    );
    assert!(
        text.is_char_boundary(s.end),
        "{what}: end of {s:?} inside a character"
    );
}

fn assert_invariants(r: &FileReport) {
    let doc = &r.doc;
    let text = doc.text.as_str();
    let mut prev: Option<Span> = None;
    for b in &doc.blocks {
        assert_span(text, b.span, "block");
        assert_span(&doc.source, doc.source_span(b.span), "block in source");
        if let Some(p) = prev {
            assert!(
                p.end <= b.span.start,
                "blocks overlap or unordered: {p:?} {:?}",
                b.span
            );
        }
        prev = Some(b.span);
    }
    let mut prev_end = 0;
    for s in &r.segmentation.sentences {
        assert_span(text, s.span, "sentence");
        assert!(!s.span.is_empty(), "empty sentence {:?}", s.span);
        assert!(
            s.span.start >= prev_end,
            "sentences overlap or unordered at {:?}",
            s.span
        );
        prev_end = s.span.end;
        let block = doc.blocks.get(s.block).expect("sentence block index");
        assert!(
            block.span.contains(s.span),
            "sentence {:?} outside block",
            s.span
        );
        let src = doc.source_span(s.span);
        assert_span(&doc.source, src, "sentence in source");
    }
    for q in &r.segmentation.quotes {
        assert_span(text, q.span, "quotation");
        assert_span(text, q.open, "opening mark");
        assert!(
            q.span.contains(q.open),
            "opening mark outside its quotation"
        );
        if let Some(c) = q.close {
            assert_span(text, c, "closing mark");
            assert!(q.span.contains(c), "closing mark outside its quotation");
        }
    }
    for u in &r.segmentation.unbalanced {
        assert_span(text, *u, "unbalanced mark");
    }
    assert_eq!(
        r.labels.len(),
        r.segmentation.sentences.len(),
        "one label per sentence"
    );
    for c in &r.labels {
        for s in c.sources.iter().chain(&c.cues) {
            assert_span(text, *s, "source or cue");
        }
    }
    for f in &r.findings {
        assert_span(text, f.span, "finding");
        assert_span(&doc.source, doc.source_span(f.span), "finding in source");
        if let Some(i) = f.sentence {
            assert!(
                i < r.segmentation.sentences.len(),
                "finding names no sentence"
            );
        }
    }
    // the JSON contract: offsets into the source, and `text` is exactly that slice
    let v = whosaid::report::json::file_value(r);
    for s in v["sentences"].as_array().unwrap() {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_span(&doc.source, Span::new(a, b), "JSON sentence");
        assert_eq!(s["text"].as_str().unwrap(), &doc.source[a..b]);
        assert!(s["line"].as_u64().unwrap() >= 1 && s["column"].as_u64().unwrap() >= 1);
    }
    for f in v["findings"].as_array().unwrap() {
        let (a, b) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_span(&doc.source, Span::new(a, b), "JSON finding");
    }
}

fn path_for(format: Format) -> PathBuf {
    PathBuf::from(match format {
        Format::Plain => "article.txt",
        Format::Markdown => "article.md",
        Format::Html => "article.html",
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_ordered_inside_and_on_char_boundaries(text in article(), format in format()) {
        let r = checker()
            .check_bytes(path_for(format), format, text.into_bytes())
            .unwrap();
        assert_invariants(&r);
    }

    #[test]
    fn arbitrary_unicode_keeps_the_invariants(text in "\\PC{0,300}", format in format()) {
        let r = checker()
            .check_bytes(path_for(format), format, text.into_bytes())
            .unwrap();
        assert_invariants(&r);
    }

    #[test]
    fn checking_twice_gives_the_same_labels_and_findings(text in article(), format in format()) {
        let a = checker().check_bytes(path_for(format), format, text.clone().into_bytes()).unwrap();
        let b = checker().check_bytes(path_for(format), format, text.into_bytes()).unwrap();
        prop_assert_eq!(&a.labels, &b.labels);
        prop_assert_eq!(&a.findings, &b.findings);
        prop_assert_eq!(
            whosaid::report::json::file_value(&a),
            whosaid::report::json::file_value(&b)
        );
    }
}

/// One generated input file: a name stem, an extension, and content.
fn input_file() -> impl Strategy<Value = (String, &'static str, Vec<u8>)> {
    (
        "[a-z]{1,8}",
        proptest::sample::select(&["txt", "md", "html"][..]),
        prop_oneof![
            6 => article().prop_map(String::into_bytes),
            1 => Just(Vec::new()),
        ],
    )
}

fn run_check(dir: &Path, jobs: &str) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args([
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--isolated",
            "-j",
            jobs,
        ])
        .arg(dir)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("no JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), json)
}

proptest! {
    // each case runs the binary three times: keep the count small
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn every_file_is_reported_once_whatever_the_thread_count(
        files in prop::collection::vec(input_file(), 1..12)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut names = Vec::new();
        for (i, (stem, ext, bytes)) in files.iter().enumerate() {
            // nest some files to exercise the walk
            let sub = if i % 3 == 2 { "desk/" } else { "" };
            let name = format!("{sub}{i:02}-{stem}.{ext}");
            let p = dir.path().join(&name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, bytes).unwrap();
            names.push(name);
        }
        let (code1, j1) = run_check(dir.path(), "1");
        let (code2, j2) = run_check(dir.path(), "2");
        let (code3, j3) = run_check(dir.path(), "2");
        prop_assert_eq!(code1, 0);
        prop_assert_eq!(code2, 0);
        prop_assert_eq!(code3, 0);
        let entries = j1["files"].as_array().unwrap();
        prop_assert_eq!(entries.len(), names.len());
        for name in &names {
            let n = entries
                .iter()
                .filter(|f| f["path"].as_str().is_some_and(|p| p.ends_with(&format!("/{name}"))))
                .count();
            prop_assert_eq!(n, 1, "{} reported {} times", name, n);
        }
        prop_assert_eq!(&j1, &j2, "-j 1 and -j 2 differ");
        prop_assert_eq!(&j2, &j3, "two runs with -j 2 differ");
    }
}
