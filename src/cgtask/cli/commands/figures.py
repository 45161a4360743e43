"""``cgtask figures``: the key figures of the work summaries."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import FormatOption, OutputFormat, RegistryOption
from cgtask.cli.output import emit

FIGURE_COLUMNS = [
    ("doc", "文件"),
    ("year", "年度"),
    ("item", "条目"),
    ("metric", "指标"),
    ("value", "数值"),
    ("unit", "单位"),
]


def figures_command(
    doc: Annotated[str | None, options.doc("只看一个文件，例如 plan-2022-city")] = None,
    search: Annotated[str | None, options.search("在指标和原句中查找文字")] = None,
    compare: Annotated[
        bool, typer.Option("--compare", help="只列出在多个年度或多个文件中都出现的指标，按指标排列")
    ] = False,
    fmt: FormatOption = OutputFormat.table,
    registry: RegistryOption = None,
) -> None:
    """列出工作总结中的关键数字：指标、数值（照原文）、单位和所在条目。

    示例：cgtask figures --doc plan-2022-city --search 无序设摊
    """
    from cgtask import api

    rows = api.figures(registry, doc=doc, search=search, compare=compare)
    emit(rows, FIGURE_COLUMNS, fmt, title=f"关键数字（{len(rows)} 项）")
    if not rows:
        sys.stderr.write("没有符合条件的关键数字\n")


def register(app: typer.Typer) -> None:
    """Add the ``figures`` command to ``app``."""
    app.command("figures")(boundary(figures_command))
