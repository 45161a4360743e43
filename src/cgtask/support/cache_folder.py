"""Where cgtask keeps what it may rebuild at any time: the registry cache, LibreOffice's profile."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

CACHE_ENV = "CGTASK_CACHE_DIR"


def cache_dir() -> Path:
    """``$CGTASK_CACHE_DIR``, else ``$XDG_CACHE_HOME/cgtask``, else ``~/.cache/cgtask``."""
    if os.environ.get(CACHE_ENV):
        return _resolved(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return _resolved(base) / "cgtask"


@lru_cache(maxsize=16)  # asked for each cache entry read: resolve each folder once per process
def _resolved(folder: str) -> Path:
    try:
        return Path(folder).resolve()
    except (OSError, RuntimeError):  # a link loop: the cache is unusable, and only costs speed
        return Path.cwd() / folder
