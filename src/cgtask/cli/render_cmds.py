"""``cgtask render``: official documents (GB/T 9704) as .docx, and PDF through LibreOffice."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cgtask.cli.common import RegistryOption, boundary
from cgtask.errors import UsageError

if TYPE_CHECKING:
    from cgtask.official.common import IssueOptions
    from cgtask.registry.view import Registry
    from cgtask.render.layout import OfficialDocument

render_app = typer.Typer(
    help="生成符合 GB/T 9704 的公文（.docx，可转 PDF）：印发通知、执法监督方案、月度到期事项通知。",
    no_args_is_help=True,
    rich_markup_mode=None,
)

DocOption = Annotated[str, typer.Option("--doc", help="登记册中的文件编号，如 tasks-2022")]
OutputOption = Annotated[Path, typer.Option("--output", "-o", help="输出文件（.docx 或 .pdf）")]
PdfOption = Annotated[bool, typer.Option("--pdf", help="另外生成同名 PDF（需要 LibreOffice）")]
NumberOption = Annotated[str | None, typer.Option("--number", help="发文字号，如 宝城执〔2022〕1号")]
DateOption = Annotated[str | None, typer.Option("--date", help="成文日期，如 2022-03-07")]
ToOption = Annotated[str | None, typer.Option("--to", help="主送机关，如 各科室、各中队")]
CcOption = Annotated[str | None, typer.Option("--cc", help="抄送机关")]
TemplatesOption = Annotated[
    Path | None,
    typer.Option("--templates", help="模板目录（先于登记册的 templates/ 和随附模板查找）"),
]


def _parse_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--date 的值“{text}”不是日期，应写成 2022-03-07") from None


def issuing_options(
    number: str | None, when: str | None, to: str | None, cc: str | None, templates: Path | None
) -> IssueOptions:
    """The issuing data given on the command line (shared by every ``render`` command)."""
    from cgtask.official.common import IssueOptions

    if templates is not None and not templates.is_dir():
        raise UsageError(f"找不到模板目录：{templates}")
    return IssueOptions(number=number, date=_parse_date(when), to=to, cc=cc, templates=templates)


def save_document(doc: OfficialDocument, output: Path, pdf: bool) -> None:
    """Write the .docx (atomically); for ``-o x.pdf`` or ``--pdf`` convert it with LibreOffice."""
    from cgtask.render.batch import write_document

    wants_pdf = pdf or output.suffix.lower() == ".pdf"
    _check_pdf(wants_pdf)
    docx_path = output.with_suffix(".docx")
    if not docx_path.parent.is_dir():
        raise UsageError(f"输出目录不存在：{docx_path.parent}")
    written = write_document(doc, docx_path, wants_pdf)
    for note in written.font_notes():
        sys.stderr.write(f"字体 {note}\n")
    sys.stderr.write("已写入 " + "、".join(str(p) for p in written.paths) + "\n")


def _check_pdf(wants_pdf: bool) -> None:
    from cgtask.render import pdf as pdf_module

    if wants_pdf and pdf_module.find_soffice() is None:
        raise UsageError(pdf_module.NOT_INSTALLED)


@render_app.command("notice")
@boundary
def notice_command(
    doc: DocOption = "tasks-2022",
    output: OutputOption = Path("通知.docx"),
    pdf: PdfOption = False,
    number: NumberOption = None,
    when: DateOption = None,
    to: ToOption = None,
    cc: CcOption = None,
    templates: TemplatesOption = None,
    registry: RegistryOption = None,
) -> None:
    """印发任务分解表的通知：版头、正文、附件说明、落款，附件为完整的分解表（横排）。

    登记册未记录的发文字号、成文日期用 --number、--date 补上。

    示例：cgtask render notice --doc tasks-2022 --number 宝城执〔2022〕1号 --date 2022-01-20 -o 通知.docx
    """
    from cgtask import api
    from cgtask.official.notice import notice_document

    options = issuing_options(number, when, to, cc, templates)
    save_document(notice_document(api.open_registry(registry), doc, options), output, pdf)


@render_app.command("plan")
@boundary
def plan_command(
    doc: DocOption = "supervision-2022",
    output: OutputOption = Path("方案.docx"),
    pdf: PdfOption = False,
    number: NumberOption = None,
    when: DateOption = None,
    to: ToOption = None,
    cc: CcOption = None,
    templates: TemplatesOption = None,
    registry: RegistryOption = None,
) -> None:
    """执法监督工作方案（按发文原样）：红头、发文字号、正文、附件1 任务清单、版记。

    示例：cgtask render plan --doc supervision-2022 -o 方案.docx --pdf
    """
    from cgtask import api
    from cgtask.official.supervision_plan import plan_document

    options = issuing_options(number, when, to, cc, templates)
    save_document(plan_document(api.open_registry(registry), doc, options), output, pdf)


@render_app.command("monthly")
@boundary
def monthly_command(
    month: Annotated[int, typer.Option("--month", "-m", help="月份 1—12", min=1, max=12)],
    output: OutputOption,
    dept: Annotated[str | None, typer.Option("--dept", "-d", help="科室（或中队）名称")] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="中队名称")] = None,
    every: Annotated[bool, typer.Option("--all", help="每个科室、中队各一份，写入 -o 指定的目录")] = False,
    year: Annotated[int | None, typer.Option("--year", "-y", help="年份（缺省为文件自身的年份）")] = None,
    pdf: PdfOption = False,
    number: NumberOption = None,
    when: Annotated[
        str | None, typer.Option("--date", help="成文日期（缺省为该月第一个工作日），如 2022-03-01")
    ] = None,
    cc: CcOption = None,
    templates: TemplatesOption = None,
    registry: RegistryOption = None,
) -> None:
    """月度到期事项通知：某科室或中队当月到期的工作、期限和次数（附件为清单）。

    --all 为每个科室和中队各生成一份，文件名如 2022年3月-监督科.docx，进度显示在标准错误输出。

    示例：cgtask render monthly --month 3 --dept 监督科 -o 监督科3月.docx
    """
    from cgtask import api

    if sum(x is not None for x in (dept, unit)) + every != 1:
        raise UsageError("请在 --dept、--unit、--all 中指定且只指定一个")
    options = issuing_options(number, when, None, cc, templates)
    reg = api.open_registry(registry)
    if every:
        _render_all(reg, month, year, options, output, pdf)
        return
    from cgtask.official.monthly import monthly_document

    save_document(monthly_document(reg, month, dept=dept, unit=unit, year=year, options=options), output, pdf)


def _render_all(
    reg: Registry, month: int, year: int | None, options: IssueOptions, out: Path, pdf: bool
) -> None:
    """One file per 科室 and 中队 into ``out`` (created), with a progress bar on stderr.

    Documents are built here and typeset by a small process pool (see ``render.batch``).
    """
    from rich.console import Console
    from rich.progress import Progress

    from cgtask.official.monthly import monthly_documents, monthly_recipients
    from cgtask.render.batch import worker_count, write_all

    if out.exists() and not out.is_dir():
        raise UsageError(f"--all 需要一个目录作为 -o，而 {out} 是文件")
    _check_pdf(pdf)
    out.mkdir(parents=True, exist_ok=True)
    total = len(monthly_recipients(reg))
    from cgtask.queries.duties import notice_year

    label = f"{notice_year(reg, year, [])}年{month}月"
    jobs = (
        (doc, out / f"{label}-{recipient.name}.docx")
        for recipient, doc in monthly_documents(reg, month, year, options)
    )
    # No refresh thread: the pool forks its workers while the bar is showing.
    with Progress(console=Console(stderr=True), transient=True, auto_refresh=False) as progress:
        task = progress.add_task("生成月度通知", total=total)

        def advance() -> None:
            progress.advance(task)
            progress.refresh()

        written = write_all(jobs, pdf=pdf, workers=worker_count(total), on_written=advance)
    sys.stderr.write(f"已写入 {written} 份通知到 {out}\n")


def register(app: typer.Typer) -> None:
    app.add_typer(render_app, name="render")
