"""Property tests of the phrase grammar: period × filler × bound × number × unit, in the orders people write.

Each generated phrase is built from parts whose meaning is known, so the expected reading follows from
the parts; the grammar must give exactly that reading (or, never, a different one).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cgtask.schedule.phrase_reading import phrase_reading

PERIODS = {
    "每天": "day", "每日": "day", "每周": "week", "每两周": "2weeks", "每旬": "xun", "每月": "month",
    "每个月": "month", "每两个月": "2months", "每季度": "quarter", "每半年": "half", "每年": "year",
    "全年": "year", "每学期": "semester", "每两年": "2years", "每三年": "3years", "每10天": "10days",
    "每4个月": "4months",
}  # fmt: skip
SLASH_PERIODS = {"年": "year", "月": "month", "季度": "quarter", "周": "week", "半年": "half"}
SUBJECTS = ["", "项目部", "区局", "镇级河长", "各街镇中队"]
FILLERS = [
    "",
    "巡查",
    "开展",
    "走访",
    "召开",
    "组织开展",
    "对辖区商户进行检查",
    "需要对每条责任河湖巡河",
    "各街镇中队抽查",
]
MIN_BOUNDS = ["", "不少于", "至少", "不低于", "最低", "不得少于", "原则上不少于"]
MAX_BOUNDS = ["不超过", "上限", "最多"]
QUANTITY_UNITS = ["起", "件", "份", "个", "家", "户", "人次", "篇"]
_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    """1–99 in Chinese numerals as documents write them (十二, 二十, 两 for a lone 2)."""
    if n == 2:
        return "两"
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + ("" if ones == 0 else _DIGITS[ones])


@st.composite
def _numbers(draw: st.DrawFn) -> tuple[int, str]:
    n = draw(st.integers(min_value=1, max_value=99))
    style = draw(st.sampled_from(["arabic", "wide", "chinese"]))
    if style == "wide":
        return n, str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return n, str(n) if style == "arabic" else _chinese(n)


@st.composite
def _phrases(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    subject = draw(st.sampled_from(SUBJECTS))
    n, written = draw(_numbers())
    unit = draw(st.sampled_from(["次", *QUANTITY_UNITS]))
    at_most = draw(st.booleans())
    bound = draw(st.sampled_from(MAX_BOUNDS if at_most else MIN_BOUNDS))
    if draw(st.booleans()):
        slash = draw(st.sampled_from(sorted(SLASH_PERIODS)))
        period = SLASH_PERIODS[slash]
        text = f"{subject}{bound}{written}{unit}/{slash}"
    else:
        head = draw(st.sampled_from(sorted(PERIODS)))
        period = PERIODS[head]
        # A verb may sit between period and count; a noun may only name what a quantity counts.
        filler = draw(st.sampled_from(FILLERS))
        text = f"{subject}{head}{filler}{bound}{written}{unit}"
    if draw(st.booleans()):
        text = text.replace("于", "於")
    expected: dict[str, Any] = {"ok": True, "period": period, "maximum": at_most}
    if unit == "次":
        expected |= {"count": n, "quantity": None}
    else:
        expected |= {"count": None, "quantity": {"value": n, "unit": unit}}
    return text, expected


@settings(max_examples=300, deadline=None)
@given(_phrases())
def test_generated_phrases_read_as_built(case: tuple[str, dict[str, Any]]) -> None:
    text, expected = case
    reading = phrase_reading(text)
    assert {key: reading[key] for key in expected} == expected, (text, reading["error"])


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(sorted(PERIODS)),
    st.sampled_from(["内务管理督察", "队列训练", "安全生产大检查"]),
    _numbers(),
)
def test_an_unknown_noun_before_a_count_is_the_activity(
    head: str, noun: str, number: tuple[int, str]
) -> None:
    # Issue 23: words between the parts are the activity, returned, never a reason to refuse.
    n, written = number
    reading = phrase_reading(f"{head}{noun}不少于{written}次")
    assert reading["ok"], reading["error"]
    assert (reading["period"], reading["count"], reading["activity"]) == (PERIODS[head], n, noun)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(sorted(PERIODS)),
    st.sampled_from(["", "当季度", "当月", "总数的", "辖区内机构数的"]),
    st.sampled_from(["9", "12.5", "50", "100"]),
)
def test_shares_name_their_base(head: str, base: str, percent: str) -> None:
    reading = phrase_reading(f"{head}抽查{base}{percent}%")
    assert reading["ok"], reading["error"]
    assert reading["share"] == (float(percent) if "." in percent else int(percent))
    assert reading["of"] == (base.removesuffix("的") or None)
