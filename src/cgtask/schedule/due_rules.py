"""Due rules: how an occurrence's due date derives from its period.

Default (empty text, “期末”): the period's last day, rolled back to the last working day on or
before it. Other forms:

- ``N日前`` (also ``每月N日前``): day N of the period's **last month** — for a monthly duty the
  month itself, for a quarter/half/year its last month (每季度 + 5日前 → 3月5日, 6月5日 …). Only
  for periods of a month or longer; N beyond the month's end means the month's end.
- ``次月N日前``: day N of the month after the period (每月 + 次月5日前 → 4月5日 for March).
- ``N个工作日内`` (also ``次月第N个工作日前``): N working days after the period's last day (already a working
  day, no roll).
- ``季后N日内`` / ``月后N日内`` / ``结束后N日内``: N calendar days after the period's last day.
- ``月后N日前`` / ``下月N日前``: the same as 次月N日前.
- ``周二前`` / ``周二12时前``: that weekday of the period's week (for weekly duties); the hour is kept in
  the text, the due date is the day.
- ``3月31日前`` / ``12月底前`` / ``次年1月30日前``: that day of the period's year (or the next), for yearly
  and one-off duties.
- ``月底5日前`` / ``季度末10日前``: N calendar days before the period's last day (periods of whole months).
- ``17时前`` / ``7时30分前``: a time of day on the period's own day (daily duties); like a weekday's hour it
  is kept in the text, the due date is the day.
- ``顺延``: roll forward to the next working day instead of back; ``不顺延``: keep the date as is.

Forms combine with a comma: “次月5日前，顺延”.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cgtask.errors import FrequencyError
from cgtask.schedule._text import NUM, normalize_phrase, parse_number
from cgtask.support.records import same_named
from cgtask.support.text import compiled

DUE_KINDS: tuple[str, ...] = (
    "end",
    "day_of_month",
    "next_month_day",
    "workdays_after",
    "days_after",
    "weekday",
    "month_day",
    "days_before_end",
)
ROLLS: tuple[str, ...] = ("back", "forward", "none")

DUE_RULE_FORMS: tuple[str, ...] = (
    "（空）/ 期末：周期内最后一个工作日（周期内没有工作日时为其后第一个工作日）",
    "N日前 / 每月N日前：周期最后一个月的N日（仅适用于月、双月、季度、半年、年）",
    "次月N日前：周期结束后下一个月的N日",
    "N个工作日内 / 次月第N个工作日前：周期结束后第N个工作日",
    "季后N日内 / 月后N日内：周期结束后第N天",
    "周X前（如周二12时前）：周期所在周的星期X（仅适用于每周的事项）",
    "M月N日前 / M月底前 / 次年M月N日前：周期所在年（或次年）的这一天（适用于每年和一次性的事项）",
    "N时前（如17时前、7时30分前）：当天（仅适用于每天或每个工作日的事项）",
    "月底N日前 / 季末N日前 / 年底N日前：周期最后一天之前N天",
    "顺延：遇节假日顺延到之后最近的工作日",
    "不顺延：遇节假日也不调整",
)


@dataclass(frozen=True)
class DueRule:
    """How to derive a due date: ``kind`` in ``DUE_KINDS``, its number ``n``, and ``roll`` in ``ROLLS``."""

    text: str = ""
    kind: str = "end"
    n: int | None = None
    roll: str = "back"
    month: int | None = None  # month_day: the month (n is the day, None = the month's end)
    next_year: bool = False  # month_day: in the year after the period's

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with English keys."""
        return {
            "text": self.text,
            "canonical": format_due_rule(self),
            **same_named(self, ("kind", "n", "roll", "month", "next_year")),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DueRule:
        """Rebuild a rule from ``to_dict`` output."""
        return cls(
            text=str(data.get("text", "")),
            kind=str(data.get("kind", "end")),
            n=data.get("n"),
            roll=str(data.get("roll", "back")),
            month=data.get("month"),
            next_year=bool(data.get("next_year", False)),
        )


DEFAULT_DUE_RULE = DueRule()

_WEEKDAY_NAMES = "日一二三四五六"  # indexed by n % 7: Sunday is 7
_WEEKDAY_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}

_BASE_PATTERNS = compiled(
    (
        rf"(?P<next>次年)?(?P<m>{NUM})月(?:(?P<n>{NUM})(?:日|号)|底|末)(?:前|之前|以前)",
        "month_day",
    ),
    (rf"(?:次月|月后|下月)(?P<n>{NUM})(?:日|号)(?:前|之前|以前|内)?", "next_month_day"),
    (rf"(?:季|季度|月|年|期满|期末)?(?:后|结束后)(?P<n>{NUM})(?:日|天)内", "days_after"),
    (rf"(?:每)?周(?P<n>[一二三四五六日天])(?:{NUM}(?:时|点))?(?:前|之前|以前)", "weekday"),
    (rf"(?:期满后|期末后|结束后)?(?P<n>{NUM})个工作日内", "workdays_after"),
    # 次月第5个工作日前: the 5th working day after the period's end — the same day 5个工作日内 gives
    (rf"次月第(?P<n>{NUM})个工作日(?:前|之前|以前)", "workdays_after"),
    (rf"(?:每月)?(?P<n>{NUM})(?:日|号)(?:前|之前|以前)?", "day_of_month"),
    # 月底5日前, 季末10日前: N days before the period's last day (before 期末/月底, which are the end itself)
    (
        rf"(?:月|季度?|年|期)(?:底|末)(?:前)?(?P<n>{NUM})(?:日|天)(?:前|之前|以前)",
        "days_before_end",
    ),
    (r"期末|月底前?|到期", "end"),
    # 17时前, 7时30分前: a time of day on the period's own day (a daily duty); the hour stays in the text.
    (rf"(?:每天|每日)?{NUM}时(?:{NUM}分)?(?:前|之前|以前)", "end"),
)
_ROLL_PATTERNS = compiled(
    (r"(?:遇节假日)?不顺延", "none"),
    (r"(?:遇节假日)?顺延", "forward"),
    (r"(?:遇节假日)?提前", "back"),
)
_SEPARATORS = re.compile(r"[,;、]+")


def _reject(text: str, reason: str) -> FrequencyError:
    # One line, so a finding stays “file:line:col  code  message”.
    forms = "；".join(DUE_RULE_FORMS)
    return FrequencyError(f"无法识别的期限规则“{text}”（{reason}）。可接受的写法：{forms}")


def _match_base(phrase: str, position: int) -> tuple[str, int | None, int, dict[str, Any]] | None:
    for pattern, kind in _BASE_PATTERNS:
        match = pattern.match(phrase, position)
        if match:
            n = _rule_number(kind, match["n"]) if "n" in pattern.groupindex and match["n"] else None
            extra: dict[str, Any] = {}
            if kind == "month_day":
                extra = {"month": parse_number(match["m"]), "next_year": bool(match["next"])}

            return kind, n, match.end(), extra
    return None


def _rule_number(kind: str, token: str) -> int:
    return _WEEKDAY_NUMBERS[token] if kind == "weekday" else parse_number(token)


def _match_roll(phrase: str, position: int) -> tuple[str, int] | None:
    for pattern, roll in _ROLL_PATTERNS:
        match = pattern.match(phrase, position)
        if match:
            return roll, match.end()
    return None


def parse_due_rule(text: str) -> DueRule:
    """Parse a due rule such as “次月5日前”, “3个工作日内” or “顺延”; empty text is the default."""
    phrase = normalize_phrase(text)
    kind, n, roll = "end", None, "back"
    extra: dict[str, Any] = {}
    seen_base = seen_roll = False
    position = 0
    while position < len(phrase):
        separator = _SEPARATORS.match(phrase, position)
        base = None if seen_base else _match_base(phrase, position)
        rolled = None if seen_roll else _match_roll(phrase, position)
        if separator:
            position = separator.end()
        elif base:
            kind, n, position, extra = base
            seen_base = True
        elif rolled:
            roll, position = rolled
            seen_roll = True
        else:
            raise _reject(text, f"无法理解“{phrase[position:]}”")
    problem = _number_problem(kind, n, extra)
    if problem:
        raise _reject(text, problem)
    return DueRule(text=text, kind=kind, n=n, roll=roll, **extra)


def _number_problem(kind: str, n: int | None, extra: dict[str, Any]) -> str | None:
    """The reason a rule's number is out of range (32日前, 0个工作日内), else None."""
    if kind in ("day_of_month", "next_month_day") and n is not None and not 1 <= n <= 31:
        return "日期应在1—31之间"
    if kind == "workdays_after" and n is not None and n < 1:
        return "工作日数至少为1"
    if kind == "days_after" and n is not None and n < 1:
        return "天数至少为1"
    if kind == "month_day" and not (1 <= extra["month"] <= 12 and (n is None or 1 <= n <= 31)):
        return "月应在1—12之间，日期应在1—31之间"
    if kind == "days_before_end" and (n is None or not 1 <= n <= 28):
        return "期末之前的天数应在1—28之间"
    return None


def format_due_rule(rule: DueRule) -> str:
    """The canonical phrase of a rule; parsing it gives back the same structure."""
    base = {
        "end": "期末",
        "day_of_month": f"{rule.n}日前",
        "next_month_day": f"次月{rule.n}日前",
        "workdays_after": f"{rule.n}个工作日内",
        "days_after": f"结束后{rule.n}日内",
        "weekday": f"周{_WEEKDAY_NAMES[(rule.n or 1) % 7]}前",
        "month_day": f"{'次年' if rule.next_year else ''}{rule.month}月{f'{rule.n}日' if rule.n else '底'}前",
        "days_before_end": f"期末{rule.n}日前",
    }[rule.kind]
    roll = {"back": "", "forward": "，顺延", "none": "，不顺延"}[rule.roll]
    return base + roll
