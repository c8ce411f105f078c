//! Word's automatic numbering: the labels (一、 （一） 1. 第一条 …) that
//! `word/numbering.xml` and the paragraph styles give numbered paragraphs.
//!
//! Compact on purpose: every map type or sort instantiated here would cost kilobytes of
//! wasm, so lists are vectors found through sorted `u64` keys (see `Index`).

use super::xml::{Event, Reader, Tag};

/// Levels a list can have (`w:ilvl` 0..=8).
const LEVELS: usize = 9;
/// Largest counter value: Word's own limit for `w:start`. Higher values saturate here.
const MAX_VALUE: u32 = 32_767;
/// Longest level text kept, in characters; real ones are a few (`（%1）`, `%1.%2.%3`).
/// Together with [`MAX_LABEL`] this keeps a numbered paragraph from writing more text than
/// its own markup takes, so a document cannot amplify itself through its labels.
const MAX_LEVEL_TEXT: usize = 32;
/// Longest label written, in bytes (16 CJK characters).
pub(super) const MAX_LABEL: usize = 48;

/// How a level writes its counter (`w:numFmt`).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
enum NumFormat {
    /// `decimal`, and every format not listed here.
    #[default]
    Decimal,
    DecimalZero,
    DecimalFullWidth,
    /// `chineseCounting`, `chineseCountingThousand`, `taiwaneseCounting…`: 一 十一 一百.
    Chinese,
    /// `ideographTraditional`: 甲 乙 丙 … 癸, then again.
    Heavenly,
    /// `decimalEnclosedCircle(Chinese)`: ① … ⑳, then digits.
    Circled,
    UpperLetter,
    LowerLetter,
    UpperRoman,
    LowerRoman,
    /// `bullet`, `none`: the level writes no label.
    NoLabel,
}

impl NumFormat {
    fn parse(val: &str) -> NumFormat {
        match val {
            "decimalZero" => NumFormat::DecimalZero,
            "decimalFullWidth" | "decimalFullWidth2" => NumFormat::DecimalFullWidth,
            "chineseCounting"
            | "chineseCountingThousand"
            | "taiwaneseCounting"
            | "taiwaneseCountingThousand"
            | "japaneseCounting" => NumFormat::Chinese,
            "ideographTraditional" => NumFormat::Heavenly,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => NumFormat::Circled,
            "upperLetter" => NumFormat::UpperLetter,
            "lowerLetter" => NumFormat::LowerLetter,
            "upperRoman" => NumFormat::UpperRoman,
            "lowerRoman" => NumFormat::LowerRoman,
            "bullet" | "none" => NumFormat::NoLabel,
            _ => NumFormat::Decimal,
        }
    }

    /// Appends `n` written in this format; formats that run out (letters past ZZZ, roman
    /// past 3999, circles past 20) write digits, as the value still has to show.
    fn write(self, n: u32, out: &mut String) {
        let letter = |base: u32, out: &mut String| {
            let (repeat, offset) = (n.saturating_sub(1) / 26 + 1, n.saturating_sub(1) % 26);
            let fits = n > 0 && repeat <= 3;
            if fits {
                for _ in 0..repeat {
                    out.extend(char::from_u32(base + offset));
                }
            }
            fits
        };
        let written = match self {
            NumFormat::Decimal => false,
            NumFormat::DecimalZero => {
                if n < 10 {
                    out.push('0');
                }
                false
            }
            NumFormat::DecimalFullWidth => {
                digits(n, '０', out);
                true
            }
            NumFormat::Chinese => crate::numerals::write(n)
                .map(|s| out.push_str(&s))
                .is_some(),
            NumFormat::Heavenly => (n > 0)
                .then(|| "甲乙丙丁戊己庚辛壬癸".chars().nth(((n - 1) % 10) as usize))
                .flatten()
                .map(|c| out.push(c))
                .is_some(),
            NumFormat::Circled => (1..=20)
                .contains(&n)
                .then(|| char::from_u32(0x245F + n))
                .flatten()
                .map(|c| out.push(c))
                .is_some(),
            NumFormat::UpperLetter => letter(u32::from('A'), out),
            NumFormat::LowerLetter => letter(u32::from('a'), out),
            NumFormat::UpperRoman | NumFormat::LowerRoman => {
                roman(n, self == NumFormat::LowerRoman, out)
            }
            NumFormat::NoLabel => true,
        };
        if !written {
            digits(n, '0', out);
        }
    }
}

/// Appends `n` in decimal digits starting at `zero` ('0', or '０' for full width).
fn digits(n: u32, zero: char, out: &mut String) {
    if n >= 10 {
        digits(n / 10, zero, out);
    }
    out.extend(char::from_u32(u32::from(zero) + n % 10));
}

/// Appends `n` in roman numerals; false (nothing written) outside 1..=3999.
fn roman(mut n: u32, lower: bool, out: &mut String) -> bool {
    const PARTS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if !(1..4000).contains(&n) {
        return false;
    }
    for (value, part) in PARTS {
        while n >= value {
            out.extend(
                part.chars()
                    .map(|c| if lower { c.to_ascii_lowercase() } else { c }),
            );
            n -= value;
        }
    }
    true
}

/// What follows a label (`w:suff`).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

/// One level of an abstract numbering definition (`w:lvl`).
#[derive(Clone, Default)]
struct Level {
    start: u32,
    format: NumFormat,
    text: String,
    suffix: Suffix,
    /// `w:lvlRestart`: the counter restarts when a level numbered (one-based) up to this
    /// one is used; 0 never. By default, when any shallower level is used.
    restart: Option<usize>,
    /// `w:isLgl`: every level in the label is written in digits (`1.1`, not `一.1`).
    legal: bool,
    /// `w:pStyle`: the paragraph style this level belongs to (heading numbering).
    style: Option<String>,
}

/// The last value written at each level of a list; `None` before the level is used and
/// after it restarts.
type Counters = [Option<u32>; LEVELS];

/// A numbering instance (`w:num`): an abstract definition, perhaps restarted.
#[derive(Clone, Default)]
struct Num {
    abstract_id: u32,
    start_overrides: [Option<u32>; LEVELS],
    /// The counters of a `w:num` that restarts a level (see [`Abstract::counters`]).
    counters: Counters,
}

/// An abstract numbering definition (`w:abstractNum`).
#[derive(Clone, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    /// Word counts a list per abstract definition, so paragraphs of two `w:num`s sharing
    /// one continue each other's count; a `w:num` that restarts a level
    /// (`w:startOverride`) counts on its own ([`Num::counters`]).
    counters: Counters,
}

/// Positions of items by a 32-bit key, `key << 32 | position`, sorted once filled:
/// lookups in O(log n) without a map type (`[u64]::sort_unstable` is linked already).
#[derive(Default)]
struct Index(Vec<u64>);

impl Index {
    fn push(&mut self, key: u32, position: usize) {
        let position = u64::try_from(position).unwrap_or(u64::MAX) & 0xffff_ffff;
        self.0.push(u64::from(key) << 32 | position);
    }

    /// The positions of the items with `key`, in the order they were pushed.
    fn find(&self, key: u32) -> impl Iterator<Item = usize> + '_ {
        let key = u64::from(key);
        let start = self.0.partition_point(|&k| k >> 32 < key);
        self.0
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(move |&&k| k >> 32 == key)
            .map(|&k| (k & 0xffff_ffff) as usize)
    }
}

/// A style id as an [`Index`] key (FNV-1a); equal hashes are told apart by the id itself.
fn style_key(id: &str) -> u32 {
    id.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Paragraph style numbering (`word/styles.xml`): what a style's `w:numPr` says and what
/// it is based on.
#[derive(Clone, Default)]
struct StyleNumbering {
    id: String,
    num_id: Option<u32>,
    level: Option<usize>,
    based_on: Option<String>,
}

/// The numbering definitions of a document and the counters of its lists, which advance
/// as its paragraphs are read in order. Where an id is defined twice, the first
/// definition counts.
#[derive(Default)]
pub(super) struct Numbering {
    abstracts: Vec<Abstract>,
    nums: Vec<Num>,
    styles: Vec<StyleNumbering>,
    abstract_index: Index,
    num_index: Index,
    style_index: Index,
}

/// A paragraph's `w:numPr` (or `w:pStyle`), gathered while its `w:pPr` is read.
#[derive(Default)]
pub(super) struct ParagraphNumbering {
    num_id: Option<u32>,
    level: Option<usize>,
    style: Option<String>,
}

/// A decimal attribute value: negative values are 0 and large ones saturate (ids need
/// only be told apart, values are capped anyway).
fn int(e: &Tag<'_>, name: &str) -> Option<u32> {
    let value = e.attribute(name)?;
    let value = value.trim();
    let (negative, digits) = match value.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, value),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = digits.bytes().fold(0u32, |n, b| {
        n.saturating_mul(10).saturating_add(u32::from(b - b'0'))
    });
    Some(if negative { 0 } else { n })
}

/// A level number; out of range ones are kept, to write no label rather than another
/// level's.
fn level_of(e: &Tag<'_>, name: &str) -> Option<usize> {
    int(e, name).map(|l| l as usize)
}

impl Numbering {
    /// Reads `word/numbering.xml`; `None` when it is malformed (the document then shows
    /// no labels, as if it had none).
    pub(super) fn parse(xml: &str) -> Option<Numbering> {
        let mut numbering = Numbering::default();
        let mut reader = Reader::new(xml);
        // Where the reader is: in an abstract definition (and which of its levels), or in
        // a `w:num` (and which level it overrides).
        let (mut in_abstract, mut in_num) = (false, false);
        let (mut level, mut override_level): (Option<usize>, Option<usize>) = (None, None);
        while let Some(event) = reader.next().ok()? {
            let e = match event {
                Event::Start(e) | Event::Empty(e) => e,
                Event::End(name) => {
                    match name {
                        "abstractNum" => (in_abstract, level) = (false, None),
                        "lvl" => level = None,
                        "num" => in_num = false,
                        "lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                _ => continue,
            };
            let val = int(&e, "val");
            match e.name {
                "abstractNum" => {
                    in_abstract = false;
                    if let Some(id) = int(&e, "abstractNumId") {
                        let position = numbering.abstracts.len();
                        numbering.abstract_index.push(id, position);
                        numbering.abstracts.push(Abstract::default());
                        in_abstract = true;
                    }
                }
                "num" => {
                    in_num = false;
                    if let Some(id) = int(&e, "numId") {
                        numbering.num_index.push(id, numbering.nums.len());
                        numbering.nums.push(Num::default());
                        in_num = true;
                    }
                }
                n if in_num => {
                    let Some(num) = numbering.nums.last_mut() else {
                        continue;
                    };
                    match n {
                        "abstractNumId" => num.abstract_id = val.unwrap_or(u32::MAX),
                        "lvlOverride" => override_level = level_of(&e, "ilvl"),
                        "startOverride" => {
                            if let Some(slot) =
                                override_level.and_then(|l| num.start_overrides.get_mut(l))
                            {
                                *slot = val.map(|v| v.min(MAX_VALUE));
                            }
                        }
                        _ => {}
                    }
                }
                "lvl" if in_abstract => {
                    level = level_of(&e, "ilvl");
                    let levels = numbering.abstracts.last_mut().map(|a| &mut a.levels);
                    if let Some(slot) = levels.and_then(|l| l.get_mut(level?)) {
                        *slot = Some(Level::default());
                    }
                }
                property if in_abstract => {
                    let Some(lvl) = numbering
                        .abstracts
                        .last_mut()
                        .and_then(|a| a.levels.get_mut(level?))
                        .and_then(Option::as_mut)
                    else {
                        continue;
                    };
                    let text = || e.attribute("val").unwrap_or_default();
                    match property {
                        "start" => lvl.start = val.unwrap_or(0).min(MAX_VALUE),
                        "numFmt" => lvl.format = NumFormat::parse(&text()),
                        "lvlText" => lvl.text = text().chars().take(MAX_LEVEL_TEXT).collect(),
                        "suff" => {
                            lvl.suffix = match text().as_str() {
                                "space" => Suffix::Space,
                                "nothing" => Suffix::Nothing,
                                _ => Suffix::Tab,
                            }
                        }
                        "lvlRestart" => lvl.restart = val.map(|v| v as usize),
                        "isLgl" => lvl.legal = !matches!(text().as_str(), "0" | "false" | "off"),
                        "pStyle" => lvl.style = Some(text()),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        numbering.abstract_index.0.sort_unstable();
        numbering.num_index.0.sort_unstable();
        Some(numbering)
    }

    /// Reads the numbering of the paragraph styles in `word/styles.xml`; a malformed part
    /// gives what was read before the fault.
    pub(super) fn read_styles(&mut self, xml: &str) {
        let mut reader = Reader::new(xml);
        let mut in_style = false;
        while let Ok(Some(event)) = reader.next() {
            match event {
                Event::Start(e) | Event::Empty(e) => {
                    if e.name == "style" {
                        let is_paragraph = e.attribute("type").map_or(true, |t| t == "paragraph");
                        let id = e.attribute("styleId").filter(|_| is_paragraph);
                        in_style = id.is_some();
                        if let Some(id) = id {
                            self.style_index.push(style_key(&id), self.styles.len());
                            self.styles.push(StyleNumbering {
                                id,
                                ..StyleNumbering::default()
                            });
                        }
                        continue;
                    }
                    let Some(style) = self.styles.last_mut().filter(|_| in_style) else {
                        continue;
                    };
                    match e.name {
                        "basedOn" => style.based_on = e.attribute("val"),
                        "numId" => style.num_id = int(&e, "val"),
                        "ilvl" => style.level = level_of(&e, "val"),
                        _ => {}
                    }
                }
                Event::End("style") => in_style = false,
                _ => {}
            }
        }
        self.style_index.0.sort_unstable();
    }

    fn style(&self, id: &str) -> Option<&StyleNumbering> {
        self.style_index
            .find(style_key(id))
            .filter_map(|i| self.styles.get(i))
            .find(|s| s.id == id)
    }

    /// Where the `w:num` numbered `id` and its abstract definition are.
    fn list(&self, id: u32) -> Option<(usize, usize)> {
        let num = self.num_index.find(id).next()?;
        let abstract_id = self.nums.get(num)?.abstract_id;
        Some((num, self.abstract_index.find(abstract_id).next()?))
    }

    /// The label of a paragraph, from its own `w:numPr` or its style's (followed through
    /// `w:basedOn`); `w:numId` 0 turns a style's numbering off.
    pub(super) fn paragraph_label(&mut self, p: &ParagraphNumbering) -> Option<String> {
        let (mut num_id, mut level) = (p.num_id, p.level);
        let mut style = p.style.as_deref();
        let mut numbered_style = None;
        // Style chains are short; the bound also stops a cycle.
        for _ in 0..16 {
            let Some(id) = style else { break };
            let Some(s) = self.style(id) else { break };
            if num_id.is_none() && s.num_id.is_some() {
                num_id = s.num_id;
                numbered_style = Some(id);
            }
            level = level.or(s.level);
            style = s.based_on.as_deref();
        }
        let num_id = num_id.filter(|&id| id != 0)?;
        // A style numbered without a level is the level that names the style (headings).
        let level = level
            .or_else(|| {
                let style = numbered_style?;
                let (_, list) = self.list(num_id)?;
                let levels = &self.abstracts.get(list)?.levels;
                levels
                    .iter()
                    .position(|l| l.as_ref().and_then(|l| l.style.as_deref()) == Some(style))
            })
            .unwrap_or(0);
        self.label(num_id, level)
    }

    /// The label of a paragraph numbered `num_id` at `level`, ending with what separates
    /// it from the text, and advances the list's counters. `None` for paragraphs whose
    /// list writes no label (bullets, `none`, undefined lists and levels).
    fn label(&mut self, num_id: u32, level: usize) -> Option<String> {
        let (num, list) = self.list(num_id)?;
        let num = self.nums.get_mut(num)?;
        let list = self.abstracts.get_mut(list)?;
        let levels = &list.levels;
        let this = levels.get(level)?.as_ref()?;
        let counters = if num.start_overrides.iter().any(Option::is_some) {
            &mut num.counters
        } else {
            &mut list.counters
        };
        let overrides = &num.start_overrides;
        let start = |l: usize| -> u32 {
            let from_override = overrides.get(l).copied().flatten();
            let from_level = levels.get(l).and_then(Option::as_ref).map(|lvl| lvl.start);
            from_override.or(from_level).unwrap_or(0)
        };
        let value = match counters.get(level).copied().flatten() {
            Some(v) => v.saturating_add(1).min(MAX_VALUE),
            None => start(level),
        };
        for (l, counter) in counters.iter_mut().enumerate() {
            if l == level {
                *counter = Some(value);
            } else if l > level {
                let lvl = levels.get(l).and_then(Option::as_ref);
                let restart = lvl.and_then(|lvl| lvl.restart).unwrap_or(l);
                if level < restart {
                    *counter = None;
                }
            }
        }
        if this.format == NumFormat::NoLabel {
            return None;
        }
        let mut label = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            let placeholder = match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d @ 1..=9)) => d as usize - 1,
                _ => {
                    label.push(c);
                    continue;
                }
            };
            chars.next();
            let n = counters
                .get(placeholder)
                .copied()
                .flatten()
                .unwrap_or_else(|| start(placeholder));
            let format = levels
                .get(placeholder)
                .and_then(Option::as_ref)
                .map_or(NumFormat::Decimal, |lvl| lvl.format);
            let format = match format {
                NumFormat::NoLabel => format,
                _ if this.legal => NumFormat::Decimal,
                _ => format,
            };
            format.write(n, &mut label);
        }
        while label.len() > MAX_LABEL {
            label.pop();
        }
        if label.is_empty() {
            return None;
        }
        // Word's default tab after a label is layout; after "一、" or "（一）" it would
        // only be noise in the text, so a separator is written only after a label that
        // does not end in punctuation ("第一条" + space).
        let ends_in_punctuation = label.chars().last().is_some_and(is_punctuation);
        match this.suffix {
            Suffix::Tab if !ends_in_punctuation => label.push('\t'),
            Suffix::Space if !ends_in_punctuation => label.push(' '),
            _ => {}
        }
        Some(label)
    }
}

impl ParagraphNumbering {
    /// Notes an element met at `depth` inside `w:pPr` (1: a direct child). `w:ilvl` and
    /// `w:numId` count only inside the paragraph's own `w:numPr`, at depth 2; those of a
    /// recorded earlier version (`w:pPrChange`) lie deeper.
    pub(super) fn see(&mut self, e: &Tag<'_>, depth: usize) {
        match (e.name, depth) {
            ("pStyle", 1) => self.style = e.attribute("val"),
            ("ilvl", 2) => self.level = level_of(e, "val"),
            ("numId", 2) => self.num_id = int(e, "val"),
            _ => {}
        }
    }
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{3001}'..='\u{303F}'
            | '\u{FF01}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}')
}
