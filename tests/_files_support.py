"""Shared by the file, encoding, .docx and batch tests: a small rule set of their own,
so these tests do not depend on the default rule set's gazetteers."""

from __future__ import annotations

from pathlib import Path

import regex

MINI_RULES = """
name = "mini"
description = "A small rule set for tests of files, encodings and .docx"

[[rule]]
id = "mini.number"
category = "number"
regex = '[0-9]+'

[[rule]]
id = "mini.place"
category = "place"
terms = ["长沙市", "长沙", "天心区", "衡阳", "邵阳", "郴州", "永州", "云南"]
keep_suffix = ["市", "区"]

[[rule]]
id = "mini.person"
category = "person"
terms = ["周农", "许显辉", "高德文"]

[[rule]]
id = "mini.self"
category = "self"
regex = '(?<=[全我本])(?P<mask>{{level}})'
"""

REPORT = "2019年全省在长沙市召开会议，常委会副主任周农主持。\n衡阳、邵阳等4市参加。\n"
TEMPLATE = "XXXX年全X在XX市召开会议，常委会副主任XX主持。\nXX、XX等X市参加。\n"
#: What must never survive redaction with MINI_RULES.
SECRETS = regex.compile(r"[0-9]|长沙|天心|衡阳|邵阳|郴州|永州|云南|周农|许显辉|高德文")


def write_rules(folder: Path) -> str:
    path = folder / "mini-rules.toml"
    path.write_text(MINI_RULES, encoding="utf-8")
    return str(path)
