"""The ledger file (ledger.yaml): loading with located findings, and appending one entry in place.

An append must leave every other byte of a hand-kept, commented file as it was, so the new entry
is dumped on its own by ruamel.yaml and spliced in after the last entry — the file is never
re-emitted as a whole. A ledger of the regular shape (:mod:`cgtask.registry.ledger_chunks`) gets it at
its end without being parsed again; any other is parsed with positions to find where. The write holds a lock on a sibling
``ledger.yaml.lock`` across read, modify and write, and goes through :func:`write_atomic`, so
parallel ``cgtask done`` runs all land and a crash leaves the old file.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from cgtask.errors import WriteError
from cgtask.findings import Finding
from cgtask.models.ledger_data import LedgerData, empty_ledger
from cgtask.registry.files import RegistryFiles
from cgtask.registry.ledger_periods import period_problem
from cgtask.registry.names import OrgIndex

LOCK_TIMEOUT_SECONDS = 60
NEW_LEDGER = "kind: ledger\nentries:\n"
LEDGER_NAME = "ledger.yaml"


def lock_path(path: Path) -> Path:
    """The lock file beside ``path`` that writers of the ledger take in turn."""
    return path.with_name(path.name + ".lock")


# --- loading ----------------------------------------------------------------------------------------


def load_ledger(
    files: RegistryFiles, path: Path, findings: list[Finding], *, use_cache: bool = True
) -> LedgerData:
    """One 台账 file's validated records; on errors they go to ``findings`` and an empty ledger is returned.

    Records read before come from the cache of chunks (:mod:`cgtask.registry.ledger_chunks`); a
    file that cannot be read that way is read whole, quickly, and located only when it has errors.
    """
    display = files.display(path)
    quick = _ledger_by_records(files.root, path, display, use_cache)
    return quick if quick is not None else _whole_ledger(path, display, findings)


def chunk_part(root: Path, path: Path) -> str:
    """The name of a 台账 file's chunk cache: "" for ledger.yaml, its month for a split file."""
    return "" if path.parent == root else path.stem


def ledger_layout(path: Path) -> Any:
    """The file's :class:`~cgtask.registry.ledger_chunks.Layout`, or None (unreadable or irregular)."""
    from cgtask.registry.ledger_chunks import layout

    text = stored_text(path)
    return layout(text.removeprefix("\ufeff")) if text is not None else None


def stored_text(path: Path) -> str | None:
    """The file's decoded text (a byte-order mark kept), or None when it cannot be read as UTF-8."""
    from cgtask.registry.yaml_io import LEDGER_MAX_BYTES, read_registry_file

    raw, _ = read_registry_file(path, LEDGER_MAX_BYTES)
    try:
        return raw.decode("utf-8") if raw is not None else None
    except UnicodeDecodeError:
        return None


def _ledger_by_records(root: Path, path: Path, display: str, use_cache: bool) -> LedgerData | None:
    from cgtask.registry.ledger_chunks import known_chunks, layout, read_entries, remember_chunks
    from cgtask.registry.ledger_extend import note_read
    from cgtask.registry.ledger_tail import Tail, file_stamp, keep_tail, text_digest

    stamp = file_stamp(root, path) if use_cache else []  # before the read: a change meanwhile is a miss
    text = stored_text(path)
    parts = layout(text.removeprefix("\ufeff")) if text is not None else None
    if text is None or parts is None:
        return None
    part = chunk_part(root, path)
    known = known_chunks(root, part) if use_cache else {}
    entries = read_entries(parts, known, display)
    if entries is None:
        return None
    if use_cache:
        remember_chunks(root, parts, entries, known, part)
        # Every record read clean: the next append to this text needs no cut (ledger_tail).
        keep_tail(root, part, Tail(text_digest(text), stamp, parts.dash, parts.closed))
        note_read(entries, text, parts.dash)  # its record index is kept for the next append (ledger_extend)
    return cast(LedgerData, {"kind": "ledger", "closed": list(parts.closed), "entries": entries})


def _whole_ledger(path: Path, display: str, findings: list[Finding]) -> LedgerData:
    from cgtask.models.ledger import Ledger
    from cgtask.registry.validation import validate
    from cgtask.registry.yaml_io import LEDGER_MAX_BYTES, read_yaml

    quick = read_yaml(path, display, located=False, limit=LEDGER_MAX_BYTES)
    validated = validate(Ledger, quick.data, display)[0] if quick.data is not None else None
    if validated is None:  # read again with positions, for the findings' lines
        loaded = read_yaml(path, display, limit=LEDGER_MAX_BYTES)
        findings += loaded.findings
        if loaded.data is None:
            return empty_ledger()
        validated, errors = validate(Ledger, loaded.data, display)
        findings += errors
    if validated is None:
        return empty_ledger()
    return cast(LedgerData, validated.model_dump(mode="json"))


def merged_ledgers(parts: Sequence[LedgerData]) -> LedgerData:
    """The 台账 of a registry whose records are kept in several files: their records in file order."""
    if len(parts) == 1:
        return parts[0]
    closed = sorted({year for part in parts for year in part["closed"]})
    return {"kind": "ledger", "closed": closed, "entries": [e for part in parts for e in part["entries"]]}


def entry_problems(
    entry: Mapping[str, Any], items: dict[str, set[str]], index: OrgIndex
) -> Iterator[tuple[str, str]]:
    """(field, Chinese message) for each reference of one entry that does not resolve (E801).

    ``items`` holds the item ids of each document that carries duties, by document id.
    """
    if entry["doc"] not in items:
        known = "、".join(items) or "（无）"
        yield "doc", f"没有可登记台账的文件“{entry['doc']}”；现有：{known}"
    elif entry["item"] not in items[entry["doc"]]:
        yield "item", f"文件 {entry['doc']} 中没有编号为“{entry['item']}”的事项"
    if (period := period_problem(entry["period"])) is not None:  # by hand only: done writes real ones
        yield "period", period
    if entry["level"] not in index.levels:
        yield "level", f"未登记的层级“{entry['level']}”；本局的层级：{'、'.join(index.levels)}"
    for field, unit in [("unit", entry["unit"]), *(("covers", name) for name in entry.get("covers") or [])]:
        if unit is not None and index.kind_of(unit) != "unit":
            hint = index.suggest(unit)
            yield field, f"未知的中队“{unit}”" + (f"，是不是“{hint}”？" if hint else "")


# --- appending --------------------------------------------------------------------------------------


def append_ledger_entry(path: Path, entry: Mapping[str, Any]) -> None:
    """Append ``entry`` to the ledger at ``path`` (created when missing), locked and atomic."""
    append_ledger_entries(path, [entry])


def append_ledger_entries(path: Path, entries: Sequence[Mapping[str, Any]]) -> None:
    """Append ``entries`` in one locked, atomic write: all of them or, on any failure, none.

    The file stays as it was: its line endings (LF or CRLF), a byte-order mark, its permissions,
    and a symbolic link (the entries are written into the link's target).
    """
    append_planned_entries(path, _Given(entries))


# Given the ledger's entries as they are under the lock, the entries to append (none: no write).
Plan = Callable[[list[dict[str, Any]]], Sequence[Mapping[str, Any]]]


class _Given:
    """The plan of entries appended whatever the ledger holds: its records need only be sound, not read."""

    def __init__(self, entries: Sequence[Mapping[str, Any]]) -> None:
        self.entries = entries

    def __call__(self, _current: list[dict[str, Any]]) -> Sequence[Mapping[str, Any]]:
        return self.entries


def append_planned_entries(path: Path, plan: Plan) -> list[Mapping[str, Any]]:
    """Take the lock, read the ledger again, and append what ``plan`` decides from what it holds now.

    What a command read before the lock may be stale: another ``ledger import`` of the same form,
    or another ``undo`` of the same record, may have landed meanwhile. ``plan`` sees the entries
    written since (and may raise to refuse); its answer is appended as in :func:`append_ledger_entries`.
    """
    from filelock import FileLock, Timeout

    from cgtask.registry.files import PACKAGED_REGISTRY_MESSAGE, is_packaged_registry
    from cgtask.registry.ledger_split import is_split
    from cgtask.support.atomic import reason

    root = Path(path).parent
    if is_packaged_registry(root):
        raise WriteError(PACKAGED_REGISTRY_MESSAGE)
    target = Path(os.path.realpath(path))  # one lock per real file, however it is reached
    split = is_split(root)
    shown = root / "ledger" if split else path
    try:
        with FileLock(str(lock_path(target)), timeout=LOCK_TIMEOUT_SECONDS):
            if split:
                return _append_split(root, plan)
            return _append_single(path, plan)
    except Timeout:
        raise WriteError(
            f"台账 {shown} 正被其他人写入，{LOCK_TIMEOUT_SECONDS} 秒内未能取得锁，请稍后重试"
        ) from None
    except OSError as exc:
        raise WriteError(f"无法写入台账 {shown}：{reason(exc)}；原文件未改动") from None


def _append_single(path: Path, plan: Plan) -> list[Mapping[str, Any]]:
    """As :func:`append_planned_entries` for the one ledger.yaml; the caller holds the lock."""
    from cgtask.registry.ledger_chunks import layout
    from cgtask.registry.ledger_tail import keep_appended, tail_of_text
    from cgtask.support.atomic import write_bytes_atomic

    old = read_ledger_text(path) if os.path.lexists(path) else NEW_LEDGER
    bom = "\ufeff" if old.startswith("\ufeff") else ""
    text = old.removeprefix("\ufeff")
    # A text whose facts were kept by its last read or write is not cut again (ledger_tail): a write costs
    # the record. Any other is cut once: the plan, the closed years and the append all use the cut.
    given = plan.entries if isinstance(plan, _Given) else None
    tail = tail_of_text(path.parent, "", old) if given is not None else None
    parts = tail or layout(text)
    entries, clean = (
        (list(given), True) if tail and given is not None else _planned(path.parent, text, plan, parts)
    )
    refuse_closed(parts.closed if parts is not None else closed_years(text), entries)
    text, chunks = appended_chunks(text, entries, parts)
    if entries:
        write_bytes_atomic(path, (bom + text).encode("utf-8"))
        if remember_written(path.parent, chunks, entries, LEDGER_NAME) and clean and parts is not None:
            keep_appended(path.parent, "", path, bom + text, parts, chunks)
    return entries


def remember_written(
    root: Path, chunks: list[str], entries: Sequence[Mapping[str, Any]], display: str, part: str = ""
) -> bool:
    """Cache the records just appended, read as the next command would read them; whether each read clean.

    The next read (``check`` after ``done``) then finds every record cached and loads neither the parser nor
    the model (issue 24: a write costs the record, the check after it none). What cgtask writes is known
    without reading it back (:mod:`cgtask.registry.ledger_written`); anything else is read back here.
    """
    from cgtask.registry.ledger_chunks import parse_records, remember_records
    from cgtask.registry.ledger_written import written_reading

    if not chunks:
        return False
    known = [written_reading(entry) for entry in entries] if len(entries) == len(chunks) else [None]
    readings = known if all(r is not None for r in known) else parse_records(chunks, display)
    if readings is not None:
        remember_records(root, chunks, readings, part)
    return readings is not None


def _append_split(root: Path, plan: Plan) -> list[Mapping[str, Any]]:
    """As :func:`append_planned_entries` for a 台账 split by month: each record into its month's file."""
    from cgtask.registry.ledger_split import append_split, split_closed_years, split_entries

    entries = list(plan.entries) if isinstance(plan, _Given) else list(plan(split_entries(root)))
    refuse_closed(split_closed_years(root), entries)
    if entries:
        append_split(root, entries)
    return entries


def closed_years(text: str) -> list[int]:
    """The years the ledger's text lists under ``closed`` (read-only years); a regular file's head says."""
    from cgtask.registry.ledger_chunks import layout

    parts = layout(text.removeprefix("\ufeff"))
    if parts is not None:
        return list(parts.closed)
    document = _parsed_ledger(text, "safe")
    closed = document.get("closed") if isinstance(document, dict) else None
    return [year for year in closed if isinstance(year, int)] if isinstance(closed, list) else []


def refuse_closed_years(text: str, entries: Sequence[Mapping[str, Any]]) -> None:
    """Refuse, writing nothing, any entry for a year the ledger has closed: a closed year is read-only.

    An entry's year is its period's (``2022-W10``, ``2022-03``, ``2022``, a day): the period decides,
    not the day it was recorded, as for the documents' years.
    """
    refuse_closed(closed_years(text), entries)


def refuse_closed(years: Iterable[int], entries: Sequence[Mapping[str, Any]]) -> None:
    """Refuse any of ``entries`` for one of the closed ``years`` (see :func:`refuse_closed_years`)."""
    closed = set(years)
    for entry in entries:
        year = str(entry.get("period") or "")[:4]
        if year.isdigit() and int(year) in closed:
            raise WriteError(
                f"{year} 年的台账已结账（台账的 closed），只读：第 {entry['item']} 项 {entry['period']} "
                f"的记录未写入，台账未改动；确需补登或更正，请台账管理员先从 closed 中删去 {year}"
            )


def close_ledger_year(path: Path, year: int) -> bool:
    """Add ``year`` to the ledger's ``closed`` years, locked and atomic; False when it was closed already.

    A 台账 split by month says it in each file of the year (:func:`~cgtask.registry.ledger_split.close_split_year`).
    """
    from filelock import FileLock, Timeout

    from cgtask.registry.ledger_split import close_split_year, is_split
    from cgtask.support.atomic import write_bytes_atomic

    target = Path(os.path.realpath(path))
    try:
        with FileLock(str(lock_path(target)), timeout=LOCK_TIMEOUT_SECONDS):
            if is_split(Path(path).parent):
                return close_split_year(Path(path).parent, year)
            old = read_ledger_text(path) if os.path.lexists(path) else NEW_LEDGER
            if year in closed_years(old):
                return False
            write_bytes_atomic(path, close_in_text(old, year).encode("utf-8"))
            return True
    except Timeout:
        raise WriteError(f"台账 {path} 正被其他人写入，请稍后重试") from None
    except OSError as exc:
        from cgtask.support.atomic import reason

        raise WriteError(f"无法写入台账 {path}：{reason(exc)}；原文件未改动") from None


def close_in_text(text: str, year: int) -> str:
    """A 台账 file's ``text`` with ``year`` added to its ``closed`` line (a byte-order mark kept)."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text.removeprefix("\ufeff")
    return bom + _with_closed(body, sorted({*closed_years(body), year}))


def _with_closed(text: str, years: list[int]) -> str:
    """``text`` with its ``closed:`` line set to ``years`` (added above ``entries:`` when missing)."""
    document = _parsed_ledger(text, "rt")
    if not isinstance(document, dict) or "entries" not in document:
        raise WriteError("台账文件应为映射并含有 entries 列表，未写入")
    newline = "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"
    lines = text.splitlines(keepends=True)
    value = f"closed: [{', '.join(map(str, years))}]{newline}"
    located: Any = document  # ruamel's CommentedMap: where each key sits
    if "closed" in document:
        line = int(located.lc.key("closed")[0])
        if not lines[line].startswith("closed:") or "]" not in lines[line]:
            raise WriteError("台账的 closed 应写成一行，如 closed: [2022]；请改正后再结账")
        lines[line] = value
    else:
        line = int(located.lc.key("entries")[0])
        note = (
            f"# 已结账的年度：这些年度的记录只读，cgtask done、ledger import、更正和撤销都不再写入{newline}"
        )
        lines[line:line] = [note, value]
    return "".join(lines)


_ENTRY_DEFAULTS: dict[str, Any] = {
    "id": None, "unit": None, "activity": None, "count": 1, "quantity": None, "of": None, "covers": [],
    "withdraws": None, "origin": None, "value": None, "metric": None, "note": None, "recorded_at": None,
}  # fmt: skip


def _parsed_ledger(text: str, typ: str) -> Any:
    """The ledger's text parsed (``safe``: plain data; ``rt``: round trip), or a WriteError saying why not."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from cgtask.registry.yaml_limits import deep_nesting

    if deep_nesting(text) is not None:  # the parser would crash on it, as in the loader
        raise WriteError("台账文件嵌套层级过深，未写入；请运行 cgtask check 查看")
    try:
        return YAML(typ=typ).load(text)
    except YAMLError as exc:
        raise WriteError(f"台账文件有语法错误，未写入：{str(exc).splitlines()[0]}") from None
    except (ValueError, TypeError, OverflowError):
        raise WriteError("台账文件中有不合法的日期或数字，未写入；请运行 cgtask check 查看") from None


def _planned(root: Path, text: str, plan: Plan, parts: Any) -> tuple[list[Mapping[str, Any]], bool]:
    """What ``plan`` appends to the ledger's ``text`` (cut as ``parts``), and whether every record reads clean.

    Its records are read only when the plan needs them.
    """
    from cgtask.registry.ledger_chunks import known_chunks, read_entries, sound

    if isinstance(plan, _Given) and parts is not None and sound(root, parts, LEDGER_NAME):
        return list(plan.entries), True
    entries = read_entries(parts, known_chunks(root), LEDGER_NAME) if parts is not None else None
    return list(plan(entries if entries is not None else current_entries(text))), entries is not None


def appended_ledger(text: str, entries: Sequence[Mapping[str, Any]]) -> str:
    """``text`` with ``entries`` added after the last one; a ledger of the regular shape is not parsed again."""
    return appended_chunks(text, entries)[0]


def appended_chunks(
    text: str, entries: Sequence[Mapping[str, Any]], parts: Any = False
) -> tuple[str, list[str]]:
    """:func:`appended_ledger`, and the chunks the new records are read from (none when not regular).

    ``parts`` is the text's layout when the caller has cut it already (None: not regular).
    """
    from cgtask.registry.ledger_chunks import layout

    if parts is False:
        parts = layout(text) if entries else None
    if not entries:
        return text, []
    if parts is None:
        for entry in entries:
            text = spliced_ledger(text, entry)
        after = layout(text) if entries else None  # a new month file: its first record spliced in
        return text, after.chunks[-len(entries) :] if after is not None and len(after.chunks) >= len(
            entries
        ) else []
    newline = _newline(text)
    if not text.endswith("\n"):
        text += newline
    chunks = [_entry_text(entry, parts.dash, newline) for entry in entries]
    return text + "".join(chunks), chunks


def _newline(text: str) -> str:
    """The file's own line ending, as its first line has it."""
    return "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"


def current_entries(text: str) -> list[dict[str, Any]]:
    """The entries of a ledger's text, each with every field (as the loaded registry has them)."""
    document = _parsed_ledger(text, "safe")
    entries = document.get("entries") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        return []
    return [_ENTRY_DEFAULTS | entry for entry in entries if isinstance(entry, dict)]


def read_ledger_text(path: Path) -> str:
    """The ledger's text exactly as stored (no newline translation), or a WriteError saying why not."""
    from cgtask.registry.yaml_io import LEDGER_MAX_BYTES, read_registry_file

    raw, (_, problem) = read_registry_file(path, LEDGER_MAX_BYTES)
    if raw is None:
        raise WriteError(f"无法读取台账 {path}：{problem}；未写入")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WriteError(f"台账 {path} 不是 UTF-8 编码，未写入（请另存为 UTF-8）") from None


def spliced_ledger(text: str, entry: Mapping[str, Any]) -> str:
    """``text`` with ``entry`` added as the last item of ``entries``; every other byte unchanged.

    The new entry is written with the file's own line ending (CRLF stays CRLF).
    """
    document = _parsed_ledger(text, "rt")
    if not isinstance(document, dict) or "entries" not in document:
        raise WriteError("台账文件应为映射并含有 entries 列表，未写入")
    entries = document["entries"]
    if entries is not None and not isinstance(entries, list):
        raise WriteError("台账文件的 entries 应为列表，未写入")
    newline = _newline(text)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    if not entries:
        return _into_empty(lines, document, entry, newline)
    dash = _dash_column(lines, entries)
    at = _end_of_entries(lines, document, dash)
    return "".join([*lines[:at], _entry_text(entry, dash, newline), *lines[at:]])


def _dash_column(lines: list[str], entries: Any) -> int:
    """The column of the ``-`` that opens the first entry, so the new one lines up with it."""
    line, col = entries.lc.item(0)
    dash = lines[int(line)].rfind("-", 0, int(col) + 1)
    if dash < 0:
        raise WriteError("台账的 entries 不是逐行书写的列表（“- ”开头），请改为块格式后再登记")
    return dash


def _end_of_entries(lines: list[str], document: Any, dash: int) -> int:
    """The line index after the last entry: before the next top-level key, else the file's end.

    Comment and blank lines right before the next key belong to that key and stay with it.
    """
    keys = list(document)
    position = keys.index("entries")
    if position == len(keys) - 1:
        return len(lines)
    at = int(document.lc.key(keys[position + 1])[0])
    while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")):
        at -= 1
    return at


def _into_empty(lines: list[str], document: Any, entry: Mapping[str, Any], newline: str) -> str:
    """``entries:`` or ``entries: []`` becomes a block list holding the one new entry."""
    line = document.lc.key("entries")[0]
    head = lines[line]
    indent = len(head) - len(head.lstrip())
    lines[line] = " " * indent + "entries:" + newline
    return "".join([*lines[: line + 1], _entry_text(entry, indent + 2, newline), *lines[line + 1 :]])


def _entry_text(entry: Mapping[str, Any], dash: int, newline: str) -> str:
    """One list item on one line, ``- {item: '1', doc: …}``, dumped by ruamel and indented.

    One line per record is what lets git's union merge (``ledger.yaml merge=union`` in
    .gitattributes) join two clones' records: union merges by lines, and a record spread over
    several lines gets its lines interleaved with the other side's wherever they share a line
    such as ``level: 区局``.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = YAML(typ="rt")
    yaml.width = 1_000_000  # never fold: a folded record is several lines again
    record = CommentedMap((key, _flow_safe(value)) for key, value in entry.items())
    record.fa.set_flow_style()
    items = CommentedSeq([record])
    items.fa.set_block_style()
    buffer = io.StringIO()
    yaml.dump(items, buffer)
    return "".join(" " * dash + line + newline for line in buffer.getvalue().splitlines() if line.strip())


def _flow_safe(value: Any) -> Any:
    """Quote what libyaml cannot read as a plain scalar inside ``{…}``: any ``:`` (times, URLs) or ``?``.

    ruamel writes ``note: 合格?`` plain inside a flow mapping, which libyaml then refuses as a syntax error
    (the whole 台账 with it): a ``?`` is quoted like a ``:``.
    """
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, dt.datetime):
        value = value.isoformat(sep=" ")
    if isinstance(value, str) and (":" in value or "?" in value):
        return DoubleQuotedScalarString(value)
    if isinstance(value, list):
        return [_flow_safe(item) for item in value]
    return value
