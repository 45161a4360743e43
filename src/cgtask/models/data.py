"""Plain-data views of the validated registry, as ``model_dump(mode="json")`` produces them.

Read-only commands work on these dicts (loaded from the cache without
importing pydantic); a test checks that each TypedDict lists exactly the
fields of its pydantic model.
"""

from __future__ import annotations

from typing import Literal, TypedDict

from cgtask.models.ledger_data import LedgerData

# What an organisation without ``levels:`` or ``unit_kinds:`` means (the first registry's words); kept
# here, not beside the pydantic model, because the warm path reads them without importing pydantic.
DEFAULT_LEVELS = ("区局", "街镇中队", "机动执法中队")
DEFAULT_UNIT_KINDS = (("street", "街镇中队"), ("mobile", "机动执法中队"))
# A group's members besides a unit kind: every 科室 (but a task's lead), every unit, both.
GROUP_MEMBERS = ("departments", "units", "all")


class BureauData(TypedDict):
    """The bureau (局) that issues the documents: its names and the marks of its document numbers."""

    name: str
    short_name: str
    issuer_mark: str | None
    number_prefix: str | None
    monthly_number: str | None


class DepartmentData(TypedDict):
    """A 科室 of the bureau, with the other names people write for it."""

    name: str
    aliases: list[str]


class LevelData(TypedDict):
    """A level duties are owed at: the bureau itself, or a group or unit whose units each owe them."""

    name: str
    description: str | None


class UnitKindData(TypedDict):
    """A kind of unit below the bureau (中队, 大队, 县市区 …) and what people call it."""

    name: str
    title: str | None


class UnitData(TypedDict):
    """A unit below the bureau (中队, 县市区 …) of a declared kind, with its other names."""

    name: str
    kind: str
    aliases: list[str]


class GroupData(TypedDict):
    """A named group of bodies (全局各科室, 各街道中队 …) that a task may name instead of listing them."""

    name: str
    members: str
    aliases: list[str]
    description: str | None


class ExternalBodyData(TypedDict):
    """A body outside the bureau that a task may name, with its other spellings."""

    name: str
    aliases: list[str]


class OrganizationData(TypedDict):
    """organization.yaml: the bureau, its levels and unit kinds, 科室, units, groups, outside bodies, seasons."""

    bureau: BureauData
    levels: list[LevelData] | None
    unit_kinds: list[UnitKindData] | None
    windows: dict[str, str]
    departments: list[DepartmentData]
    units: list[UnitData]
    groups: list[GroupData]
    external: list[ExternalBodyData]


class HeaderData(TypedDict):
    """The head and foot of an official document: issuer, number, title, 主送, 抄送, signature."""

    issuer: str | None
    issuer_mark: str | None
    doc_number: str | None
    title: str | None
    addressee: str | None
    cc: str | None
    signature: str | None
    date: str | None
    printed_by: str | None
    print_date: str | None
    copies: int | None
    effective_from: str | None


class BlockData(TypedDict):
    """A paragraph of a document's body, with an optional heading."""

    heading: str | None
    text: str | None


class TargetData(TypedDict):
    """A measurable target in a task's text: a metric compared with a value or a range."""

    text: str
    metric: str | None
    op: str | None
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    scope: str | None


class ObligationData(TypedDict):
    """A duty a task or item imposes: who (level) does what, how often and by when."""

    level: str
    activity: str | None
    frequency: str
    due: str | None
    assumed: str | None
    text: str | None
    source: str | None
    rest_days: bool | None
    prevails: bool


class BaseData(TypedDict):
    """The population a share is taken of: its name and, when published, its size."""

    name: str
    value: float | None


class TaskData(TypedDict):
    """One task of a 任务分解: what is asked, who leads, who supports, its targets and duties."""

    id: str
    title: str
    detail: str
    items: list[str]
    lead: list[str]
    support: list[str]
    responsible: list[str]
    leader: str | None
    object: str | None
    inspector: str | None
    base: BaseData | None
    cells: list[str]
    review: list[str]
    targets: list[TargetData]
    schedule: list[ObligationData]
    basis: list[str]


class CategoryData(TypedDict):
    """One 类 of a 任务分解 and its tasks."""

    number: int
    name: str
    tasks: list[TaskData]


class TaskBreakdownData(TypedDict):
    """A 任务分解 document: the year's tasks, by category."""

    kind: Literal["task_breakdown"]
    id: str
    title: str
    year: int
    draft: bool
    form: Literal["task_breakdown", "inspection_plan", "work_plan"]
    columns: list[str]
    follows: str | None
    header: HeaderData
    categories: list[CategoryData]


class SupervisionItemData(TypedDict):
    """One item of a 执法监督计划: its content, who is responsible, the methods and duties."""

    id: str
    title: str
    heading: str | None
    content: str
    responsible: list[str]
    responsible_in_body: list[str]
    methods: list[str]
    note: str | None
    obligations: list[ObligationData]
    review: str | None


class SupervisionPlanData(TypedDict):
    """A 执法监督计划 document: its notice text and its items."""

    kind: Literal["supervision_plan"]
    id: str
    title: str
    year: int
    draft: bool
    follows: str | None
    header: HeaderData
    body: list[BlockData]
    attachment_title: str | None
    items: list[SupervisionItemData]


# --- the work plan (工作总结 and 工作计划) ---
class PlanItemData(TypedDict):
    """One numbered item of a 工作计划 part."""

    id: str
    numbering: str
    heading: str
    run_in: bool
    text: str


class PlanSectionData(TypedDict):
    """A numbered section of a 工作计划 part, with its items."""

    id: str
    numbering: str
    heading: str
    text: str
    items: list[PlanItemData]


class PlanPartData(TypedDict):
    """One part of a 工作计划 (the summary or the plan): intro, sections, items and closing."""

    year: int
    title: str
    intro: str
    sections: list[PlanSectionData]
    items: list[PlanItemData]
    closing: str


class FigureData(TypedDict):
    """A figure quoted in a 工作计划 (a metric, its value and the sentence it comes from)."""

    metric: str
    value: str
    number: float
    unit: str
    approximate: bool
    sentence: str
    item: str


class WorkPlanData(TypedDict):
    """A 工作计划 document: the notice, last year's summary, this year's plan and its figures."""

    kind: Literal["work_plan"]
    id: str
    title: str
    year: int
    header: HeaderData
    notice: str
    summary: PlanPartData
    plan: PlanPartData
    figures: list[FigureData]
    units: list[UnitData]


DocumentData = TaskBreakdownData | SupervisionPlanData | WorkPlanData


class CalendarDayData(TypedDict):
    """One day of calendar.yaml: its date and, for a holiday, its name."""

    date: str
    name: str | None


class WorkCalendarData(TypedDict):
    """calendar.yaml: the holidays and the 调休 workdays that override the national calendar."""

    holidays: list[CalendarDayData]
    workdays: list[CalendarDayData]


class FindingData(TypedDict):
    """A finding as JSON: where it is, its code, its message and its level."""

    file: str
    line: int
    col: int
    code: str
    message: str
    severity: Literal["error", "warning"]


class RegistryData(TypedDict):
    """Everything a command needs, as cached: the validated files and the warnings found."""

    root: str
    organization: OrganizationData
    documents: list[DocumentData]
    document_files: dict[str, str]
    calendar: WorkCalendarData
    warnings: list[FindingData]
    ledger: LedgerData
