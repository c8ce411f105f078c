//! Bytes → text: whatever file a user has, as the text of a notice.
//!
//! What a file is comes from its content first (signatures, zip contents, NUL bytes) and
//! its name second: notices downloaded from government sites are often mislabelled.
//! Accepted are plain text (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK),
//! HTML pages and fragments, and `.docx`; everything else gets a [`ReadError`] that says
//! what the file is and what to do instead.

mod charset;
mod docx;
mod entities;
mod error;
mod html;
mod sniff;
mod text;

pub use self::error::{ArchiveLimit, FileKind, ReadError};

use serde::{Deserialize, Serialize, Serializer};

/// Limits that keep hostile files from exhausting memory or time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ReadOptions {
    /// Largest input accepted, in bytes. By default **20 MB** (20 × 1024 × 1024); notices
    /// are rarely over a megabyte, even as web pages.
    pub max_bytes: usize,
    /// Largest total a `.docx` may inflate to, in bytes, counting both what its entries
    /// declare and what is actually inflated (reading stops as soon as it is passed). By
    /// default **100 MB** (100 × 1024 × 1024).
    pub max_docx_uncompressed: u64,
    /// Most entries a `.docx` may hold. By default **10 000**; a Word document has a few
    /// dozen.
    pub max_docx_entries: usize,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_bytes: 20 * 1024 * 1024,
            max_docx_uncompressed: 100 * 1024 * 1024,
            max_docx_entries: 10_000,
        }
    }
}

/// The format a file was read as. Serialised as `"text"`, `"html"` or `"docx"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// An HTML page or fragment.
    Html,
    /// A Word document: a `.docx`, or the same WordprocessingML saved as one XML file
    /// (Word 2003 XML, Flat OPC), which government sites publish as `.doc` or `.xml`.
    Docx,
}

/// By hand: a derived `Serialize` makes one call per variant, this one lookup.
impl Serialize for Format {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
        })
    }
}

/// A file read as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// The readable text, with `\n` line breaks. Plain text is kept as it is apart from
    /// line endings and stray control characters; HTML and `.docx` give one line per
    /// paragraph (and per table row, cells separated by a tab).
    pub text: String,
    /// How the bytes were interpreted.
    pub format: Format,
    /// The character encoding used: `"UTF-8"`, `"UTF-16LE"`, `"UTF-16BE"`, `"GB18030"`
    /// (also for GBK and GB2312 files, which it extends), or what an HTML page declares
    /// (e.g. `"GBK"`, `"Big5"`). A `.docx` is `"UTF-8"`; a Word XML file, what its bytes
    /// were decoded from.
    pub encoding: &'static str,
}

/// Reads `bytes` (named `file_name`, when known) as the text of a notice.
///
/// The name only settles what content cannot: whether text with markup in it is HTML
/// (`.html`, `.htm`) or text (`.txt`). Without a telling name, HTML is recognised by its
/// content. A PDF or image renamed `.txt` is still reported as what it is.
///
/// Never panics, whatever the input.
///
/// ```
/// use notice_diff::{read, Format, ReadOptions};
///
/// let page = "<p>关于放假的通知</p><p>一、元旦&nbsp;1月1日</p><script>track()</script>";
/// let doc = read(page.as_bytes(), Some("notice.html"), &ReadOptions::default()).unwrap();
/// assert_eq!((doc.text.as_str(), doc.format), ("关于放假的通知\n一、元旦 1月1日", Format::Html));
///
/// let err = read(b"%PDF-1.7 ...", Some("notice.txt"), &ReadOptions::default()).unwrap_err();
/// assert_eq!(err.code(), "unsupported_format");
/// ```
pub fn read(
    bytes: &[u8],
    file_name: Option<&str>,
    options: &ReadOptions,
) -> Result<Document, ReadError> {
    if bytes.len() > options.max_bytes {
        return Err(ReadError::TooLarge {
            size: bytes.len(),
            limit: options.max_bytes,
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    if let Some(kind) = sniff::signature(bytes) {
        return Err(ReadError::UnsupportedFormat { kind });
    }
    let hint = sniff::hint(file_name);
    let (text, format, encoding) = if sniff::is_zip(bytes) {
        (docx::read(bytes, hint, options)?, Format::Docx, "UTF-8")
    } else {
        let declared = match hint {
            sniff::Hint::Text => None,
            _ => html::declared_charset(bytes),
        };
        let decoded = text::decode(bytes, declared)?;
        let format = match hint {
            sniff::Hint::Html => Format::Html,
            sniff::Hint::Text => Format::Text,
            sniff::Hint::Docx | sniff::Hint::Unknown => {
                if docx::is_word_xml(&decoded.text) {
                    Format::Docx
                } else if sniff::looks_like_html(&decoded.text) {
                    Format::Html
                } else {
                    Format::Text
                }
            }
        };
        let text = match format {
            Format::Text => text::normalize(&decoded.text),
            Format::Html => html::extract(&decoded.text),
            Format::Docx => docx::word_xml_text(&decoded.text)?,
        };
        (text, format, decoded.encoding.name())
    };
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(Document {
        text,
        format,
        encoding,
    })
}
