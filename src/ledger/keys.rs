//! The ledger's name keys (normalised names, acronyms, surnames → source index) in one text
//! buffer with an open-addressing index over it: a key is copied once into the buffer when it
//! is added and never allocated on its own (issue 6: a `String` per key looked up or kept was a
//! fifth of the ledger's allocations).

use crate::lexicon::FxBuild;
use std::hash::BuildHasher;

/// Keys → source index; behaves as a `HashMap<String, usize>` for the operations below.
#[derive(Debug, Default)]
pub(super) struct Keys {
    /// Every key, one after another.
    text: Vec<u8>,
    /// Each key: its bytes in `text`, its hash and its source.
    entries: Vec<Entry>,
    /// Open addressing by hash (linear probing): entry index + 1, 0 for an empty slot; a
    /// power of two at least twice the number of entries (or empty).
    slots: Vec<u32>,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    start: usize,
    end: usize,
    hash: u64,
    id: usize,
}

fn hash_of(key: &[u8]) -> u64 {
    FxBuild::default().hash_one(key)
}

impl Keys {
    /// Room for about `n` keys of a short document without growing.
    pub(super) fn with_capacity(n: usize) -> Self {
        let slots = if n == 0 {
            0
        } else {
            (2 * n).next_power_of_two()
        };
        Keys {
            text: Vec::with_capacity(16 * n),
            entries: Vec::with_capacity(n),
            slots: vec![0; slots],
        }
    }

    /// Empties the keys and makes room for about `n` keys as [`Keys::with_capacity`] does,
    /// keeping the buffers (issue 6: three allocations per document); buffers grown past
    /// what a short document needs are given back.
    pub(super) fn reset(&mut self, n: usize) {
        let slots = if n == 0 {
            0
        } else {
            (2 * n).next_power_of_two()
        };
        if self.slots.capacity() > 4 * slots.max(64) {
            *self = Keys::with_capacity(n);
            return;
        }
        self.text.clear();
        self.entries.clear();
        self.slots.clear();
        self.slots.resize(slots, 0);
        self.text.reserve(16 * n);
        self.entries.reserve(n);
    }

    /// About how many keys its buffers have room for (sixteen bytes of text a key, two slots).
    pub(super) fn room(&self) -> usize {
        (self.text.capacity() / 16)
            .max(self.entries.capacity())
            .max(self.slots.capacity() / 2)
    }

    /// The slot of `key` (hashed `h`): `Ok` its entry's, `Err` the empty one it would take.
    fn find(&self, key: &[u8], h: u64) -> Result<usize, usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = (h as usize) & mask;
        loop {
            match self.slots.get(at) {
                Some(&0) | None => return Err(at),
                Some(&e) => {
                    let hit = self
                        .entries
                        .get(e as usize - 1)
                        .is_some_and(|x| x.hash == h && self.text.get(x.start..x.end) == Some(key));
                    if hit {
                        return Ok(at);
                    }
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// The source of `key`.
    pub(super) fn get(&self, key: &[u8]) -> Option<usize> {
        if self.entries.is_empty() {
            return None;
        }
        let slot = self.find(key, hash_of(key)).ok()?;
        let e = *self.slots.get(slot)? as usize;
        self.entries.get(e - 1).map(|x| x.id)
    }

    /// Sets the source of `key` (as `HashMap::insert`).
    pub(super) fn insert(&mut self, key: &[u8], id: usize) {
        self.put(key, id, true);
    }

    /// Gives `key` the source `id` unless it has one (as `entry(key).or_insert(id)`).
    pub(super) fn or_insert(&mut self, key: &[u8], id: usize) {
        self.put(key, id, false);
    }

    fn put(&mut self, key: &[u8], id: usize, replace: bool) {
        if 2 * (self.entries.len() + 1) > self.slots.len() {
            self.grow();
        }
        let h = hash_of(key);
        match self.find(key, h) {
            Ok(slot) => {
                if replace {
                    let e = self.slots.get(slot).map_or(0, |&e| e as usize);
                    if let Some(x) = self.entries.get_mut(e.wrapping_sub(1)) {
                        x.id = id;
                    }
                }
            }
            Err(slot) => {
                let start = self.text.len();
                self.text.extend_from_slice(key);
                self.entries.push(Entry {
                    start,
                    end: self.text.len(),
                    hash: h,
                    id,
                });
                let n = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
                if let Some(s) = self.slots.get_mut(slot) {
                    *s = n;
                }
            }
        }
    }

    /// Doubles the slots (at least 16) and places every entry again.
    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(16);
        let mut slots = vec![0u32; n];
        let mask = n - 1;
        for (k, x) in self.entries.iter().enumerate() {
            let mut at = (x.hash as usize) & mask;
            while slots.get(at).is_some_and(|&s| s != 0) {
                at = (at + 1) & mask;
            }
            if let Some(s) = slots.get_mut(at) {
                *s = u32::try_from(k + 1).unwrap_or(u32::MAX);
            }
        }
        self.slots = slots;
    }
}

#[cfg(test)]
mod tests {
    use super::Keys;
    use std::collections::HashMap;

    /// Random inserts, first-wins inserts and lookups give what a `HashMap` gives, from empty
    /// and from a reserved table, through many growths (keys in several scripts, empty ones,
    /// prefixes of each other).
    #[test]
    fn keys_behave_as_a_hash_map() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "jane smith",
            "smith",
            "hrana",
            "北京",
            "é",
            "e\u{301}",
            "σ",
            "ς",
            "the un",
            "un",
            "o’brien",
            "o'brien",
            "x y z",
        ];
        let mut rng = crate::testrng::Rng::new(0x51_7c_c1_b7);
        // a table emptied by `reset` after use behaves as a new one
        let mut used = Keys::with_capacity(3);
        for k in 0..500 {
            used.insert(k.to_string().as_bytes(), k);
        }
        for reserve in [0, 1, 5, 64, 2, 0] {
            let mut keys = if reserve == 2 || used.entries.is_empty() {
                Keys::with_capacity(reserve)
            } else {
                let mut keys = std::mem::take(&mut used);
                keys.reset(reserve);
                keys
            };
            let mut want: HashMap<String, usize> = HashMap::new();
            for step in 0..3000 {
                let mut key = rng.pick(&words).to_string();
                if rng.below(2) == 0 {
                    key.push_str(&rng.below(400).to_string());
                }
                match rng.below(3) {
                    0 => {
                        keys.insert(key.as_bytes(), step);
                        want.insert(key.clone(), step);
                    }
                    1 => {
                        keys.or_insert(key.as_bytes(), step);
                        want.entry(key.clone()).or_insert(step);
                    }
                    _ => {}
                }
                assert_eq!(keys.get(key.as_bytes()), want.get(&key).copied(), "{key:?}");
                let other = rng.pick(&words);
                assert_eq!(
                    keys.get(other.as_bytes()),
                    want.get(other).copied(),
                    "{other:?}"
                );
            }
            for (k, v) in &want {
                assert_eq!(keys.get(k.as_bytes()), Some(*v));
            }
            used = keys;
        }
    }
}
