//! CRC-32 (IEEE, as zip and gzip use it) with crc32fast's API, computed byte by byte with a
//! 256-entry table built on the stack per call.
//!
//! crc32fast's fast path carries a 16 × 256 × 4-byte table: 16 KB of the notice-diff wasm
//! module that compression cannot shrink, to speed up checksums of the few hundred
//! kilobytes inside a `.docx`. Byte by byte is fast enough for that, and the checksums are
//! the same.
#![no_std]

#[cfg(feature = "std")]
extern crate std;

use core::{fmt, hash};

const POLY: u32 = 0xEDB8_8320;

fn table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { POLY ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
}

fn update(crc: u32, buf: &[u8]) -> u32 {
    if buf.is_empty() {
        return crc;
    }
    let table = table();
    let mut c = !crc;
    for &byte in buf {
        c = table[((c ^ u32::from(byte)) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

/// Computes the CRC32 hash of `buf`.
pub fn hash(buf: &[u8]) -> u32 {
    update(0, buf)
}

/// A CRC32 hasher.
#[derive(Clone)]
pub struct Hasher {
    amount: u64,
    state: u32,
}

impl Hasher {
    /// A new hasher.
    pub fn new() -> Self {
        Self::new_with_initial(0)
    }

    /// A new hasher whose state starts at `init`.
    pub fn new_with_initial(init: u32) -> Self {
        Self::new_with_initial_len(init, 0)
    }

    /// A new hasher whose state starts at `init`, having hashed `amount` bytes.
    pub fn new_with_initial_len(init: u32, amount: u64) -> Self {
        Hasher { amount, state: init }
    }

    #[doc(hidden)]
    pub fn internal_new_baseline(init: u32, amount: u64) -> Self {
        Self::new_with_initial_len(init, amount)
    }

    #[doc(hidden)]
    pub fn internal_new_specialized(_init: u32, _amount: u64) -> Option<Self> {
        None
    }

    /// Hashes `buf`.
    pub fn update(&mut self, buf: &[u8]) {
        self.amount = self.amount.wrapping_add(buf.len() as u64);
        self.state = update(self.state, buf);
    }

    /// How many bytes were hashed.
    pub fn total_len(&self) -> u64 {
        self.amount
    }

    /// The checksum of everything hashed.
    pub fn finalize(self) -> u32 {
        self.state
    }

    /// Starts over.
    pub fn reset(&mut self) {
        self.amount = 0;
        self.state = 0;
    }

    /// Combines with the hasher of the bytes that follow (zlib's `crc32_combine`).
    pub fn combine(&mut self, other: &Self) {
        self.amount = self.amount.wrapping_add(other.amount);
        self.state = combine(self.state, other.state, other.amount);
    }
}

fn gf2_times(mat: &[u32; 32], mut vec: u32) -> u32 {
    let mut sum = 0;
    let mut i = 0;
    while vec != 0 {
        if vec & 1 != 0 {
            sum ^= mat[i];
        }
        vec >>= 1;
        i += 1;
    }
    sum
}

fn gf2_square(square: &mut [u32; 32], mat: &[u32; 32]) {
    for (n, slot) in square.iter_mut().enumerate() {
        *slot = gf2_times(mat, mat[n]);
    }
}

fn combine(crc1: u32, crc2: u32, mut len2: u64) -> u32 {
    if len2 == 0 {
        return crc1;
    }
    let mut even = [0u32; 32];
    let mut odd = [0u32; 32];
    // The operator for one zero bit.
    odd[0] = POLY;
    let mut row = 1;
    for slot in odd.iter_mut().skip(1) {
        *slot = row;
        row <<= 1;
    }
    gf2_square(&mut even, &odd); // two zero bits
    gf2_square(&mut odd, &even); // four zero bits
    let mut crc1 = crc1;
    loop {
        gf2_square(&mut even, &odd);
        if len2 & 1 != 0 {
            crc1 = gf2_times(&even, crc1);
        }
        len2 >>= 1;
        if len2 == 0 {
            break;
        }
        gf2_square(&mut odd, &even);
        if len2 & 1 != 0 {
            crc1 = gf2_times(&odd, crc1);
        }
        len2 >>= 1;
        if len2 == 0 {
            break;
        }
    }
    crc1 ^ crc2
}

impl fmt::Debug for Hasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("crc32fast::Hasher").finish()
    }
}

impl Default for Hasher {
    fn default() -> Self {
        Self::new()
    }
}

impl hash::Hasher for Hasher {
    fn write(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }

    fn finish(&self) -> u64 {
        u64::from(self.clone().finalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_checksums() {
        assert_eq!(hash(b""), 0);
        assert_eq!(hash(b"123456789"), 0xCBF4_3926);
        assert_eq!(hash(b"The quick brown fox jumps over the lazy dog"), 0x414F_A339);
    }

    #[test]
    fn combine_is_the_checksum_of_the_concatenation() {
        let data = b"Lorem ipsum dolor sit amet, consectetur adipiscing elit";
        for cut in 0..=data.len() {
            let mut a = Hasher::new();
            a.update(&data[..cut]);
            let mut b = Hasher::new();
            b.update(&data[cut..]);
            a.combine(&b);
            assert_eq!(a.total_len(), data.len() as u64);
            assert_eq!(a.finalize(), hash(data));
        }
    }
}
