"""The packed cache and the pool give the answers of one process reading every file.

A pack is found by what the files hold, so a fresh clone (another folder, other inodes and times) with a lost
cache starts from it; any changed file misses it; a damaged or non-regular pack is rebuilt; a folder keeps a
bounded number of packs. Positions taken from libyaml's nodes are those of the round-trip parse.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.registry import loader, pack
from cgtask.registry.files import shipped_registry
from cgtask.registry.locate import locate, value_position
from cgtask.registry.yaml_io import read_yaml
from cgtask.registry.yaml_positions import PlacedDict, read_positions
from tests.conftest import cli_json

DEPARTMENTS = ["办公室", "政工科", "协调科", "监督科", "法制科", "信访科"]


def _table(number: int, tasks: int) -> str:
    lines = [
        "kind: task_breakdown",
        f"id: gen-{number:02d}",
        f"title: 生成的任务分解表{number}",
        "year: 2022",
    ]
    lines += ["categories:", "  - number: 1", "    name: 目录1", "    tasks:"]
    for row in range(tasks):
        lines += [
            f"      - id: '1.{row + 1}'",
            f"        title: 生成任务{number}-{row + 1}",
            f"        detail: 生成任务{number}-{row + 1}。按要求完成相应工作。",
            f"        lead: [{DEPARTMENTS[row % 6]}]",
            f"        support: [{DEPARTMENTS[(row + 1) % 6]}]",
        ]
        if row % 4 == 0:
            frequency = ["每月", "按季度", "双月", "每半年一次"][row // 4 % 4]
            lines += ["        schedule:", "          - level: 区局", f"            frequency: {frequency}"]
    return "\n".join(lines) + "\n"


def _city(root: Path) -> Path:
    """The shipped registry, eight generated task tables and two copies of the supervision plan (warnings)."""
    shutil.copytree(shipped_registry(), root)
    documents = root / "documents"
    for number in range(8):
        (documents / f"gen-{number:02d}.yaml").write_text(_table(number, 30), encoding="utf-8")
    plan = (documents / "supervision-2022.yaml").read_text(encoding="utf-8")
    for district in (1, 2):
        copy = plan.replace("id: supervision-2022", f"id: supervision-2022-{district:02d}", 1)
        (documents / f"supervision-{district:02d}.yaml").write_text(copy, encoding="utf-8")
    return root


@pytest.fixture(params=["shipped", "city"])
def registry(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "city":
        return _city(tmp_path / "city")
    target = tmp_path / "shipped"
    shutil.copytree(shipped_registry(), target)
    return target


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files read and checked from their YAML (not from a cache), by name."""
    made: list[str] = []
    original = loader.RegistryStore._make_entry

    def spy(self: loader.RegistryStore, path: Path) -> dict[str, Any]:
        made.append(path.name)
        return original(self, path)

    monkeypatch.setattr(loader.RegistryStore, "_make_entry", spy)
    return made


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Switch to a new, empty cache folder (a lost cache); the shared pack folder stays."""
    monkeypatch.setenv(pack.PACK_ENV, str(tmp_path / "shared-packs"))

    def fresh(name: str) -> Path:
        cache = tmp_path / f"cache-{name}"
        monkeypatch.setenv("CGTASK_CACHE_DIR", str(cache))
        return cache

    return fresh


def _answers(root: Path) -> dict[str, Any]:
    runner = CliRunner()
    check = runner.invoke(app, ["check", "-r", str(root)])
    return {
        "list": cli_json(runner, "list", "-r", str(root)),
        "check": (check.exit_code, check.output.replace(str(root), "<登记册>")),
        "due": cli_json(runner, "due", "--month", "3", "-r", str(root)),
        "overdue": cli_json(runner, "overdue", "--as-of", "2022-12-31", "-r", str(root)),
    }


def _shared(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "shared-packs").glob("pack-*"))


def test_pool_and_pack_answer_as_one_process_reading_every_file(
    registry: Path,
    folders: Callable[[str], Path],
    parsed: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    folders("serial")
    monkeypatch.setattr(loader, "PARALLEL_BYTES", 1 << 60)
    serial = _answers(registry)
    assert serial["list"]
    assert serial["due"]
    assert "警告" in serial["check"][1]
    folders("pooled")
    monkeypatch.setattr(loader, "PARALLEL_BYTES", 0)  # forked workers on every load of two files or more
    assert _answers(registry) == serial
    assert {path.name.split(".")[1] for path in _shared(tmp_path)} >= {
        "index",
        "entries",
        "derived-list-rows",
    }
    clone = tmp_path / "clone"  # another folder, inodes and times; the same content
    shutil.copytree(registry, clone)
    folders("clone")
    parsed.clear()
    assert _answers(clone) == serial
    assert parsed == []  # nothing read from YAML: the index, entries and parts came from the pack
    assert _answers(clone) == serial  # and warm after it


def test_a_changed_file_is_read_again_not_taken_from_the_pack(
    folders: Callable[[str], Path], parsed: list[str], tmp_path: Path
) -> None:
    root = _city(tmp_path / "city")
    folders("first")
    before = _answers(root)
    clone = tmp_path / "clone"
    shutil.copytree(root, clone)
    table = clone / "documents" / "gen-03.yaml"
    table.write_text(
        table.read_text(encoding="utf-8").replace("生成任务3-1\n", "改过的任务\n"), encoding="utf-8"
    )
    folders("clone")
    parsed.clear()
    after = _answers(clone)
    assert "gen-03.yaml" in parsed
    titles = {row["title"] for row in after["list"]}
    assert "改过的任务" in titles
    assert "生成任务3-1" in {row["title"] for row in before["list"]} - titles
    parsed.clear()
    table.write_text(
        table.read_text(encoding="utf-8").replace("改过的任务\n", "再改的任务\n"), encoding="utf-8"
    )
    assert "再改的任务" in {row["title"] for row in cli_json(CliRunner(), "list", "-r", str(clone))}
    assert "gen-03.yaml" in parsed


def _damage(how: str) -> Callable[[Path], None]:
    def truncate(path: Path) -> None:
        path.write_bytes(path.read_bytes()[:-7])

    def fifo(path: Path) -> None:
        path.unlink()
        os.mkfifo(path)

    def zero_link(path: Path) -> None:
        path.unlink()
        path.symlink_to("/dev/zero")

    def edited(path: Path) -> None:
        path.write_bytes(path.read_bytes().replace("生成".encode(), "伪造".encode()))

    return {"truncated": truncate, "fifo": fifo, "link to /dev/zero": zero_link, "edited": edited}[how]


@pytest.mark.parametrize(
    ("section", "how"),
    [
        ("index", "fifo"),
        ("index", "edited"),
        ("entries", "link to /dev/zero"),
        ("entries", "truncated"),
        ("derived-list-rows", "edited"),
        ("derived-list-rows", "fifo"),
    ],
)
def test_a_damaged_or_non_regular_pack_is_not_served_and_is_rebuilt(
    how: str, section: str, folders: Callable[[str], Path], tmp_path: Path
) -> None:
    root = _city(tmp_path / "city")
    folders("first")
    expected = _answers(root)
    (path,) = [p for p in _shared(tmp_path) if p.name.split(".")[1] == section]
    _damage(how)(path)
    folders("second")
    assert _answers(root) == expected
    assert not any("伪造" in str(row) for row in expected["list"])
    folders("third")
    assert _answers(root) == expected
    assert path.is_file()  # rewritten as a regular file
    assert not path.is_symlink()


def test_a_registry_with_errors_is_not_packed(make_registry: Callable[..., Path], tmp_path: Path) -> None:
    root = make_registry(files={"documents/broken.yaml": "kind: task_breakdown\nid: [\n"})
    result = CliRunner().invoke(app, ["check", "-r", str(root)])
    assert result.exit_code != 0
    assert not list((Path(os.environ["CGTASK_CACHE_DIR"]) / "packs").glob("pack-*"))


def test_a_pack_folder_keeps_the_newest_states_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CGTASK_CACHE_DIR", str(tmp_path / "cache"))
    keys = [f"{n:032x}" for n in range(pack.MAX_TREES + 3)]
    for n, key in enumerate(keys):
        pack.write_section(key, "index", {"n": n})
        for path in (tmp_path / "cache" / "packs").glob(f"pack-{key}.*"):
            os.utime(path, (1_000_000 + n, 1_000_000 + n))  # written in this order, whatever the clock
    kept = {path.name.split(".")[0] for path in (tmp_path / "cache" / "packs").glob("pack-*")}
    assert len(kept) <= pack.MAX_TREES
    assert f"pack-{keys[-1]}" in kept
    assert pack.read_section(keys[-1], "index", lambda value: isinstance(value, dict)) == {"n": len(keys) - 1}


def test_each_registry_keeps_its_newest_states_in_a_shared_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 市局's folder holds 16 districts' packs: one district's new states never push out another's."""
    monkeypatch.setenv("CGTASK_CACHE_DIR", str(tmp_path / "cache"))
    written = 0
    keys: dict[str, list[str]] = {}
    for district in ("aaaa0001", "aaaa0002", "aaaa0003"):
        for n in range(pack.MAX_TREES + 2):
            key = f"{district}-{n:032x}"
            pack.write_section(key, "index", {"n": n})
            for path in (tmp_path / "cache" / "packs").glob(f"pack-{key}.*"):
                os.utime(path, (1_000_000 + written, 1_000_000 + written))
            written += 1
            keys.setdefault(district, []).append(key)
    kept = {
        path.name.split(".")[0].removeprefix("pack-")
        for path in (tmp_path / "cache" / "packs").glob("pack-*")
    }
    for district, written_keys in keys.items():
        assert kept & set(written_keys) == set(written_keys[-pack.MAX_TREES :]), district


def test_a_pack_key_is_headed_by_its_registry(tmp_path: Path) -> None:
    """Two registries differ in the key's head (their organization.yaml); an edit elsewhere keeps it."""
    first = shutil.copytree(shipped_registry(), tmp_path / "a")
    second = shutil.copytree(shipped_registry(), tmp_path / "b")
    org = second / "organization.yaml"
    org.write_text(org.read_text(encoding="utf-8") + "# 另一个区\n", encoding="utf-8")

    def key(root: Path) -> str:
        store = loader.RegistryStore(root)
        found = pack.tree_key(store.files.all(), store.files.root, store.stamps)
        assert found is not None
        return found

    before = key(first)
    assert key(second).split("-")[0] != before.split("-")[0]
    plan = first / "documents" / "supervision-2022.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# 改动\n", encoding="utf-8")
    after = key(first)
    assert after.split("-")[0] == before.split("-")[0]
    assert after != before


# --- positions --------------------------------------------------------------------------------------


def _paths(data: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[list[str | int]]:
    yield list(prefix)
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
        yield [*prefix, "没有这个键"]
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))
        yield [*prefix, len(data)]


@pytest.mark.parametrize(
    "name", sorted(str(p.relative_to(shipped_registry())) for p in shipped_registry().rglob("*.yaml"))
)
def test_positions_from_libyaml_are_those_of_the_round_trip_parse(name: str) -> None:
    path = shipped_registry() / name
    round_trip, quick = read_yaml(path, name).data, read_positions(path, name)
    assert isinstance(quick, PlacedDict)  # the quick path was taken
    for where in _paths(round_trip):
        assert value_position(quick, where) == value_position(round_trip, where), where
        assert locate(quick, where) == locate(round_trip, where), where


def test_a_tree_with_an_alias_is_located_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "aliased.yaml"
    path.write_text("a: &x\n  b: 1\nc: *x\nd:\n  - e\n", encoding="utf-8")
    quick = read_positions(path, "aliased.yaml")
    assert not isinstance(quick, PlacedDict)
    assert value_position(quick, ["d", 0]) == (5, 5)


def test_a_worker_that_dies_leaves_the_load_to_this_process(
    folders: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = _city(tmp_path / "city")
    folders("serial")
    monkeypatch.setattr(loader, "PARALLEL_BYTES", 1 << 60)
    expected = loader.check_registry(root)
    folders("killed")
    monkeypatch.setattr(loader, "PARALLEL_BYTES", 0)

    def killed(path: Path) -> Any:
        os._exit(9)  # as the out-of-memory killer would end it

    monkeypatch.setattr(loader, "_forked_entry", killed)
    assert loader.check_registry(root) == expected
