"""The phrase measurement corpus (data/phrases/) is well formed.

Known sources, required keys, valid values, enough phrases, sources and kinds of office, and a held-out set
that is the seeded quarter it claims to be.

This checks the data only. How well the engine reads it is measured by ``phrase_score.py``, not tested.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from phrase_score import (
    DEADLINE_KEYS,
    FIFTH_BATCH,
    FOURTH_BATCH,
    KINDS,
    PERIODS,
    SECOND_BATCH,
    SHAPES,
    SHAPES_BATCH,
    SPLIT2_SEED,
    SPLIT_SEED,
    THIRD_BATCH,
    WINDOW_KEYS,
    load_corpus,
    load_sources,
    parse_deadline,
)
from ruamel.yaml import YAML

OLD_CORPUS = Path(__file__).parent / "data" / "phrase_corpus.yaml"

BOUNDED_KINDS = {"count", "quantity", "share", "duration", "maximum", "range", "total"}


def _all() -> list[dict[str, Any]]:
    held = [
        e for name in ("heldout", "heldout2", "heldout3", "heldout4", "heldout5") for e in load_corpus(name)
    ]
    return load_corpus("dev") + held


def _first_batch() -> list[dict[str, Any]]:
    """The phrases gathered first (issue 23), split into dev and heldout by quarters."""
    return [e for e in load_corpus("dev") + load_corpus("heldout") if e["id"] < SECOND_BATCH]


def _second_batch() -> list[dict[str, Any]]:
    """The phrases gathered for task phrase23, split into dev and heldout2 by thirds."""
    corpus = load_corpus("dev") + load_corpus("heldout2")
    return [e for e in corpus if SECOND_BATCH <= e["id"] < SHAPES_BATCH]


def test_sizes() -> None:
    entries = _all()
    assert len(entries) >= 400
    assert len({e["source"] for e in entries}) >= 120
    assert len({e["office"] for e in entries}) >= 10
    held = len(load_corpus("heldout"))
    assert 0.22 <= held / len(_first_batch()) <= 0.28
    second = _second_batch()
    assert len(second) >= 100
    assert len({e["source"] for e in second}) >= 30
    assert 0.3 <= len(load_corpus("heldout2")) / len(second) <= 0.37


def test_every_source_is_known_and_used() -> None:
    sources = load_sources()
    used = {e["source"] for e in _all()}
    assert used <= set(sources), used - set(sources)
    assert set(sources) <= used, set(sources) - used
    assert all(re.match(r"https?://", url) for url in sources.values())


def test_texts_and_ids_are_unique_and_new() -> None:
    entries = _all()
    texts = [e["text"] for e in entries]
    assert len(set(texts)) == len(texts), [t for t, n in Counter(texts).items() if n > 1]
    ids = [e["id"] for e in entries]
    assert len(set(ids)) == len(ids)
    old = {e["text"] for e in YAML(typ="safe").load(OLD_CORPUS.read_text(encoding="utf-8"))["phrases"]}
    assert not old & set(texts)


@pytest.mark.parametrize("entry", _all(), ids=lambda e: f"{e['id']}")
def test_entry_schema(entry: dict[str, Any]) -> None:
    for key in ("id", "text", "source", "office", "shape", "read"):
        assert key in entry, key
    assert entry["shape"] in SHAPES
    assert isinstance(entry["read"], bool)
    assert (entry["shape"] == "refused") == (not entry["read"])
    if not entry["read"]:
        return
    assert entry["period"] in PERIODS or re.fullmatch(r"\d+years", entry["period"]), entry["period"]
    assert entry["kind"] in KINDS
    if entry["kind"] in BOUNDED_KINDS:
        assert entry.get("min") is not None or entry.get("max") is not None
    for bound in ("min", "max"):
        assert entry.get(bound) is None or isinstance(entry[bound], int | float)
    if entry.get("min") is not None and entry.get("max") is not None:
        assert entry["min"] <= entry["max"]
    if entry["kind"] in ("count", "quantity", "share", "duration", "maximum", "range", "total"):
        assert entry.get("unit"), "a bounded reading names its unit"
    if entry.get("window") is not None:
        assert set(entry["window"]) <= WINDOW_KEYS
    if entry.get("deadline") is not None:
        assert set(entry["deadline"]) <= DEADLINE_KEYS
    if entry["kind"] == "event":
        assert entry.get("response"), "an event names the time allowed after it"


def _seeded_split(entries: list[dict[str, Any]], seed: int, share: int) -> set[int]:
    """The ids ``random.Random(seed)`` picks: round(n/share) of each shape, shapes sorted, ids sorted."""
    by_shape: dict[str, list[int]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: e["id"]):
        # a reading corrected after the split keeps the shape it was split under (split_shape)
        by_shape[entry.get("split_shape", entry["shape"])].append(entry["id"])
    rng = random.Random(seed)
    expected: set[int] = set()
    for shape in sorted(by_shape):
        ids = by_shape[shape]
        expected |= {ids[j] for j in rng.sample(range(len(ids)), round(len(ids) / share))}
    return expected


def test_heldout_is_the_seeded_quarter_of_each_shape() -> None:
    assert {e["id"] for e in load_corpus("heldout")} == _seeded_split(_first_batch(), SPLIT_SEED, 4)


def test_heldout2_is_the_seeded_third_of_the_second_batch() -> None:
    assert {e["id"] for e in load_corpus("heldout2")} == _seeded_split(_second_batch(), SPLIT2_SEED, 3)
    old_sources = {e["source"] for e in _first_batch()}
    assert not old_sources & {e["source"] for e in _second_batch()}


def test_heldout3_is_new_and_held_out_whole() -> None:
    third = load_corpus("heldout3")
    assert len(third) >= 40
    assert all(e["id"] >= THIRD_BATCH for e in third)
    assert not any(e["id"] >= THIRD_BATCH for e in load_corpus("dev"))
    earlier = {e["source"] for e in load_corpus("dev") + load_corpus("heldout") + load_corpus("heldout2")}
    sources = {e["source"] for e in third}
    assert len(sources) >= 15
    assert not earlier & sources


def test_heldout4_is_new_held_out_whole_and_half_timed() -> None:
    """Task phrase23c: >= 60 phrases from >= 20 new documents of >= 5 kinds of office, half with a time part."""
    fourth = load_corpus("heldout4")
    assert len(fourth) >= 60
    assert all(e["id"] >= FOURTH_BATCH for e in fourth)
    assert not any(e["id"] >= FOURTH_BATCH for e in load_corpus("dev"))
    earlier = {e["source"] for e in _all() if e["id"] < FOURTH_BATCH}
    sources = {e["source"] for e in fourth}
    assert len(sources) >= 20
    assert len({e["office"] for e in fourth}) >= 5
    assert not earlier & sources
    timed = re.compile(
        r"[日天]前|[时時点點]前|[:：]\d\d前|内|內|月至|第四季度|年底|终了|提前|每隔|分钟|分鐘|小时|小時"
    )
    assert sum(bool(timed.search(e["text"])) for e in fourth) * 2 >= len(fourth)


def _engine_corpus_sources() -> set[str]:
    """The addresses the engine's own phrase_corpus.yaml cites (its documents are seen, not held out)."""
    sources = YAML(typ="safe").load(OLD_CORPUS.read_text(encoding="utf-8"))["sources"]
    return {str(address) for address in sources.values()}


def test_heldout5_is_new_held_out_whole_and_half_timed() -> None:
    """Task gather23: >= 80 phrases, >= 25 new documents, >= 8 kinds of office, timed shapes and refusals."""
    fifth = load_corpus("heldout5")
    assert len(fifth) >= 80
    assert all(e["id"] >= FIFTH_BATCH for e in fifth)
    assert not any(e["id"] >= FIFTH_BATCH for e in load_corpus("dev"))
    sources = {e["source"] for e in fifth}
    assert len(sources) >= 25
    assert len({e["office"] for e in fifth}) >= 8
    assert not {e["source"] for e in _all() if e["id"] < FIFTH_BATCH} & sources
    addresses = load_sources()
    assert not {addresses[key] for key in sources} & _engine_corpus_sources()
    timed_shapes = {"fixed_day", "window", "dated", "event", "duration", "total", "range"}
    assert sum(e["shape"] in timed_shapes for e in fifth) * 4 >= len(fifth)
    assert sum(not e["read"] for e in fifth) * 5 >= len(fifth), (
        "some phrases a clerk would not read as a duty"
    )


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("次季度十五日内", {"after_period_days": 15}),  # heldout5 4044: 15 days into the next quarter
        ("季后10日内", {"after_period_days": 10}),
        ("次月5日前", {"next_month_day": 5}),
    ],
)
def test_scorer_maps_deadline_words_after_a_period(words: str, expected: dict[str, int]) -> None:
    assert parse_deadline(words) == expected
