"""score: character-level precision, recall and F1 against a reference template."""

from __future__ import annotations

from diff_support import MINI, SEED_ORIGINAL, SEED_TEMPLATE
from redactor import redact, score


def test_rule_set_scored_against_its_own_output_is_perfect():
    text = "全省2019年在长沙市召开，周农主持。麓山强制隔离戒毒所收治12.5万人。"
    result = score(text, redact(text, MINI).text, MINI)
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)
    assert not result.misses and not result.extras
    assert result.excluded_original == result.excluded_reference == 0


def test_misses_and_extras_with_categories():
    text = "在长沙市召开，周农主持，共12家。"
    reference = "在XX市召开，周农主持，共XX家。"   # keeps the person, masks the rest
    result = score(text, reference, MINI)
    assert [m.original.text for m in result.extras] == ["周农"]
    assert result.extras[0].category == "person"
    assert not result.misses
    assert result.precision == round(4 / 6, 4) and result.recall == 1.0
    by = {row.category: row for row in result.by_category}
    assert by["person"].precision == 0.0 and by["place"].f1 == 1.0


def test_seed_pair_excludes_the_rewritten_head():
    result = score(SEED_ORIGINAL, SEED_TEMPLATE, MINI)
    assert result.excluded_original > 40        # the original's first lines and title
    assert result.excluded_reference > 200      # the site's header
    assert result.scored + result.excluded_original == len("".join(SEED_ORIGINAL.split()))
    assert 0.5 < result.f1 <= 1.0
    assert any(m.original.text == "省" for m in result.misses)   # 省 outside 全省/我省
