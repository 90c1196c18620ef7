//! Snapshots of `whosaid segment --format json` on the fixture articles in
//! `tests/fixtures/segment/` (news copy, Markdown with front matter/code/links, a
//! multi-paragraph quotation).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use whosaid::document::Format;
use whosaid::input;
use whosaid::report::segment::render_json;
use whosaid::segment::segment;

fn snapshot(name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/segment")
        .join(name);
    let source = std::fs::read_to_string(&path).unwrap();
    let rel = PathBuf::from("tests/fixtures/segment").join(name);
    let doc = input::parse(rel.clone(), Format::from_path(&rel), source);
    let json = render_json(&doc, &segment(&doc));
    let stem = name.split('.').next().unwrap();
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!(format!("segment__{stem}"), json);
    });
}

#[test]
fn news_copy() {
    snapshot("news.txt");
}

#[test]
fn markdown_article() {
    snapshot("article.md");
}

#[test]
fn multi_paragraph_quotation() {
    snapshot("quotation.txt");
}
