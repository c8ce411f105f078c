#![cfg(not(target_arch = "wasm32"))]
//! The inline differ on real notices: exactness, readability, options, time budget.

use notice_diff::{diff_text, CompareOptions, Edit, EditKind, TextDiff};
use proptest::prelude::*;
use similar::Instant;
use std::path::PathBuf;

fn fixture(path: &str) -> String {
    let full: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", path]
        .iter()
        .collect();
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn seeds() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(
        [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "seeds"]
            .iter()
            .collect::<PathBuf>(),
    )
    .unwrap()
    .map(|e| e.unwrap().file_name().into_string().unwrap())
    .filter(|n| n.ends_with(".txt"))
    .collect();
    names.sort();
    assert_eq!(names.len(), 5, "the five seed notices");
    names.into_iter().map(|n| format!("seeds/{n}")).collect()
}

/// Old and new versions of the same regulations.
const REVISIONS: [(&str, &str); 5] = [
    ("fangjia_banfa_2013", "fangjia_banfa_2024"),
    ("guoji_shangshi_fating_2018", "guoji_shangshi_fating_2023"),
    ("zhishichanquan_fating_2018", "zhishichanquan_fating_2023"),
    (
        "jingyingzhe_jizhong_shenbao_2018",
        "jingyingzhe_jizhong_shenbao_2024",
    ),
    ("huanjing_wuran_jieshi_2016", "huanjing_wuran_jieshi_2023"),
];

fn revisions() -> Vec<(String, String)> {
    REVISIONS
        .iter()
        .map(|(a, b)| {
            (
                fixture(&format!("regulations/{a}.txt")),
                fixture(&format!("regulations/{b}.txt")),
            )
        })
        .collect()
}

/// Every combination of the four switches (time budget off).
fn all_options() -> Vec<CompareOptions> {
    (0..16u8)
        .map(|bits| CompareOptions {
            ignore_whitespace: bits & 1 != 0,
            fold_width: bits & 2 != 0,
            ignore_punctuation: bits & 4 != 0,
            fold_numerals: bits & 8 != 0,
            time_budget_ms: 0,
        })
        .collect()
}

fn strict() -> CompareOptions {
    all_options().remove(0)
}

/// The contract: equal + deleted ranges spell the left text, equal + inserted ranges the
/// right text, in order, on character boundaries; deletes are empty on the right and
/// inserts empty on the left; no empty edits.
fn assert_exact(left: &str, right: &str, diff: &TextDiff) {
    let (mut l, mut r) = (0, 0);
    let (mut spelled_left, mut spelled_right) = (String::new(), String::new());
    for e in &diff.edits {
        assert!(
            !(e.left.is_empty() && e.right.is_empty()),
            "empty edit {e:?}"
        );
        assert_eq!(e.left.start, l, "left ranges are consecutive: {e:?}");
        assert_eq!(e.right.start, r, "right ranges are consecutive: {e:?}");
        let lt = left
            .get(e.left.clone())
            .expect("left range on char boundaries");
        let rt = right
            .get(e.right.clone())
            .expect("right range on char boundaries");
        match e.kind {
            EditKind::Equal => {
                spelled_left.push_str(lt);
                spelled_right.push_str(rt);
            }
            EditKind::Delete => {
                assert!(e.right.is_empty(), "delete with right text {e:?}");
                spelled_left.push_str(lt);
            }
            EditKind::Insert => {
                assert!(e.left.is_empty(), "insert with left text {e:?}");
                spelled_right.push_str(rt);
            }
        }
        (l, r) = (e.left.end, e.right.end);
    }
    assert_eq!(spelled_left, left);
    assert_eq!(spelled_right, right);
}

/// Maximal runs of non-equal edits, as (deleted text, inserted text).
/// What `diff_text(right, left)` must return when `diff` is `diff_text(left, right)`: every
/// edit seen from the other side (deletes become inserts, ranges swap), each run of changes
/// again one delete anchored where the run starts on the right, then one insert anchored
/// where the deleted text ends on the left.
fn mirror(diff: &TextDiff) -> Vec<Edit> {
    let mut out: Vec<Edit> = Vec::new();
    let mut run: Vec<Edit> = Vec::new();
    let flush = |out: &mut Vec<Edit>, run: &mut Vec<Edit>| {
        let deleted = run.iter().find(|e| e.kind == EditKind::Delete).cloned();
        let inserted = run.iter().find(|e| e.kind == EditKind::Insert).cloned();
        // Swapped, a run reads insert then delete; put it back in the diff's order.
        if let (Some(d), Some(i)) = (&deleted, &inserted) {
            out.push(Edit {
                kind: EditKind::Delete,
                left: d.left.clone(),
                right: i.right.start..i.right.start,
            });
            out.push(Edit {
                kind: EditKind::Insert,
                left: d.left.end..d.left.end,
                right: i.right.clone(),
            });
        } else {
            out.extend(deleted.into_iter().chain(inserted));
        }
        run.clear();
    };
    for e in &diff.edits {
        let swapped = Edit {
            kind: match e.kind {
                EditKind::Equal => EditKind::Equal,
                EditKind::Delete => EditKind::Insert,
                EditKind::Insert => EditKind::Delete,
            },
            left: e.right.clone(),
            right: e.left.clone(),
        };
        if swapped.kind == EditKind::Equal {
            flush(&mut out, &mut run);
            out.push(swapped);
        } else {
            assert!(
                run.iter().all(|r| r.kind != swapped.kind),
                "a run of changes is one delete and one insert: {:?}",
                diff.edits
            );
            run.push(swapped);
        }
    }
    flush(&mut out, &mut run);
    out
}

/// `diff_text(right, left)` is `diff_text(left, right)` seen from the other side.
fn assert_mirrored(left: &str, right: &str, options: &CompareOptions) {
    let forward = diff_text(left, right, options, None);
    let backward = diff_text(right, left, options, None);
    assert_eq!(
        backward.edits,
        mirror(&forward),
        "diff_text(b, a) is not diff_text(a, b) mirrored under {options:?}"
    );
    assert_eq!(backward.approximate, forward.approximate);
}

fn changes<'a>(left: &'a str, right: &'a str, diff: &TextDiff) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    let mut open = false;
    for e in &diff.edits {
        if e.kind == EditKind::Equal {
            open = false;
            continue;
        }
        match out.last_mut() {
            Some((l, r)) if open => {
                l.end = e.left.end;
                r.end = e.right.end;
            }
            _ => out.push((e.left.clone(), e.right.clone())),
        }
        open = true;
    }
    out.into_iter()
        .map(|(l, r)| (&left[l], &right[r]))
        .collect()
}

fn all_equal(diff: &TextDiff) -> bool {
    diff.edits.iter().all(|e| e.kind == EditKind::Equal)
}

/// Renders a diff inline as `[-deleted-]{+inserted+}` for reading.
fn render(left: &str, right: &str, diff: &TextDiff) -> String {
    let mut out = String::new();
    for e in &diff.edits {
        match e.kind {
            EditKind::Equal => out.push_str(&left[e.left.clone()]),
            EditKind::Delete => out.push_str(&format!("[-{}-]", &left[e.left.clone()])),
            EditKind::Insert => out.push_str(&format!("{{+{}+}}", &right[e.right.clone()])),
        }
    }
    out
}

/// `SHOW_LEFT=a.txt SHOW_RIGHT=b.txt cargo test --test diff show -- --ignored --nocapture`
/// prints a diff to read.
#[test]
#[ignore]
fn show() {
    let (Ok(l), Ok(r)) = (std::env::var("SHOW_LEFT"), std::env::var("SHOW_RIGHT")) else {
        return;
    };
    let left = std::fs::read_to_string(l).unwrap();
    let right = std::fs::read_to_string(r).unwrap();
    let diff = diff_text(&left, &right, &CompareOptions::default(), None);
    println!("{}", render(&left, &right, &diff));
}

// ---- exactness on real notices ----

#[test]
fn exact_on_every_seed_pair_both_ways() {
    let texts: Vec<String> = seeds().iter().map(|p| fixture(p)).collect();
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            for (l, r) in [(a, b), (b, a)] {
                assert_exact(l, r, &diff_text(l, r, &CompareOptions::default(), None));
            }
        }
    }
}

#[test]
fn exact_on_revisions_under_every_option_combination() {
    for (old, new) in revisions() {
        for options in all_options() {
            for (l, r) in [(&old, &new), (&new, &old)] {
                let diff = diff_text(l, r, &options, None);
                assert_exact(l, r, &diff);
                assert!(!diff.approximate);
            }
        }
    }
}

#[test]
fn exact_on_seed_pairs_under_every_option_combination() {
    let texts: Vec<String> = seeds().iter().map(|p| fixture(p)).collect();
    for pair in texts.windows(2) {
        for options in all_options() {
            assert_exact(
                &pair[0],
                &pair[1],
                &diff_text(&pair[0], &pair[1], &options, None),
            );
        }
    }
}

// ---- symmetry (issues #4 and #9) ----

#[test]
fn diffing_the_other_way_round_gives_the_mirror_on_seed_pairs() {
    let texts: Vec<String> = seeds().iter().map(|p| fixture(p)).collect();
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            assert_mirrored(a, b, &CompareOptions::default());
        }
    }
}

#[test]
fn diffing_the_other_way_round_gives_the_mirror_on_revisions() {
    for (old, new) in revisions() {
        for options in all_options() {
            assert_mirrored(&old, &new, &options);
        }
    }
}

#[test]
fn repeated_text_is_diffed_the_same_way_round_from_either_side() {
    // Two equally short scripts each way: the inserted 甲乙 after the first, or before the
    // second; which one does not matter, that both directions choose it does.
    for (left, right) in [
        ("甲乙甲乙", "甲乙甲乙甲乙"),
        ("ab", "ba"),
        ("一、甲乙甲乙\n", "一、乙甲乙甲\n"),
        (
            "2024年1月1日2024年1月1日",
            "2024年1月1日，2024年1月1日2024年1月1日",
        ),
    ] {
        for options in all_options() {
            assert_mirrored(left, right, &options);
        }
    }
}

#[test]
fn a_text_against_itself_is_one_equality() {
    for path in seeds() {
        let text = fixture(&path);
        for options in all_options() {
            let diff = diff_text(&text, &text, &options, None);
            assert_eq!(
                diff.edits,
                [Edit {
                    kind: EditKind::Equal,
                    left: 0..text.len(),
                    right: 0..text.len()
                }]
            );
        }
    }
}

#[test]
fn empty_texts() {
    let options = CompareOptions::default();
    assert!(diff_text("", "", &options, None).edits.is_empty());
    let diff = diff_text("", "通知", &options, None);
    assert_eq!(diff.edits.len(), 1);
    assert_eq!(diff.edits[0].kind, EditKind::Insert);
    let diff = diff_text("通知", "", &options, None);
    assert_eq!(diff.edits.len(), 1);
    assert_eq!(diff.edits[0].kind, EditKind::Delete);
    // A side that is only whitespace is equal to nothing when whitespace is ignored.
    let diff = diff_text(" \n　", "", &options, None);
    assert_exact(" \n　", "", &diff);
    assert!(all_equal(&diff));
    let diff = diff_text(" \n", "通知", &options, None);
    assert_exact(" \n", "通知", &diff);
    assert_eq!(changes(" \n", "通知", &diff), [("", "通知")]);
}

// ---- readability ----

/// The body of the 2019 holiday notice (国办发明电〔2018〕15号) in the govcn fixture, its
/// tags dropped naively (the read stage is not under test here).
fn holiday_notice() -> String {
    let html = fixture("govcn-html/govcn_38.html");
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let start = text.find("一、元旦").expect("the notice's first item");
    let end = start + text[start..].find("国务院办公厅").expect("the signature");
    text[start..end].to_owned()
}

#[test]
fn a_changed_word_is_one_edit() {
    let notice = holiday_notice();
    assert_eq!(notice.matches("与周末连休").count(), 3);
    let repost = notice.replacen("6月7日放假，与周末连休", "6月7日放假，与周六连休", 1);
    assert_ne!(notice, repost);
    let diff = diff_text(&notice, &repost, &CompareOptions::default(), None);
    assert_exact(&notice, &repost, &diff);
    assert_eq!(changes(&notice, &repost, &diff), [("周末", "周六")]);
    // The same sentence on its own, with no other text to learn from.
    let (l, r) = ("与周末连休", "与周六连休");
    let diff = diff_text(l, r, &CompareOptions::default(), None);
    assert_eq!(changes(l, r, &diff), [("周末", "周六")]);
}

#[test]
fn a_changed_name_is_replaced_whole() {
    let (l, r) = (
        "联系人：王菲，电话：010-12345678。",
        "联系人：张三，电话：010-12345678。",
    );
    let diff = diff_text(l, r, &CompareOptions::default(), None);
    assert_eq!(changes(l, r, &diff), [("王菲", "张三")]);
    // A name sharing its surname still reads as one changed name.
    let (l, r) = ("请王菲同志参加。", "请王三同志参加。");
    let diff = diff_text(l, r, &CompareOptions::default(), None);
    assert_eq!(changes(l, r, &diff), [("王菲", "王三")]);
}

#[test]
fn a_changed_number_is_one_token_edit() {
    let (l, r) = (
        "国务院办公厅关于2023年部分节假日安排的通知",
        "国务院办公厅关于2024年部分节假日安排的通知",
    );
    let diff = diff_text(l, r, &strict(), None);
    assert_eq!(changes(l, r, &diff), [("2023", "2024")]);
    assert_eq!(
        diff.edits.len(),
        4,
        "equal, delete, insert, equal: {:?}",
        diff.edits
    );
    // Chinese numerals: the whole number changes, not one digit of it.
    let (l, r) = ("十二月三十一日", "十一月三十一日");
    let diff = diff_text(l, r, &strict(), None);
    assert_eq!(changes(l, r, &diff), [("十二", "十一")]);
}

#[test]
fn chaff_between_edits_is_absorbed() {
    // Rewritten clause: a raw diff keeps the shared 的 and 工作 as equalities.
    let (l, r) = ("加强对工会的组织工作领导。", "健全基层的服务工作体系。");
    let diff = diff_text(l, r, &CompareOptions::default(), None);
    assert_exact(l, r, &diff);
    assert_eq!(changes(l, r, &diff).len(), 1, "{}", render(l, r, &diff));
}

#[test]
fn real_revisions_read_like_the_edits_made() {
    let old = fixture("regulations/fangjia_banfa_2013.txt");
    let new = fixture("regulations/fangjia_banfa_2024.txt");
    let diff = diff_text(&old, &new, &CompareOptions::default(), None);
    let got = changes(&old, &new, &diff);
    // Read from the two texts: 新年 was renamed 元旦, the Spring Festival went from 3 to 4
    // days, Labour Day from 1 to 2 days, and the weekend is written 周六、周日.
    for want in [("新年", "元旦"), ("3", "4"), ("1", "2"), ("", "、2日")] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
    let old = fixture("regulations/jingyingzhe_jizhong_shenbao_2018.txt");
    let new = fixture("regulations/jingyingzhe_jizhong_shenbao_2024.txt");
    let diff = diff_text(&old, &new, &CompareOptions::default(), None);
    let got = changes(&old, &new, &diff);
    // The turnover thresholds were raised: 100 → 120, 4 → 8 (twice), 20 → 40 亿元.
    for want in [("100", "120"), ("4", "8"), ("20", "40")] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
    assert_eq!(got.iter().filter(|c| **c == ("4", "8")).count(), 2);
}

#[test]
fn an_inserted_list_item_keeps_its_separator() {
    let (l, r) = ("放假1天(5月1日)；", "放假2天(5月1日、2日)；");
    let diff = diff_text(l, r, &strict(), None);
    assert_eq!(changes(l, r, &diff), [("1", "2"), ("", "、2日")]);
}

// ---- options ----

#[test]
fn width_folds_under_fold_width() {
    let (l, r) = ("一，二：（三）１Ａ　四", "一,二:(三)1A 四");
    let mut options = strict();
    assert!(!all_equal(&diff_text(l, r, &options, None)));
    options.fold_width = true;
    let diff = diff_text(l, r, &options, None);
    assert_exact(l, r, &diff);
    assert!(all_equal(&diff), "{:?}", diff.edits);
    assert!(all_equal(&diff_text("，", ",", &options, None)));
}

#[test]
fn numerals_fold_under_fold_numerals() {
    let mut options = strict();
    let cases = [
        ("第三条", "第3条"),
        ("二〇一六年十二月", "2016年12月"),
        ("二零二四年一月二十日", "2024年1月20日"),
        ("第一百零五条", "第105条"),
        ("2024年01月05日", "2024年1月5日"),
    ];
    for (l, r) in cases {
        assert!(!all_equal(&diff_text(l, r, &options, None)), "{l} vs {r}");
    }
    options.fold_numerals = true;
    for (l, r) in cases {
        let diff = diff_text(l, r, &options, None);
        assert_exact(l, r, &diff);
        assert!(all_equal(&diff), "{l} vs {r}: {:?}", diff.edits);
    }
    // Not an ordinal nor a date: 统一 stays a word.
    assert!(!all_equal(&diff_text("统一", "统1", &options, None)));
}

#[test]
fn whitespace_only_changes_are_equal_under_ignore_whitespace() {
    let l = "关于认真学习宣传贯彻大连市工会第十七次代表大会精神的通知";
    let r = "关于 认真学习\n宣传贯彻大连市工会\u{3000}第十七次代表大会精神的通知  \n";
    let mut options = strict();
    assert!(!all_equal(&diff_text(l, r, &options, None)));
    options.ignore_whitespace = true;
    let diff = diff_text(l, r, &options, None);
    assert_exact(l, r, &diff);
    assert!(all_equal(&diff), "{:?}", diff.edits);
    // A word split by a space reads the same.
    assert!(all_equal(&diff_text(
        "COVID-19 notice",
        "CO VID-1 9 no tice",
        &options,
        None
    )));
    // Around a real change, the whitespace difference does not show.
    let (l, r) = ("一、 元旦：1月1日放假。", "一、元旦：\n1月2日放假。");
    let diff = diff_text(l, r, &options, None);
    assert_eq!(changes(l, r, &diff), [("1", "2")]);
}

#[test]
fn punctuation_is_ignored_under_ignore_punctuation() {
    let (l, r) = (
        "一、元旦：1月1日放假，与周末连休。",
        "一 元旦 1月1日放假 与周末连休",
    );
    let mut options = CompareOptions::default();
    assert!(!all_equal(&diff_text(l, r, &options, None)));
    options.ignore_punctuation = true;
    let diff = diff_text(l, r, &options, None);
    assert_exact(l, r, &diff);
    assert!(all_equal(&diff), "{:?}", diff.edits);
}

// ---- time budget ----

#[test]
fn an_expired_deadline_gives_an_exact_approximate_diff() {
    let old = fixture("regulations/huanjing_wuran_jieshi_2016.txt");
    let new = fixture("regulations/huanjing_wuran_jieshi_2023.txt");
    for options in all_options() {
        let diff = diff_text(&old, &new, &options, Some(Instant::now()));
        assert!(diff.approximate);
        assert_exact(&old, &new, &diff);
    }
    let full = diff_text(&old, &new, &CompareOptions::default(), None);
    assert!(!full.approximate);
    // The fallback is coarser: one replacement between the common prefix and suffix.
    let coarse = diff_text(&old, &new, &CompareOptions::default(), Some(Instant::now()));
    assert_eq!(changes(&old, &new, &coarse).len(), 1);
    assert!(changes(&old, &new, &full).len() > 1);
}

#[test]
fn an_expired_deadline_on_a_long_text_is_exact() {
    let (old, new) = long_pair();
    let diff = diff_text(&old, &new, &CompareOptions::default(), Some(Instant::now()));
    assert!(diff.approximate);
    assert_exact(&old, &new, &diff);
}

#[test]
fn an_expired_deadline_on_equal_texts_is_not_approximate() {
    let text = fixture("regulations/fangjia_banfa_2024.txt");
    let diff = diff_text(
        &text,
        &text,
        &CompareOptions::default(),
        Some(Instant::now()),
    );
    assert!(!diff.approximate);
    assert!(all_equal(&diff));
}

#[test]
fn a_generous_deadline_is_not_approximate() {
    let old = fixture("regulations/guoji_shangshi_fating_2018.txt");
    let new = fixture("regulations/guoji_shangshi_fating_2023.txt");
    let deadline = Instant::now() + std::time::Duration::from_secs(3600);
    let with = diff_text(&old, &new, &CompareOptions::default(), Some(deadline));
    let without = diff_text(&old, &new, &CompareOptions::default(), None);
    assert!(!with.approximate);
    assert_eq!(with, without);
}

// ---- long texts ----

/// Every seed and revision concatenated, many times over, with a few edits on the right.
fn long_pair() -> (String, String) {
    let mut one = String::new();
    for path in seeds() {
        one.push_str(&fixture(&path));
        one.push('\n');
    }
    for (old, _) in revisions() {
        one.push_str(&old);
        one.push('\n');
    }
    let old = one.repeat(6);
    let new = old
        .replacen(
            "大连市工会第十七次代表大会",
            "大连市工会第十八次代表大会",
            3,
        )
        .replacen("放假1天", "放假2天", 2)
        .replacen("。\n", "。新增一句。\n", 5);
    (old, new)
}

#[test]
fn long_texts_diff_locally() {
    let (old, new) = long_pair();
    assert!(old.len() > 400_000);
    let diff = diff_text(&old, &new, &CompareOptions::default(), None);
    assert_exact(&old, &new, &diff);
    assert!(!diff.approximate);
    let got = changes(&old, &new, &diff);
    assert_eq!(
        got.iter().filter(|c| **c == ("十七", "十八")).count(),
        3,
        "{got:?}"
    );
    assert_eq!(
        got.iter().filter(|c| **c == ("1", "2")).count(),
        2,
        "{got:?}"
    );
    assert_eq!(
        got.iter().filter(|c| **c == ("", "新增一句。")).count(),
        5,
        "{got:?}"
    );
    assert_eq!(got.len(), 10, "{got:?}");
}

// ---- random input ----

fn options_strategy() -> impl Strategy<Value = CompareOptions> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(w, f, p, n)| {
        CompareOptions {
            ignore_whitespace: w,
            fold_width: f,
            ignore_punctuation: p,
            fold_numerals: n,
            time_budget_ms: 0,
        }
    })
}

/// Text from a small alphabet, so that the two sides share a lot by chance: CJK
/// (numerals and the characters around them), ASCII letters and digits, full-width forms,
/// punctuation of both widths, whitespace of several kinds, an emoji.
const ALPHABET: &str =
    "[周末六第三条年月日十二〇一的会工号abA0-9１Ａ，,。：:（）()、“” \n\t\u{3000}\u{200B}😀]{0,48}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_texts_diff_exactly(
        left in ALPHABET,
        right in ALPHABET,
        options in options_strategy(),
        expired in any::<bool>(),
    ) {
        let deadline = expired.then(Instant::now);
        let diff = diff_text(&left, &right, &options, deadline);
        assert_exact(&left, &right, &diff);
        let back = diff_text(&right, &left, &options, deadline);
        assert_exact(&right, &left, &back);
        // An expired deadline trims both directions the same way: the mirror holds too.
        prop_assert_eq!(&back.edits, &mirror(&diff));
        prop_assert_eq!(back.approximate, diff.approximate);
    }

    #[test]
    fn edited_texts_diff_exactly(
        base in ALPHABET,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), "[周六三年a1，。 ]{0,3}"), 0..4),
        options in options_strategy(),
    ) {
        let mut right: Vec<char> = base.chars().collect();
        for (at, insert) in &edits {
            let i = at.index(right.len() + 1);
            right.splice(i..i, insert.chars());
        }
        let right: String = right.into_iter().collect();
        let diff = diff_text(&base, &right, &options, None);
        assert_exact(&base, &right, &diff);
        prop_assert!(!diff.approximate);
        prop_assert_eq!(&diff_text(&right, &base, &options, None).edits, &mirror(&diff));
    }

    #[test]
    fn inserted_whitespace_is_equal_under_ignore_whitespace(
        base in "[周末六第三条年月日abA01，。]{0,40}",
        spaces in proptest::collection::vec((any::<prop::sample::Index>(), "[ \n\t\u{3000}]{1,3}"), 0..6),
    ) {
        let mut right: Vec<char> = base.chars().collect();
        for (at, s) in &spaces {
            let i = at.index(right.len() + 1);
            right.splice(i..i, s.chars());
        }
        let right: String = right.into_iter().collect();
        let diff = diff_text(&base, &right, &CompareOptions::default(), None);
        assert_exact(&base, &right, &diff);
        prop_assert!(all_equal(&diff), "{:?}", diff.edits);
    }
}

/// Timings to read, not to assert:
/// `cargo test --release --test diff bench -- --ignored --nocapture`.
#[test]
#[ignore]
fn bench() {
    use std::time::{Duration, Instant as Clock};
    let texts: Vec<String> = seeds().iter().map(|p| fixture(p)).collect();
    let options = CompareOptions::default();
    let mut total = Duration::ZERO;
    let mut worst = Duration::ZERO;
    let mut n = 0;
    let only = std::env::var("BENCH").unwrap_or_default();
    for a in texts.iter().filter(|_| only != "large") {
        for b in &texts {
            let t = Clock::now();
            let runs = 20;
            for _ in 0..runs {
                std::hint::black_box(diff_text(a, b, &options, None));
            }
            let took = t.elapsed() / runs;
            total += took;
            worst = worst.max(took);
            n += 1;
        }
    }
    println!("seed pairs: mean {:?}, worst {worst:?}", total / n.max(1));
    if only == "seeds" {
        return;
    }
    for (old, new) in revisions() {
        let t = Clock::now();
        std::hint::black_box(diff_text(&old, &new, &options, None));
        println!("revision {} chars: {:?}", old.chars().count(), t.elapsed());
    }
    // About 1 MB per side: every fixture text, three times over, edited in many places.
    let mut one = String::new();
    for dir in ["seeds", "regulations"] {
        let mut names: Vec<_> = std::fs::read_dir(
            [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", dir]
                .iter()
                .collect::<PathBuf>(),
        )
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
        names.sort();
        for p in names {
            one.push_str(&std::fs::read_to_string(p).unwrap());
        }
    }
    let old = one.repeat((1_000_000 / one.len()).max(1) + 1);
    let mut new = String::new();
    for (i, sentence) in old.split_inclusive('。').enumerate() {
        match i % 40 {
            7 => new.push_str(&sentence.replacen('的', "之", 1)),
            19 => {}
            31 => {
                new.push_str(sentence);
                new.push_str("此句为新增内容。");
            }
            _ => new.push_str(sentence),
        }
    }
    println!("large: {} / {} bytes", old.len(), new.len());
    for budget in [None, Some(Duration::from_millis(1000))] {
        let t = Clock::now();
        let diff = diff_text(&old, &new, &options, budget.map(|b| Instant::now() + b));
        println!(
            "  similar, budget {budget:?}: {:?}, {} edits, approximate {}",
            t.elapsed(),
            diff.edits.len(),
            diff.approximate
        );
    }
    // Unrelated texts of the same size: the sentences in another order.
    let mut shuffled: Vec<&str> = old.split_inclusive('。').collect();
    let len = shuffled.len();
    for i in 0..len {
        shuffled.swap(i, (i * 7919 + 13) % len);
    }
    let shuffled: String = shuffled.concat();
    let t = Clock::now();
    let diff = diff_text(
        &old,
        &shuffled,
        &options,
        Some(Instant::now() + Duration::from_millis(1000)),
    );
    println!(
        "  shuffled, budget 1s: {:?}, {} edits, approximate {}",
        t.elapsed(),
        diff.edits.len(),
        diff.approximate
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Real notices edited at random places (deleted spans, inserted snippets), under
    /// random options: long enough to take the sentence-level path.
    #[test]
    fn edited_notices_diff_exactly(
        which in 0usize..5,
        edits in proptest::collection::vec(
            (any::<prop::sample::Index>(), 0usize..40, "[周六三年a1，。 \n]{0,12}"),
            0..24,
        ),
        options in options_strategy(),
    ) {
        let texts: Vec<String> = seeds().iter().map(|p| fixture(p)).collect();
        let old = texts[which].repeat(2);
        let mut new: Vec<char> = old.chars().collect();
        for (at, delete, insert) in &edits {
            let i = at.index(new.len() + 1);
            let j = (i + delete).min(new.len());
            new.splice(i..j, insert.chars());
        }
        let new: String = new.into_iter().collect();
        let diff = diff_text(&old, &new, &options, None);
        assert_exact(&old, &new, &diff);
        prop_assert!(!diff.approximate);
        if edits.is_empty() {
            prop_assert!(all_equal(&diff));
        }
    }
}
