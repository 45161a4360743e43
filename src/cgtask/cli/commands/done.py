"""``cgtask done``: one record appended to the ledger (台账)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import LevelOption, RegistryOption, parse_day
from cgtask.errors import UsageError


@dataclass(frozen=True)
class DoneOptions:
    """What the command line says of the record, or of the record to withdraw (``--undo``)."""

    doc: Annotated[str | None, options.doc("文件编号（编号在多个文件中都有时）")] = None
    unit: Annotated[str | None, options.unit("中队：街镇中队层级的事项必填")] = None
    level: LevelOption = None
    activity: Annotated[
        str | None, typer.Option("--activity", "-a", help="工作内容：同一周期有多项工作时指明，如 队列训练")
    ] = None
    period: Annotated[
        str | None,
        typer.Option("--period", "-p", help="周期，如 2022-W10、2022-03、2022-Q1（缺省为日期所在周期）"),
    ] = None
    when: Annotated[str | None, options.date_option("完成日期，如 2022-03-08（缺省为今天）")] = None
    count: Annotated[
        int, typer.Option("--count", "-n", help="完成次数；按数量计的工作（如整改问题16起）为该单位的数量")
    ] = 1
    quantity: Annotated[
        int | None, typer.Option("--quantity", "-q", help="每次的数量（如 每次评查案卷不少于30件 时的件数）")
    ] = None
    of: Annotated[int | None, typer.Option("--of", help="比例要求的基数，如 当季案件数 370")] = None
    covers: Annotated[
        list[str] | None, typer.Option("--covers", help="本次检查覆盖的中队，可用顿号分隔，可重复")
    ] = None
    undo: Annotated[
        str | None,
        typer.Option("--undo", help="撤销一条记录（写记录编号，如 r-3f9a1c2b）；原记录保留在台账中"),
    ] = None
    value: Annotated[float | None, typer.Option("--value", help="量化指标的实际值，如 96.5")] = None
    metric: Annotated[str | None, typer.Option("--metric", help="指标名（任务有多项指标时）")] = None
    note: Annotated[str | None, typer.Option("--note", help="说明")] = None


@options.option_group("given", DoneOptions)
def done_command(
    item: Annotated[
        str | None,
        typer.Argument(help="事项编号：任务如 7.4，监督事项如 1（--undo 时不用）", show_default=False),
    ] = None,
    *,
    given: DoneOptions,
    registry: RegistryOption = None,
) -> None:
    """登记台账：在登记册的 ledger.yaml 末尾追加一条完成记录，原有注释和排版不变。

    周期缺省为完成日期所在的周期；按数量计的工作用 --count 写数量（整改问题 17 起：--count 17），
    比例要求另用 --of 写基数，全覆盖要求用 --covers 写覆盖的中队。输入有误时不写入任何内容。
    登错了用 --undo 记录编号 撤销（台账保留原记录和撤销记录）。

    示例：cgtask done 1 --unit 吴淞街道中队 --activity 街面实效督察 --date 2022-03-08 --count 2 --note 街面督察
    """
    from cgtask import api

    today, now = date.today(), datetime.now().astimezone().replace(microsecond=0)
    if given.undo is not None:
        withdrawal = api.withdraw_record(registry, given.undo, today=today, now=now, note=given.note)
        sys.stderr.write(f"已撤销记录 {given.undo}（撤销记录 {withdrawal['id']}）\n")
        return
    if item is None:
        raise UsageError("请写明事项编号，如 cgtask done 1 …；撤销记录用 --undo 记录编号")
    request = api.DoneRequest(
        item,
        given.doc,
        given.unit,
        given.level,
        given.activity,
        given.period,
        parse_day(given.when, "--date"),
        given.count,
        given.value,
        given.metric,
        given.note,
        given.quantity,
        given.of,
        tuple(given.covers or ()),
    )
    record = api.record_done(registry, request, today=today, now=now)
    sys.stderr.write(_recorded_message(record) + "\n")


def _recorded_message(record: Mapping[str, Any]) -> str:
    who = record.get("unit") or record["level"]
    amount = f"{record['count']} 次"
    if record.get("quantity") is not None:
        amount += f"，数量 {record['quantity']}" + (f"（基数 {record['of']}）" if record.get("of") else "")
    if record.get("covers"):
        amount += f"，覆盖 {len(record['covers'])} 个中队"
    return f"已登记 {record['id']}：{record['doc']} 第 {record['item']} 项，{who}，周期 {record['period']}，{amount}"


def register(app: typer.Typer) -> None:
    """Add the ``done`` command to ``app``."""
    app.command("done")(boundary(done_command))
