"""A plan imported from another bureau's table, issued in its own shape: its columns, then its duties.

The 附件 lays out the headings the bureau published (``columns``), each row's cells as they were, and
one more column, 履职要求, with every duty the registry holds for the row as the phrase engine reads
it — so nothing is empty for a plan that is not Baoshan's. What still awaits review is ``check``'s to say
(W405), not the issued document's.
"""

from __future__ import annotations

from collections.abc import Iterator

from cgtask.models.data import ObligationData, TaskBreakdownData, TaskData
from cgtask.official.common import header_texts, table_notice
from cgtask.official.issue import IssueOptions
from cgtask.registry.view import Registry, iter_tasks
from cgtask.render.layout import Column, OfficialDocument, Table
from cgtask.schedule.frequency import format_frequency, parse_frequency

DUTY_HEADING = "履职要求"
# A table this wide reads better across the page (A4 landscape body: 234 mm).
LANDSCAPE_COLUMNS = 6
WIDE_CHARS = 12
SMALL_FONT_PT = 10.5


def has_own_shape(document: TaskBreakdownData) -> bool:
    """Whether the document keeps another bureau's headings, to be issued in that shape."""
    return bool(document.get("columns"))


def own_shape_document(registry: Registry, doc_id: str, options: IssueOptions) -> OfficialDocument:
    """关于印发《…》的通知 with the plan's own table (its columns and the duties of each row) as 附件."""
    document = registry.document(doc_id)
    assert document["kind"] == "task_breakdown"  # for mypy: the caller has chosen it
    return table_notice(registry, document, options, "plan.txt.j2", _texts(document), own_shape_table)


def _texts(document: TaskBreakdownData) -> Iterator[tuple[str, str | None]]:
    doc_id = document["id"]
    yield from header_texts(doc_id, document["header"])
    for heading in document["columns"]:
        yield f"{doc_id} columns", heading
    for _, task in iter_tasks(document):
        for cell in task["cells"]:
            yield f"{doc_id} 第 {task['id']} 项 cells", cell


def duty_lines(task: TaskData) -> str:
    """Every duty of a row as the engine reads it (期限 included); what awaits review ``check`` reports."""
    return "\n".join(_duty_line(obligation) for obligation in task["schedule"])


def _duty_line(obligation: ObligationData) -> str:
    reading = format_frequency(parse_frequency(obligation["frequency"]))
    return f"{reading}（{obligation['due']}）" if obligation["due"] else reading


def own_shape_table(document: TaskBreakdownData) -> Table:
    """The plan's headings and cells as published, and 履职要求 last."""
    headings = list(document["columns"])
    rows = []
    for _, task in iter_tasks(document):
        cells = [*task["cells"], *[""] * (len(headings) - len(task["cells"]))][: len(headings)]
        rows.append([*cells, duty_lines(task)])
    titles = [*headings, DUTY_HEADING]
    landscape = len(titles) > LANDSCAPE_COLUMNS
    width = 234.0 if landscape else 156.0
    widths = _widths(titles, rows, width)
    aligns = ["center" if title in ("序号", "编号") else "left" for title in titles]
    columns = [Column(t, w, a) for t, w, a in zip(titles, widths, aligns, strict=True)]
    size = SMALL_FONT_PT if len(titles) > LANDSCAPE_COLUMNS + 2 else 12
    return Table(columns, rows, merge_column=None, landscape=landscape, font_size_pt=size)


def _widths(titles: list[str], rows: list[list[str]], total_mm: float) -> list[float]:
    """Widths in proportion to what each column holds: a short column (序号, 7, 5-9月) no more than it needs.

    A column's weight is its longest line, at least half its heading (headings wrap to two lines) and at
    most ``WIDE_CHARS`` (longer cells wrap); the duties column, read line by line, is never squeezed.
    """
    weights = []
    for c, title in enumerate(titles):
        longest = max((len(line) for row in rows for line in row[c].split("\n")), default=0)
        weight = min(max(longest, (len(title) + 1) // 2 + 1, 3), WIDE_CHARS)
        weights.append(WIDE_CHARS if title == DUTY_HEADING else weight)
    return [round(total_mm * w / sum(weights), 1) for w in weights]
