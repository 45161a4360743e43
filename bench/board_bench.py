"""Benchmark: the 督办 board (``overdue``) and ``progress`` at year end.

On the shipped registry and on a copy with 250 街镇中队 (goal: well under a second on the shipped
registry, DESIGN "Budgets").

Each command runs in a fresh process with a warm cache, interleaved with ``python -c "import typer"``
as the reference, so the ratio holds on a shared, noisy machine. Board lines are counted too: the
board must stay a few hundred lines at most on the shipped registry.

    python bench/board_bench.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from due_bench import REPO, make_registry
from results import record

AS_OF = "2022-12-31"
RUNS = 5
GOAL_SECONDS = 1.0
MAX_LINES = 300


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, result.stdout


def measure(registry: Path, env: dict[str, str]) -> dict[str, tuple[float, float, int]]:
    """{command: (median seconds, ratio to importing typer, board lines)} over interleaved runs."""
    commands = {
        "overdue": ["overdue", "--as-of", AS_OF, "--soon", "0"],
        "progress": ["progress", "--as-of", AS_OF],
    }
    reference = [sys.executable, "-c", "import typer"]
    base = [sys.executable, "-m", "cgtask"]
    for args in commands.values():  # warm the cache
        _timed([*base, *args, "--format", "json", "-r", str(registry)], env)
    samples: dict[str, list[float]] = {name: [] for name in ["typer", *commands]}
    lines: dict[str, int] = {}
    for _ in range(RUNS):
        samples["typer"].append(_timed(reference, env)[0])
        for name, args in commands.items():
            seconds, out = _timed([*base, *args, "--format", "json", "-r", str(registry)], env)
            samples[name].append(seconds)
            data = json.loads(out)
            lines[name] = len(data) if isinstance(data, list) else len(data["items"])
    typer_median = statistics.median(samples["typer"])
    return {
        name: (statistics.median(samples[name]), statistics.median(samples[name]) / typer_median, lines[name])
        for name in commands
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CGTASK_CACHE_DIR": str(Path(tmp) / "cache")}
        big = Path(tmp) / "registry-250"
        make_registry(big, 250)
        print(f"督办看板与进度（截至 {AS_OF}，热缓存，每项 {RUNS} 次取中位数，与 import typer 交替测量）")
        print(f"{'登记册':<14}{'命令':<10}{'秒':>8}{'倍 typer':>10}{'行数':>8}  结论")
        for label, registry in (("随附登记册", REPO / "registry"), ("250 个中队", big)):
            for name, (seconds, ratio, count) in measure(registry, env).items():
                ok = seconds < GOAL_SECONDS if label == "随附登记册" else True
                ok = ok and (name != "overdue" or label != "随附登记册" or count <= MAX_LINES)
                print(f"{label:<14}{name:<10}{seconds:>8.3f}{ratio:>10.2f}{count:>8}  {'✓' if ok else '✗'}")
                goal = f"< {GOAL_SECONDS:g} s" if label == "随附登记册" else "—"
                record(
                    "board",
                    f"{name} {label}",
                    f"{seconds:.2f} s，{count} 行",
                    goal,
                    ok if goal != "—" else None,
                )


if __name__ == "__main__":
    main()
