//! Raw deflate data (RFC 1951), inflated within a limit.
//!
//! Huffman codes are canonical, so a code can be decoded from the number of codes of
//! each length and the symbols in code order, a bit at a time, as zlib's `puff.c` does.
//! A table indexed by the next 9 bits decodes the common short codes in one step; longer
//! codes (and codes at the very end of the data) take the bit-by-bit way. A page of code
//! instead of miniz_oxide's 11 KB of wasm.
//!
//! Damaged data is an error, never a panic or a loop: every step reads at least one bit,
//! reading past the end of the data is an error, and the output never passes the limit.

use super::zip::Fault;

const DAMAGED: Fault = Fault::Bad("its compressed data is damaged");

/// Codes up to this many bits are decoded through [`Huffman::fast`].
const FAST: u32 = 9;

/// The data, read from its first byte's least significant bit on.
struct Bits<'a> {
    data: &'a [u8],
    /// The next byte to load.
    next: usize,
    /// Loaded bits not yet used (the first least significant), and how many there are.
    buffer: u64,
    count: u32,
}

impl Bits<'_> {
    /// Loads bytes until at least 57 bits are loaded or the data ends: enough for a
    /// whole match (code, extra bits, distance code, extra bits: at most 48 bits), so
    /// the bits are loaded about once per symbol rather than once per read.
    fn refill(&mut self) {
        while self.count <= 56 {
            let Some(&byte) = self.data.get(self.next) else {
                return;
            };
            self.next += 1;
            self.buffer |= u64::from(byte) << self.count;
            self.count += 8;
        }
    }

    /// The next `n` bits (at most 16) as a number, the first one least significant.
    fn take(&mut self, n: u32) -> Result<u32, Fault> {
        if self.count < n {
            self.refill();
            if self.count < n {
                return Err(DAMAGED);
            }
        }
        let value = (self.buffer & ((1 << n) - 1)) as u32;
        self.buffer >>= n;
        self.count -= n;
        Ok(value)
    }
}

/// A canonical Huffman code: how many codes each length (1–15 bits) has, and the symbols
/// ordered by code.
struct Huffman {
    counts: [u16; 16],
    symbols: [u16; 288],
    /// By the next [`FAST`] bits: `symbol << 4 | length` of the code they start with, or 0
    /// when that code is longer.
    fast: [u16; 1 << FAST],
}

impl Huffman {
    /// The code in which symbol `i` has a code of `lengths[i]` bits (0: no code). Lengths
    /// that ask for more codes than there are, or leave codes unused, are damaged data;
    /// as in zlib, unused codes are allowed when no code is longer than one bit (a lone
    /// symbol, or none: a block without matches), except in the code of the code lengths
    /// (`complete`).
    fn new(lengths: &[u8], complete: bool) -> Result<Huffman, Fault> {
        let mut code = Huffman {
            counts: [0; 16],
            symbols: [0; 288],
            fast: [0; 1 << FAST],
        };
        for &length in lengths {
            code.counts[usize::from(length & 15)] += 1;
        }
        let mut left = 1i32;
        let mut offsets = [0u16; 16];
        for length in 1..16 {
            left = (left << 1) - i32::from(code.counts[length]);
            if left < 0 {
                return Err(DAMAGED);
            }
            if length < 15 {
                offsets[length + 1] = offsets[length] + code.counts[length];
            }
        }
        if left > 0 && (complete || code.counts[2..].iter().any(|&n| n > 0)) {
            return Err(DAMAGED);
        }
        for (symbol, &length) in (0u16..).zip(lengths) {
            if length != 0 {
                let offset = &mut offsets[usize::from(length & 15)];
                *code.symbols.get_mut(usize::from(*offset)).ok_or(DAMAGED)? = symbol;
                *offset += 1;
            }
        }
        // Codes are written first bit first, so the table is indexed by them reversed;
        // a code shorter than FAST bits fills every entry that starts with it.
        let (mut next, mut index) = (0u32, 0usize);
        for length in 1..=FAST {
            for _ in 0..code.counts[length as usize] {
                let symbol = code.symbols.get(index).copied().unwrap_or(0);
                let mut entry = (next.reverse_bits() >> (32 - length)) as usize;
                while let Some(slot) = code.fast.get_mut(entry) {
                    *slot = symbol << 4 | length as u16;
                    entry += 1 << length;
                }
                (next, index) = (next + 1, index + 1);
            }
            next <<= 1;
        }
        Ok(code)
    }

    /// The next symbol in `bits`.
    fn decode(&self, bits: &mut Bits<'_>) -> Result<u16, Fault> {
        if bits.count < 15 {
            bits.refill();
        }
        let entry = self.fast[(bits.buffer & ((1 << FAST) - 1)) as usize];
        let length = u32::from(entry & 15);
        if length != 0 && length <= bits.count {
            bits.buffer >>= length;
            bits.count -= length;
            return Ok(entry >> 4);
        }
        // `code` is the bits read so far; the codes of the current length are `first`
        // onwards, their symbols `index` onwards.
        let (mut code, mut first, mut index) = (0u32, 0u32, 0u32);
        for &count in &self.counts[1..] {
            code |= bits.take(1)?;
            let count = u32::from(count);
            if code < first + count {
                let symbol = self.symbols.get((index + code - first) as usize);
                return symbol.copied().ok_or(DAMAGED);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(DAMAGED)
    }
}

/// Inflates `data` to at most `limit` bytes (`Fault::Limit` as soon as it would pass
/// them). Anything after the last block is ignored.
pub(super) fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, Fault> {
    let mut bits = Bits {
        data,
        next: 0,
        buffer: 0,
        count: 0,
    };
    let mut out = Vec::new();
    let mut fixed = [8u8; 288];
    fixed[144..256].fill(9);
    fixed[256..280].fill(7);
    // The fixed distance code has 32 codes, of which 30 and 31 are never used.
    let fixed = (Huffman::new(&fixed, true)?, Huffman::new(&[5; 32], true)?);
    loop {
        let last = bits.take(1)? == 1;
        match bits.take(2)? {
            0 => stored(&mut bits, &mut out, limit)?,
            1 => codes(&mut bits, &mut out, limit, &fixed.0, &fixed.1)?,
            2 => {
                let (literals, distances) = dynamic(&mut bits)?;
                codes(&mut bits, &mut out, limit, &literals, &distances)?;
            }
            _ => return Err(DAMAGED),
        }
        if last {
            return Ok(out);
        }
    }
}

/// A stored block: its length, the length's complement, and that many bytes as they are.
fn stored(bits: &mut Bits<'_>, out: &mut Vec<u8>, limit: usize) -> Result<(), Fault> {
    // The block starts at the next byte: the bits left of this one are padding, and
    // whole bytes loaded ahead are given back.
    bits.next -= (bits.count / 8) as usize;
    (bits.buffer, bits.count) = (0, 0);
    let header = bits.data.get(bits.next..).and_then(|d| d.get(..4));
    let Some(&[a, b, c, d]) = header else {
        return Err(DAMAGED);
    };
    let length = u16::from_le_bytes([a, b]);
    if length != !u16::from_le_bytes([c, d]) {
        return Err(DAMAGED);
    }
    let start = bits.next + 4;
    let block = bits.data.get(start..start + usize::from(length));
    let block = block.ok_or(DAMAGED)?;
    if block.len() > limit - out.len() {
        return Err(Fault::Limit);
    }
    out.extend_from_slice(block);
    bits.next = start + block.len();
    Ok(())
}

/// The code lengths of a block's two codes, themselves Huffman coded.
fn dynamic(bits: &mut Bits<'_>) -> Result<(Huffman, Huffman), Fault> {
    /// The order in which the code lengths' own code lengths are written.
    const ORDER: [u8; 19] = [
        16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
    ];
    let literals = bits.take(5)? as usize + 257;
    let distances = bits.take(5)? as usize + 1;
    let ncodes = bits.take(4)? as usize + 4;
    if literals > 286 || distances > 30 {
        return Err(DAMAGED);
    }
    let mut lengths = [0u8; 316];
    for &symbol in ORDER.iter().take(ncodes) {
        lengths[usize::from(symbol)] = bits.take(3)? as u8;
    }
    let code = Huffman::new(&lengths[..19], true)?;
    let total = literals + distances;
    let mut filled = 0;
    while filled < total {
        let (length, repeat) = match code.decode(bits)? {
            16 => {
                let previous = filled.checked_sub(1).and_then(|i| lengths.get(i));
                (*previous.ok_or(DAMAGED)?, 3 + bits.take(2)?)
            }
            17 => (0, 3 + bits.take(3)?),
            18 => (0, 11 + bits.take(7)?),
            length => (length as u8, 1),
        };
        let end = filled + repeat as usize;
        lengths
            .get_mut(filled..end)
            .filter(|_| end <= total)
            .ok_or(DAMAGED)?
            .fill(length);
        filled = end;
    }
    let (literal_lengths, distance_lengths) = lengths
        .get(..total)
        .and_then(|l| l.split_at_checked(literals))
        .ok_or(DAMAGED)?;
    Ok((
        Huffman::new(literal_lengths, false)?,
        Huffman::new(distance_lengths, false)?,
    ))
}

/// A block's literals and matches, up to its end code.
fn codes(
    bits: &mut Bits<'_>,
    out: &mut Vec<u8>,
    limit: usize,
    literals: &Huffman,
    distances: &Huffman,
) -> Result<(), Fault> {
    loop {
        let symbol = literals.decode(bits)?;
        if symbol < 256 {
            if out.len() >= limit {
                return Err(Fault::Limit);
            }
            out.push(symbol as u8);
            continue;
        }
        if symbol == 256 {
            return Ok(());
        }
        // Lengths 3–258 and distances 1–32768: each symbol stands for a base, and extra
        // bits are added to it. Bases double every four length symbols (from 11, after
        // eight one-length symbols) and every two distance symbols (from 5).
        let length = match symbol - 257 {
            s @ 0..=7 => usize::from(s) + 3,
            s @ 8..=27 => {
                let extra = u32::from(s / 4 - 1);
                ((4 + usize::from(s % 4)) << extra) + 3 + bits.take(extra)? as usize
            }
            28 => 258,
            _ => return Err(DAMAGED),
        };
        let distance = match distances.decode(bits)? {
            s @ 0..=3 => usize::from(s) + 1,
            s @ 4..=29 => {
                let extra = u32::from(s / 2 - 1);
                ((2 + usize::from(s % 2)) << extra) + 1 + bits.take(extra)? as usize
            }
            _ => return Err(DAMAGED),
        };
        let start = out.len().checked_sub(distance).ok_or(DAMAGED)?;
        if length > limit - out.len() {
            return Err(Fault::Limit);
        }
        // A match may overlap what it writes (distance < length): it then repeats the
        // last `distance` bytes, so it is copied in pieces that each read only what is
        // already written, from the same start, doubling.
        let end = out.len() + length;
        while out.len() < end {
            let n = (end - out.len()).min(out.len() - start);
            out.extend_from_within(start..start + n);
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use miniz_oxide::deflate::compress_to_vec;
    use miniz_oxide::inflate::TINFLStatus;
    use proptest::prelude::*;

    fn inflated(data: &[u8]) -> Result<Vec<u8>, Fault> {
        inflate(data, usize::MAX)
    }

    #[test]
    fn stored_fixed_and_dynamic_blocks() {
        // Level 0 stores; short inputs get fixed codes; longer ones dynamic codes.
        let text = "一、总则 the quick brown fox ".repeat(300);
        for data in [&b""[..], b"a", b"abcabcabcabcabcabc", text.as_bytes()] {
            for level in [0, 1, 6, 10] {
                assert_eq!(inflated(&compress_to_vec(data, level)), Ok(data.to_vec()));
            }
        }
        // Two stored blocks (the first not last) written by hand.
        let stored = [0, 2, 0, 0xfd, 0xff, b'h', b'i', 1, 1, 0, 0xfe, 0xff, b'!'];
        assert_eq!(inflated(&stored), Ok(b"hi!".to_vec()));
    }

    #[test]
    fn codes_are_checked_as_zlib_checks_them() {
        let code = |lengths: &[u8], complete| Huffman::new(lengths, complete).is_ok();
        assert!(code(&[2, 2, 2, 2], true));
        assert!(!code(&[1, 1, 1], false), "over-subscribed");
        assert!(!code(&[1, 2], false), "incomplete");
        // Unused codes are allowed only where no code is longer than a bit, and not in
        // the code lengths' own code.
        assert!(code(&[0, 1, 0], false));
        assert!(code(&[0; 30], false));
        assert!(!code(&[0, 1, 0], true));
        assert!(!code(&[0, 0, 5], false));
    }

    #[test]
    fn the_limit_stops_inflating() {
        let data = vec![b'x'; 100_000];
        for level in [0, 1, 9] {
            let deflated = compress_to_vec(&data, level);
            assert_eq!(inflate(&deflated, 99_999), Err(Fault::Limit), "{level}");
            assert_eq!(inflate(&deflated, 100_000).map(|d| d.len()), Ok(100_000));
        }
    }

    #[test]
    fn damage_is_an_error() {
        for damaged in [
            &[][..],
            &[0b111],                     // block type 3
            &[1, 2, 0, 0xfd, 0xfe],       // stored length without its complement
            &[1, 2, 0, 0xfd, 0xff, b'h'], // stored data cut short
            &[0x03, 0x02],                // fixed codes: a match before any output
        ] {
            assert_eq!(inflated(damaged), Err(DAMAGED), "{damaged:?}");
        }
    }

    /// Text that compresses like a document: runs of a few words, and random bytes.
    fn document() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            prop::sample::select(vec![
                "<w:p><w:r><w:t>".as_bytes(),
                "</w:t></w:r></w:p>".as_bytes(),
                "各单位放假通知".as_bytes(),
                b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            ])
            .prop_map(<[u8]>::to_vec),
            prop::collection::vec(any::<u8>(), 0..40),
        ];
        prop::collection::vec(piece, 0..400).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn inflates_what_miniz_deflates(data in document(), level in 0u8..=10) {
            let deflated = compress_to_vec(&data, level);
            prop_assert_eq!(inflated(&deflated), Ok(data));
        }

        #[test]
        fn cut_streams_are_errors(data in document(), level in 0u8..=10, cut in any::<prop::sample::Index>()) {
            let deflated = compress_to_vec(&data, level);
            let cut = cut.index(deflated.len().max(1));
            prop_assert_eq!(inflated(&deflated[..cut]), Err(DAMAGED));
        }

        #[test]
        fn changed_streams_end_like_miniz(
            data in document(),
            level in 0u8..=10,
            changes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
            limit in 0usize..40_000,
        ) {
            let mut deflated = compress_to_vec(&data, level);
            for (at, byte) in changes {
                let at = at.index(deflated.len());
                deflated[at] = byte;
            }
            // Whatever comes out of damaged data, it is what miniz makes of it: the same
            // bytes, or an error of the same kind (past the limit, or damaged).
            let ours = inflate(&deflated, limit).map_err(|e| e == Fault::Limit);
            let theirs = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, limit)
                .map_err(|e| e.status == TINFLStatus::HasMoreOutput);
            prop_assert_eq!(ours, theirs);
        }

        #[test]
        fn any_bytes_end(data in prop::collection::vec(any::<u8>(), 0..2000)) {
            let _ = inflate(&data, 1 << 20);
        }
    }
}
