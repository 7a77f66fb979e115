"""``redactor fill`` (and ``fill --skeleton``) and ``redactor learn``."""

from __future__ import annotations

from pathlib import Path

import click

from .cli_common import RULES_OPTION, fail, reports_errors
from .fill import fill, parse_values, skeleton, skeleton_json, skeleton_toml
from .learn import base_reference, learn, rule_set_toml, table
from .model import RuleSet
from .rules import load_rules
from .score import score
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


@click.command("learn")
@click.argument("original_path", metavar="ORIGINAL")
@click.argument("template_path", metavar="TEMPLATE")
@click.option("-o", "--output", default=None, metavar="FILE",
              help="Write the learned rule set here (default: standard output, and the "
                   "table goes to standard error).")
@click.option("--base", default="zh-report", show_default=True, metavar="NAME_OR_PATH",
              help="The rule set the learned one extends.")
@click.option("--name", default=None, help="Name of the learned rule set (default: from -o).")
@click.option("--keep-slips", is_flag=True,
              help="Also allow-list names the drafter left in once while masking their kind "
                   "elsewhere (by default they are reported as likely slips).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@reports_errors
def learn_command(original_path: str, template_path: str, output: str | None, base: str,
                  name: str | None, keep_slips: bool, force: bool) -> None:
    """Learn a drafter's masking style from ORIGINAL and the TEMPLATE they made of it.

    Writes a rule set that extends --base and prints what it learned, what it took for
    the drafter's slips, and what it could not explain (rewritten titles, headers).
    """
    _refuse_clobber(output, original_path, template_path)
    original, template = read_text(original_path), read_text(template_path)
    base_rules = load_rules(base)
    learned = learn(original, template, base_rules, keep_slips)
    rule_name = name or (Path(output).stem if output else f"learned-{base_rules.name}")
    text = rule_set_toml(learned, base_reference(base, output), rule_name,
                         f"{original_path} and {template_path}")
    summary = table(learned)
    if output:
        write_text(output, text, force)
        summary += _score_lines(original, template, base_rules, load_rules(output))
    click.echo(summary, nl=False, err=not output)
    if not output:
        click.echo(text, nl=False)


def _score_lines(original: str, template: str, base: RuleSet, learned: RuleSet) -> str:
    """How well the base and the learned rule set reproduce the template (diff checker's score)."""
    lines = []
    for label, rule_set in (("base", base), ("learned", learned)):
        result = score(original, template, rule_set)
        lines.append(f"{label:<8} reproduces the template's masks: F1 {result.f1:.4f} "
                     f"(precision {result.precision:.4f}, recall {result.recall:.4f})")
    return "\n" + "\n".join(lines) + "\n"
