"""The reminder digest from a registry, per 科室/中队.

What is overdue on the 督办 board and what falls due within the next working days — the same board and
due rows as ``cgtask overdue`` and ``cgtask due``.
"""

from __future__ import annotations

from datetime import date

from cgtask.models.data import DocumentData
from cgtask.publish.robots import Digest, ReminderItem, UnitReminder
from cgtask.queries.context import Context
from cgtask.queries.duties import DueQuery, due_items
from cgtask.queries.rows import BoardRow, DetailRow, DueRow
from cgtask.queries.standing import LedgerIndex, StandingQuery, assess, duty_key, overdue_items, owners
from cgtask.support.words import basis_text, role_label


def reminder_digest(context: Context, as_of: date, days: int) -> Digest:
    """Overdue (red, yellow) board lines and duties due in ``as_of`` … ``days`` working days later."""
    registry, calendar = context.registry, context.calendar
    last = calendar.add_workdays(as_of, days) if days else as_of
    units: dict[str, UnitReminder] = {}
    documents = {document["id"]: document for document in registry.documents}
    for owner, row, line in _overdue_lines(context, as_of):
        said = _behind(row)
        if line is not None and line.periods.get("owed", 0) > 1 and line.missing:  # in the plan's unit
            said += f"，共缺{line.missing:g}{line.measure}"
        _unit(units, owner).overdue.append(_item(row, row.status, said, documents[row.doc]))
    ledger = LedgerIndex.of(registry, as_of)
    upcoming = due_items(context, DueQuery(start=as_of, end=last, year=as_of.year, per_unit=True))
    soon: dict[tuple[str, ...], tuple[str, DueRow, int]] = {}
    for occurrence in upcoming.rows:
        if occurrence.due is None or assess(occurrence, ledger.records(occurrence)).complete:
            continue
        for owner in owners(occurrence, registry.index):
            key = (owner, occurrence.doc, occurrence.item, occurrence.level, occurrence.title)
            first = soon.get(key)
            soon[key] = (owner, first[1] if first else occurrence, (first[2] if first else 0) + 1)
    for owner, occurrence, count in soon.values():
        daily = occurrence.period_start is not None and occurrence.period_start == occurrence.period_end
        said = occurrence.requirement + (
            f"（此后{count - 1}{'天' if daily else '期'}也将到期）" if count > 1 else ""
        )
        _unit(units, owner).due_soon.append(_item(occurrence, "due_soon", said, documents[occurrence.doc]))
    order = [*registry.index.departments, *registry.index.units]
    ranked = sorted(units.values(), key=lambda u: order.index(u.unit) if u.unit in order else len(order))
    name = registry.data["organization"]["bureau"]["short_name"]
    return Digest(as_of, name, [u for u in ranked if not u.is_empty], days)


def _overdue_lines(context: Context, as_of: date) -> list[tuple[str, DetailRow, BoardRow | None]]:
    """One line per 科室/中队 × duty behind on ``as_of``: its latest period behind and its board line."""
    registry = context.registry
    board = overdue_items(context, StandingQuery(as_of, soon=0), detail=True)
    lines = {duty_key(line): line for line in board.rows}
    latest: dict[tuple[str, ...], tuple[str, DetailRow, BoardRow | None]] = {}
    for row in board.details:
        if row.status not in ("red", "yellow"):
            continue
        for owner in owners(row, registry.index):
            key = (owner, row.doc, row.item, row.level, row.title)
            found = latest.get(key)
            keep = row if found is None or (row.due or date.min) >= (found[1].due or date.min) else found[1]
            latest[key] = (owner, keep, lines.get(duty_key(row)))
    return list(latest.values())


def _unit(units: dict[str, UnitReminder], name: str) -> UnitReminder:
    if name not in units:
        units[name] = UnitReminder(name, [], [])
    return units[name]


def _behind(row: DetailRow) -> str:
    """The requirement and what was recorded: 不少于2次（已完成1次）, 不少于16起（差4起）."""
    said = row.requirement or "1次"
    if row.uncovered:
        return f"{said}（未覆盖{len(row.uncovered)}个中队）"
    if row.quota and row.quota.per != "occurrence":
        return f"{said}（已登记{row.quantity}{row.quota.unit if row.quota.unit != '%' else ''}）"
    return f"{said}（已完成{row.done}{row.measure}）"


def _role(row: DueRow, kind: str) -> str:
    """The owner's part as its document says it: a task table's 牵头 (its owners are the leads), else 负责."""
    if row.role:
        return role_label(row.role)
    return role_label("lead" if kind == "task_breakdown" and row.unit is None else "responsible")


def _item(row: DueRow, status: str, requirement: str, document: DocumentData) -> ReminderItem:
    return ReminderItem(
        title=row.title,
        item=row.item,
        doc=row.doc,
        due=row.due or date.min,  # only dated rows are reminded of
        requirement=requirement,
        role=_role(row, document["kind"]),
        status=status,  # type: ignore[arg-type]
        basis=basis_text(document, row.item),
    )
