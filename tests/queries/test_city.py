"""A city of three districts (tests/city_registry.py): every query answers across them through the district queries."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from cgtask import api
from cgtask.errors import UsageError
from cgtask.registry.city import DistrictLeftOut
from tests.city_registry import BROKEN_LINE, build_city, module_cache
from tests.support.test_answers import aged

AS_OF = date(2022, 6, 30)


@pytest.fixture(scope="module", autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache for the module: the city's districts are read cold once."""
    yield from module_cache(tmp_path_factory)


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Aged past the racy window: a board cached while its files were just written is keyed by their digests,
    # and looked up again once they are old it would not be found (a slow machine crosses that moment).
    return aged(build_city(tmp_path_factory.mktemp("city") / "上海市局"))


def _board(root: Path, **query: object) -> api.OverdueResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DistrictLeftOut)
        return api.overdue(root, api.StandingQuery(AS_OF, **query))  # type: ignore[arg-type]


def test_every_board_line_names_one_of_the_districts_that_answer(city: Path) -> None:
    assert {row.district for row in _board(city).rows} == {"宝山区", "闵行区"}


def test_a_districts_lines_on_the_city_board_are_its_own_board(city: Path) -> None:
    own = api.overdue(city / "districts" / "minhang", api.StandingQuery(AS_OF)).rows
    on_city = [replace(row, district=None) for row in _board(city).rows if row.district == "闵行区"]
    assert sorted(map(repr, on_city)) == sorted(map(repr, own))


def test_the_broken_district_is_named_with_its_file_and_line(city: Path) -> None:
    with pytest.warns(DistrictLeftOut) as caught:
        api.overdue(city, api.StandingQuery(AS_OF))
    where = f"普陀区：districts/putuo/documents/supervision-2022.yaml:{BROKEN_LINE}:"
    assert str(caught[0].message).startswith(where)


def test_the_district_without_records_ranks_first_for_red_lines(city: Path) -> None:
    ranking = _board(city).ranking
    assert ranking is not None
    assert [(d.rank, d.district) for d in ranking.districts] == [(1, "闵行区"), (2, "宝山区")]


def test_a_districts_red_count_in_the_ranking_is_its_red_lines(city: Path) -> None:
    result = _board(city)
    assert result.ranking is not None
    red = {d.district: d.red for d in result.ranking.districts}
    assert red["宝山区"] == sum(row.status == "red" for row in result.rows if row.district == "宝山区")


def test_a_duty_done_in_one_district_is_red_only_in_the_other(city: Path) -> None:
    """宝山区's 吴淞街道中队 keeps its weekly 街面实效督察 (2 a week), 闵行区's does nothing."""
    rows = _board(city, unit="吴淞街道中队").rows
    red = [row.district for row in rows if row.title == "街面实效督察" and row.status == "red"]
    assert red == ["闵行区"]


def test_the_board_read_back_from_the_cache_is_the_board_computed(city: Path) -> None:
    first = _board(city).rows
    assert _board(city).rows == first


def _street_done(root: Path) -> dict[str | None, int | float]:
    rows = _board(root, unit="罗店镇中队").rows
    return {row.district: row.done for row in rows if row.title == "街面实效督察"}


def test_a_record_in_a_district_changes_its_cached_board(tmp_path: Path) -> None:
    copy = build_city(tmp_path / "city")
    assert _street_done(copy)["闵行区"] == 0  # the board is cached now
    request = api.DoneRequest(
        item="1", unit="罗店镇中队", activity="街面实效督察", when=date(2022, 6, 22), count=2
    )
    api.record_done(copy / "districts" / "minhang", request, today=AS_OF, now=datetime(2022, 6, 30, 9))
    assert _street_done(copy)["闵行区"] == 2


def test_due_rows_are_in_due_order_across_districts(city: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DistrictLeftOut)
        rows = api.due(city, api.DueQuery(month=4, unit="罗店镇中队")).rows
    assert [row.due for row in rows] == sorted(row.due for row in rows if row.due is not None)


def test_due_gives_each_district_its_own_rows(city: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DistrictLeftOut)
        rows = api.due(city, api.DueQuery(month=4, unit="罗店镇中队")).rows
    assert sum(row.district == "宝山区" for row in rows) == sum(row.district == "闵行区" for row in rows)


def test_a_name_no_district_has_is_refused_as_in_one_district(city: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DistrictLeftOut)
        with pytest.raises(UsageError):
            api.list_tasks(city, api.ListFilter(dept="监察科"))


def test_a_districts_board_read_back_from_its_cache_is_the_board_computed(city: Path) -> None:
    district = city / "districts" / "baoshan"
    computed = api.overdue(district, api.StandingQuery(AS_OF, soon=5)).rows
    assert api.overdue(district, api.StandingQuery(AS_OF, soon=5)).rows == computed


def test_another_question_is_not_answered_from_the_cache(city: Path) -> None:
    district = city / "districts" / "baoshan"
    api.overdue(district, api.StandingQuery(AS_OF))
    later = api.overdue(district, api.StandingQuery(date(2022, 12, 31))).rows
    assert later != api.overdue(district, api.StandingQuery(AS_OF)).rows


def test_after_a_cold_city_board_each_districts_board_is_in_its_cache(
    city: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made by the forked workers that read the districts (one per core), as the district's own board."""
    from cgtask.queries.city import _cached_board

    monkeypatch.setenv("CGTASK_CACHE_DIR", str(tmp_path / "cold"))
    board = _board(city)
    cached = _cached_board(api.open_registry(city / "districts" / "minhang"), api.StandingQuery(AS_OF))
    mine = [replace(row, district=None) for row in board.rows if row.district == "闵行区"]
    assert (cached is not None, cached.rows if cached else None) == (True, mine)
