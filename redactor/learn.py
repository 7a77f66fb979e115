"""Learn a drafter's masking style from one hand-made pair (original, template).

The pair is aligned (after width folding and blank removal, see normalize.py); each
stretch of the original the drafter replaced by mask symbols is a drafter mask, any
other change is an edit (a rewritten title, a website header). The base rule set is
run on the original, and the two maskings are compared:

* masks the base misses           -> terms added with their category (or, when they are
                                     runs of names joined by 、, ``collapse_lists``);
* masks the drafter kept           -> allow-listed when kept deliberately (every time,
                                     or in a category the drafter rarely masks), else
                                     reported as a likely slip (``keep_slips`` learns them);
* categories the drafter never masks -> their rules disabled;
* mask shapes                      -> per category, the mask that reproduces most of the
                                     drafter's masks (X per digit, XX for names, X for
                                     the jurisdiction) and the symbol;
* suffixes swallowed, odd symbols  -> reported, not learned, when they are exceptions.

The result is a rule set that ``extends`` the base, written as TOML.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import regex

from .align import MASK_SEPARATORS, align, is_mask_text
from .model import Mask, RuleSet
from .normalize import normalize
from .redact import redact
from .render import mask_style, mask_text
from .rules import TOP_KEYS
from .toml_out import toml_array, toml_key, toml_string

#: A drafter masks names and figures, never across a clause: such a "mask" is an edit.
_SENTENCE_PUNCTUATION = regex.compile(r"[,;:!?。，；：！？]|[^\d][.．]|[.．][^\d]")
#: Separators inside a number that a per-digit mask keeps (2.52 -> X.XX).
_JOINERS = {".", ",", ":"}
#: Administrative suffixes a drafter may swallow into a mask (云南省 -> XXX).
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "县", "区", "州",
             "盟", "旗")
_SUFFIX_CHARS = set("省市县区州盟旗")
#: Separators a drafter may keep between masks (XX、XX).
_LIST_MARKS = set("、，,/·")
_LIST_SEPARATORS = set("、，,和及与")
#: Share of a category's base masks the drafter must keep before the category is "kept".
KEEP_CATEGORY_BELOW = 0.2
_STATELESS = ("per-char", "fixed", "single")
_MASK_IDS = {style: style for style in _STATELESS}
#: Learned terms are at least this long; shorter masks are learned with their context.
MIN_TERM = 2
#: Characters of context either side of a short learned mask.
CONTEXT = 2
#: Allow-list entries are at least this long (a single 新 would protect every 新疆).
MIN_ALLOW = 4

KEPT, MASKED, EDITED = 0, 1, 2


@dataclass(frozen=True)
class Region:
    """A stretch of the original the drafter changed: raw offsets and what replaced it."""

    start: int
    end: int
    replacement: str
    #: "mask" (only mask symbols), or "edit" (anything else: titles, headers, rewording).
    kind: str


@dataclass(frozen=True)
class Finding:
    """One line of the learn table."""

    #: "learned", "slip" (a likely mistake, not learned) or "unexplained".
    status: str
    #: What it is about: "allow", "terms.place", "mask.number", "symbol", "disable", ...
    what: str
    text: str
    detail: str = ""


@dataclass
class Learned:
    """What learn inferred: the settings of the rule set and the findings behind them."""

    base: str
    symbol: str = "X"
    masks: dict[str, str] = field(default_factory=dict)
    allow: list[str] = field(default_factory=list)
    terms: dict[str, list[str]] = field(default_factory=dict)
    disable: list[str] = field(default_factory=list)
    #: Short masks learned only in their context: (category, before, text, after).
    contexts: list[tuple[str, str, str, str, str | None]] = field(default_factory=list)
    #: The mask of a learned term whose drafted shape is not its category's (会议 -> 会X).
    term_masks: dict[str, str] = field(default_factory=dict)
    #: True or False when the drafter's lists differ from the base's; None: as the base.
    collapse_lists: bool | None = None
    findings: list[Finding] = field(default_factory=list)

    def note(self, status: str, what: str, text: str, detail: str = "") -> None:
        self.findings.append(Finding(status, what, text, detail))


def drafter_regions(original: str, template: str) -> list[Region]:
    """Where the template differs from the original, in raw original offsets.

    Uses the diff checker's alignment (align.align on normalised texts). Two masks
    split by a separator both sides share (2.52 -> X + . + XX) are one mask (X.XX).
    """
    folded_original, folded_template = normalize(original), normalize(template)
    a, b = folded_original.text, folded_template.text
    spans: list[tuple[int, int, int, int, str]] = []  # normalised i1, i2, j1, j2, kind
    for tag, i1, i2, j1, j2 in align(a, b):
        if tag == "equal":
            continue
        kind = "mask" if (i2 > i1 and is_mask_text(b[j1:j2])
                          and not _SENTENCE_PUNCTUATION.search(a[i1:i2])) else "edit"
        previous = spans[-1] if spans else None
        if (kind == "mask" and previous and previous[4] == "mask"
                and 0 < i1 - previous[1] <= 1 and a[previous[1]:i1] in _JOINERS
                and a[previous[1] - 1:previous[1]].isdigit() and a[i1:i1 + 1].isdigit()):
            spans[-1] = (previous[0], i2, previous[2], j2, "mask")
            continue
        spans.append((i1, i2, j1, j2, kind))
    regions = []
    for i1, i2, j1, j2, kind in spans:
        start, end = folded_original.raw_span(i1, i2)
        regions.append(Region(start, end, b[j1:j2], kind))
    return regions


def drafter_labels(original: str, regions: list[Region]) -> bytearray:
    """Per raw character of the original: KEPT, MASKED or EDITED by the drafter."""
    labels = bytearray(len(original))
    for region in regions:
        value = MASKED if region.kind == "mask" else EDITED
        labels[region.start:region.end] = bytes([value]) * (region.end - region.start)
    # blanks inside a masked stretch were dropped by normalisation: they are not masks
    for index, char in enumerate(original):
        if char.isspace():
            labels[index] = KEPT
    return labels


def learn(original: str, template: str, base: RuleSet, keep_slips: bool = False,
          regions: list[Region] | None = None) -> Learned:
    """Infer the drafter's style as changes to ``base``."""
    regions = drafter_regions(original, template) if regions is None else regions
    labels = drafter_labels(original, regions)
    result = Learned(base=base.name)
    base_template = redact(original, base)
    base_masks = [mask for mask in base_template.masks if EDITED not in labels[mask.start:mask.end]]
    covered = bytearray(len(original))
    for mask in base_template.masks:
        covered[mask.start:mask.end] = b"\x01" * (mask.end - mask.start)
    mask_regions = [region for region in regions if region.kind == "mask"]

    _learn_symbol(result, mask_regions, original)
    _learn_level_and_lists(result, base, base_template.level, mask_regions, original)
    _learn_shapes(result, base, base_masks, mask_regions, original)
    _learn_kept(result, base, base_masks, labels, keep_slips, original)
    _learn_missed(result, base, base_template.masks, mask_regions, covered, labels, original,
                  base_template.level)
    for region in regions:
        if region.kind == "edit":
            text = original[region.start:region.end]
            if text.strip() or region.replacement:
                result.note("unexplained", "edit", _short(text) or "(nothing)",
                            "-> " + (_short(region.replacement) or "(deleted)"))
    return result


def _learn_level_and_lists(result: Learned, base: RuleSet, level: str,
                           regions: list[Region], original: str) -> None:
    """The jurisdiction level the drafter generalises, and whether lists become one mask."""
    own = sum(1 for region in regions if original[region.start:region.end] == level)
    if own:
        result.note("learned", "level", level, f"the report's own {level} masked {own} times "
                                               f"(全{level} -> 全{result.symbol})")
    collapsed = itemized = 0
    for region in regions:
        text = original[region.start:region.end]
        if "、" in text and regex.search(r"\p{Han}、\p{Han}", text):
            if "、" in region.replacement:
                itemized += 1
            else:
                collapsed += 1
    if not collapsed + itemized:
        return
    wanted = collapsed > itemized
    if wanted != base.collapse_lists and "collapse_lists" in TOP_KEYS:
        result.collapse_lists = wanted
    result.note("learned", "collapse_lists", "true" if wanted else "false",
                f"{collapsed} list(s) masked as one, {itemized} item by item")


def _learn_symbol(result: Learned, regions: list[Region], original: str) -> None:
    counts = Counter(char for region in regions for char in region.replacement
                     if char not in MASK_SEPARATORS)
    if not counts:
        return
    symbol, _ = counts.most_common(1)[0]
    result.symbol = symbol
    result.note("learned", "symbol", symbol, f"{counts[symbol]} of {sum(counts.values())} "
                                             "mask characters")
    for region in regions:
        odd = set(region.replacement) - {symbol} - set(MASK_SEPARATORS)
        if odd:
            result.note("slip", "symbol", original[region.start:region.end],
                        f"masked with {''.join(sorted(odd))}, not {symbol}")


def _learn_shapes(result: Learned, base: RuleSet, masks: list[Mask], regions: list[Region],
                  original: str) -> None:
    """Per category, the stateless mask that reproduces most of the drafter's masks."""
    exact = {(region.start, region.end): region.replacement for region in regions}
    votes: dict[str, Counter] = {}
    seen: dict[str, int] = {}
    for mask in masks:
        drafted = exact.get((mask.start, mask.end))
        if drafted is None:
            continue
        seen[mask.category] = seen.get(mask.category, 0) + 1
        folded = drafted.replace(drafted[0], result.symbol) if drafted else drafted
        symbol_set = _with_symbol(base, result.symbol)
        for style in _STATELESS:
            if mask_text(normalize(mask.original).text, style, mask.category, symbol_set) \
                    == folded:
                votes.setdefault(mask.category, Counter())[style] += 1
    for category, count in seen.items():
        current = mask_style(base, category, None)
        tally = votes.get(category, Counter())
        best = max(_STATELESS, key=lambda style: (tally[style], style == current))
        if tally[best] == 0:
            result.note("unexplained", f"mask.{category}", "", "no stateless mask fits")
            continue
        if best != current:
            result.masks[category] = best
        result.note("learned", f"mask.{category}", best,
                    f"fits {tally[best]} of {count} {category} masks")
        for mask in masks:
            drafted = exact.get((mask.start, mask.end))
            if mask.category == category and drafted and mask_text(
                    normalize(mask.original).text, best, category,
                    _with_symbol(base, drafted[0])) != drafted:
                if set(drafted) & _LIST_MARKS:
                    result.note("slip", "list", mask.original,
                                f"masked item by item ({drafted}); lists are one mask elsewhere")
                else:
                    result.note("slip", f"mask.{category}", mask.original,
                                f"masked as {drafted}, the style says {best}")


def _with_symbol(rule_set: RuleSet, symbol: str) -> RuleSet:
    return replace(rule_set, symbol=symbol)


def _learn_kept(result: Learned, base: RuleSet, masks: list[Mask], labels: bytearray,
                keep_slips: bool, text: str) -> None:
    """Base masks the drafter left alone: kept categories, allow terms, slips."""
    masked: Counter = Counter()
    kept: dict[str, list[Mask]] = {}
    for mask in masks:
        if all(labels[i] == KEPT for i in range(mask.start, mask.end)):
            kept.setdefault(mask.category, []).append(mask)
        else:
            masked[mask.category] += 1
    kept_originals = Counter(mask.original for group in kept.values() for mask in group)
    for category, group in kept.items():
        total = masked[category] + len(group)
        share = masked[category] / total
        if share < KEEP_CATEGORY_BELOW and len(group) >= 2:
            ids = [rule.id for rule in base.rules if rule.category == category]
            result.disable += ids
            result.note("learned", "disable", category,
                        f"kept {len(group)} of {total}: rules {', '.join(ids)} disabled")
            continue
        for mask in {mask.original: mask for mask in group}.values():
            masked_elsewhere = any(m.original == mask.original and m.category == category
                                   for m in masks if m not in group)
            # a name followed by its own suffix (西双版纳州) is a real name left in, not a
            # word the base took for one
            named = category == "place" and text[mask.end:mask.end + 1] in _SUFFIX_CHARS
            term = text[mask.start:mask.end + 1] if named else _allow_term(text, mask)
            times = kept_originals[mask.original]
            if not masked_elsewhere and not named:
                _add_allow(result, term, f"{category}: {mask.original} kept {times} time(s)")
            elif keep_slips:
                _add_allow(result, term, f"{category}: a likely slip, learned (--keep-slips)")
            else:
                why = "masked elsewhere" if masked_elsewhere else \
                    f"a {category} name; the drafter masks {share:.0%} of {category}"
                result.note("slip", "kept", mask.original, f"left in ({why}); "
                                                           "--keep-slips would allow it")


def _add_allow(result: Learned, term: str, detail: str) -> None:
    if term not in result.allow:
        result.allow.append(term)
        result.note("learned", "allow", term, detail)


def _learn_missed(result: Learned, base: RuleSet, masks: tuple[Mask, ...], regions: list[Region],
                  covered: bytearray, labels: bytearray, original: str, level: str) -> None:
    """Drafter masks the base does not produce: collapsed lists, swallowed suffixes, terms."""
    for region in regions:
        # XX、XX: a separator the drafter wrote between two masks is not a mask of its own
        missed = [i for i in range(region.start, region.end)
                  if not covered[i] and labels[i] == MASKED and not original[i].isspace()
                  and not (original[i] in _LIST_MARKS and original[i] in region.replacement)]
        if not missed:
            continue
        text = original[region.start:region.end]
        inside = [mask for mask in masks if region.start <= mask.start and mask.end <= region.end]
        gaps = "".join(original[i] for i in missed)
        if len(inside) >= 2 and set(gaps) <= _LIST_SEPARATORS and _is_list(inside, original):
            continue  # a collapsed list: see _learn_lists
        if inside and gaps in _SUFFIXES and original.endswith(gaps, region.start, region.end):
            result.note("slip", "suffix", text, f"suffix {gaps} masked too (kept elsewhere)")
            continue
        category = _guess_category(text, inside, region, original, base, level)
        mask = _fitting_mask(result, base, category, text, region.replacement)
        if len(text) >= MIN_TERM and not text.isdigit():
            if text not in result.terms.setdefault(category, []):
                result.terms[category].append(text)
                if mask:
                    result.term_masks[text] = mask
                result.note("learned", f"terms.{category}", text, "masked by the drafter, "
                                                                  "missed by the base")
            continue
        before, after = _context(original, region.start, -1), _context(original, region.end, 1)
        if not before and not after:
            result.note("unexplained", f"terms.{category}", text, "too short to learn "
                                                                  "without context")
            continue
        result.contexts.append((category, before, text, after, mask))
        result.note("learned", f"context.{category}", text,
                    f"masked between {before or '^'} and {after or '$'}")


def _fitting_mask(result: Learned, base: RuleSet, category: str, text: str,
                  drafted: str) -> str | None:
    """The mask that writes ``text`` as the drafter did, when it is not the category's."""
    rule_set = _with_symbol(base, result.symbol)
    current = result.masks.get(category) or mask_style(base, category, None)
    folded = normalize(text).text
    if current in _STATELESS and mask_text(folded, current, category, rule_set) == drafted:
        return None
    for style in _STATELESS:
        if mask_text(folded, style, category, rule_set) == drafted:
            return style
    return "=" + drafted


def _context(text: str, position: int, step: int, size: int = CONTEXT) -> str:
    """Up to ``size`` characters before (step -1) or after (step 1) a position, within
    the clause: blanks and punctuation end it."""
    out = ""
    index = position - 1 if step < 0 else position
    while 0 <= index < len(text) and len(out) < size:
        char = text[index]
        if not regex.match(r"[\p{L}\p{N}]", char):
            break
        out = char + out if step < 0 else out + char
        index += step
    return out


def _allow_term(text: str, mask: Mask) -> str:
    """A kept base mask with enough of its surroundings to be specific (新 -> 迈上新台阶):
    up to two characters after it, then before it until it is MIN_ALLOW long."""
    after = _context(text, mask.end, 1, 2)
    term = mask.original + after
    before = _context(text, mask.start, -1, max(0, MIN_ALLOW - len(term)))
    return before + term


def _is_list(masks: list[Mask], original: str) -> bool:
    names = [mask for mask in masks if mask.category != "number"]
    return len(names) >= 2 and len({mask.category for mask in names}) == 1


def _guess_category(text: str, inside: list[Mask], region: Region, original: str,
                    base: RuleSet, level: str) -> str:
    """The category of a mask the base missed: from the base masks inside it, else
    from its shape and surroundings."""
    if inside:
        return Counter(mask.category for mask in inside).most_common(1)[0][0]
    if text == level:
        return "self"
    if regex.fullmatch(r"[\d.,%．，０-９]+", text):
        return "number"
    if regex.search(r"(?:会|委|局|厅|院|所|部|办|中心|公司|集团|学校|医院)$", text):
        return "org"
    if original[region.end:region.end + 1] in _SUFFIX_CHARS:
        return "place"
    title = dict(base.lists).get("title")
    if title and len(text) <= 4 and regex.search(f"(?:{title})$", original[:region.start]):
        return "person"
    return "place"


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def rule_set_toml(learned: Learned, base_ref: str, name: str, source: str = "") -> str:
    """The learned rule set as TOML that extends the base."""
    lines = [f"# Learned by redactor learn{(' from ' + source) if source else ''}.",
             "# Extends the base rule set; edit freely.", "",
             f"name = {toml_string(name)}",
             f"extends = {toml_string(base_ref)}"]
    if learned.symbol != "X":
        lines.append(f"symbol = {toml_string(learned.symbol)}")
    if learned.collapse_lists is not None:
        lines.append(f"collapse_lists = {'true' if learned.collapse_lists else 'false'}")
    if learned.disable:
        lines.append(f"disable = {toml_array(learned.disable)}")
    if learned.allow:
        lines.append(f"allow = {toml_array(learned.allow)}")
    if learned.masks:
        lines += ["", "[masks]"]
        lines += [f"{toml_key(category)} = {toml_string(mask)}"
                  for category, mask in learned.masks.items()]
    for number, (category, before, text, after, mask) in enumerate(learned.contexts, 1):
        pattern = ((f"(?<={regex.escape(before)})" if before else "")
                   + regex.escape(text) + (f"(?={regex.escape(after)})" if after else ""))
        lines += ["", "[[rule]]",
                  f"id = {toml_string(f'learned.{category}.{number}')}",
                  f"category = {toml_string(category)}",
                  f"description = {toml_string('Masked by the drafter in this context')}",
                  f"regex = {toml_string(pattern)}",
                  "priority = 100"]
        lines += [f"mask = {toml_string(mask)}"] if mask else []
        lines += [f"examples = [{toml_string(before + '[' + text + ']' + after)}]"]
    for category, terms in learned.terms.items():
        groups: dict[str | None, list[str]] = {}
        for term in terms:
            groups.setdefault(learned.term_masks.get(term), []).append(term)
        for mask, group in groups.items():
            rule_id = f"learned.{category}" + (f".{_MASK_IDS.get(mask, 'literal')}"
                                               if mask else "")
            lines += ["", "[[rule]]",
                      f"id = {toml_string(rule_id)}",
                      f"category = {toml_string(category)}",
                      f"description = {toml_string('Terms the drafter masked, the base missed')}",
                      f"terms = {toml_array(group)}",
                      "priority = 100"]
            lines += [f"mask = {toml_string(mask)}"] if mask else []
    return "\n".join(lines) + "\n"


def base_reference(base: str, output: str | None) -> str:
    """How the learned file names its base: a bundled name, or a path relative to it."""
    if not (base.endswith(".toml") or "/" in base or os.sep in base):
        return base
    folder = Path(output).resolve().parent if output else Path.cwd()
    return os.path.relpath(Path(base).resolve(), folder)


def table(learned: Learned) -> str:
    """The findings as an aligned text table."""
    rows = [("status", "what", "text", "detail")] + [
        (f.status, f.what, _short(f.text, 24), f.detail) for f in learned.findings]
    widths = [max(_width(row[column]) for row in rows) for column in range(3)]
    out = []
    for row in rows:
        cells = [row[c] + " " * (widths[c] - _width(row[c])) for c in range(3)]
        out.append("  ".join(cells + [row[3]]).rstrip())
    return "\n".join(out) + "\n"


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if regex.match(r"[\p{Han}\p{InCJK_Symbols_and_Punctuation}\uFF00-\uFFEF]", c)
               else 1 for c in text)

