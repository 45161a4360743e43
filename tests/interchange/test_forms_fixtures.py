"""Forms built by hand for the form tests.

A 中队's and a 科室's March 2022, with every requirement kind, and a helper that fills a written form
the way a user would (fill-in cells only).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from cgtask.interchange.forms import FormQuota, FormRow, FormSpec
from cgtask.interchange.forms.layout import COLUMN, FORM_SHEET

REGISTRY_ID = "baoshan-2022-7f3a"
SQUADS = (
    "友谊路街道中队", "吴淞街道中队", "张庙街道中队", "罗店镇中队", "大场镇中队", "杨行镇中队",
    "月浦镇中队", "罗泾镇中队", "顾村镇中队", "高境镇中队", "庙行镇中队", "淞南镇中队",
)  # fmt: skip
MARCH = (date(2022, 3, 1), date(2022, 3, 31))
Q1 = (date(2022, 1, 1), date(2022, 3, 31))
AS_OF = date(2022, 4, 6)


def week(number: int, due_day: int) -> dict[str, Any]:
    start = date.fromisocalendar(2022, number, 1)
    end = date.fromisocalendar(2022, number, 7)
    label = f"第{number}周（{start.month}月{start.day}日—{end.month}月{end.day}日）"
    return {"period": f"2022-W{number:02d}", "period_label": label, "period_start": start,
            "period_end": end, "due": date(2022, 3, due_day)}  # fmt: skip


def month() -> dict[str, Any]:
    return {"period": "2022-03", "period_label": "2022年3月", "period_start": MARCH[0],
            "period_end": MARCH[1], "due": date(2022, 3, 31)}  # fmt: skip


def quarter() -> dict[str, Any]:
    return {"period": "2022-Q1", "period_label": "2022年第一季度", "period_start": Q1[0],
            "period_end": Q1[1], "due": date(2022, 3, 31)}  # fmt: skip


def squad_rows(unit: str) -> list[FormRow]:
    """What a 街镇中队 owes in March 2022: each kind of requirement once or more."""
    at = {"doc": "supervision-2022", "level": "街镇中队", "unit": unit, "role": "负责"}
    return [
        FormRow(item="1", title="街面实效", **at, **week(10, 11), times=2, requirement="不少于2次", source="附件1"),
        FormRow(item="1", title="街面实效", **at, **week(11, 18), times=2, requirement="不少于2次", source="附件1"),
        FormRow(item="1", title="街面实效", **at, **week(12, 25), times=2, requirement="不少于2次", source="附件1"),
        FormRow(item="2", title="问题整改", **at, **month(), quota=FormQuota(16, "起", "period"),
                requirement="不少于16起", source="正文"),
        FormRow(item="3", title="内务管理", activity="内务管理", **at, **month(), times=1,
                requirement="不少于1次", source="附件1"),
        FormRow(item="3", title="队列训练", activity="队列训练", **at, **month(), times=1,
                duration="每次不少于30分钟", requirement="不少于1次", source="正文"),
        FormRow(item="5", title="案卷评查", **at, **quarter(), times=1, quota=FormQuota(30, "件", "occurrence"),
                requirement="不少于1次，每次不少于30件", source="附件1"),
        FormRow(item="6", title="案件自查", **at, **quarter(), times=1,
                quota=FormQuota(10, "%", "period", "当季案件数"), requirement="不少于当季案件数10%", source="附件1"),
    ]  # fmt: skip


def department_rows() -> list[FormRow]:
    """What 监督科 owes in March 2022 at the 区局 level, with coverage of the 中队."""
    at = {"doc": "supervision-2022", "level": "区局", "unit": None}
    return [
        FormRow(item="1", title="街面实效督察", **at, **month(), times=1, role="牵头", requirement="不少于1次",
                source="附件1"),
        FormRow(item="4", title="执法规范督察", **at, **quarter(), times=1, coverage=12, units=SQUADS, role="牵头",
                requirement="不少于1次，每季度覆盖全部12个中队", source="正文"),
        FormRow(item="6", title="案件抽查", **at, **quarter(), times=1,
                quota=FormQuota(10, "%", "period", "当季案件数"), role="牵头",
                requirement="不少于当季案件数10%", source="附件1"),
        FormRow(item="8", title="法制审核", **at, **quarter(), times=1, quota=FormQuota(30, "件", "occurrence"),
                role="牵头", requirement="每次不少于30件", source="附件1"),
        FormRow(item="9", title="视频督察", **at, **month(), times=2, duration="每次不少于20分钟", role="牵头",
                requirement="不少于2次", source="附件1"),
        FormRow(item="2", title="问题整改督办", **at, **month(), quota=FormQuota(16, "起", "period"), role="牵头",
                requirement="不少于16起", source="正文"),
        FormRow(item="7.4", doc="tasks-2022", title="综治维稳月报表", level="区局", unit=None, **month(),
                times=1, role="配合", requirement="=每月报送", source=""),
        FormRow(item="10", title="投诉核查", **at, **week(11, 18), times=1, role="牵头", requirement="不少于1次",
                source="附件1"),
    ]  # fmt: skip


def squad_spec(unit: str = "吴淞街道中队", *, registry_id: str = REGISTRY_ID, year: int = 2022) -> FormSpec:
    return FormSpec(
        registry_id, "宝山区城管执法局", year, 3, unit, "中队", date(2022, 4, 8), squad_rows(unit)
    )


def department_spec() -> FormSpec:
    return FormSpec(
        REGISTRY_ID, "宝山区城管执法局", 2022, 3, "监督科", "科室", date(2022, 4, 8), department_rows()
    )


def fill(path: Path, values: dict[int, dict[str, Any]], *, out: Path | None = None) -> Path:
    """Type ``values`` ({row offset: {column key: value}}) into the fill-in cells, as a user would.

    Refuses a locked cell: a user in Excel could not type there either.
    """
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook[FORM_SHEET]
    for offset, cells in values.items():
        for key, value in cells.items():
            cell = sheet[f"{COLUMN[key].letter}{4 + offset}"]
            assert not cell.protection.locked, f"{cell.coordinate} is locked"
            cell.value = value
    target = out or path
    workbook.save(target)
    return target


# A plausible month for the 中队 form: row offset → cells.
SQUAD_FILLED: dict[int, dict[str, Any]] = {
    0: {"date": date(2022, 3, 10), "count": 2, "note": "街面督察两次"},
    1: {"date": date(2022, 3, 17), "count": 3},
    # offset 2 (week 12) left blank: not reported
    3: {"date": date(2022, 3, 30), "quantity": 17},
    4: {"date": date(2022, 3, 8)},
    5: {"date": date(2022, 3, 10), "note": "队列训练35分钟"},
    6: {"date": date(2022, 3, 28), "count": 1, "quantity": 32},
    7: {"date": date(2022, 3, 30), "quantity": 37, "base": 336},
}
