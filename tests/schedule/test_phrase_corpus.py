"""Every phrase of the corpus (real wording from public documents and seed 004) gets its expected reading.

Run this module as a script to print how many phrases are read and how many correctly, by kind.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from cgtask.schedule.phrase_reading import phrase_reading

CORPUS = Path(__file__).parent / "data" / "phrase_corpus.yaml"


def _corpus() -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load(CORPUS.read_text(encoding="utf-8"))
    return data


def _entries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = _corpus()["phrases"]
    return entries


def _matches(expected: Any, actual: Any) -> bool:
    """Expected keys must match; objects in ``periods`` match the reading's object at the same place."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return all(key in actual and _matches(value, actual[key]) for key, value in expected.items())
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(
            _matches(e, a) for e, a in zip(expected, actual, strict=True)
        )
    return bool(expected == actual)


def tally() -> dict[str, dict[str, int]]:
    """Per kind: phrases, read (ok), correct (the reading matches the expectation), and held-out ones."""
    counts: dict[str, Counter[str]] = {}
    for entry in _entries():
        reading = phrase_reading(entry["text"])
        correct = _matches(entry["expect"], reading)
        kind = counts.setdefault(entry["kind"], Counter())
        kind["phrases"] += 1
        kind["read"] += reading["ok"]
        kind["correct"] += correct
        kind["held_out"] += bool(entry.get("held_out"))
        kind["held_out_correct"] += bool(entry.get("held_out")) and correct
    return {kind: dict(c) for kind, c in sorted(counts.items())}


def test_every_entry_names_a_known_source_and_kind() -> None:
    corpus = _corpus()
    kinds = {"count", "quantity", "per_occurrence", "share", "yearly_total", "coverage", "duration", "maximum",
             "deadline", "event", "period", "multi_period", "refused"}  # fmt: skip
    for entry in corpus["phrases"]:
        assert entry["source"] in corpus["sources"], entry
        assert entry["kind"] in kinds, entry
        assert (entry["kind"] == "refused") == (entry["expect"]["ok"] is False), entry
    assert len(corpus["phrases"]) >= 80


def _params(entries: list[dict[str, Any]]) -> list[Any]:
    """Entries as test cases; a known gap is expected to fail, strictly, so a fix shows up."""
    return [
        pytest.param(
            e,
            id=str(e["text"]),
            marks=[pytest.mark.xfail(strict=True, reason=e["gap"])] if "gap" in e else [],
        )
        for e in entries
    ]


@pytest.mark.parametrize("entry", _params(_entries()))
def test_corpus_phrase_reading(entry: dict[str, Any]) -> None:
    reading = phrase_reading(entry["text"])
    assert _matches(entry["expect"], reading), json.dumps(reading, ensure_ascii=False)


@pytest.mark.parametrize("entry", _params([e for e in _entries() if e["kind"] == "refused"]))
def test_refusals_say_what_and_where(entry: dict[str, Any]) -> None:
    error = phrase_reading(entry["text"])["error"]
    assert error is not None
    assert f"“{entry['text']}”" in error
    assert any(marker in error for marker in ("个字起", "没有写明周期", "不支持")), error


if __name__ == "__main__":
    rows = tally()
    print("| kind | phrases | read | correct | held out: correct / phrases |")
    print("|---|---|---|---|---|")
    total = Counter[str]()
    for kind, c in [*rows.items(), ("total", total)]:
        if kind != "total":
            total.update(c)
        held = f"{c.get('held_out_correct', 0)} / {c.get('held_out', 0)}"
        print(f"| {kind} | {c['phrases']} | {c.get('read', 0)} | {c.get('correct', 0)} | {held} |")
    sys.exit(0)
