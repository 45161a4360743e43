"""Columns read by the words of their heading alone (发起部门, 检查比例, 任务日期 …), checked against their cells.

A heading no synonym knows is given a field by its words (``plan_columns.HINTS``); that reading is kept
only when most of the column's cells look like that field (a share holds %, a date column holds months
or dates, a column of bodies holds names of bodies). What was decided is said once for the table, so
the clerk can override it with ``列名=字段``; a column whose cells do not fit stays unread, and its cells
that hold a date, a cadence or a bound get a review note at the cell (``plan_tasks.unread_columns``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cgtask.interchange.plan_columns import FIELDS, compact, is_synonym

BODY_END = re.compile(r"(?:部门|局|科|室|队|处|委|办|所|站|中心|政府|管委会|单位|街道|镇|乡)\)?$")
LOOKS: dict[str, Callable[[str], bool]] = {
    "share": lambda text: bool(re.search(r"\d\s*[%％]", text)),
    "frequency": lambda text: bool(re.search(r"\d\s*次|每|年均|[%％]", text)),
    "base": lambda text: bool(re.search(r"\d", text)) and len(text) <= 12,
    "deadline": lambda text: bool(re.search(r"前|底|\d{4}|月|日", text)),
    "window": lambda text: bool(re.search(r"月|全年|\d{4}\s*[.\-/年]", text)),
    "lead": lambda text: all(BODY_END.search(name) for name in re.split(r"[、，,；;/\s]+", text) if name),
    "support": lambda text: all(BODY_END.search(name) for name in re.split(r"[、，,；;/\s]+", text) if name),
}


# A column whose heading says nothing is read by its cells alone when they are short and nearly all of
# one kind; the order matters (a share cell may also name a count: 比例不低于5%,抽查1次 is a frequency).
BY_CELLS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("frequency", re.compile(r"\d\s*次|每(?:年|半年|季度?|月|周|天|日)|年均")),
    ("share", re.compile(r"^[^次]*\d\s*[%％][^次]*$")),
    (
        "window",
        re.compile(r"^(?:\d{4}年)?\d{1,2}月?\s*[-—~～至到]\s*\d{1,2}月$|^(?:\d{4}年)?全年$|^[上下]半年$"),
    ),
    ("deadline", re.compile(r"(?:底|末|\d日)前$")),
)
SHORT_CELL = 30


def infer_unknown(
    fields: dict[str, int], headings: list[str], rows: list[list[str]]
) -> tuple[dict[str, int], list[tuple[int, str]]]:
    """Columns no heading rule knows, read by their cells when nearly all are short and of one kind."""
    taken = set(fields.values())
    inferred = dict(fields)
    notes: list[tuple[int, str]] = []
    for index, heading in enumerate(headings):
        cells = [row[index].strip() for row in rows if index < len(row) and row[index].strip()]
        if index in taken or not cells or any(len(cell) > SHORT_CELL for cell in cells):
            continue
        key = next(
            (
                key
                for key, shape in BY_CELLS
                if sum(bool(shape.search(c)) for c in cells) * 3 >= 2 * len(cells)
            ),
            None,
        )
        if key is None or key in inferred:
            continue
        inferred[key] = index
        name = compact(heading) or f"第{index + 1}列"
        notes.append(
            (
                index,
                f"列“{name}”按“{FIELDS[key][0]}”读入（列名未识别，据单元格内容判断）；如不对，重新导入时写 {name}=字段 指定",
            )
        )
    return inferred, notes


def confirm_hinted(
    fields: dict[str, int], headings: list[str], rows: list[list[str]], mapping: dict[str, str]
) -> tuple[dict[str, int], list[tuple[int, str]]]:
    """The fields with each heading read by its words kept only when its cells fit; a note for each kept."""
    kept: dict[str, int] = {}
    notes: list[tuple[int, str]] = []
    for key, index in fields.items():
        heading = headings[index] if index < len(headings) else ""
        if is_synonym(heading, mapping):
            kept[key] = index
            continue
        cells = [row[index].strip() for row in rows if index < len(row) and row[index].strip()]
        looks = LOOKS.get(key)
        if cells and looks is not None and sum(map(looks, cells)) * 2 <= len(cells):
            continue  # the words said one thing, the cells another: left unread, noted at its cells
        kept[key] = index
        label = FIELDS[key][0]
        notes.append(
            (
                index,
                f"列“{heading}”按“{label}”读入（据列名“{compact(heading)}”和单元格内容判断）；"
                f"如不对，重新导入时写 {compact(heading)}=字段 指定",
            )
        )
    return kept, notes
