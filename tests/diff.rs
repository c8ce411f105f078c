#![cfg(not(target_arch = "wasm32"))]
//! The inline differ on real notices: exactness, readability, options, time budget.

use notice_diff::{diff_text, CompareOptions, EditKind, TextDiff};

/// Renders a diff inline as `[-deleted-]{+inserted+}` for reading.
fn render(left: &str, right: &str, diff: &TextDiff) -> String {
    let mut out = String::new();
    for e in &diff.edits {
        match e.kind {
            EditKind::Equal => out.push_str(&left[e.left.clone()]),
            EditKind::Delete => {
                out.push_str("[-");
                out.push_str(&left[e.left.clone()]);
                out.push_str("-]");
            }
            EditKind::Insert => {
                out.push_str("{+");
                out.push_str(&right[e.right.clone()]);
                out.push_str("+}");
            }
        }
    }
    out
}

/// `SHOW_LEFT=… SHOW_RIGHT=… cargo test --test diff show -- --ignored --nocapture`
#[test]
#[ignore]
fn show() {
    let (Ok(l), Ok(r)) = (std::env::var("SHOW_LEFT"), std::env::var("SHOW_RIGHT")) else {
        return;
    };
    let left = std::fs::read_to_string(l).unwrap();
    let right = std::fs::read_to_string(r).unwrap();
    let t = std::time::Instant::now();
    let diff = diff_text(&left, &right, &CompareOptions::default(), None);
    let took = t.elapsed();
    println!("{}", render(&left, &right, &diff));
    println!("---- {} edits in {took:?}", diff.edits.len());
}
