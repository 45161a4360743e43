"""Make ``src/`` importable when the package is not installed into the venv yet."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

if importlib.util.find_spec("cgtask") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
