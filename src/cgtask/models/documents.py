"""Registry documents: the task-breakdown table and the supervision plan."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from cgtask.models.base import Name, NonEmpty, Strict

DocId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
TaskId = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+$")]
DocNumber = Annotated[str, StringConstraints(pattern=r"^\S+〔\d{4}〕[1-9]\d*号$")]


class Header(Strict):
    """Issuing data of a document, so it can be rendered back in official form."""

    issuer: NonEmpty | None = Field(default=None, title="发文机关")
    issuer_mark: NonEmpty | None = Field(default=None, title="发文机关标志", description="红头文字")
    doc_number: DocNumber | None = Field(default=None, title="发文字号", description="例如 宝城执〔2022〕3号")
    title: NonEmpty | None = Field(default=None, title="公文标题", description="例如 关于印发《…》的通知")
    addressee: NonEmpty | None = Field(default=None, title="主送机关", description="例如 各街镇")
    cc: NonEmpty | None = Field(default=None, title="抄送机关")
    signature: NonEmpty | None = Field(default=None, title="署名")
    date: dt.date | None = Field(default=None, title="成文日期")
    printed_by: NonEmpty | None = Field(default=None, title="印发机关")
    print_date: dt.date | None = Field(default=None, title="印发日期")
    copies: int | None = Field(default=None, ge=1, title="印数", description="份数")


class Block(Strict):
    """One block of body text: a heading line, a paragraph, or a run-in heading with its text."""

    heading: NonEmpty | None = Field(
        default=None, title="标题", description="例如 一、总体目标 或 （一）坚持问题导向。"
    )
    text: NonEmpty | None = Field(default=None, title="正文")


class Target(Strict):
    """A quantitative requirement, kept next to its verbatim text."""

    text: NonEmpty = Field(title="原文", description="例如 APP开单率≥95%")
    metric: NonEmpty | None = Field(default=None, title="指标")
    op: Literal[">=", ">", "<=", "<", "=", "between", "top"] | None = Field(
        default=None, title="比较", description="between 为区间（low < x ≤ high），top 为排名前N"
    )
    value: float | None = Field(default=None, title="数值")
    low: float | None = Field(default=None, title="下限")
    high: float | None = Field(default=None, title="上限")
    unit: str | None = Field(default=None, title="单位", description="例如 份、篇、%")
    scope: Literal["year", "occurrence", "unit", "once"] | None = Field(
        default=None,
        title="范围",
        description="year = 全年，occurrence = 每次，unit = 每个中队，once = 一次性",
    )


class Obligation(Strict):
    """A periodic duty: who (level) does what, how often, from which source text."""

    level: Literal["区局", "街镇中队", "机动执法中队"] = Field(title="层级")
    activity: NonEmpty | None = Field(default=None, title="工作内容", description="例如 街面实效督察")
    frequency: NonEmpty = Field(
        title="频次", description="中文频次短语，例如 每周不少于2次、每半年1次、一案一督"
    )
    due: NonEmpty | None = Field(
        default=None,
        title="期限规则",
        description="例如 次月5日前、3个工作日内、不顺延；缺省为期末最后一个工作日",
    )
    text: NonEmpty | None = Field(default=None, title="原文", description="该要求在来源文件中的原话")
    source: NonEmpty | None = Field(default=None, title="来源", description="正文 或 附件1 等")


class Task(Strict):
    """One row of the task-breakdown table."""

    id: TaskId = Field(title="编号", description="类别序号.行序号，例如 4.3")
    title: NonEmpty = Field(title="简称", description="工作细则第一个句号前的文字")
    detail: str = Field(default="", title="工作细则", description="原文；有编号分项时为分项前的引语")
    items: list[NonEmpty] = Field(default_factory=list, title="分项", description="原文中的 1. 2. … 分项")
    # Not min_length=1: a draft table (``draft: true``) may leave it empty for the keeper to fill;
    # registry.draft_checks makes an empty lead an error everywhere else, located at the task.
    lead: list[Name] = Field(title="牵头部门", description="至少一个；草稿中可暂为 []")
    support: list[Name] = Field(default_factory=list, title="配合部门")
    targets: list[Target] = Field(default_factory=list, title="量化指标")
    schedule: list[Obligation] = Field(default_factory=list, title="周期性工作")
    basis: list[NonEmpty] = Field(default_factory=list, title="依据", description="对应的工作计划条目编号")


class Category(Strict):
    """A 目录 of the task table, with its 序号."""

    number: int = Field(ge=1, title="序号")
    name: Name = Field(title="目录")
    tasks: list[Task] = Field(min_length=1, title="任务")


class TaskBreakdown(Strict):
    """年度工作任务分解表."""

    kind: Literal["task_breakdown"] = Field(title="类型")
    id: DocId = Field(title="文件编号", description="命令行用的英文标识，例如 tasks-2022")
    title: NonEmpty = Field(title="标题")
    year: int = Field(ge=2000, le=2100, title="年度")
    draft: bool = Field(
        default=False,
        title="草稿",
        description="true = 尚待填写的草稿（如 cgtask decompose 生成的）：牵头部门空缺只作警告",
    )
    header: Header = Field(default_factory=Header, title="发文信息")
    categories: list[Category] = Field(min_length=1, title="目录")


class SupervisionItem(Strict):
    """One item of a supervision plan's 任务清单, with what the body text says of it."""

    id: Annotated[str, StringConstraints(pattern=r"^\d+$")] = Field(title="序号")
    title: NonEmpty = Field(title="监督内容", description="附件任务清单中的监督内容")
    heading: NonEmpty | None = Field(default=None, title="正文标题", description="正文“监督内容”中的小标题")
    content: str = Field(default="", title="正文说明")
    responsible: list[Name] = Field(min_length=1, title="责任部门")
    methods: list[NonEmpty] = Field(default_factory=list, title="监督方法")
    note: NonEmpty | None = Field(default=None, title="备注")
    obligations: list[Obligation] = Field(default_factory=list, title="监督要求")


class SupervisionPlan(Strict):
    """执法监督工作方案 with its 任务清单."""

    kind: Literal["supervision_plan"] = Field(title="类型")
    id: DocId = Field(title="文件编号")
    title: NonEmpty = Field(title="标题")
    year: int = Field(ge=2000, le=2100, title="年度")
    header: Header = Field(default_factory=Header, title="发文信息")
    body: list[Block] = Field(default_factory=list, title="正文")
    attachment_title: NonEmpty | None = Field(default=None, title="附件标题")
    items: list[SupervisionItem] = Field(min_length=1, title="任务清单")


# Imported here, not at the top: plans.py reuses Header and DocId defined above.
from cgtask.models.plans import WorkPlan  # noqa: E402

Document = Annotated[TaskBreakdown | SupervisionPlan | WorkPlan, Field(discriminator="kind")]


class CalendarDay(Strict):
    """One date the State Council calendar sets apart."""

    date: dt.date = Field(title="日期")
    name: NonEmpty | None = Field(default=None, title="说明", description="例如 春节、春节调休上班")


class WorkCalendarFile(Strict):
    """calendar.yaml: holidays and adjusted workdays for years the built-in calendar does not know yet."""

    holidays: list[CalendarDay] = Field(default_factory=list, title="放假日")
    workdays: list[CalendarDay] = Field(default_factory=list, title="调休上班日")
