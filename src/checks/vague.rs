//! `vague-source`: weasel attributions (`experts say`, `it is believed`, `studies show`, an
//! unnamed plural group) unless a specific name follows in the sentence or the next one.

use super::phrases::{after, before, first_few, last_few, PhraseList, Token};
use super::stream::TokenStream;
use super::{CheckDef, Ctx, Out};
use crate::ledger::Ledger;
use crate::span::Span;

pub fn check(ctx: &Ctx, def: &CheckDef, _ledger: &Ledger, out: &mut Out) {
    let n = ctx.seg.sentences.len();
    let phrases = def.list("phrases");
    let lists = GroupLists::new(def);
    // the sentences where either list may be found (issue 6)
    let (phrases_in, groups_in) = (
        ctx.sentences_with(phrases),
        ctx.sentences_with(lists.groups),
    );
    for i in 0..n {
        if !phrases_in.may(i) && !groups_in.may(i) {
            continue;
        }
        let sentence = ctx.sentence(i);
        let found = ctx.outside_quotes(i).iter().copied().find_map(|p| {
            ctx.first(phrases, p)
                .or_else(|| unnamed_group(ctx, sentence, p, &lists))
        });
        let Some(span) = found else { continue };
        let rest = Span::new(span.end, sentence.end);
        if names_someone(ctx.text, rest, def, false)
            || (i + 1 < n && names_someone(ctx.text, ctx.sentence(i + 1), def, true))
        {
            continue;
        }
        let message = format!("vague source `{}`: say who", span.slice(ctx.text));
        out.push(false, span, Some(i), message);
    }
}

/// The word lists [`unnamed_group`] reads, looked up once per document.
struct GroupLists<'a> {
    groups: &'a PhraseList,
    verbs: &'a PhraseList,
    quantifiers: &'a PhraseList,
    refer_back: &'a PhraseList,
}

impl<'a> GroupLists<'a> {
    fn new(def: &'a CheckDef) -> Self {
        GroupLists {
            groups: def.list("groups"),
            verbs: def.list("verbs"),
            quantifiers: def.list("quantifiers"),
            refer_back: def.list("refer-back"),
        }
    }
}

/// `(some|many)? GROUP VERB` where GROUP is an unnamed plural (`critics`, `rights groups`) at
/// the start of a clause: not after a capitalised name (`Pentagon officials`), a determiner
/// that refers back (`the officials`) or a possessive.
fn unnamed_group(ctx: &Ctx, sentence: Span, part: Span, lists: &GroupLists) -> Option<Span> {
    let text = ctx.text;
    for (g, _) in ctx.find(lists.groups, part) {
        let after = first_few::<2>(text, after(text, g.end, part.end));
        let mut k = 0;
        if after.first().is_some_and(|t| is_have(t.text(text))) {
            k = 1;
        }
        let Some(verb) = after.get(k) else { continue };
        if !lists.verbs.is(verb.text(text)) {
            continue;
        }
        let before = last_few::<1>(text, before(text, sentence.start, g.start));
        let ok = match before.last() {
            None => true,
            Some(p) => {
                let w = p.text(text);
                let gap = text.get(p.span.end..g.start).unwrap_or("");
                let possessive = w.ends_with("'s") || w.ends_with("\u{2019}s");
                gap.contains(',')
                    || lists.quantifiers.is(w)
                    || (!p.is_capitalised(text) && !lists.refer_back.is(w) && !possessive)
            }
        };
        if ok {
            return Some(Span::new(g.start, verb.span.end));
        }
    }
    None
}

/// Whether `span` names a specific person or organisation: a capitalised word that is not a
/// listed non-name (`Monday`, `I`). When `whole` (a whole sentence), a lone capitalised first
/// word does not count (every sentence starts with one); two in a row (`Jane Doe`) do.
pub(super) fn names_someone(text: &str, span: Span, def: &CheckDef, whole: bool) -> bool {
    let mut toks = TokenStream::short(text, span);
    let not_names = def.list("not-names");
    let name =
        |t: Option<Token>| t.is_some_and(|t| t.is_capitalised(text) && !not_names.is(t.text(text)));
    let mut k = 0;
    while let Some(t) = toks.get(k) {
        if name(Some(t)) && (k > 0 || !whole || name(toks.get(1))) {
            return true;
        }
        k += 1;
        toks.forget(k);
    }
    false
}

/// `have`, `has`: `w.to_lowercase()` is one of them. Only `A`–`Z` and the Kelvin sign lower
/// to ASCII, and neither word holds a `k`: an ASCII comparison that ignores case says the
/// same without a lower-cased copy (issue 6).
fn is_have(w: &str) -> bool {
    w.eq_ignore_ascii_case("have") || w.eq_ignore_ascii_case("has")
}

#[cfg(test)]
mod tests {
    use super::is_have;
    use crate::testrng::Rng;

    /// [`is_have`] is the comparison of the lower-cased word, on random words from letters
    /// of both cases and characters that lower-case to ASCII or from it.
    #[test]
    fn is_have_is_the_lower_cased_comparison() {
        let plain = |w: &str| matches!(w.to_lowercase().as_str(), "have" | "has");
        let letters = [
            "h", "H", "a", "A", "v", "V", "e", "E", "s", "S", "\u{212a}", "k", "\u{130}", "ſ",
            "\u{17f}", "é", "x",
        ];
        let mut rng = Rng::new(0x005e_ed0f_4a7e);
        for w in [
            "have",
            "HAVE",
            "Has",
            "hAs",
            "haves",
            "ha",
            "",
            "hav\u{212a}",
        ] {
            assert_eq!(is_have(w), plain(w), "{w:?}");
        }
        let mut hits = 0;
        for _ in 0..50_000 {
            let n = 2 + rng.below(4);
            let w: String = (0..n).map(|_| rng.pick(&letters)).collect();
            assert_eq!(is_have(&w), plain(&w), "{w:?}");
            hits += usize::from(plain(&w));
        }
        assert!(hits > 0);
    }
}
