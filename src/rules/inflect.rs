//! Regular English verb inflection for `verb` rules: `say|said` → say, says, saying, said.
//!
//! An entry is `lemma[|irregular…] [rest of the phrase]`; the first word is inflected, the rest is
//! kept (`throw|threw|thrown her support behind`). Irregular forms count as past forms.
//!
//! The forms of the built-in verb entries are computed by `build.rs` (with
//! [`super::verb_forms`]), so start-up only copies them.

pub use super::verb_forms::Form;

/// All forms of one entry, as lower-case phrases with their form.
pub fn forms(entry: &str) -> Vec<(String, Form)> {
    let table = super::builtin::VERB_FORMS;
    match table.binary_search_by(|(e, _)| (*e).cmp(entry)) {
        Ok(i) => table.get(i).map_or_else(Vec::new, |(_, forms)| {
            forms.iter().map(|&(w, f)| (w.to_string(), f)).collect()
        }),
        Err(_) => super::verb_forms::compute(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::super::verb_forms::{compute, consonant_y, is_vowel, split_gap, third};
    use super::*;

    fn words(e: &str) -> Vec<String> {
        forms(e).into_iter().map(|(w, _)| w).collect()
    }

    /// The forms as the first version of this module wrote them (one `format!` per form).
    fn reference(entry: &str) -> Vec<(String, Form)> {
        let entry = entry.trim();
        let (head, rest) = match entry.find(' ') {
            Some(i) => (&entry[..i], &entry[i..]),
            None => (entry, ""),
        };
        let mut parts = head.split('|');
        let lemma = parts.next().unwrap_or("").to_lowercase();
        let mut out: Vec<(String, Form)> = Vec::new();
        let mut push = |w: String, f: Form| {
            let p = format!("{w}{rest}").to_lowercase();
            if !w.is_empty() && !out.iter().any(|(q, _)| *q == p) {
                out.push((p, f));
            }
        };
        for irregular in parts {
            push(irregular.to_string(), Form::Past);
        }
        if lemma.is_empty() {
            return out;
        }
        let cvc = |l: &str| {
            let cs: Vec<char> = l.chars().collect();
            let n = cs.len();
            (n >= 3
                && !is_vowel(cs[n - 3])
                && is_vowel(cs[n - 2])
                && !is_vowel(cs[n - 1])
                && !matches!(cs[n - 1], 'w' | 'x' | 'y'))
            .then(|| format!("{l}{}", cs[n - 1]))
        };
        let mut t = String::new();
        third(&lemma, &mut t);
        push(lemma.clone(), Form::Base);
        push(t, Form::Third);
        let past = if lemma.ends_with('e') {
            vec![format!("{lemma}d")]
        } else if let Some(stem) = consonant_y(&lemma) {
            vec![format!("{stem}ied")]
        } else {
            let mut v = vec![format!("{lemma}ed")];
            v.extend(cvc(&lemma).map(|d| format!("{d}ed")));
            v
        };
        for p in past {
            push(p, Form::Past);
        }
        let ing = if let Some(stem) = lemma.strip_suffix("ie") {
            vec![format!("{stem}ying")]
        } else if let Some(stem) = lemma
            .strip_suffix('e')
            .filter(|s| !s.ends_with('e') && s.len() > 1)
        {
            vec![format!("{stem}ing")]
        } else {
            let mut v = vec![format!("{lemma}ing")];
            v.extend(cvc(&lemma).map(|d| format!("{d}ing")));
            v
        };
        for g in ing {
            push(g, Form::Ing);
        }
        out
    }

    #[test]
    fn same_forms_as_reference() {
        let mut entries: Vec<&str> = vec![
            "say|said",
            "Admit",
            "deny",
            "note",
            "die",
            "see",
            "fix",
            "stop",
            "go|went|gone",
            "throw|threw her support behind",
            "  point out ",
            "ÉCRIRE|écrit",
            "a",
            "ab",
            "|x",
            "",
            "|",
            "play",
            "cry",
            "buzz",
            "wash",
            "echo",
            "lie|lay down",
            "SAY|SAID So",
        ];
        let rules = crate::rules::RuleSet::builtin().unwrap();
        // an entry with a gap is also looked up without it and by its head (`rules::engine`)
        let mut gapped: Vec<String> = Vec::new();
        for r in rules.rules() {
            if r.kind == crate::rules::Kind::Verb {
                entries.extend(r.words.iter().map(|w| &**w));
                for (head, tail) in r.words.iter().filter_map(|w| split_gap(w)) {
                    gapped.push(format!("{head} {tail}"));
                    gapped.push(head.to_string());
                }
            }
        }
        assert!(!gapped.is_empty());
        // start-up computes none of them: `build.rs` wrote them all
        let table = super::super::builtin::VERB_FORMS;
        for e in &gapped {
            assert!(
                table.binary_search_by(|(x, _)| (*x).cmp(e)).is_ok(),
                "{e:?}"
            );
        }
        entries.extend(gapped.iter().map(String::as_str));
        assert!(entries.len() > 100);
        for e in entries {
            assert_eq!(compute(e), reference(e), "{e:?}");
            assert_eq!(forms(e), reference(e), "{e:?}");
        }
    }

    #[test]
    fn regular_and_irregular() {
        assert_eq!(
            words("say|said"),
            ["said", "say", "says", "sayed", "saying"]
        );
        assert!(words("admit").contains(&"admitted".to_string()));
        assert!(words("deny").contains(&"denied".to_string()));
        assert!(words("deny").contains(&"denies".to_string()));
        assert!(words("note").contains(&"noting".to_string()));
        assert!(words("point out").contains(&"pointed out".to_string()));
        assert!(words("throw|threw her support behind")
            .contains(&"threw her support behind".to_string()));
    }
}
