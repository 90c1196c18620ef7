//! A fast hasher for short keys built once at start-up (the word tables of the rule engine and
//! the checks): std's SipHash is built for untrusted keys and costs several times more.

use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (as in rustc): one rotate, xor and multiply per eight bytes.
#[derive(Clone, Copy, Debug, Default)]
pub struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            self.add(u64::from_le_bytes(a));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let v = rest
                .iter()
                .rev()
                .fold(0u64, |v, &b| (v << 8) | u64::from(b));
            self.add(v);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap`/`HashSet` hasher builder for [`FxHasher`].
pub type FxBuild = BuildHasherDefault<FxHasher>;
