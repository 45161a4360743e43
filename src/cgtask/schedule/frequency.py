"""Frequency phrases written by people in Chinese (每周不少于2次 …) → a plain structure, and back.

The phrase is normalised (width, traditional characters, spaces), cut into tokens (``_scanner``) and
read by a small grammar (``_grammar``): period (step, window, fixed day or date) · bound · number ·
unit · kind; any other words are the activity, object or subject, returned in the structure. Structure
the duty cannot hold is an error that says where it is and what; a suggestion keeps every number,
bound and period. A phrase is never read silently wrong. The verbatim text is kept in ``Frequency.text``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cgtask.errors import FrequencyError
from cgtask.schedule._lexicon import EVENT_TRIGGERS, TIME_UNITS
from cgtask.schedule._text import normalize_phrase
from cgtask.schedule.due_rules import DUE_RULE_FORMS, DueRule, format_due_rule, parse_due_rule
from cgtask.support.records import flags, given, same_named

if TYPE_CHECKING:  # the grammar's regexes load when a phrase is read, not for a warm board (≈ 80 ms)
    from cgtask.schedule._grammar import Clause

# The months a two-monthly cadence starts in when the plan says 双月 (else the odd months).
EVEN_BIMONTH_STARTS: tuple[int, ...] = (2, 4, 6, 8, 10, 12)

__all__ = [
    "ACCEPTED_FORMS",
    "DUE_RULE_FORMS",
    "EVENT_TRIGGERS",
    "EVEN_BIMONTH_STARTS",
    "PERIODS",
    "DueRule",
    "Frequency",
    "Quota",
    "format_due_rule",
    "format_frequency",
    "format_quota",
    "parse_due_rule",
    "parse_frequency",
    "periods_per_year",
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
    "semester",
    "school_year",
    "once",
    "days",
    "weeks",
    "months",
    "years",
    "event",
)
# Periods whose length is ``Frequency.step`` units: 每10天 (days, 10), 每两年 (years, 2).
STEPPED_PERIODS = frozenset({"days", "weeks", "months", "years"})

ACCEPTED_FORMS: tuple[str, ...] = (
    "每天 / 每日",
    "每个工作日",
    "每周",
    "每两周 / 双周",
    "每旬（上旬1—10日、中旬11—20日、下旬21日—月末）",
    "每月 / 按月（“每月不定期”：每月一次、不固定日期）",
    "双月 / 每两个月（1—2月、3—4月……，“每两个月（2月起）”表示2—3月、4—5月……）",
    "每季度 / 按季度",
    "每半年",
    "每年 / 全年",
    "上半年 / 下半年（各一个窗口）",
    "上半年、下半年各一次",
    "每学期（2—7月、9月—次年1月）",
    "每N天 / 每N个月 / 每N年（如每10天、每两年、每三年）；隔周 / 隔月（每两周、每两个月）；一日3次",
    "次数：N次、不少于N次、至少N次、N次/年（如“每周不少于2次”“每季度巡查不少于1次”“至少每季度进行一次”）；"
    "早晚各1次、上下午各巡查一次（每天2次）；每月相对固定1天（每月1次）",
    "上限：不超过N次、上限N次（如“上限:2次/年/单位”）",
    "全覆盖（如“每季度全覆盖”“每月抽查全覆盖”“全年覆盖所有中队”）",
    "每次数量：每次不少于N件/份/个（如“每半年1次，每次不少于30件”），时长：每次不少于N分钟",
    "数量：不少于N起/件/个（如“每月整改问题不少于16起”“全年不少于100个”）",
    "比例：不少于［基数］N%（如“不少于当季度案件数10%”“每月抽查总数的9%”“最低抽查12.5%”）",
    "两个周期：逗号分开（如“每月抽查总数的9%，每年全部检查一次”）",
    "期限：次月N日前、N日前、季后N日内、N个工作日内、每年N月N日前、年底前、周二12时前、每周一、"
    "每日7:00前（只用于每天的事项；没有周期词的“应在7:00前完成”按每天读，“当天…前”除外）、每月底五日前、"
    "次月第五个工作日前、每月底前；不写“前”的某天（每周五下午召开、每季度末召开）是当天做、每期一次",
    "时间窗口：5—9月、每年第一季度、每年六月至九月期间、11月份（汛期等时段须写明月份）",
    "一次性期限：2024年9月底前、到2025年底、十四五末、4月底前",
    "范围与确数：1—2次、4—5个、10%—20%、30~90分钟（下限须完成，上限照原文显示）；没有界限词的数字是确数"
    "（每年抽查1次、比例为8%、比例8%）；累计：每周累计不少于40小时",
    "事件触发：接到投诉后24小时内处置、自受理之日起60日内办结、信访事项应当在60日内办结、一案一督、随时、适时、"
    "不定期、接到指令后、室内故障4小时内到达、接到来电时，必须在1小时内到达、如遇故障，应在2小时内到达",
)

PERIOD_WORDS: dict[str, str] = {
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
    "semester": "每学期",
    "school_year": "每学年",
    "once": "",
}
_STEP_WORDS = {"days": "天", "weeks": "周", "months": "个月", "years": "年"}

# The start months of two-month windows when none are given: Jan–Feb, Mar–Apr …
DEFAULT_BIMONTH_STARTS: tuple[int, ...] = (1, 3, 5, 7, 9, 11)


@dataclass(frozen=True)
class Response:
    """The time allowed after an event (24小时): as written, and its amount and unit."""

    text: str
    amount: float
    unit: str


# The fields a frequency's dict holds as they are: read back under their own keys (None where absent).
_PLAIN_FIELDS = (
    "times",
    "trigger",
    "step",
    "maximum",
    "deadline",
    "window_name",
    "activity",
    "object",
    "subject",
)


@dataclass(frozen=True)
class Quota:
    """A quantity attached to a frequency.

    ``per`` says what it counts against: ``each`` — every single time (每次不少于30件), or
    ``period`` — the whole period (全年不少于100个; 不少于当季度案件数10%). A count quota has
    ``count`` and ``unit``; a share quota has ``percent`` and its ``basis`` (当季度案件数).
    ``what`` is the thing counted when the phrase names it (案卷, 时长); ``at_most`` marks an upper
    limit (不超过10家) instead of a minimum, ``exact`` the plan's number as written (为50个, 比例5%).
    """

    per: str
    count: int | None = None
    unit: str | None = None
    percent: float | None = None
    basis: str | None = None
    what: str | None = None
    at_most: bool = False
    exact: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with English keys."""
        # The fields in their declared order; only the share is written as people write it (10, not 10.0).
        return {**vars(self), "percent": _plain_number(self.percent)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quota:
        """Rebuild a quota from ``to_dict`` output."""
        percent = data.get("percent")
        return cls(
            per=str(data["per"]),
            percent=None if percent is None else float(percent),
            **given(data, ("count", "unit", "basis", "what")),
            **flags(data, ("at_most", "exact")),
        )


@dataclass(frozen=True)
class Frequency:
    """A parsed frequency phrase.

    ``period`` is one of ``PERIODS`` and ``step`` its length for the stepped ones (每两年: years, 2);
    ``times`` is the minimum count per period (None = once, not stated) and ``maximum`` the upper
    limit (上限2次); ``coverage`` means every unit must be covered within the period (全覆盖);
    ``months`` holds the start months of two-month windows when they differ from Jan–Feb, Mar–Apr …;
    ``trigger`` names the event for event-driven duties (一案一督, 接到投诉) and ``response`` the time
    allowed after it (24小时, with its amount and unit); ``deadline`` is a deadline
    stated in the phrase (次月5日前, 3月31日前), which the schedule honours; ``no_fixed_day`` marks
    每月不定期. ``window`` limits the periods to months (and days) of each year: (start month, start
    day, end month, end day; 0 = the month's end), ``window_name`` the registry's name for it (汛期).
    ``on`` is the date of a one-off duty (period ``once``): (year or None for the plan's year, month,
    day). ``range`` holds both ends of 1—2次 (``times``/``maximum`` or the quota keep the lower end),
    ``exact`` marks an exact count (为2次, or 2次 with no bound word; a quota's is its own), ``total`` a total over the period (每周累计40小时). ``activity``, ``object``
    and ``subject`` are the other words of the phrase. A phrase with two periods (每月抽查9%，每年全部
    检查一次) keeps each in ``periods``; the fields above are the first's. ``text`` is the phrase as written.
    """

    text: str
    period: str
    times: int | None = None
    coverage: bool = False
    quota: Quota | None = None
    months: tuple[int, ...] | None = None
    trigger: str | None = None
    step: int | None = None
    maximum: int | None = None
    deadline: str | None = None
    no_fixed_day: bool = False
    periods: tuple[Frequency, ...] = ()
    window: tuple[int, int, int, int] | None = None
    window_name: str | None = None
    on: tuple[int | None, int, int] | None = None
    range: tuple[float, float] | None = None
    exact: bool = False
    total: bool = False
    response: Response | None = None
    # The words around the structure name the duty; they are not part of what it demands, so two
    # readings of one demand stay equal whatever their wording (正文 and 附件1).
    activity: str | None = field(default=None, compare=False)
    object: str | None = field(default=None, compare=False)
    subject: str | None = field(default=None, compare=False)

    @property
    def is_event(self) -> bool:
        """True for event-driven duties that have no dates."""
        return self.period == "event"

    @property
    def parts(self) -> tuple[Frequency, ...]:
        """Each period with its demands: ``periods`` for a two-period phrase, else the frequency itself.

        Expand each part on its own (``expand_occurrences`` reads only the top-level fields).
        """
        return self.periods or (self,)

    @property
    def duration(self) -> str | None:
        """How long each time must last (20分钟), when the phrase says so."""
        quota = self.quota
        if quota is None or quota.unit not in TIME_UNITS:
            return None
        return f"{quota.count}{quota.unit}"

    @property
    def due_rule(self) -> DueRule | None:
        """The deadline as a due rule when the rule engine knows its form, else None."""
        if self.deadline is None:
            return None
        try:
            return parse_due_rule(re.sub(r"（[^）]*）", "", self.deadline))
        except FrequencyError:
            return None

    def quota_json(self) -> dict[str, Any] | None:
        """The duty-semantics quota: ``{"value": 16, "unit": "起", "per": "period", "of": None}`` or None."""
        return quota_json(self.quota, self.period)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with English keys; ``canonical`` is the phrase ``format_frequency`` gives."""
        return {
            "text": self.text,
            "canonical": format_frequency(self),
            "period": self.period,
            "step": self.step,
            "times": self.times,
            "maximum": self.maximum,
            "coverage": self.coverage,
            "quota": None if self.quota is None else self.quota.to_dict(),
            "months": None if self.months is None else list(self.months),
            "trigger": self.trigger,
            "deadline": self.deadline,
            "no_fixed_day": self.no_fixed_day,
            "periods": [p.to_dict() for p in self.periods],
            "window": None if self.window is None else list(self.window),
            "window_name": self.window_name,
            "on": None if self.on is None else list(self.on),
            "range": None if self.range is None else [_plain_number(v) for v in self.range],
            "exact": self.exact,
            "total": self.total,
            **_response_json(self.response),
            "activity": self.activity,
            "object": self.object,
            "subject": self.subject,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Frequency:
        """Rebuild a frequency from ``to_dict`` output (for caches that avoid re-parsing)."""
        quota = data.get("quota")
        months = data.get("months")
        return cls(
            text=str(data["text"]),
            period=str(data["period"]),
            quota=None if quota is None else Quota.from_dict(quota),
            months=None if months is None else tuple(int(m) for m in months),
            periods=tuple(cls.from_dict(p) for p in data.get("periods") or ()),
            window=_tuple_of(data.get("window")),
            on=_tuple_of(data.get("on")),
            range=_tuple_of(data.get("range")),
            response=_response_of(data),
            **given(data, _PLAIN_FIELDS),
            **flags(data, ("coverage", "no_fixed_day", "exact", "total")),
        )


def _response_json(response: Response | None) -> dict[str, Any]:
    """The time allowed under the three keys a frequency's dict has always had (all None without one)."""
    if response is None:
        return dict.fromkeys(("response", "response_amount", "response_unit"))
    amount = _plain_number(response.amount)
    return {"response": response.text, "response_amount": amount, "response_unit": response.unit}


def _response_of(data: Mapping[str, Any]) -> Response | None:
    text = data.get("response")
    return None if text is None else Response(text, float(data["response_amount"]), data["response_unit"])


def _tuple_of(value: Any) -> tuple[Any, ...] | None:
    return None if value is None else tuple(value)


_PERIODS_PER_YEAR: dict[str, float] = {
    "day": 365, "workday": 250, "week": 52, "biweek": 26, "xun": 36, "month": 12, "bimonth": 6,
    "quarter": 4, "half": 2, "h1": 1, "h2": 1, "semester": 2, "school_year": 1, "year": 1, "event": 0,
    "once": 0,
    "days": 365, "weeks": 52, "months": 12, "years": 1,
}  # fmt: skip


def periods_per_year(frequency: Frequency) -> float:
    """How many periods of ``frequency`` fall in a year (每两年 → 0.5, 每10天 → 36.5, events → 0).

    For comparing cadences (which of two phrases asks for more); stepped periods divide by their step.
    """
    return _PERIODS_PER_YEAR[frequency.period] / (frequency.step or 1)


def _plain_number(value: float | None) -> int | float | None:
    """10.0 → 10 so JSON and phrases show what people wrote."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def quota_json(quota: Quota | None, period: str | None) -> dict[str, Any] | None:
    """The duty-semantics quota: ``{"value", "unit", "per": period|occurrence|year, "of"}`` or None."""
    if quota is None:
        return None
    # A total stated for a year (全年不少于100个) is a yearly total, whatever else the phrase says.
    per = "occurrence" if quota.per == "each" else "year" if period == "year" else "period"
    if quota.percent is not None:
        return {"value": _plain_number(quota.percent), "unit": "%", "per": per, "of": quota.basis}
    return {"value": quota.count, "unit": quota.unit, "per": per, "of": None}


# --- parsing -------------------------------------------------------------------------------------


FORMS_HINT = "可接受的写法：运行 cgtask phrase --forms 查看"


def _reject(text: str, reason: str) -> FrequencyError:
    # One line, so a finding stays “file:line:col  code  message”; the accepted forms are listed once
    # (``cgtask phrase --forms``), not on every line.
    return FrequencyError(f"无法识别的频率“{text}”（{reason}）。{FORMS_HINT}")


def _clause_problems(clause: Clause) -> list[str]:
    from cgtask.schedule._grammar import NO_PERIOD

    if clause.period is None:
        return [NO_PERIOD]
    window_problem = _window_problem(clause)
    if window_problem:
        return [window_problem]
    if clause.period == "event" and (clause.times or clause.quota or clause.maximum):
        return ["事件触发的事项不能再写次数或数量"]
    if clause.period in STEPPED_PERIODS and clause.step is not None and clause.step > 10 * 366:
        return ["周期过长"]
    deadline_problem = _deadline_problem(clause)
    if deadline_problem:
        return [deadline_problem]
    if clause.period == "months" and clause.step is not None and 12 % clause.step:
        return [f"每{clause.step}个月不能整除一年，请改写为每月、每两个月、每季度、每半年或每年"]
    return []


# Periods a window can cut: those shorter than the window keep the ones starting in it, a year or a
# half is narrowed to it.
_NARROWED_BY_WINDOW = frozenset({"year", "half", "h1", "h2", "quarter", "once"})


def _window_problem(clause: Clause) -> str | None:
    if clause.window is None:
        return None
    first, first_day, last, last_day = clause.window
    if not (1 <= first <= 12 and 1 <= last <= 12 and 1 <= first_day <= 31 and 0 <= last_day <= 31):
        return "时间窗口的月、日超出范围"
    if clause.period in ("event", "years", "semester", "school_year", "months", "bimonth", "days", "weeks"):
        return (
            "这种周期不能再限定时间窗口（窗口只用于每天、每周、每旬、每月、每季度、半年、每年和一次性事项）"
        )
    if (first, first_day) > (last, last_day or 31):
        return "跨年的时间窗口（如11月至次年3月）暂不支持，请分成两条"
    return None


# Deadlines that name a day of a month need a period of whole months; a weekday needs a week.
_MONTH_DAY_RULES = frozenset({"day_of_month", "next_month_day"})
WHOLE_MONTH_PERIODS = frozenset(
    {"month", "bimonth", "months", "quarter", "half", "year", "years", "h1", "h2", "semester", "school_year"}
)


def _deadline_problem(clause: Clause) -> str | None:
    if clause.deadline is None or clause.on is not None:
        return None  # a one-off date is the period itself
    try:
        rule = parse_due_rule(re.sub(r"（[^）]*）", "", clause.deadline))
    except FrequencyError:
        # Never accept a deadline the schedule cannot date: it would be read and then ignored.
        return f"期限“{clause.deadline}”无法换算成到期日"
    if rule.kind in _MONTH_DAY_RULES and clause.period not in WHOLE_MONTH_PERIODS:
        return f"期限“{clause.deadline}”只适用于按月、季度、半年或年度的事项"
    if rule.kind == "weekday" and clause.period != "week":
        return f"期限“{clause.deadline}”只适用于每周的事项"
    if rule.kind == "month_day" and clause.period not in ("year", "once"):
        return f"期限“{clause.deadline}”只适用于每年或一次性的事项"
    return _clock_problem(clause.deadline, clause.period) or _within_period_problem(rule, clause)


def _within_period_problem(rule: DueRule, clause: Clause) -> str | None:
    """月底5日前 counts back from the period's end: only a period of whole months has that end."""
    if rule.kind == "days_before_end" and clause.period not in WHOLE_MONTH_PERIODS:
        return f"期限“{clause.deadline}”只适用于按月、季度、半年或年度的事项"
    return None


_CLOCK_ONLY = re.compile(r"\d+时(?:\d+分)?前")
_DAILY_PERIODS = frozenset({"day", "workday"})


def _clock_problem(deadline: str, period: str | None) -> str | None:
    """17时前 names an hour of the period's day: only a daily duty has one day to put it on."""
    if _CLOCK_ONLY.fullmatch(deadline) and period not in _DAILY_PERIODS:
        return f"期限“{deadline}”只写了钟点，只适用于每天或每个工作日的事项；请写明哪一天（如周五17时前）"
    return None


# What a clause of the grammar holds under the frequency's own names (its ``activity`` is only a flag).
_FROM_CLAUSE = (
    "times",
    "coverage",
    "quota",
    "months",
    "trigger",
    "step",
    "maximum",
    "deadline",
    "no_fixed_day",
    "window",
    "window_name",
    "on",
    "range",
    "exact",
    "total",
    "response",
)


def _frequency(
    text: str,
    clause: Clause,
    activity: str | None = None,
    object_: str | None = None,
    subject: str | None = None,
) -> Frequency:
    assert clause.period is not None
    return Frequency(
        text=text,
        period=clause.period,
        activity=activity,
        object=object_,
        subject=subject,
        **same_named(clause, _FROM_CLAUSE),
    )


# Registries repeat a handful of phrases across hundreds of units; a parsed Frequency is immutable.
Windows = Mapping[str, tuple[int, int, int, int]]


def parse_frequency(text: str, windows: Windows | None = None) -> Frequency:
    """Parse a Chinese frequency phrase such as “每周不少于2次”, “每年3月31日前” or “接到投诉后24小时内处置”.

    ``windows`` maps the registry's named seasons to their dates (汛期 → (5, 1, 9, 0)); a season not in
    it is refused. Raises FrequencyError (Chinese, quoting the phrase and locating the part) when the
    phrase has no period, two periods for one demand, or structure the duty cannot hold.
    """
    return _parse(text, tuple(sorted((windows or {}).items())))


# Registries repeat a handful of phrases across hundreds of units; a parsed Frequency is immutable.
@lru_cache(maxsize=4096)
def _parse(text: str, windows: tuple[tuple[str, tuple[int, int, int, int]], ...]) -> Frequency:
    phrase = normalize_phrase(text)
    if not phrase:
        raise _reject(text, "内容为空")
    if "半月" in phrase or "半个月" in phrase:
        # 半月 is twice a month, a period the calendar grid has no window for: say so, never read it as 每月.
        raise _reject(text, "“半月”（每月两次）不是可计算的周期，请写成每月不少于2次或每两周")
    from cgtask.schedule._grammar import read_phrase

    reading = read_phrase(phrase, windows)
    problems = [p.message for p in reading.problems]
    if not problems:
        problems = [m for clause in reading.clauses for m in _clause_problems(clause)]
    if problems:
        raise _reject(text, "；".join(dict.fromkeys(problems)))
    names = (reading.activity, reading.object, reading.subject)
    clauses = [_frequency(text, clause, *names) for clause in reading.clauses]
    if len(clauses) == 1:
        return clauses[0]
    parts = tuple(
        _frequency(format_frequency(c), clause, *names)
        for c, clause in zip(clauses, reading.clauses, strict=True)
    )
    return Frequency(**{**clauses[0].__dict__, "periods": parts})


# --- formatting ----------------------------------------------------------------------------------


def format_quota(quota: Quota, span: tuple[float, float] | None = None, exact: bool | None = None) -> str:
    """The canonical phrase of a quota: 每次不少于30件, 不少于当季度案件数10%, 不超过10家, 30—90分钟, 10%—20%."""
    what = quota.what or ""
    exact = quota.exact if exact is None else exact
    # An exact number is written bare, as plans write it (抽查比例5%): the engine reads it back exact.
    bound = "" if exact else "不超过" if quota.at_most else "不少于"
    if quota.percent is not None and span is not None:  # 10%—20%: both ends, as the plan wrote them
        return f"{what}{quota.basis or ''}{_plain_number(span[0])}%—{_plain_number(span[1])}%"
    if quota.percent is not None:
        return f"{what}{bound}{quota.basis or ''}{_plain_number(quota.percent)}%"
    prefix = "每次" if quota.per == "each" else ""
    if span is not None:
        return f"{prefix}{what}{_plain_number(span[0])}—{_plain_number(span[1])}{quota.unit or ''}"
    return f"{prefix}{what}{bound}{quota.count}{quota.unit or ''}"


def format_window(window: tuple[int, int, int, int]) -> str:
    """(5, 1, 9, 0) → 5—9月; (3, 1, 3, 8) → 3月1日至3月8日."""
    first, first_day, last, last_day = window
    if first_day == 1 and last_day == 0:
        return f"{first}—{last}月"
    end = f"{last}月{last_day}日" if last_day else f"{last}月{_month_days(last)}日"
    return f"{first}月{first_day}日至{end}"


def _month_days(month: int) -> int:
    return {2: 28, 4: 30, 6: 30, 9: 30, 11: 30}.get(month, 31)


def _head(f: Frequency) -> str:
    if f.period == "event":
        if f.response is not None:
            return f"{f.trigger or '事件发生'}后{f.response.text}内"
        return f.trigger or "随时"
    window = format_window(f.window) if f.window is not None else ""
    if f.period == "once":
        return window
    if f.period in STEPPED_PERIODS:
        return f"每{f.step}{_STEP_WORDS[f.period]}"
    head = PERIOD_WORDS[f.period]
    if f.period == "year" and window:
        return f"每年{window}"
    head = window + head
    if f.period == "bimonth" and f.months is not None:
        head += f"（{f.months[0]}月起）"
    if f.no_fixed_day:
        head += "不定期"
    return head


def _format_clause(f: Frequency) -> str:
    parts = [_head(f)]
    counted_range = f.range is not None and f.quota is None
    if counted_range and f.range is not None:
        parts[0] += f"{_plain_number(f.range[0])}—{_plain_number(f.range[1])}次"
    elif f.times is not None:
        parts[0] += f"{f.times}次" if f.exact else f"不少于{f.times}次"
    if f.maximum is not None and not counted_range:
        parts.append(f"不超过{f.maximum}次")
    if f.coverage:
        # “每季度全覆盖” reads naturally; after a count a comma keeps the two demands apart.
        if f.times is None and f.maximum is None:
            parts[0] += "全覆盖"
        else:
            parts.append("全覆盖")
    if f.quota is not None:
        quota = format_quota(f.quota, None if counted_range else f.range)
        parts.append(("累计" if f.total and f.quota.per == "period" else "") + quota)
    if f.deadline is not None:
        parts.append(f.deadline)
    return "，".join(p for p in parts if p)


def format_frequency(f: Frequency) -> str:
    """A canonical Chinese phrase for ``f``; parsing it gives back the same structure."""
    if f.periods:
        return "；".join(_format_clause(p) for p in f.periods)
    return _format_clause(f)
