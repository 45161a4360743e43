"""Property tests (task phrase23c): the time parts of a duty, with arbitrary Chinese filler around them.

``test_phrase_open_vocabulary`` builds period × filler × bound × number × unit × window × deadline; these add
the time parts issue 23 lists beside them — a time of day on a daily duty (每日7:00前, 当天上午10点前), a
deadline counted from a period's end that names the period (季后10日内, 年度终了后45日内), one-off and
multi-year dates (2024年9月底前, 到2025年底, 每两年至少一次), a total over the period (每周累计不少于40小时),
and an event whose time allowed opens the demand (信访事项应当在60日内办结) or follows its trigger (接到投诉后
24小时内). Each reading must carry exactly the parts the phrase was built from, and each part must reach the
schedule: the parsed frequency's due rule dates it, or the phrase is refused naming the part.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from test_phrase_open_vocabulary import FILLER_CHARS, MIN_BOUNDS, UNITS

from cgtask.schedule import WorkCalendar, expand_occurrences, parse_frequency
from cgtask.schedule.phrase_reading import phrase_reading

_FILLER = st.text(alphabet=FILLER_CHARS, min_size=2, max_size=8)
_SUBJECTS = st.sampled_from(["", "区局", "各街镇中队", "镇级河长", "项目部"])
_PARTS = {"": 0, "上午": 0, "早上": 0, "下午": 12, "晚上": 12}


@st.composite
def _clock(draw: st.DrawFn) -> tuple[str, int, int]:
    """The clock as written (7:30, 17时, 下午5点半), its hour on 24 hours and its minute."""
    part = draw(st.sampled_from(sorted(_PARTS)))
    hour = draw(st.integers(min_value=1, max_value=11 if part else 23))
    minute = draw(st.sampled_from([0, 30]))
    style = draw(st.sampled_from(["colon", "shi", "dian"]))
    if style == "colon":
        written = f"{part}{hour}:{minute:02d}"
    elif minute:
        written = f"{part}{hour}{'时30分' if style == 'shi' else '点半'}"
    else:
        written = f"{part}{hour}{'时' if style == 'shi' else '点'}"
    return written, hour + _PARTS[part], minute


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["每天", "每日", "每天当天"]),
    _FILLER,
    _clock(),
    st.booleans(),
    st.sampled_from(MIN_BOUNDS),
    st.integers(min_value=1, max_value=9),
)
def test_a_time_of_day_is_the_deadline_of_a_daily_duty(
    head: str, activity: str, clock: tuple[str, int, int], counted: bool, bound: str, n: int
) -> None:
    written, hour, minute = clock
    text = f"{head}{written}前{activity}" + (f"，{bound}{n}次" if counted else "")
    reading = phrase_reading(text)
    assert reading["ok"], (text, reading["error"])
    rule = f"{hour}时{f'{minute}分' if minute else ''}前"
    assert (reading["period"], reading["deadline"], reading["activity"]) == ("day", rule, activity)
    assert reading["count"] == (n if counted else None)
    # the schedule dates it: each day's occurrence is due that day
    freq = parse_frequency(text)
    first = expand_occurrences(freq, 2026, WorkCalendar(), freq.due_rule)[0]
    assert first.period.start == first.period.end == date(2026, 1, 1)


@settings(max_examples=50, deadline=None)
@given(_FILLER)
def test_the_same_day_of_an_event_is_not_every_day(activity: str) -> None:
    """汇报领导需在当天晚上24:00前进行回复: 当天 is the day the report came, not a daily duty — refused."""
    for text in (f"汇报领导需在当天晚上24:00前进行{activity}", f"当天上午10点前{activity}"):
        assert not phrase_reading(text)["ok"], text


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["每周", "每月", "每季度", "每年"]), _FILLER, _clock())
def test_a_time_of_day_beside_a_longer_period_is_refused_naming_it(
    head: str, activity: str, clock: tuple[str, int, int]
) -> None:
    written, hour, minute = clock
    reading = phrase_reading(f"{head}{activity}，{written}前报送")
    assert not reading["ok"]
    assert f"{hour}时{f'{minute}分' if minute else ''}前" in reading["error"], reading["error"]


@settings(max_examples=150, deadline=None)
@given(
    _SUBJECTS,
    _FILLER,
    st.sampled_from(
        [
            ("季后", "quarter", "季后"),
            ("季度终了后", "quarter", "季度后"),
            ("季度结束后", "quarter", "季度结束后"),
            ("年度终了后", "year", "年后"),
            ("次月", "month", "次月"),
        ]
    ),
    st.integers(min_value=1, max_value=28),
)
def test_a_deadline_after_a_period_names_that_period(
    subject: str, activity: str, after: tuple[str, str, str], n: int
) -> None:
    written, period, rule = after
    tail = "日前" if written == "次月" else "日内"
    text = f"{subject}{written}{n}{tail}{activity}"
    reading = phrase_reading(text)
    assert reading["ok"], (text, reading["error"])
    assert (reading["period"], reading["deadline"]) == (period, f"{rule}{n}{tail}")
    assert parse_frequency(text).due_rule is not None


@settings(max_examples=150, deadline=None)
@given(
    _SUBJECTS,
    _FILLER,
    st.sampled_from(["应当在", "需在", "须在", "原则上在", "应于"]),
    st.integers(min_value=1, max_value=90),
    st.sampled_from(["日", "小时", "个工作日", "周"]),
)
def test_a_time_allowed_that_opens_the_demand_is_an_event(
    subject: str, activity: str, opener: str, n: int, unit: str
) -> None:
    text = f"{subject}{opener}{n}{unit}内{activity}"
    reading = phrase_reading(text)
    assert reading["ok"], (text, reading["error"])
    assert (reading["event"], reading["response"], reading["trigger"]) == (True, f"{n}{unit}", None)
    # the words come back (naming may split them into activity and object: 业建议 → 业 + 建议)
    named = f"{reading['activity'] or ''}{reading['object'] or ''}"
    assert reading["activity"]
    assert set(activity) <= set(named), (text, reading["activity"], reading["object"])
    # a time allowed in a clause of its own (…检修，保证在5日内恢复) names no event of its own: refused
    assert not phrase_reading(f"{activity}，保证在{n}{unit}内恢复")["ok"]


@settings(max_examples=150, deadline=None)
@given(
    _FILLER,
    st.integers(min_value=2020, max_value=2035),
    st.integers(min_value=1, max_value=12),
    st.sampled_from(["{y}年{m}月底前", "到{y}年底", "{y}年底前"]),
)
def test_a_one_off_date_is_read_once(activity: str, year: int, month: int, form: str) -> None:
    text = form.format(y=year, m=month) + activity
    reading = phrase_reading(text)
    assert reading["ok"], (text, reading["error"])
    assert reading["period"] == "none"
    assert not reading["event"]
    last_month = month if "{m}" in form else 12
    assert reading["on"][:2] == [year, last_month], reading


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([("每两年", "2years"), ("每三年", "3years"), ("每5年", "5years")]),
    _FILLER,
    st.sampled_from(MIN_BOUNDS),
    st.integers(min_value=1, max_value=9),
)
def test_a_multi_year_period_keeps_its_step(head: tuple[str, str], activity: str, bound: str, n: int) -> None:
    written, period = head
    reading = phrase_reading(f"{written}{bound}{n}次{activity}")
    assert reading["ok"], reading["error"]
    assert (reading["period"], reading["count"], reading["activity"]) == (period, n, activity)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([("每周", "week"), ("每月", "month"), ("全年", "year"), ("每年", "year")]),
    _FILLER,
    st.sampled_from(["累计", "共计", "合计"]),
    st.sampled_from(MIN_BOUNDS),
    st.integers(min_value=2, max_value=99),
    st.sampled_from(["小时", "学时"]),
)
def test_a_total_is_over_the_period_not_per_occurrence(
    head: tuple[str, str], activity: str, total: str, bound: str, n: int, unit: str
) -> None:
    written, period = head
    text = f"{written}{activity}{total}{bound}{n}{unit}"
    reading = phrase_reading(text)
    assert reading["ok"], (text, reading["error"])
    assert (reading["period"], reading["total"]) == (period, True)
    assert reading["quota"]["value"] == n
    assert reading["quota"]["per"] in ("period", "year")


@settings(max_examples=100, deadline=None)
@given(_FILLER, st.integers(min_value=1, max_value=30), st.sampled_from(UNITS))
def test_a_count_in_a_clause_with_no_period_is_never_given_one(activity: str, n: int, unit: str) -> None:
    """A bare amount (检查不少于3件) with no period, date or event is refused, never read as yearly."""
    reading = phrase_reading(f"{activity}不少于{n}{unit}")
    assert not reading["ok"]
    assert "没有写明周期" in reading["error"]


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(
        [("每月底", "month", "月底"), ("每季度末", "quarter", "季度末"), ("每年底", "year", "年底")]
    ),
    st.integers(min_value=1, max_value=20),
    _FILLER,
)
def test_days_before_the_period_end_are_dated_back_from_it(
    head: tuple[str, str, str], n: int, activity: str
) -> None:
    """每月底五日前: N days before the period's last day, rolled back to a working day like any deadline."""
    written, period, rule = head
    text = f"{written}{n}日前{activity}"
    reading = phrase_reading(text)
    assert reading["ok"], (text, reading["error"])
    assert (reading["period"], reading["deadline"]) == (period, f"{rule}{n}日前")
    freq = parse_frequency(text)
    calendar = WorkCalendar()
    for occurrence in expand_occurrences(freq, 2026, calendar, freq.due_rule):
        anchor = occurrence.period.end - timedelta(days=n)
        assert occurrence.due == calendar.roll_back(anchor)


@settings(max_examples=100, deadline=None)
@given(_FILLER, st.integers(min_value=1, max_value=9), st.sampled_from(["一日", "一天"]))
def test_one_day_written_without_each_is_a_daily_period(activity: str, n: int, day: str) -> None:
    """一日3次人工普扫: 一日 before its count is the period (a date such as 15日 before a count is not)."""
    reading = phrase_reading(f"{day}{n}次{activity}")
    assert reading["ok"], reading["error"]
    assert (reading["period"], reading["count"], reading["activity"]) == ("day", n, activity)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(
        [("每月底前", "month"), ("每月月底前", "month"), ("每季度末前", "quarter"), ("每半年末前", "half")]
    ),
    st.sampled_from(["今年", "本年"]),
    _FILLER,
)
def test_the_end_of_a_period_is_its_deadline_never_words(
    head: tuple[str, str], this_year: str, activity: str
) -> None:
    """每月底前报送: by the period's end (期末), not 每月 and the words 底前报送; 今年底前 is the year's end."""
    written, period = head
    reading = phrase_reading(f"{written}{activity}")
    assert reading["ok"], reading["error"]
    assert (reading["period"], reading["deadline"], reading["activity"]) == (period, "期末", activity)
    year_end = phrase_reading(f"{this_year}底前{activity}")
    assert (year_end["period"], year_end["deadline"], year_end["activity"]) == ("year", "12月底前", activity)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["每年年初", "每月初", "每季度初", "每季度首月"]), _FILLER)
def test_the_start_of_a_period_is_refused_naming_it(head: str, activity: str) -> None:
    """年初, 月初, 首月: a span at the start of the period no due rule holds — refused, never left as words."""
    reading = phrase_reading(f"{head}{activity}")
    assert not reading["ok"]
    assert head.removeprefix("每年").removeprefix("每季度")[-2:] in reading["error"]


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from([("隔周", "2weeks"), ("隔月", "2months"), ("隔一周", "2weeks"), ("隔天", "2days")]),
    _FILLER,
    st.integers(min_value=1, max_value=9),
)
def test_every_other_period_is_a_step_of_two(head: tuple[str, str], activity: str, n: int) -> None:
    """隔周检查一次: every other week, never every week with 隔 left in the words."""
    written, period = head
    reading = phrase_reading(f"{written}{activity}{n}次")
    assert reading["ok"], reading["error"]
    assert (reading["period"], reading["count"], reading["subject"]) == (period, n, None)


@settings(max_examples=100, deadline=None)
@given(_FILLER, st.integers(min_value=1, max_value=12), st.sampled_from(["月份免报", "月免报", "月除外"]))
def test_an_exempt_month_is_refused_never_read_as_a_window(activity: str, month: int, tail: str) -> None:
    """每月10日前报送，12月份免报: 12月份 is the month skipped — reading it as the window inverts the duty."""
    reading = phrase_reading(f"每月10日前报送{activity}，{month}{tail}")
    assert not reading["ok"]
    assert f"{month}{tail}" in reading["error"]
