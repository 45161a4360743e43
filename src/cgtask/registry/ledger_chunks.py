"""Reading the 台账 record by record: a write costs the record, not the whole file (issue 24).

cgtask keeps ledger.yaml in a regular shape — comments, ``kind: ledger``, ``entries:``, then one
``- …`` block per record — so its text cuts into one chunk per record. Each chunk's validated entry is
cached under the digest of its text; after ``done`` appends a record, the next read parses and
validates that record alone, and a hand edit of one record re-reads that record.

The cache may make a read faster, never different. A text that is not of that shape (another
top-level key, an alias, a block scalar, a line the cut cannot place) has no layout, and chunks not
seen before are parsed together and must read as exactly one clean record each; otherwise the caller
reads the whole file as before, with its findings at their lines. Why a chunk reads the same alone
as in the file: every record of the list starts at a ``-`` in the list's column, so each record
starts a chunk; when the records counted equal the chunks, no chunk holds part of another.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cgtask.models.ledger_data import LedgerEntryData

CHUNKS = "ledger-chunks"
_KIND = re.compile(r"kind:[ ]+ledger[ ]*(#.*)?")
_ENTRIES = re.compile(r"entries:[ ]*(#.*)?")
# ``closed: [2022, 2023]`` on one line, as ``cgtask ledger close`` writes it: read without a parse.
_CLOSED = re.compile(r"closed:[ ]*\[([0-9, ]*)\][ ]*(#.*)?")
# A block scalar (| or >) keeps or drops trailing blank lines by what follows it: not cut.
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*[ ]*(#.*)?\r?$", re.MULTILINE)


@dataclass(frozen=True)
class Layout:
    """The text before the first record (comments, ``kind``, ``entries:``) and each record's chunk."""

    head: str
    chunks: list[str]
    dash: int  # the column of each record's ``-``
    digests: list[str]  # each chunk's: the key its entry is cached under
    closed: tuple[int, ...] = ()  # the years the head's ``closed:`` line lists

    def first_lines(self) -> list[int]:
        """The 1-based line of each record's ``-`` (to place a finding without parsing the file)."""
        line = self.head.count("\n") + 1
        firsts = []
        for chunk in self.chunks:
            firsts.append(line)
            line += chunk.count("\n")
        return firsts


def chunk_digest(chunk: str) -> str:
    """The digest of one chunk's exact text (line endings included)."""
    return hashlib.blake2b(chunk.encode("utf-8"), digest_size=16).hexdigest()


def layout(text: str) -> Layout | None:
    """The ledger's text cut into records, or None when it is not of the regular shape.

    Lines are what YAML takes them to be: cut at line feeds only (``str.splitlines`` also cuts at form
    feeds, vertical tabs and U+2028).
    """
    from cgtask.registry.yaml_io import text_findings

    start, closed = _records_start(text)
    if start is None or "*" in text:  # an alias may name an anchor in another record
        return None
    head, body = text[:start], text[start:]
    dash = _indent(body)
    odd = re.compile(rf"^(?! {{{dash + 1}}}| {{{dash}}}-(?: |\r?$)| *#| *\r?$)|^ *\t", re.MULTILINE)
    if (
        text_findings(head, "")
        or odd.search(body)
        or (("|" in body or ">" in body) and _BLOCK_SCALAR.search(body))
    ):
        return None
    chunks = re.split(rf"^(?= {{{dash}}}-(?: |\r?$))", body, flags=re.MULTILINE)[1:]
    return Layout(head, chunks, dash, [chunk_digest(chunk) for chunk in chunks], closed)


def head_closed(text: str) -> tuple[int, ...] | None:
    """The years a 台账's head closes, without cutting its records; None when only a parse can tell.

    Trusted when the head is regular and no other line of the file starts a ``closed`` key.
    """
    at, closed = _records_start(text)
    if at is None or re.search(r"^closed[ ]*:", text[at:], re.MULTILINE):
        return None
    return closed


def records_start(text: str) -> int | None:
    """Where the first record's line starts in a 台账 of the regular head, or None."""
    return _records_start(text)[0]


def _records_start(text: str) -> tuple[int | None, tuple[int, ...]]:
    """Where the first record's line starts, and the years ``closed`` lists.

    The head holds comments, ``kind: ledger``, an optional one-line ``closed: […]`` and ``entries:``.
    """
    keys: list[str] = []
    closed: tuple[int, ...] = ()
    at = 0
    while at < len(text):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end + 1
        line = text[at:end].rstrip("\r\n")
        stripped = line.strip(" ")
        if stripped and not stripped.startswith("#"):
            if keys[-1:] == ["entries"]:
                return (at if stripped.startswith("-") and stripped[1:2] in ("", " ") else None), closed
            years = _CLOSED.fullmatch(line)
            if not keys and _KIND.fullmatch(line):
                keys.append("kind")
            elif keys == ["kind"] and years is not None:
                keys.append("closed")
                closed = tuple(int(year) for year in years.group(1).replace(" ", "").split(",") if year)
                if not all(2000 <= year <= 2100 for year in closed):  # as the model bounds them
                    return None, ()
            elif keys in (["kind"], ["kind", "closed"]) and _ENTRIES.fullmatch(line):
                keys.append("entries")
            else:
                return None, ()
        at = end
    return None, ()  # no record: the whole file is read, as it is small


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def read_entries(parts: Layout, known: Mapping[str, Any], display: str) -> list[Any] | None:
    """Every record's validated entry: known chunks from ``known``, the others parsed together.

    None when the new chunks do not read as exactly one clean record each (the caller reads the file).
    """
    digests = parts.digests
    new = [n for n, digest in enumerate(digests) if digest not in known]
    fresh = parse_records([parts.chunks[n] for n in new], display) if new else []
    if fresh is None:
        return None
    parsed = dict(zip(new, fresh, strict=True))
    return [parsed[n] if n in parsed else known[digest] for n, digest in enumerate(digests)]


def sound(root: Path, parts: Layout, display: str, part: str = "") -> bool:
    """Whether every record reads clean: cached once (so checked then), or parsed now."""
    known = known_digests(root, part)
    new = [chunk for chunk, digest in zip(parts.chunks, parts.digests, strict=True) if digest not in known]
    return not new or parse_records(new, display) is not None


def parse_records(chunks: list[str], display: str) -> list[Any] | None:
    """The validated entries of ``chunks`` read as one list, or None unless each is one clean record."""
    from pydantic import ValidationError

    from cgtask.models.ledger import Ledger
    from cgtask.registry.yaml_io import read_part

    loaded = read_part("".join(chunks), display)
    if loaded.findings or not isinstance(loaded.data, list) or len(loaded.data) != len(chunks):
        return None
    try:
        validated = Ledger.model_validate({"kind": "ledger", "entries": loaded.data})
    except ValidationError:
        return None
    return [entry.model_dump(mode="json") for entry in validated.entries]


# --- where a record is: a finding placed from the chunks' lines ------------------------------------------


@dataclass(frozen=True)
class Place:
    """Record ``index`` of the 台账 file ``path``; ``chunk`` and ``line`` (its ``-``) when the file is regular."""

    path: Path
    index: int
    chunk: str | None = None
    line: int = 0

    def position(self, field: str) -> tuple[int, int] | None:
        """The 1-based line and column of ``field``'s value in the record (its ``-`` when absent); None: unknown."""
        if self.chunk is None:
            return None
        found = re.search(rf"(?:^|[\s{{,])({re.escape(field)}):[ ]*", self.chunk)
        if found is None:
            return self.line, self.chunk.index("-") + 1
        before = self.chunk[: found.end()]
        line_start = before.rfind("\n") + 1
        return self.line + before.count("\n"), found.end() - line_start + 1


def record_places(files: list[tuple[Path, int]]) -> list[Place]:
    """Where each record of the merged 台账 is, given each file and how many records it gave.

    A file read record by record is cut again (a regex, no YAML parse); any other is left to a located parse.
    """
    from cgtask.registry.ledger_file import ledger_layout

    places: list[Place] = []
    for path, count in files:
        parts = ledger_layout(path) if count else None
        if parts is None or len(parts.chunks) != count:
            places += [Place(path, n) for n in range(count)]
            continue
        places += [
            Place(path, n, chunk, line)
            for n, (chunk, line) in enumerate(zip(parts.chunks, parts.first_lines(), strict=True))
        ]
    return places


# --- the cache of records: one file per registry, appended to --------------------------------------------
#
# A header line (format, code, registry), then one line per record: the chunk's digest, the digest of
# the entry's JSON, the JSON. An append writes only the new records' lines; a line that is torn or does
# not match its digest is skipped (that record is parsed again), and a file of another format, code or
# registry is written anew. When most of its lines are of records no longer in the ledger, it is too.

_FORMAT = 2
# An entry is stored as its values in this order (a validated entry's keys): a list decodes in a third
# of the time of a mapping. An entry with other keys is not cached.
_KEYS = list(LedgerEntryData.__annotations__)


class _LastRead:
    """The records of the cache files this process read or wrote: each read once.

    Entries never go stale (each is the reading of one exact text, by this code), so another process
    appending meanwhile costs only a record parsed again.
    """

    def __init__(self) -> None:
        self.known: dict[str, dict[str, Any]] = {}

    def get(self, path: Path) -> dict[str, Any] | None:
        return self.known.get(str(path))

    def keep(self, path: Path, known: dict[str, Any]) -> None:
        self.known[str(path)] = known

    def forget(self) -> None:
        """As a new process would start (for tests)."""
        self.known = {}


_MEMO = _LastRead()


def _header(root: Path) -> bytes:
    from cgtask.registry.cache import code_stamp

    header = {"format": _FORMAT, "code": code_stamp(), "root": str(root.resolve()), "keys": _KEYS}
    return json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n"


def cache_name(part: str) -> str:
    """The name of the chunk cache of one 台账 file: ``part`` is "" for ledger.yaml, else its month."""
    return f"{CHUNKS}.{part}" if part else CHUNKS


def known_chunks(root: Path, part: str = "") -> dict[str, Any]:
    """The cached entries of one 台账 file's records, by their chunk's digest (empty on a miss)."""
    from cgtask.registry.cache import MAX_CACHE_BYTES, cache_file
    from cgtask.support.paths import read_regular

    path = cache_file(root, cache_name(part))
    memo = _MEMO.get(path)
    if memo is not None:
        return memo
    raw = read_regular(path, MAX_CACHE_BYTES)
    header = _header(root)
    known = _records(raw[len(header) :]) if raw is not None and raw.startswith(header) else {}
    _MEMO.keep(path, known)
    return known


def known_digests(root: Path, part: str = "") -> set[str]:
    """The digests of the records in the cache file, without decoding their entries (for :func:`sound`)."""
    from cgtask.registry.cache import MAX_CACHE_BYTES, cache_file
    from cgtask.support.paths import read_regular

    path = cache_file(root, cache_name(part))
    memo = _MEMO.get(path)
    if memo is not None:
        return set(memo)
    raw = read_regular(path, MAX_CACHE_BYTES)
    header = _header(root)
    if raw is None or not raw.startswith(header):
        return set()
    lines = raw[len(header) :].split(b"\n")[:-1]  # the last piece has no newline: empty, or torn
    return {line.split(b"\t", 1)[0].decode("ascii", "replace") for line in lines}


def cached_records(root: Path, digests: list[str], part: str = "") -> dict[str, Any]:
    """The cached entries of the chunks ``digests`` alone, found from the cache file's end (the last appended).

    Decoding every record of a 15,000-record file's cache took a third of the ``check`` after ``done``;
    the records just appended are at its end. A line torn or not matching its digest is not found.
    """
    from cgtask.registry.cache import MAX_CACHE_BYTES, cache_file
    from cgtask.support.paths import read_regular

    path = cache_file(root, cache_name(part))
    memo = _MEMO.get(path)
    if memo is not None:
        return {digest: memo[digest] for digest in digests if digest in memo}
    raw = read_regular(path, MAX_CACHE_BYTES)
    if raw is None or not raw.startswith(_header(root)):
        return {}
    lines = []
    for digest in digests:
        at = raw.rfind(b"\n" + digest.encode("ascii") + b"\t")
        end = raw.find(b"\n", at + 1) if at >= 0 else -1
        if end >= 0:
            lines.append(raw[at + 1 : end + 1])
    return _records(b"".join(lines))


def _records(body: bytes) -> dict[str, Any]:
    digests, texts = [], []
    for line in body.split(b"\n")[:-1]:  # the last piece has no newline: empty, or torn
        parts = line.split(b"\t", 2)
        if len(parts) == 3 and _digest(parts[2]) == parts[1]:
            digests.append(parts[0].decode("ascii", "replace"))
            texts.append(parts[2])
    try:
        rows = json.loads(b"[" + b",".join(texts) + b"]")
    except ValueError:
        return {}
    if not isinstance(rows, list) or len(rows) != len(digests):
        return {}
    width = len(_KEYS)
    return {
        digest: dict(zip(_KEYS, row, strict=True))
        for digest, row in zip(digests, rows, strict=True)
        if isinstance(row, list) and len(row) == width
    }


def _digest(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=16).hexdigest().encode("ascii")


def _line(digest: str, entry: Any) -> bytes:
    payload = json.dumps(list(entry.values()), ensure_ascii=False).encode("utf-8")
    return digest.encode("ascii") + b"\t" + _digest(payload) + b"\t" + payload + b"\n"


def remember_records(root: Path, chunks: list[str], entries: list[Any], part: str = "") -> None:
    """Append the records of ``chunks`` (just written, ``entries`` their reading) to an existing cache file.

    A missing or foreign cache file is left to the next read, which writes it whole; failures only cost speed.
    """
    from cgtask.registry.cache import cache_file

    path = cache_file(root, cache_name(part))
    lines = {chunk_digest(c): e for c, e in zip(chunks, entries, strict=True) if list(e) == _KEYS}
    try:
        if path.is_symlink() or not path.is_file() or not _starts_with(path, _header(root)):
            return
        with path.open("ab") as out:  # one write: concurrent appends do not interleave lines
            out.write(b"".join(_line(d, e) for d, e in lines.items()))
    except OSError:
        return
    memo = _MEMO.get(path)
    if memo is not None:
        memo.update(lines)


def _starts_with(path: Path, header: bytes) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(header)) == header


def remember_chunks(
    root: Path, parts: Layout, entries: list[Any], known: Mapping[str, Any], part: str = ""
) -> None:
    """Add the records not cached yet to the cache file; failures only cost speed."""
    from cgtask.errors import WriteError
    from cgtask.registry.cache import cache_file
    from cgtask.support.atomic import write_bytes_atomic

    path = cache_file(root, cache_name(part))
    current = {d: e for d, e in zip(parts.digests, entries, strict=True) if list(e) == _KEYS}
    new = {digest: entry for digest, entry in current.items() if digest not in known}
    if not new:
        return
    fresh = not known or len(known) > 2 * len(current) + 1000
    try:
        if fresh or path.is_symlink() or not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_symlink() or (path.exists() and not path.is_file()):
                path.unlink()  # as in write_payload: never written through
            write_bytes_atomic(path, _header(root) + b"".join(_line(d, e) for d, e in current.items()))
        else:
            with path.open("ab") as out:  # one write: concurrent appends do not interleave lines
                out.write(b"".join(_line(d, e) for d, e in new.items()))
    except (OSError, WriteError):
        return
    _MEMO.keep(path, {**known, **new} if not fresh else current)
