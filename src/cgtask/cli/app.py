"""The ``cgtask`` application: global options and the command modules."""

from __future__ import annotations

from typing import Annotated

import typer

from cgtask import __version__
from cgtask.cli import (
    check_cmds,
    due_cmds,
    ledger_cmds,
    plan_cmds,
    render_cmds,
    table_cmds,
    task_cmds,
    trace_cmds,
)
from cgtask.cli.chinese import ChineseGroup, use_chinese_help
from cgtask.cli.common import set_debug

app = typer.Typer(
    name="cgtask",
    help="城管执法局年度任务分解表与执法监督方案的登记册工具：查询分工、期限，生成公文。",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    cls=ChineseGroup,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cgtask {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整的调用栈（供开发人员排查）")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号并退出")
    ] = False,
) -> None:
    """城管执法局年度任务分解表与执法监督方案的登记册工具。"""
    set_debug(debug)


task_cmds.register(app)
check_cmds.register(app)
plan_cmds.register(app)
due_cmds.register(app)
render_cmds.register(app)
trace_cmds.register(app)
table_cmds.register(app)
ledger_cmds.register(app)


use_chinese_help(app)  # after every command module has registered its commands


def main() -> None:
    """Entry point of the ``cgtask`` script."""
    app()
