"""A record cgtask appends is cached as the parser and the model read its line back (issue 24).

``done`` no longer reads its new line back; :func:`written_reading` says what the reading is. Generated
records — every field, odd text, times with offsets — are written as ``done`` writes them and read back
with ruamel and the model: the two agree, or ``written_reading`` declines (None) and the line is read back.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cgtask.registry import ledger_chunks
from cgtask.registry.ledger_file import _entry_text
from cgtask.registry.ledger_written import written_reading

TEXT = st.text(
    alphabet=st.sampled_from(
        list("抽查督察中队区局：:#，, -'\"{}[]&*!|>%@`?~=<;()+$^.0123abcyesnoYtrue\u3000\u00a0\t\\")
    ),
    min_size=0,
    max_size=14,
)
NAME = st.one_of(st.sampled_from(["区局", "街镇中队", "吴淞街道中队", " 区局", "区局 ", "1", "null"]), TEXT)
TIME = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1),
    timezones=st.one_of(st.none(), st.timezones(), st.just(dt.UTC)),
)  # fmt: skip
OPTIONAL = {
    "id": st.one_of(st.from_regex(r"r-[0-9a-f]{8}", fullmatch=True), TEXT),
    "unit": NAME,
    "activity": TEXT,
    "count": st.one_of(st.integers(-2, 1002), st.booleans()),
    "quantity": st.integers(-1, 1_000_001),
    "of": st.integers(-1, 1_000_001),
    "covers": st.lists(NAME, max_size=3),
    "withdraws": TEXT,
    "origin": TEXT,
    "value": st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 5)),
    "metric": TEXT,
    "note": st.one_of(TEXT, st.text(min_size=1990, max_size=2010)),
    "recorded_at": st.one_of(TIME, TEXT),
}
ENTRY = st.fixed_dictionaries(
    {
        "item": st.one_of(st.sampled_from(["1", "7.4", "2022"]), TEXT),
        "doc": st.one_of(st.sampled_from(["supervision-2022", "Tasks", "a" * 61]), TEXT),
        "level": NAME,
        "period": st.one_of(st.sampled_from(["2022-03", "2022-W10", "2022", "2022-03-08"]), TEXT),
        "date": st.one_of(st.dates(), st.just("2022-03-08")),
    },
    optional=OPTIONAL,
)


def read_back(entry: dict[str, Any]) -> Any:
    """What the next read of the line makes of it: ruamel, then the model (None: not one clean record)."""
    readings = ledger_chunks.parse_records([_entry_text(entry, 2, "\n")], "ledger.yaml")
    return readings[0] if readings else None


@settings(max_examples=400)
@given(entry=ENTRY)
def test_the_reading_is_the_parse_or_nothing(entry: dict[str, Any]) -> None:
    known = written_reading(entry)
    if known is not None:
        assert known == read_back(entry)


def test_what_done_writes_is_known_without_reading_it_back() -> None:
    entry = {
        "id": "r-3f9a1c2b", "item": "1", "doc": "supervision-2022", "level": "街镇中队", "unit": "吴淞街道中队",
        "activity": "街面实效督察", "period": "2022-W10", "date": dt.date(2022, 3, 8), "count": 2,
        "quantity": 17, "of": 370, "covers": ["罗店镇中队"], "value": 96.5, "metric": "满意度",
        "note": "抽查　37 件：合格", "recorded_at": dt.datetime(2022, 3, 8, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))),
    }  # fmt: skip
    assert written_reading(entry) is not None
    assert written_reading(entry) == read_back(entry)
    assert written_reading({**entry, "recorded_at": entry["recorded_at"].astimezone(dt.UTC)}) == read_back(
        {**entry, "recorded_at": entry["recorded_at"].astimezone(dt.UTC)}
    )


def test_a_question_mark_in_a_note_leaves_the_ledger_readable(registry_copy: Path) -> None:
    """A note with ``?`` was written plain (``note: 合格?``), which libyaml refuses: the 台账 stopped reading."""
    from typer.testing import CliRunner

    from cgtask.cli.app import app

    runner = CliRunner()
    args = [
        "done",
        "1",
        "--date",
        "2022-03-08",
        "--note",
        "整改完成? 已复查",
        "--registry",
        str(registry_copy),
    ]
    assert runner.invoke(app, args).exit_code == 0
    ledger_chunks._MEMO.forget()
    result = runner.invoke(app, ["check", str(registry_copy)])
    assert result.exit_code == 0, result.output
    assert '"整改完成? 已复查"' in (registry_copy / "ledger.yaml").read_text("utf-8")
