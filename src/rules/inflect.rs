//! Regular English verb inflection for `verb` rules: `say|said` → say, says, saying, said.
//!
//! An entry is `lemma[|irregular…] [rest of the phrase]`; the first word is inflected, the rest is
//! kept (`throw|threw|thrown her support behind`). Irregular forms count as past forms.

/// Grammatical form of a matched verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// Lemma / present (`say`).
    Base,
    /// Third person singular (`says`).
    Third,
    /// Past or participle (`said`, `added`).
    Past,
    /// Present participle (`saying`).
    Ing,
}

/// All forms of one entry, as lower-case phrases with their form.
///
/// Every built-in verb entry goes through here at start-up (about 600 of them), so the forms are
/// written into one buffer instead of being formatted and lower-cased one allocation at a time.
pub fn forms(entry: &str) -> Vec<(String, Form)> {
    let entry = entry.trim();
    let (head, rest) = match entry.find(' ') {
        Some(i) => entry.split_at(i),
        None => (entry, ""),
    };
    let mut parts = head.split('|');
    let lemma = lower(parts.next().unwrap_or(""));
    let mut out: Vec<(String, Form)> = Vec::with_capacity(6);
    let mut buf = String::with_capacity(head.len() + rest.len() + 4);
    // `word` is the form written so far into `buf` (without `rest`)
    let mut push = |buf: &mut String, f: Form| {
        if buf.is_empty() {
            return;
        }
        buf.push_str(rest);
        if buf.is_ascii() {
            buf.make_ascii_lowercase();
        } else {
            *buf = buf.to_lowercase();
        }
        if !out.iter().any(|(q, _)| q == buf) {
            out.push((buf.clone(), f));
        }
    };
    for irregular in parts {
        buf.clear();
        buf.push_str(irregular);
        push(&mut buf, Form::Past);
    }
    if lemma.is_empty() {
        return out;
    }
    let l = lemma.as_str();
    buf.clear();
    buf.push_str(l);
    push(&mut buf, Form::Base);
    buf.clear();
    third(l, &mut buf);
    push(&mut buf, Form::Third);
    let double = doubled(l);
    if l.ends_with('e') {
        buf.clear();
        buf.push_str(l);
        buf.push('d');
        push(&mut buf, Form::Past);
    } else if let Some(stem) = consonant_y(l) {
        buf.clear();
        buf.push_str(stem);
        buf.push_str("ied");
        push(&mut buf, Form::Past);
    } else {
        buf.clear();
        buf.push_str(l);
        buf.push_str("ed");
        push(&mut buf, Form::Past);
        if let Some(c) = double {
            buf.clear();
            buf.push_str(l);
            buf.push(c);
            buf.push_str("ed");
            push(&mut buf, Form::Past);
        }
    }
    buf.clear();
    if let Some(stem) = l.strip_suffix("ie") {
        buf.push_str(stem);
        buf.push_str("ying");
        push(&mut buf, Form::Ing);
    } else if let Some(stem) = l
        .strip_suffix('e')
        .filter(|s| !s.ends_with('e') && s.len() > 1)
    {
        buf.push_str(stem);
        buf.push_str("ing");
        push(&mut buf, Form::Ing);
    } else {
        buf.push_str(l);
        buf.push_str("ing");
        push(&mut buf, Form::Ing);
        if let Some(c) = double {
            buf.clear();
            buf.push_str(l);
            buf.push(c);
            buf.push_str("ing");
            push(&mut buf, Form::Ing);
        }
    }
    out
}

/// Lower case (ASCII without a second pass over the Unicode tables).
fn lower(w: &str) -> String {
    if w.is_ascii() {
        w.to_ascii_lowercase()
    } else {
        w.to_lowercase()
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Third person singular of lemma `l`, appended to `out`.
fn third(l: &str, out: &mut String) {
    if l.ends_with('s')
        || l.ends_with("sh")
        || l.ends_with("ch")
        || l.ends_with('x')
        || l.ends_with('z')
        || l.ends_with('o')
    {
        out.push_str(l);
        out.push_str("es");
    } else if let Some(stem) = consonant_y(l) {
        out.push_str(stem);
        out.push_str("ies");
    } else {
        out.push_str(l);
        out.push('s');
    }
}

/// `cry` → Some("cr").
fn consonant_y(l: &str) -> Option<&str> {
    let stem = l.strip_suffix('y')?;
    match stem.chars().last() {
        Some(c) if !is_vowel(c) => Some(stem),
        _ => None,
    }
}

/// Consonant-vowel-consonant ending (`admit`, `stop`): the consonant to double (`admitted`).
fn doubled(l: &str) -> Option<char> {
    let mut end = l.chars().rev();
    let (c, b, a) = (end.next()?, end.next()?, end.next()?);
    (!is_vowel(a) && is_vowel(b) && !is_vowel(c) && !matches!(c, 'w' | 'x' | 'y')).then_some(c)
}

#[cfg(test)]
mod tests {
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
        for r in rules.rules() {
            if r.kind == crate::rules::Kind::Verb {
                entries.extend(r.words.iter().map(String::as_str));
            }
        }
        assert!(entries.len() > 100);
        for e in entries {
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
