//! The classifier's word index: every word and phrase of the enabled rules (verbs in all their
//! forms), normalised, each once, with its meanings in the order first met.
//!
//! Shared with `build.rs`, which builds the index of the built-in rules at compile time
//! (issue 6: building it took a third of the instructions of checking a 5 KB article), so this
//! module uses nothing but the standard library.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasher;

/// A list of strings held as one text and the end of each in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordList {
    text: Cow<'static, str>,
    ends: Cow<'static, [u32]>,
}

impl WordList {
    /// The list whose text and ends `build.rs` wrote.
    #[allow(dead_code)]
    pub fn from_static(text: &'static str, ends: &'static [u32]) -> WordList {
        WordList {
            text: Cow::Borrowed(text),
            ends: Cow::Borrowed(ends),
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// String `i` (empty when out of range).
    pub fn get(&self, i: usize) -> &str {
        let from = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).map_or(0, |&e| e as usize),
            None => 0,
        };
        let to = self.ends.get(i).map_or(from, |&e| e as usize);
        self.text.get(from..to).unwrap_or_default()
    }

    /// The strings in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The text of all strings one after the other, and the end of each.
    #[allow(dead_code)]
    pub fn parts(&self) -> (&str, &[u32]) {
        (&self.text, &self.ends)
    }

    pub fn push(&mut self, s: &str) {
        let text = self.text.to_mut();
        text.push_str(s);
        self.ends
            .to_mut()
            .push(u32::try_from(text.len()).unwrap_or(u32::MAX));
    }
}

/// The built index: word `i` of `words` means `entries[entry_at[i].0..entry_at[i].1]`.
#[derive(Debug)]
pub struct Index<E> {
    pub words: WordList,
    pub entries: Vec<E>,
    pub entry_at: Vec<(u32, u32)>,
}

/// Builds an [`Index`] from (word, meaning) pairs, in order.
#[derive(Debug)]
pub struct Builder<E, S> {
    words: Vec<String>,
    index: HashMap<String, usize, S>,
    /// (word, meaning) in the order they are met
    meanings: Vec<(u32, E)>,
}

impl<E, S: Default> Default for Builder<E, S> {
    fn default() -> Self {
        Builder {
            words: Vec::new(),
            index: HashMap::default(),
            meanings: Vec::new(),
        }
    }
}

impl<E: Clone + PartialEq, S: BuildHasher> Builder<E, S> {
    /// Adds `w` (normalised, and its other apostrophe) with the meaning `entry`.
    pub fn add(&mut self, w: &str, entry: E) {
        let w = normalize(w);
        let other = other_apostrophe(&w);
        for variant in std::iter::once(w.as_ref()).chain(other.as_deref()) {
            let i = match self.index.get(variant) {
                Some(&i) => i,
                None => {
                    self.words.push(variant.to_string());
                    self.index.insert(variant.to_string(), self.words.len() - 1);
                    self.words.len() - 1
                }
            };
            if let Ok(i) = u32::try_from(i) {
                self.meanings.push((i, entry.clone()));
            }
        }
    }

    /// Each word's meanings in the order first met, without repeats.
    pub fn finish(mut self) -> Index<E> {
        self.meanings.sort_by_key(|m| m.0);
        let mut entries: Vec<E> = Vec::new();
        let mut entry_at = vec![(0, 0); self.words.len()];
        let mut k = 0;
        while let Some((i, _)) = self.meanings.get(k) {
            let i = *i;
            let from = entries.len();
            while let Some((_, entry)) = self.meanings.get(k).filter(|m| m.0 == i) {
                if !entries.get(from..).is_some_and(|l| l.contains(entry)) {
                    entries.push(entry.clone());
                }
                k += 1;
            }
            if let (Some(at), Ok(a), Ok(b)) = (
                entry_at.get_mut(i as usize),
                u32::try_from(from),
                u32::try_from(entries.len()),
            ) {
                *at = (a, b);
            }
        }
        let mut words = WordList::default();
        for w in &mut self.words {
            w.make_ascii_lowercase();
            words.push(w);
        }
        Index {
            words,
            entries,
            entry_at,
        }
    }
}

/// Lower case, single spaces.
pub fn normalize(w: &str) -> Cow<'_, str> {
    // most entries already are: ASCII, no capitals, words one space apart
    let plain = w.bytes().all(|b| {
        b.is_ascii() && !b.is_ascii_uppercase() && (b == b' ' || !b.is_ascii_whitespace())
    }) && !w.starts_with(' ')
        && !w.ends_with(' ')
        && !w.contains("  ");
    if plain {
        return Cow::Borrowed(w);
    }
    Cow::Owned(
        w.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    )
}

/// `it’s` for `it's` and the other way round.
pub fn other_apostrophe(w: &str) -> Option<String> {
    if w.contains('\'') {
        Some(w.replace('\'', "’"))
    } else if !w.is_ascii() && w.contains('’') {
        Some(w.replace('’', "'"))
    } else {
        None
    }
}
