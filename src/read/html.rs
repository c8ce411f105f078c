//! HTML → the readable text of a notice page.
//!
//! A small tolerant tokenizer, not a parser: it never builds a tree and keeps no stack, so
//! it runs in one forward pass (linear time) and deeply nested markup cannot overflow
//! anything. What a tree would give — which element a piece of text sits in — matters
//! here only for elements whose content is never shown (scripts, styles, …), and those
//! cannot nest, so skipping to their end tag is enough.
//!
//! Page chrome (menus, footers, "print this page") is kept: telling it from the notice is
//! the outline stage's job, which sees the text's structure.

use super::charset::Charset;
use super::entities;
use super::sniff::starts_with_ignore_case;

/// The readable text of an HTML document or fragment: one line per block (paragraph,
/// heading, list item, table row, `<br>`), table cells separated by a tab, whitespace
/// collapsed as a browser does, entities decoded, `&nbsp;` as a plain space, at most one
/// blank line in a row, and no text from `<script>`, `<style>`, `<noscript>`,
/// `<template>`, `<title>`, form controls, `<svg>` or comments.
pub(crate) fn extract(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = Builder::new();
    let mut pos = 0;
    while let Some(lt) = find_byte(bytes, pos, b'<') {
        out.text(html.get(pos..lt).unwrap_or_default());
        pos = match tag_at(bytes, lt) {
            Token::Literal => {
                out.text("<");
                lt + 1
            }
            Token::Skip { end } => end,
            Token::Start {
                name,
                self_closing,
                end,
            } => {
                if is_hidden_content(name) && !self_closing {
                    skip_past_end_tag(bytes, end, name)
                } else {
                    out.start_tag(name);
                    end
                }
            }
            Token::End { name, end } => {
                out.end_tag(name);
                end
            }
        };
    }
    out.text(html.get(pos..).unwrap_or_default());
    out.finish()
}

/// The encoding a page declares in `<meta charset=…>`, `<meta http-equiv="Content-Type"
/// content="…; charset=…">` or an XML declaration, looked for in its first 8 KB as
/// browsers do. UTF-16 declarations are read as UTF-8, as browsers do (the bytes being
/// ASCII-compatible proves the declaration wrong).
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<Charset> {
    let head = bytes.get(..8192).unwrap_or(bytes);
    let mut pos = 0;
    while let Some(meta) = find_ignore_case(head, pos, b"<meta") {
        let end = find_byte(head, meta, b'>').unwrap_or(head.len());
        let tag = head.get(meta..end).unwrap_or_default();
        pos = end;
        if let Some(at) = find_ignore_case(tag, 0, b"charset") {
            if let Some(encoding) = label_after(tag, at + 7).and_then(Charset::for_label) {
                return Some(encoding);
            }
        }
    }
    if starts_with_ignore_case(head, b"<?xml") {
        let decl_end = find_byte(head, 0, b'>').unwrap_or(head.len());
        let decl = head.get(..decl_end).unwrap_or_default();
        if let Some(at) = find_ignore_case(decl, 0, b"encoding") {
            return label_after(decl, at + 8).and_then(Charset::for_label);
        }
    }
    None
}

/// The encoding label after `charset`/`encoding`: `= "gbk"`, `=gb2312;`, `='utf-8'`.
fn label_after(head: &[u8], pos: usize) -> Option<&[u8]> {
    let rest = head.get(pos..)?;
    let rest = trim_ascii_start(rest);
    let rest = trim_ascii_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        .count();
    rest.get(..len).filter(|l| !l.is_empty())
}

fn trim_ascii_start(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    bytes.get(n..).unwrap_or_default()
}

fn find_byte(bytes: &[u8], from: usize, needle: u8) -> Option<usize> {
    let rest = bytes.get(from..)?;
    rest.iter().position(|&b| b == needle).map(|i| from + i)
}

fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = needle.first()?.to_ascii_lowercase();
    let mut pos = from;
    while let Some(rest) = bytes.get(pos..) {
        let i = rest.iter().position(|b| b.to_ascii_lowercase() == first)?;
        if starts_with_ignore_case(rest.get(i..).unwrap_or_default(), needle) {
            return Some(pos + i);
        }
        pos += i + 1;
    }
    None
}

fn find_str(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let rest = bytes.get(from..)?;
    rest.windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

enum Token<'a> {
    /// A `<` that starts no markup: it is text.
    Literal,
    /// A comment, doctype, processing instruction or malformed tag: nothing to show.
    Skip {
        end: usize,
    },
    Start {
        name: &'a [u8],
        self_closing: bool,
        end: usize,
    },
    End {
        name: &'a [u8],
        end: usize,
    },
}

/// Reads the markup starting at `lt` (a `<`), returning where it ends. Tolerant the way
/// browsers are: an unterminated comment or tag runs to the end of the input.
fn tag_at(bytes: &[u8], lt: usize) -> Token<'_> {
    let after = lt + 1;
    match bytes.get(after) {
        Some(b'!') => {
            if bytes.get(after + 1..after + 3) == Some(b"--") {
                let end = find_str(bytes, after + 1, b"-->").map_or(bytes.len(), |i| i + 3);
                Token::Skip { end }
            } else {
                Token::Skip {
                    end: past_gt(bytes, after),
                }
            }
        }
        Some(b'?') => Token::Skip {
            end: past_gt(bytes, after),
        },
        Some(b'/') => {
            let name_start = after + 1;
            match bytes.get(name_start) {
                Some(b) if b.is_ascii_alphabetic() => {
                    let name_end = name_end(bytes, name_start);
                    Token::End {
                        name: bytes.get(name_start..name_end).unwrap_or_default(),
                        end: past_gt(bytes, name_end),
                    }
                }
                Some(b'>') => Token::Skip {
                    end: name_start + 1,
                },
                Some(_) => Token::Skip {
                    end: past_gt(bytes, name_start),
                },
                None => Token::Literal,
            }
        }
        Some(b) if b.is_ascii_alphabetic() => {
            let name_end = name_end(bytes, after);
            let (end, self_closing) = attributes_end(bytes, name_end);
            Token::Start {
                name: bytes.get(after..name_end).unwrap_or_default(),
                self_closing,
                end,
            }
        }
        _ => Token::Literal,
    }
}

fn name_end(bytes: &[u8], from: usize) -> usize {
    let len = bytes
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&b| !(b.is_ascii_whitespace() || b == b'/' || b == b'>'))
        .count();
    from + len
}

fn past_gt(bytes: &[u8], from: usize) -> usize {
    find_byte(bytes, from, b'>').map_or(bytes.len(), |i| i + 1)
}

/// Skips a start tag's attributes, honouring quotes (a `>` inside `title="a>b"` does not
/// end the tag). Returns the position after the tag and whether it ended in `/>`.
fn attributes_end(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut pos = from;
    let mut last_was_slash = false;
    while let Some(&b) = bytes.get(pos) {
        match b {
            b'>' => return (pos + 1, last_was_slash),
            b'"' | b'\'' => {
                // Quotes only open a value right after `=` (possibly spaced); elsewhere they
                // are junk, but treating them as quotes is what browsers do closely enough.
                pos = find_byte(bytes, pos + 1, b).map_or(bytes.len(), |i| i + 1);
                last_was_slash = false;
            }
            b'/' => {
                last_was_slash = true;
                pos += 1;
            }
            _ => {
                if !b.is_ascii_whitespace() {
                    last_was_slash = false;
                }
                pos += 1;
            }
        }
    }
    (bytes.len(), false)
}

/// Elements whose content is never part of the readable text: code, styles, fallback
/// content, inert templates, the page title (the body repeats it), form controls and
/// embedded graphics. None of them can contain itself, so their end is the next
/// matching end tag. (`<head>` is not among them: its end tag may be omitted, and what
/// it holds besides `<title>`, scripts and styles is never text.)
fn is_hidden_content(name: &[u8]) -> bool {
    const HIDDEN: &[&[u8]] = &[
        b"script",
        b"style",
        b"noscript",
        b"template",
        b"title",
        b"textarea",
        b"select",
        b"iframe",
        b"noembed",
        b"noframes",
        b"xmp",
        b"svg",
    ];
    HIDDEN.iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// The position after `</name …>` following `from`, or the end of the input.
fn skip_past_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut pos = from;
    while let Some(lt) = find_str(bytes, pos, b"</") {
        let name_start = lt + 2;
        let after_name = name_start + name.len();
        let matches = bytes
            .get(name_start..after_name)
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        let ends = match bytes.get(after_name) {
            None => true,
            Some(b) => b.is_ascii_whitespace() || *b == b'/' || *b == b'>',
        };
        if matches && ends {
            return past_gt(bytes, after_name);
        }
        pos = name_start;
    }
    bytes.len()
}

/// How an element affects line structure.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    Inline,
    /// Starts and ends on its own line(s).
    Block,
    /// A table row (or the table itself): lines that cells never merge across.
    Row,
    /// A table cell: separated from the previous cell of its row by a tab.
    Cell,
    /// A forced line break.
    Break,
    /// Preformatted: whitespace kept.
    Pre,
}

fn layout(name: &[u8]) -> Layout {
    const BLOCKS: &[&[u8]] = &[
        b"p",
        b"div",
        b"li",
        b"ul",
        b"ol",
        b"dl",
        b"dt",
        b"dd",
        b"h1",
        b"h2",
        b"h3",
        b"h4",
        b"h5",
        b"h6",
        b"section",
        b"article",
        b"aside",
        b"header",
        b"footer",
        b"nav",
        b"main",
        b"address",
        b"blockquote",
        b"center",
        b"details",
        b"dialog",
        b"dir",
        b"fieldset",
        b"figcaption",
        b"figure",
        b"form",
        b"hgroup",
        b"hr",
        b"legend",
        b"menu",
        b"summary",
        b"body",
        b"html",
        b"frameset",
        b"frame",
        b"option",
        b"caption",
    ];
    const ROWS: &[&[u8]] = &[b"tr", b"table", b"thead", b"tbody", b"tfoot"];
    let is = |list: &[&[u8]]| list.iter().any(|n| n.eq_ignore_ascii_case(name));
    if name.eq_ignore_ascii_case(b"br") {
        Layout::Break
    } else if name.eq_ignore_ascii_case(b"td") || name.eq_ignore_ascii_case(b"th") {
        Layout::Cell
    } else if name.eq_ignore_ascii_case(b"pre")
        || name.eq_ignore_ascii_case(b"listing")
        || name.eq_ignore_ascii_case(b"plaintext")
    {
        Layout::Pre
    } else if is(ROWS) {
        Layout::Row
    } else if is(BLOCKS) {
        Layout::Block
    } else {
        Layout::Inline
    }
}

/// What separates the last character written from the next one, decided lazily: only
/// when more text arrives is it known whether a boundary separates anything at all.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Pending {
    Nothing,
    Space,
    Cell,
    Line,
    Row,
}

/// Accumulates lines of text with browser-like whitespace handling.
struct Builder {
    out: String,
    /// Where the current line starts in `out`.
    line_start: usize,
    /// Blank lines just written; starts at 1 so that leading blank lines are dropped.
    blank_lines: usize,
    pending: Pending,
    /// Nothing written since a table cell started: a paragraph opening the cell must not
    /// break the row (Word's HTML puts a `<p>` in every cell).
    cell_fresh: bool,
    /// Open `<pre>` elements.
    pre: usize,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            out: String::new(),
            line_start: 0,
            blank_lines: 1,
            pending: Pending::Nothing,
            cell_fresh: false,
            pre: 0,
        }
    }

    fn line_has_content(&self) -> bool {
        self.out.len() > self.line_start
    }

    fn start_tag(&mut self, name: &[u8]) {
        match layout(name) {
            Layout::Inline => {}
            Layout::Block => self.block(),
            Layout::Row => self.row(),
            Layout::Cell => self.cell(),
            Layout::Break => self.line_break(),
            Layout::Pre => {
                self.block();
                self.pre += 1;
            }
        }
    }

    fn end_tag(&mut self, name: &[u8]) {
        match layout(name) {
            Layout::Inline | Layout::Cell => {}
            Layout::Block => self.block(),
            Layout::Row => self.row(),
            // Browsers read `</br>` as `<br>`.
            Layout::Break => self.line_break(),
            Layout::Pre => {
                self.block();
                self.pre = self.pre.saturating_sub(1);
            }
        }
    }

    fn space(&mut self) {
        if self.line_has_content() && self.pending == Pending::Nothing {
            self.pending = Pending::Space;
        }
    }

    fn block(&mut self) {
        if self.cell_fresh || !self.line_has_content() {
            return;
        }
        self.pending = self.pending.max(Pending::Line);
    }

    fn row(&mut self) {
        self.cell_fresh = false;
        if self.line_has_content() {
            self.pending = Pending::Row;
        }
    }

    fn cell(&mut self) {
        if self.line_has_content() && self.pending != Pending::Row {
            self.pending = Pending::Cell;
        }
        self.cell_fresh = true;
    }

    fn line_break(&mut self) {
        self.pending = Pending::Nothing;
        self.cell_fresh = false;
        self.end_line();
    }

    fn text(&mut self, text: &str) {
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let (c, len) = if c == '&' {
                entities::decode(rest).unwrap_or(('&', 1))
            } else {
                (c, c.len_utf8())
            };
            rest = rest.get(len..).unwrap_or_default();
            self.char(c);
        }
    }

    fn char(&mut self, c: char) {
        match c {
            '\n' if self.pre > 0 => self.line_break(),
            '\r' if self.pre > 0 => {}
            ' ' | '\u{a0}' if self.pre > 0 => self.content(' '),
            '\t' if self.pre > 0 => self.content('\t'),
            ' ' | '\t' | '\n' | '\r' | '\x0c' => self.space(),
            // A layout device in HTML, not content: a plain space, but one that does not
            // collapse, as on screen.
            '\u{a0}' => self.content(' '),
            '\u{feff}' => {}
            c if c.is_control() => {}
            c => self.content(c),
        }
    }

    fn content(&mut self, c: char) {
        match self.pending {
            Pending::Nothing => {}
            Pending::Space => self.out.push(' '),
            Pending::Cell => self.out.push('\t'),
            Pending::Line | Pending::Row => self.end_line(),
        }
        self.pending = Pending::Nothing;
        self.cell_fresh = false;
        self.out.push(c);
    }

    fn end_line(&mut self) {
        while self.line_has_content() && self.out.ends_with(char::is_whitespace) {
            self.out.pop();
        }
        if self.line_has_content() {
            self.blank_lines = 0;
        } else if self.blank_lines >= 1 {
            return;
        } else {
            self.blank_lines += 1;
        }
        self.out.push('\n');
        self.line_start = self.out.len();
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
    use super::*;

    #[test]
    fn blocks_and_whitespace() {
        let html = "<html><head><title>T</title><style>p{}</style></head>\n<body>\n\
            <div class=nav>首页 &gt; 通知</div>\n<!-- a <p>comment</p> -->\
            <h1>关于&ldquo;双随机&rdquo;的通知</h1>\n<p>  第一段\n  继续。</p><p></p><p></p>\
            <p>第二段<br>第二行&nbsp;&nbsp;x</p><script>var a = '<p>no</p>';</script></body></html>";
        assert_eq!(
            extract(html),
            "首页 > 通知\n关于“双随机”的通知\n第一段 继续。\n第二段\n第二行  x"
        );
    }

    #[test]
    fn tables() {
        let html = "<p>表</p><table><tr><td><p>序号</p></td><td><p>名称</p></td></tr>\
            <tr><td>1</td><td> 国务院 </td></tr></table><p>后</p>";
        assert_eq!(extract(html), "表\n序号\t名称\n1\t国务院\n后");
    }

    #[test]
    fn blank_lines_collapse() {
        assert_eq!(extract("<br><br>a<br><br><br><br>b<br><br>"), "a\n\nb");
    }

    #[test]
    fn tolerant() {
        assert_eq!(extract("a < b <3 </> <!x> c"), "a < b <3 c");
        assert_eq!(extract("<p title='x>y'>t</p>"), "t");
        assert_eq!(extract("x<script>never closed"), "x");
        assert_eq!(extract("x<!-- never closed"), "x");
        assert_eq!(extract("<pre>a\n  b</pre>c"), "a\n  b\nc");
        assert_eq!(
            extract("AT&amp;T &copy 2024 &bogus; &"),
            "AT&T © 2024 &bogus; &"
        );
        assert_eq!(extract("<SCRIPT>x</SCRIPTX></Script >y"), "y");
    }

    #[test]
    fn charset() {
        let gbk = declared_charset(
            b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
        );
        assert_eq!(gbk, Some(Charset::Gbk));
        // Not a mainland encoding: left to sniffing, which refuses it.
        assert_eq!(declared_charset(b"<meta charset='big5'>"), None);
        assert_eq!(declared_charset(b"<p>charset=gbk</p>"), None);
        let xml = declared_charset(b"<?xml version=\"1.0\" encoding=\"GB18030\"?><html>");
        assert_eq!(xml, Some(Charset::Gb18030));
        let utf16 = declared_charset(b"<meta charset=utf-16>");
        assert_eq!(utf16, Some(Charset::Utf8));
    }
}
