//! The body of each fuzz target, as plain functions so that `tests/hostile.rs` replays a
//! saved input exactly as the fuzzer ran it (a file `tests/fixtures/hostile/TARGET-*`).
//! Each panics when an invariant breaks.
#![allow(dead_code)]

use crate::{input, invariants};
use notice_diff::{outline, read, CompareOptions, ReadOptions};

/// Any bytes under every file name: `read` returns a document with text or an error a
/// user can read, never panics; what it returns outlines cleanly.
pub fn read_any(data: &[u8]) {
    for name in input::NAMES {
        match read(data, name, &ReadOptions::default()) {
            Ok(document) => {
                assert!(
                    !document.text.trim().is_empty(),
                    "read {name:?} accepted a document with no text"
                );
                invariants::check_outline(&document.text, &outline(&document.text));
            }
            Err(error) => assert!(
                !error.to_string().is_empty(),
                "read {name:?} failed with an empty message"
            ),
        }
    }
}

/// Any text: `outline` returns a well-formed tree whose ranges are in bounds and on
/// UTF-16 character boundaries.
pub fn outline_any(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    invariants::check_outline(&text, &outline(&text));
}

/// Any two texts under any options (`flags left 0xFF right`): `compare` returns a
/// comparison that keeps docs/schema.md's promises, and `compare(right, left)` mirrors it.
/// `FUZZ_SYMMETRY=0` turns the mirror check off, to look for crashes alone.
pub fn compare_any(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let (left, right) = input::split_text(rest);
    let options = input::options(flags);
    if symmetry_checked() {
        invariants::compare_both_ways(&left, &right, &options);
    } else {
        invariants::compare_checked(&left, &right, &options);
    }
}

fn symmetry_checked() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("FUZZ_SYMMETRY").map_or(true, |v| v != "0"))
}

/// The whole pipeline on two files (`names len:u16 left right`): each read under a file
/// name the first byte picks, then what was read compared.
pub fn pipeline_any(data: &[u8]) {
    let Some((&names, rest)) = data.split_first() else {
        return;
    };
    let (left, right) = input::split_bytes(rest);
    let name = |i: u8| input::NAMES[usize::from(i & 3)];
    let options = ReadOptions::default();
    let (Ok(left), Ok(right)) = (
        read(left, name(names), &options),
        read(right, name(names >> 2), &options),
    ) else {
        return;
    };
    invariants::compare_checked(&left.text, &right.text, &CompareOptions::default());
}
