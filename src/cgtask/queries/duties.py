"""What is due when: every document's periodic duties expanded into dated occurrences.

A *duty* is what a task (``schedule``) or a supervision item (``obligations``) demands of one level
for one activity. When the body text (正文) and 附件1 both state it, they are readings of one duty
(:mod:`cgtask.schedule.readings`): a coverage rule joins a cadence, equal periods merge, and
different periods disagree — one governs, the other is kept as ``disagreement`` (``check``: W403).
A document's duties run from its effective date; periods that end before it are not owed.

Rows are plain dicts with stable English keys (``ROW_KEYS``); no typer, rich or pydantic here, so
``cgtask due`` starts from the cached registry as fast as ``cgtask list``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, TypedDict

from cgtask.errors import UsageError
from cgtask.models.data import HeaderData, ObligationData, RegistryData, SupervisionItemData
from cgtask.queries.listing import ListRow, match_party
from cgtask.queries.requirements import Requirement, requirement_of, requirement_text
from cgtask.registry.names import OrgIndex
from cgtask.registry.view import Registry, iter_tasks
from cgtask.schedule.calendar import OFFICIAL_LAST_YEAR, WorkCalendar
from cgtask.schedule.due_rules import DueRule, parse_due_rule
from cgtask.schedule.frequency import Frequency, parse_frequency
from cgtask.schedule.occurrences import Occurrence, occurrences_due_between
from cgtask.schedule.readings import Reading, combine

ROW_KEYS: tuple[str, ...] = (
    "item",
    "title",
    "doc",
    "level",
    "unit",
    "responsible",
    "period",
    "period_start",
    "period_end",
    "due",
    "times",
    "quota",
    "maximum",
    "coverage",
    "coverage_window",
    "duration",
    "requirement",
    "frequency",
    "source",
    "disagreement",
    "role",
    "via",
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
    period_start: str | None
    period_end: str | None
    due: str | None
    times: int | None
    quota: dict[str, Any] | None
    maximum: int | None
    coverage: int | None
    coverage_window: str | None
    duration: str | None
    requirement: str
    frequency: str
    source: list[str]
    disagreement: str | None
    role: str | None
    via: str | None
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
    coverage: str | None = None
    disagreement: str | None = None
    decided: bool = False
    effective_from: date | None = None
    rest_days: bool = True  # a 每天 duty is owed on weekends and holidays too unless the document says not


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
    """The task or item an obligation belongs to, and when its document's duties start."""

    doc: str
    year: int
    item: str
    title: str
    responsible: tuple[str, ...]
    support: tuple[str, ...]
    effective_from: date


def effective_from(header: HeaderData, year: int) -> date:
    """When a document's duties start: ``effective_from``, else its 成文 or 印发 date, else 1 January."""
    for key in ("effective_from", "date", "print_date"):
        value = header.get(key)
        if isinstance(value, str) and value[:4] == str(year):
            return date.fromisoformat(value)
    return date(year, 1, 1)


def _obligations(registry: Registry) -> Iterator[tuple[_Owner, ObligationData]]:
    """Every obligation of every document that has them, in document order."""
    for document in registry.task_documents():
        start = effective_from(document["header"], document["year"])
        for _, task in iter_tasks(document):
            owner = _Owner(
                document["id"], document["year"], task["id"], task["title"],
                tuple(task["lead"]), tuple(task["support"]), start,
            )  # fmt: skip
            for obligation in task["schedule"]:
                yield owner, obligation
    for plan in registry.supervision_plans():
        start = effective_from(plan["header"], plan["year"])
        for item in plan["items"]:
            owner = _Owner(
                plan["id"], plan["year"], item["id"], item["title"], responsible_parties(item), (), start
            )
            for obligation in item["obligations"]:
                yield owner, obligation


def responsible_parties(item: SupervisionItemData) -> tuple[str, ...]:
    """附件1's 责任部门 merged with the body's where it names others (队伍建设: 各科室)."""
    return tuple(dict.fromkeys([*item["responsible"], *item.get("responsible_in_body", [])]))


def duty_title(item_title: str, activity: str | None) -> str:
    """The activity (队列训练) when the obligation names one, else the item's title.

    Supervision items carry long 附件1 titles; the activity is what a 中队 actually does, and two
    duties of one item (整改问题, 市级平台实效督察) need different names to be told apart.
    """
    return activity or item_title


def duty_groups(registry: Registry) -> list[tuple[_Owner, list[ObligationData]]]:
    """The obligations of one duty together: same document, item, level and activity.

    Obligations from a single source that differ in period are separate duties (上半年 and
    下半年 of one 测评); across sources (正文, 附件1) they are readings of one duty.
    """
    groups: dict[tuple[str, str, str, str], tuple[_Owner, list[ObligationData]]] = {}
    for owner, obligation in _obligations(registry):
        key = (owner.doc, owner.item, obligation["level"], obligation["activity"] or "")
        groups.setdefault(key, (owner, []))[1].append(obligation)
    split: list[tuple[_Owner, list[ObligationData]]] = []
    for owner, obligations in groups.values():
        if len({o["source"] for o in obligations}) > 1:
            split.append((owner, obligations))
            continue
        by_period: dict[tuple[object, ...], list[ObligationData]] = {}
        for obligation in obligations:
            by_period.setdefault(_period_key(obligation), []).append(obligation)
        split += [(owner, members) for members in by_period.values()]
    return split


def _period_key(obligation: ObligationData) -> tuple[object, ...]:
    freq = parse_frequency(obligation["frequency"])
    rule = replace(parse_due_rule(obligation["due"] or ""), text="")
    return (freq.period, freq.months, freq.trigger, rule)


def collect_duties(registry: Registry) -> list[Duty]:
    """Every duty of the registry, one reading per duty across 正文 and 附件1, in document order."""
    return [
        _new_duty(owner, obligations, order)
        for order, (owner, obligations) in enumerate(duty_groups(registry))
    ]


def _new_duty(owner: _Owner, obligations: list[ObligationData], order: int) -> Duty:
    readings = [
        Reading(parse_frequency(o["frequency"]), o["source"], bool(o.get("prevails"))) for o in obligations
    ]
    combined = combine(readings)
    governing = next(o for o, r in zip(obligations, readings, strict=True) if r not in combined.set_aside)
    return Duty(
        doc=owner.doc,
        year=owner.year,
        item=owner.item,
        title=duty_title(owner.title, governing["activity"]),
        level=governing["level"],
        responsible=owner.responsible,
        support=owner.support,
        frequency=combined.frequency,
        rule=parse_due_rule(governing["due"] or ""),
        phrases=tuple(dict.fromkeys(o["frequency"] for o in obligations)),
        sources=tuple(dict.fromkeys(o["source"] for o in obligations if o["source"])),
        order=order,
        coverage=combined.coverage,
        disagreement=_set_aside_text(combined.set_aside),
        decided=combined.decided,
        effective_from=owner.effective_from,
        rest_days=governing.get("rest_days") is not False,
    )


def _set_aside_text(set_aside: tuple[Reading, ...]) -> str | None:
    """The readings that do not count, as people quote them: 正文“每周不少于2次”."""
    if not set_aside:
        return None
    return "；".join(f"{r.source or '另处'}“{r.frequency.text}”" for r in set_aside)


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


@dataclass(frozen=True)
class _Shape:
    """What every row of one duty shares for the target asked: its demand, role and 中队."""

    requirement: Requirement
    role: str | None
    via: str | None
    units: list[str | None]


def coverage_squads(index: OrgIndex) -> list[str]:
    """The 中队 a coverage rule means: the street 中队 (街镇中队), else every 中队."""
    return unit_members("街镇中队", index) or list(index.units)


def duty_requirement(duty: Duty, index: OrgIndex) -> Requirement:
    return requirement_of(duty.frequency, duty.coverage, len(coverage_squads(index)))


def _shape(duty: Duty, target: _Target, index: OrgIndex) -> _Shape:
    role, via = _role(duty, target.party, index) if target.party else (None, None)
    return _Shape(duty_requirement(duty, index), role, via, _units_for(duty, target, index))


def _role(duty: Duty, party: str, index: OrgIndex) -> tuple[str | None, str | None]:
    """How a 科室/中队 takes part: 牵头 (lead), 配合 (support) or 负责 (responsible), and through which group."""
    members = unit_members(duty.level, index)
    if members is not None and party in members:
        return "responsible", duty.level if index.kind_of(duty.level) == "group" else None
    row = ListRow(
        id=duty.item, doc=duty.doc, category="", title=duty.title, lead=list(duty.responsible),
        support=list(duty.support), role=None, via=None,
    )  # fmt: skip
    found = match_party(row, party, index, supervision=not duty.support and _is_plan(duty))
    return found if found is not None else (None, None)


def _is_plan(duty: Duty) -> bool:
    """Supervision items have 责任部门 (responsible), tasks 牵头/配合: task ids look like 4.3."""
    return "." not in duty.item


def _base_row(duty: Duty, occurrence: Occurrence | None, shape: _Shape) -> DueRow:
    requirement = shape.requirement
    quantity = requirement.quantity
    return DueRow(
        item=duty.item,
        title=duty.title,
        doc=duty.doc,
        level=duty.level,
        unit=None,
        responsible=list(duty.responsible),
        period=occurrence.period.key if occurrence else None,
        period_start=occurrence.period.start.isoformat() if occurrence else None,
        period_end=occurrence.period.end.isoformat() if occurrence else None,
        due=occurrence.due.isoformat() if occurrence else None,
        times=requirement.times if occurrence else None,
        quota=quantity.to_json() if quantity else None,
        maximum=requirement.maximum,
        coverage=requirement.coverage,
        coverage_window=requirement.coverage_window,
        duration=requirement.duration,
        requirement=requirement_text(requirement) if occurrence else "",
        frequency="；".join(duty.phrases),
        source=list(duty.sources),
        disagreement=duty.disagreement,
        role=shape.role,
        via=shape.via,
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


def owed_occurrences(
    duty: Duty, first: date, last: date, calendar: WorkCalendar, year: int | None
) -> list[Occurrence]:
    """The duty's occurrences due in ``first``..``last`` whose period does not end before the duty starts.

    ``year`` (``--year``) projecting a document onto another year owes that year in full.
    """
    return _owed(duty, first, last, calendar, year)[0]


def _owed(
    duty: Duty, first: date, last: date, calendar: WorkCalendar, year: int | None
) -> tuple[list[Occurrence], bool]:
    """(the occurrences owed, whether the effective date cut any): one expansion serves both."""
    occurrences = occurrences_due_between(
        duty.frequency, first, last, calendar, duty.rule, anchor_year=duty.year, rest_days_owed=duty.rest_days
    )
    start = duty.effective_from
    if start is None or (year is not None and year != duty.year):
        return occurrences, False
    owed = [o for o in occurrences if o.period.end >= start]
    return owed, len(owed) < len(occurrences)


def due_items(registry: Registry, query: DueQuery) -> DueResult:
    """The occurrences due in the asked window, filtered by 科室/中队, level and 中队, in due order."""
    _check_query(query)
    calendar = work_calendar(registry.data)
    duties = collect_duties(registry)
    target = _target(query, registry.index, duties)
    dated: list[tuple[str, int, str, Duty, Occurrence]] = []
    events: list[Duty] = []
    labels: dict[str, str] = {}
    cut: dict[str, date] = {}
    for duty in duties:
        if query.level and duty.level != query.level:
            continue
        if duty.frequency.is_event:
            events += [duty] if query.events else []
            continue
        first, last = window(query, duty.year)
        occurrences, was_cut = _owed(duty, first, last, calendar, query.year)
        if was_cut:
            cut[duty.doc] = duty.effective_from or first
        for occurrence in occurrences:
            labels[occurrence.period.key] = occurrence.period.label
            dated.append((occurrence.due.isoformat(), duty.order, occurrence.period.key, duty, occurrence))
    dated.sort(key=lambda entry: entry[:3])
    groups = _groups(((duty, occurrence) for *_, duty, occurrence in dated), target, registry.index)
    groups += _groups(((duty, None) for duty in events), target, registry.index)
    rows = [row for base, units in groups for row in _expand_units(base, units)]
    warnings = _provisional_warnings(rows) + _window_warnings(cut)
    return DueResult(rows, labels, warnings, calendar, groups)


def _window_warnings(cut: dict[str, date]) -> list[str]:
    return [
        f"{doc} 自 {start.year}年{start.month}月{start.day}日起施行，此前结束的周期不计（--year 可按全年计）"
        for doc, start in sorted(cut.items())
    ]


RowGroup = tuple[DueRow, list[str | None]]


def _groups(
    pairs: Iterable[tuple[Duty, Occurrence | None]], target: _Target, index: OrgIndex
) -> list[RowGroup]:
    """(row without 中队, the 中队 it is for) per occurrence; [None] means the row as it is."""
    shapes: dict[int, _Shape] = {}
    groups: list[RowGroup] = []
    for duty, occurrence in pairs:
        shape = shapes.get(duty.order)
        if shape is None:
            shape = shapes[duty.order] = _shape(duty, target, index)
        if shape.units:
            groups.append((_base_row(duty, occurrence, shape), shape.units))
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


def notice_year(registry: Registry, year: int | None, rows: list[DueRow]) -> int:
    """The year a monthly notice speaks of: --year, else its rows', else the registry's duties' — never today's."""
    if year is not None:
        return year
    found = next((int(row["due"][:4]) for row in rows if row["due"]), None)
    return found if found is not None else min(default_years(registry, None), default=date.today().year)
