"""Every option that more than one command takes, declared once: its spelling, short name and type.

Where commands word an option's help differently (``--doc`` narrows a listing but names the document to
render), the option is a function of its help text, so the flags still live only here. Dates are typed
as text and read by :func:`parse_day`, the one date parser at the edge; the core takes ``date``.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import typing
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from cgtask.errors import UsageError

if TYPE_CHECKING:
    from cgtask.api import Issuing

F = TypeVar("F", bound=Callable[..., Any])


class OutputFormat(StrEnum):
    """How a listing is printed: a table for people, JSON, CSV or Markdown for other programs."""

    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


# The example each date option's error message shows (the one its help shows).
DATE_EXAMPLES = {"--as-of": "2022-03-15", "--date": "2022-03-08"}


def parse_day(text: str | None, option: str) -> date | None:
    """A date typed on the command line, read once here at the edge; the core takes ``date``."""
    if text is None:
        return None
    from cgtask.api import NotADate, date_from_text

    try:
        return date_from_text(text)  # 2022-4-8, 2022/4/8 and 2022年4月8日 as well as 2022-04-08
    except NotADate as error:
        if error.beyond:
            raise UsageError(f"{option} 的日期 {text} {error.beyond}") from None
        if not error.exists:
            raise UsageError(f"{option} 的日期 {text} 不存在（{_why_not_a_day(text)}）") from None
        example = DATE_EXAMPLES.get(option, "2022-03-08")
        raise UsageError(f"{option} 的值“{text}”不是日期，应写成 {example} 的形式") from None


def _why_not_a_day(text: str) -> str:
    """Which part of a well-formed date is impossible: the month (13) or the day (2 月 30 日)."""
    import re

    month = next((int(n) for n in re.findall(r"\d+", text)[1:2]), 0)
    return f"没有 {month} 月" if not 1 <= month <= 12 else "该月没有这一天"


def today_or(text: str | None, option: str) -> date:
    """The day given, else today (read here, at the edge, never in the core)."""
    return parse_day(text, option) or date.today()


# --- the registry and the output --------------------------------------------------------------------


def given_path(value: Any) -> Path:
    """A path typed on the command line; an empty one is refused (``Path("")`` would be the current folder)."""
    if not str(value).strip():
        raise typer.BadParameter("路径为空")
    return Path(value)


RegistryOption = Annotated[
    Path | None,
    typer.Option(
        "--registry",
        "-r",
        help="登记册目录（缺省为环境变量 CGTASK_REGISTRY，再缺省为随附的 registry/）",
        show_default=False,
        parser=given_path,
    ),
]


def output_format(help_text: str, **extra: Any) -> Any:
    """``--format``/``-f``: how a command writes its result."""
    return typer.Option("--format", "-f", help=help_text, **extra)


FormatOption = Annotated[OutputFormat, output_format("输出格式：table、json、csv、md", case_sensitive=False)]


def output(help_text: str, **extra: Any) -> Any:
    """``--output``/``-o``: the file (or folder) a command writes."""
    return typer.Option("--output", "-o", help=help_text, parser=given_path, **extra)


def doc(help_text: str) -> Any:
    """``--doc``: a registry document by its id."""
    return typer.Option("--doc", help=help_text)


def search(help_text: str) -> Any:
    """``--search``/``-s``: text to look for."""
    return typer.Option("--search", "-s", help=help_text)


def plan(help_text: str) -> Any:
    """``--plan``: a work plan (工作计划) by its document id."""
    return typer.Option("--plan", help=help_text)


def new_id(help_text: str) -> Any:
    """``--id``: the document id of a file a command creates."""
    return typer.Option("--id", help=help_text)


def month(help_text: str, **extra: Any) -> Any:
    """``--month``/``-m``: a month, 1–12."""
    return typer.Option("--month", "-m", help=help_text, **extra)


def force(help_text: str) -> Any:
    """``--force``: overwrite an existing output file."""
    return typer.Option("--force", help=help_text)


def year(help_text: str, *, short: bool = True) -> Any:
    """``--year`` (``-y``): a year other than the documents' own."""
    return typer.Option("--year", "-y", help=help_text) if short else typer.Option("--year", help=help_text)


YearOption = Annotated[int | None, year("年份（缺省为所问日期的年度；没有日期时为登记册中最新的年度）")]

# --- who: 科室, level, 中队 ---------------------------------------------------------------------------


def dept(help_text: str) -> Any:
    """``--dept``/``-d``: a 科室 or 中队 (a group such as 各科室 expands)."""
    return typer.Option("--dept", "-d", help=help_text)


def unit(help_text: str) -> Any:
    """``--unit``/``-u``: one 中队."""
    return typer.Option("--unit", "-u", help=help_text)


DeptOption = Annotated[str | None, dept("科室或中队：只看它负责的事项（统称如各科室会展开）")]
LevelOption = Annotated[str | None, typer.Option("--level", "-l", help="层级，如 区局、街镇中队")]
UnitOption = Annotated[str | None, unit("中队：逐个列出该中队的事项")]
PerUnitOption = Annotated[
    bool, typer.Option("--per-unit", help="街镇中队层级的事项按中队逐个列出（缺省合为一行）")
]

# --- when ----------------------------------------------------------------------------------------------


def date_option(help_text: str) -> Any:
    """``--date``: a day, typed as 2022-03-08 and read by :func:`parse_day`."""
    return typer.Option("--date", help=help_text)


def as_of(help_text: str, **extra: Any) -> Any:
    """``--as-of``: the day a standing is taken at."""
    return typer.Option("--as-of", help=help_text, **extra)


AsOfOption = Annotated[str | None, as_of("截至日期（含当日），如 2022-03-15；缺省为今天")]
# ``due --until`` ends a date range; ``render … --to`` names the 主送机关 (see ToOption).
EndOption = Annotated[str | None, typer.Option("--until", help="结束日期，如 2022-03-31（含当日）")]
# ``due --to``, the old spelling of --until: still read for one release, with a note on stderr.
OldEndOption = Annotated[str | None, typer.Option("--to", hidden=True)]
OLD_END_NOTE = "提示：--to 将停用，请改用 --until\n"


def refuse_file_for_all(output: Path) -> None:
    """``--all`` writes one file each into the folder ``-o``: an existing file there is a usage error."""
    if output.exists() and not output.is_dir():
        raise UsageError(f"--all 需要一个目录作为 -o，而 {output} 是文件")


# --- issuing an official document ----------------------------------------------------------------------

PdfOption = Annotated[bool, typer.Option("--pdf", help="另外生成同名 PDF（需要 LibreOffice）")]


def number(help_text: str) -> Any:
    """``--number``: the 发文字号."""
    return typer.Option("--number", help=help_text)


def templates(help_text: str) -> Any:
    """``--templates``: a folder of wording templates searched first."""
    return typer.Option("--templates", help=help_text)


NumberOption = Annotated[str | None, number("发文字号，如 宝城执〔2022〕1号")]
DateOption = Annotated[str | None, date_option("成文日期，如 2022-03-07")]
ToOption = Annotated[str | None, typer.Option("--to", help="主送机关，如 各科室、各中队")]
CcOption = Annotated[str | None, typer.Option("--cc", help="抄送机关")]
TemplatesOption = Annotated[Path | None, templates("模板目录（先于登记册的 templates/ 和随附模板查找）")]
DocumentOutputOption = Annotated[Path, output("输出文件（.docx 或 .pdf）")]

ForceOption = Annotated[bool, force("输出文件已存在时覆盖（缺省不覆盖任何已有文件）")]
NoNumberOption = Annotated[
    bool, typer.Option("--no-number", help="原文没有发文字号：生成的公文不带文号（不会编造文号）")
]
SealedOption = Annotated[
    bool, typer.Option("--sealed", help="加盖印章的公文：成文日期右空四字，署名居中于其上，上方留出用印位置")
]


def issuing_options(
    *,
    to: bool = True,
    cc: bool = True,
    no_number: bool = False,
    number_help: str = "发文字号，如 宝城执〔2022〕1号",
    date_help: str = "成文日期，如 2022-03-07",
    templates_help: str = "模板目录（先于登记册的 templates/ 和随附模板查找）",
) -> Callable[[F], F]:
    """The issuing options of a ``render`` command, declared once.

    --pdf, --number, --date, --to, --cc, --templates, --force and --sealed take the place of the
    command's ``issuing`` parameter, which receives them as one :class:`~cgtask.api.Issuing` (its
    ``output`` left for the command to set).

    A document that has no 主送 or 抄送 of its own choosing leaves out ``to`` or ``cc``; a document that
    may be published without a 文号 (a plan, its notice, a 工作计划) takes ``--no-number``; the help of
    --number, --date and --templates may be worded for the document.
    """
    group: dict[str, tuple[Any, Any]] = {
        "pdf": (PdfOption, False),
        "number": (Annotated[str | None, number(number_help)], None),
        "when": (Annotated[str | None, date_option(date_help)], None),
        "to": (ToOption, None),
        "cc": (CcOption, None),
        "templates": (Annotated[Path | None, templates(templates_help)], None),
        "force": (ForceOption, False),
        "sealed": (SealedOption, False),
        "no_number": (NoNumberOption, False),
    }
    dropped = {name for name, kept in (("to", to), ("cc", cc), ("no_number", no_number)) if not kept}
    params = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)
        for name, (annotation, default) in group.items()
        if name not in dropped
    ]

    return _grouped("issuing", params, _issuing)


@dataclasses.dataclass(frozen=True)
class OnRegistry:
    """A group's ``registry``: ``--registry`` closes the command's options, as it does in every command."""

    registry: RegistryOption = None


@dataclasses.dataclass(frozen=True)
class Listing(OnRegistry):
    """A listing's ``fmt`` and ``registry``: ``--format`` then ``--registry`` close its options."""

    fmt: FormatOption = OutputFormat.table


# The fields a group inherits from OnRegistry/Listing, in the order they close the help.
_CLOSING_FIELDS = ("fmt", "registry")


def _help_order(field: dataclasses.Field[Any]) -> int:
    """0 for a group's own options, then the closing ones in ``_CLOSING_FIELDS`` order."""
    return _CLOSING_FIELDS.index(field.name) + 1 if field.name in _CLOSING_FIELDS else 0


def option_group(parameter: str, group: type[Any]) -> Callable[[F], F]:
    """Options declared as the fields of the frozen dataclass ``group``, received as one ``group``.

    The fields (each annotated with its typer option, in the order the help lists them) take the place
    of the command's ``parameter``: a command with many options keeps a short signature, and its
    help is the same as with the options written out. Fields inherited from :class:`Listing` or
    :class:`OnRegistry` come last, as those options close every command's help.
    """
    hints = typing.get_type_hints(group, include_extras=True)
    params = [
        inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, annotation=hints[f.name], default=f.default)
        for f in sorted(dataclasses.fields(group), key=_help_order)
    ]
    return _grouped(parameter, params, lambda given: group(**given))


def _grouped(
    parameter: str, params: list[inspect.Parameter], build: Callable[[dict[str, Any]], Any]
) -> Callable[[F], F]:
    """A decorator putting ``params`` in place of ``parameter``; the command gets ``build(their values)``."""

    def decorate(func: F) -> F:
        signature = _with_group(func, parameter, params)

        @functools.wraps(func)
        def command(**kwargs: Any) -> Any:
            given = {p.name: kwargs.pop(p.name) for p in params}
            return func(**kwargs, **{parameter: build(given)})

        command.__signature__ = signature  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in signature.parameters.values()}
        return command  # type: ignore[return-value]

    return decorate


def _with_group(
    func: Callable[..., Any], parameter: str, group: list[inspect.Parameter]
) -> inspect.Signature:
    """``func``'s signature with its ``parameter`` replaced by the options of the group."""
    found = inspect.signature(func)
    params: list[inspect.Parameter] = []
    for param in found.parameters.values():
        if param.name == parameter:
            params += group
            continue
        annotation = param.annotation
        if isinstance(annotation, str):  # ``from __future__ import annotations``: read as typer would
            annotation = eval(annotation, func.__globals__)  # the module's own annotations
        params.append(param.replace(annotation=annotation, kind=inspect.Parameter.KEYWORD_ONLY))
    return found.replace(parameters=params, return_annotation=None)


def _issuing(given: dict[str, Any]) -> Issuing:
    """The issuing data typed on the command line, the date read by :func:`parse_day`."""
    from cgtask.api import Issuing

    return Issuing(
        number=given["number"],
        date=parse_day(given["when"], "--date"),
        to=given.get("to"),
        cc=given.get("cc"),
        templates=given["templates"],
        sealed=given["sealed"],
        no_number=given.get("no_number", False),
        pdf=given["pdf"],
        force=given["force"],
    )
