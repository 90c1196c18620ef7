//! Where the [`Scheme::Joined`](super::Scheme::Joined) words of a text end, one bit per byte,
//! recorded by the pair walk ([`super::scan_pair_ends`]) for the classifier's tokenizer
//! (issue 6: the tokenizer read every word of every sentence again, byte by byte, to find the
//! same ends). An eighth of a byte for each byte of text.

/// The ends of the joined words of one text: bit `i` is set when a word ends at byte `i`
/// (exclusive), for `i` up to the text's length.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordEnds {
    bits: Vec<u64>,
    /// The length of the text the ends are of.
    len: usize,
}

impl WordEnds {
    /// No ends yet, room for those of a text of `len` bytes.
    pub fn for_text(len: usize) -> WordEnds {
        WordEnds {
            // (a word past the last bit: `next_end` reads two at a time)
            bits: vec![0; len / 64 + 2],
            len,
        }
    }

    /// The length of the text the ends are of.
    pub fn text_len(&self) -> usize {
        self.len
    }

    /// Records an end at `end`.
    #[inline(always)]
    pub(crate) fn set(&mut self, end: usize) {
        if let Some(w) = self.bits.get_mut(end >> 6) {
            *w |= 1 << (end & 63);
        }
    }

    /// The first end after `pos` (the end of the word that starts at `pos`), if one is within
    /// `limit`.
    #[inline(always)]
    pub fn next_end(&self, pos: usize, limit: usize) -> Option<usize> {
        let k = pos + 1;
        let mut w = k >> 6;
        // (the two words of bits from `k` on: a word of fewer than 64 bytes ends within them,
        // without a loop)
        let lo = *self.bits.get(w)?;
        let hi = self.bits.get(w + 1).copied().unwrap_or(0);
        let both = (u128::from(hi) << 64 | u128::from(lo)) >> (k & 63);
        let end = if both != 0 {
            k + both.trailing_zeros() as usize
        } else {
            // a longer word: word by word
            w += 2;
            loop {
                let b = *self.bits.get(w)?;
                if b != 0 {
                    break (w << 6) + b.trailing_zeros() as usize;
                }
                w += 1;
            }
        };
        (end <= limit).then_some(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `next_end` finds the next bit set at every distance, within words and across them.
    #[test]
    fn next_end_is_the_next_bit() {
        for len in [0usize, 1, 5, 63, 64, 65, 127, 128, 129, 300] {
            for gap in [1usize, 2, 7, 63, 64, 65, 130] {
                let mut e = WordEnds::for_text(len);
                let set: Vec<usize> = (0..=len).filter(|i| i % gap == gap - 1).collect();
                for &i in &set {
                    e.set(i);
                }
                for pos in 0..=len {
                    let want = set.iter().copied().find(|&i| i > pos);
                    assert_eq!(e.next_end(pos, len), want, "{len} {gap} {pos}");
                    let within = want.filter(|&i| i <= pos + 3);
                    assert_eq!(e.next_end(pos, pos + 3), within, "{len} {gap} {pos}");
                }
            }
        }
    }
}
