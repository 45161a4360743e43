"""年度工作任务分解表: categories of tasks with lead and support departments."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator

from cgtask.models.base import (
    DRAFT_DESCRIPTION,
    FOLLOWS_DESCRIPTION,
    DocId,
    Header,
    Name,
    NonEmpty,
    Obligation,
    Strict,
    TaskId,
)


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
        description="year = 全年，occurrence = 每次，unit = 每个单位（中队、县市区 …），once = 一次性",
    )


class Base(Strict):
    """The population a share is taken of (预估抽查对象数 7, 市场主体名录库): its name and, when published, its size."""

    name: NonEmpty = Field(title="基数名称", description="例如 预估抽查对象数、检查对象总数")
    value: float | None = Field(default=None, ge=0, title="基数", description="原表写明的数目；未公布时不填")


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
    responsible: list[Name] = Field(
        default_factory=list, title="责任部门", description="重点责任部门等：同样负责，不是配合"
    )
    leader: NonEmpty | None = Field(default=None, title="牵头局领导", description="人名，不是部门")
    object: NonEmpty | None = Field(default=None, title="检查对象")
    inspector: NonEmpty | None = Field(default=None, title="检查主体", description="原表的检查主体，原样保留")
    base: Base | None = Field(default=None, title="抽查基数", description="比例的基数，如 预估抽查对象数")
    cells: list[str] = Field(
        default_factory=list, title="原表各列", description="导入时该行各列的原文，与文件的 columns 一一对应"
    )
    review: list[NonEmpty] = Field(
        default_factory=list,
        title="待核对",
        description=(
            "导入时未能确定的内容（读不懂的单元格、新登记的部门、从正文读出的期限），或沿用上年文件时标出的"
            "年度数字、日期；核对后删去（cgtask check 提示）"
        ),
    )
    targets: list[Target] = Field(default_factory=list, title="量化指标")
    schedule: list[Obligation] = Field(default_factory=list, title="周期性工作")
    basis: list[NonEmpty] = Field(default_factory=list, title="依据", description="对应的工作计划条目编号")

    @field_validator("review", mode="before")
    @classmethod
    def _one_note_is_a_list(cls, value: Any) -> Any:
        """``cgtask rollover`` writes one note as text (review: …): it is a list of one."""
        return [value] if isinstance(value, str) else value


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
        description=DRAFT_DESCRIPTION,
    )
    form: Literal["task_breakdown", "inspection_plan", "work_plan"] = Field(
        default="task_breakdown",
        title="原表类型",
        description="task_breakdown = 任务分解表，inspection_plan = 双随机抽查计划，work_plan = 工作要点/思路",
    )
    columns: list[str] = Field(
        default_factory=list, title="原表表头", description="导入时原表的列名，按原顺序；render plan 按此排版"
    )
    follows: DocId | None = Field(default=None, title="上年文件", description=FOLLOWS_DESCRIPTION)
    header: Header = Field(default_factory=Header, title="发文信息")
    categories: list[Category] = Field(min_length=1, title="目录")
