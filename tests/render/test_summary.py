"""cgtask render summary: the work plans as issued, checked at XML level like the other documents."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cgtask import api
from cgtask.cli.app import app
from cgtask.cli.flags import flag
from cgtask.errors import RenderError, UsageError
from cgtask.official.issue import IssueOptions
from cgtask.official.work_plan import summary_document
from cgtask.registry.view import Registry
from cgtask.render.gbt9704 import write_docx
from tests.render.conftest import NS, DocxParts, attr, paragraph_text, w

CHANGNING_OPTIONS = IssueOptions(date=date(2023, 1, 10), to="各科室、各中队")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return api.open_registry()


def _save(registry: Registry, doc_id: str, folder: Path, options: IssueOptions | None = None) -> DocxParts:
    path = folder / f"{doc_id}.docx"
    write_docx(summary_document(registry, doc_id, options), path)
    return DocxParts(path)


@pytest.fixture(scope="module")
def city(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> DocxParts:
    return _save(registry, "plan-2022-city", tmp_path_factory.mktemp("city"))


@pytest.fixture(scope="module")
def putuo(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> DocxParts:
    return _save(registry, "plan-2021-putuo", tmp_path_factory.mktemp("putuo"))


@pytest.fixture(scope="module")
def changning(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> DocxParts:
    return _save(registry, "plan-2023-changning", tmp_path_factory.mktemp("cn"), CHANGNING_OPTIONS)


def runs_of(paragraph: Any) -> list[Any]:
    return list(paragraph.iter(w("r")))


def run_size(run: Any) -> int:
    return int(attr(run, "w:rPr/w:sz", "val") or 0)


def east_asian(run: Any) -> str | None:
    return attr(run, "w:rPr/w:rFonts", "eastAsia")


NAMES = ["city", "putuo", "changning"]


@pytest.mark.parametrize("name", NAMES)
def test_page_size_margins_and_footers(name: str, request: pytest.FixtureRequest) -> None:
    parts: DocxParts = request.getfixturevalue(name)
    for section in parts.document.iter(w("sectPr")):
        assert {attr(section, "w:pgSz", "w"), attr(section, "w:pgSz", "h")} == {"11906", "16838"}
        margins = {side: attr(section, "w:pgMar", side) for side in ("top", "bottom", "left", "right")}
        assert margins == {"top": "2098", "bottom": "1984", "left": "1588", "right": "1474"}
    assert parts.part("word/settings.xml").find("w:evenAndOddHeaders", NS) is not None
    footers = parts.footers()
    assert footers
    for footer in footers:
        paragraph = footer.find("w:p", NS)
        text = "".join(paragraph.xpath(".//w:t/text()|.//w:instrText/text()", namespaces=NS))
        assert re.fullmatch(r"\u2014 \s*PAGE\s*1 \u2014", text), text
        assert {run_size(r) for r in runs_of(paragraph)} == {28}
        assert {east_asian(r) for r in runs_of(paragraph)} == {"宋体"}


@pytest.mark.parametrize("name", NAMES)
def test_title_is_44_half_points_xiaobiaosong_centred(name: str, request: pytest.FixtureRequest) -> None:
    parts: DocxParts = request.getfixturevalue(name)
    title = parts.paragraph_with("的通知")
    assert paragraph_text(title).startswith("关于印发《")
    assert attr(title, "w:pPr/w:jc", "val") == "center"
    assert {run_size(run) for run in runs_of(title)} == {44}
    assert {east_asian(run) for run in runs_of(title)} == {"方正小标宋简体"}


def test_city_has_red_mark_number_addressee_and_notice(city: DocxParts) -> None:
    mark = city.paragraphs()[0]
    assert paragraph_text(mark) == "上海市城市管理行政执法局文件"
    assert {attr(run, "w:rPr/w:color", "val") for run in runs_of(mark)} == {"FF0000"}
    number = city.paragraph_with("〔2022〕")
    assert re.fullmatch(r"\S+〔\d{4}〕[1-9]\d*号", paragraph_text(number))
    assert paragraph_text(number) == "沪城管执〔2022〕7号"
    assert attr(number, "w:pPr/w:pBdr/w:bottom", "color") == "FF0000"
    assert paragraph_text(city.paragraph_with("各区城管执法局")).endswith("临港新片区综合执法大队：")
    city.paragraph_with("现将《城管执法系统2021年工作总结和2022年工作计划》印发给你们")


def test_putuo_has_a_number_but_no_red_mark(putuo: DocxParts) -> None:
    texts = [paragraph_text(p) for p in putuo.paragraphs()]
    assert "普城管执〔2021〕8号" in texts
    assert not any(t.endswith("文件") for t in texts)
    colours = {attr(run, "w:rPr/w:color", "val") for p in putuo.paragraphs() for run in runs_of(p)}
    assert "FF0000" not in colours


def test_changning_has_neither_mark_nor_number(changning: DocxParts) -> None:
    texts = [paragraph_text(p) for p in changning.paragraphs()]
    assert not any(re.search(r"〔\d{4}〕", t) for t in texts)
    assert "各科室、各中队：" in texts
    assert "2023年1月10日" in texts


@pytest.mark.parametrize(
    ("name", "heading", "font"),
    [
        ("city", "一、服务城市高质量发展", "黑体"),
        ("city", "（一）持续抓好疫情常态化防控。", "楷体_GB2312"),
        ("city", "一、深化街镇综合执法体制改革", "黑体"),
        ("putuo", "（一）", "楷体_GB2312"),
        ("changning", "(一)", "楷体_GB2312"),
    ],
)
def test_headings_take_their_level_fonts(
    name: str, heading: str, font: str, request: pytest.FixtureRequest
) -> None:
    parts: DocxParts = request.getfixturevalue(name)
    paragraph = next(p for p in parts.paragraphs() if paragraph_text(p).startswith(heading))
    first = runs_of(paragraph)[0]
    assert east_asian(first) == font
    assert run_size(first) == 32
    assert attr(first, "w:rPr/w:b", "val") in (None, "0", "false")


def test_city_run_in_item_heading_then_body_text(city: DocxParts) -> None:
    paragraph = city.paragraph_with("（二）深入开展街面环境专项执法。依法查处无序设摊案件31586起")
    heading, text = runs_of(paragraph)[0], runs_of(paragraph)[1]
    assert east_asian(heading) == "楷体_GB2312"
    assert east_asian(text) == "仿宋_GB2312"


@pytest.mark.parametrize("name", NAMES)
def test_body_paragraphs_are_32_half_points_fangsong_on_the_grid(
    name: str, request: pytest.FixtureRequest
) -> None:
    parts: DocxParts = request.getfixturevalue(name)
    paragraph = next(p for p in parts.paragraphs() if re.fullmatch(r"\d{4}年工作总结", paragraph_text(p)))
    for p in (paragraph, parts.paragraph_with("印发给你们")):
        assert attr(p, "w:pPr/w:spacing", "lineRule") == "exact"
        assert attr(p, "w:pPr/w:spacing", "line") == "579"
        assert attr(p, "w:pPr/w:ind", "firstLine") == "640"
        for run in runs_of(p):
            assert run_size(run) == 32
            assert east_asian(run) == "仿宋_GB2312"


def test_both_parts_and_every_item_are_in_the_body(registry: Registry, city: DocxParts) -> None:
    texts = [paragraph_text(p) for p in city.paragraphs()]
    document = registry.document("plan-2022-city")
    assert document["kind"] == "work_plan"
    for part in (document["summary"], document["plan"]):
        assert part["title"] in texts
        for section in part["sections"]:
            assert f"{section['numbering']}{section['heading']}" in texts
            for item in section["items"]:
                assert any(t.startswith(f"{item['numbering']}{item['heading']}") for t in texts), item["id"]


@pytest.mark.parametrize(
    ("name", "printed"),
    [
        ("city", "上海市城市管理行政执法局办公室2022年1月19日印发"),
        ("putuo", "上海市普陀区城市管理行政执法局2021年3月10日印发"),
        ("changning", "上海市长宁区城市管理行政执法局2023年1月10日印发"),
    ],
)
def test_colophon_has_cc_where_known_and_printed_line(
    name: str, printed: str, request: pytest.FixtureRequest
) -> None:
    parts: DocxParts = request.getfixturevalue(name)
    line = parts.paragraph_with("日印发")
    assert paragraph_text(line).replace("\t", "") == printed
    assert attr(line, "w:pPr/w:pBdr/w:bottom", "sz") == "8"
    for run in runs_of(line):
        assert run_size(run) == 28
    cc = [paragraph_text(p) for p in parts.paragraphs() if paragraph_text(p).startswith("抄送：")]
    assert bool(cc) == (name != "changning")
    dates = [
        t
        for t in (paragraph_text(p) for p in parts.paragraphs())
        if re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", t)
    ]
    assert len(dates) == 1  # the 成文日期 under the signature


def test_missing_issuing_data_names_every_field(registry: Registry) -> None:
    with pytest.raises(RenderError) as caught:
        summary_document(registry, "plan-2023-changning")
    message = caught.value.spelled(flag)  # as the command line prints it; str() names the parameters
    assert "成文日期（header.date 或 --date）" in message
    assert "主送机关（header.addressee 或 --to）" in message
    assert "成文日期（header.date 或 date）" in str(caught.value)


def test_not_a_work_plan_is_a_usage_error(registry: Registry) -> None:
    with pytest.raises(UsageError, match="不是工作计划"):
        summary_document(registry, "tasks-2022")


def test_options_override_the_header(registry: Registry, tmp_path: Path) -> None:
    options = IssueOptions(number="沪城管执〔2022〕8号", cc="市政府办公厅")
    parts = _save(registry, "plan-2022-city", tmp_path, options)
    texts = [paragraph_text(p) for p in parts.paragraphs()]
    assert "沪城管执〔2022〕8号" in texts
    assert "抄送：市政府办公厅。" in texts


def test_cli_writes_the_docx_and_reports_missing_data(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "summary.docx"
    ok = runner.invoke(app, ["render", "summary", "--doc", "plan-2022-city", "-o", str(out)])
    assert ok.exit_code == 0, ok.output
    assert out.is_file()
    assert "已写入" in ok.stderr
    missing = tmp_path / "cn.docx"
    failed = runner.invoke(app, ["render", "summary", "--doc", "plan-2023-changning", "-o", str(missing)])
    assert failed.exit_code == 2
    assert "缺少发文信息" in failed.stderr
    assert "Traceback" not in failed.output
    assert not missing.exists()
    fixed = runner.invoke(
        app,
        [
            "render",
            "summary",
            "--doc",
            "plan-2023-changning",
            "--date",
            "2023-01-10",
            "--to",
            "各科室",
            "-o",
            str(missing),
        ],
    )
    assert fixed.exit_code == 0, fixed.output


@pytest.mark.parametrize("command", [["trace"], ["decompose"], ["render", "summary"]])
def test_help_has_an_example(command: list[str], runner: CliRunner) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "示例：cgtask " + " ".join(command) in result.output
