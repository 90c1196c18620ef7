//! Configuration through the real binary: discovery (nearest wins), `--config`, `--isolated`,
//! every key, and the messages for bad files (snapshots of standard error, exit code 78).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::*;
use std::path::Path;

fn rules_of(json: &serde_json::Value, name: &str) -> Vec<(String, String)> {
    findings(json, name)
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(json: &serde_json::Value, name: &str, rule: &str, sev: &str) -> bool {
    rules_of(json, name).contains(&(rule.to_string(), sev.to_string()))
}

#[test]
fn nearest_config_wins_and_overrides_apply() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "whosaid.toml", "disable = [\"vague-source\"]\n");
    write(
        r,
        "sub/.whosaid.toml",
        "[severity]\nvague-source = \"error\"\n",
    );
    write(r, "a.md", WARNING);
    write(r, "sub/b.md", WARNING);
    let run = whosaid(r, &["check", "--format", "json", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json = run.json();
    assert!(!rules_of(&json, "a.md")
        .iter()
        .any(|(id, _)| id == "vague-source"));
    assert!(has(&json, "sub/b.md", "vague-source", "error"), "{json}");
    // checking from inside the subdirectory finds the same configuration
    let run = whosaid(&r.join("sub"), &["check", "--format", "json", "b.md"]);
    assert!(has(&run.json(), "b.md", "vague-source", "error"));
    // --isolated: no configuration at all
    let run = whosaid(r, &["check", "--isolated", "--format", "json", "."]);
    assert_eq!(run.code, 0);
    assert!(has(&run.json(), "a.md", "vague-source", "warning"));
    assert!(has(&run.json(), "sub/b.md", "vague-source", "warning"));
    // --config: one file for every path
    write(r, "other.toml", "[severity]\nvague-source = \"info\"\n");
    let run = whosaid(
        r,
        &["check", "--config", "other.toml", "--format", "json", "."],
    );
    assert!(has(&run.json(), "a.md", "vague-source", "info"));
    assert!(has(&run.json(), "sub/b.md", "vague-source", "info"));
    // command-line flags win over the file
    let run = whosaid(
        r,
        &[
            "check",
            "--enable",
            "vague-source",
            "--format",
            "json",
            "a.md",
        ],
    );
    assert!(has(&run.json(), "a.md", "vague-source", "warning"));
}

#[test]
fn run_keys_globs_rules_and_html() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    let builtin = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/checks/vague-source.toml"),
    )
    .unwrap();
    let raised = builtin.replacen("severity = \"warning\"", "severity = \"error\"", 1);
    assert_ne!(
        raised, builtin,
        "the built-in vague-source check is a warning"
    );
    write(r, "house/vague-source.toml", raised);
    write(
        r,
        "whosaid.toml",
        "fail-on = \"never\"\nformat = \"json\"\nrules = [\"house\"]\ncarry-over = 1\n\
         exclude = [\"drafts/**\"]\n[html]\nskip-classes = [\"byline\"]\n",
    );
    write(r, "a.md", WARNING);
    write(r, "drafts/b.md", WARNING);
    write(
        r,
        "c.html",
        "<p class=byline>Experts say the bridge is unsafe.</p><p>Rain fell.</p>",
    );
    let run = whosaid(r, &["check", "."]);
    assert_eq!(run.code, 0, "fail-on never: {}", run.stderr);
    let json = run.json();
    assert_eq!(paths(&json), ["a.md", "c.html"]);
    assert!(has(&json, "a.md", "vague-source", "error"), "{json}");
    assert!(rules_of(&json, "c.html")
        .iter()
        .all(|(id, _)| id != "vague-source"));
    // command-line flags win over run keys
    let run = whosaid(
        r,
        &[
            "check",
            "--fail-on",
            "error",
            "--format",
            "terminal",
            "a.md",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("error[vague-source]"), "{}", run.stdout);
    // include globs replace the extension list
    write(r, "whosaid.toml", "include = [\"*.text\"]\n");
    write(r, "e.text", WARNING);
    let run = whosaid(r, &["check", "--format", "json", "."]);
    assert_eq!(paths(&run.json()), ["e.text"]);
}

/// Runs `check` with `--config bad.toml` holding `text` and returns (exit code, stderr).
fn bad_config(text: &str) -> (i32, String) {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "bad.toml", text);
    write(d.path(), "a.md", WARNING);
    let run = whosaid(d.path(), &["check", "--config", "bad.toml", "a.md"]);
    assert!(
        run.stdout.is_empty(),
        "no report with a bad config: {}",
        run.stdout
    );
    (run.code, run.stderr)
}

#[test]
fn bad_config_messages() {
    let cases = [
        ("unknown_key", "fail-on = \"error\"\ncolour = true\n"),
        (
            "wrong_type",
            "disable = [\"vague-source\"]\ncarry-over = \"two\"\n",
        ),
        ("unknown_html_key", "[html]\nskip-tags = [\"nav\"]\n"),
        ("bad_severity", "[severity]\nvague-source = \"fatal\"\n"),
        ("bad_fail_on", "fail-on = \"sometimes\"\n"),
        ("syntax_error", "disable = [\"vague-source\"\n"),
        ("unknown_rule", "disable = [\"vague-sources\"]\n"),
        ("bad_glob", "exclude = [\"drafts/[\"]\n"),
    ];
    for (name, text) in cases {
        let (code, stderr) = bad_config(text);
        assert_eq!(code, 78, "{name}: {stderr}");
        assert!(stderr.contains("bad.toml"), "{name}: {stderr}");
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
            insta::assert_snapshot!(format!("config_{name}"), stderr);
        });
    }
}

#[test]
fn a_discovered_bad_config_stops_the_run() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "sub/whosaid.toml", "colour = 1\n");
    write(d.path(), "sub/a.md", WARNING);
    let run = whosaid(d.path(), &["check", "sub"]);
    assert_eq!(run.code, 78);
    assert!(
        run.stderr
            .contains("whosaid.toml:1:1: unknown key `colour`"),
        "{}",
        run.stderr
    );
    // --isolated ignores it
    assert_eq!(whosaid(d.path(), &["check", "--isolated", "sub"]).code, 0);
}
