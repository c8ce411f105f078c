//! Deterministic benchmark inputs built from the real notices in `tests/fixtures`.
//!
//! A line-by-line port of `bench/gen.mjs` (read its header for what the inputs are): the
//! same seed gives the same bytes in both, so the JavaScript and the native figures are
//! measured on identical documents (`scripts/bench-check-gen.sh` checks it). Keep every
//! random draw in the same order as there.

use std::path::{Path, PathBuf};

/// xorshift32, as in gen.mjs.
pub struct Rng(u32);

impl Rng {
    pub fn new(seed: u32) -> Rng {
        Rng(if seed == 0 { 1 } else { seed })
    }

    fn next(&mut self) -> u32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        x
    }

    /// In [0, n); 0 when n is 0.
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (u64::from(self.next()) % n as u64) as usize
        }
    }
}

const BLANK: [char; 7] = [
    ' ', '\t', '\r', '\u{3000}', '\u{a0}', '\u{feff}', '\u{200b}',
];

fn is_blank(line: &str) -> bool {
    line.chars().all(|c| BLANK.contains(&c))
}

fn trim_blank(s: &str) -> &str {
    s.trim_matches(|c| BLANK.contains(&c))
}

/// A document as a chapter: its title line and its other non-blank lines.
#[derive(Clone, Debug)]
pub struct Chapter {
    pub title: String,
    pub paras: Vec<String>,
}

pub fn parse_document(text: &str) -> Chapter {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !is_blank(l) && !l.starts_with("<!--"))
        .collect();
    let mut title = trim_blank(lines.first().copied().unwrap_or(""));
    if let Some(rest) = title.strip_prefix("# ") {
        title = trim_blank(rest);
    }
    Chapter {
        title: title.to_owned(),
        paras: lines.iter().skip(1).map(|l| (*l).to_owned()).collect(),
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

/// The seed notices, by file name.
pub fn seed_files() -> Vec<PathBuf> {
    txt_files(&repo().join("tests/fixtures/seeds"))
}

/// The seed notices and the regulations, by file name, as chapters.
pub fn load_pool() -> Vec<Chapter> {
    let mut files = seed_files();
    files.extend(txt_files(&repo().join("tests/fixtures/regulations")));
    files
        .iter()
        .map(|f| {
            parse_document(&String::from_utf8_lossy(
                &std::fs::read(f).expect("fixture"),
            ))
        })
        .filter(|d| !d.paras.is_empty())
        .collect()
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const UNITS: [&str; 4] = ["", "十", "百", "千"];

/// Chinese numeral for 1..9999 as written in headings (十一, 一百零一); digits beyond.
pub fn chinese_number(n: usize) -> String {
    if n == 0 || n >= 10000 {
        return n.to_string();
    }
    let digits: Vec<usize> = n
        .to_string()
        .bytes()
        .map(|b| usize::from(b - b'0'))
        .collect();
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        let pos = digits.len() - 1 - i;
        if d == 0 {
            zero = true;
            continue;
        }
        if zero {
            out.push('零');
        }
        zero = false;
        if !(d == 1 && pos == 1 && i == 0) {
            out.push(DIGITS[d]);
        }
        out.push_str(UNITS[pos]);
    }
    out
}

/// Runs of ASCII digits: [start, end) in char indices.
fn digit_runs(chars: &[char]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs
}

fn number(chars: &[char]) -> u64 {
    chars
        .iter()
        .collect::<String>()
        .parse()
        .expect("at most nine digits")
}

/// Adds `delta` to every run of at most nine digits.
fn shift_numbers(s: &str, delta: u64) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut last = 0;
    for (a, b) in digit_runs(&chars) {
        out.extend(&chars[last..a]);
        if b - a <= 9 {
            out.push_str(&(number(&chars[a..b]) + delta).to_string());
        } else {
            out.extend(&chars[a..b]);
        }
        last = b;
    }
    out.extend(&chars[last..]);
    out
}

/// Endless chapters: the pool in a fresh shuffled order each cycle, numbers shifted per cycle.
struct ChapterStream<'a> {
    pool: &'a [Chapter],
    cycle: u64,
    order: Vec<usize>,
    next: usize,
}

impl<'a> ChapterStream<'a> {
    fn new(pool: &'a [Chapter]) -> ChapterStream<'a> {
        ChapterStream {
            pool,
            cycle: 0,
            order: Vec::new(),
            next: 0,
        }
    }

    fn next(&mut self, rng: &mut Rng) -> Chapter {
        if self.next >= self.order.len() {
            let mut order: Vec<usize> = (0..self.pool.len()).collect();
            for i in (1..order.len()).rev() {
                let j = rng.below(i + 1);
                order.swap(i, j);
            }
            self.order = order;
            self.next = 0;
            self.cycle += 1;
        }
        let doc = &self.pool[self.order[self.next]];
        self.next += 1;
        let delta = self.cycle - 1;
        if delta == 0 {
            return doc.clone();
        }
        Chapter {
            title: shift_numbers(&doc.title, delta),
            paras: doc.paras.iter().map(|p| shift_numbers(p, delta)).collect(),
        }
    }
}

fn heading(k: usize, title: &str) -> String {
    format!("第{}章\u{3000}{}", chinese_number(k + 1), title)
}

/// The compilation's text: numbered chapter headings, paragraphs separated by blank lines.
pub fn render(chapters: &[Chapter]) -> String {
    let mut out = String::new();
    for (k, ch) in chapters.iter().enumerate() {
        out.push_str(&heading(k, &ch.title));
        out.push_str("\n\n");
        for p in &ch.paras {
            out.push_str(p);
            out.push_str("\n\n");
        }
    }
    out
}

fn take_chapters(stream: &mut ChapterStream, rng: &mut Rng, target: usize) -> Vec<Chapter> {
    let mut chapters: Vec<Chapter> = Vec::new();
    let mut bytes = 0;
    loop {
        let ch = stream.next(rng);
        let head = heading(chapters.len(), &ch.title).len() + 2;
        if bytes + head > target && !chapters.is_empty() {
            return chapters;
        }
        bytes += head;
        chapters.push(Chapter {
            title: ch.title,
            paras: Vec::new(),
        });
        let count = chapters.len();
        for p in ch.paras {
            let size = p.len() + 2;
            let kept = chapters.last_mut().expect("just pushed");
            if bytes + size > target && (!kept.paras.is_empty() || count > 1) {
                if kept.paras.is_empty() {
                    chapters.pop();
                }
                return chapters;
            }
            bytes += size;
            kept.paras.push(p);
        }
    }
}

const WORDS: [(&str, &str); 16] = [
    ("加强", "强化"),
    ("认真", "切实"),
    ("应当", "应"),
    ("进一步", "更加"),
    ("组织", "单位"),
    ("职工", "劳动者"),
    ("规定", "办法"),
    ("有关", "相关"),
    ("按照", "依照"),
    ("及时", "尽快"),
    ("开展", "推进"),
    ("重要", "重大"),
    ("各级", "各地"),
    ("负责", "承担"),
    ("建立", "健全"),
    ("工作", "任务"),
];
const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// Sentences of a paragraph, each ending with its '。' (the last may not).
fn sentences(p: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    while let Some(i) = p[start..].find('。') {
        let end = start + i + '。'.len_utf8();
        out.push(p[start..end].to_owned());
        start = end;
    }
    if start < p.len() {
        out.push(p[start..].to_owned());
    }
    out
}

fn change_word(p: &str, rng: &mut Rng) -> String {
    let first = rng.below(WORDS.len());
    for k in 0..WORDS.len() {
        let (a, b) = WORDS[(first + k) % WORDS.len()];
        if p.contains(a) {
            return p.replacen(a, b, 1);
        }
    }
    change_number(p, rng)
}

fn change_number(p: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = p.chars().collect();
    let runs: Vec<(usize, usize)> = digit_runs(&chars)
        .into_iter()
        .filter(|(a, b)| b - a <= 9)
        .collect();
    if !runs.is_empty() {
        let (a, b) = runs[rng.below(runs.len())];
        let value = number(&chars[a..b]) + 1 + rng.below(9) as u64;
        let mut out: String = chars[..a].iter().collect();
        out.push_str(&value.to_string());
        out.extend(&chars[b..]);
        return out;
    }
    let at: Vec<usize> = (0..chars.len())
        .filter(|&i| NUMERALS.contains(&chars[i]))
        .collect();
    if at.is_empty() {
        return p.to_owned();
    }
    let i = at[rng.below(at.len())];
    let old = NUMERALS
        .iter()
        .position(|&n| n == chars[i])
        .expect("a numeral");
    chars[i] = NUMERALS[(old + 1 + rng.below(NUMERALS.len() - 1)) % NUMERALS.len()];
    chars.into_iter().collect()
}

fn donor_paragraph(pool: &[Chapter], rng: &mut Rng) -> String {
    let doc = &pool[rng.below(pool.len())];
    doc.paras[rng.below(doc.paras.len())].clone()
}

/// The revision: chapters deleted, inserted and moved; paragraphs deleted, inserted and
/// swapped; words, numbers and sentences changed.
fn revise(
    chapters: &[Chapter],
    pool: &[Chapter],
    stream: &mut ChapterStream,
    rng: &mut Rng,
) -> Vec<Chapter> {
    let mut out = chapters.to_vec();
    if out.len() >= 3 {
        let k = (out.len() / 10).max(1);
        for _ in 0..k {
            let i = 1 + rng.below(out.len() - 1);
            out.remove(i);
        }
        for _ in 0..k {
            let mut spare = stream.next(rng);
            let keep = 1 + rng.below(spare.paras.len());
            spare.paras.truncate(keep);
            let at = 1 + rng.below(out.len());
            out.insert(at, spare);
        }
        for _ in 0..k {
            let i = rng.below(out.len());
            let moved = out.remove(i);
            let at = rng.below(out.len() + 1);
            out.insert(at, moved);
        }
    }
    for ch in &mut out {
        let old = std::mem::take(&mut ch.paras);
        let mut paras = Vec::new();
        let mut i = 0;
        while i < old.len() {
            let mut p = old[i].clone();
            let r = rng.below(1000);
            if r < 15 {
                i += 1;
                continue;
            } else if r < 30 {
                paras.push(donor_paragraph(pool, rng));
            } else if r < 40 && i + 1 < old.len() {
                paras.push(old[i + 1].clone());
                paras.push(p);
                i += 2;
                continue;
            } else if r < 120 {
                p = change_word(&p, rng);
            } else if r < 170 {
                p = change_number(&p, rng);
            } else if r < 210 {
                let mut s = sentences(&p);
                if s.len() >= 2 {
                    s.remove(rng.below(s.len()));
                    p = s.concat();
                }
            } else if r < 250 {
                let mut s = sentences(&p);
                let donor = sentences(&donor_paragraph(pool, rng));
                if !donor.is_empty() {
                    let at = rng.below(s.len() + 1);
                    let pick = donor[rng.below(donor.len())].clone();
                    s.insert(at, pick);
                    p = s.concat();
                }
            }
            paras.push(p);
            i += 1;
        }
        ch.paras = paras;
    }
    out
}

/// The left and right texts of the input whose left side is at most `target` UTF-8 bytes.
pub fn scaled(target: usize, pool: &[Chapter]) -> (String, String) {
    let mut rng = Rng::new(0x5eed ^ target as u32);
    let mut stream = ChapterStream::new(pool);
    let chapters = take_chapters(&mut stream, &mut rng, target);
    let right = revise(&chapters, pool, &mut stream, &mut rng);
    (render(&chapters), render(&right))
}
