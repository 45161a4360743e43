"""The site in a real browser: headless Chromium renders the board and runs the task filters.

Skipped when no Chromium is installed. Screenshots go to a temporary folder; with
``CGTASK_SITE_SCREENSHOTS=docs/site`` they are also saved there for the documentation.
"""

from __future__ import annotations

import os
import shutil
import struct
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest

from cgtask.api import open_registry
from cgtask.publish.site import build_site
from cgtask.publish.site_data import site_data
from cgtask.queries.context import prepare
from tests.publish.site_html import Page, chromium, run_chromium
from tests.publish.site_sample import sample_site

BROWSER = chromium()
pytestmark = pytest.mark.skipif(BROWSER is None, reason="未安装 chromium，跳过浏览器测试")
SCREENSHOT_DIR = os.environ.get("CGTASK_SITE_SCREENSHOTS")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "public"
    build_site(sample_site(), out)
    return out


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser-registry") / "public"
    build_site(site_data(prepare(open_registry()), date(2022, 3, 31), revision=None), out)
    return out


def _url(path: Path, fragment: str = "") -> str:
    return path.resolve().as_uri() + (f"#{quote(fragment, safe='=&')}" if fragment else "")


def dump_dom(url: str) -> Page:
    assert BROWSER is not None
    result = run_chromium(BROWSER, "--virtual-time-budget=3000", "--dump-dom", url)
    assert result.returncode == 0, result.stderr[-2000:]
    return Page(result.stdout)


def shown_tasks(page: Page) -> list[str]:
    """The ids (first word of the search text) of the task rows the script left visible, in order."""
    rows = [a for t, a in page.tags if t == "tr" and a.get("data-text")]
    assert len(rows) == 5
    return [(a["data-text"] or "").split()[0] for a in rows if "hidden" not in a]


def test_board_renders_with_its_cells(sample: Path) -> None:
    page = dump_dom(_url(sample / "index.html"))
    assert page.find("table", id="board")
    assert len(page.find("td", class_="s-red")) == 3
    assert "吴淞街道中队" in page.text


def test_filters_appear_and_search_hides_rows_from_the_url(sample: Path) -> None:
    assert shown_tasks(dump_dom(_url(sample / "tasks.html"))) == ["1.1", "1.2", "2.1", "1.1", "../x"]
    page = dump_dom(_url(sample / "tasks.html", "q=监督科"))
    assert "hidden" not in page.find("form", id="task-filters")[0]
    # 1.1 监督科 leads, 1.2 via 各科室, ../x 监督科 supports; 2.1 and the city plan's 1.1 do not name it.
    assert shown_tasks(page) == ["1.1", "1.2", "../x"]
    assert "显示 3 / 5 项" in page.text


def test_department_and_role_filters(sample: Path) -> None:
    assert shown_tasks(dump_dom(_url(sample / "tasks.html", "dept=监督科&role=lead"))) == ["1.1"]
    assert shown_tasks(dump_dom(_url(sample / "tasks.html", "dept=监督科&role=support"))) == ["1.2", "../x"]
    assert shown_tasks(dump_dom(_url(sample / "tasks.html", "cat=队伍建设"))) == ["2.1", "../x"]
    page = dump_dom(_url(sample / "tasks.html", "q=没有这个词"))
    assert shown_tasks(page) == []
    assert "hidden" not in page.find("p", id="no-match")[0]


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def _screenshot(page: Path, out: Path, width: int, height: int) -> None:
    assert BROWSER is not None
    result = run_chromium(BROWSER, f"--window-size={width},{height}", f"--screenshot={out}", _url(page))
    assert result.returncode == 0, result.stderr[-2000:]
    assert out.is_file(), result.stderr[-2000:]
    assert _png_size(out) == (width, height)
    assert out.stat().st_size > 20_000  # a blank page compresses to a few kilobytes
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out, Path(SCREENSHOT_DIR) / out.name)


@pytest.mark.parametrize(
    ("name", "page", "size"),
    [
        ("board.png", lambda s: s / "index.html", (1280, 900)),
        ("board-phone.png", lambda s: s / "index.html", (390, 844)),
        ("squad.png", lambda s: s / "unit" / "吴淞街道中队.html", (1280, 900)),
        ("squad-phone.png", lambda s: s / "unit" / "吴淞街道中队.html", (390, 844)),
    ],
)
def test_screenshots(
    shipped: Path, tmp_path: Path, name: str, page: Callable[[Path], Path], size: tuple[int, int]
) -> None:
    _screenshot(page(shipped), tmp_path / name, *size)
