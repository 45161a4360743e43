"""``cgtask render``: official documents (GB/T 9704) as .docx, and PDF through LibreOffice.

Every subcommand is here — notice, plan, monthly, report, summary — so ``cgtask render …`` builds this
module alone.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import DocumentOutputOption, RegistryOption, issuing_options
from cgtask.errors import UsageError

if TYPE_CHECKING:
    from cgtask.api import Issuing, MonthTarget, RenderKind, RenderTarget, Written

REDRAW_SECONDS = 0.05  # the --all progress bar is drawn at most this often

render_app = typer.Typer(
    help="生成符合 GB/T 9704 的公文（.docx，可转 PDF）：印发通知、执法监督方案、月度到期事项通知、工作总结、进度通报。",
    no_args_is_help=True,
    rich_markup_mode=None,
)

DocOption = Annotated[
    str | None, options.doc("登记册中的文件编号，如 tasks-2022（登记册中只有一份时可省略）")
]


def render(registry: Path | None, kind: RenderKind, target: RenderTarget, issuing: Issuing) -> None:
    """Render one document and say what was written; a document not chosen is asked for by --doc."""
    from cgtask import api

    try:
        written = api.render(registry, kind, target, issuing)
    except api.DocumentNotChosen as exc:
        raise UsageError(f"{exc}（用 --doc 指定）") from None
    report_written(written)


def report_written(written: Written) -> None:
    """The font stand-ins LibreOffice used for a PDF (or that the official fonts were found), then the files."""
    for note in written.font_notes():
        sys.stderr.write(f"字体 {note}\n")
    sys.stderr.write("已写入 " + "、".join(str(p) for p in written.paths) + "\n")


def _document_command(kind: RenderKind, default_output: str, help_text: str) -> Callable[..., None]:
    """A command rendering one registry document (the notice, the plan): they differ only in these."""

    def command(
        doc: DocOption = None,
        output: DocumentOutputOption = Path(default_output),
        *,
        issuing: Issuing,
        registry: RegistryOption = None,
    ) -> None:
        from cgtask import api

        render(registry, kind, api.DocumentTarget(doc), replace(issuing, output=output))

    command.__doc__ = help_text
    return command


NOTICE_HELP = """印发任务分解表的通知：版头、正文、附件说明、落款，附件为完整的分解表（横排）。

登记册未记录的发文字号、成文日期用 --number、--date 补上。

示例：cgtask render notice --doc tasks-2022 --number 宝城执〔2022〕1号 --date 2022-01-20 -o 通知.docx
"""
PLAN_HELP = """执法监督工作方案（按发文原样）：红头、发文字号、印发通知及其落款，另起一页的方案标题和正文、附件1 任务清单、版记。

从其他局的表格导入的计划（cgtask import）按原表的列排版，最后一列“履职要求”列出每行的全部要求；
原文没有发文字号时加 --no-number。

示例：cgtask render plan --doc supervision-2022 -o 方案.docx --pdf
"""
notice_command = _document_command("notice", "通知.docx", NOTICE_HELP)
supervision_plan_command = _document_command("supervision_plan", "方案.docx", PLAN_HELP)
render_app.command("notice")(boundary(issuing_options(no_number=True)(notice_command)))
render_app.command("plan")(boundary(issuing_options(no_number=True)(supervision_plan_command)))


@dataclass(frozen=True)
class MonthChoice:
    """Whose notice, and of which year: one 科室 or 中队, or every one with ``--all``."""

    dept: Annotated[str | None, options.dept("科室（或中队）名称")] = None
    unit: Annotated[str | None, options.unit("中队名称")] = None
    every: Annotated[bool, typer.Option("--all", help="每个科室、中队各一份，写入 -o 指定的目录")] = False
    year: Annotated[int | None, options.year("年份（缺省为登记册中最新的年度）")] = None


@render_app.command("monthly")
@boundary
@options.option_group("whose", MonthChoice)
@issuing_options(to=False, date_help="成文日期（缺省为该月第一个工作日），如 2022-03-01")
def monthly_command(
    month: Annotated[int, options.month("月份 1—12", min=1, max=12)],
    output: DocumentOutputOption,
    *,
    whose: MonthChoice,
    issuing: Issuing,
    registry: RegistryOption = None,
) -> None:
    """月度到期事项通知：某科室或中队当月到期的工作、期限和次数（附件为清单）。

    --all 为每个科室和中队各生成一份，文件名如 2022年3月-监督科.docx，进度显示在标准错误输出。

    示例：cgtask render monthly --month 3 --dept 监督科 -o 监督科3月.docx
    """
    from cgtask import api

    if sum(x is not None for x in (whose.dept, whose.unit)) + whose.every != 1:
        raise UsageError("请在 --dept、--unit、--all 中指定且只指定一个")
    if whose.every:
        options.refuse_file_for_all(output)
        _render_all(registry, api.MonthTarget(month, year=whose.year), replace(issuing, output=output))
        return
    target = api.MonthTarget(month, dept=whose.dept, unit=whose.unit, year=whose.year)
    render(registry, "monthly", target, replace(issuing, output=output))


def _render_all(registry: Path | None, target: MonthTarget, issuing: Issuing) -> None:
    """One file per 科室 and 中队 into ``out``, with a progress bar on stderr.

    Ctrl-C stops the batch: the message names the folder and how many were written, so nobody takes a
    partial set for a whole one (exit 130, no traceback).
    """
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from cgtask import api

    done: list[int] = [0, 0]  # written so far, total
    drawn = [0.0]  # when the bar was last drawn
    # No refresh thread: the pool forks its workers while the bar is showing.
    try:
        with Progress(console=Console(stderr=True), transient=True, auto_refresh=False) as progress:
            task: list[TaskID] = []

            def start(total: int) -> None:
                done[1] = total
                task.append(progress.add_task("生成月度通知", total=total))

            def advance() -> None:
                done[0] += 1
                progress.advance(task[0])
                # Drawing the bar for each of 250 files took a tenth of the batch's time; twenty
                # times a second looks the same.
                if time.monotonic() - drawn[0] >= REDRAW_SECONDS:
                    progress.refresh()
                    drawn[0] = time.monotonic()

            written = api.render_monthly_all(registry, target, issuing, on_start=start, on_written=advance)
    except KeyboardInterrupt:
        sys.stderr.write(
            f"已中断：{issuing.output} 中只有 {done[0]}/{done[1]} 份通知，这一批不完整，请重新生成\n"
        )
        raise typer.Exit(130) from None
    sys.stderr.write(f"已写入 {written} 份通知到 {issuing.output}\n")


@render_app.command("summary")
@boundary
@issuing_options(no_number=True)
def summary_command(
    doc: Annotated[
        str | None, options.doc("工作总结和工作计划的文件编号，如 plan-2022-city（登记册中只有一份时可省略）")
    ] = None,
    year: Annotated[
        int | None, options.year("起草该年度的执法监督工作总结（数字取自台账），如 2022", short=False)
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="（与 --year 同用）附上每个数字依据的台账记录编号")
    ] = False,
    *,
    output: DocumentOutputOption,
    issuing: Issuing,
    registry: RegistryOption = None,
) -> None:
    """工作总结和工作计划（按发文原样）：红头与发文字号（原文有的才有）、标题、主送、印发语、总结与计划正文、落款、版记。

    登记册未记录的成文日期、主送机关用 --date、--to 补上；发文字号、抄送可用 --number、--cc 指定。
    加 --year 则起草该年度的执法监督工作总结：逐项写明方案要求和台账记录（次数、起/件、比例及基数、覆盖的中队），
    各科室、中队的完成率，未完成的事项及台账说明的原因；数字截至成文日期（缺省为今天），--explain 另附依据的记录编号。

    示例：cgtask render summary --doc plan-2022-city -o 工作总结和工作计划.docx --pdf；cgtask render summary --year 2022 --explain -o 执法监督工作总结.docx
    """
    from cgtask import api

    if year is None:
        render(registry, "summary", api.DocumentTarget(doc), replace(issuing, output=output))
        return
    if doc is not None:
        raise UsageError("--year 起草的是执法监督工作总结，不与 --doc 同用")
    target = api.YearTarget(year, issuing.date or date.today(), explain)
    render(registry, "year_summary", target, replace(issuing, output=output))


@render_app.command("report")
@boundary
@issuing_options(
    to=False,
    cc=False,
    number_help="发文字号，如 宝城执〔2022〕9号",
    date_help="成文日期（缺省为截至日期）",
    templates_help="模板目录",
)
def report_command(
    as_of: Annotated[str, options.as_of("截至日期，如 2022-03-31", show_default=False)],
    output: DocumentOutputOption = Path("通报.docx"),
    *,
    issuing: Issuing,
    registry: RegistryOption = None,
) -> None:
    """工作进度通报：截至某日的总体完成情况、各科室完成情况表、逾期事项点名。

    示例：cgtask render report --as-of 2022-03-31 -o 3月通报.docx
    """
    from cgtask import api

    day = options.today_or(as_of, "--as-of")
    issuing = replace(issuing, output=output, date=issuing.date or day)
    render(registry, "report", api.AsOfTarget(day), issuing)


def register(app: typer.Typer) -> None:
    """Add the ``render`` command group to ``app``."""
    app.add_typer(render_app, name="render")
