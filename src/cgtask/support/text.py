"""Small text helpers shared by every layer (no third-party imports)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, TypeVar

_Value = TypeVar("_Value")

# XML 1.0 allows tab, LF, CR and the ranges below; anything else breaks a .docx.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def compiled(*rules: tuple[str, _Value]) -> tuple[tuple[re.Pattern[str], _Value], ...]:
    """A rule table, its patterns compiled: each rule is written as (pattern text, what a match means)."""
    return tuple((re.compile(pattern), value) for pattern, value in rules)


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


# C0 and C1 controls other than tab, LF and CR, and DEL: they move a terminal's cursor, clear its
# screen or retitle its window, and XML cannot hold most of them. The bidirectional overrides and
# isolates (U+202A–U+202E, U+2066–U+2069) reorder what is shown, so a note could read otherwise than
# it is stored ("Trojan Source").
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def control_characters(text: str) -> list[str]:
    """The control characters in ``text`` a record may not hold, each named (``U+001B``)."""
    return list(dict.fromkeys(describe_char(m.group()) for m in _CONTROL.finditer(text)))


def escape_controls(text: str) -> str:
    r"""``text`` with every control character (ESC, BEL, …) shown as ``\\x1b`` rather than acted on."""
    return _CONTROL.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds any character :func:`control_characters` names (a quick test of a whole file)."""
    return _CONTROL.search(text) is not None


# What a spreadsheet reads as the start of a formula (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_TEXT = re.compile(r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def inert_cell(value: Any) -> Any:
    """A cell value a spreadsheet will not run: text that would start a formula gets a leading ``'``.

    Numbers stay numbers, and so does text that is only a number (``-3``, ``+1.5``).
    """
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if _NUMBER_TEXT.fullmatch(value):
        return value
    return "'" + value
