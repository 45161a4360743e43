"""File names from registry text: Chinese is kept, anything that could leave the folder is not.

A 中队 name or a task id is user-written; as a file name it must not hold a path separator, a
parent reference, a control character or a Windows-reserved character (the site is read from
file shares), and two names must not fold to one file on a case-insensitive file system.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Mapping
from typing import TypeVar

# Separators, Windows-reserved punctuation, the URL-significant # ? % and whitespace all become "-".
_UNSAFE = re.compile(r'[\\/:*?"<>|#%\s]+')
_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
MAX_LENGTH = 80
K = TypeVar("K", bound=Hashable)


def slugify(text: str) -> str:
    """A safe file-name stem for ``text``; the same text always gives the same stem."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join("-" if unicodedata.category(c).startswith("C") else c for c in text)
    text = _UNSAFE.sub("-", text)
    text = re.sub(r"-{2,}", "-", text).strip("-. ")
    text = text[:MAX_LENGTH].rstrip("-. ")
    if not text:
        return "x"
    if text.split(".")[0].lower() in _WINDOWS_RESERVED:
        text = "_" + text
    return text


def unique_slugs(wanted: Mapping[K, str]) -> dict[K, str]:
    """A distinct safe stem for each key from the text it wants, in order.

    A later key whose stem would collide (ignoring case, as Windows shares do) gets ``-2``, ``-3`` …,
    so no page overwrites another.
    """
    taken: set[str] = set()
    stems: dict[K, str] = {}
    for key, text in wanted.items():
        base = slugify(text)
        stem, n = base, 2
        while stem.casefold() in taken:
            stem, n = f"{base}-{n}", n + 1
        taken.add(stem.casefold())
        stems[key] = stem
    return stems
