"""Time ``diff`` on 0.1, 1 and 10 MB pairs, beside ``redact`` on the same originals.

    /tmp/venv/bin/python benchmarks/bench_diff.py [--sizes 0.1,1,10] [--rules NAME_OR_PATH]

An original is built by repeating report text (the seed report and the test fixtures)
with its paragraphs shuffled and its numbers changed per copy, so that it is varied
but repetitive like a real archive; its template is made by ``redact``; the noisy
variant adds spaces and line breaks inside words and swaps full-width and half-width
forms, as PDF extraction does. Targets: diff(10 MB) <= 15 x diff(1 MB) and
diff <= 5 x redact, both measured in this run.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from redactor import diff, load_rules, redact  # noqa: E402

_WIDTH = str.maketrans("，（）：；！？", ",():;!?")
_BACK = str.maketrans(",():;!?X", "，（）：；！？Ｘ")


def source_paragraphs() -> list[str]:
    paragraphs = []
    for path in [ROOT / "examples/seed/original.txt", *sorted((ROOT / "tests/fixtures").glob("*.txt"))]:
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    return paragraphs


def build_original(megabytes: float, seed: int = 1) -> str:
    rng = random.Random(seed)
    paragraphs = source_paragraphs()
    target = int(megabytes * 1_000_000)
    out: list[str] = []
    size = 0
    while size < target:
        rng.shuffle(paragraphs)
        for paragraph in paragraphs:
            text = "".join(str(rng.randint(0, 9)) if c.isdigit() else c for c in paragraph)
            out.append(text)
            size += len(text.encode("utf-8")) + 1
            if size >= target:
                break
    return "\n".join(out) + "\n"


def noisy(template: str, seed: int = 2) -> str:
    rng = random.Random(seed)
    pieces = []
    position = 0
    while position < len(template):
        step = rng.randint(20, 80)
        chunk = template[position:position + step]
        chunk = chunk.translate(_WIDTH if rng.random() < 0.5 else _BACK)
        pieces.append(chunk + rng.choice([" ", "\n", "  ", "\u3000"]))
        position += step
    return "".join(pieces)


def timed(function, *args):
    gc.collect()  # each timing starts from the same heap, not the previous size's garbage
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="0.1,1,10")
    parser.add_argument("--rules", default=None)
    args = parser.parse_args()
    rules = load_rules(args.rules)
    # Compile every pattern once, outside the timings: for the original's level, and
    # for a template's (already masked, so no level).
    warm = build_original(0.01)
    diff(warm, redact(warm, rules).text, rules)
    rows = {}
    for size in [float(s) for s in args.sizes.split(",")]:
        original = build_original(size)
        t_redact, template = timed(redact, original, rules)
        t_diff, report = timed(diff, original, template.text, rules)
        rough = noisy(template.text)
        t_noisy, noisy_report = timed(diff, original, rough, rules)
        same = (len(report.masks), len(noisy_report.masks), len(template.masks))
        rows[size] = (t_redact, t_diff, t_noisy)
        print(f"{size:>5} MB  redact {t_redact:7.2f} s  diff {t_diff:7.2f} s  "
              f"noisy diff {t_noisy:7.2f} s  diff/redact {t_diff / t_redact:5.2f}  "
              f"noisy/redact {t_noisy / t_redact:5.2f}  masks diff/noisy/redact {same}  "
              f"edits {len(report.edits)}/{len(noisy_report.edits)}", flush=True)
        del original, template, report, rough, noisy_report
    if 1.0 in rows and 10.0 in rows:
        print(f"10MB/1MB ratio: diff {rows[10.0][1] / rows[1.0][1]:.2f}  "
              f"noisy {rows[10.0][2] / rows[1.0][2]:.2f}  (target <= 15)")
    worst = max(max(d, n) / r for r, d, n in rows.values())
    print(f"worst diff/redact ratio: {worst:.2f}  (target <= 5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
