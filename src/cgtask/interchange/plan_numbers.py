"""Numbers in a plan's cells and wording that are not plain: approximate (约27家), dated (5月底前…50个), bare.

An approximate number is read as its number and said to be approximate; a dated target is a dated
quantity or share (a milestone with its amount); any other number with a unit in the wording that no
duty took gets a note of its own. Nothing with a number is dropped without a word.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

# 3个月, 5个工作日 and 近3年 are spans of time, not amounts.
TIME_AFTER = r"(?!\s*(?:年|个?月|天|日|周|小时|个?工作日))"
UNIT = r"(?:个(?![月工])|家|处|块|地块|条|座|所|项|部|套|辆|户|人|次|%|％)"
# 约27家, 近30个, 30余家, 30多个, 27家左右: the number, and whether it is at least that (余/多).
APPROX = re.compile(
    r"(?:大约|约|近|将近)(\d+(?:\.\d+)?)" + TIME_AFTER + r"\s*(余|多)?\s*" + UNIT + r"?(?:左右)?"
    r"|(\d+(?:\.\d+)?)\s*(余|多)" + TIME_AFTER + r"\s*" + UNIT + r"?(?:左右)?"
    r"|(\d+(?:\.\d+)?)\s*" + UNIT + r"?左右"
)
# A target after a date: 至少/不少于/达到 50个, 80%, 50个以上; a range (4-5个) is not one number.
TARGET = re.compile(
    r"(?:(至少|不少于|不低于|达到|超过|达(?!标))\S{0,3}?)?(?<![\d.\-—~])(\d+(?:\.\d+)?)\s*"
    r"(个(?![月工])|家|处|块|地块|条|座|所|项|部|套|辆|户|%|％)(以上)?(?!\s*[-—~至到]\s*\d)"
)
# Any number with a unit in the wording (15546套, 200部, 50个): a duty or a note, never nothing.
# Measures a plan sizes its works in (25万平方米, 3000株, 12公里): never read as a duty here, always noted.
MEASURES = r"万?(?:平方米|平米|平方公里|公顷|亩|公里|千米|延米|米|株|棵|吨|台|宗|件|名|场)"
BARE_QUANTITY = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:个(?![月工])|家|处|块|地块|条|座|所|项|部|套|辆|户|%|％|" + MEASURES + ")"
)
DATE_SPAN = re.compile(
    r"^(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?[-—~～至到]+(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?$"
)


def approximate(text: str) -> float | None:
    """The number of an approximate amount (约27家 → 27), None when the text is not one."""
    found = APPROX.fullmatch(re.sub(r"\s+", "", text))
    if found is None:
        return None
    return float(found.group(1) or found.group(3) or found.group(5))


def plain_approximate(clause: str) -> tuple[str, str | None]:
    """A clause with its approximate number written plainly (约27家 → 为27家, 30余家 → 不少于30家), and the words."""
    found = APPROX.search(clause)
    if found is None:
        return clause, None
    number = found.group(1) or found.group(3) or found.group(5)
    at_least = found.group(2) or found.group(4)
    unit = re.search(UNIT + r"(?!.*" + UNIT + ")", found.group(0))
    written = ("不少于" if at_least else "为") + number + (unit.group(0) if unit else "")
    return clause[: found.start()] + written + clause[found.end() :], found.group(0)


def whole_months(span: str) -> tuple[int, int] | None:
    """A date span of whole months in one year (2024.01.01-2024.12.31 → (1, 12)), else None."""
    found = DATE_SPAN.match(span)
    if found is None:
        return None
    y1, m1, d1, y2, m2, d2 = (int(part) for part in found.groups())
    if y1 != y2 or d1 != 1 or not 1 <= m1 <= m2 <= 12 or d2 != calendar.monthrange(y2, m2)[1]:
        return None
    return m1, m2


@dataclass(frozen=True)
class DatedTarget:
    """A dated target in the wording: its phrase for the engine and the span of text it took."""

    phrase: str
    words: str
    start: int
    end: int


def dated_target(deadline: str, after: str, offset: int) -> DatedTarget | None:
    """The first amount after a date, up to the sentence's next date (5月底前开工…50个), as a dated target.

    A bound word (至少, 不少于, 达到, 以上) makes it a lower bound; a bare number is exact, as written.
    """
    found = TARGET.search(after)
    if found is None:
        return None
    bound = "不少于" if found.group(1) or found.group(4) else "为"
    unit = {"％": "%", "地块": "个"}.get(found.group(3), found.group(3))
    if unit == "%" and bound == "不少于":
        bound = "不低于"
    phrase = f"{deadline}{bound}{found.group(2)}{unit}"
    return DatedTarget(phrase, found.group(0), offset + found.start(), offset + found.end())


# An amount beside the date of the row's 完成时限 column: a bound word or 以上 makes it a lower bound, a
# bare number is exact, a range keeps both ends; 第3条 is a reference, not an amount.
COLUMN_AMOUNT = re.compile(
    r"(?:(至少|不少于|不低于|达到|超过|达(?!标))\S{0,3}?)?(?<![\d.\-—~第])(\d+(?:\.\d+)?)"
    r"(?:\s*[-—~]\s*(\d+(?:\.\d+)?))?\s*(个(?![月工])|家|处|块|地块|条|座|所|项|部|套|辆|户|%|％)(以上)?"
)
# A period word in an amount's own clause (全年检查50家, 每月不少于20家, 2023年度…建成1个): the amount is
# that period's, not the column date's.
OWN_PERIOD = re.compile(r"每年|全年|年均|年度|每半年|每季度?|每月|每周|每旬|每天|每日|上半年|下半年")
CLAUSE_MARK = re.compile(r"[,，;；。]")


@dataclass
class ColumnAmounts:
    """What a sentence with no date of its own says about the date in the row's 完成时限 column.

    ``dated``: its amounts with no period of their own, each a dated target at that date; ``apart``:
    (amount, period word) of the amounts whose clause names a period, kept apart from the date;
    ``unsized``: works listed (、) beside a sized one with no amount of their own, for which the date
    stays a bare milestone (实施A工程、B32条改造工程).
    """

    dated: list[DatedTarget]
    apart: list[tuple[str, str]]
    unsized: list[str]


def _column_phrase(found: re.Match[str], deadline: str) -> str:
    low, high, unit = found.group(2), found.group(3), found.group(4)
    unit = {"％": "%", "地块": "个"}.get(unit, unit)
    if high is not None:
        return f"{deadline}{low}—{high}{unit}"
    bound = "为"
    if found.group(1) or found.group(5):
        bound = "不低于" if unit == "%" else "不少于"
    return f"{deadline}{bound}{low}{unit}"


def own_period(sentence: str, at: int) -> str | None:
    """The period word of the clause before ``at`` (每月检查不少于20家 → 每月), None when it names none."""
    starts = [m.end() for m in CLAUSE_MARK.finditer(sentence, 0, at)]
    found = OWN_PERIOD.search(sentence, starts[-1] if starts else 0, at)
    return found.group(0) if found else None


def every(period: str | None) -> str:
    """A period word as the engine writes a cadence: 全年/年度 → 每年, 每季 → 每季度, none → 每年."""
    if period in (None, "全年", "年度", "年均"):
        return "每年"
    return "每季度" if period == "每季" else str(period)


# 全覆盖、全过程、全时段: a slogan listing qualities of a system, not a coverage to count.
SLOGAN = re.compile(r"全[\u4e00-\u9fff]{1,3}(?:、全[\u4e00-\u9fff]{1,3})+")


def coverages(text: str) -> list[int]:
    """Where 全覆盖 demands a coverage in ``text``: not inside a slogan (全覆盖、全过程、全时段)."""
    slogans = [m.span() for m in SLOGAN.finditer(text)]
    spots = [m.start() for m in re.finditer("全覆盖", text)]
    return [at for at in spots if not any(start <= at < end for start, end in slogans)]


def column_amounts(sentence: str, deadline: str) -> ColumnAmounts:
    """The amounts of a sentence read against the row's column date (see :class:`ColumnAmounts`)."""
    found_amounts = ColumnAmounts([], [], [])
    for found in COLUMN_AMOUNT.finditer(sentence):
        period = own_period(sentence, found.start())
        if period is not None:
            found_amounts.apart.append((found.group(0), period))
            continue
        starts = [m.end() for m in CLAUSE_MARK.finditer(sentence, 0, found.start())]
        end_mark = CLAUSE_MARK.search(sentence, found.end())
        clause = sentence[starts[-1] if starts else 0 : end_mark.start() if end_mark else None]
        words = found.group(0)
        found_amounts.dated.append(DatedTarget(_column_phrase(found, deadline), words, *found.span()))
        works = clause.split("、")
        if len(works) > 1:
            found_amounts.unsized += [work for work in works if not COLUMN_AMOUNT.search(work)]
    return found_amounts
