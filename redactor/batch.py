"""Redact several reports as one batch: a name keeps its pseudonym or placeholder
in every report (甲市 is the same city in all of them)."""

from __future__ import annotations

from collections.abc import Iterable

from .detect import detect_level, find_spans
from .model import RuleSet, Template
from .render import Naming, render
from .resolve import resolve
from .rules import load_rules


def redact_batch(texts: Iterable[str], rules: RuleSet | str | None = None,
                 naming: Naming | None = None) -> list[Template]:
    """Mask each text like ``redact`` does, sharing one :class:`Naming` across them."""
    rule_set = rules if isinstance(rules, RuleSet) else load_rules(rules)
    naming = Naming() if naming is None else naming
    templates = []
    for text in texts:
        level = detect_level(text, rule_set)
        spans = resolve(find_spans(text, rule_set, level), len(text), rule_set)
        templates.append(render(text, spans, rule_set, level, naming))
    return templates
