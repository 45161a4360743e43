"""Plain-data mirrors of the work-plan models (:mod:`cgtask.models.plans`), as ``model_dump(mode="json")`` gives them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypedDict

if TYPE_CHECKING:
    from cgtask.models.data import HeaderData, UnitData


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
