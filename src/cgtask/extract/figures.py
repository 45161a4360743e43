"""Key figures in the prose of a work summary: 依法查处无序设摊案件31586起 → (metric, 31586, 起).

The value is kept as the text the document wrote ("38.6", never 38.600000001), so that a
figure can always be found again in its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Longest first, so that 万平方米 wins over 平方米 and 人次 over 人.  Words such as 年、月、日、届、类
# are left out on purpose: they date or order things, they do not count them.
UNITS = sorted(
    [
        "万平方米", "平方米", "万人次", "千人次", "人次", "万条次", "条次", "万家次", "家次",
        "万次", "次", "万元", "元", "万条", "条", "起", "处", "件", "套", "块", "辆次", "辆",
        "公斤", "羽", "人", "家", "篇", "个", "顶", "天", "期", "名", "份", "分", "%",
    ],
    key=len,
    reverse=True,
)  # fmt: skip
_FIGURE = re.compile(
    r"(?P<before>超|近|约)?\s*(?<![\d.])(?P<value>\d+(?:\.\d+)?)\s*(?P<after>余|多)?"
    r"(?P<unit>" + "|".join(map(re.escape, UNITS)) + r")"
)
_SENTENCE_END = re.compile(r"[。；！？\n]")
_CLAUSE_BREAK = "，,：:；;"
# After a classifier the counted thing follows the number (设置16个执勤点位), so those words join the metric.
_CLASSIFIERS = frozenset("个名家篇期件人套块条辆顶份处")
_FOLLOWING_END = re.compile(r"[，,。；;：:、（()）“/\d\s]")
_FOLLOWING_MAX = 10  # longer runs are the rest of the sentence, not the name of what was counted
_LEADING_WORDS = ("其中", "和", "及", "另", "共计", "共", "累计", "合计")
_TRAILING_WORDS = ("达到", "达", "共计", "共", "累计", "合计")
_EDGE_MARKS = " 、/（()）"


@dataclass(frozen=True)
class FoundFigure:
    """A number with its unit, the words that say what it counts, and its sentence."""

    metric: str
    value: str
    unit: str
    approximate: bool
    sentence: str


def sentences(text: str) -> Iterator[str]:
    """The sentences of ``text``, split at 。；！？ and line ends, without the end mark."""
    for sentence in _SENTENCE_END.split(text):
        if sentence.strip():
            yield sentence.strip()


def find_figures(text: str) -> list[FoundFigure]:
    """Every counted quantity in ``text``, in order of appearance."""
    found: list[FoundFigure] = []
    for sentence in sentences(text):
        found += _figures_in_sentence(sentence)
    return found


def _figures_in_sentence(sentence: str) -> list[FoundFigure]:
    found: list[FoundFigure] = []
    clause_start = 0
    for match in _FIGURE.finditer(sentence):
        start = match.start("before") if match.group("before") else match.start("value")
        metric = _metric_at(sentence, clause_start, start, match, found[-1] if found else None)
        approximate = bool(match.group("before") or match.group("after"))
        found.append(FoundFigure(metric, match.group("value"), match.group("unit"), approximate, sentence))
        clause_start = match.end()
    return found


def _metric_at(
    sentence: str, clause_start: int, start: int, match: re.Match[str], previous: FoundFigure | None
) -> str:
    gap = sentence[clause_start:start]
    before = _metric(gap)
    after = _following(sentence[match.end() :]) if match.group("unit") in _CLASSIFIERS else ""
    if before and after:
        return f"{before}…{after}"
    if before or after:
        return before or after
    if previous and not any(mark in gap for mark in _CLAUSE_BREAK):
        return previous.metric  # "84.98分和85.31分": the second number shares the first one's metric
    return "数量"


def _following(words: str) -> str:
    end = _FOLLOWING_END.search(words)
    following = words[: end.start() if end else len(words)]
    return following if 2 <= len(following) <= _FOLLOWING_MAX else ""


def _metric(words: str) -> str:
    """The words right before a number, from the last clause break, without joining words."""
    cut = max(words.rfind(mark) for mark in _CLAUSE_BREAK)
    metric = words[cut + 1 :].strip(_EDGE_MARKS)
    metric = _strip_words(metric, _LEADING_WORDS, leading=True)
    metric = _strip_words(metric, _TRAILING_WORDS, leading=False)
    if metric.endswith("为") and not metric.endswith("行为"):  # 得分为84.98分, but 违法行为2208件
        metric = metric[:-1]
    return metric.strip(_EDGE_MARKS)


def _strip_words(text: str, words: tuple[str, ...], *, leading: bool) -> str:
    for word in words:
        if leading and text.startswith(word):
            return text[len(word) :]
        if not leading and text.endswith(word):
            return text[: -len(word)]
    return text
