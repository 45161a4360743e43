"""The one place that switches on a document's kind: task_breakdown, supervision_plan or work_plan.

Everything else walks a document's items through :func:`items` (or :func:`by_kind` where the kinds
really do different things), so a new kind of document is taught here once: what its items are,
where they sit in the file, who leads them and what duties they carry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, cast

from cgtask.models.data import (
    DocumentData,
    ObligationData,
    PlanPartData,
    SupervisionPlanData,
    TaskBreakdownData,
    WorkPlanData,
)

T = TypeVar("T")
DocumentPath = list[str | int]  # keys and indexes from the document's top to a value
ItemKind = Literal["task", "supervision_item", "plan_item"]
PartName = Literal["summary", "plan"]
SUPERVISION_CATEGORY = "执法监督任务清单"  # the category every supervision item is listed under


@dataclass(frozen=True)
class Item:
    """One item of a document, whatever its kind, with where it sits in the file.

    ``listed`` is False only for a work plan's section that holds items of its own: it carries an
    id (checked for duplicates) but readers list its items instead.
    """

    doc: str
    kind: ItemKind
    id: str
    category: str
    path: DocumentPath
    data: Mapping[str, Any]
    part: PartName | None = None
    listed: bool = True

    @property
    def title(self) -> str:
        """The item's title: a plan item's heading, otherwise its title."""
        return str(self.data["heading" if self.kind == "plan_item" else "title"])

    @property
    def lead(self) -> list[str]:
        """Who leads: a task's 牵头部门, a supervision item's 责任部门; nobody for a plan item."""
        return list(self.data.get("lead", self.data.get("responsible", [])))

    @property
    def support(self) -> list[str]:
        """Who supports: a task's 配合部门; nobody for other items."""
        return list(self.data.get("support", []))

    @property
    def words(self) -> str:
        """The item's text, where ``list --search`` looks."""
        if self.kind == "task":
            return " ".join([self.data["title"], self.data["detail"], *self.data["items"]])
        if self.kind == "supervision_item":
            return " ".join([self.data["title"], self.data["content"], self.data["note"] or ""])
        return f"{self.data['heading']} {self.data['text']}"

    def obligations(self) -> Iterator[tuple[DocumentPath, ObligationData]]:
        """(path, obligation) of each duty the item carries: a task's schedule, an item's obligations."""
        key = {"task": "schedule", "supervision_item": "obligations"}.get(self.kind)
        if key is None:
            return
        for n, obligation in enumerate(self.data[key]):
            yield [*self.path, key, n], cast(ObligationData, obligation)


def by_kind(
    document: DocumentData,
    *,
    task_breakdown: Callable[[TaskBreakdownData], T],
    supervision_plan: Callable[[SupervisionPlanData], T],
    work_plan: Callable[[WorkPlanData], T],
) -> T:
    """The switch: call the function for the document's kind."""
    if document["kind"] == "task_breakdown":
        return task_breakdown(document)
    if document["kind"] == "supervision_plan":
        return supervision_plan(document)
    return work_plan(document)


def all_items(document: DocumentData) -> Iterator[Item]:
    """Every node of the document that carries an id, in file order (sections that hold items too)."""
    return by_kind(
        document, task_breakdown=_tasks, supervision_plan=_supervision_items, work_plan=_work_plan_items
    )


def items(document: DocumentData, kind: ItemKind | None = None) -> Iterator[Item]:
    """The items a reader lists, in file order; only those of ``kind`` when given."""
    return (item for item in all_items(document) if item.listed and kind in (None, item.kind))


def carries_duties(document: DocumentData) -> bool:
    """Task tables and supervision plans owe duties (and take ledger records); work plans do not."""
    return by_kind(document, task_breakdown=_yes, supervision_plan=_yes, work_plan=_no)


def _yes(_: object) -> bool:
    return True


def _no(_: object) -> bool:
    return False


def _tasks(document: TaskBreakdownData) -> Iterator[Item]:
    for c, category in enumerate(document["categories"]):
        for t, task in enumerate(category["tasks"]):
            path: DocumentPath = ["categories", c, "tasks", t]
            yield Item(document["id"], "task", task["id"], category["name"], path, task)


def _supervision_items(document: SupervisionPlanData) -> Iterator[Item]:
    for i, item in enumerate(document["items"]):
        yield Item(document["id"], "supervision_item", item["id"], SUPERVISION_CATEGORY, ["items", i], item)


def _work_plan_items(document: WorkPlanData) -> Iterator[Item]:
    """Summary first, then plan; in each, the sections with their items, then the part's own items."""
    parts: tuple[PartName, ...] = ("summary", "plan")
    for part_name in parts:
        yield from _part_items(document["id"], document[part_name], part_name)


def _part_items(doc: str, part: PlanPartData, part_name: PartName) -> Iterator[Item]:
    def item(data: Mapping[str, Any], path: DocumentPath, category: str, listed: bool = True) -> Item:
        return Item(doc, "plan_item", data["id"], category, path, data, part_name, listed)

    for s, section in enumerate(part["sections"]):
        section_path: DocumentPath = [part_name, "sections", s]
        yield item(section, section_path, part["title"], listed=not section["items"])
        for i, entry in enumerate(section["items"]):
            yield item(entry, [*section_path, "items", i], section["heading"])
    for i, entry in enumerate(part["items"]):
        yield item(entry, [part_name, "items", i], part["title"])
