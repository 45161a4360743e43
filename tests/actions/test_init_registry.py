"""`init_registry`: a registry of one's own that checks clean and is ready for git.

The installed package's own registry is never written.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import cgtask
from cgtask.actions.init_registry import init_registry, is_packaged_registry
from cgtask.errors import UsageError, WriteError
from cgtask.registry.files import refuse_packaged_registry, shipped_registry
from cgtask.registry.ledger_file import append_ledger_entry
from cgtask.registry.loader import check_registry, load_registry


def _names(root: Path, files: list[Path]) -> set[str]:
    return {str(p.relative_to(root)) for p in files}


def _errors(root: Path) -> list[object]:
    return [f for f in check_registry(root) if f.severity == "error"]


def test_a_blank_registry(tmp_path: Path) -> None:
    root = tmp_path / "我的登记册"
    files = init_registry(root, example=False, bureau="上海市测试区城市管理行政执法局")
    names = _names(root, files)
    assert {"organization.yaml", "ledger.yaml", "calendar.yaml", ".gitignore", ".gitattributes"} <= names
    assert {f"schema/{p.name}" for p in (shipped_registry() / "schema").glob("*.json")} <= names
    assert any(n.startswith("documents/") for n in names)
    assert _errors(root) == []
    data = load_registry(root)
    assert data["organization"]["bureau"]["name"] == "上海市测试区城市管理行政执法局"
    assert data["documents"] == []
    assert data["ledger"]["entries"] == []
    for schema in root.glob("schema/*.json"):
        json.loads(schema.read_text(encoding="utf-8"))
    template = next((root / "documents").glob("*.example"))
    shutil.copyfile(template, root / "documents" / "tasks-2025.yaml")  # what the template tells the keeper
    assert _errors(root) == []
    assert load_registry(root)["documents"][0]["id"] == "tasks-2025"


def test_a_blank_registry_needs_the_bureau(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="本局全称"):
        init_registry(tmp_path / "x", example=False, bureau=" ")


def test_the_example_copy_checks_like_the_shipped_one(tmp_path: Path) -> None:
    root = tmp_path / "example"
    files = init_registry(root, example=True, bureau=None)
    names = _names(root, files)
    shipped = {str(p.relative_to(shipped_registry())) for p in shipped_registry().rglob("*.yaml")}
    assert shipped <= names
    assert ".gitattributes" in names
    assert _errors(root) == []
    # the example's own records stay behind: a new registry's 台账 starts empty
    assert load_registry(shipped_registry())["ledger"]["entries"] != []
    assert load_registry(root)["ledger"]["entries"] == []
    if (Path(cgtask.__file__).resolve().parents[2] / "examples" / "ci").is_dir():
        assert "ci/github-actions.yml" in names


def test_a_non_empty_target_is_refused(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="不为空"):
        init_registry(tmp_path, example=True, bureau=None)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
    with pytest.raises(UsageError, match="不是目录"):
        init_registry(tmp_path / "keep.txt", example=True, bureau=None)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_ignores_what_cgtask_leaves_and_merges_the_ledger_by_union(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    init_registry(root, example=False, bureau="测试局")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    for name in (".ledger.yaml.a1b2.tmp", "ledger.yaml.lock", ".cgtask-robots.toml"):
        assert subprocess.run(["git", "check-ignore", "-q", name], cwd=root, check=False).returncode == 0, (
            name
        )
    attr = subprocess.run(
        ["git", "check-attr", "merge", "ledger.yaml"], cwd=root, capture_output=True, text=True
    )
    assert attr.stdout.strip() == "ledger.yaml: merge: union"


def test_the_installed_package_registry_is_recognised(tmp_path: Path) -> None:
    own = Path(cgtask.__file__).resolve().parent / "_data" / "registry"
    elsewhere = tmp_path / "lib" / "python3.11" / "site-packages" / "cgtask" / "_data" / "registry"
    assert is_packaged_registry(own)
    assert is_packaged_registry(elsewhere)
    assert not is_packaged_registry(tmp_path / "registry")
    with pytest.raises(UsageError, match="cgtask init 目录"):
        refuse_packaged_registry(elsewhere)


def test_done_never_writes_into_the_installed_package(tmp_path: Path) -> None:
    installed = tmp_path / "site-packages" / "cgtask" / "_data" / "registry"
    shutil.copytree(shipped_registry(), installed)
    before = (installed / "ledger.yaml").read_bytes()
    with pytest.raises(WriteError, match="请先用 cgtask init 目录 建立自己的登记册"):
        append_ledger_entry(installed / "ledger.yaml", {"item": "1", "doc": "supervision-2022"})
    assert (installed / "ledger.yaml").read_bytes() == before
