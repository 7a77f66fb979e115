"""Mask every other occurrence of a name the rules masked once (大柳塔镇 ... 大柳塔矿区).

Rules see a name where its context gives it away (a suffix, a title); the same name
elsewhere in the report, bare, gives the place away just as well. A drafter masks it
everywhere, and the diff checker reports a name masked in one place and kept in another
as an inconsistency, so redact does the same. Names listed in the rule set's
``consistency.exclude`` (common words such as 前进, 胜利) are not spread, nor are the
finds of rules marked ``spread = false``, which guess from context alone, unless a rule
that does spread found the same stretch too (王振华同志 kept as a guess, 王振华 also
found after a title). Occurrences inside an allow-listed term (哈密瓜) are left alone, and
so are occurrences followed by what ``consistency.not_after`` matches (朝鲜 the country is
not spread into 朝鲜族, the people, nor 朝鲜语).

A report's heading names its own jurisdiction (……在天津市滨海新区第三届人民代表大会……):
a name masked within the rule set's ``consistency.heading`` first characters spreads even
if it is excluded, because in that report it is the place (滨海 is then the district, not
"coastal"; 龙井 the city, not the tea).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import regex

from .detect import find_terms
from .model import RuleSet, Span
from .resolve import occupied


def spread_names(text: str, spans: list[Span], rule_set: RuleSet,
                 candidates: Iterable[Span], protected: bytearray) -> list[Span]:
    """The spans plus one span per further occurrence of a masked name (sorted).

    ``candidates`` are all the rules' finds before overlaps were settled: a kept guess
    spreads when one of them, from a rule that spreads, covers exactly the same stretch.
    ``protected`` marks the characters of allow-listed terms, never spread into.
    """
    if not rule_set.consistent_categories or not spans:
        return spans
    excluded = set(rule_set.consistency_exclude)
    if rule_set.consistency_heading:
        excluded.difference_update(text[span.start:span.end] for span in spans
                                   if span.start < rule_set.consistency_heading)
    guesses = {rule.id for rule in rule_set.rules if not rule.spread}
    confirmed = ({(span.start, span.end) for span in candidates
                  if span.rule_id not in guesses
                  and span.category in rule_set.consistent_categories}
                 if any(span.rule_id in guesses for span in spans) else set())
    names: dict[str, Span] = {}
    for span in spans:
        name = text[span.start:span.end]
        if (span.category in rule_set.consistent_categories and len(name) >= 2
                and (span.rule_id not in guesses or (span.start, span.end) in confirmed)
                and name not in excluded and not name.isascii()):
            names.setdefault(name, span)
    if not names:
        return spans
    taken = occupied(protected, spans)
    added = []
    stops = _stop_pattern(rule_set.consistency_not_after)
    for start, end in find_terms(text, tuple(names), cached=False):
        if taken.find(1, start, end) == -1 and not (stops and stops.match(text, end)):
            first = names[text[start:end]]
            added.append(Span(start, end, first.category, f"consistency.{first.category}",
                              0, first.mask))
            taken[start:end] = b"\x01" * (end - start)
    return sorted(spans + added, key=lambda span: span.start) if added else spans


@functools.lru_cache(maxsize=8)
def _stop_pattern(pattern: str) -> regex.Pattern | None:
    return regex.compile(pattern) if pattern else None
