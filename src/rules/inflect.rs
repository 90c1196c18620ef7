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
pub fn forms(entry: &str) -> Vec<(String, Form)> {
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
    push(lemma.clone(), Form::Base);
    push(third(&lemma), Form::Third);
    for p in past(&lemma) {
        push(p, Form::Past);
    }
    for g in ing(&lemma) {
        push(g, Form::Ing);
    }
    out
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

fn third(l: &str) -> String {
    if l.ends_with('s')
        || l.ends_with("sh")
        || l.ends_with("ch")
        || l.ends_with('x')
        || l.ends_with('z')
        || l.ends_with('o')
    {
        format!("{l}es")
    } else if let Some(stem) = consonant_y(l) {
        format!("{stem}ies")
    } else {
        format!("{l}s")
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

/// Consonant-vowel-consonant ending (`admit`, `stop`): the doubled form is also generated.
fn doubled(l: &str) -> Option<String> {
    let cs: Vec<char> = l.chars().collect();
    let n = cs.len();
    if n < 3 {
        return None;
    }
    let (a, b, c) = (cs[n - 3], cs[n - 2], cs[n - 1]);
    if !is_vowel(a) && is_vowel(b) && !is_vowel(c) && !matches!(c, 'w' | 'x' | 'y') {
        Some(format!("{l}{c}"))
    } else {
        None
    }
}

fn past(l: &str) -> Vec<String> {
    if l.ends_with('e') {
        return vec![format!("{l}d")];
    }
    if let Some(stem) = consonant_y(l) {
        return vec![format!("{stem}ied")];
    }
    let mut v = vec![format!("{l}ed")];
    if let Some(d) = doubled(l) {
        v.push(format!("{d}ed"));
    }
    v
}

fn ing(l: &str) -> Vec<String> {
    if let Some(stem) = l.strip_suffix("ie") {
        return vec![format!("{stem}ying")];
    }
    if let Some(stem) = l
        .strip_suffix('e')
        .filter(|s| !s.ends_with('e') && s.len() > 1)
    {
        return vec![format!("{stem}ing")];
    }
    let mut v = vec![format!("{l}ing")];
    if let Some(d) = doubled(l) {
        v.push(format!("{d}ing"));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(e: &str) -> Vec<String> {
        forms(e).into_iter().map(|(w, _)| w).collect()
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
