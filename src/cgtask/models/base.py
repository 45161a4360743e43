"""The leaf of the models: pydantic configuration, ids, names, the issuing header and the duty shape every document shares."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# What an editor shows when hovering over a registry object (the JSON Schema's title and description):
# Chinese, for the keepers who edit the YAML. The class docstrings stay for the developers.
SCHEMA_WORDS: dict[str, tuple[str, str | None]] = {
    "Block": ("正文段落", "正文的一段：标题行、段落，或带段首标题的段落"),
    "Category": ("目录", "任务分解表的一个目录（类别）及其下的任务"),
    "Figure": ("关键数字", "工作总结中的一个关键数字：指标、数值（照原文）和单位"),
    "Header": ("发文信息", "文件的发文信息，据此可按原样生成公文"),
    "Obligation": ("监督要求", "一项周期性工作：哪一层级、做什么、多久一次，出自哪段原文"),
    "PlanItem": ("计划条目", "工作计划中的一个条目"),
    "PlanPart": ("计划部分", "工作总结或工作计划的一个部分"),
    "PlanSection": ("计划小节", "工作计划中的一个小节及其条目"),
    "SupervisionItem": ("监督事项", "任务清单中的一项：监督内容、责任部门、方法和各层级的要求"),
    "SupervisionPlan": ("执法监督工作方案", "执法监督工作方案：发文信息、正文和附件任务清单"),
    "Target": ("量化指标", "一项量化要求，原文与其结构（指标、运算符、数值、单位）并存"),
    "Base": ("抽查基数", "比例所依据的总数：名称，以及原表写明时的数目"),
    "Task": ("任务", "任务分解表的一行：编号、工作细则、牵头与配合部门、指标和周期"),
    "TaskBreakdown": ("年度工作任务分解表", "年度工作任务分解表：发文信息、目录和任务"),
    "Unit": ("单位", "本局下属的一个单位（中队、大队、县市区 …）"),
    "WorkPlan": ("工作总结和工作计划", "工作总结和工作计划：发文信息、正文、条目和关键数字"),
    "Bureau": ("本局", "发文机关，按其公文中的写法"),
    "Department": ("科室", "本局的一个科室"),
    "ExternalBody": ("外部单位", "任务中可以提到、但在本登记册中不承担工作的局外单位"),
    "Group": ("统称", "代表多个科室或中队的统称，如各科室、各中队"),
    "Organization": (
        "组织机构",
        "登记册根目录下的 organization.yaml：本局、层级、单位类型、科室、单位、统称、外部单位和时间窗口",
    ),
    "Level": ("层级", "监督要求所在的层级：本局自身，或由其中每个单位各自完成的统称、单位"),
    "UnitKind": ("单位类型", "本局下属单位的一种类型，如 中队、大队、县市区"),
    "CalendarDay": ("日历日", "国务院放假安排中的一个日期"),
    "WorkCalendarFile": ("工作日历", "calendar.yaml：内置日历尚未收录的年份的放假日和调休上班日"),
    "LedgerEntry": ("台账记录", "一条完成记录：某项工作某一周期、某一层级，由某个中队或本局完成"),
    "Ledger": ("进度台账", "ledger.yaml：登记册的台账，每条记录一项，由 cgtask done 追加"),
    "District": ("区", "市局登记册中的一个区：名称和区局登记册的位置"),
    "CityFile": ("市局登记册", "city.yaml：市局及其各区的登记册，查询在各区之间汇总"),
}


def _chinese_schema_words(schema: dict[str, Any], model: type[BaseModel]) -> None:
    title, description = SCHEMA_WORDS.get(model.__name__, (None, None))
    if title:
        schema["title"] = title
    if description:
        schema["description"] = description
    elif "description" in schema:
        del schema["description"]  # an English docstring is for developers, not for the editor's hover text


class Strict(BaseModel):
    """Base of every registry model: unknown keys are errors, so typos are caught."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=False, frozen=False, json_schema_extra=_chinese_schema_words
    )


NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=r"^\S(.*\S)?$")]

DocId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
TaskId = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+$")]
DocNumber = Annotated[str, StringConstraints(pattern=r"^\S+〔\d{4}〕[1-9]\d*号$")]


DRAFT_DESCRIPTION = (
    "true = 尚未印发的草稿（cgtask decompose、cgtask rollover 生成的）：cgtask check 提示待印发，牵头部门空缺只作警告；"
    "印发后删去本行并填写文号、成文日期"
)
FOLLOWS_DESCRIPTION = "由哪份上年文件沿用而来（cgtask rollover 写入），cgtask diff 据此对照两年"
REVIEW_DESCRIPTION = "沿用上年文件时标出的年度数字、日期，待起草人核定后删去本行（cgtask check 提示）"


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

    level: Name = Field(
        title="层级",
        description="organization.yaml 的 levels 中登记的层级，未登记时为 区局、街镇中队 或 机动执法中队",
    )
    activity: NonEmpty | None = Field(default=None, title="工作内容", description="例如 街面实效督察")
    frequency: NonEmpty = Field(
        title="频次", description="中文频次短语，例如 每周不少于2次、每半年1次、一案一督"
    )
    due: NonEmpty | None = Field(
        default=None,
        title="期限规则",
        description="例如 次月5日前、3个工作日内、不顺延；缺省为期末最后一个工作日",
    )
    assumed: NonEmpty | None = Field(
        default=None,
        title="推定",
        description="原文没有写明而由登记册推定的部分及理由，例如 方案未写周期，承上句按每月计；"
        "各处列出该要求时注明“推定”，cgtask check 提示",
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
