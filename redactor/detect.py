"""Run a rule set's detectors over a text and collect candidate spans.

Each rule yields spans independently; overlaps are settled later by resolve.py, so
adding a rule never changes what another rule finds.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

from .model import Rule, RuleSet, Span
from .patterns import trie_pattern
from .rules import LEVEL_FORMS, compiled_pattern, level_pattern

#: Words that make a level character mean "this jurisdiction" (全省, 省委, 省政府 ...).
_SELF_BEFORE = "(?:全|我|本)"
_SELF_AFTER = "(?:委|政府|人民政府|人大|政协|党委)"


def detect_level(text: str, rule_set: RuleSet) -> str:
    """The report's own jurisdiction level: the rule set's, or the most self-referenced."""
    if rule_set.level != "auto":
        return rule_set.level
    best, best_count = rule_set.levels[0], 0
    for level in rule_set.levels:
        if level in LEVEL_FORMS and not _long_form_used(text, level):
            continue
        count = len(_self_reference(level).findall(text))
        if count > best_count:
            best, best_count = level, count
    return best


def _long_form_used(text: str, level: str) -> bool:
    """自治区 counts as a level only where the text says 自治区党委 and the like."""
    return regex.search(regex.escape(level) + _SELF_AFTER, text) is not None


@functools.lru_cache(maxsize=32)
def _self_reference(level: str) -> regex.Pattern:
    forms = level_pattern(level)
    return regex.compile(f"{_SELF_BEFORE}{forms}|{forms}{_SELF_AFTER}")


def rule_spans(text: str, rule: Rule, level: str) -> Iterator[Span]:
    """Every span one rule wants to mask: its ``mask`` group(s) or the whole match."""
    pattern = compiled_pattern(rule.pattern, level)
    has_group = "mask" in pattern.groupindex
    for match in pattern.finditer(text):
        for start, end in (match.spans("mask") if has_group else (match.span(),)):
            end = _trim_suffix(text, start, end, rule.keep_suffix)
            if end > start:
                yield Span(start, end, rule.category, rule.id, rule.priority, rule.mask)


def _trim_suffix(text: str, start: int, end: int, suffixes: tuple[str, ...]) -> int:
    for suffix in suffixes:  # longest first
        if end - start > len(suffix) and text.endswith(suffix, start, end):
            return end - len(suffix)
    return end


def find_spans(text: str, rule_set: RuleSet, level: str) -> list[Span]:
    """All candidate spans of every rule, minus those touching an allow-listed term."""
    spans = [span for rule in rule_set.rules for span in rule_spans(text, rule, level)]
    if rule_set.allow and spans:
        protected = bytearray(len(text))
        for match in _allow_pattern(rule_set.allow).finditer(text):
            protected[match.start():match.end()] = b"\x01" * (match.end() - match.start())
        spans = [s for s in spans if protected.find(1, s.start, s.end) == -1]
    return spans


@functools.lru_cache(maxsize=16)
def _allow_pattern(allow: tuple[str, ...]) -> regex.Pattern:
    return regex.compile(trie_pattern(allow))
