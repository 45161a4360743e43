"""A cache of the validated registry, keyed by the files' stamps.

Read-only commands then start without ruamel or pydantic: loading the cached
JSON is what keeps ``cgtask list`` within its budget.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import cast

from cgtask import __version__
from cgtask.models.data import RegistryData

CACHE_ENV = "CGTASK_CACHE_DIR"


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cgtask"


def _code_stamp() -> str:
    """Changes when the code that shapes the cached data changes (also in a development checkout)."""
    package = Path(__file__).resolve().parent.parent
    parts = [__version__]
    for folder in ("models", "registry"):
        for path in sorted((package / folder).glob("*.py")):
            parts.append(f"{path.name}:{path.stat().st_mtime_ns}")
    return "|".join(parts)


def _cache_path(root: Path) -> Path:
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
    return cache_dir() / f"registry-{digest}.json"


def read_cache(root: Path, stamps: list[list[object]]) -> RegistryData | None:
    """The cached data if it was made from exactly these files by this code, else None."""
    try:
        with _cache_path(root).open(encoding="utf-8") as handle:
            cached = json.load(handle)
    except (OSError, ValueError):
        return None
    if cached.get("stamps") != stamps or cached.get("code") != _code_stamp():
        return None
    return cast(RegistryData, cached["registry"])


def write_cache(root: Path, stamps: list[list[object]], data: RegistryData) -> None:
    """Store the data; a cache that cannot be written (read-only home) is simply skipped."""
    from cgtask.atomic import write_bytes_atomic  # only a cold load writes; keep it off the warm path
    from cgtask.errors import WriteError

    path = _cache_path(root)
    payload = {"stamps": stamps, "code": _code_stamp(), "registry": data}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    except (OSError, WriteError):
        return
