"""The library surface: one function per user-level operation, what the command line and other programs call.

Each function takes plain values (a registry folder, names, numbers, dates), does one job and returns
data; none prints. The core is imported inside the functions, so importing this module is cheap and a
read-only command loads only what its own function needs (``cgtask list`` stays off pydantic, python-docx,
openpyxl and jinja2). The types named in ``__all__`` are for annotations only (``if TYPE_CHECKING``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from cgtask.errors import UsageError
from cgtask.findings import Finding
from cgtask.support.dates import NotADate as NotADate  # the CLI reads typed dates with the forms' reader
from cgtask.support.dates import date_from_text as date_from_text
from cgtask.support.text import cell_text as cell_text  # what a table cell shows; the CLI's tables too
from cgtask.support.text import escape_controls as escape_controls  # ESC, BEL … shown, not acted on
from cgtask.support.text import inert_cell as inert_cell  # CSV text a spreadsheet will not run

if TYPE_CHECKING:
    from cgtask.actions.decompose import Skeleton
    from cgtask.interchange.export import ExportResult
    from cgtask.interchange.ledger_forms import ImportOutcome
    from cgtask.interchange.table_import import ImportResult
    from cgtask.official.common import IssueOptions
    from cgtask.publish.site import SiteReport
    from cgtask.queries.duties import DueResult, DueRow
    from cgtask.queries.listing import ListFilter, ListRow
    from cgtask.queries.standing import OverdueResult, ProgressResult
    from cgtask.queries.trace import TraceResult
    from cgtask.queries.work_plans import FigureRow
    from cgtask.registry.view import Registry
    from cgtask.render.batch import Written
    from cgtask.render.layout import OfficialDocument
    from cgtask.schedule.calendar import WorkCalendar

__all__ = [
    "CalendarView",
    "DueResult",
    "DueRow",
    "ExportResult",
    "FigureRow",
    "ImportOutcome",
    "ImportResult",
    "Issuing",
    "ListFilter",
    "ListRow",
    "OverdueResult",
    "ProgressResult",
    "Registry",
    "RemindOutcome",
    "SiteReport",
    "Skeleton",
    "TraceResult",
    "WorkCalendar",
    "Written",
    "build_site",
    "calendar",
    "check",
    "check_notes",
    "decompose",
    "due",
    "due_json_rows",
    "edit_record",
    "export",
    "figures",
    "import_forms",
    "import_table",
    "init",
    "ledger_records",
    "list_items",
    "list_tasks",
    "open_registry",
    "overdue",
    "phrase",
    "progress",
    "record_done",
    "registry_schema",
    "remind",
    "render_monthly",
    "render_monthly_all",
    "render_notice",
    "render_report",
    "render_summary",
    "render_supervision_plan",
    "schema_text",
    "show",
    "show_item",
    "status_label",
    "target_label",
    "trace",
    "withdraw_record",
    "write_forms",
    "write_ics",
    "write_schemas",
]

# Where each re-exported type lives: imported on first use (``api.ListFilter``), so ``import cgtask.api``
# stays cheap while ``from cgtask.api import *`` and run-time use still work.
_TYPES = {
    "DueResult": "cgtask.queries.duties",
    "ImportOutcome": "cgtask.interchange.ledger_forms",
    "SiteReport": "cgtask.publish.site",
    "DueRow": "cgtask.queries.duties",
    "ExportResult": "cgtask.interchange.export",
    "FigureRow": "cgtask.queries.work_plans",
    "ImportResult": "cgtask.interchange.table_import",
    "ListFilter": "cgtask.queries.listing",
    "ListRow": "cgtask.queries.listing",
    "OverdueResult": "cgtask.queries.standing",
    "ProgressResult": "cgtask.queries.standing",
    "Registry": "cgtask.registry.view",
    "Skeleton": "cgtask.actions.decompose",
    "TraceResult": "cgtask.queries.trace",
    "WorkCalendar": "cgtask.schedule.calendar",
    "Written": "cgtask.render.batch",
}


def __getattr__(name: str) -> Any:
    if name in _TYPES:
        import importlib

        return getattr(importlib.import_module(_TYPES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


SchemaKind = Literal["document", "organization", "calendar", "ledger"]
ExportFormat = Literal["xlsx", "csv", "json"]
RegistryPath = Path | None  # a registry folder; None = $CGTASK_REGISTRY, else the shipped one


def os_error_reason(exc: OSError) -> str:
    """An OS error in Chinese (磁盘空间不足, 没有写入权限 …), for the CLI's error boundary."""
    from cgtask.support.atomic import reason

    return reason(exc)


# --- the registry ----------------------------------------------------------------------------------


def _writable_registry(path: RegistryPath) -> Registry:
    """The registry a command will write to; never the installed package's own example (lost on upgrade)."""
    from cgtask.registry.files import refuse_packaged_registry

    registry = open_registry(path)
    refuse_packaged_registry(Path(registry.data["root"]))
    return registry


def init(target: Path, *, blank: bool = False, bureau: str | None = None) -> list[Path]:
    """A registry of one's own at ``target``: the example or a blank one, with git and CI files."""
    from cgtask.actions.init_registry import init_registry

    return init_registry(target, example=not blank, bureau=bureau)


def open_registry(path: RegistryPath = None, *, use_cache: bool = True) -> Registry:
    """Load the registry at ``path`` (or ``$CGTASK_REGISTRY``, or the shipped one)."""
    from cgtask.registry.files import resolve_registry
    from cgtask.registry.loader import open_view

    return open_view(resolve_registry(path), use_cache=use_cache)


def check(path: RegistryPath = None) -> tuple[list[Finding], int]:
    """Every finding of the registry and the number of files read."""
    from cgtask.registry.files import registry_files, resolve_registry
    from cgtask.registry.loader import check_registry

    root = resolve_registry(path)
    return check_registry(root), len(registry_files(root).all())


def registry_schema(kind: SchemaKind = "document") -> dict[str, Any]:
    """The JSON Schema of one kind of registry file, with Chinese titles and descriptions."""
    from pydantic import BaseModel, TypeAdapter

    from cgtask.models.calendar import WorkCalendarFile
    from cgtask.models.document import Document
    from cgtask.models.ledger import Ledger
    from cgtask.models.organization import Organization

    titles = {
        "document": "cgtask 登记册文件",
        "organization": "cgtask 组织机构",
        "calendar": "cgtask 工作日历",
        "ledger": "cgtask 进度台账",
    }
    models: dict[str, type[BaseModel]] = {
        "organization": Organization,
        "calendar": WorkCalendarFile,
        "ledger": Ledger,
    }
    if kind == "document":
        schema: dict[str, Any] = TypeAdapter(Document).json_schema()
    else:
        schema = models[kind].model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": titles[kind]}


def check_notes(path: RegistryPath = None) -> list[str]:
    """What a valid registry leaves to defaults that a keeper should know: 每天 duties counted on rest days."""
    names = open_registry(path).derived("daily-duties", _daily_duties)
    if not names:
        return []
    return [
        f"“每天”的工作按自然日计，周末和节假日也要做：{'、'.join(dict.fromkeys(names))}；只在工作日做的，"
        "在该条要求中写 rest_days: false，或把频次写成“每个工作日”"
    ]


def _daily_duties(registry: Registry) -> list[str]:
    """The 每天 duties owed on rest days too, by name; cached per document (``check`` after an edit stays fast)."""
    from cgtask.queries.duties import collect_duties

    return [
        f"{d.doc} 第{d.item}项{d.title}（{d.level}）"
        for d in collect_duties(registry)
        if d.frequency.period == "day" and d.rest_days
    ]


def write_schemas(folder: Path) -> list[Path]:
    """Every kind's schema into ``folder`` as ``<kind>.schema.json``, each written atomically.

    These files are this command's own output for the installed cgtask, so they are refreshed in place;
    a ``folder`` that is a file is an error, not a place to write into.
    """
    from cgtask.support.atomic import write_bytes_atomic

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"-o 应为目录（每种文件一个模式），而 {folder} 是文件")
    folder.mkdir(parents=True, exist_ok=True)
    kinds: tuple[SchemaKind, ...] = ("document", "organization", "calendar", "ledger")
    written = []
    for kind in kinds:
        target = folder / f"{kind}.schema.json"
        write_bytes_atomic(target, schema_text(kind).encode("utf-8"))
        written.append(target)
    return written


def schema_text(kind: SchemaKind) -> str:
    """The schema as the stable JSON text written to ``registry/schema/``."""
    return json.dumps(registry_schema(kind), ensure_ascii=False, indent=2) + "\n"


# --- reading: tasks, items, figures, trace ---------------------------------------------------------


def list_items(registry: Registry, query: ListFilter) -> list[ListRow]:
    """The rows of ``cgtask list`` over an opened registry."""
    from cgtask.queries.listing import list_items as listing

    return listing(registry, query)


def show_item(registry: Registry, item_id: str, doc: str | None = None) -> dict[str, Any]:
    """One task, supervision item or work-plan entry of an opened registry, whole."""
    from cgtask.queries.listing import show_item as one_item

    return one_item(registry, item_id, doc)


def list_tasks(
    registry: RegistryPath = None,
    *,
    dept: str | None = None,
    role: Literal["lead", "support"] | None = None,
    category: str | None = None,
    doc: str | None = None,
    search: str | None = None,
) -> list[ListRow]:
    """Tasks and supervision items, narrowed by 科室 (and its role), category, document and text."""
    from cgtask.queries.listing import ListFilter

    return list_items(open_registry(registry), ListFilter(dept, role, category, doc, search))


def show(registry: RegistryPath, item_id: str, doc: str | None = None) -> dict[str, Any]:
    """One item whole, as ``cgtask show`` prints it."""
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


# --- deadlines -------------------------------------------------------------------------------------


def due(
    registry: RegistryPath = None,
    *,
    month: int | None = None,
    week: int | None = None,
    start: date | None = None,
    end: date | None = None,
    year: int | None = None,
    dept: str | None = None,
    level: str | None = None,
    unit: str | None = None,
    events: bool = False,
    per_unit: bool = False,
) -> DueResult:
    """What is due in a month, a week, a date range or the whole year: one row per occurrence."""
    from cgtask.queries.duties import DueQuery, due_items

    query = DueQuery(month, week, start, end, year, dept, level, unit, events, per_unit)
    return due_items(open_registry(registry), query)


def due_json_rows(result: DueResult) -> Iterator[str]:
    """Each due row as compact JSON text (fast for 100,000 rows)."""
    from cgtask.queries.duties import json_rows

    return json_rows(result)


@dataclass
class CalendarView:
    """The year's deadlines: the due rows, the years to show, occurrences per day and the bureau's name."""

    result: DueResult
    years: list[int]
    counts: dict[date, int]
    bureau: str


def calendar(
    registry: RegistryPath = None,
    *,
    year: int | None = None,
    dept: str | None = None,
    level: str | None = None,
    unit: str | None = None,
    per_unit: bool = False,
) -> CalendarView:
    """The deadlines of whole years, for the month grids and the .ics file."""
    from cgtask.queries.duties import DueQuery, default_years, due_counts, due_items

    reg = open_registry(registry)
    result = due_items(reg, DueQuery(year=year, dept=dept, level=level, unit=unit, per_unit=per_unit))
    bureau = reg.data["organization"]["bureau"]["short_name"]
    return CalendarView(result, default_years(reg, year), due_counts(result.rows), bureau)


def write_ics(view: CalendarView, path: Path, *, remind: int, stamp: datetime, force: bool = False) -> int:
    """Write the deadlines as an iCalendar file (atomically); the number of events written."""
    from cgtask.interchange import ics
    from cgtask.support.atomic import write_bytes_atomic
    from cgtask.support.outputs import output_file, refuse_existing

    target = output_file(path, suffixes=(".ics",), default_name="期限.ics")
    refuse_existing([target], force=force)
    name = f"{view.bureau}任务期限"
    write_bytes_atomic(target, ics.build_ics(view.result, remind=remind, name=name, stamp=stamp))
    return len(ics.event_series(ics.dated_rows(view.result.rows)))


# --- the ledger: where duties stand, recording progress --------------------------------------------


def overdue(
    registry: RegistryPath = None,
    *,
    as_of: date,
    dept: str | None = None,
    unit: str | None = None,
    level: str | None = None,
    soon: int = 3,
    detail: bool = False,
) -> OverdueResult:
    """Duties past due (red), partly done (yellow) or due within ``soon`` working days (blue).

    One row per 科室/中队 × duty in ``rows``; with ``detail`` one per period in ``details`` too.
    """
    from cgtask.queries.standing import StandingQuery, overdue_items

    query = StandingQuery(as_of, dept, unit, level, soon)
    return overdue_items(open_registry(registry), query, detail=detail)


def progress(registry: RegistryPath = None, *, as_of: date, dept: str | None = None) -> ProgressResult:
    """Completion rates per 科室/中队 and per item, and whether each quantitative target is met."""
    from cgtask.queries.standing import StandingQuery, progress_report

    return progress_report(open_registry(registry), StandingQuery(as_of, dept))


def status_label(status: str) -> str:
    """逾期 / 未完成 / 即将到期 for a standing colour."""
    from cgtask.queries.standing import STATUS_LABELS

    return STATUS_LABELS[status]


def target_label(state: str) -> str:
    """达标 / 未达标 / 无数据 for a target's state."""
    from cgtask.queries.standing import TARGET_LABELS

    return TARGET_LABELS[state]


def record_done(
    registry: RegistryPath,
    item: str,
    *,
    today: date,
    now: datetime,
    doc: str | None = None,
    unit: str | None = None,
    level: str | None = None,
    activity: str | None = None,
    period: str | None = None,
    when: date | None = None,
    count: int = 1,
    value: float | None = None,
    metric: str | None = None,
    note: str | None = None,
    quantity: int | None = None,
    of: int | None = None,
    covers: Sequence[str] = (),
) -> dict[str, Any]:
    """Append one record to the ledger (comments and layout kept); the record written.

    ``quantity`` is the amount per occurrence, ``of`` the base of a share, ``covers`` the 中队 checked.
    """
    from cgtask.actions.record import DoneRequest
    from cgtask.actions.record import record_done as append_record

    request = DoneRequest(
        item,
        doc,
        unit,
        level,
        activity,
        period,
        when,
        count,
        value,
        metric,
        note,
        quantity,
        of,
        tuple(covers),
    )
    return dict(append_record(_writable_registry(registry), request, today, now))


def withdraw_record(
    registry: RegistryPath, record_id: str, *, today: date, now: datetime, note: str | None = None
) -> dict[str, Any]:
    """Append the withdrawal of one record (the record itself stays in the ledger); the entry written."""
    from cgtask.actions.record import withdraw_record as append_withdrawal

    return dict(append_withdrawal(_writable_registry(registry), record_id, today, now, note))


# --- writing: new files from old ones ----------------------------------------------------------------


def decompose(
    registry: RegistryPath, *, work_plan: str, output: Path, doc_id: str | None = None, force: bool = False
) -> Skeleton:
    """Write a task-breakdown draft from a work plan (工作计划): one task per plan item."""
    from cgtask.actions.decompose import decompose_work_plan

    return decompose_work_plan(open_registry(registry), work_plan, output, doc_id, force=force)


def export(
    registry: RegistryPath = None,
    *,
    fmt: ExportFormat,
    output: Path | None = None,
    doc: str | None = None,
    table: str | None = None,
    force: bool = False,
) -> ExportResult:
    """Tasks, supervision requirements and the ledger as xlsx, csv or json (text when no output)."""
    from cgtask.interchange.export import export_registry

    return export_registry(open_registry(registry), fmt, output, doc, table=table, force=force)


def import_table(
    registry: RegistryPath,
    source: Path,
    *,
    output: Path,
    doc_id: str | None = None,
    year: int | None = None,
    title: str | None = None,
    force: bool = False,
) -> ImportResult:
    """Turn an existing Word/Excel task table into a registry document written to ``output``."""
    from cgtask.interchange.table_import import ImportOptions
    from cgtask.interchange.table_import import import_table as read_table

    reg = open_registry(registry)
    options = ImportOptions(
        doc_id=doc_id, year=year, title=title, force=force, taken_ids=_ids_besides(reg, output)
    )
    return read_table(source, output, reg.index, options)


def _ids_besides(reg: Registry, output: Path) -> frozenset[str]:
    """The ids ``output`` must not take: the registry's documents when it is written into that registry
    (but for the file at ``output``, which --force replaces); none when it goes elsewhere."""
    import re

    root = Path(reg.data["root"]).resolve()
    if not output.resolve().is_relative_to(root):
        return frozenset()
    replaced: str | None = None
    if output.is_file():
        found = re.search(
            r"^id:\s*['\"]?([a-z0-9-]+)", output.read_text(encoding="utf-8", errors="replace"), re.M
        )
        replaced = found.group(1) if found else None
    return frozenset(d["id"] for d in reg.data["documents"] if d["id"] != replaced)


# --- official documents ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issuing:
    """The issuing data a user may give for any document: 文号, 成文日期, 主送, 抄送, template folder."""

    number: str | None = None
    when: date | None = None
    to: str | None = None
    cc: str | None = None
    templates: Path | None = None
    sealed: bool = False  # 加盖印章: the date 右空四字 with the 署名 centred over it (GB/T 9704 7.3.5.1)


def _issue_options(issuing: Issuing) -> IssueOptions:
    from cgtask.official.common import IssueOptions

    if issuing.templates is not None and not issuing.templates.is_dir():
        raise UsageError(f"找不到模板目录：{issuing.templates}")
    return IssueOptions(issuing.number, issuing.when, issuing.to, issuing.cc, issuing.templates)


def _check_pdf(wants_pdf: bool) -> None:
    if not wants_pdf:
        return
    from cgtask.render import pdf as pdf_module

    if pdf_module.find_soffice() is None:
        raise UsageError(pdf_module.NOT_INSTALLED)


@dataclass(frozen=True)
class _Target:
    docx: Path
    pdf: bool
    sealed: bool = False


def _target(output: Path, pdf: bool, default_name: str, force: bool, sealed: bool = False) -> _Target:
    """Where a document goes, checked before it is built: .docx or .pdf by its suffix (a folder gets
    ``default_name``), and no existing .docx or .pdf replaced without ``force``."""
    from cgtask.support.outputs import output_file, refuse_existing

    target = output_file(output, suffixes=(".docx", ".pdf"), default_name=default_name)
    wants_pdf = pdf or target.suffix.lower() == ".pdf"
    _check_pdf(wants_pdf)
    docx = target.with_suffix(".docx")
    refuse_existing([docx, *([docx.with_suffix(".pdf")] if wants_pdf else [])], force=force)
    return _Target(docx, wants_pdf, sealed)


def _save(document: OfficialDocument, target: _Target) -> Written:
    """Write the .docx atomically and, for a PDF, convert it with LibreOffice too."""
    from cgtask.render.batch import write_document

    return write_document(replace(document, sealed=target.sealed), target.docx, target.pdf)


def _render(
    registry: RegistryPath,
    build: Callable[[Registry, IssueOptions], OfficialDocument],
    output: Path,
    default_name: str,
    *,
    pdf: bool,
    issuing: Issuing,
    force: bool,
) -> Written:
    """Every ``render_*``: the target checked before anything is built, then the document built and saved."""
    target = _target(output, pdf, default_name, force, issuing.sealed)
    return _save(build(open_registry(registry), _issue_options(issuing)), target)


def render_notice(
    registry: RegistryPath,
    *,
    doc: str,
    output: Path,
    pdf: bool = False,
    issuing: Issuing = Issuing(),
    force: bool = False,
) -> Written:
    """The notice issuing a task table, with the table as its 附件; the files written (and font stand-ins for a PDF)."""
    from cgtask.official.notice import notice_document

    return _render(
        registry,
        lambda reg, options: notice_document(reg, doc, options),
        output,
        "通知.docx",
        pdf=pdf,
        issuing=issuing,
        force=force,
    )


def render_supervision_plan(
    registry: RegistryPath,
    *,
    doc: str,
    output: Path,
    pdf: bool = False,
    issuing: Issuing = Issuing(),
    force: bool = False,
) -> Written:
    """The supervision plan as issued, with its 附件1 任务清单; the files written (and font stand-ins for a PDF)."""
    from cgtask.official.supervision_plan import supervision_plan_document

    return _render(
        registry,
        lambda reg, options: supervision_plan_document(reg, doc, options),
        output,
        "方案.docx",
        pdf=pdf,
        issuing=issuing,
        force=force,
    )


def render_summary(
    registry: RegistryPath,
    *,
    doc: str,
    output: Path,
    pdf: bool = False,
    issuing: Issuing = Issuing(),
    force: bool = False,
) -> Written:
    """A work summary and work plan as issued; the files written (and font stand-ins for a PDF)."""
    from cgtask.official.work_plan import summary_document

    return _render(
        registry,
        lambda reg, options: summary_document(reg, doc, options),
        output,
        "工作总结和工作计划.docx",
        pdf=pdf,
        issuing=issuing,
        force=force,
    )


def render_report(
    registry: RegistryPath,
    *,
    as_of: date,
    output: Path,
    pdf: bool = False,
    issuing: Issuing = Issuing(),
    force: bool = False,
) -> Written:
    """The progress report as of a day; the files written (and font stand-ins for a PDF)."""
    from cgtask.official.report import report_document

    return _render(
        registry,
        lambda reg, options: report_document(reg, as_of, options),
        output,
        "通报.docx",
        pdf=pdf,
        issuing=issuing,
        force=force,
    )


def render_monthly(
    registry: RegistryPath,
    *,
    month: int,
    output: Path,
    dept: str | None = None,
    unit: str | None = None,
    year: int | None = None,
    pdf: bool = False,
    issuing: Issuing = Issuing(),
    force: bool = False,
) -> Written:
    """The monthly notice of one 科室 or 中队; the files written (and font stand-ins for a PDF)."""
    from cgtask.official.monthly import monthly_document

    def build(reg: Registry, options: IssueOptions) -> OfficialDocument:
        return monthly_document(reg, month, dept=dept, unit=unit, year=year, options=options)

    return _render(registry, build, output, "月度通知.docx", pdf=pdf, issuing=issuing, force=force)


def render_monthly_all(
    registry: RegistryPath,
    *,
    month: int,
    output: Path,
    year: int | None = None,
    pdf: bool = False,
    issuing: Issuing = Issuing(),
    on_start: Callable[[int], None] = lambda total: None,
    on_written: Callable[[], None] = lambda: None,
    force: bool = False,
) -> int:
    """One monthly notice per 科室 and 中队 into the folder ``output`` (created); how many were written.

    ``on_start`` hears how many there will be, ``on_written`` each one written. Documents are built
    here and typeset by a small process pool (see ``render.batch``).
    """
    from cgtask.official.monthly import monthly_documents, monthly_recipients
    from cgtask.queries.duties import notice_year
    from cgtask.render.batch import worker_count, write_all
    from cgtask.support.filenames import safe_file_name
    from cgtask.support.outputs import refuse_existing

    options = _issue_options(issuing)
    reg = open_registry(registry)
    if output.exists() and not output.is_dir():
        raise UsageError(f"--all 需要一个目录作为 -o，而 {output} 是文件")
    _check_pdf(pdf)
    output.mkdir(parents=True, exist_ok=True)
    recipients = monthly_recipients(reg)
    label = f"{notice_year(reg, year, [])}年{month}月"
    # Names are checked by ``check`` (E111); sanitised here anyway so no file lands outside ``output``.
    names = {r.name: output / (safe_file_name(f"{label}-{r.name}") + ".docx") for r in recipients}
    refuse_existing(
        [*names.values(), *([p.with_suffix(".pdf") for p in names.values()] if pdf else [])], force=force
    )
    jobs = (
        (document, names[recipient.name])
        for recipient, document in monthly_documents(reg, month, year, options)
    )
    total = len(recipients)
    on_start(total)
    return write_all(jobs, pdf=pdf, workers=worker_count(total), on_written=on_written)


# --- phrases, forms, the ledger, the site and reminders ------------------------------------------------


def phrase(texts: Sequence[str]) -> list[dict[str, Any]]:
    """How each phrase reads (the engine ``check`` and ``due`` use): JSON-ready dicts."""
    from cgtask.schedule.reading import phrase_reading

    return [phrase_reading(text) for text in texts]


def write_forms(
    registry: RegistryPath,
    month: int,
    output: Path,
    *,
    year: int | None = None,
    unit: str | None = None,
    dept: str | None = None,
    every: bool = False,
    force: bool = False,
) -> list[tuple[Path, int]]:
    """The month's 台账 forms: one file (``unit``/``dept``) or one per 科室/中队 in the folder ``output``."""
    from cgtask.interchange.forms import write_form
    from cgtask.interchange.ledger_forms import form_file_name, form_specs

    specs = form_specs(open_registry(registry), month, year=year, unit=unit, dept=dept)
    if every:
        if output.exists() and not output.is_dir():
            raise UsageError(f"--all 需要一个目录作为 -o，而 {output} 是文件")
        output.mkdir(parents=True, exist_ok=True)
        targets = [output / form_file_name(spec) for spec in specs]
    else:
        if output.is_dir():
            output = output / form_file_name(specs[0])
        if output.suffix.lower() != ".xlsx":
            raise UsageError(f"台账表须为 .xlsx 文件，收到 {output.name}")
        targets = [output]
    clobbered = [t for t in targets if t.exists()]
    if clobbered and not force:
        raise UsageError(f"{clobbered[0]} 已存在；确认覆盖请加 --force")
    for spec, target in zip(specs, targets, strict=True):
        write_form(spec, target)
    return [(target, len(spec.rows)) for spec, target in zip(specs, targets, strict=True)]


def import_forms(
    registry: RegistryPath, paths: Sequence[Path], *, today: date, now: datetime, dry_run: bool = False
) -> ImportOutcome:
    """Filled forms into the ledger: all records in one write, or none when any row has a problem."""
    from cgtask.interchange.ledger_forms import import_forms as read_and_append

    return read_and_append(_writable_registry(registry), paths, today=today, now=now, dry_run=dry_run)


def ledger_records(
    registry: RegistryPath = None,
    *,
    dept: str | None = None,
    item: str | None = None,
    doc: str | None = None,
    month: int | None = None,
    everything: bool = False,
) -> list[dict[str, Any]]:
    """The ledger's records with their standing (live, withdrawn, withdrawal), filtered."""
    from cgtask.actions.record import ledger_records as all_records

    reg = open_registry(registry)
    party = reg.index.resolve_party(dept) if dept else None
    rows = []
    for row in all_records(reg):
        if not everything and row["state"] != "live":
            continue
        if party and row.get("unit") != party and not _concerns(reg, row, party):
            continue
        if (item and row["item"] != item) or (doc and row["doc"] != doc):
            continue
        if month and int(str(row["date"])[5:7]) != month:
            continue
        rows.append(row)
    return rows


def _concerns(reg: Registry, row: dict[str, Any], party: str) -> bool:
    """A 科室 sees the bureau-level records of the items it leads or is responsible for."""
    if row.get("unit"):
        return False
    from cgtask.queries.duties import collect_duties

    return any(
        d.doc == row["doc"] and d.item == row["item"] and party in d.responsible for d in collect_duties(reg)
    )


def edit_record(
    registry: RegistryPath, record_id: str, changes: dict[str, Any], *, today: date, now: datetime
) -> list[dict[str, Any]]:
    """Correct one record: its withdrawal and a corrected copy, appended in one write."""
    from cgtask.actions.record import edit_record as append_correction

    reg = _writable_registry(registry)
    if changes.get("covers"):
        changes["covers"] = [_squad(reg, name) for text in changes["covers"] for name in _names(text)]
    return append_correction(reg, record_id, changes, today, now)


def _names(text: str) -> list[str]:
    return [n.strip() for n in text.replace("，", ",").replace("、", ",").split(",") if n.strip()]


def _squad(reg: Registry, name: str) -> str:
    unit = reg.index.resolve_party(name)
    if reg.index.kind_of(unit) != "unit":
        raise UsageError(f"“{name}”不是中队")
    return unit


def build_site(registry: RegistryPath, output: Path, *, as_of: date, force: bool = False) -> SiteReport:
    """The static 督办 site as of ``as_of`` (with the registry's git revision when it is in git)."""
    from cgtask.publish.site import build_site as write_site
    from cgtask.publish.site_data import site_data

    reg = open_registry(registry)
    root = Path(reg.data["root"])
    return write_site(site_data(reg, as_of, _git_revision(root)), output, force=force, keep=(root,))


def _git_revision(root: Path) -> str | None:
    import subprocess

    try:
        found = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return found.stdout.strip() or None if found.returncode == 0 else None


@dataclass(frozen=True)
class RemindOutcome:
    """What ``remind`` says: the dry-run text or each robot's result, and whether all were delivered."""

    text: str
    delivered: bool


def remind(
    registry: RegistryPath,
    *,
    as_of: date,
    days: int,
    webhooks: Sequence[str],
    kinds: Sequence[str],
    robots_file: Path | None,
    dry_run: bool,
    timeout: float = 10.0,
    retries: int = 2,
    skip_rest_days: bool = False,
) -> RemindOutcome:
    """Reminders to work-group robots: overdue and due-soon duties per 科室/中队 (or their dry run).

    ``skip_rest_days`` sends nothing on a 休息日 by the official calendar (调休 included), so a CI job
    scheduled every morning reminds on working days only.
    """
    import os

    from cgtask.publish.reminder_data import reminder_digest
    from cgtask.publish.robots import SECRETS_FILE_NAME, load_webhooks, plan, render_dry_run, send, summarize
    from cgtask.queries.duties import work_calendar

    if robots_file is None and Path(SECRETS_FILE_NAME).is_file():
        robots_file = Path(SECRETS_FILE_NAME)
    robots = load_webhooks(webhooks, kinds, os.environ, robots_file)
    reg = open_registry(registry)
    if skip_rest_days and not work_calendar(reg.data).is_workday(as_of):
        return RemindOutcome(f"{as_of.isoformat()} 是休息日，不发送提醒\n", True)
    outgoing = plan(reminder_digest(reg, as_of, days), robots)
    if dry_run:
        return RemindOutcome(render_dry_run(outgoing), True)
    results = send(outgoing, timeout=timeout, retries=retries)
    return RemindOutcome(summarize(results), all(result.delivered for result in results))
