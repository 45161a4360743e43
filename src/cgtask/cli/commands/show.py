"""``cgtask show``: one item, whole."""

from __future__ import annotations

from typing import Annotated

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import OutputFormat, RegistryOption
from cgtask.cli.output import emit


def show_command(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="任务编号（如 4.3）或监督事项序号（如 7）")],
    doc: Annotated[str | None, options.doc("编号在多个文件中出现时指定文件")] = None,
    fmt: Annotated[OutputFormat, options.output_format("输出格式：table 或 json")] = OutputFormat.table,
    registry: RegistryOption = None,
) -> None:
    """显示一项任务或监督事项的全部内容：工作细则、分项、牵头与配合部门、指标、周期。

    示例：cgtask show 4.3
    """
    from cgtask import api

    item = api.show(registry, item_id, doc)
    if fmt is OutputFormat.json:
        emit([item], [], fmt)
        return
    from cgtask.cli.show_view import print_item

    print_item(item)


def register(app: typer.Typer) -> None:
    """Add the ``show`` command to ``app``."""
    app.command("show")(boundary(show_command))
