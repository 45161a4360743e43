r"""Control characters that reach a registry's values through YAML escapes ("\e[2J", "\x1b", "\u202e").

The text scan refuses the raw characters XML cannot hold; a double-quoted scalar can still spell any
character as an escape, and a few the text scan lets through (DEL, the C1 controls, the bidirectional
overrides) are just as able to clear a terminal or make a note read otherwise than it is stored. So the
parsed values are searched too — only when the text could hold such a value at all.
"""

from __future__ import annotations

import re
from typing import Any

from cgtask.support.text import control_characters, has_control_characters

_ESCAPE = re.compile(r"\\(?:[0abefvN]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})")
_NAMED = {"0": "\x00", "a": "\x07", "b": "\x08", "e": "\x1b", "f": "\x0c", "v": "\x0b", "N": "\x85"}


def may_hold_controls(text: str) -> bool:
    """Whether any value parsed from ``text`` could hold a control character (a backslash, or a raw one)."""
    return "\\" in text or has_control_characters(text)


def first_control(data: Any) -> str | None:
    """The first control character in any string of ``data`` (keys too), named as ``U+001B``.

    Each container is visited once, so aliases cost nothing here (their expansion is checked elsewhere).
    """
    stack, seen = [data], set()
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if found := control_characters(value):
                return found[0]
        elif isinstance(value, dict | list) and id(value) not in seen:
            seen.add(id(value))
            stack.extend([*value.keys(), *value.values()] if isinstance(value, dict) else value)
    return None


def control_line(text: str) -> int:
    """The first line of ``text`` holding a control character, raw or as an escape (1 when none is seen)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if has_control_characters(line) or any(_is_control(m.group()) for m in _ESCAPE.finditer(line)):
            return number
    return 1


def _is_control(escape: str) -> bool:
    code = escape[1:]
    number = int(code[1:], 16) if code not in _NAMED else 0
    if number > 0x10FFFF:  # no character at all (in a single-quoted scalar, mere text)
        return False
    return has_control_characters(_NAMED[code] if code in _NAMED else chr(number))
