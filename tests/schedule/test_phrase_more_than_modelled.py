"""Property test (task phrase23): a sentence with more than the duty models is refused, naming the part.

Each case builds a phrase the grammar reads (period × arbitrary Chinese filler × bound × number × unit, as in
``test_phrase_open_vocabulary``) and adds one thing a duty cannot hold: a number no part takes (a condition,
a time of day, a second measure), a second fixed weekday, a second cadence with its own activity, a count in a
sentence that has no period. The phrase must then be refused — never read without the extra part — and the
message must quote the part. The same phrase without the extra part is read, so the refusal comes from the
part and not from the filler.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_phrase_open_vocabulary import FILLER_CHARS, MIN_BOUNDS, PERIODS, UNITS

from cgtask.schedule.phrase_reading import phrase_reading

_FILLER = st.text(alphabet=FILLER_CHARS, min_size=2, max_size=6)
_HEADS = st.sampled_from(sorted(PERIODS))
_WEEKDAYS = "一二三四五六日"


@st.composite
def _duty(draw: st.DrawFn) -> str:
    """A duty the grammar reads: 每月巡查整治不少于3件."""
    head = draw(_HEADS)
    filler = draw(_FILLER)
    bound = draw(st.sampled_from(MIN_BOUNDS))
    n = draw(st.integers(min_value=1, max_value=99))
    unit = draw(st.sampled_from(UNITS))
    return f"{head}{filler}{bound}{n}{unit}"


def _refused_at(text: str, part: str) -> None:
    """Refused, and the message (beyond its quote of the phrase) names ``part``."""
    reading = phrase_reading(text)
    assert not reading["ok"], (text, reading)
    message = reading["error"].replace(f"“{text}”", "")
    assert part in message, (text, reading["error"])


@settings(max_examples=200, deadline=None)
@given(
    _duty(),
    st.integers(min_value=1, max_value=40),
    st.sampled_from(["以上", "余家", "多人"]),
    st.booleans(),
)
def test_a_number_no_part_takes_is_refused(duty: str, n: int, tail: str, first: bool) -> None:
    assert phrase_reading(duty)["ok"], duty
    extra = f"{n}{tail}"
    # a condition before the duty (气温30以上，每天…), or a count left after it (…，300余家完成)
    text = f"气温{extra}，{duty}" if first else f"{duty}，{extra}完成"
    _refused_at(text, extra[: len(str(n)) + 1])


@settings(max_examples=200, deadline=None)
@given(_duty(), st.integers(min_value=1, max_value=23), st.sampled_from(["点前", "时前", ":00前"]))
def test_a_time_of_day_is_a_daily_deadline_and_refused_beside_a_longer_period(
    duty: str, hour: int, tail: str
) -> None:
    """…，8点前完成: the hour of a daily duty's day; any longer period has no one day to put it on."""
    text = f"{duty}，{hour}{tail}完成"
    reading = phrase_reading(text)
    if duty.startswith("每天"):
        assert reading["ok"], (text, reading["error"])
        assert (reading["period"], reading["deadline"]) == ("day", f"{hour}时前")
    else:
        _refused_at(text, f"{hour}时前")


@settings(max_examples=100, deadline=None)
@given(_FILLER, st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=99))
def test_two_measures_of_one_thing_are_refused(filler: str, a: int, b: int) -> None:
    assert phrase_reading(f"每年{filler}{a}户")["ok"]
    _refused_at(f"每年{filler}{a}户、{b}家", f"{b}家")


@settings(max_examples=100, deadline=None)
@given(_FILLER, st.sampled_from(_WEEKDAYS), st.sampled_from(_WEEKDAYS))
def test_a_second_fixed_weekday_is_refused(filler: str, first: str, second: str) -> None:
    assert phrase_reading(f"每周{first}{filler}")["ok"]
    _refused_at(f"每周{first}、周{second}{filler}", f"周{second}")


@settings(max_examples=100, deadline=None)
@given(_FILLER, _FILLER, st.sampled_from([("每天", "每周"), ("每月", "每季度"), ("每周", "每年")]))
def test_two_cadences_with_their_own_activity_are_refused(
    first: str, second: str, heads: tuple[str, str]
) -> None:
    one, other = heads
    assert phrase_reading(f"{one}{first}")["ok"]
    _refused_at(f"{one}{first}，{other}{second}", "两项")


@settings(max_examples=100, deadline=None)
@given(_FILLER, _FILLER, _HEADS, st.sampled_from(["一次", "两次", "3次"]))
def test_a_count_in_a_sentence_without_period_is_refused(
    head_words: str, rest: str, head: str, count: str
) -> None:
    assert phrase_reading(f"{head}{rest}")["ok"]
    _refused_at(f"对{head_words}实施{count}集中{head_words}，{head}{rest}", count)


@settings(max_examples=100, deadline=None)
@given(
    _FILLER,
    st.sampled_from(_WEEKDAYS),
    st.sampled_from(["", "上午", "中午", "下午", "晚上"]),
    st.integers(min_value=1, max_value=11),
    st.sampled_from([":00", "时", "点"]),
)
def test_a_weekday_deadline_keeps_its_hour(filler: str, day: str, part: str, hour: int, mark: str) -> None:
    reading = phrase_reading(f"每周{filler}，每周{day}{part}{hour}{mark}前报送")
    assert reading["ok"], reading["error"]
    expected = hour + 12 if part in ("下午", "晚上") else hour
    assert (reading["period"], reading["deadline"]) == ("week", f"周{day}{expected}时前")


@settings(max_examples=100, deadline=None)
@given(
    _duty(),
    _FILLER,
    st.sampled_from(["如遇", "如果", "若", "确需", "一旦", "遇有"]),
)
def test_a_condition_is_refused(duty: str, words: str, opener: str) -> None:
    _refused_at(f"{opener}{words}，{duty}", opener)


@settings(max_examples=100, deadline=None)
@given(_HEADS, _FILLER, st.sampled_from(["不进行", "不开展", "无需", "暂停"]))
def test_a_negated_activity_is_refused(head: str, words: str, negation: str) -> None:
    assert phrase_reading(f"{head}进行{words}")["ok"]
    _refused_at(f"{head}{negation}{words}", negation)


@settings(max_examples=100, deadline=None)
@given(_FILLER, st.sampled_from(["每周一至周五", "每月上旬"]))
def test_a_span_of_days_is_refused(words: str, span: str) -> None:
    assert phrase_reading(f"{span[:2]}{words}不少于2次")["ok"]
    _refused_at(f"{span}{words}不少于2次", span)


@settings(max_examples=100, deadline=None)
@given(_duty(), st.sampled_from([("1比5的比例", "1比5"), ("发现问题的于3日内", "3日内")]))
def test_a_ratio_or_a_stray_time_allowed_is_refused(duty: str, part: tuple[str, str]) -> None:
    written, named = part
    _refused_at(f"{duty}，{written}整改", named)


@settings(max_examples=100, deadline=None)
@given(
    _FILLER,
    st.sampled_from([("每周", "week"), ("每月", "month"), ("每旬", "xun"), ("每天", "day")]),
    st.sampled_from([("5月至9月", "05-01", "09-30"), ("3—11月", "03-01", "11-30")]),
    st.integers(min_value=1, max_value=9),
)
def test_months_of_each_year_narrow_a_shorter_period(
    words: str, head: tuple[str, str], months: tuple[str, str, str], n: int
) -> None:
    reading = phrase_reading(f"每年{months[0]}{head[0]}{words}不少于{n}次")
    assert reading["ok"], reading["error"]
    assert (reading["period"], reading["count"]) == (head[1], n)
    assert reading["window"] == {"start": months[1], "end": months[2]}


# --- task phrase23b: indicators, alternative starting points, shares and months without their number --------

_OUTCOME_RATES = ["合格率", "满意度", "知晓率", "履约率", "达标率", "完好率", "群众满意度"]
_ACTIVITY_RATES = ["抽查率", "家访率", "巡查覆盖率"]


@settings(max_examples=100, deadline=None)
@given(_HEADS, _FILLER, st.sampled_from(_OUTCOME_RATES), st.sampled_from(MIN_BOUNDS), st.integers(1, 100))
def test_an_outcome_rate_is_an_indicator_not_a_duty(
    head: str, words: str, rate: str, bound: str, n: int
) -> None:
    # the same sentence with the rate of an activity is a share of the duty and is read
    assert phrase_reading(f"{head}{words}抽查率{bound}{n}%")["ok"]
    _refused_at(f"{head}{words}{rate}{bound}{n}%", "指标")


@settings(max_examples=100, deadline=None)
@given(_HEADS, _FILLER, st.sampled_from(_ACTIVITY_RATES + _OUTCOME_RATES), st.integers(1, 100))
def test_any_rate_kept_at_a_level_is_an_indicator(head: str, words: str, rate: str, n: int) -> None:
    _refused_at(f"{words}{rate}{head}保持在{n}%以上", rate)


@settings(max_examples=100, deadline=None)
@given(_FILLER, _FILLER, st.sampled_from(["投入使用", "取得许可", "变更登记"]), st.integers(1, 90))
def test_two_alternative_starting_points_are_refused(subject: str, words: str, anchor: str, n: int) -> None:
    assert phrase_reading(f"{subject}在{anchor}后{n}日内{words}")["ok"]
    _refused_at(f"{subject}在{anchor}前或{anchor}后{n}日内{words}", "两个可选的起点")


@settings(max_examples=100, deadline=None)
@given(_HEADS, _FILLER, st.sampled_from(["按比例", "按一定比例", "按照比例"]))
def test_a_share_without_its_number_is_refused(head: str, words: str, share: str) -> None:
    assert phrase_reading(f"{head}{words}")["ok"]
    _refused_at(f"{head}{share}{words}", share)


@settings(max_examples=100, deadline=None)
@given(_FILLER, st.integers(1, 12), st.sampled_from(["个月", "周", "天", "年"]))
def test_an_interval_after_an_event_is_refused(words: str, n: int, unit: str) -> None:
    _refused_at(f"初免后,间隔{n}{unit}后进行一次{words}", f"间隔{n}{unit}后")


_MONTH_NAMES = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


@settings(max_examples=100, deadline=None)
@given(
    _FILLER, st.sampled_from(_MONTH_NAMES), st.sampled_from(_MONTH_NAMES), st.sampled_from(["和", "、", "及"])
)
def test_months_in_chinese_numerals_are_refused_like_arabic(
    words: str, one: str, other: str, joint: str
) -> None:
    assert phrase_reading(f"每年{words}")["ok"]
    _refused_at(f"每年{one}月{joint}{other}月{words}", f"{one}月")


@settings(max_examples=100, deadline=None)
@given(_FILLER, _FILLER, st.sampled_from([("每季度", "每月"), ("每月", "每周"), ("每年", "每季度")]))
def test_periods_listed_for_two_subjects_are_refused_across_brackets(
    one: str, other: str, heads: tuple[str, str]
) -> None:
    first, second = heads
    # 县级河长每季度、乡(村)级河长每月巡河1次: each subject has its own period; never one merged duty
    _refused_at(f"县级{one}{first}、乡(村)级{other}{second}巡河1次", "各有各的对象")


@settings(max_examples=100, deadline=None)
@given(_HEADS, _FILLER, st.sampled_from(["多次", "数次", "若干次"]), st.integers(min_value=1, max_value=9))
def test_a_count_without_its_number_is_refused_never_read_as_once(
    head: str, filler: str, vague: str, n: int
) -> None:
    """每日多次进行消毒: 多次 has no number; beside a counted demand (对多次投诉的…检查1次) it is words."""
    _refused_at(f"{head}{vague}{filler}", vague)
    _refused_at(f"{head}{vague}{filler}，10日前报送", vague)  # a deadline beside it gives no count either
    reading = phrase_reading(f"{head}对{vague}{filler}的商户检查{n}次")
    assert reading["ok"], reading["error"]
    assert reading["count"] == n
