"""Work plans as entries and figures: what ``list``, ``show`` and ``figures`` read from a work-plan document."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

from cgtask.models.data import DocumentData, FigureData, PlanItemData, PlanPartData, WorkPlanData

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


class FigureRow(TypedDict):
    """One row of ``cgtask figures``; the keys are the stable JSON contract."""

    doc: str
    year: int
    item: str
    metric: str
    value: str
    unit: str
    sentence: str


def list_figures(
    documents: list[DocumentData], search: str | None = None, compare: bool = False
) -> list[FigureRow]:
    """The key figures of the work plans, narrowed by text; ``compare`` keeps metrics seen in several years or documents."""
    rows = [_figure_row(d, f) for d in documents if d["kind"] == "work_plan" for f in d["figures"]]
    if search:
        needle = search.casefold()
        rows = [r for r in rows if needle in f"{r['metric']} {r['sentence']}".casefold()]
    return _comparable(rows) if compare else rows


def _figure_row(document: WorkPlanData, figure: FigureData) -> FigureRow:
    return FigureRow(
        doc=document["id"], year=document["summary"]["year"], item=figure["item"], metric=figure["metric"],
        value=figure["value"], unit=figure["unit"], sentence=figure["sentence"],
    )  # fmt: skip


def _comparable(rows: list[FigureRow]) -> list[FigureRow]:
    sources: dict[tuple[str, str], set[tuple[str, int]]] = {}
    for row in rows:
        sources.setdefault((row["metric"], row["unit"]), set()).add((row["doc"], row["year"]))
    kept = [r for r in rows if len(sources[(r["metric"], r["unit"])]) > 1]
    return sorted(kept, key=lambda r: (r["metric"], r["unit"], r["year"], r["doc"]))
