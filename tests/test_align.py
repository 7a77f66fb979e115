"""Alignment: ops cover both texts, masks stand against what they replace, speed."""

from __future__ import annotations

import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from redactor.align import align, anchors, common_length, is_mask_text
from redactor.normalize import normalize


def check_cover(a: str, b: str, ops) -> None:
    i = j = 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        i, j = i2, j2
    assert (i, j) == (len(a), len(b))


def changes(a: str, b: str) -> list[tuple[str, str]]:
    ops = align(a, b)
    check_cover(a, b, ops)
    return [(a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in ops if tag != "equal"]


def test_masks_align_against_names_and_digits():
    a = "常委会副主任周农主持会议，到邵阳市及邵东市调研，缴获毒品6.69吨。全省共12家。"
    b = "常委会副主任XX主持会议，到XX市及XX市调研，缴获毒品X.XX吨。全X共XX家。"
    assert changes(a, b) == [("周农", "XX"), ("邵阳", "XX"), ("邵东", "XX"),
                             ("6.69", "X.XX"), ("省", "X"), ("12", "XX")]


def test_collapsed_list_is_one_change():
    a = "听取衡阳、邵阳、郴州、永州4市禁毒工作情况汇报"
    b = "听取XX市禁毒工作情况汇报"
    assert changes(a, b) == [("衡阳、邵阳、郴州、永州4", "XX")]


def test_rewritten_head_is_one_edit():
    a = "关于全省禁毒工作情况的调研报告省人大监察和司法委员会为协助省人大常委会听取和审议"
    b = "网站客服QQ:4030749322021年X市禁毒工作开展情况调研报告为协助X人大常委会听取和审议"
    found = changes(a, b)
    assert found[0][0].startswith("关于全省") and found[0][1].startswith("网站客服")
    assert found[1:] == [("省", "X")]


def test_identical_and_empty_texts():
    assert align("", "") == []
    assert align("abc", "abc") == [("equal", 0, 3, 0, 3)]
    assert align("", "XX") == [("insert", 0, 0, 0, 2)]
    assert align("长沙", "") == [("delete", 0, 2, 0, 0)]


def test_common_length_and_mask_text():
    assert common_length("abcdefghijklmnopq", 0, "abcdefghijklmnopz", 0) == 16
    assert common_length("abc", 1, "xbc", 1) == 2
    for text in ("XX", "X.XX", "XX、xx、xx", "某", "[地名]", "XX%"):
        assert is_mask_text(text)
    for text in ("", "、", "X好", "长沙"):
        assert not is_mask_text(text)


def test_anchors_are_unique_and_increasing():
    a = "第一段文字内容在这里出现了。第二段文字内容在这里出现了。重复的句子写在这里吧。重复的句子写在这里吧。"
    found = anchors(a, a)
    assert [(p, q) for p, q, _ in found] == [(0, 0), (14, 14)]


def test_normalize_maps_back_to_raw():
    raw = "2021 年\nＸ 市（２０１９）… 西 双版纳"
    norm = normalize(raw)
    assert norm.text == "2021年X市(2019)...西双版纳"
    start, end = norm.raw_span(norm.text.index("西"), len(norm.text))
    assert raw[start:end] == "西 双版纳"
    assert norm.norm_span(raw.index("西"), len(raw)) == (norm.text.index("西"), len(norm.text))


def test_long_repetitive_text_is_near_linear():
    rng = random.Random(5)
    unit = "全省各级政府及禁毒委成员单位认真学习贯彻，加强禁毒工作领导，完善工作机制。"
    def build(n):
        a = "".join(unit.replace("各级", str(rng.randint(10, 99))) for _ in range(n))
        return a, a.replace("全省", "全X")
    timings = []
    for n in (2000, 20000):
        a, b = build(n)
        start = time.perf_counter()
        ops = align(a, b)
        timings.append(time.perf_counter() - start)
        check_cover(a, b, ops)
    assert timings[1] < 20 * timings[0] + 0.5


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_ops_always_cover_both_texts(a, b):
    check_cover(a, b, align(a, b))
