"""LibreOffice rendering: the page grid, positions, and the PNG preview path.

Slow, and skipped where LibreOffice or poppler-utils are not installed.  The fonts are
mapped by cgtask itself (:mod:`cgtask.render.fonts`), as on a desk.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from cgtask.errors import RenderError
from cgtask.render import pdf
from cgtask.render.gbt9704 import write_docx
from cgtask.render.layout import Colophon, Paragraph
from tests.render.conftest import OFFICE, make_document

MM_PER_PT = 25.4 / 72

needs_libreoffice = pytest.mark.skipif(
    pdf.find_soffice() is None or shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="需要 LibreOffice（soffice）和 poppler-utils（pdftotext、pdftoppm）：apt-get install "
    "libreoffice-writer-nogui fonts-noto-cjk poppler-utils",
)


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    sentence = "围绕主职主业，聚焦队伍管理的突出问题和依法行政薄弱环节，补短板、强弱项。"
    body = [Paragraph(sentence * 12) for _ in range(6)]
    doc = make_document(
        body=body, attachments=[], colophon=Colophon("区委办公室", OFFICE, date(2022, 3, 7), None)
    )
    docx_path = folder / "long.docx"
    write_docx(doc, docx_path)
    pdf_path = folder / "long.pdf"
    pdf.convert_to_pdf(docx_path, pdf_path)
    return pdf_path


def page_text(pdf_path: Path, page: int) -> str:
    command = ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf_path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def page_lines(pdf_path: Path, page: int) -> list[tuple[float, float, str]]:
    """(top mm, bottom mm, text) of each text line on a page, from pdftotext's bounding boxes."""
    command = ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(pdf_path), "-"]
    html = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    lines = []
    for match in re.finditer(
        r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>', html, re.S
    ):
        words = "".join(re.findall(r">([^<]+)</word>", match.group(3)))
        lines.append((float(match.group(1)) * MM_PER_PT, float(match.group(2)) * MM_PER_PT, words))
    return lines


@pytest.mark.slow
@needs_libreoffice
def test_full_page_holds_22_lines(long_pdf: Path) -> None:
    lines = [line for line in page_text(long_pdf, 2).splitlines() if line.strip()]
    page_number = lines.pop()
    assert page_number.split() == ["—2—"] or "2" in page_number
    assert len(lines) == 22


@pytest.mark.slow
@needs_libreoffice
def test_full_line_holds_28_characters(long_pdf: Path) -> None:
    lines = [line.strip() for line in page_text(long_pdf, 2).splitlines() if line.strip()]
    lengths = Counter(len(line.replace(" ", "")) for line in lines[:-1])
    # most lines are full; a closing 。 may hang or squeeze in as a 29th glyph (kinsoku)
    assert lengths.most_common(1)[0][0] == 28


@pytest.mark.slow
@needs_libreoffice
def test_positions_of_mark_and_page_number(long_pdf: Path) -> None:
    lines = page_lines(long_pdf, 1)
    mark_top = lines[0][0]
    assert lines[0][2] == "上海市宝山区城市管理行政执法局文件"
    assert 70 <= mark_top <= 74  # 72 mm from the paper's top
    number_top = lines[-1][0]
    assert 297 - number_top == pytest.approx(28, abs=2)  # page-number line 7 mm below the 版心


@pytest.mark.slow
@needs_libreoffice
def test_colophon_sits_on_the_bottom_of_the_last_page(long_pdf: Path) -> None:
    pages = int(re.search(r"Pages:\s+(\d+)", _pdfinfo(long_pdf)).group(1))  # type: ignore[union-attr]
    lines = page_lines(long_pdf, pages)
    printed = next(line for line in lines if line[2].endswith("印发"))
    assert printed[1] == pytest.approx(297 - 35, abs=2)


@pytest.mark.slow
@needs_libreoffice
def test_png_preview(long_pdf: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(long_pdf), str(prefix)], check=True
    )
    (png,) = tmp_path.glob("page*.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _pdfinfo(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


def test_missing_libreoffice_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(RenderError, match="未找到 LibreOffice"):
        pdf.convert_to_pdf(tmp_path / "a.docx", tmp_path / "a.pdf")


@needs_libreoffice
def test_conversion_failure_is_a_render_error(tmp_path: Path) -> None:
    missing = tmp_path / "absent.docx"
    with pytest.raises(RenderError, match="LibreOffice"):
        pdf.convert_to_pdf(missing, tmp_path / "absent.pdf")
    assert not (tmp_path / "absent.pdf").exists()


@pytest.mark.slow
@needs_libreoffice
@pytest.mark.skipif(shutil.which("fc-list") is None, reason="需要 fontconfig（fc-list）")
def test_conversion_names_the_faces_that_stand_in(tmp_path: Path) -> None:
    """The official fonts are never installed here.

    Each role is reported, and 仿宋 renders in the face cgtask chose for it rather than in LibreOffice's own
    fallback.
    """
    docx_path = tmp_path / "short.docx"
    write_docx(make_document(attachments=[]), docx_path)
    choices = pdf.convert_to_pdf(docx_path, tmp_path / "short.pdf")
    assert [choice.role.label for choice in choices] == ["仿宋", "楷体", "黑体", "宋体", "小标宋"]
    fangsong = choices[0]
    assert fangsong.official_installed or fangsong.substitute is not None
    fonts = subprocess.run(["pdffonts", str(tmp_path / "short.pdf")], capture_output=True, text=True).stdout
    if fangsong.substitute == "FandolFang":
        assert "FandolFang" in fonts
