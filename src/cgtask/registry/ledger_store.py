"""Where the queries read the 台账: one small interface, so that moving the records is a storage change.

Every query that weighs work against the 台账 (the board, progress, the site, the reminders, the year's
summary, ``ledger list``) reads it through :func:`ledger_of`: the records in ledger order (withdrawals and
corrections included, as appended) and the closed years. Today the records come from the registry's
``ledger.yaml`` (:class:`FileLedger`); a city that outgrows files puts another :class:`LedgerStore` in
its place — a SQLite file per year, a table in the 市局's PostgreSQL — with :func:`use_ledger`, and the
plans stay in YAML. ``tests/registry/test_ledger_store.py`` does that with SQLite and gets the same board.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from cgtask.models.ledger_data import LedgerEntryData
from cgtask.registry.view import Registry

STORE = "ledger-store"


class LedgerStore(Protocol):
    """The 台账 as the queries need it."""

    def records(self) -> Sequence[LedgerEntryData]:
        """Every record in the order it was appended, withdrawals and corrections included."""
        ...

    def closed(self) -> list[int]:
        """The years whose records are read-only (``cgtask ledger close``)."""
        ...


class FileLedger:
    """The registry's own ledger.yaml (read record by record through the registry's cache)."""

    def __init__(self, registry: Registry) -> None:
        self._registry = registry

    def records(self) -> Sequence[LedgerEntryData]:
        """The records of ledger.yaml, in file order."""
        return self._registry.data["ledger"]["entries"]

    def closed(self) -> list[int]:
        """The years listed under ``closed:`` in ledger.yaml."""
        return list(self._registry.data["ledger"].get("closed") or [])


def ledger_of(registry: Registry) -> LedgerStore:
    """The 台账 the queries of this command read: ledger.yaml unless another store was put in place."""
    store: LedgerStore = registry.prepared(STORE, FileLedger)
    return store


def use_ledger(registry: Registry, store: LedgerStore) -> None:
    """Answer this registry's queries from ``store`` instead of ledger.yaml (for the rest of the command)."""
    registry.keep(STORE, store)
