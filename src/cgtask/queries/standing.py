"""Where duties stand: every period owed so far against the ledger.

From it come the 督办 board, the detail behind it, and completion per 科室/中队 and per duty.

A period's demand is its requirement (:mod:`cgtask.queries.requirements`): actions, a quantity in the
plan's own unit, a share of a stated base, coverage of the 中队 within a window. Records match by
document, item, level and period (a 中队's row takes only that 中队's records; a record naming an
activity counts only for that duty); withdrawn records and records dated after the as-of day do not count.

Colours (DESIGN 8): a period due on the as-of day, or within ``soon`` working days after it, and not
complete is blue (即将到期); past its due day it is red (逾期) with nothing recorded, yellow (未完成) with
something. The board has one line per 科室/中队 × duty with its worst colour.

Typed rows (:mod:`cgtask.queries.rows`) and no pydantic, like :mod:`cgtask.queries.duties`: these commands start from the cache.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict

from cgtask.errors import UsageError, param
from cgtask.models.data import TargetData, TaskData
from cgtask.models.ledger_data import LedgerEntryData
from cgtask.queries.context import Context
from cgtask.queries.duties import DueQuery, DueResult, RowGroup, due_items
from cgtask.queries.listing import ListRow, match_party
from cgtask.queries.requirements import Quantity
from cgtask.queries.rows import BoardRow, DetailRow, DueRow, due_fields
from cgtask.registry.names import OrgIndex
from cgtask.registry.view import Registry, iter_tasks
from cgtask.schedule.calendar import WorkCalendar
from cgtask.schedule.frequency import Frequency
from cgtask.schedule.occurrences import expand_occurrences

STATUS_ORDER = ("red", "yellow", "blue")
BOARD_ORDER = (*STATUS_ORDER, "green")
BUREAU = "区局"

EntryKey = tuple[str, str, str, str]  # doc, item, level, period
DutyKey = tuple[str, str, str, str, str]  # doc, item, level, title, unit ("" for the bureau)


@dataclass
class OverdueResult:
    """The board (``rows``) and, with ``detail``, the periods behind it (``details``)."""

    rows: list[BoardRow]
    details: list[DetailRow]
    period_labels: dict[str, str]
    as_of: date
    doc_years: dict[str, int] = field(default_factory=dict)  # each document's year, to show years apart


@dataclass(frozen=True)
class StandingQuery:
    """``as_of`` is the day the standing is taken at (its end); ``soon`` counts working days after it."""

    as_of: date
    dept: str | None = None
    unit: str | None = None
    level: str | None = None
    soon: int = 3
    year: int | None = None  # the year asked about (None: the as-of day's, see :mod:`cgtask.queries.years`)


# --- matching the ledger --------------------------------------------------------------------------


def live_entries(entries: Iterable[LedgerEntryData], as_of: date) -> list[LedgerEntryData]:
    """The records that count on ``as_of``: dated by then, neither withdrawn nor a withdrawal."""
    entries = list(entries)
    withdrawn = {e.get("withdraws") for e in entries} - {None}
    last = as_of.isoformat()
    return [
        e
        for e in entries
        if e["date"] <= last
        and not e.get("withdraws")
        and (e.get("id") is None or e.get("id") not in withdrawn)
    ]


class LedgerIndex:
    """The ledger's live records up to a date, grouped by (doc, item, level, period) for quick matching."""

    def __init__(self, entries: Iterable[LedgerEntryData], as_of: date, index: OrgIndex) -> None:
        self._groups: dict[EntryKey, list[LedgerEntryData]] = {}
        self._items: dict[tuple[str, str, str], list[LedgerEntryData]] = {}
        for entry in live_entries(entries, as_of):
            key = (entry["doc"], entry["item"], entry["level"], entry["period"])
            self._groups.setdefault(key, []).append(entry)
            self._items.setdefault(key[:3], []).append(entry)
        self._canonical = index.canonical

    def _fits(self, entry: LedgerEntryData, row: DueRow) -> bool:
        if row.unit is not None and self._canonical(entry["unit"] or "") != row.unit:
            return False
        return entry["activity"] is None or entry["activity"] == row.title

    def has_records(self, group: RowGroup) -> bool:
        """Whether anything at all is recorded for the group's period (for any 中队 or activity)."""
        head = group.parts.head
        return (head["doc"], head["item"], head["level"], group.dates["period"] or "") in self._groups

    def records(self, row: DueRow) -> list[LedgerEntryData]:
        """The records of this period (of this 中队 when the row is one 中队's)."""
        key = (row.doc, row.item, row.level, row.period or "")
        return [entry for entry in self._groups.get(key, ()) if self._fits(entry, row)]

    def records_dated(self, row: DueRow, start: date, end: date) -> list[LedgerEntryData]:
        """The duty's records dated within ``start``..``end``, whatever period they name (coverage windows)."""
        first, last = start.isoformat(), end.isoformat()
        found = self._items.get((row.doc, row.item, row.level), ())
        return [entry for entry in found if first <= entry["date"] <= last and self._fits(entry, row)]

    def done(self, row: DueRow) -> int:
        """The actions recorded for this period (kept for callers that count actions only)."""
        return assess(row, self.records(row)).actions


# --- one period against its requirement -------------------------------------------------------------


@dataclass(frozen=True)
class Assessment:
    """What the records of one period amount to, and whether that meets the period's requirement."""

    actions: int
    quantity: int
    covered: frozenset[str]
    complete: bool
    anything: bool
    short: str | None


def assess(row: DueRow, records: list[LedgerEntryData]) -> Assessment:
    """Actions, quantity and shortfall of one period (its coverage is judged per window, apart)."""
    quota = row.quota
    quantity = sum(entry.get("quantity") or 0 for entry in records)
    covered = frozenset(name for entry in records for name in entry.get("covers") or [])
    if quota is not None and quota.per == "occurrence":
        actions = sum(entry["count"] for entry in records if (entry.get("quantity") or 0) >= quota.value)
    else:
        actions = sum(entry["count"] for entry in records)
    short = _quota_short(quota, records, quantity)
    if short is None and quota is None and 0 < actions < (row.times or 0):
        short = f"差{(row.times or 0) - actions}次"  # partly done: say how many actions are missing
    maximum = row.maximum
    if maximum is not None and actions > maximum:
        short = f"超过上限{maximum}次（已{actions}次）"  # a cap exceeded is behind, like a shortfall
    complete = actions >= (row.times or 0) and short is None
    if quota is not None and quota.per == "occurrence" and actions < (row.times or 1):
        short = short or f"每次应不少于{_amount(quota)}{quota.unit}"
    anything = bool(records) and (actions > 0 or quantity > 0)
    return Assessment(actions, quantity, covered, complete, anything, short)


def _amount(quota: Quantity) -> int | float:
    """The quota's value as the plan says it: 30, not 30.0."""
    return int(quota.value) if float(quota.value).is_integer() else quota.value


def _quota_short(quota: Quantity | None, records: list[LedgerEntryData], quantity: int) -> str | None:
    """What a quantity or share lacks: 差3起, 未达当季案件数10%（已抽查20，基数370）."""
    if quota is None or quota.per == "occurrence":
        return None
    if quota.unit == "%":
        base = sum(entry.get("of") or 0 for entry in records)
        if base and quantity * 100 >= quota.value * base:
            return None
        stated = f"（已{quantity}，基数{base}）" if base else "（未登记基数）"
        return f"未达{quota.of or '基数'}{_amount(quota)}%{stated}"
    missing = _amount(quota) - quantity
    return f"差{missing:g}{quota.unit}" if missing > 0 else None


def status_of(assessment: Assessment, due: date, as_of: date) -> str | None:
    """None when complete; blue on or before the due day; after it red (nothing) or yellow (part)."""
    if assessment.complete:
        return None
    if due >= as_of:
        return "blue"
    return "yellow" if assessment.anything else "red"


# --- coverage windows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageWindow:
    """One window of a coverage rule (a quarter of 每季度全覆盖) and the 中队 covered in it so far."""

    key: str
    label: str
    due: date
    covered: frozenset[str]
    uncovered: tuple[str, ...]


def coverage_windows(
    row: DueRow, ledger: LedgerIndex, calendar: WorkCalendar, coverage_units: list[str], last: date
) -> list[CoverageWindow]:
    """The windows of a row's coverage rule that fall due by ``last``, each with what was covered."""
    kind = row.coverage_window
    first = row.period_start  # the earliest period owed: the duty's start
    if kind is None or first is None:
        return []
    year = first.year
    windows = []
    for occurrence in expand_occurrences(Frequency(text="", period=kind), year, calendar):
        if occurrence.due > last or occurrence.period.end < first:
            continue
        records = ledger.records_dated(row, occurrence.period.start, occurrence.period.end)
        covered = frozenset(name for entry in records for name in entry.get("covers") or [])
        uncovered = tuple(name for name in coverage_units if name not in covered)
        windows.append(
            CoverageWindow(occurrence.period.key, occurrence.period.label, occurrence.due, covered, uncovered)
        )
    return windows


# --- the board ----------------------------------------------------------------------------------------


def standing_due(context: Context, query: StandingQuery) -> DueResult:
    """Every occurrence of the documents' own years, per 中队, for the 科室/中队/level asked.

    It is what the board, progress and the 通报's tables stand against. Made once and passed to each
    (``due=``).
    """
    return due_items(context, DueQuery(dept=query.dept, level=query.level, unit=query.unit, per_unit=True))


def _rows_due(result: DueResult, last: date) -> Iterator[DueRow]:
    """The dated occurrences due on or before ``last``."""
    for row in result.rows:
        if row.due is not None and row.due <= last:
            yield row


def duty_key(row: DueRow) -> DutyKey:
    """The identity of a duty on the board, the same for all its occurrences."""
    return (row.doc, row.item, row.level, row.title, row.unit or "")


@dataclass
class _Line:
    """A board line being gathered: the first row of the duty and its tallies."""

    row: DueRow
    owed: int = 0
    done: int = 0
    statuses: list[str] = field(default_factory=list)
    short: str | None = None
    uncovered: tuple[str, ...] = ()


def overdue_items(
    context: Context,
    query: StandingQuery,
    *,
    detail: bool = False,
    everything: bool = False,
    due: DueResult | None = None,
) -> OverdueResult:
    """The 督办 board: one line per 科室/中队 × duty that is behind or due soon, worst first.

    ``everything`` keeps the duties that are complete so far too, as green lines (the site's matrix);
    ``due`` is :func:`standing_due`'s result for the same 科室/中队/level when the caller has it.
    """
    if query.soon < 0:
        raise UsageError(f"{param('soon')} 应为不小于 0 的工作日数，收到 {query.soon}")
    registry, calendar, coverage_units = context.registry, context.calendar, context.units
    last = calendar.add_workdays(query.as_of, query.soon) if query.soon else query.as_of
    ledger = LedgerIndex(registry.data["ledger"]["entries"], query.as_of, registry.index)
    as_of = query.as_of
    due = due or standing_due(context, query)
    lines: dict[DutyKey, _Line] = {}
    details: list[DetailRow] = []
    nothing_recorded = _NothingRecorded()
    for group in _groups_due(due, last):
        if detail or ledger.has_records(group):
            for row in group.rows():
                line = _line(lines, row)
                assessment = assess(row, ledger.records(row))
                status = status_of(assessment, row.due or date.min, as_of)
                _count(line, assessment, status, (row.due or date.min) <= as_of)
                if status is not None and detail:
                    details.append(_detail(row, assessment, status, ()))
            continue
        # Nobody recorded anything for this period: one assessment serves every 中队 of it.
        first = next(group.rows())
        assessment = nothing_recorded.assess(first)
        status = status_of(assessment, first.due or date.min, as_of)
        owed = (first.due or date.min) <= as_of
        for unit in group.parts.units:
            key = (first.doc, first.item, first.level, first.title, unit or "")  # duty_key
            line = lines.get(key) or _line(lines, group.row(unit))
            _count(line, assessment, status, owed)
    for line in lines.values():
        _add_coverage(line, ledger, calendar, coverage_units, query.as_of, last)
    rows = [_board_row(line) for line in lines.values() if line.statuses]
    rows.sort(
        key=lambda r: (
            STATUS_ORDER.index(r.status),
            -r.missing,
            r.doc,
            _item_order(r.item),
            r.unit or "",
        )
    )
    details.sort(key=lambda r: (STATUS_ORDER.index(r.status), r.due or date.min, r.doc, r.item, r.unit or ""))
    return OverdueResult(rows, details, due.period_labels, query.as_of)


def _groups_due(result: DueResult, last: date) -> Iterator[RowGroup]:
    """The dated occurrences due on or before ``last`` (each for one or more 中队)."""
    for group in result.groups:
        if group.occurrence is not None and group.occurrence.due <= last:
            yield group


def _line(lines: dict[DutyKey, _Line], row: DueRow) -> _Line:
    """The board line of the row's duty and 中队, begun with this row when it is the first."""
    key = duty_key(row)
    line = lines.get(key)
    if line is None:
        line = lines[key] = _Line(row)
    return line


def _count(line: _Line, assessment: Assessment, status: str | None, owed: bool) -> None:
    """Tally one period into its line: owed and done by the as-of date, and how it stands."""
    if owed:
        line.owed += 1
        line.done += status is None
    if status is not None:
        line.statuses.append(status)
        line.short = assessment.short or line.short


class _NothingRecorded:
    """The assessment of periods without a record, made once per kind of demand.

    A year of a city's duties is tens of thousands of periods, most with nothing recorded yet; what
    nothing amounts to depends only on the demand (count, quota, cap), which rows of one duty share.
    """

    def __init__(self) -> None:
        self._found: dict[tuple[object, ...], Assessment] = {}

    def assess(self, row: DueRow) -> Assessment:
        key = (row.quota, row.times, row.maximum)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = assess(row, [])
        return found


def _item_order(item: str) -> tuple[int, ...]:
    return tuple(int(part) for part in item.split(".") if part.isdigit())


def _add_coverage(
    line: _Line,
    ledger: LedgerIndex,
    calendar: WorkCalendar,
    coverage_units: list[str],
    as_of: date,
    last: date,
) -> None:
    """A coverage rule's windows due so far: an uncovered one is behind like a missing period."""
    for window in coverage_windows(line.row, ledger, calendar, coverage_units, last):
        if not window.uncovered:
            continue
        if window.due >= as_of:
            line.statuses.append("blue")
        else:
            line.statuses.append("yellow" if window.covered else "red")
        line.uncovered = window.uncovered


def _detail(row: DueRow, assessment: Assessment, status: str, uncovered: tuple[str, ...]) -> DetailRow:
    return DetailRow(
        **due_fields(row), status=status, done=assessment.actions, quantity=assessment.quantity,
        covered=sorted(assessment.covered), uncovered=list(uncovered),
    )  # fmt: skip


def _board_row(line: _Line) -> BoardRow:
    row = line.row
    return BoardRow(
        doc=row.doc, item=row.item, title=row.title, level=row.level, unit=row.unit,
        responsible=row.responsible, owed=line.owed, done=line.done, missing=line.owed - line.done,
        short=line.short, uncovered=list(line.uncovered),
        status=min(line.statuses, key=STATUS_ORDER.index) if line.statuses else "green",
    )  # fmt: skip


# --- progress -------------------------------------------------------------------------------------


class Tally(TypedDict):
    """Completion of a set of periods: periods owed, complete, actions required and done (capped)."""

    name: str
    occurrences: int
    complete: int
    required: int
    done: int
    rate: float
    overdue: int


class ItemTally(Tally):
    """The tally of one plan item at one level, with what it asks and who is not covered."""

    item: str
    doc: str
    level: str
    requirement: str
    quantity: int
    uncovered: list[str]
    exceeded: int  # periods over a maximum (不超过4次): shown, since the cap is the plan's point


class TargetState(TypedDict):
    """How far one target of a plan has come, as ``cgtask progress`` reports it."""

    doc: str
    item: str
    title: str
    text: str
    metric: str | None
    value: float | None
    date: str | None
    state: str


@dataclass
class ProgressResult:
    """The progress as of one day: tallies per party and per item, and the targets."""

    as_of: date
    parties: list[Tally] = field(default_factory=list)
    items: list[ItemTally] = field(default_factory=list)
    targets: list[TargetState] = field(default_factory=list)


def _new_tally(name: str) -> Tally:
    return Tally(name=name, occurrences=0, complete=0, required=0, done=0, rate=0.0, overdue=0)


def _add(tally: Tally, required: int, assessment: Assessment, *, late: bool = True) -> None:
    """Count one period (or coverage window) owed.

    ``late`` when its due day has passed (the due day itself is not yet 逾期).
    """
    tally["occurrences"] += 1
    tally["required"] += required
    tally["done"] += min(assessment.actions, required) if not assessment.complete else required
    tally["complete"] += assessment.complete
    tally["overdue"] += late and not assessment.anything
    tally["rate"] = round(tally["complete"] / tally["occurrences"], 4) if tally["occurrences"] else 1.0


def coverage_owed(
    row: DueRow, ledger: LedgerIndex, calendar: WorkCalendar, coverage_units: list[str], as_of: date
) -> list[tuple[Assessment, bool]]:
    """Each coverage window of a duty due by ``as_of`` as a period owed.

    A window is complete when every 中队 was covered, and carries whether its due day has passed — so
    progress and the 通报 count coverage as the board does.
    """
    owed = []
    for window in coverage_windows(row, ledger, calendar, coverage_units, as_of):
        covered = Assessment(0, 0, window.covered, not window.uncovered, bool(window.covered), None)
        owed.append((covered, window.due < as_of))
    return owed


def owners(row: DueRow, index: OrgIndex) -> list[str]:
    """Who answers for an occurrence: its 中队, else the 科室 among its 责任部门, else 区局."""
    if row.unit is not None:
        return [row.unit]
    departments = [index.canonical(n) or n for n in row.responsible if index.kind_of(n) == "department"]
    return departments or [BUREAU]


def _item_tally(row: DueRow) -> ItemTally:
    return ItemTally(
        **_new_tally(row.title), item=row.item, doc=row.doc, level=row.level,
        requirement=row.requirement, quantity=0, uncovered=[], exceeded=0,
    )  # fmt: skip


def progress_report(
    context: Context, query: StandingQuery, *, due: DueResult | None = None
) -> ProgressResult:
    """Completion per 科室/中队 and per duty of everything due by ``as_of``, and each target's state.

    ``due`` is :func:`standing_due`'s result for the query, when the caller has it.
    """
    registry, calendar, coverage_units = context.registry, context.calendar, context.units
    ledger = LedgerIndex(registry.data["ledger"]["entries"], query.as_of, registry.index)
    wanted = registry.index.resolve_party(query.dept) if query.dept else None
    parties: dict[str, Tally] = {}
    items: dict[tuple[str, str, str, str], ItemTally] = {}
    first_rows: dict[tuple[str, str, str, str], DueRow] = {}
    for row in _rows_due(due or standing_due(context, query), query.as_of):
        assessment = assess(row, ledger.records(row))
        required, late = row.times or 1, (row.due or date.min) < query.as_of
        for owner in owners(row, registry.index):
            if wanted is None or owner == wanted:
                _add(parties.setdefault(owner, _new_tally(owner)), required, assessment, late=late)
        key = (row.doc, row.item, row.level, row.title)
        if key not in items:
            items[key], first_rows[key] = _item_tally(row), row
        _add(items[key], required, assessment, late=late)
        items[key]["quantity"] += assessment.quantity
        items[key]["exceeded"] += bool(assessment.short and assessment.short.startswith("超过上限"))
    for key, tally in items.items():
        for covered, late in coverage_owed(first_rows[key], ledger, calendar, coverage_units, query.as_of):
            _add(tally, 1, covered, late=late)
            for owner in owners(first_rows[key], registry.index):
                if wanted is None or owner == wanted:
                    _add(parties.setdefault(owner, _new_tally(owner)), 1, covered, late=late)
        windows = coverage_windows(
            first_rows[key], ledger, calendar, coverage_units, calendar.add_workdays(query.as_of, 400)
        )
        current = [w for w in windows if w.due >= query.as_of] or windows
        tally["uncovered"] = list(current[0].uncovered) if current else []
    result = ProgressResult(query.as_of, _in_org_order(parties, registry.index), list(items.values()))
    result.targets = target_states(registry, query.as_of, wanted)
    return result


def _in_org_order(parties: dict[str, Tally], index: OrgIndex) -> list[Tally]:
    order = [BUREAU, *index.departments, *index.units]
    return sorted(
        parties.values(), key=lambda t: order.index(t["name"]) if t["name"] in order else len(order)
    )


def item_tallies_by_owner(
    context: Context, as_of: date, *, due: DueResult | None = None
) -> dict[str, list[ItemTally]]:
    """For each 科室/中队 (in organisation order), its duties' completion by ``as_of``: a 通报's tables."""
    registry, calendar, coverage_units = context.registry, context.calendar, context.units
    ledger = LedgerIndex(registry.data["ledger"]["entries"], as_of, registry.index)
    by_owner: dict[str, dict[tuple[str, str, str, str], ItemTally]] = {}
    first_rows: dict[tuple[str, str, str, str], DueRow] = {}
    for row in _rows_due(due or standing_due(context, StandingQuery(as_of)), as_of):
        assessment = assess(row, ledger.records(row))
        key = (row.doc, row.item, row.level, row.title)
        first_rows.setdefault(key, row)
        for owner in owners(row, registry.index):
            items = by_owner.setdefault(owner, {})
            if key not in items:
                items[key] = _item_tally(row)
            _add(items[key], row.times or 1, assessment, late=(row.due or date.min) < as_of)
    for key, row in first_rows.items():
        for covered, late in coverage_owed(row, ledger, calendar, coverage_units, as_of):
            for owner in owners(row, registry.index):
                _add(by_owner[owner][key], 1, covered, late=late)
    order = [BUREAU, *registry.index.departments, *registry.index.units]
    ranked = sorted(by_owner, key=lambda name: order.index(name) if name in order else len(order))
    return {name: list(by_owner[name].values()) for name in ranked}


# --- targets --------------------------------------------------------------------------------------


def target_met(target: TargetData, value: float) -> bool | None:
    """Whether ``value`` meets the target; None when the target states no comparison."""
    op, bound, low, high = target["op"], target["value"], target["low"], target["high"]
    if op == "between":
        return None if low is None or high is None else low < value <= high
    if op is None or bound is None:
        return None
    checks = {
        ">=": value >= bound,
        ">": value > bound,
        "<=": value <= bound,
        "<": value < bound,
        "=": abs(value - bound) < 1e-9,
        "top": value <= bound,  # a rank: 排名前4 is met by ranks 1 to 4
    }
    return checks.get(op)


def _latest_values(
    entries: Iterable[LedgerEntryData], as_of: date
) -> dict[tuple[str, str, str | None], LedgerEntryData]:
    """The latest entry with a value for each (doc, item, metric); later lines win on equal dates."""
    latest: dict[tuple[str, str, str | None], LedgerEntryData] = {}
    last = as_of.isoformat()
    for entry in entries:
        if entry["value"] is None or entry["date"] > last:
            continue
        key = (entry["doc"], entry["item"], entry["metric"])
        if key not in latest or entry["date"] >= latest[key]["date"]:
            latest[key] = entry
    return latest


def _task_concerns(task: TaskData, doc: str, party: str | None, index: OrgIndex) -> bool:
    if party is None:
        return True
    row = ListRow(
        id=task["id"], doc=doc, category="", title=task["title"], lead=task["lead"],
        support=task["support"], role=None, via=None,
    )  # fmt: skip
    return match_party(row, party, index, supervision=False) is not None


def target_states(registry: Registry, as_of: date, party: str | None = None) -> list[TargetState]:
    """Every target of every task (of ``party`` when given), judged by the latest recorded value."""
    latest = _latest_values(registry.data["ledger"]["entries"], as_of)
    states: list[TargetState] = []
    for document in registry.task_documents():
        for _, task in iter_tasks(document):
            if not task["targets"] or not _task_concerns(task, document["id"], party, registry.index):
                continue
            measurable = [t for t in task["targets"] if t["op"]]
            for target in task["targets"]:
                metric = target["metric"] or target["text"]
                entry = latest.get((document["id"], task["id"], metric))
                if entry is None and len(measurable) == 1 and target is measurable[0]:
                    entry = latest.get((document["id"], task["id"], None))
                states.append(_target_state(document["id"], task, target, entry))
    return states


def _target_state(doc: str, task: TaskData, target: TargetData, entry: LedgerEntryData | None) -> TargetState:
    value = entry["value"] if entry else None
    met = target_met(target, value) if value is not None else None
    state = "no_data" if met is None else ("met" if met else "not_met")
    return TargetState(
        doc=doc, item=task["id"], title=task["title"], text=target["text"], metric=target["metric"],
        value=value, date=entry["date"] if entry else None, state=state,
    )  # fmt: skip
