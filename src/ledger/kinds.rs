//! A quick test that a source's name holds none of the ledger's kind lists, before the walk
//! over the name that tells which of them it holds.

use crate::checks::phrases::PhraseList;

/// False only when `name` holds no whole-word match of any entry of the lists whose first
/// words are `firsts` ([`crate::checks::CheckSet::ledger_firsts`]; `None`: cannot tell): no
/// run of ASCII letters and digits in it is one of those first words.
pub(super) fn may_hold(firsts: Option<&PhraseList>, name: &str) -> bool {
    let Some(firsts) = firsts else {
        return true;
    };
    let b = name.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
            continue;
        }
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
        if name.get(start..i).is_some_and(|run| firsts.is(run)) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::checks::{CheckSet, LEDGER_KINDS};
    use crate::span::Span;

    /// Whenever a name is said to hold none of the lists, neither the lexicon walk nor any
    /// list's own search finds one in it (names made of list words, their first words, other
    /// words, odd case, apostrophes, punctuation and other scripts).
    #[test]
    fn names_ruled_out_hold_no_list() {
        let set = CheckSet::builtin().unwrap();
        let def = set.get("single-source").unwrap();
        let lists: Vec<_> = LEDGER_KINDS.iter().map(|n| def.list(n)).collect();
        let firsts = set.ledger_firsts();
        assert!(firsts.is_some());
        let kinds = set.ledger_kinds().unwrap();
        let mut words: Vec<String> = lists
            .iter()
            .flat_map(|l| l.entries.iter().cloned())
            .collect();
        let more = [
            "Jane",
            "Smith",
            "the",
            "a",
            "Dr.",
            "U.S.",
            "Human",
            "Rights",
            "(HRANA)",
            "O’Brien",
            "al-Qaeda",
            "北京",
            "é",
            "news-agency",
            "Reuters'",
            "POLICE",
            "Inc.",
            "x",
            "7",
        ];
        words.extend(more.iter().map(|w| w.to_string()));
        let gaps = [" ", " ", "-", ", ", "’", "'", ".", "é", ""];
        let mut rng = crate::testrng::Rng::new(0x94d0_49bb_1331_11eb);
        let (mut out, mut kept) = (0, 0);
        for _ in 0..4000 {
            let mut name = String::new();
            for k in 0..rng.below(4) + 1 {
                if k > 0 {
                    name.push_str(rng.pick(&gaps));
                }
                // half of the words from the lists, half other words
                let w = if rng.below(2) == 0 {
                    &words[rng.below(words.len())]
                } else {
                    &words[words.len() - 1 - rng.below(more.len())]
                };
                match rng.below(4) {
                    0 => name.push_str(&w.to_uppercase()),
                    1 => {
                        // a word cut short or run on
                        let cut = (0..=w.len())
                            .rev()
                            .find(|&c| w.is_char_boundary(c) && c < w.len());
                        name.push_str(w.get(..cut.unwrap_or(0)).unwrap_or(w));
                        name.push('s');
                    }
                    _ => name.push_str(w),
                }
            }
            if super::may_hold(firsts, &name) {
                kept += 1;
            } else {
                out += 1;
                assert_eq!(kinds.present(&name), 0, "{name:?}");
                let whole = Span::new(0, name.len());
                assert!(lists.iter().all(|l| !l.any(&name, whole)), "{name:?}");
            }
        }
        assert!(out > 500 && kept > 500, "{out} {kept}");
    }
}
