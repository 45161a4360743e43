"""A hand-built SiteData: 3 科室, 4 中队, 10 duties, as of 2022-03-15.

Small enough to reason about in a test, with the awkward cases a real registry brings: registry
text that looks like HTML, a slug that tries to leave the folder, two 中队 whose names fold to one
file, a task id shared by two documents, a 调休 workday and a holiday.
"""

from __future__ import annotations

from datetime import date, timedelta

from cgtask.publish.site import (
    BoardRow,
    CalendarDay,
    DueRow,
    SiteData,
    TaskRow,
    UnitCompletion,
    UnitInfo,
)
from cgtask.queries.requirements import Quantity

AS_OF = date(2022, 3, 15)
DEPARTMENTS = ["监督科", "法制科", "办公室"]
SQUADS = ["吴淞街道中队", "大场镇中队", "Team-A中队", "team-a中队"]
EVIL = "<script>alert('x')</script>"

UNITS = [
    UnitInfo("监督科", "department", "监督科"),
    UnitInfo("法制科", "department", "../../法制科"),
    UnitInfo("办公室", "department", "办公室"),
    UnitInfo("吴淞街道中队", "squad", "吴淞街道中队"),
    UnitInfo("大场镇中队", "squad", "大场镇中队"),
    UnitInfo("Team-A中队", "squad", "Team-A中队"),
    UnitInfo("team-a中队", "squad", "team-a中队"),
]


def _board_row(
    unit: str, item: str, title: str, owed: int, done: int, status: str, **extra: object
) -> BoardRow:
    level = "街镇中队" if unit.endswith("中队") else "区局"
    return BoardRow(
        doc="supervision-2022", item=item, title=title, level=level, unit=unit,
        responsible=[unit], owed=owed, done=done, missing=max(owed - done, 0),
        short=extra.get("short"), uncovered=list(extra.get("uncovered", [])), status=status,  # type: ignore[arg-type]
    )  # fmt: skip


BOARD = [
    # 吴淞 is the worst: two red, one yellow.
    _board_row("吴淞街道中队", "1", "街面实效督察", 4, 0, "red"),
    _board_row("吴淞街道中队", "2", "行为规范督察", 10, 0, "red"),
    _board_row("吴淞街道中队", "3", "内务管理督察", 4, 2, "yellow"),
    _board_row("大场镇中队", "1", "街面实效督察", 4, 4, "green"),
    _board_row("大场镇中队", "2", "行为规范督察", 10, 7, "yellow"),
    _board_row("大场镇中队", "3", "内务管理督察", 4, 3, "blue"),
    _board_row("Team-A中队", "1", "街面实效督察", 4, 4, "green"),
    _board_row("team-a中队", "1", "街面实效督察", 4, 4, "green"),
    _board_row("监督科", "1", "街面实效督察", 2, 1, "yellow", short="差3起"),
    _board_row("监督科", "4", "案件质量评查", 1, 0, "red", uncovered=["吴淞街道中队", "大场镇中队"]),
    _board_row("监督科", "10", "执法记录仪抽查" + EVIL, 1, 1, "green"),
    _board_row("法制科", "5", "法制审核", 2, 2, "green"),
    _board_row("办公室", "6", "信息报送", 1, 0, "blue"),
]


def _due(
    item: str, title: str, unit: str | None, responsible: list[str], due: date, **extra: object
) -> DueRow:
    return DueRow(
        item=item, title=title, doc="supervision-2022", level="街镇中队" if unit else "区局", unit=unit,
        responsible=responsible, period=f"{due:%Y-%m}", period_start=due.replace(day=1), period_end=due,
        due=due, times=2, frequency="每周不少于2次", source=["附件1"], **extra,  # type: ignore[arg-type]
    )  # fmt: skip


DUE = [
    _due("1", "街面实效督察", "吴淞街道中队", ["各中队"], date(2022, 3, 18)),
    _due("1", "街面实效督察", "吴淞街道中队", ["各中队"], date(2022, 4, 15)),
    _due("1", "街面实效督察", "大场镇中队", ["各中队"], date(2022, 3, 25)),
    _due(
        "4",
        "案件质量评查",
        None,
        ["监督科", "法制科"],
        date(2022, 3, 31),
        quota=Quantity(30, "件", "occurrence"),
    ),
    _due("6", "信息报送", None, ["办公室"], date(2022, 4, 29), coverage=12, disagreement="正文“每月”"),
    _due("7", "专项督察", None, ["监督科"], date(2022, 6, 30)),  # after next month: not on the page
    _due("8", "培训", None, ["法制科"], date(2022, 3, 31), role="support", via="各科室"),
]

TASKS = [
    TaskRow(
        "1.1",
        "tasks-2022",
        "专项执法行动",
        "违法建筑治理",
        "违法建筑治理。拆除存量违建。\n第二段。",
        ["监督科"],
        ["法制科", "各中队"],
        ["拆违≥5万平方米"],
        "已拆除 2.1 万平方米",
    ),
    TaskRow(
        "1.2",
        "tasks-2022",
        "专项执法行动",
        "街区环境治理",
        "街区环境治理。" + EVIL,
        ["法制科"],
        ["各科室"],
        [],
        None,
    ),
    TaskRow(
        "2.1", "tasks-2022", "队伍建设", "执法培训", "执法培训。每年至少5份。", ["办公室"], [], ["至少5份"]
    ),
    TaskRow(
        "1.1", "plan-2022-city", "城市管理", "市局计划同号任务", "与 tasks-2022 的 1.1 同号。", [], [], []
    ),
    TaskRow("../x", "tasks-2022", "队伍建设", "不安全的编号", "编号里有斜杠。", ["办公室"], ["监督科"], []),
]


def _days() -> list[CalendarDay]:
    days = []
    day = date(2022, 1, 1)
    due_counts: dict[date, int] = {}
    for row in DUE:
        if row.due:
            due_counts[row.due] = due_counts.get(row.due, 0) + 1
    while day.year == 2022:
        holiday = "劳动节" if date(2022, 5, 1) <= day <= date(2022, 5, 4) else None
        adjusted = day in (date(2022, 4, 24), date(2022, 5, 7))
        workday = adjusted or (day.weekday() < 5 and holiday is None)
        days.append(CalendarDay(day, workday, adjusted, holiday, False, due_counts.get(day, 0)))
        day += timedelta(days=1)
    return days


COMPLETION = [
    UnitCompletion("吴淞街道中队", 18, 2),
    UnitCompletion("大场镇中队", 18, 14),
    UnitCompletion("监督科", 4, 2),
    UnitCompletion("吴淞街道中队", 8, 1, month=1),
    UnitCompletion("吴淞街道中队", 6, 1, month=2),
    UnitCompletion("吴淞街道中队", 4, 0, month=3),
]


def sample_site(**changes: object) -> SiteData:
    """The sample; ``changes`` replace fields (e.g. ``provisional_years={2022}``)."""
    fields: dict[str, object] = {
        "as_of": AS_OF, "revision": "abc1234", "bureau": "上海市宝山区城市管理行政执法局", "year": 2022,
        "provisional_years": set(), "units": UNITS, "board": BOARD, "due": DUE, "tasks": TASKS,
        "days": _days(), "completion": COMPLETION, "groups": {"各科室": DEPARTMENTS, "各中队": SQUADS},
    }  # fmt: skip
    fields.update(changes)
    return SiteData(**fields)  # type: ignore[arg-type]
