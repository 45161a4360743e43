"""The library surface: one short function per user operation, each a call into its package; none prints.

The core and the ``__all__`` types load on first use: ``cgtask list`` stays off pydantic, docx, openpyxl, jinja2.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from cgtask.findings import Finding
from cgtask.support.dates import NotADate, date_from_text  # dates as people type them; the CLI's too
from cgtask.support.text import cell_text, escape_controls, inert_cell  # the CLI's cells
from cgtask.support.words import RECORD_STATE_LABELS, STATUS_LABELS, TARGET_LABELS, role_label

if TYPE_CHECKING:
    from cgtask.actions.decompose import Skeleton
    from cgtask.actions.init_city import CityRequest, CityWritten
    from cgtask.actions.record import DoneRequest
    from cgtask.actions.rollover import Rollover
    from cgtask.interchange.export import ExportResult
    from cgtask.interchange.form_files import FormRequest, FormsWritten
    from cgtask.interchange.ledger_forms import ImportOutcome
    from cgtask.interchange.table_import import ImportOptions, ImportResult
    from cgtask.models.schema import SchemaKind
    from cgtask.official.issue import (
        AsOfTarget,
        DocumentNotChosen,
        DocumentTarget,
        Issuing,
        MonthTarget,
        RenderKind,
        RenderTarget,
        YearsTarget,
        YearTarget,
    )
    from cgtask.publish.reminders import RemindOutcome, Sending
    from cgtask.publish.robots import Webhook
    from cgtask.publish.site import SiteReport
    from cgtask.queries.due_query import DueQuery, DueResult
    from cgtask.queries.ledger import RecordFilter
    from cgtask.queries.listing import ListFilter, ListRow
    from cgtask.queries.rows import BoardRow, DetailRow, DueRow, row_json_lines, row_records
    from cgtask.queries.standing import ProgressResult
    from cgtask.queries.standing_query import OverdueResult, StandingQuery
    from cgtask.queries.trace import TraceResult
    from cgtask.queries.work_plans import FigureRow
    from cgtask.queries.year_diff import YearDiff
    from cgtask.queries.year_view import CalendarView
    from cgtask.registry.ledger_split import SplitOutcome
    from cgtask.registry.view import Registry
    from cgtask.render.batch import Written
    from cgtask.schedule.calendar import WorkCalendar

# fmt: off
__all__ = [
    "RECORD_STATE_LABELS", "STATUS_LABELS", "TARGET_LABELS", "AsOfTarget", "BoardRow", "CalendarView", "CityRequest", "CityWritten",
    "DetailRow", "DocumentNotChosen", "DocumentTarget", "DoneRequest", "DueQuery", "DueResult", "DueRow",
    "ExportResult", "FigureRow", "FormRequest", "FormsWritten", "ImportOptions", "ImportOutcome", "ImportResult", "Issuing",
    "ListFilter", "ListRow", "MonthTarget", "NotADate", "OverdueResult", "ProgressResult", "RecordFilter",
    "Registry", "RemindOutcome", "RenderKind", "RenderTarget", "Rollover", "Sending", "SiteReport",
    "Skeleton", "SplitOutcome", "StandingQuery", "TraceResult", "Webhook", "WorkCalendar", "Written", "YearDiff",
    "YearTarget", "YearsTarget", "build_site", "calendar", "cell_text", "check", "check_notes", "close_year",
    "date_from_text", "decompose", "due", "edit_record", "escape_controls", "export", "figures",
    "import_forms", "import_table", "inert_cell", "init", "init_city", "ledger_records", "list_tasks", "open_registry",
    "os_error_reason", "overdue", "phrase", "phrase_forms", "progress", "record_done", "remind", "render",
    "render_monthly_all", "robots", "role_label", "rollover", "row_json_lines", "row_records", "schema_text",
    "show", "split_ledger", "trace", "withdraw_record", "write_forms", "write_ics", "write_schemas", "year_diff",
]
_LAZY_TYPES = {
    "cgtask.actions.decompose": ("Skeleton",), "cgtask.actions.init_city": ("CityRequest", "CityWritten"), "cgtask.actions.record": ("DoneRequest",),
    "cgtask.interchange.export": ("ExportResult",), "cgtask.interchange.form_files": ("FormRequest", "FormsWritten"),
    "cgtask.interchange.ledger_forms": ("ImportOutcome",), "cgtask.interchange.table_import": ("ImportOptions", "ImportResult"),
    "cgtask.official.issue": ("AsOfTarget", "DocumentNotChosen", "DocumentTarget", "Issuing", "MonthTarget", "RenderKind", "RenderTarget", "YearTarget", "YearsTarget"),
    "cgtask.publish.reminders": ("RemindOutcome", "Sending"),
    "cgtask.publish.robots": ("SECRETS_FILE_NAME", "Webhook"), "cgtask.publish.site": ("SiteReport",),
    "cgtask.queries.due_query": ("DueQuery", "DueResult"), "cgtask.queries.rows": ("BoardRow", "DetailRow", "DueRow", "row_json_lines", "row_records"),
    "cgtask.queries.ledger": ("RecordFilter",), "cgtask.queries.listing": ("ListFilter", "ListRow"),
    "cgtask.queries.standing": ("ProgressResult",), "cgtask.queries.standing_query": ("OverdueResult", "StandingQuery"),
    "cgtask.queries.trace": ("TraceResult",), "cgtask.queries.work_plans": ("FigureRow",),
    "cgtask.queries.year_view": ("CalendarView",), "cgtask.queries.year_diff": ("YearDiff",),
    "cgtask.registry.ledger_split": ("SplitOutcome",), "cgtask.registry.view": ("Registry",), "cgtask.render.batch": ("Written",), "cgtask.actions.rollover": ("Rollover",), "cgtask.schedule.calendar": ("WorkCalendar",),
}
# fmt: on
_TYPES = {name: module for module, names in _LAZY_TYPES.items() for name in names}


def __getattr__(name: str) -> Any:
    if name in _TYPES:
        return getattr(importlib.import_module(_TYPES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


ExportFormat = Literal["xlsx", "csv", "json"]
RegistryPath = Path | None  # a registry or city folder; None = $CGTASK_REGISTRY, else the shipped one


def os_error_reason(exc: BaseException) -> str | None:
    """An OS error (or an XML writer's) in Chinese (磁盘空间不足, 文件过大 …), else None: for the boundary."""
    from cgtask.support.atomic import os_reason

    return os_reason(exc)


def _writable_registry(path: RegistryPath) -> Registry:
    """The registry a command will write to; never the installed package's own example (lost on upgrade)."""
    from cgtask.registry.files import refuse_packaged_registry

    refuse_packaged_registry(Path((registry := open_registry(path)).data["root"]), named=path is not None)
    return registry


def init(target: Path, *, blank: bool = False, bureau: str | None = None) -> list[Path]:
    """A registry of one's own at ``target``: the example or a blank one, with git and CI files."""
    from cgtask.actions.init_registry import init_registry

    return init_registry(target, example=not blank, bureau=bureau)


def init_city(target: Path, request: CityRequest) -> CityWritten:
    """A 市局's folder: city.yaml naming each district's registry (as asked, or found in or beside the folder)."""
    from cgtask.actions.init_city import init_city as write_city

    return write_city(target, request)


def open_registry(path: RegistryPath = None, *, use_cache: bool = True, whole: bool = False) -> Registry:
    """Load the registry at ``path`` (or ``$CGTASK_REGISTRY``, or the shipped one); ``whole``: no document left out."""
    from cgtask.registry.files import resolve_registry
    from cgtask.registry.loader import open_view

    return open_view(resolve_registry(path), use_cache=use_cache, whole=whole)


def check(path: RegistryPath = None) -> tuple[list[Finding], int]:
    """Every finding of the registry (a city's: of city.yaml and each district's) and the files read."""
    from cgtask.registry.city import check_folder

    return check_folder(path)


def check_notes(path: RegistryPath = None) -> list[str]:
    """What a valid registry leaves to defaults that a keeper should know: 每天 duties counted on rest days."""
    from cgtask.queries.notes import check_notes as notes
    from cgtask.registry.city import city_root

    return [] if city_root(path) else notes(open_registry(path))  # a city's districts say theirs


def write_schemas(folder: Path) -> list[Path]:
    """Every kind's schema into ``folder`` as ``<kind>.schema.json`` (refreshed in place)."""
    from cgtask.registry.schema_files import write_schemas as write

    return write(folder)


def schema_text(kind: SchemaKind) -> str:
    """The schema as the stable JSON text written to ``registry/schema/``."""
    from cgtask.models.schema import schema_text as text

    return text(kind)


def list_tasks(registry: RegistryPath = None, query: ListFilter | None = None) -> list[ListRow]:
    """Tasks and supervision items, narrowed by 科室 (and its role), category, document and text."""
    from cgtask.queries import city, list_cache, listing

    return city.across(registry, list_cache.district_list, city.list_rows, query or listing.ListFilter())


def show(registry: RegistryPath, item_id: str, doc: str | None = None) -> dict[str, Any]:
    """One task, supervision item or work-plan entry, whole, as ``cgtask show`` prints it."""
    from cgtask.queries.listing import show_item

    return show_item(open_registry(registry), item_id, doc)


def figures(
    registry: RegistryPath = None, *, doc: str | None = None, search: str | None = None, compare: bool = False
) -> list[FigureRow]:
    """The key figures of the work summaries."""
    from cgtask.queries.work_plans import list_figures

    return list_figures(open_registry(registry).select(doc), search, compare)


def trace(
    registry: RegistryPath = None, *, work_plan: str | None = None, tasks: str | None = None
) -> TraceResult:
    """Which tasks carry out each work-plan item, and the tasks with no basis."""
    from cgtask.queries.trace import trace_work_plan

    return trace_work_plan(open_registry(registry), work_plan, tasks)


def due(registry: RegistryPath = None, query: DueQuery | None = None) -> DueResult:
    """What is due in a month, a week, a date range or the whole year: one row per occurrence."""
    from cgtask.queries import city, due_cache
    from cgtask.queries.due_query import DueQuery

    return city.across(registry, due_cache.district_due, city.due, query or DueQuery())


def calendar(registry: RegistryPath = None, query: DueQuery | None = None) -> CalendarView:
    """The deadlines of whole years (``query`` without a window), for the month grids and the .ics file."""
    from cgtask.queries.duties import DueQuery
    from cgtask.queries.years import calendar as calendar_in_years

    return calendar_in_years(open_registry(registry), query or DueQuery())


def write_ics(view: CalendarView, path: Path, *, remind: int, stamp: datetime, force: bool = False) -> int:
    """Write the deadlines as an iCalendar file (atomically); the number of events written."""
    from cgtask.interchange.ics_file import write_ics as write

    return write(view.result, path, bureau=view.bureau, remind=remind, stamp=stamp, force=force)


def overdue(registry: RegistryPath, query: StandingQuery, *, detail: bool = False) -> OverdueResult:
    """The 督办 board: one row per 科室/中队 × duty behind or due soon; with ``detail`` each period too."""
    from cgtask.queries import city

    return city.board(registry, query, detail=detail)


def progress(registry: RegistryPath, query: StandingQuery) -> ProgressResult:
    """Completion rates per 科室/中队 and per item as of ``query.as_of``, and each quantitative target's state."""
    from cgtask.queries import city, years

    return city.across(registry, years.progress, city.progress, query)


# fmt: off
def record_done(registry: RegistryPath, request: DoneRequest, *, today: date, now: datetime) -> dict[str, Any]:
    """Append one record to the ledger (comments and layout kept); the record written."""
    from cgtask.actions.record import record_done as append_record

    return dict(append_record(_writable_registry(registry), request, today, now))


def withdraw_record(
    registry: RegistryPath, record_id: str, *, today: date, now: datetime, note: str | None = None
) -> dict[str, Any]:
    """Append the withdrawal of one record (the record itself stays in the ledger); the entry written."""
    from cgtask.actions.record import withdraw_record as append_withdrawal

    return dict(append_withdrawal(_writable_registry(registry), record_id, today, now, note))


def rollover(registry: RegistryPath, year: int, *, since: int | None = None, force: bool = False) -> Rollover:
    """``year``'s drafts of the task tables and supervision plans of ``since`` (the latest year before)."""
    from cgtask.actions.rollover import rollover as roll

    return roll(_writable_registry(registry), year, since=since, force=force)


def close_year(registry: RegistryPath, year: int) -> bool:
    """Make a year's ledger read-only; False when it was closed already."""
    from cgtask.actions.rollover import close_year as close

    return close(_writable_registry(registry), year)


def split_ledger(registry: RegistryPath = None) -> SplitOutcome:
    """Move ledger.yaml's records into one file per year and month under ledger/ (none lost, none reordered)."""
    from cgtask.registry.files import refuse_packaged_registry, resolve_registry
    from cgtask.registry.ledger_split import split_ledger as split

    refuse_packaged_registry(root := resolve_registry(registry), named=registry is not None)
    return split(root)


def year_diff(registry: RegistryPath, old: str, new: str) -> YearDiff:
    """Tasks and supervision items added, removed and changed from one year (or document) to another."""
    from cgtask.queries.year_diff import year_diff as compare

    return compare(open_registry(registry), old, new)


def decompose(
    registry: RegistryPath, *, work_plan: str, output: Path, doc_id: str | None = None, force: bool = False
) -> Skeleton:
    """Write a task-breakdown draft from a work plan (工作计划): one task per plan item."""
    from cgtask.actions.decompose import decompose_work_plan

    return decompose_work_plan(open_registry(registry), work_plan, output, doc_id, force=force)


def export(
    registry: RegistryPath = None, *, fmt: ExportFormat, output: Path | None = None, doc: str | None = None,
    table: str | None = None, force: bool = False,
) -> ExportResult:
    """Tasks, supervision requirements and the ledger as xlsx, csv or json (text when no output)."""
    from cgtask.interchange.export import city_tables, export_tables, write_tables
    from cgtask.queries.city import across

    return write_tables(across(registry, export_tables, city_tables, doc), fmt, output, table=table, force=force)


def import_table(registry: RegistryPath, source: Path, output: Path, options: ImportOptions) -> ImportResult:
    """Turn an existing Word/Excel task table into a registry document written to ``output``."""
    from cgtask.interchange.table_import import import_table as read_table
    from cgtask.registry.document_ids import ids_taken_besides

    reg = open_registry(registry)
    options = replace(options, taken_ids=ids_taken_besides(reg, output), root=Path(reg.data["root"]))
    return read_table(source, output, reg.index, options)


def render(registry: RegistryPath, kind: RenderKind, target: RenderTarget, issuing: Issuing) -> Written:
    """One official document of ``kind`` for ``target`` (:data:`RenderTarget`), issued and written as ``issuing`` says."""
    from cgtask.official.city_report import issue_for

    return issue_for(registry, kind, target, issuing, lambda: open_registry(registry, whole=True))


def render_monthly_all(
    registry: RegistryPath, target: MonthTarget, issuing: Issuing, *,
    on_start: Callable[[int], None] = lambda total: None, on_written: Callable[[], None] = lambda: None,
) -> int:
    """One monthly notice per 科室 and 中队 into the folder ``issuing.output``; how many were written."""
    from cgtask.official.issue import issue_monthly_all

    return issue_monthly_all(target, issuing, lambda: open_registry(registry, whole=True), on_start, on_written)


def phrase(texts: Sequence[str], registry: RegistryPath = None) -> list[dict[str, Any]]:
    """How each phrase reads (the engine ``check`` and ``due`` use, with the registry's 汛期 …): JSON-ready dicts."""
    from cgtask.registry.loader import phrase_readings

    return phrase_readings(registry, list(texts))


def phrase_forms() -> list[str]:
    """The accepted phrase forms, listed once (``cgtask phrase --forms``) instead of on every refusal."""
    from cgtask.schedule.frequency import ACCEPTED_FORMS

    return list(ACCEPTED_FORMS)


def write_forms(registry: RegistryPath, request: FormRequest, output: Path, *, force: bool = False) -> FormsWritten:
    """The month's 台账 forms: one file (``unit``/``dept``) or one per 科室/中队 owing work, in the folder ``output``."""
    from cgtask.interchange.form_files import write_forms as write

    return write(open_registry(registry, whole=True), request, output, force=force)


def import_forms(
    registry: RegistryPath, paths: Sequence[Path], *, today: date, now: datetime, dry_run: bool = False
) -> ImportOutcome:
    """Filled forms into the ledger: all records in one write, or none when any row has a problem."""
    from cgtask.interchange.ledger_forms import import_forms as read_and_append

    return read_and_append(_writable_registry(registry), paths, today=today, now=now, dry_run=dry_run)


def ledger_records(registry: RegistryPath = None, query: RecordFilter | None = None) -> list[dict[str, Any]]:
    """The ledger's records with their standing (live, withdrawn, withdrawal), filtered."""
    from cgtask.queries.ledger import RecordFilter
    from cgtask.queries.ledger import ledger_records as records

    return records(open_registry(registry), query or RecordFilter())


def edit_record(
    registry: RegistryPath, record_id: str, changes: dict[str, Any], *, today: date, now: datetime
) -> list[dict[str, Any]]:
    """Correct one record: its withdrawal and a corrected copy, appended in one write."""
    from cgtask.actions.record import edit_record as append_correction

    return append_correction(_writable_registry(registry), record_id, changes, today, now)


def build_site(registry: RegistryPath, output: Path, *, as_of: date, force: bool = False) -> SiteReport:
    """The static 督办 site as of ``as_of`` (with the registry's git revision when it is in git)."""
    from cgtask.publish import city_site
    from cgtask.queries.city import across

    return across(registry, city_site.district_site, city_site.build_city_site, output, as_of=as_of, force=force)


def robots(webhooks: Sequence[str], kinds: Sequence[str], *, env: Mapping[str, str], robots_file: Path | None) -> list[Webhook]:
    """The robots to remind: from ``--webhook`` specs, else from ``env`` and the local robots file given."""
    from cgtask.publish.robots import load_webhooks

    return load_webhooks(webhooks, kinds, env, robots_file)


def remind(registry: RegistryPath, robots: Sequence[Webhook], *, as_of: date, days: int, sending: Sending) -> RemindOutcome:
    """Reminders to work-group robots: overdue and due-soon duties per 科室/中队 (or their dry run)."""
    from cgtask.publish.reminders import remind as send_reminders
    from cgtask.queries.years import year_context

    year_context(view := open_registry(registry, whole=True), day=as_of)  # the day's year (and last year's until closed)
    return send_reminders(view, robots, as_of=as_of, days=days, sending=sending)
# fmt: on
