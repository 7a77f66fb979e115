"""Fold a text for comparison, keeping a map back to every raw character.

Normalised text = NFKC of each character (full-width ，(（２ -> half-width , ( 2), with
every blank removed (spaces, line breaks, ideographic spaces: PDF extraction puts
them inside words). ``offsets[k]`` is the raw index of normalised character ``k``;
a character NFKC expands (… -> ...) maps each of its pieces to itself.

Characters are folded one by one, so the map is exact; the work is done per
distinct character and per run, so a 10 MB text costs a few C-level passes.
"""

from __future__ import annotations

import unicodedata
from array import array
from bisect import bisect_left
from dataclasses import dataclass

import regex


@dataclass(frozen=True)
class Normalized:
    raw: str
    text: str
    #: Raw index of each normalised character (an ``array('q')``, len(text) items).
    offsets: array

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw [start, end) of normalised [start, end); an empty span maps to a point."""
        if end > start:
            return self.offsets[start], self.offsets[end - 1] + 1
        point = self.offsets[start] if start < len(self.offsets) else len(self.raw)
        return point, point

    def norm_index(self, raw_index: int) -> int:
        """The first normalised character at or after a raw index."""
        return bisect_left(self.offsets, raw_index)

    def norm_span(self, start: int, end: int) -> tuple[int, int]:
        """Normalised [start, end) covering raw [start, end) (blanks inside are dropped)."""
        return self.norm_index(start), self.norm_index(end)


def _fold(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    if char.isspace() or folded.isspace() or not folded:
        return ""
    return "".join(c for c in folded if not c.isspace())


def normalize(raw: str) -> Normalized:
    """The folded text of ``raw`` and its offset map."""
    table: dict[int, str] = {}
    special: list[str] = []  # characters that vanish or expand
    for char in set(raw):
        folded = _fold(char)
        if len(folded) != 1:
            special.append(char)
        elif folded != char:
            table[ord(char)] = folded
    offsets = array("q")
    if not special:
        offsets.extend(range(len(raw)))
        return Normalized(raw, raw.translate(table) if table else raw, offsets)
    pieces: list[str] = []
    position = 0
    pattern = regex.compile("[" + "".join(regex.escape(c) for c in special) + "]")
    for match in pattern.finditer(raw):
        start = match.start()
        if start > position:
            pieces.append(raw[position:start].translate(table))
            offsets.extend(range(position, start))
        folded = _fold(match.group())
        if folded:
            pieces.append(folded)
            offsets.extend([start] * len(folded))
        position = start + 1
    if position < len(raw):
        pieces.append(raw[position:].translate(table))
        offsets.extend(range(position, len(raw)))
    return Normalized(raw, "".join(pieces), offsets)

