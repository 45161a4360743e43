"""The site built from the shipped registry, through today's due/overdue queries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cgtask.api import open_registry
from cgtask.publish.site import SiteData, build_site
from cgtask.publish.site_data import site_data
from cgtask.queries.context import prepare
from tests.publish.site_html import local_targets, read_page

AS_OF = date(2022, 3, 15)


@pytest.fixture(scope="module")
def data() -> SiteData:
    return site_data(prepare(open_registry(use_cache=False)), AS_OF, "0123abc")


@pytest.fixture(scope="module")
def site(data: SiteData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("registry") / "public"
    build_site(data, out)
    return out


def test_every_department_and_squad_gets_a_page(data: SiteData, site: Path) -> None:
    registry = open_registry()
    assert {u.name for u in data.units} == {*registry.index.departments, *registry.index.units}
    for unit in data.units:
        page = site / "unit" / f"{unit.slug}.html"
        assert page.is_file(), unit.name
        assert read_page(page).find("h1")


def test_board_has_the_weekly_street_duty_for_each_street_squad(data: SiteData, site: Path) -> None:
    registry = open_registry()
    street = [r for r in data.board if r.title == "街面实效督察" and r.level == "街镇中队"]
    assert {r.unit for r in street} == set(registry.index.units_of_kind("street"))
    for row in street:  # the board owes the actions the due list says were due by the as-of date
        due = [d for d in data.due if d.unit == row.unit and d.title == row.title and d.level == row.level]
        owed = [d for d in due if d.due and d.due <= AS_OF]
        assert row.owed == sum(d.times or 0 for d in owed) > 0
        assert (row.measure, row.periods["owed"]) == ("次", len(owed))
    index = read_page(site / "index.html").text
    assert "吴淞街道中队" in index
    assert "街面实效督察" in index
    assert "0123abc" in index


def test_a_squad_page_lists_the_march_weeks_of_seed_004(site: Path) -> None:
    text = read_page(site / "unit" / "吴淞街道中队.html").text
    for day in ("3月18日", "3月25日", "3月31日"):
        assert day in text
    assert "每周不少于2次" in text


def test_calendar_knows_2022_adjusted_sunday_and_month_end(site: Path) -> None:
    page = read_page(site / "calendar.html")
    adjusted = [a.get("title") or "" for a in page.find("td", class_="adjusted")]
    assert any(t.startswith("1月30日 星期日 调休工作日") for t in adjusted)  # DESIGN: January 2022 → 01-30
    holidays = [a.get("title") or "" for a in page.find("td", class_="holiday")]
    assert any(t.startswith("10月1日") and "国庆节" in t for t in holidays)


def test_task_pages_carry_the_verbatim_detail(data: SiteData, site: Path) -> None:
    assert len([t for t in data.tasks if t.doc == "tasks-2022"]) == 62
    text = read_page(site / "task" / "1.3.html").text
    assert "深化街面环境分类监管机制" in text
    assert "协调科" in text


def test_every_local_link_resolves(site: Path) -> None:
    for path in site.rglob("*.html"):
        for link, target in local_targets(path):
            assert target.is_file(), f"{path.relative_to(site)}: {link}"


def test_the_overview_counts_each_status_as_overdue_does(tmp_path: Path) -> None:
    """A bureau duty two 科室 share is a line on each 科室's row of the matrix, but one 项 in the counts."""
    import re
    from collections import Counter

    from cgtask import api

    as_of = date(2022, 3, 31)  # 监督科 and 协调科 share duties due soon (the matrix has them twice)
    build_site(site_data(prepare(open_registry()), as_of), tmp_path)
    board = api.overdue(None, api.StandingQuery(as_of, soon=3))
    expected = Counter(row.status for row in board.rows)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    shown = dict(re.findall(r'class="count s-(\w+)">.*?<strong class="count-n">(\d+)</strong>', html))
    behind = {
        status: int(n) for status, n in shown.items() if int(n) and status != "green"
    }  # the site adds 已完成
    assert behind == dict(expected) == {"red": 37, "yellow": 2, "blue": 46}
