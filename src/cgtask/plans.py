"""Work plans as entries and figures: what ``list``, ``show`` and ``figures`` read from a work-plan document."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from cgtask.models.plan_data import PlanItemData, PlanPartData, WorkPlanData

PartName = Literal["summary", "plan"]


@dataclass(frozen=True)
class PlanEntry:
    """One item of a summary or plan (or a section that has no items), with the heading it sits under."""

    id: str
    part: PartName
    category: str
    item: dict[str, Any]

    @property
    def search_text(self) -> str:
        return f"{self.item['heading']} {self.item['text']}"


def iter_plan_entries(document: WorkPlanData) -> Iterator[PlanEntry]:
    """Summary entries first, then plan entries, each in document order."""
    yield from _part_entries(document["summary"], "summary")
    yield from _part_entries(document["plan"], "plan")


def _part_entries(part: PlanPartData, part_name: PartName) -> Iterator[PlanEntry]:
    for section in part["sections"]:
        if not section["items"]:
            yield PlanEntry(section["id"], part_name, part["title"], dict(section))
        for item in section["items"]:
            yield _entry(item, part_name, section["heading"])
    for item in part["items"]:
        yield _entry(item, part_name, part["title"])


def _entry(item: PlanItemData, part_name: PartName, category: str) -> PlanEntry:
    return PlanEntry(item["id"], part_name, category, dict(item))


def find_plan_entry(document: WorkPlanData, item_id: str) -> list[dict[str, Any]]:
    """The entry with this id, whole, as ``show`` prints it (empty when there is none)."""
    return [
        {"doc": document["id"], "kind": "plan_item", "part": e.part, "category": e.category, **e.item}
        for e in iter_plan_entries(document)
        if e.id == item_id
    ]
