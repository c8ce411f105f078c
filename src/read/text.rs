//! Bytes → Unicode: which encoding a text file is in, and whether it is text at all.

use super::charset::Charset;
use super::error::{FileKind, ReadError};

/// Text and the encoding it was decoded from.
pub(crate) struct Decoded {
    pub(crate) text: String,
    pub(crate) encoding: Charset,
}

/// Decodes `bytes`, in this order of trust: a byte order mark; UTF-16 without a mark
/// when its NUL bytes give it away; UTF-8, valid or nearly so; the encoding an HTML page
/// `declared`; GB18030 (a superset of GBK and GB2312) if the result reads like Chinese.
///
/// Fails with `UnsupportedFormat { kind: Binary }` when the bytes are not text, and with
/// `Undecodable` when they look like text in an encoding not recognised.
pub(crate) fn decode(bytes: &[u8], declared: Option<Charset>) -> Result<Decoded, ReadError> {
    if let Some((encoding, bom_len)) = Charset::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        let text = encoding.decode(rest);
        if is_binary(text.chars()) {
            return Err(binary());
        }
        return Ok(Decoded { text, encoding });
    }
    // Before UTF-8: UTF-16 of ASCII text is valid UTF-8, full of NULs (one byte in two).
    // Valid UTF-8 with NULs more sparse than that is not UTF-16: it is left to the checks below.
    let utf8 = std::str::from_utf8(bytes);
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    if nuls > 0 && (nuls * 3 >= bytes.len() || utf8.is_err()) {
        return sniff_utf16(bytes).ok_or_else(binary);
    }
    if let Ok(text) = utf8 {
        if is_binary(text.chars()) {
            return Err(binary());
        }
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: Charset::Utf8,
        });
    }
    // A UTF-8 file cut mid-character, or with a stray byte, is still UTF-8: Chinese text
    // in GBK is nowhere near valid UTF-8, and read as GB18030 the file would be mojibake.
    let lossy = String::from_utf8_lossy(bytes);
    if is_nearly_clean(&lossy) {
        if is_binary(lossy.chars()) {
            return Err(binary());
        }
        return Ok(Decoded {
            text: lossy.into_owned(),
            encoding: Charset::Utf8,
        });
    }
    if let Some(encoding) = declared.filter(|e| *e != Charset::Utf8) {
        let text = encoding.decode(bytes);
        if is_binary(text.chars()) {
            return Err(binary());
        }
        return Ok(Decoded { text, encoding });
    }
    if is_binary(bytes.iter().map(|&b| char::from(b))) {
        return Err(binary());
    }
    let text = Charset::Gb18030.decode(bytes);
    if reads_like_chinese(&text) {
        return Ok(Decoded {
            text,
            encoding: Charset::Gb18030,
        });
    }
    if declared == Some(Charset::Utf8) {
        // The page says UTF-8; a browser would show the U+FFFDs too.
        return Ok(Decoded {
            text: lossy.into_owned(),
            encoding: Charset::Utf8,
        });
    }
    Err(ReadError::Undecodable)
}

fn binary() -> ReadError {
    ReadError::UnsupportedFormat {
        kind: FileKind::Binary,
    }
}

/// Control characters a text file has no business containing. Tab, line breaks, form
/// feed and the DOS end-of-file mark (0x1A) do turn up in real text files.
fn is_stray_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1a')) || c == '\x7f'
}

/// Binary if there is any NUL, or more than about one stray control character in a
/// hundred (a few strays survive copy-and-paste; binary data is full of them).
fn is_binary(chars: impl Iterator<Item = char>) -> bool {
    let (mut total, mut stray) = (0usize, 0usize);
    for c in chars {
        if c == '\0' {
            return true;
        }
        total += 1;
        if is_stray_control(c) {
            stray += 1;
        }
    }
    stray > 1 + total / 100
}

/// UTF-16 without a byte order mark: ASCII characters put a NUL in every other byte, on
/// the odd side for little-endian, the even side for big-endian.
fn sniff_utf16(bytes: &[u8]) -> Option<Decoded> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    // CJK code units have a zero low byte now and then (U+4E00 一), so the other side
    // has a few NULs too; binary data has them evenly spread.
    let encoding = if odd >= 4 * even {
        Charset::Utf16Le
    } else if even >= 4 * odd {
        Charset::Utf16Be
    } else {
        return None;
    };
    let text = encoding.decode(bytes);
    if is_binary(text.chars()) || !reads_like_chinese(&text) {
        return None;
    }
    Some(Decoded { text, encoding })
}

/// Whether text decoded as GB18030 is plausibly Chinese (or other text GBK can hold)
/// rather than another encoding read wrongly: (almost) no replacement characters, and
/// nearly every character from the blocks Chinese documents use. Big5 read as GBK, for
/// one, turns into kana, which are not among them.
fn reads_like_chinese(text: &str) -> bool {
    let (mut total, mut plausible, mut replaced) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        total += 1;
        if c == '\u{fffd}' {
            replaced += 1;
        } else if is_plausible(c) {
            plausible += 1;
        }
    }
    // A file cut mid-character ends in one replacement; otherwise allow one in 200.
    let truncated = usize::from(text.trim_end().ends_with('\u{fffd}'));
    total > 0 && replaced <= total / 200 + truncated && plausible * 100 >= total * 95
}

/// At most one replacement character in a thousand, or only one, at the very end.
fn is_nearly_clean(text: &str) -> bool {
    let (mut total, mut replaced) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        if c == '\u{fffd}' {
            replaced += 1;
        }
    }
    replaced * 1000 <= total || (replaced == 1 && text.ends_with('\u{fffd}'))
}

fn is_plausible(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{a0}'..='\u{17f}'      // Latin-1 and Latin Extended-A: ·×÷°§ and pinyin
        | '\u{1cd}'..='\u{1dc}'     // pinyin with third tone
        | '\u{391}'..='\u{3c9}'     // Greek
        | '\u{401}'..='\u{451}'     // Cyrillic
        | '\u{2000}'..='\u{206f}'   // general punctuation: “”‘’—…‰
        | '\u{2100}'..='\u{22ff}'   // letterlike (℃ №), number forms (Ⅰ), arrows, maths
        | '\u{2460}'..='\u{27bf}'   // enclosed numbers ①, box drawing, shapes ■□, ★
        | '\u{2e80}'..='\u{2fdf}'   // CJK radicals
        | '\u{3000}'..='\u{303f}'   // CJK punctuation: 、。〔〕《》「」
        | '\u{3100}'..='\u{312f}'   // bopomofo
        | '\u{3200}'..='\u{33ff}'   // enclosed CJK ㈠, compatibility ㎡
        | '\u{3400}'..='\u{4dbf}'   // CJK extension A
        | '\u{4e00}'..='\u{9fff}'   // CJK unified ideographs
        | '\u{f900}'..='\u{faff}'   // CJK compatibility ideographs
        | '\u{fe30}'..='\u{fe4f}'   // CJK compatibility forms
        | '\u{ff00}'..='\u{ffef}'   // full-width forms: ，：（）
        | '\u{20000}'..='\u{2ebef}' // CJK extensions B–F
    )
}

/// Plain text as the later stages want it: line feeds only (the decoder has already taken
/// off the byte order mark; a second U+FEFF is text and stays), no stray
/// control characters (form feeds become line breaks). Nothing else is touched.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\x0b' | '\x0c' => out.push('\n'),
            c if c.is_control() && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

// encoding_rs, which makes the GBK test inputs, is a native-only dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn gbk_is_recognised() {
        let (bytes, _, _) = encoding_rs::GBK.encode("关于印发《通知》的通知，①第一条：");
        let decoded = decode(&bytes, None).ok().map(|d| (d.text, d.encoding));
        assert_eq!(
            decoded,
            Some((
                "关于印发《通知》的通知，①第一条：".to_owned(),
                Charset::Gb18030
            ))
        );
    }

    #[test]
    fn big5_is_not_taken_for_gbk() {
        let (bytes, _, _) = encoding_rs::BIG5.encode("關於印發國務院通知的決定，請遵照執行。");
        assert!(decode(&bytes, None).is_err());
    }

    #[test]
    fn utf16_without_bom() {
        let units: Vec<u8> = "Notice 1\n一、总则"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let decoded = decode(&units, None).ok().map(|d| (d.text, d.encoding));
        assert_eq!(
            decoded,
            Some(("Notice 1\n一、总则".to_owned(), Charset::Utf16Le))
        );
    }

    #[test]
    fn valid_utf8_with_a_stray_nul_is_not_utf16() {
        // U+2028 then NUL: its one NUL sits where UTF-16LE's would, but a UTF-16 file has
        // NULs far more often than that; read as UTF-16 it was mojibake (胢¨).
        let bytes = "\u{2028}\0".as_bytes();
        assert!(matches!(
            decode(bytes, None),
            Err(ReadError::UnsupportedFormat {
                kind: FileKind::Binary
            })
        ));
        let nul_in_notice = "一、总则\0第一条".as_bytes();
        assert!(decode(nul_in_notice, None).is_err());
    }

    #[test]
    fn nearly_valid_utf8_stays_utf8() {
        let text = "关于印发《通知》的通知。".repeat(100);
        let mut cut = text.as_bytes().to_vec();
        cut.pop();
        let decoded = decode(&cut, None).ok().map(|d| d.encoding);
        assert_eq!(decoded, Some(Charset::Utf8));
        let mut stray = text.as_bytes().to_vec();
        stray.insert(30, 0xff);
        let decoded = decode(&stray, None).ok().map(|d| d.encoding);
        assert_eq!(decoded, Some(Charset::Utf8));
        // Short GBK is not. (Very short GBK can be valid UTF-8 — "通知" is — and valid
        // UTF-8 wins.)
        let (gbk, _, _) = encoding_rs::GBK.encode("Notice 2024 关于印发通知的通知");
        assert!(std::str::from_utf8(&gbk).is_err());
        let decoded = decode(&gbk, None).ok().map(|d| (d.text, d.encoding));
        assert_eq!(
            decoded,
            Some((
                "Notice 2024 关于印发通知的通知".to_owned(),
                Charset::Gb18030
            ))
        );
    }

    #[test]
    fn controls() {
        assert!(decode(b"abc\0def", None).is_err());
        assert!(decode(b"\x01\x02\x03\x04", None).is_err());
        assert!(decode(b"a line\x1a", None).is_ok());
        assert_eq!(normalize("a\r\nb\rc\x0cd\x07e"), "a\nb\nc\nde");
    }
}
