"""Turn kept spans into mask texts and assemble the template, recording offsets."""

from __future__ import annotations

import regex

from .model import Mask, RuleSet, Span, Template
from .rules import STYLE_PRESETS

#: Characters a per-character mask keeps (2.52 -> X.XX): separators inside numbers.
_KEPT_IN_PER_CHAR = regex.compile(r"[^\p{L}\p{N}]")


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
    """The replacement for ``original`` under a mask style."""
    symbol = rule_set.symbol
    if style == "per-char":
        return "".join(c if _KEPT_IN_PER_CHAR.match(c) else symbol for c in original)
    if style == "fixed":
        return symbol * 2
    if style == "single":
        return symbol
    if style == "typed":
        return "[" + dict(rule_set.labels).get(category, category) + "]"
    if style.startswith("="):
        return style[1:]
    raise ValueError(f"unknown mask style {style!r}")


def render(text: str, spans: list[Span], rule_set: RuleSet, level: str = "") -> Template:
    """The template of ``text`` with each (non-overlapping, sorted) span masked."""
    pieces: list[str] = []
    masks: list[Mask] = []
    position = 0
    out = 0
    for span in spans:
        pieces.append(text[position:span.start])
        out += span.start - position
        original = text[span.start:span.end]
        style = mask_style(rule_set, span.category, span.mask)
        replacement = mask_text(original, style, span.category, rule_set)
        masks.append(Mask(span.start, span.end, out, out + len(replacement), original,
                          replacement, span.category, span.rule_id))
        pieces.append(replacement)
        out += len(replacement)
        position = span.end
    pieces.append(text[position:])
    return Template("".join(pieces), tuple(masks), text, rule_set.name, level)


def restore(template: Template) -> str:
    """Put each mask's original text back: gives the original exactly."""
    pieces: list[str] = []
    position = 0
    for mask in template.masks:
        pieces.append(template.text[position:mask.out_start])
        pieces.append(mask.original)
        position = mask.out_end
    pieces.append(template.text[position:])
    return "".join(pieces)
