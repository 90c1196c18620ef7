//! Shared strings of the JSON report (rule ids, help texts, repeated messages: one `Arc<str>`
//! for many findings and sentences) escaped once and copied from then on ([`Escaped`]).

use super::escape::string;
use crate::checks::Shared;

/// Slots of the cache (a power of two): a string takes the slot of its address.
const SLOTS: usize = 256;
/// Bytes of escaped text kept before the cache starts over.
const MAX_BYTES: usize = 1 << 20;

/// Escaped JSON strings of [`Shared`] strings, one slot per address (direct-mapped: a string
/// replaces the one in its slot). A slot keeps its string alive, so while it is cached no other
/// string can have its address: the same address and length is the same string, and the bytes
/// copied are [`string`]'s of it (issue 6: a rule id or help text escaped per finding).
pub(super) struct Escaped {
    slots: Vec<Option<(Shared, usize, usize)>>,
    bytes: Vec<u8>,
}

impl Default for Escaped {
    fn default() -> Self {
        Escaped {
            slots: vec![None; SLOTS],
            bytes: Vec::new(),
        }
    }
}

impl Escaped {
    /// Writes `s` as a JSON string (exactly [`string`] of it).
    #[inline]
    pub(super) fn write(&mut self, out: &mut Vec<u8>, s: &Shared) {
        let text = s.as_str();
        // allocations are at least 8-byte aligned: the bits above those pick the slot
        let k = (text.as_ptr() as usize >> 4) & (SLOTS - 1);
        if let Some(Some((kept, a, z))) = self.slots.get(k) {
            let held = kept.as_str();
            if held.as_ptr() == text.as_ptr() && held.len() == text.len() {
                if let Some(b) = self.bytes.get(*a..*z) {
                    out.extend_from_slice(b);
                    return;
                }
            }
        }
        out.extend_from_slice(self.get(s));
    }

    /// `s` as a JSON string (exactly [`string`] of it, quotation marks included), escaped now
    /// or copied from the cache.
    #[inline(always)]
    pub(super) fn get(&mut self, s: &Shared) -> &[u8] {
        let text = s.as_str();
        // allocations are at least 8-byte aligned: the bits above those pick the slot
        let k = (text.as_ptr() as usize >> 4) & (SLOTS - 1);
        let kept = match self.slots.get(k) {
            Some(Some((kept, a, z)))
                if kept.as_str().as_ptr() == text.as_ptr() && kept.len() == text.len() =>
            {
                Some((*a, *z))
            }
            _ => None,
        };
        let (a, z) = match kept {
            Some(range) => range,
            None => self.fill(k, s),
        };
        self.bytes.get(a..z).unwrap_or_default()
    }

    /// Escapes `s` into the cache, in slot `k`: the range of its bytes.
    #[inline(never)]
    fn fill(&mut self, k: usize, s: &Shared) -> (usize, usize) {
        if self.bytes.len() >= MAX_BYTES {
            self.slots.iter_mut().for_each(|s| *s = None);
            self.bytes.clear();
        }
        let a = self.bytes.len();
        string(&mut self.bytes, s.as_str());
        let z = self.bytes.len();
        if let Some(slot) = self.slots.get_mut(k) {
            *slot = Some((s.clone(), a, z));
        }
        (a, z)
    }

    /// `first` and, when there is one, `second` after `sep` (JSON-escaped already), as one
    /// JSON string; each part escaped on its own and cached (a finding's message and help).
    #[inline]
    pub(super) fn write_joined(
        &mut self,
        out: &mut Vec<u8>,
        first: &Shared,
        sep: &[u8],
        second: Option<&Shared>,
    ) {
        let Some(second) = second else {
            self.write(out, first);
            return;
        };
        let a = self.get(first);
        out.extend_from_slice(a.get(..a.len() - 1).unwrap_or_default());
        out.extend_from_slice(sep);
        let b = self.get(second);
        out.extend_from_slice(b.get(1..).unwrap_or_default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cached or not, the bytes are `string`'s: the same strings again and again, strings of
    /// equal text at other addresses, strings dropped and new ones made (perhaps at the same
    /// address), and more strings than the cache keeps.
    #[test]
    fn cached_strings_are_escaped_as_string_does() {
        let texts = [
            "vague-source",
            "a \"quoted\" help\ttext",
            "",
            "é😀\\",
            "x",
            "\u{1}",
        ];
        let mut cache = Escaped::default();
        let mut rng = crate::testrng::Rng::new(0x2545_f491_4f6c_dd1d);
        let mut live: Vec<Shared> = texts.iter().map(|t| Shared::from(*t)).collect();
        for step in 0..20_000 {
            match rng.below(4) {
                0 => {
                    let k = rng.below(live.len());
                    let t = format!("{}{}", rng.pick(&texts), rng.below(6000));
                    live[k] = Shared::from(t.as_str());
                }
                1 => {
                    let k = rng.below(live.len());
                    live[k] = Shared::from(rng.pick(&texts));
                }
                _ => {}
            }
            let s = &live[rng.below(live.len())];
            let mut got = b"prefix".to_vec();
            cache.write(&mut got, s);
            let mut want = b"prefix".to_vec();
            string(&mut want, s.as_str());
            assert_eq!(got, want, "step {step}: {s:?}");
        }
    }
}
