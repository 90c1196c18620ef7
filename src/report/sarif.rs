//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and SARIF viewers.
//!
//! One run; `tool.driver.rules` from the loaded rules that produce findings; one result per
//! finding with a repository-relative, forward-slash `artifactLocation.uri` (against
//! `%SRCROOT%`), a region in Unicode code points (`columnKind`), a `partialFingerprints` hash of
//! rule, path and normalised sentence text (so alerts survive lines moving), and `suppressions`
//! for findings suppressed inline or by a baseline. Streamed: results are written file by file.

use super::{Locator, ReportOptions, Reporter, Summary, SuppressionKind};
use crate::check::FileReport;
use crate::checks::{Finding, Severity};
use crate::rules::RuleInfo;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::io::{self, Write};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The `partialFingerprints` key GitHub matches alerts on (upload-sarif keeps a given value).
pub const FINGERPRINT_KEY: &str = "primaryLocationLineHash";

/// SARIF `level` of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// 64-bit FNV-1a: a hash that stays the same across Rust versions and platforms.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// White space collapsed to single spaces, trimmed.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Percent-encodes a relative path for a URI reference (keeps unreserved characters and `/`).
pub fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A rule description without its Markdown headings (for the plain `fullDescription`).
fn plain(markdown: &str) -> String {
    let lines: Vec<&str> = markdown
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    lines.join("\n").trim().to_string()
}

fn rule_value(r: &RuleInfo) -> Value {
    let mut props = Map::new();
    props.insert("kind".into(), json!(r.kind));
    if let Some(l) = r.implies {
        props.insert("implies".into(), json!(l.as_str()));
    }
    props.insert("tags".into(), json!(["attribution", "editorial"]));
    json!({
        "id": r.id,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": plain(&r.description)},
        "help": {"text": r.description, "markdown": r.description},
        "defaultConfiguration": {
            "level": r.severity.map_or("none", level),
            "enabled": r.enabled,
        },
        "properties": props,
    })
}

pub struct SarifReporter {
    opts: ReportOptions,
    /// Rule id → index into `tool.driver.rules`.
    rule_index: HashMap<String, usize>,
    results: usize,
}

impl SarifReporter {
    pub fn new(opts: ReportOptions) -> Self {
        SarifReporter {
            opts,
            rule_index: HashMap::new(),
            results: 0,
        }
    }

    fn result(
        &self,
        r: &FileReport,
        loc: &Locator,
        uri: &str,
        f: &Finding,
        seen: &mut HashMap<u64, usize>,
    ) -> Value {
        let l = loc.locate(f.span);
        let sentence = f
            .sentence
            .and_then(|i| r.segmentation.sentences.get(i))
            .map(|s| r.doc.source_span(s.span).slice(&r.doc.source));
        let label = f
            .sentence
            .and_then(|i| r.labels.get(i))
            .map(|c| c.label.as_str());
        let snippet = l.span.slice(&r.doc.source);
        let key = format!(
            "{}\0{}\0{}\0{}",
            f.rule,
            uri,
            normalise(sentence.unwrap_or("")),
            normalise(snippet)
        );
        let hash = fnv1a(key.as_bytes());
        let n = seen.entry(hash).or_insert(0);
        *n += 1;
        let mut text = f.message.to_string();
        if let Some(h) = &f.help {
            text.push_str("\n\nHelp: ");
            text.push_str(h);
        }
        let mut res = json!({
            "ruleId": f.rule,
            "level": level(f.severity),
            "message": {"text": text},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                    "region": {
                        "startLine": l.start.line,
                        "startColumn": l.start.column,
                        "endLine": l.end.line,
                        "endColumn": l.end.column,
                        "snippet": {"text": snippet},
                    },
                },
            }],
            "partialFingerprints": {FINGERPRINT_KEY: format!("{hash:016x}:{n}")},
            "properties": {"label": label, "sentence": sentence},
        });
        if let Some(obj) = res.as_object_mut() {
            if let Some(i) = self.rule_index.get(f.rule.as_str()) {
                obj.insert("ruleIndex".into(), json!(i));
            }
            if let Some(s) = &f.suppressed {
                let kind = match s.kind {
                    SuppressionKind::InSource => "inSource",
                    SuppressionKind::External => "external",
                };
                let mut sup = json!({"kind": kind, "status": "accepted"});
                if let (Some(o), Some(j)) = (sup.as_object_mut(), &s.justification) {
                    o.insert("justification".into(), json!(j));
                }
                obj.insert("suppressions".into(), json!([sup]));
            }
        }
        res
    }
}

impl Reporter for SarifReporter {
    fn begin(&mut self, rules: &[RuleInfo], out: &mut dyn Write) -> io::Result<()> {
        let listed: Vec<&RuleInfo> = rules.iter().filter(|r| r.severity.is_some()).collect();
        self.rule_index = listed
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        self.results = 0;
        let driver = json!({
            "name": "whosaid",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": listed.iter().map(|r| rule_value(r)).collect::<Vec<_>>(),
        });
        let driver = serde_json::to_string(&driver).map_err(io::Error::other)?;
        write!(
            out,
            "{{\"$schema\":\"{SCHEMA_URI}\",\"version\":\"2.1.0\",\"runs\":[{{\
             \"tool\":{{\"driver\":{driver}}},\"columnKind\":\"unicodeCodePoints\",\
             \"results\":["
        )
    }

    fn file(&mut self, r: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let loc = Locator::new(&r.doc);
        let uri = uri_path(&self.opts.path_of(&r.doc.path));
        let mut seen = HashMap::new();
        for f in &r.findings {
            let v = self.result(r, &loc, &uri, f, &mut seen);
            if self.results > 0 {
                out.write_all(b",")?;
            }
            out.write_all(b"\n")?;
            serde_json::to_writer(&mut *out, &v).map_err(io::Error::other)?;
            self.results += 1;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let inv = json!([{"executionSuccessful": summary.errors == 0}]);
        writeln!(out, "\n],\"invocations\":{inv}}}]}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn uri_paths_are_percent_encoded() {
        assert_eq!(uri_path("news/a b,é.md"), "news/a%20b%2C%C3%A9.md");
    }
}
