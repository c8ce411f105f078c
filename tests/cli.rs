#![cfg(not(target_arch = "wasm32"))]
//! The command line, run as a user runs it: the built binary on real notices.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_notice-diff");
const DALIAN: &str = "tests/fixtures/seeds/dalian-2020-gonghui-17th.txt";
const WUJIN: &str = "tests/fixtures/seeds/wujin-2018-gonghui-17th.txt";
const HOLIDAYS_2013: &str = "tests/fixtures/regulations/fangjia_banfa_2013.txt";
const HOLIDAYS_2024: &str = "tests/fixtures/regulations/fangjia_banfa_2024.txt";

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh folder under cargo's per-target temp dir.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn compare_text_lists_pairs_with_inline_marks() {
    let output = run(&["compare", HOLIDAYS_2013, HOLIDAYS_2024]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with(&format!("{HOLIDAYS_2013} ↔ {HOLIDAYS_2024}\n")));
    assert!(text.contains("similarity "), "{text}");
    assert!(text.contains("modified"), "{text}");
    // The 2024 revision added 除夕 to the Spring Festival and said 周六 where 2013 said 星期六:
    // words only on one side, so they must appear inside an insert or a delete mark.
    let inserted = marked(&text, "{+", "+}");
    let deleted = marked(&text, "[-", "-]");
    assert!(inserted.iter().any(|s| s.contains("除夕")), "{inserted:?}");
    assert!(deleted.iter().any(|s| s.contains("星期")), "{deleted:?}");
    assert!(!deleted.iter().any(|s| s.contains("除夕")), "{deleted:?}");
}

#[test]
fn compare_text_names_page_clutter_for_what_it_is() {
    // The dalian notice was copied from its web page: "发布时间:…" and "上一篇:…" are page
    // clutter, which the fangshan notice does not have; they are not new content.
    let fangshan = "tests/fixtures/seeds/fangshan-2019-beijing-14th.txt";
    let dalian = "tests/fixtures/seeds/dalian-2020-gonghui-17th.txt";
    let text = stdout(&run(&["compare", fangshan, dalian]));
    let line = |needle: &str| {
        text.lines()
            .find(|line| line.contains(needle))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        line("发布时间")
            .trim_start()
            .starts_with("clutter (right only)"),
        "{text}"
    );
    assert!(
        line("上一篇")
            .trim_start()
            .starts_with("clutter (right only)"),
        "{text}"
    );
    // Content on one side only is still said to be so.
    assert!(
        line("大工发〔2020〕37号")
            .trim_start()
            .starts_with("right_only"),
        "{text}"
    );
    let swapped = stdout(&run(&["compare", dalian, fangshan]));
    assert!(swapped.contains("clutter (left only)"), "{swapped}");
}

/// The texts between `open` and `close` marks.
fn marked<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(close) else { break };
        out.push(&after[..end]);
        rest = &after[end + close.len()..];
    }
    out
}

#[test]
fn files_are_read_as_the_page_reads_them() {
    // A GBK copy and a Word copy of two seed notices are the same notices.
    for (copy, original) in [
        (
            "tests/fixtures/formats/guangyuan-2016-gonghui-7th.gbk.txt",
            "tests/fixtures/seeds/guangyuan-2016-gonghui-7th.txt",
        ),
        (
            "tests/fixtures/formats/fangshan-2019-beijing-14th.docx",
            "tests/fixtures/seeds/fangshan-2019-beijing-14th.txt",
        ),
    ] {
        let output = run(&["compare", copy, original]);
        assert!(output.status.success(), "{}", stderr(&output));
        let text = stdout(&output);
        assert!(text.contains("similarity 100.0%"), "{text}");
        assert!(!text.contains("[-") && !text.contains("{+"), "{text}");
    }
}

#[test]
fn compare_json_is_the_schema_1_comparison() {
    let output = run(&["compare", DALIAN, WUJIN, "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(value["schema"], 1);
    let left = std::fs::read_to_string(fixture(DALIAN)).expect("fixture");
    assert_eq!(value["left"]["text"].as_str(), Some(left.as_str()));
    assert!(value["pairs"].as_array().is_some_and(|p| !p.is_empty()));
    let similarity = value["similarity"].as_f64().expect("similarity");
    assert!(similarity > 0.0 && similarity < 1.0, "{similarity}");
}

#[test]
fn compare_html_is_self_contained_and_escapes_document_text() {
    let dir = scratch("html");
    let left = dir.join("left.txt");
    let right = dir.join("right.txt");
    std::fs::write(
        &left,
        "一、关于<script>alert(1)</script>的通知\n二、请于5月1日前报送。\n",
    )
    .expect("write");
    std::fs::write(
        &right,
        "一、关于<script>alert(2)</script>的通知\n二、请于6月1日前报送。\n",
    )
    .expect("write");
    let output = run(&[
        "compare",
        left.to_str().expect("utf-8 path"),
        right.to_str().expect("utf-8 path"),
        "--html",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let html = stdout(&output);
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<style>") && html.trim_end().ends_with("</html>"));
    assert!(!html.contains("<script"), "document text must be escaped");
    assert!(html.contains("&lt;script&gt;"));
    assert!(html.contains("<del>") && html.contains("<ins>"), "{html}");
    assert!(
        !html.contains("src=") && !html.contains("href="),
        "nothing external"
    );
}

#[test]
fn outline_prints_a_tree_or_json() {
    let output = run(&["outline", DALIAN]);
    assert!(output.status.success(), "{}", stderr(&output));
    let tree = stdout(&output);
    assert!(tree.contains("关于认真学习宣传贯彻大连市工会第十七次代表大会精神的通知"));
    assert!(tree.lines().count() > 5, "{tree}");

    let output = run(&["outline", DALIAN, "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert!(value["blocks"].as_array().is_some_and(|b| !b.is_empty()));
    assert!(value["length"].as_u64().is_some_and(|n| n > 1000));
}

#[test]
fn pairs_streams_one_json_line_per_pair_and_reports_failures() {
    let dir = scratch("pairs");
    for path in [DALIAN, WUJIN] {
        let name = Path::new(path).file_name().expect("file name");
        std::fs::copy(fixture(path), dir.join(name)).expect("copy");
    }
    let list = dir.join("list.tsv");
    std::fs::write(
        &list,
        "left\tright\n\
         dalian-2020-gonghui-17th.txt\twujin-2018-gonghui-17th.txt\n\
         # a comment\n\
         \n\
         wujin-2018-gonghui-17th.txt\twujin-2018-gonghui-17th.txt\n\
         missing.txt\twujin-2018-gonghui-17th.txt\n",
    )
    .expect("write list");
    let output = run(&["compare", "--pairs", list.to_str().expect("utf-8 path")]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "a missing file fails the run"
    );
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 3, "header, comment and blank line are skipped");

    assert_eq!(lines[0]["line"], 2);
    assert_eq!(lines[0]["left"], "dalian-2020-gonghui-17th.txt");
    let similarity = lines[0]["similarity"].as_f64().expect("similarity");
    assert!(similarity > 0.0 && similarity < 1.0);
    assert!(lines[0]["elapsed_ms"].as_f64().is_some());
    assert!(lines[0]["stats"]["inserted"].as_u64().is_some());

    assert_eq!(
        lines[1]["similarity"].as_f64(),
        Some(1.0),
        "a notice against itself"
    );
    assert_eq!(lines[1]["stats"]["changes"], 0);

    assert_eq!(lines[2]["line"], 6);
    assert!(lines[2]["error"]
        .as_str()
        .is_some_and(|e| e.contains("missing.txt")));
    let progress = stderr(&output);
    assert!(
        progress.contains("[1/3]") && progress.contains("[3/3]"),
        "{progress}"
    );
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    // Far more output than a pipe buffers, so the writer is still writing when we hang up.
    let dir = scratch("pipe");
    let big = dir.join("big.txt");
    let text = std::fs::read_to_string(fixture(DALIAN)).expect("fixture");
    std::fs::write(&big, text.repeat(40)).expect("write");
    let mut child = Command::new(BIN)
        .args(["outline", big.to_str().expect("utf-8 path"), "--json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Read a little, as `| head -c 10` would, then hang up.
    let mut head = [0u8; 10];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut head)
        .expect("some output");
    let output = child.wait_with_output().expect("exit");
    let message = stderr(&output);
    assert!(!message.contains("panicked"), "{message}");
    assert!(output.status.success(), "{message}");
}

#[test]
fn usage_errors_exit_2_and_failures_exit_1() {
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["compare", DALIAN][..],
        &["compare", DALIAN, WUJIN, "--json", "--html"][..],
        &["compare", DALIAN, WUJIN, "--colour"][..],
        &["compare", DALIAN, WUJIN, "--time-budget", "soon"][..],
        &["outline"][..],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("usage:"), "{args:?}");
    }
    let output = run(&["compare", DALIAN, "no/such/notice.txt"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("no/such/notice.txt"));
    assert!(!stderr(&output).contains("usage:"));
}

#[test]
fn diff_runs_counts_change_runs_over_whole_files() {
    let output = run(&["diff-runs", HOLIDAYS_2013, HOLIDAYS_2024]);
    assert!(output.status.success(), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let left = std::fs::read_to_string(fixture(HOLIDAYS_2013)).expect("fixture");
    assert_eq!(
        value["left_chars"].as_u64(),
        Some(left.chars().count() as u64)
    );
    // 2024 added two revision lines, 除夕, a day to 劳动节, an article and renumbered the last.
    assert!(value["runs"].as_u64().is_some_and(|n| n >= 4), "{value}");

    let same = run(&["diff-runs", HOLIDAYS_2013, HOLIDAYS_2013, "--strict"]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&same)).expect("valid JSON");
    assert_eq!(value["runs"], 0);
}

#[test]
fn eval_scores_the_annotated_cases() {
    let output = run(&["eval"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = stdout(&output);
    assert!(report.lines().any(|l| l.starts_with("all")), "{report}");
    assert_eq!(run(&["eval", "a", "b"]).status.code(), Some(2));
}
