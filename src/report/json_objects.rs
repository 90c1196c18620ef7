//! The objects of a file in the JSON report: findings, sentences and sources (at eight
//! spaces, their fields at ten), each written as a run of constant keys and values straight
//! into the output buffer, in the order serde_json's sorted map writes the keys (tested
//! against the value tree of `json::file_value_with`).

use super::escape::{long_string, name, string, string_content};
use super::escaped::Escaped;
use super::json::FLUSH_AT;
use super::pretty::{number, Obj};
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
fn strs<'s>(buf: &mut Vec<u8>, items: impl IntoIterator<Item = &'s str>) {
    list(buf, items, string);
}

/// `[ … ]` of anything, the value of a field of such an object: `[]` when empty.
#[inline]
fn list<T>(
    buf: &mut Vec<u8>,
    items: impl IntoIterator<Item = T>,
    mut item: impl FnMut(&mut Vec<u8>, T),
) {
    // each piece a copy of constant length, inlined (issue 6: a slice chosen at run time was
    // a call to `memcpy` per list)
    let mut any = false;
    for x in items {
        if any {
            buf.extend_from_slice(b",\n            ");
        } else {
            buf.extend_from_slice(b"[\n            ");
        }
        any = true;
        item(buf, x);
    }
    if any {
        buf.extend_from_slice(b"\n          ]");
    } else {
        buf.extend_from_slice(b"[]");
    }
}

/// A number or `null`.
#[inline]
fn opt_number(buf: &mut Vec<u8>, v: Option<usize>) {
    match v {
        Some(v) => number(buf, v),
        None => buf.extend_from_slice(b"null"),
    }
}

/// The `end`, `end_column` and `end_line` fields that sentences and findings share.
#[inline(always)]
fn end_fields(buf: &mut Vec<u8>, l: &Location) {
    buf.extend_from_slice(key!("end"));
    number(buf, l.span.end);
    buf.extend_from_slice(key!("end_column"));
    number(buf, l.end.column);
    buf.extend_from_slice(key!("end_line"));
    number(buf, l.end.line);
}

/// One sentence object (the fields of `json::sentence_values`).
#[inline]
pub(super) fn write_sentence(
    buf: &mut Vec<u8>,
    out: &mut dyn Write,
    esc: &mut Escaped,
    i: usize,
    l: &Location,
    c: &crate::classify::Classification,
    doc: &crate::document::Document,
) -> io::Result<()> {
    buf.extend_from_slice(first!("column"));
    number(buf, l.start.column);
    buf.extend_from_slice(key!("cues"));
    strs(buf, c.cues.iter().map(|sp| doc.slice(*sp)));
    spill(buf, out)?;
    end_fields(buf, l);
    buf.extend_from_slice(key!("index"));
    number(buf, i);
    // `inherited` and the `label` key in one copy (three appends cost 0.85 M instructions on
    // the corpus)
    buf.extend_from_slice(if c.inherited {
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
    name(buf, c.label.as_str());
    buf.extend_from_slice(key!("line"));
    number(buf, l.start.line);
    buf.extend_from_slice(key!("rule"));
    // the deciding rule's id: one string for many sentences, escaped once
    esc.write_opt(buf, c.rule.as_ref());
    buf.extend_from_slice(key!("sources"));
    strs(buf, c.sources.iter().map(|sp| doc.slice(*sp)));
    spill(buf, out)?;
    buf.extend_from_slice(key!("start"));
    number(buf, l.span.start);
    buf.extend_from_slice(key!("text"));
    big_string(buf, out, l.span.slice(&doc.source))?;
    buf.extend_from_slice(CLOSE);
    Ok(())
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
#[inline]
pub(super) fn write_finding(
    buf: &mut Vec<u8>,
    esc: &mut Escaped,
    f: &crate::checks::Finding,
    l: &Location,
) {
    buf.extend_from_slice(first!("column"));
    number(buf, l.start.column);
    end_fields(buf, l);
    buf.extend_from_slice(key!("help"));
    esc.write_opt(buf, f.help.as_ref());
    buf.extend_from_slice(key!("line"));
    number(buf, l.start.line);
    buf.extend_from_slice(key!("message"));
    esc.write(buf, &f.message);
    buf.extend_from_slice(key!("rule"));
    esc.write(buf, &f.rule);
    buf.extend_from_slice(key!("sentence"));
    opt_number(buf, f.sentence);
    buf.extend_from_slice(key!("severity"));
    name(buf, f.severity.as_str());
    buf.extend_from_slice(key!("start"));
    number(buf, l.span.start);
    buf.extend_from_slice(key!("suppressed"));
    match &f.suppressed {
        Some(s) => {
            let mut so = Obj::begin(buf, 10);
            so.opt_str("justification", s.justification.as_deref());
            so.str("kind", s.kind.as_str());
            so.end();
        }
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(CLOSE);
}

/// One source object of the ledger, `first` the place of its first mention.
pub(super) fn write_source(
    buf: &mut Vec<u8>,
    src: &crate::ledger::Source,
    first: Option<&Location>,
) {
    buf.extend_from_slice(first!("aliases"));
    strs(buf, src.aliases.iter().map(String::as_str));
    buf.extend_from_slice(key!("claims"));
    number(buf, src.claims);
    buf.extend_from_slice(key!("column"));
    opt_number(buf, first.map(|l| l.start.column));
    buf.extend_from_slice(key!("kind"));
    name(buf, src.kind.as_str());
    buf.extend_from_slice(key!("line"));
    opt_number(buf, first.map(|l| l.start.line));
    buf.extend_from_slice(key!("name"));
    string(buf, &src.name);
    buf.extend_from_slice(key!("sentences"));
    list(buf, src.sentences.iter().copied(), number);
    buf.extend_from_slice(CLOSE);
}
