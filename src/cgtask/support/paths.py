"""Paths that are not what they seem: devices, FIFOs and sockets, names too long, cache entries.

An output named by the user may be a device node (``-o /dev/null``), a FIFO or a socket: replacing
it by a regular file, even with ``--force``, would break whatever relies on it. A cache entry that
is not a regular file (a FIFO blocks a reader forever, a link to /dev/zero never ends) is a miss.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cgtask.errors import param

NAME_MAX = 255  # bytes of one file name on every file system cgtask writes to


def special_kind(path: Path) -> str | None:
    """设备 / 命名管道 / 套接字 when ``path`` (followed through links) is one, else None."""
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return None
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）"
    if stat.S_ISSOCK(mode):
        return "套接字"
    return None


def special_refusal(path: Path) -> str | None:
    """Why ``path`` may not be replaced by a written file, in Chinese; None when it may."""
    kind = special_kind(path)
    if kind is not None:
        return f"{path} 是{kind}，不能用文件替换（{param('force')} 也不行）；请换一个输出文件名"
    if len(Path(path).name.encode("utf-8")) > _name_max(Path(path).parent):
        return f"文件名过长（{len(Path(path).name.encode('utf-8'))} 字节，文件系统上限 {_name_max(Path(path).parent)} 字节）：{Path(path).name[:40]}…"
    return None


def _name_max(folder: Path) -> int:
    try:
        return min(os.pathconf(folder if folder.is_dir() else ".", "PC_NAME_MAX"), NAME_MAX)
    except (OSError, ValueError):
        return NAME_MAX


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` when it is a regular file (not through a link) of at most ``limit`` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        # Asked of the descriptor before Python wraps it: a folder cannot even be wrapped.
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError:
        return None
    finally:
        os.close(fd)
