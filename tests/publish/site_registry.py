"""SiteData from a real registry, through the queries behind ``cgtask due`` and ``cgtask overdue``.

The site's tests need data shaped like the real thing; ``cgtask site`` will need the same
assembly. It lives here until the command exists, written only against today's query functions.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from chinese_calendar import get_holiday_detail

from cgtask.publish.site import (
    BoardRow,
    CalendarDay,
    DueRow,
    SiteData,
    TaskRow,
    UnitCompletion,
    UnitInfo,
    slugify,
)
from cgtask.publish.site.data import Status
from cgtask.queries.duties import DueQuery, due_items
from cgtask.queries.duties import DueRow as QueryRow
from cgtask.queries.standing import LedgerIndex, owners
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


def _units(registry: Registry) -> list[UnitInfo]:
    index = registry.index
    departments = [UnitInfo(n, "department", slugify(n)) for n in index.departments]
    return departments + [UnitInfo(n, "squad", slugify(n)) for n in index.units]


def _occurrence_status(row: QueryRow, done: int, as_of: date) -> Status:
    times = row["times"] or 1
    if done >= times:
        return "green"
    if date.fromisoformat(row["due"] or "9999-12-31") > as_of:
        return "blue"
    return "red" if done == 0 else "yellow"


BoardKey = tuple[str, str, str, str, str]  # owner, doc, item, level, title


def _board(
    rows: list[QueryRow], ledger: LedgerIndex, registry: Registry, as_of: date, soon: date
) -> list[BoardRow]:
    """One row per owner × duty: the occurrences due by ``soon``, their worst status."""
    owed: dict[BoardKey, list[int]] = defaultdict(lambda: [0, 0])
    statuses: dict[BoardKey, list[Status]] = defaultdict(list)
    responsible: dict[BoardKey, list[str]] = {}
    for row in rows:
        if row["due"] is None or date.fromisoformat(row["due"]) > soon:
            continue
        done = ledger.done(row)
        status = _occurrence_status(row, done, as_of)
        for owner in owners(row, registry.index):
            key = (owner, row["doc"], row["item"], row["level"], row["title"])
            statuses[key].append(status)
            responsible[key] = row["responsible"]
            if status != "blue":  # not yet owed
                times = row["times"] or 1
                owed[key][0] += times
                owed[key][1] += min(done, times)
    board = []
    order = ("red", "yellow", "blue", "green")
    for key, found in statuses.items():
        owner, doc, item, level, title = key
        total, done = owed[key]
        status = min(found, key=order.index)
        board.append(
            BoardRow(
                doc, item, title, level, owner, responsible[key], total, done, total - done, None, [], status
            )
        )
    return board


def _due_rows(rows: list[QueryRow]) -> list[DueRow]:
    return [
        DueRow(
            item=r["item"],
            title=r["title"],
            doc=r["doc"],
            level=r["level"],
            unit=r["unit"],
            responsible=r["responsible"],
            period=r["period"],
            period_start=None,
            period_end=None,
            due=date.fromisoformat(r["due"]) if r["due"] else None,
            times=r["times"],
            frequency=r["frequency"],
            source=r["source"],
            disagreement=len(r["source"]) > 1,
        )
        for r in rows
    ]


def _tasks(registry: Registry) -> list[TaskRow]:
    tasks = []
    for document in registry.task_documents():
        for category, task in iter_tasks(document):
            targets = [t["text"] for t in task["targets"]]
            tasks.append(
                TaskRow(
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


def _days(calendar: WorkCalendar, year: int, due_counts: dict[date, int]) -> list[CalendarDay]:
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
            CalendarDay(day, workday, adjusted, name, calendar.is_provisional(day), due_counts.get(day, 0))
        )
        day += timedelta(days=1)
    return days


def _completion(
    rows: list[QueryRow], ledger: LedgerIndex, registry: Registry, as_of: date
) -> list[UnitCompletion]:
    """Times owed and done by each owner for the year so far and for each month, by due date."""
    tally: dict[tuple[str, int | None], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        if row["due"] is None or date.fromisoformat(row["due"]) > as_of:
            continue
        times, done = row["times"] or 1, ledger.done(row)
        month = date.fromisoformat(row["due"]).month
        for owner in owners(row, registry.index):
            for key in ((owner, None), (owner, month)):
                tally[key][0] += times
                tally[key][1] += min(done, times)
    return [UnitCompletion(unit, owed, done, month) for (unit, month), (owed, done) in tally.items()]


def site_data(registry: Registry, as_of: date, revision: str | None = None) -> SiteData:
    """The whole site's data as of ``as_of`` for the documents' own years (the year of ``as_of``)."""
    result = due_items(registry, DueQuery(per_unit=True))
    calendar = result.calendar
    rows = result.rows
    ledger = LedgerIndex(registry.data["ledger"]["entries"], as_of, registry.index)
    soon = calendar.add_workdays(as_of, SOON_WORKDAYS)
    due_counts: dict[date, int] = defaultdict(int)
    for row in rows:
        if row["due"]:
            due_counts[date.fromisoformat(row["due"])] += 1
    index = registry.index
    groups = {name: index.expand(name, []) for name in index.groups}
    return SiteData(
        as_of=as_of,
        revision=revision,
        bureau=registry.data["organization"]["bureau"]["name"],
        year=as_of.year,
        provisional_years={as_of.year} if calendar.is_provisional(as_of) else set(),
        units=_units(registry),
        board=_board(rows, ledger, registry, as_of, soon),
        due=_due_rows(rows),
        tasks=_tasks(registry),
        days=_days(calendar, as_of.year, due_counts),
        completion=_completion(rows, ledger, registry, as_of),
        groups=groups,
    )
