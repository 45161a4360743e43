"""A cache of the validated registry, keyed by the files' stamps.

Read-only commands then start without ruamel or pydantic: loading the cached
JSON is what keeps ``cgtask list`` within its budget.

The cache may only ever make cgtask faster, never wrong. A cache file is one
header line (format version, the registry's real path, the files' stamps, the
code's stamp, the payload's length and digest) followed by the payload's JSON.
Anything that does not match — another format, another root, a stamp, a
truncated or edited payload, a payload of the wrong shape — counts as a miss
and the registry is read again from its files.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from cgtask import __version__
from cgtask.models.data import RegistryData
from cgtask.support.cache_folder import CACHE_ENV, cache_dir
from cgtask.support.paths import read_regular

__all__ = ["CACHE_ENV", "cache_dir"]

# Bump when the layout of a cache file or of a payload changes.
CACHE_FORMAT = 3

Shape = Callable[[Any], bool]


@lru_cache(maxsize=1)  # one process runs one code: stat the package once, not per cache entry
def _code_stamp() -> str:
    """Changes when the code that shapes the cached data changes (also in a development checkout)."""
    package = str(Path(os.path.realpath(__file__)).parent.parent)
    parts = [__version__]
    # Every module, subfolders included: the loader's checks (registry/checks), the phrase engine
    # that splits duties (schedule) and the queries that compute derived caches all shape entries.
    _module_stamps(package, len(package), parts)
    return "|".join(parts)


def _module_stamps(folder: str, prefix: int, parts: list[str]) -> None:
    """Each module's path (after ``prefix`` characters) and time, in name order, a subfolder where its name falls.

    Directory entries, not Paths: every command that reads a cache stamps some 200 modules first.
    """
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_dir() and entry.name != "__pycache__":
            _module_stamps(entry.path, prefix, parts)
        elif entry.name.endswith(".py"):
            parts.append(f"{entry.path[prefix:]}:{entry.stat().st_mtime_ns}")


@lru_cache(maxsize=64)  # a query reads hundreds of entries of one registry: resolve its root once
def _real_path(path: str) -> str:
    return str(Path(path).resolve())


MAX_CACHE_BYTES = 1 << 30


def _cache_path(root: Path, name: str) -> Path:
    digest = hashlib.sha256(_real_path(str(root)).encode()).hexdigest()[:20]
    suffix = "" if name == "registry" else f".{name}"
    return cache_dir() / f"registry-{digest}{suffix}.json"


def cache_file(root: Path, name: str) -> Path:
    """The cache file of ``name`` for the registry at ``root`` (for caches kept in their own format)."""
    return _cache_path(root, name)


def code_stamp() -> str:
    """What changes when the code that shapes cached data changes."""
    return _code_stamp()


@lru_cache(maxsize=1)
def _code_stamp_digest() -> str:
    # In every header: the stamp itself names each module and is kilobytes long.
    return _digest(_code_stamp().encode())


def _digest(payload: bytes) -> str:
    return hashlib.blake2b(payload, digest_size=16).hexdigest()


def read_payload(root: Path, stamps: list[list[object]], name: str, shape: Shape | None = None) -> Any:
    """A cached payload (the registry, or data derived from it), or None.

    It is returned only if made from exactly these files by this code and intact. ``shape`` rejects a
    payload that could not have been written for ``name`` (the registry and its summary have their own
    checks).
    """
    raw = read_regular(_cache_path(root, name), MAX_CACHE_BYTES)  # a FIFO or link to /dev/zero: a miss
    if raw is None:
        return None
    header_end = raw.find(b"\n")
    try:
        header = json.loads(raw[:header_end]) if header_end > 0 else None
        expected = _header(root, stamps, raw[header_end + 1 :])
        if not isinstance(header, dict) or header != expected:
            return None
        payload = json.loads(raw[header_end + 1 :])
    except ValueError:  # also UnicodeDecodeError: a corrupt file is a miss
        return None
    check = shape or _SHAPES.get(name, _any_data)
    return payload if check(payload) else None


def _header(root: Path, stamps: list[list[object]], payload: bytes) -> dict[str, object]:
    # Stamps go through JSON once so that tuples and lists compare equal.
    return {
        "format": CACHE_FORMAT,
        "root": _real_path(str(root)),
        "stamps": json.loads(json.dumps(stamps)),
        "code": _code_stamp_digest(),
        "size": len(payload),
        "digest": _digest(payload),
    }


def read_cache(root: Path, stamps: list[list[object]]) -> RegistryData | None:
    """The cached registry if it was made from exactly these files by this code, else None."""
    return cast(RegistryData | None, read_payload(root, stamps, "registry"))


def write_payload(root: Path, stamps: list[list[object]], name: str, payload: Any) -> None:
    """Store one payload next to the registry's; failures only cost speed."""
    path = _cache_path(root, name)
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    header = json.dumps(_header(root, stamps, body), ensure_ascii=False).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or (path.exists() and not path.is_file()):
            path.unlink()  # an entry that is not a regular file is rebuilt, never written through
        write_cache_file(path, header + b"\n" + body)
    except OSError:
        return


def write_cache_file(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path`` in one rename, without waiting for the disk.

    A cache file lost or torn in a crash fails its length and digest and is rebuilt, so it needs no fsync:
    a first load writes thousands of them, and waiting for each one was a third of its time.
    """
    import tempfile

    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# --- shapes: cheap checks of the top levels, enough that a query never meets a KeyError -------------


def _any_data(value: Any) -> bool:
    return value is not None


def _keys(value: Any, types: Mapping[str, type | tuple[type, ...]]) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(k), t) for k, t in types.items())


def _organization(value: Any) -> bool:
    lists = {k: list for k in ("departments", "units", "groups", "external")}
    if not _keys(value, {"bureau": dict, **lists}):
        return False
    named = [*value["departments"], *value["units"], *value["groups"], *value["external"]]
    return all(_keys(entry, {"name": str}) for entry in named)


def _document_summary(value: Any) -> bool:
    return _keys(value, {"id": str, "kind": str, "title": str, "year": int})


def is_registry_shape(value: Any) -> bool:
    """The top levels of :class:`RegistryData` as the loader writes them."""
    top = {
        "root": str,
        "organization": dict,
        "documents": list,
        "document_files": dict,
        "calendar": dict,
        "warnings": list,
        "ledger": dict,
    }
    return (
        _keys(value, top)
        and _organization(value["organization"])
        and all(_document_summary(d) for d in value["documents"])
        and _keys(value["calendar"], {"holidays": list, "workdays": list})
        and _keys(value["ledger"], {"entries": list})
        and all(isinstance(e, dict) for e in value["ledger"]["entries"])
    )


def is_summary_shape(value: Any) -> bool:
    """The top levels of the summary a warm ``open_view`` starts from."""
    return (
        _keys(value, {"organization": dict, "documents": list})
        and _organization(value["organization"])
        and all(_document_summary(d) and isinstance(d.get("categories"), list) for d in value["documents"])
    )


_SHAPES: dict[str, Shape] = {"registry": is_registry_shape, "summary": is_summary_shape}
