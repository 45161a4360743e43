"""A registry's named seasons (汛期: 6-9月) are read as a phrase's own window is, or refused."""

from __future__ import annotations

import pytest

from cgtask.errors import FrequencyError
from cgtask.schedule.frequency import parse_frequency
from cgtask.schedule.named_windows import named_windows, window_dates


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("6-9月", (6, 1, 9, 0)),
        ("5月-9月", (5, 1, 9, 0)),
        ("六月至九月", (6, 1, 9, 0)),
        ("6月1日至9月30日", (6, 1, 9, 30)),
        ("第三季度", (7, 1, 9, 0)),
    ],
)
def test_a_season_is_written_as_months_or_days(text: str, dates: tuple[int, int, int, int]) -> None:
    assert window_dates(text) == dates


@pytest.mark.parametrize(
    ("text", "why"), [("夏天", "应写成月份"), ("11月至次年3月", "跨年"), ("6-9月每周", "应写成月份")]
)
def test_what_is_not_one_window_of_a_year_is_refused(text: str, why: str) -> None:
    with pytest.raises(FrequencyError, match=why):
        window_dates(text)


def test_the_engine_reads_a_season_only_with_its_definition() -> None:
    windows = named_windows({"汛期": "6-9月", "供暖期": "11月至次年3月"})
    assert windows == (("汛期", (6, 1, 9, 0)),)  # the unreadable one is left out (check reports it: E404)
    assert parse_frequency("汛期每周巡查1次", dict(windows)).window == (6, 1, 9, 0)
    with pytest.raises(FrequencyError, match="汛期"):
        parse_frequency("汛期每周巡查1次")
