"""The redaction pipeline: detect -> resolve -> spread names -> list mates -> (collapse
lists) -> render."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

from .collapse import collapse_lists
from .consistency import spread_names
from .mates import mask_list_mates
from .detect import allowed_characters, detect_level, find_spans, shortener
from .model import RuleSet, Template
from .render import Naming, render
from .resolve import resolve
from .rules import rule_set_of


def redact(text: str, rules: RuleSet | str | None = None,
           naming: Naming | None = None) -> Template:
    """Mask ``text`` with a rule set (default ``zh-report``); returns the template and masks.

    ``naming`` carries pseudonyms and numbered placeholders from one text to the next
    (see batch.redact_batch); by default each text is named on its own.
    """
    rule_set = rule_set_of(rules)
    with _collector_paused():
        level = detect_level(text, rule_set)
        protected = allowed_characters(text, rule_set)
        candidates = find_spans(text, rule_set, level, protected)
        spans = resolve(candidates, len(text), rule_set, shortener(text, rule_set, level))
        spans = spread_names(text, spans, rule_set, candidates, protected)
        spans = mask_list_mates(text, spans, rule_set, protected)
        if rule_set.collapse_lists:
            spans = collapse_lists(text, spans)
        return render(text, spans, rule_set, level, naming)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while one text is redacted, then back as it was.

    Redaction builds ~90k spans and masks per MB and no reference cycles; the collector
    would walk all of them again and again as they pile up (10-15% of the time at 1 MB,
    more at 10 MB, which made the time grow faster than the text). Only a collector
    that was on is turned back on, so a caller's own gc.disable() is kept.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
