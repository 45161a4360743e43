"""city.yaml: a 市局's registry over its districts' registries (each in its own git repository)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cgtask.models.base import Name, NonEmpty, Strict


class District(Strict):
    """One district: its name as the 市局 writes it and where its registry is checked out."""

    name: Name = Field(title="区名", description="例如 宝山区；各处输出的“区”一栏")
    path: NonEmpty = Field(
        title="登记册位置",
        description="区局登记册所在目录，相对于 city.yaml：git 子模块或并列的克隆，例如 districts/baoshan",
    )


class CityFile(Strict):
    """city.yaml: the 市局 and its districts; every query run on the folder answers across them."""

    kind: Literal["city"] = Field(title="类型", description="固定为 city")
    name: NonEmpty = Field(title="市局", description="市局全称，例如 上海市城市管理行政执法局")
    districts: list[District] = Field(min_length=1, title="各区", description="各区的名称和登记册位置")
