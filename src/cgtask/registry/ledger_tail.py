"""What an append needs of a 台账 file, kept from its last read or write (issue 24: a write costs the record).

Appending to a file of the regular shape (:mod:`cgtask.registry.ledger_chunks`) needs three facts: that
every record in it reads clean (an append to a broken file is refused), the column of the records' ``-``
and the years the file closes. Cutting a 15,000-record ledger.yaml to learn them cost ``done`` a fifth
of its time. So the read that cut a file and found every record clean, and each append, leave those facts
in the cache under the digest of the file's exact text: the next append hashes the text it has read anyway
(milliseconds) and, when it matches, adds its lines without cutting anything.

The years closed are kept under the file's stamp too (size, times and inode, as the registry's cache keys
its files), so that an append to one month of a split 台账 learns the other months' closed years without
reading them. A text or stamp not seen is a miss and the file is cut as before; each fact is stored with
the text or stamp it was learned from, so a lost, stale or concurrent update of the cache costs only time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TAILS = "ledger-tails"
_FORMAT = 1


@dataclass(frozen=True)
class Tail:
    """One 台账 file's facts, and the text (by digest) and stamp they were learned from."""

    digest: str
    stamp: list[object]
    dash: int  # the column of each record's ``-``
    closed: tuple[int, ...]  # the years its head's ``closed:`` line lists

    def row(self) -> list[Any]:
        """How the cache file keeps it."""
        return [self.digest, self.stamp, self.dash, list(self.closed)]


def text_digest(text: str) -> str:
    """The digest of a 台账 file's decoded text (a byte-order mark included)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def file_stamp(root: Path, path: Path) -> list[object]:
    """The stamp the registry's cache keys ``path`` by (its content digest too when it changed just now)."""
    from cgtask.registry.files import file_stamp as stamp_of

    return stamp_of(path, root)


class _Tails:
    """The cache file's tails of one registry, read once per process and written when one changes."""

    def __init__(self) -> None:
        self.known: dict[str, dict[str, Tail]] = {}

    def of(self, root: Path) -> dict[str, Tail]:
        from cgtask.registry.cache import cache_file

        key = str(cache_file(root, TAILS))  # one per real registry, however its root is spelled
        if key not in self.known:
            self.known[key] = _read(root)
        return self.known[key]

    def forget(self) -> None:
        """As a new process would start (for tests)."""
        self.known = {}


_MEMO = _Tails()


def tail_of_text(root: Path, part: str, text: str) -> Tail | None:
    """The facts of a 台账 file whose text is ``text`` (``part``: "" for ledger.yaml, else its month), or None."""
    tail = _MEMO.of(root).get(part)
    return tail if tail is not None and tail.digest == text_digest(text) else None


def closed_of_file(root: Path, part: str, path: Path) -> tuple[int, ...] | None:
    """The years a 台账 file closes when it has not changed since its facts were kept, else None."""
    tail = _MEMO.of(root).get(part)
    if tail is None or json.loads(json.dumps(file_stamp(root, path))) != tail.stamp:
        return None
    return tail.closed


def keep_tail(root: Path, part: str, tail: Tail) -> None:
    """Store one file's facts (replacing those of an earlier text); failures only cost time."""
    from cgtask.errors import WriteError
    from cgtask.registry.cache import cache_file, write_cache_file

    tails = _MEMO.of(root)
    tail = Tail(tail.digest, json.loads(json.dumps(tail.stamp)), tail.dash, tuple(tail.closed))
    if tails.get(part) == tail:
        return
    tails[part] = tail
    body = {"tails": {name: kept.row() for name, kept in tails.items()}}
    try:
        path = cache_file(root, TAILS)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or (path.exists() and not path.is_file()):
            path.unlink()  # never written through
        write_cache_file(path, _header(root) + json.dumps(body, ensure_ascii=False).encode("utf-8"))
    except (OSError, WriteError):
        return


def keep_appended(root: Path, part: str, path: Path, text: str, before: Any, chunks: list[str]) -> None:
    """Keep the facts of ``text``, just written at ``path``: the text ``before`` described, and ``chunks``.

    ``before`` is the Layout or Tail of the text as it was, every record clean; the facts are kept only
    when the appended chunks keep the file's regular shape (one record each, at the same column).
    """
    from cgtask.registry.ledger_chunks import layout

    added = layout("kind: ledger\nentries:\n" + "".join(chunks)) if chunks else None
    if added is None or added.dash != before.dash or len(added.chunks) != len(chunks):
        return
    keep_tail(root, part, Tail(text_digest(text), file_stamp(root, path), before.dash, tuple(before.closed)))


def _header(root: Path) -> bytes:
    from cgtask.registry.cache import code_stamp

    header = {"format": _FORMAT, "code": _digest(code_stamp()), "root": str(root.resolve())}
    return json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n"


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _read(root: Path) -> dict[str, Tail]:
    """The cache file's tails; none when it is missing, of another format, code or registry, or damaged."""
    from cgtask.registry.cache import cache_file
    from cgtask.support.paths import read_regular

    raw = read_regular(cache_file(root, TAILS), 1 << 20)
    header = _header(root)
    if raw is None or not raw.startswith(header):
        return {}
    try:
        rows = json.loads(raw[len(header) :])["tails"]
        return {str(part): _tail(row) for part, row in rows.items()}
    except (ValueError, TypeError, KeyError, AttributeError):
        return {}


def _tail(row: Any) -> Tail:
    digest, stamp, dash, closed = row
    if not (isinstance(digest, str) and isinstance(stamp, list) and type(dash) is int and dash >= 0):
        raise ValueError(row)
    if not all(type(year) is int for year in closed):
        raise ValueError(row)
    return Tail(digest, stamp, dash, tuple(closed))
