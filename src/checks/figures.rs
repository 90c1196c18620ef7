//! `figure-conflict`: the same source gives different figures for the same quantity.
//! Figures are bucketed by (source, quantity), so the work is linear in the document.

use super::numbers::{figures, Figure};
use super::{CheckDef, Ctx, Out};
use crate::ledger::{Ledger, SourceKind};
use std::collections::HashMap;

/// Distinct figures remembered per bucket (a bound that keeps the check linear).
const KEEP: usize = 8;

/// Whether every token of `s` that names a quantity (its lower case, `str::to_lowercase`, is a
/// word of `[synonyms]`) is a match of the synonyms' list, found ignoring ASCII case: so in an
/// ASCII sentence, and, when every synonym is ASCII, in any sentence without the Kelvin sign,
/// the one character outside ASCII whose lower case is ASCII (`K` to `k`, as in
/// `\u{212A}illed`). Issue 6: half the sentences with a source hold a curly quotation mark or
/// dash, and were all read for figures.
fn quantity_is_listed(s: &str, ascii_synonyms: bool) -> bool {
    s.is_ascii() || (ascii_synonyms && !s.contains('\u{212A}'))
}

/// Whether `s` holds the Kelvin sign (`str::contains`), found by its last byte 0xAA, which few
/// characters of news text hold (issue 6: `str::contains` of a char, and `memmem`, read the
/// text at about two bytes an instruction; `memchr` reads several times faster).
fn has_kelvin_sign(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(0xAA, b).any(|i| {
        i.checked_sub(2)
            .and_then(|k| b.get(k..i))
            .is_some_and(|p| p == [0xE2, 0x84])
    })
}

pub fn check(ctx: &Ctx, def: &CheckDef, ledger: &Ledger, out: &mut Out) {
    let mut buckets: HashMap<(usize, String), Vec<(usize, Figure)>> = HashMap::new();
    let quantities = def.list(super::lists::QUANTITY_WORDS);
    // one buffer for every sentence's sources
    let mut sources: Vec<usize> = Vec::new();
    // the sentences where a quantity word may be found (issue 6)
    let quantities_in = ctx.sentences_with(quantities);
    // every sentence's quantity words are matches of the list when the synonyms are ASCII and
    // the text has no Kelvin sign ([`quantity_is_listed`] of each sentence, read once for the
    // document): then only the sentences where a match may be found are read at all (issue 6:
    // the sources of every sentence were gathered before the quantity test ruled it out)
    let all_listed = def.ascii_synonyms && !has_kelvin_sign(ctx.text);
    for i in 0..ctx.seg.sentences.len() {
        let may_quantity = quantities_in.may(i);
        if all_listed && !may_quantity {
            continue;
        }
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
        // a figure names one of the `[synonyms]` quantities: in a sentence without any of
        // those words (a whole token equal to one is a match of the list) there is none
        // (`all_listed` is this test's answer for every sentence: no need to read it again)
        let sentence = ctx.sentence(i);
        if (all_listed || quantity_is_listed(sentence.slice(ctx.text), def.ascii_synonyms))
            && !(may_quantity && ctx.any(quantities, sentence))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The Kelvin sign is the only character outside ASCII that lower-cases to ASCII alone,
    /// so a token of a sentence without it names a listed quantity only as an ASCII word.
    #[test]
    fn only_the_kelvin_sign_lowercases_to_ascii() {
        let odd: Vec<char> = (0x80..=0x10_ffff)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().all(|l| l.is_ascii()))
            .collect();
        assert_eq!(odd, ['\u{212A}']);
        use quantity_is_listed as listed;
        assert!(!listed("3 \u{212A}illed", true) && listed("3 “killed”", true));
        assert!(!listed("3 “killed”", false) && listed("3 killed", false));
        for t in [
            "",
            "\u{212A}",
            "a\u{212A}",
            "ê\u{212A}ê",
            "êª",
            "\u{2129}\u{212B}",
            "ª\u{212A}",
        ] {
            assert_eq!(has_kelvin_sign(t), t.contains('\u{212A}'), "{t:?}");
        }
    }

    /// A sentence the quantity test skips gives no figure: generated sentences of numbers,
    /// quantity words in every case, modifiers, curly marks, combining marks, other scripts
    /// and the Kelvin sign, searched with the built-in check.
    #[test]
    fn sentences_skipped_give_no_figure() {
        use crate::checks::{numbers::figures, Ctx};
        let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
        let set = &checker.checks;
        let def = set.get("figure-conflict").unwrap();
        let pieces = [
            "The",
            "ministry",
            "said",
            "2,003",
            "nine",
            "Forty-two",
            "hundred",
            "million",
            "people",
            "deaths",
            "DEATHS",
            "Killed",
            "\u{212A}illed",
            "injured",
            "more than",
            "about",
            "per cent",
            "%",
            "“",
            "”",
            "’",
            "—",
            "é",
            "e\u{301}",
            "killed\u{301}",
            "北京",
            "arrests",
            "of",
            ",",
            ".",
            " ",
            " ",
            "\n",
            "homes",
            "Homes",
            "x",
        ];
        let mut rng = crate::testrng::Rng::new(0x94d0_49bb_1331_11eb);
        let (mut skipped, mut wide, mut found, mut listed_docs) = (0, 0, 0, 0);
        for _ in 0..600 {
            let text = rng.pieces(&pieces, 60, 2);
            let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, text.clone());
            let seg = crate::segment::segment(&doc);
            let labels = crate::classify::classify(&doc, &seg, &checker.rules);
            let ctx = Ctx::new(&doc, &seg, &labels, set);
            let quantities = def.list(crate::checks::lists::QUANTITY_WORDS);
            // the document-wide test the check reads first implies each sentence's
            let all_listed = def.ascii_synonyms && !has_kelvin_sign(&doc.text);
            assert_eq!(has_kelvin_sign(&doc.text), doc.text.contains('\u{212A}'));
            for i in 0..seg.sentences.len() {
                let sentence = ctx.sentence(i);
                if all_listed {
                    listed_docs += 1;
                    assert!(quantity_is_listed(
                        sentence.slice(&doc.text),
                        def.ascii_synonyms
                    ));
                }
                if quantity_is_listed(sentence.slice(&doc.text), def.ascii_synonyms)
                    && !ctx.any(quantities, sentence)
                {
                    skipped += 1;
                    wide += usize::from(!sentence.slice(&doc.text).is_ascii());
                    assert!(figures(&ctx, i, def).is_empty(), "{text:?} {i}");
                } else if !figures(&ctx, i, def).is_empty() {
                    found += 1;
                }
            }
        }
        assert!(
            skipped > 150 && wide > 50 && found > 100 && listed_docs > 100,
            "{skipped} {wide} {found} {listed_docs}"
        );
    }
}
