"""Invariants of redact, checked on generated texts (hypothesis)."""

from __future__ import annotations

import contextlib
import functools

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redactor import detect, load_rules, redact, restore

ARABIC = set("0123456789０１２３４５６７８９")
# Pieces that exercise the rules: names, numbers, self-references, titles, and noise.
PIECES = [
    "全省", "我省", "省公安厅", "省委", "长沙市", "天心区", "邵阳", "云南", "西双版纳州",
    "副主任周农", "家毫书记", "麓山强制隔离戒毒所", "519医院", "2.52万起", "95.72%",
    "２０１９年", "石桥村", "城关镇", "湘滇两省", "驻滇工作站", "各省份", "三年来", "第二",
    "习近平总书记", "国家禁毒办", "、", "，", "。", "\n", " ", "等地", "会议", "XX", "X",
]
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(max_size=200),
    st.text(alphabet=st.sampled_from("省市县区全我长沙云南0123456789０９.,、X周农书记村镇"),
            max_size=120),
)
fast = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@functools.lru_cache(maxsize=1)
def default_rules():
    return load_rules()


@fast
@given(texts)
def test_no_arabic_digit_survives(text):
    assert not ARABIC & set(redact(text, default_rules()).text)


@fast
@given(texts)
def test_redact_is_idempotent(text):
    once = redact(text, default_rules()).text
    assert redact(once, default_rules()).text == once


@fast
@given(texts)
def test_masks_lie_in_text_and_never_overlap(text):
    result = redact(text, default_rules())
    previous_end = 0
    for mask in result.masks:
        assert previous_end <= mask.start < mask.end <= len(text)
        assert text[mask.start:mask.end] == mask.original
        assert result.text[mask.out_start:mask.out_end] == mask.replacement
        previous_end = mask.end


@fast
@given(texts)
def test_text_outside_masks_is_unchanged(text):
    result = redact(text, default_rules())
    position = out = 0
    for mask in result.masks:
        assert text[position:mask.start] == result.text[out:mask.out_start]
        position, out = mask.end, mask.out_end
    assert text[position:] == result.text[out:]


@fast
@given(texts)
def test_restoring_masks_gives_the_original(text):
    assert restore(redact(text, default_rules())) == text


@contextlib.contextmanager
def _pieces_of(chunk: int):
    """Aho-Corasick scans texts in pieces of ``chunk`` characters inside the block."""
    saved = detect._CHUNK
    detect._CHUNK = chunk
    try:
        yield
    finally:
        detect._CHUNK = saved


@fast
@given(st.lists(st.text(alphabet="长沙市县区等", min_size=1, max_size=4), min_size=1, max_size=6),
       st.text(alphabet="长沙市县区等，", max_size=300), st.integers(min_value=1, max_value=9))
def test_terms_found_in_pieces_are_those_of_one_scan(terms, text, chunk):
    """A long text is scanned for terms piece by piece; the pieces must not lose, cut
    or add an occurrence at their borders."""
    terms = tuple(dict.fromkeys(terms))
    whole = list(detect.find_terms(text, terms, cached=False))
    with _pieces_of(chunk):
        pieces = list(detect.find_terms(text, terms, cached=False))
    assert pieces == whole


@fast
@given(st.lists(st.text(alphabet="长沙市县区", min_size=1, max_size=4), min_size=1, max_size=6),
       st.text(alphabet="长沙市县区，", max_size=200), st.integers(min_value=1, max_value=9))
def test_term_ends_found_in_pieces_are_those_a_lookbehind_sees(terms, text, chunk):
    """The ends of all occurrences, overlapping ones too, found by Aho-Corasick piece by
    piece, are exactly the places where a lookbehind over the terms matches."""
    terms = tuple(sorted(set(terms)))
    behind = regex.compile("(?<=" + "|".join(map(regex.escape, terms)) + ")")
    with _pieces_of(chunk):
        ends_a_term = detect.term_end_test(text, terms)
    for position in range(len(text) + 1):
        assert ends_a_term(position) == (behind.match(text, position) is not None), position


@fast
@given(st.lists(st.text(alphabet="长沙市县区", min_size=1, max_size=4), min_size=1, max_size=6),
       st.text(alphabet="长沙市县区，", max_size=200), st.integers(min_value=1, max_value=9))
def test_every_occurrence_is_found_in_pieces(terms, text, chunk):
    """Overlapping occurrences (anchors whose context is tested) found by Aho-Corasick
    piece by piece are exactly every place a term stands, as the slow lookup finds them."""
    terms = tuple(sorted(set(terms)))
    with _pieces_of(chunk):
        found = list(detect.find_terms(text, terms, overlapping=True))
    assert sorted(found) == sorted(detect.every_occurrence(text, terms))
