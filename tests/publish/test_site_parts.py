"""The site's parts without HTML: slugs, the board matrix, a unit's months, the calendar, charts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from cgtask.publish.site.board import build_board, make_cell, natural_key
from cgtask.publish.site.builder import requirement_text, role_text
from cgtask.publish.site.charts import completion_chart, monthly_chart
from cgtask.publish.site.data import row_owners, to_json
from cgtask.publish.site.pages import heat_level, month_grids, months_due, task_links
from cgtask.publish.site.slugs import slugify, unique_slugs
from cgtask.queries.requirements import Quantity
from tests.publish.site_sample import AS_OF, BOARD, DUE, TASKS, sample_site

# --- slugs ----------------------------------------------------------------------------------------


def test_slugify_keeps_chinese_and_drops_what_would_leave_the_folder() -> None:
    assert slugify("吴淞街道中队") == "吴淞街道中队"
    assert slugify("../../法制科") == "法制科"
    assert slugify("a/b\\c") == "a-b-c"
    assert slugify("..") == "x"
    assert slugify("监督\x00科\n") == "监督-科"
    assert slugify("CON") == "_CON"
    assert slugify("第1.3项?#%") == "第1.3项"


@given(st.text(max_size=200))
def test_any_text_gives_a_plain_file_name(text: str) -> None:
    slug = slugify(text)
    assert slug
    assert len(slug) <= 80
    assert not set(slug) & set('/\\:*?"<>|#%')
    assert slug not in {".", ".."}
    assert not slug.startswith(".")
    assert all(ch.isprintable() and not ch.isspace() for ch in slug)


def test_unique_slugs_never_fold_two_keys_to_one_file() -> None:
    stems = unique_slugs({"a": "Team", "b": "team", "c": "TEAM", "d": "x/y"})
    assert stems == {"a": "Team", "b": "team-2", "c": "TEAM-3", "d": "x-y"}
    assert len({s.casefold() for s in stems.values()}) == 4


# --- the board ------------------------------------------------------------------------------------


def test_board_puts_the_worst_units_first_then_organisation_order() -> None:
    board = build_board(BOARD, {}, ["监督科", "法制科", "办公室", "吴淞街道中队", "大场镇中队"])
    names = [line.unit for line in board.lines]
    assert names[:3] == ["吴淞街道中队", "监督科", "大场镇中队"]  # 2 red; 1 red; 0 red 1 yellow
    assert names[3] == "办公室"  # one blue beats all-green
    assert names.index("法制科") < names.index("Team-A中队")  # all green: organisation order, unknown last
    assert board.totals == {"red": 3, "yellow": 3, "blue": 2, "green": 5}


def test_board_columns_follow_the_item_numbers() -> None:
    board = build_board(BOARD, {}, [])
    assert [c.item for c in board.columns] == ["1", "2", "3", "4", "5", "6", "10"]
    assert natural_key("1.10") > natural_key("1.9")


def test_a_cell_says_its_status_and_what_is_missing_in_words() -> None:
    wusong = build_board(BOARD, {}, []).lines[0]
    assert (wusong.cells[0].label, wusong.cells[0].amount) == ("逾期", "差4次")
    assert (wusong.cells[2].label, wusong.cells[2].amount) == ("未完成", "差2次")
    assert wusong.cells[3].status is None
    assert wusong.cells[3].label == ""
    supervision = next(r for r in BOARD if r.unit == "监督科" and r.item == "1")
    assert make_cell([supervision]).amount == "差3起"  # the quantity's own unit wins over 次
    coverage = next(r for r in BOARD if r.uncovered)
    assert "未覆盖：吴淞街道中队、大场镇中队" in make_cell([coverage]).detail


def test_a_cell_with_two_levels_shows_the_worse_and_the_sum() -> None:
    red, yellow = BOARD[0], BOARD[2]
    cell = make_cell([yellow, red])
    assert cell.status == "red"
    assert cell.amount == "差6次"


# --- a unit's page --------------------------------------------------------------------------------


def test_due_this_month_and_next_only_and_only_the_units_own() -> None:
    mine = [r for r in DUE if "吴淞街道中队" in row_owners(r)]
    months = months_due(mine, AS_OF)
    assert [m.title for m in months] == ["本月（2022年3月）", "下月（2022年4月）"]
    assert [g.dues for g in months[0].groups] == [[date(2022, 3, 18)]]
    assert [g.dues for g in months[1].groups] == [[date(2022, 4, 15)]]


def test_a_daily_duty_is_one_line_per_month() -> None:
    row = DUE[0]
    days = [
        replace(row, due=(day := date(2022, 3, d)), period_start=day, period_end=day, times=1)
        for d in range(1, 32)
    ]
    weekly = [replace(row, item="9", due=date(2022, 3, d)) for d in (4, 11, 18, 25)]
    groups = months_due(days + weekly, AS_OF)[0].groups
    assert [g.row.item for g in groups] == ["1", "9"]
    assert groups[0].dates_text == "3月1日—3月31日，共 31 天"  # a daily duty counts days, as the board does
    assert groups[0].times == 31
    assert groups[1].dates_text == "3月4日、3月11日、3月18日、3月25日"
    assert groups[1].times == 8


def test_december_is_followed_by_january() -> None:
    row = DUE[0]
    january = replace(row, due=date(2023, 1, 6))
    months = months_due([january], date(2022, 12, 20))
    assert months[1].title == "下月（2023年1月）"
    assert months[1].groups[0].row == january


def test_a_row_belongs_to_its_unit_else_to_each_responsible() -> None:
    training = next(r for r in DUE if r.item == "8")
    assert row_owners(training) == ["法制科"]
    case_review = next(r for r in DUE if r.item == "4")
    assert row_owners(case_review) == ["监督科", "法制科"]
    assert row_owners(DUE[0]) == ["吴淞街道中队"]


def test_a_unit_supports_through_a_group() -> None:
    groups = {"各科室": ["监督科", "法制科", "办公室"], "各中队": ["吴淞街道中队"]}
    leads, supports = task_links(TASKS, "监督科", groups)
    assert [t.task.id for t in leads] == ["1.1"]
    assert [(t.task.id, t.role) for t in supports] == [("1.2", "配合（经 各科室）"), ("../x", "配合")]
    _, squad = task_links(TASKS, "吴淞街道中队", groups)
    assert [(t.task.id, t.role) for t in squad] == [("1.1", "配合（经 各中队）")]


def test_requirement_and_role_read_as_the_plan_says() -> None:
    review = next(r for r in DUE if r.item == "4")
    assert requirement_text(review) == "2次；每次不少于30件"
    share = replace(review, quota=Quantity(10, "%", "period", "当季案件数"), times=None)
    assert requirement_text(share) == "不少于当季案件数的10%"
    training = next(r for r in DUE if r.item == "8")
    assert role_text(training) == "配合（经 各科室）"


# --- calendar and charts --------------------------------------------------------------------------


def test_month_grids_start_on_monday_and_mark_holidays_and_adjusted_days() -> None:
    grids = month_grids(sample_site().days, 2022)
    assert len(grids) == 12
    may = grids[4]
    assert may.weeks[0][:6] == [None] * 6  # 1 May 2022 is a Sunday
    first = may.weeks[0][6]
    assert first is not None
    assert first.kind == "holiday"
    assert first.mark == "休"
    assert "劳动节" in first.label
    adjusted = next(c for week in may.weeks for c in week if c and c.day == date(2022, 5, 7))
    assert adjusted.kind == "adjusted"
    assert adjusted.mark == "班"
    march = grids[2]
    assert march.due_total == 4
    busiest = next(c for week in march.weeks for c in week if c and c.day == date(2022, 3, 31))
    assert busiest.heat == 4
    assert "到期 2 项次" in busiest.label


def test_heat_levels_scale_to_the_busiest_day() -> None:
    assert [heat_level(n, 8) for n in (0, 1, 2, 3, 4, 8)] == [0, 1, 1, 2, 2, 4]
    assert heat_level(5, 0) == 0


def test_charts_carry_their_numbers_as_text() -> None:
    chart = completion_chart("完成率", [("吴淞街道中队", 18, 2), ("大场镇中队", 0, 0)])
    assert [b.value_text for b in chart.bars] == ["11%（2/18）", "100%（0/0）"]
    assert chart.bars[0].tone == "poor"
    assert chart.bars[1].tone == "good"
    assert chart.bars[0].width < chart.bars[1].width
    months = monthly_chart("每月", {3: 4, 4: 2})
    assert [b.value_text for b in months.bars][2:4] == ["4", "2"]
    assert months.bars[2].height > months.bars[3].height > months.bars[0].height == 0


def test_json_has_iso_dates_and_the_board_contract_keys() -> None:
    data = to_json(sample_site())
    assert data["as_of"] == "2022-03-15"
    assert set(data["board"][0]) == {
        "doc", "year", "item", "title", "level", "party", "responsible", "owed", "done", "missing", "unit",
        "periods", "short", "uncovered", "status", "role", "via",
    }  # fmt: skip
    due_keys = set(data["due"][0])
    assert {"period_start", "period_end", "quota", "coverage", "duration", "role", "via"} <= due_keys
    assert data["due"][3]["quota"] == {"value": 30, "unit": "件", "per": "occurrence", "of": None}
    assert list(data["due"][0]) == [
        "item", "title", "doc", "level", "unit", "responsible", "period", "period_start", "period_end", "due",
        "times", "quota", "coverage", "duration", "frequency", "requirement", "source", "disagreement", "role",
        "via", "party",
    ]  # fmt: skip
    assert data["due"][4]["disagreement"] is True
    assert data["due"][0]["party"] is None
