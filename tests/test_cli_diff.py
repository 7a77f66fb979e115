"""The diff, check and score commands: every format, exit statuses, outputs."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from diff_support import ROOT, SEED
from redactor.cli import main

MINI = str(ROOT / "tests/rules/mini.toml")
ORIGINAL, TEMPLATE = str(SEED / "original.txt"), str(SEED / "template.txt")


def run(*args):
    return CliRunner().invoke(main, [*args, "--rules", MINI])


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_diff_formats_and_exit_status(fmt):
    result = run("diff", ORIGINAL, TEMPLATE, "--format", fmt)
    assert result.exit_code == 1, result.output
    if fmt == "json":
        document = json.loads(result.output)
        assert document["schema"] == "redactor.diff/1"
        assert set(document) >= {"summary", "masks", "leaks", "inconsistencies", "edits"}
        assert document["leaks"][0]["template"]["text"] == "西双版纳"
        assert document["masks"][0]["original"]["start"] >= 0
    elif fmt == "html":
        HTMLParser().feed(result.output)
        assert "西双版纳" in result.output and "<!DOCTYPE html>" in result.output
    else:
        assert result.output.startswith("diff: ")
        assert "Leaks (1)" in result.output and "NOT ok" in result.output


def test_diff_clean_pair_exits_zero(tmp_path):
    original = tmp_path / "o.txt"
    template = tmp_path / "t.txt"
    original.write_text("全省在长沙市召开会议。", encoding="utf-8")
    template.write_text("全X在XX市召开会议。", encoding="utf-8")
    result = run("diff", str(original), str(template))
    assert result.exit_code == 0, result.output
    assert "2 masks" in result.output and ": ok" in result.output


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_check_formats(fmt, tmp_path):
    result = run("check", TEMPLATE, "--format", fmt)
    assert result.exit_code == 1
    clean = tmp_path / "clean.txt"
    clean.write_text("全X共XX家。", encoding="utf-8")
    assert run("check", str(clean), "--format", fmt).exit_code == 0
    if fmt == "json":
        assert json.loads(result.output)["mode"] == "check"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_score_formats(fmt):
    result = run("score", ORIGINAL, TEMPLATE, "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        document = json.loads(result.output)
        assert {"precision", "recall", "f1", "by_category", "misses", "extras"} <= set(document)
        assert 0 < document["f1"] <= 1
    else:
        assert result.output.startswith("precision ")


def test_output_file_is_atomic_and_not_overwritten(tmp_path):
    target = tmp_path / "report.json"
    assert run("diff", ORIGINAL, TEMPLATE, "--format", "json", "-o", str(target)).exit_code == 1
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "redactor.diff/1"
    again = run("diff", ORIGINAL, TEMPLATE, "-o", str(target))
    assert again.exit_code == 2 and "--force" in again.output
    assert run("diff", ORIGINAL, TEMPLATE, "-o", str(target), "--force").exit_code == 1
    assert "\x1b[" not in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [
    ("diff", ORIGINAL, "/no/such/file"),
    ("check", "/no/such/file"),
    ("score", "/no/such/file", TEMPLATE),
    ("diff", ORIGINAL, TEMPLATE, "--format", "pdf"),
    ("diff", ORIGINAL),
])
def test_usage_and_input_errors_exit_two(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_bad_rule_file_is_one_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("name = 3\n[[rule]]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", TEMPLATE, "--rules", str(bad)])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1


def test_commands_are_documented():
    docs = (ROOT / "docs/diff.md").read_text(encoding="utf-8")
    for command in ("redactor diff", "redactor check", "redactor score", "redactor.diff/1",
                    "redactor.score/1"):
        assert command in docs
