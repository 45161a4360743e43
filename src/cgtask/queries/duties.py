"""What is due when: every document's periodic duties expanded into dated occurrences.

A *duty* is what a task (``schedule``) or a supervision item (``obligations``) demands of one level
for one activity. When the body text (正文) and 附件1 both state it, they are readings of one duty
(:mod:`cgtask.schedule.source_readings`): a coverage rule joins a cadence, equal periods merge, and
different periods disagree — one governs, the other is kept as ``disagreement`` (``check``: W403).
A document's duties run from its effective date; periods that end before it are not owed.

Rows are :class:`cgtask.queries.rows.DueRow` (date-typed, serialised in that module only); no typer,
rich or pydantic here, so ``cgtask due`` starts from the cached registry as fast as ``cgtask list``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from cgtask.errors import Notice, UsageError, param
from cgtask.models.data import HeaderData, ObligationData, RegistryData, SupervisionItemData
from cgtask.queries import context
from cgtask.queries.context import Context, prepare

# The question and the answer live apart, light (a cached answer needs no engine); named here as before.
from cgtask.queries.due_query import DueQuery as DueQuery
from cgtask.queries.due_query import DueResult as DueResult
from cgtask.queries.due_query import span_key as _span_key
from cgtask.queries.listing import ListRow, match_party
from cgtask.queries.requirements import Requirement, requirement_of, requirement_text
from cgtask.queries.rows import DueRow
from cgtask.registry.names import OrgIndex
from cgtask.registry.view import Registry, iter_tasks
from cgtask.schedule.calendar import OFFICIAL_LAST_YEAR, WorkCalendar
from cgtask.schedule.due_rules import DueRule, parse_due_rule
from cgtask.schedule.frequency import Frequency, parse_frequency
from cgtask.schedule.named_windows import NamedWindows
from cgtask.schedule.occurrences import ExpansionOptions, Occurrence, occurrences_due_between
from cgtask.schedule.periods import month_end
from cgtask.schedule.source_readings import Reading, combine
from cgtask.support.dates import FIRST_YEAR, LAST_YEAR
from cgtask.support.words import ASSUMED, assumption_marked, chinese_date


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
    assumed: str | None = None  # what the registry assumed where the source is silent (a period)


# --- the working calendar -------------------------------------------------------------------------


def work_calendar(data: RegistryData) -> WorkCalendar:
    """The working calendar of a registry's data; a loaded registry's is ``prepare(registry).calendar``."""
    return context.work_calendar(data)


# --- collecting duties ----------------------------------------------------------------------------


def effective_from(header: HeaderData, year: int) -> date:
    """When a document's duties start: ``effective_from``, else its 成文 or 印发 date, else 1 January."""
    from cgtask.registry.ledger_cadence import document_start

    return document_start(header, year)


def _obligations(registry: Registry) -> Iterator[tuple[DutySpec, ObligationData]]:
    """Every obligation of every document that has them, in document order, with who owes it from when.

    The owner is a duty group's head (:class:`DutySpec` before its obligations are gathered). Who owes
    it is named as registered: one body written two ways (市、县级城市管理部门 and 市县级城市管理部门,
    an alias) is one 责任部门 on every view, not two.
    """
    index = registry.index
    for document in registry.task_documents():
        start = effective_from(document["header"], document["year"]).isoformat()
        for _, task in iter_tasks(document):
            # 重点责任部门 (another bureau's 工作要点) answer for the task as its lead does.
            answer = [*task["lead"], *task.get("responsible", [])]
            owner = DutySpec(
                0, document["id"], document["year"], task["id"], task["title"],
                _registered(answer, index), _registered(task["support"], index), start, (),
            )  # fmt: skip
            for obligation in task["schedule"]:
                yield owner, obligation
    for plan in registry.supervision_plans():
        start = effective_from(plan["header"], plan["year"]).isoformat()
        for item in plan["items"]:
            owner = DutySpec(
                1, plan["id"], plan["year"], item["id"], item["title"],
                _registered(responsible_parties(item), index), [], start, (),
            )  # fmt: skip
            for obligation in item["obligations"]:
                yield owner, obligation


def _registered(names: Iterable[str], index: OrgIndex) -> list[str]:
    """The names as organization.yaml registers them (an alias becomes its name), each once, in order."""
    return list(dict.fromkeys(index.canonical(name) or name for name in names))


def responsible_parties(item: SupervisionItemData) -> tuple[str, ...]:
    """附件1's 责任部门 merged with the body's where it names others (队伍建设: 各科室)."""
    return tuple(dict.fromkeys([*item["responsible"], *item.get("responsible_in_body", [])]))


def duty_title(item_title: str, activity: str | None) -> str:
    """The activity (队列训练) when the obligation names one, else the item's title.

    Supervision items carry long 附件1 titles; the activity is what a 中队 actually does, and two
    duties of one item (整改问题, 市级平台实效督察) need different names to be told apart.
    """
    return activity or item_title


def duty_groups(registry: Registry) -> list[tuple[DutySpec, list[ObligationData]]]:
    """The obligations of one duty together: same document, item, level and activity.

    Obligations from a single source that differ in period are separate duties (上半年 and
    下半年 of one 测评); across sources (正文, 附件1) they are readings of one duty.
    """
    groups: dict[tuple[str, str, str, str], tuple[DutySpec, list[ObligationData]]] = {}
    windows = registry.index.dated_windows
    for owner, obligation in _obligations(registry):
        key = (owner.doc, owner.item, obligation["level"], obligation["activity"] or "")
        groups.setdefault(key, (owner, []))[1].append(obligation)
    split: list[tuple[DutySpec, list[ObligationData]]] = []
    for owner, obligations in groups.values():
        if len({o["source"] for o in obligations}) > 1:
            split.append((owner, obligations))
            continue
        by_period: dict[tuple[object, ...], list[ObligationData]] = {}
        for obligation in obligations:
            by_period.setdefault(_period_key(obligation, windows), []).append(obligation)
        split += [(owner, members) for members in by_period.values()]
    return split


def _period_key(obligation: ObligationData, windows: NamedWindows) -> tuple[object, ...]:
    freq = parse_frequency(obligation["frequency"], dict(windows))
    rule = replace(parse_due_rule(obligation["due"] or ""), text="")
    return (freq.period, freq.months, freq.trigger, rule)


def collect_duties(registry: Registry) -> list[Duty]:
    """Every duty of the registry, one reading per duty across 正文 and 附件1, in document order.

    Made once per command (:attr:`cgtask.queries.context.Context.duties`).
    """
    return prepare(registry).duties


def duties_of(specs: list[DutySpec], windows: NamedWindows = ()) -> list[Duty]:
    """The duties of the duty groups, in their order; ``windows`` are the registry's named seasons (汛期)."""
    return [_duty_from_spec(spec, _demand_of(spec, windows), order) for order, spec in enumerate(specs)]


def duty_specs(registry: Registry) -> list[DutySpec]:
    """The duty groups of the registry's context (read once per command, :func:`read_duty_specs`)."""
    return prepare(registry).specs


def read_duty_specs(registry: Registry) -> list[DutySpec]:
    """The duty groups as the cache keeps them per document (``duty-groups``), in document order.

    A warm ``due`` reads only these, never the documents; each distinct set of phrases is parsed
    once per run (:func:`_demand_of`), since a city's hundreds of tables repeat the same few.
    """
    cached = registry.derived("duty-groups", _duty_specs)
    specs = [DutySpec._make([*raw[:8], tuple(ObligationSpec._make(o) for o in raw[8])]) for raw in cached]
    specs.sort(key=lambda spec: spec.plan)  # stable: task tables first, then supervision plans
    return specs


class ObligationSpec(NamedTuple):
    """One obligation of a duty group as the cache keeps it (its fields in this order)."""

    level: str
    activity: str | None
    frequency: str
    due: str | None
    source: str | None
    rest_days: bool | None
    prevails: bool | None
    assumed: str | None


class DutySpec(NamedTuple):
    """A duty group as the cache keeps it: who owes it, from when, and its obligations.

    The cache holds it as a JSON list in this field order (``_duty_specs``); :func:`duty_specs` names it.
    While the groups are gathered (:func:`duty_groups`) its head is the owner and ``obligations`` empty.
    """

    plan: int  # 0 for a task table, 1 for a supervision plan
    doc: str
    year: int
    item: str
    title: str
    responsible: list[str]
    support: list[str]
    effective_from: str  # ISO date
    obligations: tuple[ObligationSpec, ...]


def _duty_specs(registry: Registry) -> list[list[Any]]:
    return [
        [*owner[:-1], [[o.get(key) for key in ObligationSpec._fields] for o in obligations]]
        for owner, obligations in duty_groups(registry)
    ]


@dataclass(frozen=True)
class _Demand:
    """What a group's obligations demand, whoever owes them: parsed once per distinct set of phrases."""

    activity: str | None
    level: str
    frequency: Frequency
    rule: DueRule
    phrases: tuple[str, ...]
    sources: tuple[str, ...]
    coverage: str | None
    disagreement: str | None
    decided: bool
    rest_days: bool
    assumed: str | None


def _demand_of(spec: DutySpec, windows: NamedWindows) -> _Demand:
    return _demand(spec.obligations, windows)


def _duty_from_spec(spec: DutySpec, demand: _Demand, order: int) -> Duty:
    return Duty(
        doc=spec.doc,
        year=spec.year,
        item=spec.item,
        title=duty_title(spec.title, demand.activity),
        level=demand.level,
        responsible=tuple(spec.responsible),
        support=tuple(spec.support),
        frequency=demand.frequency,
        rule=demand.rule,
        phrases=demand.phrases,
        sources=demand.sources,
        order=order,
        coverage=demand.coverage,
        disagreement=demand.disagreement,
        decided=demand.decided,
        effective_from=date.fromisoformat(spec.effective_from),
        rest_days=demand.rest_days,
        assumed=demand.assumed,
    )


@lru_cache(maxsize=4096)  # a city's tables repeat a few dozen sets of phrases; parse each once
def _demand(obligations: tuple[ObligationSpec, ...], windows: NamedWindows) -> _Demand:
    named = dict(windows)
    readings = [Reading(parse_frequency(o.frequency, named), o.source, bool(o.prevails)) for o in obligations]
    combined = combine(readings)
    governing = next(o for o, r in zip(obligations, readings, strict=True) if r not in combined.set_aside)
    return _Demand(
        activity=governing.activity,
        level=governing.level,
        frequency=combined.frequency,
        rule=parse_due_rule(governing.due or ""),
        phrases=tuple(dict.fromkeys(o.frequency for o in obligations)),
        sources=tuple(dict.fromkeys(o.source for o in obligations if o.source)),
        coverage=combined.coverage,
        disagreement=_set_aside_text(combined.set_aside),
        decided=combined.decided,
        rest_days=governing.rest_days is not False,
        assumed=governing.assumed,
    )


def assumption_in(requirement: str) -> str | None:
    """The assumption a marked requirement carries (推定：…), to repeat it where only numbers are shown."""
    start = requirement.find(f"（{ASSUMED}")
    return requirement[start + 1 : -1] if start >= 0 and requirement.endswith("）") else None


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
        raise UsageError(f"{param('month')}、{param('week')} 和 {param('start')}/{param('end')} 只能选用一种")
    if query.month is not None and not 1 <= query.month <= 12:
        raise UsageError(f"月份应为 1—12，收到 {query.month}")
    if query.week is not None and not 1 <= query.week <= 53:
        raise UsageError(f"周次应为 1—53，收到 {query.week}")
    if query.year is not None and not FIRST_YEAR <= query.year <= LAST_YEAR:
        raise UsageError(f"年份应在 {FIRST_YEAR}—{LAST_YEAR} 之间，收到 {query.year}")
    if (query.start is None) != (query.end is None):
        raise UsageError(f"{param('start')} 与 {param('end')} 需要同时给出")
    if query.start and query.end and query.start > query.end:
        raise UsageError(f"起始日期 {query.start} 晚于结束日期 {query.end}")


def duty_window(query: DueQuery, duty: Duty) -> tuple[date, date]:
    """:func:`window` for one duty: a year's question about a plan reaches its later dated deadline.

    十四五末 in a 2023 plan is due 2025-12-31: asked about the plan's year (the default, and what the
    board stands against), the duty is listed with that due date instead of falling out of every year.
    """
    first, last = window(query, duty.year)
    on = duty.frequency.on
    whole_year = not (query.start or query.month is not None or query.week is not None)
    if whole_year and on is not None and on[0] is not None and on[0] > (query.year or duty.year):
        last = max(last, date(on[0], on[1], on[2]) if on[2] else month_end(on[0], on[1]))
    return first, last


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
    """The units a level stands for (街镇中队 → every street 中队, 各县市区 → every 县市区; 机动执法中队 → itself).

    None for the bureau's own level (区局, 市局 …), which no unit owes.
    """
    if index.kind_of(level) == "unit":
        return [index.canonical(level) or level]
    group = index.groups.get(index.canonical(level) or level)
    if group is None or not index.stands_for_units(group["name"]):
        return None
    return index.expand(group["name"], [])


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


def _target(query: DueQuery, index: OrgIndex, levels: list[str]) -> _Target:
    levels = list(dict.fromkeys(levels))
    if query.level and query.level not in levels:
        raise UsageError(f"未知的层级“{query.level}”；现有层级：{'、'.join(levels) or '（无）'}")
    party = index.resolve_party(query.dept) if query.dept else None
    unit = index.resolve_party(query.unit) if query.unit else None
    if unit and index.kind_of(unit) != "unit":
        raise UsageError(f"“{query.unit}”是科室，不是中队；查科室请用 {param('dept')}")
    return _Target(party, unit, query.per_unit)


# --- rows -----------------------------------------------------------------------------------------


def named_units(text: str, index: OrgIndex) -> list[str] | None:
    """The units of a group the phrase names (2025年底前各县市区全覆盖 → every 县市区), None when it names none.

    The longest spelling wins: 各街镇中队 names 街镇中队, not a shorter group inside it.
    """
    named = [
        (spelling, name)
        for name, group in index.groups.items()
        for spelling in (name, *group.get("aliases", []))
        if spelling in text and index.stands_for_units(name)
    ]
    if not named:
        return None
    return index.expand(max(named, key=lambda pair: len(pair[0]))[1], [])


def coverage_units(index: OrgIndex, phrase: str = "") -> list[str]:
    """The units a coverage rule means: the group its phrase names (各县市区), else the street 中队, else every unit."""
    return named_units(phrase, index) or unit_members("街镇中队", index) or list(index.units)


def duty_requirement(duty: Duty, index: OrgIndex) -> Requirement:
    """What each occurrence of the duty asks, with coverage counted over the units it means."""
    units = coverage_units(index, duty.frequency.text)
    return requirement_of(duty.frequency, duty.coverage, len(units), index.unit_word(units))


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


@dataclass
class _DutyParts:
    """What every row of one duty shares for the target asked.

    A row is ``head`` (item … responsible) + the occurrence's dates + a tail (times … via) +
    provisional: keyword arguments of :class:`DueRow`, each part made once and shared.
    """

    head: dict[str, Any]
    dated: dict[str, Any]  # the tail of a row with a due date
    event: dict[str, Any]  # the tail of an event-driven row
    units: list[str | None]


class _RowMaker:
    """Rows of the duties for one target, each duty's shared parts made once."""

    def __init__(self, target: _Target, registry: Registry, year: int | None) -> None:
        self.target = target
        self.registry = registry
        index = registry.index
        self.year = year  # --year: every duty projected onto it
        self.index = index
        self._parts: dict[int, _DutyParts] = {}
        self._requirements: dict[tuple[Frequency, str | None], Requirement] = {}
        self._dates: dict[tuple[int, int], dict[str, Any]] = {}
        self._units_by_level: dict[str, list[str | None]] = {}
        self._tail_parts: dict[tuple[object, ...], tuple[dict[str, Any], dict[str, Any]]] = {}
        self._bases: dict[str, dict[str, dict[str, Any]]] = {}  # per document: its tasks' default bases

    def parts(self, duty: Duty) -> _DutyParts:
        found = self._parts.get(duty.order)
        if found is None:
            found = self._parts[duty.order] = self._make_parts(duty)
        return found

    def _requirement(self, duty: Duty) -> Requirement:
        key = (duty.frequency, duty.coverage)
        found = self._requirements.get(key)
        if found is None:
            units = coverage_units(self.index, duty.frequency.text)
            word = self.index.unit_word(units)
            found = self._requirements[key] = requirement_of(duty.frequency, duty.coverage, len(units), word)
        return found

    def _make_parts(self, duty: Duty) -> _DutyParts:
        target = self.target
        role, via = _role(duty, target.party, self.index) if target.party else (None, None)
        head = {
            "item": duty.item, "title": duty.title, "doc": duty.doc, "level": duty.level,
            "responsible": list(duty.responsible), "base": self._default_base(duty),
        }  # fmt: skip
        dated, event = self._tails(duty, role, via)
        return _DutyParts(head, dated, event, self._units(duty))

    def _default_base(self, duty: Duty) -> dict[str, Any] | None:
        """The task's own base (预估抽查对象数) for a share whose phrase names none; read only when needed."""
        quantity = self._requirement(duty).quantity
        if quantity is None or not quantity.is_share or quantity.of is not None:
            return None
        if duty.doc not in self._bases:
            self._bases[duty.doc] = task_bases(self.registry, duty.doc)
        return self._bases[duty.doc].get(duty.item)

    def _tails(self, duty: Duty, role: str | None, via: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
        """The tails of a duty's dated and event rows: the same for every duty of one demand and role."""
        requirement = self._requirement(duty)
        key = (id(requirement), duty.phrases, duty.sources, duty.disagreement, duty.assumed, role, via)
        found = self._tail_parts.get(key)
        if found is not None:
            return found
        quantity = requirement.quantity
        shared = {
            "quota": quantity,
            "maximum": requirement.maximum,
            "range": requirement.span,
            "coverage": requirement.coverage,
            "coverage_window": requirement.coverage_window,
            "duration": requirement.duration,
        }
        after = {
            "frequency": "；".join(duty.phrases), "source": list(duty.sources),
            "disagreement": duty.disagreement, "role": role, "via": via,
        }  # fmt: skip
        stated = assumption_marked(requirement_text(requirement), duty.assumed)
        dated = {"times": requirement.times, **shared, "requirement": stated, **after}
        event = {"times": None, **shared, "requirement": "", **after}
        self._tail_parts[key] = (dated, event)
        return dated, event

    def _units(self, duty: Duty) -> list[str | None]:
        if self.target.party or self.target.unit:
            return _units_for(duty, self.target, self.index)
        found = self._units_by_level.get(duty.level)  # for everybody, only the level decides
        if found is None:
            found = self._units_by_level[duty.level] = _units_for(duty, self.target, self.index)
        return found

    def dates(self, occurrence: Occurrence | None, duty_year: int) -> dict[str, Any]:
        """The occurrence's period, due date and year (made once per occurrence)."""
        key = (id(occurrence), duty_year)
        found = self._dates.get(key)
        if found is None:
            period = occurrence.period if occurrence else None
            found = self._dates[key] = {
                "year": self._year_of(period.start if period else None, duty_year),
                "period": period.key if period else None,
                "period_start": period.start if period else None,
                "period_end": period.end if period else None,
                "due": occurrence.due if occurrence else None,
            }
        return found

    def _year_of(self, start: date | None, duty_year: int) -> int:
        """The year a period is counted for: --year, else its document's, or the later year it starts in.

        A registry of one year answers for the next too, and a period belongs to the year it starts in.
        """
        if self.year is not None:
            return self.year
        return max(duty_year, start.year) if start is not None else duty_year


def task_bases(registry: Registry, doc: str) -> dict[str, dict[str, Any]]:
    """Each task's own base of its shares ({name: 预估抽查对象数, value: 120}), by task id, where it states a number.

    A 双随机 plan publishes it beside the share; where a record gives no base of its own, it is the base.
    """
    document = registry.document(doc)
    tasks = iter_tasks(document) if document["kind"] == "task_breakdown" else ()
    return {task["id"]: dict(task["base"]) for _, task in tasks if task["base"] and task["base"]["value"]}


@dataclass
class RowGroup:
    """One occurrence of one duty (None for an event-driven duty) and its parts; a row per 中队 asked."""

    parts: _DutyParts
    occurrence: Occurrence | None
    dates: dict[str, Any]

    @property
    def provisional(self) -> bool:
        """Whether the dates rest on a provisional calendar; an event-driven duty has none."""
        return self.occurrence.provisional if self.occurrence else False

    @property
    def tail(self) -> dict[str, Any]:
        """The row fields that differ between a dated occurrence and an event-driven duty."""
        return self.parts.dated if self.occurrence else self.parts.event

    def rows(self) -> Iterator[DueRow]:
        """One row for each 中队 the duty is expanded to."""
        for unit in self.parts.units:
            yield self.row(unit)

    def row(self, unit: str | None) -> DueRow:
        """The row for one 中队 (None: the duty's own row, not expanded)."""
        return DueRow(**self.parts.head, **self.dates, **self.tail, provisional=self.provisional, unit=unit)


def _owed(
    duty: Duty, first: date, last: date, calendar: WorkCalendar, year: int | None, held: frozenset[int]
) -> tuple[list[Occurrence], bool]:
    """(the occurrences owed, whether the effective date cut any): one expansion serves both.

    A period that starts in another year the registry has plans for is that year's plans' (2023-W01 is
    owed by 2023's documents, 2022-W52 by 2022's); a registry of one year keeps answering for the next.
    """
    occurrences = occurrences_due_between(
        duty.frequency,
        first,
        last,
        calendar,
        duty.rule,
        options=ExpansionOptions(
            anchor_year=duty.year, rest_days_owed=duty.rest_days, plan_year=year or duty.year
        ),
    )
    if year is None and len(held) > 1:  # each year's periods to its own plans
        occurrences = [
            o for o in occurrences if o.period.start.year == duty.year or o.period.start.year not in held
        ]
    start = duty.effective_from
    if start is None or (year is not None and year != duty.year):
        return occurrences, False
    owed = [o for o in occurrences if o.period.end >= start]
    return owed, len(owed) < len(occurrences)


def due_items(context: Context, query: DueQuery) -> DueResult:
    """The occurrences due in the asked window, filtered by 科室/中队, level and 中队, in due order."""
    _check_query(query)
    registry = context.registry
    calendar = context.calendar
    specs = context.specs
    demands = [_demand_of(spec, registry.index.dated_windows) for spec in specs]
    target = _target(query, registry.index, [demand.level for demand in demands])
    dated: list[tuple[date, int, str, Duty, Occurrence]] = []
    events: list[Duty] = []
    labels: dict[str, str] = {}
    cut: dict[str, date] = {}
    # Duties that differ only in who owes them share their occurrences: expand each kind once, and
    # make a duty only when something of it is due.
    owed: dict[tuple[object, ...], tuple[list[tuple[date, str, Occurrence]], bool]] = {}
    for order, (spec, demand) in enumerate(zip(specs, demands, strict=True)):
        if query.level and demand.level != query.level:
            continue
        if demand.frequency.is_event:
            events += [_duty_from_spec(spec, demand, order)] if query.events else []
            continue
        key = (
            id(demand),
            spec.year,
            spec.effective_from,
        )  # the demand, the document's year and effective date
        found = owed.get(key)
        duty = None
        if found is None:
            duty = _duty_from_spec(spec, demand, order)
            found = owed[key] = _sortable(
                _owed(duty, *duty_window(query, duty), calendar, query.year, context.held_years), labels
            )
        occurrences, was_cut = found
        if not occurrences and not was_cut:
            continue
        duty = duty or _duty_from_spec(spec, demand, order)
        if was_cut:
            cut[duty.doc] = duty.effective_from or window(query, duty.year)[0]
        dated += [(due, order, period, duty, occurrence) for due, period, occurrence in occurrences]
    dated.sort(key=lambda entry: entry[:3])
    maker = _RowMaker(target, registry, query.year)
    groups = _groups(((duty, occurrence) for *_, duty, occurrence in dated), maker)
    groups += _groups(((duty, None) for duty in events), maker)
    warnings = _provisional_warnings(groups) + _window_warnings(cut)
    return DueResult(groups, labels, warnings, calendar, registry.index.unit_heading)


def _sortable(
    owed: tuple[list[Occurrence], bool], labels: dict[str, str]
) -> tuple[list[tuple[date, str, Occurrence]], bool]:
    """Occurrences with their sort keys (due date, period), their period labels noted in ``labels``."""
    occurrences, was_cut = owed
    for occurrence in occurrences:
        period = occurrence.period
        label = period.label
        if labels.get(period.key, label) != label:
            # Two windows of one year (5—9月, 5—10月) share the period key and differ in their label;
            # the key alone shows the period without either window, each span (label_of) its own.
            label = label.split("（")[0]
        labels[period.key] = label
        labels[_span_key(period.key, period.start, period.end)] = period.label
    return [(o.due, o.period.key, o) for o in occurrences], was_cut


def _window_warnings(cut: dict[str, date]) -> list[str]:
    # No hint to ask another year: the document's own year is always counted from its effective date.
    return [
        Notice(f"{doc} 自 {chinese_date(start)}起施行，此前结束的周期不计")
        for doc, start in sorted(cut.items())
    ]


def _groups(pairs: Iterable[tuple[Duty, Occurrence | None]], maker: _RowMaker) -> list[RowGroup]:
    """One group per occurrence of a duty that the target takes part in."""
    groups: list[RowGroup] = []
    for duty, occurrence in pairs:
        parts = maker.parts(duty)
        if parts.units:
            groups.append(RowGroup(parts, occurrence, maker.dates(occurrence, duty.year)))
    return groups


def _provisional_warnings(groups: list[RowGroup]) -> list[str]:
    years = sorted({g.occurrence.due.year for g in groups if g.occurrence and g.occurrence.provisional})
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
    return list(prepare(registry).years)


def due_counts(rows: Iterable[DueRow]) -> dict[date, int]:
    """How many occurrences fall due on each day, for the month grid."""
    counts: dict[date, int] = {}
    for row in rows:
        if row.due:
            counts[row.due] = counts.get(row.due, 0) + 1
    return counts


def notice_year(registry: Registry, year: int | None, rows: list[DueRow]) -> int:
    """The year a monthly notice speaks of: --year, else its rows', else the registry's duties' — never today's."""
    if year is not None:
        return year
    found = next((row.due.year for row in rows if row.due), None)
    return found if found is not None else min(default_years(registry, None), default=date.today().year)
