//! `mental-state`: `believes`, `feels`, `hopes` standing in for what a source said (info).

use super::phrases::{after, before, first_few, last_few};
use super::{CheckDef, Ctx, Out};
use crate::ledger::Ledger;

pub fn check(ctx: &Ctx, def: &CheckDef, _ledger: &Ledger, out: &mut Out) {
    let (said_verbs, verbs) = (def.list("said-verbs"), def.list("verbs"));
    // every finding is a match of `verbs` in a part outside quotations
    if ctx.never_in_sentences(verbs) {
        return;
    }
    // the sentences where each list may be found (issue 6)
    let (said_in, verbs_in) = (ctx.sentences_with(said_verbs), ctx.sentences_with(verbs));
    for i in 0..ctx.seg.sentences.len() {
        if !verbs_in.may(i) {
            continue;
        }
        let sentence = ctx.sentence(i);
        let parts = ctx.outside_quotes(i);
        // `Smith said he believes …` reports speech: fine
        if said_in.may(i) && parts.iter().any(|p| ctx.any(said_verbs, *p)) {
            continue;
        }
        let found = parts.iter().find_map(|p| {
            ctx.find(verbs, *p).map(|m| m.0).find(|m| {
                let prev = last_few::<1>(ctx.text, before(ctx.text, sentence.start, m.start));
                let next = first_few::<1>(ctx.text, after(ctx.text, m.end, sentence.end));
                let subject = prev.last().is_some_and(|t| {
                    def.list("subject-words").is(t.text(ctx.text)) || t.is_capitalised(ctx.text)
                }) || ctx
                    .sources(i)
                    .iter()
                    .any(|s| s.end <= m.start && m.start - s.end <= 2);
                // a complement clause follows (`believes (that) the plan …`), not an adjective
                // (`felt betrayed`)
                let object = next.first().is_some_and(|t| {
                    let w = t.text(ctx.text);
                    !def.list("not-followed-by").is(w)
                        && (def.list("clause-starts").is(w)
                            || t.is_capitalised(ctx.text)
                            || !(w.ends_with("ed") || w.ends_with("ly")))
                });
                subject && object
            })
        });
        let Some(span) = found else { continue };
        let message = format!(
            "`{}` reports a state of mind as fact; say what the source said",
            span.slice(ctx.text)
        );
        out.push(false, span, Some(i), message);
    }
}
