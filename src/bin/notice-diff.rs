//! The notice-diff command line: outline and compare notices natively.

use notice_diff::{
    compare, diff_text, evaluate, outline, read, Block, CompareOptions, EditKind, ReadOptions,
};
use std::process::ExitCode;

const USAGE: &str = "\
usage:
  notice-diff outline FILE [--json]
  notice-diff compare LEFT RIGHT [--json]
  notice-diff eval [DIR] [--verbose]   (default DIR: tests/eval)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("notice-diff: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let json = args.iter().any(|a| a == "--json");
    let files: Vec<&String> = args
        .iter()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    match (args.first().map(String::as_str), files.as_slice()) {
        (Some("outline"), [file]) => {
            let text = read_file(file)?;
            let tree = outline(&text);
            if json {
                println!("{}", to_json(&tree)?);
            } else {
                for block in &tree.blocks {
                    print_block(&text, block);
                }
            }
            Ok(())
        }
        (Some("compare"), [left, right]) => {
            let left = read_file(left)?;
            let right = read_file(right)?;
            let comparison = compare(&left, &right, &CompareOptions::default());
            if json {
                println!("{}", to_json(&comparison)?);
            } else {
                println!(
                    "similarity {:.0}%  inserted {}  deleted {}  unchanged {}",
                    comparison.similarity * 100.0,
                    comparison.stats.inserted,
                    comparison.stats.deleted,
                    comparison.stats.unchanged
                );
            }
            Ok(())
        }
        // Hidden, for scripts/change-runs.mjs: change runs of the inline differ over two
        // whole files read as plain UTF-8, so other differs can be run on the same text.
        (Some("diff-runs"), [left, right]) => {
            let read = |path: &str| {
                std::fs::read(path)
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .map_err(|e| format!("{path}: {e}"))
            };
            let (left, right) = (read(left)?, read(right)?);
            let mut options = CompareOptions::default();
            if args.iter().any(|a| a == "--strict") {
                options.ignore_whitespace = false;
                options.fold_width = false;
            }
            let diff = diff_text(&left, &right, &options, None);
            let mut runs = 0;
            let mut in_run = false;
            for edit in &diff.edits {
                let changed = edit.kind != EditKind::Equal;
                runs += usize::from(changed && !in_run);
                in_run = changed;
            }
            println!(
                "{{\"left_chars\":{},\"right_chars\":{},\"runs\":{}}}",
                left.chars().count(),
                right.chars().count(),
                runs
            );
            Ok(())
        }
        (Some("eval"), dirs @ ([] | [_])) => {
            let dir = dirs.first().map_or("tests/eval", |d| d.as_str());
            let report = evaluate(std::path::Path::new(dir));
            if args.iter().any(|a| a == "--verbose") {
                print!("{report:#}");
            } else {
                print!("{report}");
            }
            Ok(())
        }
        _ => Err(USAGE.to_owned()),
    }
}

fn read_file(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    read(&bytes, Some(path), &ReadOptions::default())
        .map(|doc| doc.text)
        .map_err(|e| format!("{path}: {e}"))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value).map_err(|e| e.to_string())
}

fn print_block(text: &str, block: &Block) {
    let indent = "  ".repeat(block.level as usize);
    let summary = block.heading.clone().unwrap_or_else(|| {
        let body = text.get(block.bytes.clone()).unwrap_or("");
        body.trim().chars().take(30).collect()
    });
    println!(
        "{indent}{:?} {}{}",
        block.kind,
        block.label.as_deref().unwrap_or(""),
        summary
    );
    for child in &block.children {
        print_block(text, child);
    }
}
