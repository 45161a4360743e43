"""The deadlines of whole years as ``cgtask calendar`` shows them: month grids and an .ics file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cgtask.queries.duties import DueQuery, DueResult, default_years, due_counts, due_items
from cgtask.registry.view import Registry


@dataclass
class CalendarView:
    """The year's deadlines: the due rows, the years to show, occurrences per day and the bureau's name."""

    result: DueResult
    years: list[int]
    counts: dict[date, int]
    bureau: str


def calendar_view(registry: Registry, query: DueQuery) -> CalendarView:
    """The deadlines ``query`` asks for (no window: whole years), counted per day."""
    result = due_items(registry, query)
    bureau = registry.data["organization"]["bureau"]["short_name"]
    return CalendarView(result, default_years(registry, query.year), due_counts(result.rows), bureau)
