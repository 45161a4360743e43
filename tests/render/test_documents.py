"""The registry's documents as .docx: XML-level checks, golden wording, errors, PDF lines.

Golden files under tests/render/golden/ hold the paragraph texts of each document; regenerate
them with ``CGTASK_UPDATE_GOLDEN=1 pytest tests/render/test_documents.py`` after a deliberate
change of wording, and review the diff.
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cgtask import api
from cgtask.cli.flags import flag
from cgtask.errors import LeftOutWarning, RenderError, UsageError
from cgtask.official.issue import IssueOptions
from cgtask.official.monthly import monthly_document, monthly_documents
from cgtask.official.notice import notice_document
from cgtask.official.supervision_plan import plan_document
from cgtask.queries.context import prepare
from cgtask.queries.month_request import MonthRequest
from cgtask.registry.view import Registry
from cgtask.render.gbt9704 import write_docx
from cgtask.render.layout import OfficialDocument
from tests.render.conftest import NS, DocxParts, attr, paragraph_text, w

GOLDEN = Path(__file__).parent / "golden"
NOTICE_OPTIONS = IssueOptions(number="宝城执〔2022〕1号", date=date(2022, 1, 20))
MONTHLY_OPTIONS = IssueOptions(date=date(2022, 3, 7))
MARK = "上海市宝山区城市管理行政执法局文件"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return api.open_registry()


def save(doc: OfficialDocument, folder: Path, name: str) -> DocxParts:
    path = folder / f"{name}.docx"
    write_docx(doc, path)
    return DocxParts(path)


@pytest.fixture(scope="module")
def notice(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> DocxParts:
    return save(
        notice_document(registry, "tasks-2022", NOTICE_OPTIONS), tmp_path_factory.mktemp("n"), "notice"
    )


@pytest.fixture(scope="module")
def plan(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> DocxParts:
    return save(plan_document(registry, "supervision-2022"), tmp_path_factory.mktemp("p"), "plan")


@pytest.fixture(scope="module")
def monthly(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> DocxParts:
    doc = monthly_document(prepare(registry), MonthRequest(3, dept="监督科"), MONTHLY_OPTIONS)
    return save(doc, tmp_path_factory.mktemp("m"), "monthly")


def runs_of(paragraph: Any) -> list[Any]:
    return list(paragraph.iter(w("r")))


def run_size(run: Any) -> int:
    return int(attr(run, "w:rPr/w:sz", "val") or 0)


def all_texts(parts: DocxParts) -> list[str]:
    return [text for text in (paragraph_text(p) for p in parts.paragraphs()) if text.strip()]


# --- layout ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["notice", "plan", "monthly"])
def test_page_margins_and_footers(name: str, request: pytest.FixtureRequest) -> None:
    parts: DocxParts = request.getfixturevalue(name)
    first = parts.document.find(".//w:sectPr", NS)
    for section in parts.document.iter(w("sectPr")):
        size = {attr(section, "w:pgSz", "w"), attr(section, "w:pgSz", "h")}
        assert size == {"11906", "16838"}
    margins = {side: attr(first, "w:pgMar", side) for side in ("top", "bottom", "left", "right")}
    assert margins == {"top": "2098", "bottom": "1984", "left": "1588", "right": "1474"}
    assert parts.part("word/settings.xml").find("w:evenAndOddHeaders", NS) is not None
    for footer in parts.footers():
        paragraph = footer.find("w:p", NS)
        text = "".join(paragraph.xpath(".//w:t/text()|.//w:instrText/text()", namespaces=NS))
        assert re.fullmatch(r"\u2014 \s*PAGE\s*1 \u2014", text), text


@pytest.mark.parametrize("name", ["notice", "plan", "monthly"])
def test_title_is_44_half_points_centred(name: str, request: pytest.FixtureRequest) -> None:
    parts: DocxParts = request.getfixturevalue(name)
    title = parts.paragraph_with("的通知")
    assert attr(title, "w:pPr/w:jc", "val") == "center"
    assert {run_size(run) for run in runs_of(title)} == {44}


def test_body_font_size_spacing_and_indent(plan: DocxParts) -> None:
    paragraph = plan.paragraph_with("为全面加强宝山区城管执法系统")
    assert attr(paragraph, "w:pPr/w:spacing", "lineRule") == "exact"
    assert attr(paragraph, "w:pPr/w:spacing", "line") == "579"
    assert attr(paragraph, "w:pPr/w:ind", "firstLine") == "640"
    for run in runs_of(paragraph):
        assert run_size(run) == 32
        assert attr(run, "w:rPr/w:rFonts", "eastAsia") == "仿宋_GB2312"


def test_plan_headings_take_their_level_fonts(plan: DocxParts) -> None:
    fonts = {
        "一、总体目标": "黑体",
        "（一）坚持问题导向。": "楷体_GB2312",
        "(二) 行为规范": "楷体_GB2312",
    }
    for text, font in fonts.items():
        run = runs_of(plan.paragraph_with(text))[0]
        assert attr(run, "w:rPr/w:rFonts", "eastAsia") == font, text


def test_plan_has_red_mark_number_and_colophon(plan: DocxParts) -> None:
    mark = plan.paragraphs()[0]
    assert paragraph_text(mark) == MARK
    assert {attr(run, "w:rPr/w:color", "val") for run in runs_of(mark)} == {"FF0000"}
    number = plan.paragraph_with("〔2022〕")
    assert paragraph_text(number) == "宝城执〔2022〕3号"
    assert attr(number, "w:pPr/w:pBdr/w:bottom", "color") == "FF0000"
    printed = plan.paragraph_with("日印发")
    assert paragraph_text(printed) == "上海市宝山区城市管理行政执法局2022年3月7日印发"
    assert attr(printed, "w:pPr/w:pBdr/w:top", "sz") == "8"
    assert attr(printed, "w:pPr/w:pBdr/w:bottom", "sz") == "8"
    assert paragraph_text(plan.paragraph_with("共印")) == "（共印13份）"
    assert "2022年3月7日" in all_texts(plan)
    assert "附件1：2022年宝山区城管执法系统执法监督工作任务清单" in all_texts(plan)


def table_rows(parts: DocxParts) -> list[Any]:
    table = parts.document.find(".//w:tbl", NS)
    return list(table.findall("w:tr", NS))


def cell_texts(row: Any) -> list[str]:
    return ["".join(cell.xpath(".//w:t/text()", namespaces=NS)) for cell in row.findall("w:tc", NS)]


def test_notice_table_has_62_rows_repeated_header_and_merged_categories(notice: DocxParts) -> None:
    rows = table_rows(notice)
    assert cell_texts(rows[0]) == ["序号", "目录", "工作细则", "牵头部门", "配合部门"]
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert len(rows) == 63
    merges = [row.findall("w:tc", NS)[1].find("w:tcPr/w:vMerge", NS) for row in rows[1:]]
    starts = [m for m in merges if m is None or m.get(w("val")) == "restart"]
    assert len(starts) == 12  # one visible 目录 cell per category, the rest merged into it
    assert cell_texts(rows[1])[:2] == ["1", "专项执法行动"]
    # 序号 is the category's number, merged down with its 目录 as in the bureau's table
    numbers = [cell_texts(row)[0] for row in rows[1:]]
    assert [n for n in numbers if n] == [str(n) for n in range(1, 13)]
    number_merges = [row.findall("w:tc", NS)[0].find("w:tcPr/w:vMerge", NS) for row in rows[1:]]
    assert [m is None for m in number_merges] == [m is None for m in merges]


def test_notice_attachment_is_landscape_and_widths_fill_it(notice: DocxParts) -> None:
    sections = list(notice.document.iter(w("sectPr")))
    orientations = [attr(s, "w:pgSz", "orient") for s in sections]
    assert "landscape" in orientations
    first_row = table_rows(notice)[1]
    widths = [int(c.find("w:tcPr/w:tcW", NS).get(w("w"))) for c in first_row.findall("w:tc", NS)]
    assert sum(widths) == pytest.approx(234 * 56.69, abs=30)
    assert widths[2] == max(widths)  # 工作细则 takes the room


def test_plan_table_columns_and_frequency_cells(plan: DocxParts) -> None:
    rows = table_rows(plan)
    assert cell_texts(rows[0]) == ["序号", "监督内容", "责任部门", "监督方法", "监督频率", "备注"]
    assert len(rows) == 12
    assert cell_texts(rows[1]) == [
        "1",
        "街面实效",
        "监督科协调科各中队",
        "实地检查视频检查",
        "区局：每月街镇中队：每周",
        "",
    ]
    assert cell_texts(rows[4])[5] == "一案一督"


def test_monthly_lists_due_items_with_dates_and_counts(monthly: DocxParts) -> None:
    texts = all_texts(monthly)
    assert "关于2022年3月到期工作事项的通知" in texts
    assert "监督科：" in texts
    assert any(re.search(r"负责\d+项工作", t) for t in texts)
    assert not any("合计" in t for t in texts)  # no sum of unlike quantities
    rows = table_rows(monthly)
    assert cell_texts(rows[0]) == ["序号", "工作事项", "分工", "期限", "要求", "依据"]
    assert all(cell_texts(row)[2] in {"牵头", "配合", "负责"} for row in rows[1:])
    assert all("不少于" in cell_texts(row)[4] for row in rows[1:])
    assert any("3月31日" in cell_texts(row)[3] for row in rows[1:])


@pytest.mark.parametrize("month", [1, 3, 12])
def test_monthly_documents_for_all_equal_one_query_each(registry: Registry, month: int) -> None:
    """``--all`` splits one per-中队 query; each notice must equal the one asked for alone."""
    batched = list(monthly_documents(prepare(registry), month, options=MONTHLY_OPTIONS))
    assert len(batched) == 6 + 13
    for recipient, doc in batched:
        target = {"unit": recipient.name} if recipient.is_unit else {"dept": recipient.name}
        assert doc == monthly_document(prepare(registry), MonthRequest(month, **target), MONTHLY_OPTIONS), (
            recipient
        )


def test_monthly_table_widths_fill_the_line_and_fit_the_basis(monthly: DocxParts) -> None:
    header = table_rows(monthly)[0]
    widths = [int(c.find("w:tcPr/w:tcW", NS).get(w("w"))) for c in header.findall("w:tc", NS)]
    assert sum(widths) == pytest.approx(156 * 56.69, abs=30)
    # 依据: 执法监督方案 on one line — six 小四 characters and the cell margins (1.9 mm a side)
    assert widths[5] >= (6 * 11.75 * 25.4 / 72 + 3.8) * 56.69
    # 序号 never wraps to 序/号
    assert widths[0] >= (2 * 11.75 * 25.4 / 72 + 3.8) * 56.69


# --- golden wording -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["notice", "plan", "monthly"])
def test_golden_text(name: str, request: pytest.FixtureRequest) -> None:
    parts: DocxParts = request.getfixturevalue(name)
    text = "\n".join(all_texts(parts)) + "\n"
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("CGTASK_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


# --- errors ---------------------------------------------------------------------------------------


def test_missing_issuing_data_names_the_fields(registry: Registry) -> None:
    with pytest.raises(RenderError) as caught:
        notice_document(registry, "tasks-2022")
    # The library names the parameters; the command line spells their flags.
    assert "发文字号（number）" in str(caught.value)
    assert "成文日期（date）" in str(caught.value)
    assert "发文字号（--number）" in caught.value.spelled(flag)
    assert "成文日期（--date）" in caught.value.spelled(flag)
    with pytest.raises(RenderError, match="发文字号"):
        notice_document(registry, "tasks-2022", IssueOptions(date=date(2022, 1, 20)))


def test_wrong_kind_of_document_is_a_usage_error(registry: Registry) -> None:
    with pytest.raises(UsageError):
        notice_document(registry, "supervision-2022", NOTICE_OPTIONS)


def test_control_character_names_the_item_and_field(registry_copy: Path) -> None:
    tasks = registry_copy / "documents" / "tasks-2022.yaml"
    lines = tasks.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("detail: 违法建筑治理。"))
    indent, _, detail = lines[at].rstrip("\n").partition("detail: ")
    escaped = detail.replace("。", "。\\x0b", 1)  # a YAML escape for U+000B
    lines[at] = f'{indent}detail: "{escaped}"\n'
    tasks.write_text("".join(lines), encoding="utf-8")
    # Refused when the file is read (E105 at its line), so no document is ever built from it.
    with pytest.warns(LeftOutWarning, match="tasks-2022.yaml"):
        registry = api.open_registry(registry_copy)
    with pytest.raises(UsageError, match="没有编号为“tasks-2022”的文件"):
        notice_document(registry, "tasks-2022", NOTICE_OPTIONS)
    findings, _ = api.check(registry_copy)
    assert any(f.code == "E105" and "U+000B" in f.message and f.line == at + 1 for f in findings)


def test_undefined_variable_in_user_template_names_file_and_line(registry: Registry, tmp_path: Path) -> None:
    (tmp_path / "notice.txt.j2").write_text("现将通知如下。\n\n{{ no_such_value }}\n", encoding="utf-8")
    options = IssueOptions(number="宝城执〔2022〕1号", date=date(2022, 1, 20), templates=tmp_path)
    with pytest.raises(RenderError) as caught:
        notice_document(registry, "tasks-2022", options)
    message = str(caught.value)
    assert "notice.txt.j2" in message
    assert "第 3 行" in message
    assert "no_such_value" in message


def test_sandbox_blocks_escape_from_a_user_template(registry: Registry, tmp_path: Path) -> None:
    evil = "{{ table_title.__class__.__mro__[1].__subclasses__() }}\n"
    (tmp_path / "notice.txt.j2").write_text(evil, encoding="utf-8")
    options = IssueOptions(number="宝城执〔2022〕1号", date=date(2022, 1, 20), templates=tmp_path)
    with pytest.raises(RenderError, match=re.escape("notice.txt.j2")):
        notice_document(registry, "tasks-2022", options)


def test_user_template_overrides_only_its_own_file(registry: Registry, tmp_path: Path) -> None:
    (tmp_path / "notice.txt.j2").write_text("现将《{{ table_title }}》发给你们。\n", encoding="utf-8")
    options = IssueOptions(number="宝城执〔2022〕1号", date=date(2022, 1, 20), templates=tmp_path)
    doc = notice_document(registry, "tasks-2022", options)
    assert [getattr(b, "text", "") for b in doc.body] == [
        "现将《区城管执法局2022年度工作任务分解表》发给你们。"
    ]


# --- PDF through LibreOffice ----------------------------------------------------------------------


needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="需要 LibreOffice（soffice）和 poppler-utils（pdftotext）",
)


@pytest.mark.slow
@needs_libreoffice
def test_pdf_full_body_page_has_22_lines(registry: Registry, tmp_path: Path) -> None:
    """The notice is signed on page 1 and the 方案 opens page 2 under its title, so page 3 is all body text."""
    from cgtask.render.pdf import convert_to_pdf
    from tests.render.test_pdf import page_text

    for name, doc in (
        ("notice", notice_document(registry, "tasks-2022", NOTICE_OPTIONS)),
        ("plan", plan_document(registry, "supervision-2022")),
    ):
        write_docx(doc, tmp_path / f"{name}.docx")
        convert_to_pdf(tmp_path / f"{name}.docx", tmp_path / f"{name}.pdf")
    first = page_text(tmp_path / "notice.pdf", 1)
    assert MARK in first.replace(" ", "")
    assert "2022年1月20日" in first.replace(" ", "")  # the signature stays on page 1
    assert "上海市宝山区城市管理行政执法局" in page_text(tmp_path / "plan.pdf", 1).replace(" ", "")
    lines = [line for line in page_text(tmp_path / "plan.pdf", 3).splitlines() if line.strip()]
    lines.pop()  # the page number
    assert len(lines) == 22
