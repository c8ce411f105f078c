#![cfg(not(target_arch = "wasm32"))]
//! The outline stage on real notices: checked snapshots of the five seeds, explicit
//! expectations read from the documents, every regulation, and properties on arbitrary text.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test --test outline` rewrites `tests/snapshots/outline/*.txt`;
//! review the diff against the documents before committing.

use notice_diff::{outline, read, sentences, Block, BlockKind, Outline, ReadOptions, Utf16Index};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn fixture(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
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
        out.push_str(block.kind.name());
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
    for (expected_id, block) in tree.walk().enumerate() {
        assert_eq!(block.id as usize, expected_id, "ids are pre-order");
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
            // A section opens with its heading line, except a body paragraph made a section
            // in a document without numbered sections: unlabelled, its paragraph alone.
            let body_paragraph = block.label.is_none()
                && block.ordinal.is_none()
                && block.children.len() == 1
                && block.children[0].kind == BlockKind::Paragraph;
            assert!(
                block.children.first().map(|c| c.kind) == Some(BlockKind::Heading)
                    || body_paragraph,
                "sections open with a heading: {:?}",
                block.children.first().map(|c| c.kind)
            );
            if body_paragraph {
                if let Some(heading) = block.heading.as_deref() {
                    assert!(
                        !heading.is_empty() && heading.chars().count() <= 40,
                        "{heading:?}"
                    );
                    // It is the start of the paragraph, spaces and markdown marks aside.
                    let visible = |s: &str| -> String {
                        s.chars()
                            .filter(|&c| {
                                !c.is_whitespace()
                                    && !matches!(
                                        c,
                                        '\u{200B}'
                                            ..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
                                    )
                            })
                            .collect()
                    };
                    let raw = &text[block.children[0].bytes.clone()];
                    let unmarked = raw.trim_start_matches('#');
                    let marked =
                        unmarked.len() < raw.len() && unmarked.starts_with(char::is_whitespace);
                    let paragraph = visible(if marked { unmarked } else { raw });
                    assert!(
                        paragraph.starts_with(&visible(heading)),
                        "{heading:?} starts {paragraph:?}"
                    );
                }
            }
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
    // Every visible character belongs to exactly one leaf (so every non-blank line does):
    // leaves in pre-order are in document order and disjoint, and together cover the text.
    let leaves: Vec<&Block> = tree.walk().filter(|b| b.children.is_empty()).collect();
    for pair in leaves.windows(2) {
        assert!(
            pair[0].bytes.end <= pair[1].bytes.start,
            "leaves are disjoint"
        );
    }
    let mut leaf = leaves.iter().peekable();
    for (at, c) in text.char_indices() {
        let invisible = c.is_whitespace()
            || matches!(
                c,
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
            );
        if invisible {
            continue;
        }
        while leaf.peek().is_some_and(|l| l.bytes.end <= at) {
            leaf.next();
        }
        let owner = leaf.peek().filter(|l| l.bytes.start <= at);
        assert!(
            owner.is_some(),
            "{:?} at {at} belongs to a leaf",
            clip(&text[at..], 20)
        );
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

// ---------------------------------------------------------------------------------------
// Explicit expectations, read from the documents.

fn top(tree: &Outline, kind: BlockKind) -> Vec<&Block> {
    tree.blocks.iter().filter(|b| b.kind == kind).collect()
}

fn sections(blocks: &[Block]) -> Vec<&Block> {
    blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Section)
        .collect()
}

fn labels(blocks: &[&Block]) -> Vec<String> {
    blocks
        .iter()
        .map(|b| b.label.clone().unwrap_or_default())
        .collect()
}

fn text_of<'a>(text: &'a str, block: &Block) -> &'a str {
    &text[block.bytes.clone()]
}

/// The non-blank lines of `text`, trimmed.
fn non_blank_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn guangyuan_sections_and_title() {
    let (text, tree) = snapshot("guangyuan-2016-gonghui-7th");
    let top_sections = sections(&tree.blocks);
    assert_eq!(labels(&top_sections), ["一、", "二、", "三、", "四、"]);
    assert_eq!(
        top_sections.iter().map(|s| s.ordinal).collect::<Vec<_>>(),
        [Some(1), Some(2), Some(3), Some(4)]
    );
    assert_eq!(
        labels(&sections(&top_sections[1].children)),
        ["（一）", "（二）", "（三）"]
    );
    assert_eq!(
        labels(&sections(&top_sections[2].children)),
        ["（一）", "（二）"]
    );
    assert!(sections(&top_sections[0].children).is_empty());
    assert!(sections(&top_sections[3].children).is_empty());
    // Run-in heading: the first sentence of the paragraph.
    let first = sections(&top_sections[1].children)[0];
    assert_eq!(
        first.heading.as_deref(),
        Some("深刻学习领会市委王菲书记的重要讲话精神")
    );
    assert_eq!(
        first.children.len(),
        1,
        "the whole paragraph is the heading block"
    );
    assert_eq!(first.children[0].kind, BlockKind::Heading);

    // The title spans the first three non-blank lines: 广元市总工会 / 关于…的 / 通  知.
    let titles = top(&tree, BlockKind::Title);
    assert_eq!(titles.len(), 1);
    let lines = non_blank_lines(&text);
    let title_text = text_of(&text, titles[0]);
    assert!(
        title_text.starts_with(lines[0]) && title_text.ends_with(lines[2]),
        "{title_text:?}"
    );
    assert_eq!(
        tree.title.as_deref(),
        Some("广元市总工会关于认真学习贯彻市第七次工代会精神的通知")
    );
    assert_eq!(tree.blocks[0].kind, BlockKind::Title);
    assert_eq!(tree.blocks[1].kind, BlockKind::Addressee);
    assert_eq!(tree.blocks[2].kind, BlockKind::Preamble);
    assert_eq!(
        text_of(&text, top(&tree, BlockKind::Signature)[0]),
        "广元市总工会"
    );
    assert_eq!(
        text_of(&text, top(&tree, BlockKind::Date)[0]),
        "2016年12月20日"
    );
}

#[test]
fn dalian_fixed_elements_and_clutter() {
    let (text, tree) = snapshot("dalian-2020-gonghui-17th");
    let doc_numbers = top(&tree, BlockKind::DocNumber);
    assert_eq!(doc_numbers.len(), 1);
    assert_eq!(text_of(&text, doc_numbers[0]), "大工发〔2020〕37号");
    let clutter = top(&tree, BlockKind::Clutter);
    assert_eq!(clutter.len(), 2);
    assert!(text_of(&text, clutter[0]).starts_with("发布时间:2020-12-17"));
    assert!(text_of(&text, clutter[1]).starts_with("上一篇:"));
    assert!(text_of(&text, clutter[1]).contains("下一篇:"));
    assert_eq!(tree.blocks.last().map(|b| b.kind), Some(BlockKind::Clutter));
    let signatures = top(&tree, BlockKind::Signature);
    assert_eq!(signatures.len(), 1);
    assert_eq!(text_of(&text, signatures[0]), "大连市总工会");
    let dates = top(&tree, BlockKind::Date);
    assert_eq!(dates.len(), 1);
    assert_eq!(text_of(&text, dates[0]), "20201216");
    assert_eq!(labels(&sections(&tree.blocks)), ["一、", "二、", "三、"]);
    let third = sections(&tree.blocks)[2];
    assert_eq!(
        labels(&sections(&third.children)),
        ["(一)", "(二)", "(三)", "(四)"]
    );
    // The request after the last item belongs to 三、, not to (四).
    assert_eq!(
        third.children.last().map(|b| b.kind),
        Some(BlockKind::Paragraph)
    );
}

#[test]
fn fangshan_mixed_styles_and_contacts() {
    let (text, tree) = snapshot("fangshan-2019-beijing-14th");
    let top_sections = sections(&tree.blocks);
    assert_eq!(labels(&top_sections), ["一、", "二、", "三、"]);
    let second = sections(&top_sections[1].children);
    assert_eq!(labels(&second), ["一是", "二是", "三是", "四是", "五是"]);
    assert!(second.iter().all(|s| s.level == 1));
    let third = sections(&top_sections[2].children);
    assert_eq!(labels(&third), ["1.", "2、", "3、", "4、", "5、"]);
    assert_eq!(
        third.iter().map(|s| s.ordinal).collect::<Vec<_>>(),
        [Some(1), Some(2), Some(3), Some(4), Some(5)]
    );
    assert!(third.iter().all(|s| s.level == 1));
    let contacts = top(&tree, BlockKind::Contact);
    assert_eq!(contacts.len(), 1);
    assert!(text_of(&text, contacts[0]).starts_with("联 系 人:马 \u{A0}莉"));
    assert!(text_of(&text, contacts[0]).ends_with("ghzxb123@163.com"));
    assert_eq!(contacts[0].children.len(), 3);
    assert_eq!(
        text_of(&text, top(&tree, BlockKind::Signature)[0]),
        "北京市房山区总工会"
    );
    assert_eq!(
        text_of(&text, top(&tree, BlockKind::Date)[0]),
        "2019年5月29日"
    );
}

#[test]
fn quzhou_speech_enumerations() {
    let (_, tree) = snapshot("quzhou-2018-speech-17th");
    assert_eq!(tree.title, None);
    assert_eq!(tree.blocks[0].kind, BlockKind::Addressee);
    assert_eq!(tree.blocks[1].kind, BlockKind::Preamble);
    let top_sections = sections(&tree.blocks);
    assert_eq!(labels(&top_sections), ["一是", "二是", "三是"]);
    let headings: Vec<_> = top_sections
        .iter()
        .map(|s| s.heading.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        headings,
        ["要学习好、领悟好", "要宣传好、动员好", "要贯彻好、落实好"]
    );
    assert_eq!(
        labels(&sections(&top_sections[2].children)),
        ["一要", "二要", "三要"]
    );
}

#[test]
fn wujin_title_and_unnumbered_series() {
    let (text, tree) = snapshot("wujin-2018-gonghui-17th");
    let titles = top(&tree, BlockKind::Title);
    assert_eq!(titles.len(), 1);
    let lines = non_blank_lines(&text);
    let title_text = text_of(&text, titles[0]);
    assert!(
        title_text.starts_with(lines[0]) && title_text.ends_with(lines[3]),
        "four lines"
    );
    assert_eq!(
        tree.title.as_deref(),
        Some("武进区总工会关于认真学习领会习近平总书记重要讲话精神切实抓好中国工会十七大精神学习宣传贯彻工作的通知")
    );
    let top_sections = sections(&tree.blocks);
    assert_eq!(labels(&top_sections), ["一、", "二、", "三、"]);
    assert_eq!(
        labels(&sections(&top_sections[0].children)),
        ["1.", "2.", "3.", "4.", "5."]
    );
    // "深入领会…。" ×3 under 二、 and "要强化…。" ×4 under 三、 are items without numbers.
    let second = sections(&top_sections[1].children);
    assert_eq!(second.len(), 3);
    assert!(second
        .iter()
        .all(|s| s.label.is_none() && s.ordinal.is_none()));
    assert_eq!(
        second[0].heading.as_deref(),
        Some("深入领会李克强总理作的经济形势报告")
    );
    let third = sections(&top_sections[2].children);
    let headings: Vec<_> = third
        .iter()
        .map(|s| s.heading.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        headings,
        [
            "要强化系统学习",
            "要强化宣讲培训",
            "要强化舆论宣传",
            "要强化落地见效"
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Regulations.

#[test]
fn every_regulation_has_a_title_and_sections() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regulations");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 22);
    for name in names {
        let text = fixture(&format!("regulations/{name}"));
        let tree = outline(&text);
        check_invariants(&text, &tree);
        let title = tree
            .title
            .as_deref()
            .unwrap_or_else(|| panic!("{name}: no title"));
        let first_line = text.lines().next().unwrap().trim_start_matches("# ");
        assert_eq!(title, first_line.trim(), "{name}");
        let all: Vec<&Block> = tree.walk().collect();
        assert!(
            all.iter().any(|b| b.kind == BlockKind::Section),
            "{name}: no section"
        );
        // Articles sit under chapters when there are chapters.
        let chapters: Vec<_> = tree
            .blocks
            .iter()
            .filter(|b| is_labelled(b, "章"))
            .collect();
        let articles: Vec<_> = all.iter().filter(|b| is_labelled(b, "条")).collect();
        if !chapters.is_empty() {
            assert!(
                articles.iter().all(|a| a.level == 1),
                "{name}: articles under chapters"
            );
            for chapter in &chapters {
                assert!(
                    chapter.children.iter().any(|c| is_labelled(c, "条")),
                    "{name}"
                );
            }
        } else if !articles.is_empty() {
            assert!(
                articles.iter().all(|a| a.level == 0),
                "{name}: articles at the top"
            );
        }
        // Article numbers run 1, 2, 3… without gaps.
        let numbers: Vec<u32> = articles.iter().filter_map(|a| a.ordinal).collect();
        assert_eq!(
            numbers,
            (1..=numbers.len() as u32).collect::<Vec<_>>(),
            "{name}"
        );
    }
}

fn is_labelled(block: &Block, suffix: &str) -> bool {
    block.kind == BlockKind::Section
        && block
            .label
            .as_deref()
            .is_some_and(|l| l.starts_with('第') && l.ends_with(suffix))
}

#[test]
fn regulation_items_nest_under_articles() {
    let text = fixture("regulations/fangjia_banfa_2024.txt");
    let tree = outline(&text);
    let articles = sections(&tree.blocks);
    assert_eq!(articles.len(), 8);
    assert_eq!(articles[1].label.as_deref(), Some("第二条"));
    let holidays = sections(&articles[1].children);
    assert_eq!(holidays.len(), 7);
    assert_eq!(
        holidays[0].heading.as_deref(),
        Some("元旦，放假1天（1月1日）")
    );
    // The adoption history stays as plain paragraphs, the corpus marker is clutter.
    let kinds: Vec<_> = tree.blocks.iter().take(8).map(|b| b.kind).collect();
    assert_eq!(kinds[0], BlockKind::Title);
    assert!(kinds[1..6].iter().all(|&k| k == BlockKind::Paragraph));
    assert_eq!(kinds[6], BlockKind::Clutter);
}

#[test]
fn notice_with_a_lost_first_section_keeps_the_rest() {
    // The scraped copy lost the labels 一、二、 but kept 三、.
    let text = fixture("regulations/notice_gaojian_xiuding_xingfa_di12tiao_1997.txt");
    let tree = outline(&text);
    assert_eq!(labels(&sections(&tree.blocks)), ["三、"]);
    assert_eq!(top(&tree, BlockKind::Addressee).len(), 1);
    assert_eq!(top(&tree, BlockKind::Signature).len(), 1);
    assert_eq!(top(&tree, BlockKind::Date).len(), 1);
}

// ---------------------------------------------------------------------------------------
// Government web pages, through the read stage.

#[test]
fn every_govcn_page_has_its_head_and_date() {
    let pages = read_all("govcn-html");
    assert_eq!(pages.len(), 60);
    for (name, text) in pages {
        let tree = outline(&text);
        check_invariants(&text, &tree);
        // Every page opens with its title and document number (国发〔2019〕5号, 第707号…)
        // and carries a written date.
        assert_eq!(tree.blocks[0].kind, BlockKind::Title, "{name}");
        let title = tree.title.as_deref().unwrap_or_default();
        assert!(title.chars().count() >= 6, "{name}: {title:?}");
        assert_eq!(tree.blocks[1].kind, BlockKind::DocNumber, "{name}");
        let number = text_of(&text, &tree.blocks[1]);
        assert!(number.ends_with('号'), "{name}: {number:?}");
        assert!(!top(&tree, BlockKind::Date).is_empty(), "{name}: no date");
    }
}

/// Every file of a fixture folder, by name, read by the read stage.
fn read_all(folder: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(&name)).unwrap();
            let text = read(&bytes, Some(&name), &ReadOptions::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .text;
            (name, text)
        })
        .collect()
}

#[test]
fn every_page_and_regulation_has_a_title_and_a_section() {
    let pages = read_all("govcn-html");
    let regulations = read_all("regulations");
    assert_eq!((pages.len(), regulations.len()), (60, 22));
    for (name, text) in pages.iter().chain(&regulations) {
        let tree = outline(text);
        check_invariants(text, &tree);
        let title = tree.title.as_deref().unwrap_or_default();
        assert!(!title.is_empty(), "{name}: no title");
        assert!(
            tree.walk().any(|b| b.kind == BlockKind::Section),
            "{name}: no section"
        );
    }
}

/// Top-level kinds and, for sections, their headings.
fn shape(tree: &Outline) -> Vec<(BlockKind, String)> {
    tree.blocks
        .iter()
        .map(|b| (b.kind, b.heading.clone().unwrap_or_default()))
        .filter(|(k, _)| *k != BlockKind::Title)
        .collect()
}

fn govcn(name: &str) -> (String, Outline) {
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/govcn-html")
            .join(name),
    )
    .unwrap();
    let text = read(&bytes, Some(name), &ReadOptions::default())
        .unwrap()
        .text;
    let tree = outline(&text);
    check_invariants(&text, &tree);
    (text, tree)
}

#[test]
fn a_reply_letter_keeps_its_opening_and_sections_its_answer() {
    // 国办函〔2006〕82号: "您提出的《关于设立总理热线电话的提案》收悉。经研究，答复如下：",
    // five paragraphs of answer, "感谢您对政府工作的关心与支持。", signature, date.
    let (text, tree) = govcn("govcn_26.html");
    use BlockKind::*;
    let kinds: Vec<BlockKind> = tree.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            Title, DocNumber, Addressee, Preamble, Section, Section, Section, Section, Section,
            Closing, Signature, Date, Clutter
        ]
    );
    assert!(text_of(&text, &tree.blocks[3]).ends_with("经研究，答复如下："));
    let answer = sections(&tree.blocks);
    assert!(answer
        .iter()
        .all(|s| s.label.is_none() && s.ordinal.is_none()));
    assert!(answer
        .iter()
        .all(|s| s.children.len() == 1 && s.children[0].kind == Paragraph));
    let headings: Vec<&str> = answer
        .iter()
        .map(|s| s.heading.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(
        headings,
        [
            // Short first sentences are the heading…
            "推进政务公开，实行科学民主决策是政府工作的一项基本制度",
            // …long ones are cut after a clause.
            "在国务院重大决策出台前，温家宝总理和有关领导同志都要召开座谈会",
            "信访是保证民意畅通的一个重要渠道",
            "今年初，中央政府门户网站正式开通，通过在线访谈、网上调查和意见征集等形式",
            "总的来看，国务院及有关部门与人民群众联系的方式和沟通渠道日益增多",
        ]
    );
    assert_eq!(
        text_of(&text, &answer[2].children[0]),
        non_blank_lines(&text)[7],
        "the paragraph is the whole line"
    );
    assert_eq!(
        text_of(&text, &tree.blocks[9]),
        "感谢您对政府工作的关心与支持。"
    );
}

#[test]
fn one_line_approvals_section_their_decision() {
    // 复函 and 批复 whose answer is one paragraph after "…的请示收悉。…现函复如下：".
    for (name, decision) in [
        (
            "govcn_24.html",
            "同意以哈尔滨市名义申办2009年第二十四届世界大学生冬季运动会",
        ),
        (
            "govcn_31.html",
            "同意以深圳市名义申办2011年第26届世界大学生夏季运动会（以下简称运动会）",
        ),
        (
            "govcn_45.html",
            "同意武警总部后勤部机关及部分直属单位迁址新建，所需建设资金由你们自筹解决",
        ),
    ] {
        let (text, tree) = govcn(name);
        let shape = shape(&tree);
        use BlockKind::*;
        let kinds: Vec<BlockKind> = shape.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            kinds,
            [DocNumber, Addressee, Preamble, Section, Signature, Date],
            "{name}"
        );
        assert!(text_of(&text, &tree.blocks[3]).contains("收悉"), "{name}");
        assert_eq!(shape[3].1, decision, "{name}");
    }
}

#[test]
fn decisions_without_an_opening_are_all_body() {
    // 国发〔2018〕44号 opens with what the State Council decides ("为…，国务院决定，对…给予
    // 奖励。"), not with a request answered or an announcement: all three paragraphs are body.
    let (_, tree) = govcn("govcn_11.html");
    let headings: Vec<String> = sections(&tree.blocks)
        .iter()
        .map(|s| s.heading.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        headings,
        [
            "为深入贯彻落实习近平新时代中国特色社会主义思想",
            "根据《国家科学技术奖励条例》的规定",
            "全国科学技术工作者要向刘永坦院士、钱七虎院士及全体获奖者学习",
        ]
    );
    assert!(top(&tree, BlockKind::Preamble).is_empty());
    // 国发〔2018〕43号 is one paragraph: the decision itself, not a preamble to nothing.
    let (_, tree) = govcn("govcn_16.html");
    assert!(top(&tree, BlockKind::Preamble).is_empty());
    let body = sections(&tree.blocks);
    assert_eq!(body.len(), 1);
    assert_eq!(
        body[0].heading.as_deref(),
        Some("为进一步支持海南省试点发展国际医疗旅游相关产业")
    );
}

#[test]
fn covering_letters_keep_their_preamble() {
    // 国发〔2019〕4号: "现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。" is
    // the whole letter, and introduces the plan that follows the date: it stays preamble.
    let (text, tree) = govcn("govcn_03.html");
    let preambles = top(&tree, BlockKind::Preamble);
    assert!(text_of(&text, preambles[0]).starts_with("现将《国家职业教育改革实施方案》印发给你们"));
    let first_section = tree
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Section)
        .unwrap();
    let date = tree
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Date)
        .unwrap();
    assert!(first_section > date, "the plan's sections, not the letter");
    // 国办发〔2019〕2号: the handing over is the opening, the two requests after it are body.
    let (text, tree) = govcn("govcn_08.html");
    use BlockKind::*;
    let head: Vec<BlockKind> = tree.blocks.iter().take(7).map(|b| b.kind).collect();
    assert_eq!(
        head,
        [Title, DocNumber, Addressee, Preamble, Section, Section, Signature]
    );
    assert!(text_of(&text, &tree.blocks[3]).contains("现印发给你们"));
    // 国办发〔1996〕32号 signs "国务院办公厅 &sp;" (an entity the page escaped twice).
    let (text, tree) = govcn("govcn_52.html");
    assert_eq!(
        text_of(&text, top(&tree, Signature)[0]),
        "国务院办公厅         &sp;"
    );
}

#[test]
fn table_rows_of_an_appendix_stay_paragraphs() {
    // 附件1 of 国函〔2006〕132号 (govcn_44) is a table of coordinates: its rows are not prose and
    // do not become sections; the note under it does.
    let (text, tree) = govcn("govcn_44.html");
    let row = tree
        .walk()
        .find(|b| text_of(&text, b).starts_with("1\t15172.500"))
        .unwrap();
    assert_eq!(row.kind, BlockKind::Paragraph);
    assert_eq!(row.level, 0);
    let note = tree
        .walk()
        .find(|b| b.kind == BlockKind::Section && text_of(&text, b).starts_with("注：坐标系统"))
        .unwrap();
    assert_eq!(
        note.heading.as_deref(),
        Some("注：坐标系统为深圳独立坐标系统")
    );
}

// ---------------------------------------------------------------------------------------
// Synthetic cases for what the fixtures do not show.

fn kinds_and_text(text: &str) -> Vec<(BlockKind, String)> {
    let tree = outline(text);
    check_invariants(text, &tree);
    tree.blocks
        .iter()
        .map(|b| (b.kind, text_of(text, b).chars().take(8).collect()))
        .collect()
}

#[test]
fn scraped_page_chrome_is_clutter() {
    let text = "\
关于做好2024年元旦放假工作的通知_某某市总工会
首页  工会要闻  通知公告  政策法规  网上服务  联系我们
当前位置：首页 > 通知公告 > 正文
关于做好2024年元旦放假工作的通知
发布时间：2023-12-20  来源：办公室  浏览次数：128
各区县总工会：
现将有关事项通知如下：
一、元旦放假1天。
二、各单位要做好值班安排。
特此通知。
市总工会办公室
2023年12月20日
【打印本页】【关闭窗口】
上一篇：关于开展送温暖活动的通知
下一篇：无
版权所有：某某市总工会  地址：某某路1号
京ICP备12345678号";
    let got = kinds_and_text(text);
    let kinds: Vec<BlockKind> = got.iter().map(|(k, _)| *k).collect();
    use BlockKind::*;
    assert_eq!(
        kinds,
        [
            Title, Clutter, Clutter, Title, Clutter, Addressee, Preamble, Section, Section,
            Closing, Signature, Date, Clutter, Clutter, Clutter, Clutter, Clutter
        ],
        "{got:?}"
    );
    assert_eq!(
        outline(text).title.as_deref(),
        Some("关于做好2024年元旦放假工作的通知"),
        "the site name of the page title is not part of the title"
    );
}

#[test]
fn whitespace_oddities_keep_original_ranges() {
    let text = "\u{FEFF}关于\u{3000}放假的\r\n通\u{A0}\u{A0}知\r\r各单位：\n\u{3000}\u{3000}一、元旦\u{200B}\r\n1月1日放假。\r二、春节\n\u{3000}2月放假。\u{3000}\n联 系 人：张三\r\n";
    let tree = outline(text);
    check_invariants(text, &tree);
    assert_eq!(tree.title.as_deref(), Some("关于放假的通知"));
    assert_eq!(
        text_of(text, &tree.blocks[0]),
        "关于\u{3000}放假的\r\n通\u{A0}\u{A0}知"
    );
    let secs = sections(&tree.blocks);
    assert_eq!(labels(&secs), ["一、", "二、"]);
    assert_eq!(secs[0].heading.as_deref(), Some("元旦"));
    assert_eq!(text_of(text, &secs[0].children[0]), "一、元旦");
    assert_eq!(text_of(text, &secs[1].children[1]), "2月放假。");
    assert_eq!(tree.blocks.last().map(|b| b.kind), Some(BlockKind::Contact));
}

#[test]
fn other_numbering_styles_nest_by_first_appearance() {
    let text = "\
第一部分 总体要求
第一节 目标
首先，要提高认识。加强学习。
其次，要落实责任。明确分工。
最后，要加强督查。定期通报。
第二节 原则
（1）依法依规。
（2）公开透明。
① 细则一
② 细则二
第二部分 保障措施
第一节 组织
1）加强领导；
2）压实责任；";
    let tree = outline(text);
    check_invariants(text, &tree);
    let parts = sections(&tree.blocks);
    assert_eq!(labels(&parts), ["第一部分", "第二部分"]);
    let jie = sections(&parts[0].children);
    assert_eq!(labels(&jie), ["第一节", "第二节"]);
    let firsts = sections(&jie[0].children);
    assert_eq!(labels(&firsts), ["首先，", "其次，", "最后，"]);
    assert_eq!(
        firsts.iter().map(|s| s.ordinal).collect::<Vec<_>>(),
        [Some(1), Some(2), Some(3)]
    );
    let parens = sections(&jie[1].children);
    assert_eq!(labels(&parens), ["（1）", "（2）"]);
    assert_eq!(labels(&sections(&parens[1].children)), ["①", "②"]);
    assert_eq!(
        labels(&sections(&sections(&parts[1].children)[0].children)),
        ["1）", "2）"]
    );
}

#[test]
fn a_style_seen_before_returns_to_its_level() {
    // "1." first appears inside （一）, so later "1." lists are at that depth too, and a
    // "（二）" closes the list and returns to its own level.
    let text =
        "一、甲\n（一）子甲\n1. 孙一\n2. 孙二\n（二）子乙\n1. 孙三\n2. 孙四\n二、乙\n（一）子丙";
    let tree = outline(text);
    let levels: Vec<(String, u8)> = tree
        .walk()
        .filter(|b| b.kind == BlockKind::Section)
        .map(|b| (b.label.clone().unwrap_or_default(), b.level))
        .collect();
    let expected = [
        ("一、", 0),
        ("（一）", 1),
        ("1.", 2),
        ("2.", 2),
        ("（二）", 1),
        ("1.", 2),
        ("2.", 2),
        ("二、", 0),
        ("（一）", 1),
    ];
    assert_eq!(levels, expected.map(|(l, n)| (l.to_owned(), n)));
}

#[test]
fn false_labels_are_paragraphs() {
    let text = "\
一、总体要求
2018.年度工作已经结束。
1.5亿元资金已经到位。
一是要加强领导，二是要落实责任。
第一次会议于今天召开。
三要素分析见附表。
1. 本段以数字开头却没有第二项。";
    let tree = outline(text);
    check_invariants(text, &tree);
    let secs: Vec<&Block> = tree
        .walk()
        .filter(|b| b.kind == BlockKind::Section)
        .collect();
    assert_eq!(labels(&secs), ["一、"]);
    assert_eq!(secs[0].children.len(), 7, "heading and six paragraphs");
}

#[test]
fn colon_series_are_items() {
    let text = "各单位：\n现将放假安排通知如下：\n元旦：1月1日放假，共1天。\n春节：2月10日至17日放假调休，共8天。\n清明节：4月4日至6日放假，共3天。\n特此通知。";
    let tree = outline(text);
    check_invariants(text, &tree);
    let secs = sections(&tree.blocks);
    assert_eq!(labels(&secs), ["元旦：", "春节：", "清明节："]);
    assert!(secs.iter().all(|s| s.ordinal.is_none() && s.level == 0));
    assert_eq!(secs[1].heading.as_deref(), Some("春节"));
    assert_eq!(tree.blocks[1].kind, BlockKind::Preamble);
    assert_eq!(tree.blocks.last().map(|b| b.kind), Some(BlockKind::Closing));
}

#[test]
fn forwarded_document_after_the_date_has_its_own_head() {
    let text = "\
国务院办公厅转发某局关于某事意见的通知
国办发〔1997〕2号
各省、自治区、直辖市人民政府：
某局《关于某事的意见》已经国务院同意，现转发给你们，请认真贯彻执行。
国务院办公厅
一九九七年二月四日
关于某事的意见
国务院：
现就有关工作提出如下意见：
一、加强领导
各地要加强领导。
以上意见如无不妥，请批转各地执行。
某局
一九九七年一月二十日";
    let got = kinds_and_text(text);
    use BlockKind::*;
    let kinds: Vec<BlockKind> = got.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        kinds,
        [
            Title, DocNumber, Addressee, Preamble, Signature, Date, Title, Addressee, Preamble,
            Section, Closing, Signature, Date
        ],
        "{got:?}"
    );
}

#[test]
fn letters_without_sections_have_a_body() {
    use BlockKind::*;
    // An opening in two paragraphs: the request answered, then the announcement.
    let text = "\
某市人民政府：
你市《关于某事的请示》收悉。
经研究，现批复如下：
同意你市开展某事试点。试点期限为三年。
试点工作要注重实效。
某省人民政府
2020年1月2日";
    let got = kinds_and_text(text);
    let kinds: Vec<BlockKind> = got.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        kinds,
        [Addressee, Preamble, Section, Section, Signature, Date],
        "{got:?}"
    );
    let tree = outline(text);
    assert_eq!(tree.blocks[1].children.len(), 2);
    assert_eq!(
        tree.blocks[2].heading.as_deref(),
        Some("同意你市开展某事试点")
    );
    assert_eq!(
        tree.blocks[3].heading.as_deref(),
        Some("试点工作要注重实效")
    );

    // The whole letter in one paragraph: it is the body, not a preamble to nothing.
    let text = "某局：\n你局的请示收悉，现批复如下：同意。\n某部\n2020年1月2日";
    let kinds: Vec<BlockKind> = kinds_and_text(text).iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, [Addressee, Section, Signature, Date]);

    // With sections after the date, a lone covering paragraph stays the preamble.
    let text = "\
各单位：
现将《某办法》印发给你们，请遵照执行。
某部
2020年1月2日
某办法
第一条 为了规范某事，制定本办法。
第二条 本办法自发布之日起施行。";
    let kinds: Vec<BlockKind> = kinds_and_text(text).iter().map(|(k, _)| *k).collect();
    assert_eq!(
        kinds,
        [Addressee, Preamble, Signature, Date, Title, Section, Section]
    );
}

#[test]
fn sentences_keep_closing_quotes() {
    let text = "前言。“一是要学习好。”二是要落实；\n第三句！";
    let got: Vec<&str> = sentences(text, 0..text.len())
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(
        got,
        ["前言。", "“一是要学习好。”", "二是要落实；", "第三句！"]
    );
    let inner = text.find('二').unwrap();
    let got: Vec<&str> = sentences(text, inner..text.len())
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(got, ["二是要落实；", "第三句！"]);
}

#[test]
fn empty_and_blank_texts() {
    for text in ["", "   ", "\n\r\n", "\u{200B}\u{FEFF}\u{3000}"] {
        let tree = outline(text);
        check_invariants(text, &tree);
        assert!(tree.blocks.is_empty(), "{text:?}");
        assert_eq!(tree.title, None);
    }
}

#[test]
fn one_line_texts_keep_the_contract() {
    // Once found by the properties below: a lone paragraph becomes a body section, whose
    // heading may be empty ("。") or follow a markdown mark ("## …").
    for text in ["。", "?", "## 要强化学习。", "#!0"] {
        let tree = outline(text);
        check_invariants(text, &tree);
        assert_eq!(tree.blocks.len(), 1, "{text:?}");
    }
    assert_eq!(outline("。").blocks[0].heading, None);
    assert_eq!(
        outline("## 要强化学习。").blocks[0].heading.as_deref(),
        Some("要强化学习")
    );
}

// ---------------------------------------------------------------------------------------
// Properties on arbitrary text.

/// Text made of the pieces notices are made of, glued at random.
fn noticeish() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "一、",
        "二、",
        "三、",
        "十一、",
        "（一）",
        "(二)",
        "（三）",
        "1.",
        "2、",
        "３．",
        "（1）",
        "(2)",
        "①",
        "②",
        "⑴",
        "第一条",
        "第二条",
        "第一章",
        "第二章",
        "第一节",
        "第一部分",
        "一是",
        "二是",
        "一要",
        "二要",
        "第一，",
        "第二，",
        "首先，",
        "其次，",
        "最后，",
        "元旦：",
        "春节:",
        "要强化学习。",
        "要强化落实。",
        "要强化宣传。",
        "关于",
        "的通知",
        "通  知",
        "各单位：",
        "如下：",
        "特此通知。",
        "联 系 人：",
        "电话：",
        "附件：",
        "附件1.",
        "大工发〔2020〕37号",
        "2016年12月20日",
        "二〇一六年十二月二十日",
        "20201216",
        "某某市总工会",
        "发布时间：",
        "上一篇：",
        "版权所有",
        "ICP备",
        "首页 新闻 政务 公开 服务",
        "<!-- x -->",
        "# ",
        "## ",
        "学习贯彻精神",
        "。",
        "，",
        "；",
        "：",
        "”",
        "“",
        "《",
        "》",
        "1",
        "2018.",
        "a",
        " ",
        "\u{3000}",
        "\u{A0}",
        "\u{200B}",
        "\u{FEFF}",
        "\n",
        "\n",
        "\n",
        "\r\n",
        "\r",
        "😀",
        "é",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_noticeish_text_outlines(text in noticeish()) {
        let tree = outline(&text);
        check_invariants(&text, &tree);
    }

    #[test]
    fn any_text_outlines(text in "\\PC{0,200}") {
        let tree = outline(&text);
        check_invariants(&text, &tree);
    }

    #[test]
    fn sentences_stay_in_bounds(text in noticeish(), a in 0usize..400, b in 0usize..400) {
        let ranges = sentences(&text, a..b);
        let mut last = 0;
        for r in ranges {
            prop_assert!(r.start < r.end && r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            prop_assert!(r.start >= last);
            prop_assert!(r.start >= a.min(text.len()));
            last = r.end;
        }
    }
}

/// Not a test of speed (timings do not belong in assertions): prints how long a 100 KB
/// notice takes, for `cargo test --release --test outline -- --ignored --nocapture`.
#[test]
#[ignore]
fn print_timing_of_a_large_notice() {
    let seed = fixture("seeds/wujin-2018-gonghui-17th.txt");
    let mut text = String::new();
    while text.len() < 100_000 {
        text.push_str(&seed);
    }
    let start = std::time::Instant::now();
    let rounds: u32 = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(50);
    for _ in 0..rounds {
        std::hint::black_box(outline(std::hint::black_box(&text)));
    }
    println!(
        "{} bytes: {:?} per outline",
        text.len(),
        start.elapsed() / rounds
    );
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(Utf16Index::new(std::hint::black_box(&text)));
    }
    println!(
        "(indexing the text alone for UTF-16: {:?})",
        start.elapsed() / rounds
    );
    // Shapes that could expose anything worse than linear.
    let one_line = seed.replace(['\n', '\r'], "").repeat(8);
    let labels = "1.\n".repeat(33_000);
    let headings = "一、二\n（一）三\n".repeat(8_000);
    let titles = "关于的通知\n".repeat(6_000);
    for (name, text) in [
        ("one line", one_line),
        ("labels", labels),
        ("headings", headings),
        ("titles", titles),
    ] {
        let start = std::time::Instant::now();
        let tree = outline(&text);
        println!(
            "{name}: {} bytes, {} blocks: {:?}",
            text.len(),
            tree.walk().count(),
            start.elapsed()
        );
    }
}
