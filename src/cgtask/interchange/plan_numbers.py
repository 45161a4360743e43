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
    r"(?:(至少|不少于|不低于|达到|超过)\S{0,3}?)?(?<![\d.\-—~])(\d+(?:\.\d+)?)\s*"
    r"(个(?![月工])|家|处|块|地块|条|座|所|项|部|套|辆|户|%|％)(以上)?(?!\s*[-—~至到]\s*\d)"
)
# Any number with a unit in the wording (15546套, 200部, 50个): a duty or a note, never nothing.
BARE_QUANTITY = re.compile(r"(\d+(?:\.\d+)?)\s*(?:个(?![月工])|家|处|块|地块|条|座|所|项|部|套|辆|户|%|％)")
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
