"""The progress 通报 (``cgtask render report``): where things stand on a date, as an official document.

Wording comes from ``templates/report.txt.j2``; the line ``【完成情况表】`` there is where the
tables go — one per 科室 listing its items, and one for the 中队 — so a user can reword
the 通报 without touching its structure.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from cgtask.errors import RenderError
from cgtask.official.common import check_xml_text, fit_widths, signed_by, titled_wording
from cgtask.official.issue import IssueOptions
from cgtask.queries.context import Context
from cgtask.queries.duties import DueResult
from cgtask.queries.rows import DetailRow
from cgtask.queries.standing import (
    ItemTally,
    StandingQuery,
    Tally,
    item_tallies_by_owner,
    overdue_items,
    progress_report,
    standing_due,
)
from cgtask.render.environment import parse_blocks
from cgtask.render.layout import Block, Column, Heading, OfficialDocument, Table, format_cn_date
from cgtask.support.words import cn_numeral

TABLES_MARKER = "【完成情况表】"
ADDRESSEE = "各科室、各中队"


def _percent(rate: float) -> str:
    return f"{rate * 100:.1f}%"


def _totals(tallies: Sequence[Tally]) -> dict[str, int]:
    """Sums over the items (each occurrence counted once, however many 科室 share it)."""
    return {
        "occurrences": sum(t["occurrences"] for t in tallies),
        "complete": sum(t["complete"] for t in tallies),
        "red_count": sum(t["overdue"] for t in tallies),
    }


def red_items(rows: list[DetailRow], as_of: date | None = None) -> list[str]:
    """The red occurrences by name, one phrase per work: 街面实效督察（吴淞街道中队等2个，逾期5项次）.

    A daily duty's month row stands for its days: each day past due and not done is one 项次, as
    一、总体情况 counts them (the as-of day itself is due, not late).
    """
    grouped: dict[tuple[str, str, str], list[DetailRow]] = {}
    for row in rows:
        if row.status == "red":
            grouped.setdefault((row.doc, row.item, row.title), []).append(row)
    phrases = []
    for (_, item, title), group in grouped.items():
        units = list(dict.fromkeys(row.unit for row in group if row.unit))
        who = ""
        if units:
            who = f"{units[0]}等{len(units)}个中队，" if len(units) > 1 else f"{units[0]}，"
        missed = sum(_late_days(row, as_of) if row.measure == "天" else 1 for row in group)
        phrases.append(f"{title}（第{item}项，{who}逾期{missed}项次）")
    return phrases


def _late_days(row: DetailRow, as_of: date | None) -> int:
    today = 1 if as_of is not None and row.due is not None and row.due >= as_of else 0
    return max((row.times or 0) - row.done - today, 1)


def _item_table(items: list[ItemTally]) -> Table:
    rows = [
        [
            str(n),
            item["name"],
            item["requirement"] or "",
            str(item["occurrences"]),
            str(item["complete"]),
            _percent(item["rate"]),
        ]
        for n, item in enumerate(items, start=1)
    ]
    # Periods, not 次数: a quantity (16起) or a coverage (12个中队) is not a count of actions.
    titles = ["序号", "工作事项", "每期要求", "到期项次", "已完成", "完成率"]
    widths = fit_widths(titles, rows, 156.0, [14.0, None, None, 22.0, 20.0, 20.0])
    aligns = ["center", "left", "left", "center", "center", "center"]
    return Table(
        [Column(t, w, a) for t, w, a in zip(titles, widths, aligns, strict=True)], rows, merge_column=None
    )


def _unit_table(units: list[Tally], heading: str = "中队") -> Table:
    rows = [
        [
            str(n),
            t["name"],
            str(t["occurrences"]),
            str(t["complete"]),
            _percent(t["rate"]),
            str(t["overdue"]),
        ]
        for n, t in enumerate(units, start=1)
    ]
    titles = ["序号", heading, "到期项次", "已完成", "完成率", "逾期未做"]
    widths = fit_widths(titles, rows, 156.0, [14.0, None, 24.0, 24.0, 24.0, 24.0])
    aligns = ["center", "left", "center", "center", "center", "center"]
    return Table(
        [Column(t, w, a) for t, w, a in zip(titles, widths, aligns, strict=True)], rows, merge_column=None
    )


def completion_tables(
    context: Context, as_of: date, parties: list[Tally], due: DueResult | None = None
) -> list[Block]:
    """（一）监督科 and its items' table, for each 科室; then one table for all 中队."""
    registry = context.registry
    by_owner = item_tallies_by_owner(context, as_of, due=due)
    units = set(registry.index.units)
    blocks: list[Block] = []
    departments = [name for name in by_owner if name not in units]
    for number, name in enumerate(departments):
        blocks += [Heading(f"（{cn_numeral(number + 1)}）{name}"), _item_table(by_owner[name])]
    unit_tallies = [t for t in parties if t["name"] in units]
    if unit_tallies:
        word = registry.index.unit_heading
        blocks += [
            Heading(f"（{cn_numeral(len(departments) + 1)}）各{word}"),
            _unit_table(unit_tallies, word),
        ]
    return blocks


def _sources(context: Context) -> list[str]:
    """The plans the report stands on: those of the years it counts (never next year's drafts)."""
    years = set(context.years)
    plans = ("task_breakdown", "supervision_plan")
    return [d["title"] for d in context.registry.documents if d["kind"] in plans and d["year"] in years]


def _body(text: str, tables: list[Block]) -> list[Block]:
    if TABLES_MARKER not in text:
        raise RenderError(f"通报模板中应有单独一行“{TABLES_MARKER}”，标明完成情况表的位置")
    before, _, after = text.partition(TABLES_MARKER)
    return [*parse_blocks(before), *tables, *parse_blocks(after)]


def report_document(context: Context, as_of: date, options: IssueOptions | None = None) -> OfficialDocument:
    """工作进度通报 as of ``as_of``: summary, a table per 科室 and for the 中队, red items by name.

    The progress, the red items and the tables stand against one due result (:func:`standing_due`).
    """
    options = options or IssueOptions()
    registry = context.registry
    due = standing_due(context, StandingQuery(as_of))
    progress = progress_report(context, StandingQuery(as_of), due=due)
    red = red_items(overdue_items(context, StandingQuery(as_of, soon=0), detail=True, due=due).details, as_of)
    totals = _totals(progress.items)
    wording = {
        "as_of": format_cn_date(as_of),
        "sources": _sources(context),
        **totals,
        "rate": _percent(totals["complete"] / totals["occurrences"] if totals["occurrences"] else 1.0),
        "yellow_count": totals["occurrences"] - totals["complete"] - totals["red_count"],
        "red": red,
        "units_word": registry.index.unit_heading,
    }
    title, text = titled_wording(Path(registry.data["root"]), options, "report.txt.j2", wording)
    check_xml_text([("report title", title), *((f"red item {n}", p) for n, p in enumerate(red))])
    bureau = registry.data["organization"]["bureau"]
    issued = options.date or as_of
    return OfficialDocument(
        title=title,
        body=_body(text, completion_tables(context, as_of, progress.parties, due)),
        addressee=options.to or ADDRESSEE,
        **signed_by(bureau["name"], issued, options, bureau["issuer_mark"]),
    )
