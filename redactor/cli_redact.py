"""``redactor redact``: one file, several files or directory trees, text or .docx."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from pathlib import Path

import click

from .cli_common import RULES_OPTION, fail, reports_errors
from .errors import InputError
from .files import (UNREADABLE, FileResult, FileTask, check_output_dir, collect_inputs,
                    file_kind, output_path, redact_many)
from .masks_json import masks_json
from .model import RuleSet
from .redact import redact
from .rules import load_rules, with_level
from .textio import (STDIN, check_encoding, encode, read_input_bytes, read_report, same_file,
                     write_bytes, write_text)


@click.command("redact")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", default=None, metavar="FILE|DIR",
              help="One input: the output file (default: standard output). Several inputs or "
                   "a directory: the output folder, which mirrors the input tree.")
@RULES_OPTION
@click.option("--level", default=None, metavar="LEVEL",
              help="The report's own jurisdiction level (省, 市, 县, 区, 自治区); "
                   "default: detected from the text.")
@click.option("--masks-json", "masks_json_path", default=None, metavar="FILE",
              help="Also write every mask (category, rule id, offsets) as JSON (one input).")
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(min=0),
              help="Worker processes for many files (0: one per CPU).")
@click.option("--format", "output_format", type=click.Choice(["text", "jsonl"]),
              default="text", show_default=True,
              help="jsonl: one JSON record per file on standard output (path, status, "
                   "counts, masks; the template too when there is no -o).")
@click.option("--encoding", default=None, metavar="NAME",
              help="Encoding of text outputs (default: the input's: UTF-8, GB18030, UTF-16).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@reports_errors
def redact_command(inputs: tuple[str, ...], output: str | None, rules_name: str | None,
                   level: str | None, masks_json_path: str | None, force: bool, jobs: int,
                   output_format: str, encoding: str | None, quiet: bool) -> None:
    """Mask INPUT into a template: a text file (UTF-8, GB18030 or UTF-16), a .docx, - for
    standard input, several files or directories (with -o OUTDIR).

    A .docx gives a .docx with every run's formatting kept. In a batch one bad file does
    not stop the others; they are listed at the end and the exit status is 1.
    """
    rule_set = load_rules(rules_name)
    if level:
        rule_set = with_level(rule_set, level)
    if encoding:
        check_encoding(encoding)
    single = len(inputs) == 1 and (inputs[0] == STDIN or not Path(inputs[0]).is_dir())
    if single and output_format == "text":
        _redact_one(inputs[0], output, rule_set, masks_json_path, force, encoding)
        return
    if masks_json_path:
        fail("--masks-json takes a single input; use --format jsonl for many files")
    if STDIN in inputs:
        fail("- (standard input) cannot be part of a batch")
    _redact_batch(inputs, output, rule_set, force, jobs, output_format, encoding, quiet)


def _redact_one(input_path: str, output: str | None, rule_set: RuleSet,
                masks_json_path: str | None, force: bool, encoding: str | None) -> None:
    for target in (output, masks_json_path):
        if target and input_path != STDIN and same_file(input_path, target):
            fail(f"{target}: is the input file; the input is never overwritten")
    suffix = Path(input_path).suffix.lower()
    if input_path != STDIN and suffix in UNREADABLE:
        raise InputError(input_path, UNREADABLE[suffix])
    if input_path != STDIN and file_kind(input_path) == "docx":
        if not output:
            fail(f"{input_path}: a .docx template needs -o FILE.docx (or -o FILE.txt for "
                 "its text)")
        from .docx_io import redact_docx_bytes  # noqa: PLC0415 (python-docx is optional)

        result = redact_docx_bytes(read_input_bytes(input_path), rule_set, input_path)
        template = result.template
        if file_kind(output) == "docx":
            write_bytes(output, result.data, force)
        else:
            write_text(output, template.text, force, encoding or "utf-8")
    else:
        decoded = read_report(input_path)
        template = redact(decoded.text, rule_set)
        out_encoding = encoding or decoded.encoding
        if output:
            write_text(output, template.text, force, out_encoding)
        elif encoding is None and sys.stdout.isatty():
            click.echo(template.text, nl=False)
        else:  # the input's encoding (or --encoding), byte for byte
            sys.stdout.flush()
            sys.stdout.buffer.write(encode(template.text, out_encoding))
            sys.stdout.buffer.flush()
    if masks_json_path:
        write_text(masks_json_path, masks_json(template, input_path), force)


def _redact_batch(inputs: tuple[str, ...], output: str | None, rule_set: RuleSet,
                  force: bool, jobs: int, output_format: str, encoding: str | None,
                  quiet: bool) -> None:
    jsonl = output_format == "jsonl"
    if output is None and not jsonl:
        fail("several inputs or a directory need -o OUTDIR (or --format jsonl to get the "
             "templates as JSON lines)")
    if output is not None:
        if Path(output).exists() and not Path(output).is_dir():
            fail(f"{output}: is a file; with several inputs or a directory -o names a folder")
        check_output_dir(inputs, output)
    found = collect_inputs(inputs)
    several = len(inputs) > 1
    tasks: list[FileTask] = []
    targets: dict[str, str] = {}
    for path, relative in found.files:
        target = None
        if output is not None:
            top = next((i for i in inputs if path == i or path.startswith(i.rstrip("/") + "/")),
                       "")
            prefix = Path(top).name if several and Path(top).is_dir() else ""
            target = output_path(os.path.join(prefix, relative), output)
            key = os.path.normpath(target)
            if key in targets:
                fail(f"{path} and {targets[key]} would both be written to {target}")
            targets[key] = path
        tasks.append(FileTask(path, target, encoding, force, make_parents=True))

    started = time.perf_counter()
    failures = [message for _, message in found.errors]
    counts: dict[str, int] = {}
    done = 0
    show_bar = not quiet and sys.stderr.isatty() and len(tasks) > 1
    results = redact_many(tasks, rule_set, jobs=jobs, ordered=False)
    bar_context = (click.progressbar(length=len(tasks), label="redacting", file=sys.stderr)
                   if show_bar else contextlib.nullcontext(_NoBar()))
    with bar_context as bar:
        for result in results:
            assert isinstance(result, FileResult)
            if jsonl:
                click.echo(json.dumps(result.to_record(), ensure_ascii=False))
            if result.ok:
                done += 1
                for category, number in result.counts.items():
                    counts[category] = counts.get(category, 0) + number
            else:
                failures.append(result.error)
            bar.update(1)
    elapsed = time.perf_counter() - started
    if not quiet:
        masks = ", ".join(f"{category} {number}" for category, number in sorted(counts.items()))
        click.echo(f"redactor: {done} of {len(tasks)} files redacted in {elapsed:.1f} s"
                   f"{', ' + str(len(failures)) + ' failed' if failures else ''}"
                   f"{', ' + str(len(found.skipped)) + ' skipped' if found.skipped else ''}; "
                   f"masks: {masks or 'none'}", err=True)
        for path, reason in found.skipped[:20]:
            click.echo(f"  skipped {path}: {reason}", err=True)
        if len(found.skipped) > 20:
            click.echo(f"  ... and {len(found.skipped) - 20} more skipped", err=True)
    for message in failures:
        click.echo(f"redactor: error: {message}", err=True)
    if failures:
        sys.exit(1)


class _NoBar:
    """Stands in for the progress bar when standard error is not a terminal."""

    def update(self, steps: int) -> None:
        pass
