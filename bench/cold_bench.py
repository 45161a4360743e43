"""Cold and warm on a city's many files (issue 26): 1,613 medium documents, about 97,000 tasks and obligations.

The registry is the shipped one plus 1,489 task tables of the shipped table's size (62 tasks) and one
supervision plan per twelve tables (``budgets.make_medium_registry``), generated once into
``$CGTASK_BENCH_DIR``. Each cold run starts with a new, empty cache folder (a fresh clone or a lost cache);
the packed cache is built once into a shared pack folder (``CGTASK_PACK_DIR``), as a bureau's CI would, and
found by the files' content. Every run is interleaved with ``python -c "import typer"`` and reported as a
median and a ratio; the load from YAML that builds the pack is reported once, without a budget (minutes on
two cores).

    python bench/cold_bench.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from budgets import CGTASK, TYPER, Row, compile_package, medium_city, pad, run

COLD_SECONDS = 5.0
WARM_DUE_FACTOR = 4.0
RUNS = 5


def cold(work: Path, shared: Path, args: list[str], label: str) -> Row:
    """``args`` with a new cache folder each run (the shared pack stays), interleaved with ``import typer``."""
    root = medium_city()
    ours, typer = [], []
    for n in range(RUNS):
        env = _env(work / f"cache-{args[0]}-{n}", shared)
        ours.append(run([*CGTASK, *args, "--registry", str(root)], env)[0])
        typer.append(run(TYPER, env)[0])
    seconds, ratio = statistics.median(ours), statistics.median(ours) / statistics.median(typer)
    return Row(label, f"{seconds:.2f} s = {ratio:.1f} ×", f"≤ {COLD_SECONDS:g} s", seconds <= COLD_SECONDS)


def warm_due(work: Path, shared: Path) -> Row:
    root = medium_city()
    env = _env(work / "cache-warm", shared)
    command = [*CGTASK, "due", "--month", "3", "--format", "json", "--registry", str(root)]
    run(command, env)
    ours, typer = [], []
    for _ in range(RUNS):
        ours.append(run(command, env)[0])
        typer.append(run(TYPER, env)[0])
    seconds, ratio = statistics.median(ours), statistics.median(ours) / statistics.median(typer)
    measured = f"{seconds:.2f} s = {ratio:.1f} ×"
    return Row(
        "due --month 3 缓存后 1,613 个文件", measured, f"≤ {WARM_DUE_FACTOR:g} ×", ratio <= WARM_DUE_FACTOR
    )


def build_pack(work: Path, shared: Path) -> Row:
    """The pack, built once: ``check`` with neither cache nor pack, then ``list`` and ``due`` add their parts.

    The first reads every file from YAML (forked workers); it is reported without a budget.
    """
    root = medium_city()
    env = _env(work / "cache-build", shared)
    seconds = run([*CGTASK, "check", "--registry", str(root)], env)[0]
    for args in (["list", "--format", "json"], ["due", "--month", "3", "--format", "json"]):
        run([*CGTASK, *args, "--registry", str(root)], env)
    return Row("首次 check，无缓存也无 pack（参考）", f"{seconds:.1f} s", "不设预算", None)


def _env(cache: Path, shared: Path) -> dict[str, str]:
    import os

    return {**os.environ, "CGTASK_CACHE_DIR": str(cache), "CGTASK_PACK_DIR": str(shared)}


def main() -> int:
    compile_package()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="cgtask-cold-") as tmp:
        work = Path(tmp)
        shared = work / "shared-packs"
        scratch = build_pack(work, shared)
        dept = ["list", "--dept", "监督科", "--format", "json"]
        rows.append(cold(work, shared, dept, "首次 list，1,613 个文件"))
        rows.append(cold(work, shared, ["check"], "首次 check，1,613 个文件"))
        rows.append(warm_due(work, shared))
        rows.append(scratch)
    print(f"{'':3}{pad('预算', 40)}{pad('实测（中位数，对比 import typer）', 38)}目标")
    for row in rows:
        print(row.line())
    return 0 if all(row.ok is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
