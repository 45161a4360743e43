"""A table cell of several demands (抽查比例为5%;每年抽查1次) as the phrases it holds: one rule for all.

``cgtask import`` holds each clause of a frequency or share cell as its own duty, the cell's period
carried to a clause that names none; ``cgtask phrase`` shows a text the engine cannot read whole the
same way, one reading per demand — so the keeper never sees a refusal for a cell the import reads.
"""

from __future__ import annotations

import re
from typing import Any

# Cells that say no schedulable duty is owed (常态工作, 频次根据监管需要确定): no duty, and no invented one.
NO_DUTY = re.compile(r"常态|长期坚持|持续推进|根据.{0,8}需要确定|视情况|按需")
# A clause with no number is taken only when it is a bare cadence (每季度, 每月检查) or 全覆盖: the phrase
# engine reads 每年 followed by anything as once a year, and 每年视情况抽查若干 must not become 每年1次.
COUNTED = re.compile(r"\d|[一二两三四五六七八九十]次|全覆盖")
BARE_CADENCE = frozenset({"", "抽查", "检查", "巡查", "开展检查", "开展抽查", "一次"})
CLAUSE_BREAK = re.compile(r"[,，;；。]+")
PERIOD_WORD = re.compile(r"每年|全年|每半年|半年|每季度|每季|每月|每周|每旬|每天|每日|上半年|下半年")
# 1次/半年, 1次/1年, 2次/季度 → 每半年1次 …
PER_PERIOD = re.compile(r"(\d+)次/(?:1)?(年|半年|季度|季|月|周)")
# A clause that names a condition or an event (…的, …发生后, 自…之日起): the sentence around it is not a cell.
EVENT_OR_CONDITION = re.compile(r"(?:的|后|之日起|(?<![同及按准适定临暂实小])时)$")
# 年均1-2次 is 每年1-2次; 各检查对象 before it names whom each round visits, which the duty does not hold.
AVERAGE_PER_YEAR = re.compile(r"^.*?年均")


def cell_clauses(text: str) -> list[str]:
    """The clauses of a cell, spaces and the closing 。 dropped (抽查比例为5%;每年抽查1次 → two)."""
    return [part for part in CLAUSE_BREAK.split(re.sub(r"\s+", "", text).strip("。.")) if part]


def period_of(clauses: list[str]) -> str:
    """The period the clauses name (每年, 每半年 …); a yearly plan's default is 每年."""
    for clause in clauses:
        found = PER_PERIOD.search(clause)
        if found:
            return "每" + {"季": "季度"}.get(found.group(2), found.group(2))
        found = PERIOD_WORD.search(clause)
        if found:
            word = found.group(0)
            return "每年" if word == "全年" else word if word.startswith("每") else "每" + word
    return "每年"


def clause_phrase(clause: str, period: str) -> str:
    """One clause as the engine reads it, with the cell's period when it names none of its own.

    A number with no bound word (1次, 10%) is exact: the phrase engine reads it so, for import,
    ``phrase`` and ``check`` alike — the cell's words are kept as they are.
    """
    clause = PER_PERIOD.sub(lambda m: f"每{m.group(2)}{m.group(1)}次", AVERAGE_PER_YEAR.sub("每年", clause))
    return clause if PERIOD_WORD.search(clause) else period + clause


def clause_demand(clause: str, period: str) -> str | None:
    """The phrase a clause demands, with the cell's period; None when its words state no number (若干)."""
    clause = AVERAGE_PER_YEAR.sub("每年", clause)
    if clause.isdigit():  # 抽取数量 2: that many objects each round
        clause = f"每次{clause}个"
    if not COUNTED.search(clause) and PERIOD_WORD.sub("", clause) not in BARE_CADENCE:
        return None  # words the engine would read as 每年1次 without their meaning
    return clause_phrase(clause, period)


def _part_reading(clause: str, period: str, cell: str, windows: dict[str, Any] | None) -> dict[str, Any]:
    from cgtask.schedule.phrase_reading import phrase_reading

    demand = clause_demand(clause, period)
    if demand is None:
        why = f"“{clause}”没有次数、数量或比例，导入时不记为要求，记入待核对"
        return {**phrase_reading(clause, windows), "ok": False, "error": why, "cell": cell}
    return {**phrase_reading(demand, windows), "cell": cell}


def cell_readings(text: str, windows: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """How ``cgtask phrase`` reads a text: whole when the engine can, else per demand as the import holds it.

    Each reading of a part names the whole text in ``cell``; a text read whole, or refused whole because
    none of its parts reads either, has ``cell`` None.
    """
    from cgtask.schedule.phrase_reading import phrase_reading

    whole = phrase_reading(text, windows)
    clauses = cell_clauses(text)
    if whole["ok"] or len(clauses) < 2 or any(EVENT_OR_CONDITION.search(clause) for clause in clauses):
        # …超过30人的,应当于6小时内报告: a sentence of an event or a condition, not a cell of demands — one
        # part is no duty of its own and must never get the plan's period (每年…30人): refused whole.
        return [{**whole, "cell": None}]
    period = period_of(clauses)
    parts = [_part_reading(clause, period, text, windows) for clause in clauses if not NO_DUTY.search(clause)]
    # When no part reads either, the whole text's refusal says best what is wrong.
    return parts if any(part["ok"] for part in parts) else [{**whole, "cell": None}]
