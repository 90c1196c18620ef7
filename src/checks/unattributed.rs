//! `unattributed-claim`: a factual claim with no source; raised for figures, superlatives,
//! allegation words, and the headline or first paragraph.

use super::phrases::tokens;
use super::{finding, CheckDef, Ctx, Finding};
use crate::classify::Label;
use crate::ledger::Ledger;

pub fn check(ctx: &Ctx, def: &CheckDef, _ledger: &Ledger, out: &mut Vec<Finding>) {
    let boilerplate = def.list("boilerplate");
    let superlatives = def.list("superlatives");
    let allegations = def.list("allegation-words");
    for (i, c) in ctx.labels.iter().enumerate() {
        if c.label != Label::Unattributed {
            continue;
        }
        let span = ctx.sentence(i);
        // credit lines, corrections, sign-offs: not claims
        if ctx.any(boilerplate, span) {
            continue;
        }
        let mut why = Vec::new();
        if has_figure(ctx, i, def) {
            why.push("carries a figure");
        }
        if ctx.any(superlatives, span) {
            why.push("makes a superlative claim");
        }
        if ctx.any(allegations, span) {
            why.push("makes an allegation");
        }
        if ctx.in_top(i) {
            why.push(if ctx.is_heading(i) {
                "is in the headline"
            } else {
                "is in the first paragraph"
            });
        }
        let message = if why.is_empty() {
            "unattributed claim: no source is given for this sentence".to_string()
        } else {
            format!("unattributed claim that {}", why.join(" and "))
        };
        out.push(finding(def, !why.is_empty(), span, Some(i), message));
    }
}

/// A count, percentage or amount: a number that is not a year, or a figure noun (`dozens`).
fn has_figure(ctx: &Ctx, i: usize, def: &CheckDef) -> bool {
    if ctx.any(def.list("figure-nouns"), ctx.sentence(i)) {
        return true;
    }
    let text = ctx.text;
    // every figure token has an ASCII digit
    if !ctx
        .sentence(i)
        .slice(text)
        .bytes()
        .any(|b| b.is_ascii_digit())
    {
        return false;
    }
    let toks = tokens(text, ctx.sentence(i));
    let months = def.list("months");
    let suffixes = def.list("number-suffixes");
    toks.iter().enumerate().any(|(k, t)| {
        let w = t.text(text);
        let numeric = w
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%' | '$'));
        if !(numeric && w.chars().any(|c| c.is_ascii_digit())) {
            return false;
        }
        let after_month = k > 0 && toks.get(k - 1).is_some_and(|p| months.is(p.text(text)));
        // `8:05`: a clock time
        let clock = text.get(t.span.end..).is_some_and(|r| r.starts_with(':'))
            || text.get(..t.span.start).is_some_and(|l| l.ends_with(':'));
        // `6 a.m.`: a time; `EB-5`, `F-16`: names with digits
        let time = toks.get(k + 1).is_some_and(|n| suffixes.is(n.text(text)));
        !time && !clock && !is_year(w) && !after_month && !has_number_suffix(w, def)
    })
}

/// `2015`, `1999`: a bare four-digit year.
fn is_year(w: &str) -> bool {
    w.len() == 4
        && w.chars().all(|c| c.is_ascii_digit())
        && (w.starts_with("19") || w.starts_with("20"))
}

/// `11th`, `5pm`, `1990s`: ordinals, clock times and decades are not figures.
fn has_number_suffix(w: &str, def: &CheckDef) -> bool {
    let lower = w.to_lowercase();
    def.raw("number-suffixes").iter().any(|suf| {
        lower
            .strip_suffix(suf.as_str())
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    })
}
