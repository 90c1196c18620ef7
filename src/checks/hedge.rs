//! `hedge-only`: `reportedly`, `it is understood` and the like with no outlet or document named.

use super::phrases::{after, first_few};
use super::{CheckDef, Ctx, Out};
use crate::classify::Label;
use crate::ledger::Ledger;
use crate::span::Span;

pub fn check(ctx: &Ctx, def: &CheckDef, _ledger: &Ledger, out: &mut Out) {
    let hedges = def.list("hedges");
    // every finding is a match of `hedges` in a part outside quotations
    if ctx.never_in_sentences(hedges) {
        return;
    }
    // the sentences where the list may be found (issue 6)
    let hedges_in = ctx.sentences_with(hedges);
    for i in 0..ctx.seg.sentences.len() {
        if !hedges_in.may(i) {
            continue;
        }
        let found = ctx
            .outside_quotes(i)
            .iter()
            .copied()
            .find_map(|p| ctx.first(hedges, p));
        let Some(span) = found else { continue };
        let sentence = ctx.sentence(i);
        let attributed = ctx.label(i).is_some_and(|c| {
            c.label == Label::Attributed
                && !c.inherited
                && c.sources.iter().any(|s| !s.overlaps(span))
        });
        if attributed || names_outlet(ctx, sentence, def) {
            continue;
        }
        let message = format!(
            "`{}` with no outlet or document named",
            span.slice(ctx.text)
        );
        out.push(false, span, Some(i), message);
    }
}

/// An outlet from the list, or `according to` / `citing` / `reported by` followed by a
/// capitalised name.
fn names_outlet(ctx: &Ctx, sentence: Span, def: &CheckDef) -> bool {
    let text = ctx.text;
    if ctx.any(def.list("outlets"), sentence) {
        return true;
    }
    ctx.find(def.list("named-by"), sentence).any(|(m, _)| {
        first_few::<4>(text, after(text, m.end, sentence.end))
            .iter()
            .any(|t| t.is_capitalised(text))
    })
}
