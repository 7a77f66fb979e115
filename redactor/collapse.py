"""Collapse enumerations into one mask, as drafters do: 衡阳、邵阳、郴州、永州4市 -> XX市.

A reusable template should not betray how many cities a list had, so a run of two or
more names of one category joined only by 、 becomes one span, together with a count
written in digits right after it (4市). Opt-in per rule set (``collapse_lists``).
"""

from __future__ import annotations

from .model import Span

LIST_SEPARATORS = frozenset("、")
COLLAPSIBLE = frozenset({"place", "person", "org"})


def collapse_lists(text: str, spans: list[Span]) -> list[Span]:
    """The spans (sorted, non-overlapping) with enumerations merged into single spans."""
    out: list[Span] = []
    index = 0
    while index < len(spans):
        first = spans[index]
        last = index
        if first.category in COLLAPSIBLE:
            while (last + 1 < len(spans)
                   and spans[last + 1].category == first.category
                   and text[spans[last].end:spans[last + 1].start] in LIST_SEPARATORS):
                last += 1
        if last == index:
            out.append(first)
            index += 1
            continue
        end = spans[last].end
        if last + 1 < len(spans) and spans[last + 1].start == end \
                and spans[last + 1].category == "number":
            last += 1
            end = spans[last].end
        out.append(Span(first.start, end, first.category, f"list.{first.category}",
                        first.priority, None))
        index = last + 1
    return out
