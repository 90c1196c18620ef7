//! Computing the forms of a verb entry (see [`super::inflect`]). `build.rs` includes this file
//! too, to inflect the built-in verbs at compile time, so it uses nothing but `std`.

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
pub fn compute(entry: &str) -> Vec<(String, Form)> {
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

pub fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Third person singular of lemma `l`, appended to `out`.
pub fn third(l: &str, out: &mut String) {
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
pub fn consonant_y(l: &str) -> Option<&str> {
    let stem = l.strip_suffix('y')?;
    match stem.chars().last() {
        Some(c) if !is_vowel(c) => Some(stem),
        _ => None,
    }
}

/// Consonant-vowel-consonant ending (`admit`, `stop`): the consonant to double (`admitted`).
pub fn doubled(l: &str) -> Option<char> {
    let mut end = l.chars().rev();
    let (c, b, a) = (end.next()?, end.next()?, end.next()?);
    (!is_vowel(a) && is_vowel(b) && !is_vowel(c) && !matches!(c, 'w' | 'x' | 'y')).then_some(c)
}
