"""Atomic file writes shared by every output (documents, calendars, the cache).

A write goes to a temporary file in the target's folder, is flushed to disk,
then renamed over the target: readers see the old file or the new one, never
half of either, and a failure leaves the old file untouched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from cgtask.errors import WriteError


def write_atomic(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Call ``write`` with a binary handle and move the result onto ``path`` in one rename."""
    path = Path(path)
    if not path.parent.is_dir():
        raise WriteError(f"无法写入 {path}：目录 {path.parent} 不存在")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WriteError(f"无法在 {path.parent} 中写入文件：{exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException as exc:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WriteError(f"无法写入 {path}：{exc.strerror or exc}；原文件未改动") from None
        raise


def write_bytes_atomic(path: Path, data: bytes) -> None:
    write_atomic(path, lambda handle: handle.write(data))
