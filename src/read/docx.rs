//! `.docx` → text: the paragraphs and tables of `word/document.xml`, in order.
//!
//! A `.docx` is a zip archive, so it is also the one input that can expand far beyond
//! its size. Every limit is checked before anything is inflated (entry count, declared
//! sizes) and again while inflating (actual sizes, which an archive can lie about).

use super::error::{ArchiveLimit, FileKind, ReadError};
use super::sniff::Hint;
use super::ReadOptions;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{Cursor, Read};
use zip::ZipArchive;

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

const MAIN_PART: &str = "word/document.xml";

/// Reads the zip archive in `bytes` as a Word document; any other zip-based format is an
/// `UnsupportedFormat` error naming what it is.
pub(crate) fn read(bytes: &[u8], hint: Hint, options: &ReadOptions) -> Result<String, ReadError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(format!("it is not a valid zip archive: {e}")))?;
    if archive.len() > options.max_docx_entries {
        return Err(ReadError::ZipBomb {
            limit: ArchiveLimit::Entries {
                limit: options.max_docx_entries,
            },
        });
    }
    let mut budget = Budget {
        left: options.max_docx_uncompressed,
        limit: options.max_docx_uncompressed,
    };
    if declared_size(&mut archive) > budget.limit {
        return Err(budget.exceeded());
    }
    let Some(main) = main_part(&mut archive, &mut budget)? else {
        return Err(match classify(&mut archive, &mut budget) {
            FileKind::Zip if hint == Hint::Docx => {
                bad(format!("it contains no Word document ({MAIN_PART})"))
            }
            kind => ReadError::UnsupportedFormat { kind },
        });
    };
    let xml = budget.read(&mut archive, &main)?;
    let mut numbering = numbering(&mut archive, &mut budget, &main)?;
    document_text(&xml, numbering.as_mut()).map_err(|e| bad(format!("{main} is malformed: {e}")))
}

/// The numbering definitions next to the main part (`word/numbering.xml`, with the
/// paragraph styles of `word/styles.xml` that number headings). Missing or malformed
/// parts mean no labels, never an error; a part past the budget is still a zip bomb.
fn numbering(
    archive: &mut Archive<'_>,
    budget: &mut Budget,
    main: &str,
) -> Result<Option<Numbering>, ReadError> {
    let folder = main.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut part = |name: &str| -> Result<Option<Vec<u8>>, ReadError> {
        let name = if folder.is_empty() {
            name.to_owned()
        } else {
            format!("{folder}/{name}")
        };
        if archive.index_for_name(&name).is_none() {
            return Ok(None);
        }
        match budget.read(archive, &name) {
            Ok(xml) => Ok(Some(xml)),
            Err(e @ ReadError::ZipBomb { .. }) => Err(e),
            Err(_) => Ok(None),
        }
    };
    let Some(mut numbering) = part("numbering.xml")?.and_then(|xml| Numbering::parse(&xml)) else {
        return Ok(None);
    };
    if let Some(styles) = part("styles.xml")? {
        numbering.read_styles(&styles);
    }
    Ok(Some(numbering))
}

fn bad(reason: String) -> ReadError {
    ReadError::BadDocx { reason }
}

/// The total uncompressed size the archive declares for all its entries.
fn declared_size(archive: &mut Archive<'_>) -> u64 {
    if let Some(total) = archive.decompressed_size() {
        return u64::try_from(total).unwrap_or(u64::MAX);
    }
    // Entries written with data descriptors make the quick sum give up; their central
    // directory records still carry the sizes.
    let mut total = 0u64;
    for i in 0..archive.len() {
        if let Ok(file) = archive.by_index_raw(i) {
            total = total.saturating_add(file.size());
        }
    }
    total
}

/// How many more bytes may be inflated, across all entries read.
struct Budget {
    left: u64,
    limit: u64,
}

impl Budget {
    fn exceeded(&self) -> ReadError {
        ReadError::ZipBomb {
            limit: ArchiveLimit::Uncompressed { limit: self.limit },
        }
    }

    /// Inflates entry `name`, stopping one byte past the budget: the declared size is not
    /// trusted.
    fn read(&mut self, archive: &mut Archive<'_>, name: &str) -> Result<Vec<u8>, ReadError> {
        let file = archive
            .by_name(name)
            .map_err(|e| bad(format!("{name} cannot be opened: {e}")))?;
        let mut out = Vec::new();
        let read = file
            .take(self.left.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|e| bad(format!("{name} is damaged: {e}")))?;
        let read = u64::try_from(read).unwrap_or(u64::MAX);
        if read > self.left {
            return Err(self.exceeded());
        }
        self.left -= read;
        Ok(out)
    }
}

/// The Word document part: `word/document.xml`, or wherever the package relationships
/// say the main document is (some generators name it differently).
fn main_part(archive: &mut Archive<'_>, budget: &mut Budget) -> Result<Option<String>, ReadError> {
    if archive.index_for_name(MAIN_PART).is_some() {
        return Ok(Some(MAIN_PART.to_owned()));
    }
    if archive.index_for_name("_rels/.rels").is_none() {
        return Ok(None);
    }
    let rels = budget.read(archive, "_rels/.rels")?;
    let Some(target) = office_document_target(&rels) else {
        return Ok(None);
    };
    let target = target.trim_start_matches('/').to_owned();
    let is_word = !target.starts_with("xl/") && !target.starts_with("ppt/");
    Ok((is_word && archive.index_for_name(&target).is_some()).then_some(target))
}

/// The `Target` of the relationship whose type ends in `/officeDocument`.
fn office_document_target(rels: &[u8]) -> Option<String> {
    let mut reader = Reader::from_reader(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let is_main =
                    attribute(&e, b"Type").is_some_and(|t| t.ends_with("/officeDocument"));
                if is_main {
                    return attribute(&e, b"Target");
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

fn attribute(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// What a zip archive that is not a Word document is, from the names inside.
fn classify(archive: &mut Archive<'_>, budget: &mut Budget) -> FileKind {
    let mut has_mimetype = false;
    for name in archive.file_names() {
        if name.starts_with("xl/") {
            return FileKind::Spreadsheet;
        }
        if name.starts_with("ppt/") {
            return FileKind::Presentation;
        }
        if name.eq_ignore_ascii_case("OFD.xml") {
            return FileKind::Ofd;
        }
        has_mimetype |= name == "mimetype";
    }
    if has_mimetype {
        let mimetype = budget.read(archive, "mimetype").unwrap_or_default();
        if mimetype.starts_with(b"application/epub") {
            return FileKind::Epub;
        }
        if mimetype.starts_with(b"application/vnd.oasis.opendocument") {
            return FileKind::OpenDocument;
        }
    }
    FileKind::Zip
}

/// Whether decoded text is a Word document saved as a single XML file (Word 2003 XML,
/// or Flat OPC): government sites publish these as `.doc` or `.xml`.
pub(crate) fn is_word_xml(text: &str) -> bool {
    let head = text.get(..4096).unwrap_or(text);
    head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .starts_with("<?xml")
        && (head.contains("<w:wordDocument") || head.contains("<pkg:package"))
}

/// The text of a Word XML document (see [`is_word_xml`]).
pub(crate) fn word_xml_text(text: &str) -> Result<String, ReadError> {
    document_text(text.as_bytes(), None).map_err(|e| bad(format!("the Word XML is malformed: {e}")))
}

/// Elements whose content is not document text even though it may hold `w:t`, `w:tab`
/// or `w:br`: property blocks (`w:pPr` holds tab *stops* named `w:tab`), deleted and
/// moved-away revisions, and the fallback copy of alternate content (text boxes appear
/// once as DrawingML and again as VML).
fn is_skipped(local_name: &[u8]) -> bool {
    local_name.ends_with(b"Pr")
        || local_name.ends_with(b"PrEx")
        || local_name.ends_with(b"PrChange")
        || matches!(
            local_name,
            b"del" | b"moveFrom" | b"Fallback" | b"tblGrid" | b"instrText" | b"delText"
        )
}

/// The text of a WordprocessingML document body: one line per paragraph; a table row
/// per line with cells separated by a tab (paragraphs inside a cell joined by a space);
/// `w:tab` as a tab and `w:br`/`w:cr` as a line break (both as a space inside tables,
/// where they would break the row); at most one blank line in a row.
///
/// One forward pass with counters, no recursion: nesting depth costs nothing.
///
/// Paragraphs numbered automatically start with the label Word shows for them, from
/// `numbering` (see [`Numbering::label`]).
fn document_text(
    xml: &[u8],
    mut numbering: Option<&mut Numbering>,
) -> Result<String, quick_xml::Error> {
    let mut reader = Reader::from_reader(xml);
    // Tolerate what Word tolerates; structure is tracked with counters anyway.
    reader.config_mut().check_end_names = false;
    reader.config_mut().allow_unmatched_ends = true;
    let mut out = Lines::default();
    let mut skip_depth = 0usize;
    let mut in_text = false;
    // While a paragraph's properties are skipped: its numbering, gathered on the way.
    let mut properties: Option<ParagraphNumbering> = None;
    loop {
        let event = reader.read_event()?;
        if skip_depth > 0 {
            if let (Some(p), Event::Start(e) | Event::Empty(e)) = (&mut properties, &event) {
                p.see(e, skip_depth);
            }
            match event {
                Event::Start(_) => skip_depth += 1,
                Event::End(_) => skip_depth -= 1,
                Event::Eof => break,
                _ => {}
            }
            if skip_depth == 0 {
                if let (Some(p), Some(n)) = (properties.take(), numbering.as_deref_mut()) {
                    if let Some(label) = n.paragraph_label(&p) {
                        out.label(&label);
                    }
                }
            }
            continue;
        }
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    n if is_skipped(n) => {
                        skip_depth = 1;
                        if n == b"pPr" && numbering.is_some() {
                            properties = Some(ParagraphNumbering::default());
                        }
                    }
                    b"t" => in_text = true,
                    n => out.open(n),
                }
            }
            Event::Empty(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    n if is_skipped(n) => {}
                    // `<w:p/>`: an empty paragraph.
                    b"p" => {
                        out.open(b"p");
                        out.close(b"p");
                    }
                    n => out.open(n),
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    b"t" => in_text = false,
                    n => out.close(n),
                }
            }
            Event::Text(e) if in_text => match e.unescape() {
                Ok(text) => out.text(&text),
                Err(_) => out.text(&String::from_utf8_lossy(&e)),
            },
            Event::CData(e) if in_text => out.text(&String::from_utf8_lossy(&e)),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out.finish())
}

/// Lines of a document being assembled.
#[derive(Default)]
struct Lines {
    out: String,
    line: String,
    /// Blank lines just written (leading blank lines are dropped).
    blank_lines: usize,
    started: bool,
    /// Open tables (they nest: a table inside a cell).
    tables: usize,
    /// Cells opened in the current outermost row.
    cells: usize,
    /// A paragraph (or inner row) ended inside a cell: a space before more text.
    cell_space: bool,
}

impl Lines {
    fn open(&mut self, name: &[u8]) {
        match name {
            b"tbl" => {
                if self.tables == 0 && !self.line.trim().is_empty() {
                    self.end_line();
                }
                self.tables += 1;
            }
            b"tr" if self.tables == 1 => self.cells = 0,
            b"tc" if self.tables == 1 => {
                if self.cells > 0 {
                    self.line.push('\t');
                }
                self.cells += 1;
                self.cell_space = false;
            }
            b"tc" => self.cell_space = true,
            b"tab" | b"ptab" => self.line.push(if self.tables > 0 { ' ' } else { '\t' }),
            b"br" | b"cr" if self.tables > 0 => self.line.push(' '),
            b"br" | b"cr" => self.end_line(),
            b"noBreakHyphen" => self.line.push('-'),
            _ => {}
        }
    }

    fn close(&mut self, name: &[u8]) {
        match name {
            b"p" | b"tr" if self.tables > 0 => {
                if name == b"tr" && self.tables == 1 {
                    self.end_line();
                } else {
                    self.cell_space = true;
                }
            }
            b"p" => self.end_line(),
            b"tbl" => {
                self.tables = self.tables.saturating_sub(1);
                if self.tables == 0 && !self.line.trim().is_empty() {
                    self.end_line();
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if std::mem::take(&mut self.cell_space)
            && !self.line.is_empty()
            && !self.line.ends_with(['\t', ' '])
        {
            self.line.push(' ');
        }
        // Tabs and line breaks are elements in Word; raw ones in `w:t` are just spacing.
        self.line
            .extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
    }

    /// A numbering label, which may end in a tab (see [`Numbering::label`]).
    fn label(&mut self, label: &str) {
        match label.strip_suffix('\t') {
            Some(label) => {
                self.text(label);
                self.open(b"tab");
            }
            None => self.text(label),
        }
    }

    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.cell_space = false;
        let line = line.trim_end();
        if line.trim_start().is_empty() {
            if self.blank_lines >= 1 || !self.started {
                return;
            }
            self.blank_lines += 1;
            self.out.push('\n');
            return;
        }
        self.blank_lines = 0;
        self.started = true;
        self.out.push_str(line);
        self.out.push('\n');
    }

    fn finish(mut self) -> String {
        self.end_line();
        let len = self.out.trim_end().len();
        self.out.truncate(len);
        self.out
    }
}

// --- automatic numbering -----------------------------------------------------------------
//
// Compact on purpose: every map type or sort instantiated here would cost kilobytes of
// wasm, so lists are vectors found through sorted `u64` keys (see `Index`).

/// Levels a list can have (`w:ilvl` 0..=8).
const LEVELS: usize = 9;
/// Largest counter value: Word's own limit for `w:start`. Higher values saturate here.
const MAX_VALUE: u32 = 32_767;
/// Longest level text kept, in characters; real ones are a few (`（%1）`, `%1.%2.%3`).
/// Together with [`MAX_LABEL`] this keeps a numbered paragraph from writing more text than
/// its own markup takes, so a document cannot amplify itself through its labels.
const MAX_LEVEL_TEXT: usize = 32;
/// Longest label written, in bytes (16 CJK characters).
const MAX_LABEL: usize = 48;

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
struct Numbering {
    abstracts: Vec<Abstract>,
    nums: Vec<Num>,
    styles: Vec<StyleNumbering>,
    abstract_index: Index,
    num_index: Index,
    style_index: Index,
}

/// A paragraph's `w:numPr` (or `w:pStyle`), gathered while its `w:pPr` is read.
#[derive(Default)]
struct ParagraphNumbering {
    num_id: Option<u32>,
    level: Option<usize>,
    style: Option<String>,
}

/// A decimal attribute value: negative values are 0 and large ones saturate (ids need
/// only be told apart, values are capped anyway).
fn int(e: &BytesStart<'_>, name: &[u8]) -> Option<u32> {
    let value = attribute(e, name)?;
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
fn level_of(e: &BytesStart<'_>, name: &[u8]) -> Option<usize> {
    int(e, name).map(|l| l as usize)
}

impl Numbering {
    /// Reads `word/numbering.xml`; `None` when it is malformed (the document then shows
    /// no labels, as if it had none).
    fn parse(xml: &[u8]) -> Option<Numbering> {
        let mut numbering = Numbering::default();
        let mut reader = Reader::from_reader(xml);
        // Where the reader is: in an abstract definition (and which of its levels), or in
        // a `w:num` (and which level it overrides).
        let (mut in_abstract, mut in_num) = (false, false);
        let (mut level, mut override_level): (Option<usize>, Option<usize>) = (None, None);
        loop {
            let e = match reader.read_event().ok()? {
                Event::Start(e) | Event::Empty(e) => e,
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        b"abstractNum" => (in_abstract, level) = (false, None),
                        b"lvl" => level = None,
                        b"num" => in_num = false,
                        b"lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let name = e.local_name();
            let val = int(&e, b"val");
            match name.as_ref() {
                b"abstractNum" => {
                    in_abstract = false;
                    if let Some(id) = int(&e, b"abstractNumId") {
                        let position = numbering.abstracts.len();
                        numbering.abstract_index.push(id, position);
                        numbering.abstracts.push(Abstract::default());
                        in_abstract = true;
                    }
                }
                b"num" => {
                    in_num = false;
                    if let Some(id) = int(&e, b"numId") {
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
                        b"abstractNumId" => num.abstract_id = val.unwrap_or(u32::MAX),
                        b"lvlOverride" => override_level = level_of(&e, b"ilvl"),
                        b"startOverride" => {
                            if let Some(slot) =
                                override_level.and_then(|l| num.start_overrides.get_mut(l))
                            {
                                *slot = val.map(|v| v.min(MAX_VALUE));
                            }
                        }
                        _ => {}
                    }
                }
                b"lvl" if in_abstract => {
                    level = level_of(&e, b"ilvl");
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
                    let text = || attribute(&e, b"val").unwrap_or_default();
                    match property {
                        b"start" => lvl.start = val.unwrap_or(0).min(MAX_VALUE),
                        b"numFmt" => lvl.format = NumFormat::parse(&text()),
                        b"lvlText" => lvl.text = text().chars().take(MAX_LEVEL_TEXT).collect(),
                        b"suff" => {
                            lvl.suffix = match text().as_str() {
                                "space" => Suffix::Space,
                                "nothing" => Suffix::Nothing,
                                _ => Suffix::Tab,
                            }
                        }
                        b"lvlRestart" => lvl.restart = val.map(|v| v as usize),
                        b"isLgl" => lvl.legal = !matches!(text().as_str(), "0" | "false" | "off"),
                        b"pStyle" => lvl.style = Some(text()),
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
    fn read_styles(&mut self, xml: &[u8]) {
        let mut reader = Reader::from_reader(xml);
        let mut in_style = false;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e)) => {
                    let name = e.local_name();
                    if name.as_ref() == b"style" {
                        let is_paragraph =
                            attribute(&e, b"type").map_or(true, |t| t == "paragraph");
                        let id = attribute(&e, b"styleId").filter(|_| is_paragraph);
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
                    match name.as_ref() {
                        b"basedOn" => style.based_on = attribute(&e, b"val"),
                        b"numId" => style.num_id = int(&e, b"val"),
                        b"ilvl" => style.level = level_of(&e, b"val"),
                        _ => {}
                    }
                }
                Ok(Event::End(e)) if e.local_name().as_ref() == b"style" => in_style = false,
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
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
    fn paragraph_label(&mut self, p: &ParagraphNumbering) -> Option<String> {
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
        if label.len() > MAX_LABEL {
            let mut end = MAX_LABEL;
            while !label.is_char_boundary(end) {
                end -= 1;
            }
            label.truncate(end);
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
    fn see(&mut self, e: &BytesStart<'_>, depth: usize) {
        match (e.local_name().as_ref(), depth) {
            (b"pStyle", 1) => self.style = attribute(e, b"val"),
            (b"ilvl", 2) => self.level = level_of(e, b"val"),
            (b"numId", 2) => self.num_id = int(e, b"val"),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
             xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">\
             <w:body>{inner}<w:sectPr><w:pgSz w:w=\"11906\"/></w:sectPr></w:body></w:document>"
        );
        document_text(xml.as_bytes(), None).unwrap_or_else(|e| format!("error: {e}"))
    }

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    /// A `w:lvl`: level, start, format, text, and extra properties.
    fn lvl(ilvl: usize, start: u64, format: &str, text: &str, extra: &str) -> String {
        format!(
            "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"{start}\"/><w:numFmt w:val=\"{format}\"/>\
             <w:lvlText w:val=\"{text}\"/>{extra}<w:lvlJc w:val=\"left\"/>\
             <w:pPr><w:ind w:left=\"420\"/><w:tabs><w:tab w:val=\"num\" w:pos=\"720\"/></w:tabs></w:pPr></w:lvl>"
        )
    }

    /// A numbered paragraph (`num` = (numId, ilvl)), or a plain one.
    fn para(num: Option<(u32, usize)>, text: &str) -> String {
        let props = num.map_or(String::new(), |(id, level)| {
            format!(
                "<w:pPr><w:pStyle w:val=\"a\"/><w:numPr><w:ilvl w:val=\"{level}\"/>\
                 <w:numId w:val=\"{id}\"/></w:numPr><w:ind w:firstLine=\"640\"/></w:pPr>"
            )
        });
        format!("<w:p>{props}<w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn numbered(numbering: &str, styles: &str, inner: &str) -> String {
        let numbering = format!("<w:numbering {W}>{numbering}</w:numbering>");
        let mut numbering = Numbering::parse(numbering.as_bytes()).unwrap_or_default();
        numbering.read_styles(format!("<w:styles {W}>{styles}</w:styles>").as_bytes());
        let xml = format!("<w:document {W}><w:body>{inner}</w:body></w:document>");
        document_text(xml.as_bytes(), Some(&mut numbering))
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    /// 一、 at level 0, （一） at level 1, 1. at level 2; numId 1 and 2 share it, 3 restarts
    /// level 0 at 5.
    fn outline_numbering() -> String {
        format!(
            "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"multilevel\"/>{}{}{}</w:abstractNum>\
             <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
             <w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/></w:num>\
             <w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/>\
             <w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>",
            lvl(0, 1, "chineseCounting", "%1、", ""),
            lvl(1, 1, "chineseCounting", "（%2）", "<w:suff w:val=\"nothing\"/>"),
            lvl(2, 1, "decimal", "%3.", ""),
        )
    }

    #[test]
    fn outline_levels_count_and_restart() {
        let text = numbered(
            &outline_numbering(),
            "",
            &[
                para(None, "标题"),
                para(Some((1, 0)), "总体要求"),
                para(Some((1, 1)), "指导思想"),
                para(Some((1, 2)), "细目"),
                para(Some((1, 2)), "细目"),
                para(Some((1, 1)), "基本原则"),
                para(Some((1, 2)), "细目"),
                para(None, "正文段落。"),
                para(Some((2, 0)), "主要任务"),
                para(Some((1, 1)), "加强组织领导"),
                para(Some((3, 0)), "另起"),
                para(Some((3, 0)), "再起"),
                para(Some((9, 0)), "未定义的编号"),
                para(Some((1, 12)), "未定义的级别"),
            ]
            .concat(),
        );
        assert_eq!(
            text,
            "标题\n一、总体要求\n（一）指导思想\n1.细目\n2.细目\n（二）基本原则\n1.细目\n正文段落。\n\
             二、主要任务\n（一）加强组织领导\n五、另起\n六、再起\n未定义的编号\n未定义的级别"
        );
    }

    #[test]
    fn formats_and_separators() {
        let formats = [
            ("decimal", "%1.", "3.甲"),
            ("decimalFullWidth", "%1．", "３．甲"),
            ("chineseCountingThousand", "第%1条", "第三条\t甲"),
            ("ideographTraditional", "%1、", "丙、甲"),
            ("decimalEnclosedCircleChinese", "%1", "③\t甲"),
            ("upperLetter", "%1.", "C.甲"),
            ("lowerRoman", "(%1)", "(iii)甲"),
            ("upperRoman", "%1", "III\t甲"),
            ("bullet", "\u{f0b7}", "甲"),
            ("none", "", "甲"),
            ("someFutureFormat", "%1)", "3)甲"),
        ];
        for (format, text, expected) in formats {
            let numbering = format!(
                "<w:abstractNum w:abstractNumId=\"7\">{}</w:abstractNum>\
                 <w:num w:numId=\"4\"><w:abstractNumId w:val=\"7\"/></w:num>",
                lvl(0, 3, format, text, "")
            );
            assert_eq!(
                numbered(&numbering, "", &para(Some((4, 0)), "甲")),
                expected,
                "{format}"
            );
        }
        // Chinese counting past ten; a space suffix; two-level labels, which write each
        // level in its own format unless the level is "legal" (isLgl: digits only).
        let numbering = format!(
            "<w:abstractNum w:abstractNumId=\"1\">{}{}{}</w:abstractNum>\
             <w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num>",
            lvl(
                0,
                10,
                "chineseCounting",
                "第%1章",
                "<w:suff w:val=\"space\"/>"
            ),
            lvl(1, 1, "decimal", "%1.%2", "<w:suff w:val=\"space\"/>"),
            lvl(2, 1, "decimal", "%1.%2.%3", "<w:isLgl/>"),
        );
        let body = [
            para(Some((1, 0)), "甲"),
            para(Some((1, 0)), "乙"),
            para(Some((1, 1)), "丙"),
            para(Some((1, 2)), "戊"),
            para(Some((1, 0)), "丁"),
        ]
        .concat();
        assert_eq!(
            numbered(&numbering, "", &body),
            "第十章 甲\n第十一章 乙\n十一.1 丙\n11.1.1\t戊\n第十二章 丁"
        );
    }

    #[test]
    fn heading_styles_are_numbered() {
        let numbering = format!(
            "<w:abstractNum w:abstractNumId=\"0\">{}{}</w:abstractNum>\
             <w:num w:numId=\"5\"><w:abstractNumId w:val=\"0\"/></w:num>",
            lvl(
                0,
                1,
                "chineseCounting",
                "%1、",
                "<w:pStyle w:val=\"Heading1\"/>"
            ),
            lvl(
                1,
                1,
                "chineseCounting",
                "（%1）",
                "<w:pStyle w:val=\"Heading2\"/>"
            ),
        );
        let styles = "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>\
             <w:pPr><w:numPr><w:numId w:val=\"5\"/></w:numPr></w:pPr></w:style>\
             <w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:basedOn w:val=\"Heading1\"/>\
             <w:pPr><w:numPr><w:ilvl w:val=\"1\"/></w:numPr></w:pPr></w:style>\
             <w:style w:type=\"paragraph\" w:styleId=\"Loop\"><w:basedOn w:val=\"Loop\"/></w:style>";
        let styled = |style: &str, text: &str| {
            format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
        };
        let body = [
            styled("Heading1", "总则"),
            styled("Heading2", "目的"),
            styled("Loop", "正文"),
            // Numbering turned off on one heading.
            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr>\
             <w:r><w:t>无编号</w:t></w:r></w:p>"
                .to_owned(),
            styled("Heading1", "分则"),
        ]
        .concat();
        assert_eq!(
            numbered(&numbering, styles, &body),
            "一、总则\n（一）目的\n正文\n无编号\n二、分则"
        );
    }

    #[test]
    fn revisions_and_bad_numbering() {
        // The numbering of an earlier version of the paragraph is not shown.
        let body = "<w:p><w:pPr><w:pPrChange w:id=\"1\"><w:pPr><w:numPr><w:ilvl w:val=\"0\"/>\
             <w:numId w:val=\"1\"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>甲</w:t></w:r></w:p>";
        assert_eq!(numbered(&outline_numbering(), "", body), "甲");
        assert!(
            Numbering::parse(b"<w:numbering><w:abstractNum w:abstractNumId=\"0\"><w:lvl").is_none()
        );
        // Hostile values saturate; long level texts are cut.
        let numbering = format!(
            "<w:abstractNum w:abstractNumId=\"0\">{}</w:abstractNum>\
             <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>",
            lvl(0, 4_000_000_000, "upperLetter", &"%1".repeat(100), ""),
        );
        let text = numbered(&numbering, "", &para(Some((1, 0)), "甲"));
        assert!(text.starts_with("32767327673276732767"), "{text}");
        assert!(text.len() <= MAX_LABEL + "\t甲".len(), "{text}");
    }

    #[test]
    fn paragraphs_runs_tabs_breaks() {
        let text = body(
            "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
             <w:r><w:t>一、</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">总则 </w:t></w:r>\
             <w:r><w:tab/><w:t>A&amp;B</w:t><w:br/><w:t>次行</w:t></w:r></w:p>\
             <w:p/><w:p/><w:p><w:del><w:r><w:delText>删去</w:delText><w:tab/></w:r></w:del>\
             <w:ins><w:r><w:t>插入</w:t></w:r></w:ins>\
             <w:r><w:instrText> PAGE </w:instrText><w:t>1</w:t></w:r></w:p>",
        );
        assert_eq!(text, "一、总则 \tA&B\n次行\n\n插入1");
    }

    #[test]
    fn tables_one_row_per_line() {
        let cell = |t: &str| format!("<w:tc><w:tcPr/><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let text = body(&format!(
            "<w:p><w:r><w:t>前</w:t></w:r></w:p><w:tbl><w:tblPr/><w:tblGrid/>\
             <w:tr>{}{}</w:tr><w:tr>{}<w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p>\
             <w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
             <w:p><w:r><w:t>后</w:t></w:r></w:p>",
            cell("序号"),
            cell("名称"),
            cell("1"),
        ));
        assert_eq!(text, "前\n序号\t名称\n1\t甲 乙\n后");
    }

    #[test]
    fn alternate_content_once() {
        let text = body(
            "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:txbxContent>\
             <w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback>\
             <w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Fallback>\
             </mc:AlternateContent></w:r></w:p>",
        );
        assert_eq!(text, "框");
    }
}
