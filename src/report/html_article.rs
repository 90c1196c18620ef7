//! The article part of the HTML report: every sentence marked by its label, sources and cues
//! inside it, finding badges, and the findings list beside the text.

use super::html::{esc, esc_code};
use super::Locator;
use crate::check::FileReport;
use crate::checks::Severity;
use crate::classify::{Classification, Label};
use crate::document::BlockKind;
use crate::span::{Span, SpanList};
use std::collections::HashMap;
use std::fmt::Write;

/// The tag letter shown beside a sentence (the non-colour cue).
pub fn tag(l: Label) -> &'static str {
    match l {
        Label::Attributed => "A",
        Label::Reported => "R",
        Label::Alleged => "AL",
        Label::Unattributed => "U",
        Label::None => "",
    }
}

/// Sources (`src`) and cues (`cue`) inside `sentence`, sorted, overlaps dropped.
fn marks(c: &Classification, sentence: Span) -> Vec<(Span, &'static str)> {
    let mut m: Vec<(Span, &'static str)> = c
        .sources
        .iter()
        .map(|s| (*s, "src"))
        .chain(c.cues.iter().map(|s| (*s, "cue")))
        .filter(|(s, _)| !s.is_empty() && sentence.contains(*s))
        .collect();
    m.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<(Span, &'static str)> = Vec::new();
    for (s, k) in m {
        if out.last().is_none_or(|(p, _)| p.end <= s.start) {
            out.push((s, k));
        }
    }
    out
}

/// Writes `text[from..to]` escaped.
fn text(out: &mut String, doc_text: &str, from: usize, to: usize) {
    out.push_str(&esc(Span::new(from, to.max(from)).slice(doc_text)));
}

static NONE: Classification = Classification {
    label: Label::None,
    sources: SpanList::new(),
    cues: SpanList::new(),
    rule: None,
    inherited: false,
};

/// The `<article>` of one file. `fid` prefixes element ids.
pub fn article(r: &FileReport, fid: &str) -> String {
    let doc = &r.doc;
    let t = &doc.text;
    // findings per sentence: (number in the list, severity, suppressed)
    let mut per: HashMap<usize, Vec<(usize, Severity, bool)>> = HashMap::new();
    for (j, f) in r.findings.iter().enumerate() {
        if let Some(i) = f.sentence {
            per.entry(i)
                .or_default()
                .push((j, f.severity, f.suppressed.is_some()));
        }
    }
    let mut out = String::from("<article>");
    let sentences = &r.segmentation.sentences;
    let mut next = 0;
    for (b, block) in doc.blocks.iter().enumerate() {
        let (open, close) = match block.kind {
            BlockKind::Heading => ("<p class=\"h\">", "</p>"),
            BlockKind::BlockQuote => ("<blockquote>", "</blockquote>"),
            BlockKind::ListItem => ("<p class=\"li\">", "</p>"),
            _ => ("<p>", "</p>"),
        };
        out.push_str(open);
        let mut cursor = block.span.start;
        while let Some(s) = sentences.get(next) {
            if s.block > b {
                break;
            }
            let i = next;
            next += 1;
            if s.block < b || s.span.start < cursor {
                continue;
            }
            text(&mut out, t, cursor, s.span.start);
            let c = r.labels.get(i).unwrap_or(&NONE);
            let fs = per.get(&i).map(Vec::as_slice).unwrap_or(&[]);
            sentence(&mut out, r, fid, i, s.span, c, fs);
            cursor = s.span.end;
        }
        text(&mut out, t, cursor, block.span.end.max(cursor));
        out.push_str(close);
    }
    if doc.blocks.is_empty() {
        out.push_str("<p class=\"empty\">No prose found in this file.</p>");
    }
    out.push_str("</article>");
    out
}

fn sentence(
    out: &mut String,
    r: &FileReport,
    fid: &str,
    i: usize,
    span: Span,
    c: &Classification,
    findings: &[(usize, Severity, bool)],
) {
    let t = &r.doc.text;
    let label = c.label.as_str();
    let mut title = label.to_string();
    if let Some(rule) = &c.rule {
        let _ = write!(title, " · rule {rule}");
    }
    if c.inherited {
        title.push_str(" · inherited");
    }
    let sources: Vec<&str> = c.sources.iter().map(|s| r.doc.slice(*s)).collect();
    if !sources.is_empty() {
        let _ = write!(title, " · source: {}", sources.join("; "));
    }
    for (j, _, sup) in findings {
        if let Some(f) = r.findings.get(*j) {
            let note = if *sup { " (suppressed)" } else { "" };
            let _ = write!(title, "\n{}: {}{note}", f.rule, f.message);
        }
    }
    let mut class = format!("s l-{label}");
    if findings.iter().any(|(_, _, sup)| !sup) {
        class.push_str(" has-f");
        if findings
            .iter()
            .any(|(_, s, sup)| *s == Severity::Error && !sup)
        {
            class.push_str(" has-error");
        }
    }
    let _ = write!(
        out,
        "<span class=\"{class}\" id=\"{fid}s{i}\" data-label=\"{label}\" data-tag=\"{}\" title=\"{}\">",
        tag(c.label),
        esc(&title)
    );
    let mut cursor = span.start;
    for (m, kind) in marks(c, span) {
        text(out, t, cursor, m.start);
        let _ = write!(out, "<span class=\"{kind}\">");
        text(out, t, m.start, m.end);
        out.push_str("</span>");
        cursor = m.end;
    }
    text(out, t, cursor, span.end);
    out.push_str("</span>");
    for (j, sev, sup) in findings {
        let (class, note) = if *sup {
            ("sup".to_string(), ", suppressed")
        } else {
            (format!("sev-{}", sev.as_str()), "")
        };
        let _ = write!(
            out,
            "<a class=\"fb {class}\" href=\"#{fid}x{j}\" title=\"finding {}{note}\">{}</a>",
            j + 1,
            j + 1
        );
    }
}

/// The findings list (`<ol class="findings">`) of one file. `rule_summary` gives each rule's
/// one-line summary for the tooltip on its id.
pub fn findings(r: &FileReport, fid: &str, rule_summary: &HashMap<String, String>) -> String {
    if r.findings.is_empty() {
        return "<p class=\"empty\">No findings.</p>".to_string();
    }
    let loc = Locator::new(&r.doc);
    let mut out = String::from("<ol class=\"findings\">");
    for (j, f) in r.findings.iter().enumerate() {
        let l = loc.locate(f.span);
        let sev = f.severity.as_str();
        let mut class = format!("sev-{sev}");
        if f.suppressed.is_some() {
            class.push_str(" suppressed");
        }
        let data_s = f
            .sentence
            .map(|i| format!(" data-s=\"{fid}s{i}\""))
            .unwrap_or_default();
        let target = f
            .sentence
            .map(|i| format!("#{fid}s{i}"))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<li id=\"{fid}x{j}\" class=\"{class}\"{data_s}><div class=\"where\"><span class=\"sev sev-{sev}\">{}</span> \
             <a href=\"{target}\">{}. line {}, col {}</a> · <code title=\"{}\">{}</code></div>\
             <div class=\"msg\">{}</div>",
            sev,
            j + 1,
            l.start.line,
            l.start.column,
            esc(rule_summary.get(f.rule.as_str()).map_or("", String::as_str)),
            esc(&f.rule),
            esc_code(&f.message)
        );
        if let Some(c) = f.sentence.and_then(|i| r.labels.get(i)) {
            let sources: Vec<&str> = c.sources.iter().map(|s| r.doc.slice(*s)).collect();
            let who = if sources.is_empty() {
                "no source named".to_string()
            } else {
                sources.join("; ")
            };
            let _ = write!(
                out,
                "<div class=\"where\">sentence: {} · source: {}</div>",
                c.label.as_str(),
                esc(&who)
            );
        }
        if let Some(h) = &f.help {
            let _ = write!(out, "<div class=\"help\">help: {}</div>", esc_code(h));
        }
        if let Some(s) = &f.suppressed {
            let why = s.justification.as_deref().unwrap_or("no reason given");
            let _ = write!(out, "<div class=\"help\">suppressed: {}</div>", esc(why));
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out
}
