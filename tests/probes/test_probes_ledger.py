"""Probes: one meaning per record.

Concurrent runs (real processes) and git merges (real clones) never count a form row twice, never withdraw a
record twice, and leave one live correction or a ``check`` error naming both with the command that resolves
it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.probes.forms_util import filled_form

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _cgtask(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "cgtask", *args, "-r", str(root)]
    return subprocess.run(command, capture_output=True, text=True, check=False, env=os.environ.copy())


def _together(root: Path, runs: Sequence[Sequence[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Each command in its own process, all started at once."""
    with ThreadPoolExecutor(len(runs)) as pool:
        return list(pool.map(lambda args: _cgtask(root, *args), runs))


def _entries(root: Path) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = YAML(typ="safe").load((root / "ledger.yaml").read_text("utf-8"))[
        "entries"
    ]
    return entries


def _live(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    withdrawn = {e.get("withdraws") for e in entries}
    return [e for e in entries if not e.get("withdraws") and e.get("id") not in withdrawn]


def _from_forms(root: Path) -> list[dict[str, Any]]:
    return [e for e in _live(_entries(root)) if e.get("origin")]


def _check_errors(root: Path) -> str:
    result = _cgtask(root, "check")
    return result.stdout + result.stderr if result.returncode else ""


def test_the_same_form_imported_four_times_at_once_is_counted_once(
    registry_copy: Path, tmp_path: Path
) -> None:
    form = filled_form(registry_copy, tmp_path)
    results = _together(registry_copy, [["ledger", "import", str(form)]] * 4)
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    assert len(_from_forms(registry_copy)) == 1
    assert _check_errors(registry_copy) == ""


def test_four_undos_of_one_record_at_once_withdraw_it_once(registry_copy: Path) -> None:
    record = str(_live(_entries(registry_copy))[-1]["id"])
    results = _together(registry_copy, [["ledger", "undo", record]] * 4)
    assert sum(r.returncode == 0 for r in results) == 1, [r.stderr for r in results]
    assert all("已经撤销过" in r.stderr for r in results if r.returncode)
    assert sum(e.get("withdraws") == record for e in _entries(registry_copy)) == 1


def test_two_edits_of_one_record_at_once_leave_one_successor(registry_copy: Path) -> None:
    record = str(_live(_entries(registry_copy))[-1]["id"])
    before = len(_live(_entries(registry_copy)))
    results = _together(registry_copy, [["ledger", "edit", record, "--note", note] for note in ("甲", "乙")])
    assert sum(r.returncode == 0 for r in results) == 1, [r.stderr for r in results]
    assert len(_live(_entries(registry_copy))) == before
    assert _check_errors(registry_copy) == ""


# --- two clones, merged by git's union driver -------------------------------------------------------


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


def _clones(origin: Path, tmp_path: Path) -> tuple[Path, Path]:
    (origin / ".gitattributes").write_text("ledger.yaml merge=union\n", "utf-8")
    _git(origin, "init", "-q")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-qm", "登记册")
    tmp_path.mkdir()
    first, second = tmp_path / "first", tmp_path / "second"
    _git(tmp_path, "clone", "-q", str(origin), str(first))
    _git(tmp_path, "clone", "-q", str(origin), str(second))
    return first, second


def _merge(first: Path, second: Path) -> None:
    for clone in (first, second):
        _git(clone, "commit", "-qam", f"{clone.name} 登记")
    _git(first, "pull", "-q", "--no-rebase", "--no-edit", str(second), "HEAD")


def test_a_form_imported_in_two_clones_is_reported_and_resolved(registry_copy: Path, tmp_path: Path) -> None:
    first, second = _clones(registry_copy, tmp_path / "clones")
    form = filled_form(registry_copy, tmp_path)
    for clone in (first, second):
        assert _cgtask(clone, "ledger", "import", str(form)).returncode == 0
    _merge(first, second)
    errors = _check_errors(first)
    assert "E802" in errors, errors
    assert "cgtask ledger import" in errors, errors
    assert _cgtask(first, "ledger", "import", str(form)).returncode == 0
    assert len(_from_forms(first)) == 1
    assert _check_errors(first) == ""


def test_one_record_edited_in_two_clones_names_both_and_the_command(
    registry_copy: Path, tmp_path: Path
) -> None:
    first, second = _clones(registry_copy, tmp_path / "clones")
    record = str(_live(_entries(first))[-1]["id"])
    for clone, note in ((first, "甲更正"), (second, "乙更正")):
        assert _cgtask(clone, "ledger", "edit", record, "--note", note).returncode == 0
    _merge(first, second)
    errors = _check_errors(first)
    assert "E802" in errors, errors
    assert f"记录 {record} 被更正了两次" in errors, errors
    command = errors.split("cgtask ledger undo ")[1].split()[0]
    assert _cgtask(first, "ledger", "undo", command).returncode == 0
    assert _check_errors(first) == ""


def test_one_record_withdrawn_in_one_clone_and_corrected_in_the_other_names_both(
    registry_copy: Path, tmp_path: Path
) -> None:
    first, second = _clones(registry_copy, tmp_path / "clones")
    record = str(_live(_entries(first))[-1]["id"])
    assert _cgtask(first, "ledger", "undo", record).returncode == 0
    assert _cgtask(second, "ledger", "edit", record, "--note", "乙更正").returncode == 0
    _merge(first, second)
    errors = _check_errors(first)
    assert "E802" in errors, errors
    assert f"记录 {record} 一处撤销、一处更正为" in errors, errors
    command = errors.split("cgtask ledger undo ")[1].split()[0]
    assert _cgtask(first, "ledger", "undo", command).returncode == 0
    assert _check_errors(first) == ""
    assert all(e.get("id") != record for e in _live(_entries(first)))


def test_one_record_withdrawn_in_both_clones_means_withdrawn_once(
    registry_copy: Path, tmp_path: Path
) -> None:
    first, second = _clones(registry_copy, tmp_path / "clones")
    record = str(_live(_entries(first))[-1]["id"])
    before = len(_live(_entries(first)))
    for clone in (first, second):
        assert _cgtask(clone, "ledger", "undo", record).returncode == 0
    _merge(first, second)
    assert _check_errors(first) == ""
    assert len(_live(_entries(first))) == before - 1
