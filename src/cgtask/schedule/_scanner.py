"""Phrase → tokens: the first stage of the frequency grammar.

Each position is tried against the token patterns in order (longer, more specific forms first); text
that matches none becomes a WORD token running to the next position where a pattern matches. The
grammar (``_grammar``) then decides which words are tolerated filler, a subject, the thing counted or
the base of a share.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from cgtask.schedule._lexicon import (
    BOUNDS_AT_LEAST,
    BOUNDS_AT_MOST,
    COUNT_UNITS,
    COVERAGE_WORDS,
    EVENT_TRIGGERS,
    PERIOD_WORDS,
    QUANTITY_UNITS,
    SLASH_PERIOD,
    SLASH_SCOPE,
    SOFTENERS,
    STEPPED_PERIOD,
)
from cgtask.schedule._text import DECIMAL, NUM, parse_decimal, parse_number


@dataclass(frozen=True)
class Token:
    """One part of a phrase: ``kind`` names the part, ``start``/``end`` locate it in the phrase."""

    kind: str
    start: int
    end: int
    text: str
    period: str | None = None
    step: int | None = None
    number: float | None = None
    unit: str | None = None
    bound: str | None = None
    deadline: str | None = None
    each_both: bool = False


_Maker = Callable[["re.Match[str]"], Token]
_WEEKDAYS = "一二三四五六日天"


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _token(kind: str, **fields: object) -> _Maker:
    def make(match: re.Match[str]) -> Token:
        return Token(kind, match.start(), match.end(), match[0], **fields)  # type: ignore[arg-type]

    return make


def _stepped(match: re.Match[str]) -> Token:
    step = parse_number(match["step"])
    unit = match["what"].lstrip("个")
    kind, kind_step = _stepped_kind(unit, step)
    return Token("PERIOD", match.start(), match.end(), match[0], period=kind, step=kind_step)


def _stepped_kind(unit: str, step: int) -> tuple[str, int | None]:
    """每3个月 is a quarter, 每12个月 a year, 每2周 a biweek; other steps keep their number."""
    common = {
        ("天", 1): "day", ("日", 1): "day", ("周", 1): "week", ("星期", 1): "week",
        ("周", 2): "biweek", ("星期", 2): "biweek", ("月", 1): "month", ("月", 2): "bimonth",
        ("月", 3): "quarter", ("月", 6): "half", ("月", 12): "year", ("年", 1): "year",
    }  # fmt: skip
    if (unit, step) in common:
        return common[(unit, step)], None
    base = {"天": "days", "日": "days", "周": "weeks", "星期": "weeks", "月": "months", "年": "years"}[unit]
    return base, step


def _quantity(match: re.Match[str]) -> Token:
    unit = match["unit"]
    kind = "COUNT" if unit in COUNT_UNITS else "SHARE" if unit == "%" else "QUANTITY"
    after = match["after"]
    bound = "min" if after == "以上" else "max" if after in ("以下", "以内") else None
    return Token(
        kind, match.start(), match.end(), match[0], number=parse_decimal(match["n"]), unit=unit, bound=bound
    )


def _deadline(period: str | None) -> _Maker:
    def make(match: re.Match[str]) -> Token:
        text = match["rule"]
        return Token("DEADLINE", match.start(), match.end(), match[0], period=period, deadline=text)

    return make


def _bound(kind: str) -> _Maker:
    return _token("BOUND", bound=kind)


_UNITS = _alternation((*COUNT_UNITS, *QUANTITY_UNITS)) + "|%"
_DAY = rf"{NUM}(?:日|号)"

# Order matters: the first pattern that matches at a position wins.
_PATTERNS: tuple[tuple[re.Pattern[str], _Maker], ...] = (
    (re.compile(rf"\((?:自|从)?(?P<start>{NUM})月(?:份)?(?:起|开始)?\)"), _token("MONTHS")),
    (re.compile(rf"\({NUM}月(?:份)?免报\)"), _token("REMARK")),
    (re.compile(SLASH_SCOPE), _token("SCOPE")),
    *((re.compile(pattern), _token("PERIOD", period=kind)) for pattern, kind in SLASH_PERIOD),
    (re.compile(r"[,;、()：:/\[\]【】]+"), _token("SEP")),
    # deadlines that carry their period; ``rule`` is also a deadline on its own, so it round-trips
    (re.compile(rf"每(?P<rule>周[{_WEEKDAYS}](?:{NUM}(?:时|点))?(?:前|之前|以前))"), _deadline("week")),
    (re.compile(rf"每(?P<rule>季(?:度)?(?:后|结束后){NUM}(?:日|天)内)"), _deadline("quarter")),
    (re.compile(rf"每(?P<rule>月(?:后|结束后){NUM}(?:日|天)内)"), _deadline("month")),
    (re.compile(rf"每年(?:的)?(?P<rule>{NUM}月(?:底|末|{_DAY})(?:前|之前|以前))"), _deadline("year")),
    (re.compile(rf"每月(?:的)?(?P<rule>{_DAY}(?:前|之前|以前))"), _deadline("month")),
    # deadlines relative to whatever period the phrase names
    (re.compile(rf"(?P<rule>周[{_WEEKDAYS}](?:{NUM}(?:时|点))?(?:前|之前|以前))"), _deadline(None)),
    (re.compile(rf"(?P<rule>(?:次月|月后|下月){_DAY}(?:前|之前|以前)?)"), _deadline(None)),
    (re.compile(rf"(?P<rule>(?:季|季度|月)(?:后|结束后){NUM}(?:日|天)内)"), _deadline(None)),
    (re.compile(rf"(?P<rule>(?:期满后|结束后)?{NUM}个工作日内)"), _deadline(None)),
    (re.compile(rf"(?P<rule>(?:次年)?{NUM}月(?:底|末|{_DAY})(?:前|之前|以前))"), _deadline(None)),
    (re.compile(rf"(?P<rule>{_DAY}(?:前|之前|以前))"), _deadline(None)),
    (re.compile(_alternation(EVENT_TRIGGERS)), _token("EVENT")),
    # 当季度/上月 name the base of a share, not a period of the phrase.
    (re.compile(r"(?:当|本|上一?|同)(?:季度|季|月份?|年度?|周)"), _token("WORD")),
    (re.compile(rf"每{NUM}(?:个)?(?:小时|分钟)"), _token("UNSUPPORTED")),
    # 一季度/第二季度 name one quarter of the year, not a cadence: refuse rather than read 每季度.
    (re.compile(r"第?[一二三四1-4]季度"), _token("SPECIFIC")),
    (re.compile(STEPPED_PERIOD), _stepped),
    *((re.compile(pattern), _token("PERIOD", period=kind)) for pattern, kind in PERIOD_WORDS),
    # 一年一次、半年两次、一月一次: the period without 每, right before its count.
    *(
        (re.compile(rf"(?:一)?{word}(?=[一二两三四五六七八九十\d]+次)"), _token("PERIOD", period=kind))
        for word, kind in (
            ("半年", "half"),
            ("年", "year"),
            ("季度?", "quarter"),
            ("个?月", "month"),
            ("周", "week"),
            ("旬", "xun"),
        )
    ),
    (re.compile(r"每次"), _token("EACH")),
    (re.compile(COVERAGE_WORDS), _token("COVERAGE")),
    (re.compile(_alternation(BOUNDS_AT_LEAST)), _bound("min")),
    (re.compile(_alternation(BOUNDS_AT_MOST)), _bound("max")),
    (re.compile(_alternation(SOFTENERS)), _bound("soft")),
    (re.compile(rf"各?(?P<n>{DECIMAL})(?P<unit>{_UNITS})(?P<after>以上|以下|以内)?"), _quantity),
)


def _match_at(phrase: str, position: int) -> Token | None:
    for pattern, make in _PATTERNS:
        match = pattern.match(phrase, position)
        if match and match.end() > position:
            return make(match)
    return None


def scan(phrase: str) -> list[Token]:
    """Every part of ``phrase`` as a token, unknown runs of text as WORD tokens."""
    tokens: list[Token] = []
    position, word_start = 0, None
    while position < len(phrase):
        token = _match_at(phrase, position)
        if token is None:
            word_start = position if word_start is None else word_start
            position += 1
            continue
        if word_start is not None:
            tokens.append(Token("WORD", word_start, position, phrase[word_start:position]))
            word_start = None
        tokens.append(token)
        position = token.end
    if word_start is not None:
        tokens.append(Token("WORD", word_start, len(phrase), phrase[word_start:]))
    return tokens
