//! The notice-diff command line: outline and compare notices natively, one pair or a whole
//! corpus of pairs.
//!
//! Each subcommand is one `cmd_*` function taking its own arguments; `main` only dispatches
//! and turns a [`CliError`] into a message and an exit code (2 usage, 1 failure).

use notice_diff::{
    compare, diff_text, evaluate, outline, read, Block, BlockKind, CompareOptions, Comparison,
    EditKind, Outline, Pair, ReadOptions, Span,
};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
usage:
  notice-diff compare LEFT RIGHT [--text | --json | --html] [COMPARE OPTIONS]
  notice-diff compare --pairs LIST.tsv [--quiet] [COMPARE OPTIONS]
  notice-diff outline FILE [--json]
  notice-diff eval [DIR] [--verbose]   (default DIR: tests/eval)

compare options:
  --keep-whitespace     whitespace differences count (ignored by default)
  --keep-width          full-width and half-width forms differ (folded by default)
  --ignore-punctuation  punctuation is ignored
  --fold-numerals       Chinese and Arabic numerals are equal (第三 = 第3)
  --time-budget MS      inline diff budget in milliseconds, 0 for none (default 1000)

--pairs reads lines `left<TAB>right` (paths relative to the list's folder; blank lines and
lines starting with # are skipped) and writes one JSON object per pair to stdout.";

/// Why a command stopped.
enum CliError {
    /// The command line is wrong: exit code 2, with the usage.
    Usage(String),
    /// The command could not do its work: exit code 1.
    Failed(String),
    /// Whoever read our output went away (`| head`): stop quietly, successfully.
    ClosedPipe,
}

impl From<io::Error> for CliError {
    fn from(error: io::Error) -> CliError {
        if error.kind() == io::ErrorKind::BrokenPipe {
            CliError::ClosedPipe
        } else {
            CliError::Failed(format!("writing the output: {error}"))
        }
    }
}

type Result<T, E = CliError> = std::result::Result<T, E>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    let result = match args.first().map(String::as_str) {
        Some("compare") => cmd_compare(rest),
        Some("outline") => cmd_outline(rest),
        Some("diff-runs") => cmd_diff_runs(rest),
        Some("eval") => cmd_eval(rest),
        Some("help" | "--help" | "-h") => cmd_help(),
        Some(other) => Err(CliError::Usage(format!("unknown command `{other}`"))),
        None => Err(CliError::Usage("a command is needed".to_owned())),
    };
    // stderr may be closed too; there is nobody left to tell, so ignore that.
    let mut stderr = io::stderr();
    match result {
        Ok(()) | Err(CliError::ClosedPipe) => ExitCode::SUCCESS,
        Err(CliError::Usage(message)) => {
            let _ = writeln!(stderr, "notice-diff: {message}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(CliError::Failed(message)) => {
            let _ = writeln!(stderr, "notice-diff: {message}");
            ExitCode::from(1)
        }
    }
}

fn cmd_help() -> Result<()> {
    let mut out = stdout();
    writeln!(out, "{USAGE}")?;
    out.flush()?;
    Ok(())
}

/// `compare LEFT RIGHT [--text|--json|--html]` and `compare --pairs LIST.tsv`.
fn cmd_compare(args: &[String]) -> Result<()> {
    let args = Args::parse(
        args,
        &[
            "--text",
            "--json",
            "--html",
            "--quiet",
            "--keep-whitespace",
            "--keep-width",
            "--ignore-punctuation",
            "--fold-numerals",
        ],
        &["--pairs", "--time-budget"],
    )?;
    let options = compare_options(&args)?;
    if let Some(list) = args.value("--pairs") {
        if !args.positional.is_empty() {
            return Err(CliError::Usage(
                "compare --pairs takes no other file".to_owned(),
            ));
        }
        return compare_pairs(Path::new(list), &options, args.has("--quiet"));
    }
    let [left_path, right_path] = args.positional.as_slice() else {
        return Err(CliError::Usage(
            "compare needs two files, LEFT and RIGHT".to_owned(),
        ));
    };
    let formats = ["--text", "--json", "--html"];
    let chosen: Vec<&str> = formats.into_iter().filter(|f| args.has(f)).collect();
    if chosen.len() > 1 {
        return Err(CliError::Usage(format!(
            "choose one output format, not {}",
            chosen.join(" and ")
        )));
    }
    let left = read_file(Path::new(left_path))?;
    let right = read_file(Path::new(right_path))?;
    let comparison = compare(&left, &right, &options);
    let mut out = stdout();
    match chosen.first().copied().unwrap_or("--text") {
        "--json" => write_json(&mut out, &comparison)?,
        "--html" => out.write_all(html_report(&comparison, left_path, right_path).as_bytes())?,
        _ => write_text_report(&mut out, &comparison, left_path, right_path)?,
    }
    out.flush()?;
    Ok(())
}

/// `outline FILE [--json]`.
fn cmd_outline(args: &[String]) -> Result<()> {
    let args = Args::parse(args, &["--json"], &[])?;
    let [path] = args.positional.as_slice() else {
        return Err(CliError::Usage("outline needs one FILE".to_owned()));
    };
    let text = read_file(Path::new(path))?;
    let tree = outline(&text);
    let mut out = stdout();
    if args.has("--json") {
        write_json(&mut out, &tree)?;
    } else {
        write_outline(&mut out, &text, &tree)?;
    }
    out.flush()?;
    Ok(())
}

/// Hidden, for scripts/change-runs.mjs: `diff-runs LEFT RIGHT [--strict]` prints the change
/// runs of the inline differ over two whole files read as plain UTF-8, so other differs can
/// be run on the same text. `--strict` makes whitespace and width significant.
fn cmd_diff_runs(args: &[String]) -> Result<()> {
    let args = Args::parse(args, &["--strict"], &[])?;
    let [left_path, right_path] = args.positional.as_slice() else {
        return Err(CliError::Usage("diff-runs needs LEFT and RIGHT".to_owned()));
    };
    let plain = |path: &str| {
        std::fs::read(path)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .map_err(|e| CliError::Failed(format!("{path}: {e}")))
    };
    let (left, right) = (plain(left_path)?, plain(right_path)?);
    let mut options = CompareOptions::default();
    if args.has("--strict") {
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
    let mut out = stdout();
    writeln!(
        out,
        "{{\"left_chars\":{},\"right_chars\":{},\"runs\":{}}}",
        left.chars().count(),
        right.chars().count(),
        runs
    )?;
    out.flush()?;
    Ok(())
}

/// `eval [DIR] [--verbose]`: scores the aligner against the annotated cases in DIR.
fn cmd_eval(args: &[String]) -> Result<()> {
    let args = Args::parse(args, &["--verbose"], &[])?;
    let dir = match args.positional.as_slice() {
        [] => "tests/eval",
        [dir] => dir.as_str(),
        _ => return Err(CliError::Usage("eval takes at most one DIR".to_owned())),
    };
    let report = evaluate(Path::new(dir));
    let mut out = stdout();
    if args.has("--verbose") {
        write!(out, "{report:#}")?;
    } else {
        write!(out, "{report}")?;
    }
    out.flush()?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Arguments

/// A subcommand's arguments: switches, options with a value, and positional files.
struct Args {
    positional: Vec<String>,
    switches: Vec<String>,
    values: Vec<(String, String)>,
}

impl Args {
    fn parse(args: &[String], switches: &[&str], valued: &[&str]) -> Result<Args> {
        let mut parsed = Args {
            positional: Vec::new(),
            switches: Vec::new(),
            values: Vec::new(),
        };
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if valued.contains(&arg.as_str()) {
                let value = iter
                    .next()
                    .ok_or_else(|| CliError::Usage(format!("{arg} needs a value")))?;
                parsed.values.push((arg.clone(), value.clone()));
            } else if switches.contains(&arg.as_str()) {
                parsed.switches.push(arg.clone());
            } else if arg.starts_with("--") {
                return Err(CliError::Usage(format!("unknown option {arg}")));
            } else {
                parsed.positional.push(arg.clone());
            }
        }
        Ok(parsed)
    }

    fn has(&self, switch: &str) -> bool {
        self.switches.iter().any(|s| s == switch)
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn compare_options(args: &Args) -> Result<CompareOptions> {
    let mut options = CompareOptions {
        ignore_whitespace: !args.has("--keep-whitespace"),
        fold_width: !args.has("--keep-width"),
        ignore_punctuation: args.has("--ignore-punctuation"),
        fold_numerals: args.has("--fold-numerals"),
        ..CompareOptions::default()
    };
    if let Some(ms) = args.value("--time-budget") {
        options.time_budget_ms = ms.parse().map_err(|_| {
            CliError::Usage(format!(
                "--time-budget takes milliseconds (0 for none), not `{ms}`"
            ))
        })?;
    }
    Ok(options)
}

// ---------------------------------------------------------------------------------------
// Input and output

fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

/// Reads a notice through the core's reader, so the CLI accepts what the page accepts.
fn read_file(path: &Path) -> Result<String> {
    let bytes =
        std::fs::read(path).map_err(|e| CliError::Failed(format!("{}: {e}", path.display())))?;
    let name = path.file_name().and_then(|n| n.to_str());
    read(&bytes, name, &ReadOptions::default())
        .map(|doc| doc.text)
        .map_err(|e| CliError::Failed(format!("{}: {e}", path.display())))
}

fn write_json<T: Serialize>(out: &mut impl Write, value: &T) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => CliError::from(io::Error::from(kind)),
        None => CliError::Failed(format!("encoding JSON: {e}")),
    })?;
    writeln!(out)?;
    Ok(())
}

/// Slices a text by the UTF-16 spans the core reports (what JavaScript indexes by).
struct Utf16Text<'a> {
    text: &'a str,
    /// Byte offset of each UTF-16 code unit, then of the text's end.
    bytes: Vec<usize>,
}

impl<'a> Utf16Text<'a> {
    fn new(text: &'a str) -> Utf16Text<'a> {
        let mut bytes = Vec::with_capacity(text.len() + 1);
        for (at, ch) in text.char_indices() {
            for _ in 0..ch.len_utf16() {
                bytes.push(at);
            }
        }
        bytes.push(text.len());
        Utf16Text { text, bytes }
    }

    fn slice(&self, span: Span) -> &'a str {
        let at = |unit: u32| self.bytes.get(unit as usize).copied();
        match (at(span.start), at(span.end)) {
            (Some(start), Some(end)) => self.text.get(start..end).unwrap_or(""),
            _ => "",
        }
    }
}

/// One side of a comparison, ready for reports: blocks by id, text by UTF-16 span.
struct SideView<'a> {
    text: Utf16Text<'a>,
    blocks: HashMap<u32, &'a Block>,
}

impl<'a> SideView<'a> {
    fn new(text: &'a str, tree: &'a Outline) -> SideView<'a> {
        SideView {
            text: Utf16Text::new(text),
            blocks: tree.walk().map(|b| (b.id, b)).collect(),
        }
    }

    /// A short name for the blocks of one side of a pair: label and heading, or the start
    /// of the text.
    fn caption(&self, ids: &[u32]) -> String {
        let mut parts = Vec::new();
        for id in ids {
            let Some(block) = self.blocks.get(id) else {
                continue;
            };
            parts.push(block_caption(block, self.text.slice(block.range)));
        }
        parts.join(" + ")
    }
}

/// Whether `ids` name at least one block and every one of them is page clutter.
fn clutter(ids: &[u32], side: &SideView) -> bool {
    !ids.is_empty()
        && ids.iter().all(|id| {
            side.blocks
                .get(id)
                .is_some_and(|block| block.kind == BlockKind::Clutter)
        })
}

fn block_caption(block: &Block, text: &str) -> String {
    let label = block.label.as_deref().unwrap_or("");
    match &block.heading {
        Some(heading) => format!("{label}{heading}"),
        None => preview(text, 28),
    }
}

/// The first `chars` characters of `text` with whitespace runs collapsed.
fn preview(text: &str, chars: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = collapsed.chars().take(chars).collect();
    if collapsed.chars().count() > chars {
        out.push('…');
    }
    out
}

fn kind_name<T: Serialize>(kind: &T) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::from("?"),
    }
}

// ---------------------------------------------------------------------------------------
// Outline report

fn write_outline(out: &mut impl Write, text: &str, tree: &Outline) -> Result<()> {
    let view = Utf16Text::new(text);
    if let Some(title) = &tree.title {
        writeln!(out, "title: {title}")?;
    }
    let mut stack: Vec<&Block> = tree.blocks.iter().rev().collect();
    while let Some(block) = stack.pop() {
        let indent = "  ".repeat(usize::from(block.level));
        writeln!(
            out,
            "{indent}{} {}  [{}..{}]",
            kind_name(&block.kind),
            block_caption(block, view.slice(block.range)),
            block.range.start,
            block.range.end
        )?;
        stack.extend(block.children.iter().rev());
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Text report

fn write_text_report(
    out: &mut impl Write,
    comparison: &Comparison,
    left_name: &str,
    right_name: &str,
) -> Result<()> {
    let left = SideView::new(&comparison.left.text, &comparison.left.outline);
    let right = SideView::new(&comparison.right.text, &comparison.right.outline);
    writeln!(out, "{left_name} ↔ {right_name}")?;
    writeln!(out, "{}", summary_line(comparison))?;
    writeln!(out)?;
    for pair in &comparison.pairs {
        write_text_pair(out, pair, &left, &right, 0)?;
    }
    Ok(())
}

fn summary_line(comparison: &Comparison) -> String {
    let s = &comparison.stats;
    let c = &comparison.counts;
    format!(
        "similarity {:.1}%  ·  {} inserted, {} deleted, {} unchanged characters, {} changes  ·  \
         pairs: {} identical, {} modified, {} moved, {} merged, {} split, {} left only, {} right only{}",
        comparison.similarity * 100.0,
        s.inserted,
        s.deleted,
        s.unchanged,
        s.changes,
        c.identical,
        c.modified,
        c.moved,
        c.merged,
        c.split,
        c.left_only,
        c.right_only,
        if comparison.approximate {
            "  ·  approximate (time budget ran out)"
        } else {
            ""
        }
    )
}

fn write_text_pair(
    out: &mut impl Write,
    pair: &Pair,
    left: &SideView,
    right: &SideView,
    depth: usize,
) -> Result<()> {
    let indent = "  ".repeat(depth);
    // A one-sided pair of web-page clutter (发布时间, 上一篇…) is named for what it is, as the
    // page does: not an addition or removal of the notice's content.
    let kind = match (clutter(&pair.left, left), clutter(&pair.right, right)) {
        (true, _) if pair.right.is_empty() => String::from("clutter (left only)"),
        (_, true) if pair.left.is_empty() => String::from("clutter (right only)"),
        _ => kind_name(&pair.kind),
    };
    let captions = match (pair.left.is_empty(), pair.right.is_empty()) {
        (false, false) => format!(
            "{} ↔ {}",
            left.caption(&pair.left),
            right.caption(&pair.right)
        ),
        (false, true) => left.caption(&pair.left),
        _ => right.caption(&pair.right),
    };
    writeln!(
        out,
        "{indent}{kind:<10} {:>3.0}%  {captions}",
        pair.similarity * 100.0
    )?;
    if pair.children.is_empty() && !(pair.ops.is_empty() || pair.stats.changes == 0) {
        let mut inline = String::new();
        for op in &pair.ops {
            let _ = match op.kind {
                EditKind::Equal => write!(inline, "{}", left.text.slice(op.left)),
                EditKind::Delete => write!(inline, "[-{}-]", left.text.slice(op.left)),
                EditKind::Insert => write!(inline, "{{+{}+}}", right.text.slice(op.right)),
            };
        }
        for line in inline.trim_end().lines() {
            writeln!(out, "{indent}    {line}")?;
        }
    }
    for child in &pair.children {
        write_text_pair(out, child, left, right, depth + 1)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// HTML report

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

const HTML_STYLE: &str = "\
body{font:15px/1.6 system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #ddd;padding:.4em .6em;vertical-align:top;white-space:pre-wrap;word-break:break-all}
th{background:#f4f4f4;text-align:left}
td.kind{width:9em;white-space:normal;color:#555;font-size:13px}
del{background:#fdd;text-decoration:line-through}
ins{background:#dfd;text-decoration:none}
tr.identical td{color:#777}
.summary{color:#444}";

/// A self-contained report: the pairs side by side, every piece of document text escaped.
fn html_report(comparison: &Comparison, left_name: &str, right_name: &str) -> String {
    let left = SideView::new(&comparison.left.text, &comparison.left.outline);
    let right = SideView::new(&comparison.right.text, &comparison.right.outline);
    let (l, r) = (escape_html(left_name), escape_html(right_name));
    let mut html = String::new();
    let _ = write!(
        html,
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>notice-diff: {l} ↔ {r}</title>\n<style>\n{HTML_STYLE}\n</style>\n</head>\n<body>\n\
         <h1>{l} ↔ {r}</h1>\n<p class=\"summary\">{}</p>\n<table>\n\
         <thead><tr><th class=\"kind\">pair</th><th>{l}</th><th>{r}</th></tr></thead>\n<tbody>\n",
        escape_html(&summary_line(comparison))
    );
    for pair in &comparison.pairs {
        html_pair(&mut html, pair, &left, &right, 0);
    }
    html.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    html
}

fn html_pair(html: &mut String, pair: &Pair, left: &SideView, right: &SideView, depth: usize) {
    let kind = kind_name(&pair.kind);
    let (mut left_cell, mut right_cell) = (String::new(), String::new());
    if pair.children.is_empty() {
        for op in &pair.ops {
            let (l, r) = (
                escape_html(left.text.slice(op.left)),
                escape_html(right.text.slice(op.right)),
            );
            match op.kind {
                EditKind::Equal => {
                    left_cell.push_str(&l);
                    right_cell.push_str(&r);
                }
                EditKind::Delete => {
                    let _ = write!(left_cell, "<del>{l}</del>");
                }
                EditKind::Insert => {
                    let _ = write!(right_cell, "<ins>{r}</ins>");
                }
            }
        }
    } else {
        left_cell = escape_html(&left.caption(&pair.left));
        right_cell = escape_html(&right.caption(&pair.right));
    }
    let _ = writeln!(
        html,
        "<tr class=\"{kind}\"><td class=\"kind\" style=\"padding-left:{}em\">{kind} {:.0}%</td>\
         <td>{left_cell}</td><td>{right_cell}</td></tr>",
        0.6 + depth as f32,
        pair.similarity * 100.0
    );
    for child in &pair.children {
        html_pair(html, child, left, right, depth + 1);
    }
}

// ---------------------------------------------------------------------------------------
// Corpus runs

/// Compares every pair a TSV lists, streaming one JSON line per pair; a pair that fails
/// gets an `error` line and the run goes on, ending with exit code 1.
fn compare_pairs(list: &Path, options: &CompareOptions, quiet: bool) -> Result<()> {
    let tsv = std::fs::read_to_string(list)
        .map_err(|e| CliError::Failed(format!("{}: {e}", list.display())))?;
    let base = list.parent().unwrap_or(Path::new(""));
    let entries: Vec<(usize, &str)> = tsv
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim_end_matches('\r')))
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .filter(|(i, line)| !(*i == 1 && line.eq_ignore_ascii_case("left\tright")))
        .collect();
    let mut out = stdout();
    let mut stderr = io::stderr();
    let mut failed = 0usize;
    for (done, (line_no, line)) in entries.iter().enumerate() {
        let (left, right) = line.split_once('\t').unwrap_or((line, ""));
        let record = compare_listed_pair(base, left, right, options);
        let mut json = serde_json::json!({ "line": line_no, "left": left, "right": right });
        let progress = match record {
            Ok(result) => {
                let summary = format!(
                    "{:.1}%  {:.1} ms",
                    result.similarity * 100.0,
                    result.elapsed_ms
                );
                if let (Some(object), Ok(serde_json::Value::Object(fields))) =
                    (json.as_object_mut(), serde_json::to_value(&result))
                {
                    object.extend(fields);
                }
                summary
            }
            Err(message) => {
                failed += 1;
                json["error"] = serde_json::Value::String(message.clone());
                format!("error: {message}")
            }
        };
        writeln!(out, "{json}")?;
        // Flushed per pair so a long run can be watched and cut short with partial results.
        out.flush()?;
        if !quiet {
            let _ = writeln!(
                stderr,
                "[{}/{}] {left} ↔ {right}  {progress}",
                done + 1,
                entries.len()
            );
        }
    }
    if failed > 0 {
        return Err(CliError::Failed(format!(
            "{failed} of {} pairs failed (see their `error` lines)",
            entries.len()
        )));
    }
    Ok(())
}

/// What one line of a `--pairs` run reports about a pair compared.
#[derive(Serialize)]
struct PairRecord {
    similarity: f32,
    stats: notice_diff::Stats,
    counts: notice_diff::Counts,
    approximate: bool,
    left_chars: usize,
    right_chars: usize,
    /// Time spent in `compare` alone (files are read before the clock starts).
    elapsed_ms: f64,
}

fn compare_listed_pair(
    base: &Path,
    left: &str,
    right: &str,
    options: &CompareOptions,
) -> std::result::Result<PairRecord, String> {
    if left.is_empty() || right.is_empty() {
        return Err("expected `left<TAB>right`".to_owned());
    }
    let resolve = |p: &str| -> PathBuf { base.join(p) };
    let read = |p: &str| match read_file(&resolve(p)) {
        Ok(text) => Ok(text),
        Err(CliError::Failed(m) | CliError::Usage(m)) => Err(m),
        Err(CliError::ClosedPipe) => Err(format!("{p}: unreadable")),
    };
    let (left_text, right_text) = (read(left)?, read(right)?);
    let started = Instant::now();
    let comparison = compare(&left_text, &right_text, options);
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    Ok(PairRecord {
        similarity: comparison.similarity,
        stats: comparison.stats,
        counts: comparison.counts,
        approximate: comparison.approximate,
        left_chars: left_text.chars().count(),
        right_chars: right_text.chars().count(),
        elapsed_ms,
    })
}
