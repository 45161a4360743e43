"""The 台账 split by month (issue 26): records kept in ``ledger/YYYY-MM.yaml``, files that stay small.

One district's year of daily and twice-weekly records is about 5,700 records (1.2 MB); a few years in
one ledger.yaml make every read and write slower and, before, stopped the registry at 5 MB. A split
台账 keeps each record in the file of its date's year and month, each file of the same regular shape as
ledger.yaml (comments, ``kind: ledger``, an optional ``closed:``, ``entries:``, one ``- …`` per record),
so each is read record by record from its own chunk cache, an append touches one small file, and git's
union merge (``ledger/*.yaml merge=union``) joins two clones' records month by month.

The records of every file are read as one 台账: ledger.yaml first (when it is still there), then the
month files by name. A year closed (``closed:``) is read-only in whichever file says it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cgtask.errors import UsageError, WriteError
from cgtask.findings import Finding, located
from cgtask.registry.files import LEDGER_DIR, LEDGER_FILE, RegistryFiles
from cgtask.registry.ledger_chunks import Layout

# Above this a single ledger.yaml warns (W801): about one district-year of daily records, far below the
# size at which reading it would be refused (yaml_io.LEDGER_MAX_BYTES).
LEDGER_WARN_BYTES = 1024 * 1024
UNION_LINE = f"{LEDGER_DIR}/*.yaml merge=union"
# What ``cgtask init`` writes (and ``ledger split`` when the registry has none).
GITATTRIBUTES = f"""\
# 两人各自 cgtask done 后合并时，台账按行合并两边的新记录，不会冲突（每条记录占一行）。
{LEDGER_FILE} merge=union
{UNION_LINE}
"""


def is_split(root: Path) -> bool:
    """Whether the registry keeps its 台账 in ``ledger/`` (new records are written there)."""
    return (Path(root) / LEDGER_DIR).is_dir()


def month_of(entry: Mapping[str, Any]) -> str:
    """The ``YYYY-MM`` of a record's date: the name of the file it is kept in."""
    return str(entry["date"])[:7]


def part_head(month: str, newline: str = "\n") -> str:
    """The opening of a new month file: the same for every clone, so git's merge of two joins once."""
    year, number = month.split("-")
    lines = [
        "# yaml-language-server: $schema=../schema/ledger.schema.json",
        f"# 台账 {year}年{int(number)}月：完成日期在本月的记录，一条一项（cgtask done、ledger import 在末尾追加）。",
        "kind: ledger",
        "entries:",
    ]
    return newline.join(lines) + newline


def size_findings(files: RegistryFiles, path: Path) -> list[Finding]:
    """W801 for a single ledger.yaml grown large; W802 when ledger.yaml sits beside a split ``ledger/``."""
    if path != files.ledger:
        return []
    display = files.display(path)
    if files.ledger_parts:
        return [
            located(
                "W802",
                display,
                1,
                1,
                f"台账已按月拆分到 {LEDGER_DIR}/，本文件的记录仍计入，新记录写入 {LEDGER_DIR}/："
                "运行 cgtask ledger split 把本文件的记录移过去（已在其中的不会重复）",
            )
        ]
    try:
        size = path.stat().st_size
    except OSError:
        return []
    if size <= LEDGER_WARN_BYTES:
        return []
    message = (
        f"台账文件已有 {size / 1024 / 1024:.1f} MB，记录越多每次读写越慢：运行 cgtask ledger split "
        f"按完成日期的年月拆分到 {LEDGER_DIR}/ 下的小文件（记录一条不少、各月内顺序不变，git 合并照常）"
    )
    return [located("W801", display, 1, 1, message)]


# --- reading the split files under the writers' lock ---------------------------------------------------


def split_closed_years(root: Path) -> set[int]:
    """The years any 台账 file of the registry lists as closed, read from the files' heads.

    A file unchanged since its facts were kept (:mod:`cgtask.registry.ledger_tail`) is not read again.
    """
    from cgtask.registry.ledger_file import chunk_part, closed_years, read_ledger_text
    from cgtask.registry.ledger_tail import closed_of_file

    years: set[int] = set()
    for path in _ledger_paths(root):
        head = closed_of_file(root, chunk_part(root, path), path)
        head = head if head is not None else _head_closed(path)
        years.update(head if head is not None else closed_years(read_ledger_text(path)))
    return years


def _head_closed(path: Path) -> tuple[int, ...] | None:
    """The years a file's head closes, without cutting its records; None when only a parse can tell."""
    from cgtask.registry.ledger_chunks import head_closed
    from cgtask.registry.yaml_io import LEDGER_MAX_BYTES, read_registry_file

    raw, _ = read_registry_file(path, LEDGER_MAX_BYTES)
    try:
        return head_closed(raw.decode("utf-8").removeprefix("\ufeff")) if raw is not None else None
    except UnicodeDecodeError:
        return None


def split_entries(root: Path) -> list[dict[str, Any]]:
    """Every record of every 台账 file, each with every field, in reading order."""
    from cgtask.registry.ledger_chunks import known_chunks, read_entries
    from cgtask.registry.ledger_file import chunk_part, current_entries, ledger_layout, read_ledger_text

    entries: list[dict[str, Any]] = []
    for path in _ledger_paths(root):
        parts = ledger_layout(path)
        known = known_chunks(root, chunk_part(root, path)) if parts is not None else {}
        read = read_entries(parts, known, path.name) if parts is not None else None
        entries += read if read is not None else current_entries(read_ledger_text(path))
    return entries


def _ledger_paths(root: Path) -> list[Path]:
    single = root / LEDGER_FILE
    parts = sorted((root / LEDGER_DIR).glob("*.yaml"))
    return [*([single] if os.path.lexists(single) else []), *parts]


def append_split(root: Path, entries: Sequence[Mapping[str, Any]]) -> None:
    """Append ``entries``, each to the file of its month (created when missing); the caller holds the lock.

    Each file is written atomically; a write of several months that fails part way leaves the months
    written before it, each record whole (an import run again adds only what is missing: its records'
    ids come from the form's rows).
    """
    by_month: dict[str, list[Mapping[str, Any]]] = {}
    for entry in entries:
        by_month.setdefault(month_of(entry), []).append(entry)
    for month, group in sorted(by_month.items()):
        _append_month(root, month, group)


def _append_month(root: Path, month: str, group: list[Mapping[str, Any]]) -> None:
    """Append one month's records to its file; a text whose facts were kept is not cut (ledger_tail)."""
    from cgtask.registry.ledger_chunks import layout, sound
    from cgtask.registry.ledger_file import appended_chunks, read_ledger_text, remember_written
    from cgtask.registry.ledger_tail import keep_appended, tail_of_text
    from cgtask.support.atomic import write_bytes_atomic

    path = root / LEDGER_DIR / f"{month}.yaml"
    old = read_ledger_text(path) if os.path.lexists(path) else part_head(month)
    bom = "\ufeff" if old.startswith("\ufeff") else ""
    tail = tail_of_text(root, month, old)
    cut = None if tail else layout(old.removeprefix("\ufeff"))
    parts = tail or cut
    clean = tail is not None or (cut is not None and sound(root, cut, path.name, month))
    text, chunks = appended_chunks(old.removeprefix("\ufeff"), group, parts)
    write_bytes_atomic(path, (bom + text).encode("utf-8"))
    if remember_written(root, chunks, group, path.name, month) and clean and parts is not None:
        keep_appended(root, month, path, bom + text, parts, chunks)


def close_split_year(root: Path, year: int) -> bool:
    """Add ``year`` to ``closed`` in each month file of that year (the caller holds the lock)."""
    from cgtask.registry.ledger_file import close_in_text, read_ledger_text
    from cgtask.support.atomic import write_bytes_atomic

    if year in split_closed_years(root):
        return False
    paths = sorted((root / LEDGER_DIR).glob(f"{year}-*.yaml")) or [root / LEDGER_DIR / f"{year}-12.yaml"]
    for path in paths:
        old = read_ledger_text(path) if os.path.lexists(path) else part_head(path.stem)
        write_bytes_atomic(path, close_in_text(old, year).encode("utf-8"))
    return True


# --- cgtask ledger split ---------------------------------------------------------------------------------


@dataclass
class SplitOutcome:
    """What ``ledger split`` did: records moved, by month file; records already there; .gitattributes."""

    moved: dict[str, int] = field(default_factory=dict)
    already: int = 0
    attributes: str = ""  # "added", "created" or "" (already there)


def split_ledger(root: Path) -> SplitOutcome:
    """Move every record of ledger.yaml into ``ledger/YYYY-MM.yaml`` and remove ledger.yaml.

    Each record's text moves byte for byte (its comments with it); each month keeps the records' order.
    Into a new ``ledger/`` the files are written in a folder beside it that is renamed into place, then
    ledger.yaml is removed: a crash before leaves the old file as it was; run again, a record already in
    its month file (the same text) is not written twice.
    """
    from filelock import FileLock, Timeout

    from cgtask.registry.files import refuse_packaged_registry
    from cgtask.registry.ledger_file import LOCK_TIMEOUT_SECONDS, lock_path

    root = Path(root)
    refuse_packaged_registry(root)
    single = root / LEDGER_FILE
    try:
        with FileLock(str(lock_path(Path(os.path.realpath(single)))), timeout=LOCK_TIMEOUT_SECONDS):
            return _split_locked(root, single)
    except Timeout:
        raise WriteError("台账正被其他人写入，请稍后重试") from None
    except OSError as exc:
        from cgtask.support.atomic import reason

        raise WriteError(f"无法拆分台账：{reason(exc)}；ledger.yaml 未改动") from None


def _split_locked(root: Path, single: Path) -> SplitOutcome:
    from cgtask.registry.ledger_file import read_ledger_text

    if not os.path.lexists(single):
        if is_split(root):
            raise UsageError(f"台账已按月拆分（{LEDGER_DIR}/），没有 {LEDGER_FILE} 需要拆分")
        raise UsageError(f"登记册中没有 {LEDGER_FILE}，无需拆分")
    text = read_ledger_text(single)
    months, closed = _records_by_month(root, text)
    outcome = SplitOutcome()
    texts = _MonthTexts(months, closed, outcome)
    folder = root / LEDGER_DIR
    if folder.is_dir():
        _into_existing(folder, texts)
    else:
        _into_new(root, texts)
    outcome.attributes = _union_merge_line(root)
    single.unlink()
    return outcome


def _records_by_month(root: Path, text: str) -> tuple[dict[str, list[str]], set[int]]:
    """Each record's exact text, by its month, in the file's order, and the years closed.

    Refused unless the file is regular. A closed year stays closed: its December file says it.
    """
    from cgtask.registry.ledger_chunks import known_chunks, layout, read_entries

    parts = layout(text.removeprefix("\ufeff"))
    entries = read_entries(parts, known_chunks(root), LEDGER_FILE) if parts is not None else None
    if parts is None and not _has_records(text):
        raise UsageError(
            f"{LEDGER_FILE} 还没有记录，无需拆分：记录照常登记在其中，记录多了（check 报 W801）再拆分；未做任何改动"
        )
    if parts is None or entries is None:
        raise UsageError(
            f"{LEDGER_FILE} 不是逐条书写的规整格式（或有错误），不能逐条搬移：请先运行 cgtask check 改正；"
            "未做任何改动"
        )
    months: dict[str, list[str]] = {f"{year}-12": [] for year in parts.closed}
    for chunk, entry in zip(_comments_forward(parts), entries, strict=True):
        months.setdefault(month_of(entry), []).append(_line_ended(_reindented(chunk, parts.dash)))
    return months, set(parts.closed)


def _has_records(text: str) -> bool:
    """Whether a 台账 that is not of the regular shape holds any record (an empty one: ``entries: []``)."""
    from cgtask.registry.ledger_file import current_entries

    try:
        return bool(current_entries(text.removeprefix("\ufeff")))
    except WriteError:  # unreadable: the message about its shape says to check it
        return True


def _comments_forward(parts: Layout) -> list[str]:
    """Each record's text with the comments written above it (a cut gives them to the record before).

    A comment at the list's column or left of it (``# 三月``) heads the next record, so it moves with that
    record; one indented deeper belongs to the record it sits in. The head's comments (what the fields
    mean) go with the first record, leaving out the schema line that a month file has of its own.
    """
    head = [
        line
        for line in parts.head.splitlines(keepends=True)
        if line.lstrip().startswith("#") and "yaml-language-server" not in line
    ]
    carried, texts = "".join(head), []
    for chunk in parts.chunks:
        lines = chunk.splitlines(keepends=True)
        keep = len(lines)
        while keep > 1 and _heads_next(lines[keep - 1], parts.dash):
            keep -= 1
        texts.append(carried + "".join(lines[:keep]))
        carried = "".join(lines[keep:])
    if texts and carried:
        texts[-1] += carried
    return texts


def _heads_next(line: str, dash: int) -> bool:
    stripped = line.lstrip(" ")
    return not stripped.strip() or (stripped.startswith("#") and len(line) - len(stripped) <= dash)


def _reindented(chunk: str, dash: int) -> str:
    """The record's lines at the month file's indent (two spaces), every other character as it was."""
    if dash == 2:
        return chunk
    shift = 2 - dash
    lines = chunk.splitlines(keepends=True)
    if shift > 0:
        return "".join(" " * shift + line if line.strip() else line for line in lines)
    return "".join(line[-shift:] if line[:-shift].strip() == "" else line for line in lines)


def _line_ended(chunk: str) -> str:
    return chunk if chunk.endswith("\n") else chunk + ("\r\n" if "\r\n" in chunk else "\n")


@dataclass
class _MonthTexts:
    """The month files' new texts: each month's moved records after those it holds."""

    months: dict[str, list[str]]
    closed: set[int]
    outcome: SplitOutcome

    def text(self, month: str, old: str | None) -> str:
        """``old`` (or a new head) with the month's records added, skipping those already in it."""
        from cgtask.registry.ledger_file import close_in_text

        chunks = self.months[month]
        text = old if old is not None else part_head(month)
        new = [chunk for chunk in chunks if old is None or chunk not in old]
        self.outcome.already += len(chunks) - len(new)
        if new:
            self.outcome.moved[month] = len(new)
        text += ("" if text.endswith("\n") else "\n") + "".join(new)
        year = int(month[:4])
        return close_in_text(text, year) if month.endswith("-12") and year in self.closed else text


def _into_new(root: Path, texts: _MonthTexts) -> None:
    import shutil
    import tempfile

    from cgtask.support.atomic import write_bytes_atomic

    staging = Path(tempfile.mkdtemp(prefix=".ledger-split.", suffix=".tmp", dir=root))
    try:
        for month in sorted(texts.months):
            write_bytes_atomic(staging / f"{month}.yaml", texts.text(month, None).encode("utf-8"))
        staging.chmod(0o777 & ~_umask())
        staging.rename(root / LEDGER_DIR)  # one rename: ledger/ appears whole or not at all
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _into_existing(folder: Path, texts: _MonthTexts) -> None:
    from cgtask.registry.ledger_file import read_ledger_text
    from cgtask.support.atomic import write_bytes_atomic

    for month in sorted(texts.months):
        path = folder / f"{month}.yaml"
        old = read_ledger_text(path) if os.path.lexists(path) else None
        text = texts.text(month, old)
        if text != old:
            write_bytes_atomic(path, text.encode("utf-8"))


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _union_merge_line(root: Path) -> str:
    """Declare the month files for git's union merge in the registry's .gitattributes."""
    from cgtask.support.atomic import write_bytes_atomic

    path = root / ".gitattributes"
    if not path.exists():
        write_bytes_atomic(path, GITATTRIBUTES.encode("utf-8"))
        return "created"
    text = path.read_text("utf-8")
    if UNION_LINE in text.splitlines():
        return ""
    ending = "" if text.endswith("\n") or not text else "\n"
    write_bytes_atomic(path, (text + ending + UNION_LINE + "\n").encode("utf-8"))
    return "added"
