//! The source ledger: sources of one file with aliases merged.
//!
//! Built from the classifier's source spans in one pass over the sentences. Mentions merge
//! into one source when they are the same name (ignoring `the`, titles and possessives), an
//! acronym of an earlier name (`HRANA`), a surname of an earlier person (`Trump`), a
//! definite reference back (`the organisation`, `the report`) or a pronoun. The word lists
//! live in `rules/checks/single-source.toml`.

use crate::checks::phrases::{tokens_into, PhraseList, Token};
// the ledger's maps hash their small keys (names, spans) with FxHash, eight bytes at a time
// (issue 6: FNV-1a a byte at a time was a tenth of the ledger); they are never iterated, so
// the hasher changes nothing but speed
use crate::checks::{CheckDef, CheckSet, Presence};
use crate::classify::Classification;
use crate::document::Document;
use crate::lexicon::FxBuild;
use crate::segment::Segmentation;
use crate::span::{SmallList, Span, SpanList};
use serde::Serialize;
use std::collections::HashMap;

mod keys;
mod kinds;

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

/// The word lists of `single-source` the ledger reads, looked up once per document.
struct Lists<'a> {
    pronouns_person: &'a PhraseList,
    pronouns_group: &'a PhraseList,
    references: &'a PhraseList,
    joiners: &'a PhraseList,
    titles: &'a PhraseList,
    documents: &'a PhraseList,
    vague: &'a PhraseList,
    anonymous: &'a PhraseList,
    indefinite: &'a PhraseList,
    outlets: &'a PhraseList,
    organisations: &'a PhraseList,
}

impl<'a> Lists<'a> {
    fn new(def: Option<&'a CheckDef>) -> Self {
        let get = |name: &str| match def {
            Some(d) => d.list(name),
            None => PhraseList::empty(),
        };
        Lists {
            pronouns_person: get("pronouns-person"),
            pronouns_group: get("pronouns-group"),
            references: get("references"),
            joiners: get("joiners"),
            titles: get("titles"),
            documents: get("documents"),
            vague: get("vague"),
            anonymous: get("anonymous"),
            indefinite: get("indefinite"),
            outlets: get("outlets"),
            organisations: get("organisations"),
        }
    }
}

// Bits of `Presence::present` for the lists `crate::checks::LEDGER_KINDS`, in that order.
const VAGUE: u32 = 1;
const ANONYMOUS: u32 = 1 << 1;
const OUTLETS: u32 = 1 << 2;
const DOCUMENTS: u32 = 1 << 3;
const ORGANISATIONS: u32 = 1 << 4;

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
    let lists = Lists::new(checks.get("single-source"));
    let text = doc.text.as_str();
    // room in the maps for the mentions of a short document at once (issue 6: they grew a
    // few times in every document)
    let room = labels
        .iter()
        .take(64)
        .map(|c| c.sources.as_slice().len())
        .sum::<usize>()
        .min(64);
    let mut b = Builder {
        text,
        lists,
        kinds: checks.ledger_kinds(),
        firsts: checks.ledger_firsts(),
        ledger: Ledger::default(),
        keys: keys::Keys::with_capacity(room),
        known: HashMap::with_capacity_and_hasher(room, FxBuild::default()),
        last_kind: [None; 6],
        last_other: None,
        toks: Vec::with_capacity(16),
        words: Vec::with_capacity(16),
        caps: Vec::new(),
        // room for a long name's key at once (issue 6: the two grew from empty in every
        // document, a quarter of a million instructions on the corpus)
        scratch: String::with_capacity(KEY_ROOM),
        key: String::with_capacity(KEY_ROOM),
    };
    b.ledger.sources.reserve(room);
    let n = seg.sentences.len();
    b.ledger.at = Vec::with_capacity(n + 1);
    b.ledger.at.push(0);
    // every source span of the sentences at most once: one allocation (issue 6: it grew ten
    // times in a short document)
    let spans: usize = labels.iter().take(n).map(|c| c.sources.len()).sum();
    b.ledger.by_sentence.reserve_exact(spans);
    let mut seen = SeenSpans::with_capacity(spans);
    for (i, c) in labels.iter().enumerate().take(n) {
        let first = b.ledger.by_sentence.len();
        for span in &c.sources {
            // a name inside a quotation is part of what was said, not a source
            if in_quote(seg, *span) {
                continue;
            }
            if let Some(id) = b.resolve(*span) {
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
    b.ledger
}

/// A set of spans that arrive mostly in increasing order (the sentences' sources, in document
/// order): those after every span so far are pushed onto a sorted list, the others (an earlier
/// span met again, or one out of order) looked up there and kept in a hash set (issue 6: a
/// hash per mention was a twentieth of the ledger).
struct SeenSpans {
    /// Increasing.
    sorted: Vec<Span>,
    /// Spans that were below the last of `sorted` when they came.
    other: std::collections::HashSet<Span, FxBuild>,
}

impl SeenSpans {
    fn with_capacity(n: usize) -> Self {
        SeenSpans {
            sorted: Vec::with_capacity(n),
            other: std::collections::HashSet::default(),
        }
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

/// Whether `span` lies inside a quotation (quotes are sorted by start; nested ones follow
/// their parent, so the few last quotes starting before `span` are enough to look at).
fn in_quote(seg: &Segmentation, span: Span) -> bool {
    let k = seg.quotes.partition_point(|q| q.span.start <= span.start);
    seg.quotes[..k]
        .iter()
        .rev()
        .take(8)
        .any(|q| q.open.end <= span.start && span.end <= q.close.map_or(q.span.end, |c| c.start))
}

/// `s` lower-cased in place as `str::to_lowercase` has it (ASCII without a copy).
fn lowercase(s: &mut String) {
    if s.is_ascii() {
        s.make_ascii_lowercase();
    } else {
        *s = s.to_lowercase();
    }
}

/// The last run of capitalised words of a name (`Pat Caddell` in `pollster Pat Caddell`).
fn name_core<'s, 'w>(words: &'s [&'w str]) -> &'s [&'w str] {
    let cap = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let end = words.iter().rposition(cap).map_or(0, |e| e + 1);
    let start = words[..end]
        .iter()
        .rposition(|w| !cap(w))
        .map_or(0, |s| s + 1);
    words.get(start..end).unwrap_or_default()
}

struct Builder<'a> {
    text: &'a str,
    lists: Lists<'a>,
    /// The lists `crate::checks::LEDGER_KINDS` in one lexicon, when built.
    kinds: Option<&'a Presence>,
    /// The first words of their entries ([`CheckSet::ledger_firsts`]).
    firsts: Option<&'a PhraseList>,
    ledger: Ledger,
    /// Normalised name, acronym or surname → source index.
    keys: keys::Keys,
    /// Mention texts already resolved by their name key (not pronouns or references back,
    /// whose source depends on what came before) → the answer, which cannot change: a key
    /// once given a source keeps it, and the text is already that source's name or an alias
    /// (issue 6: names are mentioned again and again, and inherited labels repeat them).
    known: HashMap<&'a str, Option<usize>, FxBuild>,
    /// The latest source of each kind, and the latest that is not a person.
    last_kind: [Option<usize>; 6],
    last_other: Option<usize>,
    /// Buffers of [`Builder::resolve`].
    toks: Vec<Token>,
    words: Vec<&'a str>,
    /// The capitalised words of a new name, and a key looked up but not kept (buffers).
    caps: Vec<&'a str>,
    scratch: String,
    /// The key of the mention being resolved (buffer).
    key: String,
}

impl<'a> Builder<'a> {
    /// The ledger index of the source mentioned at `span`, creating it when new.
    fn resolve(&mut self, span: Span) -> Option<usize> {
        let whole = span.slice(self.text);
        if let Some(&id) = self.known.get(whole) {
            return id;
        }
        let surface = whole.trim();
        if surface.is_empty() {
            return None;
        }
        // the words of the span, in buffers kept from one span to the next
        let mut toks = std::mem::take(&mut self.toks);
        let mut words = std::mem::take(&mut self.words);
        toks.clear();
        tokens_into(self.text, span, &mut toks);
        words.clear();
        let text = self.text;
        words.extend(toks.iter().map(|t| t.text(text)));
        let id = self.resolve_words(surface, &words);
        // a pronoun or a reference back is resolved against what came before; any other
        // mention by its key alone, which gives the same answer every time
        if !self.is_pronoun(&words) && !self.is_reference(&words) {
            self.known.insert(whole, id);
        }
        self.toks = toks;
        self.words = words;
        id
    }

    /// `he`, `they`: a pronoun of the lists, alone.
    fn is_pronoun(&self, words: &[&str]) -> bool {
        match words {
            [w] => self.lists.pronouns_person.is(w) || self.lists.pronouns_group.is(w),
            _ => false,
        }
    }

    /// `the organisation`, `the report`: `the` and a word of the references list.
    fn is_reference(&self, words: &[&str]) -> bool {
        match words {
            [the, w] => the.eq_ignore_ascii_case("the") && self.lists.references.is(w),
            _ => false,
        }
    }

    /// [`Builder::resolve`] of a mention `surface` made of `words`.
    fn resolve_words(&mut self, surface: &'a str, words: &[&'a str]) -> Option<usize> {
        // pronouns refer to the latest fitting source
        if words.len() == 1 {
            let w = words[0];
            let person = self.lists.pronouns_person.is(w);
            let group = self.lists.pronouns_group.is(w);
            if person || group {
                let id = if person {
                    self.last(SourceKind::NamedPerson)?
                } else {
                    self.last_other
                        .or_else(|| self.last(SourceKind::NamedPerson))?
                };
                self.alias(id, surface, false);
                return Some(id);
            }
        }
        // `the organisation`, `the report`: a definite reference back
        if self.is_reference(words) {
            let kind = self.kind_of(&words[1..], surface);
            let back = self.last(kind).or(match kind {
                SourceKind::Organisation | SourceKind::Document => self.last_other,
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
        self.key_into(words, &mut key);
        let id = self.resolve_key(surface, words, &key);
        self.key = key;
        id
    }

    /// [`Builder::resolve_words`] of a name (not a pronoun or a reference back) whose key is
    /// `key`.
    fn resolve_key(&mut self, surface: &'a str, words: &[&'a str], key: &str) -> Option<usize> {
        if key.is_empty() {
            return None;
        }
        if let Some(id) = self.keys.get(key) {
            self.alias(id, surface, true);
            return Some(id);
        }
        // in ASCII the lists ignore case already: no lower-cased copy
        let kind = if surface.is_ascii() {
            self.kind_of(words, surface)
        } else {
            self.kind_of(words, &surface.to_lowercase())
        };
        // `longtime pollster Pat Caddell` → `Pat Caddell`; `Mike Pence` after `Pence`
        if kind == SourceKind::NamedPerson {
            let core = name_core(words);
            // the whole core's key, else its last word's: looked up in one buffer
            let mut scratch = std::mem::take(&mut self.scratch);
            let mut found = None;
            for part in [
                core,
                core.last().map(std::slice::from_ref).unwrap_or_default(),
            ] {
                scratch.clear();
                self.key_into(part, &mut scratch);
                if let Some(id) = self.keys.get(&scratch).filter(|_| !scratch.is_empty()) {
                    found = Some(id);
                    break;
                }
            }
            self.scratch = scratch;
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
                    .copied()
                    .filter(|w| !self.lists.joiners.is(w) && !self.lists.titles.is(w)),
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
            self.keys.or_insert(&scratch, id);
            if kind == SourceKind::NamedPerson {
                if let Some(last) = caps.last() {
                    scratch.clear();
                    scratch.push_str(last);
                    lowercase(&mut scratch);
                    self.keys.or_insert(&scratch, id);
                }
            }
            self.scratch = scratch;
        }
        self.caps = caps;
        // `Human Rights Activists News Agency (HRANA)`: the acronym in parentheses
        if let Some((_, rest)) = surface.split_once('(') {
            let mut scratch = std::mem::take(&mut self.scratch);
            scratch.clear();
            scratch.push_str(rest.trim_end_matches(')').trim());
            lowercase(&mut scratch);
            if !scratch.is_empty() {
                self.keys.or_insert(&scratch, id);
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

    /// The lowercase name without determiners, titles, possessives and parentheticals, pushed
    /// onto `out`.
    fn key_into(&self, words: &[&str], out: &mut String) {
        let titles = self.lists.titles;
        let mut pushed = false;
        for (k, w) in words.iter().enumerate() {
            let title = titles.is(w);
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
                out.push(' ');
            }
            pushed = true;
            if w.is_ascii() {
                let from = out.len();
                out.push_str(w);
                if let Some(added) = out.get_mut(from..) {
                    added.make_ascii_lowercase();
                }
            } else {
                out.push_str(&w.to_lowercase());
            }
        }
    }

    /// The latest source of `kind`.
    fn last(&self, kind: SourceKind) -> Option<usize> {
        self.last_kind.get(kind_index(kind)).copied().flatten()
    }

    fn kind_of(&self, words: &[&str], surface: &str) -> SourceKind {
        let l = &self.lists;
        // a name headed by a document word is a document, whatever lists it holds: no walk
        // over it (issue 6)
        if words.last().is_some_and(|w| l.documents.is(w)) {
            return SourceKind::Document;
        }
        // which of the lists occur in the name: one walk over it when the lexicon is built
        let present = match self.kinds {
            // most names hold no first word of any entry: no walk over them
            Some(_) if !kinds::may_hold(self.firsts, surface) => 0,
            Some(k) => k.present(surface),
            None => {
                let l = &self.lists;
                let whole = Span::new(0, surface.len());
                [
                    l.vague,
                    l.anonymous,
                    l.outlets,
                    l.documents,
                    l.organisations,
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
        let has_cap = words
            .iter()
            .skip(1)
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
            || (words.len() == 1 && words[0].chars().next().is_some_and(char::is_uppercase));
        let has_inner_cap = words
            .iter()
            .skip(1)
            .any(|w| w.chars().next().is_some_and(char::is_uppercase));
        if has(VAGUE) && !has_inner_cap {
            SourceKind::Vague
        } else if has(ANONYMOUS) || l.indefinite.is(first_lower) {
            SourceKind::Anonymous
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
        }
    }
}

#[cfg(test)]
mod tests {
    /// Names are resolved once per text, pronouns every time: the same `She` is a different
    /// person after another person is named.
    #[test]
    fn pronouns_resolve_anew_names_once() {
        let text = "Jane Smith said the bridge would open in May. She said the cost was rising. \
                    Tom Brown said the bridge would open in June. She said the delay was his \
                    fault. Jane Smith said the vote was close.";
        let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
        let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, text.to_string());
        let ledger = checker.check_document(doc).ledger;
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

    /// Spans mostly in order, repeated and out of order, are new exactly when a `HashSet`
    /// says so.
    #[test]
    fn seen_spans_behave_as_a_hash_set() {
        use crate::span::Span;
        let mut rng = crate::testrng::Rng::new(0x5ee4_5a45);
        for _ in 0..50 {
            let mut seen = super::SeenSpans::with_capacity(rng.below(8));
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
