"""A fresh clone of a city starts from the packs its districts left in a shared folder (CGTASK_PACK_DIR).

Each district's pack is found by what its files hold, city.yaml's by its own content: a clone in another
folder, with an empty cache, reads no YAML of a district whose files are the same, and gives the board the
districts computed. A district edited, given a new record, or another registry put where it was, is read
again; a district moved (city.yaml names its new folder) is still found by its content.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from cgtask import api
from cgtask.registry import city as city_module
from cgtask.registry import loader
from cgtask.registry.city import DistrictLeftOut
from tests.city_registry import build_city

AS_OF = date(2022, 6, 30)
Board = tuple[list[Any], list[Any]]


@pytest.fixture
def read(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """What each run reads from YAML: each district's files (by district folder), and city.yaml.

    One process reads the districts (no forked workers), so that the spies see every read.
    """
    seen: dict[str, list[str]] = {"files": [], "city": []}
    make_entry, validated_city = loader.RegistryStore._make_entry, city_module._validated_city

    def entry_spy(self: loader.RegistryStore, path: Path) -> dict[str, Any]:
        seen["files"].append(path.relative_to(self.files.root.parent).parts[0])
        return make_entry(self, path)

    def city_spy(root: Path) -> dict[str, object]:
        seen["city"].append(root.name)
        return validated_city(root)

    monkeypatch.setattr(loader.RegistryStore, "_make_entry", entry_spy)
    monkeypatch.setattr(city_module, "_validated_city", city_spy)
    monkeypatch.setattr(city_module, "cores", lambda: 1)
    return seen


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str, bool], None]:
    """Switch to an empty cache folder (a clerk's first command after a clone), with or without the shared packs."""

    def switch(name: str, shared: bool = True) -> None:
        monkeypatch.setenv("CGTASK_CACHE_DIR", str(tmp_path / f"cache-{name}"))
        monkeypatch.setenv("CGTASK_PACK_DIR", str(tmp_path / ("shared-packs" if shared else f"none-{name}")))

    return switch


def _board(root: Path) -> Board:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DistrictLeftOut)
        board = api.overdue(root, api.StandingQuery(AS_OF))
    assert board.ranking is not None
    return board.rows, board.ranking.districts


def _clone(source: Path, target: Path) -> Path:
    return Path(shutil.copytree(source, target))  # other inodes and times, as a fresh clone has


def _from_yaml(root: Path, fresh: Callable[[str, bool], None], name: str) -> Board:
    """The board of ``root`` read from YAML alone: an empty cache and no pack anywhere."""
    fresh(name, False)
    return _board(root)


@pytest.fixture
def packed_city(tmp_path: Path, fresh: Callable[[str, bool], None]) -> tuple[Path, Board]:
    """A city whose districts were read once with the shared pack folder set (as their CI would), and its board."""
    city = build_city(tmp_path / "city")
    fresh("first")
    return city, _board(city)


@pytest.fixture
def cloned(packed_city: tuple[Path, Board], tmp_path: Path) -> tuple[Path, Board]:
    """A fresh clone of the packed city (no registry cache of its own), and the board before the clone."""
    city, board = packed_city
    return _clone(city, tmp_path / "clone"), board


def test_a_fresh_clone_reads_no_district_from_yaml_and_gives_the_same_board(
    cloned: tuple[Path, Board],
    fresh: Callable[[str, bool], None],
    read: dict[str, list[str]],
) -> None:
    clone, board = cloned
    fresh("clone")
    assert _board(clone) == board
    # 普陀区 has an error: it is never packed, so it is read again (and left out again).
    assert set(read["files"]) == {"putuo"}
    assert read["city"] == []


def test_an_edited_district_is_read_again_and_the_others_are_not(
    cloned: tuple[Path, Board],
    fresh: Callable[[str, bool], None],
    read: dict[str, list[str]],
) -> None:
    clone, board = cloned
    plan = clone / "districts" / "minhang" / "documents" / "supervision-2022.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "每周不少于2次" in text
    plan.write_text(text.replace("每周不少于2次", "每周不少于3次"), encoding="utf-8")
    fresh("edited")
    edited = _board(clone)
    assert set(read["files"]) == {"minhang", "putuo"}
    assert edited != board
    assert edited == _from_yaml(clone, fresh, "edited-from-yaml")


def test_a_new_record_is_counted_after_a_fresh_clone(
    cloned: tuple[Path, Board],
    fresh: Callable[[str, bool], None],
    read: dict[str, list[str]],
) -> None:
    clone, board = cloned
    request = api.DoneRequest(
        item="1", unit="罗店镇中队", activity="街面实效督察", when=date(2022, 6, 22), count=2
    )
    api.record_done(clone / "districts" / "minhang", request, today=AS_OF, now=datetime(2022, 6, 30, 9))
    fresh("recorded")
    read["files"].clear()
    recorded = _board(clone)
    assert "minhang" in read["files"]
    assert "baoshan" not in read["files"]
    assert recorded == _from_yaml(clone, fresh, "recorded-from-yaml")
    street = [row.done for row in recorded[0] if row.district == "闵行区" and row.title == "街面实效督察"]
    before = [row.done for row in board[0] if row.district == "闵行区" and row.title == "街面实效督察"]
    assert street != before


def test_a_moved_district_is_found_by_its_content_and_city_yaml_is_read_again(
    cloned: tuple[Path, Board],
    fresh: Callable[[str, bool], None],
    read: dict[str, list[str]],
) -> None:
    clone, board = cloned
    (clone / "districts" / "minhang").rename(clone / "districts" / "minhang-2024")
    city_yaml = clone / "city.yaml"
    city_yaml.write_text(
        city_yaml.read_text(encoding="utf-8").replace("districts/minhang", "districts/minhang-2024"),
        encoding="utf-8",
    )
    fresh("moved")
    assert _board(clone) == board
    assert read["city"] == ["clone"]
    assert set(read["files"]) == {"putuo"}


def test_another_registry_where_a_district_was_is_read_from_its_yaml(
    cloned: tuple[Path, Board],
    fresh: Callable[[str, bool], None],
    read: dict[str, list[str]],
) -> None:
    """The same city.yaml and folder names, but 闵行区's folder now holds 宝山区's registry: not its pack."""
    clone, board = cloned
    shutil.rmtree(clone / "districts" / "minhang")
    shutil.copytree(clone / "districts" / "baoshan", clone / "districts" / "minhang")
    org = clone / "districts" / "minhang" / "organization.yaml"
    org.write_text(org.read_text(encoding="utf-8") + "# 另一份登记册\n", encoding="utf-8")
    fresh("swapped")
    swapped = _board(clone)
    assert "minhang" in read["files"]
    assert "baoshan" not in read["files"]
    assert swapped != board
    assert swapped == _from_yaml(clone, fresh, "swapped-from-yaml")
