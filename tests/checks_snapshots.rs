//! Snapshots of the terminal and JSON reports for an article (our own) that triggers every
//! editorial check, with its source ledger.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use whosaid::report::{self, ReportFormat, ReportOptions};
use whosaid::rules::RuleSet;
use whosaid::{Checker, FileReport, Format};

fn checked() -> FileReport {
    let path = "tests/fixtures/checks/every-finding.txt";
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let checker = Checker::new(RuleSet::builtin().unwrap());
    checker.check_document(whosaid::input::parse(
        PathBuf::from(path),
        Format::Plain,
        text,
    ))
}

fn render(format: ReportFormat) -> String {
    let r = checked();
    let opts = ReportOptions {
        show_sources: true,
        ..ReportOptions::default()
    };
    let mut rep = report::reporter(format, opts);
    report::render_all(rep.as_mut(), &[], std::slice::from_ref(&r))
}

#[test]
fn every_check_fires_on_the_article() {
    let r = checked();
    let checks = whosaid::checks::CheckSet::builtin().unwrap();
    for d in checks.defs() {
        assert!(
            r.findings.iter().any(|f| f.rule == d.id),
            "{} did not fire",
            d.id
        );
    }
}

#[test]
fn every_finding_terminal() {
    let out = render(ReportFormat::Terminal);
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!("checks__every-finding-terminal", out);
    });
}

#[test]
fn every_finding_json() {
    let out = render(ReportFormat::Json);
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!("checks__every-finding-json", out);
    });
}
