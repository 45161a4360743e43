"""Benchmark: a 市局's board over 16 districts of the shipped size (issue 26).

Each district is a copy of the shipped registry with a year of 台账 records (``tests/years_registry``:
吴淞街道中队's weekly and monthly work, the bureau's monthly checks and quarterly samples), renamed to
one of Shanghai's 16 districts, under a city folder with ``city.yaml``. Budgets:

- warm city board (``overdue --as-of 2022-12-31 --format json`` on the city folder) ≤ 15 × ``python -c
  "import typer"``, interleaved in the same run;
- cold: a fresh clone of every district and an empty cache, with the packs the districts' own runs (their
  CI's ``cgtask check``) left in a shared folder (``CGTASK_PACK_DIR``) ≤ 10 s, each of RUNS runs;
- for reference, cold with no pack anywhere (every district read from its YAML), each of RUNS runs.

The cold runs take turns (with a pack, without, ``import typer`` as a gauge of the machine's load).

    python bench/city_bench.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))

from budgets import compile_package  # noqa: E402  (bench/ is not a package)
from results import record  # noqa: E402

DISTRICTS = (
    "黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "闵行区",
    "宝山区", "嘉定区", "浦东新区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区",
)  # fmt: skip
AS_OF = "2022-12-31"
RUNS = 5  # warm runs, and cold runs of each kind
WARM_FACTOR = 15
COLD_SECONDS = 10.0


BENCH_DIR = Path(os.environ.get("CGTASK_BENCH_DIR") or Path.home() / ".cache" / "cgtask-bench")
FORMAT = 1  # bump when the generated city changes


def make_city(root: Path) -> Path:
    """16 districts, each the shipped registry with a year of records, and the city.yaml over them (made once)."""
    if (root / "city.yaml").is_file():
        return root
    from tests.city_registry import copy_district
    from tests.years_registry import records_2022

    from cgtask.registry.files import LEDGER_FILE
    from cgtask.registry.ledger_file import append_ledger_entries

    lines = ["kind: city", "name: 上海市城市管理行政执法局", "districts:"]
    for number, name in enumerate(DISTRICTS, 1):
        folder = f"districts/d{number:02d}"
        append_ledger_entries(copy_district(root / folder, name) / LEDGER_FILE, records_2022())
        lines += [f"  - name: {name}", f"    path: {folder}"]
    (root / "city.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")  # last: marks it complete
    return root


def _seconds(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def _cold(command: list[str], work: Path) -> tuple[list[float], list[float], list[float]]:
    """RUNS cold boards with the shared packs, RUNS without any, and ``import typer`` between them."""
    shared = work / "shared-packs"
    first = {**os.environ, "CGTASK_CACHE_DIR": str(work / "first"), "CGTASK_PACK_DIR": str(shared)}
    _seconds(command, first)  # the districts' own first run (their CI): it leaves each district's pack
    packed: list[float] = []
    from_yaml: list[float] = []
    gauge: list[float] = []
    for n in range(RUNS):
        fresh = {**os.environ, "CGTASK_CACHE_DIR": str(work / f"cold-{n}"), "CGTASK_PACK_DIR": str(shared)}
        packed.append(_seconds(command, fresh))
        bare = {**os.environ, "CGTASK_CACHE_DIR": str(work / f"bare-{n}")}
        bare.pop("CGTASK_PACK_DIR", None)
        from_yaml.append(_seconds(command, bare))
        gauge.append(_seconds([sys.executable, "-c", "import typer"], bare))
    return packed, from_yaml, gauge


def _each(times: list[float]) -> str:
    return "、".join(f"{t:.1f}" for t in times) + " s"


def main() -> int:
    compile_package()  # run alone too, cgtask starts compiled as typer does
    board = [sys.executable, "-m", "cgtask", "overdue", "--as-of", AS_OF, "--format", "json"]
    typer = [sys.executable, "-c", "import typer"]
    with tempfile.TemporaryDirectory(prefix="cgtask-city-") as tmp:
        city = make_city(BENCH_DIR / f"city26-{FORMAT}")
        command = [*board, "-r", str(city)]
        packed, from_yaml, gauge = _cold(command, Path(tmp))
        env = {**os.environ, "CGTASK_CACHE_DIR": str(Path(tmp) / "warm")}
        _seconds(command, env)
        ours, reference = [], []
        for _ in range(RUNS):
            ours.append(_seconds(command, env))
            reference.append(_seconds(typer, env))
    warm, base = statistics.median(ours), statistics.median(reference)
    ratio = warm / base
    verdicts = [
        (
            "市局看板 16 个区，缓存后",
            f"{warm:.2f} s = {ratio:.1f} ×",
            f"≤ {WARM_FACTOR} ×",
            ratio <= WARM_FACTOR,
        ),
        (
            "市局看板 16 个区，首次（新克隆、空缓存，各区共享的 pack）",
            _each(packed),
            f"每次 ≤ {COLD_SECONDS:g} s",
            max(packed) <= COLD_SECONDS,
        ),
        (
            "市局看板 16 个区，首次（无缓存也无 pack，从 YAML 读起）",
            _each(from_yaml),
            f"参考（{COLD_SECONDS:g} s）",
            None,
        ),
    ]
    print(f"市局看板（{len(DISTRICTS)} 个区，每区为随附登记册加一年台账，截至 {AS_OF}）")
    print(f"同一时段 import typer：{_each(gauge)}（机器负载的参照）；负载 {os.getloadavg()[0]:.1f}")
    for budget, measured, goal, ok in verdicts:
        mark = "—" if ok is None else ("✓" if ok else "✗")
        print(f"{mark}  {budget}：{measured}（目标 {goal}）")
        record("city", budget, measured, goal, ok)
    return 0 if all(ok is not False for *_, ok in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
