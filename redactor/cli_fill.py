"""``redactor fill`` (and ``fill --skeleton``) and ``redactor learn``."""

from __future__ import annotations

import click

from .cli_common import RULES_OPTION, fail, reports_errors
from .fill import fill, parse_values, skeleton, skeleton_json, skeleton_toml
from .rules import load_rules
from .textio import STDIN, read_text, same_file, write_text


def _refuse_clobber(output: str | None, *inputs: str | None) -> None:
    for path in inputs:
        if output and path and path != STDIN and same_file(path, output):
            fail(f"{output}: is an input file; inputs are never overwritten")


@click.command("fill")
@click.argument("template_path", metavar="TEMPLATE")
@click.option("--values", "values_path", default=None, metavar="FILE",
              help="Values keyed by placeholder (TOML or JSON), or the masks file "
                   "'redact --masks-json' wrote for TEMPLATE.")
@click.option("--skeleton", "make_skeleton", is_flag=True,
              help="Write the values file to complete instead: each placeholder with its "
                   "category and context (JSON when -o ends in .json, else TOML).")
@click.option("-o", "--output", default=None, metavar="FILE",
              help="Write here (default: standard output).")
@RULES_OPTION
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@reports_errors
def fill_command(template_path: str, values_path: str | None, make_skeleton: bool,
                 output: str | None, rules_name: str | None, force: bool) -> None:
    """Fill TEMPLATE's placeholders from a values file and write the report.

    \b
      redactor redact report.txt --masks-json masks.json -o template.txt
      redactor fill template.txt --values masks.json -o report.txt   # the original again
      redactor fill template.txt --skeleton -o values.toml           # values to complete
    """
    _refuse_clobber(output, template_path, values_path)
    template = read_text(template_path)
    if make_skeleton:
        if values_path:
            fail("--skeleton writes a values file; it takes no --values")
        labels = dict(load_rules(rules_name).labels) if rules_name else None
        slots = skeleton(template, labels)
        if not slots:
            fail(f"{template_path}: has no {{{{placeholders}}}}; redact with a numbered "
                 "style (style = \"numbered\") to make a fillable template")
        text = (skeleton_json(slots) if output and output.endswith(".json")
                else skeleton_toml(slots, template_path))
    else:
        if not values_path:
            fail("give --values FILE (or --skeleton to write one)")
        text = fill(template, parse_values(read_text(values_path), values_path), template_path)
    if output:
        write_text(output, text, force)
    else:
        click.echo(text, nl=False)
