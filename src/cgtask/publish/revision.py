"""The registry's git revision, shown on the site so readers know which version they see."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_revision(root: Path) -> str | None:
    """The short commit id of ``root``'s checkout; None when it is not in git or git is missing."""
    try:
        found = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return found.stdout.strip() or None if found.returncode == 0 else None
