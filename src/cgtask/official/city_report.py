"""The 市局's 通报 (``cgtask render report`` on a city folder): the districts compared on one date.

Each district's numbers are the ones its own 通报 gives (:mod:`cgtask.official.report`: periods owed and
met, 逾期 periods, the board's red lines), taken from its own prepared context; this module only puts
them side by side. Wording comes from ``templates/city_report.txt.j2``; the lines ``【各区完成情况表】``
and ``【各项工作表】`` there are where the two tables go.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cgtask.errors import RenderError, UsageError
from cgtask.official.common import fit_widths, signed_by, titled_wording
from cgtask.official.issue import IssueOptions
from cgtask.official.report import _percent, _totals
from cgtask.queries.city import rank
from cgtask.queries.rows import BoardRow
from cgtask.queries.standing_query import CityRanking
from cgtask.registry.city import City
from cgtask.render.environment import parse_blocks
from cgtask.render.layout import Block, Column, OfficialDocument, Table, format_cn_date

if TYPE_CHECKING:
    from cgtask.official.issue import Issuing, RenderKind, RenderTarget
    from cgtask.registry.view import Registry
    from cgtask.render.batch import Written

DISTRICTS_MARKER = "【各区完成情况表】"
DUTIES_MARKER = "【各项工作表】"
ADDRESSEE = "各区城管执法局"


def issue_for(
    path: Path | None,
    kind: RenderKind,
    target: RenderTarget,
    issuing: Issuing,
    open_registry: Callable[[], Registry],
) -> Written:
    """A district's document as :func:`~cgtask.official.issue.issue` writes it; on a city folder, the city's 通报."""
    from cgtask.official.issue import AsOfTarget, issue, issue_built
    from cgtask.registry.city import city_root, open_city

    root = city_root(path)
    if root is None:
        return issue(kind, target, issuing, open_registry)
    if kind != "report" or not isinstance(target, AsOfTarget):
        raise UsageError(
            "市局登记册（city.yaml）只生成各区对比的通报（render report）；其他公文请在区局的登记册中生成"
        )
    day = target.day
    return issue_built(kind, issuing, lambda options: city_report_document(open_city(root), day, options))


@dataclass(frozen=True)
class DistrictFigures:
    """One district's standing on the day: periods owed, met and 逾期, and the board's red lines."""

    name: str
    occurrences: int
    complete: int
    red_count: int
    red_lines: int

    @property
    def rate(self) -> float:
        """The share of periods met; a district that owes nothing yet counts as complete."""
        return self.complete / self.occurrences if self.occurrences else 1.0


def district_figures(name: str, view: Registry, as_of: date) -> tuple[DistrictFigures, list[BoardRow]]:
    """A district's figures and its board lines (tagged with the district), as its own 通报 counts them."""
    from cgtask.queries.standing import StandingQuery, overdue_items, progress_report, standing_due
    from cgtask.queries.years import year_context

    context = year_context(view, day=as_of)
    due = standing_due(context, StandingQuery(as_of))
    totals = _totals(progress_report(context, StandingQuery(as_of), due=due).items)
    board = [
        replace(row, district=name)
        for row in overdue_items(context, StandingQuery(as_of, soon=0), due=due).rows
    ]
    red_lines = sum(row.status == "red" for row in board)
    return DistrictFigures(
        name, totals["occurrences"], totals["complete"], totals["red_count"], red_lines
    ), board


def _district_table(figures: list[DistrictFigures]) -> Table:
    rows = [
        [
            str(n),
            f.name,
            str(f.occurrences),
            str(f.complete),
            _percent(f.rate),
            str(f.red_count),
            str(f.red_lines),
        ]
        for n, f in enumerate(figures, start=1)
    ]
    titles = ["名次", "区", "到期项次", "已完成", "完成率", "逾期项次", "督办逾期"]
    widths = fit_widths(titles, rows, 156.0, [14.0, None, 22.0, 20.0, 20.0, 22.0, 22.0])
    aligns = ["center", "left", "center", "center", "center", "center", "center"]
    return Table(
        [Column(t, w, a) for t, w, a in zip(titles, widths, aligns, strict=True)], rows, merge_column=None
    )


def _duty_table(ranking: CityRanking) -> Table:
    rows = [
        [str(n), f"{duty.title}（第{duty.item}项）", str(duty.red), "、".join(duty.worst)]
        for n, duty in enumerate((d for d in ranking.duties if d.red), start=1)
    ]
    titles = ["序号", "工作事项", "逾期项数", "逾期最多的区"]
    widths = fit_widths(titles, rows, 156.0, [14.0, None, 22.0, None])
    aligns = ["center", "left", "center", "left"]
    return Table(
        [Column(t, w, a) for t, w, a in zip(titles, widths, aligns, strict=True)], rows, merge_column=None
    )


def _body(text: str, tables: dict[str, Block]) -> list[Block]:
    if DISTRICTS_MARKER not in text:
        raise RenderError(f"通报模板中应有单独一行“{DISTRICTS_MARKER}”，标明各区完成情况表的位置")
    blocks: list[Block] = []
    for marker, table in tables.items():  # in the order they stand in the template
        before, found, after = text.partition(marker)
        if found:
            blocks += [*parse_blocks(before), table]
            text = after
    return [*blocks, *parse_blocks(text)]


def city_report_document(city: City, as_of: date, options: IssueOptions | None = None) -> OfficialDocument:
    """The 市局's 通报 as of ``as_of``: the districts ranked by periods met, and the duties most behind."""
    options = options or IssueOptions()
    found = [district_figures(name, view, as_of) for name, view in city.districts]
    figures = sorted((f for f, _ in found), key=lambda f: (-f.rate, f.red_count))
    ranking = rank([row for _, rows in found for row in rows], city.names)
    totals = {key: sum(getattr(f, key) for f in figures) for key in ("occurrences", "complete", "red_count")}
    wording = {
        "as_of": format_cn_date(as_of),
        "districts": [f.name for f in figures],
        **totals,
        "rate": _percent(totals["complete"] / totals["occurrences"] if totals["occurrences"] else 1.0),
        "best": figures[0].name if figures else "",
        "best_rate": _percent(figures[0].rate) if figures else "",
        "worst": figures[-1].name if figures else "",
        "worst_rate": _percent(figures[-1].rate) if figures else "",
        "duties": [d for d in ranking.duties if d.red],
        "left_out": [f"{name}{why}，本次未计入" for name, why in city.reasons.items()],
    }
    title, text = titled_wording(city.root, options, "city_report.txt.j2", wording)
    tables: dict[str, Block] = {
        DISTRICTS_MARKER: _district_table(figures),
        DUTIES_MARKER: _duty_table(ranking),
    }
    issued = options.date or as_of
    return OfficialDocument(
        title=title,
        body=_body(text, tables),
        addressee=options.to or ADDRESSEE,
        **signed_by(city.name, issued, options, f"{city.name}文件"),
    )
