#![cfg(not(target_arch = "wasm32"))]
//! The read stage on real notices saved the ways users' files come (other encodings, web
//! pages, Word documents), on files it must refuse, and on hostile input.
//!
//! `tests/fixtures/formats/` is generated from `tests/fixtures/seeds/` by
//! `scripts/make-format-fixtures.py`; each fixture's name starts with its seed's.

use notice_diff::{
    outline, read, ArchiveLimit, BlockKind, Document, FileKind, Format, ReadError, ReadOptions,
};
use proptest::prelude::*;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn bytes(path: &str) -> Vec<u8> {
    let path = fixtures().join(path);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn seed(name: &str) -> String {
    String::from_utf8(bytes(&format!("seeds/{name}.txt"))).expect("seeds are UTF-8")
}

fn read_ok(bytes: &[u8], name: Option<&str>) -> Document {
    read(bytes, name, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{name:?}: {} ({e})", e.code()))
}

fn read_err(bytes: &[u8], name: Option<&str>, options: &ReadOptions) -> ReadError {
    match read(bytes, name, options) {
        Ok(doc) => panic!("{name:?} read as {:?}: {:.80}", doc.format, doc.text),
        Err(e) => e,
    }
}

fn unsupported(kind: FileKind) -> ReadError {
    ReadError::UnsupportedFormat { kind }
}

// --- plain text in every encoding ------------------------------------------------------

#[test]
fn text_in_other_encodings_reads_back_exactly() {
    let cases = [
        ("guangyuan-2016-gonghui-7th", "gbk.txt", "GB18030"),
        ("wujin-2018-gonghui-17th", "utf16le-bom.txt", "UTF-16LE"),
        ("quzhou-2018-speech-17th", "utf16be-bom.txt", "UTF-16BE"),
        ("dalian-2020-gonghui-17th", "utf8-bom.txt", "UTF-8"),
    ];
    for (name, variant, encoding) in cases {
        let original = seed(name);
        // The seeds have no CR and no control characters, so reading is the identity.
        assert_eq!(read_ok(original.as_bytes(), Some("x.txt")).text, original);
        let file = format!("{name}.{variant}");
        let data = bytes(&format!("formats/{file}"));
        // By name, and by content alone.
        for file_name in [Some(file.as_str()), None] {
            let doc = read_ok(&data, file_name);
            assert_eq!(doc.format, Format::Text, "{file}");
            assert_eq!(doc.encoding, encoding, "{file}");
            assert!(doc.text == original, "{file} differs from its seed");
        }
    }
}

#[test]
fn line_endings_and_controls_are_normalised() {
    let doc = read_ok(
        "第一条\r\n第二条\r第三条\x0c第四条\x07".as_bytes(),
        Some("a.txt"),
    );
    assert_eq!(doc.text, "第一条\n第二条\n第三条\n第四条");
}

#[test]
fn gbk_without_a_name_and_big5_is_refused() {
    let (gbk, _, _) = encoding_rs::GBK.encode("关于印发《工会工作条例》的通知\n一、总则");
    let doc = read_ok(&gbk, None);
    assert_eq!(
        (doc.text.as_str(), doc.encoding),
        ("关于印发《工会工作条例》的通知\n一、总则", "GB18030")
    );
    // Traditional Chinese in Big5 reads as kana and junk in GBK: refuse rather than guess.
    let (big5, _, _) = encoding_rs::BIG5.encode("關於印發國務院通知的決定，請各地遵照執行。");
    assert_eq!(
        read_err(&big5, Some("a.txt"), &ReadOptions::default()),
        ReadError::Undecodable
    );
    // Latin-1 likewise, short or long.
    for latin1 in [
        &b"D\xe9cret relatif \xe0 la proc\xe9dure, \xe9t\xe9 adopt\xe9 \xe0 l'unanimit\xe9."[..],
        b"D\xe9cret relatif \xe0 la proc\xe9dure",
    ] {
        assert_eq!(
            read_err(latin1, None, &ReadOptions::default()).code(),
            "undecodable"
        );
    }
    // A GBK file cut in the middle of its last character still reads.
    let mut cut = gbk.into_owned();
    cut.push(0xd7);
    assert_eq!(read_ok(&cut, None).encoding, "GB18030");
}

// --- web pages ------------------------------------------------------------------------

/// What HTML comparisons compare: the non-blank lines, each with its whitespace runs
/// (any Unicode whitespace, NBSP and U+3000 included) collapsed to one space and trimmed.
/// HTML collapses whitespace and the extractor turns `&nbsp;` into a space, so only this
/// much of a text's layout survives a trip through a web page.
fn html_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect()
}

#[test]
fn gbk_web_page_reads_as_its_seed() {
    let name = "wujin-2018-gonghui-17th";
    let data = bytes(&format!("formats/{name}.gbk.html"));
    for file_name in [
        Some("notice.html"),
        Some("notice.htm"),
        Some("notice.doc"),
        None,
    ] {
        let doc = read_ok(&data, file_name);
        assert_eq!(doc.format, Format::Html, "{file_name:?}");
        // "GBK" (not "GB18030", what sniffing would give) shows the meta tag was honoured.
        assert_eq!(doc.encoding, "GBK", "{file_name:?}");
        assert_eq!(html_lines(&doc.text), html_lines(&seed(name)));
        for hidden in [
            "不应出现",
            "请启用脚本",
            "样式",
            "注释",
            "_常州市",
            "document.write",
        ] {
            assert!(!doc.text.contains(hidden), "{hidden} leaked");
        }
    }
    // Named `.txt`, markup is text: the name settles what content cannot.
    let doc = read_ok(&data, Some("notice.txt"));
    assert_eq!(doc.format, Format::Text);
    assert!(doc.text.contains("<h1 class=\"title\">"));
}

#[test]
fn meta_charset_is_honoured() {
    let page = "<html><head><meta charset=\"gb2312\"><title>通知</title></head>\
                <body><p>关于印发国务院通知的决定</p><p>请遵照执行。</p></body></html>";
    let (gbk, _, _) = encoding_rs::GBK.encode(page);
    let doc = read_ok(&gbk, Some("notice.html"));
    assert_eq!(
        (doc.text.as_str(), doc.encoding),
        ("关于印发国务院通知的决定\n请遵照执行。", "GBK")
    );
}

#[test]
fn big5_pages_are_refused_not_garbled() {
    // Only the UTF and GB families are decoded (see src/read/charset.rs); a Big5 page,
    // even one that declares itself, must be refused rather than shown as mojibake.
    let page = "<html><head><meta charset=\"big5\"><title>通知</title></head>\
                <body><p>關於印發國務院通知的決定</p><p>請遵照執行。</p></body></html>";
    let (big5, _, _) = encoding_rs::BIG5.encode(page);
    let error = read_err(&big5, Some("notice.html"), &ReadOptions::default());
    assert_eq!(error.code(), "undecodable");
}

#[test]
fn entities_tables_and_breaks() {
    let page = "<div>附件&nbsp;1&#xFF1A;&ldquo;双随机&rdquo;&mdash;&mdash;清单&middot;目录&#12288;&amp;&lt;&gt;</div>\
        <table><tr><th>序号</th><th>事项</th></tr><tr><td>1</td><td>抽查<br>检查</td></tr></table>\
        <ul><li>甲</li><li>乙</li></ul>";
    let doc = read_ok(page.as_bytes(), None);
    assert_eq!(
        doc.text,
        "附件 1：“双随机”——清单·目录\u{3000}&<>\n序号\t事项\n1\t抽查\n检查\n甲\n乙"
    );
}

/// Pages checked by reading them: a line of the title (split by `<br>`), the document
/// number, a sentence of the body and the date or signature at the end.
const GOVCN_SAMPLES: &[(&str, &[&str])] = &[
    (
        "govcn_01",
        &[
            "国务院关于在市场监管领域全面推行",
            "部门联合“双随机、一公开”监管的意见",
            "国发〔2019〕5号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "一、总体要求",
        ],
    ),
    (
        "govcn_24",
        &[
            "国务院办公厅关于同意以哈尔滨市名义",
            "国办函〔2004〕36号",
            "同意以哈尔滨市名义申办2009年第二十四届世界大学生冬季运动会。运动会申办全部经费由黑龙江省人民政府承担；",
            "二〇〇四年四月二十七日",
        ],
    ),
    (
        "govcn_52",
        &[
            "国办发〔1996〕32号",
            "一、逐年扩招，分步实施",
            "省（市）\t1995年招生人数\t扩招\t分年度招生任务",
            "总计\t1445\t555\t1600\t1800\t2000",
            "一九九六年五月十三日",
        ],
    ),
    (
        "govcn_44",
        &[
            "国函〔2006〕132号",
            "广东省人民政府、香港特别行政区政府：",
            "一、深圳湾口岸港方口岸区范围包括港方查验区和与之相连接的深圳湾公路大桥部分桥面。",
        ],
    ),
];

#[test]
fn govcn_pages_read_with_their_body() {
    let mut read_pages = 0;
    for entry in std::fs::read_dir(fixtures().join("govcn-html")).expect("govcn-html") {
        let path = entry.expect("entry").path();
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let data = std::fs::read(&path).expect("page");
        let doc = read_ok(&data, path.file_name().and_then(|n| n.to_str()));
        assert_eq!(
            (doc.format, doc.encoding),
            (Format::Html, "UTF-8"),
            "{name}"
        );
        // Every page is a notice or decree: a document number line ("国发〔2019〕5号",
        // "第707号") and sentences.
        assert!(doc.text.contains('。'), "{name}: no sentence");
        assert!(
            doc.text
                .lines()
                .any(|l| l.ends_with('号') && l.chars().count() < 30),
            "{name}: no document number"
        );
        // No markup or references left, no untrimmed lines, no runs of blank lines.
        for leftover in ["<p", "<span", "</", "&nbsp;", "&amp;", "<o:p"] {
            assert!(!doc.text.contains(leftover), "{name}: {leftover} left");
        }
        assert!(doc.text.lines().all(|l| l.trim_end() == l), "{name}");
        assert!(!doc.text.contains("\n\n\n"), "{name}");
        // The same bytes without a name are recognised as HTML too.
        assert_eq!(read_ok(&data, None), doc, "{name} by content");
        if let Some((_, expected)) = GOVCN_SAMPLES.iter().find(|(n, _)| *n == name) {
            for needle in *expected {
                assert!(
                    doc.text.lines().any(|line| line.contains(needle)),
                    "{name}: {needle:?} missing"
                );
            }
        }
        read_pages += 1;
    }
    assert_eq!(read_pages, 60);
}

#[test]
fn a_govcn_page_inside_a_full_page_loses_only_the_invisible() {
    let fragment = String::from_utf8(bytes("govcn-html/govcn_24.html")).expect("UTF-8");
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>标题不应出现</title>\
         <script>var s = \"</p><p>脚本不应出现\";</script><style>.a{{}}</style></head>\
         <body><!-- 注释不应出现 -->{fragment}<script src=\"x.js\"></script>\
         <noscript>也不应出现</noscript></body></html>"
    );
    let full = read_ok(page.as_bytes(), None);
    let bare = read_ok(fragment.as_bytes(), None);
    assert_eq!(full.text, bare.text);
    assert!(!full.text.contains("不应出现"));
}

#[test]
fn deeply_nested_html_does_not_overflow() {
    let depth = 100_000;
    let page = format!(
        "{}深处的文字{}",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    assert_eq!(
        read_ok(page.as_bytes(), Some("deep.html")).text,
        "深处的文字"
    );
    let cells = format!(
        "{}格{}",
        "<table><tr><td><span>".repeat(depth / 4),
        "</span></td></tr></table>".repeat(depth / 4)
    );
    assert_eq!(read_ok(cells.as_bytes(), Some("deep.html")).text, "格");
    // Unclosed, too.
    let open = format!("<p>开头{}结尾", "<div><b>".repeat(depth));
    assert_eq!(
        read_ok(open.as_bytes(), Some("open.html")).text,
        "开头\n结尾"
    );
}

// --- Word documents -------------------------------------------------------------------

/// What `.docx` comparisons compare: the text exactly, once the seed's lines lose their
/// trailing whitespace, whitespace-only lines count as blank, runs of blank lines become
/// one, and blank lines at either end go. Leading whitespace (spaces, NBSP, U+3000) is
/// kept: Word keeps it too.
fn docx_text(seed: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in seed.lines().map(str::trim_end) {
        if line.is_empty() && out.last().map_or(true, |l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last() == Some(&"") {
        out.pop();
    }
    out.join("\n")
}

#[test]
fn docx_reads_as_its_seed() {
    for (name, file) in [
        (
            "fangshan-2019-beijing-14th",
            "fangshan-2019-beijing-14th.docx",
        ),
        // Main part at word/document2.xml, found through _rels/.rels.
        (
            "quzhou-2018-speech-17th",
            "quzhou-2018-speech-17th.document2.docx",
        ),
    ] {
        let data = bytes(&format!("formats/{file}"));
        for file_name in [Some(file), None] {
            let doc = read_ok(&data, file_name);
            assert_eq!((doc.format, doc.encoding), (Format::Docx, "UTF-8"));
            assert_eq!(doc.text, docx_text(&seed(name)), "{file}");
        }
    }
}

#[test]
fn docx_table_rows_are_lines() {
    let doc = read_ok(&bytes("formats/holiday-table.docx"), Some("holiday.docx"));
    assert_eq!(
        doc.text,
        "国务院办公厅关于2024年部分节假日安排的通知\n\
         各省、自治区、直辖市人民政府：\n\
         节日\t放假时间\t调休上班日期\n\
         元旦\t1月1日放假\n\
         春节\t2月10日至17日放假调休 共8天\t2月4日（星期日） 2月18日（星期日）\n\
         节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。"
    );
}

#[test]
fn word_xml_reads_as_a_word_document() {
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
        <?mso-application progid=\"Word.Document\"?>\n\
        <w:wordDocument xmlns:w=\"http://schemas.microsoft.com/office/word/2003/wordml\">\
        <w:body><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>关于印发办法的通知</w:t></w:r></w:p>\
        <w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t>总则</w:t></w:r></w:p></w:body></w:wordDocument>";
    for name in [Some("notice.doc"), Some("notice.xml"), None] {
        let doc = read_ok(xml.as_bytes(), name);
        assert_eq!(
            (doc.text.as_str(), doc.format),
            ("关于印发办法的通知\n一、总则", Format::Docx)
        );
    }
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    zip_with(CompressionMethod::Deflated, entries)
}

/// `Stored` is quick to write even in a debug build, for big archives whose size does
/// not matter.
fn zip_with(method: CompressionMethod, entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(method);
    for (name, data) in entries {
        writer.start_file(*name, options).expect("start");
        writer.write_all(data).expect("write");
    }
    writer.finish().expect("finish").into_inner()
}

fn document_xml(body: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    )
    .into_bytes()
}

fn small_limit() -> ReadOptions {
    ReadOptions {
        max_docx_uncompressed: 64 * 1024,
        ..ReadOptions::default()
    }
}

/// Rewrites the uncompressed size the archive declares for every entry, in the local
/// headers and the central directory: what a zip bomb that lies looks like.
fn declare_size(zip: &mut [u8], size: u32) {
    let mut i = 0;
    while i + 30 <= zip.len() {
        let offset = match zip.get(i..i + 4) {
            Some(b"PK\x03\x04") => Some(22),
            Some(b"PK\x01\x02") => Some(24),
            _ => None,
        };
        if let Some(offset) = offset {
            zip[i + offset..i + offset + 4].copy_from_slice(&size.to_le_bytes());
        }
        i += 1;
    }
}

#[test]
fn zip_bombs_are_refused() {
    let paragraph = "<w:p><w:r><w:t>重复的段落，重复的段落。</w:t></w:r></w:p>";
    let big = document_xml(&paragraph.repeat(20_000)); // ~1.2 MB, compresses to a few KB
    let bomb = zip_of(&[("word/document.xml", &big)]);
    assert!(bomb.len() < 64 * 1024);
    // Refused on what it declares, before inflating anything.
    let uncompressed = ReadError::ZipBomb {
        limit: ArchiveLimit::Uncompressed { limit: 64 * 1024 },
    };
    assert_eq!(
        read_err(&bomb, Some("a.docx"), &small_limit()),
        uncompressed
    );
    // Declaring a small size does not help: inflating stops at the limit.
    let mut liar = bomb.clone();
    declare_size(&mut liar, 1000);
    assert_eq!(
        read_err(&liar, Some("a.docx"), &small_limit()),
        uncompressed
    );
    // With the default limits, a declared 2 GB is refused outright.
    let mut huge = bomb.clone();
    declare_size(&mut huge, 0x7fff_ffff);
    assert_eq!(
        read_err(&huge, Some("a.docx"), &ReadOptions::default()),
        ReadError::ZipBomb {
            limit: ArchiveLimit::Uncompressed {
                limit: 100 * 1024 * 1024
            }
        }
    );
    // Within the limits the same document reads.
    assert!(read(&bomb, Some("a.docx"), &ReadOptions::default()).is_ok());
}

#[test]
fn zips_with_too_many_entries_are_refused() {
    let document = document_xml("<w:p><w:r><w:t>正文</w:t></w:r></w:p>");
    let names: Vec<String> = (0..10_000).map(|i| format!("word/media/{i}.bin")).collect();
    let mut entries: Vec<(&str, &[u8])> = vec![("word/document.xml", &document)];
    entries.extend(names.iter().map(|n| (n.as_str(), &b""[..])));
    let zip = zip_with(CompressionMethod::Stored, &entries);
    assert_eq!(
        read_err(&zip, Some("a.docx"), &ReadOptions::default()),
        ReadError::ZipBomb {
            limit: ArchiveLimit::Entries { limit: 10_000 }
        }
    );
    let generous = ReadOptions {
        max_docx_entries: 10_001,
        ..ReadOptions::default()
    };
    assert_eq!(
        read(&zip, Some("a.docx"), &generous).map(|d| d.text),
        Ok("正文".to_owned())
    );
}

#[test]
fn deeply_nested_docx_does_not_overflow() {
    let depth = 100_000;
    let body = format!(
        "{}<w:p><w:r><w:t>深处</w:t></w:r></w:p>{}",
        "<w:sdt><w:sdtContent>".repeat(depth),
        "</w:sdtContent></w:sdt>".repeat(depth)
    );
    let zip = zip_with(
        CompressionMethod::Stored,
        &[("word/document.xml", &document_xml(&body))],
    );
    assert_eq!(read_ok(&zip, Some("deep.docx")).text, "深处");
}

#[test]
fn damaged_and_foreign_zips() {
    let defaults = ReadOptions::default();
    let xlsx = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/worksheets/sheet1.xml", b"<worksheet/>"),
    ]);
    for name in [Some("book.xlsx"), Some("book.docx"), None] {
        assert_eq!(
            read_err(&xlsx, name, &defaults),
            unsupported(FileKind::Spreadsheet)
        );
    }
    let pptx = zip_of(&[("ppt/presentation.xml", b"<p/>")]);
    assert_eq!(
        read_err(&pptx, None, &defaults),
        unsupported(FileKind::Presentation)
    );
    let odt = zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<office:document-content/>"),
    ]);
    assert_eq!(
        read_err(&odt, Some("a.odt"), &defaults),
        unsupported(FileKind::OpenDocument)
    );
    let plain = zip_of(&[("notice.txt", "通知".as_bytes())]);
    assert_eq!(
        read_err(&plain, Some("a.zip"), &defaults),
        unsupported(FileKind::Zip)
    );
    // Named .docx, a zip without a Word document is a damaged .docx.
    assert_eq!(
        read_err(&plain, Some("a.docx"), &defaults).code(),
        "bad_docx"
    );
    let mut truncated = bytes("formats/holiday-table.docx");
    truncated.truncate(truncated.len() / 2);
    assert_eq!(
        read_err(&truncated, Some("a.docx"), &defaults).code(),
        "bad_docx"
    );
    let broken_xml = zip_of(&[("word/document.xml", b"<w:document><w:body><w:p><w:t>a</w:t")]);
    let _ = read(&broken_xml, Some("a.docx"), &defaults); // Either outcome, no panic.
    let empty_doc = zip_of(&[("word/document.xml", &document_xml("<w:p/><w:p/>"))]);
    assert_eq!(
        read_err(&empty_doc, Some("a.docx"), &defaults),
        ReadError::Empty
    );
}

// --- files that are not notices ----------------------------------------------------------

/// Deterministic noise (an LCG): binary data with NULs and controls.
fn noise(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x1234_5678;
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 24) as u8
        })
        .collect()
}

#[test]
fn other_formats_say_what_they_are() {
    let defaults = ReadOptions::default();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(noise(200));
    let mut jpeg = b"\xff\xd8\xff\xe0\0\x10JFIF\0".to_vec();
    jpeg.extend(noise(200));
    let cases: Vec<(Vec<u8>, &str, FileKind)> = vec![
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n".to_vec(),
            "notice.pdf",
            FileKind::Pdf,
        ),
        (
            b"%PDF-1.4\n...\n%%EOF".to_vec(),
            "notice.txt",
            FileKind::Pdf,
        ),
        (png.clone(), "scan.txt", FileKind::Png),
        (png, "scan.html", FileKind::Png),
        (jpeg, "photo.jpg", FileKind::Jpeg),
        (
            b"GIF89a\x01\0\x01\0\0\0\0;".to_vec(),
            "a.gif",
            FileKind::Gif,
        ),
        (b"RIFF\x24\0\0\0WEBPVP8 ".to_vec(), "a.webp", FileKind::Webp),
        (
            b"BM\x36\0\0\0\0\0\0\0\x36\0\0\0".to_vec(),
            "a.bmp",
            FileKind::Bmp,
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0".to_vec(),
            "notice.doc",
            FileKind::LegacyOffice,
        ),
        (b"Rar!\x1a\x07\x01\0".to_vec(), "a.rar", FileKind::Rar),
        (
            b"7z\xbc\xaf\x27\x1c\0\x04".to_vec(),
            "a.7z",
            FileKind::SevenZip,
        ),
        (
            b"\x1f\x8b\x08\0\0\0\0\0".to_vec(),
            "a.txt.gz",
            FileKind::Compressed,
        ),
        (
            b"{\\rtf1\\ansi\\deff0 {\\fonttbl}}".to_vec(),
            "a.rtf",
            FileKind::Rtf,
        ),
        (noise(4096), "data.bin", FileKind::Binary),
        (noise(4096), "notice.txt", FileKind::Binary),
        (
            b"Notice\0\0\0\x01\x02 header".to_vec(),
            "a.txt",
            FileKind::Binary,
        ),
    ];
    for (data, name, kind) in cases {
        for file_name in [Some(name), None] {
            let err = read_err(&data, file_name, &defaults);
            assert_eq!(err, unsupported(kind), "{name}");
            assert_eq!(err.code(), "unsupported_format");
            assert_eq!(err.file_kind(), Some(kind));
        }
    }
}

#[test]
fn empty_whitespace_and_too_large() {
    let defaults = ReadOptions::default();
    for empty in [
        &b""[..],
        b"   \n\t\r\n ",
        "\u{3000}\u{a0}\n".as_bytes(),
        b"\xef\xbb\xbf",
    ] {
        assert_eq!(read_err(empty, Some("a.txt"), &defaults), ReadError::Empty);
    }
    let only_markup = b"<html><head><script>x()</script></head><body><p> </p></body></html>";
    assert_eq!(read_err(only_markup, None, &defaults), ReadError::Empty);

    let small = ReadOptions {
        max_bytes: 100,
        ..ReadOptions::default()
    };
    let text = "通知".repeat(17); // 102 bytes
    assert_eq!(
        read_err(text.as_bytes(), Some("a.txt"), &small),
        ReadError::TooLarge {
            size: 102,
            limit: 100
        }
    );
    // Checked before anything else: even a PDF that large is just too large.
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.resize(101, b' ');
    assert_eq!(read_err(&pdf, None, &small).code(), "too_large");
    assert!(read(&text.as_bytes()[..99], Some("a.txt"), &small).is_ok());
}

#[test]
fn errors_speak_to_the_user() {
    let pdf = read_err(b"%PDF-1.4\n%%EOF", Some("a.txt"), &ReadOptions::default());
    let message = pdf.to_string();
    assert!(message.contains("PDF"), "{message}");
    assert!(
        message.contains(".txt (UTF-8, GBK, UTF-16), .html and .docx"),
        "{message}"
    );
    let too_large = ReadError::TooLarge {
        size: 31 * 1024 * 1024,
        limit: 20 * 1024 * 1024,
    };
    assert!(too_large.to_string().contains("31 MB"), "{too_large}");
    assert!(too_large.to_string().contains("20 MB"), "{too_large}");
    let json = serde_json::to_value(&pdf).expect("serialise");
    assert_eq!(json["code"], "unsupported_format");
    assert_eq!(json["kind"], "pdf");
    assert_eq!(json["message"], message);
    let codes: Vec<&str> = [
        ReadError::Empty,
        too_large,
        pdf,
        ReadError::Undecodable,
        ReadError::BadDocx { reason: "x".into() },
        ReadError::ZipBomb {
            limit: ArchiveLimit::Entries { limit: 1 },
        },
    ]
    .iter()
    .map(ReadError::code)
    .collect();
    assert_eq!(
        codes,
        [
            "empty",
            "too_large",
            "unsupported_format",
            "undecodable",
            "bad_docx",
            "zip_bomb"
        ]
    );
}

// --- hostile input --------------------------------------------------------------------

const NAMES: &[Option<&str>] = &[
    None,
    Some("a.txt"),
    Some("a.html"),
    Some("a.htm"),
    Some("a.docx"),
    Some("a.doc"),
    Some("a"),
];

/// Prefixes that steer arbitrary bytes down each path: signatures, BOMs, markup, zip.
const PREFIXES: &[&[u8]] = &[
    b"",
    b"PK\x03\x04",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"<html><meta charset=gbk>",
    b"<tbody><tr><td>",
    "一、总则\n".as_bytes(),
];

/// Pieces of markup that exercise the tokenizer's states when shuffled together.
const HTML_PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<br>",
    "<br/>",
    "<div>",
    "</div>",
    "<td>",
    "</td>",
    "<tr>",
    "</tr>",
    "<table>",
    "</table>",
    "<pre>",
    "</pre>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<!",
    "<?",
    "</",
    "<",
    ">",
    "/>",
    "&",
    "&nbsp;",
    "&#",
    "&#x",
    ";",
    "&ldquo",
    "\"",
    "'",
    "=",
    " ",
    "\n",
    "\t",
    "\r",
    "一",
    "通知",
    "a",
    "1",
    "\u{3000}",
    "\u{a0}",
    "\0",
    "<p title=\"",
    "<SCRIPT",
    "</scRipt >",
    "<title>",
    "<textarea>",
    "<svg>",
    "</svg>",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(
        prefix in prop::sample::select(PREFIXES),
        body in prop::collection::vec(any::<u8>(), 0..2048),
        name in prop::sample::select(NAMES),
    ) {
        let mut data = prefix.to_vec();
        data.extend(body);
        let _ = read(&data, name, &ReadOptions::default());
    }

    #[test]
    fn arbitrary_strings_as_html_never_panic(text in any::<String>()) {
        let page = format!("<html><body>{text}</body></html>");
        let _ = read(page.as_bytes(), Some("a.html"), &ReadOptions::default());
        let _ = read(text.as_bytes(), None, &ReadOptions::default());
    }

    #[test]
    fn shuffled_markup_reads_cleanly(pieces in prop::collection::vec(prop::sample::select(HTML_PIECES), 0..200)) {
        let page = pieces.concat();
        if let Ok(doc) = read(page.as_bytes(), Some("a.html"), &ReadOptions::default()) {
            prop_assert_eq!(doc.format, Format::Html);
            prop_assert!(!doc.text.contains("\n\n\n"));
            prop_assert!(doc.text.lines().all(|l| l.trim_end() == l));
            prop_assert!(!doc.text.trim().is_empty());
        }
    }

    #[test]
    fn arbitrary_document_xml_never_panics(
        pieces in prop::collection::vec(prop::sample::select(&[
            "<w:p>", "</w:p>", "<w:p/>", "<w:t>", "</w:t>", "<w:tab/>", "<w:br/>", "<w:tbl>",
            "</w:tbl>", "<w:tr>", "</w:tr>", "<w:tc>", "</w:tc>", "<w:pPr>", "</w:pPr>",
            "<mc:Fallback>", "</mc:Fallback>", "文字", "&amp;", "&bogus;", "<", "]]>",
            "<![CDATA[", "\u{0}", "<?xml?>",
        ][..]), 0..100)
    ) {
        let zip = zip_of(&[("word/document.xml", pieces.concat().as_bytes())]);
        let _ = read(&zip, Some("a.docx"), &ReadOptions::default());
    }

    #[test]
    fn arbitrary_numbering_never_panics(
        pieces in prop::collection::vec(prop::sample::select(&[
            "<w:abstractNum w:abstractNumId=\"0\">", "</w:abstractNum>", "<w:lvl w:ilvl=\"0\">",
            "<w:lvl w:ilvl=\"8\">", "<w:lvl w:ilvl=\"99\">", "</w:lvl>", "<w:start w:val=\"-5\"/>",
            "<w:start w:val=\"99999999999\"/>", "<w:numFmt w:val=\"upperLetter\"/>",
            "<w:numFmt w:val=\"chineseCounting\"/>", "<w:numFmt w:val=\"lowerRoman\"/>",
            "<w:lvlText w:val=\"%1.%9%\"/>", "<w:lvlText w:val=\"%%%0\"/>", "<w:isLgl/>",
            "<w:lvlRestart w:val=\"0\"/>", "<w:suff w:val=\"space\"/>",
            "<w:num w:numId=\"1\">", "</w:num>", "<w:abstractNumId w:val=\"0\"/>",
            "<w:lvlOverride w:ilvl=\"0\">", "<w:startOverride w:val=\"0\"/>", "</w:lvlOverride>",
            "<", "&bogus;",
        ][..]), 0..60),
        levels in prop::collection::vec(0u32..12, 1..30),
    ) {
        let numbering = format!("<w:numbering>{}</w:numbering>", pieces.concat());
        let body: String = levels
            .iter()
            .map(|l| format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{l}\"/><w:numId w:val=\"1\"/>\
                </w:numPr></w:pPr><w:r><w:t>段</w:t></w:r></w:p>"))
            .collect();
        let document = document_xml(&body);
        let zip = zip_of(&[("word/document.xml", &document), ("word/numbering.xml", numbering.as_bytes())]);
        let doc = read(&zip, Some("a.docx"), &ReadOptions::default());
        prop_assert_eq!(doc.map(|d| d.text.lines().count()).ok(), Some(levels.len()));
    }
}

// --- Word automatic numbering ---------------------------------------------------------

const W_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// numId 1: 一、 (level 0) and （一） (level 1, restarting under each 一、); numId 2: 1.
/// 2. with a tab after; numId 3: the same list as 1, restarted at 三、; numId 4: bullets.
fn numbering_xml() -> Vec<u8> {
    let lvl = |ilvl: u32, format: &str, text: &str| {
        format!(
            "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/>\
             <w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/>\
             <w:pPr><w:ind w:left=\"0\" w:firstLine=\"640\"/></w:pPr></w:lvl>"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:numbering {W_NS}>\
         <w:abstractNum w:abstractNumId=\"0\">{}{}</w:abstractNum>\
         <w:abstractNum w:abstractNumId=\"1\">{}</w:abstractNum>\
         <w:abstractNum w:abstractNumId=\"2\">{}</w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
         <w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>\
         <w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/>\
         <w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"3\"/></w:lvlOverride></w:num>\
         <w:num w:numId=\"4\"><w:abstractNumId w:val=\"2\"/></w:num></w:numbering>",
        lvl(0, "chineseCounting", "%1、"),
        lvl(1, "chineseCounting", "（%2）"),
        lvl(0, "decimal", "%1"),
        lvl(0, "bullet", "\u{f0b7}"),
    )
    .into_bytes()
}

/// A paragraph, numbered (`num` = (numId, ilvl)) or not.
fn word_paragraph(num: Option<(u32, u32)>, text: &str) -> String {
    let props = match num {
        Some((id, level)) => format!(
            "<w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{id}\"/></w:numPr></w:pPr>"
        ),
        None => String::new(),
    };
    format!("<w:p>{props}<w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn numbered_notice() -> String {
    [
        word_paragraph(None, "关于做好2024年安全生产工作的通知"),
        word_paragraph(None, "各区县人民政府，市政府各部门："),
        word_paragraph(None, "为做好全年安全生产工作，现将有关事项通知如下："),
        word_paragraph(Some((1, 0)), "加强组织领导"),
        word_paragraph(Some((1, 1)), "压实工作责任"),
        word_paragraph(None, "各级各部门要落实主体责任。"),
        word_paragraph(Some((1, 1)), "健全工作机制"),
        word_paragraph(None, "建立定期会商制度。"),
        word_paragraph(Some((1, 0)), "突出重点领域"),
        word_paragraph(Some((1, 1)), "道路交通"),
        word_paragraph(Some((2, 0)), "排查隐患路段；"),
        word_paragraph(Some((2, 0)), "整治违法行为。"),
        word_paragraph(Some((4, 0)), "不写编号的项目符号段落。"),
        word_paragraph(Some((3, 0)), "强化监督检查"),
        word_paragraph(None, "特此通知。"),
    ]
    .concat()
}

const NUMBERED_NOTICE_TEXT: &str = "关于做好2024年安全生产工作的通知\n\
     各区县人民政府，市政府各部门：\n\
     为做好全年安全生产工作，现将有关事项通知如下：\n\
     一、加强组织领导\n\
     （一）压实工作责任\n\
     各级各部门要落实主体责任。\n\
     （二）健全工作机制\n\
     建立定期会商制度。\n\
     二、突出重点领域\n\
     （一）道路交通\n\
     1\t排查隐患路段；\n\
     2\t整治违法行为。\n\
     不写编号的项目符号段落。\n\
     三、强化监督检查\n\
     特此通知。";

#[test]
fn docx_automatic_numbering_is_read_as_labels() {
    let document = document_xml(&numbered_notice());
    let numbering = numbering_xml();
    let zip = zip_of(&[
        ("word/document.xml", &document),
        ("word/numbering.xml", &numbering),
    ]);
    let doc = read_ok(&zip, Some("notice.docx"));
    assert_eq!(doc.text, NUMBERED_NOTICE_TEXT);

    // The outline sees the sections a reader of the document sees.
    let tree = outline(&doc.text);
    let sections: Vec<(&str, Vec<&str>)> = tree
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Section)
        .map(|b| {
            let children = b
                .children
                .iter()
                .filter(|c| c.kind == BlockKind::Section)
                .filter_map(|c| c.label.as_deref())
                .collect();
            (b.label.as_deref().unwrap_or(""), children)
        })
        .collect();
    assert_eq!(
        sections,
        [
            ("一、", vec!["（一）", "（二）"]),
            ("二、", vec!["（一）"]),
            ("三、", vec![])
        ]
    );
}

#[test]
fn docx_numbering_missing_or_broken_means_no_labels() {
    let document = document_xml(&numbered_notice());
    let plain: String = NUMBERED_NOTICE_TEXT
        .lines()
        .map(|line| {
            let line = line.split_once('\t').map_or(line, |(_, rest)| rest);
            line.trim_start_matches(|c: char| "一二三、（）".contains(c))
        })
        .collect::<Vec<_>>()
        .join("\n");
    for numbering in [
        None,
        Some(&b"<w:numbering><w:abstractNum w:abstractNumId=\"0\"><w:lvl"[..]),
        Some(b"\xff\xfe not xml"),
        Some(b""),
    ] {
        let mut entries: Vec<(&str, &[u8])> = vec![("word/document.xml", &document)];
        entries.extend(numbering.map(|n| ("word/numbering.xml", n)));
        let doc = read_ok(&zip_of(&entries), Some("notice.docx"));
        assert_eq!(doc.text, plain, "{numbering:?}");
    }
    // A numbering part that inflates past the budget (while declaring a small size) is a
    // zip bomb like any other part, even when the document itself fits.
    let mut huge = numbering_xml();
    huge.resize(200 * 1024, b' ');
    let mut bomb = zip_of(&[
        ("word/document.xml", &document),
        ("word/numbering.xml", &huge),
    ]);
    declare_size(&mut bomb, 1000);
    let fits = zip_of(&[("word/document.xml", &document)]);
    assert!(read(&fits, Some("a.docx"), &small_limit()).is_ok());
    assert!(matches!(
        read_err(&bomb, Some("a.docx"), &small_limit()),
        ReadError::ZipBomb { .. }
    ));
}

#[test]
fn numbered_docx_reads_as_its_seed() {
    // The fixture's section labels are Word numbering, not text; the seed's indentation
    // before its first label became paragraph indentation (layout), so that line reads
    // without it.
    let file = "guangyuan-2016-gonghui-7th.numbered.docx";
    let doc = read_ok(&bytes(&format!("formats/{file}")), Some(file));
    let expected: Vec<String> = docx_text(&seed("guangyuan-2016-gonghui-7th"))
        .lines()
        .map(|line| match line.trim_start() {
            label if label.starts_with("一、") => label.to_owned(),
            _ => line.to_owned(),
        })
        .collect();
    assert_eq!(doc.text, expected.join("\n"));
    let tree = outline(&doc.text);
    let labels: Vec<&str> = tree
        .walk()
        .filter(|b| b.kind == BlockKind::Section)
        .filter_map(|b| b.label.as_deref())
        .collect();
    assert_eq!(
        labels,
        [
            "一、",
            "二、",
            "（一）",
            "（二）",
            "（三）",
            "三、",
            "（一）",
            "（二）",
            "四、"
        ]
    );
}
