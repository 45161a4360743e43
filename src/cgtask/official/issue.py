"""Issuing an official document: where it goes is checked first, then it is built and saved.

One path for every kind (:func:`issue`) and a sibling for the monthly batch (:func:`issue_monthly_all`).
What a kind needs to find its content is its target: a document of the registry (:class:`DocumentTarget`),
a day (:class:`AsOfTarget`) or a month and its recipient (:class:`MonthTarget`). The builders are
imported inside the functions, so this module is cheap to import (the command line names its types).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from cgtask.errors import UsageError, param
from cgtask.queries.month_request import MonthRequest

if TYPE_CHECKING:
    from cgtask.registry.view import Registry
    from cgtask.render.batch import Written
    from cgtask.render.layout import OfficialDocument

T = TypeVar("T")
RenderKind = Literal["notice", "supervision_plan", "summary", "report", "monthly", "diff", "year_summary"]


@dataclass(frozen=True, kw_only=True)  # named, never positional: no_number stands second
class IssueOptions:
    """The issuing data a user may give for any document; each overrides the document header.

    The 文号 (``number``), or ``no_number`` where the document was published without one: it is then
    issued without one, never with an invented one. The 成文日期, 主送 and 抄送, and a template folder.
    """

    number: str | None = None
    no_number: bool = False
    date: date | None = None
    to: str | None = None
    cc: str | None = None
    templates: Path | None = None


_ISSUE_FIELDS = tuple(field.name for field in fields(IssueOptions))


@dataclass(frozen=True, kw_only=True)
class Issuing(IssueOptions):
    """How a document is issued and where it goes: the issuing data, 加盖印章, and the output.

    The output is a .docx or .pdf file, or a folder that gets the kind's own file name (``None``: that
    name in the working folder); ``pdf`` adds a PDF beside the .docx; ``force`` replaces existing files.
    """

    sealed: bool = False  # 加盖印章: the date 右空四字 with the 署名 centred over it (GB/T 9704 7.3.5.1)
    output: Path | None = None
    pdf: bool = False
    force: bool = False


@dataclass(frozen=True)
class DocumentTarget:
    """A document of the registry by its id; ``None``: the registry's only document of the kind."""

    doc: str | None = None


@dataclass(frozen=True)
class AsOfTarget:
    """The day a progress report is taken at."""

    day: date


# A month's notice to one 科室 or 中队 (or each of them): the same request as the month's forms.
MonthTarget = MonthRequest


@dataclass(frozen=True)
class YearsTarget:
    """Two years (or two documents' ids) to set side by side for the 局务会; ``day`` dates the note."""

    old: str
    new: str
    day: date


@dataclass(frozen=True)
class YearTarget:
    """A year whose 执法监督工作总结 is drafted from the ledger, as of ``day``; ``explain`` adds the records behind each number."""

    year: int
    day: date
    explain: bool = False


RenderTarget = DocumentTarget | AsOfTarget | MonthTarget | YearsTarget | YearTarget


class DocumentNotChosen(UsageError):
    """No document id was given and the registry holds none, or several, of the kind: it names them."""

    def __init__(self, label: str, candidates: list[str]) -> None:
        self.candidates = candidates
        if candidates:
            message = f"登记册中有 {len(candidates)} 份{label}，请指定其中一份：{'、'.join(candidates)}"
        else:
            message = f"登记册中没有{label}"
        super().__init__(message)


# The registry kind each document-based kind renders, and the default file name of every kind.
DOCUMENT_KINDS: dict[RenderKind, str] = {
    "notice": "task_breakdown",
    "supervision_plan": "supervision_plan",
    "summary": "work_plan",
}
DEFAULT_NAMES: dict[RenderKind, str] = {
    "notice": "通知.docx",
    "supervision_plan": "方案.docx",
    "summary": "工作总结和工作计划.docx",
    "report": "通报.docx",
    "monthly": "月度通知.docx",
    "diff": "调整情况说明.docx",
    "year_summary": "执法监督工作总结.docx",
}


@dataclass(frozen=True)
class _Place:
    """Where one document goes, checked before it is built."""

    docx: Path
    pdf: bool
    sealed: bool = False


def issue(
    kind: RenderKind, target: RenderTarget, issuing: Issuing, open_registry: Callable[[], Registry]
) -> Written:
    """Build and write one document of ``kind``: the output checked before the registry is opened.

    The files written come back (and, for a PDF, the fonts that stood in for the official ones).
    """
    place = _place(issuing.output or Path(), issuing.pdf, DEFAULT_NAMES[kind], issuing.force, issuing.sealed)
    registry = open_registry()
    document = _build(kind, target, registry, issue_options(issuing))
    return _save(document, place)


def issue_built(
    kind: RenderKind, issuing: Issuing, build: Callable[[IssueOptions], OfficialDocument]
) -> Written:
    """:func:`issue` for a document built elsewhere (a city's 通报): the output is checked before it is built."""
    place = _place(issuing.output or Path(), issuing.pdf, DEFAULT_NAMES[kind], issuing.force, issuing.sealed)
    return _save(build(issue_options(issuing)), place)


def _build(
    kind: RenderKind, target: RenderTarget, registry: Registry, options: IssueOptions
) -> OfficialDocument:
    """The document of ``kind`` for ``target``; the target must be the kind's own."""
    if kind == "report":
        from cgtask.official.report import report_document
        from cgtask.queries.years import year_context

        day = _expect(target, AsOfTarget).day
        return report_document(year_context(registry, day=day), day, options)
    if kind in ("diff", "year_summary"):
        return _year_document(target, registry, options)
    if kind == "monthly":
        from cgtask.official.monthly import monthly_document
        from cgtask.queries.years import year_context

        t = _expect(target, MonthTarget)
        return monthly_document(year_context(registry, t.year), t, options)
    doc = chosen_document(registry, kind, _expect(target, DocumentTarget).doc)
    return _document_builder(kind)(registry, doc, options)


def _year_document(target: RenderTarget, registry: Registry, options: IssueOptions) -> OfficialDocument:
    """The documents of a year's end: two years compared, or a year's 执法监督工作总结."""
    if isinstance(target, YearsTarget):
        from cgtask.official.year_diff import diff_document

        return diff_document(registry, target.old, target.new, options, target.day)
    from cgtask.official.summary import summary_document

    t = _expect(target, YearTarget)
    return summary_document(registry, t.year, replace(options, date=options.date or t.day), explain=t.explain)


def _document_builder(kind: RenderKind) -> Callable[[Registry, str, IssueOptions], OfficialDocument]:
    if kind == "notice":
        from cgtask.official.notice import notice_document

        return notice_document
    if kind == "supervision_plan":
        from cgtask.official.supervision_plan import supervision_plan_document

        return supervision_plan_document
    from cgtask.official.work_plan import summary_document

    return summary_document


def _expect(target: RenderTarget, kind: type[T]) -> T:
    if not isinstance(target, kind):
        raise TypeError(f"this kind of document needs a {kind.__name__}, not {type(target).__name__}")
    return target


def chosen_document(registry: Registry, kind: RenderKind, doc: str | None) -> str:
    """``doc`` itself, else the registry's only document of the kind; several or none are an error."""
    if doc is not None:
        return doc
    from cgtask.official.common import DOC_KIND_LABELS

    wanted = DOCUMENT_KINDS[kind]
    candidates = [d["id"] for d in registry.summary["documents"] if d["kind"] == wanted]
    if len(candidates) == 1:
        return candidates[0]
    raise DocumentNotChosen(DOC_KIND_LABELS[wanted], candidates)


def issue_options(issuing: Issuing) -> IssueOptions:
    """The issuing data the builders take; a template folder that does not exist is an error."""
    if issuing.templates is not None and not issuing.templates.is_dir():
        raise UsageError(f"找不到模板目录：{issuing.templates}")
    if issuing.no_number and issuing.number:
        raise UsageError(f"{param('number')} 与 {param('no_number')} 不能同时使用")
    # The builders are given the issuing data alone, not where the document goes.
    return IssueOptions(**{name: getattr(issuing, name) for name in _ISSUE_FIELDS})


def check_pdf(wants_pdf: bool) -> None:
    """Stop before anything is written when a PDF is wanted and LibreOffice is not installed."""
    if not wants_pdf:
        return
    from cgtask.render import pdf as pdf_module

    if pdf_module.find_soffice() is None:
        raise UsageError(pdf_module.NOT_INSTALLED)


def _place(output: Path, pdf: bool, default_name: str, force: bool, sealed: bool = False) -> _Place:
    """Where a document goes, checked before it is built, so a refusal costs no work.

    The kind is .docx or .pdf by its suffix (a folder gets ``default_name``), and no existing .docx or
    .pdf is replaced without ``force``.
    """
    from cgtask.support.outputs import output_file, refuse_existing

    target = output_file(output, suffixes=(".docx", ".pdf"), default_name=default_name)
    wants_pdf = pdf or target.suffix.lower() == ".pdf"
    check_pdf(wants_pdf)
    docx = target.with_suffix(".docx")
    refuse_existing([docx, *([docx.with_suffix(".pdf")] if wants_pdf else [])], force=force)
    return _Place(docx, wants_pdf, sealed)


def _save(document: OfficialDocument, place: _Place) -> Written:
    """Write the .docx atomically and, for a PDF, convert it with LibreOffice too."""
    from cgtask.render.batch import write_document

    return write_document(replace(document, sealed=place.sealed), place.docx, place.pdf)


def issue_monthly_all(
    target: MonthTarget,
    issuing: Issuing,
    open_registry: Callable[[], Registry],
    on_start: Callable[[int], None],
    on_written: Callable[[], None],
) -> int:
    """One monthly notice per 科室 and 中队 into the folder ``issuing.output`` (created); how many were written.

    ``on_start`` hears how many there will be, ``on_written`` each one written. Documents are built
    here and typeset by a small process pool (see ``render.batch``).
    """
    from cgtask.official.monthly import monthly_documents, monthly_recipients
    from cgtask.queries.years import year_context
    from cgtask.render.batch import worker_count, write_all
    from cgtask.support.outputs import refuse_existing

    options = issue_options(issuing)
    registry = open_registry()
    context = year_context(registry, target.year)  # the year asked, else the latest the registry holds
    output = prepared_folder(issuing.output or Path(), issuing.pdf)
    recipients = monthly_recipients(registry)
    names = _batch_names(registry, target, output, [r.name for r in recipients])
    pdfs = [p.with_suffix(".pdf") for p in names.values()] if issuing.pdf else []
    refuse_existing([*names.values(), *pdfs], force=issuing.force)
    documents = monthly_documents(context, target.month, target.year, options)
    jobs = ((document, names[recipient.name]) for recipient, document in documents)
    on_start(len(recipients))
    return write_all(jobs, pdf=issuing.pdf, workers=worker_count(len(recipients)), on_written=on_written)


def prepared_folder(output: Path, pdf: bool) -> Path:
    """The folder a batch goes into, created; an existing file there is an error, as is a PDF without LibreOffice."""
    if output.exists() and not output.is_dir():
        raise UsageError(f"一批文件须写入目录，而 {output} 是文件")
    check_pdf(pdf)
    output.mkdir(parents=True, exist_ok=True)
    return output


def _batch_names(
    registry: Registry, target: MonthTarget, output: Path, recipients: list[str]
) -> dict[str, Path]:
    """Each recipient's file, named for the month: 2022年3月-监督科.docx."""
    from cgtask.queries.duties import notice_year
    from cgtask.support.filenames import safe_file_name

    label = f"{notice_year(registry, target.year, [])}年{target.month}月"
    # Names are checked by ``check`` (E111); sanitised here anyway so no file lands outside ``output``.
    return {name: output / (safe_file_name(f"{label}-{name}") + ".docx") for name in recipients}
