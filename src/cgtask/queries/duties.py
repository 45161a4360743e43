"""What is due when: every document's periodic duties expanded into dated occurrences.

A *duty* is one obligation of a task (``schedule``) or a supervision item (``obligations``) at one
level, or several of them merged: when the body text (正文) and 附件1 state the same activity at the
same level with the same kind of period, they are one duty with the stricter demand and both
sources. Obligations that disagree on the period stay apart (``cgtask check`` warns, W501).

Rows are plain dicts with stable English keys (``ROW_KEYS``); no typer, rich or pydantic here, so
``cgtask due`` starts from the cached registry as fast as ``cgtask list``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TypedDict

from cgtask.errors import UsageError
from cgtask.models.data import ObligationData, RegistryData
from cgtask.queries.listing import ListRow, match_party
from cgtask.registry.names import OrgIndex
from cgtask.registry.view import Registry, iter_tasks
from cgtask.schedule.calendar import OFFICIAL_LAST_YEAR, WorkCalendar
from cgtask.schedule.due_rules import DueRule, parse_due_rule
from cgtask.schedule.frequency import Frequency, Quota, parse_frequency
from cgtask.schedule.occurrences import Occurrence, occurrences_due_between

ROW_KEYS: tuple[str, ...] = (
    "item",
    "title",
    "doc",
    "level",
    "unit",
    "responsible",
    "period",
    "due",
    "times",
    "frequency",
    "source",
    "provisional",
)


class DueRow(TypedDict):
    """One occurrence of a duty (for one 中队 when expanded per unit); the keys are the JSON contract."""

    item: str
    title: str
    doc: str
    level: str
    unit: str | None
    responsible: list[str]
    period: str | None
    due: str | None
    times: int | None
    frequency: str
    source: list[str]
    provisional: bool


@dataclass(frozen=True)
class DueQuery:
    """What ``cgtask due`` asks for; at most one of month, week, or start/end (ISO dates) is given.

    Without a window the whole year is meant. ``year`` overrides each document's own year.
    ``per_unit`` gives one row per 中队 for duties at a 中队 level (``unit`` and a 中队 as ``dept``
    imply it for that 中队).
    """

    month: int | None = None
    week: int | None = None
    start: date | None = None
    end: date | None = None
    year: int | None = None
    dept: str | None = None
    level: str | None = None
    unit: str | None = None
    events: bool = False
    per_unit: bool = False


@dataclass(frozen=True)
class Duty:
    """One obligation, or several merged, of one item at one level, parsed and ready to expand."""

    doc: str
    year: int
    item: str
    title: str
    level: str
    responsible: tuple[str, ...]
    support: tuple[str, ...]
    frequency: Frequency
    rule: DueRule
    phrases: tuple[str, ...]
    sources: tuple[str, ...]
    order: int


@dataclass
class DueResult:
    """The rows in due order (event-driven ones last), Chinese period labels and warnings for stderr."""

    rows: list[DueRow]
    period_labels: dict[str, str]
    warnings: list[str]
    calendar: WorkCalendar = field(repr=False)
    groups: list[tuple[DueRow, list[str | None]]] = field(default_factory=list, repr=False)


# --- the working calendar -------------------------------------------------------------------------


def work_calendar(data: RegistryData) -> WorkCalendar:
    """The official calendar plus the registry's own holidays and adjusted workdays (calendar.yaml)."""
    calendar = data["calendar"]
    return WorkCalendar(
        extra_holidays=[date.fromisoformat(day["date"]) for day in calendar["holidays"]],
        extra_workdays=[date.fromisoformat(day["date"]) for day in calendar["workdays"]],
    )


# --- collecting duties ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Owner:
    """The task or item an obligation belongs to."""

    doc: str
    year: int
    item: str
    title: str
    responsible: tuple[str, ...]
    support: tuple[str, ...]


def _obligations(registry: Registry) -> Iterator[tuple[_Owner, ObligationData]]:
    """Every obligation of every document that has them, in document order."""
    for document in registry.task_documents():
        for _, task in iter_tasks(document):
            owner = _Owner(
                document["id"], document["year"], task["id"], task["title"],
                tuple(task["lead"]), tuple(task["support"]),
            )  # fmt: skip
            for obligation in task["schedule"]:
                yield owner, obligation
    for plan in registry.supervision_plans():
        for item in plan["items"]:
            owner = _Owner(
                plan["id"], plan["year"], item["id"], item["title"], tuple(item["responsible"]), ()
            )
            for obligation in item["obligations"]:
                yield owner, obligation


def duty_title(item_title: str, activity: str | None) -> str:
    """The activity (队列训练) when the obligation names one, else the item's title.

    Supervision items carry long 附件1 titles; the activity is what a 中队 actually does, and two
    duties of one item (整改问题, 市级平台实效督察) need different names to be told apart.
    """
    return activity or item_title


def merge_key(owner_item: str, doc: str, obligation: ObligationData) -> tuple[object, ...]:
    """Obligations with equal keys are one duty: same item, level, activity, period kind and due rule."""
    freq = parse_frequency(obligation["frequency"])
    rule = replace(parse_due_rule(obligation["due"] or ""), text="")
    return (doc, owner_item, obligation["level"], obligation["activity"] or "", freq.period, freq.months,
            freq.trigger, rule)  # fmt: skip


def collect_duties(registry: Registry) -> list[Duty]:
    """Every duty of the registry, merged across 正文 and 附件1, in document order."""
    duties: dict[tuple[object, ...], Duty] = {}
    for owner, obligation in _obligations(registry):
        key = merge_key(owner.item, owner.doc, obligation)
        found = duties.get(key)
        duties[key] = (
            _new_duty(owner, obligation, len(duties)) if found is None else _merge(found, obligation)
        )
    return list(duties.values())


def _new_duty(owner: _Owner, obligation: ObligationData, order: int) -> Duty:
    return Duty(
        doc=owner.doc,
        year=owner.year,
        item=owner.item,
        title=duty_title(owner.title, obligation["activity"]),
        level=obligation["level"],
        responsible=owner.responsible,
        support=owner.support,
        frequency=parse_frequency(obligation["frequency"]),
        rule=parse_due_rule(obligation["due"] or ""),
        phrases=(obligation["frequency"],),
        sources=(obligation["source"],) if obligation["source"] else (),
        order=order,
    )


def _merge(duty: Duty, obligation: ObligationData) -> Duty:
    other = parse_frequency(obligation["frequency"])
    phrase, source = obligation["frequency"], obligation["source"]
    return replace(
        duty,
        frequency=stricter_frequency(duty.frequency, other),
        phrases=_append_new(duty.phrases, phrase),
        sources=_append_new(duty.sources, source) if source else duty.sources,
    )


def _append_new(values: tuple[str, ...], value: str) -> tuple[str, ...]:
    return values if value in values else (*values, value)


def stricter_frequency(a: Frequency, b: Frequency) -> Frequency:
    """Two phrases for the same period, as one: the larger count, coverage if either demands it."""
    counts = [t for t in (a.times, b.times) if t is not None]
    return replace(
        a,
        text=f"{a.text}；{b.text}",
        times=max(counts) if counts else None,
        coverage=a.coverage or b.coverage,
        quota=_stricter_quota(a.quota, b.quota),
    )


def _stricter_quota(a: Quota | None, b: Quota | None) -> Quota | None:
    if a is None or b is None:
        return a or b
    if a.per != b.per:
        return a
    if a.count is not None and b.count is not None:
        return b if b.count > a.count else a
    if a.percent is not None and b.percent is not None:
        return b if b.percent > a.percent else a
    return a


# --- reading the query ----------------------------------------------------------------------------


def _check_query(query: DueQuery) -> None:
    ranged = query.start is not None or query.end is not None
    windows = sum(x is not None for x in (query.month, query.week)) + ranged
    if windows > 1:
        raise UsageError("--month、--week 和 --from/--to 只能选用一种")
    if query.month is not None and not 1 <= query.month <= 12:
        raise UsageError(f"月份应为 1—12，收到 {query.month}")
    if query.week is not None and not 1 <= query.week <= 53:
        raise UsageError(f"周次应为 1—53，收到 {query.week}")
    if query.year is not None and not 1901 <= query.year <= 2099:
        raise UsageError(f"年份应在 1901—2099 之间，收到 {query.year}")
    if (query.start is None) != (query.end is None):
        raise UsageError("--from 与 --to 需要同时给出")
    if query.start and query.end and query.start > query.end:
        raise UsageError(f"起始日期 {query.start} 晚于结束日期 {query.end}")


def window(query: DueQuery, year: int) -> tuple[date, date]:
    """The first and last due date asked for, for a document of ``year`` (unless --year overrides)."""
    year = query.year or year
    if query.start and query.end:
        return query.start, query.end
    if query.month is not None:
        following = date(year + (query.month == 12), query.month % 12 + 1, 1)
        return date(year, query.month, 1), following - timedelta(days=1)
    if query.week is not None:
        try:
            monday = date.fromisocalendar(year, query.week, 1)
        except ValueError:
            raise UsageError(f"{year} 年没有第 {query.week} 周") from None
        return monday, monday + timedelta(days=6)
    return date(year, 1, 1), date(year, 12, 31)


# --- who does a duty ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    """Who the rows are for: a 科室 or 中队 (``party``), one 中队 (``unit``), or everybody."""

    party: str | None
    unit: str | None
    per_unit: bool


def unit_members(level: str, index: OrgIndex) -> list[str] | None:
    """The 中队 a level stands for (街镇中队 → every street 中队; 机动执法中队 → itself), else None."""
    if index.kind_of(level) == "unit":
        return [index.canonical(level) or level]
    group = index.groups.get(level)
    if group is None or group["members"] not in ("units", "street_units"):
        return None
    return index.expand(level, [])


def _units_for(duty: Duty, target: _Target, index: OrgIndex) -> list[str | None]:
    """The ``unit`` value of each row of this duty: [None] for one row, [] when it is not asked for."""
    members = unit_members(duty.level, index)
    if members is None:
        if target.unit or (target.party and not _takes_part(duty, target.party, index)):
            return []
        return [None]
    wanted = target.unit or target.party
    if wanted:
        # A 中队-level duty is done by the 中队 themselves, never by a 科室.
        return [wanted] if wanted in members else []
    return list(members) if target.per_unit else [None]


def _takes_part(duty: Duty, party: str, index: OrgIndex) -> bool:
    """Whether a 科室 or 中队 shares a duty that is not at a 中队 level.

    A 中队 counts only when named: 各中队 in a 责任部门 list covering both levels means the
    中队-level duties, not the bureau's own inspection.
    """
    if index.kind_of(party) == "unit":
        return party in {index.canonical(n) for n in (*duty.responsible, *duty.support)}
    row = ListRow(
        id=duty.item, doc=duty.doc, category="", title=duty.title, lead=list(duty.responsible),
        support=list(duty.support), role=None, via=None,
    )  # fmt: skip
    return match_party(row, party, index, supervision=False) is not None


def _target(query: DueQuery, index: OrgIndex, duties: list[Duty]) -> _Target:
    levels = list(dict.fromkeys(d.level for d in duties))
    if query.level and query.level not in levels:
        raise UsageError(f"未知的层级“{query.level}”；现有层级：{'、'.join(levels) or '（无）'}")
    party = index.resolve_party(query.dept) if query.dept else None
    unit = index.resolve_party(query.unit) if query.unit else None
    if unit and index.kind_of(unit) != "unit":
        raise UsageError(f"“{query.unit}”是科室，不是中队；查科室请用 --dept")
    return _Target(party, unit, query.per_unit)


# --- rows -----------------------------------------------------------------------------------------


def _base_row(duty: Duty, occurrence: Occurrence | None) -> DueRow:
    return DueRow(
        item=duty.item,
        title=duty.title,
        doc=duty.doc,
        level=duty.level,
        unit=None,
        responsible=list(duty.responsible),
        period=occurrence.period.key if occurrence else None,
        due=occurrence.due.isoformat() if occurrence else None,
        times=(duty.frequency.times or 1) if occurrence else None,
        frequency="；".join(duty.phrases),
        source=list(duty.sources),
        provisional=occurrence.provisional if occurrence else False,
    )


def _expand_units(base: DueRow, units: list[str | None]) -> Iterator[DueRow]:
    if units == [None]:
        yield base
        return
    for unit in units:
        row = base.copy()
        row["unit"] = unit
        yield row


def due_items(registry: Registry, query: DueQuery) -> DueResult:
    """The occurrences due in the asked window, filtered by 科室/中队, level and 中队, in due order."""
    _check_query(query)
    calendar = work_calendar(registry.data)
    duties = collect_duties(registry)
    target = _target(query, registry.index, duties)
    dated: list[tuple[str, int, str, Duty, Occurrence]] = []
    events: list[Duty] = []
    labels: dict[str, str] = {}
    for duty in duties:
        if query.level and duty.level != query.level:
            continue
        if duty.frequency.is_event:
            events += [duty] if query.events else []
            continue
        first, last = window(query, duty.year)
        for occurrence in occurrences_due_between(duty.frequency, first, last, calendar, duty.rule):
            labels[occurrence.period.key] = occurrence.period.label
            dated.append((occurrence.due.isoformat(), duty.order, occurrence.period.key, duty, occurrence))
    dated.sort(key=lambda entry: entry[:3])
    groups = _groups(((duty, occurrence) for *_, duty, occurrence in dated), target, registry.index)
    groups += _groups(((duty, None) for duty in events), target, registry.index)
    rows = [row for base, units in groups for row in _expand_units(base, units)]
    return DueResult(rows, labels, _provisional_warnings(rows), calendar, groups)


RowGroup = tuple[DueRow, list[str | None]]


def _groups(
    pairs: Iterable[tuple[Duty, Occurrence | None]], target: _Target, index: OrgIndex
) -> list[RowGroup]:
    """(row without 中队, the 中队 it is for) per occurrence; [None] means the row as it is."""
    units_of: dict[int, list[str | None]] = {}
    groups: list[RowGroup] = []
    for duty, occurrence in pairs:
        units = units_of.get(duty.order)
        if units is None:
            units = units_of[duty.order] = _units_for(duty, target, index)
        if units:
            groups.append((_base_row(duty, occurrence), units))
    return groups


def json_rows(result: DueResult) -> Iterator[str]:
    """Each row as compact JSON, in order, without re-encoding what 中队 rows share.

    A year over 250 中队 is some 140,000 rows that differ only in ``unit``: each occurrence is
    encoded once with a marker, and the 中队 name is spliced in.
    """
    import json

    encode = json.JSONEncoder(ensure_ascii=False).encode
    marker = "\x00unit\x00"
    for base, units in result.groups:
        if units == [None]:
            yield encode(base)
            continue
        head, tail = encode({**base, "unit": marker}).split(encode(marker))
        for unit in units:
            yield f"{head}{encode(unit)}{tail}"


def _provisional_warnings(rows: list[DueRow]) -> list[str]:
    years = sorted({int(row["due"][:4]) for row in rows if row["provisional"] and row["due"]})
    if not years:
        return []
    listed = "、".join(str(y) for y in years)
    return [
        f"内置日历只收录到 {OFFICIAL_LAST_YEAR} 年，{listed} 年的放假和调休安排尚未公布："
        "按周一至周五并参照登记册的 calendar.yaml 计算，期限标为“暂定”"
    ]


# --- the whole year at a glance -------------------------------------------------------------------


def default_years(registry: Registry, year: int | None) -> list[int]:
    """The years to show: ``--year``, else the years of the documents that have duties."""
    if year is not None:
        return [year]
    return sorted({duty.year for duty in collect_duties(registry)})


def due_counts(rows: Iterable[DueRow]) -> dict[date, int]:
    """How many occurrences fall due on each day, for the month grid."""
    counts: dict[date, int] = {}
    for row in rows:
        if row["due"]:
            day = date.fromisoformat(row["due"])
            counts[day] = counts.get(day, 0) + 1
    return counts
