"""Text helpers shared by the phrase parsers: width folding and Chinese numerals."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}

# A count as people write it: 30, ３０ (folded to 30 first), 三十, 两.
NUM = r"(?:\d+|[零〇一二两三四五六七八九十百千]+)"


def normalize_phrase(text: str) -> str:
    """Full-width digits and punctuation to half-width (NFKC), spaces removed, a final 。 trimmed."""
    folded = unicodedata.normalize("NFKC", text)
    return _SPACES.sub("", folded).strip("。.")


def parse_number(token: str) -> int:
    """Arabic or Chinese numerals up to the thousands (30, 三十, 两, 一百二十)."""
    if token.isdigit():
        return int(token)
    total, digit = 0, 0
    for char in token:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        else:
            total += (digit or 1) * _CN_UNITS[char]
            digit = 0
    return total + digit
