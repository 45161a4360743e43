"""Probes: paths.

A device, FIFO or socket is never replaced (even with --force), a name over the file system's limit is refused
in Chinese, cache entries that are not regular files are ignored and rebuilt (never a hang), OS errors are
told in Chinese.
"""

from __future__ import annotations

import errno
import os
import re
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.support.atomic import reason


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))


def _device(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # like /dev/null
    except PermissionError:
        pytest.skip("no permission to make a device node")


@pytest.mark.parametrize("make", [_fifo, _socket, _device])
def test_an_output_that_is_a_device_fifo_or_socket_is_never_replaced(
    runner: CliRunner, tmp_path: Path, make: Callable[[Path], None]
) -> None:
    target = tmp_path / "任务.json"
    make(target)
    kind = stat.S_IFMT(os.lstat(target).st_mode)
    result = runner.invoke(app, ["export", "--format", "json", "-o", str(target), "--force"])
    assert result.exit_code != 0, result.output
    assert "不能用文件替换" in result.output, result.output
    assert stat.S_IFMT(os.lstat(target).st_mode) == kind


def test_a_name_over_the_file_systems_limit_is_refused_in_chinese(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / ("长" * 100 + ".json")  # 300 bytes
    result = runner.invoke(app, ["export", "--format", "json", "-o", str(target)])
    assert result.exit_code != 0, result.output
    assert "文件名过长" in result.output, result.output


@pytest.mark.parametrize("hostile", ["fifo", "zero"])
def test_cache_entries_that_are_not_regular_files_are_ignored_and_rebuilt(
    tmp_path: Path, hostile: str
) -> None:
    cache = tmp_path / "cache"
    env = os.environ | {"CGTASK_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "cgtask", "list", "--format", "json"]
    first = subprocess.run(command, capture_output=True, env=env, timeout=60, check=False)
    assert first.returncode == 0
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert entries
    for entry in entries:
        entry.unlink()
        if hostile == "fifo":
            os.mkfifo(entry)
        else:
            entry.symlink_to("/dev/zero")
    again = subprocess.run(command, capture_output=True, env=env, timeout=60, check=False)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    assert all(p.is_file() and not p.is_symlink() for p in entries if p.exists())


@pytest.mark.parametrize(
    "code", [errno.ENOSPC, errno.EACCES, errno.EROFS, errno.ENAMETOOLONG, errno.EIO, 9999]
)
def test_every_os_error_is_told_in_chinese(code: int) -> None:
    assert re.search("[\u4e00-\u9fff]", reason(OSError(code, "English words")))
