"""A read-only query asked again on unchanged files: its output replayed instead of computed.

A clerk asks the same board all day, and a 市局 asks the same question of sixteen districts; each time
Python would start, import the command line and weigh every period again. The first time a query
(``list``, ``due``, ``overdue``, ``progress``: :mod:`cgtask.cli.start` says which command lines) runs, its output is kept with what it was computed from:

- the question: the command line as typed, the working folder, the environment, today's date, whether
  stdin is a terminal, the code (every cgtask module's stamp, the Python and its installed packages);
- the inputs: every file and folder the registry layer read or looked for (:func:`note_file`,
  :func:`note_folder`), each with its stamp — size, times and inode, a small file's digest while it is
  too recent for its times to tell two edits apart (as git does), a folder's listing likewise; a path's
  real target, so a link moved to another registry is seen.

The next run with the same question checks every input again (a few hundred ``stat`` calls for a city)
and, only when all still hold, writes the kept output and exits; anything changed, added, removed or
moved — a record ``done`` appended, a document edited, another day — and the query runs again. Only a
complete answer is kept: the command ended normally (exit 0), its output did not go to a terminal (a
terminal's width and colours are not part of the question), the reader did not close the pipe early,
and it is not huge (:data:`MAX_KEPT_CHARS`). The last :data:`KEEP` answers are kept. This module imports
nothing heavy: a replayed answer costs a Python start and the checks. ``CGTASK_ANSWERS=off`` computes
every query (benchmarks of the computation; tests of the warm path).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import time
from contextvars import ContextVar
from pathlib import Path

TYPE_CHECKING = False  # not typing's: the replay path imports neither typing nor collections
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any, TextIO

# Set to ``off`` to compute every query (benchmarks of the computation, tests of the warm path).
SWITCH_ENV = "CGTASK_ANSWERS"
# Environment entries a shell changes between two identical commands (they change nothing here).
VOLATILE_ENV = frozenset({"OLDPWD", "_", "SHLVL", "PS1"})
FORMAT = 1  # bump when an answer file's layout changes
KEEP = 64  # answers kept per cache folder; the oldest are removed beyond this
MAX_KEPT_CHARS = 16 << 20  # a larger output (a city's 100,000 tasks as JSON) is computed each time
HASHED_BYTES = 256 * 1024
RACY_SECONDS = 3

# The inputs noted while an answer is being recorded (None: not recording).
_JOURNAL: ContextVar[list[list[Any]] | None] = ContextVar("cgtask_answer_inputs", default=None)


# --- inputs --------------------------------------------------------------------------------------------


def note_file(path: os.PathLike[str] | str) -> None:
    """Record that the answer being computed depends on this file's content (and on its being there)."""
    if (journal := _JOURNAL.get()) is not None:
        journal.append(["file", str(Path(path).absolute()), file_stamp(path)])


def note_files(paths: Iterable[os.PathLike[str] | str]) -> None:
    """:func:`note_file` for each path."""
    if _JOURNAL.get() is not None:
        for path in paths:
            note_file(path)


def note_folder(path: os.PathLike[str] | str) -> None:
    """Record that the answer depends on where this folder leads and on which names it holds."""
    if (journal := _JOURNAL.get()) is not None:
        journal.append(["folder", str(Path(path).absolute()), folder_stamp(path)])


def file_stamp(path: os.PathLike[str] | str) -> list[object]:
    """Size, modification and change time, inode; also a digest of a small file changed just now."""
    try:
        info = Path(path).stat()
    except OSError as exc:
        return ["unreadable", exc.errno]
    if not stat.S_ISREG(info.st_mode):
        return ["not-a-file", info.st_mode]
    stamp: list[object] = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
    if info.st_size <= HASHED_BYTES and _is_racy(info):
        stamp.append(_digest(path))
    return stamp


def folder_stamp(path: os.PathLike[str] | str) -> list[object]:
    """The folder's real path and times (a name added or removed moves them); its listing while racy."""
    folder = Path(path)
    try:
        info = folder.stat()
    except OSError as exc:
        return ["missing", exc.errno]
    stamp: list[object] = [str(folder.resolve()), info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
    if _is_racy(info) and stat.S_ISDIR(info.st_mode):
        stamp.append(sorted(entry.name for entry in folder.iterdir()))
    return stamp


def _is_racy(info: os.stat_result) -> bool:
    return time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_SECONDS * 1_000_000_000


def _digest(path: os.PathLike[str] | str) -> str:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO swapped in must not hang the stamp
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    with os.fdopen(fd, "rb") as handle:
        return hashlib.blake2b(handle.read(HASHED_BYTES + 1), digest_size=16).hexdigest()


def _still_holds(inputs: list[list[Any]]) -> bool:
    stamps: dict[str, Callable[[str], list[object]]] = {"file": file_stamp, "folder": folder_stamp}
    return all(stamps[kind](path) == stamp for kind, path, stamp in inputs)


# --- the question --------------------------------------------------------------------------------------


def _question(args: list[str]) -> dict[str, Any]:
    from datetime import date

    env = {key: value for key, value in os.environ.items() if key not in VOLATILE_ENV}
    streams = [sys.stdout.encoding, sys.stdout.errors, sys.stdin is not None and sys.stdin.isatty()]
    return {
        "format": FORMAT,
        "args": args,
        "cwd": str(Path.cwd()),
        "env": sorted(env.items()),
        "today": date.today().isoformat(),
        "streams": streams,
        "code": _code(),
    }


def _code() -> list[object]:
    """Every cgtask module's stamp, the interpreter, and the folders packages are installed in."""
    package = Path(__file__).resolve().parent.parent
    modules: list[object] = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                modules.append([name, file_stamp(Path(folder, name))[:3]])
    # Installing or removing a package (rich, typer …) adds or removes a name in its folder.
    installed = [[entry, folder_stamp(entry)] for entry in sys.path if _is_install_folder(entry)]
    return [sys.version, sys.executable, modules, installed]


def _is_install_folder(entry: str) -> bool:
    return Path(entry).name in ("site-packages", "dist-packages")


def _answer_file(question: dict[str, Any]) -> Path:
    from cgtask.support.cache_folder import cache_dir

    key = hashlib.blake2b(json.dumps(question, ensure_ascii=False).encode(), digest_size=16).hexdigest()
    return cache_dir() / "answers" / f"{key}.json"


# --- replay and record ---------------------------------------------------------------------------------


def replay(args: list[str]) -> int | None:
    """Write the kept answer to this exact question and return its exit code; None when there is none.

    ``args`` is a command line the caller knows to be a read-only query (see :mod:`cgtask.cli.start`).
    """
    if not _may_keep():
        return None
    question = _question(args)
    try:
        kept = json.loads(_read_regular(_answer_file(question)) or "null")
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or kept.get("question") != json.loads(json.dumps(question)):
        return None
    try:
        if not _still_holds(kept["inputs"]):
            return None
        sys.stderr.write(kept["stderr"])
        sys.stdout.write(kept["stdout"])
        sys.stdout.flush()
    except (KeyError, TypeError, ValueError):  # a damaged answer: computed again
        return None
    return 0


def _read_regular(path: Path) -> str | None:
    """The file's text; None when it is not a regular file (a FIFO put there must not hang the command)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        return handle.read().decode("utf-8")


def _may_keep() -> bool:
    """Only output that goes to files or pipes: a terminal's width and colours are not in the question."""
    if os.environ.get(SWITCH_ENV) == "off":
        return False
    return not (sys.stdout.isatty() or sys.stderr.isatty())


class _Tee:
    """A text stream that passes every write on and keeps a copy."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.parts: list[str] = []
        self.broken = False

    def write(self, text: str) -> int:
        try:
            written = self.stream.write(text)  # click probes with bytes: refused there, never kept
        except BrokenPipeError:
            self.broken = True
            raise
        self.parts.append(text)
        return written

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            self.broken = True
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def record(args: list[str], run: Callable[[], None]) -> None:
    """Run the query ``args``; when it ended normally, keep its output with its inputs."""
    if not _may_keep():
        run()
        return
    question = _question(args)  # before the run: the day and the code it started with
    out, err = _Tee(sys.stdout), _Tee(sys.stderr)
    sys.stdout, sys.stderr = out, err
    inputs: list[list[Any]] = []
    token = _JOURNAL.set(inputs)
    status: object = 0
    try:
        run()
    except SystemExit as exc:
        status = exc.code
        raise
    finally:
        _JOURNAL.reset(token)
        sys.stdout, sys.stderr = out.stream, err.stream
        size = sum(map(len, out.parts)) + sum(map(len, err.parts))
        if status in (0, None) and inputs and not (out.broken or err.broken) and size <= MAX_KEPT_CHARS:
            _keep(question, inputs, "".join(out.parts), "".join(err.parts))


def _keep(question: dict[str, Any], inputs: list[list[Any]], stdout: str, stderr: str) -> None:
    """Write the answer in one rename; a failure only costs the next run its speed."""
    import tempfile

    path = _answer_file(question)
    body = json.dumps({"question": question, "inputs": inputs, "stdout": stdout, "stderr": stderr})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".answer.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body)
        Path(temp).replace(path)
        _prune(path.parent)
    except OSError:
        Path(temp).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    entries = [entry for entry in os.scandir(folder) if entry.name.endswith(".json")]
    if len(entries) <= KEEP:
        return
    entries.sort(key=lambda entry: entry.stat().st_mtime_ns)
    for entry in entries[: len(entries) - KEEP // 2]:
        Path(entry.path).unlink(missing_ok=True)
