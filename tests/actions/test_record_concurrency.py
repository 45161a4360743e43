"""Twenty `cgtask done` processes at once record twenty entries; a writer killed mid-write loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from ruamel.yaml import YAML

from cgtask.cli.app import app

WRITERS = 20


def _entries(path: Path) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = YAML(typ="safe").load(path.read_text(encoding="utf-8"))["entries"]
    return entries


def test_twenty_parallel_writers_all_land(ledger_registry: Path, isolated_cache: Path) -> None:
    env = {**os.environ, "CGTASK_CACHE_DIR": str(isolated_cache)}
    before = len(_entries(ledger_registry / "ledger.yaml"))
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cgtask",
                "done",
                "1.1",
                "--date",
                "2022-04-06",
                "--note",
                f"并发{n}",
                "--registry",
                str(ledger_registry),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in range(WRITERS)
    ]
    codes = [p.wait(timeout=120) for p in processes]
    assert codes == [0] * WRITERS, [p.stderr.read().decode() for p in processes if p.stderr]
    entries = _entries(ledger_registry / "ledger.yaml")
    assert len(entries) == before + WRITERS
    assert {e.get("note") for e in entries[before:]} == {f"并发{n}" for n in range(WRITERS)}


KILLED_WRITER = """\
import os, sys, time
from pathlib import Path
from cgtask.registry import ledger_file as ledger_io

def stalled_replace(src, dst):
    print("written", flush=True)  # the temporary file is complete and fsynced; the rename has not happened
    time.sleep(60)

os.replace = stalled_replace
ledger_io.append_ledger_entry(Path(sys.argv[1]), {"item": "1.1", "doc": "tasks-test", "note": "半截"})
"""


def test_writer_killed_between_temp_file_and_rename(ledger_registry: Path, runner: object) -> None:
    path = ledger_registry / "ledger.yaml"
    before = path.read_bytes()
    writer = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(KILLED_WRITER), str(path)], stdout=subprocess.PIPE
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == b"written"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    assert path.read_bytes() == before
    assert len(_entries(path)) == 4
    # The lock died with its holder: the next writer is not blocked.
    result = runner.invoke(app, ["done", "1.1", "--date", "2022-04-06", "-r", str(ledger_registry)])  # type: ignore[attr-defined]
    assert result.exit_code == 0, result.output
    assert len(_entries(path)) == 5
