"""What ``cgtask due`` asks and answers, apart from the engine that computes it (:mod:`cgtask.queries.duties`).

A warm ``due`` read back from the cache (:mod:`cgtask.queries.due_cache`) needs the question and the answer's
shape, not the phrase grammar and the period engine: these types import neither.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import KW_ONLY, dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from cgtask.queries.rows import DueRow, json_lines
from cgtask.queries.scope import Scope

if TYPE_CHECKING:
    from cgtask.queries.duties import RowGroup
    from cgtask.schedule.calendar import WorkCalendar


@dataclass(frozen=True)
class DueQuery(Scope):
    """What ``cgtask due`` asks for; at most one of month, week, or start/end (ISO dates) is given.

    Without a window the whole year is meant. ``year`` overrides each document's own year.
    ``per_unit`` gives one row per 中队 for duties at a 中队 level (``unit`` and a 中队 as ``dept``
    imply it for that 中队).
    """

    month: int | None = None
    week: int | None = None
    start: date | None = None
    end: date | None = None
    _: KW_ONLY  # the fifth positional value was the scope's year once: named now, it cannot land on level
    level: str | None = None
    events: bool = False
    per_unit: bool = False


@dataclass
class DueResult:
    """The rows in due order (event-driven ones last), Chinese period labels and warnings for stderr.

    The rows are made from ``groups`` when first asked for.
    """

    groups: list[RowGroup] = field(repr=False)
    period_labels: dict[str, str]
    warnings: list[str]
    calendar: WorkCalendar = field(repr=False)
    unit_heading: str = "中队"  # what the registry calls its units in a heading (县区, 区（市）)

    @cached_property
    def rows(self) -> list[DueRow]:
        """Every due row of every group, in order, computed once."""
        return [row for group in self.groups for row in group.rows()]

    def json_lines(self) -> Iterator[str]:
        """Each row as one line of JSON (``--format json``); an answer read from the cache has them already."""
        return json_lines(self.rows)

    def label_of(self, row: DueRow) -> str:
        """The Chinese label of a row's period: its own span when a window narrowed it (2023年（5月1日—9月30日）).

        Two duties' periods share a key (2023) while their windows differ, so the key alone names the wrong span.
        """
        key = row.period or ""
        return self.period_labels.get(
            span_key(key, row.period_start, row.period_end)
        ) or self.period_labels.get(key, key)

    @property
    def count(self) -> int:
        """How many rows the answer has (a cached answer says so without decoding them)."""
        return len(self.rows)


def span_key(key: str, start: date | None, end: date | None) -> str:
    """The label key of one period's own span (a window narrows it), beside the period's key."""
    return f"{key}@{start}/{end}"
