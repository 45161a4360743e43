"""The commands on a city folder: a 区 column in tables, a ``district`` key first in JSON, the ranking."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cgtask.cli.app import app
from tests.city_registry import BROKEN_LINE, build_city, module_cache

AS_OF = ["--as-of", "2022-06-30"]


@pytest.fixture(scope="module", autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache for the module: the city's districts are read cold once."""
    yield from module_cache(tmp_path_factory)


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_city(tmp_path_factory.mktemp("city") / "上海市局")


def _run(city: Path, *args: str) -> Result:
    result = CliRunner().invoke(app, [*args, "-r", str(city)])
    assert result.exit_code == 0, result.output
    return result


def _json(city: Path, *args: str) -> list[dict[str, object]]:
    return json.loads(_run(city, *args, "--format", "json").stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--dept", "监督科"),
        ("due", "--month", "3"),
        ("overdue", *AS_OF),
        ("overdue", *AS_OF, "--detail"),
    ],
)
def test_every_json_row_starts_with_its_district(city: Path, args: tuple[str, ...]) -> None:
    rows = _json(city, *args)
    assert {next(iter(row)) for row in rows} == {"district"}


@pytest.mark.parametrize("args", [("list", "--dept", "监督科"), ("due", "--month", "3"), ("overdue", *AS_OF)])
def test_every_json_row_is_from_a_district_that_answers(city: Path, args: tuple[str, ...]) -> None:
    assert {row["district"] for row in _json(city, *args)} == {"宝山区", "闵行区"}


def test_progress_tallies_name_their_district_in_csv(city: Path) -> None:
    lines = _run(city, "progress", *AS_OF, "--format", "csv").stdout.splitlines()
    assert lines[0].startswith("区,科室/中队")


def test_the_board_table_has_a_district_column_and_the_ranking(city: Path) -> None:
    out = _run(city, "overdue", *AS_OF, "--unit", "罗店镇中队").stdout
    assert ("┃ 区     ┃ 状态" in out, "各区督办排名" in out) == (True, True)


def test_the_ranking_as_json_puts_the_district_without_records_first(city: Path) -> None:
    ranking = json.loads(_run(city, "overdue", *AS_OF, "--rank", "--format", "json").stdout)
    assert [d["district"] for d in ranking["districts"]] == ["闵行区", "宝山区"]


def test_the_broken_district_is_named_once_on_stderr(city: Path) -> None:
    err = _run(city, "overdue", *AS_OF, "--format", "json").stderr
    where = f"警告：普陀区：districts/putuo/documents/supervision-2022.yaml:{BROKEN_LINE}:"
    assert (err.count(where), err.count("该区本次未计入")) == (1, 1)


def test_the_district_column_in_csv_of_the_board(city: Path) -> None:
    lines = _run(city, "overdue", *AS_OF, "--format", "csv").stdout.splitlines()
    assert lines[1].split(",")[0] in ("宝山区", "闵行区")


def test_every_exported_row_starts_with_its_district(city: Path) -> None:
    tables = json.loads(_run(city, "export", "--format", "json").stdout)
    firsts = {next(iter(row)) for rows in tables.values() for row in rows}
    assert (sorted(tables), firsts) == (["ledger", "obligations", "tasks"], {"district"})


def test_the_exported_ledger_holds_the_district_with_records(city: Path) -> None:
    lines = _run(city, "export", "--format", "csv", "--table", "ledger").stdout.splitlines()
    assert {line.split(",")[0] for line in lines[1:]} == {"宝山区"}


def test_a_districts_notice_names_the_flag_as_the_command_line_does(city: Path) -> None:
    err = _run(city, "due", "--month", "3", "--format", "json").stderr
    assert "宝山区：supervision-2022 自 2022年3月7日起施行，此前结束的周期不计" in err


def test_check_on_a_city_checks_city_yaml_and_every_district(city: Path, tmp_path: Path) -> None:
    folder = tmp_path / "市局"
    shutil.copytree(city, folder, symlinks=True)
    with (folder / "city.yaml").open("a", encoding="utf-8") as file:
        file.write("  - name: 静安区\n    path: districts/jingan\n")
    result = CliRunner().invoke(app, ["check", str(folder)])
    assert result.exit_code == 1
    assert f"districts/putuo/documents/supervision-2022.yaml:{BROKEN_LINE}:" in result.stderr
    assert "E306" in result.stderr
    missing = next(line for line in result.stderr.splitlines() if "W901" in line)
    assert missing.startswith(f"{(folder / 'city.yaml').resolve()}:")  # named as the districts' files are
    assert "静安区" in missing
    assert "个错误" in result.stderr
