"""The data contract of the monthly 台账 forms, shared by the writer and the reader.

What goes out (FormSpec, FormRow), what comes back (FormRecord, Problem, FormImport). Plain frozen
dataclasses, no openpyxl, no registry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Literal

from cgtask.queries.requirements import Quantity
from cgtask.queries.rows import DueRow
from cgtask.support.records import same_named
from cgtask.support.words import role_label

UnitKind = Literal["中队", "科室"]


# A form's quota is the plan's own quantity (16 起, 30 件, or a share of a named base), not a copy of it.
FormQuota = Quantity


@dataclass(frozen=True, kw_only=True)
class DutyPeriod:
    """The duty and period one form row stands for: a form's row, its identity-sheet line, its record.

    ``unit`` is the 中队 of a 中队-level duty (None for the 区局 level); ``activity`` tells apart two
    duties of one item in one period (队列训练 and 内务管理), as the ledger does.
    """

    doc: str
    item: str
    level: str
    unit: str | None
    period: str
    activity: str | None = None

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The fields that say which duty and period: what a record carries over from its form row."""
        return tuple(f.name for f in fields(DutyPeriod))

    @property
    def key(self) -> str:
        """The identity as one text: doc, item, activity, level, 中队 and period."""
        # The identity sheet's lines are matched to the registry's rows by this text, so both use this one.
        parts = (self.doc, self.item, self.activity or "", self.level, self.unit or "", self.period)
        return "|".join(parts)


@dataclass(frozen=True, kw_only=True)
class FormRow(DutyPeriod):
    """One duty occurrence a unit owes in the month: one row of the form.

    ``units`` are the names a coverage duty may list in 覆盖中队.
    """

    title: str
    period_label: str
    period_start: date
    period_end: date
    due: date
    times: int | None = None
    quota: FormQuota | None = None
    coverage: int | None = None
    units: tuple[str, ...] = ()
    duration: str | None = None
    requirement: str = ""
    source: str = ""
    role: str | None = None
    days: bool = False  # a daily duty's month: ``times`` days owed, the dates or the number of days filled

    @property
    def wants_quantity(self) -> bool:
        """Whether the form asks for a quantity: only rows with a quota do."""
        return self.quota is not None

    @property
    def wants_base(self) -> bool:
        """Whether the form asks for the base a share is measured against."""
        return self.quota is not None and self.quota.is_share

    @property
    def wants_covers(self) -> bool:
        """Whether the form asks which 中队 were covered: a coverage rule over named units."""
        return self.coverage is not None and bool(self.units)


# What a form row takes from its due row as it is (the dates are checked first: an event has none).
_FROM_DUE_ROW = ("doc", "item", "title", "level", "unit", "times", "coverage", "duration")


def form_row_from_due(
    row: DueRow,
    *,
    period_label: str,
    units: Sequence[str] = (),
    activity: str | None = None,
    days: bool = False,
) -> FormRow:
    """A form row from one dated due row (its dates as dates, ``source`` a list, ``quota`` a quantity).

    ``period_label`` comes from the due result's labels; ``units`` are the 中队 a coverage duty may
    name; ``activity`` tells apart two duties of one item in one period, as the ledger does.
    """
    quota = row.quota
    if row.period is None or row.period_start is None or row.period_end is None or row.due is None:
        raise ValueError(f"{row.doc} 第{row.item}项没有期限：事件触发的工作不进台账表")
    return FormRow(
        **same_named(row, _FROM_DUE_ROW),
        period=row.period,
        period_label=period_label,
        period_start=row.period_start,
        period_end=row.period_end,
        due=row.due,
        quota=FormQuota(float(quota.value), quota.unit, quota.per, quota.of) if quota else None,
        units=tuple(units) if row.coverage else (),
        requirement=row.requirement or "",
        source="、".join(row.source or []),
        role=_role_word(row.role),
        activity=activity,
        days=days,
    )


# ``cgtask due --dept`` says lead/support in JSON; the form says it in Chinese.


def _role_word(role: str | None) -> str | None:
    return None if role is None else role_label(role)


@dataclass(frozen=True)
class FormSpec:
    """One unit's form for one month; ``registry_id`` is a stable id of the registry the lead supplies."""

    registry_id: str
    registry_name: str
    year: int
    month: int
    unit: str
    unit_kind: UnitKind
    return_by: date
    rows: tuple[FormRow, ...] | list[FormRow] = ()
    unit_heading: str = "中队"  # what the registry calls its units (县区): the 覆盖中队 column says so

    @property
    def month_label(self) -> str:
        """The month as the form's header shows it, such as 2022年3月."""
        return f"{self.year}年{self.month}月"


@dataclass(frozen=True, kw_only=True)
class FormRecord(DutyPeriod):
    """One reported row of a filled form, ready for the ledger.

    ``quantity`` is the number in the plan's unit (起, 件; the numerator of a share), ``of`` the base
    of a share, ``covers`` the 中队 covered. ``origin`` names the form row it came from
    (registry/unit/month/row key), so a second import of the same form can be recognised.
    """

    date: date
    count: int
    quantity: int | None
    of: int | None
    covers: tuple[str, ...]
    note: str | None
    origin: str

    def to_json(self) -> dict[str, Any]:
        """JSON-ready with an ISO date and a list of 中队, as a ledger entry would hold it."""
        return {
            "doc": self.doc,
            "item": self.item,
            "level": self.level,
            "unit": self.unit,
            "activity": self.activity,
            "period": self.period,
            "date": self.date.isoformat(),
            "count": self.count,
            "quantity": self.quantity,
            "of": self.of,
            "covers": list(self.covers),
            "note": self.note,
            "origin": self.origin,
        }


@dataclass(frozen=True, order=True)
class Problem:
    """One reason a filled form cannot be imported, located to its file, sheet and cell."""

    file: str
    sheet: str
    cell: str
    code: str
    message: str

    def format(self) -> str:
        """文件名!工作表!单元格  代码  说明 (the place shrinks to the file when no sheet applies)."""
        place = "!".join(part for part in (self.file, self.sheet, self.cell) if part)
        return f"{place}  {self.code}  {self.message}"


@dataclass(frozen=True)
class FormSummary:
    """One form read: which unit and month, how many rows it had and how many were reported."""

    file: str
    unit: str
    year: int
    month: int
    rows: int
    reported: int


@dataclass
class FormImport:
    """What :func:`read_forms` found.

    ``records`` is empty whenever there is any problem, so the caller writes all of an import or
    nothing; ``not_reported`` holds the origins of blank rows.
    """

    records: list[FormRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    forms: list[FormSummary] = field(default_factory=list)
    not_reported: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the form was read without problems."""
        return not self.problems
