"""What every command shares: the --rules option and one-line error reporting."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click

from .errors import RedactorError

RULES_OPTION = click.option(
    "--rules", "rules_name", default=None, metavar="NAME_OR_PATH",
    help="Rule set: a bundled name (zh-report) or a TOML file. Default: zh-report.")


def fail(message: str) -> None:
    """Print one error line and exit with status 2."""
    click.echo(f"redactor: error: {message}", err=True)
    sys.exit(2)


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the library's errors into one line and exit status 2, never a traceback."""
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except RedactorError as error:
            fail(str(error))
        except KeyboardInterrupt:
            click.echo("redactor: interrupted", err=True)
            sys.exit(130)
    return wrapper
