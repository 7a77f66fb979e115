"""Mask styles: numbered placeholders, court style, pseudonyms, letters; consistency
within a document and across a batch; the stateless styles unchanged."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from redactor import load_rules, redact, restore
from redactor.batch import redact_batch
from redactor.errors import RuleError
from redactor.render import Naming, letters, pseudonym

MINI = Path(__file__).with_name("mini_rules.toml")
TEXT = ("全省2019年在长沙市召开会议，常委会副主任周农主持，委员张三、委员张四在长沙发言。"
        "赴云南、湘潭市，麓山强制隔离戒毒所12家。我省公安厅。")


@pytest.fixture(scope="module")
def mini():
    return load_rules(MINI)


def styled(rule_set, style, text=TEXT):
    return redact(text, replace(rule_set, style=style))


def test_seed_style_unchanged(mini):
    assert styled(mini, "seed").text == (
        "全XXXXX年在XX市召开会议，常委会副主任XX主持，委员XX、委员XX在XX发言。"
        "赴XX、XX市，XX强制隔离戒毒所XX家。我X公安厅。")


def test_numbered_placeholders_one_per_distinct_name(mini):
    template = styled(mini, "numbered")
    assert template.text == (
        "全{{本级1}}{{数字1}}年在{{地名1}}市召开会议，常委会副主任{{人名1}}主持，委员{{人名2}}、"
        "委员{{人名3}}在{{地名1}}发言。赴{{地名2}}、{{地名3}}市，{{机构1}}强制隔离戒毒所{{数字2}}家。"
        "我{{本级1}}公安厅。")


def test_court_style(mini):
    template = styled(mini, "court")
    assert template.text == (
        "全XXXXX年在某市召开会议，常委会副主任周某主持，委员张某1、委员张某2在某发言。"
        "赴某、某市，某强制隔离戒毒所XX家。我X公安厅。")


def test_court_style_single_surname_is_unnumbered(mini):
    template = styled(mini, "court", "委员张三主持。委员张三，委员欧阳明在湘潭县。")
    assert template.text == "委员张某主持。委员张某，委员欧阳某在某县。"


def test_pseudonyms_and_letters(mini):
    assert styled(mini, "pseudonym").text == (
        "全XXXXX年在甲市召开会议，常委会副主任甲主持，委员乙、委员丙在甲发言。"
        "赴乙、丙市，甲强制隔离戒毒所XX家。我X公安厅。")
    assert styled(mini, "letters", "在长沙市、湘潭县和长沙。").text == "在A市、B县和A。"


def test_pseudonym_and_letter_sequences():
    assert [pseudonym(i) for i in (0, 1, 9, 21, 22, 23)] == ["甲", "乙", "癸", "亥", "甲2", "乙2"]
    assert [letters(i) for i in (0, 1, 25, 26, 27, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "ZZ", "AAA"]


def test_consistent_across_a_batch(mini):
    rule_set = replace(mini, style="pseudonym")
    first, second = redact_batch(["在长沙市、湘潭市。", "赴邵阳市和长沙市。"], rule_set)
    assert first.text == "在甲市、乙市。"
    assert second.text == "赴丙市和甲市。"
    # without a shared naming each document starts again
    assert redact("赴邵阳市和长沙市。", rule_set).text == "赴甲市和乙市。"


def test_court_collision_across_a_batch(mini):
    rule_set = replace(mini, style="court")
    naming = Naming()
    first, second = redact_batch(["委员张三。"], rule_set, naming) + \
        redact_batch(["委员张四，委员张三。"], rule_set, naming)
    assert first.text == "委员张某。"
    assert second.text == "委员张某2，委员张某。"


def test_category_override_mixes_styles(mini):
    rule_set = replace(mini, style="seed", category_masks=(("place", "numbered"),))
    assert redact("2019年在长沙市。", rule_set).text == "XXXX年在{{地名1}}市。"


def test_mask_replacement_is_what_stands_in_the_template(mini):
    for style in ("seed", "numbered", "court", "pseudonym", "letters", "typed", "fixed"):
        template = styled(mini, style)
        for mask in template.masks:
            assert template.text[mask.out_start:mask.out_end] == mask.replacement
            assert TEXT[mask.start:mask.end] == mask.original
        assert restore(template) == TEXT


@pytest.mark.parametrize("style", ["numbered", "court", "pseudonym", "letters"])
def test_styles_load_from_toml(rule_file, style):
    path = rule_file(f'extends = "{MINI}"\nstyle = "{style}"\n[masks]\nnumber = "numbered"\n')
    rule_set = load_rules(path)
    assert rule_set.style == style
    assert redact("12家", rule_set).text == "{{数字1}}家"


def test_unknown_style_is_a_rule_error(rule_file):
    with pytest.raises(RuleError, match="unknown style 'roman'"):
        load_rules(rule_file(f'extends = "{MINI}"\nstyle = "roman"\n'))
