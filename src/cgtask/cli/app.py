"""The ``cgtask`` application: global options and the command modules.

Building every command costs a Typer app tens of milliseconds at each start
(importing the modules, reading every signature). ``main`` therefore builds
only the module a read-only command needs; ``app`` (used by tests and
``--help``) is the whole application, built on first use.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from cgtask import __version__
from cgtask.cli.chinese import ChineseGroup, use_chinese_help
from cgtask.cli.common import set_debug

# In the order the commands appear in --help.
ALL_MODULES = (
    "task_cmds",
    "check_cmds",
    "plan_cmds",
    "due_cmds",
    "render_cmds",
    "trace_cmds",
    "table_cmds",
    "ledger_cmds",
)
# Commands whose module registers only on the main app, so building it alone is safe.
# (trace_cmds and ledger_cmds also add commands to ``render``; they go through the whole app.)
FAST_COMMANDS = {
    "list": "task_cmds",
    "show": "task_cmds",
    "check": "check_cmds",
    "schema": "check_cmds",
    "figures": "plan_cmds",
    "due": "due_cmds",
    "calendar": "due_cmds",
    "export": "table_cmds",
    "import": "table_cmds",
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cgtask {__version__}")
        raise typer.Exit()


def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整的调用栈（供开发人员排查）")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号并退出")
    ] = False,
) -> None:
    """城管执法局年度任务分解表与执法监督方案的登记册工具。"""
    set_debug(debug)


def build_app(modules: Sequence[str] = ALL_MODULES) -> typer.Typer:
    """A cgtask application with the commands of ``modules``."""
    application = typer.Typer(
        name="cgtask",
        help="城管执法局年度任务分解表与执法监督方案的登记册工具：查询分工、期限，生成公文。",
        no_args_is_help=True,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        rich_markup_mode=None,
        cls=ChineseGroup,
    )
    application.callback()(main_options)
    for name in modules:
        importlib.import_module(f"cgtask.cli.{name}").register(application)
    use_chinese_help(application)
    return application


_whole: list[typer.Typer] = []


def whole_app() -> typer.Typer:
    """The application with every command, built once per process."""
    if not _whole:
        _whole.append(build_app())
    return _whole[0]


def __getattr__(name: str) -> typer.Typer:
    if name == "app":
        return whole_app()
    raise AttributeError(name)


def command_name(args: Sequence[str]) -> str | None:
    """The subcommand in ``args``: the first word that is not an option."""
    return next((arg for arg in args if not arg.startswith("-")), None)


def main() -> None:
    """Entry point of the ``cgtask`` script."""
    module = FAST_COMMANDS.get(command_name(sys.argv[1:]) or "")
    (build_app([module]) if module else whole_app())()
