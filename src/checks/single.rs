//! `single-source`: a story whose claims rest on one on-the-record source (info, once per
//! file). Anonymous and vague sources do not count as independent sources.

use super::{CheckDef, Ctx, Out};
use crate::ledger::{Ledger, SourceKind};

pub fn check(_ctx: &Ctx, def: &CheckDef, ledger: &Ledger, out: &mut Out) {
    let min_claims = def.numbers.get("min-claims").copied().unwrap_or(3.0);
    let mut on_record = ledger
        .sources
        .iter()
        .filter(|s| !matches!(s.kind, SourceKind::Anonymous | SourceKind::Vague));
    let (Some(only), None) = (on_record.next(), on_record.next()) else {
        return;
    };
    if (only.claims as f64) < min_claims {
        return;
    }
    let Some(first) = only.mentions.first().copied() else {
        return;
    };
    let message = format!(
        "the story rests on a single on-the-record source ({}, {} claims)",
        only.name, only.claims
    );
    out.push(false, first, only.sentences.first().copied(), message);
}
