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

/// An entry with a gap, the word `..` (`deliver a .. message`: `delivered a message`, `delivered
/// a mostly positive message`; see `classify::sentence::gap_joins`), as the words before it and
/// the words after it (`deliver a`, `message`); `None` for an entry without one, or with the gap
/// at an end.
pub fn split_gap(entry: &str) -> Option<(&str, &str)> {
    // nearly no entry holds a `.`: a byte search spares them the substring search (which
    // every start-up runs on every word of the built-in rules)
    if !entry.as_bytes().contains(&b'.') {
        return None;
    }
    let (head, tail) = entry.split_once(" .. ")?;
    let (head, tail) = (head.trim(), tail.trim());
    (!head.is_empty() && !tail.is_empty()).then_some((head, tail))
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
    // one form: `parts` then `rest`, lower case, unless empty or already there
    let mut push = |parts: &[&str], f: Form| {
        buf.clear();
        parts.iter().for_each(|p| buf.push_str(p));
        if buf.is_empty() {
            return;
        }
        buf.push_str(rest);
        if buf.is_ascii() {
            buf.make_ascii_lowercase();
        } else {
            buf = buf.to_lowercase();
        }
        if !out.iter().any(|(q, _)| *q == buf) {
            out.push((buf.clone(), f));
        }
    };
    for irregular in parts {
        push(&[irregular], Form::Past);
    }
    if lemma.is_empty() {
        return out;
    }
    let l = lemma.as_str();
    push(&[l], Form::Base);
    let mut t = String::new();
    third(l, &mut t);
    push(&[&t], Form::Third);
    // the consonant to double (`admit` → `admitt`), as text
    let mut c = [0u8; 4];
    let double = doubled(l).map(|d| &*d.encode_utf8(&mut c));
    if l.ends_with('e') {
        push(&[l, "d"], Form::Past);
    } else if let Some(stem) = consonant_y(l) {
        push(&[stem, "ied"], Form::Past);
    } else {
        push(&[l, "ed"], Form::Past);
        if let Some(d) = double {
            push(&[l, d, "ed"], Form::Past);
        }
    }
    if let Some(stem) = l.strip_suffix("ie") {
        push(&[stem, "ying"], Form::Ing);
    } else if let Some(stem) = l
        .strip_suffix('e')
        .filter(|s| !s.ends_with('e') && s.len() > 1)
    {
        push(&[stem, "ing"], Form::Ing);
    } else {
        push(&[l, "ing"], Form::Ing);
        if let Some(d) = double {
            push(&[l, d, "ing"], Form::Ing);
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
