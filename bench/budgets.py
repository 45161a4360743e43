"""Every budget of issue 15 in one table, each a ratio against ``python -c "import typer"`` measured
interleaved in the same run (or a wall time / memory where the budget says so), with ✓ or ✗.

Registries are built as a city would have them: many files of 2,000 tasks, each task with a
schedule, so ``due`` grows with the data (1k, 10k, 100k tasks in files of 500). They are generated once into
``$CGTASK_BENCH_DIR`` (default ``~/.cache/cgtask-bench``) and reused; each run uses fresh caches.

    python bench/budgets.py            # every budget (a few minutes)
    python bench/budgets.py --quick    # 1k and 10k only

Taskwarrior: when ``task`` is installed, the 10k tasks are imported into a throw-away
TASKDATA once and ``task +PENDING count`` is timed beside ``cgtask due --month 3``; otherwise the
table says how to install it (apt-get install taskwarrior).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from due_bench import make_registry as make_units_registry  # noqa: E402  (bench/ is not a package)

CGTASK = [sys.executable, "-m", "cgtask"]
TYPER = [sys.executable, "-c", "import typer"]
BENCH_DIR = Path(os.environ.get("CGTASK_BENCH_DIR") or Path.home() / ".cache" / "cgtask-bench")
# A district's task table holds some 60–200 tasks; a city's 100,000 come in a few hundred files.
PER_FILE = 500
FORMAT = 3  # bump when the generated registries change
# Measured on the budget's machine before the incremental cache: the first ``cgtask list`` of the
# generated 100k-task registry with an empty cache, run from a checkout of commit 131fd33
# (``git worktree add --detach /tmp/before 131fd33; PYTHONPATH=/tmp/before/src python -m cgtask …``).
COLD_100K_BEFORE_SECONDS = 40.2
DEPARTMENTS = ["办公室", "政工科", "协调科", "监督科", "法制科", "信访科"]
FREQUENCIES = ["每月", "每季度", "每周", "每半年", "每年", "双月"]


def make_city_registry(root: Path, tasks: int) -> None:
    """The shipped registry plus ``tasks`` generated tasks in files of PER_FILE, each with a schedule."""
    shutil.copytree(REPO / "registry", root)
    for number, start in enumerate(range(0, tasks, PER_FILE)):
        lines = ["kind: task_breakdown", f"id: gen-{number:03d}", f"title: 生成的任务分解表{number}"]
        lines += ["year: 2022", "categories:"]
        for category in range(min(PER_FILE, tasks - start) // 100):
            lines += [f"  - number: {category + 1}", f"    name: 目录{category + 1}", "    tasks:"]
            for row in range(100):
                n = category + row
                lines += [
                    f"      - id: '{category + 1}.{row + 1}'",
                    f"        title: 生成任务{number}-{category + 1}-{row + 1}",
                    f"        detail: 生成任务{number}-{category + 1}-{row + 1}。按要求完成相应工作。",
                    f"        lead: [{DEPARTMENTS[n % 6]}]",
                    f"        support: [{DEPARTMENTS[(n + 1) % 6]}]",
                    "        schedule:",
                    "          - level: 区局",
                    f"            frequency: {FREQUENCIES[n % 6]}",
                ]
        (root / "documents" / f"gen-{number:03d}.yaml").write_text("\n".join(lines) + "\n", "utf-8")


def city(tasks: int) -> Path:
    root = BENCH_DIR / f"city-{FORMAT}-{tasks}"
    if not (root / "organization.yaml").is_file():
        shutil.rmtree(root, ignore_errors=True)
        root.parent.mkdir(parents=True, exist_ok=True)
        make_city_registry(root, tasks)
    return root


# --- timing --------------------------------------------------------------------------------------


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one command, output discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def interleaved(
    command: list[str], env: dict[str, str], runs: int, before: object = None
) -> tuple[float, float]:
    """Medians of ``command`` and of ``import typer``, run in turn; ``before`` runs untimed before each."""
    ours, typer = [], []
    for _ in range(runs):
        if callable(before):
            before()
        ours.append(run(command, env)[0])
        typer.append(run(TYPER, env)[0])
    return statistics.median(ours), statistics.median(typer)


@dataclass
class Row:
    budget: str
    measured: str
    goal: str
    ok: bool | None  # None: not measured here

    def line(self) -> str:
        mark = "—" if self.ok is None else ("✓" if self.ok else "✗")
        return f"{mark}  {self.budget:<34}{self.measured:<30}{self.goal}"


def fresh_env(work: Path, name: str) -> dict[str, str]:
    return {**os.environ, "CGTASK_CACHE_DIR": str(work / f"cache-{name}")}


def toggle(path: Path) -> object:
    """A function that edits the title line of ``path`` on each call, back and forth."""

    def edit() -> None:
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[2] = lines[2].removesuffix("改") if lines[2].endswith("改") else lines[2] + "改"
        path.write_text("\n".join(lines), encoding="utf-8")

    return edit


def after_edit(tasks: int, factor: float, work: Path, command_name: str, runs: int) -> Row:
    root = city(tasks)
    env = fresh_env(work, f"edit-{command_name}-{tasks}")
    args = ["list", "--dept", "监督科", "--format", "json"] if command_name == "list" else ["check"]
    command = [*CGTASK, *args, "--registry", str(root)]
    run(command, env)  # warm
    generated = sorted((root / "documents").glob("gen-*.yaml"))
    edited = generated[len(generated) // 2]
    original = edited.read_text(encoding="utf-8")
    try:
        ours, typer = interleaved(command, env, runs, before=toggle(edited))
    finally:
        edited.write_text(original, encoding="utf-8")
    ratio = ours / typer
    name = f"{command_name}，改一个文件后 {tasks // 1000}k"
    return Row(name, f"{ours:.2f} s = {ratio:.1f} ×", f"≤ {factor:g} ×", ratio <= factor)


def warm_due(tasks: int, factor: float, work: Path, runs: int) -> Row:
    root = city(tasks)
    env = fresh_env(work, f"due-{tasks}")
    command = [*CGTASK, "due", "--month", "3", "--format", "json", "--registry", str(root)]
    run(command, env)
    ours, typer = interleaved(command, env, runs)
    ratio = ours / typer
    return Row(
        f"due --month 3 缓存后 {tasks // 1000}k",
        f"{ours:.2f} s = {ratio:.1f} ×",
        f"≤ {factor:g} ×",
        ratio <= factor,
    )


def cold_load(tasks: int, work: Path) -> list[Row]:
    root = city(tasks)
    command = [*CGTASK, "list", "--dept", "监督科", "--format", "json", "--registry", str(root)]
    # Twice, each with an empty cache; the quicker counts (a shared machine's load only slows).
    first, second = (run(command, fresh_env(work, f"cold-{tasks}-{n}")) for n in range(2))
    seconds, peak = min(first[0], second[0]), max(first[1], second[1])
    speedup = COLD_100K_BEFORE_SECONDS / seconds
    return [
        Row(
            f"首次完整读取 {tasks // 1000}k",
            f"{seconds:.1f} s（此前 {COLD_100K_BEFORE_SECONDS} s，{speedup:.1f} 倍）",
            "≥ 3 倍",
            speedup >= 3,
        ),
        Row(f"首次读取峰值内存 {tasks // 1000}k", f"{peak:.0f} MB", "≤ 400 MB", peak <= 400),
    ]


def table_vs_json(tasks: int, work: Path, runs: int) -> list[Row]:
    root = city(tasks)
    env = fresh_env(work, f"table-{tasks}")
    rows = []
    for args in (["list", "--dept", "监督科"], ["due", "--month", "3"]):
        base = [*CGTASK, *args, "--registry", str(root)]
        run(base, env)
        table, json_ = [], []
        for _ in range(runs):
            table.append(run([*base, "--format", "table"], env)[0])
            json_.append(run([*base, "--format", "json"], env)[0])
        ratio = statistics.median(table) / statistics.median(json_)
        rows.append(Row(f"{args[0]} 表格 / JSON {tasks // 1000}k", f"{ratio:.2f} ×", "≤ 2 ×", ratio <= 2))
    return rows


def render_all(work: Path, runs: int) -> Row:
    root = work / "units"
    make_units_registry(root, 250)
    (root / "ledger.yaml").unlink(missing_ok=True)
    env = fresh_env(work, "render")
    run([*CGTASK, "check", str(root)], env)
    walls = []
    for n in range(runs):
        command = [*CGTASK, "render", "monthly", "--month", "3", "--all", "--date", "2022-03-01"]
        walls.append(run([*command, "-r", str(root), "-o", str(work / f"out{n}")], env)[0])
    seconds = statistics.median(walls)
    return Row("render monthly --all 250 中队", f"{seconds:.2f} s", "≤ 1.5 s", seconds <= 1.5)


def taskwarrior(tasks: int, work: Path, runs: int) -> Row:
    task = shutil.which("task")
    if task is None:
        return Row("对比 Taskwarrior", "未安装（apt-get install taskwarrior）", "—", None)
    data = work / "taskdata"
    data.mkdir()
    env = {
        **os.environ,
        "TASKDATA": str(data),
        "TASKRC": str(work / "taskrc"),
        "CGTASK_CACHE_DIR": str(work / "cache-tw"),
    }
    (work / "taskrc").write_text(
        f"data.location={data}\nconfirmation=off\nverbose=nothing\n", encoding="utf-8"
    )
    import json

    lines = [
        json.dumps(
            {
                "description": f"生成任务{n}",
                "status": "pending",
                "due": "20220331T000000Z",
                "project": DEPARTMENTS[n % 6],
            },
            ensure_ascii=False,
        )
        for n in range(tasks)
    ]
    subprocess.run(
        [task, "import", "-"], input="\n".join(lines), text=True, env=env, capture_output=True, check=False
    )
    theirs = statistics.median(run([task, "due.before:2022-04-01", "count"], env)[0] for _ in range(runs))
    command = [*CGTASK, "due", "--month", "3", "--format", "json", "--registry", str(city(tasks))]
    run(command, env)
    ours = statistics.median(run(command, env)[0] for _ in range(runs))
    return Row(
        f"对比 Taskwarrior {tasks // 1000}k",
        f"cgtask {ours:.2f} s / task {theirs:.2f} s",
        "cgtask 更快",
        ours <= theirs,
    )


def main(quick: bool) -> int:
    big = 10_000 if quick else 100_000
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="cgtask-budgets-") as tmp:
        work = Path(tmp)
        for tasks in (1_000, 10_000):
            city(tasks)
        rows.append(after_edit(10_000, 8, work, "list", runs=5))
        rows.append(after_edit(big, 40, work, "list", runs=3))
        rows.append(after_edit(big, 40, work, "check", runs=3))
        rows.append(warm_due(big, 6, work, runs=3))
        rows += cold_load(big, work)
        rows += table_vs_json(10_000, work, runs=3)
        rows.append(render_all(work, runs=3))
        rows.append(taskwarrior(10_000, work, runs=3))
    print(f"{'':3}{'预算':<32}{'实测':<28}目标")
    for row in rows:
        print(row.line())
    return 0 if all(row.ok is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main("--quick" in sys.argv[1:]))
