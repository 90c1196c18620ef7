//! Shared fixtures of `tests/formats.rs`: the fixture article through the real pipeline, and a
//! hand-made report whose findings exercise carets, escaping and suppression.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use whosaid::checks::{Finding, Severity};
use whosaid::rules::{RuleInfo, RuleSet};
use whosaid::suppress::{Suppression, SuppressionKind};
use whosaid::{Checker, FileReport, Format, Span};

pub const ARTICLE: &str = "tests/fixtures/formats/shared-article.md";

pub fn checker() -> Checker {
    Checker::new(RuleSet::builtin().unwrap())
}

/// The rule metadata a run passes to `begin` (classifier rules and checks).
pub fn rules(c: &Checker) -> Vec<RuleInfo> {
    let mut all = c.rules.infos();
    all.extend(c.checks.infos());
    all.sort_by(|a, b| a.id.cmp(&b.id));
    all
}

/// The fixture article through the real pipeline, with inline suppression applied.
pub fn article_report(c: &Checker) -> FileReport {
    let path = PathBuf::from(ARTICLE);
    let bytes = std::fs::read(env!("CARGO_MANIFEST_DIR").to_string() + "/" + ARTICLE).unwrap();
    let mut r = c.check_bytes(path, Format::Markdown, bytes).unwrap();
    whosaid::suppress::apply(&r.doc, &mut r.findings);
    r
}

/// A small text whose findings are made by hand: a tab and wide characters before a span, a
/// span over two lines, markup and `%`/`,`/`:` in messages, and a suppressed finding.
pub const HAND: &str = "Council vote: 5, 4 <b>passed</b> & done.\n\
\tThe mayor of 北京 said the plan is \"100% done\".\n\
The works were reportedly\n\
delayed twice, officials said.\n";

pub fn find(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap();
    Span::new(start, start + needle.len())
}

pub fn hand_report(c: &Checker) -> FileReport {
    let doc = whosaid::input::parse(
        PathBuf::from("desk/hand made, v2.txt"),
        Format::Plain,
        HAND.to_string(),
    );
    let mut r = c.check_document(doc);
    let sentence_of = |r: &FileReport, s: Span| {
        r.segmentation
            .sentences
            .iter()
            .position(|x| x.span.contains(s))
    };
    let mk = |r: &FileReport, rule: &str, sev, needle: &str, msg: &str, help: Option<&str>| {
        let span = find(&r.doc.text, needle);
        Finding {
            rule: rule.into(),
            severity: sev,
            message: msg.into(),
            help: help.map(Into::into),
            span,
            sentence: sentence_of(r, span),
            suppressed: None,
        }
    };
    let mut findings = vec![
        mk(
            &r,
            "vague-source",
            Severity::Warning,
            "北京 said",
            "vague source: 100% sure, say <who>",
            Some("name the office, e.g. \"the mayor's office\""),
        ),
        mk(
            &r,
            "hedge-only",
            Severity::Error,
            "reportedly\ndelayed",
            "`reportedly` with no outlet named\nsecond line",
            None,
        ),
        mk(
            &r,
            "loaded-verb",
            Severity::Info,
            "passed",
            "a note about <b>",
            Some("use `said`"),
        ),
    ];
    findings[2].suppressed = Some(Box::new(Suppression {
        kind: SuppressionKind::InSource,
        justification: Some("quoted from the minutes, 100%: verified".to_string()),
        directive: None,
    }));
    r.findings = findings;
    r
}
