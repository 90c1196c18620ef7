//! Plain text: blocks split on blank lines.

use crate::document::{Block, BlockKind, Document, Format};
use crate::span::Span;
use std::path::PathBuf;

pub fn parse(path: PathBuf, source: String) -> Document {
    let mut doc = super::identity_document(path, Format::Plain, source);
    let text = doc.text.as_str();
    let mut blocks = Vec::new();
    let mut start = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (true, Some(s)) => {
                blocks.push(trimmed_block(text, s, pos));
                start = None;
            }
            (false, None) => start = Some(pos),
            _ => {}
        }
        pos += line.len();
    }
    if let Some(s) = start {
        blocks.push(trimmed_block(text, s, pos));
    }
    doc.blocks = blocks;
    doc
}

fn trimmed_block(text: &str, start: usize, end: usize) -> Block {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    Block {
        kind: BlockKind::Paragraph,
        span: Span::new(start + lead, end - trail),
        level: 0,
    }
}
