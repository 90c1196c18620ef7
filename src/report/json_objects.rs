//! The objects of a file in the JSON report: findings, sentences and sources (at eight
//! spaces, their fields at ten), each written as a run of constant keys and values into the
//! report's buffer ([`Sink`]), in the order serde_json's sorted map writes the keys (tested
//! against the value tree of `json::file_value_with`).

use super::escape::{long_string, string_content};
use super::escaped::Escaped;
use super::json::FLUSH_AT;
use super::sink::{fixed, Body, Fast, Padded, Put};
use super::Location;
use super::{label_index, severity_index};
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

/// `inherited`, `label` and the `line` key of a sentence, one constant for each value of the
/// two (`[inherited][label_index]`): one copy chosen without a branch (issue 6: the label
/// names' lengths differ, and the copy of a name branched on its length, mispredicted).
macro_rules! label_line {
    ($inherited:literal, $label:literal) => {
        Padded::new(concat!(
            ",\n          \"inherited\": ",
            $inherited,
            ",\n          \"label\": \"",
            $label,
            "\",\n          \"line\": "
        ))
    };
}

static LABEL_LINE: [[Padded; 5]; 2] = [
    [
        label_line!("false", "attributed"),
        label_line!("false", "reported"),
        label_line!("false", "alleged"),
        label_line!("false", "unattributed"),
        label_line!("false", "none"),
    ],
    [
        label_line!("true", "attributed"),
        label_line!("true", "reported"),
        label_line!("true", "alleged"),
        label_line!("true", "unattributed"),
        label_line!("true", "none"),
    ],
];

/// `severity` and the `start` key of a finding, one constant for each severity (in the order
/// of [`severity_index`]).
macro_rules! severity_start {
    ($severity:literal) => {
        Padded::new(concat!(
            ",\n          \"severity\": \"",
            $severity,
            "\",\n          \"start\": "
        ))
    };
}

static SEVERITY_START: [Padded; 3] = [
    severity_start!("info"),
    severity_start!("warning"),
    severity_start!("error"),
];

/// Bytes of the window a sentence object's fields before its text are written in (see
/// [`fixed`]): half of it for the fields, room for a few cues and sources.
const SENTENCE_WINDOW: usize = 2048;

/// Bytes of the window a finding object is written in (help and message up to 128 bytes).
const FINDING_WINDOW: usize = 2048;

/// Bytes of the window a source object is written in.
const SOURCE_WINDOW: usize = 1024;

/// One sentence object (the fields of `json::sentence_values`): the fields before its text in
/// one window, then the text.
#[inline(always)]
pub(super) fn write_sentence(
    w: &mut impl Put,
    esc: &mut Escaped,
    i: usize,
    l: &Location,
    c: &crate::classify::Classification,
    doc: &crate::document::Document,
) {
    fixed::<SENTENCE_WINDOW>(w, &mut SentenceHead { esc, i, l, c, doc });
    // sentence texts go straight to the block search (issue 6: most are longer than the
    // short strings' fixed copies, and the test for those mispredicted); the quotation marks
    // joined to the key before and the end of the object after
    w.string_long_in(
        b",\n          \"text\": \"",
        l.span.slice(&doc.source).as_bytes(),
        concat!("\"", "\n        }").as_bytes(),
    );
}

/// The fields of a sentence object before its text.
struct SentenceHead<'a> {
    esc: &'a mut Escaped,
    i: usize,
    l: &'a Location,
    c: &'a crate::classify::Classification,
    doc: &'a crate::document::Document,
}

impl Body for SentenceHead<'_> {
    #[inline(always)]
    fn write(&mut self, w: &mut impl Put) {
        let SentenceHead { esc, i, l, c, doc } = self;
        let (i, l, c, doc) = (*i, *l, *c, *doc);
        w.key_num(first!("column"), l.start.column);
        // an empty list and the key after it in one constant
        if c.cues.is_empty() {
            w.key_num(
                concat!(",\n          \"cues\": []", ",\n          \"end\": ").as_bytes(),
                l.span.end,
            );
        } else {
            w.put(key!("cues"));
            strs(w, c.cues.iter().map(|sp| doc.slice(*sp)));
            w.key_num(key!("end"), l.span.end);
        }
        w.key_num(key!("end_column"), l.end.column);
        w.key_num(key!("end_line"), l.end.line);
        w.key_num(key!("index"), i);
        let inherited = LABEL_LINE.get(usize::from(c.inherited));
        match inherited.and_then(|t| t.get(label_index(c.label))) {
            Some(k) => w.key_num_padded(k, l.start.line),
            None => w.key_num(key!("line"), l.start.line),
        }
        w.put(key!("rule"));
        // the deciding rule's id: one string for many sentences, escaped once
        match c.rule.as_ref() {
            Some(r) => w.raw(esc.get(r)),
            None => w.put(b"null"),
        }
        if c.sources.is_empty() {
            w.key_num(
                concat!(",\n          \"sources\": []", ",\n          \"start\": ").as_bytes(),
                l.span.start,
            );
        } else {
            w.put(key!("sources"));
            strs(w, c.sources.iter().map(|sp| doc.slice(*sp)));
            w.key_num(key!("start"), l.span.start);
        }
    }
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

/// One finding object (the fields of `json::finding_value`), in one window.
#[inline(always)]
pub(super) fn write_finding(
    w: &mut impl Put,
    esc: &mut Escaped,
    f: &crate::checks::Finding,
    l: &Location,
) {
    fixed::<FINDING_WINDOW>(w, &mut FindingObject { esc, f, l });
}

/// A finding object's fields. Its rule id, help and repeated messages are shared strings,
/// escaped once ([`Escaped`]).
struct FindingObject<'a> {
    esc: &'a mut Escaped,
    f: &'a crate::checks::Finding,
    l: &'a Location,
}

impl Body for FindingObject<'_> {
    #[inline(always)]
    fn write(&mut self, w: &mut impl Put) {
        let FindingObject { esc, f, l } = self;
        let (f, l) = (*f, *l);
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
        match SEVERITY_START.get(severity_index(f.severity)) {
            Some(k) => w.key_num_padded(k, l.span.start),
            None => {
                w.put(key!("severity"));
                w.name(f.severity.as_str());
                w.key_num(key!("start"), l.span.start);
            }
        }
        match &f.suppressed {
            Some(s) => {
                w.put(key!("suppressed"));
                w.put(b"{\n            \"justification\": ");
                match s.justification.as_deref() {
                    Some(j) => w.str(j),
                    None => w.put(b"null"),
                }
                w.put(b",\n            \"kind\": ");
                w.str(s.kind.as_str());
                w.put(b"\n          }");
                w.put(CLOSE);
            }
            // the field and the end of the object in one constant
            None => w.put(concat!(",\n          \"suppressed\": null", "\n        }").as_bytes()),
        }
    }
}

/// One source object of the ledger, `first` the place of its first mention, in one window.
#[inline(always)]
pub(super) fn write_source(
    w: &mut impl Put,
    src: &crate::ledger::Source,
    first: Option<&Location>,
) {
    fixed::<SOURCE_WINDOW>(w, &mut SourceObject { src, first });
}

/// A source object's fields.
struct SourceObject<'a> {
    src: &'a crate::ledger::Source,
    first: Option<&'a Location>,
}

impl Body for SourceObject<'_> {
    #[inline(always)]
    fn write(&mut self, w: &mut impl Put) {
        let (src, first) = (self.src, self.first);
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
}

/// [`write_sentence`] at `pos` in `buf` through a [`Fast`] cursor held in registers: the
/// position after it, `None` when it did not fit.
#[inline(never)]
pub(super) fn sentence_at(
    buf: &mut [u8],
    pos: usize,
    esc: &mut Escaped,
    i: usize,
    l: &Location,
    c: &crate::classify::Classification,
    doc: &crate::document::Document,
) -> Option<usize> {
    Fast::run(buf, pos, |o| write_sentence(o, esc, i, l, c, doc))
}

/// [`write_finding`] at `pos` in `buf`, as [`sentence_at`].
#[inline(never)]
pub(super) fn finding_at(
    buf: &mut [u8],
    pos: usize,
    esc: &mut Escaped,
    f: &crate::checks::Finding,
    l: &Location,
) -> Option<usize> {
    Fast::run(buf, pos, |o| write_finding(o, esc, f, l))
}

/// [`write_source`] at `pos` in `buf`, as [`sentence_at`].
#[inline(never)]
pub(super) fn source_at(
    buf: &mut [u8],
    pos: usize,
    src: &crate::ledger::Source,
    first: Option<&Location>,
) -> Option<usize> {
    Fast::run(buf, pos, |o| write_source(o, src, first))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Severity;
    use crate::classify::Label;

    /// Each constant of the tables is the keys and the value written one by one, whole
    /// (shorter than the padded block), at the index the writer reads it from.
    #[test]
    fn tables_hold_each_value_whole() {
        for inherited in [false, true] {
            for label in Label::ALL {
                let want = format!(
                    ",\n          \"inherited\": {inherited},\n          \"label\": \"{}\",\n          \"line\": ",
                    label.as_str()
                );
                let got = &LABEL_LINE[usize::from(inherited)][label_index(label)];
                assert_eq!(got.as_bytes(), want.as_bytes());
                assert!(want.len() < super::super::sink::PAD);
            }
        }
        for severity in [Severity::Info, Severity::Warning, Severity::Error] {
            let want = format!(
                ",\n          \"severity\": \"{}\",\n          \"start\": ",
                severity.as_str()
            );
            let got = &SEVERITY_START[severity_index(severity)];
            assert_eq!(got.as_bytes(), want.as_bytes());
            assert!(want.len() < super::super::sink::PAD);
        }
    }
}
