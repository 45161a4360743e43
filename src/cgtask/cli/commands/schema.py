"""``cgtask schema``: the JSON Schema an editor validates the registry files with."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.errors import UsageError


class SchemaChoice(StrEnum):
    """The files whose JSON Schema ``schema`` prints."""

    document = "document"
    organization = "organization"
    calendar = "calendar"
    ledger = "ledger"


def schema_command(
    kind: Annotated[
        SchemaChoice,
        typer.Argument(help="document（文件）、organization（组织）、calendar（日历）或 ledger（台账）"),
    ] = (SchemaChoice.document),
    output: Annotated[Path | None, options.output("把全部模式都写入此目录（如 registry/schema）")] = None,
) -> None:
    """输出登记册文件的 JSON Schema（含中文标题和说明），供编辑器校验与补全。

    示例：cgtask schema organization；cgtask schema -o registry/schema
    """
    from cgtask import api

    if output is None:
        sys.stdout.write(api.schema_text(kind.value))
        return
    if output.exists() and not output.is_dir():
        raise UsageError(f"-o 应为目录（每种文件一个模式），而 {output} 是文件")
    for target in api.write_schemas(output):
        sys.stderr.write(f"已写入 {target}\n")


def register(app: typer.Typer) -> None:
    """Add the ``schema`` command to ``app``."""
    app.command("schema")(boundary(schema_command))
