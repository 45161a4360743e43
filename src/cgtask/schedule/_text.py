"""Text helpers shared by the phrase parsers: width folding, traditional characters, Chinese numerals."""

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

# Traditional forms seen in phrases from Hong Kong/Taiwan-encoded pages and old documents: only the
# characters that carry schedule meaning or appear in the filler words, not a general converter.
_TRADITIONAL = str.maketrans(
    "於週數項個檢覆蓋兩為時間報內後級進開應對單總當鐘計劃執條責學節務訪會議組織實確辦處區隊機構產業場門導問題現統據達過並從與長專縣鎮雙隨季歲雙少幾低點頻査檢閱覽頭轄則參眾來黨領續職衛療醫藥環",
    "于周数项个检覆盖两为时间报内后级进开应对单总当钟计划执条责学节务访会议组织实确办处区队机构产业场门导问题现统据达过并从与长专县镇双随季岁双少几低点频查检阅览头辖则参众来党领续职卫疗医药环",
)

# A count as people write it: 30, ３０ (folded to 30 first), 三十, 两.
NUM = r"(?:\d+|[零〇一二两三四五六七八九十百千]+)"
# A number that may carry decimals (shares: 12.5%).
DECIMAL = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"


def normalize_phrase(text: str) -> str:
    """Full-width to half-width (NFKC), traditional to simplified, spaces removed, a final 。 trimmed."""
    folded = unicodedata.normalize("NFKC", text).translate(_TRADITIONAL)
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


def parse_decimal(token: str) -> float:
    """12.5 → 12.5; integers and Chinese numerals as ``parse_number``."""
    if re.fullmatch(r"\d+\.\d+", token):
        return float(token)
    return float(parse_number(token))
