"""What each column of another bureau's table means, judged by its heading, and what kind of plan it is.

Bureaus name the same column differently (抽查事项 / 工作任务, 责任科室 / 牵头责任部门 / 负责部门 …); the
synonyms below cover the published plans in tests/data/plans and the 任务分解表 of seed 000. A heading
the list does not know is kept verbatim (its cells stay in the document) and can be given a meaning
with ``列名=字段`` (the ``mapping`` here). Matching is on the heading without spaces or line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cgtask.errors import UsageError
from cgtask.support.text import compiled

# field → (its Chinese label, the headings that mean it). The label is what a 列名=字段 mapping may name.
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "number": ("序号", ("序号", "编号")),
    "category": ("类别", ("目录", "类别", "分类", "事项类别", "任务类别")),
    "title": ("任务", ("工作任务", "任务名称", "抽查事项", "事项名称", "重点任务", "任务")),
    "text": ("内容", ("工作细则", "工作内容", "任务内容", "检查事项", "具体内容", "主要内容", "工作措施")),
    "lead": (
        "牵头部门",
        (
            "牵头部门",
            "牵头科室",
            "牵头单位",
            "牵头责任部门",
            "责任科室",
            "责任处(科)室",
            "责任处（科）室",
            "责任处室",
            "负责部门",
            "责任单位",
            "实施科室",
        ),
    ),
    "support": ("配合部门", ("配合部门", "配合科室", "配合单位", "协办单位")),
    "responsible": ("责任部门", ("重点责任部门", "其他责任部门", "责任部门")),
    "leader": ("牵头局领导", ("牵头局领导", "分管局领导", "牵头领导", "分管领导", "责任领导")),
    "inspector": ("检查主体", ("检查主体", "抽查主体", "实施主体")),
    "object": ("检查对象", ("检查对象", "抽查对象")),
    "frequency": (
        "频次",
        ("抽查比例及频次", "监督频率", "检查频次", "抽查频次", "频次", "工作频次", "频率", "监督频次"),
    ),
    "share": ("比例", ("抽查比例", "抽取比例", "比例")),
    "quantity": ("每次数量", ("抽取数量", "抽查数量", "每次抽查数量")),
    "base": ("基数", ("预估抽查对象数", "抽查对象数", "检查对象总数", "对象总数")),
    "window": ("检查时间", ("检查时间", "抽查时间", "实施时间")),
    "deadline": ("完成时限", ("完成时限", "时间进度", "完成时间", "时间节点", "时限要求", "时限")),
    "target": ("目标任务", ("目标任务", "工作目标", "目标要求", "完成标准", "预期目标")),
}
# Headings no synonym knows, read by their words (发起部门, 检查比例, 任务日期 …): the first rule whose
# words the heading holds gives the field. Such a reading is reported, and checked against the cells.
HINTS = compiled(
    (r"领导|负责人", "leader"),
    (r"(?:配合|协助|协办|参与|联合).*(?:部门|单位|科室|处室|股室)", "support"),
    (r"(?:发起|牵头|主责|负责|责任|实施|承办).*(?:部门|单位|科室|处室|股室|主体)", "lead"),
    (r"比例|比率", "share"),
    (r"频次|频率|次数", "frequency"),
    (r"基数|总数|对象数", "base"),
    (r"时限|节点|期限", "deadline"),
    (r"日期|时间|时段", "window"),
    (r"目标", "target"),
    (r"对象", "object"),
)
LABELS = {label: key for key, (label, _) in FIELDS.items()}
# A table is recognised by a row naming what is to be done and who answers for it.
SUBJECT = ("title", "text")
WHO = frozenset({"lead", "responsible", "inspector"})  # a plan naming only its 检查主体: that body answers
ACCEPTED_HEADINGS = "；".join(f"{label}：{'/'.join(names)}" for label, names in FIELDS.values())
INSPECTION_FIELDS = frozenset({"object", "inspector", "share", "quantity", "base", "window"})


@dataclass(frozen=True)
class Columns:
    """The header row's index, each field's column, the headings as published, and what was inferred."""

    start: int
    fields: dict[str, int]
    headings: list[str]
    # How a heading no synonym knows was read (by its words and cells), for the clerk to confirm: (column, note).
    notes: tuple[tuple[int, str], ...] = ()
    # The columns read by their cells alone (任务目标 as the wording): such a table is not the classic one.
    by_content: frozenset[int] = frozenset()


def compact(text: str) -> str:
    """Heading text without white space, as it is matched."""
    return re.sub(r"\s+", "", text)


def parse_mapping(pairs: Sequence[str]) -> dict[str, str]:
    """``列名=字段`` pairs as heading → field key; 字段 is a label (频次) or a key (frequency)."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        heading, sep, field = (part.strip() for part in pair.partition("="))
        key = field if field in FIELDS else LABELS.get(field)
        if not sep or not heading or key is None:
            labels = "、".join(LABELS)
            raise UsageError(f"列的对应“{pair}”应写成 列名=字段，字段为：{labels}")
        mapping[compact(heading)] = key
    return mapping


def heading_fields(row: list[str], mapping: dict[str, str] | None = None) -> dict[str, int]:
    """Which column holds which field, judged by the heading text of one row (a mapping first)."""
    fields: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = _field_of(compact(cell), mapping or {})
        if key is not None and key not in fields:
            fields[key] = index
    return fields


def _field_of(heading: str, mapping: dict[str, str]) -> str | None:
    if heading in mapping:
        return mapping[heading]
    known = next((key for key, (_, names) in FIELDS.items() if heading in names), None)
    return known or hinted_field(heading)


def hinted_field(heading: str) -> str | None:
    """The field a heading no synonym knows is read as, by its words (None when they say nothing)."""
    return next((key for pattern, key in HINTS if pattern.search(heading)), None) if heading else None


def is_synonym(heading: str, mapping: dict[str, str]) -> bool:
    """Whether a heading is read by a synonym or the clerk's mapping, not by its words alone."""
    heading = compact(heading)
    return heading in mapping or any(heading in names for _, names in FIELDS.values())


def is_header(fields: dict[str, int], *, who: bool = True) -> bool:
    """A header row names what is done (任务 or 内容) and who answers for it.

    Without ``who``: a table of one bureau's own tasks (工作要点 as paragraphs) names nobody; then a
    row naming what is done and one more field (序号, 类别 …) is its header — unless it names a
    配合部门, which says a lead column was there and is missing.
    """
    subject = any(key in fields for key in SUBJECT)
    if not who:
        return subject and len(fields) >= 2 and "support" not in fields
    return subject and any(key in fields for key in WHO)


def missing_message(best: dict[str, int], name: str) -> str:
    """What the nearest header row lacks, in the words a clerk knows."""
    missing = []
    if not any(key in best for key in SUBJECT):
        missing.append("工作细则（或 工作任务、抽查事项、工作内容）")
    if not any(key in best for key in WHO):
        missing.append("牵头部门（或 责任科室、牵头责任部门、负责部门、重点责任部门、检查主体）")
    return f"{name} 的表格缺少列：{'、'.join(missing)}；其他列名可用 列名=字段 指定"


def plan_form(fields: dict[str, int], title: str) -> str:
    """The kind of plan: a 双随机 inspection plan, a 工作要点/思路, or a task-breakdown table."""
    if INSPECTION_FIELDS & fields.keys() or re.search(r"双随机|抽查|检查计划", title):
        return "inspection_plan"
    if {"leader", "responsible"} & fields.keys() or re.search(r"工作要点|工作思路", title):
        return "work_plan"
    return "task_breakdown"
