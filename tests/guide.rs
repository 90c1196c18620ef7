//! Loads and runs every TOML example of `docs/writing-rules.md`: rule files (named by their first
//! comment line) through `RuleSet::load` and their own examples, configuration files through
//! the configuration parser, with every rule id they name checked.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use whosaid::rules::RuleSet;

/// `(file name, text)` of every ```toml block.
fn blocks() -> Vec<(String, String)> {
    let guide = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/writing-rules.md"),
    )
    .unwrap();
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    for line in guide.lines() {
        match (&mut cur, line.trim_end()) {
            (None, "```toml") => cur = Some(String::new()),
            (Some(text), "```") => {
                let name = text
                    .lines()
                    .next()
                    .unwrap_or("")
                    .trim_start_matches('#')
                    .trim()
                    .to_string();
                out.push((name, std::mem::take(text)));
                cur = None;
            }
            (Some(text), l) => {
                text.push_str(l);
                text.push('\n');
            }
            _ => {}
        }
    }
    out
}

#[test]
fn every_guide_example_loads_and_runs() {
    let all = blocks();
    assert!(all.len() >= 4, "expected the worked examples");
    let dir = tempfile::tempdir().unwrap();
    let mut configs = Vec::new();
    let mut rule_dirs: Vec<PathBuf> = Vec::new();
    for (name, text) in &all {
        assert!(
            name.ends_with(".toml"),
            "every toml block starts with `# path/file.toml`: {name}"
        );
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        if name.ends_with("whosaid.toml") {
            configs.push((path, text.clone()));
        } else {
            let parent = path.parent().unwrap().to_path_buf();
            if !rule_dirs.contains(&parent) {
                rule_dirs.push(parent);
            }
        }
    }
    let rules = RuleSet::load(&rule_dirs).unwrap();
    let own: Vec<_> = rules
        .infos()
        .into_iter()
        .filter(|i| i.path.is_some())
        .collect();
    assert_eq!(own.len(), all.len() - configs.len());
    assert!(own.iter().all(|i| i.examples.iter().any(|e| e.fires)));
    let failures: Vec<_> = rules
        .self_check()
        .into_iter()
        .filter(|f| f.path.is_some())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(!configs.is_empty());
    for (path, text) in configs {
        let cfg = whosaid::config::parse(&path, &text).unwrap();
        let mut rules = RuleSet::builtin().unwrap();
        for id in &cfg.disable {
            assert!(rules.disable(id), "guide disables unknown rule `{id}`");
        }
        for (id, sev) in &cfg.severity {
            assert!(
                rules.set_severity(id, *sev),
                "guide sets severity of unknown rule `{id}`"
            );
        }
        if let Some(n) = cfg.carry_over {
            rules.set_carry_over(n);
        }
    }
}
