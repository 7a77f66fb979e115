"""Run the examples stored beside every rule: what it must mask, and must not."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .detect import rule_spans
from .model import Rule, RuleSet

_MARK = regex.compile(r"\[([^\[\]]+)\]")
#: Examples are written for a provincial report unless the rule set fixes its level.
EXAMPLE_LEVEL = "省"


@dataclass(frozen=True)
class ExampleFailure:
    """One example a rule got wrong: what was expected and what it masked."""

    rule_id: str
    source: str
    example: str
    expected: tuple[str, ...]
    found: tuple[str, ...]

    def __str__(self) -> str:
        return (f"{self.source}: rule {self.rule_id}: example {self.example!r}: expected "
                f"{list(self.expected)}, masked {list(self.found)}")


def parse_example(example: str) -> tuple[str, list[tuple[int, int]]]:
    """The plain text of an example and the spans its [brackets] mark."""
    spans = []
    pieces = []
    position = 0
    length = 0
    for match in _MARK.finditer(example):
        before = example[position:match.start()]
        pieces.append(before)
        length += len(before)
        pieces.append(match.group(1))
        spans.append((length, length + len(match.group(1))))
        length += len(match.group(1))
        position = match.end()
    pieces.append(example[position:])
    return "".join(pieces), spans


def check_rule(rule: Rule, level: str = EXAMPLE_LEVEL) -> list[ExampleFailure]:
    """Every example and counter-example of one rule that does not hold."""
    failures = []
    cases = [(example, *parse_example(example)) for example in rule.examples]
    cases += [(counter, counter, []) for counter in rule.counter_examples]
    for example, text, expected in cases:
        found = sorted((span.start, span.end) for span in rule_spans(text, rule, level))
        if found != expected:
            failures.append(ExampleFailure(
                rule.id, rule.source, example,
                tuple(text[s:e] for s, e in expected), tuple(text[s:e] for s, e in found)))
    return failures


def check_rule_set(rule_set: RuleSet) -> list[ExampleFailure]:
    """Failures over all rules of a rule set (empty when every example holds)."""
    level = rule_set.level if rule_set.level != "auto" else EXAMPLE_LEVEL
    return [failure for rule in rule_set.rules for failure in check_rule(rule, level)]
