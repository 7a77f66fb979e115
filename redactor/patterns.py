"""Regex building blocks: term lists as tries, and ``{{name}}`` list macros.

A plain alternation of thousands of terms makes the regex engine try every branch
at every position; a trie-shaped pattern shares prefixes. (Splitting a trie's wide
nodes into groups behind character classes made matching ~7% faster but doubled the
time the regex module takes to compile the rule set, to 4-5 s per run: not kept.)
Chinese has no word boundaries, so terms are matched as substrings and longer terms
win (a trie built longest-first gives that).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import regex

MACRO = regex.compile(r"\{\{\s*(<?[A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
#: ``{{<name}}`` is a list's pattern shaped for lookbehind (matched right to left).
BACKWARD = "<"


def trie_pattern(terms: Iterable[str]) -> str:
    """A non-capturing regex that matches any of ``terms``, preferring the longest."""
    root: dict = {}
    for term in terms:
        if not term:
            continue
        node = root
        for char in term:
            node = node.setdefault(char, {})
        node[""] = True
    if not root:
        return r"(?!)"
    return _node_pattern(root)


def suffix_trie_pattern(terms: Iterable[str]) -> str:
    """Like trie_pattern, but fast inside a lookbehind, which the regex module matches
    right to left: branches share the terms' endings, so each position costs a few
    tests instead of one per term."""
    root: dict = {}
    for term in terms:
        if not term:
            continue
        node = root
        for char in reversed(term):
            node = node.setdefault(char, {})
        node[""] = True
    if not root:
        return r"(?!)"
    return _backward_node(root)


def _alternation(branches: list[str]) -> str:
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _backward_node(node: dict) -> str:
    branches = [
        ("" if node[char] == {"": True} else _backward_node(node[char])) + regex.escape(char)
        for char in sorted(key for key in node if key)
    ]
    if not branches:
        return ""
    body = _alternation(branches)
    return "(?:" + body + ")?" if "" in node else body


def _node_pattern(node: dict) -> str:
    ends_here = "" in node
    branches = []
    singles = []
    for char in sorted(key for key in node if key):
        child = node[char]
        if child == {"": True}:
            singles.append(char)
        else:
            branches.append(regex.escape(char) + _node_pattern(child))
    if singles:
        if len(singles) == 1:
            branches.append(regex.escape(singles[0]))
        else:
            branches.append("[" + "".join(_class_escape(c) for c in singles) + "]")
    if not branches:
        return ""
    body = _alternation(branches)
    if ends_here:
        # Greedy optional: try the longer term first, else stop here.
        return "(?:" + body + ")?"
    return body


def _class_escape(char: str) -> str:
    return "\\" + char if char in "\\]^-[" else char


def expand_macros(pattern: str, lists: Mapping[str, str]) -> tuple[str, list[str]]:
    """Replace ``{{name}}`` with the list's pattern; return it and the unknown names.

    Inside a lookbehind, which the regex module matches right to left, a list gets its
    backward-shaped trie when there is one (as ``{{<name}}`` asks explicitly): a forward
    trie there costs a test per branch. ``{{level}}`` is left in place: it is bound per
    text (see rules.compiled_pattern).
    """
    unknown: list[str] = []
    behind = _lookbehind_positions(pattern)

    def substitute(match: regex.Match) -> str:
        name = match.group(1)
        if name == "level":
            return match.group(0)
        if name not in lists:
            unknown.append(name)
            return match.group(0)
        if behind[match.start()] and BACKWARD + name in lists:
            name = BACKWARD + name
        return "(?:" + lists[name] + ")"

    return MACRO.sub(substitute, pattern), unknown


def _lookbehind_positions(pattern: str) -> bytearray:
    """For each position of ``pattern``: 1 where the innermost lookaround around it is a
    lookbehind. Escapes and character classes are skipped; groups are tracked."""
    flags = bytearray(len(pattern))
    stack: list[bool] = []  # per open group: is the innermost lookaround a lookbehind?
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        inside = stack[-1] if stack else False
        flags[index] = inside
        if char == "\\":
            if index + 1 < len(pattern):
                flags[index + 1] = inside
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern.startswith("]", index + 1) or pattern.startswith("^]", index + 1):
                index += 2 if pattern[index + 1] == "]" else 3
                continue
        elif char == "(":
            if pattern.startswith(("(?<=", "(?<!"), index):
                stack.append(True)
            elif pattern.startswith(("(?=", "(?!"), index):
                stack.append(False)
            else:
                stack.append(inside)
        elif char == ")" and stack:
            stack.pop()
        index += 1
    return flags
