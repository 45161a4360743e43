"""The shared base of every document (styles, settings, footers), kept in the cache folder.

Building it from python-docx's template takes longer than typesetting a notice; opening the saved
base takes a third of that. The file is made by this code only: its name carries a digest of
cgtask's version, python-docx's version and the renderer's source files, so any change to them
builds a new base. A file that cannot be read or written only costs the time of building one.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from cgtask import __version__

FooterIds = dict[str, str]  # footer relationship ids by footer type, as gbt9704 keeps them

_MAGIC = b"cgtask-base\n"


def _path() -> Path:
    import docx

    from cgtask.support.cache_folder import cache_dir

    render = Path(__file__).resolve().parent
    parts = [__version__, str(getattr(docx, "__version__", ""))]
    parts += [f"{p.name}:{p.stat().st_mtime_ns}:{p.stat().st_size}" for p in sorted(render.glob("*.py"))]
    digest = hashlib.blake2b("|".join(parts).encode(), digest_size=10).hexdigest()
    return cache_dir() / f"docx-base-{digest}.bin"


def read() -> tuple[bytes, dict[str, FooterIds]] | None:
    """The saved base's .docx bytes and footer ids, or None when there is none intact."""
    from cgtask.support.paths import read_regular

    raw = read_regular(_path(), 64 * 1024 * 1024)  # a FIFO or a link to /dev/zero is a miss
    if raw is None:
        return None
    if not raw.startswith(_MAGIC):
        return None
    header_end = raw.find(b"\n", len(_MAGIC))
    try:
        header = json.loads(raw[len(_MAGIC) : header_end])
        body = raw[header_end + 1 :]
        if header["digest"] != hashlib.blake2b(body, digest_size=16).hexdigest():
            return None
        footers = {kind: dict(ids) for kind, ids in header["footers"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return body, footers


def write(body: bytes, footers: dict[str, FooterIds]) -> None:
    """Keep the base for the next process; a cache folder that cannot be written is skipped."""
    from cgtask.errors import WriteError
    from cgtask.support.atomic import write_bytes_atomic

    header = {"digest": hashlib.blake2b(body, digest_size=16).hexdigest(), "footers": footers}
    path = _path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, _MAGIC + json.dumps(header).encode() + b"\n" + body)
    except (OSError, WriteError):
        return
