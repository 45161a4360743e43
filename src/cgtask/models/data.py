"""Plain-data views of the validated registry, as ``model_dump(mode="json")`` produces them.

Read-only commands work on these dicts (loaded from the cache without
importing pydantic); a test checks that each TypedDict lists exactly the
fields of its pydantic model.
"""

from __future__ import annotations

from typing import Literal, TypedDict

from cgtask.models.ledger_data import LedgerData


class BureauData(TypedDict):
    name: str
    short_name: str
    issuer_mark: str | None
    number_prefix: str | None
    monthly_number: str | None


class DepartmentData(TypedDict):
    name: str
    aliases: list[str]


class UnitData(TypedDict):
    name: str
    kind: Literal["mobile", "street"]
    aliases: list[str]


class GroupData(TypedDict):
    name: str
    members: Literal["departments", "units", "street_units", "all"]
    description: str | None


class ExternalBodyData(TypedDict):
    name: str


class OrganizationData(TypedDict):
    bureau: BureauData
    departments: list[DepartmentData]
    units: list[UnitData]
    groups: list[GroupData]
    external: list[ExternalBodyData]


class HeaderData(TypedDict):
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
    heading: str | None
    text: str | None


class TargetData(TypedDict):
    text: str
    metric: str | None
    op: str | None
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    scope: str | None


class ObligationData(TypedDict):
    level: str
    activity: str | None
    frequency: str
    due: str | None
    text: str | None
    source: str | None
    rest_days: bool | None
    prevails: bool


class TaskData(TypedDict):
    id: str
    title: str
    detail: str
    items: list[str]
    lead: list[str]
    support: list[str]
    targets: list[TargetData]
    schedule: list[ObligationData]
    basis: list[str]


class CategoryData(TypedDict):
    number: int
    name: str
    tasks: list[TaskData]


class TaskBreakdownData(TypedDict):
    kind: Literal["task_breakdown"]
    id: str
    title: str
    year: int
    draft: bool
    header: HeaderData
    categories: list[CategoryData]


class SupervisionItemData(TypedDict):
    id: str
    title: str
    heading: str | None
    content: str
    responsible: list[str]
    responsible_in_body: list[str]
    methods: list[str]
    note: str | None
    obligations: list[ObligationData]


class SupervisionPlanData(TypedDict):
    kind: Literal["supervision_plan"]
    id: str
    title: str
    year: int
    header: HeaderData
    body: list[BlockData]
    attachment_title: str | None
    items: list[SupervisionItemData]


# --- the work plan (工作总结 and 工作计划) ---
class PlanItemData(TypedDict):
    id: str
    numbering: str
    heading: str
    run_in: bool
    text: str


class PlanSectionData(TypedDict):
    id: str
    numbering: str
    heading: str
    text: str
    items: list[PlanItemData]


class PlanPartData(TypedDict):
    year: int
    title: str
    intro: str
    sections: list[PlanSectionData]
    items: list[PlanItemData]
    closing: str


class FigureData(TypedDict):
    metric: str
    value: str
    number: float
    unit: str
    approximate: bool
    sentence: str
    item: str


class WorkPlanData(TypedDict):
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
    date: str
    name: str | None


class WorkCalendarData(TypedDict):
    holidays: list[CalendarDayData]
    workdays: list[CalendarDayData]


class FindingData(TypedDict):
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
