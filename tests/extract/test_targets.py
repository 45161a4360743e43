"""The target extractor on real phrases of seed 000, and its rules as properties."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cgtask.extract.targets import TargetCandidate, find_targets

# (text, phrase found, metric, op, value or (low, high), unit) — phrases as seed 000 writes them.
REAL_PHRASES = [
    ("区局制发城管执法建议书至少5份；", "区局制发城管执法建议书至少5份", "区局制发城管执法建议书", ">=", 5, "份"),
    ("按要求报送通讯不少于12篇；", "报送通讯不少于12篇", "报送通讯", ">=", 12, "篇"),
    ("全年APP开单率≥95%；", "APP开单率≥95%", "APP开单率", ">=", 95, "%"),
    ("加强培训，提高考试合格率，不及格率≤10%。", "不及格率≤10%", "不及格率", "<=", 10, "%"),
    ("全年被录用信息数量应符合要求。录用数>40。", "录用数>40", "录用数", ">", 40, None),
    ("满足10<录用数≤15。", "10<录用数≤15", "录用数", "between", (10, 15), None),
    ("录用信息稿件数≥180。", "录用信息稿件数≥180", "录用信息稿件数", ">=", 180, None),
    ("人民建议篇数排名前3。", "人民建议篇数排名前3", "人民建议篇数", "top", 3, "名"),
    ("重复信访率按照全年由低到高排名，排名前4；", "重复信访率按照全年由低到高排名，排名前4", None, "top", 4, "名"),
    ("年度全部稿件合计点击率排名前三名，", "年度全部稿件合计点击率排名前三名", "年度全部稿件合计点击率", "top", 3, "名"),
    ("或单篇点击率排名第一名。", "单篇点击率排名第一名", "单篇点击率", "top", 1, "名"),
    ("完成率达到100%；", "完成率达到100%", "完成率", ">=", 100, "%"),
    ("行政负责人出庭应诉达100%；", "行政负责人出庭应诉达100%", "行政负责人出庭应诉", ">=", 100, "%"),
    ("学时学分完成率为100%，", "学时学分完成率为100%", "学时学分完成率", "=", 100, "%"),
    ("科队学习（不含区局补训）12次达标率100%。", "科队学习（不含区局补训）12次达标率100%", None, "=", 100, "%"),
    ("市局督察单和区局督察单比值<30%；", "市局督察单和区局督察单比值<30%", "市局督察单和区局督察单比值", "<", 30, "%"),
    ("利用建筑工地围栏开展宣传，工地数>10。", "工地数>10", "工地数", ">", 10, None),
    ("利用商场、小区等电子屏开展宣传，电子屏数>40。", "电子屏数>40", "电子屏数", ">", 40, None),
    ("每个中队至少每2人配备一台便携式打印机，", "至少每2人配备一台", "每台便携式打印机对应人数", "<=", 2, "人"),
    ("送达法律文书10起以上。", "送达法律文书10起以上", "送达法律文书", ">=", 10, "起"),
    ("分享专题信息10篇以上；", "分享专题信息10篇以上", "分享专题信息", ">=", 10, "篇"),
    ("示范中队创建率不低于40%；", "示范中队创建率不低于40%", "示范中队创建率", ">=", 40, "%"),
    ("准确率高于95%；", "准确率高于95%", "准确率", ">", 95, "%"),
    ("按要求推荐师资4人；", "推荐师资4人", "推荐师资", ">=", 4, "人"),
    ("2022年，完成4个街道“无违建示范街镇”创建工作。", "完成4个街道“无违建示范街镇”创建工作", None, ">=", 4, "个"),
    ("全年差值占比率为0。", "差值占比率为0", "差值占比率", "=", 0, None),
    ("参与市局创建全系统第四批50佳优秀城管社区工作室。", "参与市局创建全系统第四批50佳优秀城管社区工作室",
     "优秀城管社区工作室", "top", 50, "名"),
    ("单一篇次全网发布阅读量超10W+；", "单一篇次全网发布阅读量超10W+", "单一篇次全网发布阅读量", ">", 100000, None),
]  # fmt: skip

INCIDENTAL = [
    "按要求完成第四十六届世界技能大赛执法保障任务；第五届进博会；",
    "2022年，落实市、区两级工作。",
    "积极开展党的二十大宣传任务。",
    "及时有效查处遛狗，垂钓等7类限制行为和擅自设摊经营、兜售物品等7类禁止行为；",
    "落实第二轮城管执法精细化三年行动计划。",
    "积极参加和组织开展建团100周年活动；",
    "将辖区内4G/5G执法记录仪接入市局统一平台；",
    "市局委托第三方每半年组织开展一次街面环境实效检查，两次实效检查得分折算成街区环境治理分值。",
    "经市局督察第一次现场核实后，及时整改。",
    "考核细则详见《2022年度区城管执法部门执法办案数考核细则》。",
    "围绕政治过硬等五个方面目标任务。",
    "该部分为两项内容。一是及时完成市局推送的数据更新任务。",
    "积极开展第七届开放日活动。",
]


@pytest.mark.parametrize(("text", "phrase", "metric", "op", "value", "unit"), REAL_PHRASES)
def test_real_phrase(
    text: str, phrase: str, metric: str | None, op: str, value: float | tuple[float, float], unit: str | None
) -> None:
    [found] = find_targets(text)
    assert found.text == phrase
    assert (found.op, found.unit) == (op, unit)
    if metric is not None:
        assert found.metric == metric
    if isinstance(value, tuple):
        assert (found.low, found.high) == value
    else:
        assert found.value == value


@pytest.mark.parametrize("text", INCIDENTAL)
def test_incidental_numbers_are_not_requirements(text: str) -> None:
    assert find_targets(text) == []


def test_several_requirements_in_one_sentence_keep_their_order() -> None:
    text = "规范化中队达标率达到100%，保有率达到97%。"
    assert [(c.metric, c.value) for c in find_targets(text)] == [("规范化中队达标率", 100), ("保有率", 97)]


def test_weak_words_need_a_rate_or_a_percentage() -> None:
    assert (
        find_targets("以智慧城管为依托，编号为2036，达成共识。") == []
    )  # 为/达 before a plain number is prose


_WORD_OPS = {
    "至少": ">=",
    "不少于": ">=",
    "不低于": ">=",
    "高于": ">",
    "超过": ">",
    "不超过": "<=",
    "低于": "<",
}
_UNITS = ["份", "篇", "起", "%", "件", ""]
_PROSE = st.text(alphabet="市局中队执法检查开展要求，。；按落实工作", max_size=30)


@given(st.sampled_from(sorted(_WORD_OPS)), st.integers(0, 10**6), st.sampled_from(_UNITS), _PROSE, _PROSE)
def test_comparison_words_give_their_operator(
    word: str, number: int, unit: str, before: str, after: str
) -> None:
    text = f"{before}。报送信息{word}{number}{unit}。{after}"
    [found] = find_targets(text)
    assert (found.op, found.value, found.unit or "") == (_WORD_OPS[word], number, unit)
    assert found.metric == "报送信息"


@given(st.integers(0, 999), st.integers(1, 999))
def test_range_reads_low_and_high(low: int, width: int) -> None:
    [found] = find_targets(f"满足{low}<录用数≤{low + width}。")
    assert (found.op, found.low, found.high, found.metric) == ("between", low, low + width, "录用数")


@given(st.integers(1, 9999), st.sampled_from(["年", "届", "批", "周年", "类", "学时", "轮"]))
def test_years_ordinals_and_kinds_are_incidental(number: int, word: str) -> None:
    assert find_targets(f"开展第{number}{word}活动；落实{number}{word}相关工作。") == []


@given(
    st.text(
        alphabet="0123456789<>≤≥%至少不低于排名前第名每人配备一台率为达到，。；佳W+个份篇市局", max_size=40
    )
)
def test_candidates_are_verbatim_and_do_not_overlap(text: str) -> None:
    found = find_targets(text)
    for candidate in found:
        assert candidate.text in text
        assert candidate.start < candidate.end
        assert text[candidate.start : candidate.end] in candidate.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_candidate_is_frozen() -> None:
    candidate = TargetCandidate("至少5份", 0, 4, None, ">=", value=5, unit="份")
    with pytest.raises(AttributeError):
        candidate.op = "<"  # type: ignore[misc]
