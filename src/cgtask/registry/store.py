"""The incremental cache: each source file's validated data and findings, kept by that file's stamp.

A registry of a city holds hundreds of files and 100,000 tasks; editing one of them must not cost a
re-read of all. So every file has its own cache entry, keyed by its own stamp and by the stamp of
``organization.yaml`` (names are checked against it), and by the code's stamp (in every header).
An entry holds the file's plain data, the findings that depend only on that file and the
organisation, and the small references that cross-file checks need (its id, item ids, basis links).
A small index, keyed by every file's stamp, holds the summary, the findings and the order of files:
when it matches, a command starts from it without decoding any entry; when it does not, only the
entries whose stamps changed are rebuilt and the cross-file checks run again over the references.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from cgtask.findings import CATALOGUE, Finding, located
from cgtask.registry.cache import read_payload, write_payload
from cgtask.registry.files import RegistryFiles
from cgtask.registry.view import RegistrySummary

Stamp = list[object]
FindingRow = list[Any]  # [line, col, code, message, severity]: the file is the entry's own
INDEX = "index"


def entry_name(kind: str, rel: str) -> str:
    """The cache name of one file's entry (or of data derived from it)."""
    return f"{kind}-{hashlib.blake2b(rel.encode(), digest_size=10).hexdigest()}"


def finding_rows(findings: list[Finding]) -> list[FindingRow]:
    """The findings as compact cache rows, without the file (the entry names it)."""
    return [[f.line, f.col, f.code, f.message, f.severity] for f in findings]


def findings_from(rows: list[FindingRow], display: str) -> list[Finding]:
    """The findings of cached rows, named as the file is named from this working folder."""
    return [located(code, display, line, col, message) for line, col, code, message, _ in rows]


def _is_rows(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(row, list)
        and len(row) == 5
        and isinstance(row[0], int)
        and isinstance(row[1], int)
        and all(isinstance(part, str) for part in row[2:])
        and row[2] in CATALOGUE
        for row in value
    )


def is_entry_shape(value: Any) -> bool:
    """One file's entry without its data.

    Whether it has data (it failed when not), its findings and its references. The data is cached apart
    (kind ``data``).
    """
    return (
        isinstance(value, dict)
        and isinstance(value.get("has_data"), bool)
        and _is_rows(value.get("load"))
        and _is_rows(value.get("checks"))
        and isinstance(value.get("refs"), dict)
    )


def is_index_shape(value: Any) -> bool:
    """Whether a cached index has the expected shape; anything else is rebuilt."""
    from cgtask.registry.cache import is_summary_shape

    findings = value.get("findings") if isinstance(value, dict) else None
    return (
        isinstance(value, dict)
        and (value.get("summary") is None or is_summary_shape(value.get("summary")))
        and isinstance(findings, list)
        and all(isinstance(row, list) and len(row) == 6 and isinstance(row[0], str) for row in findings)
        and _is_rows([row[1:] for row in findings])
        and isinstance(value.get("documents"), list)
        and all(isinstance(rel, str) for rel in value["documents"])
        and isinstance(value.get("pack"), str | None)
    )


def is_parts_shape(value: Any) -> bool:
    """Packed derived parts: a list per document, by relative path."""
    return isinstance(value, dict) and all(isinstance(part, list) for part in value.values())


@dataclass
class FileRef:
    """A file of the registry and the stamps its entry is kept by."""

    path: Path
    rel: str
    stamps: list[Stamp]
    display: str


def file_refs(files: RegistryFiles, stamps: list[Stamp]) -> dict[str, FileRef]:
    """Every file by its path relative to the root.

    Entries of files other than the organisation also depend on the organisation's stamp.
    """
    org = stamps[0]
    refs: dict[str, FileRef] = {}
    shown = _display_below(files)
    for path, stamp in zip(files.all(), stamps, strict=True):
        rel = str(stamp[0])
        own = [stamp] if path == files.organization else [stamp, org]
        refs[rel] = FileRef(path, rel, own, shown(rel) if shown else files.display(path))
    return refs


def _display_below(files: RegistryFiles) -> Callable[[str], str] | None:
    """How a file below the root is named, from the root's own name.

    ``display`` resolves the working folder for each file: a second for a city's 1,600 files. None when the
    working folder lies inside the registry (each file is then named from there, one by one).
    """
    cwd = Path.cwd().resolve()
    if cwd != files.root and cwd.is_relative_to(files.root):
        return None
    base = files.display(files.root)
    return lambda rel: str(Path(base, rel))


def read_entry(root: Path, ref: FileRef, kind: str = "file") -> Any:
    """One cache entry of a file (its findings, its data or a derived list), or None when stale or missing."""
    shapes = {"file": is_entry_shape, "data": _is_dict, "compact": _is_dict}
    shape = shapes.get(kind, _is_list)
    return read_payload(root, ref.stamps, entry_name(kind, ref.rel), shape)


def write_entry(root: Path, ref: FileRef, payload: Any, kind: str = "file") -> None:
    """Store one cache entry of a file, stamped with the file's state."""
    write_payload(root, ref.stamps, entry_name(kind, ref.rel), payload)


def _is_list(value: Any) -> bool:
    return isinstance(value, list)


def _is_dict(value: Any) -> bool:
    return isinstance(value, dict)


class LazyRegistryData(dict[str, Any]):
    """:class:`RegistryData` whose parts are read from the cache when first used.

    ``cgtask due`` needs the calendar and the documents, ``overdue`` the ledger: neither reads what it
    does not use. Iterating or comparing the whole reads every part first.
    """

    KEYS = ("root", "organization", "documents", "document_files", "calendar", "warnings", "ledger")

    def __init__(self, known: dict[str, Any], fetch: Callable[[str], Any]) -> None:
        super().__init__(known)
        self._fetch = fetch

    def __missing__(self, key: str) -> Any:
        if key not in self.KEYS:
            raise KeyError(key)
        value = self._fetch(key)
        dict.__setitem__(self, key, value)
        return value

    def _whole(self) -> None:
        for key in self.KEYS:
            self[key]

    def get(self, key: str, default: Any = None) -> Any:
        """``dict.get`` that reads a missing part from the cache first."""
        if key in self:  # dict.get would not read a missing part
            return self[key]
        return default

    def __contains__(self, key: object) -> bool:
        return key in self.KEYS or dict.__contains__(self, key)

    def __len__(self) -> int:
        self._whole()
        return dict.__len__(self)

    def __iter__(self) -> Iterator[str]:
        self._whole()
        return dict.__iter__(self)

    def keys(self) -> Any:
        """The keys, after reading every part."""
        self._whole()
        return dict.keys(self)

    def values(self) -> Any:
        """The values, after reading every part."""
        self._whole()
        return dict.values(self)

    def items(self) -> Any:
        """The items, after reading every part."""
        self._whole()
        return dict.items(self)

    def copy(self) -> dict[str, Any]:
        """A plain dict of every part."""
        self._whole()
        return dict(dict.items(self))

    def __eq__(self, other: object) -> bool:
        self._whole()
        return dict.__eq__(self, other)

    __hash__ = None

    def __repr__(self) -> str:
        self._whole()
        return dict.__repr__(self)


@dataclass
class Built:
    """What a registry's files hold, as the index and the entries say."""

    summary: RegistrySummary | None  # None when the registry has errors
    findings: list[Finding]
    documents: list[str]  # the relative paths of the documents that loaded, in order


def index_payload(built: Built, refs: dict[str, FileRef]) -> dict[str, Any]:
    """The cache index of ``built``: the summary, the findings by file and the document list."""
    by_display = {ref.display: rel for rel, ref in refs.items()}
    rows = finding_rows(built.findings)
    findings = [[by_display.get(f.file, f.file), *row] for f, row in zip(built.findings, rows, strict=True)]
    return {"summary": built.summary, "findings": findings, "documents": built.documents}


def built_from_index(payload: dict[str, Any], refs: dict[str, FileRef]) -> Built | None:
    """The index as read back; None when it names a file the registry does not have."""
    findings = []
    for rel, *row in payload["findings"]:
        ref = refs.get(rel)
        findings += findings_from([row], ref.display if ref else rel)
    if any(rel not in refs for rel in payload["documents"]):
        return None
    findings.sort(key=lambda f: (f.file, f.line, f.col))  # names relative to this working folder
    return Built(cast(RegistrySummary | None, payload["summary"]), findings, list(payload["documents"]))
