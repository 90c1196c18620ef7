//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and SARIF viewers.
//!
//! One run; `tool.driver.rules` from the loaded rules that produce findings; one result per
//! finding with a repository-relative, forward-slash `artifactLocation.uri` (against
//! `%SRCROOT%`), a region in Unicode code points (`columnKind`), a `partialFingerprints` hash of
//! rule, path and normalised sentence text (so alerts survive lines moving), and `suppressions`
//! for findings suppressed inline or by a baseline. Streamed: results are written file by file.

use super::escape::{name, string};
use super::escaped::Escaped;
use super::json::FLUSH_AT;
use super::json_objects::{big_string, spill};
use super::pretty::number;
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

/// The fingerprint hash ([`fnv1a`]) of `rule`, `uri`, the sentence and the snippet, white
/// space collapsed, joined by NUL bytes: `fnv1a` of
/// `format!("{rule}\0{uri}\0{}\0{}", normalise(sentence), normalise(snippet))`, fed byte by
/// byte without building the key (issue 6: the key and its two normalised copies were three
/// allocations per result).
fn fingerprint(rule: &str, uri: &str, sentence: &str, snippet: &str) -> u64 {
    let mut h = Fnv::default();
    h.bytes(rule.as_bytes());
    h.byte(0);
    h.bytes(uri.as_bytes());
    h.byte(0);
    h.normalised(sentence);
    h.byte(0);
    h.normalised(snippet);
    h.0
}

/// 64-bit FNV-1a fed a piece at a time ([`fnv1a`] of the pieces joined).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    #[inline(always)]
    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }

    #[inline]
    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }

    /// [`normalise`] of `text` (its words, as `split_whitespace` cuts them, joined by single
    /// spaces), byte by byte: bytes are classed by a table ([`CLASS`]), runs of bytes of words
    /// hashed in a tight loop, and only characters that may be white space outside ASCII are
    /// decoded (a white space character is skipped whole; any other is hashed byte by byte).
    fn normalised(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let (mut i, mut word, mut gap) = (0, false, false);
        while let Some(&b) = bytes.get(i) {
            let class = CLASS[usize::from(b)];
            let space = match class {
                SPACE => true,
                PLAIN => false,
                _ => match text.get(i..).and_then(|t| t.chars().next()) {
                    Some(c) if c.is_whitespace() => {
                        i += c.len_utf8() - 1;
                        true
                    }
                    _ => false,
                },
            };
            if space {
                gap = word;
                i += 1;
                continue;
            }
            if gap {
                self.byte(b' ');
                gap = false;
            }
            word = true;
            // this byte and the plain ones after it
            self.byte(b);
            i += 1;
            while let Some(&b) = bytes.get(i) {
                if CLASS[usize::from(b)] != PLAIN {
                    break;
                }
                self.byte(b);
                i += 1;
            }
        }
    }
}

/// [`Fnv::normalised`]'s classes of bytes: part of a word, ASCII white space
/// (`char::is_whitespace`: tab, line feed, vertical tab, form feed, carriage return, space),
/// or the first byte of a character that may be white space (U+0085 and U+00A0 start with
/// 0xC2, U+1680 with 0xE1, U+2000 to U+205F with 0xE2, U+3000 with 0xE3; tested against
/// `char::is_whitespace` for every character).
const PLAIN: u8 = 0;
const SPACE: u8 = 1;
const MAYBE: u8 = 2;
static CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'\t'..=b'\r' | b' ' => SPACE,
            0xc2 | 0xe1 | 0xe2 | 0xe3 => MAYBE,
            _ => PLAIN,
        };
        b += 1;
    }
    t
};

/// Writes the 16 lower-case hex digits of `h`.
fn hex16(out: &mut Vec<u8>, h: u64) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut digits = [0u8; 16];
    for (k, d) in digits.iter_mut().enumerate() {
        *d = HEX[((h >> (60 - 4 * k)) & 0xf) as usize];
    }
    out.extend_from_slice(&digits);
}

pub struct SarifReporter {
    opts: ReportOptions,
    /// Rule id → index into `tool.driver.rules`.
    rule_index: HashMap<String, usize>,
    results: usize,
    /// The gathering buffer: results go out in pieces of [`FLUSH_AT`] bytes (as in the JSON
    /// report), kept from one file to the next.
    buf: Vec<u8>,
    /// Rule ids, messages and help texts escaped once.
    esc: Escaped,
    /// Results per fingerprint hash in the current file (kept for its capacity).
    seen: HashMap<u64, usize>,
}

impl SarifReporter {
    pub fn new(opts: ReportOptions) -> Self {
        SarifReporter {
            opts,
            rule_index: HashMap::new(),
            results: 0,
            buf: Vec::new(),
            esc: Escaped::default(),
            seen: HashMap::new(),
        }
    }

    /// Writes one result object on one line, keys in the order serde_json's sorted map writes
    /// them, laid out as `serde_json::to_writer` writes the value tree of `tests::result`
    /// (issue 6: building, writing and dropping a tree per result was half of the run).
    fn result(
        &mut self,
        out: &mut dyn Write,
        r: &FileReport,
        loc: &Locator,
        uri: &str,
        uri_json: &[u8],
        f: &Finding,
    ) -> io::Result<()> {
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
        let hash = fingerprint(&f.rule, uri, sentence.unwrap_or(""), snippet);
        let n = self.seen.entry(hash).or_insert(0);
        *n += 1;
        let n = *n;
        let buf = &mut self.buf;
        buf.extend_from_slice(b"{\"level\":");
        name(buf, level(f.severity));
        buf.extend_from_slice(
            b",\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":",
        );
        buf.extend_from_slice(uri_json);
        buf.extend_from_slice(b",\"uriBaseId\":\"%SRCROOT%\"},\"region\":{\"endColumn\":");
        number(buf, l.end.column);
        buf.extend_from_slice(b",\"endLine\":");
        number(buf, l.end.line);
        buf.extend_from_slice(b",\"snippet\":{\"text\":");
        big_string(buf, out, snippet)?;
        buf.extend_from_slice(b"},\"startColumn\":");
        number(buf, l.start.column);
        buf.extend_from_slice(b",\"startLine\":");
        number(buf, l.start.line);
        buf.extend_from_slice(b"}}}],\"message\":{\"text\":");
        // the message, and the help after it, inside one string
        self.esc
            .write_joined(buf, &f.message, b"\\n\\nHelp: ", f.help.as_ref());
        buf.extend_from_slice(b"},\"partialFingerprints\":{\"");
        buf.extend_from_slice(FINGERPRINT_KEY.as_bytes());
        buf.extend_from_slice(b"\":\"");
        hex16(buf, hash);
        buf.push(b':');
        number(buf, n);
        buf.extend_from_slice(b"\"},\"properties\":{\"label\":");
        match label {
            Some(label) => name(buf, label),
            None => buf.extend_from_slice(b"null"),
        }
        buf.extend_from_slice(b",\"sentence\":");
        match sentence {
            Some(s) => big_string(buf, out, s)?,
            None => buf.extend_from_slice(b"null"),
        }
        buf.extend_from_slice(b"},\"ruleId\":");
        self.esc.write(buf, &f.rule);
        if let Some(i) = self.rule_index.get(f.rule.as_str()) {
            buf.extend_from_slice(b",\"ruleIndex\":");
            number(buf, *i);
        }
        if let Some(s) = &f.suppressed {
            buf.extend_from_slice(b",\"suppressions\":[{");
            if let Some(j) = &s.justification {
                buf.extend_from_slice(b"\"justification\":");
                string(buf, j);
                buf.push(b',');
            }
            buf.extend_from_slice(match s.kind {
                SuppressionKind::InSource => b"\"kind\":\"inSource\"".as_slice(),
                SuppressionKind::External => b"\"kind\":\"external\"".as_slice(),
            });
            buf.extend_from_slice(b",\"status\":\"accepted\"}]");
        }
        buf.push(b'}');
        spill(buf, out)
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
        if r.findings.is_empty() {
            return Ok(());
        }
        let loc = Locator::new(&r.doc);
        let uri = uri_path(&self.opts.path_of(&r.doc.path));
        let mut uri_json = Vec::with_capacity(uri.len() + 2);
        string(&mut uri_json, &uri);
        self.seen.clear();
        for f in &r.findings {
            self.buf
                .extend_from_slice(if self.results > 0 { b",\n" } else { b"\n" });
            self.result(out, r, &loc, &uri, &uri_json, f)?;
            self.results += 1;
        }
        // a buffer grown by one huge result is not kept for the next file
        if self.buf.capacity() > 2 * FLUSH_AT {
            out.write_all(&self.buf)?;
            self.buf = Vec::new();
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let rest = out.write_all(&self.buf);
        self.buf.clear();
        rest?;
        let inv = json!([{"executionSuccessful": summary.errors == 0}]);
        writeln!(out, "\n],\"invocations\":{inv}}}]}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::samples;
    use proptest::prelude::*;

    /// White space collapsed to single spaces, trimmed.
    fn normalise(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The value tree of one result: how the reporter built each result before it wrote them
    /// straight to the output (the reference the streamed results are tested against).
    fn result(
        rule_index: &HashMap<String, usize>,
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
            if let Some(i) = rule_index.get(f.rule.as_str()) {
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

    /// The reports of `texts` (suppression directives applied; every third finding also
    /// suppressed as a baseline would, every other one of those with a justification).
    fn reports(texts: &[String], format: crate::Format) -> Vec<FileReport> {
        let mut reports = samples::reports(texts, format, |i| format!("dir/a b,é/t{i}.md"));
        let mut k = 0;
        for f in reports.iter_mut().flat_map(|r| r.findings.iter_mut()) {
            k += 1;
            if f.suppressed.is_none() && k % 3 == 0 {
                f.suppressed = Some(Box::new(crate::suppress::Suppression {
                    kind: SuppressionKind::External,
                    justification: (k % 2 == 0).then(|| "baseline \"2024\"".into()),
                    directive: None,
                }));
            }
        }
        reports
    }

    /// The streamed report of `texts` equals the one written from value trees, with every
    /// rule listed and with some left out of `tool.driver.rules` (no `ruleIndex`).
    fn streams_as_the_value_trees(texts: &[String], format: crate::Format) {
        let reports = reports(texts, format);
        let mut all = samples::checker().rules.infos();
        all.extend(samples::checker().checks.infos());
        all.sort_by(|a, b| a.id.cmp(&b.id));
        let some: Vec<RuleInfo> = all.iter().step_by(2).cloned().collect();
        for rules in [&all, &some] {
            let mut rep = SarifReporter::new(ReportOptions::default());
            let got = super::super::render_all(&mut rep, rules, &reports);
            // the reference: the head and tail as streamed, the results from value trees
            let mut want = Vec::new();
            rep.begin(rules, &mut want).unwrap();
            let mut first = true;
            for r in &reports {
                let loc = Locator::new(&r.doc);
                let uri = uri_path(&rep.opts.path_of(&r.doc.path));
                let mut seen = HashMap::new();
                for f in &r.findings {
                    let v = result(&rep.rule_index, r, &loc, &uri, f, &mut seen);
                    want.extend_from_slice(if first { b"\n" } else { b",\n" });
                    first = false;
                    serde_json::to_writer(&mut want, &v).unwrap();
                }
            }
            rep.finish(&Summary::of(&reports), &mut want).unwrap();
            assert_eq!(got, String::from_utf8(want).unwrap());
        }
    }

    /// The streamed results equal their value trees on the checks' examples, on suppressed
    /// findings (with and without a justification), escapes, other scripts and CRLF.
    #[test]
    fn streamed_results_equal_the_value_trees() {
        let texts = samples::texts(
            "<!-- whosaid-disable-next-line vague-source -->\nExperts say so.\n\n\
             Experts say it\u{2003}is\u{a0}the  worst\u{85} year \u{3000}ever. Experts say so.\n",
        );
        streams_as_the_value_trees(&texts, crate::Format::Markdown);
        streams_as_the_value_trees(&texts, crate::Format::Plain);
    }

    /// Pieces of news copy and of odd text: quotation marks, control characters, every kind
    /// of white space, other scripts, joined emoji.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "Officials said 3 people died in the fire. ",
            "\"We will stay,\" a source said. ",
            "Experts say it is the worst year ever. ",
            "Critics allegedly fled, sources said. ",
            "It was reportedly the largest strike in decades. ",
            "\t",
            "\n",
            "\r\n",
            "\n\n",
            "\u{b}\u{c}\u{1}\u{1f}\u{7f}",
            "\u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}",
            "\u{200b}\u{180e}\u{feff}",
            "\\",
            "北京市の当局者によると、",
            "\u{1F469}\u{200D}\u{1F467}",
            "’“”—",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Random copy streams as its value trees.
        #[test]
        fn odd_texts_stream_as_the_value_trees(pieces in prop::collection::vec(piece(), 0..40)) {
            let texts = vec![pieces.concat(), pieces.join(" ")];
            streams_as_the_value_trees(&texts, crate::Format::Plain);
        }

        /// The fingerprint fed piece by piece is the hash of the key built whole, on any text.
        #[test]
        fn fingerprints_equal_the_hash_of_the_key(
            a in any::<String>(),
            b in "[ a\t\n\u{b}\u{c}\r\u{85}\u{a0}\u{2000}\u{3000}é😀x]{0,40}",
        ) {
            let key = format!("r\0u\0{}\0{}", normalise(&a), normalise(&b));
            prop_assert_eq!(fingerprint("r", "u", &a, &b), fnv1a(key.as_bytes()));
            let key = format!("r\0u\0{}\0{}", normalise(&b), normalise(&a));
            prop_assert_eq!(fingerprint("r", "u", &b, &a), fnv1a(key.as_bytes()));
        }
    }

    /// Every white space character starts with a byte the table classes as white space or
    /// as one to decode.
    #[test]
    fn white_space_starts_with_a_byte_classed_so() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut lead = [0u8; 4];
            let lead = c.encode_utf8(&mut lead).as_bytes()[0];
            let class = CLASS[usize::from(lead)];
            if c.is_whitespace() {
                assert!(class == SPACE || class == MAYBE, "{c:?}");
            }
            if class == SPACE {
                assert!(c.is_whitespace(), "{c:?}");
            }
        }
    }

    #[test]
    fn hex_digits_are_format_s() {
        for h in [0, 1, 0xabc, u64::MAX, 0x0123_4567_89ab_cdef, 1 << 63] {
            let mut out = Vec::new();
            hex16(&mut out, h);
            assert_eq!(String::from_utf8(out).unwrap(), format!("{h:016x}"));
        }
    }

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
