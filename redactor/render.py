"""Turn kept spans into mask texts and assemble the template, recording offsets.

Most mask styles look at one span alone (2.52 -> X.XX). The stateful styles
(numbered placeholders, court style, pseudonyms) give one name per distinct
original: a naming pass over the whole span list assigns the names first, so that
长沙 is 甲 everywhere and 张三, 张四 become 张某1, 张某2. A :class:`Naming` shared by
several ``render`` calls keeps the names consistent across a batch.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import regex

from .model import Mask, RuleSet, Span, Template
from .rules import STYLE_PRESETS

#: Characters a per-character mask keeps (2.52 -> X.XX): separators inside numbers.
_MASKED_IN_PER_CHAR = regex.compile(r"[\p{L}\p{N}]")
#: Styles whose text depends on the other spans (and documents) named so far.
STATEFUL_STYLES = ("numbered", "court", "pseudonym", "letters")
#: Pseudonyms in order: the ten heavenly stems, then the twelve earthly branches.
PSEUDONYMS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
#: A fillable placeholder as the numbered style writes it: {{地名1}}.
PLACEHOLDER = regex.compile(r"\{\{([^{}\s]{1,40}?)\}\}")
#: Two-character surnames, used when the rule set has no ``surname`` list.
_COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "令狐",
    "夏侯", "端木", "司徒", "宇文", "独孤", "南宫", "西门", "轩辕", "呼延", "澹台", "万俟",
)
COURT_MARK = "某"


def mask_style(rule_set: RuleSet, category: str, rule_mask: str | None) -> str:
    """The mask a span gets: its rule's, else the rule set's for the category."""
    if rule_mask:
        return rule_mask
    overrides = dict(rule_set.category_masks)
    if category in overrides:
        return overrides[category]
    preset = STYLE_PRESETS[rule_set.style]
    return preset.get(category, preset["*"])


def mask_text(original: str, style: str, category: str, rule_set: RuleSet) -> str:
    """The replacement for ``original`` under a stateless mask style."""
    symbol = rule_set.symbol
    if style == "per-char":
        return _MASKED_IN_PER_CHAR.sub(symbol.replace("\\", "\\\\"), original)
    if style == "fixed":
        return symbol * 2
    if style == "single":
        return symbol
    if style == "typed":
        return "[" + label(rule_set, category) + "]"
    if style.startswith("="):
        return style[1:]
    if style in STATEFUL_STYLES:
        raise ValueError(f"mask style {style!r} needs a Naming (use render)")
    raise ValueError(f"unknown mask style {style!r}")


def label(rule_set: RuleSet, category: str) -> str:
    """The human label of a category (地名 for place), as typed placeholders show it."""
    return dict(rule_set.labels).get(category, category)


def placeholder(name: str) -> str:
    """The text of a fillable placeholder: ``{{地名1}}``."""
    return "{{" + name + "}}"


def pseudonym(index: int) -> str:
    """The index-th pseudonym (0-based): 甲, 乙, ... 亥, then 甲2, 乙2, ..."""
    round_, position = divmod(index, len(PSEUDONYMS))
    return PSEUDONYMS[position] + (str(round_ + 1) if round_ else "")


def letters(index: int) -> str:
    """The index-th letter name (0-based): A, B, ... Z, AA, AB, ... (spreadsheet columns)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


class Naming:
    """The names the stateful styles gave so far: one per (style, category, original).

    Pass one instance to several :func:`render` calls (or use ``redact_batch``) and
    a name keeps its pseudonym or placeholder across the whole batch.
    """

    def __init__(self) -> None:
        self._names: dict[tuple[str, str, str], str] = {}
        self._given: dict[tuple[str, str], int] = {}

    def __len__(self) -> int:
        return len(self._names)

    def items(self) -> list[tuple[str, str, str, str]]:
        """(style, category, original, name) for every name given, in order."""
        return [(style, category, original, name)
                for (style, category, original), name in self._names.items()]

    def assign(self, items: list[tuple[str, str, str]], rule_set: RuleSet) -> None:
        """Name every new (style, category, original) of one document, in document order."""
        fresh = list(dict.fromkeys(item for item in items if item not in self._names))
        court_people: dict[str, list[str]] = {}
        for style, category, original in fresh:
            if style == "court" and category == "person":
                surname = _surname(original, rule_set)
                if surname:
                    court_people.setdefault(surname, []).append(original)
                    continue
            self._names[(style, category, original)] = self._next(style, category, rule_set)
        for surname, names in court_people.items():
            seen = self._given.get(("court", "person:" + surname), 0)
            numbered = seen + len(names) > 1
            for name in names:
                seen += 1
                suffix = str(seen) if numbered else ""
                self._names[("court", "person", name)] = surname + COURT_MARK + suffix
            self._given[("court", "person:" + surname)] = seen

    def name(self, style: str, category: str, original: str) -> str:
        return self._names[(style, category, original)]

    def _next(self, style: str, category: str, rule_set: RuleSet) -> str:
        key = (style, label(rule_set, category) if style == "numbered" else category)
        index = self._given.get(key, 0)
        self._given[key] = index + 1
        if style == "numbered":
            return placeholder(f"{key[1]}{index + 1}")
        if style == "pseudonym":
            return pseudonym(index)
        if style == "letters":
            return letters(index)
        return COURT_MARK  # court style for places, organisations, anything not a person


def _surname(name: str, rule_set: RuleSet) -> str:
    """The surname a court-style name keeps: from the rule set's ``surname`` list if any."""
    if len(name) < 2:
        return ""
    pattern = dict(rule_set.lists).get("surname")
    if pattern:
        match = _anchored(pattern).match(name)
        return match.group(0) if match and match.end() < len(name) else ""
    for compound in _COMPOUND_SURNAMES:
        if name.startswith(compound) and len(name) > 2:
            return compound
    return name[0]


@functools.lru_cache(maxsize=8)
def _anchored(pattern: str) -> regex.Pattern:
    return regex.compile("(?:" + pattern + ")")


def render(text: str, spans: list[Span], rule_set: RuleSet, level: str = "",
           naming: Naming | None = None) -> Template:
    """The template of ``text`` with each (non-overlapping, sorted) span masked.

    ``naming`` carries the stateful styles' names across calls (a batch); by default
    each text gets its own, so names are consistent within the document.
    """
    naming = Naming() if naming is None else naming
    by_category = {category: mask_style(rule_set, category, None)
                   for category in {span.category for span in spans}}
    styles = [span.mask or by_category[span.category] for span in spans]
    naming.assign([(style, span.category, text[span.start:span.end])
                   for span, style in zip(spans, styles) if style in STATEFUL_STYLES], rule_set)
    pieces: list[str] = []
    masks: list[Mask] = []
    # Names and numbers recur in a report: each (style, category, original) is masked once.
    replacements: dict[tuple[str, str, str], str] = {}
    position = 0
    out = 0
    for span, style in zip(spans, styles):
        pieces.append(text[position:span.start])
        out += span.start - position
        original = text[span.start:span.end]
        key = (style, span.category, original)
        replacement = replacements.get(key)
        if replacement is None:
            if style in STATEFUL_STYLES:
                replacement = naming.name(*key)
            else:
                replacement = mask_text(original, style, span.category, rule_set)
            replacements[key] = replacement
        masks.append(Mask(span.start, span.end, out, out + len(replacement), original,
                          replacement, span.category, span.rule_id))
        pieces.append(replacement)
        out += len(replacement)
        position = span.end
    pieces.append(text[position:])
    return Template("".join(pieces), tuple(masks), text, rule_set.name, level)


def restore(template: Template) -> str:
    """Put each mask's original text back: gives the original exactly."""
    return put_back(template.text, ((m.out_start, m.out_end, m.original) for m in template.masks))


def put_back(text: str, masks: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with each (out_start, out_end) stretch, in order, replaced by its original."""
    pieces: list[str] = []
    position = 0
    for out_start, out_end, original in masks:
        pieces.append(text[position:out_start])
        pieces.append(original)
        position = out_end
    pieces.append(text[position:])
    return "".join(pieces)
