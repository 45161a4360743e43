"""执法监督工作方案 with its 任务清单: supervision items and their per-level duties."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from cgtask.models.base import (
    DRAFT_DESCRIPTION,
    FOLLOWS_DESCRIPTION,
    REVIEW_DESCRIPTION,
    Block,
    DocId,
    Header,
    Name,
    NonEmpty,
    Obligation,
    Strict,
)


class SupervisionItem(Strict):
    """One item of a supervision plan's 任务清单, with what the body text says of it."""

    id: Annotated[str, StringConstraints(pattern=r"^\d+$")] = Field(title="序号")
    title: NonEmpty = Field(title="监督内容", description="附件任务清单中的监督内容")
    heading: NonEmpty | None = Field(default=None, title="正文标题", description="正文“监督内容”中的小标题")
    content: str = Field(default="", title="正文说明")
    responsible: list[Name] = Field(min_length=1, title="责任部门", description="附件1 任务清单中的责任部门")
    responsible_in_body: list[Name] = Field(
        default_factory=list,
        title="正文责任部门",
        description="正文写的责任部门与附件1 不同时照录；查询时两处合并",
    )
    methods: list[NonEmpty] = Field(default_factory=list, title="监督方法")
    note: NonEmpty | None = Field(default=None, title="备注")
    obligations: list[Obligation] = Field(default_factory=list, title="监督要求")
    review: NonEmpty | None = Field(default=None, title="待复核", description=REVIEW_DESCRIPTION)


class SupervisionPlan(Strict):
    """执法监督工作方案 with its 任务清单."""

    kind: Literal["supervision_plan"] = Field(title="类型")
    id: DocId = Field(title="文件编号")
    title: NonEmpty = Field(title="标题")
    year: int = Field(ge=2000, le=2100, title="年度")
    draft: bool = Field(default=False, title="草稿", description=DRAFT_DESCRIPTION)
    follows: DocId | None = Field(default=None, title="上年文件", description=FOLLOWS_DESCRIPTION)
    header: Header = Field(default_factory=Header, title="发文信息")
    body: list[Block] = Field(default_factory=list, title="正文")
    attachment_title: NonEmpty | None = Field(default=None, title="附件标题")
    items: list[SupervisionItem] = Field(min_length=1, title="任务清单")
