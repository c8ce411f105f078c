//! Inputs at and past the limits: each gets a correct comparison or an error a user can act
//! on, in bounded time, without a panic. Big inputs are generated here, never committed.
//!
//! Nothing here measures time: a comparison that ran away would hang the suite, and the
//! time budget's effect is asserted through the `approximate` flags it sets.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/src/input.rs"]
mod input;
#[path = "../fuzz/src/invariants.rs"]
mod invariants;

use notice_diff::{
    compare, outline, read, ArchiveLimit, CompareOptions, Comparison, FileKind, PairKind,
    ReadError, ReadOptions,
};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const MB: usize = 1024 * 1024;

const GUANGYUAN: &str = include_str!("fixtures/seeds/guangyuan-2016-gonghui-7th.txt");
const SEEDS: &[&str] = &[
    GUANGYUAN,
    include_str!("fixtures/seeds/dalian-2020-gonghui-17th.txt"),
    include_str!("fixtures/seeds/fangshan-2019-beijing-14th.txt"),
    include_str!("fixtures/seeds/quzhou-2018-speech-17th.txt"),
    include_str!("fixtures/seeds/wujin-2018-gonghui-17th.txt"),
];

/// A small deterministic generator (xorshift), so big inputs are varied but reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// Notice-like prose of at least `bytes` bytes on one line: common words of notices in a
/// pseudo-random order, so no two stretches are alike.
fn prose(bytes: usize, seed: u64) -> String {
    const WORDS: &[&str] = &[
        "各单位",
        "放假",
        "调休",
        "工作",
        "安排",
        "通知",
        "春节",
        "元旦",
        "值班",
        "做好",
        "安全",
        "检查",
        "落实",
        "要求",
        "，",
        "。",
        "的",
        "和",
        "2024年",
        "1月",
        "10日",
        "（一）",
        "职工",
    ];
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(bytes + 16);
    while out.len() < bytes {
        out.push_str(rng.pick(WORDS));
    }
    out
}

fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_owned(),
        10..=19 => format!("十{}", DIGITS[n % 10]),
        _ => format!("{}十{}", DIGITS[(n / 10) % 10], DIGITS[n % 10]),
    }
}

fn all_identical(c: &Comparison) -> bool {
    c.pairs.iter().all(|p| p.kind == PairKind::Identical)
}

// ── size per side ────────────────────────────────────────────────────────────────────────

#[test]
fn a_side_over_the_default_20_mb_is_refused_saying_the_limit() {
    assert_eq!(ReadOptions::default().max_bytes, 20 * MB);
    let bytes = "一、放假安排。\n".repeat(20 * MB / 20 + 1).into_bytes();
    assert!(bytes.len() > 20 * MB);
    for name in input::NAMES {
        let error = read(&bytes, name, &ReadOptions::default()).unwrap_err();
        assert!(
            matches!(error, ReadError::TooLarge { limit, .. } if limit == 20 * MB),
            "{name:?}: {error:?}"
        );
        let message = error.to_string();
        assert!(message.contains("20 MB"), "the limit in words: {message}");
    }
}

#[test]
fn the_size_limit_is_configurable_and_inclusive() {
    let options = ReadOptions {
        max_bytes: 1000,
        ..ReadOptions::default()
    };
    let text = prose(2000, 7);
    let at_limit = text
        .char_indices()
        .map(|(i, _)| i)
        .take_while(|&i| i <= 1000)
        .last()
        .unwrap();
    assert!(read(&text.as_bytes()[..at_limit], Some("a.txt"), &options).is_ok());
    let exactly = format!("{}{}", &text[..at_limit], " ".repeat(1000 - at_limit));
    assert_eq!(exactly.len(), 1000);
    assert!(read(exactly.as_bytes(), Some("a.txt"), &options).is_ok());
    let over = format!("{exactly} ");
    let error = read(over.as_bytes(), Some("a.txt"), &options).unwrap_err();
    assert!(
        matches!(error, ReadError::TooLarge { limit: 1000, .. }),
        "{error:?}"
    );
}

// ── shapes that break naive parsers and differs ─────────────────────────────────────────

#[test]
fn deeply_nested_html_reads_without_exhausting_the_stack() {
    const DEPTH: usize = 200_000;
    let cases = [
        format!(
            "{}一、放假时间。{}",
            "<div>".repeat(DEPTH),
            "</div>".repeat(DEPTH)
        ),
        // Never closed, and mixed inline/table/list nesting.
        format!("{}二、注意事项。", "<b><i><span>".repeat(DEPTH / 3)),
        format!(
            "{}三、值班安排。",
            "<table><tr><td><ul><li><blockquote>".repeat(DEPTH / 5)
        ),
    ];
    for (i, html) in cases.iter().enumerate() {
        let document = read(html.as_bytes(), Some("deep.html"), &ReadOptions::default())
            .unwrap_or_else(|e| panic!("case {i}: {e}"));
        assert!(
            document.text.contains("放假时间")
                || document.text.contains("注意事项")
                || document.text.contains("值班安排"),
            "case {i}: the text inside the nesting is kept"
        );
        assert!(
            !document.text.contains("<div>"),
            "case {i}: markup is not text"
        );
        invariants::check_outline(&document.text, &outline(&document.text));
    }
}

#[test]
fn a_five_megabyte_single_line_compares_exactly_or_approximately() {
    let left = prose(5 * MB, 1);
    assert!(!left.contains('\n'));
    // A few edits spread over the line: the realistic case of one huge paragraph. Made from
    // the end, so that each position is still one of the left text.
    let boundary = |at: usize| (at..).find(|&i| left.is_char_boundary(i)).unwrap();
    let (first, last) = (boundary(MB / 2), boundary(4 * MB));
    let mut right = left.clone();
    for (at, with) in [
        (last, "再改"),
        (boundary(2 * MB), "另外"),
        (first, "新增的文字"),
    ] {
        right.insert_str(at, with);
    }
    let comparison = invariants::compare_checked(&left, &right, &CompareOptions::default());
    if comparison.approximate {
        // Out of time, the differ may give up on the middle, but not on what is plainly the
        // same: the text before the first edit and after the last (give or take a token).
        let same = left[..first].chars().count() + left[last..].chars().count();
        assert!(
            comparison.stats.unchanged as usize >= same - 8,
            "{:?}",
            comparison.stats
        );
    } else {
        assert_eq!(comparison.stats.deleted, 0);
        assert_eq!(
            comparison.stats.inserted, 9,
            "the three insertions, 9 characters"
        );
    }
}

#[test]
fn a_hundred_thousand_headings_compare() {
    let mut left = String::new();
    for i in 0..100_000 {
        left.push_str(&format!(
            "{}、第{i}项规定\n本项要求各单位做好第{i}项工作。\n",
            chinese_numeral(i % 99 + 1)
        ));
    }
    // Renumbered, some sections dropped, some text changed.
    let right: String = left
        .lines()
        .enumerate()
        .filter(|(i, _)| i % 1000 != 0)
        .map(|(i, line)| {
            if i % 777 == 0 {
                format!("{}（已修改）\n", line.replace("做好", "落实"))
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    let comparison = invariants::compare_checked(&left, &right, &CompareOptions::default());
    assert!(comparison.similarity > 0.8, "{}", comparison.similarity);
    assert!(comparison.stats.deleted > 0 && comparison.stats.inserted > 0);
}

#[test]
fn a_million_short_lines_outline_and_compare() {
    let left = "\n".repeat(500_000) + &"甲\n".repeat(200_000) + &"\r\n".repeat(100_000);
    invariants::check_outline(&left, &outline(&left));
    let right = "甲\n".repeat(200_000);
    invariants::compare_checked(&left, &right, &CompareOptions::default());
}

#[test]
fn a_worst_case_diff_runs_out_of_budget_and_says_so() {
    // Two unrelated random strings over two characters: an exact minimal diff is quadratic
    // (edit distance ~ half the length), far beyond a 1 ms budget; what comes back must
    // still be an exact, if coarse, account of both texts.
    let random = |seed: u64| {
        let mut rng = Rng(seed);
        (0..200_000)
            .map(|_| if rng.next() & 1 == 0 { '甲' } else { '乙' })
            .collect::<String>()
    };
    let (left, right) = (random(3), random(4));
    let options = CompareOptions {
        time_budget_ms: 1,
        ..CompareOptions::default()
    };
    let comparison = invariants::compare_checked(&left, &right, &options);
    assert!(
        comparison.approximate,
        "a 1 ms budget cannot diff this exactly"
    );
    // With the default budget it also returns, exact or approximate, and consistent.
    invariants::compare_checked(&left, &right, &CompareOptions::default());
}

// ── what is not a notice at all ─────────────────────────────────────────────────────────

#[test]
fn binary_data_is_refused_as_binary() {
    let mut rng = Rng(11);
    let bytes: Vec<u8> = (0..MB).map(|_| rng.next() as u8).collect();
    for name in input::NAMES {
        let error = read(&bytes, name, &ReadOptions::default()).unwrap_err();
        assert!(
            matches!(
                error,
                ReadError::UnsupportedFormat {
                    kind: FileKind::Binary
                } | ReadError::Undecodable
            ) || (name == Some("notice.docx") && error.code() == "bad_docx"),
            "{name:?}: {error:?}"
        );
        assert!(!error.to_string().is_empty());
    }
}

#[test]
fn a_pdf_or_image_renamed_txt_is_named_for_what_it_is() {
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
    let png = [&b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"[..], &[0u8; 64]].concat();
    let jpeg = [&b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"[..], &[0u8; 64]].concat();
    for name in input::NAMES {
        let error = read(&pdf, name, &ReadOptions::default()).unwrap_err();
        assert_eq!(error.file_kind(), Some(FileKind::Pdf), "{name:?}");
        assert!(error.to_string().contains("PDF"), "{error}");
        for image in [&png, &jpeg] {
            let error = read(image, name, &ReadOptions::default()).unwrap_err();
            assert!(
                error.file_kind().is_some_and(FileKind::is_image),
                "{name:?}: {error:?}"
            );
            assert!(error.to_string().contains("image"), "{error}");
        }
    }
}

fn docx(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    // Stored: instant to write even unoptimised; the limits count inflated bytes anyway.
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, data) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn word(body: &str) -> Vec<u8> {
    format!(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    )
    .into_bytes()
}

#[test]
fn zip_bombs_are_refused_through_the_pipeline_with_a_message_a_user_understands() {
    // Expanding past the limit (here by what it declares; tests/read.rs also lies about it).
    let paragraph = "<w:p><w:r><w:t>一、重复的段落。</w:t></w:r></w:p>";
    let big = docx(&[("word/document.xml", &word(&paragraph.repeat(4000)))]);
    let small = ReadOptions {
        max_docx_uncompressed: 64 * 1024,
        ..ReadOptions::default()
    };
    let error = read(&big, Some("bomb.docx"), &small).unwrap_err();
    assert_eq!(
        error,
        ReadError::ZipBomb {
            limit: ArchiveLimit::Uncompressed { limit: 64 * 1024 }
        }
    );
    let message = error.to_string();
    assert!(
        message.contains("64 KB") && message.contains("zip bomb"),
        "{message}"
    );
    // Too many entries: the default limit, 10 000.
    let names: Vec<String> = (0..10_001).map(|i| format!("word/media/{i}.png")).collect();
    let document = word("<w:p><w:r><w:t>正文</w:t></w:r></w:p>");
    let mut entries: Vec<(&str, &[u8])> = vec![("word/document.xml", &document)];
    entries.extend(names.iter().map(|n| (n.as_str(), &b""[..])));
    let crowded = docx(&entries);
    for name in input::NAMES {
        let error = read(&crowded, name, &ReadOptions::default()).unwrap_err();
        assert_eq!(
            error,
            ReadError::ZipBomb {
                limit: ArchiveLimit::Entries { limit: 10_000 }
            },
            "{name:?}"
        );
        assert!(error.to_string().contains("10000 files"), "{error}");
    }
    // The same documents within the limits read and compare.
    let document = read(&big, Some("ok.docx"), &ReadOptions::default()).unwrap();
    invariants::compare_checked(&document.text, GUANGYUAN, &CompareOptions::default());
}

#[test]
fn a_deeply_nested_docx_compares() {
    let depth = 100_000;
    let body = format!(
        "{}<w:p><w:r><w:t>一、放假时间</w:t></w:r></w:p>{}",
        "<w:tbl><w:tr><w:tc><w:sdt><w:sdtContent>".repeat(depth / 5),
        "</w:sdtContent></w:sdt></w:tc></w:tr></w:tbl>".repeat(depth / 5)
    );
    let document = read(
        &docx(&[("word/document.xml", &word(&body))]),
        Some("deep.docx"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert!(document.text.contains("一、放假时间"));
    invariants::compare_both_ways(&document.text, GUANGYUAN, &CompareOptions::default());
}

#[test]
fn invalid_utf8_is_read_or_refused_never_a_panic() {
    let mut bytes = "一、放假时间\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\xfe\xc0\xaf\xed\xa0\x80\xf8\x88\x80\x80\x80\x80");
    bytes.extend_from_slice("二、注意事项\n".as_bytes());
    match read(&bytes, Some("notice.txt"), &ReadOptions::default()) {
        Ok(document) => {
            assert!(document.text.contains("注意事项"), "{:?}", document.text);
            invariants::compare_checked(&document.text, GUANGYUAN, &CompareOptions::default());
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
}

#[test]
fn empty_input_is_a_clear_error() {
    for bytes in [&b""[..], b"   \n\t\r\n", "\u{3000}\u{3000}\n".as_bytes()] {
        for name in input::NAMES {
            // An empty .docx is not a zip at all; any clear error will do there.
            match read(bytes, name, &ReadOptions::default()) {
                Err(ReadError::Empty) => {}
                Err(error) if name == Some("notice.docx") => {
                    assert!(!error.to_string().is_empty())
                }
                other => panic!("{name:?} {bytes:?}: {other:?}"),
            }
        }
    }
    assert!(!ReadError::Empty.to_string().is_empty());
}

#[test]
fn empty_texts_compare_as_nothing_changed() {
    let comparison = invariants::compare_both_ways("", "", &CompareOptions::default());
    assert!(comparison.pairs.is_empty());
    assert_eq!(comparison.similarity, 1.0);
    let comparison = invariants::compare_both_ways("", GUANGYUAN, &CompareOptions::default());
    assert!(comparison
        .pairs
        .iter()
        .all(|p| p.kind == PairKind::RightOnly));
    assert_eq!(comparison.similarity, 0.0);
}

// ── the two ends of similarity ──────────────────────────────────────────────────────────

#[test]
fn identical_documents_are_identical() {
    for text in SEEDS {
        for flags in [0, 15] {
            let options = input::options(flags);
            let comparison = invariants::compare_checked(text, text, &options);
            assert_eq!(comparison.similarity, 1.0);
            assert!(all_identical(&comparison));
            assert!(!comparison.approximate);
            assert_eq!(
                (
                    comparison.stats.inserted,
                    comparison.stats.deleted,
                    comparison.stats.changes
                ),
                (0, 0, 0)
            );
            let counts = comparison.counts;
            assert_eq!(counts.identical as usize, comparison.pairs.len());
        }
    }
}

#[test]
fn entirely_different_documents_share_nothing() {
    // Latin letters against a Chinese notice: not one character in common, whatever the
    // options fold (only the line breaks, which no pair's text includes at its ends).
    let latin = "Lorem ipsum dolor sit amet consectetur adipiscing elit\n".repeat(40);
    let latin = latin.replace(' ', "");
    for options in [CompareOptions::default(), input::options(0)] {
        let comparison = invariants::compare_both_ways(GUANGYUAN, &latin, &options);
        assert_eq!(comparison.stats.unchanged, 0, "{options:?}");
        assert_eq!(comparison.similarity, 0.0);
        assert!(comparison
            .pairs
            .iter()
            .all(|p| p.kind != PairKind::Identical));
    }
}

#[test]
fn unrelated_real_notices_compare_both_ways() {
    // Under the default time budget a direction that runs out of time is cut short where
    // the clock happened to stop, so the mirror is only checked when neither did (the
    // invariants are checked always); without a budget it is checked every time.
    let exact = CompareOptions {
        time_budget_ms: 0,
        ..CompareOptions::default()
    };
    for pair in SEEDS.windows(2) {
        invariants::compare_both_ways(pair[0], pair[1], &CompareOptions::default());
        let comparison = invariants::compare_both_ways(pair[0], pair[1], &exact);
        assert!(!comparison.approximate, "approximate without a time budget");
    }
    let _ = compare(SEEDS[0], SEEDS[4], &CompareOptions::default());
}
