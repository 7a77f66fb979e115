"""redactor: turn concrete Chinese reports into reusable templates, and check templates.

    from redactor import redact
    result = redact(text)        # the default zh-report rule set
    result.text, result.masks
"""

from .classify import check, diff
from .errors import InputError, RedactorError, RuleError
from .findings import CategoryScore, Difference, Part, Region, Report, Score
from .files import FileResult, FileTask, redact_file, redact_many
from .model import Mask, Rule, RuleSet, Span, Template
from .redact import redact
from .render import restore
from .rules import load_rules
from .score import score

__version__ = "0.1.0"

__all__ = [
    "CategoryScore",
    "Difference",
    "Part",
    "Region",
    "Report",
    "Score",
    "check",
    "diff",
    "score",
    "FileResult",
    "FileTask",
    "InputError",
    "Mask",
    "RedactorError",
    "Rule",
    "RuleError",
    "RuleSet",
    "Span",
    "Template",
    "load_rules",
    "redact",
    "redact_file",
    "redact_many",
    "restore",
]
