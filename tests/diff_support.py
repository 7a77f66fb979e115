"""Shared by the diff checker's tests: the small rule set and the seed pair."""

from __future__ import annotations

from pathlib import Path

from redactor import load_rules

ROOT = Path(__file__).resolve().parent.parent
MINI = load_rules(ROOT / "tests/rules/mini.toml")
SEED = ROOT / "examples/seed"
SEED_ORIGINAL = (SEED / "original.txt").read_text(encoding="utf-8")
SEED_TEMPLATE = (SEED / "template.txt").read_text(encoding="utf-8")
