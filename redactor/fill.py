"""Fill a template again: placeholders from a values file, or masks from a masks file.

Two ways in:

* a template with numbered placeholders (``{{地名1}}``) and a values file keyed by
  placeholder (TOML or JSON; ``地名1 = "长沙"`` or a table with ``value``);
* any template (X-masks too) and the masks file ``redact --masks-json`` wrote for it:
  each mask's original goes back where the mask landed, giving the original exactly.

``skeleton`` lists a template's placeholders with category and context: the values
file to complete.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import regex

from .errors import InputError
from .masks_json import SCHEMA
from .render import PLACEHOLDER, placeholder, put_back
from .rules import DEFAULT_LABELS
from .toml_out import toml_key, toml_string

#: A key or table header TOML 1.0 rejects because it is not ASCII: 地名1 = ..., [地名1].
_BARE_UNICODE_KEY = regex.compile(
    r"""(?m)^(\s*\[?\s*)([^\s"'=\[\]#.]*[^\x00-\x7f][^\s"'=\[\]#.]*)(\s*(?:=|\]))""")
#: Characters of context shown on each side of a placeholder in a skeleton.
CONTEXT = 16


@dataclass(frozen=True)
class Values:
    """What a values file provides: placeholder values, and a masks file's masks."""

    values: Mapping[str, str]
    #: The masks of a ``redactor.masks/1`` file (None for a plain values file).
    masks: tuple[Mapping[str, Any], ...] | None = None
    source: str = "values"


@dataclass(frozen=True)
class Slot:
    """One placeholder of a template, as a skeleton lists it."""

    name: str
    category: str
    count: int
    context: str


def parse_values(text: str, source: str = "values") -> Values:
    """Read a values file: JSON (plain or a masks file) or TOML, told apart by content."""
    stripped = text.lstrip()
    data: Any
    if stripped.startswith("{") or source.endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(source, f"JSON syntax error at line {error.lineno}: "
                                     f"{error.msg}") from None
    else:
        data = _toml(text, source)
    if not isinstance(data, dict):
        raise InputError(source, "a values file must be a table keyed by placeholder")
    if "schema" in data and isinstance(data.get("masks"), list):
        return _masks_values(data, source)
    values = {}
    for key, value in data.items():
        name = _name_of(key)
        if isinstance(value, dict):
            if "value" not in value:
                raise InputError(source, f"placeholder {placeholder(name)} has no 'value'")
            value = value["value"]
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise InputError(source, f"the value of {placeholder(name)} must be a string")
        values[name] = str(value)
    return Values(values, None, source)


def _toml(text: str, source: str) -> dict[str, Any]:
    """TOML, forgiving one thing: unquoted Chinese keys (地名1 = "长沙"), which TOML 1.0
    forbids but everyone writes."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        quoted = _BARE_UNICODE_KEY.sub(lambda m: f'{m[1]}"{m[2]}"{m[3]}', text)
        try:
            return tomllib.loads(quoted)
        except tomllib.TOMLDecodeError:
            raise InputError(source, f"TOML syntax error: {error}") from None


def _masks_values(data: dict[str, Any], source: str) -> Values:
    if data["schema"] != SCHEMA:
        raise InputError(source, f"unsupported masks schema {data['schema']!r} "
                                 f"(this redactor reads {SCHEMA})")
    masks = data["masks"]
    for index, mask in enumerate(masks):
        if not isinstance(mask, dict) or not all(
                isinstance(mask.get(key), int) for key in ("out_start", "out_end")) or not all(
                isinstance(mask.get(key), str) for key in ("original", "replacement")):
            raise InputError(source, f"mask #{index + 1} lacks out_start, out_end, original "
                                     "or replacement")
    values = data.get("values") or {}
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        raise InputError(source, "'values' must map placeholder names to strings")
    return Values({_name_of(key): value for key, value in values.items()}, tuple(masks), source)


def _name_of(key: str) -> str:
    match = PLACEHOLDER.fullmatch(key)
    return match.group(1) if match else key


def placeholders(template: str) -> list[str]:
    """The distinct placeholder names of a template, in order of first use."""
    return list(dict.fromkeys(match.group(1) for match in PLACEHOLDER.finditer(template)))


def fill(template: str, values: Values, template_source: str = "template") -> str:
    """The concrete text: every placeholder (or every mask of a masks file) filled in."""
    if values.masks is not None:
        mismatch = _masks_mismatch(template, values.masks)
        if mismatch is None:
            return _fill_masks(template, values.masks)
        if not values.values:
            raise InputError(template_source, f"does not match {values.source}: {mismatch}; "
                                              "fill needs the template that file was written with")
    names = placeholders(template)
    if not names:
        raise InputError(template_source, "has no {{placeholders}} to fill; fill an X-template "
                                          "with the masks file 'redact --masks-json' wrote")
    for name in names:
        if name not in values.values:
            raise InputError(values.source, f"no value for placeholder {placeholder(name)} "
                                            f"(used in {template_source})")
        if values.values[name] == "":
            raise InputError(values.source, f"placeholder {placeholder(name)} has an empty value")
    used = set(names)
    for name in values.values:
        if name not in used:
            raise InputError(values.source, f"unknown placeholder {placeholder(name)}: "
                                            f"{template_source} does not use it")
    return PLACEHOLDER.sub(lambda match: values.values[match.group(1)], template)


def _masks_mismatch(template: str, masks: tuple[Mapping[str, Any], ...]) -> str | None:
    position = 0
    for mask in masks:
        start, end = mask["out_start"], mask["out_end"]
        if start < position or end < start or end > len(template):
            return f"mask at offset {start} is out of order or past the end"
        if template[start:end] != mask["replacement"]:
            return f"expected {mask['replacement']!r} at offset {start}"
        position = end
    return None


def _fill_masks(template: str, masks: tuple[Mapping[str, Any], ...]) -> str:
    return put_back(template, ((m["out_start"], m["out_end"], m["original"]) for m in masks))


def skeleton(template: str, labels: Mapping[str, str] | None = None) -> list[Slot]:
    """Each placeholder with its category (from its label) and the text around it."""
    categories = {label: category for category, label in (labels or DEFAULT_LABELS).items()}
    slots: dict[str, Slot] = {}
    for match in PLACEHOLDER.finditer(template):
        name = match.group(1)
        if name in slots:
            slot = slots[name]
            slots[name] = Slot(name, slot.category, slot.count + 1, slot.context)
            continue
        label = name.rstrip("0123456789") or name
        before = template[max(0, match.start() - CONTEXT):match.start()]
        after = template[match.end():match.end() + CONTEXT]
        context = " ".join((before + "▶" + match.group(0) + "◀" + after).split())
        slots[name] = Slot(name, categories.get(label, label), 1, context)
    return list(slots.values())


def skeleton_toml(slots: list[Slot], template_source: str = "template") -> str:
    """The skeleton as TOML: one table per placeholder, ``value`` left to complete."""
    lines = [f"# Values for {template_source}: write each value, then run",
             f"#   redactor fill {template_source} --values THIS_FILE -o report.txt", ""]
    for slot in slots:
        lines += [f"[{toml_key(slot.name)}]",
                  f"category = {toml_string(slot.category)}",
                  f"uses = {slot.count}",
                  f"context = {toml_string(slot.context)}",
                  'value = ""', ""]
    return "\n".join(lines)


def skeleton_json(slots: list[Slot]) -> str:
    """The skeleton as JSON: the same tables as the TOML form."""
    data = {slot.name: {"category": slot.category, "uses": slot.count,
                        "context": slot.context, "value": ""} for slot in slots}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
