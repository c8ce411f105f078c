//! notice-diff: compare two official notices (通知) section by section.
//!
//! Line diffs fail on notices: sections get renumbered, reordered, merged, split or moved
//! a level down, and scraped pages wrap them in clutter. The pipeline here recovers each
//! notice's structure, aligns the sections that correspond, and diffs the text inside
//! each aligned pair:
//!
//! read (bytes → text) → outline (text → sections) → align (sections ↔ sections)
//! → diff (text ↔ text) → [`Comparison`].
//!
//! ```
//! use notice_diff::{compare, read, CompareOptions, ReadOptions};
//!
//! let left = read("一、元旦：1月1日放假。\n二、春节：2月10日至17日放假。".as_bytes(), None, &ReadOptions::default()).unwrap();
//! let right = read("一、春节：2月10日至17日放假。".as_bytes(), None, &ReadOptions::default()).unwrap();
//! let comparison = compare(&left.text, &right.text, &CompareOptions::default());
//! for pair in &comparison.pairs {
//!     println!("{:?} {:?} ↔ {:?} ({:.2})", pair.kind, pair.left, pair.right, pair.similarity);
//! }
//! ```
#![deny(missing_docs)]

mod align;
mod compare;
mod diff;
mod eval;
mod find;
mod hash;
mod numerals;
mod options;
mod outline;
mod read;
mod sort;
mod span;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use crate::align::{align, Link, PairKind};
pub use crate::compare::{compare, Comparison, Counts, Op, Pair, Side, Stats, SCHEMA_VERSION};
pub use crate::diff::{diff_text, Edit, EditKind, TextDiff};
#[doc(hidden)]
pub use crate::eval::{evaluate, evaluate_with, CaseScore, EvalReport};
pub use crate::options::CompareOptions;
pub use crate::outline::{outline, sentences, Block, BlockKind, Outline};
pub use crate::read::{read, ArchiveLimit, Document, FileKind, Format, ReadError, ReadOptions};
pub use crate::span::{Span, Utf16Index};
