#![cfg(not(target_arch = "wasm32"))]
//! The outline stage on real notices: checked snapshots of the five seeds, explicit
//! expectations read from the documents, every regulation, and properties on arbitrary text.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test --test outline` rewrites `tests/snapshots/outline/*.txt`;
//! review the diff against the documents before committing.

use notice_diff::{outline, sentences, Block, BlockKind, Outline, Utf16Index};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn fixture(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn kind_name(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Title => "title",
        BlockKind::DocNumber => "doc_number",
        BlockKind::Addressee => "addressee",
        BlockKind::Preamble => "preamble",
        BlockKind::Section => "section",
        BlockKind::Heading => "heading",
        BlockKind::Paragraph => "paragraph",
        BlockKind::Closing => "closing",
        BlockKind::Contact => "contact",
        BlockKind::Attachment => "attachment",
        BlockKind::Signature => "signature",
        BlockKind::Date => "date",
        BlockKind::Clutter => "clutter",
    }
}

fn clip(text: &str, n: usize) -> String {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = text.chars().take(n).collect();
    if text.chars().count() > n {
        out.push('…');
    }
    out
}

/// One line per block: indentation = level, kind, label, «heading» (clipped) and, for blocks
/// without a heading, the start of their text.
fn render(text: &str, tree: &Outline) -> String {
    let mut out = format!("title: {}\n", tree.title.as_deref().unwrap_or("-"));
    for block in tree.walk() {
        out.push_str(&"  ".repeat(block.level as usize));
        out.push_str(kind_name(block.kind));
        if let Some(label) = &block.label {
            out.push(' ');
            out.push_str(label);
        }
        match &block.heading {
            Some(heading) => out.push_str(&format!(" «{}»", clip(heading, 12))),
            None => out.push_str(&format!(" | {}", clip(&text[block.bytes.clone()], 12))),
        }
        out.push('\n');
    }
    out
}

fn snapshot(name: &str) -> (String, Outline) {
    let text = fixture(&format!("seeds/{name}.txt"));
    let tree = outline(&text);
    check_invariants(&text, &tree);
    let rendered = render(&text, &tree);
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/outline")
        .join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &rendered).unwrap();
    } else {
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_SNAPSHOTS=1)", path.display()));
        assert_eq!(rendered, expected, "outline of {name} changed");
    }
    (text, tree)
}

/// The tree contract the aligner and renderer rely on.
fn check_invariants(text: &str, tree: &Outline) {
    let index = Utf16Index::new(text);
    let mut expected_id = 0;
    for block in tree.walk() {
        assert_eq!(block.id, expected_id, "ids are pre-order");
        expected_id += 1;
        let b = &block.bytes;
        assert!(b.start <= b.end && b.end <= text.len(), "{b:?} in bounds");
        assert!(text.is_char_boundary(b.start) && text.is_char_boundary(b.end));
        assert_eq!(block.range, index.span(b), "UTF-16 range agrees with bytes");
        let slice = &text[b.clone()];
        assert_eq!(slice, slice.trim(), "ranges are trimmed");
        if !block.children.is_empty() {
            let first = &block.children[0];
            let last = &block.children[block.children.len() - 1];
            assert_eq!(
                b.start, first.bytes.start,
                "parent starts with its first child"
            );
            assert_eq!(b.end, last.bytes.end, "parent ends with its last child");
        }
        if block.kind == BlockKind::Section {
            assert_eq!(
                block.children[0].kind,
                BlockKind::Heading,
                "sections open with a heading"
            );
        }
        for child in &block.children {
            assert_eq!(child.level, block.level + 1);
        }
        for pair in block.children.windows(2) {
            assert!(pair[0].bytes.end <= pair[1].bytes.start, "siblings ordered");
        }
    }
    for block in &tree.blocks {
        assert_eq!(block.level, 0);
    }
    for pair in tree.blocks.windows(2) {
        assert!(
            pair[0].bytes.end <= pair[1].bytes.start,
            "top-level blocks ordered"
        );
    }
    // Every non-blank line belongs to exactly one leaf.
    let leaves: Vec<&Block> = tree.walk().filter(|b| b.children.is_empty()).collect();
    let mut start = 0;
    for line in text.split_inclusive(['\n', '\r']) {
        let end = start + line.len();
        let visible = line.char_indices().find(|&(_, c)| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
                )
        });
        if let Some((offset, _)) = visible {
            let at = start + offset;
            let owners = leaves
                .iter()
                .filter(|l| l.bytes.start <= at && at < l.bytes.end)
                .count();
            assert_eq!(owners, 1, "line {:?} belongs to one leaf", clip(line, 20));
        }
        start = end;
    }
    assert_eq!(tree.length, index.at(text.len()));
}

#[test]
fn snapshot_guangyuan() {
    snapshot("guangyuan-2016-gonghui-7th");
}

#[test]
fn snapshot_dalian() {
    snapshot("dalian-2020-gonghui-17th");
}

#[test]
fn snapshot_fangshan() {
    snapshot("fangshan-2019-beijing-14th");
}

#[test]
fn snapshot_quzhou() {
    snapshot("quzhou-2018-speech-17th");
}

#[test]
fn snapshot_wujin() {
    snapshot("wujin-2018-gonghui-17th");
}
