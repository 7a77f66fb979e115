"""Run a rule set's detectors over a text and collect candidate spans.

Each rule yields spans independently; overlaps are settled later by resolve.py, so
adding a rule never changes what another rule finds.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

try:  # optional accelerator: without it term lists fall back to the regex engine
    import ahocorasick_rs
except ImportError:  # pragma: no cover - exercised where the wheel is missing
    ahocorasick_rs = None

from .model import Rule, RuleSet, Span
from .patterns import trie_pattern
from .rules import LEVEL_FORMS, NO_LEVEL, compiled_pattern, level_pattern

#: Words that make a level character mean "this jurisdiction" (全省, 省委, 省政府 ...).
_SELF_BEFORE = "(?:全|我|本)"
_SELF_AFTER = "(?:委|政府|人民政府|人大|政协|党委)"


def detect_level(text: str, rule_set: RuleSet) -> str:
    """The report's own jurisdiction level: the rule set's, or the most self-referenced.

    A text whose self-references are already masked (全X, X委) as often as the best
    level is named is a template: its unmasked level words (全省 in a county report) are
    not its own, so no level is returned and nothing is masked as "self" (this keeps
    redact idempotent).
    """
    if rule_set.level != "auto":
        return rule_set.level
    best, best_count = rule_set.levels[0], 0
    for level in rule_set.levels:
        if level in LEVEL_FORMS and not _long_form_used(text, level):
            continue
        count = len(_self_reference(level).findall(text))
        if count > best_count:
            best, best_count = level, count
    masked = len(_masked_self_reference(rule_set.symbol).findall(text))
    return NO_LEVEL if masked and masked >= best_count else best


def _long_form_used(text: str, level: str) -> bool:
    """自治区 counts as a level only where the text says 自治区党委 and the like."""
    return regex.search(regex.escape(level) + _SELF_AFTER, text) is not None


@functools.lru_cache(maxsize=8)
def _masked_self_reference(symbol: str) -> regex.Pattern:
    mask = regex.escape(symbol)
    return regex.compile(f"{_SELF_BEFORE}{mask}|(?<!{mask}){mask}{_SELF_AFTER}")


@functools.lru_cache(maxsize=32)
def _self_reference(level: str) -> regex.Pattern:
    forms = level_pattern(level)
    return regex.compile(f"{_SELF_BEFORE}{forms}|{forms}{_SELF_AFTER}")


def rule_spans(text: str, rule: Rule, level: str,
               end_tests: dict | None = None) -> Iterator[Span]:
    """Every span one rule wants to mask: its ``mask`` group(s) or the whole match.
    ``end_tests`` shares the tests of ``not_ending_in`` between the rules of one text."""
    ends_a_term = None
    if rule.not_ending_in:
        end_tests = {} if end_tests is None else end_tests
        ends_a_term = end_tests.get(rule.not_ending_in)
        if ends_a_term is None:
            ends_a_term = end_tests[rule.not_ending_in] = term_end_test(text, rule.not_ending_in)
    for start, end in _found(text, rule, level):
        if ends_a_term is not None and ends_a_term(end):
            continue
        end = _trim_suffix(text, start, end, rule.keep_suffix)
        if end > start and not (rule.not_in and text[start:end] in rule.not_in):
            yield Span(start, end, rule.category, rule.id, rule.priority, rule.mask)


def _found(text: str, rule: Rule, level: str) -> Iterator[tuple[int, int]]:
    """The rule's raw spans, found where they can be without trying every position.

    A regex engine tries a trie of thousands of names, or a name before a suffix, at
    every position of the text (~50x slower than a plain scan). Term lists are found
    by Aho-Corasick instead (where it is installed) and only their context is checked
    at each occurrence; a rule with an anchor is tried only around its anchors.
    """
    if rule.terms:
        return _term_spans(text, rule, level)
    pattern = compiled_pattern(rule.pattern, level)
    if rule.anchor:
        matches = _anchored(text, rule, level, _anchor_spans(text, rule, level))
    else:
        matches = pattern.finditer(text)
    if "mask" in pattern.groupindex:
        return (span for match in matches for span in match.spans("mask"))
    return (match.span() for match in matches)


def _term_spans(text: str, rule: Rule, level: str) -> Iterator[tuple[int, int]]:
    """Occurrences of a rule's terms whose context fits. Where the longest term at a
    place fails its context, the whole pattern decides there (a shorter term may fit)."""
    fits = _context_test(rule.before, rule.after, level)
    for start, end in find_terms(text, rule.terms):
        if fits is None or fits(text, start, end):
            yield start, end
        else:
            match = compiled_pattern(rule.pattern, level).match(text, start)
            if match:
                yield match.span()


def _context_test(before: str, after: str, level: str):  # -> Callable | None
    """A test of the lookbehinds at an occurrence's start and the lookaheads at its end;
    None when there is no context to test."""
    if not before and not after:
        return None
    behind = compiled_pattern(before, level) if before else None
    ahead = compiled_pattern(after, level) if after else None

    def fits(text: str, start: int, end: int) -> bool:
        return ((behind is None or behind.match(text, start) is not None)
                and (ahead is None or ahead.match(text, end) is not None))

    return fits


#: How far past its anchor a match of an anchored rule may reach (lists of names); a
#: match starts at most one character after its anchor (a title, then a colon or space).
_REACH = 64


def _anchored(text: str, rule: Rule, level: str,
              anchors: Iterator[tuple[int, int]]) -> Iterator[regex.Match]:
    """Matches that start from ``window`` characters before an anchor to just after it."""
    pattern = compiled_pattern(rule.pattern, level)
    done = 0
    for start, end in anchors:
        if end <= done:
            continue
        for position in range(max(done, start - rule.window), end + 2):
            match = pattern.match(text, position, end + _REACH)
            if match:
                yield match
                done = max(match.end(), match.start() + 1)
                break


def _anchor_spans(text: str, rule: Rule, level: str) -> Iterator[tuple[int, int]]:
    if rule.anchor_terms:
        fits = _context_test(rule.anchor_before, rule.anchor_after, level)
        if fits is None:
            return find_terms(text, rule.anchor_terms)
        # Overlapping: in 党总支书记 the longest term first found is 支书, whose context
        # fails; 书记, which overlaps it, is the anchor that fits.
        found = find_terms(text, rule.anchor_terms, overlapping=True)
        return (span for span in found if fits(text, *span))
    return (match.span() for match in compiled_pattern(rule.anchor, level).finditer(text))


def find_terms(text: str, terms: tuple[str, ...], cached: bool = True,
               overlapping: bool = False) -> Iterator[tuple[int, int]]:
    """Leftmost-longest, non-overlapping occurrences of any of ``terms`` (or, with
    ``overlapping``, every occurrence, about in order of their ends): Aho-Corasick where
    ahocorasick-rs is installed, a trie-shaped regex (much slower) where not.
    ``cached=False`` for terms used once (one text's names): they would push a rule
    set's automata out of the cache."""
    build = _overlapping_automaton if overlapping else _automaton
    automaton = build(terms) if cached else build.__wrapped__(terms)
    if automaton is None:
        if overlapping:
            return every_occurrence(text, terms)
        return (match.span() for match in _terms_regex(terms).finditer(text))
    if len(text) <= _CHUNK:
        return ((start, end) for _, start, end
                in automaton.find_matches_as_indexes(text, overlapping=overlapping))
    return _chunked_terms(text, automaton, max(map(len, terms)), overlapping)


def every_occurrence(text: str, terms: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """Every occurrence of any of ``terms``, in order of their ends, by looking up each
    piece of text that ends at each position (slow: only where Aho-Corasick is missing)."""
    known = frozenset(terms)
    lengths = sorted({len(term) for term in terms}, reverse=True)
    for end in range(1, len(text) + 1):
        for length in lengths:
            if length <= end and text[end - length:end] in known:
                yield end - length, end


#: Aho-Corasick scans a long text in pieces of this many characters: ahocorasick-rs
#: copies its whole haystack per call, which costs ~4x more per character at 10 MB
#: than at 1 MB (pages faulted in anew on every call).
_CHUNK = 1 << 18


def _chunked_terms(text: str, automaton, longest: int,
                   overlapping: bool) -> Iterator[tuple[int, int]]:
    """The same occurrences as one scan of ``text``: whether a term starts at a place
    depends only on the ``longest`` characters from there, so each piece is scanned
    with that much of the next one and keeps the occurrences that start inside it
    (a non-overlapping scan goes on where the last occurrence it kept ended)."""
    start = 0
    while start < len(text):
        stop = start + _CHUNK
        resume = stop
        for _, begin, end in automaton.find_matches_as_indexes(
                text[start:stop + longest - 1], overlapping=overlapping):
            if begin >= _CHUNK:
                if overlapping:
                    continue
                break
            resume = start + end
            yield start + begin, start + end
        start = stop if overlapping else max(stop, resume)


@functools.lru_cache(maxsize=64)
def _automaton(terms: tuple[str, ...]):  # -> ahocorasick_rs.AhoCorasick | None
    if ahocorasick_rs is None:
        return None
    return ahocorasick_rs.AhoCorasick(
        terms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        implementation=ahocorasick_rs.Implementation.DFA)


def term_end_test(text: str, terms: tuple[str, ...]):  # -> Callable[[int], bool]
    """Whether an occurrence of one of ``terms`` ends at a position of ``text``: a set of
    the ends of all occurrences (overlapping ones too)."""
    return {end for _, end in find_terms(text, terms, overlapping=True)}.__contains__


@functools.lru_cache(maxsize=16)
def _overlapping_automaton(terms: tuple[str, ...]):  # -> ahocorasick_rs.AhoCorasick | None
    if ahocorasick_rs is None:
        return None
    return ahocorasick_rs.AhoCorasick(terms, implementation=ahocorasick_rs.Implementation.DFA)


@functools.lru_cache(maxsize=64)
def _terms_regex(terms: tuple[str, ...]) -> regex.Pattern:
    return regex.compile(trie_pattern(terms))


def shortener(text: str, rule_set: RuleSet, level: str):  # -> resolve.Shorten
    """Re-match a candidate's rule from its start with the text cut at ``limit``."""
    rules = {rule.id: rule for rule in rule_set.rules}

    def shorten(span: Span, limit: int) -> Span | None:
        rule = rules.get(span.rule_id)
        if rule is None:
            return None
        pattern = compiled_pattern(rule.pattern, level)
        match = pattern.match(text, span.start, limit)
        if not match:
            return None
        start, end = match.spans("mask")[0] if "mask" in pattern.groupindex else match.span()
        end = _trim_suffix(text, start, end, rule.keep_suffix)
        if start != span.start or end <= start:
            return None
        return Span(start, end, span.category, span.rule_id, span.priority, span.mask)

    return shorten


def _trim_suffix(text: str, start: int, end: int, suffixes: tuple[str, ...]) -> int:
    for suffix in suffixes:  # longest first
        if end - start > len(suffix) and text.endswith(suffix, start, end):
            return end - len(suffix)
    return end


def find_spans(text: str, rule_set: RuleSet, level: str, protected: bytearray) -> list[Span]:
    """All candidate spans of every rule, minus those touching a ``protected`` character
    (see allowed_characters)."""
    end_tests: dict = {}
    spans = [span for rule in rule_set.rules
             for span in rule_spans(text, rule, level, end_tests)]
    if rule_set.allow and spans:
        spans = [s for s in spans if protected.find(1, s.start, s.end) == -1]
    return spans


def allowed_characters(text: str, rule_set: RuleSet) -> bytearray:
    """1 for each character inside an occurrence of an allow-listed term: never masked."""
    protected = bytearray(len(text))
    if rule_set.allow:
        for start, end in find_terms(text, rule_set.allow):
            protected[start:end] = b"\x01" * (end - start)
    return protected
