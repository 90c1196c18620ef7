//! One sentence on its own: its cues, the frames they make, and the label they decide.

use super::frames::{
    left_subject, main_subject, np_left, personal, possessor, relative_subject, right_np,
    right_np_loose, tag_subject, Range,
};
use super::tokens::{self, Tok, Token};
use super::{precedence, Classification, Label};
use crate::lexicon::WordEnds;
use crate::rules::engine::{Hit, PatternHit, What};
use crate::rules::inflect::Form;
use crate::rules::RuleSet;
use crate::span::{Span, SpanList};

mod quotes;
use quotes::quote_intro;

/// Evidence found in one sentence.
#[derive(Clone, Copy, Debug)]
pub struct Evidence {
    pub label: Label,
    pub rule: u16,
    pub cue: Span,
    pub source: Option<Span>,
    /// The name a pronoun source stands for (`Sexton … what he said`: `Sexton`).
    pub antecedent: Option<Span>,
}

/// A cue-type automaton hit, as a token range.
#[derive(Clone, Copy, Debug)]
struct Cue {
    toks: Range,
    span: Span,
    rule: u16,
    what: What,
}

/// Reused buffers (no per-sentence allocation once warm).
#[derive(Default)]
pub struct Scratch {
    pub toks: Vec<Token>,
    cues: Vec<Cue>,
    /// The heads of entries with a gap met so far (`deliver a` of `deliver a .. message`), only
    /// those that may still meet a tail.
    heads: Vec<(Range, Span, u16)>,
    pub evidence: Vec<Evidence>,
    order: Vec<usize>,
    /// The hits that hold a cue ([`mark_hits`]): index among the sentence's hits, tokens.
    cue_hits: Vec<(usize, Range)>,
    /// How many of the hits given to [`evaluate`] start inside the sentence (the first ones).
    pub hits_used: usize,
    /// How many of `toks` are words.
    pub words: usize,
}

#[cfg(test)]
impl Scratch {
    /// The cues found, in order: span, rule, meaning.
    pub(crate) fn cues(&self) -> Vec<(Span, u16, What)> {
        self.cues.iter().map(|c| (c.span, c.rule, c.what)).collect()
    }
}

pub(super) fn acronym(w: &str) -> bool {
    w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.')
}

/// Whether `span` of `text` may be an [`acronym`]: two bytes or more, the second no lower-case
/// ASCII letter (a cheap test first: `The`, `He` are not; issue 6).
#[inline(always)]
pub(super) fn may_be_acronym(text: &str, span: Span) -> bool {
    span.end.saturating_sub(span.start) >= 2
        && !text
            .as_bytes()
            .get(span.start + 1)
            .is_some_and(u8::is_ascii_lowercase)
}

/// A capitalised word right after another one is part of a name: `CBS News reports` holds no
/// `news reports` hedge.
fn inside_name(toks: &[Token], i: usize) -> bool {
    let prev = i.checked_sub(1).and_then(|k| toks.get(k));
    toks.get(i).is_some_and(|t| t.has(tokens::CAP))
        && prev.is_some_and(|p| p.tok == Tok::Word && p.has(tokens::CAP))
}

fn span_of(toks: &[Token], r: Range) -> Option<Span> {
    let a = toks.get(r.0)?;
    let b = toks.get(r.1.checked_sub(1)?)?;
    Some(Span::new(a.span.start, b.span.end))
}

/// Sets `flag` (lexicon meaning flags) on the token `t` of `text`, unless it is an acronym:
/// an acronym is a name, not the function word it spells (`US`, `IT`, `WHO`).
#[inline(always)]
fn set_flag(text: &str, t: &mut Token, flag: u32) {
    // (a word's first character is a capital when it has CAP)
    let capital = t.tok != Tok::Word || t.has(tokens::CAP);
    if capital && may_be_acronym(text, t.span) && acronym(t.span.slice(text)) {
        return;
    }
    t.flags |= flag;
}

/// Sets the flags of a hit's lexicon meanings (`all`, [`super::meanings::meaning_flags`]) on
/// its tokens `r` and notes it in `cues` (as hit `hi`) when it holds a cue.
#[cold]
fn mark(
    text: &str,
    toks: &mut [Token],
    r: Range,
    all: Option<&u32>,
    (hi, cues): (usize, &mut Vec<(usize, Range)>),
) {
    use super::meanings::CUE;
    let all = all.copied().unwrap_or(CUE);
    // the flags of all the entry's lexicon meanings at once (none of them is `CAP`, the one
    // flag read here)
    let flag = all & !CUE;
    if flag != 0 {
        for t in toks.get_mut(r.0..r.1).unwrap_or_default() {
            set_flag(text, t, flag);
        }
    }
    if all & CUE != 0 {
        cues.push((hi, r));
    }
}

/// Sets the meaning flags of the hits (offsets from `base`) on their tokens of `toks`, and
/// appends to `cues` those that hold a cue, in order: index among the hits and token range.
/// The hits read end before the first that starts at or after `end` (the sentence's end);
/// returns how many they are.
///
/// (issue 6: a hit out of order is told by the last hit's start, not by reading the token
/// before the walk's place again, and a one-token hit is marked without the search's tail and
/// its loop over the range: about 88 -> 70 instructions a hit on the corpus. The cues' entries
/// are read afterwards, for the cue hits alone.)
#[inline(never)]
fn mark_hits(
    text: &str,
    toks: &mut [Token],
    (hits, base, end): (&[Hit], usize, usize),
    meanings: &[u32],
    cues: &mut Vec<(usize, Range)>,
) -> usize {
    use super::meanings::CUE;
    // (the first token not before the last hit's start, and that start)
    let (mut at, mut last) = (0, 0);
    for (hi, h) in hits.iter().enumerate() {
        let hspan = h.span(base);
        if hspan.start >= end {
            return hi;
        }
        if hspan.start < last {
            // (out of order: searched)
            if let Some(r) = tokens::range(toks, hspan) {
                mark(text, toks, r, meanings.get(h.pattern as usize), (hi, cues));
            }
            continue;
        }
        last = hspan.start;
        tokens::walk_to(toks, hspan.start, &mut at);
        let Some(t) = toks.get_mut(at) else {
            continue;
        };
        if t.span.start != hspan.start {
            continue;
        }
        if t.span.end == hspan.end {
            // (most hits are one word)
            let all = meanings.get(h.pattern as usize).copied().unwrap_or(CUE);
            let flag = all & !CUE;
            if flag != 0 {
                set_flag(text, t, flag);
            }
            if all & CUE != 0 {
                cues.push((hi, (at, at + 1)));
            }
            continue;
        }
        // (the tokens do not overlap: the next one starts at or after this one's end)
        let mut b = at + 1;
        while toks.get(b).is_some_and(|t| t.span.start < hspan.end) {
            b += 1;
        }
        if toks.get(b - 1).is_some_and(|t| t.span.end == hspan.end) {
            mark(
                text,
                toks,
                (at, b),
                meanings.get(h.pattern as usize),
                (hi, cues),
            );
        }
    }
    hits.len()
}

/// Fills `s.toks` and `s.evidence` for the sentence `span`, given the automaton hits (offsets from
/// `base`, see [`Hit::span`]) from the sentence's first on and pattern hits that lie inside it.
/// The hits read are those before the first that starts at or after the sentence's end; their
/// count is left in `s.hits_used` (the caller's next sentence starts there: one walk over the
/// hits, not a second one to find where the sentence's end). `ends`, when given, are the ends of
/// all the words of `text` that the lexicon walk found ([`tokens::tokenize_ends`]).
pub fn evaluate(
    text: &str,
    span: Span,
    (hits, base): (&[Hit], usize),
    phits: &[PatternHit],
    rules: &RuleSet,
    ends: Option<&WordEnds>,
    s: &mut Scratch,
) {
    let engine = rules.engine();
    s.toks.clear();
    s.cues.clear();
    s.heads.clear();
    s.evidence.clear();
    // (`s.toks` is empty: the index is among the sentence's tokens)
    let first_quote;
    (s.words, first_quote) = tokens::tokenize_ends(text, span, ends, &mut s.toks);
    let meanings = if hits.is_empty() {
        &[]
    } else {
        engine.meaning_flags()
    };
    let mut cue_hits = std::mem::take(&mut s.cue_hits);
    cue_hits.clear();
    s.hits_used = mark_hits(
        text,
        &mut s.toks,
        (hits, base, span.end),
        meanings,
        &mut cue_hits,
    );
    for &(hi, r) in &cue_hits {
        let Some(h) = hits.get(hi) else {
            continue;
        };
        let hspan = h.span(base);
        for e in engine.entries(h.pattern) {
            match e.what {
                What::Phrase { .. } if inside_name(&s.toks, r.0) => {}
                What::Phrase { .. } | What::Verb(_) | What::SourcePhrase | What::PossessorNoun => {
                    s.cues.push(Cue {
                        toks: r,
                        span: hspan,
                        rule: e.rule,
                        what: e.what,
                    });
                }
                What::GapHead => s.heads.push((r, hspan, e.rule)),
                What::GapTail => gap_joins(text, rules, s, (r, hspan, e.rule)),
                What::Lex(_) | What::Link => {}
            }
        }
    }
    s.cue_hits = cue_hits;
    // a cue inside a longer cue (`said` in `is said to`) does not count on its own
    // (sweep in order of start, longest first: the earlier cue reaching furthest contains
    // every later one it covers; linear after the sort, however many cues a sentence has)
    let order = &mut s.order;
    order.clear();
    order.extend(0..s.cues.len());
    order.sort_by_key(|&i| {
        let sp = s.cues[i].span;
        (sp.start, std::cmp::Reverse(sp.end))
    });
    let mut reach: Option<Span> = None;
    for &i in order.iter() {
        let c = s.cues[i].span;
        if reach.is_some_and(|r| r != c && r.contains(c)) {
            s.cues[i].rule = u16::MAX;
        }
        if reach.is_none_or(|r| c.end > r.end) {
            reach = Some(c);
        }
    }
    let first_word = s.toks.iter().position(|t| t.tok == Tok::Word).unwrap_or(0);
    // (`first_quote`, noted by the tokenizer, is read by the quotation rules, and by a verb's
    // tag test: no tag before the first mark)
    // what a verb cue's tests can meet among the other cues: without a source phrase no
    // object holds the feeling, without a phrase nothing hedges (most sentences have neither:
    // the tests and their searches are skipped)
    let mut source_phrases = false;
    let mut phrases = false;
    for c in &s.cues {
        source_phrases |= c.what == What::SourcePhrase;
        phrases |= matches!(c.what, What::Phrase { .. });
    }
    // worked out once per sentence, when a cue first needs it (per cue: quadratic on a long one)
    let title = std::cell::OnceCell::new();
    let whole = (first_word, &title, first_quote);
    // evidence of nouns of speech that stand for the words as a thing (`his remarks will do
    // little`): it names a source but attributes the sentence only beside other evidence
    let mut things = 0usize;
    for c in &s.cues {
        if c.rule == u16::MAX {
            continue;
        }
        let mut thing = false;
        let Some(label) = rules
            .rules()
            .get(c.rule as usize)
            .and_then(|r| r.info.implies)
        else {
            continue;
        };
        let src = match c.what {
            What::Phrase { at_start } => {
                if at_start && c.toks.0 != first_word {
                    continue;
                }
                None
            }
            What::SourcePhrase => match right_np_loose(&s.toks, c.toks.1) {
                Some(r) => Some(r),
                None => continue,
            },
            What::PossessorNoun => match possessor(&s.toks, c.toks.0) {
                Some(r) => {
                    // (quoted words in the sentence may be the owner's)
                    thing = words_as_subject(text, &s.toks, r, c.toks) && first_quote.is_none();
                    // the verb's subject voices a view of the owner's words: both are sources
                    if let Some(subject) = possessor_object(&s.toks, r) {
                        things += usize::from(thing);
                        s.evidence.push(Evidence {
                            label,
                            rule: c.rule,
                            cue: c.span,
                            source: span_of(&s.toks, subject),
                            antecedent: antecedent(text, &s.toks, subject),
                        });
                    }
                    Some(r)
                }
                None => continue,
            },
            // `Ruiz spoke at the rally on Friday`: an event, no claim (unless it says what about)
            What::Verb(_) if bare_speaking(text, &s.toks, c.toks) => continue,
            // `The toll worries the pilots`: when the same word has its source after it (a verb
            // of feeling and its object), the phrase before it is no holder
            What::Verb(_) if source_phrases && object_holds(&s.cues, &s.order, &s.toks, c.span) => {
                continue
            }
            What::Verb(form) => match verb_source(text, &s.toks, c.toks, form, whole) {
                // `X reportedly offered …`: a hedge between source and verb hedges the verb
                Some(r) if phrases && hedged(&s.cues, &s.toks, r, c.toks.0, rules) => continue,
                Some(r) => Some(r),
                None => continue,
            },
            _ => continue,
        };
        things += usize::from(thing);
        s.evidence.push(Evidence {
            label,
            rule: c.rule,
            cue: c.span,
            source: src.and_then(|r| span_of(&s.toks, r)),
            antecedent: src.and_then(|r| antecedent(text, &s.toks, r)),
        });
    }
    quote_intro(text, rules, s, first_quote);
    for p in phits.iter().filter(|p| p.span.end <= span.end) {
        let Some(label) = rules
            .rules()
            .get(p.rule as usize)
            .and_then(|r| r.info.implies)
        else {
            continue;
        };
        // `Contributing: Ana Ruiz`, `Update: …`: a line label before a colon is not a speaker
        let colon = p.cue.is_some_and(|c| text.get(c.start..c.end) == Some(":"));
        if let Some(src) = p.source.filter(|_| colon) {
            let from = s.toks.partition_point(|t| t.span.start < src.start);
            let upto = s.toks.partition_point(|t| t.span.start < src.end);
            if s.toks
                .get(from..upto)
                .is_some_and(|ts| ts.iter().any(|t| t.has(tokens::NOT_SPEAKER)))
            {
                continue;
            }
        }
        s.evidence.push(Evidence {
            label,
            rule: p.rule,
            cue: p.cue.unwrap_or(p.span),
            source: p.source,
            antecedent: None,
        });
    }
    if things > 0 && s.evidence.len() == things {
        s.evidence.clear();
    }
}

/// Most words an entry's gap holds (`a consistent and outspoken supporter of`: two, the
/// `and` between them not counted).
const MAX_GAP_WORDS: usize = 2;

/// The words between the head and the tail of an entry with a gap (tokens `a..b`) fill it: one
/// or two lower-case words (`a staunch supporter`, `a mostly positive message`), two joined by
/// `and`, `or` or a comma (`a consistent and outspoken supporter`). No name, number or
/// punctuation else: `deliver a Senate message` is not `deliver a message`.
fn fills_gap(text: &str, toks: &[Token], a: usize, b: usize) -> bool {
    let Some(gap) = toks.get(a..b) else {
        return false;
    };
    if gap.is_empty() || gap.len() > MAX_GAP_WORDS * 2 {
        return false;
    }
    let mut words = 0;
    for (k, t) in gap.iter().enumerate() {
        let inner = k > 0 && k + 1 < gap.len();
        let joins = match t.tok {
            Tok::Comma => true,
            Tok::Word => t.is_one_of(text, &["and", "or"]),
            _ => return false,
        };
        if joins {
            if !inner {
                return false;
            }
            continue;
        }
        if t.has(tokens::CAP | tokens::DIGIT) {
            return false;
        }
        words += 1;
    }
    (1..=MAX_GAP_WORDS).contains(&words)
}

/// The tail `(r, span, rule)` of an entry with a gap (`message` of `deliver a .. message`) after
/// its head (`delivered a`) and one or two words (`a mostly positive message`): the words from
/// the head to the tail are a cue of the entry's rule, kept in order of start among the cues.
/// Heads that end too far before the tail to meet this or a later tail are let go (bounded:
/// each head is kept until a tail passes it, so the search stays linear on a long sentence).
fn gap_joins(text: &str, rules: &RuleSet, s: &mut Scratch, (r, span, rule): (Range, Span, u16)) {
    let far = r.0.saturating_sub(MAX_GAP_WORDS * 2);
    s.heads.retain(|h| h.0 .1 >= far);
    let engine = rules.engine();
    for &(hr, hspan, hrule) in &s.heads {
        if hrule != rule || hr.1 >= r.0 || !fills_gap(text, &s.toks, hr.1, r.0) {
            continue;
        }
        // a cue in the gap is one of its own (`his campaign railing against`), which the longer
        // cue would hide (cues come in order of start: only the last few can start in the gap)
        let cue_in_gap = s
            .cues
            .iter()
            .rev()
            .take_while(|c| c.toks.0 >= hr.0)
            .any(|c| c.toks.1 > hr.1 && c.toks.0 < r.0);
        if cue_in_gap {
            continue;
        }
        let (head, tail) = (hspan.slice(text), span.slice(text));
        let Some(what) = engine.gap(rule, head, tail) else {
            continue;
        };
        let cue = Span::new(hspan.start, span.end);
        let at = s.cues.partition_point(|c| c.span.start < cue.start);
        s.cues.insert(
            at,
            Cue {
                toks: (hr.0, r.1),
                span: cue,
                rule,
                what,
            },
        );
    }
}

/// `Ruiz criticised Ortega’s plan`, `Ruiz railed at Ortega’s plan`: a name in `’s` right after a
/// verb (and its preposition) is in the verb's object; the verb's subject voices the view.
fn possessor_object(toks: &[Token], (a, _): Range) -> Option<Range> {
    if toks.get(a)?.has(tokens::POSS_DET) {
        return None;
    }
    let mut v = a.checked_sub(1)?;
    let joiner = toks[v].has(tokens::JOINER);
    if joiner {
        v = v.checked_sub(1)?;
    }
    let t = &toks[v];
    if t.tok != Tok::Word
        || t.has(
            tokens::CAP
                | tokens::DET
                | tokens::JOINER
                | tokens::NOT_SOURCE
                | tokens::PRONOUN
                | tokens::SOURCE_NOUN
                | tokens::DIGIT
                | tokens::POSSESSIVE,
        )
    {
        return None;
    }
    // `the Republican presidential candidate’s`, `the Ortega legal team’s`: after a determiner
    // or a name, a word neither in -ed nor before a preposition is an adjective
    let before = v.checked_sub(1).map(|k| &toks[k]);
    if before.is_some_and(|p| p.has(tokens::DET))
        || (before.is_some_and(|p| p.has(tokens::CAP)) && !joiner && !t.has(tokens::PAST))
    {
        return None;
    }
    // (`The spokesperson added regarding Ortega’s request`: a phrase holding a verb is no
    // subject; `that`, `which` name no one here)
    left_subject(toks, v).filter(|&(x, y)| {
        toks[x..y]
            .iter()
            .all(|t| !t.has(tokens::PAST | tokens::NOT_SOURCE))
    })
}

/// `Ruiz’s speech coincided with the rally`, `his remarks will do little to …`: the noun of
/// speech ending before token `b`, whose owner starts at token `o`, is the subject of a clause
/// about the words as a thing: a modal or a past form in -ed follows it (not `His remarks
/// indicated that …`, which says what the words say). Only the tokens next to the phrase are
/// read.
fn words_as_subject(text: &str, toks: &[Token], (o, _): Range, (_, b): Range) -> bool {
    let Some(next) = toks.get(b).filter(|t| t.tok == Tok::Word) else {
        return false;
    };
    // (after a preposition the phrase is no subject: `at the government's request returned`;
    // `of` may open a share that is one: `none of his arguments should`)
    let before = o.checked_sub(1).and_then(|k| toks.get(k));
    if before
        .is_some_and(|p| p.tok == Tok::Word && p.has(tokens::JOINER) && !p.is_one_of(text, &["of"]))
    {
        return false;
    }
    if next.has(tokens::MODAL) {
        return true;
    }
    next.has(tokens::PAST)
        && !toks
            .get(b + 1)
            .is_some_and(|t| t.tok == Tok::Word && t.is_one_of(text, &["that"]))
}

/// For a third-person pronoun source (`he`, `they`), the subject of the sentence before it
/// when that names someone: `Sexton reflected on what he said` → `Sexton`.
fn antecedent(text: &str, toks: &[Token], (a, b): Range) -> Option<Span> {
    let t = toks.get(a)?;
    // a relative `that` stands for the phrase before it: `nations that oppose …`
    if t.has(tokens::PRONOUN) && t.has(tokens::NOT_SOURCE) && b == a + 1 {
        // (its last part: `targets in nations that …` → `nations`)
        let (x, y) = np_left(toks, a.checked_sub(1)?)?;
        let x = (x..y)
            .rev()
            .find(|&k| toks.get(k).is_some_and(|t| t.has(tokens::JOINER)))
            .map_or(x, |k| k + 1);
        return span_of(toks, (x, y));
    }
    let pronoun = personal(t) || t.has(tokens::POSS_DET);
    if b != a + 1 || !pronoun || t.has(tokens::FIRST_PERSON) {
        return None;
    }
    let before = (a > 0).then(|| main_subject(text, toks, a)).flatten();
    // `Throughout his remarks, Trump …`, `Once he was elected, Ruiz …`: an owner or a pronoun in
    // an opening phrase (no subject before it) stands for the subject after it
    if before.is_none() {
        return opening_owner(text, toks, a).and_then(|r| span_of(toks, r));
    }
    let (x, y) = before?;
    let np = toks.get(x..y)?;
    // `He made his case`: the owner is the subject pronoun of the same person
    if y <= a && y == x + 1 && t.has(tokens::POSS_DET) && same_person(text, t, &np[0]) {
        return span_of(toks, (x, y));
    }
    let names = np
        .iter()
        .any(|t| t.has(tokens::SOURCE_NOUN) || (t.has(tokens::CAP) && !t.has(tokens::DET)));
    if y > a || !names || np.iter().any(|t| t.has(tokens::PRONOUN)) {
        return None;
    }
    span_of(toks, (x, y))
}

/// Farthest token of an opening phrase that may hold an owner standing for the subject after it.
const MAX_OWNER_OPENING: usize = 16;

/// `Throughout his remarks, Trump …`, `In an effort to clarify her record, Ana Ruiz …`, `Once he
/// was elected, Ruiz …`: the possessive or third-person pronoun at token `a` lies in a phrase that
/// opens the sentence, and the subject after that phrase's comma is a name (for `they`, also a
/// noun for people: `Before they vote, officials …`), or a pronoun of the same person (`While
/// her party gains, she …`). Bounded: only near the start of a sentence, over a fixed number of
/// tokens.
fn opening_owner(text: &str, toks: &[Token], a: usize) -> Option<Range> {
    let owner = toks.get(a)?;
    // (a pronoun that opens the sentence, or a quotation or clause in it, is its subject: `“He
    // can’t …`; an owner right after a quotation mark is in the quoted words)
    let after_word = a
        .checked_sub(1)
        .and_then(|k| toks.get(k))
        .is_some_and(|p| p.tok == Tok::Word);
    if a > MAX_OWNER_OPENING || !(after_word || (a == 0 && owner.has(tokens::POSS_DET))) {
        return None;
    }
    let who = person(owner.span.slice(text))?;
    let limit = toks.len().min(a + MAX_OWNER_OPENING * 3);
    // (no comma after it: no opening phrase)
    if !toks
        .get(a + 1..limit)
        .is_some_and(|r| r.iter().any(|t| t.tok == Tok::Comma))
    {
        return None;
    }
    let (x, y) = main_subject(text, toks, limit)?;
    let np = toks.get(x..y)?;
    let comma = toks
        .get(a..x)
        .is_some_and(|r| r.iter().any(|t| t.tok == Tok::Comma));
    if x <= a || !comma {
        return None;
    }
    let named = |t: &Token| {
        (t.has(tokens::CAP) && !t.has(tokens::DET)) || (who == "they" && t.has(tokens::SOURCE_NOUN))
    };
    let name = np.iter().any(named) && !np.iter().any(|t| t.has(tokens::PRONOUN));
    let pronoun = np.len() == 1 && same_person(text, owner, &np[0]);
    (name || pronoun).then_some((x, y))
}

/// The third person a pronoun or possessive stands for (`he` for `his`, `He’s`; `they` for
/// `their`, `they’re`); `None` for any other word.
fn person(w: &str) -> Option<&'static str> {
    // (a contraction keeps its pronoun: `He’s`, `they’re`)
    let w = w.split(['\'', '’']).next().unwrap_or(w);
    [
        ("he", "he"),
        ("his", "he"),
        ("she", "she"),
        ("her", "she"),
        ("they", "they"),
        ("their", "they"),
        ("it", "it"),
        ("its", "it"),
    ]
    .iter()
    .find(|(p, _)| w.eq_ignore_ascii_case(p))
    .map(|&(_, q)| q)
}

/// The possessive or pronoun `owner` (`his`, `she`) and the subject pronoun `subject` (`he`,
/// `He’s`, `she`) are the same person.
fn same_person(text: &str, owner: &Token, subject: &Token) -> bool {
    if !subject.has(tokens::PRONOUN) || subject.has(tokens::FIRST_PERSON) {
        return false;
    }
    let o = person(owner.span.slice(text));
    o.is_some() && o == person(subject.span.slice(text))
}

/// A `reported` phrase between the end of source `r` and the verb at token `verb`.
fn hedged(cues: &[Cue], toks: &[Token], r: Range, verb: usize, rules: &RuleSet) -> bool {
    let (Some(src), Some(v)) = (toks.get(r.1.saturating_sub(1)), toks.get(verb)) else {
        return false;
    };
    // cues come in order of start: look only at those starting after the source
    let from = cues.partition_point(|h| h.span.start < src.span.end);
    let between = cues.get(from..).unwrap_or(&[]);
    let upto = between.partition_point(|h| h.span.start < v.span.start);
    between.get(..upto).unwrap_or(&[]).iter().any(|h| {
        matches!(h.what, What::Phrase { .. })
            && h.span.start >= src.span.end
            && h.span.end <= v.span.start
            && rules
                .rules()
                .get(h.rule as usize)
                .and_then(|x| x.info.implies)
                == Some(Label::Reported)
    })
}

/// The source of a verb cue: its subject, or the phrase after it when inverted.
fn verb_source(
    text: &str,
    toks: &[Token],
    (a, b): Range,
    form: Form,
    (first_word, title, first_quote): (usize, &std::cell::OnceCell<bool>, Option<usize>),
) -> Option<Range> {
    let prev = a.checked_sub(1).and_then(|i| toks.get(i));
    if form == Form::Ing {
        // `…, eventually saying`, `after initially saying`: look past adverbs
        let at = toks
            .get(..a)
            .unwrap_or(&[])
            .iter()
            .rposition(|t| !(t.tok == Tok::Word && t.has(tokens::ADVERB)));
        let prev = at.and_then(|k| toks.get(k));
        // `…, saying that …`: the subject of the main clause; `X is pointing out`: progressive;
        // `outside groups supporting the bill`: the phrase the participle describes
        return match prev {
            Some(t) if matches!(t.tok, Tok::Comma | Tok::Dash) => main_subject(text, toks, a),
            // `X landed in trouble by saying …`, `after arguing …`: the main clause's subject
            Some(t)
                if t.tok == Tok::Word
                    && (t.has(tokens::AGENT)
                        || (t.has(tokens::NOT_SOURCE)
                            && !t.has(tokens::JOINER | tokens::COPULA | tokens::SKIP))) =>
            {
                // `After bragging for a year …, Trump …`: the subject may follow the clause
                main_subject(text, toks, toks.len())
            }
            Some(_) => progressive_subject(toks, a)
                .or_else(|| described(toks, a))
                // `X tweeted early Friday saying …`, `X started a petition this week calling
                // on …`: after a day or a phrase of time, the main clause's subject
                .or_else(|| {
                    at.filter(|&k| day_word(toks, k))
                        .and_then(|_| main_subject(text, toks, a))
                })
                // `X spent months criticizing …`, `X has spent much of the week portraying …`:
                // the time after `spend` is the main clause's subject's
                .or_else(|| {
                    after_spend(text, toks, a).and_then(|k| {
                        progressive_subject(toks, k).or_else(|| left_subject(toks, k))
                    })
                }),
            _ => None,
        };
    }
    // a capitalised verb inside the sentence is part of a name (`the United States`)
    if a > 0
        && toks.get(a).is_some_and(|t| t.has(tokens::CAP))
        && first_word < a
        && !*title.get_or_init(|| title_case(toks))
    {
        return None;
    }
    // `"…," the statement said`: the phrase between a quotation and its verb
    // (a tag follows a quotation mark: none before the verb, no tag)
    if let Some(r) = first_quote
        .is_some_and(|q| q < a)
        .then(|| tag_subject(toks, a))
        .flatten()
    {
        return Some(r);
    }
    if let Some(r) = left_subject(toks, a) {
        // `Harsh comments are …`, `but Republican support was …`: a plain or `-s` word right
        // before a form of `be` is a noun, when its phrase opens a clause (not `what many
        // economists say is`, `the plan she argues is needed`; not before `he's`)
        let copula = b == a + 1
            && toks.get(b).is_some_and(|t| {
                t.tok == Tok::Word && t.has(tokens::COPULA) && !t.has(tokens::PRONOUN)
            });
        let opens =
            r.0.checked_sub(1)
                .and_then(|k| toks.get(k))
                .is_none_or(|p| p.tok != Tok::Word || p.has(tokens::CONJ | tokens::JOINER));
        let pronoun = toks.get(r.0).is_some_and(|t| t.has(tokens::PRONOUN));
        // (a name before the verb is its subject: `Everything Trump says is a lie`)
        let name = r.1 - 1 != first_word && toks.get(r.1 - 1).is_some_and(|t| t.has(tokens::CAP));
        if matches!(form, Form::Base | Form::Third) && copula && opens && !pronoun && !name {
            return None;
        }
        if form == Form::Base && r.1 == a && plain_form_noun(text, toks, r, a, first_word) {
            return None;
        }
        // `an MSNBC show`, `a private email`: after a singular determiner the plain form is a
        // noun (the verb would take `-s`)
        // (`a majority of voters say`, `a few analysts say` are plural)
        let plural = toks.get(r.0..r.1).is_some_and(|p| {
            p.iter()
                .any(|t| t.has(tokens::JOINER | tokens::SOURCE_NOUN))
        });
        if form == Form::Base && toks.get(r.0).is_some_and(|t| t.has(tokens::SINGULAR)) && !plural {
            return None;
        }
        // `some calls to the hotline`, `other estimates`, `some personal attacks`: right after
        // a phrase that opens with a plural quantifier the `-s` form is a plural noun (the
        // verb would be plain: `some call it …`, `many voters say`)
        if form == Form::Third && r.1 == a && toks[r.0].has(tokens::PLURAL) {
            return None;
        }
        // `the terror attacks on …`: a form in -s after a plain word and before `on`/`in`/`of`
        // is a plural noun, not a verb
        let plain_head = toks.get(r.1 - 1).is_some_and(|h| {
            !h.has(
                tokens::CAP
                    | tokens::SOURCE_NOUN
                    | tokens::PRONOUN
                    | tokens::POSSESSIVE
                    | tokens::UNCASED,
            )
        });
        if form == Form::Third && plain_head && toks.get(b).is_some_and(|t| t.has(tokens::JOINER)) {
            return None;
        }
        // `bipartisan support`, `a reality show`: the plain form right after a singular plain
        // word is a noun (a verb would take `-s`, or follow `will`, `to`, `did` …)
        // (`Trump’s diverse appeal`, `her clarion call`: a noun with its owner, who is the source)
        let ends = |t: &Token, e: &str| {
            let w = t.span.slice(text).as_bytes();
            w.len() > e.len() && w[w.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes())
        };
        let head = toks.get(r.1 - 1);
        let singular_head = r.1 == a
            && head.is_some_and(|h| !ends(h, "s") && !ends(h, "ed"))
            && toks.get(a).is_some_and(|v| !ends(v, "ed"))
            && !toks
                .get(r.0.saturating_sub(1)..r.1)
                .is_some_and(|p| p.iter().any(|t| t.has(tokens::CONJ | tokens::JOINER)));
        if form == Form::Base && plain_head && singular_head {
            return possessor(toks, a);
        }
        return Some(r);
    }
    // the subject of an infinitive: `led the chairwoman to announce`, `Obama to frame …`
    if form == Form::Base {
        if let Some(r) = infinitive_subject(text, toks, a) {
            return Some(r);
        }
        if let Some(r) = purpose_subject(text, toks, a) {
            return Some(r);
        }
    }
    // passive with its agent: `was first reported by MSNBC`
    if form == Form::Past && toks.get(b).is_some_and(|t| t.has(tokens::AGENT)) {
        if let Some(r) = right_np(toks, b + 1) {
            return Some(r);
        }
    }
    // coordinated: `X gave no reason and did not say …`
    let mut j = a;
    while j > 0
        && toks[j - 1].tok == Tok::Word
        && (toks[j - 1].has(tokens::SKIP) || toks[j - 1].has(tokens::ADVERB))
    {
        j -= 1;
    }
    if j > 0 && toks[j - 1].has(tokens::CONJ) {
        if let Some(r) = main_subject(text, toks, j - 1) {
            // (`demonstrators, who marched and called for …`: the relative clause's `who`)
            return Some(relative_before(text, toks, j - 1).unwrap_or(r));
        }
    }
    // inverted: `"…," said Smith` / `…, said the spokeswoman.`
    // (after a quotation that opens the sentence, whatever follows the verb is its speaker,
    // even in lower case: `"…," said the designer`, `"…," said the 46-year-old`)
    let after_quote = || {
        let before = a.checked_sub(2).and_then(|i| toks.get(i));
        let closing = |t: Option<&Token>| t.is_some_and(|t| t.tok == Tok::Quote { open: false });
        toks.first()
            .is_some_and(|t| matches!(t.tok, Tok::Quote { .. }))
            && (closing(prev) || (prev.is_some_and(|p| p.tok == Tok::Comma) && closing(before)))
    };
    let inverted = match prev.map(|t| t.tok) {
        None | Some(Tok::Comma | Tok::Quote { .. } | Tok::Dash | Tok::Colon) => {
            right_np(toks, b).or_else(|| after_quote().then(|| right_np_loose(toks, b)).flatten())
        }
        _ => None,
    };
    // across a relative clause: `People who fought the plan say`
    inverted.or_else(|| relative_subject(text, toks, a))
}

/// Farthest a relative clause may reach back from its second verb's conjunction, in tokens.
const MAX_RELATIVE_COORD: usize = 20;

/// `demonstrators, who have taken to the streets and called for …`: a `who` that opens the
/// clause the conjunction at token `and` continues (only words between them) is the subject of
/// the verb after it.
fn relative_before(text: &str, toks: &[Token], and: usize) -> Option<Range> {
    let lo = and.saturating_sub(MAX_RELATIVE_COORD);
    for k in (lo..and).rev() {
        let t = toks.get(k)?;
        if t.tok != Tok::Word {
            return None;
        }
        // (both are pronouns of the lexicon: most words need no comparison)
        if t.has(tokens::PRONOUN) && t.is_one_of(text, &["who", "which"]) {
            return (k + 1 < and).then_some((k, k + 1));
        }
    }
    None
}

/// `The toll worries the pilots`: a cue on the same words (`span`) that takes its source after
/// it (a verb of feeling and its object) and finds one. `order` sorts the cues by start, longest
/// first: a binary search finds those on the same words, so a sentence with many cues stays
/// linear (a scan of every cue per verb was quadratic on a long sentence).
fn object_holds(cues: &[Cue], order: &[usize], toks: &[Token], span: Span) -> bool {
    let key = |i: usize| {
        cues.get(i)
            .map(|o| (o.span.start, std::cmp::Reverse(o.span.end)))
    };
    let want = Some((span.start, std::cmp::Reverse(span.end)));
    let from = order.partition_point(|&i| key(i) < want);
    order
        .get(from..)
        .unwrap_or(&[])
        .iter()
        .take_while(|&&i| key(i) == want)
        .filter_map(|&i| cues.get(i))
        .any(|o| o.what == What::SourcePhrase && right_np_loose(toks, o.toks.1).is_some())
}

/// The forms of `speak` that [`bare_speaking`] looks for.
pub(super) const SPEAK_FORMS: [&str; 5] = ["speak", "speaks", "spoke", "spoken", "speaking"];

/// Whether a word of `len` bytes beginning with the byte `first` may be one of
/// [`SPEAK_FORMS`] (all are of five to eight bytes and begin with `s`): most verbs are told by
/// two reads, not five comparisons. Both tests are combined without a branch between them, as
/// the length alone was mispredicted about every other verb.
pub(super) fn may_speak(first: u8, len: usize) -> bool {
    (len.wrapping_sub(5) <= 3) & (first | 0x20 == b's')
}

/// A form of `speak` that says nothing of what was said: no `about`, `of`, `up` or `out`
/// follows it in its clause (`Ruiz spoke at the rally on Friday`, `Lee will speak to reporters`;
/// not `Ruiz spoke at length about the port`, `She spoke warmly of him`, `He spoke out`).
fn bare_speaking(text: &str, toks: &[Token], (a, b): Range) -> bool {
    const TOPIC: [&str; 4] = ["about", "of", "up", "out"];
    let is = |k: usize, list: &[&str]| {
        toks.get(k)
            .is_some_and(|t| t.tok == Tok::Word && t.is_one_of(text, list))
    };
    let maybe = toks.get(a).is_some_and(|t| {
        let first = text.as_bytes().get(t.span.start).copied().unwrap_or(0);
        may_speak(first, t.span.len())
    });
    if b != a + 1 || !maybe || !is(a, &SPEAK_FORMS) {
        return false;
    }
    !toks
        .get(b..)
        .unwrap_or(&[])
        .iter()
        .take_while(|t| {
            matches!(
                t.tok,
                Tok::Word | Tok::Other | Tok::OpenParen | Tok::CloseParen
            )
        })
        .take(12)
        .enumerate()
        // (`for about five minutes`, `about 20 minutes` are no topic)
        .any(|(k, _)| {
            is(b + k, &TOPIC)
                && !toks.get(b + k + 1).is_some_and(|t| t.has(tokens::DIGIT))
                && !(k > 0 && is(b + k - 1, &["for"]))
        })
}

/// The plain form right after the phrase `x..y` is a noun, not a verb, when that phrase ends in
/// a single name that is no plural: a verb would take `-s` or follow `will`, `to`, `did` …
/// (`Republican support`, `the Orlando attack`, `passed with Labour support`; not `Ruiz and Lee
/// support`, `Democrats want`, `aides to Ruiz say`, nor the sentence's first word, which may be
/// `People` or `Police`).
fn plain_form_noun(
    text: &str,
    toks: &[Token],
    (x, y): Range,
    verb: usize,
    first_word: usize,
) -> bool {
    let (Some(head), Some(v)) = (y.checked_sub(1).and_then(|k| toks.get(k)), toks.get(verb)) else {
        return false;
    };
    let w = head.span.slice(text);
    if !head.has(tokens::CAP)
        || head.has(tokens::PRONOUN | tokens::SOURCE_NOUN | tokens::POSSESSIVE | tokens::DET)
        || y - 1 == first_word
        || w.ends_with(['s', 'S'])
        || v.span.slice(text).ends_with("ed")
    {
        return false;
    }
    // the name's own phrase starts after the last function word (`passed with Labour`), or
    // the phrase is the name's own (look at the word before it)
    let cut = (x..y).rev().find(|&k| {
        toks.get(k).is_some_and(|t| {
            t.tok != Tok::Word || t.has(tokens::CONJ | tokens::JOINER | tokens::NOT_SOURCE)
        })
    });
    let Some(k) = cut.or(x.checked_sub(1)) else {
        return true;
    };
    let t = &toks[k];
    // `Ruiz and Lee support`; `Ruiz, 49, support` (an appositive: the subject is further left;
    // not `…, the Hull protest remained`, whose determiner opens the name's own phrase)
    let own = cut.is_none() && y > x + 1 && toks.get(x).is_some_and(|t| t.has(tokens::DET));
    if (t.has(tokens::CONJ) && k >= x)
        || (matches!(t.tok, Tok::Comma | Tok::CloseParen | Tok::Dash) && !own)
    {
        return false;
    }
    // `Did Red Hat speak with …?`, `How hard will Ruiz attack?`: a question puts the subject
    // after its auxiliary, and the plain form is a verb
    if t.tok == Tok::Word && t.has(tokens::SKIP) {
        return false;
    }
    if t.tok != Tok::Word || !t.has(tokens::JOINER | tokens::NOT_SOURCE) {
        return true;
    }
    // `aides to Ruiz say`, `critics like Ruiz say`: the name ends a phrase whose head is plural
    !k.checked_sub(1).and_then(|j| toks.get(j)).is_some_and(|p| {
        p.tok == Tok::Word
            && (p.has(tokens::SOURCE_NOUN)
                || (!p.has(tokens::POSSESSIVE) && p.span.slice(text).ends_with(['s', 'S'])))
    })
}

/// The word at token `k` is a day (`Friday`) or ends a phrase of time (`this week`, `last
/// month`): a skip word in capitals or after another skip word.
fn day_word(toks: &[Token], k: usize) -> bool {
    let skip = |i: usize| {
        toks.get(i)
            .is_some_and(|t| t.tok == Tok::Word && t.has(tokens::SKIP))
    };
    skip(k)
        && (toks.get(k).is_some_and(|t| t.has(tokens::CAP)) || k.checked_sub(1).is_some_and(skip))
}

/// A form of `spend` at most eight words before the participle at `a`, with only words between
/// (`spent much of the week portraying`; bounded, so linear however long the sentence); not the
/// passive `was spent on`.
fn after_spend(text: &str, toks: &[Token], a: usize) -> Option<usize> {
    let from = a.saturating_sub(9);
    for k in (from..a).rev() {
        let t = toks.get(k)?;
        if t.tok != Tok::Word {
            return None;
        }
        if t.is_one_of(text, &["spent", "spend", "spends", "spending"]) {
            let passive = t.is_one_of(text, &["spent"])
                && k.checked_sub(1)
                    .and_then(|j| toks.get(j))
                    .is_some_and(|p| p.tok == Tok::Word && p.has(tokens::COPULA));
            return (!passive).then_some(k);
        }
    }
    None
}

/// `Trump returned to his favourite theme to answer …`: an infinitive the sentence's subject
/// performs, when that subject names someone (a name, a source noun, a personal pronoun).
fn purpose_subject(text: &str, toks: &[Token], a: usize) -> Option<Range> {
    let to = toks.get(a.checked_sub(1)?)?;
    if to.tok != Tok::Word || !to.has(tokens::NOT_SOURCE) || to.has(tokens::CONJ) {
        return None;
    }
    let (x, y) = main_subject(text, toks, a - 1)?;
    let np = toks.get(x..y)?;
    let names = np.iter().any(|t| {
        personal(t) || t.has(tokens::SOURCE_NOUN) || (t.has(tokens::CAP) && !t.has(tokens::DET))
    });
    // `X is slated to address`, `it is hard to say`: a predicate before the infinitive
    let predicate = toks
        .get(y..a)
        .is_some_and(|m| m.iter().any(|t| t.has(tokens::COPULA)));
    // `it`, `it's`: no one
    let it = np.first().is_some_and(|t| {
        let w = t.span.slice(text);
        w.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("it"))
            && (w.len() == 2 || w[2..].starts_with(['\'', '’']))
    });
    (names && !predicate && !it).then_some((x, y))
}

/// The phrase right before a plain verb and the function word before it (`to`): a pronoun
/// (`allowed him to answer`) or a phrase that names someone (`led the chairwoman to announce`).
fn infinitive_subject(text: &str, toks: &[Token], a: usize) -> Option<Range> {
    let to = toks.get(a.checked_sub(1)?)?;
    if to.tok != Tok::Word || !to.has(tokens::NOT_SOURCE) || to.has(tokens::CONJ) {
        return None;
    }
    let k = a.checked_sub(2)?;
    let before = toks.get(k)?;
    if before.tok != Tok::Word {
        return None;
    }
    if personal(before) {
        return Some((k, k + 1));
    }
    // `X went to the capital on Friday to assail …`: after a day or date, the subject of the
    // purpose clause is the sentence's (not after `too soon to say`)
    if before.has(tokens::SKIP) {
        return before
            .has(tokens::CAP)
            .then(|| main_subject(text, toks, k))
            .flatten();
    }
    if !before.has(tokens::CAP | tokens::SOURCE_NOUN) {
        // `Carson struggled to answer`, `Democrats are beginning to ask`: a plain word before
        // `to` is a verb taking the infinitive; its subject is the speaker
        // (after a form of `be` it is an adjective: `it's hard to say`, `is scheduled to speak`)
        let plain = !before.has(
            tokens::DET | tokens::JOINER | tokens::NOT_SOURCE | tokens::PRONOUN | tokens::DIGIT,
        );
        let predicate = toks
            .get(..k)
            .unwrap_or(&[])
            .iter()
            .rev()
            .find(|t| !(t.has(tokens::SKIP | tokens::ADVERB)))
            .is_some_and(|t| t.has(tokens::COPULA));
        // `Voters are (more) likely to say …`: the subject of `be` is the one who says it
        if let Some(r) = likely_subject(text, toks, k).filter(|_| before.has(tokens::ADVERB)) {
            return Some(r);
        }
        return (plain && !predicate)
            .then(|| left_subject(toks, k))
            .flatten();
    }
    np_left(toks, k)
}

/// `Voters are (slightly more) likely to say`: the subject of the form of `be` before the
/// adverb at token `k`, when it names someone (not `it`).
fn likely_subject(text: &str, toks: &[Token], k: usize) -> Option<Range> {
    let mut j = k;
    for _ in 0..4 {
        j = j.checked_sub(1)?;
        let t = toks.get(j)?;
        if t.tok != Tok::Word || t.has(tokens::CONJ) {
            return None;
        }
        if t.has(tokens::COPULA) {
            let (x, y) = left_subject(toks, j)?;
            let np = toks.get(x..y)?;
            let it = np.len() == 1 && np[0].span.slice(text).eq_ignore_ascii_case("it");
            let names = np.iter().any(|t| {
                personal(t)
                    || t.has(tokens::SOURCE_NOUN)
                    || (t.has(tokens::CAP) && !t.has(tokens::DET))
            });
            return (names && !it).then_some((x, y));
        }
        if !t.has(tokens::ADVERB | tokens::SKIP | tokens::NOT_SOURCE) {
            return None;
        }
    }
    None
}

/// A participle right after the phrase it describes, when that phrase names someone:
/// `hedge fund executives supporting her campaign`, `a video depicting …`.
fn described(toks: &[Token], a: usize) -> Option<Range> {
    let k = a.checked_sub(1)?;
    let before = toks.get(k)?;
    if before.tok != Tok::Word
        || !before.has(tokens::CAP | tokens::SOURCE_NOUN)
        || before.has(tokens::SKIP)
    {
        return None;
    }
    // `a Senate hearing`: a word in -ing that is a noun (a lexicon of them) names no act
    if toks.get(a).is_some_and(|t| t.has(tokens::NOT_SOURCE)) {
        return None;
    }
    np_left(toks, k)
}

/// `X is (once again) questioning`, `He’s claiming`, `X isn’t saying`: the subject before the
/// form of `be`.
fn progressive_subject(toks: &[Token], a: usize) -> Option<Range> {
    let mut j = a;
    while j > 0 {
        j -= 1;
        let t = toks.get(j)?;
        if t.tok != Tok::Word {
            return None;
        }
        if t.has(tokens::COPULA) {
            // a contraction (`He’s`) is its own subject
            if t.has(tokens::PRONOUN) {
                return Some((j, j + 1));
            }
            return left_subject(toks, j);
        }
        if !(t.has(tokens::SKIP) || t.has(tokens::ADVERB)) {
            return None;
        }
    }
    None
}

/// A headline in title case: most words are capitalised.
fn title_case(toks: &[Token]) -> bool {
    let (mut words, mut caps) = (0, 0);
    for t in toks
        .iter()
        .filter(|t| t.tok == Tok::Word && t.span.len() > 3)
    {
        words += 1;
        if t.has(tokens::CAP) {
            caps += 1;
        }
    }
    words > 0 && caps * 3 >= words * 2
}

/// Chooses the label of a sentence from its evidence (see [`precedence`]); `None` when there is
/// no evidence.
pub fn decide(ev: &[Evidence], rules: &RuleSet) -> Option<Classification> {
    let best = ev.iter().map(|e| e.label).max_by_key(|l| precedence(*l))?;
    let mut c = Classification {
        label: best,
        sources: SpanList::new(),
        cues: SpanList::new(),
        rule: None,
        inherited: false,
    };
    let mut first: Option<(usize, u16)> = None;
    for e in ev.iter().filter(|e| e.label == best) {
        if first.is_none_or(|(pos, _)| e.cue.start < pos) {
            first = Some((e.cue.start, e.rule));
        }
        c.cues.push(e.cue);
        if let Some(s) = e.source {
            c.sources.push(s);
        }
        if let Some(s) = e.antecedent {
            c.sources.push(s);
        }
    }
    // an allegation the sentence also attributes: keep who speaks (`…, a claim the union denies`,
    // `X said Y accused Z`: both speak)
    if c.label.has_source() || c.sources.is_empty() {
        for e in ev
            .iter()
            .filter(|e| e.label.has_source() && e.label != best)
        {
            if let Some(s) = e.source {
                c.sources.push(s);
            }
        }
    }
    c.cues.sort();
    c.cues.dedup();
    c.sources.sort();
    c.sources.dedup();
    c.rule = first.and_then(|(_, r)| rules.engine().id(r as usize));
    Some(c)
}
