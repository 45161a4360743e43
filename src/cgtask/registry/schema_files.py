"""The registry files' JSON Schemas written into a folder, one ``<kind>.schema.json`` per kind."""

from __future__ import annotations

from pathlib import Path

from cgtask.errors import UsageError
from cgtask.models.schema import SCHEMA_KINDS, schema_text
from cgtask.support.atomic import write_bytes_atomic


def write_schemas(folder: Path) -> list[Path]:
    """Every kind's schema into ``folder`` as ``<kind>.schema.json``, each written atomically.

    These files are this command's own output for the installed cgtask, so they are refreshed in place;
    a ``folder`` that is a file is an error, not a place to write into.
    """
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"模式须写入目录（每种文件一个），而 {folder} 是文件")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in SCHEMA_KINDS:
        target = folder / f"{kind}.schema.json"
        write_bytes_atomic(target, schema_text(kind).encode("utf-8"))
        written.append(target)
    return written
