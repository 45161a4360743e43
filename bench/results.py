"""Each benchmark's verdicts, collected for the summary table at the end of ``make bench``.

A benchmark calls :func:`record` once per budget it checks; each call appends one JSON line to the
results file (``$CGTASK_BENCH_RESULTS``; without it nothing is written, so a benchmark run alone
prints only its own lines). ``python bench/results.py`` prints every line collected as one table with
✓ or ✗, in the order the benchmarks ran, and exits 1 when a budget was missed.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from pathlib import Path

RESULTS_ENV = "CGTASK_BENCH_RESULTS"


def record(bench: str, budget: str, measured: str, goal: str, ok: bool | None) -> None:
    """One budget's verdict (``ok`` None: measured for orientation, no budget) into the results file."""
    target = os.environ.get(RESULTS_ENV)
    if not target:
        return
    line = {"bench": bench, "budget": budget, "measured": measured, "goal": goal, "ok": ok}
    with Path(target).open("a", encoding="utf-8") as results:
        results.write(json.dumps(line, ensure_ascii=False) + "\n")


def pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal cells (a Chinese character takes two)."""
    cells = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(1, width - cells)


def summary(path: Path) -> tuple[list[str], bool]:
    """The table's lines, and whether every budget held."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [f"{'':3}{pad('基准', 14)}{pad('预算', 44)}{pad('实测', 36)}目标"]
    for row in rows:
        mark = "—" if row["ok"] is None else ("✓" if row["ok"] else "✗")
        lines.append(
            f"{mark}  {pad(row['bench'], 14)}{pad(row['budget'], 44)}{pad(row['measured'], 36)}{row['goal']}"
        )
    missed = sum(row["ok"] is False for row in rows)
    held = sum(row["ok"] is True for row in rows)
    lines.append(
        f"共 {len(rows)} 项：达到 {held} 项，未达到 {missed} 项，仅供参考 {len(rows) - held - missed} 项"
    )
    return lines, missed == 0


def main() -> int:
    path = Path(os.environ.get(RESULTS_ENV) or sys.argv[1])
    if not path.is_file():
        print(f"没有基准结果：{path}")
        return 1
    lines, ok = summary(path)
    print("\n== make bench：全部预算 ==")
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
