"""Write TOML values without a dependency: strings, keys and string arrays."""

from __future__ import annotations

from collections.abc import Iterable

import regex

_BARE_KEY = regex.compile(r"[A-Za-z0-9_\-]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}


def toml_string(value: str) -> str:
    """A TOML basic string that reads back as exactly ``value``."""
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    """A key, quoted unless it is a bare key (地名1 needs quotes, id does not)."""
    return key if _BARE_KEY.fullmatch(key) else toml_string(key)


def toml_array(values: Iterable[str], indent: str = "  ", width: int = 96) -> str:
    """A string array, wrapped to lines of about ``width`` characters."""
    items = [toml_string(value) for value in values]
    if not items:
        return "[]"
    one_line = "[" + ", ".join(items) + "]"
    if len(one_line) <= width:
        return one_line
    lines, line = [], ""
    for item in items:
        if line and len(line) + len(item) + 2 > width:
            lines.append(line.rstrip())
            line = ""
        line += item + ", "
    lines.append(line.rstrip())
    return "[\n" + "\n".join(indent + line for line in lines) + "\n]"
