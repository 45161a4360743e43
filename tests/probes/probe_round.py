"""A probe round: every probe of ``probe_cases`` run as a real cgtask process, judged, and tabled.

Each probe runs in its own folder with its own copy of the shipped registry, in a process limited to 512 MB
(``RLIMIT_AS``) and stopped after 30 s. A probe that must be refused passes when the process exits non-zero
within 10 s of CPU time (the wall clock of a machine shared by eight is no measure of the program;
both are printed), says why in Chinese, shows no traceback or internal error, and leaves the registry and the
folder as they were; a probe that must succeed passes when it exits 0 and its own check holds.

    PYTHONPATH=src python -m tests.probes.probe_round            # the whole round, a table per surface
    PYTHONPATH=src python -m tests.probes.probe_round 路径 表格   # only the surfaces named

The quick probes in ``tests/probes/test_*.py`` keep each category in ``make test``; this round is the wide
one, run by hand (or by ``CGTASK_PROBE_ROUND=1 pytest tests/probes/test_probe_round.py``).
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MEMORY = 512 * 1024 * 1024
REFUSE_SECONDS = 10.0
HANG_SECONDS = 30.0
CHINESE = re.compile("[\u4e00-\u9fff]")
# Words that only an untranslated OS or library error would print.
ENGLISH = re.compile(
    r"Traceback|内部错误|Errno|No such file|Permission denied|No space left|Error:|Exception"
)


@dataclass(frozen=True)
class Run:
    """What one cgtask process did."""

    code: int
    out: str
    err: str
    seconds: float
    megabytes: float
    hung: bool = False
    cpu: float = 0.0


@dataclass(frozen=True)
class Context:
    """A probe's own folder and registry copy."""

    work: Path
    registry: Path

    def cgtask(self, *args: str, env: Mapping[str, str] | None = None, registry: bool = True) -> Run:
        """Run ``cgtask ARGS`` here (``-r`` this registry unless ``registry`` is False)."""
        command = [sys.executable, "-m", "cgtask", *args, *(["-r", str(self.registry)] if registry else [])]
        return run_limited(command, self.work, environment(self.work, env))


Check = Callable[[Context, Run], str]
Action = Callable[[Context], str]


@dataclass(frozen=True)
class Probe:
    """One probe: a command and what must happen, or an ``action`` judged by itself.

    ``expect`` is ``refuse``, ``ok``, or ``either`` (a clean refusal, or a success without a traceback).

    ``args`` may name ``{work}`` and ``{registry}``; ``setup`` prepares the folder first; ``check`` adds
    what a successful run must show (it returns "" when right, else what went wrong).
    """

    surface: str
    name: str
    args: tuple[str, ...] = ()
    expect: str = "refuse"
    setup: Callable[[Context], object] | None = None
    check: Check | None = None
    action: Action | None = None
    env: Mapping[str, str] = field(default_factory=dict)
    registry: bool = True


@dataclass
class Outcome:
    """A probe's verdict: "" when it held, else what went wrong."""

    probe: Probe
    failure: str
    run: Run | None


def environment(work: Path, extra: Mapping[str, str] | None) -> dict[str, str]:
    """The process's environment: this repository's source first, a cache in the probe's folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CGTASK_")}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), str(REPO)])
    # One cache beside every probe's folder: the folder's path is the same for each probe, so the
    # registry copy finds its cache warm and a probe costs its own work, not a cold load.
    env["CGTASK_CACHE_DIR"] = str(work.parent / "cache")
    env["LANG"] = env.get("LANG", "C.UTF-8")
    for proxy in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(proxy, None)
    return env | {key: value.format(work=work) for key, value in (extra or {}).items()}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_limited(command: Sequence[str], cwd: Path, env: Mapping[str, str], stdin: bytes = b"") -> Run:
    """Run ``command`` within 512 MB, stopped after 30 s; its exit code, output, time and peak memory."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            command, cwd=cwd, env=dict(env), stdin=subprocess.DEVNULL, stdout=out, stderr=err,
            preexec_fn=_limit_memory, start_new_session=True,
        )  # fmt: skip
        hung, status, usage, peak = _wait(process)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Run(
            os.waitstatus_to_exitcode(status), out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
            seconds, peak, hung, usage.ru_utime + usage.ru_stime,
        )  # fmt: skip


def _wait(process: subprocess.Popen[bytes]) -> tuple[bool, int, resource.struct_rusage, float]:
    """Wait for the process (killing its group after 30 s): hung or not, its status, usage and peak MB.

    The peak is read from /proc while it runs (``ru_maxrss`` would count the parent's memory at the
    fork); a process that ends between two looks may have peaked higher, but never above the 512 MB
    its address space is limited to.
    """
    deadline = time.perf_counter() + HANG_SECONDS
    peak = 0.0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return False, status, usage, peak
        peak = max(peak, _resident_peak(process.pid))
        if time.perf_counter() > deadline:
            os.killpg(process.pid, 9)
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = -9
            return True, status, usage, peak
        time.sleep(0.02)


def _resident_peak(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text("utf-8")
    except OSError:
        return 0.0
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(found.group(1)) / 1024 if found else 0.0


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (not the cache) with a digest of what it holds."""
    seen: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            seen[str(path)] = "link" if path.is_symlink() else f"kind {os.lstat(path).st_mode >> 12}"
        else:
            seen[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return seen


def judge_refusal(run: Run, before: dict[str, str], after: dict[str, str]) -> str:
    """Nothing ("") when ``run`` is a clean refusal: non-zero, in time, in Chinese, nothing written."""
    said = run.out + run.err
    problems = [
        "hung" if run.hung else "",
        "exit 0" if run.code == 0 else "",
        f"{run.cpu:.1f} s of CPU" if run.cpu > REFUSE_SECONDS else "",
        "no Chinese" if not CHINESE.search(said) else "",
        f"says {ENGLISH.search(said).group(0)!r}" if ENGLISH.search(said) else "",  # type: ignore[union-attr]
        _changes(before, after),
    ]
    return "; ".join(p for p in problems if p)


def judge_success(run: Run) -> str:
    """Nothing ("") when ``run`` succeeded without a traceback."""
    said = run.out + run.err
    problems = [
        "hung" if run.hung else "",
        f"exit {run.code}: {run.err.strip()[-300:]}" if run.code != 0 else "",
        f"says {ENGLISH.search(said).group(0)!r}" if ENGLISH.search(said) else "",  # type: ignore[union-attr]
    ]
    return "; ".join(p for p in problems if p)


def _changes(before: dict[str, str], after: dict[str, str]) -> str:
    changed = sorted({k for k in before.keys() | after.keys() if before.get(k) != after.get(k)})
    return f"wrote {', '.join(Path(c).name for c in changed[:3])}" if changed else ""


def run_probe(probe: Probe, folder: Path) -> Outcome:
    """Prepare the probe's folder, run it, and judge it."""
    work = folder / "work"
    for leftover in (work, folder / "own.cache"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover)
        elif leftover.exists() or leftover.is_symlink():
            leftover.unlink()
    work.mkdir(parents=True)
    context = Context(work, work / "registry")
    shutil.copytree(REPO / "registry", context.registry)
    try:
        if probe.setup is not None:
            probe.setup(context)
        if probe.action is not None:
            return Outcome(probe, probe.action(context), None)
        args = tuple(a.format(work=work, registry=context.registry) for a in probe.args)
        before = snapshot(work)
        run = context.cgtask(*args, env=probe.env, registry=probe.registry)
        if probe.expect == "refuse" or (probe.expect == "either" and run.code != 0):
            failure = judge_refusal(run, before, snapshot(work))
        else:
            failure = judge_success(run) or (probe.check(context, run) if probe.check else "")
        return Outcome(probe, failure, run)
    except Exception as error:
        return Outcome(probe, f"probe error: {type(error).__name__}: {error}", None)


def run_round(probes: Sequence[Probe], surfaces: Sequence[str] = ()) -> list[Outcome]:
    """Run every probe (of the surfaces named, or all), each in its own folder; print one line each."""
    chosen = [p for p in probes if not surfaces or p.surface in surfaces]
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="cgtask-probes-") as scratch:
        for probe in chosen:
            outcome = run_probe(probe, Path(scratch))
            outcomes.append(outcome)
            run = outcome.run
            took = f"{run.seconds:5.1f}s {run.cpu:5.1f}s {run.megabytes:4.0f}MB" if run else " " * 18
            verdict = "ok  " if not outcome.failure else "FAIL"
            print(f"{verdict} {took} [{probe.surface}] {probe.name}  {outcome.failure}", flush=True)
    return outcomes


def table(outcomes: Sequence[Outcome]) -> str:
    """A Markdown table: per surface, how many probes and how many failed."""
    lines = ["| 方面 | 探测 | 未通过 |", "|---|---|---|"]
    surfaces = dict.fromkeys(o.probe.surface for o in outcomes)
    for surface in surfaces:
        mine = [o for o in outcomes if o.probe.surface == surface]
        lines.append(f"| {surface} | {len(mine)} | {sum(bool(o.failure) for o in mine)} |")
    lines.append(f"| 合计 | {len(outcomes)} | {sum(bool(o.failure) for o in outcomes)} |")
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    """Run the round and print its table; exit 1 when any probe failed."""
    from tests.probes.probe_cases import PROBES

    outcomes = run_round(PROBES, argv)
    print(table(outcomes))
    for outcome in outcomes:
        if outcome.failure:
            print(f"- [{outcome.probe.surface}] {outcome.probe.name}: {outcome.failure}")
    return 1 if any(o.failure for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
