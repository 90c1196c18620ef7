//! Output of `whosaid segment`: one sentence a line, or JSON with blocks, sentences, quotations.

use super::{display_path, Locator};
use crate::document::Document;
use crate::segment::Segmentation;
use crate::span::Span;
use serde_json::{json, Value};

/// One sentence a line; a line break inside a sentence is printed as a space.
pub fn render_lines(doc: &Document, seg: &Segmentation) -> String {
    let mut out = String::new();
    for s in &seg.sentences {
        let src = doc.source_span(s.span).slice(&doc.source);
        let mut last_space = false;
        for ch in src.chars() {
            if ch == '\n' || ch == '\r' {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
            } else {
                out.push(ch);
                last_space = ch == ' ';
            }
        }
        out.push('\n');
    }
    out
}

fn located(loc: &Locator, span: Span) -> Value {
    let l = loc.locate(span);
    json!({
        "start": l.span.start, "end": l.span.end,
        "line": l.start.line, "column": l.start.column,
        "end_line": l.end.line, "end_column": l.end.column,
    })
}

pub fn render_json(doc: &Document, seg: &Segmentation) -> String {
    let loc = Locator::new(doc);
    let with = |span: Span, extra: Value| {
        let mut v = located(&loc, span);
        if let (Some(o), Value::Object(e)) = (v.as_object_mut(), extra) {
            o.extend(e);
        }
        v
    };
    let v = json!({
        "path": display_path(&doc.path),
        "format": doc.format,
        "blocks": doc.blocks.iter().map(|b| with(b.span, json!({"kind": b.kind, "level": b.level}))).collect::<Vec<_>>(),
        "sentences": seg.sentences.iter().map(|s| with(s.span, json!({
            "block": s.block,
            "text": doc.source_span(s.span).slice(&doc.source),
        }))).collect::<Vec<_>>(),
        "quotes": seg.quotes.iter().map(|q| with(q.span, json!({
            "mark": q.mark, "depth": q.depth, "block": q.block,
            "closed": q.close.is_some(), "continued": q.continued, "continues": q.continues,
        }))).collect::<Vec<_>>(),
        "unbalanced": seg.unbalanced.iter().map(|s| located(&loc, *s)).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
