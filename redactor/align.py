"""Align an original with its template in near-linear time.

A template is its original with local substitutions (a name -> XX), so the two texts
are walked together: equal stretches are skipped with C-level slice comparisons;
at a difference the nearest point where both texts agree again on ``SYNC``
characters is found (nearest = fewest characters skipped on both sides), first by
``str.find`` in a small window, then with a hash of the original's ``SYNC``-grams in
growing windows; only the small gap between is aligned finely, with
``difflib.SequenceMatcher(autojunk=False)``. A gap whose template side is mask text
(XX, X.XX, XX、xx) is never split: a mask stands against the run it replaces.

Finally short equal stretches caught between two real edits (the rewritten title
shares 禁毒工作 and 调研报告 with the old one) are folded into one edit, so a
rewrite reads as one change rather than a confetti of coincidences.

Ops are ``(tag, i1, i2, j1, j2)`` as in difflib, tags equal / replace / insert /
delete, covering both texts in order.
"""

from __future__ import annotations

from bisect import bisect_left
from difflib import SequenceMatcher

import regex

Op = tuple[str, int, int, int, int]

#: Characters that agree on both sides for the texts to count as back in step.
SYNC = 6
#: Windows (characters either side) searched for the next point in step.
_WINDOWS = (48, 1024, 16384, 262144)
#: Gaps larger than this (product of both sides) are not aligned finely.
_REFINE_LIMIT = 400_000

#: Characters a mask is written with; lower-case x and full-width Ｘ (folded) included.
MASK_SYMBOLS = "Xx*□■○●"
#: Characters a mask keeps between its symbols (X.XX, XX、XX, XX:XX, XX%).
MASK_SEPARATORS = ".,:/%-、·"


def mask_text_pattern(symbols: str = MASK_SYMBOLS) -> regex.Pattern:
    """A pattern for whole mask texts written with ``symbols``."""
    body = regex.escape(symbols)
    return regex.compile(f"(?=[^{body}某\\[]*+[{body}某\\[])"
                         f"(?:[{body}{regex.escape(MASK_SEPARATORS)}]|某|\\[[^\\[\\]]{{1,12}}\\])+")


_MASK_TEXT = mask_text_pattern()


def is_mask_text(text: str, pattern: regex.Pattern = _MASK_TEXT) -> bool:
    """True for what a mask looks like: XX, X.XX, XX、xx, 某, [地名]."""
    return bool(text) and pattern.fullmatch(text) is not None


def align(a: str, b: str, mask_pattern: regex.Pattern = _MASK_TEXT) -> list[Op]:
    """Ops turning ``a`` (the original) into ``b`` (the template)."""
    ops: list[Op] = []
    i = j = 0
    for p, q, length in anchors(a, b, mask_pattern):
        ops.extend(_align_gap(a[i:p], b[j:q], i, j, mask_pattern))
        ops.append(("equal", p, p + length, q, q + length))
        i, j = p + length, q + length
    ops.extend(_align_gap(a[i:], b[j:], i, j, mask_pattern))
    return _fold_rewrites(_join_masks(_merge(ops), a), b, mask_pattern)


#: Stretches between punctuation long enough to serve as anchors.
_PIECE = regex.compile(r"[^\p{P}\p{S}]{10,}")


def anchors(a: str, b: str, mask_pattern: regex.Pattern = _MASK_TEXT) -> list[tuple[int, int, int]]:
    """(start in a, start in b, length) of clauses found exactly once in each text and free
    of masks, in an order consistent in both texts (longest increasing subsequence)."""
    seen_a: dict[str, int] = {}
    for match in _PIECE.finditer(a):
        piece = match.group()
        seen_a[piece] = -1 if piece in seen_a else match.start()
    seen_b: dict[str, int] = {}
    for match in _PIECE.finditer(b):
        piece = match.group()
        if seen_a.get(piece, -1) >= 0:
            seen_b[piece] = -1 if piece in seen_b else match.start()
    pairs = sorted((q, seen_a[piece], len(piece)) for piece, q in seen_b.items() if q >= 0)
    return [(p, q, length) for q, p, length in _increasing(pairs)]


def _increasing(pairs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The longest run of pairs (sorted by b) whose a positions also increase."""
    tails: list[int] = []  # index into pairs of the smallest tail of each length
    back: list[int] = [-1] * len(pairs)
    keys: list[int] = []
    for index, (_, p, _) in enumerate(pairs):
        position = bisect_left(keys, p)
        back[index] = tails[position - 1] if position else -1
        if position == len(keys):
            keys.append(p)
            tails.append(index)
        else:
            keys[position] = p
            tails[position] = index
    chain: list[tuple[int, int, int]] = []
    index = tails[-1] if tails else -1
    while index >= 0:
        chain.append(pairs[index])
        index = back[index]
    return chain[::-1]


def _align_gap(a: str, b: str, i0: int, j0: int, mask_pattern: regex.Pattern) -> list[Op]:
    """Ops for the stretch between two anchors, shifted to whole-text offsets."""
    ops = _walk(a, b, mask_pattern)
    if len(a) * len(b) <= _REFINE_LIMIT and any(
            op[0] != "equal" and not is_mask_text(b[op[3]:op[4]], mask_pattern) for op in ops):
        # Real edits in a small stretch: the longest-block-first alignment of difflib is
        # safer than walking from the left (a new header shares words with the old one).
        ops = _sequence_ops(a, b, 0, 0, mask_pattern)
    return [(tag, i1 + i0, i2 + i0, j1 + j0, j2 + j0) for tag, i1, i2, j1, j2 in ops]


def _walk(a: str, b: str, mask_pattern: regex.Pattern) -> list[Op]:
    ops: list[Op] = []
    n, m = len(a), len(b)
    i = j = 0
    while i < n and j < m:
        k = common_length(a, i, b, j)
        if k:
            ops.append(("equal", i, i + k, j, j + k))
            i += k
            j += k
            continue
        step = _resync(a, i, b, j)
        if step is None:
            break
        ops.extend(_refine(a, i, i + step[0], b, j, j + step[1], mask_pattern))
        i += step[0]
        j += step[1]
    if i < n or j < m:
        ops.extend(_refine(a, i, n, b, j, m, mask_pattern))
    return ops


def common_length(a: str, i: int, b: str, j: int) -> int:
    """Length of the common prefix of ``a[i:]`` and ``b[j:]`` (galloping slice compares)."""
    limit = min(len(a) - i, len(b) - j)
    if limit <= 0 or a[i] != b[j]:
        return 0
    done, step = 0, 8
    while done < limit:
        size = min(step, limit - done)
        if a[i + done:i + done + size] == b[j + done:j + done + size]:
            done += size
            step *= 2
            continue
        low, high = 0, size  # a prefix of length low agrees, of length high does not
        while high - low > 1:
            middle = (low + high) // 2
            if a[i + done:i + done + middle] == b[j + done:j + done + middle]:
                low = middle
            else:
                high = middle
        return done + low
    return done


def _resync(a: str, i: int, b: str, j: int) -> tuple[int, int] | None:
    """(skip in a, skip in b) to the nearest point where SYNC characters agree, or None."""
    rest = max(len(a) - i, len(b) - j)
    for window in _WINDOWS:
        found = _resync_find(a, i, b, j, window) if window <= 64 else \
            _resync_hash(a, i, b, j, window)
        if found is not None or window >= rest:
            return found
    return None


def _resync_find(a: str, i: int, b: str, j: int, window: int) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    stop = min(len(a), i + window + SYNC)
    for dj in range(min(window, len(b) - j - SYNC + 1)):
        if best is not None and dj >= best[0] + best[1]:
            break
        p = a.find(b[j + dj:j + dj + SYNC], i, stop)
        if p >= 0 and (best is None or p - i + dj < best[0] + best[1]):
            best = (p - i, dj)
    return best


def _resync_hash(a: str, i: int, b: str, j: int, window: int) -> tuple[int, int] | None:
    first: dict[str, int] = {}
    for p in range(i, min(len(a) - SYNC + 1, i + window)):
        first.setdefault(a[p:p + SYNC], p)
    best: tuple[int, int] | None = None
    for dj in range(min(window, len(b) - j - SYNC + 1)):
        if best is not None and dj >= best[0] + best[1]:
            break
        p = first.get(b[j + dj:j + dj + SYNC])
        if p is not None and (best is None or p - i + dj < best[0] + best[1]):
            best = (p - i, dj)
    return best


def _refine(a: str, i1: int, i2: int, b: str, j1: int, j2: int,
            mask_pattern: regex.Pattern) -> list[Op]:
    """Fine ops for a gap between two stretches in step."""
    if i1 == i2 and j1 == j2:
        return []
    if i1 == i2:
        return [("insert", i1, i2, j1, j2)]
    if j1 == j2:
        return [("delete", i1, i2, j1, j2)]
    left, right = a[i1:i2], b[j1:j2]
    head = common_length(left, 0, right, 0)
    tail = common_length(left[head:][::-1], 0, right[head:][::-1], 0) if head < min(
        len(left), len(right)) else 0
    if head or tail:  # equal edges (a comma after a mask) never belong to the mask
        middle = _refine(a, i1 + head, i2 - tail, b, j1 + head, j2 - tail, mask_pattern)
        return ([("equal", i1, i1 + head, j1, j1 + head)] if head else []) + middle + (
            [("equal", i2 - tail, i2, j2 - tail, j2)] if tail else [])
    if ((i2 - i1) * (j2 - j1) > _REFINE_LIMIT or is_mask_text(right, mask_pattern)
            or not set(left) & set(right)):
        return [("replace", i1, i2, j1, j2)]
    return _sequence_ops(left, right, i1, j1, mask_pattern)


def _sequence_ops(left: str, right: str, i1: int, j1: int,
                  mask_pattern: regex.Pattern) -> list[Op]:
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    return [(tag, i1 + x1, i1 + x2, j1 + y1, j1 + y2)
            for tag, x1, x2, y1, y2 in matcher.get_opcodes()]


def _merge(ops: list[Op]) -> list[Op]:
    """Join neighbours of the same kind; a delete next to an insert is one replace."""
    out: list[Op] = []
    for op in ops:
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if out and (out[-1][0] == "equal") == (op[0] == "equal"):
            last = out[-1]
            tag = "equal" if op[0] == "equal" else _tag(last[1], op[2], last[3], op[4])
            out[-1] = (tag, last[1], op[2], last[3], op[4])
        else:
            out.append(op)
    return out


def _join_masks(ops: list[Op], a: str) -> list[Op]:
    """X.XX stands for 2.52 as one mask even where difflib matched the dot."""
    out: list[Op] = []
    for op in ops:
        if (len(out) >= 2 and op[0] == "replace" and out[-2][0] == "replace"
                and out[-1][0] == "equal" and out[-1][2] - out[-1][1] <= 2
                and all(c in MASK_SEPARATORS for c in a[out[-1][1]:out[-1][2]])):
            first = out[-2]
            out[-2:] = [("replace", first[1], op[2], first[3], op[4])]
        else:
            out.append(op)
    return out


def _tag(i1: int, i2: int, j1: int, j2: int) -> str:
    if i1 == i2:
        return "insert"
    return "delete" if j1 == j2 else "replace"


def _fold_rewrites(ops: list[Op], b: str, mask_pattern: regex.Pattern) -> list[Op]:
    """Fold an equal stretch between two edits into them when it is no longer than one."""
    def is_edit(op: Op) -> bool:
        return op[0] != "equal" and not (op[0] == "replace"
                                         and is_mask_text(b[op[3]:op[4]], mask_pattern))

    def size(op: Op) -> int:
        return max(op[2] - op[1], op[4] - op[3])

    out: list[Op] = []
    for op in ops:
        out.append(op)
        while (len(out) >= 3 and out[-2][0] == "equal" and is_edit(out[-1])
               and is_edit(out[-3]) and size(out[-2]) <= max(size(out[-1]), size(out[-3]))):
            first, last = out[-3], out[-1]
            out[-3:] = [(_tag(first[1], last[2], first[3], last[4]),
                         first[1], last[2], first[3], last[4])]
    return out
