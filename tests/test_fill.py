"""fill: masks file round trips, placeholder values files, skeletons, errors, CLI."""

from __future__ import annotations

import json
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from redactor import load_rules, redact
from redactor.cli import main
from redactor.errors import InputError
from redactor.fill import fill, parse_values, placeholders, skeleton, skeleton_toml
from redactor.masks_json import masks_json

MINI = Path(__file__).with_name("mini_rules.toml")
RULE_SET = load_rules(MINI)
STYLES = ("seed", "numbered", "court", "pseudonym", "letters", "typed", "fixed", "per-char")
REPORT = "全省2019年在长沙市召开会议，常委会副主任周农主持，委员张三在长沙发言。赴云南。\n"

pieces = st.sampled_from([
    "长沙", "湘潭市", "邵阳", "全省", "省公安厅", "委员张三，", "副主任周农主持", "2.52", "12",
    "年", "会议", "，", "。", "\n", " ", "X", "XX", "{{", "}}", "{{地名1}}", "某", "甲", "麓山戒毒康复所",
])
texts = st.lists(pieces, max_size=30).map("".join)


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


@settings(max_examples=150, deadline=None)
@given(texts, st.sampled_from(STYLES))
def test_masks_file_gives_back_the_original(text, style):
    template = redact(text, replace(RULE_SET, style=style))
    values = parse_values(masks_json(template, "report.txt"), "masks.json")
    assert fill(template.text, values) == text


@settings(max_examples=100, deadline=None)
@given(texts.filter(lambda t: "{" not in t and "}" not in t))
def test_numbered_placeholders_fill_by_name(text):
    template = redact(text, replace(RULE_SET, style="numbered"))
    if not template.masks:
        return
    document = json.loads(masks_json(template))
    values = parse_values(json.dumps(document["values"], ensure_ascii=False), "v.json")
    assert fill(template.text, values) == text
    assert set(placeholders(template.text)) == set(document["values"])


def test_masks_file_survives_an_edited_numbered_template():
    template = redact(REPORT, replace(RULE_SET, style="numbered"))
    values = parse_values(masks_json(template), "masks.json")
    edited = "前言。" + template.text
    assert fill(edited, values) == "前言。" + REPORT


def test_edited_x_template_with_masks_file_is_an_error():
    template = redact(REPORT, RULE_SET)
    values = parse_values(masks_json(template), "masks.json")
    with pytest.raises(InputError, match=r"^t.txt: does not match masks.json: expected 'X'"):
        fill("前言。" + template.text, values, "t.txt")


def test_toml_values_and_braced_keys():
    values = parse_values('地名1 = "岳阳"\n"{{数字1}}" = 2020\n[人名1]\nvalue = "李四"\n', "v.toml")
    assert fill("{{数字1}}年{{人名1}}在{{地名1}}市，{{地名1}}。", values) == "2020年李四在岳阳市，岳阳。"


@pytest.mark.parametrize("values, message", [
    ('地名1 = "岳阳"\n', r"^v.toml: no value for placeholder \{\{人名1\}\} \(used in t.txt\)$"),
    ('地名1 = "岳阳"\n人名1 = "李四"\n地名9 = "x"\n',
     r"^v.toml: unknown placeholder \{\{地名9\}\}: t.txt does not use it$"),
    ('地名1 = "岳阳"\n人名1 = ""\n', r"placeholder \{\{人名1\}\} has an empty value"),
    ('地名1 = 1.5\n', r"the value of \{\{地名1\}\} must be a string"),
    ('地名1 = \n', r"^v.toml: TOML syntax error"),
])
def test_values_errors_name_the_placeholder_and_the_file(values, message):
    with pytest.raises(InputError, match=message):
        fill("{{人名1}}在{{地名1}}。", parse_values(values, "v.toml"), "t.txt")


def test_skeleton_lists_category_and_context():
    template = redact(REPORT, replace(RULE_SET, style="numbered")).text
    slots = skeleton(template)
    assert [(slot.name, slot.category, slot.count) for slot in slots] == [
        ("本级1", "self", 1), ("数字1", "number", 1), ("地名1", "place", 2),
        ("人名1", "person", 1), ("人名2", "person", 1), ("地名2", "place", 1)]
    assert "在▶{{地名1}}◀市召开会议" in slots[2].context
    data = tomllib.loads(skeleton_toml(slots, "t.txt"))
    assert data["地名1"]["value"] == "" and data["地名1"]["category"] == "place"


# ---------------------------------------------------------------- CLI

def test_cli_redact_then_fill_gives_back_the_original(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    template, masks, out = tmp_path / "template.txt", tmp_path / "masks.json", tmp_path / "out.txt"
    result = run("redact", str(report), "--rules", str(MINI), "--masks-json", str(masks),
                 "-o", str(template))
    assert result.exit_code == 0, result.output
    result = run("fill", str(template), "--values", str(masks), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == report.read_bytes()
    # never overwrite without --force
    result = run("fill", str(template), "--values", str(masks), "-o", str(out))
    assert result.exit_code == 2
    assert "already exists; use --force" in result.output
    assert run("fill", str(template), "--values", str(masks), "-o", str(out),
               "--force").exit_code == 0


def test_cli_skeleton_then_fill(tmp_path, rule_file):
    numbered = rule_file(f'extends = "{MINI}"\nstyle = "numbered"\n', "numbered.toml")
    report = tmp_path / "report.txt"
    report.write_text("在长沙市，委员张三。\n", encoding="utf-8")
    template = tmp_path / "template.txt"
    assert run("redact", str(report), "--rules", str(numbered), "-o", str(template)).exit_code == 0
    assert template.read_text(encoding="utf-8") == "在{{地名1}}市，委员{{人名1}}。\n"
    values = tmp_path / "values.toml"
    result = run("fill", str(template), "--skeleton", "-o", str(values))
    assert result.exit_code == 0, result.output
    text = values.read_text(encoding="utf-8").replace('value = ""', 'value = "V"', 1)
    values.write_text(text, encoding="utf-8")
    result = run("fill", str(template), "--values", str(values))
    assert result.exit_code == 2
    assert result.output.strip() == (f"redactor: error: {values}: placeholder {{{{人名1}}}} "
                                     "has an empty value")
    values.write_text(text.replace('value = ""', 'value = "李四"'), encoding="utf-8")
    result = run("fill", str(template), "--values", str(values))
    assert result.exit_code == 0, result.output
    assert result.output == "在V市，委员李四。\n"
    skeleton_json = tmp_path / "values.json"
    assert run("fill", str(template), "--skeleton", "-o", str(skeleton_json)).exit_code == 0
    assert json.loads(skeleton_json.read_text(encoding="utf-8"))["人名1"]["category"] == "person"


def test_cli_errors(tmp_path):
    template = tmp_path / "t.txt"
    template.write_text("XX市\n", encoding="utf-8")
    result = run("fill", str(template))
    assert result.exit_code == 2 and "give --values" in result.output
    result = run("fill", str(template), "--skeleton")
    assert result.exit_code == 2 and "has no {{placeholders}}" in result.output
    result = run("fill", str(template), "--values", str(template), "-o", str(template))
    assert result.exit_code == 2 and "inputs are never overwritten" in result.output
    result = run("fill", str(template), "--values", str(tmp_path / "missing.toml"))
    assert result.exit_code == 2 and "missing.toml: no such file" in result.output
