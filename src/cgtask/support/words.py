"""The words people read, in one place: roles, standing colours, target states, unit kinds and dates.

Every layer takes its labels from here (the command line through :mod:`cgtask.api`), so one role has one
word everywhere — 牵头, 配合, 负责 — and a date reads the same in a notice, a form, the site and a reminder.
No imports beyond the standard library: the cheapest command may use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

# How a 科室/中队 takes part in a duty (``role`` in rows): one word per role.
ROLE_LABELS: dict[str, str] = {"lead": "牵头", "support": "配合", "responsible": "负责"}
# ``cgtask list`` still calls a supervision item's responsible party by its column's name, 责任(部门):
# saying 负责 there too changes that command's output, so it waits for its own change.
LISTING_RESPONSIBLE = "责任"

# A standing colour (DESIGN 8) and what the 督办 board says for it.
STATUS_LABELS: dict[str, str] = {"red": "逾期", "yellow": "未完成", "blue": "即将到期", "green": "已完成"}

# Whether a quantitative target is met.
TARGET_LABELS: dict[str, str] = {"met": "达标", "not_met": "未达标", "no_data": "无数据"}

# A 台账 record's standing (``ledger list``, ``export``): a correction withdraws the old record and adds one.
RECORD_STATE_LABELS = {"live": "有效", "withdrawn": "已撤销", "corrected": "已更正", "withdrawal": "撤销记录"}

# The kinds of party that get their own page: a 科室 or a 中队 (``squad`` is the site data's word for it).
UNIT_KIND_LABELS: dict[str, str] = {"department": "科室", "squad": "中队"}

WEEKDAYS = "一二三四五六日"

# A document as people name it in a 公文 or a 工作群 message; its id (supervision-2022) is the registry's, never theirs.
DOC_KIND_LABELS: dict[str, str] = {
    "task_breakdown": "任务分解表",
    "supervision_plan": "执法监督方案",
    "work_plan": "工作计划",
}


# An imported table (``form``) is named as the bureau names it, never 任务分解表: the words its title ends
# with (检查计划, 工作要点 …), else its form's name.
FORM_LABELS: dict[str, str] = {"inspection_plan": "抽查计划", "work_plan": "工作要点"}
PLAN_TITLE_WORDS = ("抽查工作计划", "检查计划", "抽查计划", "工作要点", "工作思路", "工作计划", "实施方案")


def document_label(document: Mapping[str, Any]) -> str:
    """What a reader calls a document: 执法监督方案, 任务分解表, or an imported plan's own kind (检查计划)."""
    form = document.get("form") or "task_breakdown"
    if document["kind"] != "task_breakdown" or form == "task_breakdown":
        return DOC_KIND_LABELS.get(document["kind"], "文件")
    title = str(document.get("title") or "")
    found = [word for word in PLAN_TITLE_WORDS if word in title]
    return (
        max(found, key=lambda w: (title.rindex(w) + len(w), len(w)))
        if found
        else FORM_LABELS.get(form, "文件")
    )


def basis_text(document: Mapping[str, Any], item: str) -> str:
    """Where a duty comes from, as a reader says it: 执法监督方案 第5项, 检查计划 第1.1项 (never the id)."""
    return f"{document_label(document)} 第{item}项"


def role_label(role: str | None, default: str = "", *, listing: bool = False) -> str:
    """牵头 / 配合 / 负责 for a role key; ``default`` when there is none (an unknown key reads as itself).

    ``listing``: the word ``cgtask list`` uses (责任 for the responsible party, see LISTING_RESPONSIBLE).
    """
    if not role:
        return default
    if listing and role == "responsible":
        return LISTING_RESPONSIBLE
    return ROLE_LABELS.get(role, role)


_DIGITS = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 23 → 二十三: the numbers of a document's headings （一）…（十一）."""
    tens, ones = divmod(n, 10)
    head = ("" if tens == 1 else _DIGITS[tens]) + "十" if tens else ""
    return head + (_DIGITS[ones] if ones or not tens else "")


def chinese_date(day: date) -> str:
    """A date as official documents write it: Arabic numerals, full year, no leading zeros — 2022年3月7日."""
    return f"{day.year}年{day.month}月{day.day}日"


def month_day(day: date) -> str:
    """A date inside a known year: 3月7日."""
    return f"{day.month}月{day.day}日"


def month_day_weekday(day: date) -> str:
    """A due date inside a known year with its weekday: 3月11日（周五）."""
    return f"{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）"


ASSUMED = "推定："


def assumption_marked(text: str, assumed: str | None) -> str:
    """A requirement whose period (or other part) the registry assumed, saying so: 不少于50起（推定：每月…）.

    Wherever the requirement is shown — due, show, notices, forms, the site — it must not read as the plan's
    own words.
    """
    return f"{text}（{ASSUMED}{assumed}）" if assumed else text
