"""Bodies an imported table names that the organisation does not know, registered as drafts for review.

They go at the end of ``departments:`` in organization.yaml, one line each with a comment saying where
it came from; the rest of the file is left byte for byte as it was. The import leaves a review note at
the first task that names each, which ``check`` reports (W405) until the keeper confirms the entry (or
moves it to ``units:``/``external:``) and deletes the note.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from cgtask.errors import UsageError

TOP_KEY = re.compile(r"^[^\s#-]")
EMPTY_FLOW = re.compile(r"^departments:\s*\[\s*\]\s*(#.*)?$")


def organization_with_drafts(path: Path, names: list[str], source: str) -> bytes:
    """organization.yaml's text with ``names`` appended to its departments, nothing else changed."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"无法读取 {path}，未导入：{exc}") from None
    start = next((n for n, line in enumerate(lines) if line.startswith("departments:")), None)
    if start is None:
        lines += ["departments:"]
        start = len(lines) - 1
    elif EMPTY_FLOW.match(lines[start]):
        lines[start] = "departments:"
    elif lines[start].strip() != "departments:":
        raise UsageError(
            f"{path} 的 departments 不是逐行列出的写法，无法自动登记新部门；请改成每行一个 - name: 后再导入"
        )
    end = start + 1
    while end < len(lines) and not TOP_KEY.match(lines[end]):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # keep the blank line before the next key
    added = [
        f"  - name: {json.dumps(name, ensure_ascii=False)}  # 待核对：cgtask import 从 {source} 新增"
        for name in names
    ]
    return ("\n".join(lines[:end] + added + lines[end:]) + "\n").encode("utf-8")
