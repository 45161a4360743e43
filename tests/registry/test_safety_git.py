"""Sharing a registry through git: two clones that each record progress merge without conflict."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.registry.loader import check_registry, load_registry
from tests.conftest import LEDGER, LEDGER_TASKS

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GITATTRIBUTES = "ledger.yaml merge=union\n"


def _git(cwd: Path, *args: str) -> str:
    command = [
        "git",
        "-c",
        "user.name=测试",
        "-c",
        "user.email=t@example.invalid",
        "-c",
        "init.defaultBranch=main",
    ]
    done = subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _done(runner: CliRunner, root: Path, *args: str) -> None:
    result = runner.invoke(app, ["done", *args, "-r", str(root)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "ledger", [LEDGER, LEDGER.replace("# 以上为一至三月\n", ""), "kind: ledger\nentries: []\n"]
)
def test_two_clones_append_and_merge_without_conflict(
    runner: CliRunner, make_registry: Callable[..., Path], tmp_path: Path, ledger: str
) -> None:
    origin = make_registry(tasks=LEDGER_TASKS, files={"ledger.yaml": ledger, ".gitattributes": GITATTRIBUTES})
    _git(origin, "init", "-q")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-qm", "登记册")
    first, second = tmp_path / "first", tmp_path / "second"
    _git(tmp_path, "clone", "-q", str(origin), str(first))
    _git(tmp_path, "clone", "-q", str(origin), str(second))
    # The same item and level on both sides: the records share most of their text.
    _done(runner, first, "1.1", "--date", "2022-03-08", "--note", "甲录入")
    _done(runner, first, "1.2", "--date", "2022-03-09")
    _done(runner, second, "1.1", "--date", "2022-03-10", "--note", "乙录入")
    for clone in (first, second):
        _git(clone, "commit", "-qam", f"{clone.name} 登记")
    _git(first, "pull", "-q", "--no-rebase", "--no-edit", str(second), "HEAD")
    assert "<<<<<<<" not in (first / "ledger.yaml").read_text(encoding="utf-8")
    assert [f for f in check_registry(first) if f.severity == "error"] == []
    notes = [e.get("note") for e in load_registry(first, use_cache=False)["ledger"]["entries"]]
    assert "甲录入" in notes
    assert "乙录入" in notes
    assert len(notes) == len(load_registry(origin, use_cache=False)["ledger"]["entries"]) + 3


@pytest.mark.parametrize(
    "name",
    ["registry/.ledger.yaml.k2j3h4.tmp", "registry/ledger.yaml.lock", ".cgtask-robots.toml", "out/x.docx"],
)
def test_the_repository_ignores_what_cgtask_leaves_behind(name: str) -> None:
    repo = Path(__file__).resolve().parents[2]
    if not (repo / ".git").exists():
        pytest.skip("not a git checkout")
    done = subprocess.run(["git", "check-ignore", "--no-index", "-q", name], cwd=repo, check=False)
    assert done.returncode == 0, f"{name} is not ignored"
