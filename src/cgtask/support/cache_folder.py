"""Where cgtask keeps what it may rebuild at any time: the registry cache, LibreOffice's profile."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "CGTASK_CACHE_DIR"


def cache_dir() -> Path:
    """``$CGTASK_CACHE_DIR``, else ``$XDG_CACHE_HOME/cgtask``, else ``~/.cache/cgtask``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).resolve()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).resolve() / "cgtask"
