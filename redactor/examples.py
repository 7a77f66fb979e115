"""Run the examples stored beside every rule: what it must mask, and must not."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .detect import rule_spans
from .model import Rule, RuleSet

_MARK = regex.compile(r"\[(?P<body>[^\[\]]+)\]")
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
    text, marks = strip_marks(example, _MARK)
    return text, [(start, end) for start, end, _ in marks]


def strip_marks(marked: str,
                mark: regex.Pattern) -> tuple[str, list[tuple[int, int, regex.Match]]]:
    """The text with each ``mark`` match replaced by its ``body`` group, and where each
    body lands in that text (with the match, for marks that carry more, like a category)."""
    pieces: list[str] = []
    marks = []
    position = length = 0
    for match in mark.finditer(marked):
        pieces.append(marked[position:match.start()])
        length += match.start() - position
        body = match.group("body")
        marks.append((length, length + len(body), match))
        pieces.append(body)
        length += len(body)
        position = match.end()
    pieces.append(marked[position:])
    return "".join(pieces), marks


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
