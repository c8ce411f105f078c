#![cfg(not(target_arch = "wasm32"))]
//! The aligner on real notices and realistic edits of them.
//!
//! Most tests build outlines with the small outliner below rather than the crate's, so that
//! they test alignment alone: the crate's outliner is developed separately, and the
//! evaluation set (`tests/eval`, scored at the end) covers the two together.

use notice_diff::{align, outline, Block, BlockKind, Link, Outline, PairKind, Utf16Index};
use std::collections::BTreeSet;
use std::path::Path;

#[path = "common/pieces.rs"]
mod pieces;
#[path = "common/regulations.rs"]
mod regulations;

// ---------------------------------------------------------------------------------------
// A minimal outliner for tests: numbered lines open sections (the first numbering style
// seen is the top level, a new style inside it one deeper), other lines are paragraphs of
// the innermost open section; a few fixed elements are recognised by their look.
// ---------------------------------------------------------------------------------------

fn label_of(line: &str) -> Option<(u8, String)> {
    let numerals = "一二三四五六七八九十";
    let mut chars = line.chars();
    let first = chars.next()?;
    let rest: String = chars.clone().collect();
    if first == '第' {
        let n: String = rest.chars().take_while(|c| numerals.contains(*c)).collect();
        let after = rest.chars().nth(n.chars().count())?;
        if !n.is_empty() && after == '条' {
            return Some((0, format!("第{n}条")));
        }
        return None;
    }
    if first == '（' || first == '(' {
        let n: String = rest.chars().take_while(|c| numerals.contains(*c)).collect();
        let after = rest.chars().nth(n.chars().count())?;
        if !n.is_empty() && (after == '）' || after == ')') {
            return Some((1, format!("{first}{n}{after}")));
        }
        return None;
    }
    if numerals.contains(first) {
        let n: String = line.chars().take_while(|c| numerals.contains(*c)).collect();
        let after = line.chars().nth(n.chars().count())?;
        if after == '、' {
            return Some((2, format!("{n}、")));
        }
        return None;
    }
    if first.is_ascii_digit() {
        let n: String = line.chars().take_while(|c| c.is_ascii_digit()).collect();
        let after = line.chars().nth(n.len())?;
        if after == '.' || after == '、' {
            // "2018年" is a date, "1." and "1、" are labels.
            return Some((3, format!("{n}{after}")));
        }
    }
    None
}

struct Draft {
    kind: BlockKind,
    label: Option<String>,
    heading: Option<String>,
    bytes: std::ops::Range<usize>,
    children: Vec<Draft>,
    style: u8,
}

fn finish(d: Draft, index: &Utf16Index, level: u8, next: &mut u32) -> Block {
    let id = *next;
    *next += 1;
    let children: Vec<Block> = d
        .children
        .into_iter()
        .map(|c| finish(c, index, level + 1, next))
        .collect();
    let end = children.last().map_or(d.bytes.end, |c| c.bytes.end);
    let bytes = d.bytes.start..end.max(d.bytes.end);
    Block {
        id,
        kind: d.kind,
        level,
        label: d.label,
        ordinal: None,
        heading: d.heading,
        range: index.span(&bytes),
        bytes,
        children,
    }
}

fn is_date(line: &str) -> bool {
    line.ends_with('日') && line.contains('年') && line.chars().count() <= 12
}

/// Outlines `text` the simple way described above.
fn mini_outline(text: &str) -> Outline {
    let index = Utf16Index::new(text);
    let mut lines: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            let start = at + raw.find(trimmed).unwrap_or(0);
            lines.push((start..start + trimmed.len(), trimmed));
        }
        at += raw.len();
    }
    let mut top: Vec<Draft> = Vec::new();
    // Open sections, innermost last; each knows its numbering style.
    let mut open: Vec<Draft> = Vec::new();
    let mut styles: Vec<u8> = Vec::new();
    let mut seen_section = false;
    let mut seen_title = false;
    let close_to = |open: &mut Vec<Draft>, top: &mut Vec<Draft>, depth: usize| {
        while open.len() > depth {
            let d = open.pop().unwrap();
            match open.last_mut() {
                Some(parent) => parent.children.push(d),
                None => top.push(d),
            }
        }
    };
    let dates: Vec<bool> = lines.iter().map(|(_, l)| is_date(l)).collect();
    for (k, (bytes, line)) in lines.into_iter().enumerate() {
        let next_is_date = dates.get(k + 1).copied().unwrap_or(false);
        if let Some((style, label)) = label_of(line) {
            seen_section = true;
            let depth = match open.iter().position(|d| d.style == style) {
                Some(p) => p,
                None => {
                    if !styles.contains(&style) {
                        styles.push(style);
                    }
                    open.len()
                }
            };
            close_to(&mut open, &mut top, depth);
            let heading = line[label.len()..].trim().to_owned();
            open.push(Draft {
                kind: BlockKind::Section,
                label: Some(label),
                heading: Some(heading),
                bytes: bytes.clone(),
                children: vec![Draft {
                    kind: BlockKind::Heading,
                    label: None,
                    heading: None,
                    bytes,
                    children: Vec::new(),
                    style: 0,
                }],
                style,
            });
            continue;
        }
        let clutter = ["上一篇", "发布时间", "<!--", "首页", "【", "版权所有"];
        let kind = if clutter.iter().any(|c| line.starts_with(c)) {
            BlockKind::Clutter
        } else if !seen_title {
            seen_title = true;
            BlockKind::Title
        } else if line.contains('〔') && line.ends_with('号') {
            BlockKind::DocNumber
        } else if is_date(line) && seen_section {
            BlockKind::Date
        } else if next_is_date && line.chars().count() <= 16 && !line.contains('。') {
            BlockKind::Signature
        } else if !seen_section
            && (line.ends_with('：') || line.ends_with(':'))
            && line.starts_with('各')
        {
            BlockKind::Addressee
        } else if !seen_section {
            BlockKind::Preamble
        } else {
            BlockKind::Paragraph
        };
        let leaf = Draft {
            kind,
            label: None,
            heading: None,
            bytes,
            children: Vec::new(),
            style: 0,
        };
        let in_body = matches!(kind, BlockKind::Paragraph);
        match open.last_mut() {
            Some(section) if in_body => section.children.push(leaf),
            _ => {
                close_to(&mut open, &mut top, 0);
                top.push(leaf);
            }
        }
    }
    close_to(&mut open, &mut top, 0);
    let mut next = 0;
    Outline {
        title: None,
        blocks: top
            .into_iter()
            .map(|d| finish(d, &index, 0, &mut next))
            .collect(),
        length: index.at(text.len()),
    }
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

fn fixture(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// Two texts with their mini outlines, aligned.
struct Case {
    left: String,
    right: String,
    lo: Outline,
    ro: Outline,
    links: Vec<Link>,
}

impl Case {
    fn new(left: &str, right: &str) -> Case {
        let lo = mini_outline(left);
        let ro = mini_outline(right);
        let links = align(left, &lo, right, &ro);
        Case {
            left: left.to_owned(),
            right: right.to_owned(),
            lo,
            ro,
            links,
        }
    }

    /// The first block (pre-order) on a side whose text starts with `prefix` (or is
    /// exactly `prefix` without its final `$`).
    fn id(&self, right: bool, prefix: &str) -> u32 {
        let (text, outline) = if right {
            (&self.right, &self.ro)
        } else {
            (&self.left, &self.lo)
        };
        let matches = |t: &str| match prefix.strip_suffix('$') {
            Some(exact) => t.trim() == exact,
            None => t.trim_start().starts_with(prefix),
        };
        outline
            .walk()
            .find(|b| matches(&text[b.bytes.clone()]))
            .unwrap_or_else(|| panic!("no block starts with {prefix}"))
            .id
    }

    /// The link (anywhere in the tree, shallowest first) holding the left block `prefix`.
    fn link_of_left(&self, prefix: &str) -> &Link {
        let id = self.id(false, prefix);
        find(&self.links, &|l: &Link| l.left.contains(&id))
            .unwrap_or_else(|| panic!("no link holds left {prefix}"))
    }

    fn link_of_right(&self, prefix: &str) -> &Link {
        let id = self.id(true, prefix);
        find(&self.links, &|l: &Link| l.right.contains(&id))
            .unwrap_or_else(|| panic!("no link holds right {prefix}"))
    }

    /// Asserts that the left block `l` is paired with exactly the right blocks `rs`.
    fn assert_pair(&self, l: &str, rs: &[&str], kind: PairKind) {
        let link = self.link_of_left(l);
        let want: Vec<u32> = rs.iter().map(|r| self.id(true, r)).collect();
        assert_eq!(link.right, want, "{l} ↔ {rs:?}\n{}", self.dump());
        assert_eq!(link.kind, kind, "{l} ↔ {rs:?}\n{}", self.dump());
    }

    fn assert_left_only(&self, l: &str) {
        let link = self.link_of_left(l);
        assert_eq!(link.kind, PairKind::LeftOnly, "{l}\n{}", self.dump());
    }

    fn assert_right_only(&self, r: &str) {
        let link = self.link_of_right(r);
        assert_eq!(link.kind, PairKind::RightOnly, "{r}\n{}", self.dump());
    }

    fn dump(&self) -> String {
        let mut out = String::new();
        dump_links(&self.links, self, 0, &mut out);
        out
    }
}

fn find<'a>(links: &'a [Link], pred: &dyn Fn(&Link) -> bool) -> Option<&'a Link> {
    links
        .iter()
        .find(|l| pred(l))
        .or_else(|| links.iter().find_map(|l| find(&l.children, pred)))
}

fn short(text: &str, outline: &Outline, id: u32) -> String {
    outline
        .block(id)
        .map(|b| text[b.bytes.clone()].trim().chars().take(18).collect())
        .unwrap_or_default()
}

fn dump_links(links: &[Link], case: &Case, depth: usize, out: &mut String) {
    for l in links {
        let left: Vec<String> = l
            .left
            .iter()
            .map(|&i| short(&case.left, &case.lo, i))
            .collect();
        let right: Vec<String> = l
            .right
            .iter()
            .map(|&i| short(&case.right, &case.ro, i))
            .collect();
        out.push_str(&format!(
            "{}{:?} {:.2} {:?} ↔ {:?}\n",
            "  ".repeat(depth),
            l.kind,
            l.similarity,
            left,
            right
        ));
        dump_links(&l.children, case, depth + 1, out);
    }
}

/// A link tree as a set, with left and right swapped when `mirror`.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Canon {
    kind: String,
    left: Vec<u32>,
    right: Vec<u32>,
    similarity: u32,
    children: BTreeSet<Canon>,
}

fn canon(links: &[Link], mirror: bool) -> BTreeSet<Canon> {
    links
        .iter()
        .map(|l| {
            let kind = if mirror {
                match l.kind {
                    PairKind::Merged => PairKind::Split,
                    PairKind::Split => PairKind::Merged,
                    PairKind::LeftOnly => PairKind::RightOnly,
                    PairKind::RightOnly => PairKind::LeftOnly,
                    k => k,
                }
            } else {
                l.kind
            };
            let (left, right) = if mirror {
                (l.right.clone(), l.left.clone())
            } else {
                (l.left.clone(), l.right.clone())
            };
            Canon {
                kind: format!("{kind:?}"),
                left,
                right,
                similarity: l.similarity.to_bits(),
                children: canon(&l.children, mirror),
            }
        })
        .collect()
}

fn assert_symmetric(left: &str, lo: &Outline, right: &str, ro: &Outline, name: &str) {
    let forward = align(left, lo, right, ro);
    let backward = align(right, ro, left, lo);
    assert_eq!(
        canon(&forward, false),
        canon(&backward, true),
        "align({name}) is not the mirror of the swapped alignment"
    );
}

/// Every block appears in at most one link, and every top-level block in one.
fn assert_covers(links: &[Link], lo: &Outline, ro: &Outline) {
    let mut seen = [BTreeSet::new(), BTreeSet::new()];
    fn walk(links: &[Link], seen: &mut [BTreeSet<u32>; 2]) {
        for l in links {
            for &id in &l.left {
                assert!(seen[0].insert(id), "left block {id} appears twice");
            }
            for &id in &l.right {
                assert!(seen[1].insert(id), "right block {id} appears twice");
            }
            walk(&l.children, seen);
        }
    }
    walk(links, &mut seen);
    for b in &lo.blocks {
        assert!(
            seen[0].contains(&b.id),
            "left top-level block {} missing",
            b.id
        );
    }
    for b in &ro.blocks {
        assert!(
            seen[1].contains(&b.id),
            "right top-level block {} missing",
            b.id
        );
    }
}

#[test]
#[ignore = "prints an alignment: ALIGN_LEFT=… ALIGN_RIGHT=… cargo test --test align dump -- --ignored --nocapture"]
fn dump() {
    let (Ok(l), Ok(r)) = (std::env::var("ALIGN_LEFT"), std::env::var("ALIGN_RIGHT")) else {
        return;
    };
    let load = |path: &str| {
        let bytes = std::fs::read(path).unwrap();
        notice_diff::read(&bytes, Some(path), &Default::default())
            .unwrap()
            .text
    };
    let (left, right) = (load(&l), load(&r));
    let case = if std::env::var("ALIGN_REAL").is_ok() {
        let lo = outline(&left);
        let ro = outline(&right);
        let links = align(&left, &lo, &right, &ro);
        Case {
            left,
            right,
            lo,
            ro,
            links,
        }
    } else {
        Case::new(&left, &right)
    };
    println!("{}", case.dump());
}

#[test]
#[ignore = "prints the evaluation with the test outliner: cargo test --test align eval_mini -- --ignored --nocapture"]
fn eval_mini() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let report = notice_diff::evaluate_with(&dir, &mini_outline);
    println!("{report:#}");
}

// ---------------------------------------------------------------------------------------
// Symmetry and coverage on every pair of real documents
// ---------------------------------------------------------------------------------------

/// Every pair the tests compare: the evaluation cases, the seeds against each other, and
/// the regulations' old and new versions.
fn fixture_pairs() -> Vec<(String, String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut pairs = Vec::new();
    let mut cases: Vec<_> = std::fs::read_dir(root.join("eval"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("left.txt").is_file())
        .collect();
    cases.sort();
    for case in cases {
        let read = |f: &str| std::fs::read_to_string(case.join(f)).unwrap();
        pairs.push((
            case.file_name().unwrap().to_string_lossy().into_owned(),
            read("left.txt"),
            read("right.txt"),
        ));
    }
    let mut seeds: Vec<_> = std::fs::read_dir(root.join("fixtures/seeds"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    seeds.sort();
    for (i, a) in seeds.iter().enumerate() {
        for b in &seeds[i + 1..] {
            pairs.push((
                format!("{} ~ {}", a.display(), b.display()),
                std::fs::read_to_string(a).unwrap(),
                std::fs::read_to_string(b).unwrap(),
            ));
        }
    }
    for (a, b) in regulations::RELATED_REGULATIONS {
        let read = |n: &str| fixture(&format!("fixtures/regulations/{n}.txt"));
        pairs.push((format!("{a} ~ {b}"), read(a), read(b)));
    }
    pairs
}

#[test]
fn aligning_the_other_way_round_gives_the_mirror_image() {
    for (name, left, right) in fixture_pairs() {
        let (lo, ro) = (mini_outline(&left), mini_outline(&right));
        assert_symmetric(&left, &lo, &right, &ro, &format!("{name}, test outliner"));
        let (lo, ro) = (outline(&left), outline(&right));
        assert_symmetric(&left, &lo, &right, &ro, &name);
    }
}

/// The government pages, read by the read stage, each against the next.
fn page_pairs() -> Vec<(String, String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/govcn-html");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(f).unwrap();
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            let doc = notice_diff::read(&bytes, Some(&name), &Default::default()).unwrap();
            (name, doc.text)
        })
        .collect();
    texts
        .windows(2)
        .map(|w| {
            (
                format!("{} ~ {}", w[0].0, w[1].0),
                w[0].1.clone(),
                w[1].1.clone(),
            )
        })
        .collect()
}

#[test]
fn government_pages_align_symmetrically_and_completely() {
    for (name, left, right) in page_pairs() {
        let (lo, ro) = (outline(&left), outline(&right));
        assert_symmetric(&left, &lo, &right, &ro, &name);
        assert_covers(&align(&left, &lo, &right, &ro), &lo, &ro);
    }
}

#[test]
fn every_block_is_shown_once() {
    for (_, left, right) in fixture_pairs() {
        for (lo, ro) in [
            (mini_outline(&left), mini_outline(&right)),
            (outline(&left), outline(&right)),
        ] {
            let links = align(&left, &lo, &right, &ro);
            assert_covers(&links, &lo, &ro);
            let back = align(&right, &ro, &left, &lo);
            assert_covers(&back, &ro, &lo);
        }
    }
}

#[test]
fn a_notice_against_itself_is_identical_throughout() {
    let text = fixture("fixtures/seeds/dalian-2020-gonghui-17th.txt");
    let o = mini_outline(&text);
    let links = align(&text, &o, &text, &o);
    fn all_identical(links: &[Link]) -> bool {
        links.iter().all(|l| {
            l.kind == PairKind::Identical
                && l.similarity == 1.0
                && l.left == l.right
                && all_identical(&l.children)
        })
    }
    assert!(all_identical(&links));
    assert_eq!(links.len(), o.blocks.len());
}

#[test]
fn empty_and_one_sided_inputs() {
    let empty = mini_outline("");
    assert!(align("", &empty, "", &empty).is_empty());
    let text = fixture("fixtures/seeds/guangyuan-2016-gonghui-7th.txt");
    let o = mini_outline(&text);
    let links = align(&text, &o, "", &empty);
    assert_eq!(links.len(), o.blocks.len());
    assert!(links
        .iter()
        .all(|l| l.kind == PairKind::LeftOnly && l.right.is_empty()));
    let links = align("", &empty, &text, &o);
    assert!(links
        .iter()
        .all(|l| l.kind == PairKind::RightOnly && l.left.is_empty()));
}

// ---------------------------------------------------------------------------------------
// What the aligner must get right, on real notices and realistic edits of them
// ---------------------------------------------------------------------------------------

fn eval_case(name: &str) -> Case {
    Case::new(
        &fixture(&format!("eval/{name}/left.txt")),
        &fixture(&format!("eval/{name}/right.txt")),
    )
}

#[test]
fn renumbered_sections_pair_by_content() {
    // Section 二 removed upstream: 三 became 二 and 四 became 三.
    let c = eval_case("guangyuan_renumber");
    c.assert_left_only("二、深入领会和准确把握");
    c.assert_pair("三、切实抓好", &["二、切实抓好"], PairKind::Modified);
    c.assert_pair(
        "四、以市第七次工代会为引领",
        &["三、以市第七次工代会为引领"],
        PairKind::Modified,
    );
    // Inside, the unchanged items are identical.
    c.assert_pair(
        "（一）以高度的政治自觉",
        &["（一）以高度的政治自觉"],
        PairKind::Identical,
    );
    c.assert_pair("各地各单位", &["各地各单位"], PairKind::Identical);
}

#[test]
fn a_moved_section_is_reported_as_moved() {
    let c = eval_case("dalian_reorder");
    // 二 and 三 swapped: exactly one of them is the move.
    let kinds = [
        c.link_of_left("二、准确把握").kind,
        c.link_of_left("三、迅速掀起").kind,
    ];
    assert_eq!(
        kinds.iter().filter(|&&k| k == PairKind::Moved).count(),
        1,
        "{}",
        c.dump()
    );
    assert_eq!(
        c.link_of_left("二、准确把握").right,
        vec![c.id(true, "三、准确把握")]
    );
    // The first item moved to the end of its section; the others stay in place.
    c.assert_pair(
        "(一)要切实抓好学习培训",
        &["(四)要切实抓好学习培训"],
        PairKind::Moved,
    );
    c.assert_pair(
        "(二)要集中开展宣讲活动",
        &["(一)要集中开展宣讲活动"],
        PairKind::Modified,
    );
    c.assert_pair(
        "(四)要认真制定落实举措",
        &["(三)要认真制定落实举措"],
        PairKind::Modified,
    );
    // Nothing is reported deleted or inserted.
    assert!(
        find(&c.links, &|l: &Link| matches!(
            l.kind,
            PairKind::LeftOnly | PairKind::RightOnly
        ))
        .is_none(),
        "{}",
        c.dump()
    );
}

#[test]
fn two_items_merged_into_one() {
    let c = eval_case("holiday_2019_2020");
    let link = c.link_of_left("六、中秋节");
    assert_eq!(link.kind, PairKind::Merged, "{}", c.dump());
    assert_eq!(
        link.left,
        vec![c.id(false, "六、中秋节"), c.id(false, "七、国庆节")]
    );
    assert_eq!(link.right, vec![c.id(true, "六、国庆节、中秋节")]);
    c.assert_pair("五、端午节", &["五、端午节"], PairKind::Modified);
}

#[test]
fn one_item_split_into_two() {
    let c = eval_case("holiday_2023_2024");
    c.assert_pair(
        "六、中秋节、国庆节",
        &["六、中秋节", "七、国庆节"],
        PairKind::Split,
    );
    // The templated items around it pair by name, not by template.
    c.assert_pair("三、清明节", &["三、清明节"], PairKind::Modified);
    c.assert_pair("五、端午节", &["五、端午节"], PairKind::Modified);
}

#[test]
fn a_section_moved_a_level_down_pairs_across_levels() {
    let c = eval_case("guangyuan_level_down");
    c.assert_pair(
        "四、以市第七次工代会为引领",
        &["（三）以市第七次工代会为引领"],
        PairKind::Modified,
    );
    // Not read as 三 and 四 merged into 三.
    c.assert_pair("三、切实抓好", &["三、切实抓好"], PairKind::Modified);
    // Mirror: a sub-item moved a level up.
    let up = Case::new(&c.right, &c.left);
    up.assert_pair(
        "（三）以市第七次工代会为引领",
        &["四、以市第七次工代会为引领"],
        PairKind::Modified,
    );
}

#[test]
fn stripped_numbering_does_not_matter() {
    let c = eval_case("holiday_stripped");
    for (l, r) in [
        ("一、元旦", "元旦："),
        ("三、清明节", "清明节："),
        ("六、中秋节", "中秋节："),
        ("七、国庆节", "国庆节："),
    ] {
        let link = c.link_of_left(l);
        assert_eq!(link.right, vec![c.id(true, r)], "{l}\n{}", c.dump());
        assert!(matches!(
            link.kind,
            PairKind::Modified | PairKind::Identical
        ));
    }
}

#[test]
fn renamed_headings_and_rewritten_bodies_still_pair() {
    let c = eval_case("fangshan_edit");
    // A new heading over the same body.
    let renamed = c.link_of_left("二、全面准确理解和把握");
    assert_eq!(
        renamed.right,
        vec![c.id(true, "二、深刻领会北京市工会十四大的精神实质")]
    );
    // A rewritten paragraph under the same heading.
    c.assert_pair(
        "北京市工会第十四次代表大会,是在",
        &["这次大会是全市工会系统"],
        PairKind::Modified,
    );
    // Items renumbered in another style.
    c.assert_pair(
        "三是深入领会陈吉宁",
        &["（三）深入领会陈吉宁"],
        PairKind::Modified,
    );
    // A dropped item, a renumbered one and a new one.
    c.assert_left_only("4、狠抓工作落实");
    c.assert_pair(
        "5、做好相关资料上报工作",
        &["4、做好相关资料上报工作"],
        PairKind::Modified,
    );
    c.assert_right_only("5、加强督促检查");
}

#[test]
fn page_clutter_has_no_counterpart() {
    let c = eval_case("dalian_clutter");
    for clutter in ["首页", "【字体", "发布时间", "上一篇", "版权所有"] {
        c.assert_right_only(clutter);
    }
    c.assert_pair("大工发", &["大工发"], PairKind::Identical);
    c.assert_pair("三、迅速掀起", &["三、迅速掀起"], PairKind::Identical);
}

#[test]
fn fixed_elements_pair_by_kind_and_an_extract_pairs_its_one_item() {
    // A university's notice on 清明节 taken from the State Council's holiday notice.
    let c = eval_case("holiday_extract");
    c.assert_pair(
        "国务院办公厅关于2019年",
        &["关于2019年清明节放假安排的通知"],
        PairKind::Modified,
    );
    c.assert_pair("各省、自治区", &["各学院、各部门"], PairKind::Modified);
    c.assert_pair("国务院办公厅$", &["学校办公室"], PairKind::Modified);
    c.assert_pair("2018年12月4日", &["2019年3月28日"], PairKind::Modified);
    c.assert_left_only("国办发明电");
    let item = c.link_of_left("三、清明节");
    assert_eq!(
        item.right,
        vec![c.id(true, "清明节：4月5日放假")],
        "{}",
        c.dump()
    );
    for other in [
        "一、元旦",
        "二、春节",
        "四、劳动节",
        "五、端午节",
        "六、中秋节",
    ] {
        c.assert_left_only(other);
    }
}

#[test]
fn right_only_links_follow_their_preceding_right_neighbour() {
    let c = eval_case("fangshan_edit");
    let section = c.link_of_left("三、扎实做好");
    let order: Vec<PairKind> = section.children.iter().map(|l| l.kind).collect();
    let new = c.id(true, "5、加强督促检查");
    let before = c.id(true, "4、做好相关资料上报工作");
    let at = section
        .children
        .iter()
        .position(|l| l.right == vec![new])
        .unwrap();
    assert_eq!(section.children[at - 1].right, vec![before], "{order:?}");
    // Top level: the right-only revision notes of the 2024 regulation follow the 2007 one.
    let c = eval_case("fangjia_banfa");
    let at = c
        .links
        .iter()
        .position(|l| l.right == vec![c.id(true, "2013年12月11日")])
        .unwrap();
    assert_eq!(c.links[at - 1].left, vec![c.id(false, "2007年12月14日")]);
    assert_eq!(c.links[at + 1].right, vec![c.id(true, "2024年11月10日")]);
}

#[test]
fn links_serialise_in_snake_case() {
    let c = eval_case("holiday_2023_2024");
    let json = serde_json::to_string(&c.links).unwrap();
    assert!(json.contains("\"kind\":\"split\""), "{json}");
    assert!(json.contains("\"kind\":\"identical\""));
    let back: Vec<Link> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c.links);
}

// ---------------------------------------------------------------------------------------
// Quality on the evaluation set, end to end with the crate's outliner
// ---------------------------------------------------------------------------------------

#[test]
fn link_accuracy_on_the_evaluation_set() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let report = notice_diff::evaluate(&dir);
    assert!(report.cases.len() >= 12, "{report}");
    assert!(
        report.errors().is_empty(),
        "annotation errors: {:?}",
        report.errors()
    );
    assert!(report.accuracy() >= 0.95, "{report:#}");
    assert!(
        report.accuracy() > report.baseline_accuracy() + 0.1,
        "{report:#}"
    );
}

// ---------------------------------------------------------------------------------------
// Random edits of a real notice
// ---------------------------------------------------------------------------------------

mod edits {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Edit {
        Delete(usize),
        Duplicate(usize),
        Swap(usize, usize),
        Insert(usize, usize),
        Retype(usize),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (0..200usize).prop_map(Edit::Delete),
            (0..200usize).prop_map(Edit::Duplicate),
            (0..200usize, 0..200usize).prop_map(|(a, b)| Edit::Swap(a, b)),
            (0..200usize, 0..200usize).prop_map(|(a, b)| Edit::Insert(a, b)),
            (0..200usize).prop_map(Edit::Retype),
        ]
    }

    fn apply(text: &str, edits: &[Edit], donor: &str) -> String {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let donor: Vec<&str> = donor.lines().filter(|l| !l.trim().is_empty()).collect();
        for e in edits {
            let n = lines.len().max(1);
            match *e {
                Edit::Delete(i) if !lines.is_empty() => {
                    lines.remove(i % n);
                }
                Edit::Duplicate(i) if !lines.is_empty() => {
                    let l = lines[i % n].clone();
                    lines.insert(i % n, l);
                }
                Edit::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
                Edit::Insert(at, from) if !donor.is_empty() => {
                    lines.insert(at % (lines.len() + 1), donor[from % donor.len()].to_owned())
                }
                Edit::Retype(i) if !lines.is_empty() => {
                    let l = &mut lines[i % n];
                    *l = l
                        .replace('，', ",")
                        .replace('。', ".")
                        .replace("工会", "工 会");
                }
                _ => {}
            }
        }
        lines.join("\n")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn random_edits_keep_the_alignment_symmetric_and_complete(
            edits in proptest::collection::vec(edit(), 0..12),
            which in 0..3usize,
        ) {
            let base = ["fixtures/seeds/dalian-2020-gonghui-17th.txt",
                        "eval/holiday_2019_2020/left.txt",
                        "fixtures/regulations/guoji_shangshi_fating_2018.txt"][which];
            let left = fixture(base);
            let right = apply(&left, &edits, &fixture("fixtures/seeds/guangyuan-2016-gonghui-7th.txt"));
            for (lo, ro) in [(mini_outline(&left), mini_outline(&right)), (outline(&left), outline(&right))] {
                let links = align(&left, &lo, &right, &ro);
                assert_covers(&links, &lo, &ro);
                assert_symmetric(&left, &lo, &right, &ro, "edited");
            }
        }
    }
}

/// Builds a long notice (about `bytes` long) out of the fixtures, numbered as one document.
fn long_text(bytes: usize, seed: u64) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paragraphs: Vec<String> = Vec::new();
    for dir in ["seeds", "regulations"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(f).unwrap();
            paragraphs.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| l.chars().count() > 8)
                    .map(str::to_owned),
            );
        }
    }
    let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let mut out = String::new();
    let mut state = seed;
    let mut section = 0;
    while out.len() < bytes {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        if state % 23 == 0 {
            section += 1;
            out.push_str(&format!(
                "{}、第{}部分的要求\n",
                numerals[section % 10],
                section
            ));
        }
        let p = &paragraphs[(state >> 33) as usize % paragraphs.len()];
        out.push_str(p);
        out.push('\n');
    }
    out
}

#[test]
#[ignore = "prints timings: cargo test --release --test align timing -- --ignored --nocapture"]
fn timing() {
    use std::time::Instant;
    let left = fixture("fixtures/seeds/dalian-2020-gonghui-17th.txt");
    let right = fixture("fixtures/seeds/guangyuan-2016-gonghui-7th.txt");
    let (lo, ro) = (outline(&left), outline(&right));
    let runs: u32 = std::env::var("ALIGN_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(200);
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(align(&left, &lo, &right, &ro));
    }
    println!(
        "two seed notices: {:?} per alignment",
        start.elapsed() / runs
    );
    let mut edited_left = fixture("fixtures/seeds/wujin-2018-gonghui-17th.txt");
    edited_left.push_str(&fixture("fixtures/seeds/quzhou-2018-speech-17th.txt"));
    let (elo, ero) = (outline(&edited_left), outline(&right));
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(align(&edited_left, &elo, &right, &ero));
    }
    println!(
        "two larger notices: {:?} per alignment",
        start.elapsed() / runs
    );
}

#[test]
#[ignore = "prints timings: cargo test --release --test align timing -- --ignored --nocapture"]
fn timing_large() {
    use std::time::Instant;
    let big = long_text(1 << 20, 1);
    let other = long_text(1 << 20, 2);
    let mut lines: Vec<&str> = big.lines().collect();
    let n = lines.len();
    lines.swap(n / 50, n * 9 / 10);
    lines.drain(n / 3..n / 3 + 100);
    let edited = lines.join("\n");
    // No numbering at all: one flat list of paragraphs on each side.
    let flat: String = big
        .lines()
        .filter(|l| !l.contains("部分的要求"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut flat_lines: Vec<&str> = flat.lines().collect();
    let n = flat_lines.len();
    flat_lines.swap(n / 7, n * 6 / 7);
    let flat_edited = flat_lines.join("\n");
    // The same line thousands of times.
    let same = "其他情节严重的情形。\n".repeat(30_000);
    let same_edited = format!("附件：名单\n{}", "其他情节严重的情形。\n".repeat(29_000));
    let only = std::env::var("ALIGN_CASE").ok();
    for (name, a, b) in [
        ("1 MB vs an edited copy", &big, &edited),
        ("1 MB vs 1 MB unrelated", &big, &other),
        ("1 MB flat vs an edited copy", &flat, &flat_edited),
        ("30 000 identical lines", &same, &same_edited),
    ] {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let t = Instant::now();
        let (ao, bo) = (outline(a), outline(b));
        let outlined = t.elapsed();
        let (am, bm) = (mini_outline(a), mini_outline(b));
        for (which, x, y) in [("crate outliner", &ao, &bo), ("test outliner", &am, &bm)] {
            let t = Instant::now();
            let links = align(a, x, b, y);
            println!(
                "{name}, {which}: {} + {} blocks, align {:?} (outline {:?}), {} top-level links",
                x.walk().count(),
                y.walk().count(),
                t.elapsed(),
                outlined,
                links.len()
            );
        }
    }
}

mod malformed {
    use super::*;
    use proptest::prelude::*;

    const KINDS: [BlockKind; 13] = [
        BlockKind::Title,
        BlockKind::DocNumber,
        BlockKind::Addressee,
        BlockKind::Preamble,
        BlockKind::Section,
        BlockKind::Heading,
        BlockKind::Paragraph,
        BlockKind::Closing,
        BlockKind::Contact,
        BlockKind::Attachment,
        BlockKind::Signature,
        BlockKind::Date,
        BlockKind::Clutter,
    ];

    /// A block with an arbitrary kind, range (past the end, reversed, inside a character),
    /// label and nesting, as a buggy outliner might produce.
    fn block() -> impl Strategy<Value = Block> {
        let leaf =
            (0..13usize, 0..400usize, 0..400usize, any::<bool>()).prop_map(|(k, a, b, label)| {
                Block {
                    id: 0,
                    kind: KINDS[k],
                    level: 0,
                    label: label.then(|| "一、".to_owned()),
                    ordinal: label.then_some(1),
                    heading: label.then(|| "元旦：放假".to_owned()),
                    range: Default::default(),
                    bytes: a..b,
                    children: Vec::new(),
                }
            });
        leaf.prop_recursive(3, 24, 4, |inner| {
            (inner.clone(), proptest::collection::vec(inner, 0..4)).prop_map(|(mut b, children)| {
                b.children = children;
                b
            })
        })
    }

    fn number(blocks: &mut [Block], next: &mut u32) {
        for b in blocks {
            b.id = *next;
            *next += 1;
            number(&mut b.children, next);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_outline_aligns_without_panicking(
            mut lb in proptest::collection::vec(block(), 0..6),
            mut rb in proptest::collection::vec(block(), 0..6),
            unique_ids in any::<bool>(),
        ) {
            let text = fixture("eval/holiday_2019_2020/left.txt");
            let other = fixture("eval/holiday_2023_2024/right.txt");
            if unique_ids {
                number(&mut lb, &mut 0);
                number(&mut rb, &mut 0);
            }
            let lo = Outline { title: None, blocks: lb, length: 0 };
            let ro = Outline { title: None, blocks: rb, length: 0 };
            let links = align(&text, &lo, &other, &ro);
            let back = align(&other, &ro, &text, &lo);
            if unique_ids {
                assert_covers(&links, &lo, &ro);
                assert_covers(&back, &ro, &lo);
            }
        }
    }
}

#[test]
fn hostile_files_align_symmetrically() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let notice = fixture("fixtures/seeds/guangyuan-2016-gonghui-7th.txt");
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let Ok(doc) = notice_diff::read(&bytes, Some(&name), &Default::default()) else {
            continue;
        };
        for other in [&notice, &doc.text] {
            let (lo, ro) = (outline(&doc.text), outline(other));
            assert_symmetric(&doc.text, &lo, other, &ro, &name);
            assert_covers(&align(&doc.text, &lo, other, &ro), &lo, &ro);
        }
    }
}

mod generated {
    use super::*;
    use proptest::prelude::*;

    use super::pieces::PIECES;

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(0..PIECES.len(), 0..80)
            .prop_map(|ids| ids.into_iter().map(|i| PIECES[i]).collect())
    }

    fn edited() -> impl Strategy<Value = (String, String)> {
        (
            text(),
            proptest::collection::vec((0..80usize, 0..PIECES.len(), any::<bool>()), 0..8),
        )
            .prop_map(|(left, edits)| {
                let mut pieces: Vec<String> = left.chars().map(String::from).collect();
                for (at, piece, insert) in edits {
                    let at = at % (pieces.len() + 1);
                    if insert || at == pieces.len() {
                        pieces.insert(at, PIECES[piece].to_owned());
                    } else {
                        pieces.remove(at);
                    }
                }
                (left, pieces.concat())
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn generated_texts_align_symmetrically((left, right) in edited(), other in text()) {
            for r in [&right, &other] {
                let (lo, ro) = (outline(&left), outline(r));
                assert_symmetric(&left, &lo, r, &ro, "generated");
                assert_covers(&align(&left, &lo, r, &ro), &lo, &ro);
            }
        }
    }
}
