"""Benchmark: bad input is refused quickly — the wall-clock budgets the tests no longer assert.

The tests check how much work a refusal takes (loop steps, memory, which files are opened); the
time it takes is measured here, on a quiet machine, against the budgets the tests used to hold:

1. every template bomb of ``tests/registry/test_safety_templates.py`` fails within 2 s;
2. ``check`` and a load of a registry holding a FIFO, a link to /dev/zero, a looping link, a dangling
   link or a folder in place of a document end within 5 s.

Each is the median of three runs in this process; ``python -c "import typer"`` is timed beside them
for scale, as in bench/budgets.py.

    python bench/safety_bench.py
"""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from results import record  # noqa: E402  (bench/ is not a package)

sys.path.insert(0, str(REPO / "bench"))
from budgets import pad  # noqa: E402  (bench/ is not a package)

BOMB_BUDGET, ODD_FILE_BUDGET, RUNS = 2.0, 5.0, 3
ODD_FILES: dict[str, Callable[[Path], object]] = {
    "FIFO": os.mkfifo,
    "→ /dev/zero": lambda p: p.symlink_to("/dev/zero"),
    "循环链接": lambda p: p.symlink_to(p.name),
    "悬空链接": lambda p: p.symlink_to("nowhere.yaml"),
    "目录": lambda p: p.mkdir(),
}


def median_seconds(action: Callable[[], object]) -> float:
    walls = []
    for _ in range(RUNS):
        start = time.perf_counter()
        with contextlib.suppress(Exception):  # the refusal is the point; the tests check its message
            action()
        walls.append(time.perf_counter() - start)
    return statistics.median(walls)


def bombs(work: Path) -> list[tuple[str, float, bool]]:
    from tests.registry.test_safety_templates import (
        test_template_bombs_fail_fast_naming_the_template_and_line,
    )

    from cgtask.render.environment import make_environment, render_template

    [mark] = [m for m in test_template_bombs_fail_fast_naming_the_template_and_line.pytestmark]
    folder = work / "templates"
    folder.mkdir()
    rows = []
    for number, (text, words) in enumerate(mark.args[1]):
        name = f"bomb{number}.j2"
        (folder / name).write_text(text, encoding="utf-8")
        seconds = median_seconds(lambda name=name: render_template(make_environment([folder]), name, {}))
        rows.append((f"模板炸弹：{words}", seconds, seconds <= BOMB_BUDGET))
    return rows


def odd_files(work: Path) -> list[tuple[str, float, bool]]:
    from tests.conftest import MINIMAL_ORGANIZATION, MINIMAL_TASKS

    from cgtask.registry.loader import check_registry, load_registry

    rows = []
    for number, (kind, make) in enumerate(ODD_FILES.items()):
        root = work / f"registry{number}"
        (root / "documents").mkdir(parents=True)
        (root / "organization.yaml").write_text(MINIMAL_ORGANIZATION, encoding="utf-8")
        (root / "documents" / "tasks.yaml").write_text(MINIMAL_TASKS, encoding="utf-8")
        make(root / "documents" / "odd.yaml")
        seconds = median_seconds(lambda root=root: (check_registry(root), load_registry(root)))
        rows.append((f"非普通文件：{kind}", seconds, seconds <= ODD_FILE_BUDGET))
    return rows


def main() -> int:
    typer = median_seconds(lambda: subprocess.run([sys.executable, "-c", "import typer"], check=True))
    with tempfile.TemporaryDirectory(prefix="cgtask-safety-bench-") as tmp:
        work = Path(tmp)
        os.environ["CGTASK_CACHE_DIR"] = str(work / "cache")
        rows = bombs(work) + odd_files(work)
    print(f"import typer: {typer:.2f} s")
    for name, seconds, ok in rows:
        budget = BOMB_BUDGET if name.startswith("模板") else ODD_FILE_BUDGET
        record("safety", name, f"{seconds:.2f} s", f"≤ {budget:g} s", ok)
        print(
            f"{'✓' if ok else '✗'}  {pad(name, 40)}{seconds:6.2f} s = {seconds / typer:5.1f} × typer  ≤ {budget:g} s"
        )
    return 0 if all(ok for _, _, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
