"""List mates: the unrecognised neighbours of a masked name in a list of one kind."""

from __future__ import annotations

import pytest

from redactor import RuleError, load_rules, redact

#: One village the rules know (麻料, suffix kept) and one river (打狗河, masked whole).
KNOWN = """
[list_mates]
categories = ["place"]
endings = ["村", "河", "街道"]
exclude = ["generic"]
[lists]
generic = ["贫困", "重点"]
[[rule]]
id = "village"
category = "place"
regex = '麻料(?=村)'
[[rule]]
id = "river"
category = "place"
regex = '打狗河'
"""


def masked(text: str, rule_file, extra: str = "") -> str:
    return redact(text, load_rules(rule_file(extra + KNOWN))).text


def test_neighbours_that_end_like_a_masked_name_are_masked_along_the_list(rule_file):
    assert masked("，控拜村、麻料村、乌高村被誉为银匠村。", rule_file) == \
        "，XX村、XX村、XX村被誉为银匠村。"


def test_a_list_item_starts_after_the_masked_division_before_it(rule_file):
    extra = '[[rule]]\nid = "town"\ncategory = "place"\nregex = \'西江(?=镇)\'\n'
    assert masked("西江镇控拜村、麻料村", rule_file, extra) == "XX镇XX村、XX村"


def test_a_whole_masked_name_makes_whole_mates(rule_file):
    result = redact("对在盘阳河、打狗河、下枧河非法捕捞", load_rules(rule_file(KNOWN)))
    assert result.text == "对在XX、XX、XX非法捕捞"
    assert [mask.rule_id for mask in result.masks] == ["mates.place", "river", "mates.place"]


@pytest.mark.parametrize("text", [
    "走访麻料村、贫困村和重点村。",      # generic words with the same ending
    "走访麻料村、重点实施的开觉村。",    # running text, not a list item
    "走访麻料村、公安局和派出所。",      # an item that does not end like its neighbour
])
def test_items_that_are_no_names_stay(rule_file, text):
    assert masked(text, rule_file) == text.replace("麻料", "XX")


def test_allowed_terms_are_never_mates(rule_file):
    assert masked("控拜村、麻料村", rule_file, 'allow = ["控拜村"]\n') == "控拜村、XX村"


def test_redacting_the_template_again_changes_nothing(rule_file):
    rules = load_rules(rule_file(KNOWN))
    once = redact("控拜村、麻料村、乌高村", rules).text
    assert redact(once, rules).text == once


@pytest.mark.parametrize("spec, message", [
    ('categories = ["place"]\nendings = ["村"]\nexclude = ["nowhere"]', "no term list"),
    ('categories = ["place"]', "at least one ending"),
    ('categories = ["place"]\nendings = ["村"]\nlonger = 3', "a table of categories"),
])
def test_bad_list_mates_tables_are_named(rule_file, spec, message):
    with pytest.raises(RuleError, match=message):
        load_rules(rule_file("[list_mates]\n" + spec + "\n"))
