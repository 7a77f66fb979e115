#!/usr/bin/env python3
"""Build the place-name gazetteers in rules/data/ from the division tables in shared/data.

Usage: python scripts/build_gazetteer.py [--shared DIR] [--out DIR] [--audit]

Inputs (in DIR/data, DIR defaulting to <repo>/../shared):
  areacodes.csv          yescallop/areacodes result.csv (CC0): every division code 1981-2024.
  areacity_level3.csv    xiangyuecn/AreaCity-JsSpider-StatsGov ok_data_level3.csv (MIT):
                         current provinces, prefectures and counties with short names.

Outputs (in --out, default <repo>/rules/data), sorted, UTF-8, LF, one entry per line:
  place_full.txt         full names, current and former, plus 西双版纳州-style abbreviations.
  place_short.txt        short forms of two or more characters (长沙, 邵东, 西双版纳).

The hand-curated lists beside them (place_short_stop.txt, place_full_stop.txt,
province_abbr.txt, surnames.txt) are never written by this script. --audit prints, for the
curator, the short forms found in the common-word notes (rules/data/notes/gov_words.txt)
that the stoplist does not hold. Standard library only; the output is deterministic.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "rules" / "data"
AREACODES = "areacodes.csv"
AREACITY = "areacity_level3.csv"
FULL_FILE = "place_full.txt"
SHORT_FILE = "place_short.txt"
STOP_FILE = "place_short_stop.txt"
WORDS_FILE = Path("notes") / "gov_words.txt"

# The 56 officially recognised ethnic groups, as written in division names.
ETHNIC_GROUPS: tuple[str, ...] = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族",
    "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族",
    "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族",
    "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族",
    "基诺族",
)
# Forms that occur before 自治: the group names, the same without 族 (伊犁哈萨克自治州,
# 鄂伦春自治旗) when two characters or more remain, and 各族 (龙胜各族自治县).
ETHNIC_FORMS: tuple[str, ...] = tuple(
    sorted(
        {*ETHNIC_GROUPS, "各族"} | {g[:-1] for g in ETHNIC_GROUPS if len(g) >= 3},
        key=lambda s: (-len(s), s),
    )
)

# Administrative suffixes, longest first. The two-character ones are tried before the
# single character they end with; a strip that leaves fewer than two characters falls
# back to the next shorter suffix (清新区 -> 清新, not 清; 碑林区 -> 碑林).
SUFFIXES: tuple[str, ...] = (
    "特别行政区", "行政区", "自治区", "自治州", "自治县", "自治旗", "工矿区", "工农区",
    "地区", "林区", "新区", "矿区", "特区", "市", "县", "区", "州", "盟", "旗", "省",
)
SUFFIX_CHARS = "市县区州盟旗省"
# Abbreviated full forms are made for these autonomous kinds (西双版纳州, 峨边县, 鄂伦春旗);
# not for 自治区, whose short form (广西, 西藏) is what is used.
ABBREVIABLE = {"自治州": "州", "自治县": "县", "自治旗": "旗"}
# Placeholders of the code tables, not names of divisions.
PSEUDO_NAMES = frozenset(
    {"直辖", "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "国外"}
)
# A banner stem ending like this is no short form in use (土默特左旗, 达尔罕茂明安联合旗).
BANNER_PART_ENDINGS = ("左", "右", "前", "中", "后", "翼", "联合")
CJK = re.compile(r"[\u4e00-\u9fff]+")


class InputError(Exception):
    """An input file is missing or not in the expected shape."""


@dataclass(frozen=True)
class Division:
    """One row of an input table: a full name and, if the table gives one, its short name."""

    full: str
    short: str | None = None
    parent_short: str | None = None


def read_csv(path: Path, columns: Iterable[str]) -> list[dict[str, str]]:
    """Read a UTF-8 (BOM allowed) CSV file, checking that it has the named columns."""
    if not path.is_file():
        raise InputError(f"missing input file: {path}")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
            return list(reader)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: not a UTF-8 CSV file ({exc})") from exc


def load_areacodes(path: Path) -> list[Division]:
    """Every division name in areacodes.csv, whatever its status (在用, 变更, 弃用)."""
    rows = read_csv(path, ("代码", "名称", "级别", "状态"))
    return [Division(full=row["名称"].strip()) for row in rows]


def load_areacity(path: Path) -> list[Division]:
    """Every province, prefecture and county of areacity_level3.csv with its short name."""
    rows = read_csv(path, ("id", "pid", "deep", "name", "ext_name"))
    short_by_id = {row["id"]: row["name"].strip() for row in rows}
    return [
        Division(
            full=row["ext_name"].strip(),
            short=row["name"].strip(),
            parent_short=short_by_id.get(row["pid"]),
        )
        for row in rows
        if not is_taiwan_township(row)
    ]


def is_taiwan_township(row: dict[str, str]) -> bool:
    """True for areacity's third tier in Taiwan (信义区, 大社区, 成功镇, 仁爱乡).

    Its 区, 乡, 镇 and 县辖市 are township-level units in Taiwan's own system, listed at
    depth 2 only for want of a county tier; the 县 and 市 above them are kept.
    """
    return row["deep"].strip() == "2" and row["id"].strip().startswith("71")


def is_full_name(name: str) -> bool:
    """True for a usable full name of a division: Chinese, suffixed, not a placeholder."""
    if len(name) < 2 or not CJK.fullmatch(name) or name in PSEUDO_NAMES:
        return False
    if name[-1] not in SUFFIX_CHARS:
        return False  # 群岛, 乡, 镇, 行政委员会: not province, prefecture or county names
    if len(name) == 2 and name.endswith("区"):
        return False  # 城区, 郊区, 矿区, 新区, 市区, 东区...: generic words, not names
    return True


def is_grouping(division: Division) -> bool:
    """True for areacity's grouping rows such as 重庆城区 and 重庆郊县 (市辖区 / 县)."""
    parent = division.parent_short
    return bool(parent) and division.full in (f"{parent}城区", f"{parent}郊县")


def strip_ethnic(stem: str) -> str:
    """Strip ethnic group names from the end of a stem while two characters remain."""
    changed = True
    while changed:
        changed = False
        for form in ETHNIC_FORMS:
            if stem.endswith(form) and len(stem) - len(form) >= 2:
                stem = stem[: -len(form)]
                changed = True
                break
    if stem in ETHNIC_GROUPS and len(stem) >= 3:
        stem = stem[:-1]  # 东乡族自治县 -> 东乡, 鄂温克族自治旗 -> 鄂温克
    return stem


def split_name(name: str, known_shorts: frozenset[str] = frozenset()) -> tuple[str, str]:
    """Split a full name into (short form, suffix); the short form may be shorter than 2.

    A candidate that is a known short name (from areacity) wins; otherwise the longest
    suffix whose removal leaves at least two characters is taken.
    """
    candidates: list[tuple[str, str]] = []
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if suffix.startswith("自治") or stem.endswith("族"):
                stem = strip_ethnic(stem)
            candidates.append((stem, suffix))
    if not candidates:
        return name, ""
    for stem, suffix in candidates:
        if stem in known_shorts:
            return stem, suffix
    for stem, suffix in candidates:
        if len(stem) >= 2:
            return stem, suffix
    return candidates[-1]


def usable_short(stem: str, suffix: str) -> bool:
    """True if a stripped stem is a short form worth listing."""
    if len(stem) < 2 or not CJK.fullmatch(stem):
        return False
    if suffix == "旗" and stem.endswith(BANNER_PART_ENDINGS):
        return False
    return True


def build(areacodes: list[Division], areacity: list[Division]) -> tuple[set[str], set[str]]:
    """Return (full names, short forms) derived from the two tables."""
    city = [d for d in areacity if is_full_name(d.full) and not is_grouping(d)]
    known_shorts = frozenset(
        d.short for d in city if d.short and d.short != d.full and len(d.short) >= 2
    )

    full: set[str] = {d.full for d in areacodes if is_full_name(d.full)}
    full |= {d.full for d in city}

    # Short form per full name: areacity's when it gives a real one, else derived.
    short_of: dict[str, set[str]] = {}
    for d in city:
        if d.short and d.short != d.full and CJK.fullmatch(d.short) and len(d.short) >= 2:
            short_of.setdefault(d.full, set()).add(d.short)
    for name in sorted(full):
        if name in short_of:
            continue
        stem, suffix = split_name(name, known_shorts)
        if usable_short(stem, suffix):
            short_of[name] = {stem}

    # A stem that is itself a full name (万县地区 -> 万县) is listed as a full name only.
    short = {s for stems in short_of.values() for s in stems if s not in full}

    # 西双版纳傣族自治州 -> 西双版纳州, 峨边彝族自治县 -> 峨边县, 鄂伦春自治旗 -> 鄂伦春旗.
    for name in sorted(full):
        for kind, char in ABBREVIABLE.items():
            if name.endswith(kind):
                for stem in short_of.get(name, ()):
                    full.add(stem + char)
    return full, short


def write_list(path: Path, entries: Iterable[str]) -> int:
    """Write sorted unique entries, one per line, UTF-8 with LF; return the count."""
    items = sorted(set(entries))
    path.write_bytes("".join(f"{item}\n" for item in items).encode("utf-8"))
    return len(items)


def read_list(path: Path) -> list[str]:
    """Read a one-entry-per-line list; a missing file reads as empty."""
    if not path.is_file():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line]


def audit(short_file: Path, data_dir: Path = DATA) -> list[str]:
    """Report lines for the stoplist curator (see rules/data/place_short_stop.md).

    Lists each short form of short_file outside the stoplist (in data_dir) that is, or
    occurs inside, a word or phrase of the notes, and each stoplist entry that is no
    longer a short form.
    """
    short = read_list(short_file)
    stop = set(read_list(data_dir / STOP_FILE))
    words = read_list(data_dir / WORDS_FILE)
    lines = []
    for form in short:
        if form in stop:
            continue
        hits = [w for w in words if form in w]
        if hits:
            lines.append(f"unstopped {form}: {' '.join(hits[:8])}")
    lines += [f"stale {entry}: not in {SHORT_FILE}" for entry in sorted(stop - set(short))]
    return lines


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=REPO.parent / "shared",
        help="the shared folder holding data/ (default: <repo>/../shared)",
    )
    parser.add_argument(
        "--out", type=Path, default=DATA,
        help="where to write the lists (default: <repo>/rules/data)",
    )
    parser.add_argument(
        "--audit", action="store_true",
        help="after building, list short forms that the common-word notes flag but "
        "the stoplist does not hold",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build the lists; print counts; return the exit status (2 on bad input)."""
    args = parse_args(argv)
    data = args.shared / "data"
    try:
        areacodes = load_areacodes(data / AREACODES)
        areacity = load_areacity(data / AREACITY)
    except (InputError, OSError) as exc:
        print(f"build_gazetteer: error: {exc}", file=sys.stderr)
        return 2
    full, short = build(areacodes, areacity)
    args.out.mkdir(parents=True, exist_ok=True)
    n_full = write_list(args.out / FULL_FILE, full)
    n_short = write_list(args.out / SHORT_FILE, short)
    print(f"{args.out / FULL_FILE}: {n_full} entries")
    print(f"{args.out / SHORT_FILE}: {n_short} entries")
    if args.audit:
        for line in audit(args.out / SHORT_FILE):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
