"""The deadlines of whole years as ``cgtask calendar`` shows them: month grids and an .ics file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cgtask.queries.context import Context
from cgtask.queries.duties import DueQuery, DueResult, due_counts, due_items


@dataclass
class CalendarView:
    """The year's deadlines: the due rows, the years to show, occurrences per day and the bureau's name."""

    result: DueResult
    years: list[int]
    counts: dict[date, int]
    bureau: str


def calendar_view(context: Context, query: DueQuery) -> CalendarView:
    """The deadlines ``query`` asks for (no window: whole years), counted per day."""
    result = due_items(context, query)
    bureau = context.registry.data["organization"]["bureau"]["short_name"]
    years = [query.year] if query.year is not None else list(context.years)
    return CalendarView(result, years, due_counts(result.rows), bureau)
