"""Checks on the gazetteer lists in rules/data and on the script that builds them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "rules" / "data"
SCRIPT = REPO / "scripts" / "build_gazetteer.py"
SHARED = REPO.parent / "shared"
GENERATED = ("place_full.txt", "place_short.txt")
HAND_MADE = (
    "place_short_stop.txt",
    "place_full_stop.txt",
    "province_abbr.txt",
    "surnames.txt",
    "notes/gov_words.txt",
)


def entries(name: str) -> list[str]:
    """The lines of a list file, without their line ends."""
    return (DATA / name).read_text(encoding="utf-8").split("\n")[:-1]


@pytest.mark.parametrize("name", GENERATED + HAND_MADE)
def test_list_format(name: str) -> None:
    raw = (DATA / name).read_bytes()
    text = raw.decode("utf-8")  # raises on anything but UTF-8
    assert raw and not raw.startswith(b"\xef\xbb\xbf"), "empty, or has a BOM"
    assert b"\r" not in raw and text.endswith("\n"), "LF line ends, final newline"
    lines = entries(name)
    assert all(line and line == line.strip() for line in lines), "blank or padded line"
    assert lines == sorted(set(lines)), "not sorted by code point, or duplicated"


def test_full_names_spot_checks() -> None:
    full = set(entries("place_full.txt"))
    for name in (
        "长沙市", "天心区", "邵东县", "邵东市", "崇文区", "襄樊市", "邵阳地区",
        "西双版纳傣族自治州", "西双版纳州", "湘西州", "恩施州", "峨边县", "鄂伦春旗",
        "广西壮族自治区", "内蒙古自治区", "香港特别行政区", "台北市",
    ):
        assert name in full, name
    for name in ("直辖", "市辖区", "县", "城区", "郊区", "重庆郊县", "大社区", "广西区"):
        assert name not in full, name
    assert len(full) > 4000


def test_short_forms_spot_checks() -> None:
    short = entries("place_short.txt")
    names = set(short)
    for name in ("长沙", "天心", "邵东", "襄樊", "西双版纳", "湘西", "内蒙古", "广西", "清新", "东乡"):
        assert name in names, name
    assert min(len(s) for s in short) >= 2, "one-character short form"
    assert not names & set(entries("place_full.txt")), "a short form is also a full name"
    assert len(short) > 3000


def test_stoplists() -> None:
    stop = set(entries("place_short_stop.txt"))
    for name in ("公安", "平安", "新建", "金安", "大安", "全州", "阿里", "和平"):
        assert name in stop, name
    assert stop <= set(entries("place_short.txt")), "stop entry that is no short form"
    full_stop = set(entries("place_full_stop.txt"))
    assert "和县" in full_stop
    assert full_stop <= set(entries("place_full.txt"))


def test_province_abbreviations() -> None:
    lines = entries("province_abbr.txt")
    assert len(lines) >= 34
    full = set(entries("place_full.txt"))
    pairs = [line.split("\t") for line in lines]
    assert all(len(p) == 2 and len(p[0]) == 1 for p in pairs), "char<TAB>name"
    assert {p[1] for p in pairs} <= full
    assert len({p[1] for p in pairs}) == 34
    assert ["湘", "湖南省"] in pairs and ["桂", "广西壮族自治区"] in pairs


def test_surnames() -> None:
    names = entries("surnames.txt")
    assert {"王", "李", "张", "周", "欧阳", "诸葛"} <= set(names)
    assert sum(len(n) == 1 for n in names) >= 400
    assert all(1 <= len(n) <= 4 for n in names)


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )


def test_missing_input_is_one_line_exit_2(tmp_path: Path) -> None:
    result = run_script("--shared", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "areacodes.csv" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="../shared/data not present")
def test_rebuild_reproduces_committed_lists(tmp_path: Path) -> None:
    result = run_script("--shared", str(SHARED), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in GENERATED:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(GENERATED)


def test_split_name_derivations() -> None:
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import build_gazetteer as bg
    finally:
        sys.path.remove(str(SCRIPT.parent))
    cases = {
        "西双版纳傣族自治州": "西双版纳", "湘西土家族苗族自治州": "湘西", "内蒙古自治区": "内蒙古",
        "新疆维吾尔自治区": "新疆", "伊犁哈萨克自治州": "伊犁", "东乡族自治县": "东乡",
        "积石山保安族东乡族撒拉族自治县": "积石山", "龙胜各族自治县": "龙胜", "邵东县": "邵东",
        "襄樊市": "襄樊", "清新区": "清新", "碑林区": "碑林", "神农架林区": "神农架",
        "浦东新区": "浦东", "邵阳地区": "邵阳", "香港特别行政区": "香港", "六枝特区": "六枝",
    }
    for name, short in cases.items():
        assert bg.split_name(name)[0] == short, name
    assert not bg.usable_short(*bg.split_name("土默特左旗"))
    assert not bg.is_full_name("市辖区") and not bg.is_full_name("郊区")
