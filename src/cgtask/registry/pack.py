"""The packed cache: a registry's whole cache in a few files, keyed by what its files hold.

Per-file entries (:mod:`cgtask.registry.store`) make an edit cost the file edited, but a first load after a
fresh clone or a lost cache read and checked every file again: 1,613 documents of a city took half a minute.
A pack is the cache of one state of a registry — its index, every file's entry, and the parts queries derive
per document — keyed by the digest of every file's name and content and of cgtask's own source. It does not
depend on where the registry lies, its inodes or its times, so a clone of the same commit, in another folder
or on another machine running the same cgtask, starts from it. Packs are kept in the cache folder and, when
``CGTASK_PACK_DIR`` names one, in a folder shared by a bureau (built once, e.g. by CI, read by every clerk).

Each section is one file: a header line (format, tree key, payload length and digest) then the payload's JSON.
Anything that does not match is a miss; a section that is not a regular file is ignored and rewritten; a
folder keeps the packs of at most MAX_TREES states of each registry (the oldest are removed), and MAX_STATES in
all. A registry is known by its organization.yaml (a digest of it heads the key): a 市局's folder shared by 16
districts keeps each district's newest states, not the four last written by any of them.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from cgtask.registry.cache import MAX_CACHE_BYTES, Shape, write_cache_file
from cgtask.registry.files import ORGANIZATION_FILE
from cgtask.support.cache_folder import cache_dir
from cgtask.support.paths import read_regular

PACK_ENV = "CGTASK_PACK_DIR"
PACK_FORMAT = 2  # 2: the key starts with the registry's lineage
MAX_TREES = 4  # states of one registry (its organization.yaml)
MAX_STATES = 256  # states of every registry in one folder


@lru_cache(maxsize=1)  # one process runs one code
def code_digest() -> str:
    """The digest of cgtask's source: the same code on any machine gives the same packs."""
    package = Path(os.path.realpath(__file__)).parent.parent
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def tree_key(paths: list[Path], root: Path, stamps: list[list[object]]) -> str | None:
    """The key of the registry's state: every file's name and content, and the code.

    It starts with a short digest of organization.yaml (the registry's lineage, which the folder's clean-up
    groups by), then a dash.

    None when a file is not a regular file or cannot be read (its stamp says so): it is never opened here, a
    FIFO or a device is the loader's to report.
    """
    if any(not isinstance(stamp[1], int) for stamp in stamps):
        return None
    digest = hashlib.blake2b(code_digest().encode(), digest_size=16)
    lineage = ""
    for path in paths:
        content = read_regular(path, MAX_CACHE_BYTES)
        if content is None:
            return None  # a file the loader must report on: no pack holds it
        name = str(path.relative_to(root))
        if name == ORGANIZATION_FILE:
            lineage = hashlib.blake2b(content, digest_size=4).hexdigest()
        digest.update(name.encode() + b"\0" + hashlib.blake2b(content, digest_size=16).digest())
    return f"{lineage}-{digest.hexdigest()}"


def folders() -> list[Path]:
    """Where packs are read from and written to: the cache folder, then the shared folder if one is set."""
    shared = os.environ.get(PACK_ENV)
    return [cache_dir() / "packs", *([Path(shared)] if shared else [])]


def _section_path(folder: Path, key: str, section: str) -> Path:
    return folder / f"pack-{key}.{section}.json"


def _header(key: str, body: bytes) -> dict[str, object]:
    return {
        "format": PACK_FORMAT,
        "key": key,
        "size": len(body),
        "digest": hashlib.blake2b(body, digest_size=16).hexdigest(),
    }


def _payload(folder: Path, key: str, section: str) -> bytes | None:
    """The payload of one section file if it is a regular file whose header matches it, else None."""
    raw = read_regular(_section_path(folder, key, section), MAX_CACHE_BYTES)
    if raw is None:
        return None
    header_end = raw.find(b"\n")
    try:
        header = json.loads(raw[:header_end]) if header_end > 0 else None
    except ValueError:  # a damaged file is a miss
        return None
    body = raw[header_end + 1 :]
    return body if header == _header(key, body) else None


def is_intact(key: str, section: str) -> bool:
    """Whether some pack folder holds this section intact (its digest checked, its JSON not decoded)."""
    return any(_payload(folder, key, section) is not None for folder in folders())


def read_section(key: str, section: str, shape: Shape) -> Any:
    """One section of the pack ``key`` from the first folder holding it intact, or None."""
    for folder in folders():
        body = _payload(folder, key, section)
        try:
            payload = json.loads(body) if body is not None else None
        except ValueError:
            continue
        if payload is not None and shape(payload):
            return payload
    return None


def read_lines(key: str, section: str) -> dict[str, bytes] | None:
    """A section written by :func:`write_lines`: each name with its value's JSON, not yet decoded."""
    for folder in folders():
        body = _payload(folder, key, section)
        if body is None:
            continue
        lines: dict[str, bytes] = {}
        try:
            for line in body.split(b"\n"):
                name, _, value = line.partition(b"\t")
                lines[json.loads(name)] = value
        except ValueError:
            continue
        return lines
    return None


def write_lines(key: str, section: str, values: dict[str, Any]) -> None:
    """Store a section of one line per name: its JSON, a tab (never inside JSON text), the value's JSON.

    A query needing one file's entry then decodes that line, not the whole registry's.
    """
    lines = (
        json.dumps(name, ensure_ascii=False) + "\t" + json.dumps(value, ensure_ascii=False)
        for name, value in values.items()
    )
    _write(key, section, "\n".join(lines).encode("utf-8"))


def write_section(key: str, section: str, payload: Any) -> None:
    """Store one section of the pack ``key`` in every pack folder; failures only cost speed."""
    _write(key, section, json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def _write(key: str, section: str, body: bytes) -> None:
    data = json.dumps(_header(key, body)).encode("utf-8") + b"\n" + body
    for folder in folders():
        path = _section_path(folder, key, section)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if path.is_symlink() or (path.exists() and not path.is_file()):
                path.unlink()  # never written through a link or into a FIFO: rebuilt as a file
            write_cache_file(path, data)
            _keep_newest(folder)
        except OSError:
            continue


def _keep_newest(folder: Path) -> None:
    """Remove the packs of all but each registry's MAX_TREES most recently written states (MAX_STATES in all)."""
    newest: dict[str, float] = {}
    for path in folder.glob("pack-*.json"):
        key = path.name.split(".")[0]
        try:
            newest[key] = max(newest.get(key, 0.0), path.lstat().st_mtime)
        except OSError:
            continue
    kept: dict[str, int] = {}
    for rank, key in enumerate(sorted(newest, key=newest.__getitem__, reverse=True)):
        head, dash, _ = key.removeprefix("pack-").partition("-")
        lineage = head if dash else ""  # a key written without one
        kept[lineage] = kept.get(lineage, 0) + 1
        if kept[lineage] > MAX_TREES or rank >= MAX_STATES:
            for path in folder.glob(f"{key}.*.json"):
                path.unlink(missing_ok=True)
