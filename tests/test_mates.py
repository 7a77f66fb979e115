"""List mates: the unrecognised neighbours of a masked name in a list of one kind."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redactor import RuleError, load_rules, redact
from redactor.mates import NOT_IN_NAMES

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


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80)
ITEMS = st.lists(st.tuples(st.text(HAN, min_size=1, max_size=5),
                           st.sampled_from(["村", "河", "路", ""])), min_size=1, max_size=6)


@pytest.fixture(scope="module")
def known_rules(tmp_path_factory):
    path = tmp_path_factory.mktemp("mates") / "rules.toml"
    path.write_text(KNOWN, encoding="utf-8")
    return load_rules(path)


@settings(max_examples=60, deadline=None)
@given(before=ITEMS, after=ITEMS)
def test_mates_end_like_their_list_and_a_second_pass_adds_none(known_rules, before, after):
    items = [name + ending for name, ending in before] + ["麻料村"] + \
            [name + ending for name, ending in after]
    text = "，" + "、".join(items) + "。"
    rules = known_rules
    result = redact(text, rules)
    for mask in result.masks:
        if mask.rule_id.startswith("mates."):
            assert text[mask.end] == "村" and "、" not in mask.original  # like 麻料村
    if after and after[0][1] == "村" and len(after[0][0]) <= 4 \
            and not NOT_IN_NAMES.intersection(after[0][0]) and after[0][0] not in ("贫困", "重点"):
        assert "XX村、XX村" in result.text  # the next item is a name of the same kind
    assert redact(result.text, rules).text == result.text
