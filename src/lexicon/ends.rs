//! Where the [`Scheme::Joined`](super::Scheme::Joined) words of a text end, one bit per byte,
//! recorded by the pair walk ([`super::scan_pair_ends`]) for the classifier's tokenizer
//! (issue 6: the tokenizer read every word of every sentence again, byte by byte, to find the
//! same ends). An eighth of a byte for each byte of text.

/// The ends of the joined words of one text: bit `i % 8` of byte `i / 8` is set when a word
/// ends at byte `i` (exclusive), for `i` up to the text's length.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordEnds {
    bits: Vec<u8>,
    /// The length of the text the ends are of.
    len: usize,
}

/// Bytes of bits read at once by [`WordEnds::next_end`].
const LOAD: usize = 8;

impl WordEnds {
    /// No ends yet, room for those of a text of `len` bytes.
    pub fn for_text(len: usize) -> WordEnds {
        WordEnds {
            // (and room for a load of `LOAD` bytes from the last byte of bits)
            bits: vec![0; len / 8 + LOAD + 1],
            len,
        }
    }

    /// The length of the text the ends are of.
    pub fn text_len(&self) -> usize {
        self.len
    }

    /// Records an end at `end`.
    #[inline(always)]
    #[cfg(test)]
    pub(crate) fn set(&mut self, end: usize) {
        WordEnds::set_in(&mut self.bits, end);
    }

    /// The bits, for [`WordEnds::set_in`] (in a loop, a slice in registers; issue 6).
    #[inline(always)]
    pub(crate) fn bits_mut(&mut self) -> &mut [u8] {
        &mut self.bits
    }

    /// Records an end at `end` in `bits` (those of [`WordEnds::bits_mut`]).
    #[inline(always)]
    pub(crate) fn set_in(bits: &mut [u8], end: usize) {
        if let Some(b) = bits.get_mut(end >> 3) {
            *b |= 1 << (end & 7);
        }
    }

    /// The first end after `pos` (the end of the word that `pos` is in), if one is within
    /// `limit`.
    #[inline(always)]
    pub fn next_end(&self, pos: usize, limit: usize) -> Option<usize> {
        let k = pos + 1;
        // (the 57 bits or more from `k` on in one load: a word of fewer than 57 bytes ends
        // within them; issue 6)
        let at = k >> 3;
        let v = self
            .bits
            .get(at..at + LOAD)
            .and_then(|c| <[u8; LOAD]>::try_from(c).ok())
            .map(u64::from_le_bytes)?
            >> (k & 7);
        let end = if v != 0 {
            k + v.trailing_zeros() as usize
        } else {
            // a longer word: byte by byte
            let (i, b) = self
                .bits
                .iter()
                .enumerate()
                .skip(at + LOAD)
                .find(|(_, b)| **b != 0)?;
            (i << 3) + b.trailing_zeros() as usize
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
