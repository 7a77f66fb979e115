"""Reports for a person: a summary line, then findings grouped by kind, with context.

Styles are ANSI codes added with click.style; click.echo drops them when the output
is not a terminal, and files are written without them.
"""

from __future__ import annotations

from collections.abc import Callable

import click

from .findings import Difference, Report, Score

_COLOURS = {"mask": "cyan", "leak": "red", "inconsistency": "yellow", "edit": "magenta",
            "miss": "red", "extra": "yellow"}
_TITLES = {"leak": "Leaks", "inconsistency": "Inconsistencies", "edit": "Edits",
           "mask": "Masks", "miss": "Misses", "extra": "Extras"}
_SHOWN = 200  # characters of an edit's text shown


def _plain(text: str, **_: object) -> str:
    return text


def summary_line(report: Report) -> str:
    counts = report.summary()
    by_category = ", ".join(f"{k} {v}" for k, v in counts["masks_by_category"].items())
    verdict = "ok" if report.ok else "NOT ok"
    return (f"{report.mode}: {counts['masks']} masks ({by_category or 'none'}), "
            f"{counts['leaks']} leaks, {counts['inconsistencies']} inconsistencies, "
            f"{counts['edits']} edits: {verdict}")


def _where(item: Difference) -> str:
    places = []
    if item.original is not None:
        places.append(f"original {item.original.start}-{item.original.end}")
    if item.template is not None:
        places.append(f"template {item.template.start}-{item.template.end}")
    return ", ".join(places)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[:_SHOWN] + f"… ({len(text)} characters)"


def _item_lines(item: Difference, style: Callable[..., str]) -> list[str]:
    head = style(f"  {item.reason or item.kind:<15}", fg=_COLOURS.get(item.kind))
    label = f"{item.category}" + (f" {item.rule_id}" if item.rule_id else "")
    if item.kind == "mask":
        line = f"{head} {label}: {item.original.text if item.original else ''} -> " \
               f"{item.template.text if item.template else ''}"
        if item.message:
            line += f"  ({item.message})"
        return [line + f"  [{_where(item)}]"]
    if item.kind == "edit":
        before = _short(item.original.text) if item.original else ""
        after = _short(item.template.text) if item.template else ""
        return [f"{head} {item.message} [{_where(item)}]",
                f"      - {before}" if before else "      - (nothing)",
                f"      + {after}" if after else "      + (nothing)"]
    return [f"{head} {label}: {item.message} [{_where(item)}]", f"      {item.context}"]


def render_report(report: Report, color: bool = True, show_masks: bool = True) -> str:
    style = click.style if color else _plain
    lines = [style(summary_line(report), bold=True)]
    groups = [("leak", report.leaks), ("inconsistency", report.inconsistencies),
              ("edit", report.edits)]
    if show_masks:
        groups.append(("mask", report.masks))
    for kind, items in groups:
        if not items:
            continue
        lines.append("")
        lines.append(style(f"{_TITLES[kind]} ({len(items)})", fg=_COLOURS[kind], bold=True))
        for item in items:
            lines.extend(_item_lines(item, style))
    return "\n".join(lines) + "\n"


def render_score(score: Score, color: bool = True) -> str:
    style = click.style if color else _plain
    lines = [style(f"precision {score.precision:.4f}  recall {score.recall:.4f}  "
                   f"F1 {score.f1:.4f}", bold=True),
             f"scored {score.scored} characters of the original; excluded "
             f"{score.excluded_original} the reference deleted or rewrote and "
             f"{score.excluded_reference} it inserted",
             "",
             f"  {'category':<10} {'precision':>9} {'recall':>7} {'F1':>7} "
             f"{'rules':>6} {'reference':>9}"]
    for row in score.by_category:
        lines.append(f"  {row.category:<10} {row.precision:>9.4f} {row.recall:>7.4f} "
                     f"{row.f1:>7.4f} {row.predicted:>6} {row.reference:>9}")
    for kind, items in (("miss", score.misses), ("extra", score.extras)):
        lines.append("")
        lines.append(style(f"{_TITLES[kind]} ({len(items)}): {items[0].message}"
                           if items else f"{_TITLES[kind]} (0)", fg=_COLOURS[kind], bold=True))
        for item in items:
            lines.append(f"  {item.category:<8} {item.context}  "
                         f"[original {item.original.start}-{item.original.end}]")
    return "\n".join(lines) + "\n"
