"""Which years a query answers for, when a registry holds more than one.

A registry keeps each year's plans as their own documents (``tasks-2022``, ``tasks-2023`` …) and each
record names its document and period, so a 2023 record never counts for 2022 or the other way round.
What a query needs to know is which documents to ask:

- ``year`` given and held: that year's documents. Given and not held: the latest year held before it
  (else the first), projected onto ``year`` as ``--year`` always did (DESIGN 5) — never two years at once.
- no year but a day (the board's as-of day) or a range of days: the years from that day's to the range's
  last day's, and the years before it whose ledger is not closed yet — on 2023-01-05 the board shows 2022's closing shortfalls apart from
  2023's duties, until ``cgtask ledger close 2022``.
- neither: the latest year held (a registry with one year answers for it, as before).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from cgtask.queries.context import Context, plan_years, prepare
from cgtask.registry import walk
from cgtask.registry.view import Registry

if TYPE_CHECKING:
    from cgtask.queries.duties import DueQuery, DueResult
    from cgtask.queries.rows import BoardRow
    from cgtask.queries.standing import OverdueResult, ProgressResult, StandingQuery
    from cgtask.queries.year_view import CalendarView


def held_years(registry: Registry) -> list[int]:
    """The years of the registry's task tables and supervision plans, in order."""
    return plan_years(registry)


def closed_years(registry: Registry) -> set[int]:
    """The years whose ledger is closed (read-only)."""
    from cgtask.registry.ledger_store import ledger_of

    return set(ledger_of(registry).closed())


def wanted_years(
    registry: Registry, year: int | None, day: date | None, until: date | None = None
) -> frozenset[int] | None:
    """The years a query answers for (module docstring); None: every year held (nothing to choose).

    A range of days (``day`` to ``until``) answers for every year it reaches: 2022-12-20 to 2023-01-10
    is 2022's duties and 2023's, each row with its year.
    """
    held = held_years(registry)
    if len(held) < 2:
        return None
    if year is not None:
        before = [y for y in held if y <= year]
        return frozenset({before[-1] if before else held[0]})
    if day is None:
        return frozenset({held[-1]})
    closed = closed_years(registry)
    last = until.year if until is not None and until > day else day.year
    wanted = {y for y in held if day.year <= y <= last or (y < day.year and y not in closed)}
    return frozenset(wanted) or frozenset({max((y for y in held if y < day.year), default=held[0])})


def year_context(
    registry: Registry, year: int | None = None, day: date | None = None, until: date | None = None
) -> Context:
    """The command's context, narrowed to the years it answers for."""
    return prepare(registry, wanted_years(registry, year, day, until))


def document_years(registry: Registry) -> dict[str, int]:
    """Each document's year, by id (from the summary alone)."""
    return {d["id"]: d["year"] for d in registry.summary["documents"]}


# --- each query, for its years --------------------------------------------------------------------------


def due(registry: Registry, query: DueQuery) -> DueResult:
    """``cgtask due`` for the year asked, else the years its days reach, else the latest year held."""
    from cgtask.queries.duties import due_items

    return due_items(year_context(registry, query.year, query.start, query.end), query)


def calendar(registry: Registry, query: DueQuery) -> CalendarView:
    """``cgtask calendar`` for the year asked, else the latest year held."""
    from cgtask.queries.year_view import calendar_view

    return calendar_view(year_context(registry, query.year, query.start), query)


def overdue(registry: Registry, query: StandingQuery, *, detail: bool) -> OverdueResult:
    """The board as of ``query.as_of`` for ``query.year`` (else that day's year and the open years before it)."""
    from cgtask.queries.standing import overdue_items

    context = year_context(registry, query.year, query.as_of)
    result = overdue_items(context, query, detail=detail)
    result.doc_years = document_years(registry)
    return result


def progress(registry: Registry, query: StandingQuery) -> ProgressResult:
    """Completion as of ``query.as_of`` for ``query.year`` (else the years the board shows)."""
    from cgtask.queries.standing import progress_report

    context = year_context(registry, query.year, query.as_of)
    result = progress_report(context, query)
    if context.only_years is not None:  # the targets of the years asked only (2023's drafts are not 2022's)
        years = document_years(registry)
        result.targets = [t for t in result.targets if years.get(t["doc"]) in context.only_years]
    return result


@dataclass(frozen=True)
class YearBoard:
    """The board's lines of one year: ``closing`` when the year is over on the as-of day."""

    year: int
    closing: bool
    rows: list[BoardRow]


def board_by_year(result: OverdueResult) -> list[YearBoard]:
    """The board's lines split by the year of their document, earliest (the closing year) first."""
    years = sorted({result.doc_years.get(row.doc, result.as_of.year) for row in result.rows})
    return [
        YearBoard(
            year,
            year < result.as_of.year,
            [row for row in result.rows if result.doc_years.get(row.doc, result.as_of.year) == year],
        )
        for year in years
    ]


def duty_documents(registry: Registry, years: Iterable[int]) -> Sequence[str]:
    """The ids of the task tables and supervision plans of ``years``, in file order."""
    wanted = set(years)
    return [d["id"] for d in registry.documents if d["year"] in wanted and walk.carries_duties(d)]
