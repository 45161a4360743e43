"""The checks' record index of a 台账 file just appended to, from its text before (issue 24).

After ``done`` or ``ledger import`` appends records to a single 15,000-record ledger.yaml, the ``check``
that follows needed every record again (decoding the chunk cache was a third of its time) only to
rebuild the record index (:func:`cgtask.registry.ledger_checks.record_index`) that it had an hour ago for
all but the last record. So the index of a text read clean is kept with that text's length and digest;
the next read of a longer text whose start has exactly that digest parses the appended records alone and
extends the index with them. Any other change — a hand edit in the middle, a truncated file, appended
lines that are not whole records of the file's regular shape — misses, and the file is read whole as
before. The digest covers the whole earlier text, head and ``closed`` line included, so nothing the index
leaves out can have changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cgtask.registry.cache import read_payload, write_payload
from cgtask.registry.ledger_checks import extend_index, is_record_index

PREFIX = "ledger-prefix"


@dataclass(frozen=True)
class ReadText:
    """What a clean read of a 台账 file saw: its text's length and digest and the records' column."""

    length: int
    digest: str
    dash: int


class _Reads:
    """The texts read clean in this process, by the list of records read from each (its identity)."""

    def __init__(self) -> None:
        self.by_list: dict[int, tuple[list[Any], ReadText]] = {}

    def note(self, entries: list[Any], read: ReadText) -> None:
        self.by_list[id(entries)] = (entries, read)  # the list kept alive: its id is not reused

    def of(self, entries: list[Any]) -> ReadText | None:
        found = self.by_list.get(id(entries))
        return found[1] if found is not None and found[0] is entries else None


_READS = _Reads()


def note_read(entries: list[Any], text: str, dash: int) -> None:
    """Remember that ``entries`` are the clean reading of ``text`` (for :func:`keep_index`)."""
    from cgtask.registry.ledger_tail import text_digest

    _READS.note(entries, ReadText(len(text), text_digest(text), dash))


def keep_index(root: Path, part: str, entries: list[Any], index: dict[str, Any]) -> None:
    """Keep ``index`` of ``entries`` for the next read, when they were read clean from a text in this process."""
    read = _READS.of(entries)
    if read is not None:
        _store(root, part, read, index)


def appended_index(root: Path, part: str, text: str, display: str) -> dict[str, Any] | None:
    """The record index of ``text`` extended from the kept one of its start; None when it cannot be.

    ``text`` is the file's decoded text (a byte-order mark kept); ``part`` names the file as the chunk
    cache does ("" for ledger.yaml). The extended index is kept for the next append.
    """
    from cgtask.registry.ledger_tail import text_digest

    kept = read_payload(root, [[PREFIX, part]], _name(part), _is_kept)
    if kept is None:
        return None
    length = kept["length"]
    before = text[:length]
    if len(text) < length or not before.endswith("\n") or text_digest(before) != kept["digest"]:
        return None
    whole = text.removeprefix("\ufeff")
    entries = _appended_entries(root, part, whole, text[length:], kept["dash"], display)
    if entries is None:
        return None
    index = extend_index(kept["index"], entries) if entries else kept["index"]
    _store(root, part, ReadText(len(text), text_digest(text), kept["dash"]), index)
    return index


def _appended_entries(
    root: Path, part: str, text: str, added: str, dash: int, display: str
) -> list[Any] | None:
    """The records of ``added`` read as the file's own, or None unless each chunk is one clean record.

    Those ``done`` cached as it wrote them come from the chunk cache; the others are parsed together.
    """
    from cgtask.registry.ledger_chunks import cached_records, layout, read_entries, records_start

    if not added:
        return []
    start = records_start(text)
    parts = layout(text[:start] + added) if start is not None else None
    if parts is None or parts.dash != dash or "".join(parts.chunks) != added:
        return None  # a comment before the first appended record, another column, an irregular line
    return read_entries(parts, cached_records(root, parts.digests, part), display)


def _store(root: Path, part: str, read: ReadText, index: dict[str, Any]) -> None:
    payload = {"length": read.length, "digest": read.digest, "dash": read.dash, "index": index}
    write_payload(root, [[PREFIX, part]], _name(part), payload)


def _name(part: str) -> str:
    return f"{PREFIX}.{part}" if part else PREFIX


def _is_kept(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and type(value.get("length")) is int
        and isinstance(value.get("digest"), str)
        and type(value.get("dash")) is int
        and is_record_index(value.get("index"))
    )
