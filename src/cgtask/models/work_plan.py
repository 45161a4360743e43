"""The work plan: a year's 工作总结 and the next year's 工作计划 (or 工作要点) in one document.

Item ids are stable and say where an item sits, so that other documents (a task's
``basis``) and the figures can point at it:

- ``p2022-1.3`` — part (``p`` = 计划/要点, ``s`` = 总结), the part's year, section 一 → 1, item （三） → 3;
- ``p2022-1``   — section 一 itself (figures may come from a section's own paragraphs);
- ``p2021-3``   — item （三） of a part whose items are not grouped under sections (普陀 2021 要点).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from cgtask.models.base import DocId, Header, NonEmpty, Strict
from cgtask.models.organization import Unit

PlanItemId = Annotated[str, StringConstraints(pattern=r"^[sp]\d{4}-\d+(\.\d+)?$")]
NumberText = Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)?$")]


class PlanItem(Strict):
    """One numbered item such as （一）持续抓好疫情常态化防控。, its text verbatim."""

    id: PlanItemId = Field(title="编号", description="例如 p2022-1.3（计划第一部分第三项）、s2021-2.1")
    numbering: NonEmpty = Field(title="序号", description="原文序号，例如 （一） 或 (一)")
    heading: NonEmpty = Field(title="标题", description="序号后的小标题，不含句末“。”")
    run_in: bool = Field(
        default=True,
        title="标题与正文同段",
        description="true = 原文“（一）标题。正文”连写；false = 标题单独成行",
    )
    text: str = Field(default="", title="正文", description="原文照录；分段处以换行分隔")


class PlanSection(Strict):
    """A part's section such as 一、服务城市高质量发展…, with its items."""

    id: PlanItemId = Field(title="编号", description="例如 p2022-1")
    numbering: NonEmpty = Field(title="序号", description="原文序号，例如 一、")
    heading: NonEmpty = Field(title="标题")
    text: str = Field(default="", title="正文", description="标题之后、第一项之前的段落，原文照录")
    items: list[PlanItem] = Field(default_factory=list, title="条目")


class PlanPart(Strict):
    """The summary (工作总结) or the plan (工作计划/工作要点) of a work-plan document."""

    year: int = Field(ge=2000, le=2100, title="年度", description="总结的是哪一年，或计划的是哪一年")
    title: NonEmpty = Field(title="标题", description="例如 2021年工作总结、2022年工作计划")
    intro: str = Field(default="", title="导语", description="第一个部分之前的段落，原文照录")
    sections: list[PlanSection] = Field(default_factory=list, title="部分", description="一、二、……")
    items: list[PlanItem] = Field(
        default_factory=list, title="条目", description="不分部分、直接编为（一）（二）……的条目"
    )
    closing: str = Field(default="", title="结语", description="最后一个部分之后的段落，原文照录")

    @model_validator(mode="after")
    def _sections_or_items(self) -> PlanPart:
        if bool(self.sections) == bool(self.items):
            raise ValueError("sections 与 items 须有且只有一个：条目或归入部分，或直接列出")
        return self


class Figure(Strict):
    """A key figure of a summary, as written: 依法查处无序设摊案件31586起."""

    metric: NonEmpty = Field(title="指标", description="数字前的说明文字，例如 依法查处无序设摊案件")
    value: NumberText = Field(title="原文数值", description="照原文书写，例如 31586、38.6、84.98")
    number: float = Field(title="数值", description="value 的数值，供比较与计算")
    unit: NonEmpty = Field(title="单位", description="例如 起、处、万平方米、分、%")
    approximate: bool = Field(default=False, title="约数", description="原文写“余”“近”“超”“约”等")
    sentence: NonEmpty = Field(title="原句", description="数字所在的句子，原文照录")
    item: PlanItemId = Field(title="条目", description="数字所在的条目或部分编号，例如 s2021-1.2")

    @model_validator(mode="after")
    def _number_matches_value(self) -> Figure:
        if Decimal(self.value) != Decimal(repr(self.number)):
            raise ValueError(f"number {self.number} 与 value {self.value} 不一致")
        return self


class WorkPlan(Strict):
    """工作总结和工作计划: a bureau's summary of one year and its plan for the next."""

    kind: Literal["work_plan"] = Field(title="类型")
    id: DocId = Field(title="文件编号", description="命令行用的英文标识，例如 plan-2022-city")
    title: NonEmpty = Field(title="标题", description="例如 城管执法系统2021年工作总结和2022年工作计划")
    year: int = Field(ge=2000, le=2100, title="年度", description="计划的年度")
    header: Header = Field(default_factory=lambda: Header(), title="发文信息")
    notice: str = Field(
        default="", title="通知正文", description="印发通知的正文，例如 现将《…》印发给你们……"
    )
    summary: PlanPart = Field(title="工作总结")
    plan: PlanPart = Field(title="工作计划", description="工作计划或工作要点")
    figures: list[Figure] = Field(default_factory=list, title="关键数字", description="从工作总结中摘出")
    units: list[Unit] = Field(
        default_factory=list,
        title="文中中队",
        description="文中点名的中队（属于发文单位，不是本局的组织）",
    )
