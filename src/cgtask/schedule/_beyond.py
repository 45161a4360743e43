"""Shapes a duty cannot hold, found in the whole phrase: each is refused with the part named.

The clause reader (``_grammar``) reads periods, bounds and numbers; some sentences pass it and would still
be read wrong, because what they say is not a duty done every period:

- an indicator, a rate kept at a level or the rate of an outcome (免疫抗体合格率全年保持在80%以上,
  满意度达88%以上, 履约率不低于85%): a target of the task, not something done N times. The outcomes are
  a short list of stems (合格, 满意, 知晓 …); any other rate (家访率, 抽查率, 结案率) stays a share, as before;
- a deadline with two alternative starting points (投入使用前或投入使用后30日内): cgtask counts from one;
- a share named without its number (每季度按比例开展抽查);
- an interval after an event (初免后，间隔1个月后进行加强免疫): neither a period nor a time allowed.

Each check returns ``(start, end, message)`` or None; the reader adds it as a problem.
"""

from __future__ import annotations

import re

Found = tuple[int, int, str]

_NUM = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百]+)"
_CLAUSE_STOP = ",;，；。"

# A percentage, and the words of its clause before it (合格率全年保持在 | 80%).
_PERCENT = re.compile(r"\d+(?:\.\d+)?%")
_RATE_REACH = 8  # at most this many characters between the rate's name and its number (全年保持在)
# A level kept, not reached by doing something: 保持在, 稳定在, 维持在.
_KEPT_AT = re.compile("保持|稳定|维持")
# Stems of an outcome: whatever the activity was, the rate measures its result (抽检合格率 is an outcome).
_OUTCOME_STEMS = re.compile("合格|满意|知晓|达标|准确|及时|完好|完整|正确|履约|知情|治愈|成功|优良|到位")
_PERIOD_DEGREES = ("年度", "季度", "月度")  # 度 closing a period word, not a degree

# Two starting points joined by 或: 投入使用前或投入使用后30日内.
_ALTERNATIVE_ANCHORS = re.compile(rf"[前后时]或者?[^{_CLAUSE_STOP}]{{0,16}}?[后起]")
# A share named without its number: 按比例, 按一定比例, 按照比例.
_SHARE_WITHOUT_NUMBER = re.compile("按照?(?:一定的?)?比例")
# An interval counted from an event: 间隔1个月后, 3个月后进行复查 (间隔不多于7天 beside a count is a spacing).
_INTERVAL_AFTER = re.compile(
    rf"(?:间隔|相隔)[^{_CLAUSE_STOP}\d]{{0,3}}?{_NUM}个?(?:工作日|小时|天|日|周|个?月|年)(?:后|以后|之后)"
    rf"|{_NUM}(?:个工作日|个月|天|周|年)(?:后|以后|之后)(?!的)"
)


def indicator(phrase: str) -> Found | None:
    """A rate kept at a level or an outcome rate before its percentage: a target, not a schedulable duty."""
    for match in _PERCENT.finditer(phrase):
        head = re.split(f"[{_CLAUSE_STOP}]", phrase[: match.start()])[-1]
        ends = [
            i for i, char in enumerate(head) if char in "率度" and head[i - 1 : i + 1] not in _PERIOD_DEGREES
        ]
        at = ends[-1] if ends else -1
        if at < 0 or len(head) - at - 1 > _RATE_REACH:
            continue  # 抽查率每季度保持在: the 度 of 每季度 closes a period, the rate is before it
        rate = re.findall("[\u4e00-\u9fff]{1,5}$", head[: at + 1])
        if rate and _is_indicator(rate[0], head[at + 1 :]):
            start = match.start() - len(head) + at + 1 - len(rate[0])
            return (
                start,
                match.end(),
                f"“{rate[0]}”是指标（一个率或程度达到、保持在某一水平），不是按期完成的事务；"
                "请把它写进任务的目标（targets），不写成频率",
            )
    return None


def _is_indicator(rate: str, between: str) -> bool:
    """保持在80%; 合格率, 履约率 (an outcome of what others do); 满意度, 完整度 (a degree is never a count).

    A rate of an activity (家访率, 抽查率, 覆盖率 达到, 结案率) stays a share of the duty, as before.
    """
    return bool(_KEPT_AT.search(between) or _OUTCOME_STEMS.search(rate) or rate.endswith("度"))


def alternative_anchors(phrase: str) -> Found | None:
    """一个期限的两个起点（…前或…后30日内）."""
    return _refused(
        _ALTERNATIVE_ANCHORS.search(phrase),
        "期限写了两个可选的起点（“…或…”），cgtask 只能从一个起点算期限；请写明从哪个起点算，或分成两条",
    )


def share_without_number(phrase: str, has_percent: bool) -> Found | None:
    """按比例 with no percentage anywhere in the phrase."""
    match = _SHARE_WITHOUT_NUMBER.search(phrase)
    if match is None or has_percent:
        return None
    return match.start(), match.end(), "没有写出比例是多少，cgtask 无法计算；请写出百分数（如不低于5%）"


def interval_after(phrase: str) -> Found | None:
    """间隔1个月后: an offset from an event, which is neither a period nor a time allowed (…后N日内)."""
    return _refused(
        _INTERVAL_AFTER.search(phrase),
        "这是从某件事算起的间隔，不是周期，也不是“…后N日内”的期限；cgtask 无法记录，请改写成周期或期限",
    )


def _refused(match: re.Match[str] | None, why: str) -> Found | None:
    """The part a pattern found, refused for ``why``; None when the pattern found nothing."""
    return None if match is None else (match.start(), match.end(), why)
