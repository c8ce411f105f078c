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
    document_text(&xml).map_err(|e| bad(format!("{main} is malformed: {e}")))
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
    document_text(text.as_bytes()).map_err(|e| bad(format!("the Word XML is malformed: {e}")))
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
fn document_text(xml: &[u8]) -> Result<String, quick_xml::Error> {
    let mut reader = Reader::from_reader(xml);
    // Tolerate what Word tolerates; structure is tracked with counters anyway.
    reader.config_mut().check_end_names = false;
    reader.config_mut().allow_unmatched_ends = true;
    let mut out = Lines::default();
    let mut skip_depth = 0usize;
    let mut in_text = false;
    loop {
        let event = reader.read_event()?;
        if skip_depth > 0 {
            match event {
                Event::Start(_) => skip_depth += 1,
                Event::End(_) => skip_depth -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    n if is_skipped(n) => skip_depth = 1,
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
        document_text(xml.as_bytes()).unwrap_or_else(|e| format!("error: {e}"))
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
