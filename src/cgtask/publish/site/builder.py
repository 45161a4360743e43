"""Build the static 督办 site: HTML pages with their data inside, one stylesheet, one small script.

Every page works from a file share or ``file://`` with no network: links are relative, nothing
comes from a CDN, and the task filters are an enhancement over a table that is complete without
JavaScript. The registry text is user-written, so templates autoescape everything.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cgtask.errors import WriteError
from cgtask.publish.site import pages
from cgtask.publish.site.board import build_board
from cgtask.publish.site.charts import Chart, completion_chart, monthly_chart
from cgtask.publish.site.data import (
    DueRow,
    SiteData,
    TaskRow,
    to_json,
)
from cgtask.publish.site.output import staged_folder
from cgtask.publish.site.slugs import unique_slugs
from cgtask.support.atomic import reason
from cgtask.support.words import (
    STATUS_LABELS,
    UNIT_KIND_LABELS,
    WEEKDAYS,
    chinese_date,
    month_day,
    role_label,
)

if TYPE_CHECKING:
    import jinja2

ASSETS = ("site.css", "site.js")


@dataclass
class SiteReport:
    """What a build wrote: the pages (paths relative to the folder, ``/``-separated) and the bytes."""

    out_dir: Path
    pages: list[str] = field(default_factory=list)
    files: int = 0
    bytes: int = 0


# --- text helpers the templates use ---------------------------------------------------------------


def cn_date(day: date | None) -> str:
    """A date in Chinese, or a dash when there is none."""
    return chinese_date(day) if day else "—"


def short_date(day: date | None) -> str:
    """A date as month and day, or a dash when there is none."""
    return month_day(day) if day else "—"


def requirement_text(row: DueRow) -> str:
    """What one occurrence asks, in the plan's words: 2次；每次不少于30件；全覆盖 12 个中队 and so on."""
    if row.requirement:
        return row.requirement
    parts = [f"{row.times}次"] if row.times else []
    if row.quota is not None:
        value = f"{row.quota.value:g}"
        per = "每次" if row.quota.per == "occurrence" else ""  # a period's quota is the period's
        base = f"{row.quota.of}的" if row.quota.of else ""
        parts.append(f"{per}不少于{base}{value}{row.quota.unit}")
    if row.coverage is not None:
        parts.append(f"覆盖 {row.coverage} 个中队")
    if row.duration:
        parts.append(f"每次不少于{row.duration}")
    return "；".join(parts) or "—"


def role_text(row: DueRow) -> str:
    """How the unit takes part (牵头, 配合 …) and through which group, or empty when it is not named."""
    if row.role is None:
        return ""
    role = role_label(row.role)
    return f"{role}（经 {row.via}）" if row.via else role


def site_environment() -> jinja2.Environment:
    """The templates of the site's pages (a district's and the city's), their filters and labels."""
    import jinja2  # only a build needs it; the data classes stay cheap to import

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cgtask.publish.site", "templates"),
        autoescape=True,  # registry text is user-written; every value is escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(cn_date=cn_date, short_date=short_date, requirement=requirement_text, role=role_text)
    env.globals.update(status_labels=STATUS_LABELS, kind_labels=UNIT_KIND_LABELS)
    return env


# --- writing --------------------------------------------------------------------------------------


class SiteWriter:
    """Writes files under one folder and refuses any path that would leave it."""

    def __init__(self, root: Path, report: SiteReport) -> None:
        self.root = root.resolve()
        self.report = report

    def write(self, relative: str, content: str | bytes) -> None:
        """Write ``content`` (text as UTF-8) at ``relative`` and count it in the report."""
        path = (self.root / relative).resolve()
        if not path.is_relative_to(self.root) or path == self.root:
            raise WriteError(f"网站文件名 {relative!r} 会写到输出文件夹之外，已拒绝")
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as exc:
            raise WriteError(f"无法写入网站文件 {relative}：{reason(exc)}") from exc
        self.report.files += 1
        self.report.bytes += len(data)
        if relative.endswith(".html"):
            self.report.pages.append(relative)


def _expand_groups(names: list[str], groups: dict[str, list[str]]) -> list[str]:
    """``names`` plus the members of any group among them: a 科室 filter finds 配合 via 各科室."""
    expanded = dict.fromkeys(names)
    for name in names:
        expanded.update(dict.fromkeys(groups.get(name, [])))
    return list(expanded)


def _task_slugs(tasks: list[TaskRow]) -> dict[tuple[str, str], str]:
    """``task/<id>``; an id that two documents share is told apart by its document."""
    counts: dict[str, int] = {}
    for task in tasks:
        counts[task.id] = counts.get(task.id, 0) + 1
    wanted = {(t.doc, t.id): t.id if counts[t.id] == 1 else f"{t.doc}-{t.id}" for t in tasks}
    return unique_slugs(wanted)


@dataclass(frozen=True)
class _Links:
    units: dict[str, str]  # unit name → unit/<slug>.html
    tasks: dict[tuple[str, str], str]  # (doc, id) → task/<slug>.html


def _links(site: SiteData) -> _Links:
    unit_slugs = unique_slugs({u.name: u.slug or u.name for u in site.units})
    task_slugs = _task_slugs(site.tasks)
    return _Links(
        units={name: f"unit/{slug}.html" for name, slug in unit_slugs.items()},
        tasks={key: f"task/{slug}.html" for key, slug in task_slugs.items()},
    )


Write = Callable[[str, str | bytes], None]


class _Pages:
    """Renders each kind of page with the context every page shares (links, units, the 暂定 flag)."""

    def __init__(self, site: SiteData, write: Write) -> None:
        self.site = site
        self.write = write
        self.env = site_environment()
        self.links = _links(site)

    def _render(self, path: str, template: str, **context: Any) -> None:
        site = self.site
        shared = {
            "site": site,
            "root": "../" * path.count("/"),  # pages in unit/ and task/ link back up one level
            "unit_links": self.links.units,
            "task_links": self.links.tasks,
            "departments": [u for u in site.units if u.kind == "department"],
            "squads": [u for u in site.units if u.kind == "squad"],
            "provisional": site.year in site.provisional_years,
        }
        self.write(path, self.env.get_template(template).render(shared, **context))

    def board(self) -> None:
        site = self.site
        board = build_board(site.board, self.links.units, [u.name for u in site.units], site.board_totals)
        charts = [
            self._completion_chart("department", "各科室完成率（年初至今）"),
            self._completion_chart("squad", f"各{site.unit_heading}完成率（年初至今）"),
        ]
        self._render("index.html", "index.html", page="board", board=board,
                     completion_charts=[c for c in charts if c], months_chart=self._months_chart())  # fmt: skip

    def _completion_chart(self, kind: str, title: str) -> Chart | None:
        """Year-to-date completion of the 科室 or the 中队, in the organisation's order."""
        overall = {c.unit: c for c in self.site.completion if c.month is None}
        rows: list[tuple[str, int | float, int | float]] = [
            (u.name, overall[u.name].owed, overall[u.name].done)
            for u in self.site.units if u.kind == kind and u.name in overall
        ]  # fmt: skip
        # Duties of different units add up only as periods (期): how many periods owed were met.
        return completion_chart(title, rows, ["期"] * len(rows)) if rows else None

    def calendar(self) -> None:
        grids = pages.month_grids(self.site.days, self.site.year)
        self._render("calendar.html", "calendar.html", page="calendar", grids=grids, weekdays=WEEKDAYS,
                     months_chart=self._months_chart())  # fmt: skip

    def _months_chart(self) -> Chart:
        return monthly_chart(f"{self.site.year}年各月到期项次", self.site.due_per_month())

    def tasks(self) -> None:
        site = self.site
        groups = site.groups
        expand = {
            (t.doc, t.id): (_expand_groups(t.lead, groups), _expand_groups(t.support, groups))
            for t in site.tasks
        }
        filters = pages.task_filters(site.tasks, site.units)
        self._render("tasks.html", "tasks.html", page="tasks", filters=filters, expand=expand)
        for task in site.tasks:
            self._render(self.links.tasks[(task.doc, task.id)], "task.html", page="tasks", task=task)

    def units(self) -> None:
        index = pages.by_unit(self.site)
        for unit in self.site.units:
            view = pages.unit_page(self.site, unit, index)
            self._render(self.links.units[unit.name], "unit.html", page="unit", view=view)


def _render_all(site: SiteData, write: Write) -> None:
    renderer = _Pages(site, write)
    renderer.board()
    renderer.calendar()
    renderer.tasks()
    renderer.units()


def _write_assets(write: Write, site: SiteData) -> None:
    folder = resources.files("cgtask.publish.site").joinpath("assets")
    for name in ASSETS:
        write(f"assets/{name}", folder.joinpath(name).read_bytes())
    # The same data as JSON, for robots and scripts that would rather not scrape the pages.
    write("data/site.json", json.dumps(to_json(site), ensure_ascii=False, separators=(",", ":")) + "\n")


def build_site(
    data: SiteData, out_dir: Path, *, force: bool = False, keep: tuple[Path, ...] = ()
) -> SiteReport:
    """Write the site for ``data`` into ``out_dir`` and report what was written.

    ``out_dir`` must be missing, empty or a site this function built before (it holds a marker
    file); any other folder is refused with :class:`~cgtask.errors.WriteError` unless ``force``,
    which replaces it. The site is built beside ``out_dir`` and swapped in whole, so a failure
    leaves the previous contents untouched.
    """
    report = SiteReport(out_dir=Path(out_dir))
    with staged_folder(Path(out_dir), force=force, keep=keep) as stage:
        writer = SiteWriter(stage, report)
        _render_all(data, writer.write)
        _write_assets(writer.write, data)
    return report
