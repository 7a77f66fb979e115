"""One self-contained HTML page: a summary and the findings table at the top, then the
original and the template side by side with masks, leaks, inconsistencies and edits
highlighted. No scripts or external files; a 20,000-character report is a page of
about 200 KB.
"""

from __future__ import annotations

from html import escape

from .findings import Region, Report
from .report_text import summary_line

#: Highlight priority where findings overlap (a leak shows over the edit it sits in).
_PRIORITY = {"leak": 4, "inconsistency": 3, "edit": 2, "mask": 1}

_STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:1em;color:#222}
h1{font-size:1.2em} table{border-collapse:collapse;font-size:.85em;margin-bottom:1em}
td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top;text-align:left}
.texts{display:grid;grid-template-columns:1fr 1fr;gap:1em}
.text{white-space:pre-wrap;word-break:break-all;border:1px solid #ccc;padding:.5em;
 max-height:80vh;overflow:auto;line-height:1.6}
.mask{background:#cde8ff}.leak{background:#ffb3b3;outline:1px solid #c00}
.inconsistency{background:#ffe08a}.edit{background:#f0d0ff}
.ok{color:#070}.bad{color:#c00} .findings{max-height:40vh;overflow:auto;display:block}
"""


def _spans(raw: str, items: list[tuple[Region, str, str]]) -> str:
    """``raw`` with each region wrapped in a span (highest priority wins where they overlap)."""
    marks = [(r.start, r.end, kind, ident) for r, kind, ident in items if r.end > r.start]
    bounds = sorted({0, len(raw), *[m[0] for m in marks], *[m[1] for m in marks]})
    marks.sort()
    out: list[str] = []
    active: list[tuple[int, int, str, str]] = []
    pointer = 0
    opened: set[str] = set()
    for left, right in zip(bounds, bounds[1:]):
        while pointer < len(marks) and marks[pointer][0] <= left:
            active.append(marks[pointer])
            pointer += 1
        active = [m for m in active if m[1] > left]
        piece = escape(raw[left:right])
        if not active:
            out.append(piece)
            continue
        top = max(active, key=lambda m: (_PRIORITY[m[2]], -m[0]))
        ident = f' id="{top[3]}"' if top[3] not in opened else ""
        opened.add(top[3])
        out.append(f'<span class="{top[2]}" title="{top[2]} {top[3]}"{ident}>{piece}</span>')
    return "".join(out)


def render_html(report: Report, original: str | None, template: str,
                names: tuple[str, str] = ("original", "template")) -> str:
    findings = list(report.findings())
    idents = [f"f{index}" for index in range(len(findings))]
    rows = []
    for ident, item in zip(idents, findings):
        rows.append(
            f'<tr><td><a href="#t-{ident}">{escape(item.kind)}</a></td>'
            f"<td>{escape(item.reason)}</td><td>{escape(item.category)}</td>"
            f"<td>{escape(item.rule_id)}</td>"
            f"<td>{escape(item.original.text[:200]) if item.original else ''}</td>"
            f"<td>{escape(item.template.text[:200]) if item.template else ''}</td>"
            f"<td>{escape(item.message)}</td></tr>")
    template_marks = [(item.template, item.kind, f"t-{ident}")
                      for ident, item in zip(idents, findings) if item.template]
    original_marks = [(item.original, item.kind, f"o-{ident}")
                      for ident, item in zip(idents, findings)
                      if item.original and item.kind != "inconsistency"]
    verdict = "ok" if report.ok else "bad"
    columns = []
    if original is not None:
        columns.append(f'<div><h2>{escape(names[0])}</h2><div class="text">'
                       f"{_spans(original, original_marks)}</div></div>")
    columns.append(f'<div><h2>{escape(names[1])}</h2><div class="text">'
                   f"{_spans(template, template_marks)}</div></div>")
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
        f"<title>redactor {escape(report.mode)}: {escape(names[1])}</title>"
        f"<style>{_STYLE}</style></head><body>\n"
        f'<h1 class="{verdict}">{escape(summary_line(report))}</h1>\n'
        f"<p>rule set {escape(report.rule_set)}, level {escape(report.level)}. "
        '<span class="mask">mask</span> <span class="leak">leak</span> '
        '<span class="inconsistency">inconsistency</span> <span class="edit">edit</span></p>\n'
        '<table class="findings"><tr><th>kind</th><th>reason</th><th>category</th>'
        "<th>rule</th><th>original</th><th>template</th><th>message</th></tr>\n"
        + "\n".join(rows) + "\n</table>\n"
        f'<div class="texts">{"".join(columns)}</div>\n</body></html>\n')
