//! Any bytes under every file name: `read` returns a document with text or an error a
//! user can read, never panics; what it returns outlines cleanly.
#![no_main]

#[path = "../src/input.rs"]
mod input;
#[path = "../src/invariants.rs"]
mod invariants;
#[path = "../src/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::read_any(data));
