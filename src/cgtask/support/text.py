"""Small text helpers shared by every layer (no third-party imports)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

# XML 1.0 allows tab, LF, CR and the ranges below; anything else breaks a .docx.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_illegal_chars(text: str) -> list[tuple[int, str]]:
    """Return (offset, character) for every character that XML 1.0 cannot hold."""
    return [(m.start(), m.group()) for m in _XML_ILLEGAL.finditer(text)]


def describe_char(char: str) -> str:
    """A readable name for a control character, e.g. ``U+000B``."""
    return f"U+{ord(char):04X}"


def cell_text(value: Any) -> str:
    """What a table or spreadsheet cell shows: lists joined with 、, 是/否, JSON for a mapping, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(cell_text(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
