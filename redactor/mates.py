"""Mask the unrecognised neighbours of a masked name in a list of names of one kind.

Reports list places of one kind together: 控拜村、麻料村、乌高村; 盘阳河、打狗河、下枧河;
太和宫、紫霄宫、南岩宫. Where the rules masked one item, a neighbour across 、 that ends
the same way (村, 河, 宫: one of the rule set's ``list_mates.endings``) names a place of the
same kind, even when no rule knows it. It is masked as its neighbour was: the name alone
when the mask left the ending outside (控拜[村] -> 乌高[村]), the whole item when the mask
took the ending in ([盘阳河] -> [下枧河]). Masks spread along the list both ways.

Items that are generic words with that ending (贫困村, 重点村) are left: an item whose name
part is a term of the lists named in ``list_mates.exclude`` is no name.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .model import RuleSet, Span
from .resolve import occupied

SEPARATOR = "、"
#: The longest list item looked at, ending included, and the longest name masked: a
#: longer stretch is running text (齐长城沿线荒山, 重点实施乌高村), not a name.
LONGEST_ITEM = 8
LONGEST_WHOLE = 6
LONGEST_NAME = 4
#: Division suffixes that follow a masked name before the next item starts (西江镇控拜村).
SUFFIXES = frozenset("省市县区州盟旗镇乡村")
#: Characters no name in a list holds: they join words (村委会和村民, 对在盘阳河).
NOT_IN_NAMES = frozenset("的了是在和与及或等各该全每其我为到对向从把将被于")
_HAN = regex.compile(r"\p{Han}")


def mask_list_mates(text: str, spans: list[Span], rule_set: RuleSet,
                    protected: bytearray) -> list[Span]:
    """The spans plus one span per unmasked list neighbour of a masked name (sorted).

    ``protected`` marks the characters of allow-listed terms, never masked."""
    if not rule_set.mate_categories or not spans:
        return spans
    endings = _Endings.of(rule_set.mate_endings)
    excluded = rule_set.mate_exclude
    taken = occupied(protected, spans)
    added: list[Span] = []
    pending = [span for span in spans if span.category in rule_set.mate_categories]
    while pending:
        span = pending.pop()
        for mate in _neighbours(text, span, endings, excluded, taken):
            taken[mate.start:mate.end] = b"\x01" * (mate.end - mate.start)
            added.append(mate)
            pending.append(mate)
    return sorted(spans + added, key=lambda span: span.start) if added else spans


@dataclass(frozen=True)
class _Endings:
    """The endings filed under their first and their last character, longest first."""

    by_first: dict[str, tuple[str, ...]]
    by_last: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, endings: tuple[str, ...]) -> _Endings:
        by_first: dict[str, tuple[str, ...]] = {}
        by_last: dict[str, tuple[str, ...]] = {}
        for ending in sorted(set(endings), key=len, reverse=True):
            by_first[ending[0]] = by_first.get(ending[0], ()) + (ending,)
            by_last[ending[-1]] = by_last.get(ending[-1], ()) + (ending,)
        return cls(by_first, by_last)


def _neighbours(text: str, span: Span, endings: _Endings, excluded: frozenset[str],
                taken: bytearray) -> list[Span]:
    """The free list items right before and after ``span``'s item that end like it."""
    listed_before = span.start > 0 and text[span.start - 1] == SEPARATOR
    if not listed_before and SEPARATOR not in text[span.end:span.end + 3]:
        return []  # not in a list (most names): no ending to look for
    tail = next((ending for ending in endings.by_first.get(text[span.end:span.end + 1], ())
                 if text.startswith(ending, span.end)), None)
    whole = next((ending for ending in endings.by_last.get(text[span.end - 1], ())
                  if text.endswith(ending, span.start, span.end)
                  and span.end - span.start > len(ending)), None)
    ending, inside = (tail, False) if tail is not None else (whole, True)
    if ending is None:
        return []
    items = []
    item_end = span.end + (0 if inside else len(ending))
    if text.startswith(SEPARATOR, item_end):
        items.append(_item_after(text, item_end + 1, ending, inside))
    if listed_before:
        items.append(_item_before(text, span.start - 1, ending, inside, taken))
    named = len(ending) if inside else 0  # the ending is no part of the name to check
    longest = LONGEST_WHOLE if inside else LONGEST_NAME
    return [_as_span(span, start, end) for start, end in filter(None, items)
            if end - start <= longest and _is_name(text[start:end - named], excluded)
            and text[start:end] not in excluded and taken.find(1, start, end) == -1]


def _item_after(text: str, start: int, ending: str, inside: bool) -> tuple[int, int] | None:
    """The shortest item from ``start`` that ends with ``ending`` (the name's bounds)."""
    for end in range(start + len(ending) + 1, min(len(text), start + LONGEST_ITEM) + 1):
        if not _is_han(text[end - 1]):
            return None
        if text.endswith(ending, start, end):
            return (start, end) if inside else (start, end - len(ending))
    return None


def _item_before(text: str, separator: int, ending: str, inside: bool,
                 taken: bytearray) -> tuple[int, int] | None:
    """The whole item that ends at ``separator``, if it ends with ``ending``.

    It starts after the last non-Han or masked character: in [西江]镇控拜村、 the item is
    控拜村, once the division's suffix (镇) is passed."""
    start = separator
    while (start > 0 and separator - start < LONGEST_ITEM and _is_han(text[start - 1])
           and not taken[start - 1]):
        start -= 1
    if start > 0 and _is_han(text[start - 1]) and not taken[start - 1]:
        return None  # longer than any item: running text, not a list
    if start > 0 and taken[start - 1] and text[start] in SUFFIXES:
        start += 1
    while start < separator and text[start] in NOT_IN_NAMES:
        start += 1  # 对在盘阳河、: the item starts after the words that lead to it
    if separator - start <= len(ending) or not text.endswith(ending, start, separator):
        return None
    return (start, separator) if inside else (start, separator - len(ending))


def _is_name(part: str, excluded: frozenset[str]) -> bool:
    return bool(part) and part not in excluded and not NOT_IN_NAMES.intersection(part)


def _is_han(char: str) -> bool:
    return _HAN.match(char) is not None


def _as_span(neighbour: Span, start: int, end: int) -> Span:
    return Span(start, end, neighbour.category, f"mates.{neighbour.category}",
                neighbour.priority, neighbour.mask)
