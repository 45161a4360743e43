"""``cgtask done``: one record appended to the ledger (台账)."""

from __future__ import annotations

import sys
from datetime import date, datetime
from typing import Annotated

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import LevelOption, RegistryOption, parse_day


def done_command(
    item: Annotated[str, typer.Argument(help="事项编号：任务如 7.4，监督事项如 1", show_default=False)],
    doc: Annotated[str | None, options.doc("文件编号（编号在多个文件中都有时）")] = None,
    unit: Annotated[str | None, options.unit("中队：街镇中队层级的事项必填")] = None,
    level: LevelOption = None,
    activity: Annotated[
        str | None, typer.Option("--activity", "-a", help="工作内容：同一周期有多项工作时指明，如 队列训练")
    ] = None,
    period: Annotated[
        str | None,
        typer.Option("--period", "-p", help="周期，如 2022-W10、2022-03、2022-Q1（缺省为日期所在周期）"),
    ] = None,
    when: Annotated[str | None, options.date_option("完成日期，如 2022-03-08（缺省为今天）")] = None,
    count: Annotated[int, typer.Option("--count", "-n", help="完成次数")] = 1,
    value: Annotated[float | None, typer.Option("--value", help="量化指标的实际值，如 96.5")] = None,
    metric: Annotated[str | None, typer.Option("--metric", help="指标名（任务有多项指标时）")] = None,
    note: Annotated[str | None, typer.Option("--note", help="说明")] = None,
    registry: RegistryOption = None,
) -> None:
    """登记台账：在登记册的 ledger.yaml 末尾追加一条完成记录，原有注释和排版不变。

    周期缺省为完成日期所在的周期；输入有误时不写入任何内容。

    示例：cgtask done 1 --unit 吴淞街道中队 --date 2022-03-08 --period 2022-W10 --count 2 --note 街面督察
    """
    from cgtask import api

    record = api.record_done(
        registry,
        item,
        today=date.today(),
        now=datetime.now().astimezone().replace(microsecond=0),
        doc=doc,
        unit=unit,
        level=level,
        activity=activity,
        period=period,
        when=parse_day(when, "--date"),
        count=count,
        value=value,
        metric=metric,
        note=note,
    )
    who = record.get("unit") or record["level"]
    sys.stderr.write(
        f"已登记：{record['doc']} 第 {record['item']} 项，{who}，周期 {record['period']}，{record['count']} 次\n"
    )


def register(app: typer.Typer) -> None:
    app.command("done")(boundary(done_command))
