"""A cache of the validated registry, keyed by the files' stamps.

Read-only commands then start without ruamel or pydantic: loading the cached
JSON is what keeps ``cgtask list`` within its budget.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, cast

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
    # The package's top level too: it computes derived caches such as the list rows.
    for folder in (".", "models", "registry"):
        for path in sorted((package / folder).glob("*.py")):
            parts.append(f"{path.name}:{path.stat().st_mtime_ns}")
    return "|".join(parts)


def _cache_path(root: Path, name: str) -> Path:
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
    suffix = "" if name == "registry" else f".{name}"
    return cache_dir() / f"registry-{digest}{suffix}.json"


def read_payload(root: Path, stamps: list[list[object]], name: str) -> Any:
    """A cached payload (the registry, or data derived from it) if made from exactly these files
    by this code, else None."""
    try:
        with _cache_path(root, name).open(encoding="utf-8") as handle:
            cached = json.load(handle)
    except (OSError, ValueError):
        return None
    if cached.get("stamps") != stamps or cached.get("code") != _code_stamp():
        return None
    return cached["payload"]


def read_cache(root: Path, stamps: list[list[object]]) -> RegistryData | None:
    """The cached registry if it was made from exactly these files by this code, else None."""
    return cast(RegistryData | None, read_payload(root, stamps, "registry"))


def write_cache(root: Path, stamps: list[list[object]], data: RegistryData) -> None:
    """Store the registry; a cache that cannot be written (read-only home) is simply skipped."""
    write_payload(root, stamps, "registry", data)


def write_payload(root: Path, stamps: list[list[object]], name: str, payload: Any) -> None:
    """Store one payload next to the registry's; failures only cost speed."""
    from cgtask.errors import WriteError
    from cgtask.support.atomic import write_bytes_atomic  # only a cold load writes; keep it off the warm path

    path = _cache_path(root, name)
    record = {"stamps": stamps, "code": _code_stamp(), "payload": payload}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, json.dumps(record, ensure_ascii=False).encode("utf-8"))
    except (OSError, WriteError):
        return
