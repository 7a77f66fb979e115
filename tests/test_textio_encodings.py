"""Encodings: UTF-8 (BOM or not), UTF-16 by BOM, GB18030; CRLF; one-line errors."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from _files_support import REPORT, TEMPLATE, write_rules
from redactor.cli import main
from redactor.errors import InputError
from redactor.textio import decode_report, encode, write_bytes

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "gb18030"]
BOMS = {"utf-8-sig": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_decode_and_encode_round_trip(encoding):
    data = encode(REPORT.replace("\n", "\r\n"), encoding)
    assert data.startswith(BOMS.get(encoding, b""))
    decoded = decode_report(data, "x.txt")
    assert decoded.encoding == encoding
    assert decoded.text == REPORT.replace("\n", "\r\n")
    assert encode(decoded.text, decoded.encoding) == data


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_output_keeps_the_input_encoding_bom_and_crlf(tmp_path, encoding):
    rules = write_rules(tmp_path)
    source = tmp_path / "report.txt"
    source.write_bytes(encode(REPORT.replace("\n", "\r\n"), encoding))
    out = tmp_path / "out.txt"
    result = run("redact", str(source), "-o", str(out), "--rules", rules)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == encode(TEMPLATE.replace("\n", "\r\n"), encoding)


def test_encoding_option_converts(tmp_path):
    rules = write_rules(tmp_path)
    source = tmp_path / "report.txt"
    source.write_bytes(REPORT.encode("gb18030"))
    result = run("redact", str(source), "--rules", rules, "--encoding", "utf-8")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == TEMPLATE.encode("utf-8")
    result = run("redact", str(source), "--rules", rules)  # not a terminal: bytes as they came
    assert result.stdout_bytes == TEMPLATE.encode("gb18030")


def test_stdin_to_stdout(tmp_path):
    result = run("redact", "-", "--rules", write_rules(tmp_path), input=REPORT.encode())
    assert result.exit_code == 0, result.output
    assert result.output == TEMPLATE


@pytest.mark.parametrize("data, words", [
    (b"\x80\x80\xff\xfe abc", ["tried", "UTF-8", "GB18030"]),
    (b"%PDF-1.7\n...", ["PDF"]),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 20, ["save it as .docx"]),
    (b"abc\0def", ["binary"]),
])
def test_undecodable_input_is_one_line_naming_the_file(tmp_path, data, words):
    source = tmp_path / "bad.txt"
    source.write_bytes(data)
    result = run("redact", str(source), "--rules", write_rules(tmp_path))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(source) in lines[0]
    for word in words:
        assert word in lines[0]


def test_unknown_or_unfit_output_encoding(tmp_path):
    rules = write_rules(tmp_path)
    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    result = run("redact", str(source), "--rules", rules, "--encoding", "klingon")
    assert result.exit_code == 2 and "unknown encoding" in result.output
    with pytest.raises(InputError, match="another --encoding"):
        encode("长沙", "latin-1")


def test_write_never_clobbers_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("keep", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        write_bytes(target, b"new")
    assert target.read_text(encoding="utf-8") == "keep"
    write_bytes(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
