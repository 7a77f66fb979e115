"""Batch and .docx throughput.

    python benchmarks/bench_batch.py [--files 1000] [--size 20000] [--pages 50] [--rules NAME]

1. N text files of about SIZE bytes (UTF-8 Chinese reports built from the fixtures) are
   redacted (a) in one in-process loop over the texts already in memory (the baseline),
   (b) by the command line as a user runs it, ``redactor redact DIR -o OUT --jobs 1`` and
   ``--jobs 2`` in a fresh process (start-up, rule loading, reading, atomic writes
   included). Overhead = command time at --jobs 1 / baseline time - 1 (target < 30%).
2. A generated PAGES-page .docx (about 800 characters a page, names and numbers split
   across formatted runs) is redacted through redact_docx_bytes: pages per second.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from redactor import load_rules, redact  # noqa: E402


def corpus() -> str:
    texts = [path.read_text(encoding="utf-8")
             for path in sorted((ROOT / "tests" / "fixtures").glob("*.txt"))]
    return "\n".join(texts) or "2019年全省在长沙市召开会议，常委会副主任周农主持。\n" * 50


def make_texts(count: int, size: int) -> list[str]:
    source = corpus()
    random.seed(1)
    texts = []
    for _ in range(count):
        start = random.randrange(len(source))
        text = (source[start:] + source) * (1 + size // max(len(source.encode()), 1))
        cut = len(text)
        while len(text[:cut].encode("utf-8")) > size:
            cut = cut * size // len(text[:cut].encode("utf-8")) - 1
        texts.append(text[:cut])
    return texts


def bench_files(args: argparse.Namespace) -> None:
    rules = load_rules(args.rules)
    texts = make_texts(args.files, args.size)
    redact(texts[0], rules)  # compile patterns, as any long-running process would
    started = time.perf_counter()
    for text in texts:
        redact(text, rules)
    loop = time.perf_counter() - started
    print(f"{args.files} files of {args.size // 1000} KB, rule set {rules.name}, "
          f"{os.cpu_count()} CPUs")
    print(f"  in-process loop      {loop:7.2f} s  {args.files / loop:7.1f} files/s")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in"
        source.mkdir()
        for number, text in enumerate(texts):
            sub = source / f"d{number // 100:02d}"
            sub.mkdir(exist_ok=True)
            (sub / f"r{number:04d}.txt").write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "redactor", "redact", str(source), "-q"]
        if args.rules:
            command += ["--rules", args.rules]
        for jobs in (1, 2):
            out = Path(folder) / f"out{jobs}"
            started = time.perf_counter()
            subprocess.run(command + ["-o", str(out), "--jobs", str(jobs)], check=True)
            elapsed = time.perf_counter() - started
            written = sum(1 for _ in out.rglob("*.txt"))
            assert written == args.files, written
            print(f"  redactor --jobs {jobs}     {elapsed:7.2f} s  "
                  f"{args.files / elapsed:7.1f} files/s  time / loop = {elapsed / loop:.2f}"
                  + (f"  (overhead {100 * (elapsed / loop - 1):+.0f}%)" if jobs == 1 else ""))


def make_docx(pages: int) -> bytes:
    import docx  # noqa: PLC0415
    from docx.enum.text import WD_BREAK  # noqa: PLC0415

    text = corpus()
    document = docx.Document()
    position = 0
    for page in range(pages):
        document.add_heading(f"第{page + 1}部分 长沙市2019年工作情况", level=2)
        written = 0
        while written < 800:
            sentence = text[position:position + 80].replace("\n", "")
            position = (position + 80) % max(len(text) - 80, 1)
            paragraph = document.add_paragraph()
            for index in range(0, len(sentence), 7):  # Word-like runs of a few characters
                run = paragraph.add_run(sentence[index:index + 7])
                run.bold = index % 14 == 0
            written += len(sentence)
        if page % 10 == 0:
            table = document.add_table(rows=3, cols=3)
            for cell in table._cells:
                cell.text = "衡阳市45689名"
        document.paragraphs[-1].runs[-1].add_break(WD_BREAK.PAGE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bench_docx(args: argparse.Namespace) -> None:
    try:
        data = make_docx(args.pages)
    except ImportError:
        print("docx: skipped (pip install 'redactor[docx]')")
        return
    from redactor.docx_io import redact_docx_bytes  # noqa: PLC0415

    rules = load_rules(args.rules)
    started = time.perf_counter()
    result = redact_docx_bytes(data, rules, "bench.docx")
    elapsed = time.perf_counter() - started
    print(f"docx: {args.pages} pages ({len(result.template.original)} characters, "
          f"{len(data) // 1024} KB): {elapsed:.2f} s, {args.pages / elapsed:.1f} pages/s, "
          f"{len(result.template.masks)} masks")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--size", type=int, default=20000, help="bytes per file")
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--rules", default=None, help="rule set (default: zh-report)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.rules is None:  # a snapshot, so that every phase measures the same rules
            snapshot = Path(folder) / "rules"
            shutil.copytree(ROOT / "rules", snapshot)
            args.rules = str(snapshot / "zh-report.toml")
            load_rules(args.rules)
        bench_docx(args)
        bench_files(args)


if __name__ == "__main__":
    main()
