//! The objects of a file in the JSON report: findings, sentences and sources (at eight
//! spaces, their fields at ten), each written as a run of constant keys and values into the
//! report's buffer ([`Sink`]), in the order serde_json's sorted map writes the keys (tested
//! against the value tree of `json::file_value_with`).

use super::escape::{long_string, string_content};
use super::escaped::Escaped;
use super::json::FLUSH_AT;
use super::sink::Put;
use super::Location;
use std::io::{self, Write};

/// A key of a finding, sentence or source object (its fields at ten spaces): `,\n`, the
/// indentation and `"name": `, one constant copied whole (issue 6: a quarter million keys in a
/// corpus report).
macro_rules! key {
    ($name:literal) => {
        concat!(",\n          \"", $name, "\": ").as_bytes()
    };
}

/// The first key of such an object, after its opening brace.
macro_rules! first {
    ($name:literal) => {
        concat!("{\n          \"", $name, "\": ").as_bytes()
    };
}

/// The end of such an object.
const CLOSE: &[u8] = b"\n        }";

/// `[ … ]` of strings, the value of a field of such an object (items at twelve spaces).
#[inline]
fn strs<'s>(w: &mut impl Put, items: impl IntoIterator<Item = &'s str>) {
    list(w, items, |w, s| w.str(s));
}

/// `[ … ]` of anything, the value of a field of such an object: `[]` when empty.
#[inline]
fn list<T, W: Put>(w: &mut W, items: impl IntoIterator<Item = T>, mut item: impl FnMut(&mut W, T)) {
    let mut any = false;
    for x in items {
        w.put(if any {
            b",\n            "
        } else {
            b"[\n            "
        });
        any = true;
        item(w, x);
    }
    if any {
        w.put(b"\n          ]");
    } else {
        w.put(b"[]");
    }
}

/// The `end`, `end_column` and `end_line` fields that sentences and findings share.
#[inline(always)]
fn end_fields(w: &mut impl Put, l: &Location) {
    w.key_num(key!("end"), l.span.end);
    w.key_num(key!("end_column"), l.end.column);
    w.key_num(key!("end_line"), l.end.line);
}

/// One sentence object (the fields of `json::sentence_values`).
#[inline(never)]
pub(super) fn write_sentence(
    w: &mut impl Put,
    esc: &mut Escaped,
    i: usize,
    l: &Location,
    c: &crate::classify::Classification,
    doc: &crate::document::Document,
) {
    w.key_num(first!("column"), l.start.column);
    w.put(key!("cues"));
    strs(w, c.cues.iter().map(|sp| doc.slice(*sp)));
    end_fields(w, l);
    w.key_num(key!("index"), i);
    // `inherited` and the `label` key in one copy
    w.put(if c.inherited {
        concat!(
            ",\n          \"inherited\": true",
            ",\n          \"label\": "
        )
        .as_bytes()
    } else {
        concat!(
            ",\n          \"inherited\": false",
            ",\n          \"label\": "
        )
        .as_bytes()
    });
    w.name(c.label.as_str());
    w.key_num(key!("line"), l.start.line);
    w.put(key!("rule"));
    // the deciding rule's id: one string for many sentences, escaped once
    match c.rule.as_ref() {
        Some(r) => w.raw(esc.get(r)),
        None => w.put(b"null"),
    }
    w.put(key!("sources"));
    strs(w, c.sources.iter().map(|sp| doc.slice(*sp)));
    w.key_num(key!("start"), l.span.start);
    w.put(key!("text"));
    // sentence texts go straight to the block search (issue 6: most are longer than the
    // short strings' fixed copies, and the test for those mispredicted)
    w.string_long(l.span.slice(&doc.source).as_bytes());
    w.put(CLOSE);
}

/// A JSON string of `text`, which may be longer than the gathering buffer (the sentence of a
/// file of one huge line): written in pieces, `buf` handed to `out` after each, so the report
/// never holds a whole escaped copy (issue 6: peak memory; the bytes that need escaping are
/// ASCII, so any cut escapes the same as the whole).
pub(super) fn big_string(buf: &mut Vec<u8>, out: &mut dyn Write, text: &str) -> io::Result<()> {
    if text.len() <= FLUSH_AT {
        long_string(buf, text);
        return Ok(());
    }
    buf.push(b'"');
    for piece in text.as_bytes().chunks(FLUSH_AT) {
        string_content(buf, piece);
        spill(buf, out)?;
    }
    buf.push(b'"');
    Ok(())
}

/// Hands `buf` to `out` once it holds [`FLUSH_AT`] bytes or more (also inside one huge
/// sentence object).
#[inline]
pub(super) fn spill(buf: &mut Vec<u8>, out: &mut dyn Write) -> io::Result<()> {
    if buf.len() >= FLUSH_AT {
        out.write_all(buf)?;
        buf.clear();
    }
    Ok(())
}

/// One finding object (the fields of `json::finding_value`).
/// Its rule id, help and repeated messages are shared strings, escaped once ([`Escaped`]).
#[inline(never)]
pub(super) fn write_finding(
    w: &mut impl Put,
    esc: &mut Escaped,
    f: &crate::checks::Finding,
    l: &Location,
) {
    w.key_num(first!("column"), l.start.column);
    end_fields(w, l);
    w.put(key!("help"));
    match f.help.as_ref() {
        Some(h) => w.raw(esc.get(h)),
        None => w.put(b"null"),
    }
    w.key_num(key!("line"), l.start.line);
    w.put(key!("message"));
    w.raw(esc.get(&f.message));
    w.put(key!("rule"));
    w.raw(esc.get(&f.rule));
    w.put(key!("sentence"));
    w.opt_num(f.sentence);
    w.put(key!("severity"));
    w.name(f.severity.as_str());
    w.key_num(key!("start"), l.span.start);
    w.put(key!("suppressed"));
    match &f.suppressed {
        Some(s) => {
            w.put(b"{\n            \"justification\": ");
            match s.justification.as_deref() {
                Some(j) => w.str(j),
                None => w.put(b"null"),
            }
            w.put(b",\n            \"kind\": ");
            w.str(s.kind.as_str());
            w.put(b"\n          }");
        }
        None => w.put(b"null"),
    }
    w.put(CLOSE);
}

/// One source object of the ledger, `first` the place of its first mention.
#[inline(never)]
pub(super) fn write_source(
    w: &mut impl Put,
    src: &crate::ledger::Source,
    first: Option<&Location>,
) {
    w.put(first!("aliases"));
    strs(w, src.aliases.iter().map(String::as_str));
    w.key_num(key!("claims"), src.claims);
    w.put(key!("column"));
    w.opt_num(first.map(|l| l.start.column));
    w.put(key!("kind"));
    w.name(src.kind.as_str());
    w.put(key!("line"));
    w.opt_num(first.map(|l| l.start.line));
    w.put(key!("name"));
    w.str(&src.name);
    w.put(key!("sentences"));
    list(w, src.sentences.iter().copied(), |w, n| w.num(n));
    w.put(CLOSE);
}
