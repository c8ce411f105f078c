#!/usr/bin/env python3
"""Generate tests/fixtures/formats/ from the seed notices in tests/fixtures/seeds/.

Each fixture is one seed notice saved the way users' files come: in another encoding, as
a web page, as a Word document. tests/read.rs reads each back and compares it with the
seed. Only the standard library is used, and the output is deterministic (fixed zip
timestamps), so re-running the script leaves git clean.

    python3 scripts/make-format-fixtures.py
"""

import html
import pathlib
import re
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
OUT = ROOT / "tests" / "fixtures" / "formats"
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def seed(name):
    return (SEEDS / f"{name}.txt").read_text(encoding="utf-8")


def write(name, data):
    (OUT / name).write_bytes(data)
    print(f"wrote {name} ({len(data)} bytes)")


# --- plain text in other encodings -------------------------------------------------

def text_fixtures():
    # GBK cannot hold U+00A0, so the GBK fixture is a seed without one.
    write("guangyuan-2016-gonghui-7th.gbk.txt", seed("guangyuan-2016-gonghui-7th").encode("gbk"))
    write("wujin-2018-gonghui-17th.utf16le-bom.txt",
          b"\xff\xfe" + seed("wujin-2018-gonghui-17th").encode("utf-16-le"))
    write("quzhou-2018-speech-17th.utf16be-bom.txt",
          b"\xfe\xff" + seed("quzhou-2018-speech-17th").encode("utf-16-be"))
    write("dalian-2020-gonghui-17th.utf8-bom.txt",
          seed("dalian-2020-gonghui-17th").encode("utf-8-sig"))


# --- a GBK web page --------------------------------------------------------------------

# Characters written as references, to exercise named and numeric ones.
REFERENCES = {
    "“": "&ldquo;",
    "”": "&rdquo;",
    "—": "&mdash;",
    "·": "&middot;",
    "、": "&#12289;",
    "\u3000": "&#x3000;",
}


def html_line(line):
    escaped = html.escape(line, quote=False)
    return "".join(REFERENCES.get(c, c) for c in escaped)


def html_fixture():
    name = "wujin-2018-gonghui-17th"
    lines = seed(name).split("\n")
    title = lines[0].strip()
    body = [f"<h1 class=\"title\">{html_line(lines[0])}</h1>"]
    for i, line in enumerate(lines[1:]):
        if not line.strip():
            body.append("<p>&nbsp;</p>")
        elif i % 3 == 0:
            # Inline markup splitting a paragraph must not split the line.
            body.append(f"<p style=\"text-indent:2em\"><span>{html_line(line[:4])}</span>"
                        f"<b>{html_line(line[4:])}</b></p>")
        else:
            body.append(f"<p>{html_line(line)}</p>")
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{html.escape(title)}_常州市武进区总工会</title>
<script type="text/javascript">
  var tip = "<p>脚本里的文字不应出现</p>";
  if (1 < 2 && tip) {{ document.write(tip); }}
</script>
<style type="text/css">p {{ margin: 0; }} h1:after {{ content: "样式"; }}</style>
</head>
<body>
<!-- 注释里的文字不应出现 <p>注释</p> -->
<div class="article">
{chr(10).join(body)}
</div>
<noscript><p>请启用脚本</p></noscript>
<template><p>模板里的文字不应出现</p></template>
</body>
</html>
"""
    write(f"{name}.gbk.html", page.encode("gbk", errors="xmlcharrefreplace"))


# --- Word documents --------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{part}"/>
</Relationships>"""


def xml_text(text):
    return html.escape(text, quote=False)


def run(text, bold=False):
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:r>{props}<w:t xml:space=\"preserve\">{xml_text(text)}</w:t></w:r>"


def paragraph(line):
    if not line:
        return "<w:p/>"
    # Word splits a paragraph into many runs; so do we, at every "，".
    pieces = line.split("，")
    runs = "".join(run(piece + ("，" if i < len(pieces) - 1 else ""), bold=i % 2 == 1)
                   for i, piece in enumerate(pieces))
    # Paragraph properties hold tab *stops* named w:tab: they are not text.
    props = "<w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs><w:jc w:val=\"both\"/></w:pPr>"
    return f"<w:p>{props}{runs}</w:p>"


def document_xml(body):
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            f"<w:document xmlns:w=\"{W}\"><w:body>{body}"
            f"<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>")


NUMBERING_TYPE = """<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""
DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""


def docx(name, body, part="word/document.xml", numbering=None):
    path = OUT / name
    entries = [("[Content_Types].xml", CONTENT_TYPES.format(part=part)),
               ("_rels/.rels", RELS.format(part=part)),
               (part, document_xml(body))]
    if numbering:
        entries[0] = (entries[0][0], entries[0][1].replace("</Types>", NUMBERING_TYPE))
        entries += [("word/_rels/document.xml.rels", DOCUMENT_RELS),
                    ("word/numbering.xml", numbering)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for entry, data in entries:
            info = zipfile.ZipInfo(entry, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))
    print(f"wrote {name} ({path.stat().st_size} bytes)")


# Word's automatic numbering: one list, 一、 at level 0 and （一） at level 1 (restarting
# under each 一、), as Word writes it for a Chinese outline list. No w:suff: Word's default
# tab follows each label, which the reader leaves out after punctuation.
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""
CN_LABEL = re.compile(r"^\s*(?:([一二三四五六七八九十]+)、|（([一二三四五六七八九十]+)）)(.*)$")


def numbered_paragraph(line):
    """A line whose label Word would number: the label becomes w:numPr, the indentation
    before it w:ind (layout, not text); other lines as paragraph() writes them."""
    match = CN_LABEL.match(line)
    if not match:
        return paragraph(line)
    level = 0 if match.group(1) else 1
    props = (f"<w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"1\"/></w:numPr>"
             "<w:ind w:firstLine=\"640\"/></w:pPr>")
    return f"<w:p>{props}{run(match.group(3))}</w:p>"


def docx_fixtures():
    name = "fangshan-2019-beijing-14th"
    body = "".join(paragraph(line) for line in seed(name).split("\n"))
    docx(f"{name}.docx", body)
    # Some generators name the main part differently; the package relationships say where.
    name = "quzhou-2018-speech-17th"
    body = "".join(paragraph(line) for line in seed(name).split("\n"))
    docx(f"{name}.document2.docx", body, part="word/document2.xml")

    # A table between paragraphs: rows become lines, cells are separated by a tab, and a
    # cell's paragraphs are joined by a space. tests/read.rs spells out the expected text.
    def cell(*paras):
        return "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>" + \
            "".join(f"<w:p>{run(p)}</w:p>" for p in paras) + "</w:tc>"

    def row(*cells):
        return "<w:tr>" + "".join(cells) + "</w:tr>"

    table = ("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>"
             "<w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>"
             + row(cell("节日"), cell("放假时间"), cell("调休上班日期"))
             + row(cell("元旦"), cell("1月1日放假"), cell())
             + row(cell("春节"), cell("2月10日至17日放假调休", "共8天"), cell("2月4日（星期日）", "2月18日（星期日）"))
             + "</w:tbl>")
    body = (paragraph("国务院办公厅关于2024年部分节假日安排的通知")
            + paragraph("各省、自治区、直辖市人民政府：")
            + table
            + paragraph("节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。"))
    docx("holiday-table.docx", body)

    # Section labels as Word's automatic numbering: the text says "充分认识…", numbering.xml
    # makes it "一、充分认识…".
    name = "guangyuan-2016-gonghui-7th"
    body = "".join(numbered_paragraph(line) for line in seed(name).split("\n"))
    docx(f"{name}.numbered.docx", body, numbering=NUMBERING)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    text_fixtures()
    html_fixture()
    docx_fixtures()
