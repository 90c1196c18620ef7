//! `figure-conflict`: the same source gives different figures for the same quantity.
//! Figures are bucketed by (source, quantity), so the work is linear in the document.

use super::numbers::{figures, Figure};
use super::{CheckDef, Ctx, Out};
use crate::ledger::{Ledger, SourceKind};
use std::collections::HashMap;

/// Distinct figures remembered per bucket (a bound that keeps the check linear).
const KEEP: usize = 8;

pub fn check(ctx: &Ctx, def: &CheckDef, ledger: &Ledger, out: &mut Out) {
    let mut buckets: HashMap<(usize, String), Vec<(usize, Figure)>> = HashMap::new();
    let quantities = def.list(super::lists::QUANTITY_WORDS);
    // one buffer for every sentence's sources
    let mut sources: Vec<usize> = Vec::new();
    // the sentences where a quantity word may be found (issue 6)
    let quantities_in = ctx.sentences_with(quantities);
    for i in 0..ctx.seg.sentences.len() {
        // vague sources (`experts`) are not one source: their figures need not agree
        sources.clear();
        sources.extend(ledger.sources_of(i).iter().copied().filter(|s| {
            ledger
                .sources
                .get(*s)
                .is_some_and(|x| x.kind != SourceKind::Vague)
        }));
        if sources.is_empty() {
            continue;
        }
        // a figure names one of the `[synonyms]` quantities: in an ASCII sentence without any
        // of those words (a whole token equal to one is a match of the list) there is none
        let sentence = ctx.sentence(i);
        if sentence.slice(ctx.text).is_ascii()
            && !(quantities_in.may(i) && ctx.any(quantities, sentence))
        {
            continue;
        }
        for fig in figures(ctx, i, def) {
            for &src in &sources {
                let seen = buckets.entry((src, fig.quantity.clone())).or_default();
                // figures in one sentence are different things (`3 in Ohio, 5 in Iowa`)
                let clash = seen.iter().find(|(j, p)| *j != i && p.conflicts(&fig));
                if let Some((_, prev)) = clash {
                    let name = ledger.sources.get(src).map_or("", |s| s.name.as_str());
                    let message = format!(
                        "`{}` ({}) differs from `{}` given earlier by the same source ({name})",
                        fig.span.slice(ctx.text),
                        fig.quantity,
                        prev.span.slice(ctx.text)
                    );
                    out.push(false, fig.span, Some(i), message);
                    break;
                }
                if seen.len() < KEEP && !seen.iter().any(|(_, p)| p.lo == fig.lo && p.hi == fig.hi)
                {
                    seen.push((i, fig.clone()));
                }
            }
        }
    }
}
