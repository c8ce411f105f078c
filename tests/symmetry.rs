//! `compare(b, a)` is `compare(a, b)` mirrored (docs/schema.md, issues #4 and #9), on every
//! pair of real notices the tests hold: the seeds against each other, the evaluation cases,
//! the regulations' old and new versions and a sample of the government pages; then edits
//! next to where merged blocks are joined, and real pairs edited at random.
//!
//! The time budget is off: a comparison cut short by the clock depends on how fast each
//! direction happened to run, so only exact comparisons promise the mirror. Every one here
//! must be exact, so the mirror is checked on all of them, never skipped.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/src/input.rs"]
mod input;
#[path = "../fuzz/src/invariants.rs"]
mod invariants;
#[path = "common/regulations.rs"]
mod regulations;

use notice_diff::{read, CompareOptions, ReadOptions};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn sorted_files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    files.sort();
    files
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Compares both ways and checks the mirror; the comparison must be exact, or the mirror
/// would not have been checked.
fn assert_mirrors(what: &str, left: &str, right: &str, options: &CompareOptions) {
    let checked = std::panic::catch_unwind(|| invariants::compare_both_ways(left, right, options));
    match checked {
        Ok(comparison) => assert!(
            !comparison.approximate,
            "{what}: approximate without a time budget"
        ),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{what} ({options:?}): {message}");
        }
    }
}

/// The defaults without the clock, and every switch off (what `--strict` compares).
fn options() -> [CompareOptions; 2] {
    [
        CompareOptions {
            time_budget_ms: 0,
            ..CompareOptions::default()
        },
        CompareOptions {
            time_budget_ms: 0,
            ..input::options(0)
        },
    ]
}

#[test]
fn every_pair_of_seed_notices_mirrors() {
    let seeds = sorted_files(&root().join("fixtures/seeds"), ".txt");
    assert_eq!(seeds.len(), 5, "the five seed notices");
    for (i, a) in seeds.iter().enumerate() {
        for b in &seeds[i + 1..] {
            for options in options() {
                let what = format!("{} ~ {}", name(a), name(b));
                assert_mirrors(&what, &text(a), &text(b), &options);
            }
        }
    }
}

#[test]
fn every_evaluation_case_mirrors() {
    let cases: Vec<PathBuf> = sorted_files(&root().join("eval"), "")
        .into_iter()
        .filter(|case| case.join("left.txt").is_file())
        .collect();
    assert!(cases.len() >= 10, "the evaluation cases went missing");
    for case in cases {
        let (left, right) = (text(&case.join("left.txt")), text(&case.join("right.txt")));
        for options in options() {
            assert_mirrors(&name(&case), &left, &right, &options);
        }
    }
}

#[test]
fn every_regulation_and_its_revision_mirror() {
    let dir = root().join("fixtures/regulations");
    let files = sorted_files(&dir, ".txt");
    // Versions of one regulation share a name up to the year: `x_2018.txt`, `x_2023.txt`.
    let base = |path: &PathBuf| {
        let n = name(path);
        let stem = n.trim_end_matches(".txt");
        stem.rsplit_once('_')
            .filter(|(_, year)| year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()))
            .map_or(stem.to_owned(), |(base, _)| base.to_owned())
    };
    let mut pairs = 0;
    for (i, a) in files.iter().enumerate() {
        for b in files[i + 1..].iter().filter(|b| base(b) == base(a)) {
            pairs += 1;
            for options in options() {
                let what = format!("{} ~ {}", name(a), name(b));
                assert_mirrors(&what, &text(a), &text(b), &options);
            }
        }
    }
    assert_eq!(pairs, 5, "the five revised regulations");
    // Different regulations on one subject: much in common, much rewritten.
    for (a, b) in regulations::RELATED_REGULATIONS {
        let read = |n: &str| text(&dir.join(format!("{n}.txt")));
        for options in options() {
            assert_mirrors(&format!("{a} ~ {b}"), &read(a), &read(b), &options);
        }
    }
}

#[test]
fn a_sample_of_government_pages_mirrors() {
    let files = sorted_files(&root().join("fixtures/govcn-html"), ".html");
    assert!(files.len() >= 20, "the government pages went missing");
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            let document = read(&bytes, Some(&name(f)), &ReadOptions::default())
                .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            (name(f), document.text)
        })
        .collect();
    // Every fifth page against the next one: a dozen pairs of unrelated notices of many
    // lengths. All sixty pairs would triple the time for little more: the aligner's own
    // symmetry test (tests/align.rs) takes every pair.
    for (i, pair) in texts.windows(2).enumerate().filter(|(i, _)| i % 5 == 0) {
        let [(a, left), (b, right)] = pair else {
            continue;
        };
        let what = format!("pages {i}: {a} ~ {b}");
        assert_mirrors(&what, left, right, &options()[0]);
    }
}

/// Where blocks are merged or split, a leaf pair is diffed as one text with a line break
/// joining the blocks of one side; a change next to that break is where the two directions
/// once anchored their inserts and deletes differently. Here every one-character edit
/// around such a join, on either side.
#[test]
fn edits_next_to_the_join_of_merged_blocks_mirror() {
    let case = root().join("eval/guangyuan_level_down");
    // The left splits 四、…推动各项工作 / 要把学习…; the right runs them on: …工作。要把学习….
    let (left, right) = (text(&case.join("left.txt")), text(&case.join("right.txt")));
    for (edit, variant) in one_character_edits(&right, "推动各项", "工作。要把") {
        for options in options() {
            assert_mirrors(&format!("left ~ right {edit}"), &left, &variant, &options);
        }
    }
    for (edit, variant) in one_character_edits(&left, "推动各项", "工作\n\n要把") {
        for options in options() {
            assert_mirrors(&format!("left {edit} ~ right"), &variant, &right, &options);
        }
    }
}

/// `text` with each character of `window` (found after `before`) deleted, replaced or
/// preceded by an insertion, one edit at a time, each with a name that says which.
fn one_character_edits(text: &str, before: &str, window: &str) -> Vec<(String, String)> {
    let at = text.find(&format!("{before}{window}")).expect("the window") + before.len();
    let mut variants = Vec::new();
    for (i, c) in window.char_indices() {
        let (i, end) = (at + i, at + i + c.len_utf8());
        for replacement in ["", "需", "需。", "\n"] {
            variants.push((
                format!("with {c:?} at byte {i} replaced by {replacement:?}"),
                format!("{}{replacement}{}", &text[..i], &text[end..]),
            ));
        }
        variants.push((
            format!("with 新 inserted before {c:?} at byte {i}"),
            format!("{}新{}", &text[..i], &text[i..]),
        ));
    }
    assert_eq!(variants.len(), 5 * window.chars().count());
    variants
}

mod edited {
    //! Real pairs with random edits on one side: characters deleted, replaced and inserted,
    //! line breaks among them, so blocks merge, split and change level on top of what the
    //! pair already changes.
    use super::{assert_mirrors, options, root, sorted_files, text};
    use proptest::prelude::*;

    /// Each evaluation case's two versions, and each seed against itself.
    fn pairs() -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = sorted_files(&root().join("eval"), "")
            .into_iter()
            .filter(|case| case.join("left.txt").is_file())
            .map(|case| (text(&case.join("left.txt")), text(&case.join("right.txt"))))
            .collect();
        for seed in sorted_files(&root().join("fixtures/seeds"), ".txt") {
            pairs.push((text(&seed), text(&seed)));
        }
        pairs
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn edited_real_pairs_mirror(
            which in any::<prop::sample::Index>(),
            edits in proptest::collection::vec(
                (any::<prop::sample::Index>(), 0usize..6, "[\\n。，一二（）、工作要把新需 ]{0,4}"),
                1..12,
            ),
            strict in any::<bool>(),
        ) {
            let pairs = pairs();
            let (left, right) = &pairs[which.index(pairs.len())];
            let mut edited: Vec<char> = right.chars().collect();
            for (at, delete, insert) in &edits {
                let i = at.index(edited.len() + 1);
                let j = (i + delete).min(edited.len());
                edited.splice(i..j, insert.chars());
            }
            let edited: String = edited.into_iter().collect();
            assert_mirrors("an edited pair", left, &edited, &options()[usize::from(strict)]);
        }
    }
}
