"""Frequency phrases written by people in Chinese (每周不少于2次 …) → a plain structure, and back.

The parser normalises width and spacing, then scans the phrase left to right with a small set of
token patterns; anything left over is an error that quotes the phrase and lists the accepted forms.
Filler verbs and targets (开展, 抽查, 街镇中队 …) carry no schedule meaning and are skipped; the
verbatim text is always kept in ``Frequency.text``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from cgtask.errors import FrequencyError
from cgtask.schedule._text import NUM, normalize_phrase, parse_number
from cgtask.schedule.due_rules import DUE_RULE_FORMS, DueRule, format_due_rule, parse_due_rule

__all__ = [
    "ACCEPTED_FORMS",
    "DUE_RULE_FORMS",
    "EVENT_TRIGGERS",
    "PERIODS",
    "DueRule",
    "Frequency",
    "Quota",
    "format_due_rule",
    "format_frequency",
    "format_quota",
    "parse_due_rule",
    "parse_frequency",
]

PERIODS: tuple[str, ...] = (
    "day",
    "workday",
    "week",
    "biweek",
    "xun",
    "month",
    "bimonth",
    "quarter",
    "half",
    "year",
    "h1",
    "h2",
    "event",
)

ACCEPTED_FORMS: tuple[str, ...] = (
    "每天 / 每日",
    "每个工作日",
    "每周",
    "每两周 / 双周",
    "每旬（上旬1—10日、中旬11—20日、下旬21日—月末）",
    "每月 / 按月",
    "双月 / 每两个月（1—2月、3—4月……，“每两个月（2月起）”表示2—3月、4—5月……）",
    "每季度 / 按季度",
    "每半年",
    "每年 / 全年",
    "上半年 / 下半年（各一个窗口）",
    "上半年、下半年各一次",
    "次数：N次、不少于N次、至少N次（如“每周不少于2次”“每月2次”“每半年1次”）",
    "全覆盖（如“每季度全覆盖”“每月抽查全覆盖”）",
    "每次数量：每次不少于N件/份/个（如“每半年1次，每次不少于30件”）",
    "比例：不少于当季度案件数N%（如“每季度，不少于当季度案件数10%”）",
    "总量：不少于N个（如“全年不少于100个”）",
    "事件触发、无固定日期：一案一督、随时、适时、不定期、接到指令后",
)

_PERIOD_WORDS: dict[str, str] = {
    "day": "每天",
    "workday": "每个工作日",
    "week": "每周",
    "biweek": "每两周",
    "xun": "每旬",
    "month": "每月",
    "bimonth": "每两个月",
    "quarter": "每季度",
    "half": "每半年",
    "year": "每年",
    "h1": "上半年",
    "h2": "下半年",
}

EVENT_TRIGGERS: tuple[str, ...] = ("一案一督", "随时", "适时", "不定期", "接到指令后")

# The start months of two-month windows when none are given: Jan–Feb, Mar–Apr …
DEFAULT_BIMONTH_STARTS: tuple[int, ...] = (1, 3, 5, 7, 9, 11)
EVEN_BIMONTH_STARTS: tuple[int, ...] = (2, 4, 6, 8, 10, 12)


@dataclass(frozen=True)
class Quota:
    """A quantity attached to a frequency.

    ``per`` says what it counts against: ``each`` — every single time (每次不少于30件), or
    ``period`` — the whole period (全年不少于100个; 不少于当季度案件数10%). A count quota has
    ``count`` and ``unit``; a share quota has ``percent`` and its ``basis`` (当季度案件数).
    ``what`` is the thing counted when the phrase names it (案卷, 时长).
    """

    per: str
    count: int | None = None
    unit: str | None = None
    percent: float | None = None
    basis: str | None = None
    what: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with English keys."""
        return {
            "per": self.per,
            "count": self.count,
            "unit": self.unit,
            "percent": _plain_number(self.percent),
            "basis": self.basis,
            "what": self.what,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quota:
        """Rebuild a quota from ``to_dict`` output."""
        percent = data.get("percent")
        return cls(
            per=str(data["per"]),
            count=data.get("count"),
            unit=data.get("unit"),
            percent=None if percent is None else float(percent),
            basis=data.get("basis"),
            what=data.get("what"),
        )


@dataclass(frozen=True)
class Frequency:
    """A parsed frequency phrase.

    ``period`` is one of ``PERIODS``; ``times`` is the minimum count per period (None = once, not
    stated); ``coverage`` means every unit must be covered within the period (全覆盖); ``months``
    holds the start months of two-month windows when they differ from Jan–Feb, Mar–Apr …;
    ``trigger`` names the event for event-driven duties (一案一督). ``text`` is the phrase as written.
    """

    text: str
    period: str
    times: int | None = None
    coverage: bool = False
    quota: Quota | None = None
    months: tuple[int, ...] | None = None
    trigger: str | None = None

    @property
    def is_event(self) -> bool:
        """True for event-driven duties that have no dates."""
        return self.period == "event"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with English keys; ``canonical`` is the phrase ``format_frequency`` gives."""
        return {
            "text": self.text,
            "canonical": format_frequency(self),
            "period": self.period,
            "times": self.times,
            "coverage": self.coverage,
            "quota": None if self.quota is None else self.quota.to_dict(),
            "months": None if self.months is None else list(self.months),
            "trigger": self.trigger,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Frequency:
        """Rebuild a frequency from ``to_dict`` output (for caches that avoid re-parsing)."""
        quota = data.get("quota")
        months = data.get("months")
        return cls(
            text=str(data["text"]),
            period=str(data["period"]),
            times=data.get("times"),
            coverage=bool(data.get("coverage", False)),
            quota=None if quota is None else Quota.from_dict(quota),
            months=None if months is None else tuple(int(m) for m in months),
            trigger=data.get("trigger"),
        )


def _plain_number(value: float | None) -> int | float | None:
    """10.0 → 10 so JSON and phrases show what people wrote."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


# --- the scanner ---------------------------------------------------------------------------------


@dataclass
class _Draft:
    """What the scanner has found so far; turned into a Frequency at the end."""

    period: str | None = None
    times: int | None = None
    coverage: bool = False
    quota: Quota | None = None
    months: tuple[int, ...] | None = None
    trigger: str | None = None
    problems: list[str] = field(default_factory=list)

    def set_period(self, period: str) -> None:
        if self.period is not None:
            self.problems.append("出现了两个周期")
        self.period = period

    def set_times(self, times: int) -> None:
        if self.times is not None:
            self.problems.append("出现了两个次数")
        if times < 1:
            self.problems.append("次数至少为1")
        self.times = times

    def set_quota(self, quota: Quota) -> None:
        if self.quota is not None:
            self.problems.append("只能写一项数量或比例要求")
        self.quota = quota


_Handler = Callable[[_Draft, "re.Match[str]"], None]

_UNIT = r"(?:人次|分钟|小时|[件份个起项人篇条家户处宗卷批天])"
_AT_LEAST = r"(?:不少于|至少|不低于|不得少于)"
_NOUN = r"[\u4e00-\u9fff]{1,16}?"

_PERIOD_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"上下半年各?|上半年[、,和及与]?下半年各?", "half"),
    (r"每个?工作日|工作日每天", "workday"),
    (r"每天|每日|逐日", "day"),
    (r"每两周|每双周|双周", "biweek"),
    (r"每周|按周|每星期", "week"),
    (r"每旬|按旬", "xun"),
    (r"每两个?月|双月", "bimonth"),
    (r"每月|按月|每个月", "month"),
    (r"每个?季度?|按季度?", "quarter"),
    (r"每半年|按半年", "half"),
    (r"上半年", "h1"),
    (r"下半年", "h2"),
    (r"每年度?|全年|按年度?|年度", "year"),
)

_FILLERS = (
    r"(?:开展|进行|组织|实施|完成|抽查|检查|督察|督查|评查|集中|随机"
    r"|(?:对)?各?街镇中队|(?:对)?各中队|区局|中队)"
)


def _on_period(period: str) -> _Handler:
    def handle(draft: _Draft, _match: re.Match[str]) -> None:
        draft.set_period(period)

    return handle


def _on_bimonth_start(draft: _Draft, match: re.Match[str]) -> None:
    start = parse_number(match["start"])
    if draft.period != "bimonth" or not 1 <= start <= 12:
        draft.problems.append("“（N月起）”只能紧跟在“每两个月/双月”之后，N为1—12")
        return
    # Only the parity matters: starting in March gives the same windows as starting in January.
    draft.months = EVEN_BIMONTH_STARTS if start % 2 == 0 else None


def _on_event(draft: _Draft, match: re.Match[str]) -> None:
    draft.set_period("event")
    draft.trigger = match[0]


def _on_times(draft: _Draft, match: re.Match[str]) -> None:
    draft.set_times(parse_number(match["n"]))


def _on_coverage(draft: _Draft, _match: re.Match[str]) -> None:
    draft.coverage = True


def _on_each_quota(draft: _Draft, match: re.Match[str]) -> None:
    count = parse_number(match["n"])
    draft.set_quota(Quota(per="each", count=count, unit=match["unit"], what=match["what"] or None))


def _on_share_quota(draft: _Draft, match: re.Match[str]) -> None:
    percent = float(match["pct"])
    if not 0 < percent <= 100:
        draft.problems.append("比例应在0%—100%之间")
    quota = Quota(per="period", percent=percent, basis=match["basis"] or None, what=match["what"] or None)
    draft.set_quota(quota)


def _on_period_quota(draft: _Draft, match: re.Match[str]) -> None:
    count = parse_number(match["n"])
    draft.set_quota(Quota(per="period", count=count, unit=match["unit"], what=match["what"] or None))


def _skip(_draft: _Draft, _match: re.Match[str]) -> None:
    return None


# Order matters: the first pattern that matches at the current position wins, so longer and more
# specific forms come first (上半年、下半年 before 上半年, 每次… before a bare count).
_TOKENS: tuple[tuple[re.Pattern[str], _Handler], ...] = (
    # Brackets only set off remarks (每月2次（每次时长不少于20分钟）) once “（2月起）” had its chance.
    (re.compile(rf"\((?:自|从)?(?P<start>{NUM})月(?:份)?(?:起|开始)?\)"), _on_bimonth_start),
    (re.compile(r"[,;、()]+"), _skip),
    (re.compile("|".join(EVENT_TRIGGERS)), _on_event),
    *((re.compile(pattern), _on_period(period)) for pattern, period in _PERIOD_PATTERNS),
    (re.compile(r"(?:全覆盖|覆盖所有中队|全部覆盖)"), _on_coverage),
    (
        re.compile(rf"每次(?P<what>{_NOUN})??{_AT_LEAST}?(?P<n>{NUM})(?P<unit>{_UNIT})(?:以上)?"),
        _on_each_quota,
    ),
    (
        re.compile(rf"(?P<what>{_NOUN})??{_AT_LEAST}(?P<basis>[\u4e00-\u9fff]*?)(?P<pct>\d+(?:\.\d+)?)%"),
        _on_share_quota,
    ),
    (re.compile(rf"各?{_AT_LEAST}?(?P<n>{NUM})次(?:以上)?"), _on_times),
    (re.compile(rf"(?P<what>{_NOUN})??{_AT_LEAST}(?P<n>{NUM})(?P<unit>{_UNIT})(?:以上)?"), _on_period_quota),
    (re.compile(_FILLERS), _skip),
)


def _scan(phrase: str) -> _Draft:
    draft = _Draft()
    position = 0
    while position < len(phrase):
        for pattern, handle in _TOKENS:
            match = pattern.match(phrase, position)
            if match and match.end() > position:
                handle(draft, match)
                position = match.end()
                break
        else:
            draft.problems.append(f"无法理解“{phrase[position:]}”")
            break
    return draft


def _reject(text: str, reason: str) -> FrequencyError:
    # One line, so a finding stays “file:line:col  code  message”.
    forms = "；".join(ACCEPTED_FORMS)
    return FrequencyError(f"无法识别的频率“{text}”（{reason}）。可接受的写法：{forms}")


# Registries repeat a handful of phrases across hundreds of units; a parsed Frequency is immutable.
@lru_cache(maxsize=4096)
def parse_frequency(text: str) -> Frequency:
    """Parse a Chinese frequency phrase such as “每周不少于2次” or “每半年1次，每次不少于30件”.

    Raises FrequencyError (Chinese, quoting the phrase and listing ``ACCEPTED_FORMS``) when the
    phrase has no period, two periods, or words the engine does not understand.
    """
    phrase = normalize_phrase(text)
    if not phrase:
        raise _reject(text, "内容为空")
    draft = _scan(phrase)
    if draft.period is None and not draft.problems:
        draft.problems.append("没有写明周期，如每周、每月、每季度")
    if draft.period == "event" and (draft.times or draft.quota):
        draft.problems.append("事件触发的事项不能再写次数或数量")
    if draft.problems:
        raise _reject(text, "；".join(draft.problems))
    assert draft.period is not None
    return Frequency(
        text=text,
        period=draft.period,
        times=draft.times,
        coverage=draft.coverage,
        quota=draft.quota,
        months=draft.months,
        trigger=draft.trigger,
    )


# --- formatting ----------------------------------------------------------------------------------


def format_quota(quota: Quota) -> str:
    """The canonical phrase of a quota: 每次不少于30件, 不少于当季度案件数10%, 不少于100个."""
    what = quota.what or ""
    if quota.percent is not None:
        return f"{what}不少于{quota.basis or ''}{_plain_number(quota.percent)}%"
    prefix = "每次" if quota.per == "each" else ""
    return f"{prefix}{what}不少于{quota.count}{quota.unit or ''}"


def format_frequency(f: Frequency) -> str:
    """A canonical Chinese phrase for ``f``; parsing it gives back the same structure."""
    head = (f.trigger or "随时") if f.period == "event" else _PERIOD_WORDS[f.period]
    if f.period == "bimonth" and f.months is not None:
        head += f"（{f.months[0]}月起）"
    parts = [head]
    if f.times is not None:
        parts[0] += f"不少于{f.times}次"
    if f.coverage:
        # “每季度全覆盖” reads naturally; after a count a comma keeps the two demands apart.
        if f.times is None:
            parts[0] += "全覆盖"
        else:
            parts.append("全覆盖")
    if f.quota is not None:
        parts.append(format_quota(f.quota))
    return "，".join(parts)
