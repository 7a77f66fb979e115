"""Redact several reports as one batch: a name keeps its pseudonym or placeholder
in every report (甲市 is the same city in all of them)."""

from __future__ import annotations

from collections.abc import Iterable

from .model import RuleSet, Template
from .redact import redact
from .render import Naming
from .rules import rule_set_of


def redact_batch(texts: Iterable[str], rules: RuleSet | str | None = None,
                 naming: Naming | None = None) -> list[Template]:
    """Mask each text like ``redact`` does, sharing one :class:`Naming` across them."""
    rule_set = rule_set_of(rules)
    naming = Naming() if naming is None else naming
    return [redact(text, rule_set, naming) for text in texts]
