//! Deterministic pseudo-random numbers for the unit tests that compare a fast path with the
//! code it replaced on generated texts (xorshift64; tests only, no dependency).

/// What [`Rng::text`] puts between generated words for the tests of the checks' fast paths:
/// spaces (most often), stops, commas, straight and curly quotation marks, a paragraph break, a
/// hyphen, a curly apostrophe, a letter that glues two words, a no-break space and nothing.
pub(crate) const ODD_GAPS: &[&str] = &[
    " ",
    " ",
    " ",
    ". ",
    ", ",
    "! ",
    "\"",
    " \u{201c}",
    "\u{201d} ",
    "\n\n",
    "-",
    "\u{2019}",
    "é",
    "\u{a0}",
    "",
];

/// A xorshift64 generator: the same seed gives the same sequence on every machine.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator started at `seed` (not zero: xorshift would stay at zero).
    pub(crate) fn new(seed: u64) -> Self {
        Rng(if seed == 0 {
            0x9e37_79b9_7f4a_7c15
        } else {
            seed
        })
    }

    /// The next number of the sequence.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (`n` > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One of `items`, chosen by the next number.
    pub(crate) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// A text of 1 to `max_words` words chosen from `words`, each followed by one of `gaps`.
    pub(crate) fn text(&mut self, words: &[String], gaps: &[&str], max_words: usize) -> String {
        let mut text = String::new();
        for _ in 0..self.below(max_words) + 1 {
            text.push_str(&words[self.below(words.len())]);
            text.push_str(self.pick(gaps));
        }
        text
    }

    /// `n` pieces chosen from `pieces`, run together, with a space after every `every`-th
    /// (the first, then every `every` pieces on).
    pub(crate) fn pieces(&mut self, pieces: &[&str], n: usize, every: usize) -> String {
        (0..n)
            .map(|k| {
                let p = self.pick(pieces);
                if k % every == 0 {
                    format!("{p} ")
                } else {
                    p.to_string()
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_and_numbers_in_range() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        let mut seen = [false; 5];
        for _ in 0..200 {
            let x = a.below(5);
            assert_eq!(x, b.below(5));
            seen[x] = true;
        }
        assert!(seen.iter().all(|&s| s), "every value below 5 comes up");
        assert_ne!(Rng::new(0).next_u64(), 0);
    }
}
