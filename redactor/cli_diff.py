"""``redactor diff``, ``check`` and ``score``: thin wrappers over the library.

diff and check exit 0 when there is no leak and no inconsistency, 1 when there are,
2 on a usage or input error (one line on stderr).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .classify import check, diff
from .rules import rule_set_of
from .cli_common import RULES_OPTION, reports_errors
from .findings import Report
from .report_html import render_html
from .report_json import dumps, report_document, score_document
from .report_text import render_report, render_score
from .score import score
from .docx_io import read_document
from .files import collect_inputs
from .textio import write_text


def read_text(path: str) -> str:
    """A text file (UTF-8, GB18030, UTF-16) or the text of a .docx (see docx_io)."""
    return read_document(path).text

_OUTPUT = click.option("-o", "--output", default=None, metavar="FILE",
                       help="Write the report here (default: standard output).")
_FORCE = click.option("--force", is_flag=True, help="Overwrite an existing output file.")
_FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]),
                       default="text", show_default=True, help="Report format.")


def _render(report: Report, fmt: str, original: str | None, template: str,
            names: tuple[str, str]) -> str:
    if fmt == "json":
        return dumps(report_document(report, *names))
    if fmt == "html":
        return render_html(report, original, template, names)
    return render_report(report)


def _emit(text: str, output: str | None, force: bool) -> None:
    if output:
        write_text(output, click.unstyle(text), force)
    else:
        click.echo(text, nl=False)


@click.command("diff")
@click.argument("original_path", metavar="ORIGINAL")
@click.argument("template_path", metavar="TEMPLATE")
@RULES_OPTION
@_FORMAT
@_OUTPUT
@_FORCE
@reports_errors
def diff_command(original_path: str, template_path: str, rules_name: str | None, fmt: str,
                 output: str | None, force: bool) -> None:
    """Compare a TEMPLATE with its ORIGINAL: masks, leaks, inconsistencies, edits."""
    original, template = read_text(original_path), read_text(template_path)
    report = diff(original, template, rule_set_of(rules_name))
    _emit(_render(report, fmt, original, template, (original_path, template_path)),
          output, force)
    sys.exit(report.exit_status)


@click.command("check")
@click.argument("template_path", metavar="TEMPLATE")
@RULES_OPTION
@_FORMAT
@_OUTPUT
@_FORCE
@reports_errors
def check_command(template_path: str, rules_name: str | None, fmt: str, output: str | None,
                  force: bool) -> None:
    """Check a TEMPLATE alone (a file, .docx, or a directory of them): what the rules
    still find, and mixed mask symbols. Exits 1 if any file leaks."""
    rule_set = rule_set_of(rules_name)
    paths = ([path for path, _ in collect_inputs([template_path]).files]
             if Path(template_path).is_dir() else [template_path])
    status, pieces = 0, []
    for path in paths:
        template = read_text(path)
        report = check(template, rule_set)
        pieces.append(_render(report, fmt, None, template, ("", path)))
        status = max(status, report.exit_status)
    _emit("".join(pieces), output, force)
    sys.exit(status)


@click.command("score")
@click.argument("original_path", metavar="ORIGINAL")
@click.argument("reference_path", metavar="REFERENCE")
@RULES_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Report format.")
@_OUTPUT
@_FORCE
@reports_errors
def score_command(original_path: str, reference_path: str, rules_name: str | None, fmt: str,
                  output: str | None, force: bool) -> None:
    """Score the rule set on ORIGINAL against a hand-made REFERENCE template."""
    result = score(read_text(original_path), read_text(reference_path),
                   rule_set_of(rules_name))
    text = (dumps(score_document(result, original_path, reference_path)) if fmt == "json"
            else render_score(result))
    _emit(text, output, force)
