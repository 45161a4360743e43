"""``cgtask check`` and ``cgtask schema``: keeping the registry valid."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cgtask.cli.common import RegistryOption, boundary, print_findings


class SchemaChoice(StrEnum):
    document = "document"
    organization = "organization"
    calendar = "calendar"
    ledger = "ledger"


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


def schema_command(
    kind: Annotated[
        SchemaChoice,
        typer.Argument(help="document（文件）、organization（组织）、calendar（日历）或 ledger（台账）"),
    ] = (SchemaChoice.document),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="把全部模式都写入此目录（如 registry/schema）")
    ] = None,
) -> None:
    """输出登记册文件的 JSON Schema（含中文标题和说明），供编辑器校验与补全。

    示例：cgtask schema organization；cgtask schema -o registry/schema
    """
    from cgtask import api

    if output is None:
        sys.stdout.write(api.schema_text(kind.value))
        return
    output.mkdir(parents=True, exist_ok=True)
    for choice in SchemaChoice:
        target = output / f"{choice.value}.schema.json"
        target.write_text(api.schema_text(choice.value), encoding="utf-8")
        sys.stderr.write(f"已写入 {target}\n")


def register(app: typer.Typer) -> None:
    app.command("check")(boundary(check_command))
    app.command("schema")(boundary(schema_command))
