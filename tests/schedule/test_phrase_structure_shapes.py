"""Property tests (task phrase23d): the shapes the fourth held-out set and the try-out found misread or refused.

Each is a structure, tried with arbitrary Chinese filler around it: the parts of a day (早晚各1次 is 2 a day),
days fixed in a period (每月相对固定1天 is one occurrence a month, not an amount of time), a place before a
share (辖区内25%国家重点监控企业: the base is what follows the %), a title (《2009年…总结》 is a name, not a
date), a time of day with no period word (应在7:00前完成: a day's deadline), and an event named by a noun
(室内故障4小时内到达), a 时-clause (接到来电时，必须在1小时内), a noun phrase in the clause before (…提出的投诉，
要在1个工作日内回复) or a condition opening the sentence (如果遇到故障，…在2小时内). Each reading must carry
exactly the parts the phrase was built from, and the schedule must hold it (parse_frequency accepts it).
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from test_phrase_open_vocabulary import FILLER_CHARS

from cgtask.schedule import WorkCalendar, expand_occurrences, parse_frequency
from cgtask.schedule.phrase_reading import phrase_reading

_FILLER = st.text(alphabet=FILLER_CHARS, min_size=2, max_size=8)
_SUBJECTS = st.sampled_from(["", "区局", "各街镇中队", "维修人员", "项目部"])
_CN = "一二三四五六七八九"
_RESPONSE_UNITS = st.sampled_from(["小时", "日", "天", "个工作日"])


def _written(n: int, chinese: bool) -> str:
    return _CN[n - 1] if chinese else str(n)


@settings(max_examples=150, deadline=None)
@given(
    _SUBJECTS,
    st.sampled_from(["", "每天", "每日"]),
    st.sampled_from([("早晚", 2), ("上下午", 2), ("上午、下午", 2), ("早中晚", 3)]),
    _FILLER,
    st.integers(min_value=1, max_value=5),
    st.booleans(),
)
def test_each_part_of_a_day_multiplies_the_count(
    subject: str, head: str, parts: tuple[str, int], activity: str, n: int, chinese: bool
) -> None:
    written, many = parts
    text = f"{subject}{head}{written}各{activity}{_written(n, chinese)}次"
    reading = phrase_reading(text)
    assert reading["ok"], (text, reading["error"])
    assert (reading["period"], reading["count"]) == ("day", n * many), (text, reading)
    assert reading["activity"]
    assert parse_frequency(text).times == n * many
    # the parts belong to a day: beside another period they are refused, naming them
    refused = phrase_reading(f"每周{written}各{activity}{n}次")
    assert not refused["ok"]
    assert f"{written}各" in refused["error"]
    # without a count after them (每天早晚各巡查) nothing is counted: refused, never once a day
    assert not phrase_reading(f"{head}{written}各{activity}")["ok"]


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from([("每月", "month"), ("每周", "week"), ("每季度", "quarter")]),
    st.sampled_from(["固定", "相对固定", "确定"]),
    st.integers(min_value=1, max_value=3),
    _FILLER,
)
def test_days_fixed_in_a_period_are_occurrences(
    period: tuple[str, str], fixed: str, n: int, activity: str
) -> None:
    head, name = period
    text = f"{head}{fixed}{n}天开展{activity}"
    reading = phrase_reading(text)
    assert reading["ok"], (text, reading["error"])
    assert (reading["period"], reading["count"], reading["quantity"]) == (name, n, None), reading
    # without 固定 the days are an amount of time, as before (每月培训1天)
    plain = phrase_reading(f"{head}开展{activity}{n}天")
    assert plain["quantity"] == {"value": n, "unit": "天"}, plain


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["每季度", "每月", "每年"]),
    st.sampled_from(["辖区内", "全市", "行政区域内"]),
    st.integers(min_value=1, max_value=99),
    st.sampled_from(["国家重点监控企业", "在建工地", "农贸市场", "餐饮单位", "备案合同"]),
    st.sampled_from(["", "并通报", "，形成报告"]),
)
def test_a_place_before_a_share_is_its_scope_the_base_follows(
    head: str, scope: str, percent: int, base: str, tail: str
) -> None:
    text = f"{head}抽查{scope}{percent}%{base}{tail}"
    reading = phrase_reading(text)
    assert reading["ok"], (text, reading["error"])
    assert reading["share"] == percent
    assert reading["of"] == f"{scope}{base}", (text, reading["of"])
    assert base not in (reading["activity"] or ""), reading
    # a verb right after the share: no base follows, the scope stays the base and the verb the activity
    verb = phrase_reading(f"{head}抽查{scope}{percent}%进行复核")
    assert (verb["of"], verb["activity"]) == (scope, "复核"), verb


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=1990, max_value=2035),
    _FILLER,
    st.sampled_from([("每年", "year"), ("每季度", "quarter")]),
)
def test_a_year_inside_a_title_is_a_name(year: int, name: str, period: tuple[str, str]) -> None:
    head, kind = period
    text = f"{head}报送《{year}年{name}总结》"
    reading = phrase_reading(text)
    assert reading["ok"], (text, reading["error"])
    assert (reading["period"], reading["deadline"], reading["on"]) == (kind, None, None)
    assert f"《{year}年{name}总结》" in (reading["activity"] or "") + (reading["object"] or "")
    # the same year outside a title is still a leftover number, refused naming it
    outside = phrase_reading(f"{head}报送{year}年工作总结")
    assert not outside["ok"]
    assert f"{year}年" in outside["error"]


@settings(max_examples=100, deadline=None)
@given(
    _SUBJECTS, _FILLER, st.integers(min_value=5, max_value=11), st.sampled_from(["应在", "须在", "要在", ""])
)
def test_a_time_of_day_with_no_period_is_a_daily_deadline(
    subject: str, activity: str, hour: int, at: str
) -> None:
    text = f"{subject}{at}{hour}:00前完成{activity}"
    reading = phrase_reading(text)
    assert reading["ok"], (text, reading["error"])
    assert (reading["period"], reading["deadline"]) == ("day", f"{hour}时前")
    freq = parse_frequency(text)
    first = expand_occurrences(freq, 2026, WorkCalendar(), freq.due_rule)[0]
    assert first.period.start == first.period.end == date(2026, 1, 1)
    # 当天, 次日, 翌日 are the day of (or after) an event the phrase does not name: still refused
    for day in ("当天", "次日", "翌日"):
        assert not phrase_reading(f"{subject}{at}{day}{hour}:00前完成{activity}")["ok"], day
    # after a named event it is no amount of time the duty can count: refused, naming the time of day
    after = phrase_reading(f"事发后次日{hour}:00前{activity}")
    assert not after["ok"]
    assert "钟点期限" in after["error"]


@settings(max_examples=150, deadline=None)
@given(_FILLER, st.integers(min_value=1, max_value=48), _RESPONSE_UNITS, _FILLER)
def test_a_noun_before_a_time_allowed_is_the_event(noun: str, n: int, unit: str, activity: str) -> None:
    text = f"{noun}{n}{unit}内到达{activity}"
    reading = phrase_reading(text)
    assert reading["ok"], (text, reading["error"])
    assert (reading["event"], reading["response"], reading["trigger"]) == (True, f"{n}{unit}", noun), reading
    assert parse_frequency(text).is_event
    # 的 after the time allowed makes it words (…内的预报), as before: no event, no period
    assert not phrase_reading(f"{noun}{n}{unit}内的{activity}")["ok"]
    # a time word (本月) or 每次 before it names no event: each occurrence's length, a span of the month
    for head in ("本月", "每次", f"{noun}期间"):
        assert not phrase_reading(f"{head}应在{n}{unit}内到达{activity}")["ok"], head


@settings(max_examples=150, deadline=None)
@given(
    _SUBJECTS,
    _FILLER,
    st.sampled_from(["必须在", "应在", "须在", "要在"]),
    st.integers(min_value=1, max_value=48),
    _RESPONSE_UNITS,
    _FILLER,
)
def test_a_clause_ending_in_shi_is_the_event(
    subject: str, what: str, at: str, n: int, unit: str, activity: str
) -> None:
    text = f"{subject}接到{what}时，{at}{n}{unit}内{activity}"
    reading = phrase_reading(text)
    assert reading["ok"], (text, reading["error"])
    assert (reading["event"], reading["response"]) == (True, f"{n}{unit}")
    assert str(reading["trigger"]).endswith(f"接到{what}"), reading
    assert what not in (reading["subject"] or ""), reading
    # 同时 is an adverb, not a clause: no event is named, so it stays refused
    assert not phrase_reading(f"{subject}{what}同时，{at}{n}{unit}内{activity}")["ok"]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["如果遇到", "如遇", "一旦发生", "若发现"]),
    _FILLER,
    _SUBJECTS,
    st.integers(min_value=1, max_value=48),
    _RESPONSE_UNITS,
    _FILLER,
)
def test_a_condition_before_a_time_allowed_is_the_event(
    opener: str, what: str, subject: str, n: int, unit: str, activity: str
) -> None:
    text = f"{opener}{what}，{subject}应在{n}{unit}内{activity}"
    reading = phrase_reading(text)
    assert reading["ok"], (text, reading["error"])
    assert (reading["event"], reading["response"]) == (True, f"{n}{unit}")
    assert str(reading["trigger"]).endswith(what), reading
    # a condition before a cadence is still a condition cgtask does not record: refused naming it
    refused = phrase_reading(f"{opener}{what}，每天巡查{activity}2次")
    assert not refused["ok"]
    assert "条件" in refused["error"]


@settings(max_examples=150, deadline=None)
@given(_FILLER, _FILLER, st.integers(min_value=1, max_value=10), _FILLER)
def test_a_noun_phrase_before_the_comma_is_the_event(who: str, what: str, n: int, activity: str) -> None:
    text = f"{who}提出的{what}，要在{n}个工作日内{activity}"
    reading = phrase_reading(text)
    assert reading["ok"], (text, reading["error"])
    assert (reading["event"], reading["response"]) == (True, f"{n}个工作日")
    assert reading["trigger"] == f"{who}提出的{what}", reading
    # an action before the comma names no event (…检修，保证在五个工作日内恢复): refused, as before
    assert not phrase_reading(f"并及时{what}，保证在{n}个工作日内{activity}")["ok"]


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from([("至少", False), ("不少于", False), ("不超过", True)]),
    st.lists(st.integers(min_value=1, max_value=60), min_size=2, max_size=3),
    st.sampled_from(["重点排污单位", "在建工地", "农贸市场"]),
)
def test_one_bound_covers_a_list_of_shares(bound: tuple[str, bool], percents: list[int], base: str) -> None:
    """每季度至少对25%的重点单位、15%的特殊单位进行抽查: each share of the list is bounded, none exact."""
    word, at_most = bound
    listed = "、".join(f"{p}%的{'甲乙丙'[i]}类{base}" for i, p in enumerate(percents))
    reading = phrase_reading(f"每季度{word}对{listed}进行抽查")
    assert reading["ok"], reading["error"]
    parts = reading["periods"]
    assert [(p["share"], p["of"], p["exact"], p["maximum"]) for p in parts] == [
        (p, f"{'甲乙丙'[i]}类{base}", False, at_most) for i, p in enumerate(percents)
    ]


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from([("每天", "day"), ("每周", "week")]),
    _FILLER,
    st.integers(min_value=2, max_value=5),
    st.sampled_from(["次", "遍"]),
    st.integers(min_value=5, max_value=90),
)
def test_each_occurrence_written_with_its_own_measure_is_per_occurrence(
    period: tuple[str, str], activity: str, n: int, measure: str, minutes: int
) -> None:
    """每天清扫2遍，每遍不少于30分钟: 30 minutes each time, not a day's total."""
    head, name = period
    reading = phrase_reading(f"{head}{activity}{n}{measure}，每{measure}不少于{minutes}分钟")
    assert reading["ok"], reading["error"]
    assert (reading["period"], reading["count"]) == (name, n)
    assert reading["quota"] == {
        "value": minutes,
        "unit": "分钟",
        "per": "occurrence",
        "of": None,
        "exact": False,
    }


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1, max_value=3), _FILLER)
def test_a_range_of_fixed_days_keeps_both_ends(low: int, activity: str) -> None:
    """每月相对固定1至2天: at least one occurrence, at most two — never read as exactly one."""
    reading = phrase_reading(f"每月相对固定{low}至{low + 1}天开展{activity}")
    assert reading["ok"], reading["error"]
    assert (reading["count"], reading["range"], reading["exact"]) == (
        low,
        {"min": low, "max": low + 1},
        False,
    )


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1, max_value=60), _FILLER)
def test_a_second_predicate_after_the_base_is_not_the_base(percent: int, activity: str) -> None:
    """每年抽查全市5%在营企业并公示结果: the base stops at 并."""
    reading = phrase_reading(f"每年抽查全市{percent}%在营企业并{activity}")
    assert reading["ok"], reading["error"]
    assert reading["of"] == "全市在营企业"


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from([("每月", "month"), ("每季度", "quarter")]),
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=1, max_value=60),
    st.sampled_from(["商户", "在建工地", "餐饮单位"]),
)
def test_a_share_each_time(period: tuple[str, str], times: int, percent: int, base: str) -> None:
    """每次抽查30%: once a period it is the period's share; more often, or with no cadence, it is refused."""
    head, name = period
    alone = phrase_reading(f"每次抽查{percent}%的{base}")
    assert not alone["ok"]
    assert "“每次”" in alone["error"]
    reading = phrase_reading(f"{head}检查{times}次，每次抽查{percent}%的{base}")
    if times == 1:
        assert reading["ok"], reading["error"]
        assert (reading["period"], reading["share"], reading["quota"]["per"]) == (name, percent, "period")
    else:
        assert not reading["ok"]
        assert "每期合计" in reading["error"]


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["", "接到通知后", "自收到之日起"]),
    st.integers(min_value=1, max_value=60),
    _RESPONSE_UNITS,
    _FILLER,
    _FILLER,
)
def test_a_time_allowed_inside_a_condition_is_refused(
    head: str, n: int, unit: str, undone: str, then: str
) -> None:
    """60日内未整改的，予以处罚: the time allowed belongs to a condition, not to a duty — refused, naming it."""
    reading = phrase_reading(f"{head}{n}{unit}内未{undone}的，{then}")
    assert not reading["ok"]
    assert f"{n}{unit}内" in reading["error"]
    assert "条件" in reading["error"]


@settings(max_examples=150, deadline=None)
@given(
    _FILLER,
    st.sampled_from(["", "须", "要", "应当"]),
    st.integers(min_value=1, max_value=48),
    _RESPONSE_UNITS,
    _FILLER,
)
def test_a_time_allowed_opening_the_clause_after_the_event(
    what: str, modal: str, n: int, unit: str, activity: str
) -> None:
    """重大事项，2小时内报告: the clause before the comma is the event; a verb before 在 (保证在) is not this shape."""
    text = f"{what}，{modal}{n}{unit}内报告{activity}"
    reading = phrase_reading(text)
    assert reading["ok"], (text, reading["error"])
    assert (reading["event"], reading["response"], reading["trigger"]) == (True, f"{n}{unit}", what)
    assert not phrase_reading(f"本月，{modal}{n}{unit}内报告{activity}")["ok"]
    assert not phrase_reading(f"并及时{what}，保证在{n}{unit}内报告{activity}")["ok"]


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(["响应", "重要会议", "主要问题", "必要检查"]), st.sampled_from(["每月", "每季度"]))
def test_a_word_ending_in_a_modal_character_is_kept_whole(word: str, head: str) -> None:
    """接到投诉后24小时内响应: 应 at the end of 响应 is part of the word, not a modal to trim (was 响)."""
    assert phrase_reading(f"{head}{word}1次")["activity"] == word
    assert phrase_reading(f"接到投诉后24小时内{word}")["activity"] == word
