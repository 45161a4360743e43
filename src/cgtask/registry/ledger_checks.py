"""What ``check`` finds in each 台账 record against the registry (E801, E810), each distinct record once.

A district's year holds thousands of records that say the same few things (an item, a 中队, a period);
judging each one apart was most of the check after a write at 60,000 records. A record's findings depend
only on the fields judged here, so records that agree on them share one answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cgtask.registry.ledger_cadence import PeriodFit
from cgtask.registry.ledger_file import entry_problems
from cgtask.registry.names import OrgIndex

Problem = tuple[str, str, str]  # field, Chinese message, code


class RecordJudge:
    """E801 (a reference that does not resolve), E810 (a period no duty of the item has) of records."""

    def __init__(
        self, items: dict[str, set[str]], index: OrgIndex, failed: Mapping[str, Any], fit: PeriodFit
    ) -> None:
        self._items, self._index, self._failed, self._fit = items, index, failed, fit
        self._answers: dict[tuple[Any, ...], list[Problem]] = {}

    def problems(self, entry: Mapping[str, Any]) -> list[Problem]:
        """The record's problems, placed by field; none for a sound record."""
        key = (
            entry["doc"], entry["item"], str(entry["period"]), entry["level"], entry.get("unit"),
            tuple(entry.get("covers") or ()), entry.get("activity"), bool(entry.get("withdraws")),
            entry.get("value") is None,
        )  # fmt: skip
        found = self._answers.get(key)
        if found is None:
            found = self._answers[key] = self._judge(entry)
        return found

    def _judge(self, entry: Mapping[str, Any]) -> list[Problem]:
        failed = entry["doc"] in self._failed  # its own findings say what to fix
        found = [
            (field, message, "E801")
            for field, message in entry_problems(entry, self._items, self._index)
            if not failed or field not in ("doc", "item")
        ]
        if found or failed:
            return found
        misplaced = self._fit.problem(entry)
        return [misplaced] if misplaced is not None else []
