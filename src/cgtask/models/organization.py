"""The organisation file: the bureau, its 科室, 中队, groups and external bodies."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cgtask.models.base import Name, NonEmpty, Strict


class Bureau(Strict):
    """The issuing bureau, as its documents name it."""

    name: NonEmpty = Field(title="全称", description="例如 上海市宝山区城市管理行政执法局")
    short_name: NonEmpty = Field(title="简称", description="表格与通知中的简称，例如 区城管执法局")
    issuer_mark: NonEmpty | None = Field(
        default=None, title="发文机关标志", description="红头文字，例如 上海市宝山区城市管理行政执法局文件"
    )
    number_prefix: NonEmpty | None = Field(
        default=None, title="发文字号前缀", description="例如 宝城执（文号为 宝城执〔2022〕3号）"
    )
    monthly_number: NonEmpty | None = Field(
        default=None,
        title="月度通知编号规则",
        description="月度到期事项通知的发文字号；{year} 年份、{month} 月份、{seq} 收文单位序号（科室在前、中队在后），"
        "例如 宝城执督〔{year}〕{month}{seq:02d}号；未写时用 --number",
    )


class Department(Strict):
    """A 科室 of the bureau: it can lead and support tasks."""

    name: Name = Field(title="名称", description="例如 监督科")
    aliases: list[Name] = Field(default_factory=list, title="别名", description="其他写法，例如 督察科")


class Unit(Strict):
    """A 中队: the 机动执法中队 or one 街镇中队."""

    name: Name = Field(title="名称", description="例如 机动执法中队、友谊路街道中队")
    kind: Literal["mobile", "street"] = Field(
        title="类型", description="mobile = 机动执法中队，street = 街镇中队（街道综合行政执法队）"
    )
    aliases: list[Name] = Field(default_factory=list, title="别名")


class Group(Strict):
    """A name that stands for several 科室 or 中队, such as 各科室 or 各中队."""

    name: Name = Field(title="名称", description="例如 各科室")
    members: Literal["departments", "units", "street_units", "all"] = Field(
        title="成员",
        description="departments = 全部科室（牵头科室除外），units = 全部中队，"
        "street_units = 全部街镇中队，all = 全部科室和中队",
    )
    description: str | None = Field(default=None, title="说明")


class ExternalBody(Strict):
    """A body outside the bureau that a task may name but that owns no duty here."""

    name: Name = Field(title="名称", description="例如 相关委办局、各街道、市局")


class Organization(Strict):
    """The file organization.yaml at the registry's top."""

    bureau: Bureau = Field(title="本局")
    departments: list[Department] = Field(title="科室", min_length=1)
    units: list[Unit] = Field(default_factory=list, title="中队")
    groups: list[Group] = Field(default_factory=list, title="统称")
    external: list[ExternalBody] = Field(default_factory=list, title="外部单位")
