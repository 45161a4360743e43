"""Reading the 台账 record by record gives exactly what reading it whole gives (issue 24).

Each ledger is read twice with the cache of records warm — once as written, once after an edit — and
compared with the whole-file read that cgtask did before (ruamel's round trip, then validation):
the entries, and the findings with their lines.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cgtask.findings import Finding
from cgtask.models.ledger import Ledger
from cgtask.models.ledger_data import empty_ledger
from cgtask.registry import ledger_chunks
from cgtask.registry.files import RegistryFiles
from cgtask.registry.ledger_file import appended_ledger, load_ledger, spliced_ledger
from cgtask.registry.validation import validate
from cgtask.registry.yaml_io import read_yaml

HEAD = "# 台账\nkind: ledger\nentries:\n"
FLOW = "  - {id: r-1, item: '1', doc: supervision-2022, level: 区局, period: 2022-01, date: 2022-01-27}\n"
BLOCK = (
    "  - id: r-2\n    item: '7.4'\n    doc: tasks-2022\n    level: 区局\n"
    "    period: 2022-02\n    date: 2022-02-24\n    count: 2\n"
)
REORDERED = (
    "  - date: 2022-03-03\n    period: 2022-W09\n    level: 区局\n    doc: d\n    item: '3'\n    id: r-3\n"
)
COMMENTED = (
    "  # 三月\n  - {id: r-4, item: '3', doc: d, level: 区局, period: 2022-03, date: 2022-03-10}  # 补登\n\n"
)
QUOTED = '  - {id: r-5, item: "5", doc: d, level: 区局, period: 2022-Q1, date: 2022-03-30, recorded_at: "2022-03-30 10:00:00"}\n'
NOTE = "  - id: r-6\n    item: '6'\n    doc: d\n    level: 区局\n    period: 2022-Q1\n    date: 2022-03-30\n    note: 抽查\n      37 件\n"

LEDGERS = {
    "flow": HEAD + FLOW,
    "block": HEAD + BLOCK,
    "mixed": HEAD + "  # 一月\n" + FLOW + BLOCK + REORDERED + COMMENTED + QUOTED + NOTE,
    "crlf": (HEAD + FLOW + BLOCK + COMMENTED).replace("\n", "\r\n"),
    "bom": "\ufeff" + HEAD + FLOW + BLOCK,
    "no final newline": HEAD + FLOW + BLOCK.rstrip("\n"),
    "column 0": HEAD + (FLOW + BLOCK).replace("\n  ", "\n").removeprefix("  "),
    "trailing comment": HEAD + FLOW + "# 以上为一月\n",
    "kind comment": "kind: ledger  # 类型\nentries:  # 记录\n" + FLOW,
}
# Ledgers the cut refuses: read whole, as before.
IRREGULAR = {
    "key after entries": HEAD + FLOW + "other: 1\n",
    "anchor and alias": HEAD
    + "  - &a {id: r-1, item: '1', doc: d, level: 区局, period: '2022', date: 2022-01-01}\n  - *a\n",
    "block scalar": HEAD + "  - id: r-1\n    note: |\n      第一行\n" + FLOW,
    "document end": HEAD + FLOW + "---\n",
    "kind after entries": "entries:\n" + FLOW + "kind: ledger\n",
    "empty": HEAD,
}
# Edits after a first read: each record of the new text not seen before is parsed alone.
BAD_RECORDS = [
    "  - {id: r-9, item: '1', doc: d, level: 区局, period: 2022-01, date: 2022-02-30}\n",  # no such day
    "  - {id: r-9, item: '1', doc: d, level: 区局, period: 2022-01, date: 2022-01-01, colour: red}\n",
    "  - {id: r-9, item: '1', doc: d, level: 区局, period: 2022-01}\n",  # no date
    "  - {id: r-9, item: '1', doc: d, level: 区局, period: 2022-01, date: 2022-01-01\n",  # unclosed
    "  - {id: r-9, item: '1', item: '2', doc: d, level: 区局, period: '2022', date: 2022-01-01}\n",
    "  - {id: r-9, item: '1', doc: d, level: 区局, period: '2022', date: 2022-01-01}\n\t- x\n",
    "  - id: r-9\n    item: '1'\n  bad: x\n",
]


def _files(root: Path) -> RegistryFiles:
    return RegistryFiles(root, root / "organization.yaml", None, (), root / "ledger.yaml")


def whole_read(path: Path) -> tuple[Any, list[Finding]]:
    """The ledger as cgtask read it before: round trip with positions, then validation."""
    display = _files(path.parent).display(path)
    loaded = read_yaml(path, display)
    if loaded.data is None:
        return empty_ledger(), loaded.findings
    validated, errors = validate(Ledger, loaded.data, display)
    if validated is None:
        return empty_ledger(), errors
    return validated.model_dump(mode="json"), []


def read(root: Path) -> tuple[Any, list[Finding]]:
    findings: list[Finding] = []
    return dict(load_ledger(_files(root), root / "ledger.yaml", findings)), findings


def assert_same(root: Path, text: str) -> None:
    (root / "ledger.yaml").write_bytes(text.encode("utf-8"))
    assert read(root) == whole_read(root / "ledger.yaml")


@pytest.mark.parametrize("name", list(LEDGERS))
def test_a_ledger_read_by_records_equals_the_whole_read(tmp_path: Path, name: str) -> None:
    text = LEDGERS[name]
    assert ledger_chunks.layout(text.removeprefix("\ufeff")) is not None
    assert_same(tmp_path, text)  # cold: every record parsed
    assert_same(tmp_path, text)  # warm: every record from the cache
    assert read(tmp_path)[0]["entries"], "records were read"


@pytest.mark.parametrize("name", list(LEDGERS))
def test_a_record_changed_in_the_middle_is_read_again(tmp_path: Path, name: str) -> None:
    text = LEDGERS[name]
    assert_same(tmp_path, text)
    changed = text.replace("period: 2022-01", "period: 2022-02", 1).replace(
        "date: 2022-01-27", "date: 2022-02-03"
    )
    changed = changed.replace("count: 2", "count: 3")
    assert changed != text
    assert_same(tmp_path, changed)


@pytest.mark.parametrize("name", list(IRREGULAR))
def test_an_irregular_ledger_is_read_whole(tmp_path: Path, name: str) -> None:
    assert ledger_chunks.layout(IRREGULAR[name]) is None
    assert_same(tmp_path, IRREGULAR[name])


@pytest.mark.parametrize("bad", BAD_RECORDS)
def test_a_bad_record_appended_or_edited_in_is_reported_at_its_line(tmp_path: Path, bad: str) -> None:
    text = LEDGERS["mixed"]
    assert_same(tmp_path, text)  # the cache now knows every record
    assert_same(tmp_path, text + bad)
    middle = text.replace(BLOCK, bad)
    assert_same(tmp_path, middle)
    assert whole_read(tmp_path / "ledger.yaml")[1], "the bad record has a finding"


def test_an_edited_cache_of_records_is_a_miss(tmp_path: Path) -> None:
    assert_same(tmp_path, LEDGERS["mixed"])
    [cache] = Path(os.environ["CGTASK_CACHE_DIR"]).glob("*.ledger-chunks.json")
    cache.write_bytes(cache.read_bytes().replace(b'"r-1"', b'"r-X"'))
    ledger_chunks._MEMO.forget()  # as a new process: the file is read again
    assert_same(tmp_path, LEDGERS["mixed"])
    assert read(tmp_path)[0]["entries"][0]["id"] == "r-1"


def test_after_an_append_only_the_new_record_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_same(tmp_path, LEDGERS["mixed"])
    parsed: list[int] = []
    original = ledger_chunks.parse_records

    def spy(chunks: list[str], display: str) -> Any:
        parsed.append(len(chunks))
        return original(chunks, display)

    monkeypatch.setattr(ledger_chunks, "parse_records", spy)
    ledger_chunks._MEMO.forget()  # as a new process: the records come from the cache file
    assert_same(tmp_path, LEDGERS["mixed"] + FLOW.replace("r-1", "r-new"))
    assert_same(tmp_path, LEDGERS["mixed"].replace("count: 2", "count: 5") + FLOW.replace("r-1", "r-new"))
    assert parsed == [1, 1]


@pytest.mark.parametrize("name", list(LEDGERS))
def test_an_append_writes_what_the_round_trip_splice_writes(name: str) -> None:
    text = LEDGERS[name].removeprefix("\ufeff")
    entries = [
        {"id": "r-new", "item": "2", "doc": "d", "level": "区局", "period": "2022", "note": "时间 10:00"},
        {"id": "r-new2", "item": "3", "doc": "d", "level": "区局", "period": "2022", "covers": ["甲", "乙"]},
    ]
    expected = text
    for entry in entries:
        expected = spliced_ledger(expected, entry)
    assert appended_ledger(text, entries) == expected


RECORD = st.fixed_dictionaries(
    {
        "id": st.from_regex(r"r-[0-9a-f]{8}", fullmatch=True),
        "item": st.sampled_from(["1", "7.4", "3"]),
        "level": st.sampled_from(["区局", "街镇中队"]),
        "date": st.dates().map(lambda d: d.isoformat()),
        "note": st.text(alphabet="抽查督察：:#，, 0123abc'\"-", max_size=12),
    }
)


def _record_text(record: dict[str, Any], block: bool, comment: bool) -> str:
    note = '"' + record["note"].replace("\\", "\\\\").replace('"', '\\"') + '"'
    fields = [f"id: {record['id']}", f"item: '{record['item']}'", "doc: d", f"level: {record['level']}",
              "period: '2022'", f"date: {record['date']}", f"note: {note}"]  # fmt: skip
    text = ("  - " + "\n    ".join(fields) + "\n") if block else ("  - {" + ", ".join(fields) + "}\n")
    return text + ("  # 说明\n\n" if comment else "")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    records=st.lists(st.tuples(RECORD, st.booleans(), st.booleans()), min_size=1, max_size=6),
    changed=st.integers(min_value=0),
    crlf=st.booleans(),
)
def test_generated_ledgers_and_edits_read_as_the_whole_read(
    tmp_path: Path, records: list[tuple[dict[str, Any], bool, bool]], changed: int, crlf: bool
) -> None:
    texts = [_record_text(*record) for record in records]
    text = HEAD + "".join(texts)
    assert_same(tmp_path, text.replace("\n", "\r\n") if crlf else text)
    texts[changed % len(texts)] = texts[changed % len(texts)].replace("level: ", "level: 改")
    text = HEAD + "".join(texts)
    assert_same(tmp_path, text.replace("\n", "\r\n") if crlf else text)


ODD = {
    "line separator in a note": HEAD + FLOW.replace("date:", "note: 甲\u2028  - 乙, date:"),
    "form feed in the head": "# 台账\f\n" + LEDGERS["flow"],
    "control character in a record": HEAD + FLOW.replace("区局", "区\x07局"),
    "tab before a record's key": HEAD + BLOCK.replace("    item", "\titem"),
    "next line less indented": HEAD + BLOCK + " x: 1\n",
}


@pytest.mark.parametrize("name", list(ODD))
def test_odd_characters_and_lines_read_as_the_whole_read(tmp_path: Path, name: str) -> None:
    assert_same(tmp_path, LEDGERS["mixed"])  # a warm cache of records
    assert_same(tmp_path, ODD[name])
    assert_same(tmp_path, ODD[name])


def test_a_cache_line_of_another_shape_is_skipped(tmp_path: Path) -> None:
    assert_same(tmp_path, LEDGERS["flow"])
    [cache] = Path(os.environ["CGTASK_CACHE_DIR"]).glob("*.ledger-chunks.json")
    digest = ledger_chunks.layout(LEDGERS["flow"]).digests[0]  # type: ignore[union-attr]
    row = b'["r-X", "1"]'  # intact (its digest matches) but two values, not one per field
    header = cache.read_bytes().split(b"\n")[0]
    cache.write_bytes(
        header + b"\n" + digest.encode() + b"\t" + ledger_chunks._digest(row) + b"\t" + row + b"\n"
    )
    ledger_chunks._MEMO.forget()
    assert ledger_chunks.known_chunks(tmp_path) == {}
    assert_same(tmp_path, LEDGERS["flow"])


def test_an_append_to_a_ledger_broken_since_its_last_read_is_refused(tmp_path: Path) -> None:
    from cgtask.errors import WriteError
    from cgtask.registry.ledger_file import append_ledger_entry

    assert_same(tmp_path, LEDGERS["mixed"])
    broken = LEDGERS["mixed"].replace("count: 2", "count: [2")
    (tmp_path / "ledger.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(WriteError, match="语法错误"):
        append_ledger_entry(
            tmp_path / "ledger.yaml", {"id": "r-new", "item": "1", "doc": "d", "level": "区局"}
        )
    assert (tmp_path / "ledger.yaml").read_text(encoding="utf-8") == broken


def test_the_registry_after_appends_and_a_hand_edit_equals_one_read_without_caches(
    registry_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from cgtask.registry.ledger_file import append_ledger_entry
    from cgtask.registry.loader import check_registry, load_registry

    ledger = registry_copy / "ledger.yaml"
    load_registry(registry_copy)  # caches warm
    for n in range(3):
        record = {"id": f"r-app{n}", "item": "1", "doc": "supervision-2022", "level": "区局"}
        append_ledger_entry(ledger, {**record, "period": "2022-12", "date": dt.date(2022, 12, n + 1)})
        cached = load_registry(registry_copy)
    ledger.write_text(ledger.read_text("utf-8").replace("count: 2", "count: 3", 1), encoding="utf-8")
    cached, findings = load_registry(registry_copy), check_registry(registry_copy)
    monkeypatch.setenv("CGTASK_CACHE_DIR", str(tmp_path / "fresh"))
    ledger_chunks._MEMO.forget()
    assert cached["ledger"] == load_registry(registry_copy, use_cache=False)["ledger"]
    assert findings == check_registry(registry_copy)
    assert [e["id"] for e in cached["ledger"]["entries"][-3:]] == ["r-app0", "r-app1", "r-app2"]
    assert any(e["count"] == 3 for e in cached["ledger"]["entries"])
