//! Documents for the report writers' tests: the checks' examples and a text that mixes
//! suppression comments, escapes, other scripts, CRLF and white space, with an empty file.

use super::FileReport;
use crate::{Checker, Format};

/// The builtin checker, built once for all tests.
pub(crate) fn checker() -> &'static Checker {
    static CHECKER: std::sync::OnceLock<Checker> = std::sync::OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(crate::rules::RuleSet::builtin().unwrap()))
}

/// Findings, a suppressed block, a backslash, a tab, other scripts, an emoji and CRLF.
pub(crate) const MIXED: &str =
    "Officials said 3 people died.\r\n\"We will stay,\" a source said.\r\n\
     A senior official said the \\ tax\tin 北京 rose 40% 😀, the report said. \
     \n\n<!-- whosaid-disable vague-source -- house style -->\n\nExperts say it is \
     the worst year ever.\n\n<!-- whosaid-enable vague-source -->\n\n";

/// The checks' example texts, then `tail` after [`MIXED`], then an empty file.
pub(crate) fn texts(tail: &str) -> Vec<String> {
    let mut texts = crate::checks::CheckSet::builtin().unwrap().example_texts();
    texts.push(format!("{MIXED}{tail}"));
    texts.push(String::new());
    texts
}

/// The reports of `texts` read as `format`, the `i`-th at path `path(i)`, with their
/// suppression comments applied.
pub(crate) fn reports(
    texts: &[String],
    format: Format,
    path: impl Fn(usize) -> String,
) -> Vec<FileReport> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let doc = crate::input::parse(path(i).into(), format, text.clone());
            let mut report = checker().check_document(doc);
            crate::suppress::apply(&report.doc, &mut report.findings);
            report
        })
        .collect()
}
