"""``cgtask init``: a registry of one's own, ready for git and CI; or, with ``--city``, a 市局's folder."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cgtask.cli.boundary import boundary
from cgtask.errors import UsageError

if TYPE_CHECKING:
    from cgtask.api import CityWritten


def init_command(
    target: Annotated[
        Path | None,
        typer.Argument(
            help="新登记册的目录（不存在或为空）；--city 时为市局目录（缺省为当前目录）", show_default=False
        ),
    ] = None,
    blank: Annotated[
        bool, typer.Option("--blank", help="建立空白登记册（缺省复制随附的示例登记册）")
    ] = False,
    bureau: Annotated[
        str | None,
        typer.Option("--bureau", help="本局全称（--blank 时必填），如 上海市宝山区城市管理行政执法局"),
    ] = None,
    city: Annotated[
        str | None,
        typer.Option("--city", help="建立市局目录：写 city.yaml，值为市局全称，如 上海市城市管理行政执法局"),
    ] = None,
    district: Annotated[
        list[str] | None,
        typer.Option(
            "--district",
            help="一个区：名称=路径（路径从当前目录写，可用 Tab 补全），或只写路径（区名取自该区登记册的本局名称）；"
            "可重复。不写时在市局目录的子目录（两层以内）中查找各区登记册，找不到再查它旁边的目录",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有的 city.yaml（只用于 --city）")] = False,
) -> None:
    """建立自己的登记册：复制示例（或空白模板），附 .gitignore、.gitattributes（台账合并不冲突）、JSON Schema 和 CI 示例。

    随安装包提供的示例登记册只读：登记台账、导入台账表前先建立自己的登记册，并放进 git 与同事共享。
    加 --city 时建立市局目录：写一个 city.yaml，列出各区的名称和登记册位置，之后在该目录运行的查询都在各区之间汇总。

    示例：cgtask init 我的登记册；cgtask init 市局 --city 上海市城市管理行政执法局 --district 宝山区=我的登记册
    """
    from cgtask import api

    if city is not None:
        if blank or bureau is not None:
            raise UsageError("--city 建立市局目录，不能与 --blank、--bureau 同用")
        request = api.CityRequest(name=city, districts=list(district or []), force=force)
        _report_city(api.init_city(target or Path(), request), target)
        return
    if district or force:
        raise UsageError(f"{'--district' if district else '--force'} 只用于 --city（建立市局目录）")
    if target is None:
        raise UsageError("请给出新登记册的目录，例如 cgtask init 我的登记册")
    written = api.init(target, blank=blank, bureau=bureau)
    for path in written:
        sys.stderr.write(f"已写入 {path}\n")
    sys.stderr.write(
        f"登记册已建立：{target}\n下一步：cd {target} && git init && git add . && git commit -m 建立登记册；"
        f"之后用 -r {target} 或环境变量 CGTASK_REGISTRY 指向它\n"
    )


def _report_city(written: CityWritten, target: Path | None) -> None:
    """The file written, each district with its path and its bureau, and what to run next."""
    how = "找到" if written.found else "写入"
    shown = target / written.path.name if target is not None else written.path.name  # as the clerk named it
    sys.stderr.write(f"已写入 {shown}：{written.name}，{how} {len(written.districts)} 个区\n")
    for district in written.districts:
        bureau = f"（{district.bureau}）" if district.bureau else ""
        sys.stderr.write(f"  {district.name}  {district.path}{bureau}\n")
    if written.found:
        sys.stderr.write(
            "区名取自各区登记册的本局名称（organization.yaml）；不对或有遗漏时直接改 city.yaml\n"
        )
    where = f" -r {target}" if target is not None else ""
    sys.stderr.write(f"下一步：cgtask check{where}；cgtask overdue{where}\n")


def register(app: typer.Typer) -> None:
    """Add the ``init`` command to ``app``."""
    app.command("init")(boundary(init_command))
