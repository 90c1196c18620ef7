//! HTML input: prose through an HTML parser that keeps source offsets.
//!
//! The WHATWG tokenizer `html5gum` gives every token its byte span in the source. Text tokens
//! are copied into [`Document::text`] with their character references decoded (`&rsquo;` → `’`)
//! and an [`OffsetMap`] anchor at each jump, so spans found in the text map back to the source.
//! The walk is a flat loop over tokens with explicit stacks (no recursion): broken and deeply
//! nested HTML costs linear time. Block elements (`h1`–`h6`, `p`, `li`, `blockquote`, `td`,
//! `th`, `figcaption`, `div` …) end the current block; inline elements do not. `script`,
//! `style`, `pre`, `code`, `template`, `noscript`, `svg`, `math`, `title`, `textarea` and `nav`
//! are skipped, and so are hidden elements (`hidden`, `aria-hidden="true"`) and anything
//! matching the configured selectors or classes. HTML comments become
//! [`Document::directives`] (for `<!-- whosaid off -->` and friends).

use crate::config::HtmlConfig;
use crate::document::{Block, BlockKind, Directive, Document, Format, OffsetMap};
use crate::span::Span;
use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::path::PathBuf;

/// Elements whose content is never prose.
const SKIP: &[&str] = &[
    "script",
    "style",
    "pre",
    "code",
    "template",
    "noscript",
    "svg",
    "math",
    "title",
    "textarea",
    "nav",
    "select",
    "iframe",
    "object",
    "plaintext",
    "xmp",
];

/// Elements that never have content (no end tag).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// One `tag`, `.class`, `#id` or `tag.class` selector.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Selector {
    tag: Option<String>,
    class: Option<String>,
    id: Option<String>,
}

impl Selector {
    fn parse(s: &str) -> Option<Selector> {
        let s = s.trim().to_ascii_lowercase();
        if s.is_empty() {
            return None;
        }
        let (rest, id) = match s.split_once('#') {
            Some((r, id)) => (r.to_string(), Some(id.to_string())),
            None => (s.clone(), None),
        };
        let (tag, class) = match rest.split_once('.') {
            Some((t, c)) => (t.to_string(), Some(c.to_string())),
            None => (rest, None),
        };
        Some(Selector {
            tag: Some(tag).filter(|t| !t.is_empty()),
            class,
            id,
        })
    }
}

/// What HTML input skips besides the built-in list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlOptions {
    selectors: Vec<Selector>,
}

impl HtmlOptions {
    pub fn from_config(c: &HtmlConfig) -> Self {
        let mut selectors: Vec<Selector> = c
            .skip_selectors
            .iter()
            .filter_map(|s| Selector::parse(s))
            .collect();
        selectors.extend(c.skip_classes.iter().map(|c| Selector {
            tag: None,
            class: Some(c.trim().to_ascii_lowercase()),
            id: None,
        }));
        HtmlOptions { selectors }
    }

    fn skips(&self, tag: &str, attrs: &Attrs) -> bool {
        SKIP.contains(&tag)
            || attrs.hidden
            || self.selectors.iter().any(|s| {
                s.tag.as_deref().is_none_or(|t| t == tag)
                    && s.class.as_deref().is_none_or(|c| attrs.has_class(c))
                    && s.id
                        .as_deref()
                        .is_none_or(|i| attrs.id.eq_ignore_ascii_case(i))
            })
    }
}

#[derive(Default)]
struct Attrs {
    class: String,
    id: String,
    /// `hidden` or `aria-hidden="true"`: not shown to readers.
    hidden: bool,
}

impl Attrs {
    fn has_class(&self, c: &str) -> bool {
        self.class
            .split_ascii_whitespace()
            .any(|k| k.eq_ignore_ascii_case(c))
    }
}

/// The block kind an element gives its text, `None` for inline elements.
fn block_kind(tag: &str) -> Option<(BlockKind, u8)> {
    Some(match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            (BlockKind::Heading, tag.as_bytes()[1].saturating_sub(b'0'))
        }
        "li" => (BlockKind::ListItem, 0),
        "blockquote" => (BlockKind::BlockQuote, 0),
        "td" | "th" => (BlockKind::TableCell, 0),
        "figcaption" | "caption" => (BlockKind::Line, 0),
        "p" | "div" | "section" | "article" | "main" | "aside" | "header" | "footer" | "figure"
        | "ul" | "ol" | "dl" | "dt" | "dd" | "table" | "tr" | "thead" | "tbody" | "tfoot"
        | "body" | "html" | "head" | "form" | "fieldset" | "address" | "details" | "summary"
        | "hr" | "br" | "center" | "hgroup" | "menu" => (BlockKind::Paragraph, 0),
        _ => return None,
    })
}

/// How far an end tag looks down the open-element stack for its start tag (bounds the cost of
/// stray end tags on a deep stack).
const END_TAG_REACH: usize = 32;

struct Builder<'a> {
    source: &'a str,
    text: String,
    map: OffsetMap,
    blocks: Vec<Block>,
    directives: Vec<Directive>,
    /// Open block elements: name and kind.
    open: Vec<(String, BlockKind, u8)>,
    /// Start (text offset) of the block being filled, if any prose was seen.
    block_start: Option<usize>,
    block_kind: (BlockKind, u8),
    /// A skipped element: its name and how many same-name elements are open inside it.
    skip: Option<(String, usize)>,
}

impl Builder<'_> {
    fn end_block(&mut self) {
        if let Some(start) = self.block_start.take() {
            let end = self.text.trim_end().len().max(start);
            if end > start {
                self.blocks.push(Block {
                    kind: self.block_kind.0,
                    span: Span::new(start, end),
                    level: self.block_kind.1,
                });
            }
            // a paragraph break between blocks in the analysis text
            self.push_synthetic("\n\n");
        }
    }

    /// Text with no counterpart in the source (block separators).
    fn push_synthetic(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// The kind of the innermost block element; a paragraph inside a list item or a block
    /// quote takes the kind of its container (as in Markdown).
    fn current_kind(&self) -> (BlockKind, u8) {
        match self.open.last() {
            Some((_, BlockKind::Paragraph, _)) => {
                let container = self
                    .open
                    .iter()
                    .rev()
                    .take(END_TAG_REACH)
                    .map(|o| o.1)
                    .find(|k| matches!(k, BlockKind::ListItem | BlockKind::BlockQuote));
                (container.unwrap_or(BlockKind::Paragraph), 0)
            }
            Some((_, k, l)) => (*k, *l),
            None => (BlockKind::Paragraph, 0),
        }
    }

    /// Appends the source text `span` with character references decoded.
    fn push_text(&mut self, span: std::ops::Range<usize>) {
        let Some(raw) = self.source.get(span.clone()) else {
            return;
        };
        if self.block_start.is_none() {
            let lead = raw.len() - raw.trim_start_matches(is_space).len();
            if lead == raw.len() {
                // white space between blocks: kept (line structure), no block
                self.map.push(self.text.len(), span.start);
                self.text.push_str(raw);
                return;
            }
            self.map.push(self.text.len(), span.start);
            self.text.push_str(&raw[..lead]);
            self.block_start = Some(self.text.len());
            self.block_kind = self.current_kind();
            return self.push_decoded(&raw[lead..], span.start + lead);
        }
        self.push_decoded(raw, span.start);
    }

    fn push_decoded(&mut self, raw: &str, at: usize) {
        let mut literal = 0;
        let mut i = 0;
        while let Some(off) = memchr::memchr(b'&', &raw.as_bytes()[i..]) {
            let amp = i + off;
            let Some((decoded, len)) = decode_reference(&raw[amp..]) else {
                i = amp + 1;
                continue;
            };
            if amp > literal {
                self.map.push(self.text.len(), at + literal);
                self.text.push_str(&raw[literal..amp]);
            }
            self.map.push(self.text.len(), at + amp);
            self.text.push_str(&decoded);
            if decoded.len() > 1 {
                // the last byte of the decoded text maps to the last byte of the reference
                self.map.push(self.text.len() - 1, at + amp + len - 1);
            }
            literal = amp + len;
            i = literal;
        }
        if literal < raw.len() {
            self.map.push(self.text.len(), at + literal);
            self.text.push_str(&raw[literal..]);
        }
    }
}

/// White space between blocks, including a byte order mark.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Decodes the character reference at the start of `s` (`&amp;`, `&#8217;`, `&#x2019;`):
/// the text and the length of the reference in `s`.
fn decode_reference(s: &str) -> Option<(String, usize)> {
    let end = s.as_bytes().iter().take(40).position(|&b| b == b';')?;
    let reference = &s[..=end];
    if reference.len() < 3
        || !reference[1..end]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'#')
    {
        return None;
    }
    let decoded = html_escape::decode_html_entities(reference);
    (decoded != reference).then(|| (decoded.into_owned(), end + 1))
}

fn lower(name: &[u8]) -> String {
    String::from_utf8_lossy(name).to_ascii_lowercase()
}

/// Parses an HTML article.
pub fn parse(path: PathBuf, source: String, opts: &HtmlOptions) -> Document {
    let mut b = Builder {
        source: &source,
        text: String::with_capacity(source.len()),
        map: OffsetMap::identity(),
        blocks: Vec::new(),
        directives: Vec::new(),
        open: Vec::new(),
        block_start: None,
        block_kind: (BlockKind::Paragraph, 0),
        skip: None,
    };
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let tokens = Tokenizer::new_with_emitter(source.as_str(), emitter);
    for token in tokens.flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = lower(&tag.name);
                if let Some((skipped, depth)) = &mut b.skip {
                    if *skipped == name && !tag.self_closing {
                        *depth += 1;
                    }
                    continue;
                }
                let void = VOID.contains(&name.as_str()) || tag.self_closing;
                let mut attrs = Attrs::default();
                for (k, v) in &tag.attributes {
                    match k.as_slice() {
                        b"class" => attrs.class = String::from_utf8_lossy(&v.value).into_owned(),
                        b"id" => attrs.id = String::from_utf8_lossy(&v.value).into_owned(),
                        b"hidden" => attrs.hidden = true,
                        b"aria-hidden" => attrs.hidden |= v.value.eq_ignore_ascii_case(b"true"),
                        _ => {}
                    }
                }
                if opts.skips(&name, &attrs) {
                    if block_kind(&name).is_some() {
                        b.end_block();
                    }
                    if !void {
                        b.skip = Some((name, 0));
                    }
                    continue;
                }
                if let Some((kind, level)) = block_kind(&name) {
                    b.end_block();
                    if !void {
                        b.open.push((name, kind, level));
                    }
                }
            }
            Token::EndTag(tag) => {
                let name = lower(&tag.name);
                if let Some((skipped, depth)) = &mut b.skip {
                    if *skipped == name {
                        if *depth == 0 {
                            b.skip = None;
                        } else {
                            *depth -= 1;
                        }
                    }
                    continue;
                }
                if block_kind(&name).is_some() {
                    b.end_block();
                    let found = b
                        .open
                        .iter()
                        .rev()
                        .take(END_TAG_REACH)
                        .position(|o| o.0 == name);
                    if let Some(k) = found {
                        let keep = b.open.len() - k - 1;
                        b.open.truncate(keep);
                    }
                }
            }
            Token::String(s) => {
                if b.skip.is_none() {
                    b.push_text(s.span.start..s.span.end);
                }
            }
            Token::Comment(c) => {
                let at = b.text.len();
                b.directives.push(Directive {
                    span: Span::new(at, at),
                    body: String::from_utf8_lossy(&c.value).trim().to_string(),
                });
            }
            Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    b.end_block();
    let Builder {
        mut text,
        map,
        blocks,
        directives,
        ..
    } = b;
    // drop the trailing separator
    let keep = blocks
        .last()
        .map_or(0, |bl| bl.span.end)
        .max(text.trim_end().len());
    text.truncate(keep);
    Document {
        path,
        format: Format::Html,
        source: source.into(),
        text: text.into(),
        map,
        blocks,
        directives,
    }
}
