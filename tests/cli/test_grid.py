"""The plain-text grid used by listings: CJK widths, wrapping, fitting the terminal."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cgtask.cli.grid import display_width, fit_widths, render_grid, wrap


def test_cjk_characters_take_two_cells() -> None:
    assert display_width("监督科") == 6
    assert display_width("4.3") == 3
    assert display_width("配合（各科室）") == 14


@given(st.text(alphabet="监督科法制ab1、（）", max_size=60), st.integers(min_value=2, max_value=20))
def test_wrapped_lines_fit_and_keep_the_text(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join(lines) == text
    assert all(display_width(line) <= width for line in lines)


def test_widths_shrink_to_the_terminal() -> None:
    assert sum(fit_widths([10, 40, 30], 60)) == 60
    assert fit_widths([3, 3], 4) == [3, 3]  # never below the minimum


def test_rows_are_aligned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    text = render_grid(["编号", "工作"], [["4.3", "落实执法监督制度"], ["9.1", "宣传工作"]], title="标题")
    lines = text.splitlines()
    assert lines[0] == "标题"
    assert len({display_width(line) for line in lines[1:]}) == 1
    assert "落实执法监督制度" in text


def test_ascii_words_stay_whole_when_the_column_can_hold_them() -> None:
    assert wrap("见 supervision-2022 第1项", 16) == ["见 ", "supervision-2022", " 第1项"]
    assert wrap("supervision-2022", 8) == ["supervis", "ion-2022"]  # wider than the column: cut


def test_ids_and_dates_keep_their_width_while_chinese_columns_give(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    rows = [["supervision-2022", "2022-03-09", "执法监督任务清单中的街面实效督察"]]
    text = render_grid(["文件", "日期", "工作"], rows)
    assert "supervision-2022" in text
    assert "2022-03-09" in text
    assert max(display_width(line) for line in text.splitlines()) <= 50


def test_floors_are_given_up_only_when_they_alone_do_not_fit() -> None:
    assert fit_widths([16, 30], 30, [16, 4]) == [16, 14]
    assert sum(fit_widths([16, 16], 20, [16, 16])) == 20


def test_a_note_gives_up_its_floor_before_an_id_or_a_date() -> None:
    """At 80 columns (ledger list): the record id and the date stay whole, the note (with a long word) wraps."""
    natural, floors = [10, 10, 60], [10, 10, 18]
    widths = fit_widths(natural, 30, floors)
    assert widths[:2] == [10, 10]
    assert sum(widths) == 30
