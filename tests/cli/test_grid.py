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
