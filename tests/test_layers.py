"""Layers point one way, and read-only commands import only what they need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


def _modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_models_do_not_import_the_cli_or_io() -> None:
    loaded = _modules_after("import cgtask.models.document, cgtask.models.organization")
    assert not {"typer", "rich", "ruamel.yaml", "docx"} & loaded


def test_warm_list_needs_neither_pydantic_nor_heavy_libraries(tmp_path: Path) -> None:
    env = {"CGTASK_CACHE_DIR": str(tmp_path)}
    code = (
        "from cgtask.cli.app import app\n"
        "try:\n    app(['list', '--dept', '监督科', '--format', 'json'])\n"
        "except SystemExit:\n    pass"
    )
    _modules_after(code, env)  # fills the cache
    loaded = _modules_after(code, env)
    assert not {"pydantic", "ruamel.yaml", "docx", "jinja2", "openpyxl"} & loaded


def test_wheel_carries_the_registry_and_runs_outside_the_repo(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="hatchling 未安装，无法构建 wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("cgtask-*.whl"))
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    assert (site / "cgtask" / "_data" / "registry" / "organization.yaml").is_file()
    result = subprocess.run(
        [sys.executable, "-m", "cgtask", "list", "--dept", "监督科", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site), "CGTASK_CACHE_DIR": str(tmp_path / "cache")},
        check=True,
    )
    rows = json.loads(result.stdout)
    assert sum(1 for row in rows if row["role"] == "lead" and row["doc"] == "tasks-2022") == 16
