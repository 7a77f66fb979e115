"""Load and validate rule sets from TOML; bind the jurisdiction level; compile lazily.

The format is documented in rules/README.md. Loading checks everything it can
(keys, categories, mask styles, regexes, list names, examples' syntax) and raises a
RuleError naming the file and rule id, so a bad rule never fails later mid-text.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from .errors import RuleError
from .model import CATEGORIES, Rule, RuleSet
from .patterns import BACKWARD, MACRO, expand_macros, suffix_trie_pattern, trie_pattern

DEFAULT_RULE_SET = "zh-report"
MASK_STYLES = ("per-char", "fixed", "single", "typed",
               # Stateful styles (render.Naming): one name per distinct original.
               "numbered", "court", "pseudonym", "letters")
STYLE_PRESETS: dict[str, dict[str, str]] = {
    # The hand-made template's style: one X per digit, X for the report's own
    # jurisdiction, XX for any name.
    "seed": {"number": "per-char", "self": "single", "*": "fixed"},
    "fixed": {"*": "fixed"},
    "per-char": {"*": "per-char"},
    "typed": {"*": "typed"},
    # {{地名1}}, {{人名2}}: fillable placeholders (see rules/STYLES.md).
    "numbered": {"*": "numbered"},
    # Published judgments: 张某 (张某1, 张某2 on collision), 某市, 某县.
    "court": {"number": "per-char", "self": "single", "*": "court"},
    # Consistent pseudonyms: 甲市, 乙市 / A县, B县.
    "pseudonym": {"number": "per-char", "self": "single", "*": "pseudonym"},
    "letters": {"number": "per-char", "self": "single", "*": "letters"},
}
DEFAULT_LABELS = {
    "number": "数字",
    "place": "地名",
    "person": "人名",
    "org": "机构",
    "self": "本级",
}
#: What each jurisdiction level may be written as in the text (全区 and 自治区党委 alike).
LEVEL_FORMS: dict[str, tuple[str, ...]] = {
    "自治区": ("自治区", "区"),
    "自治州": ("自治州", "州"),
    "自治县": ("自治县", "县"),
}
#: The level of a text that is already a template: nothing is masked as "self".
NO_LEVEL = ""
RULE_KEYS = {
    "id", "category", "description", "regex", "terms", "terms_file", "terms_list",
    "before", "after", "not_before", "not_after", "keep_suffix", "not_ending_in", "not_in", "mask",
    "priority", "spread",
    "anchor", "window",
    "examples", "counter_examples",
}
TOP_KEYS = {
    "name", "description", "extends", "level", "levels", "style", "symbol", "masks",
    "labels", "categories", "collapse_lists", "consistency", "list_mates", "allow", "allow_files",
    "deny", "lists", "rule", "disable",
}


def load_rules(name_or_path: str | Path | None = None) -> RuleSet:
    """Load a rule set by bundled name (``zh-report``) or by path to a TOML file."""
    path = _locate(name_or_path or DEFAULT_RULE_SET)
    return _load_file(path, seen=())


def rule_set_of(rules: RuleSet | str | Path | None) -> RuleSet:
    """A loaded rule set as given, or load one by name or path (None: the default)."""
    return rules if isinstance(rules, RuleSet) else load_rules(rules)


def bundled_rule_sets() -> list[str]:
    """Names of the rule sets shipped with the package."""
    return sorted(p.name[:-5] for p in _bundled_folder().iterdir() if p.name.endswith(".toml"))


def _bundled_folder() -> Any:
    """Where the bundled rule sets are: the installed package data, or rules/ beside
    the package in a source checkout that was not installed."""
    try:
        return resources.files("redactor.rulesets")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "rules"


def _locate(name_or_path: str | Path) -> Path:
    text = str(name_or_path)
    path = Path(text)
    if path.suffix == ".toml" or path.exists() or "/" in text or "\\" in text:
        if not path.is_file():
            raise RuleError(text, "no such rule file")
        return path
    bundled = _bundled_folder() / f"{text}.toml"
    if not bundled.is_file():
        names = ", ".join(bundled_rule_sets())
        raise RuleError(text, f"no bundled rule set of that name (there are: {names})")
    return Path(str(bundled))


def _load_file(path: Path, seen: tuple[str, ...]) -> RuleSet:
    source = str(path)
    if source in seen:
        raise RuleError(source, "extends itself (circular 'extends')")
    try:
        raw = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise RuleError(source, f"cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise RuleError(source, "not UTF-8 text") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise RuleError(source, f"TOML syntax error: {error}") from None
    _check_keys(data, TOP_KEYS, source, None, "top-level key")
    parent = None
    if "extends" in data:
        base = data["extends"]
        if not isinstance(base, str):
            raise RuleError(source, "'extends' must be a rule set name or a path")
        target = base if not base.endswith(".toml") else str(path.parent / base)
        parent = _load_file(_locate(target), seen + (source,))
    return _build(data, path, parent)


def _build(data: dict[str, Any], path: Path, parent: RuleSet | None) -> RuleSet:
    source = str(path)
    folder = path.parent
    categories = tuple(parent.categories if parent else CATEGORIES)
    for extra in _str_list(data.get("categories", []), source, None, "categories"):
        if extra not in categories:
            categories += (extra,)

    lists: dict[str, str] = dict(parent.lists if parent else ())
    list_terms: dict[str, tuple[str, ...]] = dict(parent.list_terms if parent else ())
    for name, spec in data.get("lists", {}).items():
        where = f"lists.{name}"
        if isinstance(spec, dict) and "regex" in spec:
            lists[name] = _regex_list(spec, source, where, lists)
            list_terms.pop(name, None)
        else:
            list_terms[name] = tuple(_read_list(spec, folder, source, where))
            lists[name] = trie_pattern(list_terms[name])
            lists[BACKWARD + name] = suffix_trie_pattern(list_terms[name])

    style = data.get("style", parent.style if parent else "seed")
    if style not in STYLE_PRESETS:
        raise RuleError(source, f"unknown style {style!r} (known: {', '.join(STYLE_PRESETS)})")
    category_masks = dict(parent.category_masks if parent else ())
    for category, mask in data.get("masks", {}).items():
        _check_category(category, categories, source, None)
        _check_mask(mask, source, None)
        category_masks[category] = mask
    labels = dict(parent.labels if parent else DEFAULT_LABELS)
    labels.update(data.get("labels", {}))

    rules: dict[str, Rule] = {rule.id: rule for rule in (parent.rules if parent else ())}
    for rule_id in _str_list(data.get("disable", []), source, None, "disable"):
        if rule_id not in rules:
            raise RuleError(source, f"'disable' names an unknown rule {rule_id!r}")
        del rules[rule_id]
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RuleError(source, "'rule' must be an array of tables ([[rule]])")
    own_ids: set[str] = set()
    for index, raw in enumerate(raw_rules):
        rule = _build_rule(raw, index, folder, source, lists, list_terms, categories)
        if rule.id in own_ids:
            raise RuleError(source, "duplicate rule id", rule.id)
        own_ids.add(rule.id)
        rules[rule.id] = rule
    for category, terms in data.get("deny", {}).items():
        _check_category(category, categories, source, f"deny.{category}")
        words = _str_list(terms, source, f"deny.{category}", "deny")
        rule_id = f"deny.{category}"
        rules[rule_id] = Rule(
            id=rule_id, category=category, pattern=trie_pattern(words), detector="deny",
            terms=tuple(words),
            priority=100, description=f"{category} terms this rule set always masks",
            source=source,
        )

    allow = list(parent.allow if parent else ())
    allow += _str_list(data.get("allow", []), source, None, "allow")
    for file_name in _str_list(data.get("allow_files", []), source, None, "allow_files"):
        allow += _read_list({"file": file_name}, folder, source, "allow_files")

    level = data.get("level", parent.level if parent else "auto")
    levels = tuple(_str_list(data.get("levels", list(parent.levels if parent else RuleSet.levels)),
                             source, None, "levels"))
    if level != "auto" and level not in levels:
        levels = (level,) + levels
    collapse = data.get("collapse_lists", parent.collapse_lists if parent else False)
    if not isinstance(collapse, bool):
        raise RuleError(source, "'collapse_lists' must be true or false")
    consistent, consistency_exclude, heading, not_after = _consistency(
        data, folder, source, categories, parent)
    mates = _list_mates(data, source, categories, list_terms, parent)
    symbol = data.get("symbol", parent.symbol if parent else "X")
    if not isinstance(symbol, str) or len(symbol) != 1:
        raise RuleError(source, "'symbol' must be a single character")
    return RuleSet(
        name=str(data.get("name", path.stem)),
        description=str(data.get("description", "")),
        rules=tuple(rules.values()),
        allow=tuple(dict.fromkeys(allow)),
        style=style,
        category_masks=tuple(category_masks.items()),
        symbol=symbol,
        collapse_lists=collapse,
        consistent_categories=consistent,
        consistency_exclude=consistency_exclude,
        consistency_heading=heading,
        consistency_not_after=not_after,
        mate_categories=mates[0],
        mate_endings=mates[1],
        mate_exclude=mates[2],
        level=level,
        levels=levels,
        categories=categories,
        labels=tuple(labels.items()),
        lists=tuple(lists.items()),
        list_terms=tuple(list_terms.items()),
        source=source,
    )


def _build_rule(raw: Any, index: int, folder: Path, source: str, lists: dict[str, str],
                list_terms: dict[str, tuple[str, ...]], categories: tuple[str, ...]) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(source, f"rule #{index + 1} is not a table")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not regex.fullmatch(r"[A-Za-z0-9_.\-]+", rule_id):
        raise RuleError(source,
                        f"rule #{index + 1} needs an 'id' of letters, digits, '.', '-', '_'")
    _check_keys(raw, RULE_KEYS, source, rule_id, "key")
    category = raw.get("category")
    if not isinstance(category, str):
        raise RuleError(source, "missing 'category'", rule_id)
    _check_category(category, categories, source, rule_id)
    detectors = [key for key in ("regex", "terms", "terms_file", "terms_list") if key in raw]
    if len(detectors) != 1:
        raise RuleError(source, "needs exactly one of regex, terms, terms_file, terms_list",
                        rule_id)
    detector = detectors[0]
    terms: tuple[str, ...] = ()
    if detector == "regex":
        if not isinstance(raw["regex"], str):
            raise RuleError(source, "'regex' must be a string", rule_id)
        body = raw["regex"]
    elif detector == "terms_list":
        name = raw["terms_list"]
        if name not in lists:
            raise RuleError(source, f"'terms_list' names an unknown list {name!r}", rule_id)
        body = "{{" + name + "}}"
        terms = list_terms.get(name, ())
    else:
        spec = raw["terms"] if detector == "terms" else {"file": raw["terms_file"]}
        terms = tuple(_read_list(spec, folder, source, f"rule {rule_id}"))
        body = trie_pattern(terms)
    before, after = _context_parts(raw, source, rule_id)
    pattern, before, after = _in_context(body, before, after, lists, source, rule_id, "pattern")
    anchor, anchor_terms, anchor_before, anchor_after, window = _anchor(
        raw, source, rule_id, lists, list_terms)
    mask = raw.get("mask")
    if mask is not None:
        _check_mask(mask, source, rule_id)
    priority = raw.get("priority", 50)
    if not isinstance(priority, int) or isinstance(priority, bool):
        raise RuleError(source, "'priority' must be an integer", rule_id)
    spread = raw.get("spread", True)
    if not isinstance(spread, bool):
        raise RuleError(source, "'spread' must be true or false", rule_id)
    rule = Rule(
        id=rule_id,
        category=category,
        pattern=pattern,
        detector="terms" if detector != "regex" else "regex",
        mask=mask,
        priority=priority,
        spread=spread,
        description=str(raw.get("description", "")),
        terms=terms,
        before=before,
        after=after,
        anchor=anchor,
        anchor_terms=anchor_terms,
        anchor_before=anchor_before,
        anchor_after=anchor_after,
        window=window,
        keep_suffix=tuple(sorted(_str_list(raw.get("keep_suffix", []), source, rule_id,
                                           "keep_suffix"), key=len, reverse=True)),
        not_ending_in=_terms_of_lists(raw, "not_ending_in", list_terms, source, rule_id),
        not_in=frozenset(_terms_of_lists(raw, "not_in", list_terms, source, rule_id)),
        examples=tuple(_str_list(raw.get("examples", []), source, rule_id, "examples")),
        counter_examples=tuple(_str_list(raw.get("counter_examples", []), source, rule_id,
                                         "counter_examples")),
        source=source,
    )
    # A term list's trie always compiles: only its context, the user's regex, is checked
    # now; the whole pattern is compiled when a text first needs it (seconds saved at load
    # for a gazetteer's rules, which most texts never need it for).
    checked = ([part for part in (rule.before, rule.after) if part] if rule.terms
               else [rule.pattern])
    try:
        for part in checked:
            compiled_pattern(part, "省")
    except regex.error as error:
        raise RuleError(source, f"regex does not compile: {error}", rule_id) from None
    for example in rule.examples:
        if "[" not in example or "]" not in example:
            raise RuleError(source, f"example {example!r} marks no expected mask with [...]",
                            rule_id)
    return rule


def _consistency(data: dict, folder: Path, source: str, categories: tuple[str, ...],
                 parent: RuleSet | None) -> tuple[tuple[str, ...], tuple[str, ...], int, str]:
    """``[consistency]``: categories whose names are masked everywhere, and exceptions."""
    spec = data.get("consistency")
    if spec is None:
        return ((parent.consistent_categories, parent.consistency_exclude,
                 parent.consistency_heading, parent.consistency_not_after) if parent
                else ((), (), 0, ""))
    keys = {"categories", "exclude", "exclude_file", "heading", "not_after"}
    if not isinstance(spec, dict) or set(spec) - keys:
        raise RuleError(source, f"'consistency' is a table of {', '.join(sorted(keys))}")
    chosen = tuple(_str_list(spec.get("categories", []), source, None, "consistency.categories"))
    for category in chosen:
        _check_category(category, categories, source, None)
    exclude = _read_list({"terms": spec.get("exclude", [])}, folder, source, "consistency")
    for name in _file_names(spec.get("exclude_file", []), source, None, "consistency.exclude_file"):
        exclude += _read_terms_file(folder / name, source, "consistency")
    heading = spec.get("heading", 0)
    if not isinstance(heading, int) or isinstance(heading, bool) or heading < 0:
        raise RuleError(source, "'consistency.heading' must be a whole number of characters, "
                                f"not {heading!r}")
    not_after = spec.get("not_after", "")
    if not isinstance(not_after, str):
        raise RuleError(source, "'consistency.not_after' must be a regex string")
    try:
        regex.compile(not_after)
    except regex.error as error:
        raise RuleError(source, f"'consistency.not_after' does not compile: {error}") from None
    return chosen, tuple(dict.fromkeys(exclude)), heading, not_after


def _list_mates(data: dict, source: str, categories: tuple[str, ...],
                list_terms: dict[str, tuple[str, ...]], parent: RuleSet | None
                ) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """``[list_mates]``: categories, the endings of one kind, and lists of words no name is."""
    spec = data.get("list_mates")
    if spec is None:
        return ((parent.mate_categories, parent.mate_endings, parent.mate_exclude) if parent
                else ((), (), frozenset()))
    if not isinstance(spec, dict) or set(spec) - {"categories", "endings", "exclude"}:
        raise RuleError(source, "'list_mates' is a table of categories, endings, exclude")
    chosen = tuple(_str_list(spec.get("categories", []), source, None, "list_mates.categories"))
    for category in chosen:
        _check_category(category, categories, source, None)
    endings = tuple(_str_list(spec.get("endings", []), source, None, "list_mates.endings"))
    if chosen and not endings:
        raise RuleError(source, "'list_mates.endings' must name at least one ending")
    excluded: set[str] = set()
    for name in _str_list(spec.get("exclude", []), source, None, "list_mates.exclude"):
        if name not in list_terms:
            raise RuleError(source, f"'list_mates.exclude' names {name!r}, which is no term list")
        excluded.update(list_terms[name])
    return chosen, endings, frozenset(excluded)


def _regex_list(spec: dict, source: str, where: str, lists: dict[str, str]) -> str:
    """A list given as ``{ regex = '...' }``: a pattern that may use earlier lists."""
    pattern = spec["regex"]
    if not isinstance(pattern, str) or len(spec) != 1:
        raise RuleError(source, f"{where}: a regex list is {{ regex = '...' }} alone")
    pattern, unknown = expand_macros(pattern, lists)
    if unknown:
        raise RuleError(source, f"{where}: unknown list {{{{{unknown[0]}}}}}")
    try:
        regex.compile(pattern)
    except regex.error as error:
        raise RuleError(source, f"{where}: regex does not compile: {error}") from None
    return pattern


def _anchor(raw: dict, source: str, rule_id: str, lists: dict[str, str],
            list_terms: dict[str, tuple[str, ...]]) -> tuple[str, tuple[str, ...], str, str, int]:
    """A rule's anchor: its pattern, its terms when it is one term list, its context
    (lookbehinds, lookaheads) and its window.

    ``anchor`` is a regex, a list of strings or ``'{{list}}'``; or a table with one of
    those as ``terms`` plus ``before``, ``not_before``, ``after``, ``not_after``, so a term
    list is still found by Aho-Corasick and only its occurrences in context are tried.
    """
    window = raw.get("window", 8)
    if not isinstance(window, int) or isinstance(window, bool) or window < 0:
        raise RuleError(source, "'window' must be a whole number of characters", rule_id)
    if "anchor" not in raw:
        return "", (), "", "", window
    spec = raw["anchor"]
    if isinstance(spec, dict):
        unknown_keys = set(spec) - {"terms", *_CONTEXT_WRAPS}
        if unknown_keys or "terms" not in spec:
            raise RuleError(source, "an 'anchor' table has 'terms' and optionally before, "
                            "not_before, after, not_after", rule_id)
        before, after = _context_parts(spec, source, rule_id, "anchor.")
        spec = spec["terms"]
    else:
        before = after = ""
    anchor = _context(spec, source, rule_id, "anchor")
    if isinstance(spec, list):
        terms = tuple(spec)
    else:
        whole_list = MACRO.fullmatch(anchor.strip())
        terms = list_terms.get(whole_list.group(1), ()) if whole_list else ()
    anchor, before, after = _in_context(anchor, before, after, lists, source, rule_id, "anchor")
    return anchor, terms, before, after, window


def _terms_of_lists(raw: dict, key: str, list_terms: dict[str, tuple[str, ...]], source: str,
                    rule_id: str) -> tuple[str, ...]:
    """The terms of the term lists a rule names under ``key``, together."""
    terms: set[str] = set()
    for name in _str_list(raw.get(key, []), source, rule_id, key):
        if name not in list_terms:
            raise RuleError(source, f"'{key}' names {name!r}, which is not a term list", rule_id)
        terms.update(list_terms[name])
    return tuple(sorted(terms))


def _in_context(body: str, before: str, after: str, lists: dict[str, str], source: str,
                rule_id: str, where: str) -> tuple[str, str, str]:
    """``body`` between its lookbehinds and lookaheads, and those two alone (each checked
    on its own at a term's occurrences), with every ``{{list}}`` expanded."""
    expanded = []
    for part in (before + "(?:" + body + ")" + after, before, after):
        part, unknown = expand_macros(part, lists)
        if unknown:
            raise RuleError(source, f"unknown list {{{{{unknown[0]}}}}} in {where}", rule_id)
        expanded.append(part)
    return expanded[0], expanded[1], expanded[2]


#: Context keys of term rules and anchors, and the zero-width group each becomes.
_CONTEXT_WRAPS = {"not_before": "(?<!{})", "before": "(?<={})",
                  "after": "(?={})", "not_after": "(?!{})"}


def _context_parts(spec: dict, source: str, rule_id: str, prefix: str = "") -> tuple[str, str]:
    """The lookbehinds (before, not_before) and lookaheads (after, not_after) of ``spec``."""
    parts = {key: wrap.format(_context(spec[key], source, rule_id, prefix + key))
             for key, wrap in _CONTEXT_WRAPS.items() if key in spec}
    return (parts.get("not_before", "") + parts.get("before", ""),
            parts.get("after", "") + parts.get("not_after", ""))


def _context(value: Any, source: str, rule_id: str, key: str) -> str:
    if isinstance(value, list):
        value = "|".join(regex.escape(item) for item in _str_list(value, source, rule_id, key))
    if not isinstance(value, str):
        raise RuleError(source, f"'{key}' must be a regex string or a list of strings", rule_id)
    return value


_LIST_KEYS = {"terms", "file", "exclude", "exclude_file", "min_length", "max_length",
              "first_char", "starting_with"}


def _file_names(value: Any, source: str, where: str | None, key: str) -> list[str]:
    """A key that names one file or several (``file = "a.txt"``, ``file = ["a.txt", "b.txt"]``)."""
    return _str_list([value] if isinstance(value, str) else value, source, where, key)


def _read_list(spec: Any, folder: Path, source: str, where: str) -> list[str]:
    """A term list: inline strings, or a table (see _LIST_KEYS and rules/README.md)."""
    if isinstance(spec, list):
        return _str_list(spec, source, where, "terms")
    if not isinstance(spec, dict):
        raise RuleError(source, f"{where}: a list must be an array of strings or a table")
    unknown = sorted(set(spec) - _LIST_KEYS)
    if unknown:
        raise RuleError(source, f"{where}: unknown key {unknown[0]!r} (a list table takes "
                                f"{', '.join(sorted(_LIST_KEYS))})")
    terms = list(_str_list(spec.get("terms", []), source, where, "terms"))
    for name in _file_names(spec.get("file", []), source, where, "file"):
        terms += _read_terms_file(folder / name, source, where)
    excluded = set(_str_list(spec.get("exclude", []), source, where, "exclude"))
    for name in _file_names(spec.get("exclude_file", []), source, where, "exclude_file"):
        excluded.update(_read_terms_file(folder / name, source, where))
    shortest, longest = spec.get("min_length", 1), spec.get("max_length", 10**6)
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (shortest, longest)):
        raise RuleError(source, f"{where}: min_length and max_length must be integers")
    starts = spec.get("starting_with", None)
    if starts is not None and (not isinstance(starts, str) or not starts):
        raise RuleError(source, f"{where}: starting_with must be a string of characters")
    kept = [term for term in terms
            if term not in excluded and shortest <= len(term) <= longest
            and (starts is None or term[0] in starts)]
    if spec.get("first_char", False) is True:
        kept = list(dict.fromkeys(term[0] for term in kept))
    return kept


@functools.lru_cache(maxsize=64)
def _terms_file_cached(path: str) -> tuple[str, ...]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return tuple(line.split("\t")[0].strip() for line in lines
                 if line.strip() and not line.startswith("#"))


def _read_terms_file(path: Path, source: str, where: str) -> list[str]:
    try:
        return list(_terms_file_cached(str(path)))
    except OSError as error:
        raise RuleError(source, f"{where}: cannot read list file {path}: "
                                f"{error.strerror or error}") from None
    except UnicodeDecodeError:
        raise RuleError(source, f"{where}: list file {path} is not UTF-8") from None


def _str_list(value: Any, source: str, rule_id: str | None, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RuleError(source, f"'{key}' must be an array of strings", rule_id)
    return value


def _check_keys(data: dict, allowed: set[str], source: str, rule_id: str | None,
                what: str) -> None:
    for key in data:
        if key not in allowed:
            raise RuleError(source, f"unknown {what} {key!r} (allowed: "
                                    f"{', '.join(sorted(allowed))})", rule_id)


def _check_category(category: str, categories: tuple[str, ...], source: str,
                    rule_id: str | None) -> None:
    if category not in categories:
        raise RuleError(source, f"unknown category {category!r} (known: {', '.join(categories)};"
                                " declare others in 'categories')", rule_id)


def _check_mask(mask: Any, source: str, rule_id: str | None) -> None:
    if not isinstance(mask, str) or not (mask in MASK_STYLES or mask.startswith("=")):
        raise RuleError(source, f"unknown mask {mask!r} (known: {', '.join(MASK_STYLES)}, "
                                "or '=TEXT' for a literal)", rule_id)


def level_pattern(level: str) -> str:
    """The regex a jurisdiction level stands for in rule patterns (``{{level}}``)."""
    if level == NO_LEVEL:
        return "(?!)"
    forms = LEVEL_FORMS.get(level, (level,))
    return "(?:" + "|".join(regex.escape(form) for form in forms) + ")"


@functools.lru_cache(maxsize=4096)
def compiled_pattern(pattern: str, level: str) -> regex.Pattern:
    """Compile a rule's pattern with ``{{level}}`` bound; cached once per process."""
    return regex.compile(pattern.replace("{{level}}", level_pattern(level)))


def with_level(rule_set: RuleSet, level: str) -> RuleSet:
    """The same rule set with its jurisdiction level fixed (CLI --level)."""
    levels = rule_set.levels if level in rule_set.levels else (level,) + rule_set.levels
    return replace(rule_set, level=level, levels=levels)
