"""SiteData from a registry, so the site shows exactly what the terminal shows.

It goes through the same queries as ``cgtask due`` and the 督办 board of ``cgtask overdue``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, timedelta

from chinese_calendar import get_holiday_detail

from cgtask.publish import site
from cgtask.queries.context import Context
from cgtask.queries.duties import DueResult
from cgtask.queries.standing import (
    LedgerIndex,
    StandingQuery,
    assess,
    overdue_items,
    owners,
    responsible_departments,
    standing_due,
)
from cgtask.registry.view import Registry, iter_tasks
from cgtask.schedule.calendar import WorkCalendar

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
}
SOON_WORKDAYS = 3


def _units(registry: Registry) -> list[site.UnitInfo]:
    index = registry.index
    departments = [site.UnitInfo(n, "department", site.slugify(n)) for n in index.departments]
    return departments + [site.UnitInfo(n, "squad", site.slugify(n)) for n in index.units]


def _board(context: Context, as_of: date, due: DueResult) -> tuple[list[site.BoardRow], dict[str, int]]:
    """The 督办 board of ``cgtask overdue`` (complete duties green), a line per 科室 for bureau duties.

    It is judged against ``due`` (every occurrence per 中队: the site's own due rows). With it, the count of
    each status as ``overdue`` gives it: a bureau duty two 科室 share is one line there, two on the site.
    """
    registry = context.registry
    result = overdue_items(context, StandingQuery(as_of, soon=SOON_WORKDAYS), everything=True, due=due)
    rows = [
        replace(row, unit=owner)
        for row in result.rows
        for owner in ([row.unit] if row.unit else owners_of(row, registry))
    ]
    return rows, dict(Counter(row.status for row in result.rows))


def owners_of(row: site.BoardRow, registry: Registry) -> list[str]:
    """The 科室 a bureau-level board line belongs to (its 责任部门 that are 科室), else 区局."""
    return responsible_departments(row.responsible, registry.index) or ["区局"]


def _tasks(registry: Registry) -> list[site.TaskRow]:
    tasks = []
    for document in registry.task_documents():
        for category, task in iter_tasks(document):
            targets = [t["text"] for t in task["targets"]]
            tasks.append(
                site.TaskRow(
                    task["id"],
                    document["id"],
                    category,
                    task["title"],
                    task["detail"],
                    task["lead"],
                    task["support"],
                    targets,
                )
            )
    return tasks


def _days(calendar: WorkCalendar, year: int, due_counts: dict[date, int]) -> list[site.CalendarDay]:
    days = []
    day = date(year, 1, 1)
    while day.year == year:
        workday = calendar.is_workday(day)
        name = None
        if not workday and not calendar.is_provisional(day):
            is_holiday, english = get_holiday_detail(day)
            name = HOLIDAY_NAMES.get(english or "", english) if is_holiday else None
        adjusted = workday and day.weekday() >= 5
        days.append(
            site.CalendarDay(
                day, workday, adjusted, name, calendar.is_provisional(day), due_counts.get(day, 0)
            )
        )
        day += timedelta(days=1)
    return days


def _completion(
    rows: list[site.DueRow], ledger: LedgerIndex, registry: Registry, as_of: date
) -> list[site.UnitCompletion]:
    """Times owed and done by each owner for the year so far and for each month, by due date."""
    tally: dict[tuple[str, int | None], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        if row.due is None or row.due > as_of:
            continue
        complete = assess(row, ledger.records(row)).complete
        month = row.due.month
        for owner in owners(row, registry.index):
            for key in ((owner, None), (owner, month)):
                tally[key][0] += 1
                tally[key][1] += complete
    return [site.UnitCompletion(unit, owed, done, month) for (unit, month), (owed, done) in tally.items()]


def site_data(context: Context, as_of: date, revision: str | None = None) -> site.SiteData:
    """The whole site's data as of ``as_of`` for the documents' own years (the year of ``as_of``).

    One due result (every occurrence, per 中队) feeds the due lists, the calendar, the completion
    charts and the board; the board's standing query asks exactly that (:func:`standing_due`).
    """
    registry = context.registry
    result = standing_due(context, StandingQuery(as_of))
    calendar = result.calendar
    rows = result.rows
    ledger = LedgerIndex.of(registry, as_of)
    due_counts: dict[date, int] = defaultdict(int)
    for row in rows:
        if row.due:
            due_counts[row.due] += 1
    index = registry.index
    groups = {name: index.expand(name, []) for name in index.groups}
    board, totals = _board(context, as_of, result)
    return site.SiteData(
        as_of=as_of,
        revision=revision,
        bureau=registry.data["organization"]["bureau"]["name"],
        year=as_of.year,
        provisional_years={as_of.year} if calendar.is_provisional(as_of) else set(),
        units=_units(registry),
        board=board,
        board_totals=totals,
        due=rows,
        tasks=_tasks(registry),
        days=_days(calendar, as_of.year, due_counts),
        completion=_completion(rows, ledger, registry, as_of),
        groups=groups,
        unit_heading=index.unit_heading,
    )
