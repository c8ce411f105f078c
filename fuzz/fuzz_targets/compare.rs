//! Any two texts under any options (`flags left 0xFF right`): `compare` returns a
//! comparison that keeps docs/schema.md's promises, and the swapped comparison
//! mirrors it (unless FUZZ_SYMMETRY=0).
#![no_main]

#[path = "../src/input.rs"]
mod input;
#[path = "../src/invariants.rs"]
mod invariants;
#[path = "../src/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::compare_any(data));
