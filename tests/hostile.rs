//! Hostile and broken input: nothing panics, and what comes out keeps the schema's promises.
//!
//! - Every file in `tests/fixtures/hostile/` goes through every stage (read under every
//!   file name, outline, compare against itself and against a real notice, both ways).
//!   Crashes found by fuzzing (`scripts/fuzz.sh`) are kept there as regression tests: a
//!   file named `TARGET-…` (read, outline, compare, pipeline) is also replayed exactly as
//!   that fuzz target ran it.
//! - Property tests (proptest) check the invariants of the whole pipeline on generated
//!   notices: ranges in bounds and on UTF-16 boundaries, leaf ops that cover both texts
//!   exactly, and `compare(b, a)` mirroring `compare(a, b)` (docs/schema.md).
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/src/input.rs"]
mod input;
#[path = "../fuzz/src/invariants.rs"]
mod invariants;
#[path = "common/pieces.rs"]
mod pieces;
#[path = "../fuzz/src/targets.rs"]
mod targets;

use notice_diff::{compare, outline, read, CompareOptions, PairKind, ReadOptions};
use std::path::{Path, PathBuf};

const GUANGYUAN: &str = include_str!("fixtures/seeds/guangyuan-2016-gonghui-7th.txt");

fn hostile_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/hostile exists")
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|path| path.is_file() && !matches!(path.extension(), Some(e) if e == "md"))
        .collect();
    files.sort();
    files
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Runs `f` and, when it panics, says which file did it before failing.
fn on_file(path: &Path, f: impl FnOnce()) -> Result<(), String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        format!("{}: {message}", name_of(path))
    })
}

#[test]
fn there_are_hostile_fixtures() {
    assert!(
        hostile_files().len() >= 30,
        "the hostile corpus went missing"
    );
}

#[test]
fn every_hostile_file_reads_under_every_name_without_panicking() {
    let failures: Vec<String> = hostile_files()
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).expect("readable fixture");
            on_file(path, || targets::read_any(&bytes)).err()
        })
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_hostile_file_outlines_and_compares_with_the_invariants() {
    let options = CompareOptions::default();
    let failures: Vec<String> = hostile_files()
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).expect("readable fixture");
            on_file(path, || {
                let name = name_of(path);
                let text = match read(&bytes, Some(&name), &ReadOptions::default()) {
                    Ok(document) => document.text,
                    Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
                };
                targets::outline_any(text.as_bytes());
                let same = invariants::compare_both_ways(&text, &text, &options);
                assert_eq!(same.similarity, 1.0, "a text compared with itself");
                invariants::compare_both_ways(&text, GUANGYUAN, &options);
                invariants::compare_both_ways(&text, "", &options);
            })
            .err()
        })
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn fuzz_findings_replay_as_their_target_ran_them() {
    let failures: Vec<String> = hostile_files()
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).expect("readable fixture");
            let name = name_of(path);
            let target: fn(&[u8]) = match name.split('-').next() {
                Some("read") => targets::read_any,
                Some("outline") => targets::outline_any,
                Some("compare") => targets::compare_any,
                Some("pipeline") => targets::pipeline_any,
                _ => return None,
            };
            on_file(path, || target(&bytes)).err()
        })
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn a_notice_against_nothing_is_all_removed() {
    // Punctuation and whitespace too: ignoring them must not make them common to both sides.
    for text in [GUANGYUAN, "一是\n， ", "（一）\n，。、\n\u{3000}"] {
        for options in (0..16).map(input::options) {
            let comparison = invariants::compare_both_ways(text, "", &options);
            assert!(!comparison.pairs.is_empty());
            assert!(comparison
                .pairs
                .iter()
                .all(|pair| pair.kind == PairKind::LeftOnly));
            assert_eq!(comparison.stats.inserted, 0);
            assert_eq!(comparison.stats.unchanged, 0, "{text:?} {options:?}");
            assert_eq!(comparison.similarity, 0.0);
        }
    }
}

#[test]
fn identical_texts_pair_every_block_as_identical() {
    // Blocks with nothing left to compare once normalised — a label alone, punctuation,
    // control characters (pasted text does not go through `read`) — are still the same
    // block in the same place.
    let texts = [
        "一、，， ",
        "（一）\n， ",
        "关于\n一、放假\n\u{1}\u{2}\n二、值班\n",
        "一、\n（一）\n1.\n第一条\n一是\n元旦：\n附件：\n（\n第\n、\n．\n(1\n1)\n①\n⑴\n㈠\n",
        "\u{3000}\n…\n——\n",
    ];
    fn all_identical(pairs: &[notice_diff::Pair]) -> bool {
        pairs
            .iter()
            .all(|p| p.kind == PairKind::Identical && all_identical(&p.children))
    }
    for text in texts {
        for options in (0..16).map(input::options) {
            let comparison = invariants::compare_checked(text, text, &options);
            assert!(
                all_identical(&comparison.pairs),
                "{text:?} {options:?}: {:#?}",
                comparison.pairs
            );
            assert_eq!(comparison.similarity, 1.0, "{text:?} {options:?}");
        }
    }
}

#[test]
fn nothing_against_nothing_is_an_empty_identical_comparison() {
    let comparison = invariants::compare_both_ways("", "", &CompareOptions::default());
    assert!(comparison.pairs.is_empty());
    assert_eq!(comparison.similarity, 1.0);
    assert_eq!(comparison.left.outline.length, 0);
}

#[test]
fn surrogate_pairs_are_never_cut() {
    // Every character here is outside the Basic Multilingual Plane: a range that ended
    // between the two UTF-16 halves of one would render as two broken characters.
    let left = "一、😀𠀀放假𪚥\n二、👨\u{200d}👩\u{200d}👧𝟙𝟚\n";
    let right = "一、😁𠀀放假𪚥𪚥\n二、👨\u{200d}👩𝟙𝟛\n";
    for options in (0..16).map(input::options) {
        invariants::compare_both_ways(left, right, &options);
    }
}

/// Pairs that once broke `compare(b, a)` mirroring `compare(a, b)` (docs/schema.md), each
/// under every combination of the folding options.
#[test]
fn comparing_the_other_way_round_mirrors() {
    let cases = [
        // Repeated text: two equally short diffs; each direction must choose the same one.
        (
            "元旦：一、一、2024年1月1日\n，2024年1月1日2024年1月1日一、二、一、二、\n一、\n\n\n一、",
            "元旦：一、一、2024年1月1日\n元旦：一、一、2024年1月1日\n，2024年1月1日2024年1月1日一、二、一、二、\n一、\n\n\n一、",
        ),
        // One side only punctuation: ignored or not, it counts the same from either side.
        ("一、一、", "，，\n"),
        // Folded whitespace of different lengths inside an equal run (ZWJ sequences).
        (
            "一、😀𠀀放假𪚥\n二、👨\u{200d}👩\u{200d}👧𝟙𝟚\n",
            "一、😁𠀀放假𪚥𪚥\n二、👨\u{200d}👩𝟙𝟛\n",
        ),
        ("ab", "ba"),
        // Similarity 0.3 one way, 0 the other (repeated labels and dates).
        (
            "一、\n，，2024年1月1日2024年1月1日放假",
            "（一）一、一、一、一、一、一、第一条一、一、2024年1月1日一、一、",
        ),
        ("一、甲乙甲乙\n", "一、乙甲乙甲\n"),
    ];
    for (left, right) in cases {
        for flags in 0..16 {
            let options = CompareOptions {
                time_budget_ms: 0,
                ..input::options(flags)
            };
            invariants::compare_both_ways(left, right, &options);
        }
    }
}

mod properties {
    //! Invariants of the whole pipeline on generated notices.
    use super::input;
    use super::invariants;
    use notice_diff::{compare, read, CompareOptions, EditKind, PairKind, ReadOptions};
    use proptest::prelude::*;
    use proptest::test_runner::FileFailurePersistence;

    use super::pieces::PIECES;

    fn notice() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                8 => prop::sample::select(PIECES).prop_map(str::to_owned),
                1 => any::<char>().prop_map(String::from),
            ],
            0..80,
        )
        .prop_map(|pieces| pieces.concat())
    }

    /// What an editor does to a notice line by line: delete, duplicate, move, retype.
    #[derive(Debug, Clone)]
    enum LineEdit {
        Delete(usize),
        Duplicate(usize),
        Move(usize, usize),
        Replace(usize, String),
        Insert(usize, String),
    }

    fn line_edit() -> impl Strategy<Value = LineEdit> {
        prop_oneof![
            any::<usize>().prop_map(LineEdit::Delete),
            any::<usize>().prop_map(LineEdit::Duplicate),
            (any::<usize>(), any::<usize>()).prop_map(|(a, b)| LineEdit::Move(a, b)),
            (any::<usize>(), notice()).prop_map(|(a, s)| LineEdit::Replace(a, s)),
            (any::<usize>(), notice()).prop_map(|(a, s)| LineEdit::Insert(a, s)),
        ]
    }

    fn apply(text: &str, edits: &[LineEdit]) -> String {
        let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
        for edit in edits {
            let n = lines.len().max(1);
            match edit {
                LineEdit::Delete(i) if !lines.is_empty() => {
                    lines.remove(i % n);
                }
                LineEdit::Duplicate(i) if !lines.is_empty() => {
                    let line = lines[i % n].clone();
                    lines.insert(i % n, line);
                }
                LineEdit::Move(a, b) if !lines.is_empty() => {
                    let line = lines.remove(a % n);
                    let at = b % (lines.len() + 1);
                    lines.insert(at, line);
                }
                LineEdit::Replace(i, s) if !lines.is_empty() => lines[i % n] = format!("{s}\n"),
                LineEdit::Insert(i, s) => {
                    let at = i % (lines.len() + 1);
                    lines.insert(at, format!("{s}\n"));
                }
                _ => {}
            }
        }
        lines.concat()
    }

    /// A notice and an edited version of it: the realistic case, with much in common.
    fn edited_pair() -> impl Strategy<Value = (String, String)> {
        (notice(), prop::collection::vec(line_edit(), 0..6)).prop_map(|(text, edits)| {
            let edited = apply(&text, &edits);
            (text, edited)
        })
    }

    fn config() -> ProptestConfig {
        ProptestConfig {
            cases: 160,
            failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
                "tests/fixtures/hostile/proptest/regressions.txt",
            ))),
            ..ProptestConfig::default()
        }
    }

    /// No time budget, so results are exact and symmetry is promised.
    fn exact(flags: u8) -> CompareOptions {
        CompareOptions {
            time_budget_ms: 0,
            ..input::options(flags)
        }
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn unrelated_texts_keep_every_invariant_both_ways(
            left in notice(), right in notice(), flags in 0u8..16
        ) {
            invariants::compare_both_ways(&left, &right, &exact(flags));
        }

        #[test]
        fn edited_notices_keep_every_invariant_both_ways(
            (left, right) in edited_pair(), flags in 0u8..16
        ) {
            invariants::compare_both_ways(&left, &right, &exact(flags));
        }

        #[test]
        fn default_options_keep_every_invariant((left, right) in edited_pair()) {
            invariants::compare_checked(&left, &right, &CompareOptions::default());
        }

        #[test]
        fn a_text_is_identical_to_itself(text in notice(), flags in 0u8..16) {
            let comparison = invariants::compare_checked(&text, &text, &exact(flags));
            prop_assert_eq!(comparison.similarity, 1.0);
            prop_assert_eq!(comparison.stats.inserted + comparison.stats.deleted, 0);
            prop_assert_eq!(comparison.stats.changes, 0);
            prop_assert!(comparison.pairs.iter().all(|p| p.kind == PairKind::Identical));
            let ops = comparison.pairs.iter().flat_map(|p| &p.ops);
            prop_assert!(ops.clone().all(|op| op.kind == EditKind::Equal));
        }

        #[test]
        fn any_bytes_read_under_any_name(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            super::targets::read_any(&bytes);
        }

        #[test]
        fn text_files_read_back_to_their_text(text in notice()) {
            // What a UTF-8 .txt holds is what gets compared, "apart from line endings and
            // stray control characters" (Document::text): a leading BOM goes, CR LF, CR, VT
            // and FF become LF, other controls but tab go. A blank file is an error.
            if let Ok(document) = read(text.as_bytes(), Some("notice.txt"), &ReadOptions::default()) {
                let body = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n");
                let expected: String = body
                    .chars()
                    .filter_map(|c| match c {
                        '\r' | '\x0b' | '\x0c' => Some('\n'),
                        c if c.is_control() && c != '\t' && c != '\n' => None,
                        c => Some(c),
                    })
                    .collect();
                prop_assert_eq!(document.text, expected);
            }
        }

        #[test]
        fn comparing_is_deterministic((left, right) in edited_pair()) {
            let options = exact(1);
            prop_assert_eq!(compare(&left, &right, &options), compare(&left, &right, &options));
        }
    }
}

#[test]
fn outline_of_hostile_text_is_well_formed() {
    // A direct check of the outliner on the label soup, independent of read.
    for text in [
        "一、\n（一）\n1.\n第一条\n",
        "、、、、\n（（（（\n第第第条条\n",
        "\u{202e}一、\u{202c}标题",
    ] {
        invariants::check_outline(text, &outline(text));
        let _ = compare(text, text, &CompareOptions::default());
    }
}
