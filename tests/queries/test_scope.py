"""The scope (科室, 中队, year) every request shares is given by name: a value put where dept once stood fails."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from cgtask import api
from cgtask.queries.scope import Scope


def test_the_requests_share_one_scope() -> None:
    asked = [
        api.StandingQuery(date(2022, 3, 15), dept="监督科", year=2022),
        api.DueQuery(month=3, dept="监督科", year=2022),
        api.MonthTarget(3, dept="监督科", year=2022),
    ]
    assert {Scope(dept=q.dept, unit=q.unit, year=q.year) for q in asked} == {Scope(dept="监督科", year=2022)}


@pytest.mark.parametrize(
    "positional",
    [
        lambda: api.StandingQuery(date(2022, 3, 15), "监督科"),  # type: ignore[call-arg]  # once dept: the level now
        lambda: api.MonthTarget(3, "监督科"),  # type: ignore[call-arg]  # once dept: every now
        lambda: api.DueQuery(3, None, None, None, 2022),  # type: ignore[call-arg, arg-type]  # once year
    ],
)
def test_a_value_where_the_scope_once_stood_is_refused(positional: Callable[[], object]) -> None:
    with pytest.raises(TypeError, match="positional"):
        positional()
