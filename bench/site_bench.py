"""Benchmark: the static 督办 site, and the monthly 台账 forms written and imported back.

The site for the shipped registry and for a copy with 250 街镇中队 (pages, size, seconds); the forms
for 250 中队 (time per form).

Each ``cgtask site`` runs in a fresh process with a warm cache, interleaved with ``python -c "import typer"``
as the reference, so the ratio holds on a shared, noisy machine.

    python bench/site_bench.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from due_bench import REPO, make_registry
from results import record

AS_OF = "2022-12-31"
RUNS = 3


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, check=True)
    return time.perf_counter() - start


def _site(registry: Path, out: Path, env: dict[str, str]) -> tuple[float, float, int, int]:
    """(median seconds, ratio to importing typer, pages, bytes) of building the site."""
    build = [
        sys.executable,
        "-m",
        "cgtask",
        "site",
        "-o",
        str(out),
        "--as-of",
        AS_OF,
        "--force",
        "-r",
        str(registry),
    ]
    _timed(build, env)  # warms the cache
    site, typer = [], []
    for _ in range(RUNS):
        typer.append(_timed([sys.executable, "-c", "import typer"], env))
        site.append(_timed(build, env))
    pages = sum(1 for p in out.rglob("*.html"))
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return statistics.median(site), statistics.median(site) / statistics.median(typer), pages, size


def _forms(registry: Path, folder: Path) -> tuple[int, float, float]:
    """(forms, seconds per form written, seconds per form imported) for one month."""
    from cgtask import api

    api.open_registry(registry)
    start = time.perf_counter()
    written = api.write_forms(registry, api.FormRequest(3, every=True), folder, force=True)
    wrote = (time.perf_counter() - start) / len(written)
    start = time.perf_counter()
    api.import_forms(registry, [folder], today=date(2022, 4, 8), now=None, dry_run=True)  # type: ignore[arg-type]
    read = (time.perf_counter() - start) / len(written)
    return len(written), wrote, read


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {**os.environ, "CGTASK_CACHE_DIR": str(root / "cache")}
        os.environ["CGTASK_CACHE_DIR"] = env["CGTASK_CACHE_DIR"]
        big = root / "registry-250"
        make_registry(big, 250)
        print(f"督办网站（截至 {AS_OF}，热缓存，{RUNS} 次取中位数，与 import typer 交替测量）")
        print(f"{'登记册':<12}{'秒':>8}{'倍 typer':>10}{'网页':>8}{'大小':>10}")
        for label, registry in (("随附登记册", REPO / "registry"), ("250 个中队", big)):
            seconds, ratio, pages, size = _site(registry, root / f"site-{label}", env)
            print(f"{label:<12}{seconds:>8.2f}{ratio:>10.1f}{pages:>8}{size / 1024:>8.0f}KB")
            record("site", f"site {label}", f"{seconds:.2f} s = {ratio:.1f} ×，{pages} 页", "—", None)
        count, wrote, read = _forms(big, root / "forms")
        print(
            f"台账表 {count} 张（250 个中队 + 科室，3 月）：写出每张 {wrote * 1000:.0f} ms，导入（检查）每张 {read * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
