"""A city's board ranked: the districts by red and yellow lines, and where each duty is furthest behind."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from cgtask.api import STATUS_LABELS
from cgtask.cli.options import OutputFormat
from cgtask.cli.output import emit

if TYPE_CHECKING:
    from cgtask.api import OverdueResult

# The status columns say what the board says (逾期, 未完成, 即将到期): its labels, not a copy of them.
DISTRICT_COLUMNS = [
    ("rank", "名次"),
    ("district", "区"),
    *((status, STATUS_LABELS[status]) for status in ("red", "yellow", "blue")),
    ("lines", "看板行数"),
]
DUTY_COLUMNS = [
    ("item", "编号"),
    ("title", "工作"),
    *((status, f"{STATUS_LABELS[status]}（各区合计）") for status in ("red", "yellow")),
    ("worst", "逾期最多的区"),
]


def ranking_records(result: OverdueResult) -> dict[str, list[dict[str, Any]]]:
    """The ranking as JSON-ready data: ``districts`` in rank order, ``duties`` worst first."""
    from dataclasses import asdict

    ranking = result.ranking
    if ranking is None:
        return {"districts": [], "duties": []}
    duties = [{**asdict(duty), "worst": duty.worst} for duty in ranking.duties]
    return {"districts": [asdict(d) for d in ranking.districts], "duties": duties}


def _worst(row: dict[str, Any]) -> str:
    counts = row["districts"]
    return "、".join(f"{name}（{counts[name]['red']}）" for name in row["worst"])


def print_ranking(result: OverdueResult, fmt: OutputFormat) -> None:
    """Both rankings in ``fmt``: JSON as one object, the other formats as two tables."""
    records = ranking_records(result)
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False) + "\n")
        return
    as_of = result.as_of.isoformat()

    def cell(key: str, row: dict[str, Any]) -> str:
        return _worst(row) if key == "worst" else str(row.get(key, ""))

    emit(
        records["districts"], DISTRICT_COLUMNS, fmt, title=f"各区督办排名（截至 {as_of}，按逾期、未完成项数）"
    )
    emit(
        records["duties"],
        DUTY_COLUMNS,
        fmt,
        title="各项工作：逾期最多的区（括号内为该区逾期项数）",
        cell=cell,
    )
