"""Ledger writes keep the file as it was: line endings, BOM, link, permissions; a full disk loses nothing."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.errors import WriteError
from cgtask.registry.ledger_file import append_ledger_entry
from cgtask.registry.loader import check_registry
from cgtask.support.atomic import write_bytes_atomic
from tests.conftest import LEDGER, LEDGER_TASKS

ENTRY = {"id": "r-test0001", "item": "1.1", "doc": "tasks-test", "level": "区局", "period": "2022-03"}


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _entries(path: Path) -> list[dict[str, object]]:
    return list(YAML(typ="safe").load(path.read_bytes().decode("utf-8-sig"))["entries"])


def test_done_on_a_crlf_ledger_keeps_crlf(runner: CliRunner, make_registry: Callable[..., Path]) -> None:
    root = make_registry(tasks=LEDGER_TASKS, files={"ledger.yaml": LEDGER.replace("\n", "\r\n").encode()})
    result = runner.invoke(app, ["done", "1.1", "--date", "2022-03-08", "-r", str(root)])
    assert result.exit_code == 0, result.output
    raw = (root / "ledger.yaml").read_bytes()
    assert raw.startswith(LEDGER.replace("\n", "\r\n").encode())
    assert raw.count(b"\n") == raw.count(b"\r\n") > LEDGER.count("\n")
    assert [f for f in check_registry(root) if f.severity == "error"] == []


def test_a_bom_stays(tmp_path: Path) -> None:
    path = tmp_path / "ledger.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + LEDGER.encode())
    append_ledger_entry(path, ENTRY)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf# ")
    assert _entries(path)[-1]["id"] == "r-test0001"


def test_a_symlinked_ledger_is_written_through(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "ledger.yaml").write_text(LEDGER, encoding="utf-8")
    link = tmp_path / "ledger.yaml"
    link.symlink_to(shared / "ledger.yaml")
    append_ledger_entry(link, ENTRY)
    assert link.is_symlink()
    assert _entries(shared / "ledger.yaml")[-1]["id"] == "r-test0001"


@pytest.mark.parametrize("mode", [0o644, 0o664, 0o600, 0o640])
def test_a_rewritten_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "ledger.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    path.chmod(mode)
    append_ledger_entry(path, ENTRY)
    assert stat.S_IMODE(path.stat().st_mode) == mode


@pytest.mark.usefixtures("umask_022")
def test_new_files_get_the_umask_mode(tmp_path: Path) -> None:
    append_ledger_entry(tmp_path / "ledger.yaml", ENTRY)
    write_bytes_atomic(tmp_path / "notice.docx", b"x")
    for name in ("ledger.yaml", "notice.docx"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644


def _assert_untouched(folder: Path, path: Path) -> None:
    assert path.read_text(encoding="utf-8") == LEDGER
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp")) == []


def test_a_failed_fsync_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ledger.yaml"
    path.write_text(LEDGER, encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteError, match=r"磁盘空间不足.*原文件未改动"):
        append_ledger_entry(path, ENTRY)
    _assert_untouched(tmp_path, path)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs: a real full disk. Needs root and a kernel that allows the mount."""
    import shutil
    import subprocess

    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_leaves_the_old_file_and_no_temporary(tiny_disk: Path) -> None:
    path = tiny_disk / "ledger.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    with pytest.raises(WriteError, match=r"磁盘空间不足.*原文件未改动"):
        append_ledger_entry(path, {**ENTRY, "note": "长" * 40_000})  # 120 KB: more than the disk holds
    _assert_untouched(tiny_disk, path)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("kind: ledger\nentries:\n  - {date: 2022-02-30}\n", "不合法的日期"),
        ("kind: ledger\nentries: " + "[" * 100_000 + "]" * 100_000 + "\n", "嵌套层级过深"),
    ],
)
def test_a_ledger_the_parser_cannot_take_is_not_written(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "ledger.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WriteError, match=words):
        append_ledger_entry(path, ENTRY)
    assert path.read_text(encoding="utf-8") == text


def test_a_rewritten_file_keeps_its_group(tmp_path: Path) -> None:
    import grp

    path = tmp_path / "ledger.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    others = [g.gr_gid for g in grp.getgrall() if g.gr_gid != path.stat().st_gid]
    if os.geteuid() != 0 or not others:
        pytest.skip("changing a file's group to test this needs root")
    os.chown(path, -1, others[0])
    append_ledger_entry(path, ENTRY)
    assert path.stat().st_gid == others[0]
