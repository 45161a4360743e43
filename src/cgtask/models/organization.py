"""The organisation file: the bureau, its levels, unit kinds, 科室, 中队, groups, external bodies and seasons.

Levels, unit kinds and named windows are the registry's own data: a 市局 with 县市区 declares its own,
and a file that declares none keeps the meaning of the first registry (Baoshan's 区局, 街镇中队 and
机动执法中队; street and mobile 中队), from :data:`cgtask.models.data.DEFAULT_LEVELS` and ``DEFAULT_UNIT_KINDS``.
"""

from __future__ import annotations

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


class Level(Strict):
    """A level a duty is owed at: the bureau itself, or a group or unit whose 中队 each owe it."""

    name: Name = Field(
        title="名称",
        description="例如 市局、区局、县局（本局自身）；或一个统称、一个单位的名称，如 街镇中队、各县市区、机动执法中队"
        "（由其中每个单位各自完成）",
    )
    description: str | None = Field(default=None, title="说明")


class UnitKind(Strict):
    """A kind of unit below the bureau, such as 中队, 大队, 支队, 所 or 县市区."""

    name: Name = Field(title="名称", description="单位的 kind 取这里的名称，例如 street、县市区、大队")
    title: NonEmpty | None = Field(
        default=None, title="称呼", description="这类单位的中文称呼，例如 街镇中队"
    )


class Unit(Strict):
    """A unit below the bureau (中队, 大队, 县市区 …) of a declared kind."""

    name: Name = Field(title="名称", description="例如 机动执法中队、友谊路街道中队、滕州市")
    kind: Name = Field(
        title="类型",
        description="unit_kinds 中登记的类型；未登记 unit_kinds 时为 mobile（机动执法中队）或 street（街镇中队）",
    )
    aliases: list[Name] = Field(default_factory=list, title="别名")


class Group(Strict):
    """A name that stands for several 科室 or units, such as 各科室, 各中队 or 各县市区."""

    name: Name = Field(title="名称", description="例如 各科室")
    members: Name = Field(
        title="成员",
        description="departments = 全部科室（牵头科室除外），units = 全部单位，all = 全部科室和单位，"
        "或一种单位类型（unit_kinds 中的名称，如 县市区），即该类型的全部单位；street_units 同 street",
    )
    aliases: list[Name] = Field(
        default_factory=list,
        title="别名",
        description="其他写法，例如 市、县级城市管理部门 与 市县级城市管理部门",
    )
    description: str | None = Field(default=None, title="说明")


class ExternalBody(Strict):
    """A body outside the bureau that a task may name but that owns no duty here."""

    name: Name = Field(title="名称", description="例如 相关委办局、各街道、市局")
    aliases: list[Name] = Field(default_factory=list, title="别名", description="其他写法")


class Organization(Strict):
    """The file organization.yaml at the registry's top."""

    bureau: Bureau = Field(title="本局")
    levels: list[Level] | None = Field(
        default=None,
        title="层级",
        description="监督要求和台账记录的 level 只能取这里的名称；未写时为 区局、街镇中队、机动执法中队",
    )
    unit_kinds: list[UnitKind] | None = Field(
        default=None,
        title="单位类型",
        description="units 的 kind 只能取这里的名称；未写时为 street（街镇中队）和 mobile（机动执法中队）",
    )
    windows: dict[Name, NonEmpty] = Field(
        default_factory=dict,
        title="时间窗口",
        description="频率短语中有名称的时段及其月份，例如 汛期: 6-9月；短语中未在此定义的时段不能使用",
    )
    departments: list[Department] = Field(title="科室", min_length=1)
    units: list[Unit] = Field(default_factory=list, title="中队")
    groups: list[Group] = Field(default_factory=list, title="统称")
    external: list[ExternalBody] = Field(default_factory=list, title="外部单位")
