"""The ``cgtask`` application: global options and the command modules.

Each top-level command lives in ``cgtask.cli.commands.<name>`` (``import`` in ``import_``, a Python
keyword), found from the command's name by :func:`module_name` — no hand-kept table. Building every
command costs a Typer app tens of milliseconds at each start (importing the modules, reading every
signature), so ``main`` builds only the module of the command typed; ``app`` (used by tests and
``--help``) is the whole application, built on first use.
"""

from __future__ import annotations

import functools
import importlib
import keyword
import os
import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from cgtask import __version__
from cgtask.cli.boundary import set_debug
from cgtask.cli.chinese import ChineseGroup, use_chinese_help

# The commands in the order --help lists them (Typer lists the ``render`` group after the commands).
COMMANDS = (
    "list",
    "show",
    "check",
    "schema",
    "figures",
    "due",
    "calendar",
    "trace",
    "decompose",
    "export",
    "import",
    "done",
    "overdue",
    "progress",
    "form",
    "remind",
    "site",
    "phrase",
    "init",
    "rollover",
    "diff",
    "ledger",
    "render",
)


def module_name(command: str) -> str:
    """The module of a command: its own name, with ``_`` after a Python keyword (``import_``)."""
    return f"{command}_" if keyword.iskeyword(command) else command


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cgtask {__version__}")
        raise typer.Exit()


# The shell asks for completions by running cgtask with this variable set (Typer's completion scripts).
COMPLETE_VAR = "_CGTASK_COMPLETE"


def _install_completion(value: bool) -> None:
    """Typer's completion script into the user's shell start-up file, reported in Chinese."""
    if value:
        from typer._completion_shared import install

        shell = _shell_name()
        if shell not in COMPLETION_SHELLS:
            typer.echo(
                f"无法识别当前的 shell（{shell or '未知'}）：命令补全支持 bash、zsh、fish 和 PowerShell",
                err=True,
            )
            raise typer.Exit(1)
        shell, path = install(shell=shell, prog_name="cgtask", complete_var=COMPLETE_VAR)
        typer.echo(f"已为 {shell} 安装命令补全（写入 {path}），重新打开终端后生效")
        raise typer.Exit()


COMPLETION_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _shell_name() -> str | None:
    """The user's shell: the parent process (as Typer finds it), else $SHELL (run from a script or a job)."""
    import os
    from pathlib import Path

    from typer._completion_shared import _get_shell_name

    return _get_shell_name() or Path(os.environ.get("SHELL", "")).name or None


def _show_completion(value: bool) -> None:
    """Typer's completion script for the current shell, to add by hand."""
    if value:
        from typer._completion_shared import _get_shell_name, get_completion_script

        shell = _get_shell_name() or "bash"
        typer.echo(get_completion_script(prog_name="cgtask", complete_var=COMPLETE_VAR, shell=shell))
        raise typer.Exit()


def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整的调用栈（供开发人员排查）")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号并退出")
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            callback=_install_completion,
            is_eager=True,
            expose_value=False,
            help="为当前的 shell（bash、zsh、fish、PowerShell）安装命令和选项的 Tab 补全",
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            callback=_show_completion,
            is_eager=True,
            expose_value=False,
            help="显示当前 shell 的补全脚本，供复制或自行安装",
        ),
    ] = False,
) -> None:
    """城管执法局年度任务分解表与执法监督方案的登记册工具。"""
    set_debug(debug)


def build_app(commands: Sequence[str] = COMMANDS) -> typer.Typer:
    """A cgtask application with ``commands`` (each builds only its own module)."""
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
    for command in commands:
        importlib.import_module(f"cgtask.cli.commands.{module_name(command)}").register(application)
    use_chinese_help(application)
    return application


@functools.lru_cache(maxsize=1)
def whole_app() -> typer.Typer:
    """The application with every command, built once per process."""
    return build_app()


def __getattr__(name: str) -> typer.Typer:
    if name == "app":
        return whole_app()
    raise AttributeError(name)


def command_name(args: Sequence[str]) -> str | None:
    """The subcommand in ``args``: the first word that is not an option."""
    return next((arg for arg in args if not arg.startswith("-")), None)


def main() -> None:
    """Entry point of the ``cgtask`` script."""
    if COMPLETE_VAR in os.environ:
        # Typer's completion scripts speak its own protocol (complete_bash …), registered here.
        from typer._completion_classes import completion_init

        completion_init()
    command = command_name(sys.argv[1:])
    (build_app([command]) if command in COMMANDS else whole_app())()
