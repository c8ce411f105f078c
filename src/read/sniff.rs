//! What a file is, from its first bytes and its name.
//!
//! Content wins over the name: files from government sites are often mislabelled (a
//! "`.doc`" that is really a web page, a PDF renamed `.txt`), so the name only decides
//! between text and HTML, which cannot be told apart reliably by content.

use super::error::FileKind;

/// What a file name's extension says about the intended format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    /// `.txt` and friends: plain text even if it contains angle brackets.
    Text,
    /// `.html`, `.htm`, …
    Html,
    /// `.docx` and its macro/template siblings.
    Docx,
    /// No name, no extension, or one that says nothing (`.doc` is often HTML in disguise).
    Unknown,
}

pub(crate) fn hint(file_name: Option<&str>) -> Hint {
    let Some(name) = file_name else {
        return Hint::Unknown;
    };
    // Both separators: names come from Windows paths as well as from browsers.
    let name = name.trim();
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let Some((stem, ext)) = base.rsplit_once('.') else {
        return Hint::Unknown;
    };
    if stem.is_empty() {
        return Hint::Unknown;
    }
    let ext = ext.as_bytes();
    if is_one_of("txt text md csv log", ext) {
        Hint::Text
    } else if is_one_of("html htm xhtml xht shtml shtm", ext) {
        Hint::Html
    } else if is_one_of("docx docm dotx dotm", ext) {
        Hint::Docx
    } else {
        Hint::Unknown
    }
}

/// Whether the bytes start like a zip archive (local file header, or the end record of an
/// empty archive).
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Recognises the formats that are certainly not text by their signatures. Zip archives
/// are left to the caller: they may be `.docx`.
pub(crate) fn signature(bytes: &[u8]) -> Option<FileKind> {
    const SIGNATURES: &[(&[u8], FileKind)] = &[
        (b"%PDF-", FileKind::Pdf),
        (b"\x89PNG\r\n\x1a\n", FileKind::Png),
        (b"\xff\xd8\xff", FileKind::Jpeg),
        (b"GIF87a", FileKind::Gif),
        (b"GIF89a", FileKind::Gif),
        (b"II*\x00", FileKind::Tiff),
        (b"MM\x00*", FileKind::Tiff),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", FileKind::LegacyOffice),
        (b"Rar!\x1a\x07", FileKind::Rar),
        (b"7z\xbc\xaf\x27\x1c", FileKind::SevenZip),
        (b"\x1f\x8b", FileKind::Compressed),
        (b"BZh", FileKind::Compressed),
        (b"\xfd7zXZ\x00", FileKind::Compressed),
        (b"{\\rtf", FileKind::Rtf),
    ];
    for (magic, kind) in SIGNATURES {
        if bytes.starts_with(magic) {
            // "BZh" could begin a line of text; bzip2 follows it with a block size digit
            // and a binary block magic.
            if *magic == b"BZh" && !bytes.get(4..10).is_some_and(|m| m == b"1AY&SY") {
                continue;
            }
            return Some(*kind);
        }
    }
    if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Some(FileKind::Webp);
    }
    // "BM" alone could start a text line; a BMP also has four reserved zero bytes.
    if bytes.starts_with(b"BM") && bytes.get(6..10) == Some(&[0, 0, 0, 0]) {
        return Some(FileKind::Bmp);
    }
    // PDF writers may put junk before the header; readers accept it within 1 KB. The end
    // marker makes sure this is a PDF and not text that mentions one.
    let head = prefix(bytes, 1024);
    let tail = bytes
        .get(bytes.len().saturating_sub(1024)..)
        .unwrap_or(bytes);
    if head.windows(5).any(|w| w == b"%PDF-") && tail.windows(5).any(|w| w == b"%%EOF") {
        return Some(FileKind::Pdf);
    }
    if is_mhtml(head) {
        return Some(FileKind::Mhtml);
    }
    None
}

/// A web archive saved by a browser or by Word ("Single File Web Page") starts with MIME
/// headers and declares a multipart/related body.
fn is_mhtml(head: &[u8]) -> bool {
    let starts_with_header = [b"MIME-Version:".as_slice(), b"From:", b"Content-Type:"]
        .iter()
        .any(|h| starts_with_ignore_case(head, h));
    starts_with_header && contains_ignore_case(head, b"multipart/related")
}

/// Whether decoded text looks like an HTML document or fragment: it starts with markup
/// and uses tags that only HTML uses.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let head = prefix(start.as_bytes(), 8192);
    if !head.starts_with(b"<") {
        return false;
    }
    const OPENERS: &[&[u8]] = &[
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
    ];
    if OPENERS.iter().any(|o| starts_with_ignore_case(head, o)) {
        return true;
    }
    // Fragments (a page's content cell, a comment first) and XHTML: look for common tags.
    const TAGS: &str = "</p> <br </div> </td> </tr> </span> </table> </a> </li> </h1> </h2> </h3> \
                        </font> <html";
    TAGS.split(' ')
        .any(|t| contains_ignore_case(head, t.as_bytes()))
}

fn prefix(bytes: &[u8], n: usize) -> &[u8] {
    bytes.get(..n).unwrap_or(bytes)
}

/// Whether `name` is one of the space-separated `names`, ignoring ASCII case.
pub(crate) fn is_one_of(names: &str, name: &[u8]) -> bool {
    // A byte loop: `str::split` would search for each space with memchr, slow for words
    // this short.
    names
        .as_bytes()
        .split(|&b| b == b' ')
        .any(|n| n.eq_ignore_ascii_case(name))
}

pub(crate) fn starts_with_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .get(..needle.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(needle))
}

/// Bounded searches only: callers pass a prefix of the input.
fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_from_names() {
        assert_eq!(hint(Some("a.TXT")), Hint::Text);
        assert_eq!(hint(Some("通知.txt ")), Hint::Text);
        assert_eq!(hint(Some("C:\\x\\通知.Htm")), Hint::Html);
        assert_eq!(hint(Some("dir.d/a.docx")), Hint::Docx);
        assert_eq!(hint(Some("dir.html/readme")), Hint::Unknown);
        assert_eq!(hint(Some(".txt")), Hint::Unknown);
        assert_eq!(hint(Some("a.doc")), Hint::Unknown);
        assert_eq!(hint(None), Hint::Unknown);
    }

    #[test]
    fn signatures() {
        assert_eq!(signature(b"%PDF-1.7\n"), Some(FileKind::Pdf));
        assert_eq!(signature(b"\r\n%PDF-1.4\n%%EOF\n"), Some(FileKind::Pdf));
        assert_eq!(signature(b"see %PDF-1.4"), None);
        assert_eq!(signature(b"BMW is a car"), None);
        assert_eq!(signature(b"BZh is not bzip2"), None);
        assert_eq!(signature("一、总则".as_bytes()), None);
        assert_eq!(
            signature(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x"),
            Some(FileKind::Mhtml)
        );
    }

    #[test]
    fn html_by_content() {
        assert!(looks_like_html("\n <!DOCTYPE html><html>"));
        assert!(looks_like_html(
            "<tbody><tr><td><p>通知</p></td></tr></tbody>"
        ));
        assert!(!looks_like_html("一、<总则>"));
        assert!(!looks_like_html("<法规名称>\n第一条"));
    }
}
