"""``cgtask calendar``: the year's deadlines as month grids or an .ics file."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary, warn
from cgtask.cli.options import (
    DeptOption,
    ForceOption,
    LevelOption,
    PerUnitOption,
    UnitOption,
    YearOption,
)


@dataclass(frozen=True)
class CalendarOptions(options.OnRegistry):
    """Whose deadlines of which year, and where and how to write them as an .ics file."""

    year: YearOption = None
    ics: Annotated[
        Path | None, typer.Option("--ics", help="写出 iCalendar 文件（.ics），可导入手机或邮箱日历")
    ] = None
    remind: Annotated[int, typer.Option("--remind", help="提前几个工作日提醒（写 .ics 时）")] = 3
    dept: DeptOption = None
    level: LevelOption = None
    unit: UnitOption = None
    per_unit: PerUnitOption = False
    force: ForceOption = False


@options.option_group("wanted", CalendarOptions)
def calendar_command(*, wanted: CalendarOptions) -> None:
    """全年期限日历：终端里按月显示有到期事项的日子；加 --ics 写出带提醒的日历文件。

    重复导入同一文件时事件按 UID 更新，不会重复。

    示例：cgtask calendar --year 2022 --ics 期限.ics --remind 3
    """
    year, ics, remind, dept, level, unit, per_unit, force = (
        wanted.year,
        wanted.ics,
        wanted.remind,
        wanted.dept,
        wanted.level,
        wanted.unit,
        wanted.per_unit,
        wanted.force,
    )
    from cgtask import api

    query = api.DueQuery(year=year, dept=dept, level=level, unit=unit, per_unit=per_unit)
    view = api.calendar(wanted.registry, query)
    warn(view.result.warnings)
    if ics is None:
        from cgtask.cli.calendar_view import print_year_grids

        print_year_grids(view)
        return
    from datetime import UTC, datetime

    count = api.write_ics(view, ics, remind=remind, stamp=datetime.now(UTC), force=force)
    sys.stderr.write(f"已写入 {ics}：{count} 个事件，提前 {remind} 个工作日提醒\n")


def register(app: typer.Typer) -> None:
    """Add the ``calendar`` command to ``app``."""
    app.command("calendar")(boundary(calendar_command))
