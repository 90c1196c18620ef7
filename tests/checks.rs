//! Every editorial check's own examples (`[[test]]` must fire, `allows` must not) and the
//! fixtures under `tests/fixtures/checks/`, run through the real pipeline.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use whosaid::checks::{CheckSet, Finding, Severity};
use whosaid::rules::RuleSet;
use whosaid::{Checker, Format};

fn checker() -> Checker {
    Checker::new(RuleSet::builtin().unwrap())
}

fn findings(checker: &Checker, text: &str) -> (Vec<Finding>, String) {
    let doc = whosaid::input::parse(PathBuf::from("t.txt"), Format::Plain, text.to_string());
    let r = checker.check_document(doc);
    let t = r.doc.text.to_string();
    (r.findings, t)
}

fn show(fs: &[Finding], text: &str) -> String {
    fs.iter()
        .map(|f| {
            format!(
                "  {} {} {:?}: {}",
                f.rule,
                f.severity.as_str(),
                f.span.slice(text),
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn builtin_checks_load_and_are_all_tested() {
    let set = CheckSet::builtin().unwrap();
    assert_eq!(set.defs().len(), 11);
    for d in set.defs() {
        assert!(!d.tests.is_empty(), "{} has no [[test]]", d.id);
        assert!(!d.allows.is_empty(), "{} has no allows", d.id);
        assert!(d.description.contains("## What it flags"), "{}", d.id);
        assert!(d.description.contains("## Why it matters"), "{}", d.id);
    }
    let infos = set.infos();
    assert!(infos
        .iter()
        .all(|i| i.kind == "check" && i.severity.is_some()));
}

#[test]
fn every_check_example() {
    let checker = checker();
    let mut failures = Vec::new();
    for def in checker.checks.defs() {
        for t in &def.tests {
            let (fs, text) = findings(&checker, &t.text);
            let mine: Vec<&Finding> = fs.iter().filter(|f| f.rule == def.id).collect();
            let ok = mine.iter().any(|f| {
                t.severity.is_none_or(|s| f.severity == s)
                    && t.span.as_deref().is_none_or(|s| f.span.slice(&text) == s)
            });
            if !ok {
                failures.push(format!(
                    "{}: must fire (severity {:?}, span {:?}) on {:?}; got:\n{}",
                    def.id,
                    t.severity,
                    t.span,
                    t.text,
                    show(&fs, &text)
                ));
            }
        }
        for a in &def.allows {
            let (fs, text) = findings(&checker, a);
            let mine: Vec<Finding> = fs.into_iter().filter(|f| f.rule == def.id).collect();
            if !mine.is_empty() {
                failures.push(format!(
                    "{}: must not fire on {a:?}; got:\n{}",
                    def.id,
                    show(&mine, &text)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `tests/fixtures/checks/NAME.txt` with `NAME.expect`: one line per expectation,
/// `fires RULE [SEVERITY] ["SPAN"]` or `quiet RULE`.
#[test]
fn fixtures() {
    let checker = checker();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks");
    let mut failures = Vec::new();
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let expect = std::fs::read_to_string(path.with_extension("expect")).unwrap();
        let (fs, t) = findings(&checker, &text);
        for line in expect
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            n += 1;
            let (verb, rest) = line.split_once(' ').unwrap();
            let (rule, rest) = rest.split_once(' ').unwrap_or((rest, ""));
            let rest = rest.trim();
            let (sev, span) = match rest.split_once(' ') {
                _ if rest.starts_with('"') => (None, Some(rest.trim_matches('"'))),
                Some((s, sp)) => (Some(s), Some(sp.trim().trim_matches('"'))),
                None if rest.is_empty() => (None, None),
                None => (Some(rest), None),
            };
            let sev: Option<Severity> =
                sev.map(|s| serde_json::from_value(serde_json::json!(s)).unwrap());
            let hit = fs.iter().any(|f| {
                f.rule == rule
                    && sev.is_none_or(|s| f.severity == s)
                    && span.is_none_or(|s| f.span.slice(&t) == s)
            });
            let ok = match verb {
                "fires" => hit,
                "quiet" => !fs.iter().any(|f| f.rule == rule),
                other => panic!("{}: unknown expectation {other}", path.display()),
            };
            if !ok {
                failures.push(format!(
                    "{}: `{line}` failed; got:\n{}",
                    path.display(),
                    show(&fs, &t)
                ));
            }
        }
    }
    assert!(n > 0, "no fixture expectations found");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn load_error(id: &str, text: &str) -> String {
    let mut set = CheckSet::builtin().unwrap();
    match set.load_str(id, text, Path::new("house/loaded-verb.toml")) {
        Err(e @ whosaid::Error::Rule { .. }) => e.to_string(),
        other => panic!("expected a rule error, got {other:?}"),
    }
}

const GOOD: &str = "summary = \"s\"\nseverity = \"info\"\nhelp = \"h\"\ndescription = \"d\"\n";

#[test]
fn load_errors_name_file_line_column_and_key() {
    let e = load_error("loaded-verb", &format!("{GOOD}colour = \"red\"\n"));
    assert!(
        e.contains("house/loaded-verb.toml") && e.contains("line 5") && e.contains("`colour`"),
        "{e}"
    );
    let e = load_error(
        "loaded-verb",
        "summary = \"s\"\nseverity = 3\nhelp = \"h\"\ndescription = \"d\"\n",
    );
    assert!(
        e.contains("line 2, column 12") && e.contains("`severity`"),
        "{e}"
    );
    let e = load_error(
        "loaded-verb",
        &format!("{GOOD}[lists]\nadverbs = [\"x\"]\n"),
    );
    assert!(e.contains("line 6") && e.contains("lists.adverbs"), "{e}");
    let e = load_error("loaded-verb", &format!("id = \"other\"\n{GOOD}"));
    assert!(e.contains("line 1") && e.contains("`id`"), "{e}");
    let e = load_error("no-such-check", GOOD);
    assert!(e.contains("no-such-check"), "{e}");
}

#[test]
fn a_house_file_replaces_a_check_and_its_lists() {
    let mut set = CheckSet::builtin().unwrap();
    let text = format!("{GOOD}[lists]\nverbs = [\"opined\"]\nclause-starts = [\"that\"]\n");
    set.load_str("loaded-verb", &text, Path::new("loaded-verb.toml"))
        .unwrap();
    let mut checker = checker();
    checker.checks = set;
    let (fs, _) = findings(
        &checker,
        "Mayor Smith opined that the budget was too small.",
    );
    assert!(fs
        .iter()
        .any(|f| f.rule == "loaded-verb" && f.severity == Severity::Info));
    let (fs, _) = findings(&checker, "The mayor claimed that the budget was too small.");
    assert!(!fs.iter().any(|f| f.rule == "loaded-verb"));
}

#[test]
fn disable_and_set_severity() {
    let mut checker = checker();
    let text = "The minister claimed that the figures were wrong.";
    assert!(checker.checks.set_severity("loaded-verb", Severity::Error));
    let (fs, _) = findings(&checker, text);
    assert!(fs
        .iter()
        .any(|f| f.rule == "loaded-verb" && f.severity == Severity::Error));
    assert!(checker.checks.disable("loaded-verb"));
    let (fs, _) = findings(&checker, text);
    assert!(!fs.iter().any(|f| f.rule == "loaded-verb"));
    assert!(!checker.checks.disable("no-such-check"));
}

#[test]
fn clock_times_years_and_names_with_digits_are_not_figures() {
    let checker = checker();
    for text in [
        "Polls close at 8:00 p.m.",
        "The bridge opened in 1998.",
        "The F-16 landed safely.",
    ] {
        let (fs, _) = findings(&checker, text);
        let f = fs.iter().find(|f| f.rule == "unattributed-claim");
        assert!(
            f.is_some_and(|f| !f.message.contains("figure")),
            "{text}: {:?}",
            f
        );
    }
    let (fs, _) = findings(&checker, "Floods destroyed 2,300 homes in the valley.");
    assert!(fs
        .iter()
        .any(|f| f.rule == "unattributed-claim" && f.message.contains("figure")));
}

/// Every check looks only a bounded window around each match, so one huge sentence full of
/// triggers stays fast (the checks alone, with plain labels, no classifier).
#[test]
fn checks_are_linear_on_one_huge_sentence() {
    let text = "the minister claimed that 2,003 people allegedly died, a source said, experts say \"it was bad\" reportedly and he believes that, ".repeat(3000);
    let doc = whosaid::input::parse(PathBuf::from("big.txt"), Format::Plain, text);
    let seg = whosaid::segment::segment(&doc);
    let labels: Vec<whosaid::Classification> = seg
        .sentences
        .iter()
        .map(|_| whosaid::Classification {
            label: whosaid::Label::Unattributed,
            sources: Default::default(),
            cues: Default::default(),
            rule: None,
            inherited: false,
        })
        .collect();
    let checks = CheckSet::builtin().unwrap();
    let start = std::time::Instant::now();
    let fs = whosaid::checks::run(&doc, &seg, &labels, &checks);
    assert!(!fs.is_empty());
    assert!(
        start.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
}
