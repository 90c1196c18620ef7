//! Every built-in rule's own examples (`[[test]]` and `allows`) through the real pipeline, the
//! rule-file conventions, and the rule files under `tests/fixtures/rules/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use whosaid::rules::RuleSet;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

#[test]
fn every_builtin_example_passes() {
    let rules = RuleSet::builtin().unwrap();
    let failures = rules.self_check();
    let report: Vec<String> = failures
        .iter()
        .map(|f| format!("{}: {} :: {}", f.rule, f.message, f.text))
        .collect();
    assert!(
        failures.is_empty(),
        "failing rule examples:\n{}",
        report.join("\n")
    );
}

#[test]
fn builtin_rules_follow_the_conventions() {
    let rules = RuleSet::builtin().unwrap();
    assert!(rules.infos().len() >= 20);
    for info in rules.infos() {
        assert!(info.path.is_none());
        assert!(!info.summary.is_empty(), "{}: empty summary", info.id);
        assert!(
            info.description.contains("## What it flags")
                && info.description.contains("## Why it matters"),
            "{}: description needs `## What it flags` and `## Why it matters`",
            info.id
        );
        let file =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("rules/{}.toml", info.id));
        assert!(file.is_file(), "{}: no rules/{}.toml", info.id, info.id);
        // rules that label sentences carry at least one example that must fire
        if info.implies.is_some() && info.kind != "structure" || info.kind == "carry-over" {
            assert!(
                info.examples.iter().any(|e| e.fires),
                "{}: a labelling rule needs a [[test]]",
                info.id
            );
        }
    }
}

#[test]
fn fixture_rules_load_and_pass() {
    let rules = RuleSet::load(&[fixtures()]).unwrap();
    let own: Vec<_> = rules
        .infos()
        .into_iter()
        .filter(|i| i.path.is_some())
        .collect();
    assert!(own.len() >= 2);
    let failures: Vec<_> = rules
        .self_check()
        .into_iter()
        .filter(|f| f.path.is_some())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn a_failing_example_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wrong-label.toml"),
        r###"summary = "deliberately wrong"
kind = "phrase"
implies = "reported"
words = ["purportedly"]
description = "## What it flags\nx\n## Why it matters\ny"
[[test]]
text = "The mayor purportedly resigned."
expect = "attributed"
"###,
    )
    .unwrap();
    let rules = RuleSet::load(&[dir.path().to_path_buf()]).unwrap();
    let failures: Vec<_> = rules
        .self_check()
        .into_iter()
        .filter(|f| f.rule == "wrong-label")
        .collect();
    assert_eq!(failures.len(), 1);
    assert!(failures[0]
        .message
        .contains("expected `attributed`, got `reported`"));
}

#[test]
fn user_rule_overrides_builtin_and_rules_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("reportedly-hedge.toml"),
        r###"summary = "house version"
kind = "phrase"
implies = "reported"
words = ["word on the street is"]
description = "## What it flags\nx\n## Why it matters\ny"
"###,
    )
    .unwrap();
    let mut rules = RuleSet::load(&[dir.path().to_path_buf()]).unwrap();
    let info = rules.info("reportedly-hedge").unwrap();
    assert_eq!(info.summary, "house version");
    assert!(info.path.is_some());
    let builtin_count = RuleSet::builtin().unwrap().infos().len();
    assert_eq!(rules.infos().len(), builtin_count);
    assert!(rules.disable("speech-verbs"));
    assert!(!rules.disable("no-such-rule"));
    assert!(!rules.info("speech-verbs").unwrap().enabled);
    assert!(rules.set_severity("speech-verbs", whosaid::checks::Severity::Warning));
}

#[test]
fn rule_list_and_explain_render() {
    let rules = RuleSet::builtin().unwrap();
    let list = whosaid::rules::render_rule_list(&rules.infos());
    assert!(list.lines().any(|l| l.starts_with("speech-verbs ")));
    let text = whosaid::rules::render_explain(&rules.infos(), "reportedly-hedge").unwrap();
    assert!(text.contains("## What it flags"));
    assert!(text.contains("reported: The minister reportedly met the envoy in Doha."));
    assert!(whosaid::rules::render_explain(&rules.infos(), "nope").is_none());
}
