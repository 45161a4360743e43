"""Benchmarks of cgtask, each measured side by side with a reference in the same run.

Times on shared machines are noisy, so every budget is a ratio of medians:
the command and its reference run alternately, and the ratio is reported.

    python bench/run.py            # all benchmarks
    python bench/run.py list       # cgtask list --dept 监督科 vs python -c "import typer"
    python bench/run.py scale      # list on 10,000 and 100,000 generated tasks (warm cache)
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CGTASK = [sys.executable, "-m", "cgtask"]
TYPER = [sys.executable, "-c", "import typer"]

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record  # noqa: E402  (bench/ is not a package)


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def alternate(first: list[str], second: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Medians of two commands run in turn, so both see the same machine load."""
    a, b = [], []
    for _ in range(runs):
        a.append(timed(first, env))
        b.append(timed(second, env))
    return statistics.median(a), statistics.median(b)


def bench_list(runs: int = 21) -> bool:
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "CGTASK_CACHE_DIR": cache}
        command = [*CGTASK, "list", "--dept", "监督科"]
        timed(command, env)  # the first run fills the cache, as a user's first call does
        cg, ty = alternate(command, TYPER, env, runs)
    ratio = cg / ty
    ok = ratio <= 2.0
    record("run", "list --dept 监督科 缓存后", f"{ratio:.2f} ×", "≤ 2 ×", ok)
    print(
        f"list --dept 监督科   {cg * 1000:7.1f} ms   import typer {ty * 1000:7.1f} ms   比值 {ratio:.2f}（目标 ≤ 2.0）{'✓' if ok else '✗'}"
    )
    return ok


def make_large_registry(root: Path, tasks: int) -> None:
    """A copy of the shipped registry plus ``tasks`` generated tasks in files under the size limit."""
    shutil.copytree(REPO / "registry", root)
    departments = ["办公室", "政工科", "协调科", "监督科", "法制科", "信访科"]
    per_file = 10_000
    for start in range(0, tasks, per_file):
        lines = [
            "kind: task_breakdown",
            f"id: generated-{start // per_file}",
            "title: 生成的任务分解表",
            "year: 2022",
            "categories:",
        ]
        for category in range(start // 100, min(start + per_file, tasks) // 100):
            lines += [f"  - number: {category + 1}", f"    name: 目录{category + 1}", "    tasks:"]
            for row in range(100):
                lead = departments[(category + row) % 6]
                support = departments[(category + row + 1) % 6]
                lines += [
                    f"      - id: '{category + 1}.{row + 1}'",
                    f"        title: 生成任务{category + 1}-{row + 1}",
                    f"        detail: 生成任务{category + 1}-{row + 1}。按要求完成相应工作。",
                    f"        lead: [{lead}]",
                    f"        support: [{support}, 各中队]",
                ]
        (root / "documents" / f"generated-{start // per_file:02d}.yaml").write_text(
            "\n".join(lines) + "\n", "utf-8"
        )


def bench_scale(sizes: tuple[int, ...] = (10_000, 100_000), runs: int = 5) -> bool:
    ok = True
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "registry"
            make_large_registry(root, size)
            env = {**os.environ, "CGTASK_CACHE_DIR": str(Path(tmp) / "cache")}
            command = [*CGTASK, "list", "--registry", str(root), "--dept", "监督科", "--format", "json"]
            cold = timed(command, env)
            warm, ty = alternate(command, TYPER, env, runs)
        budget = 1.5 if size >= 100_000 else 0.2 + ty
        # ru_maxrss of children is the largest any child reached so far: the cold load included.
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        passed = warm <= budget and peak_mb <= 400
        ok = ok and passed
        measured = f"{warm:.2f} s，峰值 {peak_mb:.0f} MB"
        record("run", f"list {size:,} 项 缓存后", measured, f"≤ {budget:.2f} s，≤ 400 MB", passed)
        print(
            f"list {size:>7,} 项   首次 {cold:6.2f} s   缓存后 {warm:6.2f} s"
            f"（预算 {budget:.2f} s）  峰值内存 {peak_mb:.0f} MB（预算 400 MB）{'✓' if passed else '✗'}"
        )
    return ok


BENCHMARKS: dict[str, Callable[[], bool]] = {"list": bench_list, "scale": bench_scale}


def main(names: list[str]) -> int:
    results = [BENCHMARKS[name]() for name in names or list(BENCHMARKS)]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
