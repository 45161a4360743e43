"""Atomic file writes shared by every output (documents, calendars, the ledger, the cache).

A write goes to a temporary file in the target's folder, is flushed to disk,
then renamed over the target: readers see the old file or the new one, never
half of either, and a failure (a full disk included) leaves the old file
untouched and no temporary file behind.

The new file takes the place of the old one as the user knew it: a symbolic
link is written through (the link stays, its target changes), a rewritten file
keeps its permission bits, and a new file gets the mode the user's umask gives
(``mkstemp`` alone would make every file 0600).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from cgtask.errors import WriteError
from cgtask.support.paths import special_refusal

_REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "文件系统为只读",
    errno.EISDIR: "目标是一个目录",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ENOENT: "文件或目录不存在",
    errno.ENOTDIR: "路径中有一项不是目录",
    errno.EIO: "读写设备出错",
    errno.EFBIG: "文件过大",
    errno.EMFILE: "打开的文件过多",
    errno.EBUSY: "文件正被占用",
    errno.ETXTBSY: "文件正被占用",
    errno.ELOOP: "符号链接循环",
    errno.EXDEV: "不能跨文件系统改名",
    errno.EAGAIN: "资源暂时不可用，请重试",
}


def reason(exc: OSError) -> str:
    """A Chinese reason for an OS error, with the system's own words when there is no translation."""
    return (
        _REASONS.get(exc.errno or 0)
        or f"系统错误（{errno.errorcode.get(exc.errno or 0, exc.strerror or exc)}）"
    )


def os_reason(exc: BaseException) -> str | None:
    """The Chinese reason of an OS error, or of one an XML writer reports in its own words, else None.

    openpyxl and python-docx write through lxml into temporary files of their own; lxml reports a full
    disk or a file-size limit there as ``IO_ENOSPC`` or ``IO_EFBIG``, not as an OSError.
    """
    if isinstance(exc, OSError):
        return reason(exc)
    found = re.fullmatch(r"IO_(E[A-Z0-9]+)", str(exc).strip())
    code = getattr(errno, found.group(1), None) if found else None
    return reason(OSError(code, str(exc))) if isinstance(code, int) else None


def write_atomic(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Call ``write`` with a binary handle and move the result onto ``path`` in one rename."""
    path = Path(path)
    target, temp = _stage(path, write)
    try:
        temp.replace(target)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WriteError(f"无法写入 {path}：{reason(exc)}；原文件未改动") from None
        raise


def _target(path: Path) -> Path:
    """The file a write lands in (a symbolic link is written through), refusing what cannot be one."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if not target.parent.is_dir():
        raise WriteError(f"无法写入 {path}：目录 {target.parent} 不存在")
    if (refusal := special_refusal(target)) is not None:  # never a device, FIFO or socket
        raise WriteError(refusal)
    return target


def _stage(path: Path, write: Callable[[BinaryIO], object]) -> tuple[Path, Path]:
    """(the target, a flushed temporary file beside it holding what ``write`` wrote); nothing else touched."""
    target = _target(path)
    mode, group = _mode_for(target)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise WriteError(f"无法在 {target.parent} 中写入文件：{reason(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            _keep_group(handle.fileno(), group)
            os.fsync(handle.fileno())
    except BaseException as exc:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WriteError(f"无法写入 {path}：{reason(exc)}；原文件未改动") from None
        raise
    return target, Path(temp_name)


def write_files_together(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files as one unit: all of them, or — on any failure — none (old files as they were).

    Every file is written to a temporary file beside its target first; only when all are on disk are they
    renamed into place, and a rename that fails puts back what the earlier renames replaced.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            staged.append(_stage(Path(path), _bytes_writer(data)))
        _rename_all(staged)
    finally:
        for _, temp in staged:
            temp.unlink(missing_ok=True)


def _bytes_writer(data: bytes) -> Callable[[BinaryIO], object]:
    return lambda handle: handle.write(data)


def _rename_all(staged: Sequence[tuple[Path, Path]]) -> None:
    """Rename each temporary file onto its target; on a failure undo the renames already done."""
    done: list[tuple[Path, Path | None]] = []  # (target, the old file kept aside, None when it was new)
    try:
        for target, temp in staged:
            done.append((target, _keep_aside(target)))
            temp.replace(target)
    except BaseException as exc:
        for target, kept in reversed(done):
            _put_back(target, kept)
        if isinstance(exc, OSError):
            raise WriteError(f"无法写入 {target}：{reason(exc)}；所有文件均未写入或改动") from None
        raise
    for _, kept in done:
        if kept is not None:
            kept.unlink(missing_ok=True)


def _keep_aside(target: Path) -> Path | None:
    """A second name for the file at ``target`` (a hard link) so a failed unit can restore it."""
    if not target.exists():
        return None
    aside = target.with_name(f".{target.name}.{os.getpid()}.old")
    aside.unlink(missing_ok=True)
    try:
        os.link(target, aside)
    except OSError:  # a file system without hard links: a copy does as well
        shutil.copy2(target, aside)
    return aside


def _put_back(target: Path, kept: Path | None) -> None:
    """Undo one rename of a failed unit: the old file back, or the new one removed."""
    with contextlib.suppress(OSError):
        if kept is None:
            target.unlink(missing_ok=True)
        else:  # a rename between two links of one file does nothing (POSIX): the second name goes after
            kept.replace(target)
            kept.unlink(missing_ok=True)


def _mode_for(target: Path) -> tuple[int, int | None]:
    """The permission bits (and group) the written file should have.

    They are the old file's, else 0666 less the umask and the folder's usual group.
    """
    try:
        info = target.stat()
    except OSError:
        return 0o666 & ~_umask(), None
    return stat.S_IMODE(info.st_mode), info.st_gid


def _keep_group(fd: int, group: int | None) -> None:
    """A ledger shared by a group (0664) stays the group's; a writer outside it keeps its own."""
    if group is None:
        return
    with contextlib.suppress(OSError):
        os.fchown(fd, -1, group)


def _umask() -> int:
    # The only portable way to read the umask is to set it; put it straight back.
    current = os.umask(0o022)
    os.umask(current)
    return current


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write the bytes to the path atomically."""
    write_atomic(path, lambda handle: handle.write(data))
