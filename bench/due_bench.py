"""Benchmark: ``due`` for a whole year over 250 街镇中队, one row per 中队 (goal: under a second).

A copy of the shipped registry gets an organisation with 250 street 中队; then we time the core
(``due_items`` with ``per_unit``, warm cache) and the whole command (``cgtask due --per-unit
--format json`` in a fresh process, warm cache, output discarded).

    python bench/due_bench.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
UNITS = 250
GOAL_SECONDS = 1.0

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record  # noqa: E402  (bench/ is not a package)


def make_registry(root: Path, units: int) -> None:
    """The shipped registry with synthetic street 中队 added until there are ``units`` of them.

    The real 中队 stay, so the shipped ledger (which names them) still loads.
    """
    shutil.copytree(REPO / "registry", root)
    organization = (root / "organization.yaml").read_text(encoding="utf-8")
    real = organization.count("kind: street")
    added = "".join(f"  - name: 第{n:03d}街镇中队\n    kind: street\n" for n in range(1, units - real + 1))
    organization = organization.replace("\ngroups:\n", f"\n{added}\ngroups:\n", 1)
    (root / "organization.yaml").write_text(organization, encoding="utf-8")


def time_core(root: Path, runs: int = 7) -> tuple[float, int]:
    from cgtask import api
    from cgtask.queries.context import prepare
    from cgtask.queries.duties import DueQuery, due_items

    api.open_registry(root)  # fills the cache
    times, rows = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        result = due_items(prepare(api.open_registry(root)), DueQuery(per_unit=True))
        times.append(time.perf_counter() - start)
        rows = len(result.rows)
    return statistics.median(times), rows


def time_command(root: Path, env: dict[str, str], runs: int = 5) -> float:
    command = [
        sys.executable,
        "-m",
        "cgtask",
        "due",
        "--per-unit",
        "--format",
        "json",
        "--registry",
        str(root),
    ]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "registry"
        make_registry(root, UNITS)
        os.environ["CGTASK_CACHE_DIR"] = str(Path(work) / "cache")
        core, rows = time_core(root)
        command = time_command(root, dict(os.environ))
    ok = command < GOAL_SECONDS
    record("due", f"due 全年 {UNITS} 个中队", f"{command:.2f} s", f"< {GOAL_SECONDS:g} s", ok)
    print(f"due 全年，{UNITS} 个街镇中队逐个列出：{rows} 行")
    print(f"  核心 due_items     {core * 1000:7.1f} ms")
    print(
        f"  命令 due --format json {command * 1000:7.1f} ms（目标 < {GOAL_SECONDS:.0f} s）{'✓' if ok else '✗'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
