"""The default rule set on the seed pair: the hand-made template's style, end to end."""

from __future__ import annotations

import functools
import gc
from pathlib import Path

import pytest

from redactor import load_rules, redact, score
from redactor.examples import check_rule

SEED = Path(__file__).resolve().parent.parent / "examples" / "seed"


@functools.lru_cache(maxsize=1)
def seed_result():
    return redact((SEED / "original.txt").read_text(encoding="utf-8"))


def test_seed_pair_f1_reaches_the_bar():
    original = (SEED / "original.txt").read_text(encoding="utf-8")
    reference = (SEED / "template.txt").read_text(encoding="utf-8")
    result = score(original, reference)
    assert result.f1 >= 0.97, (result.precision, result.recall)


@pytest.mark.parametrize("original, template", [
    ("关于全省禁毒工作情况的调研报告", "关于全X禁毒工作情况的调研报告"),
    ("常委会副主任周农先后主持召开会议，听取省高院、省检察院、省公安厅",
     "常委会副主任XX先后主持召开会议，听取X高院、X检察院、X公安厅"),
    ("共侦破毒品刑事案件2.52万起，抓获犯罪嫌疑人2.93万名",
     "共侦破毒品刑事案件X.XX万起，抓获犯罪嫌疑人X.XX万名"),
    ("赴省司法厅强制戒毒管理局麓山强制隔离戒毒所、519医院，长沙市及天心区",
     "赴X司法厅强制戒毒管理局XX强制隔离戒毒所、XXX医院，XX市及XX区"),
    ("据西双版纳州公安局介绍", "据XX州公安局介绍"),
    ("认真学习贯彻习近平总书记关于禁毒工作重要指示批示,全面落实《禁毒法》",
     "认真学习贯彻习近平总书记关于禁毒工作重要指示批示,全面落实《禁毒法》"),
    ("2018年，我省缉毒执法绩效考核居全国第二", "XXXX年，我X缉毒执法绩效考核居全国第二"),
    ("三年来，全省公安机关", "三年来，全X公安机关"),
    ("其中公安机关强制隔离戒毒所执收45689名，司法行政部门强制隔离戒毒场所执收27480名",
     "其中公安机关强制隔离戒毒所执收XXXXX名，司法行政部门强制隔离戒毒场所执收XXXXX名"),
    ("在全省高速公路设立25个入省营运客车", "在全X高速公路设立XX个入X营运客车"),
    ("该市在2019年国家禁毒办卫星遥感监测铲毒行动中",
     "该市在XXXX年国家禁毒办卫星遥感监测铲毒行动中"),
])
def test_seed_style(original, template):
    full = seed_result()
    assert original in full.original
    start = full.original.index(original)
    end = start + len(original)
    out = [m for m in full.masks if start <= m.start and m.end <= end]
    shift = sum(len(m.replacement) - (m.end - m.start) for m in full.masks if m.end <= start)
    out_start = start + shift
    assert full.text[out_start:out_start + len(template)] == template, out


def test_other_jurisdiction_levels_are_detected():
    city = redact("全市上下认真贯彻市委、市政府决策部署，我市经济平稳增长。全省各地")
    assert city.level == "市"
    assert city.text == "全X上下认真贯彻X委、X政府决策部署，我X经济平稳增长。全省各地"
    region = redact("自治区党委、自治区人民政府高度重视，全区各族干部群众")
    assert region.level == "自治区"
    assert region.text == "X党委、X人民政府高度重视，全X各族干部群众"
    county = redact("县委、县政府坚持把乡村振兴作为全县工作的重中之重")
    assert county.text == "X委、X政府坚持把乡村振兴作为全X工作的重中之重"


@pytest.mark.parametrize("rule", load_rules().rules, ids=lambda rule: rule.id)
def test_every_rule_example_of_the_default_rule_set_holds(rule):
    assert check_rule(rule) == []


def test_a_template_is_not_masked_again_for_another_level():
    county = "全县上下贯彻省委部署，县委、县政府狠抓落实，全县经济增长"
    once = redact(county)
    assert once.level == "县"
    assert once.text == "全X上下贯彻省委部署，X委、X政府狠抓落实，全X经济增长"
    again = redact(once.text)
    assert again.level == "" and again.text == once.text


@pytest.mark.parametrize("collector_on", [True, False])
def test_redact_leaves_the_cycle_collector_as_it_found_it(collector_on):
    """redact pauses the collector while it works; the caller's setting comes back."""
    was_on = gc.isenabled()
    (gc.enable if collector_on else gc.disable)()
    try:
        redact("我省长沙市2019年", load_rules())
        assert gc.isenabled() is collector_on
    finally:
        (gc.enable if was_on else gc.disable)()
