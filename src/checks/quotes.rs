//! `unbalanced-quotation` (from the segmenter's marks) and `quote-without-speaker`.

use super::phrases::count_up_to;
use super::{CheckDef, Ctx, Out};
use crate::ledger::Ledger;
use crate::span::Span;

pub fn check_unbalanced(ctx: &Ctx, _def: &CheckDef, _ledger: &Ledger, out: &mut Out) {
    for span in &ctx.seg.unbalanced {
        let sentence = sentence_at(ctx, span.start);
        let message = "quotation mark is never closed";
        out.push(true, *span, sentence, message);
    }
}

/// A direct quotation (of at least `min-words` words) with no speaker in its sentence, the
/// sentence before or after, or its paragraph. A quotation that continues one from the
/// previous paragraph takes the speaker of the quotation it continues.
pub fn check_speaker(ctx: &Ctx, def: &CheckDef, _ledger: &Ledger, out: &mut Out) {
    let min_words = def.numbers.get("min-words").copied().unwrap_or(4.0);
    // a count is below `min_words` exactly when it is below the least whole number at or above
    // it, so counting stops there (issue 6: every quotation was read to its end); never below
    // zero or NaN
    let enough = if min_words > 0.0 {
        min_words.ceil() as usize
    } else {
        0
    };
    let n = ctx.seg.sentences.len();
    // filled with `None` when a quotation first needs them (issue 6: two allocations per
    // document, most of whose quotations are too short or quoted phrases)
    let mut sent_cache: Vec<Option<bool>> = Vec::new();
    let mut para_cache: Vec<Option<bool>> = Vec::new();
    let mut caches_ready = false;
    let mut chain_has_speaker = false;
    for q in &ctx.seg.quotes {
        if q.depth != 0 {
            continue;
        }
        let inner = Span::new(q.open.end, q.close.map_or(q.span.end, |c| c.start));
        if count_up_to(ctx.text, inner, enough) < enough {
            continue;
        }
        let Some(i) = sentence_at(ctx, q.span.start) else {
            continue;
        };
        // `called the plan a "race to the bottom"`: a phrase quoted inside the reporter's own
        // sentence (lowercase, after other words), or a title in Title Case, is not a direct
        // quotation
        let before = ctx
            .text
            .get(ctx.sentence(i).start..q.span.start)
            .unwrap_or("")
            .trim();
        let mid_sentence = !before.is_empty() && !before.ends_with([':', ',']);
        if mid_sentence && (inner_start_lowercase(ctx.text, inner) || title_case(ctx.text, inner)) {
            continue;
        }
        if !caches_ready {
            sent_cache.resize(n, None);
            para_cache.resize(ctx.block_sentences.len(), None);
            caches_ready = true;
        }
        let mut speaker = (q.continues && chain_has_speaker) || labelled(ctx, q, inner, def);
        if !speaker {
            let lo = i.saturating_sub(1);
            let hi = (i + 1).min(n.saturating_sub(1));
            speaker = (lo..=hi).any(|j| sentence_speaker(ctx, j, def, &mut sent_cache));
        }
        if !speaker {
            let block = ctx.block_of(i);
            speaker = match para_cache.get(block).copied().flatten() {
                Some(v) => v,
                None => {
                    let v = ctx
                        .paragraph(i)
                        .any(|j| sentence_speaker(ctx, j, def, &mut sent_cache));
                    if let Some(slot) = para_cache.get_mut(block) {
                        *slot = Some(v);
                    }
                    v
                }
            };
        }
        chain_has_speaker = speaker;
        if !speaker && !ctx.is_heading(i) {
            let message = "direct quotation with no speaker named nearby";
            out.push(false, q.open, Some(i), message);
        }
    }
}

/// Sentence `j` names a speaker: the classifier found a source, or a speech verb stands
/// outside its quotations.
fn sentence_speaker(ctx: &Ctx, j: usize, def: &CheckDef, cache: &mut [Option<bool>]) -> bool {
    if let Some(v) = cache.get(j).copied().flatten() {
        return v;
    }
    // a source, a speech verb, or a proper name outside the quotations (`On "Face the
    // Nation," Sen. Bernie Sanders identified …` before the quotation)
    let v = ctx.sources(j).iter().any(|s| !ctx.in_quote(j, *s))
        || ctx.outside_quotes(j).iter().any(|p| {
            ctx.any(def.list("speech"), *p)
                || super::vague::names_someone(ctx.text, *p, def, p.start == ctx.sentence(j).start)
        });
    if let Some(slot) = cache.get_mut(j) {
        *slot = Some(v);
    }
    v
}

/// A speaker named right at the quotation: `Sanders: 'quote'`, `"quote" ― Ana Ruiz`, or a
/// transcript label inside it (`"WALLACE: …`).
fn labelled(ctx: &Ctx, q: &crate::segment::Quote, inner: Span, def: &CheckDef) -> bool {
    let text = ctx.text;
    let block_start = ctx
        .doc
        .blocks
        .get(q.block)
        .map_or(q.span.start, |b| b.span.start);
    let before = super::phrases::before(text, block_start, q.open.start)
        .slice(text)
        .trim_end();
    if before.ends_with(':') && before.chars().any(char::is_uppercase) {
        return true;
    }
    let after_close = q.close.map_or(q.span.end, |c| c.end);
    let after = text.get(after_close..).unwrap_or("").trim_start();
    let dash = def
        .raw("dashes")
        .iter()
        .find(|d| after.starts_with(d.as_str()));
    if let Some(d) = dash {
        let rest = after.get(d.len()..).unwrap_or("").trim_start();
        if rest.chars().next().is_some_and(char::is_uppercase) {
            return true;
        }
    }
    let inner_text = inner.slice(text).trim_start();
    inner_text.split_once(':').is_some_and(|(label, _)| {
        label.len() >= 2
            && label.len() <= 40
            && label.chars().any(char::is_uppercase)
            && label
                .chars()
                .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-')
    })
}

/// `How to Foster Long-Term Innovation`: every word of four letters or more capitalised.
fn title_case(text: &str, inner: Span) -> bool {
    // the words read one at a time, no vector (issue 6); the first lower-case one decides
    let mut any = false;
    for w in inner
        .slice(text)
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
    {
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        any = true;
    }
    any
}

fn inner_start_lowercase(text: &str, inner: Span) -> bool {
    inner
        .slice(text)
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

/// Index of the sentence containing byte `pos` (or the last one starting before it).
fn sentence_at(ctx: &Ctx, pos: usize) -> Option<usize> {
    let ss = &ctx.seg.sentences;
    let k = ss.partition_point(|s| s.span.start <= pos);
    k.checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The title-case test as first written, collecting the words: the reference.
    fn title_case_collected(text: &str, inner: Span) -> bool {
        let words: Vec<&str> = inner
            .slice(text)
            .split_whitespace()
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
            .collect();
        !words.is_empty()
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    }

    #[test]
    fn title_case_answers_as_collecting_the_words() {
        let words = [
            "How",
            "to",
            "Foster",
            "long-term",
            "Innovation",
            "ÉCOLE",
            "école",
            "X1y2z",
            "  ",
            "\n",
        ];
        let mut rng = crate::testrng::Rng::new(0x2545_f491_4f6c_dd1d);
        let (mut yes, mut no) = (0, 0);
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..rng.below(6) {
                text.push_str(rng.pick(&words));
                text.push(' ');
            }
            let all = Span::new(0, text.len());
            let want = title_case_collected(&text, all);
            assert_eq!(title_case(&text, all), want, "{text:?}");
            if want {
                yes += 1;
            } else {
                no += 1;
            }
        }
        assert!(yes > 100 && no > 100, "{yes} {no}");
    }
}
