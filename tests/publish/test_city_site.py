"""The 市局's site: each district's site in its folder and a city page over them, checked in Chromium too."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.publish.city_site import city_page
from cgtask.queries.standing_query import CityRanking, DistrictStanding, DutyStanding
from cgtask.registry.city import City
from tests.city_registry import build_city, module_cache
from tests.publish.site_html import chromium, read_page, run_chromium

BROWSER = chromium()


@pytest.fixture(scope="module", autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache for the module: the city's districts are read cold once."""
    yield from module_cache(tmp_path_factory)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("city-site")
    city = build_city(root / "city")
    out = root / "public"
    args = ["site", "-r", str(city), "-o", str(out), "--as-of", "2022-06-30"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return out


def _links(site: Path) -> list[str]:
    return [a["href"] or "" for tag, a in read_page(site / "index.html").tags if tag == "a" and a.get("href")]


def test_the_city_page_links_to_each_district_page_that_exists(site: Path) -> None:
    targets = {link for link in _links(site) if link.endswith("/index.html")}
    assert sorted((site / link).is_file() for link in targets) == [True, True]


def test_the_ranking_table_puts_the_district_without_records_first(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    table = html.split('id="ranking"')[1].split("</table>")[0]
    assert re.findall(r">(\w+区)</a>", table) == ["闵行区", "宝山区"]


def test_the_broken_district_is_named_on_the_city_page(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "未计入：</strong>普陀区：districts/putuo/documents/supervision-2022.yaml:" in html


def test_a_district_page_is_its_own_site(site: Path) -> None:
    assert "督办总览" in (site / "闵行区" / "index.html").read_text(encoding="utf-8")


@pytest.mark.skipif(BROWSER is None, reason="未安装 chromium，跳过浏览器测试")
def test_chromium_draws_the_city_page(site: Path, tmp_path: Path) -> None:
    assert BROWSER is not None
    shot = tmp_path / "city.png"
    url = (site / "index.html").resolve().as_uri()
    result = run_chromium(BROWSER, "--window-size=1200,900", f"--screenshot={shot}", url)
    assert (result.returncode, shot.read_bytes()[:8]) == (0, b"\x89PNG\r\n\x1a\n")


@pytest.mark.skipif(BROWSER is None, reason="未安装 chromium，跳过浏览器测试")
def test_chromium_reads_both_tables_of_the_city_page(site: Path) -> None:
    assert BROWSER is not None
    dom = run_chromium(BROWSER, "--dump-dom", (site / "index.html").resolve().as_uri()).stdout
    assert ('id="ranking"' in dom, 'id="duties"' in dom) == (True, True)


def test_the_city_page_ranks_as_the_board_does(site: Path) -> None:
    city = site.parent / "city"
    args = ["overdue", "--as-of", "2022-06-30", "--rank", "--format", "json", "-r", str(city)]
    ranking = json.loads(CliRunner().invoke(app, args).stdout)["districts"]
    table = (site / "index.html").read_text(encoding="utf-8").split('id="ranking"')[1].split("</table>")[0]
    shown = [int(n) for n in re.findall(r'class="cell s-red"><span class="cell-label">(\d+)<', table)]
    assert shown == [d["red"] for d in ranking]


def test_a_duty_cell_shows_the_district_s_worst_status(tmp_path: Path) -> None:
    # The test city has red lines only; here a district is red, one yellow, one not behind at all.
    standings = [DistrictStanding(n, name, 0, 0, 0, 0) for n, name in enumerate(["甲区", "乙区", "丙区"], 1)]
    behind = {"甲区": {"red": 2, "yellow": 1}, "乙区": {"red": 0, "yellow": 3}}
    duty = DutyStanding("tasks-2022", "1.1", "街面巡查", red=2, yellow=4, districts=behind)
    city = City(name="宝城市", root=tmp_path, districts=[])
    html = city_page(
        city, CityRanking(standings, [duty]), {"甲区": "a", "乙区": "b", "丙区": "c"}, date(2022, 6, 30)
    )
    row = html.split('id="duties"')[1].split("<tbody>")[1].split("</tr>")[0]
    cells = re.findall(r'<td class="cell s-(\w+)">.*?<span class="cell-label">([^<]*)</span></td>', row)
    assert cells == [("red", "逾期2"), ("yellow", "未完成3"), ("green", "—")]
