"""Where things stand: each occurrence due so far against the ledger, per 科室/中队, per item, per target.

An occurrence is matched by the ledger entries of its document, item, level and period recorded
on or before the as-of date; a 中队 row takes only that 中队's entries, and an entry naming an
activity counts only for the duty of that name. Duties at a 中队 level are judged per 中队 — the
bureau's 督办 asks which 中队 is behind, not whether "the 中队" are.

Plain dicts and no pydantic, like :mod:`cgtask.queries.duties`: these commands start from the cache.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict

from cgtask.errors import UsageError
from cgtask.models.data import TargetData, TaskData
from cgtask.models.ledger_data import LedgerEntryData
from cgtask.queries.duties import DueQuery, DueResult, DueRow, due_items, work_calendar
from cgtask.queries.listing import ListRow, match_party
from cgtask.registry.names import OrgIndex
from cgtask.registry.view import Registry, iter_tasks

STATUS_ORDER = ("red", "yellow", "blue")
STATUS_LABELS = {"red": "逾期", "yellow": "未完成", "blue": "即将到期"}
TARGET_LABELS = {"met": "达标", "not_met": "未达标", "no_data": "无数据"}
BUREAU = "区局"

EntryKey = tuple[str, str, str, str]  # doc, item, level, period


class OverdueRow(TypedDict):
    """One occurrence that needs attention; the keys are the JSON contract of ``cgtask overdue``."""

    item: str
    title: str
    doc: str
    level: str
    unit: str | None
    period: str | None
    due: str | None
    times: int | None
    done: int
    status: str


@dataclass
class OverdueResult:
    rows: list[OverdueRow]
    period_labels: dict[str, str]
    as_of: date


@dataclass(frozen=True)
class StandingQuery:
    """``as_of`` is the day the standing is taken at (its end); ``soon`` counts working days after it."""

    as_of: date
    dept: str | None = None
    unit: str | None = None
    level: str | None = None
    soon: int = 3


# --- matching the ledger --------------------------------------------------------------------------


class LedgerIndex:
    """The ledger's entries up to a date, grouped by (doc, item, level, period) for quick matching."""

    def __init__(self, entries: Iterable[LedgerEntryData], as_of: date, index: OrgIndex) -> None:
        self._groups: dict[EntryKey, list[LedgerEntryData]] = {}
        last = as_of.isoformat()
        for entry in entries:
            if entry["date"] <= last:
                key = (entry["doc"], entry["item"], entry["level"], entry["period"])
                self._groups.setdefault(key, []).append(entry)
        self._canonical = index.canonical

    def done(self, row: DueRow) -> int:
        """The count recorded for this occurrence (for this 中队 when the row is one 中队's)."""
        key = (row["doc"], row["item"], row["level"], row["period"] or "")
        total = 0
        for entry in self._groups.get(key, ()):
            if row["unit"] is not None and self._canonical(entry["unit"] or "") != row["unit"]:
                continue
            if entry["activity"] is not None and entry["activity"] != row["title"]:
                continue
            total += entry["count"]
        return total


def _due_result(registry: Registry, query: StandingQuery) -> DueResult:
    """Every occurrence of the documents' own years, per 中队, for the 科室/中队/level asked."""
    return due_items(registry, DueQuery(dept=query.dept, level=query.level, unit=query.unit, per_unit=True))


def _rows_due(result: DueResult, last: date) -> Iterator[DueRow]:
    """The dated occurrences due on or before ``last``."""
    cut = last.isoformat()
    for row in result.rows:
        if row["due"] is not None and row["due"] <= cut:
            yield row


def _status(row: DueRow, done: int, as_of: str) -> str | None:
    if done >= (row["times"] or 1):
        return None
    if (row["due"] or "") <= as_of:
        return "red" if done == 0 else "yellow"
    return "blue"


def overdue_items(registry: Registry, query: StandingQuery) -> OverdueResult:
    """Occurrences due by ``as_of`` without their full count (red: none, yellow: part), and those
    due within ``soon`` working days after it (blue); red first, then by due date."""
    if query.soon < 0:
        raise UsageError(f"--soon 应为不小于 0 的工作日数，收到 {query.soon}")
    calendar = work_calendar(registry.data)
    last = calendar.add_workdays(query.as_of, query.soon) if query.soon else query.as_of
    ledger = LedgerIndex(registry.data["ledger"]["entries"], query.as_of, registry.index)
    as_of = query.as_of.isoformat()
    rows: list[OverdueRow] = []
    due = _due_result(registry, query)
    for row in _rows_due(due, last):
        done = ledger.done(row)
        status = _status(row, done, as_of)
        if status is not None:
            rows.append(_overdue_row(row, done, status))
    rows.sort(
        key=lambda r: (STATUS_ORDER.index(r["status"]), r["due"] or "", r["doc"], r["item"], r["unit"] or "")
    )
    return OverdueResult(rows, due.period_labels, query.as_of)


def _overdue_row(row: DueRow, done: int, status: str) -> OverdueRow:
    return OverdueRow(
        item=row["item"], title=row["title"], doc=row["doc"], level=row["level"], unit=row["unit"],
        period=row["period"], due=row["due"], times=row["times"], done=done, status=status,
    )  # fmt: skip


# --- progress -------------------------------------------------------------------------------------


class Tally(TypedDict):
    """Completion of a set of occurrences: required times, times done (capped per occurrence)."""

    name: str
    occurrences: int
    complete: int
    required: int
    done: int
    rate: float
    overdue: int


class ItemTally(Tally):
    item: str
    doc: str
    level: str


class TargetState(TypedDict):
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
    as_of: date
    parties: list[Tally] = field(default_factory=list)
    items: list[ItemTally] = field(default_factory=list)
    targets: list[TargetState] = field(default_factory=list)


def _new_tally(name: str) -> Tally:
    return Tally(name=name, occurrences=0, complete=0, required=0, done=0, rate=0.0, overdue=0)


def _add(tally: Tally, required: int, done: int) -> None:
    tally["occurrences"] += 1
    tally["required"] += required
    tally["done"] += min(done, required)
    tally["complete"] += done >= required
    tally["overdue"] += done == 0
    tally["rate"] = round(tally["done"] / tally["required"], 4) if tally["required"] else 1.0


def owners(row: DueRow, index: OrgIndex) -> list[str]:
    """Who answers for an occurrence: its 中队, else the 科室 among its 责任部门, else 区局."""
    if row["unit"] is not None:
        return [row["unit"]]
    departments = [index.canonical(n) or n for n in row["responsible"] if index.kind_of(n) == "department"]
    return departments or [BUREAU]


def progress_report(registry: Registry, query: StandingQuery) -> ProgressResult:
    """Completion per 科室/中队 and per item of everything due by ``as_of``, and each target's state."""
    ledger = LedgerIndex(registry.data["ledger"]["entries"], query.as_of, registry.index)
    wanted = registry.index.resolve_party(query.dept) if query.dept else None
    parties: dict[str, Tally] = {}
    items: dict[tuple[str, str, str, str], ItemTally] = {}
    for row in _rows_due(_due_result(registry, query), query.as_of):
        required, done = row["times"] or 1, ledger.done(row)
        for owner in owners(row, registry.index):
            if wanted is None or owner == wanted:
                _add(parties.setdefault(owner, _new_tally(owner)), required, done)
        key = (row["doc"], row["item"], row["level"], row["title"])
        if key not in items:
            items[key] = ItemTally(
                **_new_tally(row["title"]), item=row["item"], doc=row["doc"], level=row["level"]
            )
        _add(items[key], required, done)
    result = ProgressResult(query.as_of, _in_org_order(parties, registry.index), list(items.values()))
    result.targets = target_states(registry, query.as_of, wanted)
    return result


def _in_org_order(parties: dict[str, Tally], index: OrgIndex) -> list[Tally]:
    order = [BUREAU, *index.departments, *index.units]
    return sorted(
        parties.values(), key=lambda t: order.index(t["name"]) if t["name"] in order else len(order)
    )


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


def item_tallies_by_owner(registry: Registry, as_of: date) -> dict[str, list[ItemTally]]:
    """For each 科室/中队 (in organisation order), its items' completion by ``as_of``: a 通报's tables."""
    ledger = LedgerIndex(registry.data["ledger"]["entries"], as_of, registry.index)
    by_owner: dict[str, dict[tuple[str, str, str, str], ItemTally]] = {}
    for row in _rows_due(_due_result(registry, StandingQuery(as_of)), as_of):
        required, done = row["times"] or 1, ledger.done(row)
        key = (row["doc"], row["item"], row["level"], row["title"])
        for owner in owners(row, registry.index):
            items = by_owner.setdefault(owner, {})
            if key not in items:
                items[key] = ItemTally(
                    **_new_tally(row["title"]), item=row["item"], doc=row["doc"], level=row["level"]
                )
            _add(items[key], required, done)
    order = [BUREAU, *registry.index.departments, *registry.index.units]
    ranked = sorted(by_owner, key=lambda name: order.index(name) if name in order else len(order))
    return {name: list(by_owner[name].values()) for name in ranked}
