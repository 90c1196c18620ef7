//! A bad rule file is a load error naming the file, line, column and key, with exit code 78.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use whosaid::error::{Error, EXIT_CONFIG};
use whosaid::rules::RuleSet;

const GOOD_TAIL: &str = "description = \"## What it flags\\nx\\n## Why it matters\\ny\"\n";

fn load_err(files: &[(&str, &str)]) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let err = RuleSet::load(&[dir.path().to_path_buf()]).unwrap_err();
    assert_eq!(err.exit_code(), EXIT_CONFIG);
    let Error::Rule { path, message } = &err else {
        panic!("not a rule error: {err}");
    };
    (
        path.file_name().unwrap().to_string_lossy().into_owned(),
        format!("{err} // {message}"),
    )
}

#[test]
fn unknown_key() {
    let text = format!(
        "summary = \"s\"\nkind = \"phrase\"\nimplies = \"reported\"\nwordz = [\"x\"]\n{GOOD_TAIL}"
    );
    let (file, msg) = load_err(&[("typo.toml", &text)]);
    assert_eq!(file, "typo.toml");
    assert!(msg.contains("typo.toml"), "{msg}");
    assert!(msg.contains("line 4, column 1"), "{msg}");
    assert!(msg.contains("`wordz`"), "{msg}");
    assert!(msg.contains("expected one of"), "{msg}");
}

#[test]
fn wrong_type() {
    let text = format!(
        "summary = 3\nkind = \"phrase\"\nimplies = \"reported\"\nwords = [\"x\"]\n{GOOD_TAIL}"
    );
    let (_, msg) = load_err(&[("wrong-type.toml", &text)]);
    assert!(msg.contains("line 1, column 11"), "{msg}");
    assert!(msg.contains("key `summary`"), "{msg}");
}

#[test]
fn unknown_kind_lists_the_kinds() {
    let text = format!(
        "summary = \"s\"\nkind = \"phrases\"\nimplies = \"reported\"\nwords = [\"x\"]\n{GOOD_TAIL}"
    );
    let (_, msg) = load_err(&[("bad-kind.toml", &text)]);
    assert!(msg.contains("line 2, column 8"), "{msg}");
    assert!(msg.contains("key `kind`"), "{msg}");
    assert!(
        msg.contains("`phrase`") && msg.contains("`source-phrase`"),
        "{msg}"
    );
}

#[test]
fn invalid_regex() {
    let text = format!("summary = \"s\"\nkind = \"pattern\"\nimplies = \"attributed\"\npatterns = [\n  'ok',\n  '(?P<source>unclosed',\n]\n{GOOD_TAIL}");
    let (_, msg) = load_err(&[("bad-regex.toml", &text)]);
    assert!(msg.contains("line 6, column 3"), "{msg}");
    assert!(msg.contains("key `patterns`"), "{msg}");
    assert!(msg.contains("invalid regular expression"), "{msg}");
}

#[test]
fn duplicate_id() {
    let a = format!(
        "summary = \"s\"\nkind = \"phrase\"\nimplies = \"reported\"\nwords = [\"x\"]\n{GOOD_TAIL}"
    );
    let dir1 = tempfile::tempdir().unwrap();
    let dir2 = tempfile::tempdir().unwrap();
    std::fs::write(dir1.path().join("house-hedge.toml"), &a).unwrap();
    std::fs::write(dir2.path().join("house-hedge.toml"), &a).unwrap();
    let err = RuleSet::load(&[dir1.path().to_path_buf(), dir2.path().to_path_buf()]).unwrap_err();
    assert_eq!(err.exit_code(), EXIT_CONFIG);
    let msg = err.to_string();
    assert!(msg.contains("duplicate rule id `house-hedge`"), "{msg}");
    assert!(msg.contains(&dir1.path().display().to_string()), "{msg}");
}

#[test]
fn id_must_match_the_file_name() {
    let text = format!("id = \"other-name\"\nsummary = \"s\"\nkind = \"phrase\"\nimplies = \"reported\"\nwords = [\"x\"]\n{GOOD_TAIL}");
    let (_, msg) = load_err(&[("house-hedge.toml", &text)]);
    assert!(msg.contains("line 1, column 1, key `id`"), "{msg}");
    assert!(msg.contains("differs from the file name"), "{msg}");
}

#[test]
fn key_of_another_kind() {
    let text = format!("summary = \"s\"\nkind = \"phrase\"\nimplies = \"reported\"\nwords = [\"x\"]\nwindow = 2\n{GOOD_TAIL}");
    let (_, msg) = load_err(&[("misplaced.toml", &text)]);
    assert!(msg.contains("line 5, column 1, key `window`"), "{msg}");
}

#[test]
fn gap_only_between_words_of_a_cue_entry() {
    for (kind, word) in [
        ("phrase", ".. the plan"),
        ("phrase", "the plan .."),
        ("verb", "send a .. stern .. letter"),
        ("lexicon\"\nrole = \"skip", "on .. day"),
    ] {
        let implies = if kind == "phrase" || kind == "verb" {
            "implies = \"attributed\"\n"
        } else {
            ""
        };
        let text = format!(
            "summary = \"s\"\nkind = \"{kind}\"\n{implies}words = [\"{word}\"]\n{GOOD_TAIL}"
        );
        let (_, msg) = load_err(&[("gap.toml", &text)]);
        assert!(msg.contains("key `words`"), "{msg}");
        assert!(msg.contains("the gap `..`"), "{msg}");
    }
}
