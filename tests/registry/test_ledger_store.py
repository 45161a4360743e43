"""The 台账 behind one interface: the board read from a SQLite file equals the board read from ledger.yaml.

The SQLite store below is what a city that outgrows files would write (one file per year, each record
a row): nothing else changes, the plans stay in YAML and the queries are the same.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from cgtask import api
from cgtask.models.ledger_data import LedgerEntryData
from cgtask.queries.years import overdue, progress
from cgtask.registry.ledger_store import FileLedger, LedgerStore, ledger_of, use_ledger
from tests.years_registry import build_two_year_registry

AS_OF = date(2022, 12, 31)


class SqliteLedger:
    """Records in a SQLite file: one row per record, with its year for a per-year file or partition."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def write(self, records: Sequence[LedgerEntryData], closed: Sequence[int] = ()) -> None:
        with sqlite3.connect(self.path) as db:
            db.execute("create table if not exists ledger (seq integer primary key, year int, record text)")
            db.execute("create table if not exists closed (year int)")
            rows = [
                (str(r.get("period") or r["date"])[:4], json.dumps(r, ensure_ascii=False)) for r in records
            ]
            db.executemany("insert into ledger (year, record) values (?, ?)", rows)
            db.executemany("insert into closed values (?)", [(year,) for year in closed])

    def records(self) -> Sequence[LedgerEntryData]:
        with sqlite3.connect(self.path) as db:
            return [json.loads(text) for (text,) in db.execute("select record from ledger order by seq")]

    def closed(self) -> list[int]:
        with sqlite3.connect(self.path) as db:
            return [year for (year,) in db.execute("select year from closed")]


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_two_year_registry(tmp_path_factory.mktemp("years"))


def _sqlite(registry: Path, folder: Path, records: Sequence[LedgerEntryData] | None = None) -> SqliteLedger:
    store = SqliteLedger(folder / "ledger-2022.sqlite")
    store.write(ledger_of(api.open_registry(registry)).records() if records is None else records)
    return store


def _board(registry: Path, store: LedgerStore | None) -> list[api.BoardRow]:
    view = api.open_registry(registry)
    if store is not None:
        use_ledger(view, store)
    return overdue(view, api.StandingQuery(AS_OF), detail=False).rows


def test_a_registry_reads_its_ledger_file_by_default(registry: Path) -> None:
    assert isinstance(ledger_of(api.open_registry(registry)), FileLedger)


def test_the_board_from_sqlite_is_the_board_from_the_ledger_file(registry: Path, tmp_path: Path) -> None:
    assert _board(registry, _sqlite(registry, tmp_path)) == _board(registry, None)


def test_the_board_reads_the_store_put_in_place(registry: Path, tmp_path: Path) -> None:
    assert _board(registry, _sqlite(registry, tmp_path, records=[])) != _board(registry, None)


def test_progress_from_sqlite_is_progress_from_the_ledger_file(registry: Path, tmp_path: Path) -> None:
    view = api.open_registry(registry)
    use_ledger(view, _sqlite(registry, tmp_path))
    query = api.StandingQuery(AS_OF)
    assert progress(view, query) == progress(api.open_registry(registry), query)
