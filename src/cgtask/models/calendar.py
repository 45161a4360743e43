"""calendar.yaml: the registry's own holidays and 调休 workdays."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from cgtask.models.base import NonEmpty, Strict


class CalendarDay(Strict):
    """One date the State Council calendar sets apart."""

    date: dt.date = Field(title="日期")
    name: NonEmpty | None = Field(default=None, title="说明", description="例如 春节、春节调休上班")


class WorkCalendarFile(Strict):
    """calendar.yaml: holidays and adjusted workdays for years the built-in calendar does not know yet."""

    holidays: list[CalendarDay] = Field(default_factory=list, title="放假日")
    workdays: list[CalendarDay] = Field(default_factory=list, title="调休上班日")
