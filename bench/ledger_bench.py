"""Benchmark: a write costs the record (issue 24), and the 台账 scales with time (issue 26).

Two registries, copies of the shipped one with generated records written as ``cgtask done`` writes them
(one ``- {…}`` line per record):

- 15,000 records in one ledger.yaml (issue 24): ``done``, then the ``check`` after it, and a ``done`` right
  after another ``done`` (no ``check`` between: it reads what the first one appended), each ≤ 6 ×;
- 60,000 records (ten district-years) split by month into ledger/2022-MM.yaml (issue 26): ``done`` ≤ 6 ×,
  the ``check`` after it ≤ 10 ×, and the warm ``overdue`` for the year ≤ 10 ×.

Each command is timed in turn with ``python -c "import typer"`` (interleaved, on the same machine) and the
ratio of medians is printed with ✓/✗ beside its budget.

    python bench/ledger_bench.py              # both, 3 rounds
    python bench/ledger_bench.py 5000 5       # one file of 5,000 records and 20,000 split, 5 rounds
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
from budgets import compile_package  # noqa: E402  (bench/ is not a package)
from results import record  # noqa: E402


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


def make_registry(root: Path, records: int, *, split: bool = False) -> None:
    """The shipped registry with ``records`` generated records after its own (split: by month, in ledger/)."""
    shutil.copytree(REPO / "registry", root)
    if not split:
        with (root / "ledger.yaml").open("a", encoding="utf-8") as out:
            out.writelines(record_line(n) for n in range(records))
        return
    env = {**os.environ, "CGTASK_CACHE_DIR": str(root.parent / "cache")}
    subprocess.run(
        [*CGTASK, "ledger", "split", "--registry", str(root)], env=env, check=True, capture_output=True
    )
    by_month: dict[int, list[str]] = {}
    for n in range(records):
        by_month.setdefault(n % 12 + 1, []).append(record_line(n))
    for month, lines in by_month.items():
        path = root / "ledger" / f"2022-{month:02d}.yaml"
        if not path.exists():
            path.write_text("kind: ledger\nentries:\n", encoding="utf-8")
        with path.open("a", encoding="utf-8") as out:
            out.writelines(lines)


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    # check=True: a command that fails quickly must not pass for a quick one (overdue exits 1 with red rows)
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[2:4])} 失败：{done.stderr.decode('utf-8', 'replace')[-500:]}")
    return time.perf_counter() - start


def run(records: int, rounds: int, *, split: bool) -> dict[str, tuple[list[float], float]]:
    """The times of each command and the budget it has, with ``import typer``'s under the key ``typer``."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "registry"
        make_registry(root, records, split=split)
        env = {**os.environ, "CGTASK_CACHE_DIR": str(Path(tmp) / "cache")}
        check = [*CGTASK, "check", "--registry", str(root)]
        overdue = [*CGTASK, "overdue", "--year", "2022", "--as-of", "2022-12-31", "--registry", str(root)]
        overdue_json = [*overdue, "--format", "json"]
        timed(check, env)  # the first read fills the cache, as a user's first call does
        timed(overdue, env)
        times: dict[str, list[float]] = {
            "typer": [],
            "done": [],
            "check": [],
            "overdue": [],
            "overdue_json": [],
            "done_again": [],
        }
        for n in range(rounds):
            done = [*CGTASK, "done", "1", "--doc", "supervision-2022", "--date", f"2022-12-{n + 1:02d}",
                    "--registry", str(root)]  # fmt: skip
            # Each board follows a record written: none is answered from a kept answer (support/answers).
            again = [*done[:-4], "--date", f"2022-10-{n + 1:02d}", *done[-2:]]
            steps = (("done", done), ("check", check), ("overdue", overdue), ("overdue_json", overdue_json))
            steps += (("done_again", again),)
            for name, command in steps:
                if (name.startswith("overdue") and not split) or (name == "done_again" and split):
                    continue
                if name == "done_again":  # the first of the two, untimed: the second reads what it appended
                    timed([*done[:-4], "--date", f"2022-09-{n + 1:02d}", *done[-2:]], env)
                if name == "overdue_json":  # a record (and the check after it) between the two boards too
                    timed([*done[:-4], "--date", f"2022-11-{n + 1:02d}", *done[-2:]], env)
                    timed(check, env)
                times["typer"].append(timed(TYPER, env))
                times[name].append(timed(command, env))
            if not split:  # the next round's done follows a check, as the first one does
                timed(check, env)
        files = [root / "ledger.yaml"] if not split else sorted((root / "ledger").glob("*.yaml"))
        written = sum(path.read_text("utf-8").count("\n  - {") for path in files)
    expected = records + rounds * (2 if split else 3)
    assert written == expected, f"台账应有 {expected} 条单行记录，实有 {written} 条"
    budgets = {"done": 6.0, "check": 10.0 if split else 6.0, "overdue": 10.0, "overdue_json": 10.0}
    budgets["done_again"] = 6.0
    return {name: (times[name], budgets.get(name, 0.0)) for name in times if times[name]}


LABELS = {
    "done": "done",
    "check": "随后的 check",
    "overdue": "暖 overdue 全年",
    "overdue_json": "暖 overdue 全年 JSON",
    "done_again": "紧接 done 的 done",
}


def report(records: int, split: bool, measured: dict[str, tuple[list[float], float]]) -> bool:
    typer = statistics.median(measured["typer"][0])
    shape = f"按月拆分 {records:,} 条" if split else f"单个文件 {records:,} 条"
    ok = True
    for name, (times, budget) in measured.items():
        if name == "typer":
            continue
        ratio = statistics.median(times) / typer
        ok = ok and ratio <= budget
        record("ledger", f"台账 {shape} {LABELS[name]}", f"{ratio:.1f} ×", f"≤ {budget:g} ×", ratio <= budget)
        print(
            f"台账 {shape:<14} {LABELS[name]:<12} {statistics.median(times) * 1000:8.0f} ms"
            f"   import typer {typer * 1000:6.0f} ms   比值 {ratio:5.1f}（目标 ≤ {budget:g}）"
            f"{'✓' if ratio <= budget else '✗'}"
        )
    return ok


def main(records: int = 15_000, rounds: int = 3) -> int:
    compile_package()  # run alone too, cgtask starts compiled as typer does (PYTHONDONTWRITEBYTECODE)
    ok = report(records, False, run(records, rounds, split=False))
    ok = report(records * 4, True, run(records * 4, rounds, split=True)) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(*(int(arg) for arg in sys.argv[1:3])))
