"""The three work plans in the shipped registry, compared with the seed files they come from."""

from __future__ import annotations

import functools
import re

import pytest

from cgtask.api import open_registry
from cgtask.models.data import PlanPartData, WorkPlanData
from cgtask.registry.view import Registry
from tests.conftest import SEEDS

SECTION_LINE = re.compile(r"^[一二三四五六七八九十]+、", re.M)
ITEM_LINE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]", re.M)

# doc id → (seed file, heading that opens the summary, heading that opens the plan, plan items)
PLANS = {
    "plan-2022-city": ("001_7915e16df98ce752.txt", "2021年工作总结", "2022年工作计划", 16),
    "plan-2021-putuo": ("002_1296e1af2ba05bda.txt", "2020 年工作总结", "2021 年工作要点", 5),
    "plan-2023-changning": ("003_7fb9815a23d80771.txt", "2022年工作总结", "2023年工作计划", 14),
}


@functools.cache
def _registry() -> Registry:
    return open_registry(use_cache=False)


def _document(doc_id: str) -> WorkPlanData:
    document = _registry().document(doc_id)
    assert document["kind"] == "work_plan"
    return document


def _seed(doc_id: str) -> str:
    return (SEEDS / PLANS[doc_id][0]).read_text(encoding="utf-8")


def _seed_parts(doc_id: str) -> tuple[str, str]:
    """The seed's summary and plan text, cut at their headings (each on a line of its own)."""
    text = _seed(doc_id)
    _, summary_heading, plan_heading, _ = PLANS[doc_id]
    summary_start = re.search(rf"^{summary_heading}\s*$", text, re.M)
    plan_start = re.search(rf"^{plan_heading}\s*$", text, re.M)
    assert summary_start
    assert plan_start
    return text[summary_start.end() : plan_start.start()], text[plan_start.end() :]


def _flat(text: str) -> str:
    """Seed text without the line breaks and ** marks of the PDF extraction."""
    return re.sub(r"\s*\n\s*", "", text.replace("**", ""))


def _count(part: PlanPartData) -> tuple[int, int]:
    return len(part["sections"]), sum(len(s["items"]) for s in part["sections"]) + len(part["items"])


@pytest.mark.parametrize("doc_id", PLANS)
def test_sections_and_items_match_the_seed(doc_id: str) -> None:
    document = _document(doc_id)
    for part, seed_text in zip((document["summary"], document["plan"]), _seed_parts(doc_id), strict=True):
        seed_counts = len(SECTION_LINE.findall(seed_text)), len(ITEM_LINE.findall(seed_text))
        assert _count(part) == seed_counts


@pytest.mark.parametrize("doc_id", PLANS)
def test_plan_item_count_is_the_documented_one(doc_id: str) -> None:
    assert _count(_document(doc_id)["plan"])[1] == PLANS[doc_id][3]


@pytest.mark.parametrize("doc_id", PLANS)
def test_every_text_is_verbatim(doc_id: str) -> None:
    seed = _flat(_seed(doc_id))
    document = _document(doc_id)
    for part in (document["summary"], document["plan"]):
        for section in part["sections"]:
            assert _flat(section["numbering"] + section["heading"]) in seed
            for item in section["items"]:
                assert _flat(_item_text(item)) in seed, item["id"]
        for item in part["items"]:
            assert _flat(_item_text(item)) in seed, item["id"]


def _item_text(item: dict[str, object] | object) -> str:
    assert isinstance(item, dict)
    joiner = "。" if item["run_in"] else "\n"
    return f"{item['numbering']}{item['heading']}{joiner}{item['text']}".rstrip("\n")


def test_city_header() -> None:
    header = _document("plan-2022-city")["header"]
    assert header["doc_number"] == "沪城管执〔2022〕7号"
    assert header["issuer_mark"] == "上海市城市管理行政执法局文件"
    assert header["date"] == header["print_date"] == "2022-01-19"
    assert header["addressee"] is not None
    assert header["addressee"].startswith("各区城管执法局")
    assert header["cc"] == "中共上海市建设和交通工作委员会、上海市住房和城乡建设管理委员会"


def test_putuo_header_and_units() -> None:
    document = _document("plan-2021-putuo")
    assert document["header"]["doc_number"] == "普城管执〔2021〕8号"
    assert document["header"]["date"] == "2021-03-10"
    assert document["header"]["addressee"] == "各科室、中队"
    names = [unit["name"] for unit in document["units"]]
    assert len(names) == 11
    for short in ("长征", "宜川", "石泉", "曹杨", "真如", "桃浦", "万里", "长寿", "长风", "甘泉", "机动"):
        assert f"{short}中队" in names
        assert short in _seed("plan-2021-putuo")


def test_changning_units_are_named_in_the_seed() -> None:
    seed = _seed("plan-2023-changning")
    units = _document("plan-2023-changning")["units"]
    assert {"华阳中队", "江苏中队", "程桥中队", "临空中队"} <= {unit["name"] for unit in units}
    for unit in units:
        assert unit["name"].removesuffix("中队") in seed


@pytest.mark.parametrize("doc_id", PLANS)
def test_every_figure_is_in_its_sentence_and_the_sentence_in_the_seed(doc_id: str) -> None:
    seed = _flat(_seed(doc_id))
    figures = _document(doc_id)["figures"]
    assert figures
    for figure in figures:
        assert re.search(
            rf"(?<![\d.]){re.escape(figure['value'])}\s*(余|多)?{re.escape(figure['unit'])}",
            figure["sentence"],
        )
        assert _flat(figure["sentence"]) in seed
        assert str(figure["number"]).removesuffix(".0") == figure["value"]


@pytest.mark.parametrize(
    ("doc_id", "value", "unit", "metric"),
    [
        ("plan-2022-city", "31586", "起", "依法查处无序设摊案件"),
        ("plan-2022-city", "55751", "处", "取缔"),
        ("plan-2022-city", "38.6", "万平方米", "依法拆除小区违建"),
        ("plan-2022-city", "84.98", "分", "上下半年社会满意度测评得分"),
        ("plan-2022-city", "71.36", "%", "扫码缴纳罚款案件占比"),
        ("plan-2021-putuo", "16.77", "万平方米", "本年度累计拆除库内违建"),
        ("plan-2023-changning", "9564.2", "平方米", "全年拆除存量违建"),
    ],
)
def test_key_figures_round_trip(doc_id: str, value: str, unit: str, metric: str) -> None:
    found = [f for f in _document(doc_id)["figures"] if (f["value"], f["unit"]) == (value, unit)]
    assert [f["metric"] for f in found] == [metric]
