//! The whole pipeline on two files (`names len:u16 left right`): each read under a file
//! name the first byte picks, then what was read compared.
#![no_main]

#[path = "../src/input.rs"]
mod input;
#[path = "../src/invariants.rs"]
mod invariants;
#[path = "../src/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::pipeline_any(data));
