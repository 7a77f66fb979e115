"""Settle overlapping candidate spans with one deterministic rule.

The rule: candidates are taken in order of (higher priority, longer span, earlier
start, earlier rule in the rule set); a candidate is kept when it overlaps no span
kept before it. A candidate whose end runs into a kept span is offered to its rule
once more, cut where the kept span starts (副主任周农天心区: the name 周农天 yields to
the place 天心 and is retried as 周农), so a second redaction finds nothing new.
The result does not depend on the order rules yielded spans in.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import RuleSet, Span

#: Given a candidate and where the free text ends, the rule's shorter span there, if any.
Shorten = Callable[[Span, int], "Span | None"]


def resolve(spans: list[Span], text_length: int, rule_set: RuleSet,
            shorten: Shorten | None = None) -> list[Span]:
    """The kept spans, sorted by start; they never overlap."""
    rank = {rule.id: index for index, rule in enumerate(rule_set.rules)}
    order = sorted(spans, key=lambda s: (-s.priority, s.start - s.end, s.start,
                                         rank.get(s.rule_id, len(rank))))
    taken = bytearray(text_length)
    kept = []
    for span in order:
        blocked = taken.find(1, span.start, span.end)
        if blocked > span.start and shorten is not None:
            span = shorten(span, blocked)
            blocked = -1 if span is None else taken.find(1, span.start, span.end)
        if span is not None and blocked == -1:
            taken[span.start:span.end] = b"\x01" * (span.end - span.start)
            kept.append(span)
    kept.sort(key=lambda span: span.start)
    return kept


def occupied(protected: bytearray, spans: list[Span]) -> bytearray:
    """A byte per character of the text: 1 where it is allow-listed or already masked."""
    taken = bytearray(protected)
    for span in spans:
        taken[span.start:span.end] = b"\x01" * (span.end - span.start)
    return taken
