//! Any text: `outline` returns a well-formed tree whose ranges are in bounds and on
//! UTF-16 character boundaries.
#![no_main]

#[path = "../src/input.rs"]
mod input;
#[path = "../src/invariants.rs"]
mod invariants;
#[path = "../src/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::outline_any(data));
