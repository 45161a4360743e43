"""The output folder: refuse to clobber a folder that is not a site, never leave half a site.

The pages are written into a temporary folder beside the target, which then replaces the target
by two renames. A build that fails leaves the previous site (or nothing) in place; the window in
which neither is there is the time between two renames in one directory.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cgtask.errors import WriteError, param
from cgtask.support.atomic import reason

MARKER = ".cgtask-site"


def _is_previous_site(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def check_target(out_dir: Path, *, force: bool, keep: tuple[Path, ...] = ()) -> None:
    """Refuse a target that is a file, or a non-empty folder without the site marker (unless ``force``).

    Building replaces the whole folder, so even ``force`` never takes the working folder, a git
    repository, or a folder holding any of ``keep`` (the registry): a site is not worth the data.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise WriteError(f"输出位置 {out_dir} 是文件而不是文件夹")
    if not out_dir.is_dir() or not any(out_dir.iterdir()) or _is_previous_site(out_dir):
        return
    if not force:
        raise WriteError(
            f"文件夹 {out_dir} 不是空的，也不是 cgtask 生成的网站（缺少 {MARKER}）；生成网站会替换整个文件夹，"
            f"请换一个空文件夹（如 public/），或确认其中的文件都不要了再加 {param('force')}"
        )
    real = out_dir.resolve()
    precious = [Path.cwd().resolve(), *(path.resolve() for path in keep)]
    if (real / ".git").exists() or any(path == real or path.is_relative_to(real) for path in precious):
        raise WriteError(
            f"文件夹 {out_dir} 含有当前目录、git 仓库或登记册，生成网站会把它们整个替换掉，{param('force')} 也不执行；"
            "请换一个专用的空文件夹，如 public/"
        )


@contextmanager
def staged_folder(out_dir: Path, *, force: bool, keep: tuple[Path, ...] = ()) -> Iterator[Path]:
    """Yield an empty temporary folder beside ``out_dir``; on success it becomes ``out_dir``."""
    # A symlinked output folder (public -> /srv/www/site) is built beside its target, not over the link.
    out_dir = Path(os.path.realpath(out_dir))
    check_target(out_dir, force=force, keep=keep)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
    except OSError as exc:
        raise WriteError(f"无法在 {out_dir.parent} 中建立临时文件夹：{reason(exc)}") from exc
    try:
        yield stage
        (stage / MARKER).write_text("cgtask site\n", encoding="utf-8")
        stage.chmod(0o755)  # mkdtemp makes it 0700; a web server or file share must read it
        _swap(stage, out_dir)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _swap(stage: Path, out_dir: Path) -> None:
    """Put ``stage`` where ``out_dir`` is, then delete what was there."""
    old: Path | None = None
    try:
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
            out_dir.rename(old / "site")
        stage.rename(out_dir)
    except OSError as exc:
        if old is not None and (old / "site").exists() and not out_dir.exists():
            (old / "site").rename(out_dir)  # put the previous site back
        raise WriteError(f"无法写入 {out_dir}：{reason(exc)}") from exc
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
