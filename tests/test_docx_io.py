"""Word documents: split runs, tables, headers, footers, footnotes, text boxes;
formatting kept; the file reopens; bad files get one clear line."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest
from click.testing import CliRunner

from _files_support import SECRETS, write_rules
from redactor.cli import main
from redactor.errors import RedactorError
from redactor.rules import load_rules

docx = pytest.importorskip("docx")
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.opc.packuri import PackURI  # noqa: E402
from docx.opc.part import Part  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.shared import Pt, RGBColor  # noqa: E402

from redactor.docx_io import read_document, redact_docx_bytes, require_docx  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = (f'<w:footnotes xmlns:w="{W}"><w:footnote w:id="1"><w:p><w:r><w:t>据云南</w:t>'
             '</w:r><w:r><w:t>省2018年统计</w:t></w:r></w:p></w:footnote></w:footnotes>')
TEXT_BOX = (f'<w:p xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:t>框外</w:t>'
            '</w:r><w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>框内许显'
            '</w:t></w:r><w:r><w:t>辉2021</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>'
            '</w:pict></w:r></w:p>')


def build(path):
    """A report as Word writes them: names and numbers split across formatted runs."""
    document = docx.Document()
    document.add_heading("长沙市2019年禁毒工作报告", level=1)
    paragraph = document.add_paragraph(style="List Number")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, bold, colour in [("会议在长", False, None), ("沙市", True, RGBColor(255, 0, 0)),
                               ("召开，20", False, None), ("19年全省", True, None),
                               ("共有", False, RGBColor(0, 0, 255)), ("45689", True, None),
                               ("名，副主任周", False, None), ("农出席。", True, None)]:
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = Pt(14)
        run.font.name = "SimSun"
        if colour:
            run.font.color.rgb = colour
    plain = document.add_paragraph("三年来 ")
    plain.add_run("衡阳").italic = True
    plain.add_run("、邵阳 ")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "地区"
    table.cell(1, 0).text = "郴州"
    table.cell(1, 1).paragraphs[0].add_run("永").underline = True
    table.cell(1, 1).paragraphs[0].add_run("州2.52万起")
    section = document.sections[0]
    section.header.paragraphs[0].text = "天心区2020年"
    section.footer.paragraphs[0].text = "第1页 高德文"
    document.element.body.insert(0, parse_xml(TEXT_BOX))
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                FOOTNOTES.encode(), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    document.core_properties.title = "长沙市2019年报告"
    document.save(path)


def formatting(document):
    """Every run's formatting and every paragraph's style, in order."""
    out = []
    for paragraph in document.paragraphs + [p for t in document.tables for row in t.rows
                                            for c in row.cells for p in c.paragraphs]:
        out.append(("p", paragraph.style.name, paragraph.alignment))
        for run in paragraph.runs:
            font = run.font
            out.append((run.bold, run.italic, run.underline, font.size, font.name,
                        font.color.rgb if font.color and font.color.type else None))
    return out


@pytest.fixture
def files(tmp_path):
    source = tmp_path / "report.docx"
    build(source)
    return tmp_path, source, write_rules(tmp_path)


def test_docx_round_trip_masks_everything_and_keeps_formatting(files):
    folder, source, rules = files
    target = folder / "template.docx"
    result = CliRunner().invoke(main, ["redact", str(source), "-o", str(target),
                                       "--rules", rules])
    assert result.exit_code == 0, result.output
    before, after = read_document(source), read_document(target)
    for secret in ("长沙", "周农", "2019", "许显辉", "云南", "天心区", "高德文", "永州"):
        assert secret in before.text
    assert not SECRETS.search(after.text), after.text
    assert "会议在XX市召开，XXXX年全X共有XXXXX名，副主任XX出席。" in after.text
    assert "框内XX" in after.text and "据XX省XXXX年统计" in after.text
    assert "\nXXX.XX万起\n" in after.text  # 永|州2.52 across two runs
    assert formatting(docx.Document(source)) == formatting(docx.Document(target))
    reopened = docx.Document(target)
    assert not SECRETS.search(reopened.core_properties.title)
    runs = [run.text for run in reopened.paragraphs[2].runs]
    assert runs[:4] == ["会议在XX", "市", "召开，XXXX", "年全X"]
    for name in ("word/document.xml", "word/footnotes.xml", "word/header1.xml"):
        with zipfile.ZipFile(target) as package:
            xml = package.read(name).decode("utf-8")
        assert not any(word in xml for word in ("长沙", "周农", "许显辉", "云南", "天心区",
                                                "45689", ">2019", "2021<"))


def test_read_document_reports_locations(files):
    _, source, _ = files
    document = read_document(source)
    where = {document.text[loc.start:loc.end]: loc.label for loc in document.locations}
    assert where["郴州"] == "table 1, row 2, cell 1, paragraph 1"
    assert where["天心区2020年"].startswith("header 1")
    assert where["第1页 高德文"].startswith("footer 1")
    assert where["据云南省2018年统计"] == "footnote 1, paragraph 1"
    assert where["框内许显辉2021"] == "text box, paragraph 1"
    offset = document.text.index("周农")
    assert document.where(offset).startswith("paragraph")
    assert document.locate(document.text.index("郴州")).story == "body"


def test_bad_word_files_are_one_line_errors_and_write_nothing(tmp_path):
    rules = write_rules(tmp_path)
    good = tmp_path / "good.docx"
    build(good)
    cases = {
        "truncated.docx": (good.read_bytes()[:2000], "damaged"),
        "locked.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password"),
        "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "save it as .docx"),
        "scan.pdf": (b"%PDF-1.5 ...", "PDF"),
        "text.docx": ("长沙".encode(), "not a .docx"),
    }
    for name, (data, words) in cases.items():
        source = tmp_path / name
        source.write_bytes(data)
        target = tmp_path / f"out-{name}.docx"
        result = CliRunner().invoke(main, ["redact", str(source), "-o", str(target),
                                           "--rules", rules])
        assert result.exit_code == 2, (name, result.output)
        assert len(result.output.strip().splitlines()) == 1, result.output
        assert name in result.output and words in result.output, result.output
        assert not target.exists()


def test_docx_needs_an_output_and_text_output_works(files):
    folder, source, rules = files
    result = CliRunner().invoke(main, ["redact", str(source), "--rules", rules])
    assert result.exit_code == 2 and "-o" in result.output
    out = folder / "template.txt"
    result = CliRunner().invoke(main, ["redact", str(source), "-o", str(out), "--rules", rules])
    assert result.exit_code == 0, result.output
    assert not SECRETS.search(out.read_text(encoding="utf-8"))


def test_missing_python_docx_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(RedactorError, match=r"redactor\[docx\]"):
        require_docx()


def test_library_bytes_api(files):
    _, source, rules = files
    result = redact_docx_bytes(source.read_bytes(), load_rules(rules), "report.docx")
    assert result.data.startswith(b"PK")
    assert result.template.counts()["person"] >= 2


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts_the_output_to_pdf(files):
    folder, source, rules = files
    target = folder / "template.docx"
    assert CliRunner().invoke(main, ["redact", str(source), "-o", str(target),
                                     "--rules", rules]).exit_code == 0
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(target)], check=True, timeout=120, capture_output=True)
    assert (folder / "template.pdf").read_bytes().startswith(b"%PDF")


def test_read_document_reads_text_files_by_line(tmp_path):
    source = tmp_path / "report.txt"
    source.write_bytes("第一行\r\n长沙市\r\n".encode("gb18030"))
    document = read_document(source)
    assert document.text == "第一行\r\n长沙市\r\n"
    assert document.where(document.text.index("长沙")) == "line 2"


def test_check_and_diff_read_docx_and_check_reads_directories(files):
    folder, source, rules = files
    target = folder / "out" / "template.docx"
    target.parent.mkdir()
    assert CliRunner().invoke(main, ["redact", str(source), "-o", str(target),
                                     "--rules", rules]).exit_code == 0
    assert CliRunner().invoke(main, ["check", str(target), "--rules", rules]).exit_code == 0
    result = CliRunner().invoke(main, ["diff", str(source), str(target), "--rules", rules])
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    (target.parent / "leak.txt").write_text("会议在长沙市召开", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(target.parent), "--rules", rules])
    assert result.exit_code == 1 and "长沙" in result.output
