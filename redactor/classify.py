"""Classify the differences between an original and its template.

    mask           original text -> mask text; category and rule id from the rule set run
                   on the original; a mask over several names keeps them as parts
    leak           what the rule set would still mask in text the template kept
    inconsistency  a name masked in one place and kept in another; a minority mask
                   symbol (xx among XX); a digit mask whose length differs from the digits
    edit           anything else: inserted, deleted or rewritten text
"""

from __future__ import annotations

import functools
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

import regex

from .align import MASK_SYMBOLS, Op, align, is_mask_text, mask_text_pattern
from .findings import Difference, Part, Region, Report
from .model import Mask, RuleSet, Template
from .normalize import Normalized, normalize
from .patterns import trie_pattern
from .redact import redact
from .rules import rule_set_of

_CONTEXT = 12
_BLANKS = regex.compile(r"\s+")
_DIGITS = regex.compile(r"[0-9.,%:/\-]*[0-9][0-9.,%:/\-]*")
_NUMBER_AFTER = "年月日时万亿%名人个家件起吨元号岁次余多条张所辆户"


@dataclass(frozen=True)
class NormMask:
    """A mask in normalised coordinates, with the rule masks of the original inside it."""

    i1: int
    i2: int
    j1: int
    j2: int
    parts: tuple[Mask, ...]


@dataclass(frozen=True)
class Comparison:
    """An original and a template aligned, with the rule set's masks of the original."""

    original: Normalized
    template: Normalized
    ops: tuple[Op, ...]
    redacted: Template
    rule_set: RuleSet
    masks: tuple[NormMask, ...]
    edits: tuple[Op, ...]

    def kept_in_template(self, i1: int, i2: int) -> int | None:
        """Template start of original [i1, i2) when the template kept it unchanged."""
        index = bisect_right(self._equal_starts, i1) - 1
        if index < 0:
            return None
        _, p1, p2, q1, _ = self._equals[index]
        return q1 + (i1 - p1) if i2 <= p2 else None

    @functools.cached_property
    def _equals(self) -> list[Op]:
        return [op for op in self.ops if op[0] == "equal"]

    @functools.cached_property
    def _equal_starts(self) -> list[int]:
        return [op[1] for op in self._equals]


def compare(original: str, template: str, rule_set: RuleSet) -> Comparison:
    """Align ``template`` with ``original`` and sort the changed stretches."""
    redacted = redact(original, rule_set)
    na, nb = normalize(original), normalize(template)
    pattern = mask_text_pattern(_symbols(rule_set))
    ops = align(na.text, nb.text, pattern)
    spans = [(na.norm_index(m.start), na.norm_index(m.end), m) for m in redacted.masks]
    starts = [span[0] for span in spans]
    masks: list[NormMask] = []
    edits: list[Op] = []
    for op in ops:
        tag, i1, i2, j1, j2 = op
        if tag == "equal":
            continue
        if tag != "replace" or not is_mask_text(nb.text[j1:j2], pattern):
            edits.append(op)
            continue
        index = max(bisect_right(starts, i1) - 1, 0)
        inside = []
        while index < len(spans) and spans[index][0] < i2:
            if spans[index][1] > i1:
                inside.append(spans[index])
            index += 1
        masks.extend(_split(na.text, nb.text, op, inside))
    return Comparison(na, nb, tuple(ops), redacted, rule_set, tuple(masks), tuple(edits))


def _symbols(rule_set: RuleSet) -> str:
    extra = "".join(c for c in unicodedata.normalize("NFKC", rule_set.symbol)
                    if c not in MASK_SYMBOLS)
    return MASK_SYMBOLS + extra


def _split(a: str, b: str, op: Op, inside: list[tuple[int, int, Mask]]) -> list[NormMask]:
    """One mask per rule mask when the template's mask text splits accordingly
    (XX、xx、xx for 云南、广东、福建); else one mask with all of them as parts."""
    _, i1, i2, j1, j2 = op
    whole = [NormMask(i1, i2, j1, j2, tuple(mask for _, _, mask in inside))]
    if len(inside) < 2 or inside[0][0] < i1 or inside[-1][1] > i2:
        return whole
    groups = "".join(
        regex.escape(a[(inside[k - 1][1] if k else i1):s]) + "([^、]+?)"
        for k, (s, _, _) in enumerate(inside)) + regex.escape(a[inside[-1][1]:i2]) + "$"
    adjacent = any(inside[k - 1][1] == inside[k][0] for k in range(1, len(inside)))
    lengths = [len(_fold(mask.replacement)) for _, _, mask in inside]
    if adjacent:
        expected = "".join(a[(inside[k - 1][1] if k else i1):s] + "\0" * lengths[k]
                           for k, (s, _, _) in enumerate(inside)) + a[inside[-1][1]:i2]
        if len(expected) != j2 - j1 or any(
                x != y and x != "\0" for x, y in zip(expected, b[j1:j2])):
            return whole
        spans, position = [], j1
        for k, (s, _, _) in enumerate(inside):
            position += s - (inside[k - 1][1] if k else i1)
            spans.append((position, position + lengths[k]))
            position += lengths[k]
    else:
        match = regex.match(groups, b[j1:j2])
        if match is None:
            return whole
        spans = [(j1 + match.start(k + 1), j1 + match.end(k + 1)) for k in range(len(inside))]
    return [NormMask(s, e, q1, q2, (mask,)) for (s, e, mask), (q1, q2) in zip(inside, spans)]


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text) if not c.isspace())


def diff(original: str, template: str, rules: RuleSet | str | None = None) -> Report:
    """Every mask, leak, inconsistency and edit between ``original`` and ``template``."""
    rule_set = rule_set_of(rules)
    comparison = compare(original, template, rule_set)
    na, nb = comparison.original, comparison.template
    masks = [_mask_difference(comparison, mask) for mask in comparison.masks]
    leaks = _leaks(comparison)
    inconsistencies = (_masked_and_kept(comparison, masks) + mixed_symbols(masks)
                       + _digit_lengths(comparison, masks))
    edits = [_edit_difference(comparison, op) for op in comparison.edits]
    return Report(tuple(masks), tuple(leaks), tuple(_by_template(inconsistencies)),
                  tuple(edits), rule_set.name, comparison.redacted.level, "diff",
                  len(na.raw), len(nb.raw))


def _by_template(items: list[Difference]) -> list[Difference]:
    return sorted(items, key=lambda d: (d.template.start if d.template else -1, d.reason))


def _region(text: Normalized, start: int, end: int) -> Region:
    raw_start, raw_end = text.raw_span(start, end)
    return Region(raw_start, raw_end, text.raw[raw_start:raw_end])


def context(raw: str, start: int, end: int, width: int = _CONTEXT) -> str:
    """``…before[found]after…`` on one line."""
    def flat(text: str) -> str:
        return _BLANKS.sub(" ", text)
    return (("…" if start > width else "") + flat(raw[max(0, start - width):start])
            + "[" + flat(raw[start:end]) + "]" + flat(raw[end:end + width])
            + ("…" if end + width < len(raw) else ""))


def _mask_difference(comparison: Comparison, mask: NormMask) -> Difference:
    weights: Counter[str] = Counter()
    for part in mask.parts:
        weights[part.category] += part.end - part.start
    category = weights.most_common(1)[0][0] if weights else "other"
    rule_ids = list(dict.fromkeys(part.rule_id for part in mask.parts))
    original = _region(comparison.original, mask.i1, mask.i2)
    template = _region(comparison.template, mask.j1, mask.j2)
    parts = tuple(Part(p.start, p.end, p.original, p.category, p.rule_id) for p in mask.parts)
    message = "" if mask.parts else "no rule of the rule set masks this"
    if len(parts) > 1:
        message = "one mask over " + "、".join(part.text for part in parts)
    return Difference("mask", original, template, category, "+".join(rule_ids), "",
                      message, context(comparison.template.raw, template.start, template.end),
                      parts)


def _edit_difference(comparison: Comparison, op: Op) -> Difference:
    tag, i1, i2, j1, j2 = op
    original = _region(comparison.original, i1, i2)
    template = _region(comparison.template, j1, j2)
    if tag == "delete":
        where, shown = comparison.original.raw, original
        message = f"deleted {i2 - i1} characters of the original"
    else:
        where, shown = comparison.template.raw, template
        message = (f"inserted {j2 - j1} characters" if tag == "insert"
                   else f"rewrote {i2 - i1} characters as {j2 - j1}")
    return Difference("edit", original, template, "other", "", tag, message,
                      context(where, shown.start, shown.end))


def _leaks(comparison: Comparison) -> list[Difference]:
    """Rule masks of the original that the template kept unchanged.

    The rule set runs on the original, where it sees every name in its full context;
    the template's kept text is the same text, so this finds what a run on the template
    would, without the false alarms a template's masks and PDF breaks cause around it.
    """
    na, nb = comparison.original, comparison.template
    leaks: list[Difference] = []
    for mask in comparison.redacted.masks:
        i1, i2 = na.norm_span(mask.start, mask.end)
        q1 = comparison.kept_in_template(i1, i2) if i2 > i1 else None
        if q1 is None:
            continue
        template = _region(nb, q1, q1 + i2 - i1)
        leaks.append(Difference(
            "leak", _region(na, i1, i2), template, mask.category, mask.rule_id, "",
            f"{template.text} is still in the template ({mask.category}, rule {mask.rule_id})",
            context(nb.raw, template.start, template.end)))
    return leaks


def _masked_and_kept(comparison: Comparison, masks: list[Difference]) -> list[Difference]:
    """Names masked somewhere that the template kept elsewhere."""
    na, nb = comparison.original, comparison.template
    first_mask: dict[str, Difference] = {}
    for mask, difference in zip(comparison.masks, masks):
        for part in mask.parts:
            if part.category in ("number", "self"):
                continue
            s, e = na.norm_span(part.start, part.end)
            name = na.text[s:e]
            if len(name) >= 2 and not regex.search(r"\d", name):
                first_mask.setdefault(name, difference)
    if not first_mask:
        return []
    out = []
    for match in regex.finditer(trie_pattern(first_mask), na.text):
        q1 = comparison.kept_in_template(match.start(), match.end())
        if q1 is None:
            continue
        masked = first_mask[match.group()]
        template = _region(nb, q1, q1 + match.end() - match.start())
        out.append(Difference(
            "inconsistency", _region(na, match.start(), match.end()), template,
            masked.category, masked.rule_id, "masked-and-kept",
            f"{match.group()} is masked elsewhere ({masked.template.text} at "
            f"{masked.template.start}) but kept here",
            context(nb.raw, template.start, template.end), related=masked.template))
    return out


def mask_symbol(text: str) -> str:
    """The symbols a mask is written with, as a key: 'X', 'x', 'Xx', '*'..."""
    return "".join(sorted(set(c for c in _fold(text) if c in MASK_SYMBOLS)))


_SYMBOL_RUN = regex.compile("[" + regex.escape(MASK_SYMBOLS) + "]+")


def mixed_symbols(masks: list[Difference]) -> list[Difference]:
    """Mask runs written with a symbol other than the one most runs use (xx among XX);
    a mask over a list (XX、xx、xx) is looked at run by run."""
    runs = []  # (mask, run start in the template, run end, key)
    for mask in masks:
        if mask.template is None:
            continue
        for match in _SYMBOL_RUN.finditer(mask.template.text):
            runs.append((mask, mask.template.start + match.start(),
                         mask.template.start + match.end(), mask_symbol(match.group())))
    counts = Counter(key for *_, key in runs)
    if len(counts) < 2:
        return []
    majority, majority_count = counts.most_common(1)[0]
    example = next(mask for mask, *_, key in runs if key == majority)
    out = []
    for mask, start, end, key in runs:
        if key == majority:
            continue
        text = mask.template.text[start - mask.template.start:end - mask.template.start]
        out.append(Difference(
            "inconsistency", mask.original, Region(start, end, text), mask.category,
            mask.rule_id, "mixed-symbols",
            f"masked as {text!r} where {majority_count} other masks use {majority!r}",
            mask.context, related=example.template))
    return out


def _digit_lengths(comparison: Comparison, masks: list[Difference]) -> list[Difference]:
    """Digit masks whose shape differs from the digits (2.52 -> XX.X), when most digit
    masks keep one symbol per digit."""
    na, nb = comparison.original, comparison.template
    votes = Counter()
    wrong = []
    for mask, difference in zip(comparison.masks, masks):
        digits = na.text[mask.i1:mask.i2]
        if not _DIGITS.fullmatch(digits):
            continue
        shape = regex.sub(r"[0-9]", "X", digits)
        written = "".join("X" if c in MASK_SYMBOLS else c for c in nb.text[mask.j1:mask.j2])
        if shape == written:
            votes["per-char"] += 1
        else:
            votes["fixed" if len(written) == 2 and len(shape) != 2 else "other"] += 1
            wrong.append((difference, digits, written))
    if votes["per-char"] < votes["fixed"]:
        return []
    return [Difference("inconsistency", d.original, d.template, d.category, d.rule_id,
                       "digit-length", f"{digits} ({len(regex.findall(r'[0-9]', digits))} "
                       f"digits) masked as {d.template.text.strip()}", d.context)
            for d, digits, written in wrong]


_RUN = regex.compile(r"(?<![A-WYZa-wyz])[Xx*□■○●](?:[Xx*□■○●.,:/%\-]*[Xx*□■○●])?"
                     r"(?![A-WYZa-wyz])")


def check(template: str, rules: RuleSet | str | None = None) -> Report:
    """A template alone: what the rule set still finds is a leak; mixed symbols are
    inconsistencies."""
    rule_set = rule_set_of(rules)
    nb = normalize(template)
    masks = []
    for match in _RUN.finditer(nb.text):
        region = _region(nb, match.start(), match.end())
        after = nb.text[match.end():match.end() + 1]
        category = ("number" if "." in match.group() or (after and after in _NUMBER_AFTER)
                    else "self" if len(match.group()) == 1 else "other")
        masks.append(Difference("mask", None, region, category, "", "", "",
                                context(template, region.start, region.end)))
    redacted = redact(nb.text, rule_set)
    leaks = []
    for mask in redacted.masks:
        region = _region(nb, mask.start, mask.end)
        leaks.append(Difference(
            "leak", None, region, mask.category, mask.rule_id, "",
            f"{region.text} is still in the template ({mask.category}, rule {mask.rule_id})",
            context(template, region.start, region.end)))
    return Report(tuple(masks), tuple(leaks), tuple(mixed_symbols(masks)), (),
                  rule_set.name, redacted.level, "check", 0, len(template))
