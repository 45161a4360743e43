"""Benchmark: a write costs the record (issue 24).

A copy of the shipped registry gets a 台账 of 15,000 records, written as ``cgtask done`` writes them
(one ``- {…}`` line per record). After a warm ``check``, ``cgtask done`` appends one record and the
following ``check`` reads the changed 台账; each is timed against ``python -c "import typer"`` run in
turn with it, and the ratio of medians is reported (budget: each ≤ 6).

    python bench/ledger_bench.py            # 15,000 records, 3 rounds
    python bench/ledger_bench.py 5000 5     # records, rounds
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CGTASK = [sys.executable, "-m", "cgtask"]
TYPER = [sys.executable, "-c", "import typer"]
BUDGET = 6.0
# Records the shipped registry accepts: (item, doc, level, unit, period, month).
SHAPES = [
    ("1", "supervision-2022", "区局", None, "2022-{m:02d}"),
    ("7.4", "tasks-2022", "区局", None, "2022-{m:02d}"),
    ("3", "supervision-2022", "街镇中队", "吴淞街道中队", "2022-{m:02d}"),
]

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record  # noqa: E402  (bench/ is not a package)


def record_line(number: int) -> str:
    """One record as ``cgtask done`` writes it: a flow mapping on one line."""
    item, doc, level, unit, period = SHAPES[number % len(SHAPES)]
    month = number % 12 + 1
    day = dt.date(2022, month, number % 28 + 1)
    unit_part = f", unit: {unit}" if unit else ""
    return (
        f"  - {{id: r-{number:08x}, item: '{item}', doc: {doc}, level: {level}{unit_part},"
        f" period: {period.format(m=month)}, date: {day.isoformat()}, count: 1, note: 生成的记录{number}}}\n"
    )


def make_registry(root: Path, records: int) -> None:
    """The shipped registry with ``records`` generated records after its own."""
    shutil.copytree(REPO / "registry", root)
    ledger = root / "ledger.yaml"
    with ledger.open("a", encoding="utf-8") as out:
        out.writelines(record_line(n) for n in range(records))


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    # check=True: a command that fails quickly must not pass for a quick one
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main(records: int = 15_000, rounds: int = 3) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "registry"
        make_registry(root, records)
        env = {**os.environ, "CGTASK_CACHE_DIR": str(Path(tmp) / "cache")}
        check = [*CGTASK, "check", "--registry", str(root)]
        timed(check, env)  # the first read fills the cache, as a user's first call does
        done_times, check_times, typer_times = [], [], []
        for n in range(rounds):
            done = [*CGTASK, "done", "1", "--doc", "supervision-2022", "--date", f"2022-12-{n + 1:02d}",
                    "--registry", str(root)]  # fmt: skip
            typer_times.append(timed(TYPER, env))
            done_times.append(timed(done, env))
            typer_times.append(timed(TYPER, env))
            check_times.append(timed(check, env))
        written = (root / "ledger.yaml").read_text("utf-8").count("\n  - {")
    assert written == records + rounds, f"台账应有 {records + rounds} 条单行记录，实有 {written} 条"
    typer = statistics.median(typer_times)
    ok = True
    for name, times in (("done", done_times), ("随后的 check", check_times)):
        ratio = statistics.median(times) / typer
        ok = ok and ratio <= BUDGET
        record("ledger", f"台账 {records:,} 条 {name}", f"{ratio:.1f} ×", f"≤ {BUDGET:g} ×", ratio <= BUDGET)
        print(
            f"台账 {records:,} 条  {name:<10} {statistics.median(times) * 1000:8.0f} ms"
            f"   import typer {typer * 1000:6.0f} ms   比值 {ratio:5.1f}（目标 ≤ {BUDGET:g}）"
            f"{'✓' if ratio <= BUDGET else '✗'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(*(int(arg) for arg in sys.argv[1:3])))
