"""What the diff checker reports: frozen dataclasses, no behaviour beyond summaries.

Offsets are Python string indices (code points), half-open, into the raw texts as
given (before any normalisation), so ``text[start:end]`` is the finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Region:
    """A stretch of one text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Part:
    """One name or number a rule finds inside a mask (衡阳, 邵阳 ... inside 衡阳、邵阳…4 -> XX)."""

    start: int
    end: int
    text: str
    category: str
    rule_id: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text,
                "category": self.category, "rule_id": self.rule_id}


@dataclass(frozen=True)
class Difference:
    """One finding. ``original`` or ``template`` is None when the finding has no place there
    (an inserted header has no original; ``check`` has no original at all)."""

    kind: str
    original: Region | None
    template: Region | None
    #: number, place, person, org, self (or a rule set's own), or "other" when no rule knows it.
    category: str = "other"
    rule_id: str = ""
    #: mask: "" ; inconsistency: masked-and-kept | mixed-symbols | digit-length ;
    #: edit: insert | delete | replace ; leak: "".
    reason: str = ""
    message: str = ""
    #: A few characters either side, from the template (or the original for deletions).
    context: str = ""
    parts: tuple[Part, ...] = ()
    #: For inconsistencies: the other place involved (the masked occurrence, or the majority).
    related: Region | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "original": self.original.to_dict() if self.original else None,
            "template": self.template.to_dict() if self.template else None,
            "category": self.category,
            "rule_id": self.rule_id,
            "reason": self.reason,
            "message": self.message,
            "context": self.context,
        }
        if self.kind == "mask":
            out["parts"] = [part.to_dict() for part in self.parts]
        if self.related is not None:
            out["related"] = self.related.to_dict()
        return out


@dataclass(frozen=True)
class Report:
    """Everything ``diff`` or ``check`` found, each list in text order."""

    masks: tuple[Difference, ...]
    leaks: tuple[Difference, ...]
    inconsistencies: tuple[Difference, ...]
    edits: tuple[Difference, ...]
    rule_set: str = ""
    level: str = ""
    #: "diff" (original and template) or "check" (template alone).
    mode: str = "diff"
    original_length: int = 0
    template_length: int = 0

    @property
    def ok(self) -> bool:
        """True when there is nothing to fix before publishing: no leak, no inconsistency."""
        return not self.leaks and not self.inconsistencies

    @property
    def exit_status(self) -> int:
        return 0 if self.ok else 1

    def findings(self) -> tuple[Difference, ...]:
        return self.masks + self.leaks + self.inconsistencies + self.edits

    def summary(self) -> dict[str, Any]:
        by_category: dict[str, int] = {}
        for mask in self.masks:
            by_category[mask.category] = by_category.get(mask.category, 0) + 1
        leaks_by_category: dict[str, int] = {}
        for leak in self.leaks:
            leaks_by_category[leak.category] = leaks_by_category.get(leak.category, 0) + 1
        return {
            "masks": len(self.masks),
            "leaks": len(self.leaks),
            "inconsistencies": len(self.inconsistencies),
            "edits": len(self.edits),
            "masks_by_category": dict(sorted(by_category.items())),
            "leaks_by_category": dict(sorted(leaks_by_category.items())),
            "ok": self.ok,
        }


@dataclass(frozen=True)
class CategoryScore:
    category: str
    precision: float
    recall: float
    f1: float
    #: Characters the rule set masked with this category, and how many the reference masks.
    predicted: int
    reference: int
    #: Of ``predicted``, masked by the reference too; of ``reference``, masked by the rules.
    predicted_right: int
    reference_found: int

    def to_dict(self) -> dict[str, Any]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "predicted": self.predicted, "reference": self.reference,
                "predicted_right": self.predicted_right,
                "reference_found": self.reference_found}


@dataclass(frozen=True)
class Score:
    """Character-level agreement of a rule set with a reference template, over the original."""

    precision: float
    recall: float
    f1: float
    by_category: tuple[CategoryScore, ...]
    #: Stretches the reference masked and the rule set did not (original offsets).
    misses: tuple[Difference, ...]
    #: Stretches the rule set masked and the reference did not.
    extras: tuple[Difference, ...]
    #: Characters scored (non-blank characters of the original the reference also holds).
    scored: int
    predicted: int
    reference: int
    true_positive: int
    #: Original characters the reference rewrote or deleted, and characters it inserted.
    excluded_original: int
    excluded_reference: int
    rule_set: str = ""
    level: str = ""
