"""The cache can only speed cgtask up.

It is keyed by the registry's real path and by stamps a user cannot forge by accident, and a damaged cache
file is rebuilt, never served.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.registry.cache import read_cache, write_payload
from cgtask.registry.files import file_stamps, registry_files, resolve_registry
from cgtask.registry.loader import load_registry, open_view
from cgtask.render.templates import template_search_path
from tests.conftest import LEDGER_TASKS


def test_a_relative_root_from_another_folder_writes_to_the_same_ledger(
    runner: CliRunner, make_registry: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_registry(tasks=LEDGER_TASKS)
    work = root.parent
    monkeypatch.chdir(work)
    assert runner.invoke(app, ["list", "-r", root.name]).exit_code == 0  # warms the cache
    (work / "out").mkdir()
    monkeypatch.chdir(work / "out")
    result = runner.invoke(app, ["done", "1.1", "--date", "2022-03-08", "-r", f"../{root.name}"])
    assert result.exit_code == 0, result.output
    assert not (work / "out" / root.name).exists()
    assert "2022-03-08" in (root / "ledger.yaml").read_text(encoding="utf-8")


def test_roots_and_template_folders_are_absolute(
    make_registry: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_registry()
    (root / "templates").mkdir()
    monkeypatch.chdir(root.parent)
    assert resolve_registry(Path(root.name)) == root.resolve()
    assert open_view(Path(root.name)).data["root"] == str(root.resolve())
    search = template_search_path(Path("tpl"), Path(root.name))
    assert search[0] == (root.parent / "tpl").resolve()
    assert search[1] == (root / "templates").resolve()


def _title(root: Path) -> str:
    return load_registry(root)["documents"][0]["title"]


def test_an_edit_that_keeps_size_and_mtime_is_seen(make_registry: Callable[..., Path]) -> None:
    root = make_registry()
    path = root / "documents" / "tasks.yaml"
    assert _title(root) == "测试任务分解表"
    before = path.stat()
    path.write_text(
        path.read_text(encoding="utf-8").replace("测试任务分解表", "测试任务清单表"), encoding="utf-8"
    )
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # what `touch -r` does
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert _title(root) == "测试任务清单表"


def _cache_files(cache: Path) -> list[Path]:
    files = sorted(cache.glob("registry-*.json"))
    assert files, "the first load should have written the cache"
    return files


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: b"\x00garbage{[", id="garbage"),
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: b"", id="empty"),
        pytest.param(lambda raw: json.dumps({"stamps": [], "payload": {}}).encode(), id="old-format"),
        pytest.param(
            lambda raw: raw.replace("测试任务分解表".encode(), "伪造任务分解表".encode()), id="edited"
        ),
        pytest.param(lambda raw: raw.split(b"\n", 1)[0] + b"\n[1, 2, 3]", id="other-json"),
    ],
)
def test_a_damaged_cache_is_rebuilt(
    make_registry: Callable[..., Path], isolated_cache: Path, damage: Callable[[bytes], bytes]
) -> None:
    root = make_registry()
    open_view(root).data  # noqa: B018 - writes the registry and its summary to the cache
    for path in _cache_files(isolated_cache):
        path.write_bytes(damage(path.read_bytes()))
    view = open_view(root)
    assert view.data["documents"][0]["title"] == "测试任务分解表"
    assert view.index.departments == ["办公室", "监督科", "法制科"]


@pytest.mark.parametrize("payload", [{}, [], {"root": 1}, {"organization": {}, "documents": [{}]}])
def test_a_payload_of_the_wrong_shape_is_not_served(
    make_registry: Callable[..., Path], payload: object
) -> None:
    root = make_registry().resolve()
    stamps = file_stamps(registry_files(root))
    for name in ("registry", "summary"):
        write_payload(root, stamps, name, payload)
    assert read_cache(root, stamps) is None
    assert open_view(root).data["documents"][0]["id"] == "tasks-test"


@pytest.mark.parametrize("where", ["inside", "outside"])
def test_cached_file_names_do_not_depend_on_the_working_folder(
    make_registry: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, where: str
) -> None:
    root = make_registry()
    monkeypatch.chdir(root if where == "inside" else tmp_path.parent)
    assert load_registry(root)["document_files"] == {"tasks-test": "documents/tasks.yaml"}
