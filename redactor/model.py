"""The data that flows through redactor: plain frozen dataclasses, no behaviour.

Offsets are Python string indices (code points), half-open: ``text[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Categories every rule set knows. A rule set may declare more of its own.
CATEGORIES: tuple[str, ...] = ("number", "place", "person", "org", "self")


@dataclass(frozen=True)
class Rule:
    """One detector of a rule set, as loaded and validated from TOML."""

    id: str
    category: str
    #: The regex source after list macros were expanded (``{{level}}`` may remain).
    pattern: str
    #: How the rule was written: "regex", "terms" or "deny" (from a rule set's deny-list).
    detector: str = "regex"
    #: Mask style for this rule; None means the rule set's style for the category.
    mask: str | None = None
    #: Higher wins when two candidate spans overlap (see resolve.py).
    priority: int = 50
    #: Whether the consistency pass masks this rule's names at their other occurrences;
    #: false for rules that guess from context alone (a stray guess would spread).
    spread: bool = True
    description: str = ""
    #: Suffixes trimmed off the end of a match and kept in the template (长沙市 -> XX市).
    keep_suffix: tuple[str, ...] = ()
    #: A span is dropped where one of these terms ends with it (the 省 of 湖南省 is no
    #: self-reference): a set lookup after one Aho-Corasick pass, where a lookbehind over
    #: thousands of names costs a regex test per name and seconds to compile.
    not_ending_in: tuple[str, ...] = field(default=(), repr=False)
    #: A span is dropped where it is itself one of these terms (邵阳 in 邵阳、衡阳等 is a
    #: place, not a person, though 任建华 is one): a set lookup per span.
    not_in: frozenset[str] = field(default=frozenset(), repr=False)
    #: For term-list detectors, the terms themselves: a fast multi-pattern pass finds
    #: their occurrences and ``pattern`` then only checks each one's context.
    terms: tuple[str, ...] = field(default=(), repr=False)
    #: A term rule's context, as zero-width patterns checked at each occurrence's start
    #: (lookbehinds) and end (lookaheads); both are part of ``pattern`` too.
    before: str = ""
    after: str = ""
    #: A speed hint for regex rules: every match lies within ``window`` characters of an
    #: occurrence of this pattern (``{{level}}`` may remain), so only those places are tried.
    anchor: str = ""
    #: The anchor's terms, when it names a term list (found by the fast multi-pattern pass).
    anchor_terms: tuple[str, ...] = field(default=(), repr=False)
    #: The anchor's context, checked at each occurrence of its terms (like ``before``).
    anchor_before: str = ""
    anchor_after: str = ""
    window: int = 8
    #: Texts the rule must mask; the expected masked parts are written in [brackets].
    examples: tuple[str, ...] = ()
    #: Texts in which the rule must mask nothing.
    counter_examples: tuple[str, ...] = ()
    #: The file the rule was read from, for error messages.
    source: str = ""


@dataclass(frozen=True)
class RuleSet:
    """A named, ordered collection of rules plus the lists that steer them."""

    name: str
    rules: tuple[Rule, ...]
    #: Terms never masked: a candidate inside an occurrence of one is dropped.
    allow: tuple[str, ...] = ()
    #: The mask style preset ("seed", "fixed", "per-char", "typed") and per-category overrides.
    style: str = "seed"
    category_masks: tuple[tuple[str, str], ...] = ()
    #: The character used to build masks.
    symbol: str = "X"
    #: The report's own jurisdiction level (省, 市, 县, 区, 自治区) or "auto".
    level: str = "auto"
    #: Levels considered by "auto", in order of preference on ties.
    levels: tuple[str, ...] = ("省", "自治区", "市", "州", "县", "区", "旗", "盟")
    #: Merge enumerations of names (衡阳、邵阳、郴州4市) into one mask (see collapse.py).
    collapse_lists: bool = False
    #: Categories whose masked names are masked at every other occurrence too, and
    #: the names never spread that way (see consistency.py).
    consistent_categories: tuple[str, ...] = ()
    consistency_exclude: tuple[str, ...] = field(default=(), repr=False)
    #: Names masked in the first this many characters spread even if excluded: the
    #: heading names the report's own jurisdiction (滨海新区 -> every 滨海).
    consistency_heading: int = 0
    #: A pattern: what an occurrence must not be followed by to be spread into (朝鲜族).
    consistency_not_after: str = ""
    #: Categories whose masked names make their list neighbours names too (see mates.py),
    #: the endings that show two items are of one kind, and words that are no names.
    mate_categories: tuple[str, ...] = ()
    mate_endings: tuple[str, ...] = ()
    mate_exclude: frozenset[str] = field(default=frozenset(), repr=False)
    #: Extra categories this rule set declares beyond CATEGORIES.
    categories: tuple[str, ...] = CATEGORIES
    #: Human labels for typed placeholders, per category.
    labels: tuple[tuple[str, str], ...] = ()
    #: Named term lists as trie patterns, usable as ``{{name}}`` in rules that extend this set.
    lists: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    #: The terms of each term list (regex lists have none), for the fast pass of rules.
    list_terms: tuple[tuple[str, tuple[str, ...]], ...] = field(default=(), repr=False)
    source: str = ""
    description: str = ""


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A candidate region of the original that one rule wants to mask."""

    start: int
    end: int
    category: str = field(compare=False)
    rule_id: str = field(compare=False)
    priority: int = field(default=50, compare=False)
    mask: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Mask:
    """A region of the original replaced in the template, and where it landed."""

    start: int
    end: int
    out_start: int
    out_end: int
    original: str
    replacement: str
    category: str
    rule_id: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "out_start": self.out_start,
            "out_end": self.out_end,
            "original": self.original,
            "replacement": self.replacement,
            "category": self.category,
            "rule_id": self.rule_id,
        }


@dataclass(frozen=True)
class Template:
    """The result of redacting a text: the template and every mask in it, in order."""

    text: str
    masks: tuple[Mask, ...]
    original: str
    rule_set: str = ""
    #: The jurisdiction level that was masked as "self" (resolved when the rule set says auto).
    level: str = ""

    def counts(self) -> dict[str, int]:
        """Masks per category, for summaries."""
        out: dict[str, int] = {}
        for mask in self.masks:
            out[mask.category] = out.get(mask.category, 0) + 1
        return out
