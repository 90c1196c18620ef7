//! `whosaid check` and the subcommands through the real binary: exit codes, inputs, outputs,
//! parallel determinism, `--diff` in a temporary git repository, baselines.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::*;
use std::path::Path;

#[test]
fn exit_codes_follow_fail_on() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "warn.md", WARNING);
    write(d.path(), "err.md", ERROR);
    write(d.path(), "empty.md", "");
    // default fail-on is error: a warning passes, an error fails
    assert_eq!(whosaid(d.path(), &["check", "warn.md"]).code, 0);
    assert_eq!(whosaid(d.path(), &["check", "err.md"]).code, 1);
    assert_eq!(
        whosaid(d.path(), &["check", "--fail-on", "warning", "warn.md"]).code,
        1
    );
    assert_eq!(
        whosaid(d.path(), &["check", "--fail-on", "never", "err.md"]).code,
        0
    );
    let empty = whosaid(
        d.path(),
        &["check", "--fail-on", "info", "--format", "json", "empty.md"],
    );
    assert_eq!(empty.code, 0, "{}", empty.stderr);
    assert_eq!(
        empty.json()["files"][0]["sentences"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    // usage errors
    assert_eq!(whosaid(d.path(), &["check", "--no-such-flag"]).code, 2);
    assert_eq!(
        whosaid(d.path(), &["check", "--fail-on", "sometimes"]).code,
        2
    );
    assert_eq!(
        whosaid(d.path(), &["check", "--disable", "no-such-rule", "warn.md"]).code,
        2
    );
}

#[test]
fn directories_are_walked_in_sorted_order_with_prose_extensions() {
    let d = tempfile::tempdir().unwrap();
    for f in [
        "b.md",
        "a.txt",
        "c/d.html",
        "c/e.htm",
        "c/f.markdown",
        "notes.rs",
        "x.json",
    ] {
        write(d.path(), f, WARNING);
    }
    write(d.path(), ".gitignore", "a.txt\n");
    let run = whosaid(d.path(), &["check", "--format", "json", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        paths(&run.json()),
        ["b.md", "c/d.html", "c/e.htm", "c/f.markdown"]
    );
    // a file named on the command line is checked whatever its extension
    let run = whosaid(d.path(), &["check", "--format", "json", "notes.rs"]);
    assert_eq!(paths(&run.json()), ["notes.rs"]);
}

/// Git's global excludes file applies to a walk (`core.excludesFile` in any case, else
/// `$XDG_CONFIG_HOME/git/ignore`), also outside a repository; without one every file is checked.
#[test]
fn git_global_excludes_are_honoured() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    write(work.path(), "keep.md", WARNING);
    write(work.path(), "skip.md", WARNING);
    let h = home.path().to_str().unwrap().to_string();
    let xdg = format!("{h}/.config");
    let none = format!("{h}/no-such-file");
    let env = [
        ("HOME", h.as_str()),
        ("XDG_CONFIG_HOME", xdg.as_str()),
        ("GIT_CONFIG_GLOBAL", ""),
        ("GIT_CONFIG_SYSTEM", none.as_str()),
    ];
    let checked = || {
        let run = whosaid_in(work.path(), &["check", "--format", "json", "."], None, &env);
        assert_eq!(run.code, 0, "{}", run.stderr);
        paths(&run.json())
    };
    assert_eq!(checked(), ["keep.md", "skip.md"]);
    write(home.path(), ".config/git/ignore", "skip.md\n");
    assert_eq!(checked(), ["keep.md"]);
    std::fs::remove_file(home.path().join(".config/git/ignore")).unwrap();
    write(home.path(), "mine", "skip.md\n");
    for key in ["excludesFile", "EXCLUDESFILE"] {
        write(
            home.path(),
            ".gitconfig",
            format!("[core]\n\t{key} = ~/mine\n"),
        );
        assert_eq!(checked(), ["keep.md"], "{key}");
    }
    std::fs::remove_file(home.path().join(".gitconfig")).unwrap();
    write(
        home.path(),
        ".config/git/config",
        "[core]\n excludesfile = ~/mine\n",
    );
    assert_eq!(checked(), ["keep.md"]);
}

#[test]
fn stdin_with_a_format() {
    let d = tempfile::tempdir().unwrap();
    let md = "# Protests spread\n\nProtests reached 170 cities, police said.\n";
    let run = whosaid_in(
        d.path(),
        &[
            "check",
            "--format",
            "json",
            "--stdin-format",
            "markdown",
            "-",
        ],
        Some(md),
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(paths(&json), ["-"]);
    let texts: Vec<&str> = json["files"][0]["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "Protests spread",
            "Protests reached 170 cities, police said."
        ]
    );
}

#[test]
fn output_file_and_formats() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.md", WARNING);
    let run = whosaid(
        d.path(),
        &[
            "check",
            "--format",
            "sarif",
            "--output",
            "out.sarif",
            "a.md",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("out.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    for f in ["terminal", "json", "sarif", "github", "rdjson", "html"] {
        let run = whosaid(d.path(), &["check", "--format", f, "a.md"]);
        assert_eq!(run.code, 0, "{f}: {}", run.stderr);
        assert!(!run.stdout.is_empty(), "{f}");
    }
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.md", WARNING);
    let plain = whosaid(d.path(), &["check", "a.md"]);
    assert!(!plain.stdout.contains('\x1b'), "not a terminal: no colour");
    let always = whosaid(d.path(), &["check", "--color", "always", "a.md"]);
    assert!(always.stdout.contains('\x1b'), "{}", always.stdout);
    let never = whosaid_in(
        d.path(),
        &["check", "--color", "auto", "a.md"],
        None,
        &[("NO_COLOR", "1")],
    );
    assert!(!never.stdout.contains('\x1b'));
    // no progress line on a stderr that is not a terminal
    assert!(plain.stderr.is_empty(), "{}", plain.stderr);
}

#[test]
fn bad_files_are_reported_and_the_others_still_checked() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a-good.md", WARNING);
    write(
        d.path(),
        "b-latin1.txt",
        b"Caf\xe9 owners said prices rose.\n",
    );
    write(d.path(), "c-binary.txt", b"GIF89a\x00\x01\x02");
    write(d.path(), "d-good.txt", WARNING);
    let run = whosaid(d.path(), &["check", "--format", "json", ".", "missing.md"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(paths(&run.json()), ["a-good.md", "d-good.txt"]);
    assert!(
        run.stderr
            .contains("b-latin1.txt:1:4: invalid UTF-8 at byte 3"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("c-binary.txt"), "{}", run.stderr);
    assert!(run.stderr.contains("missing.md"), "{}", run.stderr);
    assert_eq!(run.json()["summary"]["errors"], 3, "{}", run.stdout);
}

#[test]
fn output_is_identical_for_any_number_of_jobs() {
    let d = tempfile::tempdir().unwrap();
    for i in 0..40 {
        let text = match i % 3 {
            0 => WARNING.to_string(),
            1 => format!("The mayor said {i} roads reopened.\n\n{ERROR}"),
            _ => format!("Officials said the port handled {i} ships, according to the agency.\n"),
        };
        write(d.path(), &format!("dir{}/f{i:02}.md", i % 4), text);
    }
    let one = whosaid(d.path(), &["check", "--format", "json", "-j", "1", "."]);
    let four = whosaid(d.path(), &["check", "--format", "json", "-j", "4", "."]);
    assert_eq!(one.code, 1);
    assert_eq!(one.stdout, four.stdout);
    assert_eq!(paths(&one.json()).len(), 40);
    let mut sorted = paths(&one.json());
    sorted.sort();
    assert_eq!(paths(&one.json()), sorted);
}

#[test]
fn init_writes_a_valid_config_and_refuses_to_overwrite() {
    let d = tempfile::tempdir().unwrap();
    let run = whosaid(d.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(d.path().join("whosaid.toml")).unwrap();
    assert!(text.contains("fail-on"));
    write(d.path(), "a.md", WARNING);
    assert_eq!(whosaid(d.path(), &["check", "a.md"]).code, 0);
    let again = whosaid(d.path(), &["init"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
}

#[test]
fn rules_explain_and_rule_self_check() {
    let d = tempfile::tempdir().unwrap();
    let list = whosaid(d.path(), &["rules"]);
    assert_eq!(list.code, 0);
    assert!(
        list.stdout.contains("unbalanced-quotation"),
        "{}",
        list.stdout
    );
    let ex = whosaid(d.path(), &["explain", "unbalanced-quotation"]);
    assert_eq!(ex.code, 0);
    assert!(
        ex.stdout.contains("# unbalanced-quotation"),
        "{}",
        ex.stdout
    );
    let missing = whosaid(d.path(), &["explain", "no-such-rule"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no-such-rule"));
    // a copy of a built-in check passes its own examples; a broken one fails with 78
    let builtin = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/checks/unbalanced-quotation.toml"),
    )
    .unwrap();
    write(d.path(), "good/unbalanced-quotation.toml", &builtin);
    let ok = whosaid(d.path(), &["rules", "--check", "good"]);
    assert_eq!(ok.code, 0, "{}{}", ok.stdout, ok.stderr);
    assert!(ok.stdout.contains("0 failures"), "{}", ok.stdout);
    let broken =
        format!("{builtin}\n[[test]]\ntext = \"The council met on Monday, the clerk said.\"\n");
    write(d.path(), "bad/unbalanced-quotation.toml", broken);
    let bad = whosaid(d.path(), &["rules", "--check", "bad"]);
    assert_eq!(bad.code, 78, "{}{}", bad.stdout, bad.stderr);
    assert!(
        bad.stderr.contains("The council met on Monday"),
        "{}",
        bad.stderr
    );
    // a classifier rule of the newsroom's own, checked the same way
    let rule = "summary = \"House hedges\"\nkind = \"phrase\"\nimplies = \"reported\"\n\
                words = [\"word on the street\"]\nallows = [\"The street was closed.\"]\n\
                description = \"\"\"\n## What it flags\nHouse hedges.\n\n## Why it matters\n\
                They are not sources.\n\"\"\"\n\n[[test]]\n\
                text = \"Word on the street is that the mayor will quit.\"\nexpect = \"EXPECT\"\n";
    write(
        d.path(),
        "house/house-hedge.toml",
        rule.replace("EXPECT", "reported"),
    );
    let ok = whosaid(d.path(), &["rules", "--check", "house"]);
    assert_eq!(ok.code, 0, "{}{}", ok.stdout, ok.stderr);
    assert!(
        ok.stdout
            .starts_with("1 rule checked, 2 examples, 0 failures"),
        "{}",
        ok.stdout
    );
    let listed = whosaid(d.path(), &["rules", "--rules", "house"]);
    assert!(listed.stdout.contains("house-hedge"), "{}", listed.stdout);
    write(
        d.path(),
        "house/house-hedge.toml",
        rule.replace("EXPECT", "attributed"),
    );
    let bad = whosaid(d.path(), &["rules", "--check", "house"]);
    assert_eq!(bad.code, 78, "{}{}", bad.stdout, bad.stderr);
    assert!(
        bad.stderr.contains("house-hedge.toml: rule `house-hedge`"),
        "{}",
        bad.stderr
    );
    // a rule file that does not parse is a configuration error too
    write(d.path(), "syntax/loaded-verb.toml", "summary = \n");
    assert_eq!(whosaid(d.path(), &["rules", "--check", "syntax"]).code, 78);
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn diff_reports_only_changed_lines_and_files() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    git(r, &["init", "-q"]);
    write(
        r,
        "a.md",
        format!("{WARNING}\nThe mayor said the plan works.\n"),
    );
    write(r, "b.md", WARNING);
    git(r, &["add", "."]);
    git(r, &["commit", "-qm", "one"]);
    // a.md gets a vague source on line 5; b.md is untouched
    write(
        r,
        "a.md",
        format!("{WARNING}\nThe mayor said the plan works.\n\nExperts say the bridge is unsafe.\n"),
    );
    let lines = |json: &serde_json::Value| -> Vec<u64> {
        findings(json, "a.md")
            .iter()
            .map(|f| f["line"].as_u64().unwrap())
            .collect()
    };
    let all = whosaid(r, &["check", "--format", "json", "."]);
    assert!(lines(&all.json()).contains(&1), "{}", all.stdout);
    assert!(lines(&all.json()).contains(&5), "{}", all.stdout);
    let run = whosaid(r, &["check", "--format", "json", "--diff", "HEAD", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(paths(&json), ["a.md"]);
    // an untracked file counts as new: all of its findings
    write(r, "c.md", WARNING);
    let with_new = whosaid(r, &["check", "--format", "json", "--diff", "HEAD", "."]);
    assert_eq!(paths(&with_new.json()), ["a.md", "c.md"]);
    assert!(!findings(&with_new.json(), "c.md").is_empty());
    std::fs::remove_file(r.join("c.md")).unwrap();
    let changed = lines(&json);
    assert!(
        !changed.is_empty() && changed.iter().all(|&l| l == 5),
        "{json}"
    );
    // the alias, and a revision that does not exist
    let alias = whosaid(
        r,
        &["check", "--format", "json", "--changed-since", "HEAD", "."],
    );
    assert_eq!(alias.stdout, run.stdout);
    let bad = whosaid(r, &["check", "--diff", "no-such-rev", "."]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("no-such-rev"), "{}", bad.stderr);
}

#[test]
fn baseline_accepts_todays_findings_and_fails_on_new_ones() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "a.md", format!("{WARNING}\n{ERROR}"));
    assert_eq!(whosaid(r, &["check", "a.md"]).code, 1);
    let w = whosaid(r, &["check", "--write-baseline", "base.json", "a.md"]);
    assert_eq!(w.code, 0, "{}", w.stderr);
    assert!(w.stderr.contains("to base.json"), "{}", w.stderr);
    let ok = whosaid(
        r,
        &[
            "check",
            "--fail-on",
            "info",
            "--baseline",
            "base.json",
            "a.md",
        ],
    );
    assert_eq!(ok.code, 0, "{}{}", ok.stdout, ok.stderr);
    // moving the sentences does not matter; a new finding does
    write(
        r,
        "a.md",
        format!("Intro line, the editor said.\n\n{ERROR}\n{WARNING}"),
    );
    assert_eq!(
        whosaid(r, &["check", "--baseline", "base.json", "a.md"]).code,
        0
    );
    write(r, "a.md", format!("{WARNING}\n{ERROR}\nHe said \"never.\n"));
    let new = whosaid(
        r,
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "base.json",
            "a.md",
        ],
    );
    assert_eq!(new.code, 1);
    // an invalid baseline is a configuration error
    write(r, "bad.json", "{\"version\": 1}");
    assert_eq!(
        whosaid(r, &["check", "--baseline", "bad.json", "a.md"]).code,
        78
    );
}

#[test]
fn github_format_appends_a_markdown_summary_to_the_step_summary_file() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.md", WARNING);
    let summary = d.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let run = whosaid_in(
        d.path(),
        &["check", "--format", "github", "a.md"],
        None,
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("::warning file=a.md"), "{}", run.stdout);
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with("earlier step\n"),
        "appends, not overwrites"
    );
    assert!(text.contains("a.md"), "{text}");
    // without the variable nothing is written anywhere else
    let run = whosaid(d.path(), &["check", "--format", "github", "a.md"]);
    assert_eq!(run.code, 0);
}
