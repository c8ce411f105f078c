//! How the fuzz targets cut one libFuzzer input into what the pipeline takes.
#![allow(dead_code)]

use notice_diff::CompareOptions;

/// The file names `read` is tried under: its format detection may use the extension, and
/// must survive any bytes under any name.
pub const NAMES: [Option<&str>; 4] = [
    Some("notice.txt"),
    Some("notice.html"),
    Some("notice.docx"),
    None,
];

/// Options from the bits of one byte, so the fuzzer explores every folding combination.
pub fn options(flags: u8) -> CompareOptions {
    CompareOptions {
        ignore_whitespace: flags & 1 != 0,
        fold_width: flags & 2 != 0,
        ignore_punctuation: flags & 4 != 0,
        fold_numerals: flags & 8 != 0,
        ..CompareOptions::default()
    }
}

/// Splits at the first 0xFF byte, which never occurs in UTF-8, so text seeds can be joined
/// with it: `left 0xFF right`. Without one, the right side is empty.
pub fn split_text(data: &[u8]) -> (String, String) {
    let at = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len());
    let (left, right) = data.split_at(at);
    let right = right.get(1..).unwrap_or(&[]);
    (
        String::from_utf8_lossy(left).into_owned(),
        String::from_utf8_lossy(right).into_owned(),
    )
}

/// Splits binary input by a little-endian u16 length prefix: `len:u16 left[len] right`.
pub fn split_bytes(data: &[u8]) -> (&[u8], &[u8]) {
    let Some((len, rest)) = data.split_first_chunk::<2>() else {
        return (data, &[]);
    };
    let at = usize::from(u16::from_le_bytes(*len)).min(rest.len());
    rest.split_at(at)
}
