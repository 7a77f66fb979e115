"""JSON documents for ``diff``, ``check`` and ``score`` (schemas in docs/diff.md).

Versioned: a reader checks ``schema`` and refuses a version it does not know.
"""

from __future__ import annotations

import json
from typing import Any

from .findings import Report, Score

DIFF_SCHEMA = "redactor.diff/1"
SCORE_SCHEMA = "redactor.score/1"


def report_document(report: Report, original: str = "", template: str = "") -> dict[str, Any]:
    return {
        "schema": DIFF_SCHEMA,
        "mode": report.mode,
        "original": {"path": original, "length": report.original_length}
        if report.mode == "diff" else None,
        "template": {"path": template, "length": report.template_length},
        "rule_set": report.rule_set,
        "level": report.level,
        "summary": report.summary(),
        "masks": [item.to_dict() for item in report.masks],
        "leaks": [item.to_dict() for item in report.leaks],
        "inconsistencies": [item.to_dict() for item in report.inconsistencies],
        "edits": [item.to_dict() for item in report.edits],
    }


def score_document(score: Score, original: str = "", reference: str = "") -> dict[str, Any]:
    return {
        "schema": SCORE_SCHEMA,
        "original": original,
        "reference": reference,
        "rule_set": score.rule_set,
        "level": score.level,
        "precision": score.precision,
        "recall": score.recall,
        "f1": score.f1,
        "characters": {
            "scored": score.scored,
            "predicted": score.predicted,
            "reference": score.reference,
            "true_positive": score.true_positive,
            "excluded_original": score.excluded_original,
            "excluded_reference": score.excluded_reference,
        },
        "by_category": {item.category: item.to_dict() for item in score.by_category},
        "misses": [item.to_dict() for item in score.misses],
        "extras": [item.to_dict() for item in score.extras],
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
