//! Output of `whosaid segment`: one sentence a line, or JSON with blocks, sentences, quotations
//! and layout (dot leaders, separator rules and stray markup that belong to no sentence).

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

pub fn render_json(doc: &Document, seg: &Segmentation) -> String {
    let loc = Locator::new(doc);
    let with = |span: Span, extra: Value| loc.locate(span).json_with(extra);
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
        "unbalanced": seg.unbalanced.iter().map(|s| loc.locate(*s).json()).collect::<Vec<_>>(),
        "layout": seg.layout.iter().map(|&s| with(s, json!({
            "text": doc.source_span(s).slice(&doc.source),
        }))).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
