from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cgtask.errors import FrequencyError
from cgtask.schedule.frequency import (
    ACCEPTED_FORMS,
    EVEN_BIMONTH_STARTS,
    Frequency,
    Quota,
    format_frequency,
    parse_frequency,
)

EACH_30_JIAN = Quota(per="each", count=30, unit="件")
EACH_30_FEN = Quota(per="each", count=30, unit="份")
SHARE_10 = Quota(per="period", percent=10, basis="当季度案件数")

# phrase → (period, times, coverage, quota, months, trigger)
PHRASES: list[tuple[str, tuple[Any, ...]]] = [
    # the forms of DESIGN.md item 2
    ("每天", ("day", None, False, None, None, None)),
    ("每日", ("day", None, False, None, None, None)),
    ("每个工作日", ("workday", None, False, None, None, None)),
    ("每周", ("week", None, False, None, None, None)),
    ("每两周", ("biweek", None, False, None, None, None)),
    ("双周", ("biweek", None, False, None, None, None)),
    ("每旬", ("xun", None, False, None, None, None)),
    ("每月", ("month", None, False, None, None, None)),
    ("双月", ("bimonth", None, False, None, None, None)),
    ("每两个月", ("bimonth", None, False, None, None, None)),
    ("每两个月（2月起）", ("bimonth", None, False, None, EVEN_BIMONTH_STARTS, None)),
    ("每两个月（3月起）", ("bimonth", None, False, None, None, None)),
    ("每季度", ("quarter", None, False, None, None, None)),
    ("按季度", ("quarter", None, False, None, None, None)),
    ("每半年", ("half", None, False, None, None, None)),
    ("每年", ("year", None, False, None, None, None)),
    ("全年", ("year", None, False, None, None, None)),
    ("上半年", ("h1", None, False, None, None, None)),
    ("下半年", ("h2", None, False, None, None, None)),
    ("上半年、下半年各一次", ("half", 1, False, None, None, None)),
    ("一案一督", ("event", None, False, None, None, "一案一督")),
    ("随时", ("event", None, False, None, None, "随时")),
    ("适时", ("event", None, False, None, None, "适时")),
    ("接到指令后", ("event", None, False, None, None, "接到指令后")),
    # real phrases from seed 004
    ("每周不少于2次", ("week", 2, False, None, None, None)),
    ("每月2次", ("month", 2, False, None, None, None)),
    ("每月不少于2次", ("month", 2, False, None, None, None)),
    ("每月至少2次", ("month", 2, False, None, None, None)),
    ("每半年1次", ("half", 1, False, None, None, None)),
    ("每半年开展1次", ("half", 1, False, None, None, None)),
    ("每季度全覆盖", ("quarter", None, True, None, None, None)),
    ("每月抽查全覆盖", ("month", None, True, None, None, None)),
    ("每半年全覆盖", ("half", None, True, None, None, None)),
    ("每季度抽查全覆盖", ("quarter", None, True, None, None, None)),
    ("每季度街镇中队抽查全覆盖", ("quarter", None, True, None, None, None)),
    ("每半年各街镇中队全覆盖", ("half", None, True, None, None, None)),
    ("每半年1次，每次不少于30件", ("half", 1, False, EACH_30_JIAN, None, None)),
    ("每半年1次, 每次不少于30份", ("half", 1, False, EACH_30_FEN, None, None)),
    ("每季度，不少于当季度案件数10%", ("quarter", None, False, SHARE_10, None, None)),
    (
        "每季度，不少于当季度10%",
        ("quarter", None, False, Quota(per="period", percent=10, basis="当季度"), None, None),
    ),
    ("全年不少于100个", ("year", None, False, Quota(per="period", count=100, unit="个"), None, None)),
    # tolerance: spaces, full-width digits and punctuation, Chinese numerals
    ("每周 不少于 ２ 次", ("week", 2, False, None, None, None)),
    ("每周两次", ("week", 2, False, None, None, None)),
    ("每半年一次；每次不少于三十件。", ("half", 1, False, EACH_30_JIAN, None, None)),
    ("每季度,不少于当季度案件数１０％", ("quarter", None, False, SHARE_10, None, None)),
    (
        "每月2次（每次时长不少于20分钟）",
        ("month", 2, False, Quota(per="each", count=20, unit="分钟", what="时长"), None, None),
    ),
    (
        "每月整改问题不少于16起",
        ("month", None, False, Quota(per="period", count=16, unit="起", what="整改问题"), None, None),
    ),
]


# A count written with no bound word is the plan's number, exact (每月2次 is two, not "at least two").
EXACT_COUNTS = frozenset(
    {
        "上半年、下半年各一次", "每月2次", "每半年1次", "每半年开展1次", "每半年1次，每次不少于30件",
        "每半年1次, 每次不少于30份", "每周两次", "每半年一次；每次不少于三十件。", "每月2次（每次时长不少于20分钟）",
    }
)  # fmt: skip


@pytest.mark.parametrize(("phrase", "expected"), PHRASES, ids=[p for p, _ in PHRASES])
def test_accepted_phrase(phrase: str, expected: tuple[Any, ...]) -> None:
    period, times, coverage, quota, months, trigger = expected
    wanted = Frequency(phrase, period, times, coverage, quota, months, trigger, exact=phrase in EXACT_COUNTS)
    assert parse_frequency(phrase) == wanted


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [
        ("", "内容为空"),
        ("经常", "没有写明周期"),
        ("每次不少于30件", "没有写明周期"),
        ("每月每周", "两个周期"),
        ("每月2次3次", "两个次数"),
        ("一案一督，每次不少于3件", "事件触发"),
        ("每季度，不少于当季度案件数150%", "0%—100%"),
        ("每月（2月起）", "每两个月"),
        ("汛期每周巡查不少于2次", "汛期"),
    ],
)
def test_rejected_phrase_quotes_it_and_points_to_the_forms(phrase: str, reason: str) -> None:
    with pytest.raises(FrequencyError) as caught:
        parse_frequency(phrase)
    message = str(caught.value)
    assert f"“{phrase}”" in message
    assert reason in message
    # The forms are listed once (cgtask phrase --forms), not repeated on every refusal line.
    assert "cgtask phrase --forms" in message
    assert "；".join(ACCEPTED_FORMS) not in message
    assert ACCEPTED_FORMS[4] not in message


@pytest.mark.parametrize(
    ("phrase", "canonical"),
    [
        ("每月2次", "每月2次"),  # a bare number is exact: written bare, read back exact
        ("每月为2次", "每月2次"),
        ("双月", "每两个月"),
        ("每季度抽查全覆盖", "每季度全覆盖"),
        ("每半年1次，每次不少于30件", "每半年1次，每次不少于30件"),
        ("全年不少于100个", "每年，不少于100个"),
        ("上半年、下半年各一次", "每半年1次"),
        ("每月至少2次", "每月不少于2次"),
        ("每年抽查比例10-20%", "每年，抽查比例10%—20%"),
        ("每年抽查比例为5%", "每年，抽查比例5%"),
        ("一案一督", "一案一督"),
    ],
)
def test_format_gives_the_canonical_phrase(phrase: str, canonical: str) -> None:
    assert format_frequency(parse_frequency(phrase)) == canonical


def test_to_dict_is_json_ready_and_round_trips() -> None:
    freq = parse_frequency("每季度，不少于当季度案件数10%")
    data = freq.to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["canonical"] == "每季度，不少于当季度案件数10%"
    assert data["quota"]["percent"] == 10
    assert isinstance(data["quota"]["percent"], int)
    assert Frequency.from_dict(data) == freq


# --- round trip over every structure the parser produces ------------------------------------------

_HEADS = [
    "每天",
    "每个工作日",
    "每周",
    "双周",
    "每旬",
    "每月",
    "双月",
    "每两个月（2月起）",
    "每季度",
    "每半年",
]
_HEADS += ["每年", "全年", "上半年", "下半年", "上半年、下半年各"]
_NOUNS = st.sampled_from(["", "案卷", "时长", "重大法核案件", "抽查比例"])
_UNITS = st.sampled_from(["件", "份", "个", "起", "分钟", "人次"])
_COUNTS = st.integers(min_value=1, max_value=500)


def _each_quota() -> st.SearchStrategy[str]:
    return st.builds(lambda w, n, u: f"每次{w}不少于{n}{u}", _NOUNS, _COUNTS, _UNITS)


def _period_quota() -> st.SearchStrategy[str]:
    return st.builds(lambda w, n, u: f"{w}不少于{n}{u}", _NOUNS, _COUNTS, _UNITS)


def _share_quota() -> st.SearchStrategy[str]:
    bases = st.sampled_from(["", "当季度", "当季度案件数", "当月"])
    percents = st.sampled_from(["10", "5", "12.5", "100"])
    return st.builds(lambda w, b, p: f"{w}不少于{b}{p}%", _NOUNS, bases, percents)


@st.composite
def _dated_phrases(draw: st.DrawFn) -> str:
    parts = [draw(st.sampled_from(_HEADS))]
    if parts[0].endswith("各") or draw(st.booleans()):
        parts[0] += draw(st.sampled_from(["", "不少于", "至少"])) + f"{draw(_COUNTS)}次"
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(["全覆盖", "抽查全覆盖"])))
    quota = draw(st.one_of(st.none(), _each_quota(), _period_quota(), _share_quota()))
    if quota is not None:
        parts.append(quota)
    return draw(st.sampled_from(["，", ",", "；", "、"])).join(parts)


_PHRASES = st.one_of(_dated_phrases(), st.sampled_from(["一案一督", "随时", "适时", "不定期", "接到指令后"]))


@given(_PHRASES)
def test_parse_format_round_trip(phrase: str) -> None:
    parsed = parse_frequency(phrase)
    canonical = format_frequency(parsed)
    assert parse_frequency(canonical) == replace(parsed, text=canonical)


@given(_PHRASES)
def test_dict_round_trip(phrase: str) -> None:
    parsed = parse_frequency(phrase)
    data = json.loads(json.dumps(parsed.to_dict()))
    assert Frequency.from_dict(data) == parsed


def test_rejection_message_is_one_line() -> None:
    with pytest.raises(FrequencyError) as caught:
        parse_frequency("经常")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("phrase", "deadline"),
    [
        ("力争到“十四五”末", "2025年12月底前"),
        ("十三五末", "2020年12月底前"),
        ("到十四五期末", "2025年12月底前"),
    ],
)
def test_five_year_plan_end_is_the_plans_last_year(phrase: str, deadline: str) -> None:
    # 十四五 is the 14th plan (2021—2025): its end is 2025-12-31, not the 4th plan's 1975.
    assert parse_frequency(phrase).deadline == deadline
