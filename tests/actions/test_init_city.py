"""``cgtask init --city``: a 市局's folder whose city.yaml names each district's registry, and checks clean.

The districts are real registry copies (``tests/city_registry.copy_district``), cloned inside the city folder
or beside it as a clerk would; the CLI is run end to end for what the clerk reads.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask.actions.init_city import CityRequest, district_of, init_city
from cgtask.cli.app import app
from cgtask.errors import UsageError
from cgtask.registry.city import check_city, read_city
from tests.city_registry import copy_district


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CGTASK_CACHE_DIR", str(tmp_path / "cache"))


def _clones(root: Path) -> Path:
    """Two districts cloned inside ``root/districts`` (as submodules would be), and one beside ``root``."""
    copy_district(root / "districts" / "baoshan", "宝山区")
    copy_district(root / "districts" / "pudong", "浦东新区")
    copy_district(root.parent / "putuo", "普陀区")
    return root


def _listed(root: Path) -> list[tuple[str, str]]:
    plan = read_city(root)
    return [(name, str(path.relative_to(root.parent))) for name, path in plan.districts]


def test_the_districts_inside_the_folder_are_found_and_named_by_their_bureau(tmp_path: Path) -> None:
    root = _clones(tmp_path / "市局")
    init_city(root, CityRequest(name="上海市城市管理行政执法局", cwd=tmp_path))
    assert _listed(root) == [("宝山区", "市局/districts/baoshan"), ("浦东新区", "市局/districts/pudong")]


def test_the_folder_checks_clean(tmp_path: Path) -> None:
    root = _clones(tmp_path / "市局")
    init_city(root, CityRequest(name="上海市城市管理行政执法局", cwd=tmp_path))
    findings, _ = check_city(root)
    assert [f for f in findings if f.severity == "error"] == []


def test_the_name_is_the_cities(tmp_path: Path) -> None:
    root = _clones(tmp_path / "市局")
    init_city(root, CityRequest(name=" 上海市城市管理行政执法局 ", cwd=tmp_path))
    assert read_city(root).name == "上海市城市管理行政执法局"


def test_an_empty_folder_finds_the_registries_beside_it(tmp_path: Path) -> None:
    _clones(tmp_path / "市局")
    root = tmp_path / "新市局"
    written = init_city(root, CityRequest(name="上海市城市管理行政执法局", cwd=tmp_path))
    assert ([d.path for d in written.districts], written.found) == (["../putuo"], True)


def test_named_districts_take_the_name_given_and_paths_from_the_working_folder(tmp_path: Path) -> None:
    root = _clones(tmp_path / "市局")
    request = CityRequest(name="某市局", districts=["宝山=市局/districts/baoshan", "putuo"], cwd=tmp_path)
    init_city(root, request)
    assert _listed(root) == [("宝山", "市局/districts/baoshan"), ("普陀区", "putuo")]


def test_city_yaml_is_never_overwritten_without_force(tmp_path: Path) -> None:
    root = _clones(tmp_path / "市局")
    init_city(root, CityRequest(name="上海市城市管理行政执法局", cwd=tmp_path))
    before = (root / "city.yaml").read_bytes()
    with pytest.raises(UsageError, match="已存在"):
        init_city(root, CityRequest(name="另一个", cwd=tmp_path))
    assert (root / "city.yaml").read_bytes() == before


def test_force_rewrites_it(tmp_path: Path) -> None:
    root = _clones(tmp_path / "市局")
    init_city(root, CityRequest(name="上海市城市管理行政执法局", cwd=tmp_path))
    init_city(root, CityRequest(name="另一个", force=True, cwd=tmp_path))
    assert read_city(root).name == "另一个"


@pytest.mark.parametrize(
    ("districts", "message"),
    [
        (["宝山区=nowhere"], "没有区局登记册"),
        (["宝山区="], "没有写登记册的位置"),
        (["甲=市局/districts/baoshan", "甲=putuo"], "区名相同"),
        (["市局/districts/baoshan", "乙=市局/districts/baoshan/"], "登记册相同"),
    ],
)
def test_a_wrong_district_writes_nothing(tmp_path: Path, districts: list[str], message: str) -> None:
    root = _clones(tmp_path / "市局")
    with pytest.raises(UsageError, match=message):
        init_city(root, CityRequest(name="某市局", districts=districts, cwd=tmp_path))
    assert not (root / "city.yaml").exists()


def test_no_registry_anywhere_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="都没有找到区局登记册"):
        init_city(tmp_path / "市局", CityRequest(name="某市局", cwd=tmp_path))


def test_a_districts_own_registry_is_not_a_city_folder(tmp_path: Path) -> None:
    root = _clones(tmp_path / "市局")
    with pytest.raises(UsageError, match="是一个区局登记册"):
        init_city(root / "districts" / "baoshan", CityRequest(name="某市局", cwd=tmp_path))


def test_a_name_that_yaml_would_misread_is_quoted(tmp_path: Path) -> None:
    root = _clones(tmp_path / "市局")
    init_city(
        root,
        CityRequest(name="某市局", districts=["yes=putuo", "#1: 区=市局/districts/pudong"], cwd=tmp_path),
    )
    assert [name for name, _ in read_city(root).districts] == ["yes", "#1: 区"]


@pytest.mark.parametrize(
    ("bureau", "district"),
    [
        ("上海市宝山区城市管理行政执法局", "宝山区"),
        ("上海市浦东新区城市管理行政执法局", "浦东新区"),
        ("枣庄市滕州市综合行政执法局", "滕州市"),
        ("区城管执法局", None),
        (None, None),
    ],
)
def test_the_district_of_a_bureaus_name(bureau: str | None, district: str | None) -> None:
    assert district_of(bureau) == district


def test_the_command_prints_each_district_and_what_to_run_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _clones(tmp_path / "市局")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["init", "--city", "上海市城市管理行政执法局"])
    assert (result.exit_code, result.stderr.splitlines()[1:3]) == (
        0,
        [
            "  宝山区  districts/baoshan（上海市宝山区城市管理行政执法局）",
            "  浦东新区  districts/pudong（上海市浦东新区城市管理行政执法局）",
        ],
    )


def test_then_the_city_answers_in_that_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _clones(tmp_path / "市局")
    monkeypatch.chdir(root)
    CliRunner().invoke(app, ["init", "--city", "上海市城市管理行政执法局"])
    result = CliRunner().invoke(app, ["list", "--dept", "监督科", "--format", "csv"])
    assert {line.split(",")[0] for line in result.stdout.splitlines()[1:]} == {"宝山区", "浦东新区"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["init", "--city", "某市局", "--blank"], "不能与 --blank、--bureau 同用"),
        (["init", "x", "--district", "a=b"], "--district 只用于 --city"),
        (["init", "x", "--force"], "--force 只用于 --city"),
        (["init"], "请给出新登记册的目录"),
    ],
)
def test_the_command_refuses_what_does_not_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, args)
    assert (result.exit_code, message in result.stderr) == (2, True)
