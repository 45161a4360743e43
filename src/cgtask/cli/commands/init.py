"""``cgtask init``: a registry of one's own, ready for git and CI."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cgtask.cli.boundary import boundary


def init_command(
    target: Annotated[Path, typer.Argument(help="新登记册的目录（不存在或为空）", show_default=False)],
    blank: Annotated[
        bool, typer.Option("--blank", help="建立空白登记册（缺省复制随附的示例登记册）")
    ] = False,
    bureau: Annotated[
        str | None,
        typer.Option("--bureau", help="本局全称（--blank 时必填），如 上海市宝山区城市管理行政执法局"),
    ] = None,
) -> None:
    """建立自己的登记册：复制示例（或空白模板），附 .gitignore、.gitattributes（台账合并不冲突）、JSON Schema 和 CI 示例。

    随安装包提供的示例登记册只读：登记台账、导入台账表前先建立自己的登记册，并放进 git 与同事共享。

    示例：cgtask init 我的登记册
    """
    from cgtask import api

    written = api.init(target, blank=blank, bureau=bureau)
    for path in written:
        sys.stderr.write(f"已写入 {path}\n")
    sys.stderr.write(
        f"登记册已建立：{target}\n下一步：cd {target} && git init && git add . && git commit -m 建立登记册；"
        f"之后用 -r {target} 或环境变量 CGTASK_REGISTRY 指向它\n"
    )


def register(app: typer.Typer) -> None:
    """Add the ``init`` command to ``app``."""
    app.command("init")(boundary(init_command))
