"""The masks file that ``redact --masks-json`` writes, for pipelines (schema documented
in README.md). Versioned so that readers can refuse what they do not understand.

Fields added later stay optional, so schema 1 readers keep working: ``values`` maps
each fillable placeholder name (``地名1`` for ``{{地名1}}``) to the text it hides, which
makes the masks file a values file for ``redactor fill``.
"""

from __future__ import annotations

import json
from typing import Any

from .model import Template
from .render import PLACEHOLDER

SCHEMA = "redactor.masks/1"


def masks_document(template: Template, source: str = "") -> dict[str, Any]:
    """The masks of a template as a JSON-ready dict."""
    document = {
        "schema": SCHEMA,
        "source": source,
        "rule_set": template.rule_set,
        "level": template.level,
        "counts": template.counts(),
        "masks": [mask.to_dict() for mask in template.masks],
    }
    values = placeholder_values(template)
    if values:
        document["values"] = values
    return document


def placeholder_values(template: Template) -> dict[str, str]:
    """Placeholder name -> original, for masks that are whole placeholders ({{地名1}})."""
    values: dict[str, str] = {}
    for mask in template.masks:
        match = PLACEHOLDER.fullmatch(mask.replacement)
        if match:
            values.setdefault(match.group(1), mask.original)
    return values


def masks_json(template: Template, source: str = "") -> str:
    return json.dumps(masks_document(template, source), ensure_ascii=False, indent=2) + "\n"
