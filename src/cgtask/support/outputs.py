"""Where a command may write.

The file the user named, of the kind its suffix says, never over an existing file unless ``--force`` — a
hand-edited 通知.docx next to ``-o 通知.pdf`` is not replaced silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cgtask.errors import UsageError, param
from cgtask.support.paths import special_refusal


def output_file(output: Path, *, suffixes: tuple[str, ...], default_name: str) -> Path:
    """The file to write: ``output`` itself, or ``default_name`` inside it when it is a folder.

    The suffix decides the format; any other suffix is an error rather than a file of another kind.
    """
    if (refusal := special_refusal(output)) is not None:  # a name too long fails even is_dir()
        raise UsageError(refusal)
    target = output / default_name if output.is_dir() else output
    if target.suffix.lower() not in suffixes:
        allowed = "、".join(suffixes)
        raise UsageError(f"输出文件“{target.name}”的扩展名应为 {allowed}（扩展名决定格式）")
    if not target.parent.is_dir():
        raise UsageError(f"输出目录不存在：{target.parent}")
    refusal = special_refusal(target)
    if refusal is not None:
        raise UsageError(refusal)
    return target


def refuse_existing(paths: Iterable[Path], *, force: bool) -> None:
    """Stop before writing when any of ``paths`` exists, unless ``force``: nothing is half-replaced.

    A device, FIFO or socket is never replaced, with ``force`` or without.
    """
    for path in paths:
        refusal = special_refusal(path)
        if refusal is not None:
            raise UsageError(refusal)
    if force:
        return
    existing = [path for path in paths if path.exists() or path.is_symlink()]
    if existing:
        more = f" 等 {len(existing)} 个文件" if len(existing) > 1 else " "  # a space after a file name
        raise UsageError(f"{existing[0]}{more}已存在；确认覆盖请加 {param('force')}")
