//! `--format html`: one self-contained page for editors (inline CSS and JS, nothing fetched).
//!
//! Each file is written as soon as it is checked: its label bar, the article with every sentence
//! marked by label (colour plus underline style and a tag letter), the findings beside it, and
//! its source table. The run summary and, for several files, a sortable index (one small row a
//! file, kept until the end) are written last and shown first by CSS `order`.

use super::html_article;
use super::{label_index, ReportOptions, Reporter, Summary};
use crate::check::FileReport;
use crate::classify::Label;
use crate::rules::RuleInfo;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

const CSS: &str = include_str!("html/report.css");
const JS: &str = include_str!("html/report.js");

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    esc_into(&mut out, s);
    out
}

/// [`esc`] appended to `out`: the bytes to escape are ASCII, so the text is searched eight
/// bytes at a time for them ([`next_special`]) and each run between them copied whole (issue 6:
/// a push per character was a fifth of `check --format html`).
fn esc_into(out: &mut String, s: &str) {
    let mut plain = 0;
    while let Some(i) = next_special(s.as_bytes(), plain) {
        let with = match s.as_bytes().get(i) {
            Some(b'&') => "&amp;",
            Some(b'<') => "&lt;",
            Some(b'>') => "&gt;",
            Some(b'"') => "&quot;",
            _ => "&#39;",
        };
        // `i` holds an ASCII byte, so both ends are character boundaries
        out.push_str(s.get(plain..i).unwrap_or_default());
        out.push_str(with);
        plain = i + 1;
    }
    out.push_str(s.get(plain..).unwrap_or_default());
}

/// Whether [`esc`] escapes byte `b`.
#[inline(always)]
fn special(b: u8) -> bool {
    matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')
}

/// The offset of the first byte at or after `from` that [`esc`] escapes: a word of eight
/// bytes tested at once (a lane equal to one of the five bytes, found as a zero lane of the
/// word xor that byte; a borrow only leaves a zero lane, so the lowest hit is exact), the last
/// few bytes one by one.
#[inline]
fn next_special(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut at = from;
    while let Some(w) = bytes.get(at..).and_then(|r| r.first_chunk::<8>()) {
        let v = u64::from_le_bytes(*w);
        let m = zero(v ^ (ONES * 0x26))
            | zero(v ^ (ONES * 0x3c))
            | zero(v ^ (ONES * 0x3e))
            | zero(v ^ (ONES * 0x22))
            | zero(v ^ (ONES * 0x27));
        if m != 0 {
            return Some(at + (m.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|&b| special(b))
        .map(|j| at + j)
}

/// What the index keeps of one file.
struct Row {
    id: String,
    path: String,
    labels: [usize; 5],
    /// Findings not suppressed: info, warning, error.
    findings: [usize; 3],
}

/// A stacked bar of label counts (width by share; each label also has its own fill pattern).
fn bar(labels: &[usize; 5]) -> String {
    let total: usize = labels.iter().sum();
    let mut out = String::from("<div class=\"bar\" role=\"img\" aria-label=\"");
    let words: Vec<String> = Label::ALL
        .iter()
        .zip(labels)
        .map(|(l, n)| format!("{n} {}", l.as_str()))
        .collect();
    out.push_str(&esc(&words.join(", ")));
    out.push_str("\">");
    for (l, n) in Label::ALL.iter().zip(labels) {
        if *n == 0 || total == 0 {
            continue;
        }
        let pct = *n as f64 * 100.0 / total as f64;
        let _ = write!(
            out,
            "<i class=\"l-{0}\" style=\"width:{pct:.2}%\" title=\"{n} {0}\"></i>",
            l.as_str()
        );
    }
    out.push_str("</div>");
    out
}

/// The legend: each label as a marked sample, with its count.
fn legend(labels: &[usize; 5]) -> String {
    let mut out = String::from("<div class=\"legend\">");
    for (i, l) in Label::ALL.iter().enumerate() {
        let _ = write!(
            out,
            "<span><span class=\"s l-{0}\" data-tag=\"{1}\">{0}</span>",
            l.as_str(),
            html_article::tag(*l)
        );
        if let Some(n) = labels.get(i) {
            let _ = write!(out, " <b class=\"n-{}\">{n}</b>", l.as_str());
        }
        out.push_str("</span>");
    }
    out.push_str("</div>");
    out
}

fn finding_counts(f: &[usize; 3], suppressed: usize) -> String {
    let part = |n: usize, class: &str, word: &str| {
        let class = if n == 0 { "zero" } else { class };
        format!("<b class=\"{class}\">{n} {word}</b>")
    };
    let mut out = format!(
        "<span class=\"counts\">{} · {} · {}",
        part(f[2], "sev-error", "error(s)"),
        part(f[1], "sev-warning", "warning(s)"),
        part(f[0], "sev-info", "info")
    );
    if suppressed > 0 {
        let _ = write!(out, " · {suppressed} suppressed");
    }
    out.push_str("</span>");
    out
}

/// Escapes `s` and shows its `code spans` (paired backticks) as `<code>`.
pub fn esc_code(s: &str) -> String {
    let pieces = s.bytes().filter(|&b| b == b'`').count() + 1;
    if pieces.is_multiple_of(2) {
        // an unpaired backtick: show the text as written
        return esc(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for (i, part) in s.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            esc_into(&mut out, part);
            out.push_str("</code>");
        } else {
            esc_into(&mut out, part);
        }
    }
    out
}

pub struct HtmlReporter {
    opts: ReportOptions,
    rule_summary: HashMap<String, String>,
    rows: Vec<Row>,
}

impl HtmlReporter {
    pub fn new(opts: ReportOptions) -> Self {
        HtmlReporter {
            opts,
            rule_summary: HashMap::new(),
            rows: Vec::new(),
        }
    }

    /// The source ledger table of one file: name, kind, sentences resting on it, first
    /// mention (a link to its sentence) and other forms.
    fn ledger(&self, r: &FileReport, fid: &str) -> String {
        if r.ledger.sources.is_empty() {
            return "<p class=\"empty\">No sources named.</p>".to_string();
        }
        let loc = super::Locator::new(&r.doc);
        let mut out = String::from(
            "<table class=\"ledger\"><thead><tr><th>source</th><th>kind</th><th>sentences</th>\
             <th>first</th></tr></thead><tbody>",
        );
        for src in &r.ledger.sources {
            let first = match (src.mentions.first(), src.sentences.first()) {
                (Some(m), Some(i)) => format!(
                    "<a href=\"#{fid}s{i}\">line {}</a>",
                    loc.locate(*m).start.line
                ),
                _ => String::new(),
            };
            let aliases = if src.aliases.is_empty() {
                String::new()
            } else {
                format!("<br><small>also: {}</small>", esc(&src.aliases.join(", ")))
            };
            let _ = write!(
                out,
                "<tr><td>{}{aliases}</td><td><code>{}</code></td><td class=\"n\">{}</td><td>{first}</td></tr>",
                esc(&src.name),
                src.kind.as_str(),
                src.claims
            );
        }
        out.push_str("</tbody></table>");
        out
    }

    fn index(&self) -> String {
        let mut out = String::from(
            "<nav id=\"index\" class=\"ui\"><table class=\"index\"><thead><tr><th>file</th><th>sentences</th>\
             <th>label mix</th>",
        );
        for l in Label::ALL {
            let _ = write!(out, "<th>{}</th>", l.as_str());
        }
        out.push_str("<th>errors</th><th>warnings</th><th>info</th></tr></thead><tbody>");
        for r in &self.rows {
            let total: usize = r.labels.iter().sum();
            // the mix sorts by share of attributed sentences
            let share = if total == 0 {
                0.0
            } else {
                r.labels[0] as f64 / total as f64
            };
            let _ = write!(
                out,
                "<tr><td data-v=\"{0}\"><a href=\"#{1}\">{0}</a></td><td data-v=\"{total}\">{total}</td>\
                 <td class=\"mix\" data-v=\"{share:.4}\">{2}</td>",
                esc(&r.path),
                r.id,
                bar(&r.labels)
            );
            for n in r.labels {
                let _ = write!(out, "<td data-v=\"{n}\">{n}</td>");
            }
            for n in [r.findings[2], r.findings[1], r.findings[0]] {
                let _ = write!(out, "<td data-v=\"{n}\">{n}</td>");
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table></nav>");
        out
    }
}

impl Reporter for HtmlReporter {
    fn begin(&mut self, rules: &[RuleInfo], out: &mut dyn Write) -> io::Result<()> {
        self.rule_summary = rules
            .iter()
            .map(|r| (r.id.clone(), r.summary.to_string()))
            .collect();
        self.rows.clear();
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <meta name=\"generator\" content=\"whosaid {}\">\
             <title>whosaid report</title><style>{CSS}</style></head><body>\n\
             <header class=\"top ui\"><h1>whosaid: who said it?</h1><p class=\"intro\">Every sentence is marked by \
             its label: colour, underline style and a tag letter. Hover a sentence for its rule and \
             sources; findings are listed beside each article.</p></header>\n<main id=\"files\">\n",
            env!("CARGO_PKG_VERSION"),
        )
    }

    fn file(&mut self, r: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let id = format!("f{}", self.rows.len());
        let path = self.opts.path_of(&r.doc.path);
        let mut labels = [0usize; 5];
        for c in &r.labels {
            labels[label_index(c.label)] += 1;
        }
        let mut findings = [0usize; 3];
        let mut suppressed = 0;
        for f in &r.findings {
            if f.suppressed.is_some() {
                suppressed += 1;
            } else {
                findings[super::severity_index(f.severity)] += 1;
            }
        }
        write!(
            out,
            "<section class=\"file\" id=\"{id}\" data-path=\"{}\"><header class=\"ui\"><h2>{}</h2>{}\
             <div class=\"bar-legend\">{} sentence(s) · {}</div>{}</header>\n<div class=\"cols\">{}\
             <aside><h3>Findings</h3>{}<h3>Sources</h3>{}</aside></div></section>\n",
            esc(&path),
            esc(&path),
            bar(&labels),
            r.labels.len(),
            finding_counts(&findings, suppressed),
            legend(&labels),
            html_article::article(r, &id),
            html_article::findings(r, &id, &self.rule_summary),
            self.ledger(r, &id)
        )?;
        self.rows.push(Row {
            id,
            path,
            labels,
            findings,
        });
        Ok(())
    }

    fn finish(&mut self, s: &Summary, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"</main>\n")?;
        writeln!(
            out,
            "<section id=\"run-summary\" class=\"ui\"><div class=\"bar-legend\">{} file(s) · {} sentence(s) · {}</div>{}{}</section>",
            s.files,
            s.sentences,
            finding_counts(&s.findings, s.suppressed),
            bar(&s.labels),
            legend(&s.labels)
        )?;
        if self.rows.len() > 1 {
            writeln!(out, "{}", self.index())?;
        }
        writeln!(out, "<script>{JS}</script>\n</body></html>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_shows_code_spans() {
        assert_eq!(
            esc("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
        assert_eq!(
            esc_code("use `<said>` here"),
            "use <code>&lt;said&gt;</code> here"
        );
        assert_eq!(esc_code("one ` only"), "one ` only");
    }

    /// Escaping a character at a time, as `esc` did (the reference for the byte scan).
    fn esc_by_char(s: &str) -> String {
        let mut out = String::new();
        for ch in s.chars() {
            match ch {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                _ => out.push(ch),
            }
        }
        out
    }

    /// `esc_code` as it was: split, count the parts, escape each.
    fn esc_code_by_parts(s: &str) -> String {
        let parts: Vec<&str> = s.split('`').collect();
        if parts.len().is_multiple_of(2) {
            return esc_by_char(s);
        }
        let mut out = String::new();
        for (i, part) in parts.iter().enumerate() {
            if i % 2 == 1 {
                out.push_str("<code>");
                out.push_str(&esc_by_char(part));
                out.push_str("</code>");
            } else {
                out.push_str(&esc_by_char(part));
            }
        }
        out
    }

    proptest::proptest! {
        /// The byte scan escapes as the character loop did, on markup-heavy and any text.
        #[test]
        fn escaping_by_bytes_equals_escaping_by_characters(
            s in "[a&<>\"'`é😀\n ]{0,80}",
            t in proptest::prelude::any::<String>(),
        ) {
            for s in [&s, &t] {
                proptest::prop_assert_eq!(esc(s), esc_by_char(s));
                proptest::prop_assert_eq!(esc_code(s), esc_code_by_parts(s));
            }
        }
    }
}
