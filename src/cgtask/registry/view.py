"""A read-only view of loaded registry data: documents by id, the organisation index."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from cgtask.errors import UsageError
from cgtask.models.data import (
    DocumentData,
    RegistryData,
    SupervisionPlanData,
    TaskBreakdownData,
    TaskData,
)
from cgtask.registry.names import OrgIndex


class Registry:
    """The validated registry as plain data, with the lookups every command needs."""

    def __init__(self, data: RegistryData) -> None:
        self.data = data

    @cached_property
    def index(self) -> OrgIndex:
        return OrgIndex(self.data["organization"])

    @property
    def documents(self) -> list[DocumentData]:
        return self.data["documents"]

    def document(self, doc_id: str) -> DocumentData:
        """The document with this id, or an error listing the ids there are."""
        for document in self.documents:
            if document["id"] == doc_id:
                return document
        known = "、".join(d["id"] for d in self.documents) or "（无）"
        raise UsageError(f"没有编号为“{doc_id}”的文件；现有文件：{known}")

    def select(self, doc_id: str | None) -> list[DocumentData]:
        """All documents, or the one named by ``--doc``."""
        return [self.document(doc_id)] if doc_id else list(self.documents)

    def task_documents(self) -> list[TaskBreakdownData]:
        return [d for d in self.documents if d["kind"] == "task_breakdown"]

    def supervision_plans(self) -> list[SupervisionPlanData]:
        return [d for d in self.documents if d["kind"] == "supervision_plan"]


def iter_tasks(document: TaskBreakdownData) -> Iterator[tuple[str, TaskData]]:
    """(category name, task) for every task of a task-breakdown document, in table order."""
    for category in document["categories"]:
        for task in category["tasks"]:
            yield category["name"], task
