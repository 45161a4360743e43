"""Whether a 台账 record's period is one its item's work has (E810, issue 24).

``done`` and the forms only write periods of the item itself. A record written by hand, or brought in by
a git merge, can name a period of the right shape for another cadence — a week (2022-W10) for a monthly
duty, a month for a quarterly one — or a level or activity the item does not have; the board then
matches it to no period and it counts nowhere, without a word. ``check`` names it (E810) and the
board leaves it out everywhere, coverage included, so the two always agree.

Each document's duties are kept as *cadences*: per item, each duty's level, title and the keys of its
periods in the document's year — of the reading that counts when 正文 and 附件1 differ, as ``due``
combines them. They are made when the document is read (and cached with it), so the check after a write
parses no phrase and loads no part of the schedule engine; only a record naming a rest day of a duty owed
on working days only asks the working calendar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from cgtask.models.data import DocumentData, ObligationData
from cgtask.registry import walk

if TYPE_CHECKING:
    from cgtask.schedule.calendar import WorkCalendar
    from cgtask.schedule.frequency import Frequency

NOWHERE = "这条记录计不进任何一期"
# A duty as cached: [level, title, period keys of its year (None: a case, whose period is its day), owed on
# working days only (its keys are then every day, each confirmed against the calendar), phrase, the first
# keys of periods owed once the document took effect (the examples E810 names)].
Cadence = list[Any]


def document_start(header: Mapping[str, Any], year: int) -> date:
    """When a document's duties start: ``effective_from``, else its 成文 or 印发 date, else 1 January."""
    for key in ("effective_from", "date", "print_date"):
        value = header.get(key)
        if isinstance(value, str) and value[:4] == str(year):
            return date.fromisoformat(value)
    return date(year, 1, 1)


def document_cadences(data: DocumentData, windows: Mapping[str, Any]) -> dict[str, list[Cadence]]:
    """Each item's duties (those that carry any), as ``due`` counts them: one per reading that counts."""
    cadences: dict[str, list[Cadence]] = {}
    start = document_start(data["header"], data["year"])
    for item in walk.items(data):
        groups: dict[tuple[str, str], list[ObligationData]] = {}
        for _, obligation in item.obligations():
            groups.setdefault((obligation["level"], obligation["activity"] or ""), []).append(obligation)
        duties = [
            c
            for members in groups.values()
            for c in _counted(members, item.title, windows, (data["year"], start))
        ]
        if duties:
            cadences[item.id] = duties
    return cadences


def _counted(
    members: list[ObligationData], title: str, windows: Mapping[str, Any], when: tuple[int, date]
) -> list[Cadence]:
    """The cadences of one level's activity: across sources the reading that counts, else each one."""
    from cgtask.errors import FrequencyError
    from cgtask.schedule.frequency import parse_frequency
    from cgtask.schedule.source_readings import Reading, combine

    try:
        readings = [Reading(parse_frequency(o["frequency"], dict(windows)), o["source"]) for o in members]
    except FrequencyError:
        return []  # reported as E401; the item's records are not judged on a phrase nobody can read
    if len({o["source"] for o in members}) < 2:
        return [_cadence(o, r.frequency, title, when) for o, r in zip(members, readings, strict=True)]
    prevailing = [
        Reading(r.frequency, r.source, bool(o.get("prevails")))
        for o, r in zip(members, readings, strict=True)
    ]
    combined = combine(prevailing)
    governing = next(o for o, r in zip(members, prevailing, strict=True) if r not in combined.set_aside)
    return [_cadence(governing, combined.frequency, title, when)]


def _cadence(obligation: ObligationData, frequency: Frequency, title: str, when: tuple[int, date]) -> Cadence:
    from dataclasses import replace

    from cgtask.schedule.occurrences import ExpansionOptions, duty_periods

    workdays = frequency.period == "workday" or (
        frequency.period == "day" and obligation.get("rest_days") is False
    )
    year, start = when
    keys, owed = None, []
    if not frequency.is_event:  # every day for a duty owed on working days: the calendar is asked per record
        everyday = replace(frequency, period="day") if workdays else frequency
        periods = duty_periods(everyday, year, None, ExpansionOptions(anchor_year=year, plan_year=year))
        keys = [period.key for period in periods]
        owed = [period.key for period in periods if period.end >= start][:3]  # in effect: worth naming
    return [
        obligation["level"],
        obligation["activity"] or title,
        keys,
        workdays,
        obligation["frequency"],
        owed,
    ]


class PeriodFit:
    """Judges records against the duties of the registry's documents; each distinct question answered once."""

    def __init__(
        self,
        documents: Iterable[tuple[str, int, dict[str, list[Cadence]]]],
        calendar: Callable[[], WorkCalendar],
    ) -> None:
        self._documents = {doc: (year, cadences) for doc, year, cadences in documents}
        self._calendar = calendar  # asked only for a rest day of a duty owed on working days
        self._answers: dict[tuple[Any, ...], tuple[str, str, str] | None] = {}
        self._keys: dict[int, frozenset[str]] = {}

    def problem(self, entry: Mapping[str, Any]) -> tuple[str, str, str] | None:
        """(field, Chinese reason, "E810") when no duty of the record's item has its period; None when one has.

        A period of the duty that ended before the document took effect is the duty's own (``done`` refuses
        it with its own reason). Records of an item without duties, of an unknown document or item (E801),
        withdrawals and measured values (they count for the item's targets whatever their period) are not
        judged here.
        """
        if entry.get("withdraws") or entry.get("value") is not None:
            return None
        key = (entry["doc"], entry["item"], entry["level"], entry.get("activity"), str(entry["period"]))
        if key not in self._answers:
            self._answers[key] = self._judge(*key)
        return self._answers[key]

    def _judge(
        self, doc: str, item: str, level: str, activity: str | None, period: str
    ) -> tuple[str, str, str] | None:
        year, cadences = self._documents.get(doc, (0, {}))
        duties = cadences.get(item)
        if not duties:
            return None
        at_level = [c for c in duties if c[0] == level]
        if not at_level:
            levels = "、".join(dict.fromkeys(c[0] for c in duties))
            return "level", f"第 {item} 项没有“{level}”层级的工作（现有：{levels}），{NOWHERE}", "E810"
        mine = [c for c in at_level if activity is None or c[1] == activity]
        if not mine:
            titles = "、".join(dict.fromkeys(c[1] for c in at_level))
            return "activity", f"第 {item} 项{level}没有工作“{activity}”（现有：{titles}），{NOWHERE}", "E810"
        if any(self._has(cadence, year, period) for cadence in mine):
            return None
        shown = "；".join(dict.fromkeys(f"{c[4]}：{_example(c, year)}" for c in mine))
        return "period", f"周期“{period}”不是第 {item} 项这项工作的周期（{shown}），{NOWHERE}", "E810"

    def _has(self, cadence: Cadence, year: int, period: str) -> bool:
        if cadence[2] is None:  # a case: its period is the day it was done
            return _day_of(period, year) is not None
        keys = self._keys.get(id(cadence))
        if keys is None:
            keys = self._keys[id(cadence)] = frozenset(cadence[2])
        if period not in keys:
            return False
        day = _day_of(period, year) if cadence[3] else None
        return day is None or self._calendar().is_workday(day)


def _example(cadence: Cadence, year: int) -> str:
    if cadence[2] is None:
        return f"完成当天，如 {year}-03-08"
    keys = (cadence[5] if len(cadence) > 5 else []) or sorted(cadence[2])  # owed once in effect, not before
    return "、".join(keys[:2]) + ("等" if len(keys) > 2 else "") if keys else "（本年没有）"


def registry_calendar(calendar: Mapping[str, Any]) -> WorkCalendar:
    """The official calendar plus the registry's own holidays and adjusted workdays (calendar.yaml's data)."""
    from cgtask.schedule.calendar import WorkCalendar

    return WorkCalendar(
        extra_holidays=[date.fromisoformat(day["date"]) for day in calendar["holidays"]],
        extra_workdays=[date.fromisoformat(day["date"]) for day in calendar["workdays"]],
    )


def _day_of(period: str, year: int) -> date | None:
    """The day a period key names (``2022-03-08``) when it is one of ``year``, else None."""
    try:
        day = date.fromisoformat(period) if len(period) == 10 else None
    except ValueError:
        return None
    return day if day is not None and day.year == year else None
