"""Errors a user can act on: each says what is wrong and where, in one line."""

from __future__ import annotations


class RedactorError(Exception):
    """Base of every error redactor raises on purpose; the CLI prints it and exits 2."""


class RuleError(RedactorError):
    """A rule set that cannot be loaded: names the file, the rule id and the cause."""

    def __init__(self, source: str, message: str, rule_id: str | None = None) -> None:
        self.source = source
        self.rule_id = rule_id
        self.message = message
        where = source + (f": rule {rule_id}" if rule_id else "")
        super().__init__(f"{where}: {message}")


class InputError(RedactorError):
    """An input file that cannot be read as a report: names the file and the cause."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")
