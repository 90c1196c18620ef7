//! The source ledger: sources of one file with aliases merged.
//!
//! Built from the classifier's source spans in one pass over the sentences. Mentions merge
//! into one source when they are the same name (ignoring `the`, titles and possessives), an
//! acronym of an earlier name (`HRANA`), a surname of an earlier person (`Trump`), a
//! definite reference back (`the organisation`, `the report`) or a pronoun. The word lists
//! live in `rules/checks/single-source.toml`. Source spans made only of pronouns of the first
//! and second person, determiners, quantities and words of time (`you`, `both`, `A total`,
//! `a few days`) are no source ([`filter`]), nor is an indefinite noun phrase whose head is no
//! person, body or document (`an executive order`, [`head`]); a phrase of time before a name
//! is not part of it (`This Wednesday Foreign Minister …`).

use crate::checks::phrases::{tokens_into, PhraseList, Token};
// the ledger's maps hash their small keys (names, spans) with FxHash, eight bytes at a time
// (issue 6: FNV-1a a byte at a time was a tenth of the ledger); they are never iterated, so
// the hasher changes nothing but speed
use crate::checks::{CheckDef, CheckSet, Presence};
use crate::classify::Classification;
use crate::document::Document;
use crate::lexicon::FxBuild;
use crate::reuse::drop_large;
use crate::segment::Segmentation;
use crate::span::{SmallList, Span, SpanList};
use serde::Serialize;
use std::collections::HashMap;

mod filter;
mod head;
mod keys;
mod kinds;

pub(crate) use kinds::WordTable;

/// What kind of source a ledger entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    NamedPerson,
    Organisation,
    Outlet,
    Document,
    Anonymous,
    Vague,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::NamedPerson => "named-person",
            SourceKind::Organisation => "organisation",
            SourceKind::Outlet => "outlet",
            SourceKind::Document => "document",
            SourceKind::Anonymous => "anonymous",
            SourceKind::Vague => "vague",
        }
    }
}

/// One source of a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The fullest form of its name seen in the file.
    pub name: String,
    /// Every other form it was mentioned by (acronym, surname, `the organisation`, `he` …).
    pub aliases: Vec<String>,
    pub kind: SourceKind,
    /// How many sentences (claims) it supports.
    pub claims: usize,
    /// Where it is mentioned (text spans, in order; most sources are mentioned once, kept
    /// without an allocation).
    pub mentions: SpanList,
    /// The sentences it supports (indices, in order; most sources support one, kept without an
    /// allocation).
    pub sentences: SmallList<usize>,
}

/// The sources of one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Ledger {
    pub sources: Vec<Source>,
    /// Indices into `sources` of the sources supporting each sentence, all sentences in a row
    /// (one flat array rather than a vector per sentence: issue 6, memory); sentence `i`'s are
    /// `by_sentence[at[i]..at[i + 1]]`.
    #[serde(skip)]
    by_sentence: Vec<usize>,
    #[serde(skip)]
    at: Vec<usize>,
}

impl Ledger {
    /// The sources that sentence `i` rests on.
    pub fn sources_of(&self, i: usize) -> &[usize] {
        match (self.at.get(i), self.at.get(i + 1)) {
            (Some(&a), Some(&b)) => self.by_sentence.get(a..b).unwrap_or_default(),
            _ => &[],
        }
    }
}

/// The word lists of `single-source` (and the heads of `anonymous-source`) the ledger reads in
/// names, each looked up by name only when a name needs it: most documents need none of them
/// (issue 6: nine lookups by name in every document; the lists compared with single words are
/// read from [`CheckSet::ledger_words`], the kinds from [`CheckSet::ledger_kinds`]).
struct Lists<'a> {
    def: Option<&'a CheckDef>,
    anonymous: Option<&'a CheckDef>,
}

impl<'a> Lists<'a> {
    fn new(def: Option<&'a CheckDef>, anonymous: Option<&'a CheckDef>) -> Self {
        Lists { def, anonymous }
    }

    /// List `name` of `single-source` (empty without the check).
    fn get(&self, name: &str) -> &'a PhraseList {
        match self.def {
            Some(d) => d.list(name),
            None => PhraseList::empty(),
        }
    }

    /// The heads of `anonymous-source`: single words that name a speaker, for the head of an
    /// indefinite noun phrase.
    fn heads(&self) -> &'a PhraseList {
        match self.anonymous {
            Some(d) => d.list("heads"),
            None => PhraseList::empty(),
        }
    }
}

// Bits of `Presence::present` for the lists `crate::checks::LEDGER_KINDS`, in that order.
const VAGUE: u32 = 1;
const ANONYMOUS: u32 = 1 << 1;
const OUTLETS: u32 = 1 << 2;
const DOCUMENTS: u32 = 1 << 3;
const ORGANISATIONS: u32 = 1 << 4;

// Bits of `WordSets::of` for the lists `crate::checks::LEDGER_WORDS`, in that order.
const PERSON: u32 = 1;
const GROUP: u32 = 1 << 1;
const REFERENCE: u32 = 1 << 2;
const JOINER: u32 = 1 << 3;
const TITLE: u32 = 1 << 4;
const DOCUMENT: u32 = 1 << 5;
const INDEFINITE: u32 = 1 << 6;
/// The bits of the word lists in [`WordTable::of`] (the kind lists' are above them).
const WORD_BITS: u32 = (1 << kinds::KINDS) - 1;

/// Index of a kind in [`Builder::last_kind`].
fn kind_index(kind: SourceKind) -> usize {
    match kind {
        SourceKind::NamedPerson => 0,
        SourceKind::Organisation => 1,
        SourceKind::Outlet => 2,
        SourceKind::Document => 3,
        SourceKind::Anonymous => 4,
        SourceKind::Vague => 5,
    }
}

/// Bytes reserved for a name key and the key looked up beside it.
const KEY_ROOM: usize = 64;

/// Builds the ledger of one document from its classifications.
pub fn build(
    doc: &Document,
    seg: &Segmentation,
    labels: &[Classification],
    checks: &CheckSet,
) -> Ledger {
    let lists = Lists::new(checks.get("single-source"), checks.get("anonymous-source"));
    let text = doc.text.as_str();
    let n = seg.sentences.len();
    // the source spans of the sentences, and of the first 64 of them: one pass over the labels
    // (issue 6: two passes, each reading every label's list of sources)
    let (mut spans, mut early) = (0usize, 0usize);
    for (i, c) in labels.iter().take(n.max(64)).enumerate() {
        let k = c.sources.len();
        if i < n {
            spans += k;
        }
        if i < 64 {
            early += k;
        }
    }
    // room in the maps for the mentions of a short document at once (issue 6: they grew a
    // few times in every document)
    let room = early.min(64);
    // the buffers of the document before on this thread, emptied (issue 6: eight allocations
    // per document)
    let mut bufs = BUFFERS.take().unwrap_or_default();
    bufs.keys.reset(room);
    bufs.toks.clear();
    bufs.toks.reserve(16);
    bufs.words.reserve(16);
    bufs.flags.clear();
    bufs.flags.reserve(16);
    bufs.kbits.clear();
    bufs.kbits.reserve(16);
    bufs.classes.clear();
    bufs.classes.reserve(16);
    // room for a long name's key at once (issue 6: the two grew from empty in every document,
    // a quarter of a million instructions on the corpus)
    bufs.scratch.clear();
    bufs.scratch.reserve(KEY_ROOM);
    bufs.key.clear();
    bufs.key.reserve(KEY_ROOM);
    bufs.part.clear();
    bufs.part.reserve(KEY_ROOM);
    // every source span of the sentences at most once
    bufs.seen.reset(spans);
    let mut b = Builder {
        text,
        lists,
        checks,
        ledger: Ledger::default(),
        keys: bufs.keys,
        known: HashMap::with_capacity_and_hasher(room, FxBuild::default()),
        last_kind: [None; 6],
        last_other: None,
        caps: recycle(bufs.caps),
        scratch: bufs.scratch,
        key: bufs.key,
        part: bufs.part,
    };
    let mut seen = bufs.seen;
    let mut mw = MentionWords {
        toks: bufs.toks,
        words: recycle(bufs.words),
        flags: bufs.flags,
        kbits: bufs.kbits,
        classes: bufs.classes,
    };
    b.ledger.sources.reserve(room);
    b.ledger.at = Vec::with_capacity(n + 1);
    b.ledger.at.push(0);
    // every source span of the sentences at most once: one allocation (issue 6: it grew ten
    // times in a short document)
    b.ledger.by_sentence.reserve_exact(spans);
    let mut quotes = QuoteCursor::default();
    for (i, c) in labels.iter().enumerate().take(n) {
        let first = b.ledger.by_sentence.len();
        for span in &c.sources {
            // a name inside a quotation is part of what was said, not a source
            if quotes.in_quote(seg, *span) {
                continue;
            }
            if let Some(id) = b.resolve(&mut mw, *span) {
                let Some(src) = b.ledger.sources.get_mut(id) else {
                    continue;
                };
                if let Some(k) = b.last_kind.get_mut(kind_index(src.kind)) {
                    *k = Some(id);
                }
                if src.kind != SourceKind::NamedPerson {
                    b.last_other = Some(id);
                }
                // a span belongs to one source; inherited labels repeat it
                if seen.insert(*span) {
                    src.mentions.push(*span);
                }
                if src.sentences.last() != Some(&i) {
                    src.sentences.push(i);
                    src.claims += 1;
                }
                let mine = b.ledger.by_sentence.get(first..).unwrap_or_default();
                if !mine.contains(&id) {
                    b.ledger.by_sentence.push(id);
                }
            }
        }
        b.ledger.at.push(b.ledger.by_sentence.len());
    }
    // sentences without a classification rest on no source
    while b.ledger.at.len() < n + 1 {
        b.ledger.at.push(b.ledger.by_sentence.len());
    }
    // what the spans left unused is given back when it is worth a copy
    if b.ledger.by_sentence.capacity() - b.ledger.by_sentence.len() > 1024 {
        b.ledger.by_sentence.shrink_to_fit();
    }
    BUFFERS.set(Some(
        Buffers {
            keys: b.keys,
            toks: mw.toks,
            flags: mw.flags,
            kbits: mw.kbits,
            classes: mw.classes,
            scratch: b.scratch,
            key: b.key,
            part: b.part,
            seen,
            words: recycle(mw.words),
            caps: recycle(b.caps),
        }
        .kept(),
    ));
    b.ledger
}

/// Buffers of [`build`] kept from one document to the next on each thread.
#[derive(Default)]
struct Buffers {
    keys: keys::Keys,
    toks: Vec<Token>,
    flags: Vec<u32>,
    kbits: Vec<u32>,
    classes: Vec<u8>,
    scratch: String,
    key: Vec<u8>,
    part: Vec<u8>,
    seen: SeenSpans,
    /// [`Builder::words`] and [`Builder::caps`], empty.
    words: Vec<&'static str>,
    caps: Vec<&'static str>,
}

impl Buffers {
    /// The buffers worth keeping for the next document: any grown past what a long document
    /// of news copy needs is given back (a huge file's would be held for nothing).
    fn kept(mut self) -> Self {
        const MOST: usize = 1 << 10;
        if self.keys.room() > MOST {
            self.keys = keys::Keys::default();
        }
        drop_large(&mut self.toks, MOST);
        drop_large(&mut self.flags, MOST);
        drop_large(&mut self.kbits, MOST);
        drop_large(&mut self.classes, MOST);
        if self.scratch.capacity() > MOST {
            self.scratch = String::new();
        }
        drop_large(&mut self.key, MOST);
        drop_large(&mut self.part, MOST);
        if self.seen.sorted.capacity() > MOST || self.seen.other.capacity() > MOST {
            self.seen = SeenSpans::default();
        }
        drop_large(&mut self.words, MOST);
        drop_large(&mut self.caps, MOST);
        self
    }
}

/// `v` emptied, as a vector of slices of another lifetime: the same allocation (a collect
/// from a vector's own iterator into items of the same layout is done in place), so that the
/// words' buffers are kept from one document to the next (issue 6: two allocations per
/// document).
fn recycle<'x>(mut v: Vec<&str>) -> Vec<&'x str> {
    v.clear();
    v.into_iter().map(|_| "").collect()
}

thread_local! {
    /// [`Buffers`] of the last document built on this thread.
    static BUFFERS: std::cell::Cell<Option<Buffers>> = const { std::cell::Cell::new(None) };
}

/// A set of spans that arrive mostly in increasing order (the sentences' sources, in document
/// order): those after every span so far are pushed onto a sorted list, the others (an earlier
/// span met again, or one out of order) looked up there and kept in a hash set (issue 6: a
/// hash per mention was a twentieth of the ledger).
#[derive(Default)]
struct SeenSpans {
    /// Increasing.
    sorted: Vec<Span>,
    /// Spans that were below the last of `sorted` when they came.
    other: std::collections::HashSet<Span, FxBuild>,
}

impl SeenSpans {
    /// Empties the set, with room for `n` spans in order.
    fn reset(&mut self, n: usize) {
        self.sorted.clear();
        self.sorted.reserve(n);
        self.other.clear();
    }

    /// Adds `span`; whether it was new (as `HashSet::insert`).
    fn insert(&mut self, span: Span) -> bool {
        match self.sorted.last() {
            // above every span of `sorted`, and of `other` (each was below one of `sorted`)
            Some(&last) if span <= last => {
                self.sorted.binary_search(&span).is_err() && self.other.insert(span)
            }
            _ => {
                self.sorted.push(span);
                true
            }
        }
    }
}

/// Whether spans lie inside a quotation, for spans that come mostly in order of start (the
/// sentences' sources): the number of quotes starting at or before the last span is kept and
/// moved on, and searched for again only when a span starts before the last one (issue 6: a
/// binary search per source span, its branches mispredicted).
#[derive(Default)]
struct QuoteCursor {
    /// Quotes starting at or before `at`.
    k: usize,
    at: usize,
}

impl QuoteCursor {
    /// Whether `span` lies inside a quotation of `seg` (quotes are sorted by start; nested
    /// ones follow their parent, so the few last quotes starting before `span` are enough to
    /// look at).
    fn in_quote(&mut self, seg: &Segmentation, span: Span) -> bool {
        let quotes = &seg.quotes;
        if span.start < self.at {
            self.k = quotes.partition_point(|q| q.span.start <= span.start);
        } else {
            while quotes
                .get(self.k)
                .is_some_and(|q| q.span.start <= span.start)
            {
                self.k += 1;
            }
        }
        self.at = span.start;
        quotes
            .get(..self.k)
            .unwrap_or_default()
            .iter()
            .rev()
            .take(8)
            .any(|q| {
                q.open.end <= span.start && span.end <= q.close.map_or(q.span.end, |c| c.start)
            })
    }
}

/// Whether `b` is the first or last byte of a character that is no white space (an ASCII one:
/// any other byte may belong to one).
fn solid(b: Option<&u8>) -> bool {
    b.is_some_and(|&b| b.is_ascii() && !char::from(b).is_whitespace())
}

/// `s.trim()`; a mention that neither starts nor ends with white space (most) without a look
/// at its characters (issue 6).
fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    if solid(b.first()) && solid(b.last()) {
        s
    } else {
        s.trim()
    }
}

/// `s.trim_end()`, as [`trim`].
fn trim_end(s: &str) -> &str {
    if solid(s.as_bytes().last()) {
        s
    } else {
        s.trim_end()
    }
}

/// `s` lower-cased in place as `str::to_lowercase` has it (ASCII without a copy).
fn lowercase(s: &mut String) {
    if s.is_ascii() {
        s.make_ascii_lowercase();
    } else {
        *s = s.to_lowercase();
    }
}

/// `he`, `they`: a pronoun of the lists, alone (`flags`: the words' lists).
fn is_pronoun(flags: &[u32]) -> bool {
    matches!(flags, [f] if f & (PERSON | GROUP) != 0)
}

/// `the organisation`, `the report`: `the` and a word of the references list.
fn is_reference(words: &[&str], flags: &[u32]) -> bool {
    match (words, flags) {
        ([the, _], [_, f]) => the.eq_ignore_ascii_case("the") && f & REFERENCE != 0,
        _ => false,
    }
}

/// The lowercase name made of `words` (whose lists are `flags`) without determiners, titles,
/// possessives and parentheticals, pushed onto `out` (its bytes: issue 6, a word of ASCII is
/// lower-cased eight bytes at a time).
fn key_into(words: &[&str], flags: &[u32], out: &mut Vec<u8>) {
    let mut pushed = false;
    for (k, (w, f)) in words.iter().zip(flags).enumerate() {
        let title = f & TITLE != 0;
        if k == 0 && (w.eq_ignore_ascii_case("the") || title) {
            continue;
        }
        if title && !pushed {
            continue;
        }
        let mut w: &str = w;
        while let Some(rest) = w.strip_suffix("'s") {
            w = rest;
        }
        while let Some(rest) = w.strip_suffix("\u{2019}s") {
            w = rest;
        }
        if pushed {
            out.push(b' ');
        }
        pushed = true;
        push_lower(w, out);
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The bytes of `w` lower-cased as `str::to_lowercase` has it, pushed onto `out`.
fn push_lower(w: &str, out: &mut Vec<u8>) {
    let b = w.as_bytes();
    if let Some(v) = crate::checks::phrases::load(b) {
        if v & HIGH == 0 {
            // a lane is at least `A` when adding 0x3f sets its high bit, above `Z` when
            // adding 0x25 does (no lane carries into the next: every lane is below 0x80)
            let upper = v.wrapping_add(ONES * 0x3f) & !v.wrapping_add(ONES * 0x25) & HIGH;
            // all eight lanes at once (a copy of a known size, no call), then the word's
            let len = out.len() + b.len();
            out.extend_from_slice(&(v | upper >> 2).to_le_bytes());
            out.truncate(len);
            return;
        }
    } else if b.is_ascii() {
        let from = out.len();
        out.extend_from_slice(b);
        if let Some(added) = out.get_mut(from..) {
            added.make_ascii_lowercase();
        }
        return;
    }
    out.extend_from_slice(w.to_lowercase().as_bytes());
}

/// Where the possessor of a possessive mention starts among its words (`words`, whose lists
/// are `flags`) when the classifier's span took in a clause before it: the capitalised run
/// after the last lower-case word that is not a joiner or a title (`Trump's` in `the campaign
/// criticized Trump's`, `Iran's` in `the spokesperson added regarding Iran's`); 0 when the
/// mention is no possessive or is one noun phrase (`the Iraqi government's`, `Senator
/// Kennedy's`).
fn possessor_start(words: &[&str], flags: &[u32]) -> usize {
    let possessive = words.last().is_some_and(|w| {
        w.ends_with("'s")
            || w.ends_with("\u{2019}s")
            || w.ends_with('\'')
            || w.ends_with('\u{2019}')
    });
    if !possessive || words.len() < 2 {
        return 0;
    }
    let cap = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    // the capitalised run at the end
    let run = words.iter().rposition(|w| !cap(w)).map_or(0, |j| j + 1);
    match (run.checked_sub(1), run < words.len()) {
        (Some(j), true) => {
            let joiner = flags.get(j).is_some_and(|f| f & (JOINER | TITLE) != 0);
            // (a lower-case first word is a modifier of the name: `former Mayor Hill's`)
            if joiner || j == 0 {
                0
            } else {
                run
            }
        }
        _ => 0,
    }
}

/// Where the last run of capitalised words of a name is among its words (`Pat Caddell` in
/// `pollster Pat Caddell`).
fn name_core(words: &[&str]) -> std::ops::Range<usize> {
    let cap = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let end = words.iter().rposition(cap).map_or(0, |e| e + 1);
    let start = words
        .get(..end)
        .unwrap_or_default()
        .iter()
        .rposition(|w| !cap(w))
        .map_or(0, |s| s + 1);
    start..end
}

/// What [`Builder::resolve`] knows of a mention text met before.
#[derive(Clone, Copy)]
enum Known {
    /// Resolved by its name key (not a pronoun or a reference back, whose source depends on
    /// what came before), or no source: the answer, which cannot change: a key once given a
    /// source keeps it, and the text is already that source's name or an alias (issue 6:
    /// names are mentioned again and again, and inherited labels repeat them).
    Source(Option<usize>),
    /// A pronoun whose lists are these bits ([`crate::checks::phrases::WordSets::of`]),
    /// resolved anew at each mention against what came before.
    Pronoun(u32),
}

/// Buffers of [`Builder::resolve`]: the tokens of a mention, their words, and the lists each
/// word is an entry of (bits of [`crate::checks::phrases::WordSets::of`]).
struct MentionWords<'a> {
    toks: Vec<Token>,
    words: Vec<&'a str>,
    flags: Vec<u32>,
    /// The kind lists each word has as a whole entry ([`WordTable::of`] shifted by
    /// [`kinds::KINDS`]).
    kbits: Vec<u32>,
    /// The classes of [`filter`] the table gives each word.
    classes: Vec<u8>,
}

struct Builder<'a> {
    text: &'a str,
    lists: Lists<'a>,
    ledger: Ledger,
    /// Normalised name, acronym or surname → source index.
    keys: keys::Keys,
    /// Mention texts met before → what is known of them ([`Known`]).
    known: HashMap<&'a str, Known, FxBuild>,
    /// The latest source of each kind, and the latest that is not a person.
    last_kind: [Option<usize>; 6],
    last_other: Option<usize>,
    /// The check set: its lists [`crate::checks::LEDGER_WORDS`] in one table
    /// ([`CheckSet::ledger_words`]; `None`: no `single-source`, so every list is empty).
    checks: &'a CheckSet,
    /// The capitalised words of a new name, and a key looked up but not kept (buffers).
    caps: Vec<&'a str>,
    scratch: String,
    /// The key of the mention being resolved (buffer).
    key: Vec<u8>,
    /// The key of part of a name (buffer).
    part: Vec<u8>,
}

impl<'a> Builder<'a> {
    /// The ledger index of the source mentioned at `span`, creating it when new.
    fn resolve(&mut self, mw: &mut MentionWords<'a>, span: Span) -> Option<usize> {
        let whole = span.slice(self.text);
        match self.known.get(whole) {
            Some(&Known::Source(id)) => return id,
            Some(&Known::Pronoun(f)) => return self.resolve_pronoun(trim(whole), f),
            None => {}
        }
        let surface = trim(whole);
        if surface.is_empty() {
            return None;
        }
        // the words of the span, in buffers kept from one span to the next (beside the
        // builder: issue 6, taking them out of it and back was a tenth of a mention)
        let MentionWords {
            toks,
            words,
            flags,
            kbits,
            classes,
        } = mw;
        toks.clear();
        tokens_into(self.text, span, toks);
        words.clear();
        let text = self.text;
        words.extend(toks.iter().map(|t| t.text(text)));
        // each word's lists in one lookup (issue 6: up to seven list lookups a word)
        flags.clear();
        kbits.clear();
        classes.clear();
        // the table is built on the first mention of the run (not for a file without one)
        let table = self.checks.ledger_words();
        match table {
            Some(table) => {
                for w in words.iter() {
                    let all = table.of(w);
                    flags.push(all & WORD_BITS);
                    kbits.push(kinds::kind_bits(all));
                    classes.push(kinds::class_bits(all));
                }
            }
            None => {
                flags.resize(words.len(), 0);
                kbits.resize(words.len(), 0);
            }
        }
        // the words' classes of [`filter`] (`None`: read there)
        let raw = table.map(|_| classes.as_slice());
        // `they're`, `he's`: the pronoun, with a verb run on
        if let ([w], [0], Some(sets)) = (
            words.as_slice(),
            flags.as_slice(),
            self.checks.ledger_words(),
        ) {
            if let Some(base) = filter::contracted(w) {
                if let Some(f) = flags.first_mut() {
                    *f = sets.of(base) & WORD_BITS;
                }
            }
        }
        // `you`, `my`, `that`, `both`, `a few`, `A total`, `a month`: no source
        let none = filter::not_a_source(words, raw, is_pronoun(flags));
        // `This Wednesday Foreign Minister …`: the name after a phrase of time
        let cut = if none {
            0
        } else {
            filter::time_prefix(words, raw).max(possessor_start(words, flags))
        };
        let end = span.start + trim_end(whole).len();
        let surface = match toks.get(cut) {
            Some(t) if cut > 0 => text.get(t.span.start..end).unwrap_or(surface),
            _ => surface,
        };
        let (named, marks, kinds) = (
            words.get(cut..).unwrap_or_default(),
            flags.get(cut..).unwrap_or_default(),
            kbits.get(cut..).unwrap_or_default(),
        );
        let id = if none {
            None
        } else {
            self.resolve_words(surface, named, marks, kinds)
        };
        // a pronoun or a reference back is resolved against what came before; any other
        // mention by its key alone, which gives the same answer every time, as does a mention
        // that is no source (`we`)
        if none || !is_pronoun(marks) && !is_reference(named, marks) {
            self.known.insert(whole, Known::Source(id));
        } else if let ([f], 0) = (marks, cut) {
            // a pronoun, the whole mention (`he`, `They`, `he's`): its words need not be read
            // again (issue 6: a pronoun was tokenized and looked up at every mention)
            if is_pronoun(marks) {
                self.known.insert(whole, Known::Pronoun(*f));
            }
        }
        id
    }

    /// [`Builder::resolve`] of a mention `surface` made of `words`, whose lists are `flags`
    /// and kind lists `kinds`.
    fn resolve_words(
        &mut self,
        surface: &'a str,
        words: &[&'a str],
        flags: &[u32],
        kinds: &[u32],
    ) -> Option<usize> {
        // pronouns refer to the latest fitting source
        if let [f] = flags {
            if f & (PERSON | GROUP) != 0 {
                return self.resolve_pronoun(surface, *f);
            }
        }
        // `the organisation`, `the report`: a definite reference back
        if is_reference(words, flags) {
            let kind = self
                .kind_of(
                    words.get(1..).unwrap_or_default(),
                    flags.get(1..).unwrap_or_default(),
                    surface,
                    (words, kinds),
                )
                // (a reference's one word is never a determiner: every name has a kind)
                .unwrap_or(SourceKind::Anonymous);
            // else the latest source that is not a person, unless that is `officials` or
            // `a source`: `the council` after `officials said` is a new source
            let other = self.last_other.filter(|&id| {
                self.ledger
                    .sources
                    .get(id)
                    .is_some_and(|s| !matches!(s.kind, SourceKind::Vague | SourceKind::Anonymous))
            });
            let back = self.last(kind).or(match kind {
                SourceKind::Organisation | SourceKind::Document => other,
                _ => None,
            });
            if let Some(id) = back {
                self.alias(id, surface, false);
                return Some(id);
            }
        }
        // the key in a buffer kept from one mention to the next
        let mut key = std::mem::take(&mut self.key);
        key.clear();
        key_into(words, flags, &mut key);
        let id = self.resolve_key(surface, words, flags, kinds, &key);
        self.key = key;
        id
    }

    /// [`Builder::resolve_words`] of a pronoun `surface` whose lists are `f` (a person's or a
    /// group's): the latest fitting source, of which it becomes an alias.
    fn resolve_pronoun(&mut self, surface: &str, f: u32) -> Option<usize> {
        let id = if f & PERSON != 0 {
            self.last(SourceKind::NamedPerson)?
        } else {
            self.last_other
                .or_else(|| self.last(SourceKind::NamedPerson))?
        };
        self.alias(id, surface, false);
        Some(id)
    }

    /// [`Builder::resolve_words`] of a name (not a pronoun or a reference back) whose key is
    /// `key`.
    fn resolve_key(
        &mut self,
        surface: &'a str,
        words: &[&'a str],
        flags: &[u32],
        kinds: &[u32],
        key: &[u8],
    ) -> Option<usize> {
        if key.is_empty() {
            return None;
        }
        if let Some(id) = self.keys.get(key) {
            self.alias(id, surface, true);
            return Some(id);
        }
        // in ASCII the lists ignore case already: no lower-cased copy
        let kind = if surface.is_ascii() {
            self.kind_of(words, flags, surface, (words, kinds))
        } else {
            self.kind_of(words, flags, &surface.to_lowercase(), (words, kinds))
        };
        // `an executive order`, `a species of ray`: an indefinite noun phrase naming no one
        let kind = kind?;
        // `longtime pollster Pat Caddell` → `Pat Caddell`; `Mike Pence` after `Pence`
        if kind == SourceKind::NamedPerson {
            let core = name_core(words);
            let last = core.end.saturating_sub(1).max(core.start)..core.end;
            // the whole core's key, else its last word's: looked up in one buffer
            let mut part = std::mem::take(&mut self.part);
            let mut found = None;
            for range in [core, last] {
                // the whole name's key was looked up already
                if range == (0..words.len()) {
                    continue;
                }
                part.clear();
                key_into(
                    words.get(range.clone()).unwrap_or_default(),
                    flags.get(range).unwrap_or_default(),
                    &mut part,
                );
                if let Some(id) = self.keys.get(&part).filter(|_| !part.is_empty()) {
                    found = Some(id);
                    break;
                }
            }
            self.part = part;
            let found = found.filter(|id| {
                self.ledger
                    .sources
                    .get(*id)
                    .is_some_and(|s| s.kind == SourceKind::NamedPerson)
            });
            if let Some(id) = found {
                self.keys.insert(key, id);
                self.alias(id, surface, true);
                return Some(id);
            }
        }
        // a new name: register it with its acronym and, for people, the surname
        let id = self.ledger.sources.len();
        self.ledger.sources.push(Source {
            name: surface.to_string(),
            aliases: Vec::new(),
            kind,
            claims: 0,
            mentions: SpanList::new(),
            sentences: SmallList::new(),
        });
        self.keys.insert(key, id);
        let mut caps = std::mem::take(&mut self.caps);
        caps.clear();
        // fewer than two words leave fewer than two capitalised ones: no test of each
        if words.len() >= 2 {
            caps.extend(
                words
                    .iter()
                    .zip(flags)
                    .filter(|(_, f)| *f & (JOINER | TITLE) == 0)
                    .map(|(w, _)| *w),
            );
        }
        if caps.len() >= 2
            && caps
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            let mut scratch = std::mem::take(&mut self.scratch);
            scratch.clear();
            scratch.extend(caps.iter().filter_map(|w| w.chars().next()));
            lowercase(&mut scratch);
            self.keys.or_insert(scratch.as_bytes(), id);
            if kind == SourceKind::NamedPerson {
                if let Some(last) = caps.last() {
                    scratch.clear();
                    scratch.push_str(last);
                    lowercase(&mut scratch);
                    self.keys.or_insert(scratch.as_bytes(), id);
                }
            }
            self.scratch = scratch;
        }
        self.caps = caps;
        // `Human Rights Activists News Agency (HRANA)`: the acronym in parentheses
        // (a byte search: issue 6, a `char` search was a tenth of a new name)
        if let Some(rest) = surface
            .bytes()
            .position(|b| b == b'(')
            .and_then(|k| surface.get(k + 1..))
        {
            let mut scratch = std::mem::take(&mut self.scratch);
            scratch.clear();
            scratch.push_str(rest.trim_end_matches(')').trim());
            lowercase(&mut scratch);
            if !scratch.is_empty() {
                self.keys.or_insert(scratch.as_bytes(), id);
            }
            self.scratch = scratch;
        }
        Some(id)
    }

    /// Records `surface` as a form of source `id`; a fuller name (not a pronoun or a reference
    /// such as `the organisation`, `can_name` false) becomes its name.
    fn alias(&mut self, id: usize, surface: &str, can_name: bool) {
        if let Some(src) = self.ledger.sources.get_mut(id) {
            if src.name != surface && !src.aliases.iter().any(|a| a == surface) {
                // keep the fullest form as the name
                if can_name && surface.len() > src.name.len() {
                    let old = std::mem::replace(&mut src.name, surface.to_string());
                    src.aliases.push(old);
                } else {
                    src.aliases.push(surface.to_string());
                }
            }
        }
    }

    /// The latest source of `kind`.
    fn last(&self, kind: SourceKind) -> Option<usize> {
        self.last_kind.get(kind_index(kind)).copied().flatten()
    }

    /// The kind of a name made of `words` (whose lists are `flags`), `surface` its text
    /// lower-cased outside ASCII, `tokens` the words of `surface` and their kind lists (the
    /// words, or `the` and the words).
    fn kind_of(
        &self,
        words: &[&str],
        flags: &[u32],
        surface: &str,
        tokens: (&[&str], &[u32]),
    ) -> Option<SourceKind> {
        let l = &self.lists;
        // a name headed by a document word is a document, whatever lists it holds: no walk
        // over it (issue 6)
        if flags.last().is_some_and(|f| f & DOCUMENT != 0) {
            return Some(SourceKind::Document);
        }
        // which of the lists `crate::checks::LEDGER_KINDS` occur in the name: read from its
        // words' bits (issue 6: the walk, or a lookup of each run of the name, was most of the
        // kind's cost), else one walk over it in the lexicon of those lists, built when a name
        // first needs it (not for a run whose names are all read: issue 6, start-up)
        let read = kinds::read(self.checks.ledger_words(), surface, tokens.0, tokens.1);
        // every name of the tests is read both ways
        #[cfg(test)]
        if let (Some(bits), Some(k)) = (read, self.checks.ledger_kinds()) {
            assert_eq!(bits, k.present(surface), "{surface:?}");
        }
        let present = match (
            read,
            read.map_or_else(|| self.checks.ledger_kinds(), |_| None),
        ) {
            // read from the words
            (Some(bits), _) => bits,
            (None, Some(k)) => Presence::present(k, surface),
            (None, None) => {
                let l = &self.lists;
                let whole = Span::new(0, surface.len());
                [
                    l.get("vague"),
                    l.get("anonymous"),
                    l.get("outlets"),
                    l.get("documents"),
                    l.get("organisations"),
                ]
                .iter()
                .enumerate()
                .fold(0, |m, (k, list)| {
                    m | u32::from(list.any(surface, whole)) << k
                })
            }
        };
        let has = |bit: u32| present & bit != 0;
        // the first word lower-cased; in ASCII the lists' tests ignore case already
        let first = words.first().copied().unwrap_or("");
        let lowered;
        let first_lower: &str = if first.is_ascii() {
            first
        } else {
            lowered = first.to_lowercase();
            &lowered
        };
        let cap = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
        // a capitalised word after the first; for a name of one word, that word capitalised
        let has_inner_cap = words.iter().skip(1).any(cap);
        let has_cap = has_inner_cap || matches!(words, [only] if cap(only));
        let indefinite = if first.is_ascii() {
            flags.first().is_some_and(|f| f & INDEFINITE != 0)
        } else {
            l.get("indefinite").is(first_lower)
        };
        Some(if has(VAGUE) && !has_inner_cap {
            SourceKind::Vague
        } else if has(ANONYMOUS) {
            SourceKind::Anonymous
        } else if indefinite {
            // `a senior official`, `a report by the agency`; `an executive order` is none
            return self.indefinite_kind(words, flags);
        } else if has(OUTLETS) {
            SourceKind::Outlet
        } else if has(DOCUMENTS) {
            SourceKind::Document
        } else if has(ORGANISATIONS)
            || words
                .iter()
                .any(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
        {
            SourceKind::Organisation
        } else if has_cap && first_lower.eq_ignore_ascii_case("the") {
            // `The Red Cross`: people's names take no article
            SourceKind::Organisation
        } else if has_cap {
            SourceKind::NamedPerson
        } else {
            SourceKind::Vague
        })
    }

    /// `w` or its singular (`groups`, `councils`) is a word of the lists that name a speaker
    /// or a body: the heads of `anonymous-source`, and `anonymous`, `vague`, `organisations`,
    /// `outlets`, `titles` and `references` of `single-source` (each list looked up by name only
    /// when the ones before it hold no form of the word).
    fn in_head_lists(&self, w: &str) -> bool {
        let l = &self.lists;
        let names = [
            "anonymous",
            "vague",
            "organisations",
            "outlets",
            "titles",
            "references",
        ];
        std::iter::once_with(|| l.heads())
            .chain(names.into_iter().map(|name| l.get(name)))
            .any(|list| {
                list.is(w)
                    || w.strip_suffix('s').is_some_and(|one| list.is(one))
                    || w.strip_suffix("ies")
                        .is_some_and(|stem| list.is(&format!("{stem}y")))
            })
    }

    /// The kind of an indefinite noun phrase made of `words` (whose lists are `flags`) that
    /// holds no word of the `anonymous` list, by its head noun: a person or a body not named
    /// is an anonymous source, a document word a document; any other head names no source
    /// (`None`).
    fn indefinite_kind(&self, words: &[&str], flags: &[u32]) -> Option<SourceKind> {
        let Some(k) = head::head(words) else {
            return Some(SourceKind::Anonymous);
        };
        let (Some(w), Some(f)) = (words.get(k).copied(), flags.get(k).copied()) else {
            return Some(SourceKind::Anonymous);
        };
        // `a Republican`, `a Washington Post`: a proper noun, as before
        if w.chars().next().is_some_and(char::is_uppercase) {
            Some(SourceKind::Anonymous)
        } else if f & DOCUMENT != 0 || head::is_item_noun(w) {
            Some(SourceKind::Document)
        } else if f & (TITLE | REFERENCE) != 0 || head::is_person_noun(w) || self.in_head_lists(w) {
            // `a spokesperson`, `a firm`, `a local newspaper`
            Some(SourceKind::Anonymous)
        } else {
            // `a developer and spokeswoman for the group`: the head of the next conjunct
            let next = words.get(k + 1..).filter(|rest| {
                rest.first()
                    .is_some_and(|c| c.eq_ignore_ascii_case("and") || c.eq_ignore_ascii_case("or"))
            });
            let flags = flags.get(k + 1..).unwrap_or_default();
            match next {
                Some(rest) if head::head(rest).is_some() => self.indefinite_kind(rest, flags),
                _ => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// The ledger of the plain text `text`, checked with the built-in rules.
    fn ledger_of(text: String) -> super::Ledger {
        let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
        let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, text);
        checker.check_document(doc).ledger
    }

    /// [`super::recycle`] empties a vector and keeps its allocation, whatever it held.
    #[test]
    fn recycle_keeps_the_allocation() {
        let text = String::from("one two three");
        let mut v: Vec<&str> = Vec::with_capacity(24);
        v.extend(text.split(' '));
        let ptr = v.as_ptr() as usize;
        let w: Vec<&'static str> = super::recycle(v);
        assert!(w.is_empty());
        assert_eq!(w.capacity(), 24);
        assert_eq!(w.as_ptr() as usize, ptr);
        let empty: Vec<&str> = super::recycle(Vec::new());
        assert!(empty.is_empty());
    }

    /// Names are resolved once per text, pronouns every time: the same `She` is a different
    /// person after another person is named.
    #[test]
    fn pronouns_resolve_anew_names_once() {
        let text = "Jane Smith said the bridge would open in May. She said the cost was rising. \
                    Tom Brown said the bridge would open in June. She said the delay was his \
                    fault. Jane Smith said the vote was close.";
        let ledger = ledger_of(text.to_string());
        let names: Vec<&str> = ledger.sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Jane Smith", "Tom Brown"]);
        let of = |i: usize| ledger.sources_of(i).to_vec();
        assert_eq!(
            (0..5).map(of).collect::<Vec<_>>(),
            [vec![0], vec![0], vec![1], vec![1], vec![0]]
        );
        assert_eq!(ledger.sources[0].sentences, [0, 1, 4]);
        assert_eq!(ledger.sources[1].aliases, ["She"]);
    }

    /// The buffers kept on a thread from one document to the next change no ledger: a
    /// document's ledger is the same after a long document (whose grown buffers are given
    /// back) and after a short one as on a fresh thread.
    #[test]
    fn ledger_after_other_documents_is_the_same() {
        let short = "Jane Smith of the Harbour Authority (HA) said the bridge would open. She \
                     said the HA would pay. Officials said the cost was rising. Smith said \
                     the report was late."
            .to_string();
        let long: String = (0..3000)
            .map(|k| format!("Person{k} Example{k} said the count was {k}. He said so. "))
            .collect();
        let fresh = std::thread::spawn({
            let short = short.clone();
            move || ledger_of(short)
        })
        .join()
        .unwrap();
        assert!(fresh.sources.len() >= 2, "{:?}", fresh.sources);
        let big = ledger_of(long);
        assert!(big.sources.len() > 2000, "{}", big.sources.len());
        assert_eq!(ledger_of(short.clone()), fresh);
        assert_eq!(ledger_of(short.clone()), fresh);
    }

    /// A pronoun met again is resolved against what came before it then, not as it was the
    /// first time: `He` before any person is no source, and the same `He` later is the
    /// person named in between (its words are read once, its source found at each mention).
    #[test]
    fn pronoun_met_again_is_resolved_anew() {
        let text = "He said the bridge would open in May. Tom Brown said the bridge would open \
                    in June. He said the delay was costly. Sam Lee said the vote was close. He \
                    said the vote was late.";
        let ledger = ledger_of(text.to_string());
        let names: Vec<&str> = ledger.sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Tom Brown", "Sam Lee"]);
        let of = |i: usize| ledger.sources_of(i).to_vec();
        assert_eq!(
            (0..5).map(of).collect::<Vec<_>>(),
            [vec![], vec![0], vec![0], vec![1], vec![1]]
        );
        assert_eq!(ledger.sources[0].aliases, ["He"]);
        assert_eq!(ledger.sources[1].aliases, ["He"]);
    }

    /// Pronouns of the first and second person, determiners, quantities and time expressions
    /// that the classifier takes for the subject of a cue are not sources; the sources beside
    /// them stay, and so does a surname that is a word of time.
    #[test]
    fn closed_words_and_time_are_no_sources() {
        let text = "A total of 12 people were hurt, officials told reporters, adding that the \
                    road was closed. A few days later, Mayor Ana Ruiz announced a new budget. \
                    A month later, Senator Tom Hill said the budget was too small. Do you think the \
                    bridge will hold? I think the bridge will hold. Thank you for agreeing to \
                    this interview. Both offered scholarships to the students. Doris Day said \
                    she would sing at the fair. Day told reporters the fair was a success.";
        let ledger = ledger_of(text.to_string());
        let names: Vec<&str> = ledger.sources.iter().map(|s| s.name.as_str()).collect();
        for no in [
            "A total",
            "A few",
            "A few days",
            "A month",
            "you",
            "I",
            "Both",
        ] {
            assert!(!names.contains(&no), "{no:?} in {names:?}");
        }
        for yes in [
            "officials",
            "Mayor Ana Ruiz",
            "Senator Tom Hill",
            "Doris Day",
        ] {
            assert!(names.contains(&yes), "{yes:?} not in {names:?}");
        }
        let day = ledger
            .sources
            .iter()
            .find(|s| s.name == "Doris Day")
            .unwrap();
        assert!(day.aliases.iter().any(|a| a == "Day"), "{:?}", day.aliases);
    }

    /// `the council` refers back to the latest organisation, or else to the latest source that
    /// is not a person, but not to vague or anonymous ones (`officials`, `a source`).
    #[test]
    fn references_back_skip_vague_sources() {
        let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
        let names = |text: &str| {
            let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, text.to_string());
            let ledger = checker.check_document(doc).ledger;
            ledger
                .sources
                .iter()
                .map(|s| (s.name.clone(), s.aliases.clone()))
                .collect::<Vec<_>>()
        };
        let got = names(
            "Officials said the road was closed. The council said repairs would start in May.",
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.iter().all(|(_, a)| a.is_empty()), "{got:?}");
        // an organisation named before is referred back to
        let got = names(
            "The Harbour Trust said the road was closed. The organisation said repairs would \
             start in May.",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, ["The organisation"], "{got:?}");
    }

    /// An indefinite noun phrase is an anonymous source when its head is a person or a body,
    /// a document when its head is a document word, and no source when its head is anything
    /// else (a trial, a stretch of time).
    #[test]
    fn indefinite_phrases_by_their_head() {
        let text = "A senior official said the talks would resume on Monday. A company \
                    spokesperson said the plant would close in March. A local resident told \
                    reporters the river rose overnight. A number of nurses at the hospital said \
                    they had not been paid. A report by the harbour authority found that the \
                    pier was unsafe. A new video from the campaign claims the mayor raised \
                    taxes. A trial of two new drugs showed that the fever can be treated. A \
                    decade of drought has shown that the dam was too small. A large crowd said \
                    the match should be replayed.";
        let ledger = ledger_of(text.to_string());
        let kind = |name: &str| {
            ledger
                .sources
                .iter()
                .find(|s| s.name == name)
                .map(|s| s.kind)
        };
        for name in [
            "A senior official",
            "A company spokesperson",
            "A local resident",
            "A number of nurses at the hospital",
            "A large crowd",
        ] {
            assert_eq!(kind(name), Some(super::SourceKind::Anonymous), "{name}");
        }
        for name in [
            "A report by the harbour authority",
            "A new video from the campaign",
        ] {
            assert_eq!(kind(name), Some(super::SourceKind::Document), "{name}");
        }
        for name in ["A trial of two new drugs", "A decade of drought"] {
            assert_eq!(kind(name), None, "{name}");
        }
        // the sentences stay attributed: labels do not come from the ledger
        assert_eq!(ledger.sources_of(6), &[] as &[usize]);
    }

    /// A name after a phrase of time, and a possessor after a clause the span took in, are
    /// the source's name.
    #[test]
    fn names_lose_time_and_clauses_before_them() {
        let text = "This Wednesday Foreign Minister Ana Ruiz stressed the need for a vote, \
                    saying \"the border must reopen\". On Monday Mayor Tom Hill stressed the \
                    cost, saying \"we cannot pay\".";
        let ledger = ledger_of(text.to_string());
        let names: Vec<&str> = ledger.sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Foreign Minister Ana Ruiz", "Mayor Tom Hill"]);
        let words = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        let set = crate::checks::CheckSet::builtin().unwrap();
        let flags = |w: &[&str]| -> Vec<u32> {
            let sets = set.ledger_words();
            w.iter()
                .map(|x| sets.map_or(0, |t| t.of(x) & super::WORD_BITS))
                .collect()
        };
        for (name, at) in [
            ("the council criticized Ruiz's", 3),
            ("the Harbour Board's", 0),
            ("Senator Tom Hill's", 0),
            ("former Mayor Hill's", 0),
            ("the Iraqi government's", 0),
            ("Ruiz said", 0),
        ] {
            let w = words(name);
            assert_eq!(super::possessor_start(&w, &flags(&w)), at, "{name}");
        }
    }

    /// Spans mostly in order, repeated and out of order, are new exactly when a `HashSet`
    /// says so, in a set emptied by `reset` after each run as in a new one.
    #[test]
    fn seen_spans_behave_as_a_hash_set() {
        use crate::span::Span;
        let mut rng = crate::testrng::Rng::new(0x5ee4_5a45);
        let mut seen = super::SeenSpans::default();
        for _ in 0..50 {
            seen.reset(rng.below(8));
            let mut want = std::collections::HashSet::new();
            let mut at = 0;
            for _ in 0..300 {
                let span = match rng.below(4) {
                    // onwards, or back to somewhere earlier
                    0 | 1 => {
                        at += rng.below(5);
                        Span::new(at, at + rng.below(4))
                    }
                    _ => {
                        let s = rng.below(at + 1);
                        Span::new(s, s + rng.below(4))
                    }
                };
                assert_eq!(seen.insert(span), want.insert(span), "{span:?}");
            }
        }
    }

    /// The quick trims are `str`'s, on mentions with white space of every kind at either end.
    #[test]
    fn quick_trims_are_the_full_ones() {
        let pieces = [
            " ", "\t", "\u{b}", "\u{a0}", "\u{2003}", "\n", "a", "Z", "é", "\"", "’", ".", "",
        ];
        let mut rng = crate::testrng::Rng::new(0x7e1_3ee);
        let mut cut = 0;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..rng.below(5) {
                s.push_str(rng.pick(&pieces));
            }
            assert_eq!(super::trim(&s), s.trim(), "{s:?}");
            assert_eq!(super::trim_end(&s), s.trim_end(), "{s:?}");
            cut += usize::from(s.trim().len() < s.len());
        }
        assert!(cut > 2000, "{cut}");
    }

    /// The key of a name is what lower-casing its words as strings gives (ASCII of every
    /// length, other scripts, possessives, titles and `the`).
    #[test]
    fn keys_are_the_words_lower_cased() {
        fn simple(words: &[&str], flags: &[u32]) -> String {
            let mut out = String::new();
            let mut pushed = false;
            for (k, (w, f)) in words.iter().zip(flags).enumerate() {
                let title = f & super::TITLE != 0;
                if k == 0 && (w.eq_ignore_ascii_case("the") || title) || title && !pushed {
                    continue;
                }
                let mut w: &str = w;
                while let Some(rest) = w.strip_suffix("'s") {
                    w = rest;
                }
                while let Some(rest) = w.strip_suffix("\u{2019}s") {
                    w = rest;
                }
                if pushed {
                    out.push(' ');
                }
                pushed = true;
                out.push_str(&w.to_lowercase());
            }
            out
        }
        let words = [
            "The",
            "the",
            "Jane",
            "SMITH",
            "O'Brien",
            "Smith's",
            "Jones\u{2019}s",
            "AZaz@[`{",
            "Organisation",
            "ORGANISATIONS",
            "Ünal",
            "ΑΣ",
            "İstanbul",
            "x",
            "",
            "s's",
            "12ab",
            "ABCDEFGH",
            "ABCDEFGHI",
            "Dr.",
        ];
        let mut rng = crate::testrng::Rng::new(0x6e_75_1c);
        let mut upper = 0;
        for _ in 0..10_000 {
            let n = rng.below(5);
            let w: Vec<&str> = (0..n).map(|_| rng.pick(&words)).collect();
            let f: Vec<u32> = (0..n)
                .map(|_| if rng.below(4) == 0 { super::TITLE } else { 0 })
                .collect();
            let mut got = Vec::new();
            super::key_into(&w, &f, &mut got);
            let want = simple(&w, &f);
            assert_eq!(String::from_utf8(got).unwrap(), want, "{w:?} {f:?}");
            upper += usize::from(w.iter().any(|x| x.bytes().any(|b| b.is_ascii_uppercase())));
        }
        assert!(upper > 5000, "{upper}");
    }

    #[test]
    fn word_bits_follow_the_list_order() {
        let names = [
            "pronouns-person",
            "pronouns-group",
            "references",
            "joiners",
            "titles",
            "documents",
            "indefinite",
        ];
        assert_eq!(crate::checks::LEDGER_WORDS, names);
        let bits = [
            super::PERSON,
            super::GROUP,
            super::REFERENCE,
            super::JOINER,
            super::TITLE,
            super::DOCUMENT,
            super::INDEFINITE,
        ];
        for (k, b) in bits.iter().enumerate() {
            assert_eq!(*b, 1 << k);
        }
        // every list is a list of the built-in check
        let set = crate::checks::CheckSet::builtin().unwrap();
        let def = set.get("single-source").unwrap();
        for name in names {
            assert!(!def.list(name).is_empty(), "{name}");
        }
    }

    #[test]
    fn kind_bits_follow_the_list_order() {
        let names = [
            "vague",
            "anonymous",
            "outlets",
            "documents",
            "organisations",
        ];
        assert_eq!(crate::checks::LEDGER_KINDS, names);
        let bits = [
            super::VAGUE,
            super::ANONYMOUS,
            super::OUTLETS,
            super::DOCUMENTS,
            super::ORGANISATIONS,
        ];
        for (k, b) in bits.iter().enumerate() {
            assert_eq!(*b, 1 << k);
        }
    }
}
