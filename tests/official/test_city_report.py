"""The 市局's 通报 on a city folder: the districts compared, each with the numbers of its own 通报."""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.official.city_report import city_report_document
from cgtask.registry.city import DistrictLeftOut, open_city
from tests.city_registry import build_city, module_cache
from tests.render.conftest import DocxParts, W, paragraph_text
from tests.render.test_page_gate import needs_libreoffice, render_and_check

AS_OF = "2022-06-30"


@pytest.fixture(scope="module", autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache for the module: the city's districts are read cold once."""
    yield from module_cache(tmp_path_factory)


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_city(tmp_path_factory.mktemp("city") / "上海市局")


def _render(registry: Path, out: Path) -> DocxParts:
    result = CliRunner().invoke(
        app, ["render", "report", "--as-of", AS_OF, "-r", str(registry), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return DocxParts(out)


@pytest.fixture(scope="module")
def report(city: Path, tmp_path_factory: pytest.TempPathFactory) -> DocxParts:
    return _render(city, tmp_path_factory.mktemp("report") / "通报.docx")


def _table_rows(parts: DocxParts, index: int) -> list[list[str]]:
    table = list(parts.document.iter(f"{{{W}}}tbl"))[index]
    return [
        ["".join(t.text or "" for t in cell.iter(f"{{{W}}}t")) for cell in row.iter(f"{{{W}}}tc")]
        for row in table.iter(f"{{{W}}}tr")
    ]


def test_the_districts_are_ranked_by_periods_met(report: DocxParts) -> None:
    assert [row[1] for row in _table_rows(report, 0)[1:]] == ["宝山区", "闵行区"]


def test_a_districts_row_carries_the_numbers_of_its_own_report(
    city: Path, report: DocxParts, tmp_path: Path
) -> None:
    own = _render(city / "districts" / "minhang", tmp_path / "闵行区通报.docx")
    text = "\n".join(paragraph_text(p) for p in own.paragraphs())
    owed, red = re.search(r"到期工作共(\d+)项次.*?逾期未做(\d+)项次", text).groups()  # type: ignore[union-attr]
    row = next(row for row in _table_rows(report, 0) if row[1] == "闵行区")
    assert (row[2], row[5]) == (owed, red)


def test_the_broken_district_is_named_as_left_out(report: DocxParts) -> None:
    body = "\n".join(paragraph_text(p) for p in report.paragraphs())
    assert "普陀区登记册有错误，本次未计入" in body


def test_the_duties_table_names_the_district_most_behind(report: DocxParts) -> None:
    rows = _table_rows(report, 1)
    street = next(row for row in rows if row[1] == "街面实效督察（第1项）")
    assert street[3] == "闵行区"  # 宝山区's 吴淞街道中队 does its weekly 街面实效督察


def test_another_document_on_a_city_is_refused(city: Path, tmp_path: Path) -> None:
    args = ["render", "notice", "--no-number", "-r", str(city), "-o", str(tmp_path / "通知.docx")]
    result = CliRunner().invoke(app, args)
    assert (result.exit_code, "市局登记册" in result.stderr) == (2, True)


@pytest.mark.slow
@needs_libreoffice
def test_the_city_report_passes_the_page_gate(city: Path, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DistrictLeftOut)
        document = city_report_document(open_city(city), date(2022, 6, 30))
    result = render_and_check("city-report", document, tmp_path)
    assert result.problems == [], "\n".join(result.problems)


@pytest.mark.slow
@needs_libreoffice
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="需要 poppler-utils（pdftoppm）")
def test_the_city_report_pages_become_images(city: Path, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DistrictLeftOut)
        document = city_report_document(open_city(city), date(2022, 6, 30))
    pdf = tmp_path / "city-report.pdf"
    render_and_check("city-report", document, tmp_path)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    assert len(sorted(tmp_path.glob("page-*.png"))) == 2


def test_a_district_not_cloned_is_named_in_the_documents_words(city: Path, tmp_path: Path) -> None:
    """A district whose folder is missing is left out by name and why — no file:line in the 通报."""
    missing = tmp_path / "市局"
    shutil.copytree(city, missing, symlinks=True)
    with (missing / "city.yaml").open("a", encoding="utf-8") as file:
        file.write("  - name: 静安区\n    path: districts/jingan\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DistrictLeftOut)
        parts = _render(missing, tmp_path / "通报.docx")
    body = "\n".join(paragraph_text(p) for p in parts.paragraphs())
    assert "静安区登记册未找到（未克隆或子模块未更新），本次未计入" in body
    assert "普陀区登记册有错误，本次未计入" in body
    assert "city.yaml:" not in body
