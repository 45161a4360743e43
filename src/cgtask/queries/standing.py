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

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NotRequired, TypedDict

from cgtask.errors import UsageError, param
from cgtask.models.data import DocumentData, TargetData, TaskData
from cgtask.models.ledger_data import LedgerEntryData
from cgtask.queries.context import Context
from cgtask.queries.duties import DueQuery, DueResult, RowGroup, assumption_in, due_items
from cgtask.queries.listing import ListRow, match_party
from cgtask.queries.measure import (
    ACTIONS,
    DAYS,
    SHARE,
    Amounts,
    amount_text,
    days_requirement,
    is_daily,
    measure_of,
    number,
    period_demand,
)
from cgtask.queries.requirements import Quantity
from cgtask.queries.rows import BoardRow, DetailRow, DueRow, due_fields
from cgtask.queries.standing_query import OverdueResult as OverdueResult  # its home: light to import
from cgtask.queries.standing_query import StandingQuery as StandingQuery
from cgtask.registry.ledger_cadence import PeriodFit, document_cadences
from cgtask.registry.ledger_store import ledger_of
from cgtask.registry.names import OrgIndex
from cgtask.registry.view import Registry, iter_tasks
from cgtask.schedule.calendar import WorkCalendar
from cgtask.schedule.frequency import Frequency
from cgtask.schedule.occurrences import expand_occurrences
from cgtask.support.words import month_day

STATUS_ORDER = ("red", "yellow", "blue")
BOARD_ORDER = (*STATUS_ORDER, "green")
BUREAU = "区局"

EntryKey = tuple[str, str, str, str]  # doc, item, level, period
DutyKey = tuple[str, str, str, str, str]  # doc, item, level, title, unit ("" for the bureau)


# --- matching the ledger --------------------------------------------------------------------------


def live_entries(entries: Iterable[LedgerEntryData], as_of: date) -> list[LedgerEntryData]:
    """The records that count on ``as_of``: dated by then, neither withdrawn nor a withdrawal, each once.

    A record a git union merge let in twice (E802: the same id or form row, or a second live correction)
    counts once, here as on the board: ``check`` reports the clash with the command that resolves it.
    """
    from cgtask.registry.ledger_clashes import ledger_clashes, may_clash

    entries = entries if isinstance(entries, list) else list(entries)
    withdrawn = {e.get("withdraws") for e in entries} - {None}
    doubles = {n for n, _, _ in ledger_clashes(entries)} if may_clash(entries) else set()
    last = as_of.isoformat()
    if not withdrawn and not doubles:  # the usual 台账 (60,000 records and not one withdrawn): dates alone
        return [e for e in entries if e["date"] <= last]
    return [
        e
        for n, e in enumerate(entries)
        if n not in doubles
        and e["date"] <= last
        and not e.get("withdraws")
        and (e.get("id") is None or e.get("id") not in withdrawn)
    ]


def counted_records(registry: Registry) -> Callable[[LedgerEntryData], bool]:
    """Whether a record can count at all: not one whose period, level or activity no duty of its item has.

    The same judge as ``check``'s E810 (:mod:`cgtask.registry.ledger_cadence`), made once per command.
    """

    def counted(entry: LedgerEntryData) -> bool:  # the duties' periods are worked out on first use
        problem = registry.prepared("period-fit", _period_fit).problem(entry)
        return problem is None or problem[2] != "E810"

    return counted


def _period_fit(registry: Registry) -> PeriodFit:
    from cgtask.queries.context import prepare

    cadences = registry.duty_cadences()  # as ``check`` judged them, kept with each document's entry
    if cadences is None:
        windows = dict(registry.index.dated_windows)
        documents: list[DocumentData] = [*registry.task_documents(), *registry.supervision_plans()]
        cadences = [(d["id"], d["year"], document_cadences(d, windows)) for d in documents]
    return PeriodFit(cadences, lambda: prepare(registry).calendar)


class LedgerIndex:
    """The ledger's live records up to a date, grouped by (doc, item, level, period) for quick matching."""

    def __init__(
        self,
        entries: Iterable[LedgerEntryData],
        as_of: date,
        index: OrgIndex,
        counted: Callable[[LedgerEntryData], bool] | None = None,
    ) -> None:
        self._groups: dict[EntryKey, list[LedgerEntryData]] = {}
        # A record no duty of its item has the period of (E810) matches no period; coverage windows take
        # records by date, so it is left out of them here (``check`` names it).
        self._counted = counted or (lambda _: True)
        for entry in live_entries(entries, as_of):
            key = (entry["doc"], entry["item"], entry["level"], entry["period"])
            found = self._groups.get(key)
            if found is None:
                self._groups[key] = [entry]
            else:
                found.append(entry)
        # Each duty's records, period by period (the coverage windows ask by date, whatever the period).
        self._items: dict[tuple[str, str, str], list[LedgerEntryData]] = {}
        for key, found in self._groups.items():
            self._items.setdefault(key[:3], []).extend(found)
        self._canonical = index.canonical
        self._units: dict[tuple[str, ...], dict[str | None, list[LedgerEntryData]]] = {}

    @classmethod
    def of(cls, registry: Registry, as_of: date) -> LedgerIndex:
        """The registry's 台账 as the board counts it on ``as_of``."""
        return cls(ledger_of(registry).records(), as_of, registry.index, counted_records(registry))

    def _of_row(
        self, key: tuple[str, ...], found: list[LedgerEntryData], row: DueRow
    ) -> list[LedgerEntryData]:
        """``found`` (the records under ``key``) that are the row's: its 中队's, of its activity or of none."""
        if row.unit is not None:
            found = self._by_unit(key, found).get(row.unit, [])
        return [entry for entry in found if entry["activity"] is None or entry["activity"] == row.title]

    def _by_unit(
        self, key: tuple[str, ...], found: list[LedgerEntryData]
    ) -> dict[str | None, list[LedgerEntryData]]:
        """The records under ``key`` by 中队, once per key: each row of a year's board asks its own 中队's."""
        units = self._units.get(key)
        if units is None:
            units = self._units[key] = {}
            for entry in found:
                units.setdefault(self._canonical(entry["unit"] or ""), []).append(entry)
        return units

    def has_records(self, group: RowGroup) -> bool:
        """Whether anything at all is recorded for the group's period (for any 中队 or activity)."""
        head = group.parts.head
        return (head["doc"], head["item"], head["level"], group.dates["period"] or "") in self._groups

    def records(self, row: DueRow) -> list[LedgerEntryData]:
        """The records of this period (of this 中队 when the row is one 中队's)."""
        key = (row.doc, row.item, row.level, row.period or "")
        return self._of_row(key, self._groups.get(key, []), row)

    def records_dated(self, row: DueRow, start: date, end: date) -> list[LedgerEntryData]:
        """The duty's records dated within ``start``..``end``, whatever period they name (coverage windows)."""
        first, last = start.isoformat(), end.isoformat()
        key = (row.doc, row.item, row.level)
        return [
            entry
            for entry in self._of_row(key, self._items.get(key, []), row)
            if first <= entry["date"] <= last and self._counted(entry)
        ]


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
    base: float = 0  # the bases recorded with a share (当季案件数), else the task's own (预估抽查对象数)


def assess(row: DueRow, records: list[LedgerEntryData]) -> Assessment:
    """Actions, quantity and shortfall of one period (its coverage is judged per window, apart)."""
    quota = row.quota
    quantity = sum(entry.get("quantity") or 0 for entry in records)
    covered = frozenset(name for entry in records for name in entry.get("covers") or [])
    if quota is not None and quota.per == "occurrence":
        actions = sum(entry["count"] for entry in records if (entry.get("quantity") or 0) >= quota.value)
    else:
        actions = sum(entry["count"] for entry in records)
    base = _base(row, records) if quota is not None and quota.is_share else 0
    short = _quota_short(quota, quantity, base, row.base if base and not _stated_base(records) else None)
    if short is None and quota is None and 0 < actions < (row.times or 0):
        short = f"差{(row.times or 0) - actions}次"  # partly done: say how many actions are missing
    maximum = row.maximum
    if maximum is not None and actions > maximum:
        short = f"超过上限{maximum}次（已{actions}次）"  # a cap exceeded is behind, like a shortfall
    complete = actions >= (row.times or 0) and short is None
    if quota is not None and quota.per == "occurrence" and actions < (row.times or 1):
        short = short or f"每次应不少于{_amount(quota)}{quota.unit}"
    anything = bool(records) and (actions > 0 or quantity > 0)
    return Assessment(actions, quantity, covered, complete, anything, short, base)


def _amount(quota: Quantity) -> int | float:
    """The quota's value as the plan says it: 30, not 30.0."""
    return int(quota.value) if float(quota.value).is_integer() else quota.value


def _stated_base(records: list[LedgerEntryData]) -> bool:
    return any(entry.get("of") for entry in records)


def _base(row: DueRow, records: list[LedgerEntryData]) -> float:
    """A share's base: the bases the records state, else the task's own (预估抽查对象数), else none."""
    if _stated_base(records):
        return sum(entry.get("of") or 0 for entry in records)
    return float(row.base["value"]) if row.base else 0


def _quota_short(
    quota: Quantity | None, quantity: int, base: float, default: dict[str, Any] | None
) -> str | None:
    """What a quantity or share lacks: 差3起, 未达当季案件数10%（已抽查20，基数370）.

    ``default`` is the task's own base when the records state none: the sentence names it.
    """
    if quota is None or quota.per == "occurrence":
        return None
    if quota.unit == "%":
        if base and quantity * 100 >= quota.value * base:
            return None
        named = f"{default['name']}{base:g}" if default else f"基数{base:g}"  # the task's own base, said so
        stated = f"（已{quantity}，{named}）" if base else "（未登记基数）"
        return f"未达{quota.of or '基数'}{_amount(quota)}%{stated}"
    missing = _amount(quota) - quantity
    return f"差{missing:g}{quota.unit}" if missing > 0 else None


def status_of(assessment: Assessment, due: date, as_of: date) -> str | None:
    """None when complete; after the due day red (逾期), whether nothing or part was done.

    On or before the due day a period is still open: yellow (未完成) once something is recorded, blue
    (即将到期) while nothing is.
    """
    if assessment.complete:
        return None
    if due >= as_of:
        return "yellow" if assessment.anything else "blue"
    return "red"


# --- coverage windows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageWindow:
    """One window of a coverage rule (a quarter of 每季度全覆盖) and the 中队 covered in it so far."""

    key: str
    label: str
    start: date
    end: date
    due: date
    covered: frozenset[str]
    uncovered: tuple[str, ...]


def window_status(window: CoverageWindow, as_of: date) -> str:
    """A window with a 中队 uncovered: red once closed; while open yellow if begun, else blue."""
    if window.due < as_of:
        return "red"
    return "yellow" if window.covered else "blue"


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
        period = occurrence.period
        windows.append(
            CoverageWindow(
                period.key, period.label, period.start, period.end, occurrence.due, covered, uncovered
            )
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


def duty_key(row: DueRow | BoardRow) -> DutyKey:
    """The identity of a duty on the board, the same for all its occurrences."""
    return (row.doc, row.item, row.level, row.title, row.unit or "")


@dataclass
class _Line:
    """A board line being gathered: the first row of the duty, its amounts and how its periods stand."""

    row: DueRow
    amounts: Amounts
    statuses: list[str] = field(default_factory=list)
    short: str | None = None  # the latest sentence that is not a plain shortfall (a cap, a share, 每次…)
    uncovered: tuple[str, ...] = ()
    soon: tuple[DueRow, Assessment] | None = None  # the first open period, for a line with nothing owed yet


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
    registry, calendar = context.registry, context.calendar
    last = calendar.add_workdays(query.as_of, query.soon) if query.soon else query.as_of
    ledger = LedgerIndex.of(registry, query.as_of)
    due = due or standing_due(context, query)
    board = _Board(query.as_of, detail)
    nothing_recorded = _NothingRecorded()
    for group in _groups_due(due, last):
        if detail or ledger.has_records(group):
            for row in group.rows():
                board.count(board.line(row), row, assess(row, ledger.records(row)))
            continue
        # Nobody recorded anything for this period: one assessment serves every 中队 of it.
        first = next(group.rows())
        lines = []
        for unit in group.parts.units:
            key = (first.doc, first.item, first.level, first.title, unit or "")  # duty_key
            lines.append(board.lines.get(key) or board.line(group.row(unit)))
        # The period's dates and demand are the same for each 中队.
        board.count_each(lines, first, nothing_recorded.assess(first))
    for line in board.lines.values():
        covered = context.units_for(line.row.frequency)
        board.add_coverage(line, coverage_windows(line.row, ledger, calendar, covered, last))
    rows = [_board_row(line) for line in board.lines.values() if line.statuses or everything]
    rows.sort(key=_board_order)
    details = board.detail_rows()
    details.sort(key=lambda r: (STATUS_ORDER.index(r.status), r.due or date.min, r.doc, r.item, r.unit or ""))
    return OverdueResult(
        rows, details, due.period_labels, query.as_of, unit_heading=registry.index.unit_heading
    )


def _board_order(row: BoardRow) -> tuple[object, ...]:
    """Worst colour first, then the largest share missing (6 of 6 次 before 11 of 26 天: units differ)."""
    share = row.missing / row.owed if row.owed else 0
    return (BOARD_ORDER.index(row.status), -share, row.doc, _item_order(row.item), row.unit or "")


def _groups_due(result: DueResult, last: date) -> Iterator[RowGroup]:
    """The dated occurrences due on or before ``last`` (each for one or more 中队)."""
    for group in result.groups:
        if group.occurrence is not None and group.occurrence.due <= last:
            yield group


class _Board:
    """The board's lines (and, with ``detail``, the periods behind them) as periods are counted in."""

    def __init__(self, as_of: date, detail: bool) -> None:
        self.as_of = as_of
        self.detail = detail
        self.lines: dict[DutyKey, _Line] = {}
        self._details: list[DetailRow] = []
        self._days: dict[tuple[DutyKey, str], _DaysOfMonth] = {}

    def line(self, row: DueRow) -> _Line:
        """The board line of the row's duty and 中队, begun with this row when it is the first."""
        key = duty_key(row)
        line = self.lines.get(key)
        if line is None:
            line = self.lines[key] = _Line(row, Amounts(measure_of(row)))
        return line

    def count(self, line: _Line, row: DueRow, assessment: Assessment) -> None:
        """Tally one period into its line: what it owes and got by the as-of day, and how it stands."""
        status = self.count_each([line], row, assessment)
        if not self.detail:
            return
        if is_daily(row):
            self._day(row, assessment, status)
        elif status is not None:
            self._details.append(_detail(row, assessment, status))

    def count_each(self, lines: list[_Line], row: DueRow, assessment: Assessment) -> str | None:
        """One period into each of ``lines`` (the 中队 it is owed by), judged once; its status.

        A year's board at a city's size is tens of thousands of periods with nothing recorded, each owed by
        every 中队 alike. No detail row: :meth:`count` adds that.
        """
        due = row.due or date.min
        status = status_of(assessment, due, self.as_of)
        aside = assessment.short if assessment.short and not assessment.short.startswith("差") else None
        for line in lines:
            if due < self.as_of:  # a period due today is not owed yet (blue until tomorrow)
                _add_amounts(line.amounts, row, assessment)
                line.amounts.periods.add(complete=assessment.complete, anything=assessment.anything)
            if status is None:
                continue
            line.statuses.append(status)
            if aside:
                line.short = aside
            if status != "red" and line.soon is None:
                line.soon = (row, assessment)
        return status

    def _day(self, row: DueRow, assessment: Assessment, status: str | None) -> None:
        """A day of a daily duty goes into its month's detail row, not a row of its own."""
        month = (row.period or "")[:7]
        key = (duty_key(row), month)
        days = self._days.get(key)
        if days is None:
            days = self._days[key] = _DaysOfMonth(row, month, self.as_of)
        days.add(row, assessment, status)

    def add_coverage(self, line: _Line, windows: list[CoverageWindow]) -> None:
        """A coverage rule's windows due so far: one with a 中队 uncovered is behind like a period.

        Closed with any 中队 uncovered it is red (逾期) and names them; still open, blue, or yellow once
        something is covered.
        """
        for window in windows:
            if not window.uncovered:
                continue
            status = window_status(window, self.as_of)
            line.statuses.append(status)
            line.uncovered = window.uncovered
            if self.detail:
                self._details.append(_window_detail(line.row, window, status))

    def detail_rows(self) -> list[DetailRow]:
        """The periods behind the board, a daily duty's as one row per month."""
        months = [days.detail() for days in self._days.values()]
        return self._details + [row for row in months if row is not None]


def _add_amounts(amounts: Amounts, row: DueRow, assessment: Assessment) -> None:
    """One period owed, in the plan's unit: actions or days capped at the count, a quantity, a share."""
    if amounts.measure == SHARE:
        amounts.add_share(period_demand(row), assessment.quantity, assessment.base)
    else:
        amounts.add(period_demand(row), _achieved(amounts.measure, assessment))


def _achieved(measure: str, assessment: Assessment) -> int:
    """What a period's records give in ``measure``: actions (or days) for 次/天, else the quantity."""
    return assessment.actions if measure in (ACTIONS, DAYS) else assessment.quantity


@dataclass
class _Days:
    """Days of a daily duty: how many, how many recorded, and the last of them."""

    owed: int = 0
    recorded: int = 0
    last: DueRow | None = None

    def add(self, row: DueRow, assessment: Assessment) -> None:
        self.owed += 1
        self.recorded += assessment.complete
        self.last = row


@dataclass
class _DaysOfMonth:
    """The days of one month of a daily duty, gathered into one detail row: days owed, days recorded."""

    row: DueRow
    month: str
    as_of: date
    past: _Days = field(default_factory=lambda: _Days())  # the days due before the as-of day
    seen: _Days = field(default_factory=lambda: _Days())  # every day of the month the board asked about
    statuses: list[str] = field(default_factory=list)

    def add(self, row: DueRow, assessment: Assessment, status: str | None) -> None:
        tallies = (self.past, self.seen) if (row.due or date.min) < self.as_of else (self.seen,)
        for tally in tallies:
            tally.add(row, assessment)
        if status is not None:
            self.statuses.append(status)

    def detail(self) -> DetailRow | None:
        """The month's row when any day of it is behind or due soon; None when every day was done.

        A late month counts its days past, as the board's line does (today is due, not late); a month
        only due soon counts the days ahead it was asked for.
        """
        if not self.statuses:
            return None
        status = min(self.statuses, key=STATUS_ORDER.index)
        days = self.past if status == "red" else self.seen
        owed, recorded, last = days.owed, days.recorded, days.last
        if last is None:
            return None
        fields = due_fields(self.row)
        fields.update(
            period=self.month, period_end=last.period_end, due=last.due, times=owed,
            requirement=days_requirement(owed),
        )  # fmt: skip
        return DetailRow(**fields, status=status, done=recorded, quantity=0, measure=DAYS)


def _window_detail(row: DueRow, window: CoverageWindow, status: str) -> DetailRow:
    """A coverage window as a detail row of its own: its dates, who was covered and who was not."""
    fields = due_fields(row)
    fields.update(
        period=window.key, period_start=window.start, period_end=window.end, due=window.due, times=None,
        quota=None, requirement=f"{window.label}覆盖全部{len(window.covered) + len(window.uncovered)}个中队",
    )  # fmt: skip
    return DetailRow(
        **fields, status=status, done=len(window.covered), quantity=0,
        covered=sorted(window.covered), uncovered=list(window.uncovered), measure="个中队",
    )  # fmt: skip


class _NothingRecorded:
    """The assessment of periods without a record, made once per kind of demand.

    A year of a city's duties is tens of thousands of periods, most with nothing recorded yet; what
    nothing amounts to depends only on the demand (count, quota, cap), which rows of one duty share.
    """

    def __init__(self) -> None:
        self._found: dict[tuple[object, ...], Assessment] = {}

    def assess(self, row: DueRow) -> Assessment:
        key = (row.quota, row.times, row.maximum, row.base["value"] if row.base else None)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = assess(row, [])
        return found


def _item_order(item: str) -> tuple[int, ...]:
    return tuple(int(part) for part in item.split(".") if part.isdigit())


def _detail(row: DueRow, assessment: Assessment, status: str) -> DetailRow:
    return DetailRow(
        **due_fields(row), status=status, done=assessment.actions, quantity=assessment.quantity,
        covered=sorted(assessment.covered), measure=measure_of(row),
    )  # fmt: skip


def _board_row(line: _Line) -> BoardRow:
    row, amounts = line.row, line.amounts
    return BoardRow(
        doc=row.doc, year=row.year, item=row.item, title=row.title, level=row.level, unit=row.unit,
        responsible=row.responsible, owed=number(amounts.owed), done=number(amounts.done),
        missing=number(amounts.missing), measure=amounts.measure, periods=amounts.periods.to_json(),
        short=_short(line), uncovered=list(line.uncovered),
        status=min(line.statuses, key=BOARD_ORDER.index) if line.statuses else "green",
        role=row.role, via=row.via,
    )  # fmt: skip


def _open_period_text(measure: str, row: DueRow, assessment: Assessment) -> str | None:
    """What a period still open asks by its due day, and what it has so far: 3月31日前应完成16起（已10起）."""
    demand = period_demand(row)
    if not demand or measure == SHARE or row.due is None:
        return None
    achieved = _achieved(measure, assessment)
    so_far = f"（已{amount_text(achieved, measure)}）" if achieved else ""
    return f"{month_day(row.due)}前应完成{amount_text(demand, measure)}{so_far}"


def _short(line: _Line) -> str | None:
    """The line's shortfall as a sentence: 差1次, 差16起；超过上限…, or what a period due soon asks."""
    amounts = line.amounts
    parts = []
    if amounts.measure == SHARE:
        parts.append(line.short)
    else:
        if amounts.missing:
            parts.append(f"差{amount_text(amounts.missing, amounts.measure)}")
        parts.append(line.short)
    if not amounts.periods.owed and line.soon is not None:
        parts.append(_open_period_text(amounts.measure, *line.soon))
    parts.append(assumption_in(line.row.requirement))  # 50起 a month is the registry's reading: say so
    if line.row.range is not None or line.row.coverage == 0:
        # 1—2次, 10%—20%: owed is the lower end, the board says both; 全覆盖 of no registered unit: said.
        parts.append(f"要求{line.row.requirement}")
    found = "；".join(part for part in parts if part)
    return found or None


# --- progress -------------------------------------------------------------------------------------


class Tally(TypedDict):
    """Completion of a set of periods: periods owed, met, the rate, and those late (逾期: nothing or part done).

    Periods, not amounts: a 科室's duties count in different units (次, 起, %), which do not add up.
    """

    name: str
    occurrences: int
    complete: int
    rate: float
    overdue: int
    windows: int  # of the occurrences, the coverage windows (每月/每季度全覆盖), said apart in tables
    district: NotRequired[str]  # on a city's answer: the district (the first key)


class ItemTally(Tally):
    """The tally of one plan item at one level, with what it asks and who is not covered.

    ``required`` and ``done`` are in the plan's own unit (``unit``: 次, 起, 天, %), ``done`` capped per
    period as on the board.
    """

    item: str
    doc: str
    year: int | None  # the year of the duty, as on the board
    level: str
    requirement: str
    unit: str
    required: int | float
    done: int | float
    quantity: int
    uncovered: list[str]
    exceeded: int  # periods over a maximum (不超过4次): shown, since the cap is the plan's point
    role: str | None  # lead / support / responsible when progress is asked for a 科室/中队, as due says


class TargetState(TypedDict):
    """How far one target of a plan has come, as ``cgtask progress`` reports it."""

    doc: str
    year: int  # the year of the task table
    item: str
    title: str
    text: str
    metric: str | None
    value: float | None
    date: str | None
    state: str
    district: NotRequired[str]  # on a city's answer: the district (the first key)


@dataclass
class ProgressResult:
    """The progress as of one day: tallies per party and per item, and the targets."""

    as_of: date
    parties: list[Tally] = field(default_factory=list)
    items: list[ItemTally] = field(default_factory=list)
    targets: list[TargetState] = field(default_factory=list)
    unit_heading: str = "中队"  # what the registry calls its units in a heading (not in the JSON)


def _new_tally(name: str) -> Tally:
    return Tally(name=name, occurrences=0, complete=0, rate=0.0, overdue=0, windows=0)


def _add(tally: Tally, assessment: Assessment, *, late: bool = True, window: bool = False) -> None:
    """Count one period (or coverage ``window``) owed.

    ``late`` when its due day has passed (the due day itself is not yet 逾期).
    """
    tally["occurrences"] += 1
    tally["windows"] += window
    tally["complete"] += assessment.complete
    tally["overdue"] += late and not assessment.complete  # 逾期, as on the board: nothing or part done
    tally["rate"] = round(tally["complete"] / tally["occurrences"], 4) if tally["occurrences"] else 1.0


def coverage_owed(
    row: DueRow, ledger: LedgerIndex, calendar: WorkCalendar, coverage_units: list[str], as_of: date
) -> list[tuple[Assessment, bool]]:
    """Each coverage window of a duty due by ``as_of`` as a period owed.

    A window is complete when every 中队 was covered, and carries whether its due day has passed — so
    progress and the 通报 count coverage as the board does. A registry with no units to cover owes no
    window apart: its 全覆盖 is the duty's own period, met by a record (an empty window would pass unseen).
    """
    owed: list[tuple[Assessment, bool]] = []
    if not coverage_units:
        return owed
    for window in coverage_windows(row, ledger, calendar, coverage_units, as_of):
        covered = Assessment(0, 0, window.covered, not window.uncovered, bool(window.covered), None)
        owed.append((covered, window.due < as_of))
    return owed


def owners(row: DueRow, index: OrgIndex) -> list[str]:
    """Who answers for an occurrence: its 中队, else the 科室 among its 责任部门, else 区局."""
    if row.unit is not None:
        return [row.unit]
    return responsible_departments(row.responsible, index) or [BUREAU]


def responsible_departments(responsible: Iterable[str], index: OrgIndex) -> list[str]:
    """The 科室 a list of 责任部门 names, a group such as 各科室 standing for each of its 科室.

    ``due --dept 办公室`` says 负责（各科室）, so progress, the 通报 and the site count 办公室 too.
    """
    found: list[str] = []
    for name in responsible:
        kind, canonical = index.kind_of(name), index.canonical(name) or name
        if kind == "department":
            found.append(canonical)
        elif kind == "group":
            found += [m for m in index.expand(canonical, []) if index.kind_of(m) == "department"]
    return list(dict.fromkeys(found))


def _item_tally(row: DueRow) -> ItemTally:
    return ItemTally(
        **_new_tally(row.title), item=row.item, doc=row.doc, year=row.year, level=row.level, requirement=row.requirement,
        unit=measure_of(row), required=0, done=0, quantity=0, uncovered=[], exceeded=0, role=row.role,
    )  # fmt: skip


ItemKey = tuple[str, ...]  # (doc, item, level, title), with the owner in front for a 通报's tables


class _Items:
    """Item tallies being gathered: periods as :func:`_add` counts them, amounts as the board does."""

    def __init__(self) -> None:
        self.tallies: dict[ItemKey, ItemTally] = {}
        self.first_rows: dict[ItemKey, DueRow] = {}
        self._amounts: dict[ItemKey, Amounts] = {}

    def add(self, key: ItemKey, row: DueRow, assessment: Assessment, *, late: bool) -> ItemTally:
        """Count one period owed of the item ``key``; the item's tally."""
        if key not in self.tallies:
            self.tallies[key], self.first_rows[key] = _item_tally(row), row
            self._amounts[key] = Amounts(measure_of(row))
        tally = self.tallies[key]
        _add(tally, assessment, late=late)
        _add_amounts(self._amounts[key], row, assessment)
        return tally

    def finished(self) -> dict[ItemKey, ItemTally]:
        """The tallies, with their amounts written in."""
        for key, tally in self.tallies.items():
            amounts = self._amounts[key]
            tally["required"], tally["done"] = number(amounts.owed), number(amounts.done)
        return self.tallies


def progress_report(
    context: Context, query: StandingQuery, *, due: DueResult | None = None
) -> ProgressResult:
    """Completion per 科室/中队 and per duty of everything due by ``as_of``, and each target's state.

    ``due`` is :func:`standing_due`'s result for the query, when the caller has it.
    """
    registry, calendar = context.registry, context.calendar
    ledger = LedgerIndex.of(registry, query.as_of)
    wanted = registry.index.resolve_party(query.dept) if query.dept else None
    parties: dict[str, Tally] = {}
    items = _Items()
    for row in _rows_due(due or standing_due(context, query), query.as_of):
        assessment = assess(row, ledger.records(row))
        late = (row.due or date.min) < query.as_of
        for owner in owners(row, registry.index):
            if wanted is None or owner == wanted:
                _add(parties.setdefault(owner, _new_tally(owner)), assessment, late=late)
        tally = items.add((row.doc, row.item, row.level, row.title), row, assessment, late=late)
        tally["quantity"] += assessment.quantity
        tally["exceeded"] += bool(assessment.short and assessment.short.startswith("超过上限"))
    first_rows = items.first_rows
    for key, tally in items.finished().items():
        coverage_units = context.units_for(first_rows[key].frequency)
        for covered, late in coverage_owed(first_rows[key], ledger, calendar, coverage_units, query.as_of):
            _add(tally, covered, late=late, window=True)
            for owner in owners(first_rows[key], registry.index):
                if wanted is None or owner == wanted:
                    _add(parties.setdefault(owner, _new_tally(owner)), covered, late=late, window=True)
        windows = coverage_windows(
            first_rows[key], ledger, calendar, coverage_units, calendar.add_workdays(query.as_of, 400)
        )
        current = [w for w in windows if w.due >= query.as_of] or windows
        tally["uncovered"] = list(current[0].uncovered) if current else []
    result = ProgressResult(
        query.as_of, _in_org_order(parties, registry.index), list(items.tallies.values()),
        unit_heading=registry.index.unit_heading,
    )  # fmt: skip
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
    registry, calendar = context.registry, context.calendar
    ledger = LedgerIndex.of(registry, as_of)
    items = _Items()
    first_rows: dict[ItemKey, DueRow] = {}
    for row in _rows_due(due or standing_due(context, StandingQuery(as_of)), as_of):
        assessment = assess(row, ledger.records(row))
        key: ItemKey = (row.doc, row.item, row.level, row.title)
        first_rows.setdefault(key, row)
        for owner in owners(row, registry.index):
            items.add((owner, *key), row, assessment, late=(row.due or date.min) < as_of)
    tallies = items.finished()
    for key, row in first_rows.items():
        for covered, late in coverage_owed(row, ledger, calendar, context.units_for(row.frequency), as_of):
            for owner in owners(row, registry.index):
                _add(tallies[(owner, *key)], covered, late=late, window=True)
    by_owner: dict[str, list[ItemTally]] = {}
    for owned, tally in tallies.items():
        by_owner.setdefault(owned[0], []).append(tally)
    order = [BUREAU, *registry.index.departments, *registry.index.units]
    ranked = sorted(by_owner, key=lambda name: order.index(name) if name in order else len(order))
    return {name: by_owner[name] for name in ranked}


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
    latest = _latest_values(ledger_of(registry).records(), as_of)
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
                states.append(_target_state((document["id"], document["year"]), task, target, entry))
    return states


def _target_state(
    document: tuple[str, int], task: TaskData, target: TargetData, entry: LedgerEntryData | None
) -> TargetState:
    value = entry["value"] if entry else None
    met = target_met(target, value) if value is not None else None
    state = "no_data" if met is None else ("met" if met else "not_met")
    return TargetState(
        doc=document[0], year=document[1], item=task["id"], title=task["title"], text=target["text"], metric=target["metric"],
        value=value, date=entry["date"] if entry else None, state=state,
    )  # fmt: skip
