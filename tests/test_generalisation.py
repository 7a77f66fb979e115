"""How the default rule set does on annotated reports it was not tuned on.

The fixtures (tests/fixtures/*.txt, format in tests/fixtures/README.md) mark every name
and self-reference a template must mask; every Arabic digit is expected masked too.
The bars are the product's: every digit masked, >= 95% of place mentions and >= 90%
of person mentions fully masked, <= 3% of masked characters outside any annotation.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import regex

from redactor import load_rules, redact
from redactor.examples import strip_marks

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.txt"))
#: Reports written blind to the rules and kept out of their tuning (see fixtures/README.md).
HELD_OUT = sorted((Path(__file__).parent / "fixtures" / "held-out").glob("*.txt"))
#: Written blind and measured once, never tuned on: only the digit bar is asserted here.
UNSEEN = sorted((Path(__file__).parent / "fixtures" / "unseen").glob("*.txt"))
ANNOTATION = regex.compile(r"\[\[(?P<kind>[pnos]):(?P<body>[^\]]+)\]\]")
CATEGORY = {"p": "place", "n": "person", "o": "org", "s": "self"}
DIGITS = regex.compile(r"[0-9０-９]")


def parse_fixture(path: Path) -> tuple[str, list[tuple[int, int, str]]]:
    """The plain text of a fixture and its annotated spans (start, end, category)."""
    raw = path.read_text(encoding="utf-8")
    body = raw.split("\n", 1)[1] if raw.startswith("# ") else raw
    text, marks = strip_marks(body, ANNOTATION)
    return text, [(start, end, CATEGORY[match.group("kind")]) for start, end, match in marks]


def changed_characters(text: str, result) -> bytearray:
    """1 for each character of the original a mask replaced. A per-character mask keeps
    the separators of a number (2.52 -> X.XX): those are not masked."""
    masked = bytearray(len(text))
    for mask in result.masks:
        same_shape = len(mask.replacement) == len(mask.original)
        for offset in range(mask.end - mask.start):
            if not same_shape or mask.replacement[offset] != mask.original[offset]:
                masked[mask.start + offset] = 1
    return masked


@functools.lru_cache(maxsize=None)
def measure(path: Path) -> dict:
    text, spans = parse_fixture(path)
    result = redact(text, load_rules())
    masked = changed_characters(text, result)
    expected = bytearray(len(text))
    for start, end, _ in spans:
        expected[start:end] = b"\x01" * (end - start)
    for match in DIGITS.finditer(text):
        expected[match.start()] = 1
    stats: dict = {"missed": [], "extra": []}
    for start, end, category in spans:
        whole = masked.find(0, start, end) == -1
        stats.setdefault(category, [0, 0])
        stats[category][0] += whole
        stats[category][1] += 1
        if not whole:
            stats["missed"].append((category, text[max(0, start - 6):end + 4]))
    stats["digits_left"] = sum(1 for m in DIGITS.finditer(text) if not masked[m.start()])
    outside = [i for i, flag in enumerate(masked) if flag and not expected[i]]
    stats["masked_chars"] = sum(masked)
    stats["outside"] = len(outside)
    for mask in result.masks:
        if expected.find(1, mask.start, mask.end) == -1:
            stats["extra"].append((mask.rule_id, text[max(0, mask.start - 6):mask.end + 4]))
    return stats


def totals(paths: tuple[Path, ...] = tuple(FIXTURES)) -> dict:
    summary: dict = {"masked_chars": 0, "outside": 0, "digits_left": 0}
    for path in paths:
        stats = measure(path)
        for key in ("masked_chars", "outside", "digits_left"):
            summary[key] += stats[key]
        for category in CATEGORY.values():
            found, total = stats.get(category, [0, 0])
            summary.setdefault(category, [0, 0])
            summary[category][0] += found
            summary[category][1] += total
    return summary


pytestmark = pytest.mark.skipif(len(FIXTURES) < 5, reason="annotated fixtures not present")


def test_fixtures_are_varied():
    levels = {path.read_text(encoding="utf-8").split("\n", 1)[0].split("self=")[-1].split()[0]
              for path in FIXTURES}
    assert len(FIXTURES) >= 8 and len(levels) >= 3, levels


@pytest.mark.parametrize("path", FIXTURES + HELD_OUT + UNSEEN, ids=lambda p: p.stem)
def test_every_digit_is_masked(path):
    assert measure(path)["digits_left"] == 0


def test_place_mentions_recall():
    found, total = totals()["place"]
    missed = [m for p in FIXTURES for m in measure(p)["missed"] if m[0] == "place"]
    assert found / total >= 0.95, missed


def test_person_mentions_recall():
    found, total = totals()["person"]
    missed = [m for p in FIXTURES for m in measure(p)["missed"] if m[0] == "person"]
    assert found / total >= 0.90, missed


def test_masked_characters_outside_names_stay_below_three_percent():
    summary = totals()
    extra = [m for p in FIXTURES for m in measure(p)["extra"]]
    assert summary["outside"] / summary["masked_chars"] <= 0.03, extra


#: Floors on the held-out reports (25-64), a little under what the rules score on them
#: (place 0.931, person 0.956, outside 0.016). Each set of eight was measured blind first
#: (25-32: 0.821 / 0.653 / 0.038; 33-40: 0.860 / 0.600 / 0.068; 41-48: 0.895 / 0.634 /
#: 0.053; 49-56: 0.865 / 0.648 / 0.033; 57-64: 0.865 / 0.740 / 0.032) and then looked at
#: (see fixtures/README.md). The floors catch regressions; place is still under the
#: product's bar of 0.95 on these reports.
HELD_OUT_FLOORS = {"place": 0.915, "person": 0.935}
HELD_OUT_MOST_OUTSIDE = 0.025


@pytest.mark.skipif(not HELD_OUT, reason="held-out fixtures not present")
@pytest.mark.parametrize("category", sorted(HELD_OUT_FLOORS))
def test_held_out_recall_does_not_regress(category):
    found, total = totals(tuple(HELD_OUT))[category]
    assert found / total >= HELD_OUT_FLOORS[category], (found, total)


@pytest.mark.skipif(not HELD_OUT, reason="held-out fixtures not present")
def test_held_out_masking_outside_names_does_not_regress():
    summary = totals(tuple(HELD_OUT))
    assert summary["outside"] / summary["masked_chars"] <= HELD_OUT_MOST_OUTSIDE
