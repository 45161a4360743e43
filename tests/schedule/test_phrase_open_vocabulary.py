"""Property test of issue 23: period × filler × bound × number × unit × window × deadline.

The filler is arbitrary Chinese words drawn from a broad set of CJK characters (never digits, numerals,
bound, period, unit or date characters): whatever they say, the phrase must be read from its structure,
with exactly the period, bound, number, unit, window and deadline it was built from, and the filler
must come back as the activity — a word list may help name things, never decide whether a phrase is read.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cgtask.schedule.phrase_reading import phrase_reading

# A broad pool of common characters of plans and regulations.
_POOL = (
    "巡查检督导河湖林路桥街道社区企业校医院垃圾消防安全环境卫生市场食品药品水质绿化广告摊点违法建设执法宣传培训"
    "会议报告记录台账整治清理维修排走访调统审核评估考核通报公示处办室科大队书记主任员居民群众商店铺设施备场工地"
    "燃气电梯供排污管网信访举报投诉意见建问题隐患风险应急预案演练物资格平系数据息档资料文件材方案划制度标准规范"
    "目任务活动服监测采析研判交警城管园林环卫绿地公厕菜农贸餐饮油烟噪声扬尘渣土违章停车占道经营户外招牌灯光亮化"
    "井盖沟渠泵站闸门堤坝水库山塘森防虫病疫苗接种健康体查血压糖尿病随访转诊家庭医生签约养老托育幼儿园课程教研"
    "读书图馆博物展览文物古迹保护修缮非遗传承演出赛事志愿慈善救助低保残疾优抚退役军征兵统战宗教民族侨务港澳台"
)
# Characters that take part in the structure or in the words trimmed off the ends (应当, 进行, 对 …).
_STRUCTURAL = set(
    "每天日周月年季度半旬次件起户个份家人处条项所名本张课节场批卷宗篇台米遍轮率比例覆盖部有最少多低高超过限控制在"
    "以上下内外前后底末终了第当同去今明累计共合总期间时分钟小学汛暑寒假旺淡雨旱春夏秋冬运行火渔禁止准严许全随适定"
    "案令单双逐岁顺延提接收受理发生之对向给按照为是等于不得应须需要宜将都均的由并且其中进开组实施安排作出提供或和与"
    "及各别一二两三四五六七八九十百千万零〇元吨亩克秒公里平方立度瓦至到达每常"
)
FILLER_CHARS = "".join(dict.fromkeys(c for c in _POOL if c not in _STRUCTURAL))

# period head → (JSON period, whether a month window may narrow it, the deadlines it takes)
PERIODS: dict[str, tuple[str, bool, list[str]]] = {
    "每天": ("day", True, []),
    "每周": ("week", True, ["周二前", "周五前"]),
    "每旬": ("xun", True, []),
    "每月": ("month", True, ["次月5日前", "20日前"]),
    "每两个月": ("2months", False, ["次月10日前"]),
    "每季度": ("quarter", True, ["季后15日内", "次月5日前"]),
    "每半年": ("half", True, []),
    "每年": ("year", True, ["3月31日前", "12月20日前"]),
    "每两年": ("2years", False, []),
    "每学期": ("semester", False, []),
}
MIN_BOUNDS = ["不少于", "至少", "不低于", "不得少于", "原则上不少于"]
MAX_BOUNDS = ["不超过", "最多", "不得超过"]
UNITS = ["次", "件", "起", "户", "家", "份", "人次", "个"]
WINDOWS = {"5—9月": ("05-01", "09-30"), "3月-7月": ("03-01", "07-31"), "6至10月": ("06-01", "10-31")}
_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    if n == 2:
        return "两"
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + ("" if ones == 0 else _DIGITS[ones])


@st.composite
def _cases(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    head = draw(st.sampled_from(sorted(PERIODS)))
    period, windowable, deadlines = PERIODS[head]
    filler = draw(st.text(alphabet=FILLER_CHARS, min_size=2, max_size=8))
    subject = draw(st.sampled_from(["", "区局", "各街镇中队", "镇级河长", "项目部"]))
    n = draw(st.integers(min_value=1, max_value=99))
    written = draw(
        st.sampled_from(
            [str(n), _chinese(n), str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))]
        )
    )
    unit = draw(st.sampled_from(UNITS))
    at_most = draw(st.booleans())
    bound = draw(st.sampled_from(MAX_BOUNDS if at_most else MIN_BOUNDS))
    window = draw(st.sampled_from([None, *sorted(WINDOWS)])) if windowable else None
    deadline = draw(st.sampled_from([None, *deadlines]))
    # the filler sits between period and bound, or after the number (每月…不少于2次巡查), as people write
    after = draw(st.booleans())
    body = f"{bound}{written}{unit}{filler}" if after else f"{filler}{bound}{written}{unit}"
    text = f"{subject}{window or ''}{head}{body}" + (f"，{deadline}" if deadline else "")
    expected: dict[str, Any] = {
        "ok": True,
        "period": period,
        "maximum": at_most,
        "deadline": deadline,
        "window": None if window is None else dict(zip(("start", "end"), WINDOWS[window], strict=True)),
        "activity": filler,
        "subject": subject or None,
    }
    if unit == "次":
        expected |= {"count": n, "quantity": None}
    else:
        expected |= {"count": None, "quantity": {"value": n, "unit": unit}}
    return text, expected


@settings(max_examples=400, deadline=None)
@given(_cases())
def test_any_filler_is_the_activity_and_the_structure_is_read(case: tuple[str, dict[str, Any]]) -> None:
    text, expected = case
    reading = phrase_reading(text)
    assert {key: reading[key] for key in expected} == expected, (text, reading["error"])


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet=FILLER_CHARS, min_size=1, max_size=10),
    st.sampled_from(["二次供水", "三小场所", "一网统管"]),
)
def test_a_number_inside_a_noun_is_not_a_count(filler: str, noun: str) -> None:
    reading = phrase_reading(f"每月对{noun}{filler}检查不少于2次")
    assert reading["ok"], reading["error"]
    assert (reading["period"], reading["count"]) == ("month", 2)


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet=FILLER_CHARS, min_size=2, max_size=8),
    st.sampled_from(["发现问题后", "接到投诉后", "收到举报之日起"]),
    st.integers(min_value=1, max_value=72),
    st.sampled_from(["小时", "日", "个工作日"]),
)
def test_an_event_keeps_its_response_time(activity: str, trigger: str, n: int, unit: str) -> None:
    reading = phrase_reading(f"{trigger}{n}{unit}内{activity}")
    assert reading["ok"], reading["error"]
    assert (reading["event"], reading["response"]) == (True, f"{n}{unit}")
    assert reading["trigger"] == trigger.removesuffix("后").removesuffix("之日起")
