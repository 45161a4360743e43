"""The leaf of the models: pydantic configuration, ids, names, the issuing header and the duty shape every document shares."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class Strict(BaseModel):
    """Base of every registry model: unknown keys are errors, so typos are caught."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=False)


NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=r"^\S(.*\S)?$")]

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
    effective_from: dt.date | None = Field(
        default=None,
        title="施行日期",
        description="文件中的周期性工作自此日起计；缺省为成文日期，再缺省为印发日期，都没有时为当年1月1日",
    )


class Block(Strict):
    """One block of body text: a heading line, a paragraph, or a run-in heading with its text."""

    heading: NonEmpty | None = Field(
        default=None, title="标题", description="例如 一、总体目标 或 （一）坚持问题导向。"
    )
    text: NonEmpty | None = Field(default=None, title="正文")


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
    rest_days: bool | None = Field(
        default=None,
        title="休息日计入",
        description="“每天”的工作在周末和节假日是否也要做：缺省 true（按自然日计）；只在工作日做时写 false，或把频次写成“每个工作日”",
    )
    prevails: bool = Field(
        default=False,
        title="以此为准",
        description="正文与附件1 对同一项工作规定不一致时，在采用的一条写 true（并加注释说明理由）；未写时按较严的一条计，cgtask check 提示",
    )
