"""Throughput of the default rule set beside a one-pass digit substitution floor.

    python benchmarks/bench_redact.py [--sizes 0.1,1,10] [--rules zh-report] [--repeats 3]

Inputs are built by repeating the shipped example reports (and the seed original,
when ../shared is there) up to each size in megabytes (10^6 characters). For each size
it prints the time of ``regex.sub(r"\\d", "X", text)`` and of ``redact(text)``, their
ratio (target <= 10), what building the result objects alone costs beside the same floor,
and the 10 MB / 1 MB time ratio (target <= 12: linear). Peak memory of redact at the
largest size is measured with tracemalloc (target < 300 MB).
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from pathlib import Path

import regex

from redactor import Mask, Span, load_rules, redact

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> str:
    """A few varied real-looking reports, concatenated."""
    paths = sorted((ROOT / "examples").rglob("*.txt"))
    seed = ROOT.parent / "shared" / "seed-pair" / "original.txt"
    if seed.exists():
        paths.append(seed)
    texts = [p.read_text(encoding="utf-8") for p in paths if "template" not in p.name]
    return "\n".join(texts)


def sized(base: str, megabytes: float) -> str:
    target = int(megabytes * 1_000_000)
    return (base * (target // len(base) + 1))[:target]


def best_of(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,1,10")
    parser.add_argument("--rules", default=None)
    parser.add_argument("--repeats", type=int, default=3,
                        help="runs per size; the best is kept at every size alike, so the "
                             "10 MB / 1 MB ratio compares like with like")
    args = parser.parse_args()
    rule_set = load_rules(args.rules)
    base = corpus()
    redact(base[:1000], rule_set)  # compile the patterns once, outside the timings
    digit = regex.compile(r"\d")
    results = {}
    print(f"{'size MB':>8} {'floor s':>9} {'redact s':>9} {'M chars/s':>10} {'ratio':>7}")
    for size in [float(s) for s in args.sizes.split(",")]:
        text = sized(base, size)
        floor = best_of(lambda: digit.sub("X", text), args.repeats)
        took = best_of(lambda: redact(text, rule_set), args.repeats)
        results[size] = took
        print(f"{size:>8} {floor:>9.3f} {took:>9.3f} {len(text) / took / 1e6:>10.2f} "
              f"{took / floor:>7.1f}")
    object_cost(sized(base, 1.0 if 1.0 in results else min(results)), rule_set, digit,
                args.repeats)
    if 1.0 in results and 10.0 in results:
        print(f"linearity: 10 MB / 1 MB time = {results[10.0] / results[1.0]:.1f} (target <= 12)")
    largest = max(results)
    text = sized(base, largest)
    gc.collect()
    tracemalloc.start()
    redact(text, rule_set)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"peak memory of redact at {largest} MB: {peak / 1e6:.0f} MB (target < 300 MB)")


def object_cost(text: str, rule_set, digit, repeats: int) -> None:
    """What building the result alone costs: one Span and one Mask per mask of the text
    (redact builds more spans than that: every rule's candidates), beside the floor."""
    masks = redact(text, rule_set).masks
    floor = best_of(lambda: digit.sub("X", text), repeats)

    def build() -> None:
        for m in masks:
            Span(m.start, m.end, m.category, m.rule_id, 50, None)
            Mask(m.start, m.end, m.out_start, m.out_end, m.original, m.replacement,
                 m.category, m.rule_id)

    took = best_of(build, repeats)
    print(f"building {len(masks)} spans and masks alone at {len(text) / 1e6} MB: "
          f"{took:.3f} s = {took / floor:.1f}x the floor")


if __name__ == "__main__":
    main()
