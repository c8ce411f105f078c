//! Bytes → text: whatever file a user has, as the text of a notice.

use serde::Serialize;
use std::fmt;

/// Limits that keep hostile files from exhausting memory or time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Largest input accepted, in bytes. By default **20 MB**.
    pub max_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_bytes: 20 * 1024 * 1024,
        }
    }
}

/// The format a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text.
    Text,
}

/// A file read as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// The readable text.
    pub text: String,
    /// How the bytes were interpreted.
    pub format: Format,
    /// The character encoding used, e.g. `"UTF-8"`.
    pub encoding: &'static str,
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadError {
    /// The input is empty or only whitespace: choose a file that contains a notice.
    Empty,
    /// The input is larger than the limit: split it or raise the limit.
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Empty => write!(f, "the file is empty"),
            ReadError::TooLarge { limit } => write!(f, "the file is larger than {limit} bytes"),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads `bytes` (named `file_name`, when known) as the text of a notice.
pub fn read(
    bytes: &[u8],
    _file_name: Option<&str>,
    options: &ReadOptions,
) -> Result<Document, ReadError> {
    if bytes.len() > options.max_bytes {
        return Err(ReadError::TooLarge {
            limit: options.max_bytes,
        });
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(Document {
        text,
        format: Format::Text,
        encoding: "UTF-8",
    })
}
