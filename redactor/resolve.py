"""Settle overlapping candidate spans with one deterministic rule.

The rule: candidates are taken in order of (higher priority, longer span, earlier
start, earlier rule in the rule set); a candidate is kept when it overlaps no span
kept before it. The result does not depend on the order rules yielded spans in.
"""

from __future__ import annotations

from .model import RuleSet, Span


def resolve(spans: list[Span], text_length: int, rule_set: RuleSet) -> list[Span]:
    """The kept spans, sorted by start; they never overlap."""
    rank = {rule.id: index for index, rule in enumerate(rule_set.rules)}
    order = sorted(spans, key=lambda s: (-s.priority, s.start - s.end, s.start,
                                         rank.get(s.rule_id, len(rank))))
    taken = bytearray(text_length)
    kept = []
    for span in order:
        if taken.find(1, span.start, span.end) == -1:
            taken[span.start:span.end] = b"\x01" * (span.end - span.start)
            kept.append(span)
    kept.sort(key=lambda span: span.start)
    return kept
