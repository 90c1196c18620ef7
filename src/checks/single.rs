//! `single-source`: a story whose claims all rest on one source (info, once per file).

use super::{finding, CheckDef, Ctx, Finding};
use crate::ledger::Ledger;

pub fn check(ctx: &Ctx, def: &CheckDef, ledger: &Ledger, out: &mut Vec<Finding>) {
    let min_claims = def.numbers.get("min-claims").copied().unwrap_or(3.0);
    let [only] = ledger.sources.as_slice() else {
        return;
    };
    if (only.claims as f64) < min_claims {
        return;
    }
    let Some(first) = only.mentions.first().copied() else {
        return;
    };
    let sentence = only.sentences.first().copied();
    let message = format!(
        "the story rests on a single source ({}, {} claims)",
        only.name, only.claims
    );
    let _ = ctx;
    out.push(finding(def, false, first, sentence, message));
}
