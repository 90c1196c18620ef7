//! `allegation-without-accuser`: `allegedly` / `alleged` with no one who alleges in the
//! sentence or its paragraph.

use super::phrases::{after, before, first_few, last_few};
use super::{CheckDef, Ctx, Out};
use crate::ledger::Ledger;
use crate::span::Span;

pub fn check(ctx: &Ctx, def: &CheckDef, _ledger: &Ledger, out: &mut Out) {
    let markers = def.list("markers");
    // every finding is a match of `markers` in a part outside quotations
    if ctx.never_in_sentences(markers) {
        return;
    }
    // whether each paragraph names an accuser, computed on first use (made only for a
    // document that may need it: issue 6, an allocation per document)
    let mut para_cache: Vec<Option<bool>> = vec![None; ctx.block_sentences.len()];
    // the sentences where the list may be found (issue 6)
    let markers_in = ctx.sentences_with(markers);
    for i in 0..ctx.seg.sentences.len() {
        if !markers_in.may(i) {
            continue;
        }
        let sentence = ctx.sentence(i);
        let found = ctx.outside_quotes(i).iter().copied().find_map(|p| {
            ctx.find(markers, p)
                .map(|m| m.0)
                .find(|m| !is_verb_use(ctx.text, sentence, *m, def))
        });
        let Some(span) = found else { continue };
        let block = ctx.block_of(i);
        let has = match para_cache.get(block).copied().flatten() {
            Some(v) => v,
            None => {
                let v = ctx.paragraph(i).any(|j| has_accuser(ctx, j, def));
                if let Some(slot) = para_cache.get_mut(block) {
                    *slot = Some(v);
                }
                v
            }
        };
        if has {
            continue;
        }
        let raised = ctx.in_top(i);
        let message = format!(
            "`{}` with no one named who makes the allegation",
            span.slice(ctx.text)
        );
        out.push(raised, span, Some(i), message);
    }
}

/// Sentence `j` names a source or an accuser (`prosecutors`, `a lawsuit`, `according to`).
fn has_accuser(ctx: &Ctx, j: usize, def: &CheckDef) -> bool {
    ctx.sources(j).iter().any(|s| !s.is_empty()) || ctx.any(def.list("accusers"), ctx.sentence(j))
}

/// `alleged that`, `has alleged`: the verb, whose subject is the accuser (word lists
/// `verb-after` and `verb-before`).
fn is_verb_use(text: &str, sentence: Span, m: Span, def: &CheckDef) -> bool {
    let next = first_few::<1>(text, after(text, m.end, sentence.end));
    let prev = last_few::<1>(text, before(text, sentence.start, m.start));
    next.first()
        .is_some_and(|t| def.list("verb-after").is(t.text(text)))
        || prev
            .last()
            .is_some_and(|t| def.list("verb-before").is(t.text(text)))
}
