//! Why a file could not be read, in words a user can act on.

use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::fmt;

/// What the accepted formats are, repeated in every "wrong kind of file" message so that
/// the user learns what to choose instead.
const ACCEPTED: &str = "notice-diff reads .txt (UTF-8, GBK, UTF-16), .html and .docx";

/// What a file that notice-diff does not read turned out to be, from its content (and,
/// where the content is ambiguous, its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileKind {
    /// A PDF document (`%PDF`).
    Pdf,
    /// A PNG image.
    Png,
    /// A JPEG image.
    Jpeg,
    /// A GIF image.
    Gif,
    /// A WebP image.
    Webp,
    /// A BMP image.
    Bmp,
    /// A TIFF image (often a scanned document).
    Tiff,
    /// An OLE2 compound file: a legacy Word `.doc`, `.wps`, `.xls` or `.ppt`, or a
    /// password-protected Office file.
    LegacyOffice,
    /// An Excel workbook (`.xlsx`).
    Spreadsheet,
    /// A PowerPoint presentation (`.pptx`).
    Presentation,
    /// An OpenDocument file (`.odt`, `.ods`, `.odp`).
    OpenDocument,
    /// An OFD document (the Chinese fixed-layout format, like PDF).
    Ofd,
    /// An EPUB e-book.
    Epub,
    /// A zip archive that is not a document notice-diff reads.
    Zip,
    /// A RAR archive.
    Rar,
    /// A 7-Zip archive.
    SevenZip,
    /// A gzip, bzip2 or xz compressed file.
    Compressed,
    /// A Rich Text Format file.
    Rtf,
    /// A web archive (`.mht`/`.mhtml`, MIME multipart).
    Mhtml,
    /// Binary data of no recognised kind (NUL bytes or many control characters).
    Binary,
}

impl FileKind {
    /// A stable machine code for the kind, e.g. `"pdf"`, `"png"`, `"legacy_office"`, for a
    /// UI that words its own message.
    pub fn code(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpeg",
            FileKind::Gif => "gif",
            FileKind::Webp => "webp",
            FileKind::Bmp => "bmp",
            FileKind::Tiff => "tiff",
            FileKind::LegacyOffice => "legacy_office",
            FileKind::Spreadsheet => "spreadsheet",
            FileKind::Presentation => "presentation",
            FileKind::OpenDocument => "open_document",
            FileKind::Ofd => "ofd",
            FileKind::Epub => "epub",
            FileKind::Zip => "zip",
            FileKind::Rar => "rar",
            FileKind::SevenZip => "7z",
            FileKind::Compressed => "compressed",
            FileKind::Rtf => "rtf",
            FileKind::Mhtml => "mhtml",
            FileKind::Binary => "binary",
        }
    }

    /// Whether the kind is a picture (the user needs the text version, or OCR).
    pub fn is_image(self) -> bool {
        matches!(
            self,
            FileKind::Png
                | FileKind::Jpeg
                | FileKind::Gif
                | FileKind::Webp
                | FileKind::Bmp
                | FileKind::Tiff
        )
    }

    /// "this is …; {ACCEPTED} — what to do".
    fn message(self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, advice) = match self {
            FileKind::Pdf => (
                "a PDF file",
                "copy the text out of the PDF and paste it, or save it as .txt",
            ),
            FileKind::Png => ("a PNG image", IMAGE_ADVICE),
            FileKind::Jpeg => ("a JPEG image", IMAGE_ADVICE),
            FileKind::Gif => ("a GIF image", IMAGE_ADVICE),
            FileKind::Webp => ("a WebP image", IMAGE_ADVICE),
            FileKind::Bmp => ("a BMP image", IMAGE_ADVICE),
            FileKind::Tiff => ("a TIFF image", IMAGE_ADVICE),
            FileKind::LegacyOffice => (
                "an old Microsoft Office or WPS file (.doc, .wps, .xls, .ppt) or a password-protected Office file",
                "open it in Word or WPS and save it as .docx (without a password)",
            ),
            FileKind::Spreadsheet => (
                "an Excel workbook (.xlsx)",
                "copy the text into a .txt file",
            ),
            FileKind::Presentation => (
                "a PowerPoint presentation (.pptx)",
                "copy the text into a .txt file",
            ),
            FileKind::OpenDocument => (
                "an OpenDocument file (.odt, .ods, .odp)",
                "open it and save it as .docx",
            ),
            FileKind::Ofd => (
                "an OFD document",
                "copy the text out of the OFD reader and paste it, or save it as .txt",
            ),
            FileKind::Epub => ("an EPUB e-book", "copy the notice's text into a .txt file"),
            FileKind::Zip => (
                "a zip archive",
                "unpack it and choose the notice inside",
            ),
            FileKind::Rar => ("a RAR archive", "unpack it and choose the notice inside"),
            FileKind::SevenZip => ("a 7-Zip archive", "unpack it and choose the notice inside"),
            FileKind::Compressed => (
                "a compressed file (gzip, bzip2 or xz)",
                "decompress it and choose the notice inside",
            ),
            FileKind::Rtf => (
                "an RTF file",
                "open it in Word or WPS and save it as .docx or .txt",
            ),
            FileKind::Mhtml => (
                "a web archive (.mht)",
                "open it in a browser and save it as a web page (.html), or save it as .docx",
            ),
            FileKind::Binary => (
                "not a text file (it contains binary data)",
                "choose the notice's text, web page or Word file",
            ),
        };
        write!(f, "this is {what}; {ACCEPTED} — {advice}")
    }
}

/// Serialised as its [`code`](FileKind::code).
impl Serialize for FileKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

const IMAGE_ADVICE: &str =
    "use the notice's text version, or run text recognition (OCR) on the image and paste the text";

/// Which archive limit a `.docx` passed (see [`ReadOptions`](crate::ReadOptions)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ArchiveLimit {
    /// More entries than `max_docx_entries` allows.
    Entries {
        /// The limit.
        limit: usize,
    },
    /// More uncompressed bytes, declared or actually inflated, than
    /// `max_docx_uncompressed` allows.
    Uncompressed {
        /// The limit in bytes.
        limit: u64,
    },
}

/// Why a file could not be read.
///
/// [`code`](ReadError::code) gives a stable machine code per variant for a UI that words
/// its own (e.g. Chinese) message; `Display` gives an English message that says what the
/// file is and what to do. Serialised, an error is `{ code, message, … }` with the
/// variant's details (`kind`, `limit`, `size`, `reason`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadError {
    /// The input is empty, only whitespace, or markup with no text: choose the file that
    /// contains the notice.
    Empty,
    /// The input is larger than [`ReadOptions::max_bytes`](crate::ReadOptions::max_bytes):
    /// choose a smaller file (a notice is rarely over a megabyte) or raise the limit.
    TooLarge {
        /// The size of the input in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The file is of a kind notice-diff does not read (PDF, image, spreadsheet, archive,
    /// binary…): get the notice as text, a web page or a `.docx`.
    UnsupportedFormat {
        /// What the file is.
        kind: FileKind,
    },
    /// The file looks like text but is in no encoding notice-diff recognises (UTF-8,
    /// UTF-16 with a byte order mark, GB18030/GBK, or what an HTML page declares): save it
    /// as UTF-8.
    Undecodable,
    /// The file is a zip archive meant to be a `.docx` but is damaged or has no Word
    /// document inside: open it in Word or WPS and save it again.
    BadDocx {
        /// What went wrong, in English, for the curious.
        reason: String,
    },
    /// The `.docx` passes a limit of [`ReadOptions`](crate::ReadOptions) that guards
    /// against zip bombs: if it is genuine, copy its text into a `.txt` file.
    ZipBomb {
        /// Which limit.
        limit: ArchiveLimit,
    },
}

impl ReadError {
    /// A stable machine code for the variant: `"empty"`, `"too_large"`,
    /// `"unsupported_format"`, `"undecodable"`, `"bad_docx"` or `"zip_bomb"`.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Empty => "empty",
            ReadError::TooLarge { .. } => "too_large",
            ReadError::UnsupportedFormat { .. } => "unsupported_format",
            ReadError::Undecodable => "undecodable",
            ReadError::BadDocx { .. } => "bad_docx",
            ReadError::ZipBomb { .. } => "zip_bomb",
        }
    }

    /// For [`TooLarge`](ReadError::TooLarge), the size of the input in bytes, so that a UI
    /// can say how large the file is next to the [`limit`](ReadError::limit).
    pub fn size(&self) -> Option<u64> {
        match self {
            ReadError::TooLarge { size, .. } => Some(*size as u64),
            _ => None,
        }
    }

    /// The limit that was passed, for [`TooLarge`](ReadError::TooLarge) (bytes of input) and
    /// [`ZipBomb`](ReadError::ZipBomb) (entries, or bytes once inflated).
    pub fn limit(&self) -> Option<u64> {
        match self {
            ReadError::TooLarge { limit, .. } => Some(*limit as u64),
            ReadError::ZipBomb {
                limit: ArchiveLimit::Entries { limit },
            } => Some(*limit as u64),
            ReadError::ZipBomb {
                limit: ArchiveLimit::Uncompressed { limit },
            } => Some(*limit),
            _ => None,
        }
    }

    /// For [`UnsupportedFormat`](ReadError::UnsupportedFormat), what the file is.
    pub fn file_kind(&self) -> Option<FileKind> {
        match self {
            ReadError::UnsupportedFormat { kind } => Some(*kind),
            _ => None,
        }
    }
}

/// Sizes for people: "20 MB", "100 MB", "512 KB", "37 bytes".
struct Bytes(u64);

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const KB: u64 = 1024;
        const MB: u64 = 1024 * 1024;
        let n = self.0;
        if n >= MB && n % MB == 0 {
            write!(f, "{} MB", n / MB)
        } else if n >= MB {
            // One decimal by integer arithmetic: float formatting would link core's
            // Grisu/Dragon code (~10 KB of wasm) for this one message.
            let tenths = (n * 10 + MB / 2) / MB;
            write!(f, "{}.{} MB", tenths / 10, tenths % 10)
        } else if n >= KB && n % KB == 0 {
            write!(f, "{} KB", n / KB)
        } else {
            write!(f, "{n} bytes")
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Empty => write!(
                f,
                "the file is empty or contains no text; choose the file that contains the notice"
            ),
            ReadError::TooLarge { size, limit } => write!(
                f,
                "the file is {} but at most {} is read; a notice is rarely over 1 MB — \
                 check that this is the right file, or save only the notice's text as .txt",
                Bytes(*size as u64),
                Bytes(*limit as u64)
            ),
            ReadError::UnsupportedFormat { kind } => kind.message(f),
            ReadError::Undecodable => write!(
                f,
                "the text is in an encoding notice-diff does not recognise \
                 (it reads UTF-8, GBK/GB18030 and UTF-16 with a byte order mark); \
                 open it in a text editor and save it as UTF-8"
            ),
            ReadError::BadDocx { reason } => write!(
                f,
                "this .docx file could not be read ({reason}); open it in Word or WPS and save \
                 it again as .docx, or copy its text into a .txt file"
            ),
            ReadError::ZipBomb { limit } => {
                match limit {
                    ArchiveLimit::Entries { limit } => write!(
                        f,
                        "this .docx holds more than {limit} files, far more than a Word document \
                         has"
                    )?,
                    ArchiveLimit::Uncompressed { limit } => write!(
                        f,
                        "this .docx expands to more than {}, far more than a notice",
                        Bytes(*limit)
                    )?,
                }
                write!(
                    f,
                    " (it may be a zip bomb); if it is a genuine document, open it in Word or \
                     WPS and copy its text into a .txt file"
                )
            }
        }
    }
}

impl std::error::Error for ReadError {}

impl Serialize for ReadError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ReadError", 4)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        match self {
            ReadError::TooLarge { size, limit } => {
                s.serialize_field("size", size)?;
                s.serialize_field("limit", limit)?;
            }
            ReadError::UnsupportedFormat { kind } => {
                s.serialize_field("kind", kind.code())?;
                s.serialize_field("image", &kind.is_image())?;
            }
            ReadError::BadDocx { reason } => s.serialize_field("reason", reason)?,
            ReadError::ZipBomb { limit } => match limit {
                ArchiveLimit::Entries { limit } => {
                    s.serialize_field("limitKind", "entries")?;
                    s.serialize_field("limit", limit)?;
                }
                ArchiveLimit::Uncompressed { limit } => {
                    s.serialize_field("limitKind", "uncompressed")?;
                    s.serialize_field("limit", limit)?;
                }
            },
            ReadError::Empty | ReadError::Undecodable => {}
        }
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_and_limit_travel_with_the_error() {
        let large = ReadError::TooLarge {
            size: 21 * 1024 * 1024,
            limit: 20 * 1024 * 1024,
        };
        assert_eq!(large.size(), Some(21 * 1024 * 1024));
        assert_eq!(large.limit(), Some(20 * 1024 * 1024));
        let message = large.to_string();
        assert!(
            message.contains("21 MB") && message.contains("20 MB"),
            "{message}"
        );

        let entries = ReadError::ZipBomb {
            limit: ArchiveLimit::Entries { limit: 10_000 },
        };
        assert_eq!((entries.size(), entries.limit()), (None, Some(10_000)));
        let inflated = ReadError::ZipBomb {
            limit: ArchiveLimit::Uncompressed { limit: 100 << 20 },
        };
        assert_eq!(inflated.limit(), Some(100 << 20));
        assert_eq!(
            (ReadError::Empty.size(), ReadError::Empty.limit()),
            (None, None)
        );
    }
}
