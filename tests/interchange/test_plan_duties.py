"""Cells of other bureaus' plans read as duties: numbers and bounds kept, nothing invented, the rest noted."""

from __future__ import annotations

import pytest

from cgtask.errors import UsageError
from cgtask.interchange.plan_columns import heading_fields, parse_mapping, plan_form
from cgtask.interchange.plan_duties import (
    Cell,
    RowDuties,
    cell_duties,
    deadline_duty,
    window_phrase,
    wording_duties,
)
from cgtask.schedule.frequency import parse_frequency


def _cells(*texts: str) -> list[Cell]:
    return [Cell(text, "抽查比例及频次", f"Sheet1!E{n}") for n, text in enumerate(texts, start=3)]


def _read(text: str, window: str | None = None) -> RowDuties:
    found = RowDuties()
    cell_duties(_cells(text), window, found)
    return found


@pytest.mark.parametrize(
    ("cell", "phrases"),
    [
        ("全年抽查比例不低于5%,每年抽查1次", ["全年抽查比例不低于5%", "每年抽查1次"]),  # 1次: exact
        ("抽查比例为5%;每年抽查1次", ["每年抽查比例为5%", "每年抽查1次"]),
        ("每年1—2次。", ["每年1—2次"]),  # a range stays a range
        ("不得低于25%。", ["每年不得低于25%"]),  # the bound word kept, the period is the plan's year
        ("1次/半年", ["每半年1次"]),
        ("10-20%", ["每年10-20%"]),  # a share range: both ends held
        ("全年抽查比例不低于5%,抽查频次根据监管需要确定", ["全年抽查比例不低于5%"]),  # no count invented
    ],
)
def test_cells_become_duties_with_their_numbers(cell: str, phrases: list[str]) -> None:
    found = _read(cell)
    assert [phrase for phrase, _, _ in found.duties] == phrases
    assert found.review == []
    assert all(text == cell for _, text, _ in found.duties)  # the cell's text is kept verbatim


def test_a_bare_number_is_exact_in_the_engine_not_rewritten_by_the_import() -> None:
    """phrase, check and import read 每年抽查1次 alike: exactly once (为1次), never 不少于1次."""
    found = _read("抽查比例5%;每年抽查1次,不低于3%")
    share, count, floor = (parse_frequency(phrase) for phrase, _, _ in found.duties)
    assert [phrase for phrase, _, _ in found.duties] == ["每年抽查比例5%", "每年抽查1次", "每年不低于3%"]
    assert share.quota is not None
    assert share.quota.exact
    assert count.exact
    assert count.times == 1
    assert floor.quota is not None
    assert not floor.quota.exact
    span = parse_frequency("每年10-20%")
    assert span.range == (10, 20)
    assert span.quota is not None
    assert not span.quota.exact


def test_window_is_added_to_every_duty_of_the_row() -> None:
    found = RowDuties()
    window = window_phrase(Cell("5-9月", "检查时间", "Sheet1!H3"), found)
    cell_duties(_cells("全年抽查比例不低于5%,每年抽查1次"), window, found)
    assert [phrase for phrase, _, _ in found.duties] == [
        "全年抽查比例不低于5%，5-9月",
        "每年抽查1次，5-9月",
    ]
    assert window_phrase(Cell("2024年全年", "抽查时间", "Sheet1!D3"), found) is None  # the whole year


def test_words_without_a_number_are_noted_at_their_cell_not_read_as_once_a_year() -> None:
    found = _read("视情形多次抽查若干")
    assert found.duties == []
    assert found.review == ["Sheet1!E3“抽查比例及频次”的“视情形多次抽查若干”读不懂，未计入履职要求"]


@pytest.mark.parametrize(
    ("cell", "phrase", "noted"),
    [
        ("2016 年底前", "2016年底前", False),
        ("2016—2017 年底前", "2017年底前", False),  # a span of years is due at its end
        ("2016 年 6 底前", "2016年6月底前", True),  # 月 missing in the source: read, and said so
        ("省出台文件后 2 个月完成", "省出台文件后2个月内", False),  # after an event: no date yet
        ("2016.6.30", "2016年6月30日前", False),  # a date as a spreadsheet writes it
        ("年内完成", "2016年底前", False),
        ("2016年6月", "2016年6月底前", True),  # a month alone: its end, said so
    ],
)
def test_deadline_cells(cell: str, phrase: str, *, noted: bool) -> None:
    found = RowDuties()
    deadline_duty(Cell(cell, "时间进度", "Sheet1!D4"), 2016, found)
    assert [p for p, _, _ in found.duties] == [phrase]
    assert bool(found.review) is noted


@pytest.mark.parametrize(
    ("cell", "window"), [("11月", "11月份"), ("每年5月", "5月份"), ("5-9月", "5-9月"), ("全年", None)]
)
def test_one_month_is_a_window_of_that_month(cell: str, window: str | None) -> None:
    found = RowDuties()
    assert window_phrase(Cell(cell, "检查时间", "Sheet1!F3"), found) == window
    assert found.review == []


def test_ongoing_work_is_no_duty() -> None:
    found = RowDuties()
    deadline_duty(Cell("常态工作", "时间进度", "Sheet1!D5"), 2016, found)
    assert (found.duties, found.review) == ([], [])


def test_dated_deadlines_in_the_wording_are_milestones_for_review() -> None:
    found = RowDuties()
    text = "2023年度,各县市区至少建成1个示范区域,力争到“十四五”末,所有重点区域全覆盖。力争2023年6月底取得阶段性成效。"
    wording_duties(Cell(text, "工作内容", "Sheet1!D3"), 2023, found)
    # 十四五末…全覆盖 is a coverage due by 2025-12-31, not a bare milestone.
    assert [phrase for phrase, _, _ in found.duties] == ["“十四五”末全覆盖", "2023年6月底前"]
    covered = parse_frequency("“十四五”末全覆盖")
    assert (covered.coverage, covered.period, covered.on) == (True, "once", (2025, 12, 0))  # its month end
    assert len(found.review) == 3  # the coverage and the milestone named, the quantity it cannot hold
    assert any("至少建成1个" in note for note in found.review)


def test_headings_and_plan_forms() -> None:
    zaozhuang = [
        "序号",
        "抽查事项",
        "检查对象",
        "抽查比例及频次",
        "预估抽查对象数",
        "检查时间",
        "责任科室",
        "检查主体",
    ]
    fields = heading_fields(zaozhuang)
    assert fields == {
        "number": 0,
        "title": 1,
        "object": 2,
        "frequency": 3,
        "base": 4,
        "window": 5,
        "lead": 6,
        "inspector": 7,
    }
    assert plan_form(fields, "检查计划") == "inspection_plan"
    xuancheng = heading_fields(
        ["类别", "序号", "工作任务", "工作内容", "牵头局领导", "牵头责任部门", "重点责任部门"]
    )
    assert plan_form(xuancheng, "2023年度城市管理工作思路") == "work_plan"
    assert xuancheng["responsible"] == 6
    assert heading_fields(["督查 安排"], parse_mapping(["督查安排=频次"])) == {"frequency": 0}


def test_a_mapping_names_a_known_field() -> None:
    with pytest.raises(UsageError, match="列名=字段"):
        parse_mapping(["督查安排=次数表"])


@pytest.mark.parametrize(
    ("cell", "phrase"),
    [
        ("每年抽查约27家", "每年抽查为27家"),  # about 27: read as 27, the note says it was approximate
        ("每年抽查30余家", "每年抽查不少于30家"),  # more than 30: at least 30
        ("每年抽查20家左右", "每年抽查为20家"),
    ],
)
def test_an_approximate_amount_in_a_cell_is_read_as_its_number_with_a_note(cell: str, phrase: str) -> None:
    found = _read(cell)
    assert [duty[0] for duty in found.duties] == [phrase]
    assert found.review == [f"Sheet1!E3“抽查比例及频次”的“{cell[4:]}”是约数，按“{phrase}”读入，请核对"]


@pytest.mark.parametrize(
    ("span", "window"),
    [
        ("2024.01.01-2024.12.31", None),  # the whole year: no narrowing
        ("2024.03.01-2024.09.30", "3月至9月"),
        ("2024年5月1日至2024年10月31日", "5月至10月"),
    ],
)
def test_a_date_span_of_whole_months_is_a_window_without_a_note(span: str, window: str | None) -> None:
    found = RowDuties()
    assert window_phrase(Cell(span, "检查时间", "Sheet1!F3"), found) == window
    assert found.review == []


def test_a_date_span_not_of_whole_months_is_noted() -> None:
    found = RowDuties()
    assert window_phrase(Cell("2024.03.15-2024.09.30", "检查时间", "Sheet1!F3"), found) is None
    assert found.review == ["Sheet1!F3“检查时间”的“2024.03.15-2024.09.30”读不懂，时间窗口未计入"]


def test_a_dated_target_in_the_wording_is_a_dated_amount_and_other_numbers_are_noted() -> None:
    found = RowDuties()
    cell = Cell("5月底前开工建设口袋公园50个，年底前完成15546套改造。", "工作内容", "Sheet1!C3")
    wording_duties(cell, 2021, found)
    # 为15546套 parses without its number (a 1次 milestone on the board): the date is a milestone, the
    # 15546套 noted, not held as an amount the engine drops
    assert [duty[0] for duty in found.duties] == ["2021年5月底前为50个", "2021年年底前"]
    assert [note for note in found.review if "未读成" in note] == [
        "Sheet1!C3中的数字“15546套”未读成履职要求，请核对后补上"
    ]
    bare = RowDuties()
    wording_duties(Cell("全年改造老旧小区200部电梯。", "工作内容", "Sheet1!C4"), 2021, bare)
    assert bare.duties == []
    assert bare.review == ["Sheet1!C4中的数字“200部”未读成履职要求，请核对后补上"]


def test_spans_of_time_are_not_amounts() -> None:
    found = RowDuties()
    cell = Cell("5月底前完成排查，发现问题1个月内整改；近3年内未检查的优先。", "工作内容", "Sheet1!C3")
    wording_duties(cell, 2024, found)
    assert [duty[0] for duty in found.duties] == ["2024年5月底前"]  # 1个月 is no quantity
    assert not any("约数" in note or "数字" in note for note in found.review)


def test_an_amount_after_a_period_word_is_not_the_dates() -> None:
    found = RowDuties()
    wording_duties(Cell("6月底前完成排查，全年检查企业50家。", "工作内容", "Sheet1!C3"), 2024, found)
    assert [duty[0] for duty in found.duties] == ["2024年6月底前"]
    assert "Sheet1!C3中的数字“50家”未读成履职要求，请核对后补上" in found.review
