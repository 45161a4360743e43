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
    FOREIGN_MEASURES,
    NAMED_WINDOWS,
    PERIOD_WORDS,
    QUANTITY_UNITS,
    SLASH_PERIOD,
    SLASH_SCOPE,
    SOFTENERS,
    STEPPED_PERIOD,
    TOTAL_WORDS,
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
    high: float | None = None  # the upper end of a range (1-2次)
    window: tuple[int, int, int, int] | None = (
        None  # start month, start day, end month, end day (0: month end)
    )
    on: tuple[int | None, int, int] | None = None  # a dated deadline: year (None: the plan's), month, day


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


def _every_other(match: re.Match[str]) -> Token:
    """隔周, 隔月, 隔天, 隔年: every other week (month, day, year) — a step of two, never every one."""
    kind, kind_step = _stepped_kind(match["what"], 2)
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
    unit = _UNIT_NAMES.get(match["unit"], match["unit"])
    kind = "COUNT" if unit in COUNT_UNITS else "SHARE" if unit == "%" else "QUANTITY"
    after = match["after"]
    bound = "min" if after == "以上" else "max" if after in ("以下", "以内") else None
    return Token(
        kind, match.start(), match.end(), match[0], number=parse_decimal(match["n"]), unit=unit, bound=bound
    )


_UNIT_NAMES = {"个小时": "小时", "工作日": "个工作日"}


def _range(match: re.Match[str]) -> Token:
    """1-2次, 一至两小时, 30~90分钟: the lower end is the number, the upper end ``high``."""
    unit = _UNIT_NAMES.get(match["unit"], match["unit"])
    kind = "COUNT" if unit in COUNT_UNITS else "SHARE" if unit == "%" else "QUANTITY"
    low, high = parse_decimal(match["a"]), parse_decimal(match["b"])
    return Token(kind, match.start(), match.end(), match[0], number=low, unit=unit, high=high)


def _fraction(match: re.Match[str]) -> Token:
    """三分之一, 百分之二 → a share in per cent."""
    if match["hundred"]:
        percent = parse_decimal(match["hundred"])
    else:
        percent = round(100 * parse_number(match["top"]) / parse_number(match["bottom"]), 4)
    return Token("SHARE", match.start(), match.end(), match[0], number=percent, unit="%")


_QUARTER_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _quarter_window(match: re.Match[str]) -> Token:
    """每年第一季度 → a yearly duty in January–March."""
    q = _QUARTER_NUMBERS[match["q"]]
    period = "year" if match["every"] else None
    window = (3 * q - 2, 1, 3 * q, 0)
    return Token("WINDOW", match.start(), match.end(), match[0], period=period, window=window)


def _month_window(match: re.Match[str]) -> Token:
    """5-9月, 六月至九月期间, 3月1日-8日, 9月16日至30日, 11月份: months (and days) of each year."""
    first = parse_number(match["m1"])
    last = parse_number(match["m2"]) if match["m2"] else first
    first_day = parse_number(match["d1"]) if match["d1"] else 1
    last_day = parse_number(match["d2"]) if match["d2"] else 0
    period = "year" if match["every"] else None
    window = (first, first_day, last, last_day)
    return Token("WINDOW", match.start(), match.end(), match[0], period=period, window=window)


def _dated(match: re.Match[str]) -> Token:
    """2024年9月底前, 2010年底前, 2006年5月15日前, 5月24日: one deadline on a date."""
    groups = match.groupdict()
    year = int(groups["y"]) if groups.get("y") else None
    month = parse_number(groups["m"]) if groups.get("m") else 12
    day = parse_number(groups["d"]) if groups.get("d") else 0
    return Token("DATED", match.start(), match.end(), match[0], on=(year, month, day))


def _year_dated(match: re.Match[str]) -> Token:
    """2025年前 → the last day of that year."""
    year = int(match["y"])
    return Token("DATED", match.start(), match.end(), match[0], on=(year, 12, 0))


def _plan_end(match: re.Match[str]) -> Token:
    """十四五末 → 2025-12-31: the last year of a five-year plan (十四五: 2021—2025)."""
    plan = 10 + parse_number(match["n"])  # 十四五 is the 14th plan; the regex captures only the 四
    return Token("DATED", match.start(), match.end(), match[0], on=(1955 + 5 * plan, 12, 0))


def _year_end(match: re.Match[str]) -> Token:
    """年底前, 年终, 每年年底前: the year's last day (a yearly duty)."""
    return Token("DEADLINE", match.start(), match.end(), match[0], period="year", deadline="12月底前")


def _quarter_end(match: re.Match[str]) -> Token:
    """当年第三季度末 → the last day of September."""
    q = _QUARTER_NUMBERS[match["q"]]
    return Token("DEADLINE", match.start(), match.end(), match[0], period="year", deadline=f"{3 * q}月底前")


def _response(match: re.Match[str]) -> Token:
    """…后二十四小时内, 自收到之日起五个工作日内: the time allowed after an event."""
    unit = _UNIT_NAMES.get(match["unit"], match["unit"])
    return Token(
        "RESPONSE", match.start(), match.end(), match[0], number=parse_decimal(match["n"]), unit=unit
    )


def _response_within(match: re.Match[str]) -> Token:
    """二小时内: a response time when an event comes before it (接到提示后，2小时内), else words."""
    token = _response(match)
    return Token("WITHIN", token.start, token.end, token.text, number=token.number, unit=token.unit)


_EVENING = ("下午", "晚上", "晚间", "傍晚", "夜间")


def _clock_deadline(match: re.Match[str]) -> Token:
    """每日7:00前, 每天17时前, 晚上11点前: a time of day on the period's day.

    The rule keeps the hour as text (17时前, 7时30分前); the due date is the day itself, so only a daily
    duty can hold it (frequency refuses it beside any longer period). 每日/每天 give the period; 当天
    (汇报领导需在当天晚上24:00前回复) is the day of some event, not every day, so it gives none.
    """
    hour = parse_number(match["hour"])
    if match["part"] in _EVENING and hour < 12:
        hour += 12
    minute = 30 if match["half"] else parse_number(match["minute"] or match["minute2"] or "0")
    rule = f"{hour}时{f'{minute}分' if minute else ''}前"
    period = "day" if match["every"] else None
    return Token("DEADLINE", match.start(), match.end(), match[0], period=period, deadline=rule)


def _day_parts(match: re.Match[str]) -> Token:
    """早晚各, 上下午各, 早中晚各: the parts of one day, each with the count that follows."""
    parts = 3 if "中" in match["parts"] else 2
    return Token("DAYPARTS", match.start(), match.end(), match[0], period="day", number=parts)


def _bare_period(match: re.Match[str]) -> Token:
    """两个月组织一次, 半年检查一次: a period without 每, read only when a count follows in its clause."""
    what = match["what"].lstrip("个")
    if what == "半年":
        return Token("PERIOD", match.start(), match.end(), match[0], period="half")
    if what in ("季", "季度"):
        return Token("PERIOD", match.start(), match.end(), match[0], period="quarter")
    if what == "旬":
        return Token("PERIOD", match.start(), match.end(), match[0], period="xun")
    step = parse_number(match["step"]) if match["step"] else 1
    kind, kind_step = _stepped_kind(what, step)
    return Token("PERIOD", match.start(), match.end(), match[0], period=kind, step=kind_step)


def _deadline(period: str | None, suffix: str = "") -> _Maker:
    def make(match: re.Match[str]) -> Token:
        text = match["rule"].replace("末后", "后").replace("终了后", "后").replace("年度后", "年后") + suffix
        token_period = period
        if token_period is None and match[0].startswith(("次年", "当年")):
            token_period = "year"  # 于次年1月30日前: a yearly report
        elif token_period is None and text.startswith(("次月", "月后", "下月")):
            token_period = "month"  # 于次月5日前: a monthly report
        elif token_period is None:
            token_period = _period_after(text)  # 季度终了后15日内: the quarter it follows
        return Token("DEADLINE", match.start(), match.end(), match[0], period=token_period, deadline=text)

    return make


def _period_after(rule: str) -> str | None:
    """季后10日内 → quarter, 年后45日内 → year: a deadline counted from a period's end names that period."""
    if re.match("季度?(?:结束)?后", rule):
        return "quarter"
    if re.match("年度?(?:结束)?后", rule):
        return "year"
    return None


_PERIOD_OF_WORD = {"月": "month", "季": "quarter", "季度": "quarter", "年": "year"}


def _before_end(match: re.Match[str]) -> Token:
    """每月底五日前 → 月底5日前: N days before the period's end; 每 gives the period."""
    what = match["what"]
    rule = f"{what}{match['end']}{parse_number(match['n'])}日前"
    period = _PERIOD_OF_WORD[what] if match["every"] else None
    return Token("DEADLINE", match.start(), match.end(), match[0], period=period, deadline=rule)


def _next_month_workday(match: re.Match[str]) -> Token:
    """次月第五个工作日结束前 → 次月第5个工作日前: the N-th working day after the month (a monthly duty)."""
    rule = f"次月第{parse_number(match['n'])}个工作日前"
    return Token("DEADLINE", match.start(), match.end(), match[0], period="month", deadline=rule)


def _period_end(match: re.Match[str]) -> Token:
    """每月底前 → 期末: by the last day of the period (月底前, 季度末前), the rule a period has by default."""
    what = match["what"].lstrip("个")
    period = {"月": "month", "季": "quarter", "季度": "quarter", "半年": "half"}[what]
    # without 每 the period is inferred, as 次月 infers a month: a period written elsewhere wins
    return Token("DEADLINE", match.start(), match.end(), match[0], period=period, deadline="期末")


def _weekday_deadline(period: str | None) -> _Maker:
    """每周五17:00前, 周日晚上24时前, 周六中午12点前: a weekday deadline; the hour is kept in its text."""

    def make(match: re.Match[str]) -> Token:
        groups = match.groupdict()  # a day with only a part of it (每周五下午) has no hour
        hour = parse_number(groups["hour"]) if groups.get("hour") else None
        if hour is not None and groups["part"] in ("下午", "晚上") and hour < 12:
            hour += 12
        rule = f"周{match['day']}{'' if hour is None else f'{hour}时'}前"
        return Token("DEADLINE", match.start(), match.end(), match[0], period=period, deadline=rule)

    return make


def _bound(kind: str) -> _Maker:
    return _token("BOUND", bound=kind)


_UNITS = _alternation((*COUNT_UNITS, *QUANTITY_UNITS)) + "|%"
_DAY = rf"{NUM}(?:日|号)"
_BEFORE = r"(?:前|之前|以前)"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_TO = r"(?:-|—|–|~|至|到)"
# A time of day after a weekday (周五17:00前, 周日晚上24时前); only whole hours, which the rule keeps as text.
_CLOCK = rf"(?P<part>上午|下午|晚上|中午|早上|凌晨)?(?:(?P<hour>{NUM})(?::00|时|点)整?)?"
_RESPONSE_UNITS = r"个工作日|工作日|个小时|小时|分钟|日|天|周|个月"
# A count right after a period word, with up to a clause of words between (两个月组织一次).
_COUNT_AHEAD = rf"(?=[^,;每]{{0,12}}?(?:{NUM})次)"
# 每季度末召开: on the period's last day — not 季度末后15日内, 月底5日前, 月末的最后一个工作日 (other rules)
_AT_END_ONLY = r"(?![前后\d零〇一二两三四五六七八九十]|之|以|结束|终了|的|最后)"
_EVERY_WEEK = "(?:每周|每星期)(?:的)?(?:周|星期)?"
_NOT_A_NUMBER_BEFORE = r"(?<![每\d零〇一二两三四五六七八九十百千上下本当同去今明前后第])"

# Order matters: the first pattern that matches at a position wins.
_PATTERNS: tuple[tuple[re.Pattern[str], _Maker], ...] = (
    (re.compile(rf"\((?:自|从)?(?P<start>{NUM})月(?:份)?(?:起|开始)?\)"), _token("MONTHS")),
    (re.compile(rf"\({NUM}月(?:份)?免报\)"), _token("REMARK")),
    # 12月份免报 outside brackets: an exempt month the schedule does not model (never read as a window)
    (re.compile(rf"(?:{NUM}(?:月份?|、|和)+)+(?:免报|不报|除外)"), _token("EXEMPT")),
    (re.compile(SLASH_SCOPE), _token("SCOPE")),
    *((re.compile(pattern), _token("PERIOD", period=kind)) for pattern, kind in SLASH_PERIOD),
    # a period stated as a range (每三至五年) is no period a calendar can hold
    (re.compile(rf"每{NUM}{_TO}{NUM}个?(?:年|月|周|天|日)"), _token("UNSUPPORTED")),
    # 《2009年…总结》: a title is a name; the numbers and period words inside it are words, never parts
    (re.compile(r"《[^《》]{1,60}》"), _token("TITLE")),
    (re.compile(r"[,;、()：:/\[\]【】“”\"《》]+"), _token("SEP")),
    # events: the time allowed after a trigger (接到投诉后24小时内, 自受理之日起六十日内)
    (
        re.compile(rf"(?:后的?|之日起|起|(?<=发生)的)(?P<n>{DECIMAL})(?P<unit>{_RESPONSE_UNITS})(?:以)?内"),
        _response,
    ),
    # a time of day (每日7:00前, 当天上午10点前): before the ratio and count patterns take its digits
    (
        re.compile(
            rf"(?P<every>每天|每日)?(?:当天|当日)?(?:的)?(?P<part>上午|下午|晚上|晚间|中午|早上|早晨|凌晨|傍晚|夜间|晨)?"
            rf"(?<![\d.])(?P<hour>[01]?\d|2[0-4]|[一二三四五六七八九十]{{1,3}})"
            rf"(?:[:：](?P<minute>[0-5]\d)[时點点]?|[时點点](?:(?P<minute2>[0-5]?\d)分|(?P<half>半))?)整?{_BEFORE}"
        ),
        _clock_deadline,
    ),
    # 25日左右, 约30分钟: an approximate number, never read as the exact one (refused by the grammar)
    (re.compile(rf"(?:大约|大概|约)?{DECIMAL}(?:{_UNITS}|日|号|点|时)?左右"), _token("APPROXIMATE")),
    # 从12月1日开始, 自3月1日起: a start date — no deadline, and no cadence by itself (refused)
    (
        re.compile(
            rf"(?:从|自)?{_MONTH}月{NUM}日(?:{NUM}(?:时|点))?(?:起|开始)(?!\d|[零〇一二两三四五六七八九十]+(?:个)?(?:工作日|日|天|小时))"
        ),
        _token("START"),
    ),
    # one-off dates and multi-year plans
    # 2025年前: by the end of that year (到2035年 alone may be a vision, not a deadline: not read)
    (re.compile(rf"(?P<y>(?:19|20)\d\d)年{_BEFORE}"), _year_dated),
    (re.compile(r"(?:到|至)?[“\"]?十(?P<n>[一二三四五六七八九])五(?:规划)?[”\"]?(?:期)?末"), _plan_end),
    (
        re.compile(
            rf"(?:到|至|在|于)?(?P<y>(?:19|20)\d\d)年(?:(?:年底|年末|底|末){_BEFORE}?|(?P<m>{_MONTH})月(?:份)?"
            rf"(?:(?P<d>{NUM})(?:日|号){_BEFORE}?|(?:底|末){_BEFORE}?|{_BEFORE}))(?!起|开始)"
        ),
        _dated,
    ),
    # 次月第五个工作日(结束)前: the N-th working day after the period, as 5个工作日内 counts it
    (
        re.compile(rf"(?P<rule>次月第(?P<n>{NUM})个工作日(?:结束)?{_BEFORE})"),
        _next_month_workday,
    ),
    # 每月底前, 每季度末前, 每年年底前: by the period's end (the default due date, now said)
    (
        re.compile(
            r"(?<![\d零〇一二两三四五六七八九十])(?P<every>每)?(?P<what>个?月|季度?|半年)(?:的)?(?:月|季度?|年)?(?:底|末)"
            rf"(?:前|之前|以前|{_AT_END_ONLY})"
        ),
        _period_end,
    ),
    # 每月底五日前, 季末10日前: N days before the period's last day; counted in working days it is refused
    (
        re.compile(
            rf"(?P<every>每)?(?P<what>月|季度?|年)(?P<end>底|末)(?:前)?(?P<n>{NUM})(?:日|天)(?:前|之前)"
        ),
        _before_end,
    ),
    (
        re.compile(rf"(?:每)?(?:月|季度?|年)(?:底|末)(?:前)?{NUM}个工作日(?:前|之前)"),
        _token("BACKWARD"),
    ),
    # 周一至周五, 上旬: a span of days inside the period, which no due rule holds
    (re.compile(rf"每?(?:周|星期)[{_WEEKDAYS}](?:至|到|-|—|~)(?:周|星期)?[{_WEEKDAYS}]"), _token("ORDINAL")),
    (re.compile(r"(?:每月|每个月)?(?:的)?[上中下]旬"), _token("ORDINAL")),
    # 年初, 月初, 季初, 首月: the start of the period, a span no due rule holds (never left in the words)
    # (年初确定的任务: a modifier inside the words, before its 的)
    (re.compile(r"(?:每个?)?(?:年|月|季度?)初(?![^,;]{0,6}的)|首月"), _token("ORDINAL")),
    (re.compile(r"最后一个?(?:工作日|月|周|星期|天|日|季度)"), _token("ORDINAL")),
    # deadlines that carry their period; ``rule`` is also a deadline on its own, so it round-trips
    (re.compile(rf"{_EVERY_WEEK}(?P<day>[{_WEEKDAYS}]){_CLOCK}{_BEFORE}"), _weekday_deadline("week")),
    (
        # (每周一次, 每周二次: a count after the period, not a weekday; 每周周一下午, 每周星期五: the same day)
        re.compile(
            rf"{_EVERY_WEEK}(?P<day>[{_WEEKDAYS}])(?:上午|下午|晚上|中午|早上)?(?![{_WEEKDAYS}次遍回十百零〇两\d])"
        ),
        _weekday_deadline("week"),
    ),
    (re.compile(rf"每(?P<rule>季(?:度)?(?:末)?(?:后|结束后|终了后){NUM}(?:日|天)内)"), _deadline("quarter")),
    (re.compile(rf"每(?P<rule>月(?:末)?(?:后|结束后|终了后){NUM}(?:日|天)内)"), _deadline("month")),
    (re.compile(rf"每一?(?P<rule>年度?(?:末)?(?:后|结束后|终了后){NUM}(?:日|天)内)"), _deadline("year")),
    (re.compile(rf"每年(?:的)?(?P<rule>{_MONTH}月(?:底|末|{_DAY}){_BEFORE})"), _deadline("year")),
    (re.compile(rf"每月(?:的)?(?P<rule>{_DAY}{_BEFORE})"), _deadline("month")),
    (
        re.compile(
            r"(?:(?:每年|当年|今年|本年度?)?(?:的)?(?:年底|年末|年终)|(?:每|今|本)年[底末])(?:前|之前|以前)?"
        ),
        _year_end,
    ),
    (re.compile(r"(?:当年)?第?(?P<q>[一二三四1-4])季度末(?:前|之前|以前)?"), _quarter_end),
    # windows: quarters, months and days of each year
    (re.compile(r"(?P<every>每年)?(?:的)?第(?P<q>[一二三四1-4])季度(?:内)?(?!末)"), _quarter_window),
    (
        re.compile(
            rf"(?P<every>每年)?(?:的)?(?:自|从)?(?P<m1>{_MONTH})(?:月(?:份)?(?:(?P<d1>{NUM})日)?)?{_TO}"
            rf"(?:次年|第二年)?(?P<m2>{_MONTH})月(?:份)?(?:(?P<d2>{NUM})日)?(?:期间|之间|间)?"
        ),
        _month_window,
    ),
    (
        re.compile(
            rf"(?P<every>每年)?(?:的)?(?:自|从)?(?P<m1>{_MONTH})月(?P<d1>{NUM})日{_TO}(?P<d2>{NUM})日"
            rf"(?P<m2>)(?:期间|之间|间)?(?!内)"
        ),
        _month_window,
    ),
    (re.compile(rf"(?P<every>每年)?(?:的)?(?P<m1>{_MONTH})月份(?P<m2>)?(?P<d1>)?(?P<d2>)?"), _month_window),
    # deadlines relative to whatever period the phrase names
    (re.compile(rf"周(?P<day>[{_WEEKDAYS}]){_CLOCK}{_BEFORE}"), _weekday_deadline(None)),
    (re.compile(rf"(?P<rule>(?:次月|月后|下月){_DAY}(?:前|之前|以前|内)?)"), _deadline(None)),
    (re.compile(rf"(?P<rule>(?:季|季度|月)(?:末)?(?:后|结束后|终了后){NUM}(?:日|天)内)"), _deadline(None)),
    (re.compile(rf"(?P<rule>年度(?:末)?(?:结束后|终了后){NUM}(?:日|天)内)"), _deadline(None)),
    (re.compile(rf"(?P<rule>(?:期满后|结束后)?{NUM}个工作日内)"), _deadline(None)),
    (re.compile(rf"(?:当年)?(?P<rule>(?:次年)?{_MONTH}月(?:底|末|{_DAY}){_BEFORE})"), _deadline(None)),
    (re.compile(rf"(?P<m>{_MONTH})月(?P<d>{NUM})日(?![前之以内起至到\-—~])"), _dated),
    (re.compile(rf"(?P<rule>{_DAY}{_BEFORE})"), _deadline(None)),
    (re.compile(r"(?:遇(?:法定)?节假日)?(?:不顺延|顺延|提前)"), _token("ROLL")),
    (
        re.compile(rf"(?<=、)(?:周|星期)[{_WEEKDAYS}]|(?<=[{_WEEKDAYS}]、)[{_WEEKDAYS}](?![次遍个])"),
        _token("WEEKDAY"),
    ),
    (re.compile(_alternation(EVENT_TRIGGERS)), _token("EVENT")),
    # 早晚各1次, 上下午各巡查一次: each part of the day — a count per day, the parts times the number
    (
        re.compile(
            r"(?P<parts>早中晚|早、中、晚|早晚|早、晚|上下午|上、下午|上午、下午|上午和下午)各"
        ),  # (without a count after it the reader refuses it: never read as once a day)
        _day_parts,
    ),
    # 分别…, 各进行一次: one demand for each of several things named before — a list, not one duty
    (
        re.compile(
            rf"分别|(?<![上下])各(?=[\u4e00-\u9fff]{{0,4}}?{DECIMAL}(?:(?:-|~|至|到|、){DECIMAL})?次)"
        ),
        _token("LIST"),
    ),
    # 当季度/上月 name the base of a share, not a period of the phrase.
    (re.compile(r"(?:当|本|上一?|同|下一?)(?:季度|季|月份?|年度?|周|学期|学年)"), _token("WORD")),
    (re.compile(rf"每{NUM}(?:个)?(?:小时|分钟)"), _token("UNSUPPORTED")),
    (
        re.compile(rf"第{NUM}个?(?:月|周|星期|旬|天|日|个工作日)(?:的)?(?:{NUM}日)?(?:内|前|结束前)?"),
        _token("ORDINAL"),
    ),
    (re.compile(rf"为期{NUM}(?:个)?(?:月|年|周|天|日)"), _token("CAMPAIGN")),
    (re.compile(_alternation(NAMED_WINDOWS)), _token("NAMED")),
    # 一季度/第二季度 name one quarter of the year, not a cadence: refuse rather than read 每季度.
    (re.compile(r"第?[一二三四1-4]季度"), _token("SPECIFIC")),
    (re.compile(STEPPED_PERIOD), _stepped),
    (re.compile(r"(?<![间相])隔(?:一)?(?:个)?(?P<what>天|日|周|星期|月|年)"), _every_other),
    *((re.compile(pattern), _token("PERIOD", period=kind)) for pattern, kind in PERIOD_WORDS),
    # 一年一次、半年两次、两个月组织一次: the period without 每, before its count.
    (
        re.compile(
            rf"{_NOT_A_NUMBER_BEFORE}(?:(?P<step>{NUM})(?:个)?|一)?(?P<what>半年|年|季度?|个?月|周|旬|天){_COUNT_AHEAD}"
        ),
        _bare_period,
    ),
    # 一日3次: one day, written with 日 — only after 一 (15日 before a count is a date, not a period)
    (re.compile(rf"{_NOT_A_NUMBER_BEFORE}一日{_COUNT_AHEAD}"), _token("PERIOD", period="day")),
    # 每次, 每遍, 每回: each occurrence (每天清扫2遍，每遍不少于30分钟 — 30 minutes each, not a day's total)
    (re.compile(r"每(?:次|遍|回)"), _token("EACH")),
    # 多次, 数次, 若干次: a count with no number in it (多次投诉的 is words: the grammar decides)
    (re.compile(r"(?:多|数|若干|几|屡)次(?!性)"), _token("VAGUE")),
    (re.compile(COVERAGE_WORDS), _token("COVERAGE")),
    (re.compile(_alternation(TOTAL_WORDS)), _token("TOTAL")),
    (re.compile(_alternation(BOUNDS_AT_LEAST)), _bound("min")),
    (re.compile(_alternation(BOUNDS_AT_MOST)), _bound("max")),
    (re.compile(rf"(?:为|是|等于)(?=(?:{DECIMAL})(?:{_UNITS}))"), _bound("exact")),
    (re.compile(_alternation(SOFTENERS)), _bound("soft")),
    # 10%~20% writes the per cent twice: still one range of shares.
    (re.compile(rf"(?P<a>{DECIMAL})%{_TO}(?P<b>{DECIMAL})(?P<unit>%)"), _range),
    (re.compile(rf"(?P<a>{DECIMAL})(?:{_TO}|、)(?P<b>{DECIMAL})(?P<unit>{_UNITS})"), _range),
    (re.compile(rf"(?:百分之(?P<hundred>{DECIMAL})|(?P<bottom>{NUM})分之(?P<top>{NUM}))"), _fraction),
    (re.compile(r"\d+(?::|比)\d+(?::\d+)*(?=的|比例|[^\u4e00-\u9fff]|$)"), _token("RATIO")),
    (re.compile(rf"(?P<n>{DECIMAL})(?P<unit>{_RESPONSE_UNITS})(?:以)?内"), _response_within),
    (re.compile(rf"各?(?P<n>{DECIMAL})(?P<unit>{_UNITS})(?P<after>以上|以下|以内)?(?!岁)"), _quantity),
    (re.compile(rf"(?P<n>{DECIMAL})(?P<unit>{FOREIGN_MEASURES})"), _token("FOREIGN")),
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
