"""city.yaml: read with located Chinese findings; a district that is not there is named and left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from cgtask.errors import RegistryError, UsageError
from cgtask.registry.city import DistrictLeftOut, city_root, open_city, read_city
from tests.city_registry import copy_district

TWO = """\
kind: city
name: 上海市城市管理行政执法局
districts:
  - name: 宝山区
    path: baoshan
  - name: 闵行区
    path: {second}
"""


def _city(tmp_path: Path, text: str) -> Path:
    (tmp_path / "city.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _codes(root: Path) -> list[str]:
    with pytest.raises(RegistryError) as caught:
        read_city(root)
    return [f"{f.file}:{f.line} {f.code}" for f in caught.value.findings]


def test_a_district_listed_twice_is_an_error_at_its_line(tmp_path: Path) -> None:
    assert _codes(_city(tmp_path, TWO.format(second="./baoshan"))) == ["city.yaml:7 E901"]


def test_a_missing_name_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = TWO.format(second="minhang").replace("name: 上海市城市管理行政执法局\n", "")
    assert _codes(_city(tmp_path, text)) == ["city.yaml:1 E201"]


def test_an_unknown_key_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = TWO.format(second="minhang").replace("    path: baoshan", "    path: baoshan\n    pth: x")
    assert _codes(_city(tmp_path, text)) == ["city.yaml:6 E202"]


def test_a_district_not_checked_out_is_left_out_and_the_others_answer(tmp_path: Path) -> None:
    copy_district(tmp_path / "baoshan", "宝山区")
    root = _city(tmp_path, TWO.format(second="minhang"))
    with pytest.warns(DistrictLeftOut, match=r"^city.yaml:7:11 闵行区的登记册 minhang 不存在"):
        city = open_city(root)
    assert city.names == ["宝山区"]


def test_a_folder_with_city_yaml_is_a_city(tmp_path: Path) -> None:
    assert city_root(_city(tmp_path, TWO.format(second="minhang"))) == tmp_path.resolve()


def test_a_district_registry_is_not_a_city(registry_copy: Path) -> None:
    assert city_root(registry_copy) is None


def test_the_working_folder_is_a_city_when_it_holds_city_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_city(tmp_path, TWO.format(second="minhang")))
    assert city_root(None) == tmp_path.resolve()


def test_a_city_with_no_district_to_read_is_refused(tmp_path: Path) -> None:
    root = _city(tmp_path, TWO.format(second="minhang"))
    with pytest.warns(DistrictLeftOut), pytest.raises(UsageError, match="2 个区都未能读取"):
        open_city(root)


def test_a_broken_city_yaml_says_so_in_its_own_words(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match=r"^city.yaml 有 1 处错误"):
        read_city(_city(tmp_path, TWO.format(second="./baoshan")))
