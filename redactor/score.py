"""Score a rule set against a reference template, character by character over the original.

Each non-blank character of the original gets two labels: masked by the rule set
(redact on the original) and masked by the reference (aligned with the original: a
character inside a mask of the reference). Characters the reference does not hold
at all (it deleted or rewrote them) are left out, and so are its insertions; both
are counted. A reference mask's category is the rule set's where the rule set masked
the character, else the category guessed for the whole mask (other if none).
"""

from __future__ import annotations

from .classify import compare, context
from .rules import rule_set_of
from .findings import CategoryScore, Difference, Region, Score
from .model import RuleSet


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def _f1(precision: float, recall: float) -> float:
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0


def score(original: str, reference: str, rules: RuleSet | str | None = None) -> Score:
    """Precision, recall and F1 of the rule set's masks against ``reference``'s."""
    rule_set = rule_set_of(rules)
    comparison = compare(original, reference, rule_set)
    na = comparison.original
    size = len(na.text)
    predicted: list[str | None] = [None] * size
    for mask in comparison.redacted.masks:
        start, end = na.norm_span(mask.start, mask.end)
        predicted[start:end] = [mask.category] * (end - start)
    expected: list[str | None] = [None] * size
    for mask in comparison.masks:
        weights: dict[str, int] = {}
        for part in mask.parts:
            weights[part.category] = weights.get(part.category, 0) + part.end - part.start
        fallback = max(weights, key=weights.__getitem__) if weights else "other"
        for index in range(mask.i1, mask.i2):
            expected[index] = predicted[index] or fallback
    excluded = bytearray(size)
    inserted = 0
    for _, i1, i2, j1, j2 in comparison.edits:
        excluded[i1:i2] = b"\x01" * (i2 - i1)
        inserted += j2 - j1
    counts: dict[str, list[int]] = {}  # category -> [predicted, right, reference, found]
    tp = n_pred = n_ref = 0
    for index in range(size):
        if excluded[index]:
            continue
        mine, theirs = predicted[index], expected[index]
        if mine:
            row = counts.setdefault(mine, [0, 0, 0, 0])
            row[0] += 1
            row[1] += theirs is not None
            n_pred += 1
        if theirs:
            row = counts.setdefault(theirs, [0, 0, 0, 0])
            row[2] += 1
            row[3] += mine is not None
            n_ref += 1
        tp += bool(mine and theirs)
    by_category = []
    for category, (pred, right, ref, found) in sorted(counts.items()):
        precision, recall = _ratio(right, pred), _ratio(found, ref)
        by_category.append(CategoryScore(category, precision, recall, _f1(precision, recall),
                                         pred, ref, right, found))
    precision, recall = _ratio(tp, n_pred), _ratio(tp, n_ref)
    misses = _runs(comparison, lambda k: expected[k] is not None and predicted[k] is None,
                   expected, excluded, "miss")
    extras = _runs(comparison, lambda k: predicted[k] is not None and expected[k] is None,
                   predicted, excluded, "extra")
    return Score(precision, recall, _f1(precision, recall), tuple(by_category), misses, extras,
                 size - sum(excluded), n_pred, n_ref, tp, sum(excluded), inserted,
                 rule_set.name, comparison.redacted.level)


def _runs(comparison, wanted, categories, excluded, kind: str) -> tuple[Difference, ...]:
    """Stretches of the original where ``wanted`` holds, with the category of their start."""
    na = comparison.original
    out = []
    index, size = 0, len(na.text)
    while index < size:
        if excluded[index] or not wanted(index):
            index += 1
            continue
        start = index
        while index < size and not excluded[index] and wanted(index) \
                and categories[index] == categories[start]:
            index += 1
        raw_start, raw_end = na.raw_span(start, index)
        region = Region(raw_start, raw_end, na.raw[raw_start:raw_end])
        message = ("the reference masks this, the rule set does not" if kind == "miss"
                   else "the rule set masks this, the reference does not")
        out.append(Difference(kind, region, None, categories[start] or "other", "", kind,
                              message, context(na.raw, raw_start, raw_end)))
    return tuple(out)
