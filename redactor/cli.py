"""The command line: a thin click layer over the library.

Every error a user can cause ends as one line on stderr and exit status 2; the
library's exceptions carry the file, line or rule id, so nothing is lost here.
"""

from __future__ import annotations

import sys

import click

from . import __version__
from .cli_common import RULES_OPTION, fail, reports_errors
from .examples import check_rule_set
from .rules import bundled_rule_sets, load_rules


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="redactor")
def main() -> None:
    """Turn concrete Chinese reports into reusable templates, and check templates."""


@main.group("rules")
def rules_group() -> None:
    """Inspect and test rule sets."""


@rules_group.command("list")
@RULES_OPTION
@reports_errors
def rules_list(rules_name: str | None) -> None:
    """List the rules of a rule set (and the bundled rule sets)."""
    rule_set = load_rules(rules_name)
    click.echo(f"{rule_set.name}: {len(rule_set.rules)} rules ({rule_set.source})")
    width = max((len(rule.id) for rule in rule_set.rules), default=0)
    for rule in rule_set.rules:
        click.echo(f"  {rule.id:<{width}}  {rule.category:<7} p{rule.priority:<3}  "
                   f"{rule.description}")
    click.echo(f"bundled rule sets: {', '.join(bundled_rule_sets())}")


@rules_group.command("show")
@click.argument("rule_id")
@RULES_OPTION
@reports_errors
def rules_show(rule_id: str, rules_name: str | None) -> None:
    """Show one rule: its category, priority, mask, examples and pattern."""
    rule_set = load_rules(rules_name)
    matches = [rule for rule in rule_set.rules if rule.id == rule_id]
    if not matches:
        fail(f"{rule_set.source}: no rule with id {rule_id!r} (see 'redactor rules list')")
    rule = matches[0]
    click.echo(f"id:          {rule.id}")
    click.echo(f"category:    {rule.category}")
    click.echo(f"description: {rule.description}")
    click.echo(f"detector:    {rule.detector}")
    click.echo(f"priority:    {rule.priority}")
    click.echo(f"mask:        {rule.mask or 'rule set style (' + rule_set.style + ')'}")
    if rule.keep_suffix:
        click.echo(f"keep_suffix: {' '.join(rule.keep_suffix)}")
    if rule.not_ending_in:
        click.echo(f"not ending in one of {len(rule.not_ending_in)} terms "
                   f"({'、'.join(rule.not_ending_in[:3])} ...)")
    if rule.not_in:
        click.echo(f"not one of {len(rule.not_in)} terms "
                   f"({'、'.join(sorted(rule.not_in)[:3])} ...)")
    if not rule.spread:
        click.echo("spread:      no (its names are not masked at their other occurrences)")
    click.echo(f"source:      {rule.source}")
    for example in rule.examples:
        click.echo(f"example:     {example}")
    for example in rule.counter_examples:
        click.echo(f"counter:     {example}")
    pattern = rule.pattern if len(rule.pattern) <= 400 else rule.pattern[:400] + " ..."
    click.echo(f"pattern:     {pattern}")


@rules_group.command("test")
@click.argument("path", required=False)
@reports_errors
def rules_test(path: str | None) -> None:
    """Run every rule's examples (PATH: a rule file or bundled name; default zh-report)."""
    rule_set = load_rules(path)
    failures = check_rule_set(rule_set)
    for failure in failures:
        click.echo(str(failure), err=True)
    total = sum(len(rule.examples) + len(rule.counter_examples) for rule in rule_set.rules)
    click.echo(f"{rule_set.name}: {len(rule_set.rules)} rules, {total} examples, "
               f"{len(failures)} failed")
    if failures:
        sys.exit(1)


# Commands that live in their own modules are registered here, one line each.
from .cli_fill import fill_command, learn_command  # noqa: E402
main.add_command(fill_command)
main.add_command(learn_command)
from .cli_redact import redact_command  # noqa: E402
main.add_command(redact_command)
from .cli_diff import check_command, diff_command, score_command  # noqa: E402
main.add_command(diff_command)
main.add_command(check_command)
main.add_command(score_command)
