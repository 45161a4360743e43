"""A two-year registry built from the shipped one: 2022 recorded in the ledger, 2023 rolled over.

The 2022 records are what a 中队 and the bureau keep over a year, so the year-end board, the summary
and the closing can be checked by hand:

- 吴淞街道中队, item 1 街面实效督察 (每周不少于2次): 2 a week for the 43 weeks owed (W10–W52, the plan
  issued 2022-03-07), but 1 in W40 (the National Day week), with a note saying why;
- 吴淞街道中队, item 1 整改问题 (每月不少于16起): 17 起 a month from March, 12 in November (with a note);
- 区局, item 1 街面实效督察 (每月, 每月抽查全覆盖): once a month from March, covering all 12 中队;
- 区局, item 6 案件抽查 (不少于当季案件数10%): Q2 40 of 380, Q3 30 of 400 (7.5%, with a note), Q4 45 of 420.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from cgtask.registry.files import LEDGER_FILE, shipped_registry
from cgtask.registry.ledger_file import append_ledger_entries

UNITS = (
    "友谊路街道中队", "吴淞街道中队", "张庙街道中队", "罗店镇中队", "大场镇中队", "杨行镇中队",
    "月浦镇中队", "罗泾镇中队", "顾村镇中队", "高境镇中队", "庙行镇中队", "淞南镇中队",
)  # fmt: skip
SHORT_WEEK = 40
WEEK_NOTE = "国庆假期，本周街面实效督察1次"
NOVEMBER_NOTE = "辖区道路施工，部分点位整改暂缓，11月整改问题12起"
Q3_NOTE = "三季度案件集中，抽查30件"


def _entry(n: int, **fields: Any) -> dict[str, Any]:
    return {"id": f"r-y22{n:05d}", "doc": "supervision-2022", **fields}


def records_2022() -> list[dict[str, Any]]:
    """The year's records described in the module docstring, in date order within each duty."""
    entries: list[dict[str, Any]] = []
    unit = {"level": "街镇中队", "unit": "吴淞街道中队"}
    for week in range(10, 53):
        friday = min(date.fromisocalendar(2022, week, 5), date(2022, 12, 30))
        short = week == SHORT_WEEK
        extra = {"note": WEEK_NOTE} if short else {}
        entries.append(
            _entry(len(entries), item="1", **unit, activity="街面实效督察", period=f"2022-W{week:02d}",
                   date=friday, count=1 if short else 2, **extra)
        )  # fmt: skip
    for month in range(3, 13):
        day = date(2022, month, 25)
        november = month == 11
        extra = {"note": NOVEMBER_NOTE} if november else {}
        entries.append(
            _entry(len(entries), item="1", **unit, activity="整改问题", period=f"2022-{month:02d}", date=day,
                   count=1, quantity=12 if november else 17, **extra)
        )  # fmt: skip
        entries.append(
            _entry(len(entries), item="1", level="区局", activity="街面实效督察", period=f"2022-{month:02d}",
                   date=day - timedelta(days=3), count=1, covers=list(UNITS))
        )  # fmt: skip
    for quarter, (checked, base) in zip((2, 3, 4), ((40, 380), (30, 400), (45, 420)), strict=True):
        extra = {"note": Q3_NOTE} if quarter == 3 else {}
        entries.append(
            _entry(len(entries), item="6", level="区局", activity="案件抽查", period=f"2022-Q{quarter}",
                   date=date(2022, quarter * 3, 28), count=1, quantity=checked, of=base, **extra)
        )  # fmt: skip
    return entries


def build_two_year_registry(root: Path) -> Path:
    """The shipped registry copied under ``root``, its 2022 ledger filled in, and 2023 rolled over."""
    from cgtask import api

    registry = root / "registry"
    shutil.copytree(shipped_registry(), registry)
    append_ledger_entries(registry / LEDGER_FILE, records_2022())
    api.rollover(registry, 2023)
    return registry


def edit_2023_drafts(registry: Path) -> None:
    """What a drafter changes in 2023: a quota raised, a 配合部门 dropped, a task added."""
    plan = registry / "documents" / "supervision-2023.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("frequency: 每月不少于16起\n        text: 每月整改问题不少于16起",
                        "frequency: 每月不少于20起\n        text: 每月整改问题不少于20起", 1)  # fmt: skip
    plan.write_text(text, encoding="utf-8")
    tasks = registry / "documents" / "tasks-2023.yaml"
    text = tasks.read_text(encoding="utf-8")
    text = text.replace("support: [法制科, 协调科, 机动执法中队, 街道综合行政执法队]",
                        "support: [法制科, 机动执法中队, 街道综合行政执法队]", 1)  # fmt: skip
    text += NEW_TASK
    tasks.write_text(text, encoding="utf-8")


NEW_TASK = """\
      - id: '12.2'
        title: 推进非现场执法
        detail: 推进非现场执法。依托智慧城管平台，每季度开展非现场执法案件评查。
        lead: [法制科]
        support: [监督科, 街道综合行政执法队]
        schedule:
          - level: 区局
            activity: 非现场执法案件评查
            frequency: 每季度
            source: 工作细则
"""
