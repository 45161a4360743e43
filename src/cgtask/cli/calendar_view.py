"""The month grid of ``cgtask calendar``: days with due items highlighted, rest days dimmed."""

from __future__ import annotations

import calendar as gregorian
import sys
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.table import Table

    from cgtask.api import CalendarView, WorkCalendar

WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")
DUE_STYLE = "bold white on red"
REST_STYLE = "dim"


def _day_cell(day: date, counts: dict[date, int], calendar: WorkCalendar) -> str:
    """The day number, marked when something falls due that day, dimmed on rest days."""
    if day in counts:
        return f"[{DUE_STYLE}]{day.day:>2}[/]"
    if not calendar.is_workday(day):
        return f"[{REST_STYLE}]{day.day:>2}[/]"
    return f"{day.day:>2}"


def month_table(year: int, month: int, counts: dict[date, int], calendar: WorkCalendar) -> Table:
    """One month as a rich table, Monday first, with the month's number of due items in the title."""
    from rich.table import Table

    due = sum(n for d, n in counts.items() if (d.year, d.month) == (year, month))
    table = Table(title=f"{year}年{month}月（{due}项）", box=None, padding=(0, 1), show_edge=False)
    for name in WEEKDAYS:
        table.add_column(name, justify="right")
    for week in gregorian.Calendar(firstweekday=0).monthdatescalendar(year, month):
        table.add_row(*(_day_cell(d, counts, calendar) if d.month == month else "" for d in week))
    return table


def print_year_grids(view: CalendarView) -> None:
    """Twelve month grids per year, then a legend."""
    from rich.columns import Columns
    from rich.console import Console

    console = Console()
    result, counts = view.result, view.counts
    for year in view.years:
        tables = [month_table(year, month, counts, result.calendar) for month in range(1, 13)]
        console.print(Columns(tables, padding=(1, 3)))
    console.print(f"[{DUE_STYLE}] 日 [/] 有到期事项　[{REST_STYLE}]日[/] 休息日（含法定节假日）")
    if not result.rows:
        sys.stderr.write("没有符合条件的到期事项\n")
