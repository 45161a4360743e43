"""The monthly 台账 cycle: forms out to every 科室/中队, filled forms back into the ledger.

Forms are built from the same due rows as ``cgtask due`` (one per 科室 or 中队 and month); an import
reads every form first and writes nothing if any row has a problem. Records keep the form row they
came from (``origin``): importing a form again adds nothing, and a corrected form withdraws that
row's earlier records (the ledger keeps them, marked withdrawn) and adds the new ones — all in one
locked, atomic append, so the ledger stays append-only and merges through git as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cgtask.errors import UsageError, param
from cgtask.interchange.forms import (
    FormImport,
    FormRecord,
    FormSpec,
    content_key,
    form_row_from_due,
    merge_records,
    read_forms,
    withdrawn_origins,
)
from cgtask.models.ledger_data import FORM_CORRECTION_NOTE, derived_record_id, withdrawal_of
from cgtask.queries.context import prepare
from cgtask.queries.duties import DueQuery, DueResult, due_items, notice_year
from cgtask.queries.measure import days_by_month
from cgtask.queries.month_request import MonthRequest
from cgtask.queries.rows import DueRow
from cgtask.queries.years import year_context
from cgtask.registry.files import LEDGER_FILE
from cgtask.registry.view import Registry

RETURN_WORKDAYS = 5  # forms come back by the 5th working day of the next month


def registry_id(registry: Registry) -> str:
    """A stable id of a registry: its bureau and documents, not the folder it happens to sit in.

    A document that follows last year's (``cgtask rollover``) continues the registry rather than
    changing it: December's forms, sent out before the new year's drafts, still come back in January.
    """
    bureau = registry.data["organization"]["bureau"]["name"]
    docs = sorted(document["id"] for document in registry.data["documents"] if not document.get("follows"))
    digest = hashlib.sha256("\x1f".join([bureau, *docs]).encode("utf-8")).hexdigest()[:12]
    return f"reg-{digest}"


def return_date(registry: Registry, year: int, month: int) -> date:
    """The day forms are due back: the 5th working day of the following month."""
    calendar = prepare(registry).calendar
    first = date(year + (month == 12), month % 12 + 1, 1)
    start = first if calendar.is_workday(first) else calendar.add_workdays(first, 1)
    return calendar.add_workdays(start, RETURN_WORKDAYS - 1)


def form_specs(registry: Registry, request: MonthRequest) -> list[FormSpec]:
    """One form per 科室/中队 (or the one asked for) listing what falls due in the month asked."""
    recipients = _recipients(registry, request.unit, request.dept)
    year_context(registry, request.year)  # a registry of several years: the one asked, else the latest
    the_year = notice_year(registry, request.year, [])
    return [_spec(registry, request.month, the_year, name, kind) for name, kind in recipients]


def _recipients(registry: Registry, unit: str | None, dept: str | None) -> list[tuple[str, str]]:
    index = registry.index
    if unit is not None:
        name = index.resolve_party(unit)
        if index.kind_of(name) != "unit":
            raise UsageError(f"“{unit}”不是中队；科室请用 {param('dept')}")
        return [(name, "中队")]
    if dept is not None:
        name = index.resolve_party(dept)
        if index.kind_of(name) != "department":
            raise UsageError(f"“{dept}”不是科室；中队请用 {param('unit')}")
        return [(name, "科室")]
    return [(d, "科室") for d in index.departments] + [(u, "中队") for u in index.units]


def _spec(registry: Registry, month: int, year: int, name: str, kind: str) -> FormSpec:
    query = (
        DueQuery(month=month, year=year, unit=name)
        if kind == "中队"
        else DueQuery(month=month, year=year, dept=name)
    )
    context = year_context(registry, year)  # that year's documents only, however many the registry holds
    result = due_items(context, query)
    rows = [
        form_row_from_due(
            row, period_label=_period_label(result, row), units=context.units_for(row.frequency),
            activity=row.title, days=days,
        )
        for row, days in days_by_month(result.rows)
        if row.due is not None
    ]  # fmt: skip
    bureau = registry.data["organization"]["bureau"]["short_name"]
    return FormSpec(
        registry_id(registry), bureau, year, month, name, "中队" if kind == "中队" else "科室",
        return_date(registry, year, month), rows, registry.index.unit_heading,
    )  # fmt: skip


def _period_label(result: DueResult, row: DueRow) -> str:
    """A period's Chinese label; a daily duty's month (2022-03), which no due row names, as 2022年3月."""
    period = row.period or ""
    found = result.label_of(row)
    if found != period:
        return found
    year, _, month = period.partition("-")
    return f"{year}年{int(month)}月" if month.isdigit() else period


def issued_form(registry: Registry) -> Callable[[str, int, int], FormSpec]:
    """The form the registry issues for a unit and month, as a filled form is checked against it."""

    def spec(unit: str, year: int, month: int) -> FormSpec:
        kind = registry.index.kind_of(unit)
        if kind not in ("unit", "department") or registry.index.canonical(unit) != unit:
            hint = registry.index.suggest(unit)
            raise ValueError(
                f"“{unit}”不是本登记册的科室或中队（表发出后改过名？"
                + (f"现为“{hint}”？" if hint else "")
                + "）；请用 cgtask form 重新生成后填写"
            )
        return _spec(registry, month, year, unit, "中队" if kind == "unit" else "科室")

    return spec


def form_file_name(spec: FormSpec) -> str:
    """The file a form is written to inside a folder: 2022年3月台账-吴淞街道中队.xlsx."""
    from cgtask.support.filenames import safe_file_name

    return safe_file_name(f"{spec.month_label}台账-{spec.unit}") + ".xlsx"


# --- import ---------------------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    """What an import read, and what it appended (or would, with ``dry_run``: the same records, same ids)."""

    read: FormImport
    added: list[dict[str, Any]] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    unchanged: int = 0
    kept: int = 0  # rows corrected or withdrawn by hand since they were imported: the correction stays
    written: bool = False


def import_forms(
    registry: Registry,
    paths: Sequence[Path],
    *,
    today: date,
    now: datetime | None = None,
    dry_run: bool = False,
) -> ImportOutcome:
    """Read every form, and unless a row has a problem (or ``dry_run``), append the records at once."""
    read = read_forms(
        paths,
        registry_id=registry_id(registry),
        known_units=registry.index.units,
        as_of=today,
        expected=issued_form(registry),
    )
    outcome = ImportOutcome(read)
    if not read.ok:
        return outcome
    _plan(outcome, registry.data["ledger"]["entries"], today, now)
    if outcome.added and dry_run:  # a dry run says what the real one would: a closed year refuses
        from cgtask.registry.ledger_file import refuse_closed

        refuse_closed(registry.data["ledger"].get("closed") or [], outcome.added)
    if outcome.added and not dry_run:
        from cgtask.registry.ledger_file import append_planned_entries

        def again(current: list[dict[str, Any]]) -> list[dict[str, Any]]:
            # Another import of the same form may have landed since the registry was read: merge
            # with the ledger as it is under the lock, so a row is never added twice.
            _plan(outcome, current, today, now)
            return outcome.added

        written = append_planned_entries(Path(registry.data["root"]) / LEDGER_FILE, again)
        outcome.written = bool(written)
    return outcome


def _plan(outcome: ImportOutcome, entries: Iterable[Any], today: date, now: datetime | None) -> None:
    """Fill ``outcome`` with what the import adds to and withdraws from ``entries``."""
    read = outcome.read
    live = _live(entries)
    merge = merge_records(entries, read.records, live_ids={str(e.get("id")) for e in live})
    outcome.unchanged, outcome.kept = len(merge.unchanged), len(merge.kept)
    # A row filled before and left blank now was reported by mistake: its record is withdrawn too.
    emptied = set(withdrawn_origins(live, read.not_reported, [record.origin for record in read.records]))
    replaced = {record.origin for record in merge.to_replace} | emptied
    outcome.withdrawn = list(
        dict.fromkeys(e["id"] for e in live if e.get("origin") in replaced and e.get("id"))
    )
    replaced_ids = {
        origin: sorted({str(e["id"]) for e in live if e.get("origin") == origin and e.get("id")})
        for origin in replaced
    }
    new = [
        _entry(record, now, replaced_ids.get(record.origin, []))
        for record in [*merge.to_add, *merge.to_replace]
    ]
    originals = {e["id"]: e for e in live if e.get("id") in outcome.withdrawn}
    outcome.added = [*(_withdrawal(e, today, now) for e in originals.values()), *new]


def _live(entries: Iterable[Any]) -> list[Any]:
    """Records that still count: neither withdrawn nor withdrawals (a corrected row compares with these)."""
    entries = list(entries)
    withdrawn = {e.get("withdraws") for e in entries} - {None}
    return [e for e in entries if not e.get("withdraws") and e.get("id") not in withdrawn]


def _entry(record: FormRecord, now: datetime | None, replaces: Sequence[str] = ()) -> dict[str, Any]:
    entry: dict[str, Any] = {
        # from the row, what it says and what it replaces: a dry run names the ids the import then writes
        "id": derived_record_id(record.origin, content_key(record.to_json()), *replaces),
        "item": record.item,
        "doc": record.doc,
        "level": record.level,
    }
    optional = {
        "unit": record.unit,
        "activity": record.activity,
        "period": record.period,
        "date": record.date,
        "count": record.count,
        "quantity": record.quantity,
        "of": record.of,
        "covers": list(record.covers) or None,
        "note": record.note,
        "origin": record.origin,
        "recorded_at": now,
    }
    entry.update({key: value for key, value in optional.items() if value is not None})
    return entry


def _withdrawal(original: Any, today: date, now: datetime | None) -> dict[str, Any]:
    record_id = derived_record_id("withdraws", str(original["id"]))
    return withdrawal_of(original, today, now, FORM_CORRECTION_NOTE, record_id=record_id)
