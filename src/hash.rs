//! Hashing for the crate's own tables (the differ's token ids and K-grams, the aligner's
//! bigrams): keys are small integers, hashes already, or our own tokens, never chosen by an
//! attacker to collide, so a multiply-rotate hasher does, and it is several times faster
//! than SipHash in the hot loops (one lookup per token or bigram).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// The Fx hash (as in rustc): rotate, xor, multiply per word.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            for (w, &b) in word.iter_mut().zip(chunk) {
                *w = b;
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hash of a run of token keys: the identity of a sentence or a K-gram. Fx-style, one
/// round per key; a collision only ever costs a hint (equality is checked on the keys).
pub(crate) fn hash_keys(keys: &[u32]) -> u64 {
    let mut h = FastHasher(keys.len() as u64);
    for &k in keys {
        h.add(u64::from(k));
    }
    h.0
}
