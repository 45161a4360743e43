"""``cgtask check``: keeping the registry valid."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cgtask.cli.boundary import boundary, print_findings
from cgtask.cli.options import RegistryOption


def check_command(
    path: Annotated[
        Path | None, typer.Argument(help="登记册目录（缺省同 --registry）", show_default=False)
    ] = None,
    registry: RegistryOption = None,
) -> None:
    """校验登记册：每个问题一行“文件:行:列  代码  说明”，有错误时退出码为 1。

    示例：cgtask check registry/
    """
    from cgtask import api

    findings, files = api.check(path or registry)
    print_findings(findings)
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    if errors:
        sys.stderr.write(f"检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告\n")
        raise typer.Exit(1)
    sys.stderr.write(f"检查了 {files} 个文件：没有错误，{warnings} 个警告\n")
    for note in api.check_notes(path or registry):
        sys.stderr.write(f"说明：{note}\n")


def register(app: typer.Typer) -> None:
    """Add the ``check`` command to ``app``."""
    app.command("check")(boundary(check_command))
