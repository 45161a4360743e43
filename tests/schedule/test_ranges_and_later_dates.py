"""Both ends of a range are read, a bare number is exact per demand, and a later date is owed from its plan."""

from __future__ import annotations

from datetime import date

import pytest

from cgtask.errors import FrequencyError
from cgtask.schedule.calendar import WorkCalendar
from cgtask.schedule.frequency import format_frequency, parse_frequency
from cgtask.schedule.occurrences import ExpansionOptions, occurrences_due_between
from cgtask.schedule.periods import one_off_period


@pytest.mark.parametrize(
    ("phrase", "span", "canonical"),
    [
        ("每年抽查比例10-20%", (10, 20), "每年，抽查比例10%—20%"),
        ("每季度抽查10%~20%", (10, 20), "每季度，10%—20%"),  # the per cent written twice: one range
        ("每年4-5个", (4, 5), "每年，4—5个"),
        ("每年1-2次", (1, 2), "每年1—2次"),
    ],
)
def test_a_range_keeps_both_ends_and_reads_back(phrase: str, span: tuple[int, int], canonical: str) -> None:
    reading = parse_frequency(phrase)
    assert reading.range == span
    assert format_frequency(reading) == canonical
    assert parse_frequency(canonical).range == span


def test_each_demand_has_its_own_bound() -> None:
    """全年抽查比例不低于5%,每年抽查1次: the share is a floor, the count the plan's number."""
    reading = parse_frequency("全年抽查比例不低于5%,每年抽查1次")
    assert reading.exact
    assert reading.times == 1
    assert reading.quota is not None
    assert not reading.quota.exact
    floor = parse_frequency("每周不少于2次")
    assert not floor.exact
    quantity = parse_frequency("每年50个").quota
    assert quantity is not None
    assert quantity.exact


def test_a_share_range_out_of_order_is_refused() -> None:
    with pytest.raises(FrequencyError, match="比例应在"):
        parse_frequency("每年抽查比例20-120%")


def test_a_date_in_a_later_year_is_one_period_from_the_plans_year() -> None:
    on = (2025, 12, 0)  # 十四五末
    [period] = one_off_period(2023, on, None, plan_year=2023)
    assert (period.start, period.end, period.key) == (
        date(2023, 1, 1),
        date(2025, 12, 31),
        "2023-once-20251231",
    )
    assert one_off_period(2024, on, None, plan_year=2023) == []  # not again in the years between
    assert one_off_period(2025, on, None, plan_year=2023) == []  # nor in the date's own year
    assert one_off_period(2023, on, None) == []  # a caller that names no plan year: as before


def test_expanding_several_years_gives_the_later_date_once() -> None:
    calendar = WorkCalendar()
    reading = parse_frequency("十四五末全覆盖")
    found = occurrences_due_between(
        reading, date(2023, 1, 1), date(2025, 12, 31), calendar, options=ExpansionOptions(plan_year=2023)
    )
    assert [(o.period.start, o.due) for o in found] == [(date(2023, 1, 1), date(2025, 12, 31))]
    assert found[0].coverage
