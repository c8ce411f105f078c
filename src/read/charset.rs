//! The character encodings notice-diff decodes, and how.
//!
//! Mainland notices come in UTF-8, UTF-16 (Windows "Unicode" text) and the GB family
//! (GB2312 ⊂ GBK ⊂ GB18030); nothing else is worth its weight. Natively the GB family is
//! decoded by `encoding_rs`. In the browser it is decoded by the browser's own
//! `TextDecoder`, which implements the same WHATWG decoder: `encoding_rs` dispatches
//! every decode through one enum of all encodings, so linking it into the wasm brings
//! every legacy table along (about 200 KB gzip, three times the rest of the module).

use super::sniff::is_one_of;

/// An encoding notice-diff decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Charset {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// GBK as a page declares it; decoded as GB18030, its superset, as browsers do.
    Gbk,
    Gb18030,
}

impl Charset {
    /// The name reported to users.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "UTF-8",
            Charset::Utf16Le => "UTF-16LE",
            Charset::Utf16Be => "UTF-16BE",
            Charset::Gbk => "GBK",
            Charset::Gb18030 => "GB18030",
        }
    }

    /// The encoding a byte order mark announces, and the mark's length.
    pub(crate) fn for_bom(bytes: &[u8]) -> Option<(Charset, usize)> {
        match bytes {
            [0xEF, 0xBB, 0xBF, ..] => Some((Charset::Utf8, 3)),
            [0xFF, 0xFE, ..] => Some((Charset::Utf16Le, 2)),
            [0xFE, 0xFF, ..] => Some((Charset::Utf16Be, 2)),
            _ => None,
        }
    }

    /// The encoding a charset label (`<meta charset=…>`) names, by the WHATWG label list
    /// restricted to the encodings above. UTF-16 labels in an ASCII-compatible page are
    /// wrong by construction and mean UTF-8, as browsers treat them.
    pub(crate) fn for_label(label: &[u8]) -> Option<Charset> {
        let label = label.trim_ascii();
        if is_one_of(
            "utf-8 utf8 unicode-1-1-utf-8 unicode11utf8 unicode20utf8 x-unicode20utf8 utf-16 \
             utf-16le utf-16be unicode ucs-2 csunicode iso-10646-ucs-2 unicode-1-1-utf-16le \
             unicodefffe",
            label,
        ) {
            Some(Charset::Utf8)
        } else if is_one_of(
            "gbk gb2312 gb_2312 gb_2312-80 chinese csgb2312 csiso58gb231280 iso-ir-58 x-gbk",
            label,
        ) {
            Some(Charset::Gbk)
        } else if label.eq_ignore_ascii_case(b"gb18030") {
            Some(Charset::Gb18030)
        } else {
            None
        }
    }

    /// Decodes `bytes` (without a byte order mark), replacing malformed sequences with
    /// U+FFFD as the WHATWG decoders do.
    pub(crate) fn decode(self, bytes: &[u8]) -> String {
        match self {
            Charset::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            Charset::Utf16Le => decode_utf16(bytes, u16::from_le_bytes),
            Charset::Utf16Be => decode_utf16(bytes, u16::from_be_bytes),
            Charset::Gbk | Charset::Gb18030 => decode_gb18030(bytes),
        }
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes
        .chunks_exact(2)
        .filter_map(|pair| pair.try_into().ok().map(unit));
    let mut text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if bytes.len() % 2 == 1 {
        // A file cut in the middle of a code unit.
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

#[cfg(not(target_arch = "wasm32"))]
fn decode_gb18030(bytes: &[u8]) -> String {
    encoding_rs::GB18030
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

#[cfg(target_arch = "wasm32")]
fn decode_gb18030(bytes: &[u8]) -> String {
    // Every browser that runs wasm has a gb18030 TextDecoder; without one (an exotic
    // host), decoding as UTF-8 yields replacement characters, which the caller's
    // plausibility check turns into a clear "undecodable" error.
    web_sys::TextDecoder::new_with_label("gb18030")
        .and_then(|decoder| decoder.decode_with_u8_array(bytes))
        .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(Charset::for_label(b" GB2312 "), Some(Charset::Gbk));
        assert_eq!(Charset::for_label(b"gb18030"), Some(Charset::Gb18030));
        assert_eq!(Charset::for_label(b"utf-16"), Some(Charset::Utf8));
        assert_eq!(Charset::for_label(b"big5"), None);
    }

    #[test]
    fn utf16_in_both_byte_orders_and_cut_short() {
        assert_eq!(Charset::Utf16Le.decode(&[0x00, 0x4E, 0x41, 0x00]), "一A");
        assert_eq!(
            Charset::Utf16Be.decode(&[0x4E, 0x00, 0x00, 0x41, 0x00]),
            "一A\u{fffd}"
        );
        // A lone surrogate is replaced, not a panic.
        assert_eq!(Charset::Utf16Le.decode(&[0x00, 0xD8]), "\u{fffd}");
    }

    #[test]
    fn gbk_bytes_decode() {
        // 通知 in GBK.
        assert_eq!(Charset::Gb18030.decode(&[0xCD, 0xA8, 0xD6, 0xAA]), "通知");
    }
}
