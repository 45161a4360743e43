"""``cgtask phrase``: how cgtask reads a frequency or quota phrase, for the keeper to check wording."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Annotated, Any

import typer

from cgtask.cli.boundary import boundary
from cgtask.cli.options import FormatOption, OutputFormat, RegistryOption
from cgtask.cli.output import cell_text, emit

PHRASE_COLUMNS = [
    ("text", "原文"),
    ("ok", "能读"),
    ("reading", "读作"),
    ("error", "问题"),
]
PERIOD_WORDS = {
    "day": "每天",
    "workday": "每个工作日",
    "week": "每周",
    "2weeks": "每两周",
    "xun": "每旬",
    "month": "每月",
    "2months": "每两个月",
    "quarter": "每季度",
    "half": "每半年",
    "year": "每年",
    "semester": "每学期",
    "none": "无固定日期",
}


STEP_WORDS = {"days": "天", "weeks": "周", "months": "个月", "years": "年"}


def period_words(period: str) -> str:
    """每周, 每季度 …; a stepped period (10days, 2years) as 每10天, 每2年."""
    if period in PERIOD_WORDS:
        return PERIOD_WORDS[period]
    number = period.rstrip("abcdefghijklmnopqrstuvwxyz")
    step = STEP_WORDS.get(period[len(number) :])
    return f"每{number}{step}" if number and step else period


def _reading(row: Mapping[str, Any]) -> str:
    """The reading in words, such as 周期 每周；不少于2次；数量 16起；比例 10%（当季案件数）；全覆盖."""
    if not row["ok"]:
        return ""
    parts = [period_words(row["period"]), *_window_words(row), *_amount_words(row), *_kind_words(row)]
    if row.get("periods"):
        parts.append("另有周期：" + "、".join(period_words(p["period"]) for p in row["periods"][1:]))
    return "；".join(part for part in parts if part)


def _window_words(row: Mapping[str, Any]) -> list[str]:
    window = row.get("window")
    return [f"时间窗口{window['start']}至{window['end']}"] if isinstance(window, dict) else []


def _amount_words(row: Mapping[str, Any]) -> list[str]:
    """The counted part: a count, a quantity, a share with its base — a range with both its ends."""
    span: Mapping[str, Any] = row.get("range") or {}
    ends = f"{span['min']}—{span['max']}" if span else ""
    quota = row.get("quota") or {}
    # The bound is said as the count's is: 恰为 (the plan's number), 不超过, else 不少于 (不低于30% stays a floor).
    at_most = row["maximum"] and row["count"] is None  # with a count, the maximum is the count's
    exact_quota = "恰为" if quota.get("exact") else "不超过" if at_most else "不少于"
    parts = []
    if row["count"] is not None:
        bound = "不超过" if row["maximum"] else "恰为" if row.get("count_exact") else "不少于"
        counted_range = ends and not row["quantity"] and row["share"] is None
        parts.append(f"{ends}次" if counted_range else f"{bound}{row['count']}次")
    if row["quantity"]:
        parts.append(
            f"数量{ends or exact_quota + format(row['quantity']['value'], 'g')}{row['quantity']['unit']}"
        )
    if row["share"] is not None:
        amount = f"{span['min']}%—{span['max']}%" if span else f"{exact_quota}{row['share']:g}%"
        parts.append(f"比例{amount}" + (f"（{row['of']}）" if row["of"] else ""))
    return parts


def _kind_words(row: Mapping[str, Any]) -> list[str]:
    """Coverage, deadline, duration, event and total, as the table says them."""
    parts = ["全覆盖" if row["coverage"] else "", f"期限 {row['deadline']}" if row["deadline"] else ""]
    if row["duration"]:
        each = (row.get("quota") or {}).get("per") == "occurrence"
        parts.append(
            f"{'每次时长' if each else '期内累计时长' if row.get('total') else '时长'}{row['duration']}"
        )
    if row["event"]:
        parts.append(
            "事件触发"
            + (f"（{row['trigger'] or '事件发生'}后{row['response']}内）" if row.get("response") else "")
        )
    if row.get("total") and not row["duration"]:
        parts.append("期内累计")
    return parts


def _cell(key: str, row: Mapping[str, Any]) -> str:
    if key == "reading":
        return _reading(row)
    if key == "text" and row.get("cell"):
        return f"{row['text']}（“{row['cell']}”中的一条）"
    if key == "error" and row["error"]:
        # The table keeps what was not understood and the nearest form; JSON has the accepted forms too.
        return str(row["error"]).split("可接受的写法")[0].strip()
    return cell_text(row.get(key))


def phrase_command(
    texts: Annotated[
        list[str] | None,
        typer.Argument(help="一个或多个频次、数量短语，如 每周不少于2次", show_default=False),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    forms: Annotated[bool, typer.Option("--forms", help="列出可接受的写法")] = False,
    registry: RegistryOption = None,
) -> None:
    """看 cgtask 怎样读一个频次或数量短语：周期、次数、数量及单位、比例及基数、全覆盖、上限、期限、时长。

    读不懂的短语说明哪一部分读不懂，并给出最接近的写法；登记册维护人提交前可先核对措辞。
    整句读不懂、但按分号逗号分开后能读的（抽查比例为5%;每年抽查1次），按导入表格的读法逐条列出，
    JSON 中 cell 是整句原文（整句能读时为 null）。
    JSON 每个短语一个对象：text、ok、error、period、count、quantity、share、of、coverage、maximum、
    deadline、event、duration、periods，以及 activity、object、subject、window、range、exact、total、
    response、cell。--forms 列出可接受的写法（拒绝信息不再逐条重复）。汛期等有名称的时段按登记册
    organization.yaml 的 windows 读。

    示例：cgtask phrase 每周不少于2次 每月整改问题不少于16起 1次/年
    """
    from cgtask import api

    if forms:
        sys.stdout.write("".join(f"{form}\n" for form in api.phrase_forms()))
        return
    if not texts:
        raise typer.BadParameter("请给出至少一个短语，或用 --forms 列出可接受的写法", param_hint="TEXTS")
    rows = api.phrase(texts, registry)
    emit(rows, PHRASE_COLUMNS, fmt, cell=_cell)
    for cell in dict.fromkeys(row["cell"] for row in rows if row.get("cell")):
        sys.stderr.write(
            f"“{cell}”整句读不懂，按导入表格的读法逐条列出（导入时能读的每条各记一条要求；"
            "登记册的 frequency 一处写一条）\n"
        )
    if not all(row["ok"] for row in rows):
        sys.stderr.write("有短语读不懂，见“问题”一栏\n")
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the ``phrase`` command to ``app``."""
    app.command("phrase")(boundary(phrase_command))
