"""``cgtask site``: the static 督办 website (board, unit pages, calendar, tasks) for CI to publish."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import AsOfOption, RegistryOption, today_or


def site_command(
    output: Annotated[Path, options.output("输出目录，如 public/")] = Path("public"),
    as_of: AsOfOption = None,
    force: Annotated[bool, options.force("输出目录不是上次生成的网站时也整体替换")] = False,
    registry: RegistryOption = None,
) -> None:
    """生成静态督办网站：总览（科室/中队 × 工作的红黄蓝督办表）、每个科室和中队一页、全年到期日历、
    可搜索筛选的任务表。网页不联网即可打开（文件共享或直接双击 index.html），可交给 CI 发布。

    输出目录须为空或上次生成的网站，否则需 --force。

    示例：cgtask site -o public/ --as-of 2022-03-31
    """  # noqa: D205 -- the first paragraph is the --help summary, kept as the users read it
    from cgtask import api

    report = api.build_site(registry, output, as_of=today_or(as_of, "--as-of"), force=force)
    size = report.bytes / 1024
    sys.stderr.write(
        f"已生成网站 {report.out_dir}：{len(report.pages)} 个网页，{report.files} 个文件，{size:.0f} KB\n"
    )


def register(app: typer.Typer) -> None:
    """Add the ``site`` command to ``app``."""
    app.command("site")(boundary(site_command))
