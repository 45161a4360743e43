"""The shipped supervision plan holds seed 004: header, body text, and 附件1 row by row.

Also checks that the schedules added to the task table (seed 000) quote their source verbatim.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pytest

from cgtask.api import check, open_registry
from cgtask.models.data import ObligationData, SupervisionItemData, SupervisionPlanData
from cgtask.registry.view import iter_tasks
from tests.conftest import REPO, SEEDS

SEED_004 = SEEDS / "004_89cdf094295066be.txt"
SEED_000 = SEEDS / "000_56b99a67f023355a.txt"
TABLE_HEADER = "序号\t监督内容\t责任部门\t监督方法\t监督频率\t备注"
LEVELS = ("区局", "街镇中队")
CN_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass
class SeedRow:
    """One row of 附件1 as the extraction gives it (cells still carry its wrapping spaces)."""

    id: str
    title: str
    responsible: str
    methods: str
    frequency: str
    note: str


def seed_text() -> str:
    return SEED_004.read_text(encoding="utf-8")


def squeeze(text: str) -> str:
    """Remove all whitespace: the line breaks and cell wrapping of the extraction."""
    return re.sub(r"\s+", "", text)


def joined_seed() -> str:
    """The seed with the extraction's line breaks removed (spaces inside lines kept)."""
    return re.sub(r"\n+", "", seed_text())


def seed_rows() -> list[SeedRow]:
    rows = []
    for line in seed_text().splitlines():
        if line == TABLE_HEADER or not re.match(r"^\d+\t", line):
            continue
        cells = [*line.split("\t"), "", ""][:6]
        rows.append(SeedRow(*cells))
    return rows


def seed_levels(cell: str) -> dict[str, str]:
    """{level: period} of a 监督频率 cell such as “区局：每月 街镇中队：每周”."""
    return dict(re.findall(r"(区局|街镇中队)\s*[：:]\s*(\S+)", cell))


@pytest.fixture(scope="module")
def plan() -> SupervisionPlanData:
    document = open_registry(REPO / "registry", use_cache=False).document("supervision-2022")
    assert document["kind"] == "supervision_plan"
    return document


def items_by_id(plan: SupervisionPlanData) -> dict[str, SupervisionItemData]:
    return {item["id"]: item for item in plan["items"]}


def by_source(item: SupervisionItemData, source: str) -> list[ObligationData]:
    return [o for o in item["obligations"] if o["source"] == source]


# --- header --------------------------------------------------------------------------------------


def cn_date(text: str) -> dt.date:
    """二〇二二年三月七日 → 2022-03-07."""
    match = re.fullmatch(
        r"([〇一二三四五六七八九]{4})年([一二三四五六七八九十]+)月([一二三四五六七八九十]+)日", text
    )
    assert match, text

    def small(number: str) -> int:
        if "十" not in number:
            return CN_DIGITS[number]
        tens, _, ones = number.partition("十")
        return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)

    year = int("".join(str(CN_DIGITS[c]) for c in match[1]))
    return dt.date(year, small(match[2]), small(match[3]))


def test_header_matches_the_notice(plan: SupervisionPlanData) -> None:
    lines = [line.strip() for line in seed_text().splitlines() if line.strip()]
    header = plan["header"]
    assert header["issuer_mark"] == lines[0]
    assert header["doc_number"] == next(line for line in lines if re.fullmatch(r"\S+〔\d{4}〕\d+号", line))
    notice_title = next(line for line in lines if line.startswith("关于印发"))
    assert header["title"] == squeeze(notice_title)  # the stray space in “2022年 执法” is dropped
    assert f"{header['addressee']}：" in lines
    signed = next(line for line in lines if re.fullmatch(r"[〇一二三四五六七八九]{4}年.+月.+日", line))
    assert header["date"] == cn_date(signed).isoformat()
    printed = next(line for line in lines if line.endswith("印发"))
    year, month, day = map(int, re.findall(r"\d+", printed))
    assert header["print_date"] == dt.date(year, month, day).isoformat()
    assert header["copies"] == int(re.search(r"共印(\d+)份", seed_text())[1])  # type: ignore[index]
    assert header["copies"] == 13
    assert header["issuer"] == header["signature"] == header["printed_by"]
    assert header["signature"] in lines


def test_titles(plan: SupervisionPlanData) -> None:
    text = seed_text()
    assert squeeze(plan["title"]) in squeeze(text)
    assert f"《{plan['title']}》" in plan["header"]["title"]  # type: ignore[operator]
    assert plan["year"] == 2022
    attachment = next(line for line in text.splitlines() if line.startswith("附件1："))
    assert plan["attachment_title"] == attachment.removeprefix("附件1：")


# --- body ----------------------------------------------------------------------------------------


def test_body_blocks_occur_in_the_seed_in_order(plan: SupervisionPlanData) -> None:
    seed = joined_seed()
    position = seed.index("为全面加强")  # the body starts after the notice
    for block in plan["body"]:
        text = (block["heading"] or "") + (block["text"] or "")
        found = seed.find(text, position)
        assert found >= position, f"not in the seed after position {position}: {text[:40]}"
        position = found + len(text)
    assert position > seed.index("（四）结果应用")


def test_body_keeps_the_seeds_numbering(plan: SupervisionPlanData) -> None:
    headings = [block["heading"] for block in plan["body"] if block["heading"]]
    chapters = [h for h in headings if re.match(r"^[一二三四五六七八九十]、", h)]
    # The seed numbers 工作要求 四 a second time; the registry keeps its numbering.
    assert chapters == ["一、总体目标", "二、工作原则", "三、职责分工", "四、监督内容", "四、工作要求"]


def test_broken_sentences_are_joined(plan: SupervisionPlanData) -> None:
    texts = [block["text"] or "" for block in plan["body"]]
    for words in ("发挥各类数据汇聚", "确保整治行动", "网上发布"):
        assert sum(words in text for text in texts) == 1, words


# --- 附件1 ---------------------------------------------------------------------------------------


def test_eleven_rows(plan: SupervisionPlanData) -> None:
    assert [row.id for row in seed_rows()] == [item["id"] for item in plan["items"]]
    assert len(plan["items"]) == 11


@pytest.mark.parametrize("row", seed_rows(), ids=lambda row: row.id)
def test_row_matches_the_seed(plan: SupervisionPlanData, row: SeedRow) -> None:
    item = items_by_id(plan)[row.id]
    assert squeeze(item["title"]) == squeeze(row.title)
    assert item["responsible"] == row.responsible.split()
    assert "".join(item["methods"]) == squeeze(row.methods)
    assert squeeze(item["note"] or "") == squeeze(row.note)


@pytest.mark.parametrize("row", seed_rows(), ids=lambda row: row.id)
def test_attachment_frequencies(plan: SupervisionPlanData, row: SeedRow) -> None:
    """Every level of the 监督频率 cell is an 附件1 obligation; the others quote the 备注."""
    item = items_by_id(plan)[row.id]
    obligations = by_source(item, "附件1")
    assert obligations, "每项至少有一条附件1 的监督要求"
    from_cell = {o["level"]: o for o in obligations if squeeze(o["text"] or "") in squeeze(row.frequency)}
    assert from_cell.keys() == seed_levels(row.frequency).keys()
    for level, period in seed_levels(row.frequency).items():
        obligation = from_cell[level]
        assert obligation["frequency"].startswith(period)
        extra = obligation["frequency"].removeprefix(period)
        # A quota added to the cell's period comes from the 备注: its numbers are there.
        for number in re.findall(r"\d+", extra):
            assert number in re.findall(r"\d+", row.note), (number, row.note)
    for obligation in obligations:
        if obligation["level"] in from_cell and obligation is from_cell[obligation["level"]]:
            continue
        assert squeeze(obligation["text"] or "") in squeeze(row.note)


def test_every_obligation_has_a_source_and_text(plan: SupervisionPlanData) -> None:
    for item in plan["items"]:
        for obligation in item["obligations"]:
            assert obligation["source"] in ("正文", "附件1")
            assert obligation["level"] in LEVELS
            assert obligation["text"]
            assert obligation["activity"]


# --- the body's obligations ----------------------------------------------------------------------


def section(plan: SupervisionPlanData, heading: str) -> str:
    """The body text under a 监督内容 subsection, up to the next heading."""
    blocks = plan["body"]
    start = next(i for i, b in enumerate(blocks) if b["heading"] and squeeze(b["heading"]).endswith(heading))
    texts = []
    for block in blocks[start + 1 :]:
        if block["heading"]:
            break
        texts.append(block["text"] or "")
    return "".join(texts)


def test_body_obligations_quote_the_seed(plan: SupervisionPlanData) -> None:
    seed = joined_seed()
    for item in plan["items"]:
        body = section(plan, item["heading"] or "")
        for obligation in by_source(item, "正文"):
            text = obligation["text"] or ""
            assert text in seed, text
            assert text in body, (item["id"], text)


def test_every_item_has_body_obligations(plan: SupervisionPlanData) -> None:
    for item in plan["items"]:
        assert by_source(item, "正文"), item["id"]


def test_headings_and_content_come_from_the_body(plan: SupervisionPlanData) -> None:
    seed = joined_seed()
    for item in plan["items"]:
        assert re.search(rf"[（(][一二三四五六七八九十]+[）)]\s*{re.escape(item['heading'] or '')}", seed)
        paragraphs = item["content"].split("\n")
        for paragraph in paragraphs:
            assert paragraph in seed
            assert paragraph in section(plan, item["heading"] or "")


def test_responsible_line_of_the_body(plan: SupervisionPlanData) -> None:
    """The body's “责任部门：” lines agree with 附件1, except 队伍建设 (各科室 in the body)."""
    for item in plan["items"]:
        body = section(plan, item["heading"] or "")
        names = re.search(r"责任部门：(.+)$", body)[1].split("、")  # type: ignore[index]
        if item["id"] == "3":
            assert names == ["各科室", "各中队"]
            assert item["responsible"] == ["监督科", "各中队"]
            assert item["responsible_in_body"] == names
        else:
            assert names == item["responsible"]


@pytest.mark.parametrize(
    ("item_id", "level", "attachment", "body"),
    [
        ("2", "区局", "每月", "每季度抽查全覆盖"),
        ("2", "街镇中队", "每天", "每周不少于2次"),
        ("3", "区局", "每月", "每半年各街镇中队全覆盖"),
        ("9", "区局", "每月", "每季度街镇中队抽查全覆盖"),
    ],
)
def test_disagreements_are_kept(
    plan: SupervisionPlanData, item_id: str, level: str, attachment: str, body: str
) -> None:
    """DESIGN.md semantic 7: both sources stay, each with its own frequency."""
    item = items_by_id(plan)[item_id]
    frequencies: dict[str, list[str]] = {"正文": [], "附件1": []}
    for obligation in item["obligations"]:
        if obligation["level"] == level:
            frequencies[obligation["source"] or ""].append(obligation["frequency"])
    assert attachment in frequencies["附件1"]
    assert body in frequencies["正文"]


def test_quotas_from_both_sources(plan: SupervisionPlanData) -> None:
    items = items_by_id(plan)
    frequencies = {
        (item_id, o["source"], o["activity"]): o["frequency"]
        for item_id, item in items.items()
        for o in item["obligations"]
        if o["frequency"] != "全年覆盖所有中队"  # 案件抽查's coverage rule, checked below
    }
    assert frequencies[("6", "正文", "案件抽查")] == "每季度，不少于当季案件数10%"
    coverage = [o for o in items["6"]["obligations"] if o["frequency"] == "全年覆盖所有中队"]
    assert [(o["activity"], o["source"]) for o in coverage] == [("案件抽查", "正文")]
    assert frequencies[("6", "附件1", "案件抽查")] == "每季度，不少于当季度10%"
    assert frequencies[("7", "正文", "案卷集中评查")] == "每半年1次，每次不少于30件"
    assert frequencies[("7", "附件1", "案卷集中评查")] == "每半年，每次不少于30份"
    assert frequencies[("3", "附件1", "队列训练")] == "每月2次，每次不少于20分钟"
    assert frequencies[("8", "正文", "抽查全程音像记录")] == "每年不少于100个"
    assert frequencies[("8", "附件1", "抽查重大法核案件")] == "全年不少于50件"
    assert frequencies[("4", "附件1", "重大案件督办")] == "一案一督"


def test_registry_checks_clean() -> None:
    findings, _ = check(REPO / "registry")
    mine = [f for f in findings if "supervision-2022" in f.file or "tasks-2022" in f.file]
    assert not [f for f in mine if f.severity == "error"], mine


# --- seed 000 schedules ---------------------------------------------------------------------------


def shipped_schedules() -> list[tuple[str, str, dict[str, Any]]]:
    document = open_registry(REPO / "registry", use_cache=False).document("tasks-2022")
    assert document["kind"] == "task_breakdown"
    return [
        (task["id"], task["detail"] + "".join(task["items"]), dict(obligation))
        for _, task in iter_tasks(document)
        for obligation in task["schedule"]
    ]


def test_task_schedules_quote_seed_000() -> None:
    seed = SEED_000.read_text(encoding="utf-8")
    schedules = shipped_schedules()
    assert {task_id for task_id, _, _ in schedules} >= {"1.3", "1.4", "4.3", "5.6", "7.4", "11.1"}
    for task_id, detail, obligation in schedules:
        assert obligation["text"] in seed, (task_id, obligation["text"])
        assert obligation["text"] in detail, (task_id, obligation["text"])
        assert obligation["source"] == "工作细则"


def test_task_schedule_periods() -> None:
    frequencies = {(task_id, o["frequency"]) for task_id, _, o in shipped_schedules()}
    assert {
        ("1.3", "每半年一次"),
        ("1.4", "每半年一次"),
        ("4.3", "双月"),
        ("5.6", "按季度"),
        ("7.4", "每月"),
        ("11.1", "上半年一次"),
        ("11.1", "下半年一次"),
    } <= frequencies
