//! The part of the zip format a `.docx` needs: the central directory, and entries stored
//! or deflated.
//!
//! Sizes, checksums and offsets come from the central directory, which is complete even
//! for entries written with data descriptors; a local header is read only to find where
//! its entry's data starts.
//!
//! ZIP64 is not read. It is needed only past 4 GB or 65 535 entries, far beyond the limits
//! a document is read under (`ReadOptions`), so an archive that uses it is refused as
//! damaged rather than misread. (ZIP64 extra fields in local headers, which some writers
//! add to small entries, are skipped with the rest of the local header.)

/// Why an entry could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Fault {
    /// Inflating passed the limit it was given.
    Limit,
    /// The archive or the entry is damaged, or uses something this reader does not.
    Bad(&'static str),
}

/// One entry of the central directory.
pub(super) struct Entry<'a> {
    /// The name as stored: UTF-8, or CP437 in old archives (the two agree on ASCII, which
    /// is all the names looked for here use).
    pub(super) name: &'a [u8],
    /// The uncompressed size the archive declares (not trusted: see [`Archive::read`]).
    pub(super) size: u32,
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u32,
    offset: u32,
}

/// A zip archive's central directory, over the bytes of the archive.
pub(super) struct Archive<'a> {
    bytes: &'a [u8],
    pub(super) entries: Vec<Entry<'a>>,
}

/// The end of central directory record's signature, and its size without the comment.
const END: &[u8; 4] = b"PK\x05\x06";
const END_LEN: usize = 22;

/// `len` bytes at `at`; offsets come from the archive, so the end may overflow.
fn slice(bytes: &[u8], at: usize, len: usize) -> Option<&[u8]> {
    bytes.get(at..at.checked_add(len)?)
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(slice(bytes, at, 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(slice(bytes, at, 4)?.try_into().ok()?))
}

/// Where the central directory starts, where the end record is, and how many entries
/// the directory holds: from the end record, found by searching back over the longest
/// comment it may carry (64 KB). A signature inside the comment is passed over when its
/// fields cannot be an end record's. The directory's declared size is not needed: its
/// records are read up to the end record.
fn end_record(bytes: &[u8]) -> Result<(usize, usize, usize), Fault> {
    let last = bytes
        .len()
        .checked_sub(END_LEN)
        .ok_or(Fault::Bad(NOT_ZIP))?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    let mut fault = Fault::Bad(NOT_ZIP);
    for at in (first..=last).rev() {
        if slice(bytes, at, 4) != Some(END) {
            continue;
        }
        // Both disk numbers are 0 unless the archive is split over several files.
        let (Some(0), Some(count), Some(size), Some(offset)) = (
            u32_at(bytes, at + 4),
            u16_at(bytes, at + 8),
            u32_at(bytes, at + 12),
            u32_at(bytes, at + 16),
        ) else {
            continue;
        };
        // Saturated fields send a ZIP64 reader to the ZIP64 end record.
        if count == u16::MAX || size == u32::MAX || offset == u32::MAX {
            fault = Fault::Bad(ZIP64);
        } else if offset as usize <= at {
            return Ok((offset as usize, at, usize::from(count)));
        }
    }
    Err(fault)
}

const NOT_ZIP: &str = "no central directory was found";
const ZIP64: &str = "it uses ZIP64, which no document needs";
const CORRUPT: &str = "the central directory is damaged";

impl<'a> Archive<'a> {
    /// Reads the central directory. An archive declaring more than `max_entries` entries
    /// is refused (`Fault::Limit`) before any is read.
    pub(super) fn new(bytes: &'a [u8], max_entries: usize) -> Result<Archive<'a>, Fault> {
        let (start, end, count) = end_record(bytes)?;
        if count > max_entries {
            return Err(Fault::Limit);
        }
        let directory = bytes.get(start..end).ok_or(Fault::Bad(CORRUPT))?;
        // A record takes at least 46 bytes: a count that cannot fit reserves nothing.
        let mut entries = Vec::with_capacity(count.min(directory.len() / 46));
        let mut at = 0;
        for _ in 0..count {
            let record = || -> Option<(Entry<'a>, usize)> {
                if slice(directory, at, 4)? != b"PK\x01\x02" {
                    return None;
                }
                let name_len = usize::from(u16_at(directory, at + 28)?);
                let skip = usize::from(u16_at(directory, at + 30)?)
                    + usize::from(u16_at(directory, at + 32)?);
                let entry = Entry {
                    flags: u16_at(directory, at + 8)?,
                    method: u16_at(directory, at + 10)?,
                    crc: u32_at(directory, at + 16)?,
                    compressed: u32_at(directory, at + 20)?,
                    size: u32_at(directory, at + 24)?,
                    offset: u32_at(directory, at + 42)?,
                    name: slice(directory, at + 46, name_len)?,
                };
                Some((entry, at + 46 + name_len + skip))
            };
            let (entry, next) = record().ok_or(Fault::Bad(CORRUPT))?;
            if [entry.compressed, entry.size, entry.offset].contains(&u32::MAX) {
                return Err(Fault::Bad(ZIP64));
            }
            entries.push(entry);
            at = next;
        }
        Ok(Archive { bytes, entries })
    }

    /// The first entry named `name`.
    pub(super) fn find(&self, name: &str) -> Option<&Entry<'a>> {
        self.entries.iter().find(|e| e.name == name.as_bytes())
    }

    /// The data of `entry`, inflated to at most `limit` bytes: whatever size the archive
    /// declares, inflating stops with `Fault::Limit` as soon as the data would pass it.
    /// Data whose checksum does not match is damaged.
    pub(super) fn read(&self, entry: &Entry<'_>, limit: u64) -> Result<Vec<u8>, Fault> {
        // Bit 0: encrypted; bit 6: strong encryption.
        if entry.flags & 0x41 != 0 {
            return Err(Fault::Bad("it is encrypted"));
        }
        let start = entry.offset as usize;
        let header = slice(self.bytes, start, 30).filter(|h| h.starts_with(b"PK\x03\x04"));
        let (Some(name_len), Some(extra_len)) = (
            header.and_then(|h| u16_at(h, 26)),
            header.and_then(|h| u16_at(h, 28)),
        ) else {
            return Err(Fault::Bad("its local header is missing"));
        };
        let from = start + 30 + usize::from(name_len) + usize::from(extra_len);
        // Deflate data ends by itself: data said to run past the archive is read as far as
        // it goes (stored data cut short fails its checksum).
        let data = self
            .bytes
            .get(from..)
            .ok_or(Fault::Bad("its data is cut short"))?;
        let data = data.get(..entry.compressed as usize).unwrap_or(data);
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let out = match entry.method {
            0 if data.len() > limit => return Err(Fault::Limit),
            0 => data.to_vec(),
            8 => super::inflate::inflate(data, limit)?,
            _ => {
                return Err(Fault::Bad(
                    "it is compressed by a method other than deflate",
                ))
            }
        };
        if crc32(&out) != entry.crc {
            return Err(Fault::Bad("its checksum does not match"));
        }
        Ok(out)
    }
}

/// CRC-32 (IEEE), byte by byte through a table built per call: 1 KB of stack and a few
/// thousand operations, instead of a static table in the wasm or 8 steps per byte.
fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (n, slot) in (0u32..).zip(table.iter_mut()) {
        *slot = (0..8).fold(n, |c, _| (c >> 1) ^ (0xEDB8_8320 & (c & 1).wrapping_neg()));
    }
    !data
        .iter()
        .fold(!0u32, |c, &b| table[usize::from(c as u8 ^ b)] ^ (c >> 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stored entry's local header and data, and its central directory record.
    fn stored(name: &str, data: &[u8], offset: usize) -> (Vec<u8>, Vec<u8>) {
        let mut common = Vec::new();
        common.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // version, flags, method, time, date
        common.extend_from_slice(&crc32(data).to_le_bytes());
        common.extend_from_slice(&(data.len() as u32).to_le_bytes());
        common.extend_from_slice(&(data.len() as u32).to_le_bytes());
        common.extend_from_slice(&(name.len() as u16).to_le_bytes());
        common.extend_from_slice(&[0, 0]); // extra length
        let local = [b"PK\x03\x04", &common[..], name.as_bytes(), data].concat();
        let central = [
            &b"PK\x01\x02\x14\x00"[..],
            &common,
            &[0; 10], // comment length, disk, attributes
            &(offset as u32).to_le_bytes(),
            name.as_bytes(),
        ]
        .concat();
        (local, central)
    }

    fn archive(entries: &[(&str, &[u8])], comment: &[u8]) -> Vec<u8> {
        let (mut out, mut directory) = (Vec::new(), Vec::new());
        for (name, data) in entries {
            let (local, central) = stored(name, data, out.len());
            out.extend(local);
            directory.extend(central);
        }
        let n = (entries.len() as u16).to_le_bytes();
        let end = [
            &END[..],
            &[0; 4],
            &n,
            &n,
            &(directory.len() as u32).to_le_bytes(),
            &(out.len() as u32).to_le_bytes(),
            &(comment.len() as u16).to_le_bytes(),
            comment,
        ]
        .concat();
        [out, directory, end].concat()
    }

    fn read(bytes: &[u8], name: &str) -> Result<Vec<u8>, Fault> {
        let archive = Archive::new(bytes, 100)?;
        let entry = archive.find(name).ok_or(Fault::Bad("missing"))?;
        archive.read(entry, 1000)
    }

    #[test]
    fn crc_of_known_strings() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }

    #[test]
    fn stored_entries_by_name_behind_a_comment() {
        // The comment holds a fake end record pointing nowhere: it is passed over.
        let fake = [&END[..], &[0xff; 18]].concat();
        let zip = archive(&[("a.xml", b"<a/>"), ("word/b.xml", b"bb")], &fake);
        assert_eq!(read(&zip, "word/b.xml"), Ok(b"bb".to_vec()));
        assert_eq!(read(&zip, "a.xml"), Ok(b"<a/>".to_vec()));
        let archive = Archive::new(&zip, 2).unwrap();
        let names: Vec<&[u8]> = archive.entries.iter().map(|e| e.name).collect();
        assert_eq!(names, [&b"a.xml"[..], b"word/b.xml"]);
        assert!(archive.find("b.xml").is_none());
        assert_eq!(Archive::new(&zip, 1).err(), Some(Fault::Limit));
    }

    #[test]
    fn damage_is_a_fault_never_a_panic() {
        let zip = archive(&[("a", b"0123456789")], b"");
        // Every truncation and every single-byte change: a fault or the right data.
        for cut in 0..zip.len() {
            let _ = read(&zip[..cut], "a");
        }
        for at in 0..zip.len() {
            for value in [0, 1, 0x7f, 0xff] {
                let mut bad = zip.clone();
                bad[at] = value;
                if let Ok(data) = read(&bad, "a") {
                    assert_eq!(data, b"0123456789", "byte {at} = {value}");
                }
            }
        }
        // A changed data byte fails the checksum.
        let mut flipped = zip.clone();
        flipped[31] ^= 1;
        assert_eq!(
            read(&flipped, "a"),
            Err(Fault::Bad("its checksum does not match"))
        );
        assert_eq!(read(b"", "a"), Err(Fault::Bad(NOT_ZIP)));
        assert_eq!(read(&[0; 100], "a"), Err(Fault::Bad(NOT_ZIP)));
    }

    #[test]
    fn limits_encryption_methods_and_zip64() {
        let zip = archive(&[("a", &[b'x'; 2000])], b"");
        assert_eq!(read(&zip, "a"), Err(Fault::Limit));
        let zip = archive(&[("a", b"x")], b"");
        let (record, end) = (zip.len() - 22 - 47, zip.len() - 22);
        let changed = |at: usize, bytes: &[u8]| {
            let mut zip = zip.clone();
            zip[at..at + bytes.len()].copy_from_slice(bytes);
            read(&zip, "a")
        };
        assert_eq!(
            changed(record + 8, &[1, 0]),
            Err(Fault::Bad("it is encrypted"))
        );
        assert_eq!(
            changed(record + 10, &[12, 0]),
            Err(Fault::Bad(
                "it is compressed by a method other than deflate"
            ))
        );
        assert_eq!(changed(record + 20, &[0xff; 4]), Err(Fault::Bad(ZIP64)));
        assert_eq!(changed(end + 12, &[0xff; 4]), Err(Fault::Bad(ZIP64)));
        assert_eq!(
            changed(record + 42, &[9, 0, 0, 0]),
            Err(Fault::Bad("its local header is missing"))
        );
        // Data said to run past the end is read as far as it goes.
        assert_eq!(
            changed(record + 20, &[0, 0, 1, 0]),
            Err(Fault::Bad("its checksum does not match"))
        );
        assert_eq!(
            changed(28, &[0xff, 0xff]),
            Err(Fault::Bad("its data is cut short"))
        );
        // A split archive's end record.
        assert_eq!(changed(end + 6, &[1, 0]), Err(Fault::Bad(NOT_ZIP)));
    }
}
