"""The key figures of work plans: what ``cgtask figures`` reads (``list`` and ``show`` walk plans through registry.walk)."""

from __future__ import annotations

from typing import TypedDict

from cgtask.models.data import DocumentData, FigureData, WorkPlanData


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
