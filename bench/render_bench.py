"""Benchmark: rendering official documents (budgets in DESIGN.md "Budgets").

1. ``cgtask render notice`` (the 62-row 附件 table) from a cold start, against ``pandoc`` turning
   the same table from Markdown into .docx — pandoc is the everyday way to get a table into Word,
   so the ratio says what the GB/T 9704 typesetting costs.  Skipped with a message without pandoc.
2. ``cgtask render monthly --all`` for 250 街镇中队 (a temporary registry copy), budget ≤ 20 s:
   the median of three runs, with the CPU time it took (typesetting runs in a 2-process pool).

    python bench/render_bench.py
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
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from due_bench import make_registry  # noqa: E402  (bench/ is not a package)
from results import record  # noqa: E402  (bench/ is not a package)

CGTASK = [sys.executable, "-m", "cgtask"]
NOTICE_BUDGET, MONTHLY_BUDGET, UNITS = 1.0, 20.0, 250


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def median_of(command: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    return statistics.median(timed(command, env) for _ in range(runs))


def notice_markdown(path: Path) -> None:
    """The notice's 附件 table as a Markdown pipe table, the input pandoc gets."""
    from cgtask import api
    from cgtask.official.notice import task_table

    table = task_table(api.open_registry().document("tasks-2022"))  # type: ignore[arg-type]
    lines = ["| " + " | ".join(c.title for c in table.columns) + " |", "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(cell.replace("\n", "<br>") for cell in row) + " |" for row in table.rows]
    path.write_text("# 区城管执法局2022年度工作任务分解表\n\n" + "\n".join(lines) + "\n", encoding="utf-8")


def bench_notice(work: Path, runs: int = 5) -> None:
    command = [*CGTASK, "render", "notice", "--number", "宝城执〔2022〕1号", "--date", "2022-01-20"]
    ours = median_of([*command, "--force", "-o", str(work / "notice.docx")], runs)
    verdict = "达标" if ours <= NOTICE_BUDGET else "超出"
    record("render", "render notice 冷启动", f"{ours:.2f} s", f"≤ {NOTICE_BUDGET:g} s", ours <= NOTICE_BUDGET)
    print(f"render notice（62 行附件，冷启动）：中位数 {ours:.3f} s（预算 {NOTICE_BUDGET:g} s，{verdict}）")
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("未安装 pandoc，跳过对比（apt-get install pandoc）")
        return
    source = work / "table.md"
    notice_markdown(source)
    theirs = median_of([pandoc, str(source), "-o", str(work / "pandoc.docx")], runs)  # pandoc overwrites
    print(
        f"pandoc 同一表格 Markdown → .docx：中位数 {theirs:.3f} s；比值 cgtask/pandoc = {ours / theirs:.2f}"
    )


def cpu_seconds_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_monthly_all(work: Path, runs: int = 3) -> None:
    """Median wall time of ``--all`` over ``runs`` fresh output folders, and the CPU it used.

    The CPU seconds tell a busy machine from a slow command: with the worker pool the wall
    time is well under the CPU time on an idle two-core machine.
    """
    from cgtask.render.batch import worker_count

    root = work / "registry"
    make_registry(root, UNITS)
    # The shipped ledger records work of real 中队 that the synthetic organisation lacks;
    # monthly notices do not read it.
    (root / "ledger.yaml").unlink(missing_ok=True)
    env = {**os.environ, "CGTASK_CACHE_DIR": str(work / "cache")}
    subprocess.run([*CGTASK, "check", str(root)], capture_output=True, env=env)  # fills the cache
    command = [*CGTASK, "render", "monthly", "--month", "3", "--all", "--date", "2022-03-01", "-r", str(root)]
    walls, cpus, count = [], [], 0
    for run in range(runs):
        out = work / f"out{run}"
        cpu_before = cpu_seconds_of_children()
        walls.append(timed([*command, "-o", str(out)], env))
        cpus.append(cpu_seconds_of_children() - cpu_before)
        count = len(list(out.iterdir()))
    seconds = statistics.median(walls)
    verdict = "达标" if seconds <= MONTHLY_BUDGET else "超出"
    record(
        "render",
        f"render monthly --all {count} 份",
        f"{seconds:.2f} s",
        f"≤ {MONTHLY_BUDGET:g} s",
        seconds <= MONTHLY_BUDGET,
    )
    print(
        f"render monthly --all（{count} 份，含 {UNITS} 个街镇中队，{worker_count(count)} 个排版进程）："
        f"中位数 {seconds:.2f} s（{runs} 次，最快 {min(walls):.2f} s），每份 {seconds / count * 1000:.0f} ms，"
        f"CPU {statistics.median(cpus):.2f} s（预算 {MONTHLY_BUDGET:g} s，{verdict}）"
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="cgtask-render-bench-") as folder:
        work = Path(folder)
        bench_notice(work)
        bench_monthly_all(work)


if __name__ == "__main__":
    main()
