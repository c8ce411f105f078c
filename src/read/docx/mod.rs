//! `.docx` → text: the paragraphs and tables of `word/document.xml`, in order.
//!
//! A `.docx` is a zip archive, so it is also the one input that can expand far beyond
//! its size. Every limit is checked before anything is inflated (entry count, declared
//! sizes) and again while inflating (actual sizes, which an archive can lie about).
//!
//! `zip.rs` reads the archive and `inflate.rs` its deflated entries, `xml.rs` scans the
//! XML, `numbering.rs` renders Word's automatic numbering; this file turns
//! WordprocessingML into lines of text.

mod inflate;
mod numbering;
mod xml;
mod zip;

use self::numbering::{Numbering, ParagraphNumbering};
use self::xml::{Event, Reader};
use self::zip::{Archive, Fault};
use super::error::{ArchiveLimit, FileKind, ReadError};
use super::sniff::Hint;
use super::ReadOptions;
use crate::find::has;
use std::borrow::Cow;

const MAIN_PART: &str = "word/document.xml";

/// Reads the zip archive in `bytes` as a Word document; any other zip-based format is an
/// `UnsupportedFormat` error naming what it is.
pub(crate) fn read(bytes: &[u8], hint: Hint, options: &ReadOptions) -> Result<String, ReadError> {
    let archive = match Archive::new(bytes, options.max_docx_entries) {
        Ok(archive) => archive,
        Err(Fault::Limit) => {
            return Err(ReadError::ZipBomb {
                limit: ArchiveLimit::Entries {
                    limit: options.max_docx_entries,
                },
            })
        }
        Err(Fault::Bad(why)) => return Err(bad(format!("it is not a valid zip archive: {why}"))),
    };
    let mut budget = Budget {
        left: options.max_docx_uncompressed,
        limit: options.max_docx_uncompressed,
    };
    let declared = archive
        .entries
        .iter()
        .map(|e| u64::from(e.size))
        .sum::<u64>();
    if declared > budget.limit {
        return Err(budget.exceeded());
    }
    let Some(main) = main_part(&archive, &mut budget)? else {
        return Err(match classify(&archive, &mut budget) {
            FileKind::Zip if hint == Hint::Docx => {
                bad(format!("it contains no Word document ({MAIN_PART})"))
            }
            kind => ReadError::UnsupportedFormat { kind },
        });
    };
    let xml = budget.read(&archive, &main)?;
    let mut numbering = numbering(&archive, &mut budget, &main)?;
    document_text(&utf8(&xml), numbering.as_mut())
        .map_err(|e| bad(format!("{main} is malformed: {e}")))
}

/// The numbering definitions next to the main part (`word/numbering.xml`, with the
/// paragraph styles of `word/styles.xml` that number headings). Missing or malformed
/// parts mean no labels, never an error; a part past the budget is still a zip bomb.
fn numbering(
    archive: &Archive<'_>,
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
        if archive.find(&name).is_none() {
            return Ok(None);
        }
        match budget.read(archive, &name) {
            Ok(xml) => Ok(Some(xml)),
            Err(e @ ReadError::ZipBomb { .. }) => Err(e),
            Err(_) => Ok(None),
        }
    };
    let Some(mut numbering) = part("numbering.xml")?.and_then(|xml| Numbering::parse(&utf8(&xml)))
    else {
        return Ok(None);
    };
    if let Some(styles) = part("styles.xml")? {
        numbering.read_styles(&utf8(&styles));
    }
    Ok(Some(numbering))
}

/// XML parts as text: UTF-8, as Word writes them (validated by the fast check first;
/// invalid bytes become U+FFFD).
fn utf8(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

fn bad(reason: String) -> ReadError {
    ReadError::BadDocx { reason }
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

    /// Inflates entry `name`, stopping as soon as it passes the budget: the declared size
    /// is not trusted.
    fn read(&mut self, archive: &Archive<'_>, name: &str) -> Result<Vec<u8>, ReadError> {
        let data = match archive
            .find(name)
            .map(|entry| archive.read(entry, self.left))
        {
            Some(Ok(data)) => data,
            Some(Err(Fault::Limit)) => return Err(self.exceeded()),
            Some(Err(Fault::Bad(why))) => return Err(bad(format!("{name} is damaged: {why}"))),
            None => return Err(bad(format!("{name} is missing"))),
        };
        self.left = self
            .left
            .saturating_sub(u64::try_from(data.len()).unwrap_or(u64::MAX));
        Ok(data)
    }
}

/// The Word document part: `word/document.xml`, or wherever the package relationships
/// say the main document is (some generators name it differently).
fn main_part(archive: &Archive<'_>, budget: &mut Budget) -> Result<Option<String>, ReadError> {
    if archive.find(MAIN_PART).is_some() {
        return Ok(Some(MAIN_PART.to_owned()));
    }
    if archive.find("_rels/.rels").is_none() {
        return Ok(None);
    }
    let rels = budget.read(archive, "_rels/.rels")?;
    let Some(target) = office_document_target(&utf8(&rels)) else {
        return Ok(None);
    };
    let target = target.trim_start_matches('/').to_owned();
    let is_word = !target.starts_with("xl/") && !target.starts_with("ppt/");
    Ok((is_word && archive.find(&target).is_some()).then_some(target))
}

/// The `Target` of the relationship whose type ends in `/officeDocument`.
fn office_document_target(rels: &str) -> Option<String> {
    let mut reader = Reader::new(rels);
    while let Ok(Some(event)) = reader.next() {
        if let Event::Start(e) | Event::Empty(e) = event {
            let is_main = e.name == "Relationship"
                && e.attribute("Type")
                    .is_some_and(|t| t.ends_with("/officeDocument"));
            if is_main {
                return e.attribute("Target");
            }
        }
    }
    None
}

/// What a zip archive that is not a Word document is, from the names inside.
fn classify(archive: &Archive<'_>, budget: &mut Budget) -> FileKind {
    let mut has_mimetype = false;
    for entry in &archive.entries {
        let name = entry.name;
        if name.starts_with(b"xl/") {
            return FileKind::Spreadsheet;
        }
        if name.starts_with(b"ppt/") {
            return FileKind::Presentation;
        }
        if name.eq_ignore_ascii_case(b"OFD.xml") {
            return FileKind::Ofd;
        }
        has_mimetype |= name == b"mimetype";
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
        && (has(head, "<w:wordDocument") || has(head, "<pkg:package"))
}

/// The text of a Word XML document (see [`is_word_xml`]).
pub(crate) fn word_xml_text(text: &str) -> Result<String, ReadError> {
    document_text(text, None).map_err(|e| bad(format!("the Word XML is malformed: {e}")))
}

/// Elements whose content is not document text even though it may hold `w:t`, `w:tab`
/// or `w:br`: property blocks (`w:pPr` holds tab *stops* named `w:tab`), deleted and
/// moved-away revisions, and the fallback copy of alternate content (text boxes appear
/// once as DrawingML and again as VML).
fn is_skipped(local_name: &str) -> bool {
    local_name.ends_with("Pr")
        || local_name.ends_with("PrEx")
        || local_name.ends_with("PrChange")
        || matches!(
            local_name,
            "del" | "moveFrom" | "Fallback" | "tblGrid" | "instrText" | "delText"
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
fn document_text(xml: &str, mut numbering: Option<&mut Numbering>) -> Result<String, &'static str> {
    let mut reader = Reader::new(xml);
    let mut out = Lines::default();
    let mut skip_depth = 0usize;
    let mut in_text = false;
    // While a paragraph's properties are skipped: its numbering, gathered on the way.
    let mut properties: Option<ParagraphNumbering> = None;
    while let Some(event) = reader.next()? {
        if skip_depth > 0 {
            if let (Some(p), Event::Start(e) | Event::Empty(e)) = (&mut properties, &event) {
                p.see(e, skip_depth);
            }
            match event {
                Event::Start(_) => skip_depth += 1,
                Event::End(_) => skip_depth -= 1,
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
            Event::Start(e) => match e.name {
                n if is_skipped(n) => {
                    skip_depth = 1;
                    if n == "pPr" && numbering.is_some() {
                        properties = Some(ParagraphNumbering::default());
                    }
                }
                "t" => in_text = true,
                n => out.open(n),
            },
            Event::Empty(e) => match e.name {
                n if is_skipped(n) => {}
                // `<w:p/>`: an empty paragraph.
                "p" => {
                    out.open("p");
                    out.close("p");
                }
                n => out.open(n),
            },
            Event::End("t") => in_text = false,
            Event::End(name) => out.close(name),
            Event::Text(text) if in_text => out.text(&xml::unescape(text)),
            Event::CData(text) if in_text => out.text(text),
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
    fn open(&mut self, name: &str) {
        match name {
            "tbl" => {
                if self.tables == 0 && !self.line.trim().is_empty() {
                    self.end_line();
                }
                self.tables += 1;
            }
            "tr" if self.tables == 1 => self.cells = 0,
            "tc" if self.tables == 1 => {
                if self.cells > 0 {
                    self.line.push('\t');
                }
                self.cells += 1;
                self.cell_space = false;
            }
            "tc" => self.cell_space = true,
            "tab" | "ptab" => self.line.push(if self.tables > 0 { ' ' } else { '\t' }),
            "br" | "cr" if self.tables > 0 => self.line.push(' '),
            "br" | "cr" => self.end_line(),
            "noBreakHyphen" => self.line.push('-'),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "p" | "tr" if self.tables > 0 => {
                if name == "tr" && self.tables == 1 {
                    self.end_line();
                } else {
                    self.cell_space = true;
                }
            }
            "p" => self.end_line(),
            "tbl" => {
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
        // Most text has no byte a control character can start with (C0, DEL, and 0xC2,
        // which leads C1 and the rest of U+0080–U+00BF): it is copied without decoding.
        if text.bytes().all(|b| b >= 0x20 && b != 0x7f && b != 0xc2) {
            self.line.push_str(text);
            return;
        }
        for (i, part) in text.split(char::is_control).enumerate() {
            if i > 0 {
                self.line.push(' ');
            }
            self.line.push_str(part);
        }
    }

    /// A numbering label, which may end in a tab (see [`Numbering::label`]).
    fn label(&mut self, label: &str) {
        match label.strip_suffix('\t') {
            Some(label) => {
                self.text(label);
                self.open("tab");
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
        while self.out.ends_with(char::is_whitespace) {
            self.out.pop();
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::numbering::MAX_LABEL;
    use super::*;

    fn body(inner: &str) -> String {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
             xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">\
             <w:body>{inner}<w:sectPr><w:pgSz w:w=\"11906\"/></w:sectPr></w:body></w:document>"
        );
        document_text(&xml, None).unwrap_or_else(|e| format!("error: {e}"))
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
        let mut numbering = Numbering::parse(&numbering).unwrap_or_default();
        numbering.read_styles(&format!("<w:styles {W}>{styles}</w:styles>"));
        let xml = format!("<w:document {W}><w:body>{inner}</w:body></w:document>");
        document_text(&xml, Some(&mut numbering)).unwrap_or_else(|e| format!("error: {e}"))
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
            Numbering::parse("<w:numbering><w:abstractNum w:abstractNumId=\"0\"><w:lvl").is_none()
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
