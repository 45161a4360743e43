"""The shapes of issue 16 as ``Frequency`` structures, and the readings cgtask must refuse."""

from __future__ import annotations

import json

import pytest

from cgtask.errors import FrequencyError
from cgtask.schedule.frequency import (
    ACCEPTED_FORMS,
    Frequency,
    Quota,
    format_frequency,
    parse_frequency,
    periods_per_year,
)
from cgtask.schedule.phrase_reading import phrase_reading


@pytest.mark.parametrize(
    ("text", "period", "times"),
    [
        ("每季度巡查不少于1次", "quarter", 1),
        ("每周走访不少于一次", "week", 1),
        ("每周召开一次", "week", 1),
        ("每月需要对每条责任河湖巡河至少1次", "month", 1),
        ("至少每季度进行一次", "quarter", 1),
        ("原则上每年不少于2次", "year", 2),
        ("项目部每月不少于二次", "month", 2),
        ("1次/年", "year", 1),
        ("4次/年", "year", 4),
        ("2次/年/单位", "year", 2),
        ("每年不少於2次", "year", 2),
        ("每周不少于２次", "week", 2),
        ("一年一次", "year", 1),
        ("半年两次", "half", 2),
    ],
)
def test_counts_with_words_between(text: str, period: str, times: int) -> None:
    freq = parse_frequency(text)
    assert (freq.period, freq.times, freq.quota, freq.maximum) == (period, times, None, None)


def test_maxima() -> None:
    assert parse_frequency("上限:2次/年/单位").maximum == 2
    both = parse_frequency("检查频次:1次/年/单位;上限:2次/年/单位")
    assert (both.period, both.times, both.maximum) == ("year", 1, 2)
    assert parse_frequency("每年，不超过10家").quota == Quota(per="period", count=10, unit="家", at_most=True)


def test_quantity_in_its_own_unit_is_not_a_count() -> None:
    freq = parse_frequency("每月整改问题不少于16起")
    assert freq.times is None
    assert freq.quota_json() == {"value": 16, "unit": "起", "per": "period", "of": None}
    assert parse_frequency("每年不少于100个").quota_json() == {
        "value": 100,
        "unit": "个",
        "per": "year",
        "of": None,
    }
    assert parse_frequency("每半年1次，每次不少于30件").quota_json() == {
        "value": 30,
        "unit": "件",
        "per": "occurrence",
        "of": None,
    }


@pytest.mark.parametrize(
    ("text", "percent", "basis"),
    [
        ("每季度最低抽查12.5%", 12.5, None),
        ("每月抽查总数的9%", 9, "总数"),
        ("每年不低于辖区内机构数的5%", 5, "辖区内机构数"),
        ("每年50%", 50, None),
        ("每季度，不少于当季案件数10%", 10, "当季案件数"),
        ("每季度，线上抽查不少于当季度10%的中队案件", 10, "当季度中队案件"),
    ],
)
def test_shares_name_their_base(text: str, percent: float, basis: str | None) -> None:
    quota = parse_frequency(text).quota
    assert quota is not None
    assert (quota.percent, quota.basis) == (percent, basis)


def test_two_periods_in_one_duty() -> None:
    freq = parse_frequency("每月抽查总数的9%，每年全部检查一次")
    monthly, yearly = freq.periods
    assert (monthly.period, monthly.quota) == (
        "month",
        Quota(per="period", percent=9, basis="总数", exact=True),
    )
    assert (yearly.period, yearly.times, yearly.coverage) == ("year", 1, True)
    assert freq.period == "month"  # the first period stays in the top-level fields for older callers
    assert parse_frequency(format_frequency(freq)).periods == freq.periods
    assert Frequency.from_dict(json.loads(json.dumps(freq.to_dict()))) == freq


@pytest.mark.parametrize(
    ("text", "period", "step"),
    [
        ("每两年", "years", 2),
        ("每三年", "years", 3),
        ("每10天", "days", 10),
        ("每4个月", "months", 4),
        ("每三个月", "quarter", None),
        ("每学期", "semester", None),
    ],
)
def test_periods_beyond_a_year_or_off_the_grid(text: str, period: str, step: int | None) -> None:
    freq = parse_frequency(text)
    assert (freq.period, freq.step) == (period, step)


def test_monthly_without_a_fixed_day() -> None:
    freq = parse_frequency("每月不定期")
    assert (freq.period, freq.no_fixed_day, freq.is_event) == ("month", True, False)
    assert parse_frequency("不定期").is_event


@pytest.mark.parametrize(
    ("text", "period", "deadline"),
    [
        ("每月报送，次月5日前", "month", "次月5日前"),
        ("每季后15日内", "quarter", "季后15日内"),
        ("每年1月底前", "year", "1月底前"),
        ("每月，月后18日前（1月免报）", "month", "月后18日前（1月免报）"),
        ("每月，3个工作日内", "month", "3个工作日内"),
        ("每周二12时前", "week", "周二12时前"),
    ],
)
def test_deadlines_relative_to_the_period(text: str, period: str, deadline: str) -> None:
    freq = parse_frequency(text)
    assert (freq.period, freq.deadline) == (period, deadline)
    assert parse_frequency(format_frequency(freq)).deadline == deadline


def test_duration_is_read_from_time_units() -> None:
    assert parse_frequency("每月2次，每次时长不少于20分钟").duration == "20分钟"
    assert phrase_reading("每月2次，每次时长不少于20分钟")["duration"] == "20分钟"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("一季度完成", "指某一个季度"),
        ("营业期间要每2小时一次", "不支持按小时"),
        ("汛期每周巡查不少于2次", "“汛期”的起止日期没有定义"),
        ("每天工作8小时，清理约50公斤垃圾", "“50公斤”"),
        ("每三至五年至少实施一次综合督导", "是一个范围"),
        ("11月至次年3月每月巡查一次", "跨年的时间窗口"),
        ("重点单位和一般单位分别不低于20%、40%", "“分别”列出了几项"),
        ("每月至少进行一次防火检查，每年对消防设施至少进行一次全面检测", "请分成两条"),
        ("年度对A、B类煤矿分别不超过2次、4次、6次", "出现了两个次数"),
        ("不少于", "之后缺少数量"),
    ],
)
def test_refusals_locate_the_problem(text: str, reason: str) -> None:
    with pytest.raises(FrequencyError, match=reason):
        parse_frequency(text)


@pytest.mark.parametrize("text", ["每月2次3次", "不超过4次", "每半月清洗一次", "每月、每季度各检查一次"])
def test_a_refusal_never_suggests_another_number_bound_or_period(text: str) -> None:
    # Issue 23: a suggestion that changes a number, a bound or a period (每年1-2次 → 每年不少于2次) is
    # worse than none; the accepted forms are listed once (cgtask phrase --forms), not on every line.
    with pytest.raises(FrequencyError) as caught:
        parse_frequency(text)
    message = str(caught.value)
    assert "最接近的写法" not in message
    assert "cgtask phrase --forms" in message
    assert ACCEPTED_FORMS[0] not in message


def test_phrase_reading_shows_the_parts_of_a_refused_phrase() -> None:
    reading = phrase_reading("不超过4次")
    assert (reading["ok"], reading["period"], reading["count"], reading["maximum"]) == (
        False,
        "none",
        4,
        True,
    )
    assert "没有写明周期" in reading["error"]
    assert set(reading) >= {
        "text", "ok", "error", "period", "count", "quantity", "share", "of", "coverage", "maximum",
        "deadline", "event", "duration", "periods", "quota",
        "activity", "object", "subject", "window", "range", "exact", "total", "response",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "reason"),
    [("每周，5日前", "只适用于按月"), ("每月，周二前", "只适用于每周")],
)
def test_a_deadline_must_fit_its_period(text: str, reason: str) -> None:
    with pytest.raises(FrequencyError, match=reason):
        parse_frequency(text)


def test_parts_lists_every_period_of_a_duty() -> None:
    assert parse_frequency("每周不少于2次").parts == (parse_frequency("每周不少于2次"),)
    assert [p.period for p in parse_frequency("每月抽查总数的9%，每年全部检查一次").parts] == [
        "month",
        "year",
    ]


@pytest.mark.parametrize(
    ("text", "per_year"),
    [
        ("每周", 52),
        ("每两年", 0.5),
        ("每三年", 1 / 3),
        ("每10天", 36.5),
        ("每学期", 2),
        ("每4个月", 3),
        ("随时", 0),
    ],
)
def test_periods_per_year_compares_cadences(text: str, per_year: float) -> None:
    assert periods_per_year(parse_frequency(text)) == pytest.approx(per_year)
