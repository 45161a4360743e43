"""What each page shows, worked out from :class:`SiteData` before any template runs.

Templates only lay out; the choices (which rows are a unit's, which months are "this and next",
how hot a calendar day is) are made here, where they can be tested without HTML.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from cgtask.publish.site.board import natural_key
from cgtask.publish.site.charts import Chart, completion_chart
from cgtask.publish.site.data import BoardRow, CalendarDay, DueRow, SiteData, TaskRow, UnitInfo, row_owners
from cgtask.support.words import WEEKDAYS, month_day

MAX_LISTED_DATES = 5
HEAT_LEVELS = 4


# --- a unit's page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskLink:
    """A task on a unit's page, with the unit's role in it."""

    task: TaskRow
    role: str  # 牵头 / 配合 / 配合（经 各科室）


@dataclass(frozen=True)
class DueGroup:
    """The occurrences of one duty due in one month: a daily duty is one line, not thirty."""

    row: DueRow  # the first occurrence; the duty's text comes from it
    dues: list[date]
    times: int  # the times of all occurrences together

    @property
    def daily(self) -> bool:
        """A daily duty: its periods are single days, counted in 天 as the board counts them."""
        return self.row.period_start is not None and self.row.period_start == self.row.period_end

    @property
    def dates_text(self) -> str:
        """The due dates as text; a long list is shortened to its first, last and count."""
        if len(self.dues) <= MAX_LISTED_DATES:
            return "、".join(month_day(d) for d in self.dues)
        first, last = self.dues[0], self.dues[-1]
        return f"{month_day(first)}—{month_day(last)}，共 {len(self.dues)} {'天' if self.daily else '个期限'}"


@dataclass(frozen=True)
class MonthDue:
    """The duties due in one month on a unit's page, grouped."""

    title: str  # 本月（2022年3月） / 下月（2022年4月）
    groups: list[DueGroup]


@dataclass(frozen=True)
class UnitPage:
    """Everything a unit's page shows: its tasks, what is due this and next month, and its standing."""

    unit: UnitInfo
    leads: list[TaskLink]
    supports: list[TaskLink]
    months: list[MonthDue]
    behind: list[BoardRow]  # red and yellow
    soon: list[BoardRow]  # blue
    finished: list[BoardRow]  # green: met so far, shown with what was done
    duty_chart: Chart | None
    month_chart: Chart | None


def _month_after(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _month_end(first: date) -> date:
    return first.replace(day=_calendar.monthrange(first.year, first.month)[1])


def task_links(
    tasks: list[TaskRow], name: str, groups: dict[str, list[str]]
) -> tuple[list[TaskLink], list[TaskLink]]:
    """The tasks ``name`` leads and those it supports, directly or through a group (各科室)."""
    member_of = [g for g, members in groups.items() if name in members]
    leads, supports = [], []
    for task in tasks:
        if name in task.lead:
            leads.append(TaskLink(task, "牵头"))
        elif name in task.support:
            supports.append(TaskLink(task, "配合"))
        else:
            via = next((g for g in member_of if g in task.support), None)
            if via is not None:
                supports.append(TaskLink(task, f"配合（经 {via}）"))
    return leads, supports


def _group(rows: list[DueRow]) -> list[DueGroup]:
    """One group per duty (document, item, title, level, 中队, frequency), by first due date."""
    grouped: dict[tuple[object, ...], list[DueRow]] = {}
    for row in rows:
        key = (row.doc, row.item, row.title, row.level, row.unit, row.frequency, row.role, row.via)
        grouped.setdefault(key, []).append(row)
    groups = [
        DueGroup(members[0], sorted({r.due for r in members if r.due}), sum(r.times or 1 for r in members))
        for members in grouped.values()
    ]
    groups.sort(key=lambda g: (g.dues[0], g.row.doc, natural_key(g.row.item), g.row.title))
    return groups


def months_due(rows: Iterable[DueRow], as_of: date) -> list[MonthDue]:
    """What falls due in the as-of month and in the next, one line per duty, earliest first."""
    rows = list(rows)
    this_month = as_of.replace(day=1)
    next_month = _month_after(as_of)
    result = []
    for first, word in ((this_month, "本月"), (next_month, "下月")):
        last = _month_end(first)
        chosen = [r for r in rows if r.due is not None and first <= r.due <= last]
        result.append(MonthDue(f"{word}（{first.year}年{first.month}月）", _group(chosen)))
    return result


def _duty_chart(rows: list[BoardRow]) -> Chart | None:
    if not rows:
        return None
    ordered = sorted(rows, key=lambda r: (r.doc, natural_key(r.item), r.level))
    data = [(f"{r.item}. {r.title}", r.owed, r.done) for r in ordered]
    return completion_chart("各项职责完成情况（年初至今）", data, [r.measure for r in ordered])


def _month_chart(site: SiteData, name: str) -> Chart | None:
    months = sorted((c for c in site.completion if c.unit == name and c.month), key=lambda c: c.month or 0)
    if not months:
        return None
    data: list[tuple[str, int | float, int | float]] = [(f"{c.month}月", c.owed, c.done) for c in months]
    return completion_chart("逐月完成情况", data, ["期"] * len(data))


@dataclass(frozen=True)
class ByUnit:
    """Board rows and this and next month's occurrences per 科室/中队, sorted once for all pages.

    A registry with hundreds of 中队 and a hundred thousand occurrences must not be scanned per page.
    """

    board: dict[str, list[BoardRow]]
    due: dict[str, list[DueRow]]


def by_unit(site: SiteData) -> ByUnit:
    """The board and due rows split by unit once, so each unit's page only looks up its own."""
    first = site.as_of.replace(day=1)
    last = _month_end(_month_after(site.as_of))
    board: dict[str, list[BoardRow]] = {}
    for row in site.board:
        board.setdefault(row.unit or "", []).append(row)
    due: dict[str, list[DueRow]] = {}
    for occurrence in site.due:
        if occurrence.due is not None and first <= occurrence.due <= last:
            for owner in row_owners(occurrence):
                due.setdefault(owner, []).append(occurrence)
    return ByUnit(board, due)


def unit_page(site: SiteData, unit: UnitInfo, index: ByUnit) -> UnitPage:
    """The page of one unit, from the site data and the rows indexed by unit."""
    board = index.board.get(unit.name, [])
    leads, supports = task_links(site.tasks, unit.name, site.groups)
    return UnitPage(
        unit=unit,
        leads=leads,
        supports=supports,
        months=months_due(index.due.get(unit.name, []), site.as_of),
        behind=[r for r in board if r.status in ("red", "yellow")],
        soon=[r for r in board if r.status == "blue"],
        finished=[r for r in board if r.status == "green"],
        duty_chart=_duty_chart(board),
        month_chart=_month_chart(site, unit.name),
    )


# --- the calendar ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayCell:
    """One day of the calendar grid: its kind, its 班/休 mark and how much falls due on it."""

    day: date
    kind: str  # work, rest, holiday, adjusted (调休 workday)
    mark: str  # 班 / 休 / ""
    heat: int  # 0 … HEAT_LEVELS
    due_count: int
    provisional: bool
    label: str  # the full description for screen readers and the tooltip


@dataclass(frozen=True)
class MonthGrid:
    """One month of the calendar as weeks of days (None pads the first and last week)."""

    month: int
    weeks: list[list[DayCell | None]]
    due_total: int


def _day_kind(day: CalendarDay) -> tuple[str, str]:
    if day.workday:
        return ("adjusted", "班") if day.adjusted else ("work", "")
    if day.holiday_name:
        return "holiday", "休"
    return "rest", ""


def heat_level(count: int, busiest: int) -> int:
    """0 for no due date, else 1–4 in proportion to the busiest day."""
    if count <= 0 or busiest <= 0:
        return 0
    return max(1, min(HEAT_LEVELS, -(-count * HEAT_LEVELS // busiest)))


def _day_label(day: CalendarDay, kind: str) -> str:
    words = {"work": "工作日", "rest": "休息日", "holiday": "节假日", "adjusted": "调休工作日"}[kind]
    text = f"{month_day(day.date)} 星期{WEEKDAYS[day.date.weekday()]} {words}"
    if day.holiday_name:
        text += f"（{day.holiday_name}）"
    if day.due_count:
        text += f"，到期 {day.due_count} 项次"
    if day.provisional:
        text += "，暂定"
    return text


def _cell(day: CalendarDay, busiest: int) -> DayCell:
    kind, mark = _day_kind(day)
    heat = heat_level(day.due_count, busiest)
    return DayCell(day.date, kind, mark, heat, day.due_count, day.provisional, _day_label(day, kind))


def month_grids(days: list[CalendarDay], year: int) -> list[MonthGrid]:
    """Twelve Monday-first month grids of ``year``; days the data lacks are rest days."""
    known = {d.date: d for d in days}
    busiest = max((d.due_count for d in days), default=0)
    grids = []
    for month in range(1, 13):
        weeks: list[list[DayCell | None]] = []
        for week in _calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells: list[DayCell | None] = []
            for d in week:
                day = known.get(d, CalendarDay(d, workday=d.weekday() < 5))
                cells.append(_cell(day, busiest) if d.month == month else None)
            weeks.append(cells)
        total = sum(known[d].due_count for d in known if d.year == year and d.month == month)
        grids.append(MonthGrid(month, weeks, total))
    return grids


# --- the task table -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskFilters:
    """The choices offered by the task list's filters."""

    departments: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


def task_filters(tasks: list[TaskRow], units: list[UnitInfo]) -> TaskFilters:
    """The choices of the 科室 and 目录 filters: known units first, then other names as they appear."""
    names: dict[str, None] = {u.name: None for u in units}
    for task in tasks:
        names.update(dict.fromkeys([*task.lead, *task.support]))
    categories = list(dict.fromkeys(t.category for t in tasks if t.category))
    return TaskFilters(list(names), categories)
