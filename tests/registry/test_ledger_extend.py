"""The check after an append reads only the appended records, and finds what a full read finds (issue 24).

The record index of a text read clean is kept with that text's digest; a longer text that starts with
exactly that text extends it by the appended records alone. A hand edit in the middle, a truncated file
or appended lines that are not whole records miss, and the file is read whole as before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cgtask.registry import ledger_chunks, ledger_extend, ledger_tail
from cgtask.registry.ledger_checks import extend_index, record_index
from cgtask.registry.loader import RegistryStore

LINE = (
    "  - {{id: r-{n:06x}, item: '{item}', doc: supervision-2022, level: 区局, period: 2022-{m:02d},"
    " date: 2022-{m:02d}-1{d}, count: 1, note: 记录{n}}}\n"
)


def _lines(start: int, count: int, item: str = "1") -> str:
    return "".join(LINE.format(n=n, item=item, m=n % 12 + 1, d=n % 9) for n in range(start, start + count))


def _as_new_process() -> None:
    ledger_chunks._MEMO.forget()
    ledger_tail._MEMO.forget()


def _check(root: Path) -> tuple[list[Any], Any]:
    """The findings and ledger.yaml's record index, as a new process reads them."""
    _as_new_process()
    store = RegistryStore(root.resolve())
    findings = store.built().findings
    return findings, store.record_index(root.resolve() / "ledger.yaml")


def _full(root: Path) -> tuple[list[Any], Any]:
    """What a read without any cache finds."""
    _as_new_process()
    store = RegistryStore(root.resolve(), use_cache=False)
    data = store.entry(root.resolve() / "ledger.yaml")["data"]
    return store.built().findings, record_index(data["entries"])


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Each answer of :func:`ledger_extend.appended_index` (None: the file was read whole)."""
    answers: list[Any] = []
    original = ledger_extend.appended_index

    def spying(*args: Any) -> Any:
        answers.append(original(*args))
        return answers[-1]

    monkeypatch.setattr(ledger_extend, "appended_index", spying)
    return answers


@pytest.fixture
def registry(registry_copy: Path, spy: list[Any]) -> Path:
    """The shipped registry with 300 more records, checked once (its record index kept)."""
    with (registry_copy / "ledger.yaml").open("a", encoding="utf-8") as out:
        out.write(_lines(0, 300))
    _check(registry_copy)
    return registry_copy


def _append(root: Path, text: str) -> None:
    with (root / "ledger.yaml").open("a", encoding="utf-8") as out:
        out.write(text)


def test_appends_extend_the_index_and_find_what_a_full_read_finds(registry: Path, spy: list[Any]) -> None:
    for start in (300, 301, 310):  # one record, then nine, then one naming an item the plan lacks
        _append(registry, _lines(start, 1 if start != 301 else 9, item="1" if start != 310 else "99"))
        spy.clear()
        found = _check(registry)
        assert spy
        assert spy[-1] is not None
        assert found == _full(registry)
    findings = found[0]
    e801 = [f for f in findings if f.code == "E801"]
    assert len(e801) == 1
    assert e801[0].line == (registry / "ledger.yaml").read_text("utf-8").count("\n")


def test_a_hand_edit_in_the_middle_is_read_whole(registry: Path, spy: list[Any]) -> None:
    path = registry / "ledger.yaml"
    path.write_text(path.read_text("utf-8").replace("item: '1'", "item: '99'", 1), encoding="utf-8")
    _append(registry, _lines(300, 1))
    spy.clear()
    found = _check(registry)
    assert spy == [None]
    assert found == _full(registry)
    assert any(f.code == "E801" for f in found[0])


def test_a_truncated_file_is_read_whole(registry: Path, spy: list[Any]) -> None:
    path = registry / "ledger.yaml"
    text = path.read_text("utf-8")
    path.write_text(text[: text.rindex("  - {")], encoding="utf-8")  # the last record gone
    spy.clear()
    found = _check(registry)
    assert spy == [None]
    assert found == _full(registry)
    assert len(found[1]["ids"]) == len(_full(registry)[1]["ids"])


@pytest.mark.parametrize(
    ("added", "extended"),
    [
        ("    note: 接在上一条后\n", False),  # continues the last record
        ("# 注释\n" + _lines(300, 1), False),  # a comment first: the earlier last record's chunk changes
        (_lines(300, 1).replace("  - ", "- "), False),  # another column
        ("  - {id: r-bad, item: '1'\n", False),  # a record that does not parse
        ("  - {id: r-x, item: '1', doc: supervision-2022, level: 区局, period: 2022-01, date: 2022-01-10}\n"
         "  - {id: r-y, item: '1', doc: supervision-2022, level: 区局, period: 2022-01, date: 2022-01-11}",
         True),  # no line end: whole records still; the next append after it reads the file whole
    ],
)  # fmt: skip
def test_appended_lines_that_are_not_whole_records_are_read_whole(
    registry: Path, spy: list[Any], added: str, extended: bool
) -> None:
    _append(registry, added)
    spy.clear()
    found = _check(registry)
    assert (spy[-1] is not None) == extended
    assert found == _full(registry)
    if extended:
        _append(registry, "\n" + _lines(300, 1))
        spy.clear()
        assert _check(registry) == _full(registry)
        assert spy == [None]


KEYS = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["a", "b", "c"]),
        "origin": st.sampled_from([None, "表!A2", "表!A3"]),
        "doc": st.sampled_from(["d1", "d2"]),
        "item": st.sampled_from(["1", "2"]),
        "period": st.sampled_from(["2022-01", "2022"]),
        "level": st.just("区局"),
        "unit": st.sampled_from([None, "中队"]),
        "covers": st.sampled_from([[], ["甲"], ["甲", "乙"]]),
        "activity": st.sampled_from([None, "巡查"]),
        "withdraws": st.sampled_from([None, "a"]),
        "value": st.sampled_from([None, 2.0]),
    }
)


@given(st.lists(KEYS, max_size=12), st.lists(KEYS, max_size=6))
def test_an_extended_index_equals_the_index_of_all_records(before: list[Any], added: list[Any]) -> None:
    kept = json.loads(json.dumps(record_index(before)))  # as the cache gives it back
    assert extend_index(kept, added) == record_index(before + added)
