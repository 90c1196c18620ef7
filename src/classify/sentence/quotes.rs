//! Speakers of a quotation named around it with a verb in no list: `Ruiz continued: "…"`
//! before it, `"…," the editorial continued.` or `"…," reads an editorial in the Gazette.`
//! after it.

use super::{span_of, Evidence, Scratch};
use crate::classify::frames::{left_subject, main_subject, personal, Range};
use crate::classify::tokens::{self, Tok, Token};
use crate::classify::Label;
use crate::rules::RuleSet;

/// A lower-case word in `-ed` or `-s` that may be a verb of a speech tag (not a noun for people:
/// `Sanders supporters: "…"`).
fn tag_verb(text: &str, v: &Token) -> bool {
    let w = v.span.slice(text).as_bytes();
    v.tok == Tok::Word
        && !v.has(tokens::SOURCE_NOUN)
        && w.len() >= 4
        && w.iter().all(u8::is_ascii_lowercase)
        && (w.ends_with(b"ed") || w.ends_with(b"s"))
}

/// Token `k` is part of a cue that counts (listed verbs already have their own evidence).
fn in_cue(s: &Scratch, k: usize) -> bool {
    s.cues
        .iter()
        .any(|c| c.rule != u16::MAX && c.toks.0 <= k && k < c.toks.1)
}

/// `Lopez continued: "…"`, `She interjected, "…"`: a verb in `-ed` or `-s` right before a colon or
/// comma and an opening quotation mark introduces the quotation, its subject is the speaker (a
/// pronoun or a name), whatever the verb (listed verbs already have their own evidence). The
/// evidence is the quotation rule's (a speaker named before the quotation).
/// `first` is the index of the sentence's first quotation mark ([`first_quote`]).
pub(super) fn quote_intro(text: &str, rules: &RuleSet, s: &mut Scratch, first: Option<usize>) {
    // most sentences hold no quotation mark, and no token before the first one can match: one
    // cheap pass finds where both rules start (issue 6)
    let Some(first) = first else {
        return;
    };
    quote_rules(text, rules, s, first);
}

/// The index of the first quotation mark among `toks` (the tokenizer notes it as it makes them,
/// [`tokens::tokenize_ends`]).
#[cfg(test)]
pub(super) fn first_quote(toks: &[Token]) -> Option<usize> {
    toks.iter().position(|t| matches!(t.tok, Tok::Quote { .. }))
}

/// Both quotation rules, for the tokens from `from` on (`from` is at most the index of the
/// sentence's first quotation mark; 0 walks all of them).
fn quote_rules(text: &str, rules: &RuleSet, s: &mut Scratch, from: usize) {
    let Some(rule) = rules.engine().quote else {
        return;
    };
    let Some(label) = rules
        .rules()
        .get(rule as usize)
        .and_then(|r| r.info.implies)
    else {
        return;
    };
    for i in from.max(3)..s.toks.len() {
        if s.toks[i].tok != (Tok::Quote { open: true })
            || !matches!(s.toks[i - 1].tok, Tok::Colon | Tok::Comma)
        {
            continue;
        }
        let v = &s.toks[i - 2];
        if !tag_verb(text, v) || in_cue(s, i - 2) {
            continue;
        }
        // `Ruiz leaned in and boomed: "…"`: after `and`, the main clause's subject
        let Some(r) = left_subject(&s.toks, i - 2).or_else(|| {
            let and = i.checked_sub(3).and_then(|k| s.toks.get(k))?;
            and.has(tokens::CONJ)
                .then(|| main_subject(text, &s.toks, i - 3))
                .flatten()
        }) else {
            continue;
        };
        let Some(np) = s.toks.get(r.0..r.1) else {
            continue;
        };
        // its head names the speaker (not `Clinton seemed irritated: "…"`)
        let head = np
            .last()
            .is_some_and(|t| personal(t) || t.has(tokens::CAP | tokens::SOURCE_NOUN));
        if !head || !np.iter().any(|t| personal(t) || t.has(tokens::CAP)) {
            continue;
        }
        s.evidence.push(Evidence {
            label,
            rule,
            cue: v.span,
            source: span_of(&s.toks, r),
            antecedent: None,
        });
    }
    quote_tag(text, s, (rule, label), from);
}

/// `"…," the editorial continued.`, `"…," Ruiz continued.`, `"…," reads an editorial in the
/// Gazette.`: after a quotation closed by a comma, `?`, `!` or a dash, a phrase and a verb in
/// `-ed` or `-s` that end the sentence (or that verb and a phrase) name its speaker, whatever the
/// verb (so not `the editorial read`).
fn quote_tag(text: &str, s: &mut Scratch, (rule, label): (u16, Label), from: usize) {
    for i in from.max(2)..s.toks.len() {
        if s.toks[i].tok != (Tok::Quote { open: false })
            || !matches!(s.toks[i - 1].tok, Tok::Comma | Tok::End | Tok::Dash)
        {
            continue;
        }
        let Some((v, r)) = tag_after(text, &s.toks, i).or_else(|| inverted_after(text, &s.toks, i))
        else {
            continue;
        };
        if in_cue(s, v) {
            continue;
        }
        let Some(cue) = s.toks.get(v).map(|t| t.span) else {
            continue;
        };
        s.evidence.push(Evidence {
            label,
            rule,
            cue,
            source: span_of(&s.toks, r),
            antecedent: None,
        });
    }
}

/// Token `k` ends the sentence's words (the sentence's end or its last token).
fn ends(toks: &[Token], k: usize) -> bool {
    toks.get(k).is_none_or(|t| t.tok == Tok::End)
}

/// `"…," the editorial continued.`: the verb's token and the phrase between the closing mark
/// at `q` and the verb (a personal pronoun, a phrase opened by a determiner, or a name).
fn tag_after(text: &str, toks: &[Token], q: usize) -> Option<(usize, Range)> {
    let start = q + 1;
    let v = (start..toks.len().min(start + 6))
        .find(|&k| toks[k].tok != Tok::Word || tag_verb(text, &toks[k]))?;
    if v == start || !tag_verb(text, toks.get(v)?) || !ends(toks, v + 1) {
        return None;
    }
    let np = toks.get(start..v)?;
    let first = np.first()?;
    let rest_plain = np[1..]
        .iter()
        .all(|t| !t.has(tokens::NOT_SOURCE | tokens::PRONOUN | tokens::CONJ | tokens::JOINER));
    let ok = (np.len() == 1 && personal(first))
        || (first.has(tokens::DET) && !first.has(tokens::CAP_ING) && rest_plain)
        || np
            .iter()
            .all(|t| t.has(tokens::CAP) && !t.has(tokens::PRONOUN));
    ok.then_some((v, (start, v)))
}

/// `"…," reads an editorial in the Gazette.`: a verb right after the closing mark at `q` and
/// the words after it up to the end of the sentence (at most nine, opened by a determiner, a
/// name or a personal pronoun).
fn inverted_after(text: &str, toks: &[Token], q: usize) -> Option<(usize, Range)> {
    let v = q + 1;
    if !tag_verb(text, toks.get(v)?) {
        return None;
    }
    let first = toks.get(v + 1)?;
    let end = (v + 1..toks.len())
        .find(|&k| toks[k].tok != Tok::Word)
        .unwrap_or(toks.len());
    let opens = first.tok == Tok::Word && (first.has(tokens::DET | tokens::CAP) || personal(first));
    (opens && end - (v + 1) <= 9 && ends(toks, end)).then_some((v, (v + 1, end)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::super::{evaluate, Scratch};
    use super::{first_quote, quote_intro, quote_rules};
    use crate::rules::RuleSet;
    use crate::span::Span;

    /// The evidence of the quotation rules alone, with the shortcut or walking every token.
    fn both(text: &str, rules: &RuleSet, s: &mut Scratch) -> (String, String) {
        s.evidence.clear();
        quote_intro(text, rules, s, first_quote(&s.toks));
        let fast = format!("{:?}", s.evidence);
        s.evidence.clear();
        quote_rules(text, rules, s, 0);
        (fast, format!("{:?}", s.evidence))
    }

    /// Starting at the first quotation mark finds the same evidence as walking every token, over
    /// generated sentences with every quotation-mark style, speech tags before and after.
    #[test]
    fn first_quote_shortcut_matches_full_walk() {
        let rules = RuleSet::builtin().unwrap();
        let words = [
            "\"",
            "“",
            "”",
            "'",
            "‘",
            "’",
            "«",
            "»",
            "„",
            "‹",
            "›",
            ",",
            ":",
            ".",
            "?",
            "!",
            "—",
            "-",
            "the",
            "an",
            "editorial",
            "read",
            "reads",
            "continued",
            "boomed",
            "and",
            "Ruiz",
            "Lopez",
            "she",
            "He",
            "we",
            "said",
            "supporters",
            "in",
            "Gazette",
            "Times",
            "it",
            "works",
            "\r\n",
            "\n",
            "“We win,”",
            "\"We win,\"",
            "«We win!»",
            "‘We win—’",
            "the editorial continued",
            "reads an editorial in the Gazette",
            "Ruiz continued:",
            "She interjected,",
        ];
        let check = |text: &str| {
            let mut hits = Vec::new();
            rules.engine().scan(text, 0..text.len(), &mut hits);
            let mut s = Scratch::default();
            evaluate(
                text,
                Span::new(0, text.len()),
                (&hits, 0),
                &[],
                &rules,
                None,
                &mut s,
            );
            both(text, &rules, &mut s)
        };
        for text in [
            "\"We will win,\" the editorial continued.",
            "“We will win,” reads an editorial in the Gazette.",
            "Ruiz continued: «We will win.»",
        ] {
            let (fast, full) = check(text);
            assert_eq!(fast, full, "{text}");
            assert_ne!(full, "[]", "{text}");
        }
        // (the generated sentences exercise both rules too)
        let found = std::cell::Cell::new(0usize);
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        runner
            .run(&proptest::collection::vec(0..words.len(), 0..24), |idx| {
                let text = idx.iter().map(|&i| words[i]).collect::<Vec<_>>().join(" ");
                let (fast, full) = check(&text);
                found.set(found.get() + usize::from(full != "[]"));
                proptest::prop_assert_eq!(fast, full, "{}", text);
                Ok(())
            })
            .unwrap();
        assert!(found.get() >= 1, "no generated sentence had evidence");
    }
}
