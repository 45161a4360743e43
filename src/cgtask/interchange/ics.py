"""Due occurrences as an iCalendar file: one all-day event each, a reminder some working days before.

UIDs hash what identifies an occurrence (document, item, duty, level, 中队, period), so importing
the file again updates the events instead of duplicating them. icalendar is imported only here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from cgtask.errors import UsageError
from cgtask.queries.duties import DueResult, DueRow
from cgtask.schedule.calendar import WorkCalendar

# Reminders fire at 9:00 on the reminder day rather than at midnight.
_REMINDER_HOUR = 9
UID_DOMAIN = "cgtask"


def occurrence_uid(row: DueRow) -> str:
    """A stable UID: the same occurrence gets the same UID in every export."""
    parts = (row["doc"], row["item"], row["title"], row["level"], row["unit"] or "", row["period"] or "")
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def reminder_offset(due: date, workdays_before: int, calendar: WorkCalendar) -> timedelta:
    """The alarm trigger relative to the all-day event's start: N working days before, at 9:00."""
    reminder_day = calendar.add_workdays(due, -workdays_before)
    return (reminder_day - due) + timedelta(hours=_REMINDER_HOUR)


def _summary(row: DueRow) -> str:
    who = row["unit"] or row["level"]
    mark = "【暂定】" if row["provisional"] else ""
    return f"{mark}{row['title']}（{who}，{row['times'] or 1}次）"


def _description(row: DueRow, period_label: str) -> str:
    lines = [
        f"文件：{row['doc']}  第 {row['item']} 项",
        f"层级：{row['level']}" + (f"  中队：{row['unit']}" if row["unit"] else ""),
        f"责任部门：{'、'.join(row['responsible'])}",
        f"周期：{period_label}",
        f"频率：{row['frequency']}（{'、'.join(row['source'])}）",
    ]
    if row["provisional"]:
        lines.append("期限为暂定：该年的放假和调休安排尚未公布")
    return "\n".join(lines)


def build_ics(result: DueResult, *, remind: int, name: str, stamp: datetime) -> bytes:
    """The calendar as bytes; ``stamp`` (DTSTAMP) is passed in so output is reproducible."""
    from icalendar import Alarm, Calendar, Event

    if remind < 0:
        raise UsageError(f"提前提醒的工作日数不能为负数，收到 {remind}")
    calendar = Calendar()
    calendar.add("prodid", "-//cgtask//城管执法任务期限//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for row, uid in zip(dated_rows(result.rows), _unique_uids(dated_rows(result.rows)), strict=True):
        due = date.fromisoformat(row["due"] or "")
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add("summary", _summary(row))
        event.add("description", _description(row, result.period_labels.get(row["period"] or "", "")))
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"提醒：{_summary(row)}，期限 {due.month}月{due.day}日")
        alarm.add("trigger", reminder_offset(due, remind, result.calendar))
        event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def dated_rows(rows: Iterable[DueRow]) -> list[DueRow]:
    """Rows with a due date; event-driven duties have none and get no event."""
    return [row for row in rows if row["due"]]


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
