"""The overlap rule: priority, then length, then position; shortening a loser once."""

from __future__ import annotations

from redactor import load_rules, redact
from redactor.model import RuleSet, Span
from redactor.resolve import resolve

RULES = RuleSet(name="t", rules=())


def test_higher_priority_then_longer_then_earlier_wins():
    spans = [Span(0, 4, "place", "a", 50), Span(2, 6, "person", "b", 60),
             Span(6, 8, "place", "c", 50), Span(6, 9, "place", "d", 50),
             Span(10, 12, "place", "e", 50), Span(11, 13, "place", "f", 50)]
    kept = resolve(spans, 20, RULES)
    assert [span.rule_id for span in kept] == ["b", "d", "e"]


def test_result_does_not_depend_on_input_order():
    spans = [Span(0, 4, "place", "a", 50), Span(2, 6, "person", "b", 60),
             Span(6, 9, "place", "d", 50), Span(5, 7, "org", "g", 55)]
    assert resolve(spans, 20, RULES) == resolve(list(reversed(spans)), 20, RULES)


def test_a_loser_is_offered_once_cut_where_the_winner_starts():
    calls = []

    def shorten(span, limit):
        calls.append((span.rule_id, limit))
        return Span(span.start, limit, span.category, span.rule_id, span.priority)

    spans = [Span(3, 6, "person", "name", 50), Span(5, 8, "place", "town", 60),
             Span(4, 9, "org", "inside", 40)]
    kept = resolve(spans, 20, RULES, shorten)
    assert [(s.rule_id, s.start, s.end) for s in kept] == [("name", 3, 5), ("town", 5, 8)]
    assert calls == [("name", 5)]  # "inside" starts inside a kept span: not offered


def test_a_name_running_into_a_place_is_cut_before_it():
    result = redact("副主任周农天心区", load_rules())
    assert result.text == "副主任XXXX区"
    assert [(m.original, m.rule_id) for m in result.masks] == [
        ("周农", "person.after-title"), ("天心", "place.full")]
