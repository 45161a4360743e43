"""年度工作任务分解表: categories of tasks with lead and support departments."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cgtask.models.base import (
    DRAFT_DESCRIPTION,
    FOLLOWS_DESCRIPTION,
    REVIEW_DESCRIPTION,
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
        description="year = 全年，occurrence = 每次，unit = 每个中队，once = 一次性",
    )


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
    review: NonEmpty | None = Field(default=None, title="待复核", description=REVIEW_DESCRIPTION)


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
    follows: DocId | None = Field(default=None, title="上年文件", description=FOLLOWS_DESCRIPTION)
    header: Header = Field(default_factory=Header, title="发文信息")
    categories: list[Category] = Field(min_length=1, title="目录")
