"""A read-only view of loaded registry data: documents by id, the organisation index.

A view opened from a warm cache holds only a small summary (the organisation and
each document's id, kind and categories); the full data is read on first use.
``derived`` keeps data computed from the registry (such as the rows of
``cgtask list``) in the cache too, so a query over 100,000 tasks need not
decode them all again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypedDict, TypeVar

from cgtask.errors import UsageError
from cgtask.models.data import (
    DocumentData,
    OrganizationData,
    RegistryData,
    SupervisionPlanData,
    TaskBreakdownData,
    TaskData,
)
from cgtask.registry.names import OrgIndex

T = TypeVar("T")


class CategorySummary(TypedDict):
    number: int
    name: str


class DocumentSummary(TypedDict):
    id: str
    kind: str
    title: str
    year: int
    categories: list[CategorySummary]


class RegistrySummary(TypedDict):
    organization: OrganizationData
    documents: list[DocumentSummary]


@dataclass(frozen=True)
class CacheKey:
    """Where the cache of a registry lives and the file stamps it must match."""

    root: Path
    stamps: list[list[object]]


def summarize(data: RegistryData) -> RegistrySummary:
    documents: list[DocumentSummary] = []
    for document in data["documents"]:
        categories = (
            [CategorySummary(number=c["number"], name=c["name"]) for c in document["categories"]]
            if document["kind"] == "task_breakdown"
            else []
        )
        documents.append(
            DocumentSummary(
                id=document["id"],
                kind=document["kind"],
                title=document["title"],
                year=document["year"],
                categories=categories,
            )
        )
    return RegistrySummary(organization=data["organization"], documents=documents)


class Registry:
    """The validated registry as plain data, with the lookups every command needs."""

    def __init__(
        self,
        data: RegistryData | None = None,
        *,
        summary: RegistrySummary | None = None,
        key: CacheKey | None = None,
        load: Callable[[], RegistryData] | None = None,
    ) -> None:
        if data is None and (summary is None or load is None):
            raise ValueError("a registry view needs its data, or a summary and a way to load the data")
        self._data = data
        self._summary = summary
        self._key = key
        self._load = load

    @cached_property
    def data(self) -> RegistryData:
        if self._data is not None:
            return self._data
        assert self._load is not None
        return self._load()

    @cached_property
    def summary(self) -> RegistrySummary:
        return self._summary if self._summary is not None else summarize(self.data)

    @cached_property
    def index(self) -> OrgIndex:
        return OrgIndex(self.summary["organization"])

    @property
    def documents(self) -> list[DocumentData]:
        return self.data["documents"]

    def document_ids(self) -> list[str]:
        return [d["id"] for d in self.summary["documents"]]

    def check_document_id(self, doc_id: str) -> None:
        """Accept a known document id, or explain which ids there are."""
        known = self.document_ids()
        if doc_id not in known:
            raise UsageError(f"没有编号为“{doc_id}”的文件；现有文件：{'、'.join(known) or '（无）'}")

    def document(self, doc_id: str) -> DocumentData:
        """The document with this id, or an error listing the ids there are."""
        self.check_document_id(doc_id)
        return next(d for d in self.documents if d["id"] == doc_id)

    def select(self, doc_id: str | None) -> list[DocumentData]:
        """All documents, or the one named by ``--doc``."""
        return [self.document(doc_id)] if doc_id else list(self.documents)

    def task_documents(self) -> list[TaskBreakdownData]:
        return [d for d in self.documents if d["kind"] == "task_breakdown"]

    def supervision_plans(self) -> list[SupervisionPlanData]:
        return [d for d in self.documents if d["kind"] == "supervision_plan"]

    def derived(self, name: str, compute: Callable[[Registry], T]) -> T:
        """``compute(self)``, kept in the cache beside the registry while its files are unchanged.

        The result must survive a JSON round trip unchanged (lists, not tuples).
        """
        from cgtask.registry.cache import read_payload, write_payload

        if self._key is None:
            return compute(self)
        cached: Any = read_payload(self._key.root, self._key.stamps, name)
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        result = compute(self)
        write_payload(self._key.root, self._key.stamps, name, result)
        return result


def iter_tasks(document: TaskBreakdownData) -> Iterator[tuple[str, TaskData]]:
    """(category name, task) for every task of a task-breakdown document, in table order."""
    for category in document["categories"]:
        for task in category["tasks"]:
            yield category["name"], task
