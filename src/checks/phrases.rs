//! Case-insensitive whole-word phrase lists (compiled once, at load) and word tokens.

use crate::span::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::OnceLock;

/// A compiled word list: multi-word phrases, matched case-insensitively on whole words.
/// Straight and curly apostrophes match each other.
#[derive(Clone, Debug, Default)]
pub struct PhraseList {
    /// Built on first search: many lists are consulted only in rare contexts, and building
    /// every automaton up front dominated start-up (issue 6).
    ac: OnceLock<Option<AhoCorasick>>,
    /// The automaton's patterns.
    pats: Vec<String>,
    /// Index of the entry each automaton pattern came from.
    entry: Vec<usize>,
    pub entries: Vec<String>,
}

impl PhraseList {
    pub fn new(words: &[String]) -> PhraseList {
        let mut pats = Vec::new();
        let mut entry = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let w = w.trim().to_lowercase();
            if w.contains('\'') {
                pats.push(w.replace('\'', "\u{2019}"));
                entry.push(i);
            }
            pats.push(w);
            entry.push(i);
        }
        PhraseList {
            ac: OnceLock::new(),
            pats,
            entry,
            entries: words.to_vec(),
        }
    }

    fn automaton(&self) -> Option<&AhoCorasick> {
        self.ac
            .get_or_init(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(&self.pats)
                    .ok()
            })
            .as_ref()
    }

    pub fn empty() -> &'static PhraseList {
        static EMPTY: OnceLock<PhraseList> = OnceLock::new();
        EMPTY.get_or_init(PhraseList::default)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every whole-word match inside `within` of `text`, as (span, entry index), in order of
    /// start; at one start only the longest match is kept.
    pub fn find(&self, text: &str, within: Span) -> Vec<(Span, usize)> {
        let mut out: Vec<(Span, usize)> = self.matches(text, within).collect();
        // overlapping matches come in order of end: order by start, longest first (stable, so
        // among equal spans the first reported stays first), then keep one per start
        out.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
        out.dedup_by_key(|(s, _)| s.start);
        out
    }

    /// Every whole-word match inside `within`, overlapping ones included, in order of end.
    fn matches<'t>(
        &'t self,
        text: &'t str,
        within: Span,
    ) -> impl Iterator<Item = (Span, usize)> + 't {
        let hay = within.slice(text);
        self.automaton()
            .into_iter()
            .flat_map(move |ac| ac.find_overlapping_iter(hay))
            .filter(move |m| is_boundary(hay, m.start()) && is_boundary(hay, m.end()))
            .map(move |m| {
                let sp = Span::new(within.start + m.start(), within.start + m.end());
                let idx = self.entry.get(m.pattern().as_usize()).copied().unwrap_or(0);
                (sp, idx)
            })
    }

    /// Whether any entry occurs in `within`.
    pub fn any(&self, text: &str, within: Span) -> bool {
        self.matches(text, within).next().is_some()
    }

    /// Whether `word` (a whole token) equals an entry, ignoring case.
    pub fn is(&self, word: &str) -> bool {
        self.entries.iter().any(|e| same_word(e, word))
    }
}

/// `entry` and `word` are equal ignoring ASCII case, with `’` in `word` read as `'`.
fn same_word(entry: &str, word: &str) -> bool {
    let mut w = word.chars().map(|c| if c == '\u{2019}' { '\'' } else { c });
    let mut e = entry.chars();
    loop {
        match (e.next(), w.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(&b) => {}
            _ => return false,
        }
    }
}

/// True when position `i` of `s` is not inside a word.
fn is_boundary(s: &str, i: usize) -> bool {
    let before = s.get(..i).and_then(|p| p.chars().next_back());
    let after = s.get(i..).and_then(|p| p.chars().next());
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    !(word(before) && word(after))
}

/// A word token of a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.slice(text)
    }
    pub fn is_capitalised(&self, text: &str) -> bool {
        self.text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }
}

/// Word tokens (letters, digits, and inner `.,'’-` between them) of `within`.
pub fn tokens(text: &str, within: Span) -> Vec<Token> {
    let s = within.slice(text);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_word = chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        let inner =
            matches!(c, '.' | ',' | '\'' | '\u{2019}' | '-') && start.is_some() && next_word;
        let keep = c.is_alphanumeric() || c == '%' || inner;
        match (keep, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push(Token {
                    span: Span::new(within.start + st, within.start + i),
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push(Token {
            span: Span::new(within.start + st, within.end),
        });
    }
    out
}

/// How far the checks look around a match (bytes): enough for a few words, and it keeps every
/// check linear however long a sentence is.
pub const WINDOW: usize = 240;

/// At most [`WINDOW`] bytes of `pos..end`, on char boundaries.
pub fn after(text: &str, pos: usize, end: usize) -> Span {
    let mut e = end.min(pos.saturating_add(WINDOW)).max(pos);
    while e > pos && !text.is_char_boundary(e) {
        e -= 1;
    }
    Span::new(pos, e)
}

/// At most [`WINDOW`] bytes of `start..pos`, on char boundaries.
pub fn before(text: &str, start: usize, pos: usize) -> Span {
    let mut s = start.max(pos.saturating_sub(WINDOW)).min(pos);
    while s < pos && !text.is_char_boundary(s) {
        s += 1;
    }
    Span::new(s, pos)
}
