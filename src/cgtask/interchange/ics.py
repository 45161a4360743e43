"""Due occurrences as an iCalendar file.

One all-day event per owed period, a reminder some working days before; a daily duty is one recurring event
with its days (RDATE), not hundreds of events.


UIDs hash what identifies an occurrence (document, item, duty, level, 中队, period), so importing
the file again updates the events instead of duplicating them. icalendar is imported only here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from cgtask.errors import UsageError
from cgtask.queries.duties import DueResult
from cgtask.queries.rows import DueRow
from cgtask.schedule.calendar import WorkCalendar
from cgtask.support.words import month_day

# Reminders fire at 9:00 on the reminder day rather than at midnight.
_REMINDER_HOUR = 9
UID_DOMAIN = "cgtask"


def occurrence_uid(row: DueRow) -> str:
    """A stable UID: the same occurrence gets the same UID in every export."""
    period = "daily" if is_daily(row) else row.period or ""  # one series, whatever days it holds
    parts = (row.doc, row.item, row.title, row.level, row.unit or "", period)
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def reminder_offset(due: date, workdays_before: int, calendar: WorkCalendar) -> timedelta:
    """The alarm trigger relative to the all-day event's start: N working days before, at 9:00."""
    reminder_day = calendar.add_workdays(due, -workdays_before)
    return (reminder_day - due) + timedelta(hours=_REMINDER_HOUR)


def _summary(row: DueRow) -> str:
    who = row.unit or row.level
    mark = "【暂定】" if row.provisional else ""
    return f"{mark}{row.title}（{who}，{row.requirement or '1次'}）"


def _description(row: DueRow, period_label: str) -> str:
    lines = [
        f"文件：{row.doc}  第 {row.item} 项",
        f"层级：{row.level}" + (f"  中队：{row.unit}" if row.unit else ""),
        f"责任部门：{'、'.join(row.responsible)}",
        f"周期：{period_label}",
        f"要求：{row.requirement}",
        f"频率：{row.frequency}（{'、'.join(row.source)}）",
    ]
    if row.disagreement:
        lines.append(f"两处规定不一致，另一处：{row.disagreement}")
    if row.provisional:
        lines.append("期限为暂定：该年的放假和调休安排尚未公布")
    return "\n".join(lines)


def build_ics(result: DueResult, *, remind: int, name: str, stamp: datetime) -> bytes:
    """The calendar as bytes; ``stamp`` (DTSTAMP) is passed in so output is reproducible."""
    from icalendar import Calendar

    if remind < 0:
        raise UsageError(f"提前提醒的工作日数不能为负数，收到 {remind}")
    calendar = Calendar()
    calendar.add("prodid", "-//cgtask//城管执法任务期限//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    series = event_series(dated_rows(result.rows))
    for rows, uid in zip(series, _unique_uids([rows[0] for rows in series]), strict=True):
        calendar.add_component(_event(rows, uid, stamp, remind, result))
    data: bytes = calendar.to_ical()
    return data


def _event(rows: list[DueRow], uid: str, stamp: datetime, remind: int, result: DueResult) -> Any:
    """One all-day event for a period, or for every day of a daily duty (first day + RDATE)."""
    from icalendar import Alarm, Event

    row = rows[0]
    due = row.due or date.min
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    if len(rows) > 1:
        event.add("rdate", [r.due or date.min for r in rows[1:]])
    event.add("summary", _summary(row))
    label = "每天" if len(rows) > 1 else result.label_of(row)
    event.add("description", _description(row, label))
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    when = "每天当天到期" if len(rows) > 1 else f"期限 {month_day(due)}"
    alarm.add("description", f"提醒：{_summary(row)}，{when}")
    alarm.add("trigger", reminder_offset(due, remind, result.calendar))
    event.add_component(alarm)
    return event


def is_daily(row: DueRow) -> bool:
    """A period of one day (每天, 每个工作日): its occurrences recur rather than stand alone."""
    return row.period_start is not None and row.period_start == row.period_end


def event_series(rows: list[DueRow]) -> list[list[DueRow]]:
    """Each dated row alone, except a daily duty's rows, which form one series per duty and 中队."""
    series: list[list[DueRow]] = []
    daily: dict[tuple[str, ...], list[DueRow]] = {}
    for row in rows:
        if not is_daily(row):
            series.append([row])
            continue
        key = (row.doc, row.item, row.title, row.level, row.unit or "")
        if key not in daily:
            daily[key] = []
            series.append(daily[key])
        daily[key].append(row)
    return series


def dated_rows(rows: Iterable[DueRow]) -> list[DueRow]:
    """Rows with a due date; event-driven duties have none and get no event."""
    return [row for row in rows if row.due]


def _unique_uids(rows: list[DueRow]) -> list[str]:
    # Two duties could share every identifying field; a suffix by order keeps both, still stable.
    seen: dict[str, int] = {}
    uids = []
    for row in rows:
        uid = occurrence_uid(row)
        count = seen.get(uid, 0)
        seen[uid] = count + 1
        uids.append(uid if count == 0 else uid.replace("@", f"-{count}@", 1))
    return uids
