//! Inline suppression comments (`<!-- whosaid off -->` …) applied to findings.
//!
//! Directives are HTML comments in Markdown and HTML articles (collected by the input parsers
//! into [`Document::directives`]):
//! - `whosaid off` … `whosaid on`: every rule, until `on` (or the end of the file);
//! - `whosaid-disable ID[, ID…]` … `whosaid-enable ID[, ID…]`: the named rules only
//!   (no id: every rule);
//! - `whosaid-disable-next-line ID[, ID…]`: the next non-blank line.
//!
//! Any of them may end with ` -- reason`; the reason is kept on each suppressed finding. A
//! finding is suppressed when its span starts inside a region. Suppressed findings are not
//! removed: they are marked ([`Finding::suppressed`]) so JSON and SARIF keep them.

use crate::checks::Finding;
use crate::document::{Directive, Document};
use crate::span::Span;
use serde::Serialize;

/// Why a finding is not counted: kept on the finding (`Finding::suppressed`) so JSON and SARIF
/// can show it as an audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppression {
    /// SARIF suppression kind: `inSource` for a comment in the file, `external` for a baseline.
    pub kind: SuppressionKind,
    /// The reason written after ` -- ` in the directive, if any.
    pub justification: Option<String>,
    /// Span of the directive comment in document text coordinates (`None` for a baseline).
    pub directive: Option<Span>,
}

/// SARIF `suppression.kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SuppressionKind {
    InSource,
    External,
}

impl SuppressionKind {
    /// The SARIF (and JSON report) name: `inSource` or `external`.
    pub fn as_str(self) -> &'static str {
        match self {
            SuppressionKind::InSource => "inSource",
            SuppressionKind::External => "external",
        }
    }
}

/// A parsed directive.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Command {
    Off,
    On,
    Disable(Vec<String>),
    Enable(Vec<String>),
    DisableNextLine(Vec<String>),
}

/// Parses a comment body; `None` when it is not a whosaid directive.
fn parse(body: &str) -> Option<(Command, Option<String>)> {
    let body = body.trim();
    let (body, reason) = match body.split_once(" -- ") {
        Some((b, r)) => (
            b.trim(),
            Some(r.trim().to_string()).filter(|r| !r.is_empty()),
        ),
        None => (body.strip_suffix(" --").unwrap_or(body).trim(), None),
    };
    let mut words = body.splitn(2, char::is_whitespace);
    let head = words.next()?;
    let rest = words.next().unwrap_or("");
    let ids = || -> Vec<String> {
        rest.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let cmd = match head {
        "whosaid" => match rest.trim() {
            "off" => Command::Off,
            "on" => Command::On,
            _ => return None,
        },
        "whosaid-disable" => Command::Disable(ids()),
        "whosaid-enable" => Command::Enable(ids()),
        "whosaid-disable-next-line" => Command::DisableNextLine(ids()),
        _ => return None,
    };
    Some((cmd, reason))
}

/// A region of text where some rules (all when `rules` is empty) are suppressed.
#[derive(Clone, Debug)]
struct Region {
    range: Span,
    rules: Vec<String>,
    reason: Option<String>,
    directive: Span,
}

impl Region {
    fn applies(&self, f: &Finding) -> bool {
        (self.range.start <= f.span.start && f.span.start < self.range.end)
            && (self.rules.is_empty() || self.rules.iter().any(|r| *r == f.rule))
    }
}

/// The text range of the first non-blank line after `pos`.
fn next_line(text: &str, pos: usize) -> Span {
    let bytes = text.as_bytes();
    let mut start = match memchr::memchr(b'\n', bytes.get(pos..).unwrap_or(&[])) {
        Some(i) => pos + i + 1,
        None => return Span::new(text.len(), text.len()),
    };
    loop {
        let end = memchr::memchr(b'\n', bytes.get(start..).unwrap_or(&[]))
            .map_or(text.len(), |i| start + i);
        let line = text.get(start..end).unwrap_or("");
        if !line.trim().is_empty() || end == text.len() {
            return Span::new(start, end);
        }
        start = end + 1;
    }
}

/// An open `disable` region.
struct Open {
    start: usize,
    rules: Vec<String>,
    reason: Option<String>,
    directive: Span,
}

fn regions(doc: &Document) -> Vec<Region> {
    let mut out = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let close = |o: Open, end: usize, out: &mut Vec<Region>| {
        out.push(Region {
            range: Span::new(o.start, end.max(o.start)),
            rules: o.rules,
            reason: o.reason,
            directive: o.directive,
        })
    };
    for Directive { span, body } in &doc.directives {
        let Some((cmd, reason)) = parse(body) else {
            continue;
        };
        match cmd {
            Command::Off | Command::Disable(_) => {
                let rules = match cmd {
                    Command::Disable(ids) => ids,
                    _ => Vec::new(),
                };
                open.push(Open {
                    start: span.end,
                    rules,
                    reason,
                    directive: *span,
                });
            }
            Command::On | Command::Enable(_) => {
                let ids = match cmd {
                    Command::Enable(ids) => ids,
                    _ => Vec::new(),
                };
                // `on`/`whosaid-enable` with no ids closes everything; with ids, those rules
                let (closing, keep): (Vec<Open>, Vec<Open>) = open
                    .drain(..)
                    .partition(|o| ids.is_empty() || o.rules.iter().any(|r| ids.contains(r)));
                open = keep;
                for mut o in closing {
                    if !ids.is_empty() && o.rules.len() > 1 {
                        // re-open the rules not named
                        let rest: Vec<String> = o
                            .rules
                            .iter()
                            .filter(|r| !ids.contains(r))
                            .cloned()
                            .collect();
                        open.push(Open {
                            start: span.end,
                            rules: rest,
                            reason: o.reason.clone(),
                            directive: o.directive,
                        });
                        o.rules.retain(|r| ids.contains(r));
                    }
                    close(o, span.start, &mut out);
                }
            }
            Command::DisableNextLine(rules) => out.push(Region {
                range: next_line(&doc.text, span.end),
                rules,
                reason,
                directive: *span,
            }),
        }
    }
    for o in open {
        close(o, doc.text.len(), &mut out);
    }
    out
}

/// Marks the findings that a directive in `doc` suppresses. Already suppressed findings keep
/// their first suppression. Returns how many were suppressed.
pub fn apply(doc: &Document, findings: &mut [Finding]) -> usize {
    if doc.directives.is_empty() {
        return 0;
    }
    let regions = regions(doc);
    let mut n = 0;
    for f in findings.iter_mut().filter(|f| f.suppressed.is_none()) {
        if let Some(r) = regions.iter().find(|r| r.applies(f)) {
            f.suppressed = Some(Box::new(Suppression {
                kind: SuppressionKind::InSource,
                justification: r.reason.clone(),
                directive: Some(r.directive),
            }));
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Severity;
    use crate::document::Format;

    fn finding(rule: &str, at: usize) -> Finding {
        Finding {
            rule: rule.into(),
            severity: Severity::Warning,
            message: "".into(),
            help: None,
            span: Span::new(at, at + 1),
            sentence: None,
            suppressed: None,
        }
    }

    fn doc(text: &str) -> Document {
        let mut d = crate::input::identity_document("t.md".into(), Format::Markdown, text.into());
        let mut from = 0;
        while let Some(s) = text[from..].find("<!--") {
            let s = from + s;
            let e = s + text[s..].find("-->").unwrap() + 3;
            d.directives.push(Directive {
                span: Span::new(s, e),
                body: text[s + 4..e - 3].trim().into(),
            });
            from = e;
        }
        d
    }

    #[test]
    fn parses_directives_and_reasons() {
        assert_eq!(parse("whosaid off"), Some((Command::Off, None)));
        assert_eq!(
            parse("whosaid-disable-next-line a, b -- quoted from the filing"),
            Some((
                Command::DisableNextLine(vec!["a".into(), "b".into()]),
                Some("quoted from the filing".into())
            ))
        );
        assert_eq!(parse("just a comment"), None);
        assert_eq!(parse("whosaid sometimes"), None);
    }

    #[test]
    fn regions_suppress_the_right_findings() {
        let t = "A.\n<!-- whosaid off -->\nB.\n<!-- whosaid on -->\nC.\n\
                 <!-- whosaid-disable x -->\nD.\n<!-- whosaid-enable x -->\n\
                 <!-- whosaid-disable-next-line y -- editor approved -->\n\nE.\nF.\n";
        let d = doc(t);
        let at = |s: &str| t.find(s).unwrap();
        let mut fs = vec![
            finding("x", at("A.")),
            finding("x", at("B.")),
            finding("x", at("C.")),
            finding("x", at("D.")),
            finding("y", at("D.")),
            finding("y", at("E.")),
            finding("x", at("E.")),
            finding("y", at("F.")),
        ];
        assert_eq!(apply(&d, &mut fs), 3);
        let s: Vec<bool> = fs.iter().map(|f| f.suppressed.is_some()).collect();
        assert_eq!(s, [false, true, false, true, false, true, false, false]);
        assert_eq!(
            fs[5].suppressed.as_ref().unwrap().justification.as_deref(),
            Some("editor approved")
        );
    }

    #[test]
    fn unclosed_off_runs_to_the_end() {
        let t = "<!-- whosaid off -- wire copy -->\nA.\n\nB.";
        let d = doc(t);
        let mut fs = vec![finding("x", t.find("B.").unwrap())];
        assert_eq!(apply(&d, &mut fs), 1);
    }
}
