"""The masks file that ``redact --masks-json`` writes, for pipelines (schema documented
in README.md). Versioned so that readers can refuse what they do not understand."""

from __future__ import annotations

import json
from typing import Any

from .model import Template

SCHEMA = "redactor.masks/1"


def masks_document(template: Template, source: str = "") -> dict[str, Any]:
    """The masks of a template as a JSON-ready dict."""
    return {
        "schema": SCHEMA,
        "source": source,
        "rule_set": template.rule_set,
        "level": template.level,
        "counts": template.counts(),
        "masks": [mask.to_dict() for mask in template.masks],
    }


def masks_json(template: Template, source: str = "") -> str:
    return json.dumps(masks_document(template, source), ensure_ascii=False, indent=2) + "\n"
