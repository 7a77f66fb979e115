"""The command line, through click's CliRunner: outputs, errors, exit statuses."""

from __future__ import annotations

import json

from click.testing import CliRunner

from redactor.cli import main

REPORT = "全省2019年在长沙市召开会议，常委会副主任周农主持。\n"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_redact_stdin_to_stdout():
    result = run("redact", "-", input=REPORT)
    assert result.exit_code == 0, result.output
    assert result.output == "全XXXXX年在XX市召开会议，常委会副主任XX主持。\n"


def test_redact_file_to_file_with_masks_json(tmp_path):
    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "report.template.txt"
    masks = tmp_path / "masks.json"
    result = run("redact", str(source), "-o", str(out), "--masks-json", str(masks))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == "全XXXXX年在XX市召开会议，常委会副主任XX主持。\n"
    document = json.loads(masks.read_text(encoding="utf-8"))
    assert document["schema"] == "redactor.masks/1"
    assert document["counts"] == {"self": 1, "number": 1, "place": 1, "person": 1}
    first = document["masks"][0]
    assert set(first) == {"start", "end", "out_start", "out_end", "original", "replacement",
                          "category", "rule_id"}
    assert source.read_text(encoding="utf-8") == REPORT


def test_existing_output_needs_force(tmp_path):
    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out.txt"
    out.write_text("keep me", encoding="utf-8")
    result = run("redact", str(source), "-o", str(out))
    assert result.exit_code == 2
    assert "already exists" in result.output and "--force" in result.output
    assert out.read_text(encoding="utf-8") == "keep me"
    assert run("redact", str(source), "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("全X")


def test_output_may_not_be_the_input(tmp_path):
    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    result = run("redact", str(source), "-o", str(source), "--force")
    assert result.exit_code == 2
    assert "input" in result.output
    assert source.read_text(encoding="utf-8") == REPORT


def test_empty_file_gives_empty_template(tmp_path):
    source = tmp_path / "empty.txt"
    source.write_bytes(b"")
    result = run("redact", str(source))
    assert result.exit_code == 0 and result.output == ""


def test_missing_binary_and_bad_rules_are_one_line_errors(tmp_path):
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02abc")
    bad_rules = tmp_path / "bad.toml"
    bad_rules.write_text("[[rule]]\nid='r1'\ncategory='nope'\nregex='a'\n", encoding="utf-8")
    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    cases = [
        (["redact", str(tmp_path / "missing.txt")], "no such file"),
        (["redact", str(binary)], "binary"),
        (["redact", str(source), "--rules", str(bad_rules)], "rule r1: unknown category"),
        (["redact", str(source), "--rules", "no-such-set"], "no bundled rule set"),
    ]
    for args, fragment in cases:
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert fragment in result.output
        assert "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1


def test_rules_list_show_and_test():
    listing = run("rules", "list")
    assert listing.exit_code == 0
    assert "number.arabic" in listing.output and "zh-report" in listing.output
    shown = run("rules", "show", "number.arabic")
    assert shown.exit_code == 0 and "category:    number" in shown.output
    assert "example:" in shown.output
    assert run("rules", "show", "no.such.rule").exit_code == 2
    organ = run("rules", "show", "self.organ").output
    assert "not ending in one of" in organ and "spread:" not in organ
    assert "spread:      no" in run("rules", "show", "person.list-full").output
    tested = run("rules", "test")
    assert tested.exit_code == 0, tested.output
    assert "0 failed" in tested.output


def test_rules_test_reports_a_failing_example(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("[[rule]]\nid='digits'\ncategory='number'\nregex='[0-9]'\n"
                    "examples=['共[12]家']\n", encoding="utf-8")
    result = run("rules", "test", str(path))
    assert result.exit_code == 1
    assert "rule digits" in result.output and "1 failed" in result.output


def test_every_command_is_documented():
    from pathlib import Path
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    docs = readme + "".join(p.read_text(encoding="utf-8") for p in
                            (Path(__file__).resolve().parent.parent / "docs").glob("*.md"))
    for name, command in main.commands.items():
        assert f"redactor {name}" in docs, name
        for sub in getattr(command, "commands", {}):
            assert f"redactor {name} {sub}" in docs, (name, sub)


def test_python_dash_m_runs():
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-m", "redactor", "--version"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "redactor" in result.stdout
