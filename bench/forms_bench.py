"""Benchmark: the monthly 台账 forms for 250 中队, written, filled and read back.

Wall time is printed beside CPU time: on a shared machine the first varies, the second much less.
Each form has eight rows of every requirement kind (count, quantity in 起, per-occurrence 件, share
with a base, coverage of all 250 中队, duration). Writing and reading are timed per form; filling
(openpyxl standing in for the people in the 中队) is not.

    python bench/forms_bench.py [--units 250]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from cgtask.interchange.forms import FormQuota, FormRow, FormSpec, read_forms, write_form
from cgtask.interchange.forms.layout import COLUMN, FIRST_ROW, FORM_SHEET

REGISTRY_ID = "bench-forms"
MARCH = (date(2022, 3, 1), date(2022, 3, 31))


def squad_names(count: int) -> list[str]:
    return [f"第{number:03d}街镇中队" for number in range(1, count + 1)]


def rows_for(unit: str, squads: tuple[str, ...]) -> list[FormRow]:
    """Eight duties of one 中队 in March 2022, one or more of each requirement kind."""
    at = {"doc": "supervision-2022", "level": "街镇中队", "unit": unit, "period_label": "2022年3月",
          "period": "2022-03", "period_start": MARCH[0], "period_end": MARCH[1], "due": date(2022, 3, 31)}  # fmt: skip
    return [
        FormRow(item="1", title="街面实效", **at, times=2, requirement="不少于2次"),
        FormRow(
            item="2", title="问题整改", **at, quota=FormQuota(16, "起", "period"), requirement="不少于16起"
        ),
        FormRow(item="3", title="内务管理", activity="内务管理", **at, times=1, requirement="不少于1次"),
        FormRow(item="3", title="队列训练", activity="队列训练", **at, times=1, duration="每次不少于30分钟"),
        FormRow(item="5", title="案卷评查", **at, times=1, quota=FormQuota(30, "件", "occurrence")),
        FormRow(item="6", title="案件自查", **at, quota=FormQuota(10, "%", "period", "当季案件数")),
        FormRow(item="4", title="互查", **at, times=1, coverage=len(squads), units=squads),
        FormRow(item="9", title="视频督察", **at, times=4, requirement="不少于4次"),
    ]


def fill(path: Path, covered: str) -> None:
    """What a 中队 types: a date and numbers in every row, two 中队 in the coverage row."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook[FORM_SHEET]
    for offset in range(8):
        row = FIRST_ROW + offset
        sheet[f"{COLUMN['date'].letter}{row}"] = date(2022, 3, 10) + timedelta(days=offset)
        sheet[f"{COLUMN['count'].letter}{row}"] = 2
    for offset, quantity in ((1, 17), (4, 31), (5, 40)):
        sheet[f"{COLUMN['quantity'].letter}{FIRST_ROW + offset}"] = quantity
    sheet[f"{COLUMN['base'].letter}{FIRST_ROW + 5}"] = 380
    sheet[f"{COLUMN['covers'].letter}{FIRST_ROW + 6}"] = covered
    workbook.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=250)
    units = parser.parse_args().units
    squads = tuple(squad_names(units))
    with tempfile.TemporaryDirectory(prefix="cgtask-forms-bench-") as work:
        folder = Path(work)
        start, cpu = time.perf_counter(), time.process_time()
        for squad in squads:
            spec = FormSpec(
                REGISTRY_ID, "基准登记册", 2022, 3, squad, "中队", date(2022, 4, 8), rows_for(squad, squads)
            )
            write_form(spec, folder / f"{squad}.xlsx")
        written, written_cpu = time.perf_counter() - start, time.process_time() - cpu
        for squad in squads:
            fill(folder / f"{squad}.xlsx", f"{squads[0]}、{squads[-1]}")
        start, cpu = time.perf_counter(), time.process_time()
        result = read_forms([folder], registry_id=REGISTRY_ID, known_units=squads, as_of=date(2022, 4, 6))
        read, read_cpu = time.perf_counter() - start, time.process_time() - cpu
    assert result.ok, [p.format() for p in result.problems[:5]]
    assert len(result.records) == 8 * units, [p.format() for p in result.problems[:5]]
    print(f"台账表 {units} 个中队（每表 8 行，覆盖中队下拉 {units} 个名字）：")
    print(
        f"  写出：共 {written:.2f} s，每表 {per_form(written, units)}（CPU {per_form(written_cpu, units)}）"
    )
    print(f"  读回：共 {read:.2f} s，每表 {per_form(read, units)}（CPU {per_form(read_cpu, units)}）")
    print(f"  读回 {len(result.records)} 条记录，无问题")


def per_form(seconds: float, units: int) -> str:
    return f"{seconds / units * 1000:.1f} ms"


if __name__ == "__main__":
    main()
