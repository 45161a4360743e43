"""A read-only view of loaded registry data: documents by id, the organisation index.

A view opened from a warm cache holds only a small summary (the organisation and
each document's id, kind and categories); each part of the data is read on first use.
``derived`` keeps data computed from each document (such as the rows of
``cgtask list``) in the cache too, so a query over 100,000 tasks need not
decode the documents at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol, TypedDict, TypeVar

from cgtask.errors import UsageError
from cgtask.models.data import (
    DocumentData,
    OrganizationData,
    RegistryData,
    SupervisionPlanData,
    TaskBreakdownData,
    TaskData,
    WorkPlanData,
)
from cgtask.registry.names import OrgIndex

T = TypeVar("T")


class CategorySummary(TypedDict):
    """A category's number and name, all that listings need without reading the document."""

    number: int
    name: str


class DocumentSummary(TypedDict):
    """What the summary keeps of a document: its id, kind, title, year and categories."""

    id: str
    kind: str
    title: str
    year: int
    categories: list[CategorySummary]


class RegistrySummary(TypedDict):
    """The organisation and each document's summary: what a warm cache opens a view with."""

    organization: OrganizationData
    documents: list[DocumentSummary]


class RegistrySource(Protocol):
    """Where a view's data comes from when it was not given whole: the incremental cache."""

    @property
    def summary(self) -> RegistrySummary:
        """The organisation and the documents' summaries."""

    def data(self) -> RegistryData:
        """The whole registry data, each part read on first use."""

    def derived(self, name: str, compute: Any, view: Registry) -> list[Any]:
        """``compute(view)`` over each document, from the cache while the document's file is unchanged."""

    def document(self, doc_id: str) -> DocumentData:
        """One document's data, reading only its own entry."""


def summarize_document(document: DocumentData) -> DocumentSummary:
    """The summary kept of ``document``: its id, kind, title, year and categories."""
    categories = (
        [CategorySummary(number=c["number"], name=c["name"]) for c in document["categories"]]
        if document["kind"] == "task_breakdown"
        else []
    )
    return DocumentSummary(
        id=document["id"],
        kind=document["kind"],
        title=document["title"],
        year=document["year"],
        categories=categories,
    )


def summarize(data: RegistryData) -> RegistrySummary:
    """The summary of ``data``: the organisation and each document's summary."""
    documents = [summarize_document(document) for document in data["documents"]]
    return RegistrySummary(organization=data["organization"], documents=documents)


class Registry:
    """The validated registry as plain data, with the lookups every command needs."""

    def __init__(self, data: RegistryData | None = None, *, store: RegistrySource | None = None) -> None:
        if data is None and store is None:
            raise ValueError("a registry view needs its data, or the cache to read it from")
        self._data = data
        self._store = store
        self._prepared: dict[str, Any] = {}  # what :meth:`prepared` computed, one entry per name

    def prepared(self, name: str, compute: Callable[[Registry], T]) -> T:
        """``compute(self)`` once for this view, that is once per command (``cgtask.queries.context``).

        Unlike :meth:`derived` nothing is written to the cache: what is kept lives as long as the view.
        """
        if name not in self._prepared:
            self._prepared[name] = compute(self)
        return self._prepared[name]  # type: ignore[no-any-return]

    def keep(self, name: str, value: T) -> T:
        """Keep ``value`` as what :meth:`prepared` gives for ``name`` from now on (a narrowed context)."""
        self._prepared[name] = value
        return value

    @property
    def stamps(self) -> tuple[Path, list[list[object]]] | None:
        """The registry folder and its files' stamps, which a cached answer must match (None: data in memory)."""
        root, stamps = getattr(self._store, "root", None), getattr(self._store, "stamps", None)
        return (root, stamps) if root is not None and stamps is not None else None

    def duty_cadences(self) -> list[tuple[str, int, Any]] | None:
        """Each document's id, year and duties' cadences, kept by the cache (None: data in memory, work them out)."""
        kept = getattr(self._store, "duty_cadences", None)
        return kept() if kept is not None else None

    @cached_property
    def data(self) -> RegistryData:
        """The registry as plain data; from the cache, each part (documents, ledger …) is read on first use."""
        if self._data is not None:
            return self._data
        assert self._store is not None
        return self._store.data()

    @cached_property
    def summary(self) -> RegistrySummary:
        """The organisation and the documents' summaries, from the store when there is one."""
        return self._store.summary if self._store is not None else summarize(self.data)

    @cached_property
    def index(self) -> OrgIndex:
        """The lookups of the organisation's names (科室, 中队, groups), built once."""
        return OrgIndex(self.summary["organization"])

    @property
    def documents(self) -> list[DocumentData]:
        """Every document's data, in file order."""
        return self.data["documents"]

    def document_ids(self) -> list[str]:
        """The documents' ids, in file order, read from the summary alone."""
        return [d["id"] for d in self.summary["documents"]]

    def check_document_id(self, doc_id: str) -> None:
        """Accept a known document id, or explain which ids there are."""
        known = self.document_ids()
        if doc_id not in known:
            raise UsageError(f"没有编号为“{doc_id}”的文件；现有文件：{'、'.join(known) or '（无）'}")

    def document(self, doc_id: str) -> DocumentData:
        """The document with this id, or an error listing the ids there are."""
        self.check_document_id(doc_id)
        if self._store is not None and "data" not in self.__dict__:
            return self._store.document(doc_id)  # nothing else read yet: read this one alone
        return next(d for d in self.documents if d["id"] == doc_id)

    def select(self, doc_id: str | None) -> list[DocumentData]:
        """All documents, or the one named by ``--doc``."""
        return [self.document(doc_id)] if doc_id else list(self.documents)

    def task_documents(self) -> list[TaskBreakdownData]:
        """The 任务分解 documents."""
        return [d for d in self.documents if d["kind"] == "task_breakdown"]

    def work_plan(self, doc_id: str) -> WorkPlanData:
        """The 工作总结和工作计划 with this id, or an error naming the ones there are."""
        document = self.document(doc_id)
        if document["kind"] != "work_plan":
            plans = "、".join(d["id"] for d in self.documents if d["kind"] == "work_plan") or "（无）"
            raise UsageError(f"文件 {doc_id} 不是工作计划（工作总结和工作计划）；可选：{plans}")
        return document

    def supervision_plans(self) -> list[SupervisionPlanData]:
        """The 执法监督计划 documents."""
        return [d for d in self.documents if d["kind"] == "supervision_plan"]

    def derived(self, name: str, compute: Callable[[Registry], T]) -> T:
        """``compute(self)``, kept in the cache per document while that document's file is unchanged.

        ``compute`` must return a list made from ``documents`` one by one (its result over the whole
        registry is the concatenation of its results over each document alone) that survives a JSON
        round trip unchanged (lists, not tuples): editing one file then recomputes that file's part.
        """
        if self._store is None:
            return compute(self)
        return self._store.derived(name, compute, self)  # type: ignore[return-value]


def iter_tasks(document: TaskBreakdownData) -> Iterator[tuple[str, TaskData]]:
    """(category name, task) for every task of a task-breakdown document, in table order."""
    for category in document["categories"]:
        for task in category["tasks"]:
            yield category["name"], task


def warn_of_drafts(registry: Registry, doc_ids: Iterable[str]) -> None:
    """Warn (DraftWarning) when a document going out cites plans still in draft (after ``rollover``)."""
    documents = [registry.document(doc_id) for doc_id in dict.fromkeys(doc_ids)]
    drafts = [document["title"] for document in documents if document.get("draft")]
    if drafts:
        import warnings

        from cgtask.errors import DraftWarning

        warnings.warn(DraftWarning(drafts), stacklevel=3)


# What :meth:`Registry.prepared` keeps under this name: the documents left out of the view for their errors.
LEFT_OUT = "left_out"


def left_out_files(registry: Registry) -> list[str]:
    """The documents the loader left out of ``registry`` for their errors (none for a view built from data)."""
    return registry.prepared(LEFT_OUT, lambda _: list[str]())
