//! Markdown input (prose only), through pulldown-cmark's offset iterator.
//!
//! `text` starts as the source with every byte but line breaks blanked to a space; the source
//! ranges of prose text events are copied back in. So code (fenced, indented, inline), HTML,
//! comments, YAML/TOML front matter, link destinations and images stay blank, and every span
//! into `text` is also a span into the source. Headings, paragraphs, list items, block quotes
//! and table cells become blocks of their kind. HTML comments are kept as directives.

use crate::document::{Block, BlockKind, Directive, Document, Format};
use crate::span::Span;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;
use std::path::PathBuf;

pub fn parse(path: PathBuf, source: String) -> Document {
    let mut doc = super::identity_document(path, Format::Markdown, source);
    let src = doc.source.as_str();
    let mut bytes: Vec<u8> = src
        .bytes()
        .map(|c| if c == b'\n' || c == b'\r' { c } else { b' ' })
        .collect();
    let mut b = Builder::default();
    let mut html: Vec<Range<usize>> = Vec::new();
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    for (ev, r) in Parser::new_ext(src, opts).into_offset_iter() {
        match ev {
            Event::Start(tag) => b.start(&tag),
            Event::End(tag) => b.end(tag),
            Event::Text(_) if b.prose() => {
                if let (Some(dst), Some(from)) =
                    (bytes.get_mut(r.clone()), src.as_bytes().get(r.clone()))
                {
                    dst.copy_from_slice(from);
                    b.extend(r.start, r.end);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => match html.last_mut() {
                Some(last) if last.end == r.start || gap_is_blank(src, last.end, r.start) => {
                    last.end = r.end
                }
                _ => html.push(r),
            },
            _ => {}
        }
    }
    b.flush();
    // blanking only replaced ASCII bytes by ASCII and copied whole events back in, so `bytes`
    // is valid UTF-8 except where a multi-byte character was half blanked; repair defensively
    let directives = comments(src, &html);
    doc.text = String::from_utf8(bytes)
        .unwrap_or_else(|e| {
            let v = e.into_bytes();
            String::from_utf8_lossy(&v).into_owned()
        })
        .into();
    if doc.text.len() != doc.source.len() {
        // cannot happen (see above); fall back to plain text rather than break span identity
        return super::plain::parse(doc.path, doc.source.into_string());
    }
    doc.blocks = b.blocks;
    doc.directives = directives;
    doc
}

fn gap_is_blank(src: &str, a: usize, z: usize) -> bool {
    a <= z && src.get(a..z).is_some_and(|g| g.trim().is_empty())
}

/// `<!-- … -->` comments inside the HTML ranges.
fn comments(src: &str, html: &[Range<usize>]) -> Vec<Directive> {
    let mut out = Vec::new();
    for r in html {
        let Some(chunk) = src.get(r.clone()) else {
            continue;
        };
        let mut at = 0;
        while let Some(open) = chunk.get(at..).and_then(|c| c.find("<!--")) {
            let s = at + open;
            let Some(close) = chunk.get(s + 4..).and_then(|c| c.find("-->")) else {
                break;
            };
            let e = s + 4 + close + 3;
            let body = chunk.get(s + 4..e - 3).unwrap_or("").trim().to_string();
            out.push(Directive {
                span: Span::new(r.start + s, r.start + e),
                body,
            });
            at = e;
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ctx {
    Prose(BlockKind, u8),
    /// Code blocks, metadata, images, HTML blocks: no prose inside.
    Skip,
    Other,
}

#[derive(Default)]
struct Builder {
    stack: Vec<Ctx>,
    /// Prose extent of the block being collected: kind, level, start, end.
    cur: Option<(BlockKind, u8, usize, usize)>,
    blocks: Vec<Block>,
}

impl Builder {
    fn prose(&self) -> bool {
        !self.stack.contains(&Ctx::Skip)
    }

    fn kind(&self) -> (BlockKind, u8) {
        self.stack
            .iter()
            .rev()
            .find_map(|c| match c {
                Ctx::Prose(k, l) => Some((*k, *l)),
                _ => None,
            })
            .unwrap_or((BlockKind::Paragraph, 0))
    }

    fn extend(&mut self, s: usize, e: usize) {
        let (k, l) = self.kind();
        match &mut self.cur {
            Some(c) => c.3 = e,
            None => self.cur = Some((k, l, s, e)),
        }
    }

    fn flush(&mut self) {
        if let Some((kind, level, s, e)) = self.cur.take() {
            if s < e {
                self.blocks.push(Block {
                    kind,
                    span: Span::new(s, e),
                    level,
                });
            }
        }
    }

    fn start(&mut self, tag: &Tag) {
        let ctx = match tag {
            Tag::Paragraph => Ctx::Other,
            Tag::Heading { level, .. } => Ctx::Prose(BlockKind::Heading, *level as u8),
            Tag::BlockQuote(_) => Ctx::Prose(BlockKind::BlockQuote, 0),
            Tag::Item => Ctx::Prose(BlockKind::ListItem, 0),
            Tag::TableCell => Ctx::Prose(BlockKind::TableCell, 0),
            Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) | Tag::Image { .. } => {
                Ctx::Skip
            }
            _ => Ctx::Other,
        };
        if is_block(tag) {
            self.flush();
        }
        self.stack.push(ctx);
    }

    fn end(&mut self, tag: TagEnd) {
        if is_block_end(tag) {
            self.flush();
        }
        self.stack.pop();
    }
}

fn is_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}
