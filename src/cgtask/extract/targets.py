"""Quantitative requirements in a task's text: 至少5份 → (建议书, >=, 5, 份).

``find_targets`` returns candidates; a person decides which become ``targets:`` in the registry,
and ``check`` (W601) uses the same function to flag a requirement that no target covers.

What counts as a requirement (each rule is a pattern below):

- a comparison sign before a number: ``APP开单率≥95%``, ``录用数>40``, ``比值<30%``;
  a range ``10<录用数≤15`` is ``between`` (low < x ≤ high);
- a comparison word before a number: 至少/不少于/不低于/达到 (>=), 高于/超过/超 (>),
  不超过/不高于 (<=), 低于/少于 (<); 达/达到/为 only before a percentage or after a word ending
  in 率/比 (完成率达到100%, 差值占比率为0), because 为/达 before a plain number is ordinary prose;
- a count followed by 以上 (>=) or 以下/以内 (<=): ``10起以上``;
- a rate written straight before its percentage: ``达标率100%`` (=);
- a ranking: 排名前3, 前三名 (top 3), 第一名 (top 1), and ``50佳`` (the name of a top-50 selection, top 50);
- a staffing ratio: ``每2人配备一台`` (people per device <= 2);
- a bare quota, an Arabic number with a counting word 个/人/份/篇/起/家/件/项/场/名 after a verb:
  完成4个街道, 推荐师资4人 (>=: a quota is a floor);
- ``10W+`` (or 10万+) is 100000, so 阅读量超10W+ is > 100000.

What is incidental and never reported:

- years, dates and ordinals: 2022年, 第四十六届, 第五届, 第二轮, 第四批, 第一次, 100周年;
- Chinese numerals outside a ranking: 二十大, 三年行动计划, 两次实效检查, 五个方面, 一台 (they name or
  order things, they do not set a quota);
- kinds and qualifiers: 7类, 12学时 / 12次 right before the rate they qualify (12次达标率100% is one
  requirement, the rate), 4G/5G;
- anything inside 《》 (a document's title);
- frequencies such as 每半年一次 or 每月: they are the task's ``schedule``, not its targets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from cgtask.support.text import compiled

_PLAIN_NUMBER = r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)"
_NUMBER = _PLAIN_NUMBER + r"(?P<wan>[Ww万]\+|[Ww])?"  # 10W+ and 10万+ are read as 100000
_PERCENT = "%％"
_UNIT = r"(?P<unit>[%％]|人次|[份篇起个人名家次件项场期条台天分处])?"
_COUNT_UNIT = r"(?P<unit>[个人份篇起家件项场名])"
_CHINESE_DIGITS = "零一二三四五六七八九"
_RANK = r"(?P<num>\d+|[一二三四五六七八九十]+)"

_SIGNS = {
    "≥": ">=",
    ">=": ">=",
    "＞": ">",
    ">": ">",
    "≤": "<=",
    "<=": "<=",
    "＜": "<",
    "<": "<",
    "=": "=",
    "＝": "=",
}
_WORDS = {
    "不少于": ">=", "不低于": ">=", "不小于": ">=", "至少": ">=", "最少": ">=", "达到": ">=", "达": ">=",
    "高于": ">", "大于": ">", "超过": ">", "多于": ">", "超": ">",
    "不超过": "<=", "不高于": "<=", "不大于": "<=", "最多": "<=", "至多": "<=",
    "低于": "<", "小于": "<", "少于": "<", "为": "=",
}  # fmt: skip
_SUFFIXES = {"以上": ">=", "以下": "<=", "以内": "<="}
# Words that only state a requirement before a percentage or after a rate (为期三天, 达成共识 …).
_WEAK_WORDS = frozenset({"达到", "达", "为"})


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so that 不少于 wins over 少于 and 达到 over 达."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_BETWEEN = re.compile(
    r"(?<![\d.])(?P<low>\d+(?:\.\d+)?)\s*[<＜]\s*(?P<metric>[^\d<>≤≥，。；;,]{1,20}?)\s*"
    r"(?:≤|<=|<|＜)\s*(?P<high>\d+(?:\.\d+)?)" + _UNIT
)
# A comparison and the operators its words mean: a sign (≥95%), a word (不少于30件), a suffix alone (50件以上).
_COMPARISONS = compiled(
    (rf"(?P<op>{_alternation(_SIGNS)})\s*{_NUMBER}{_UNIT}", _SIGNS),
    (rf"(?P<op>{_alternation(_WORDS)})\s*{_NUMBER}{_UNIT}(?P<suffix>以上|以下|以内)?", _WORDS),
    (rf"{_NUMBER}{_UNIT}(?P<suffix>以上|以下|以内)", {}),
)
_RATE = re.compile(rf"(?<=率){_NUMBER}(?P<unit>[%％])")
# 排名前3 needs no 名; a bare 前… does (前三季度, 前5日 are periods, not rankings); 第3名.
_RANKINGS = compiled(
    (rf"(?:排名|名列|位列|位居|进入)前{_RANK}(?:名|位)?", "top"),
    (rf"前{_RANK}(?:名|位)", "top"),
    (rf"(?:排名|名列|位列)?第{_RANK}名", "top"),
)
_BEST = re.compile(r"(?<![\d.])(?P<num>\d+)佳")
_RATIO = re.compile(
    r"(?:至少)?每(?P<num>\d+)人(?:配备|配置|配)(?:一|1)(?P<unit>台|个|套|部|辆)(?P<thing>[^，。；;,]*)"
)
# A count right before a rate (12次达标率) qualifies the rate; the rate is the requirement.
_COUNT = re.compile(rf"(?<![第每前]){_PLAIN_NUMBER}{_COUNT_UNIT}(?![^，。；;,]{{0,6}}率)")
_TITLE = re.compile(r"《[^》]*》")
_CLAUSE_END = "，,；;。：:！？\n"
_FILLERS = re.compile(r"^(?:全年|确保|满足|并且|并|且|或者|或|以及|及|按要求|应当|应|须|必须|要求)+")


@dataclass(frozen=True)
class TargetCandidate:
    """One requirement found in a text.

    ``start``/``end`` mark the requirement itself (sign or word, number, unit) in the text;
    ``text`` is the verbatim phrase with the words naming the metric in front of it.
    """

    text: str
    start: int
    end: int
    metric: str | None
    op: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None


def find_targets(text: str) -> list[TargetCandidate]:
    """Every quantitative requirement in ``text``, in order, none overlapping another."""
    titles = [match.span() for match in _TITLE.finditer(text)]
    found = sorted(_all_candidates(text), key=lambda c: (c.start, c.start - c.end))
    chosen: list[TargetCandidate] = []
    for candidate in found:
        if any(start <= candidate.start < end for start, end in titles):
            continue
        if chosen and candidate.start < chosen[-1].end:
            continue  # the longer, earlier reading of the same words wins (10<录用数≤15 over ≤15)
        chosen.append(candidate)
    return chosen


def _all_candidates(text: str) -> Iterator[TargetCandidate]:
    yield from _between(text)
    for pattern, operators in _COMPARISONS:
        yield from _compared(text, pattern, operators)
    yield from _rates(text)
    yield from _rankings(text)
    yield from _ratios(text)
    yield from _counts(text)


def _between(text: str) -> Iterator[TargetCandidate]:
    for match in _BETWEEN.finditer(text):
        low, high = float(match.group("low")), float(match.group("high"))
        if low < high:
            yield TargetCandidate(
                match.group(), match.start(), match.end(), match.group("metric").strip(), "between",
                low=low, high=high, unit=_unit(match),
            )  # fmt: skip


def _compared(text: str, pattern: re.Pattern[str], operators: dict[str, str]) -> Iterator[TargetCandidate]:
    for match in pattern.finditer(text):
        word = match.groupdict().get("op") or ""
        suffix = match.groupdict().get("suffix") or ""
        op = operators.get(word) or _SUFFIXES.get(suffix)
        metric, phrase_start = _metric_before(text, match.start())
        if op is None or (word in _WEAK_WORDS and not _is_rate(match, metric)):
            continue
        if word in _WEAK_WORDS and suffix:
            op = _SUFFIXES[suffix]
        yield _candidate(text, match, phrase_start, metric, _Comparison(op, _value(match), _unit(match)))


def _is_rate(match: re.Match[str], metric: str | None) -> bool:
    return _unit(match) == "%" or bool(metric and re.search(r"(率|比|比值|占比)$", metric))


def _rates(text: str) -> Iterator[TargetCandidate]:
    for match in _RATE.finditer(text):
        metric, phrase_start = _metric_before(text, match.start())
        yield _candidate(text, match, phrase_start, metric, _Comparison("=", _value(match), "%"))


def _rankings(text: str) -> Iterator[TargetCandidate]:
    for pattern, op in _RANKINGS:
        for match in pattern.finditer(text):
            metric, phrase_start = _metric_before(text, match.start())
            if metric is None:  # 重复信访率按照全年由低到高排名，排名前4: the metric is the clause before
                metric, phrase_start = _previous_clause(text, match.start())
            rank = float(_rank_number(match.group("num")))
            yield _candidate(text, match, phrase_start, metric, _Comparison(op, rank, "名"))
    for match in _BEST.finditer(text):  # 第四批50佳优秀城管社区工作室: what is selected follows the number
        _, phrase_start = _metric_before(text, match.start())
        following = text[match.end() : _clause_end(text, match.end())]
        candidate = _candidate(
            text, match, phrase_start, following or None, _Comparison("top", _value(match), "名")
        )
        yield _extended(candidate, text, phrase_start)


def _ratios(text: str) -> Iterator[TargetCandidate]:
    for match in _RATIO.finditer(text):
        metric = f"每{match.group('unit')}{match.group('thing')}对应人数"
        end = match.start("thing")
        yield TargetCandidate(
            text[match.start() : end],
            match.start(),
            end,
            metric,
            "<=",
            value=float(match.group("num")),
            unit="人",
        )


def _counts(text: str) -> Iterator[TargetCandidate]:
    for match in _COUNT.finditer(text):
        before, phrase_start = _metric_before(text, match.start())
        if not before:  # a count with no words before it in its clause names nothing to reach
            continue
        # 完成4个街道“无违建示范街镇”创建工作: the counted thing and the work follow the number.
        following = text[match.end() : _clause_end(text, match.end())]
        metric = f"{before}…{following}" if following else before
        candidate = _candidate(
            text, match, phrase_start, metric, _Comparison(">=", _value(match), _unit(match))
        )
        yield _extended(candidate, text, phrase_start)


def _extended(candidate: TargetCandidate, text: str, phrase_start: int) -> TargetCandidate:
    """The candidate with its phrase running on to the end of the clause."""
    return replace(candidate, text=text[phrase_start : _clause_end(text, candidate.end)])


@dataclass(frozen=True)
class _Comparison:
    """What a matched phrase asks: ``op`` (>=, <=, =, top) ``value`` in ``unit``."""

    op: str
    value: float
    unit: str | None


def _candidate(
    text: str, match: re.Match[str], phrase_start: int, metric: str | None, asked: _Comparison
) -> TargetCandidate:
    """The candidate for ``match``: its phrase from ``phrase_start``, the metric and the comparison."""
    return TargetCandidate(
        text[phrase_start : match.end()],
        match.start(),
        match.end(),
        metric,
        asked.op,
        value=asked.value,
        unit=asked.unit,
    )


def _metric_before(text: str, start: int) -> tuple[str | None, int]:
    """The words naming what is measured: the clause before ``start``, without leading fillers."""
    clause_start = max(text.rfind(mark, 0, start) for mark in _CLAUSE_END) + 1
    words = text[clause_start:start]
    filler = _FILLERS.match(words)
    cut = filler.end() if filler else 0
    metric = words[cut:].strip()
    if not metric:
        return None, start
    return metric, clause_start + cut + (len(words[cut:]) - len(words[cut:].lstrip()))


def _clause_end(text: str, start: int) -> int:
    ends = [text.find(mark, start) for mark in _CLAUSE_END]
    return min([end for end in ends if end >= 0], default=len(text))


def _previous_clause(text: str, start: int) -> tuple[str | None, int]:
    """The clause before the one holding ``start``, when only a comma separates them."""
    clause_start = max(text.rfind(mark, 0, start) for mark in _CLAUSE_END) + 1
    if clause_start == 0 or text[clause_start - 1] not in "，,":
        return None, start
    return _metric_before(text, clause_start - 1)


def _value(match: re.Match[str]) -> float:
    value = float(match.group("num"))
    return value * 10000 if match.groupdict().get("wan") else value


def _unit(match: re.Match[str]) -> str | None:
    unit = match.groupdict().get("unit")
    if not unit:
        return None
    return "%" if unit in _PERCENT else unit


def _rank_number(rank: str) -> int:
    """3 → 3, 三 → 3, 十二 → 12, 二十 → 20."""
    if rank.isdigit():
        return int(rank)
    if "十" not in rank:
        return _CHINESE_DIGITS.index(rank)
    tens, _, ones = rank.partition("十")
    return (_CHINESE_DIGITS.index(tens) if tens else 1) * 10 + (_CHINESE_DIGITS.index(ones) if ones else 0)
