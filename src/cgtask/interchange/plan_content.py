"""Columns whose heading decides nothing, read by what their cells hold: the wording, the date, who answers.

Bureaus head the wording 任务目标, 主要任务, 建设内容 … and no synonym list can hold them all. When no
heading names the wording, the column of the longest running text is the wording (not a column of dates,
numbers or short names); likewise an unknown column of dates or deadline words is the time column, one
of names of bodies is the responsible column and one of people's names is the leader. Each such reading
is said at the heading's cell, so the clerk confirms it or names the column with ``列名=字段``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cgtask.interchange.plan_columns import FIELDS, SUBJECT, WHO, compact, is_synonym
from cgtask.interchange.plan_infer import BODY_END

# A cell that is only a date or a deadline word: 2022年6月底前, 10月30日, 年底前, 2011.10 …
DATE_CELL = re.compile(
    r"^(?:(?:\d{4}\s*年)?\d{1,2}\s*月(?:\d{1,2}\s*日)?|\d{4}\s*年|\d{4}[.\-/]\d{1,2}(?:[.\-/]\d{1,2})?"
    r"|(?:本|今|当)?年(?:底|末|内))(?:底|末|中旬|上旬|下旬)?(?:前|以前|之前)?(?:完成)?$"
)
# A cell that is a number with at most a short unit (30, 25万平方米, 85%): an amount column, not wording.
NUMBER_CELL = re.compile(r"^[约近超]?\d+(?:\.\d+)?\s*[%％]?\S{0,5}$")
# A person's name, as tables of leaders and 责任人 print them: two or three characters, a title at most.
PERSON = re.compile(r"^[\u4e00-\u9fff]{2,3}(?:局长|副局长|主任|副主任|书记|处长|科长|队长|同志)?$")
NAMES = re.compile(r"[、，,；;/\s]+")
# The wording runs longer than any title or name: a column whose cells average less is not the wording.
WORDING_MIN = 8
SHORT_HEADING = 16
Note = tuple[int, str]


def _cells(rows: list[list[str]], index: int) -> list[str]:
    return [compact(row[index]) for row in rows if index < len(row) and row[index].strip()]


def _mostly(cells: list[str], test: Callable[[str], bool]) -> bool:
    return bool(cells) and sum(map(test, cells)) * 3 >= 2 * len(cells)


def _all_names(text: str, test: Callable[[str], bool]) -> bool:
    names = [name for name in NAMES.split(text) if name]
    return bool(names) and all(map(test, names))


def is_body(text: str) -> bool:
    """Whether a cell names only bodies (园林局、各区政府、城管执法支队)."""
    return _all_names(text, lambda name: bool(BODY_END.search(name)) and len(name) <= 20)


def is_person(text: str) -> bool:
    """Whether a cell names only people (张三、李四副局长)."""
    return _all_names(text, lambda name: bool(PERSON.match(name)) and not BODY_END.search(name))


def is_short_value(text: str) -> bool:
    """A date, an amount or a name: what a wording column does not hold."""
    return bool(DATE_CELL.search(text) or NUMBER_CELL.match(text) or is_body(text) or is_person(text))


def header_without_subject(row: list[str], fields: dict[str, int], below: list[list[str]]) -> bool:
    """A header row whose headings name no wording, but whose column of running text is the wording.

    The row must read like headings (short cells, at least one known) and must not name a 配合部门
    without a lead (that says the lead column is missing, which is refused as before).
    """
    headings = [compact(cell) for cell in row]
    filled = [heading for heading in headings if heading]
    if len(filled) < 2 or any(len(h) > SHORT_HEADING for h in filled) or not fields:
        return False
    if any(key in fields for key in SUBJECT) or ("support" in fields and not WHO & fields.keys()):
        return False
    return wording_column(headings, below, {}) is not None


def wording_column(headings: list[str], rows: list[list[str]], mapping: dict[str, str]) -> int | None:
    """The column of the longest running text among those no synonym decides (a 目标 column may be it)."""
    best: tuple[float, int] | None = None
    for index, heading in enumerate(headings):
        decided = is_synonym(heading, mapping) and FIELDS_OF.get(compact(heading)) != "target"
        cells = _cells(rows, index)
        if decided or not cells or _mostly(cells, is_short_value):
            continue
        mean = sum(map(len, cells)) / len(cells)
        if mean >= WORDING_MIN and (best is None or mean > best[0]):
            best = (mean, index)
    return best[1] if best else None


FIELDS_OF = {name: key for key, (_, names) in FIELDS.items() for name in names}


def infer_by_content(
    fields: dict[str, int], headings: list[str], rows: list[list[str]], mapping: dict[str, str]
) -> tuple[dict[str, int], list[Note]]:
    """The wording, the time, the responsible and the leader columns read by their cells, each with a note."""
    fields = dict(fields)
    notes: list[Note] = []
    if not any(key in fields for key in SUBJECT):
        index = wording_column(headings, rows, mapping)
        if index is not None:
            fields = {key: at for key, at in fields.items() if at != index} | {"text": index}
            notes.append((index, _note(headings, index, "工作内容")))
    for key, test, wanted in (
        ("deadline", DATE_CELL.search, "deadline" not in fields and "window" not in fields),
        ("lead", is_body, not WHO & fields.keys()),
        ("leader", is_person, "leader" not in fields),
    ):
        index = _free_column(fields, headings, rows, mapping, test) if wanted else None
        if index is not None:
            fields[key] = index
            notes.append((index, _note(headings, index, FIELDS[key][0])))
    return fields, notes


def _free_column(
    fields: dict[str, int],
    headings: list[str],
    rows: list[list[str]],
    mapping: dict[str, str],
    test: Callable[[str], object],
) -> int | None:
    taken = set(fields.values())
    for index, heading in enumerate(headings):
        if index in taken or is_synonym(heading, mapping):
            continue
        if _mostly(_cells(rows, index), lambda cell: bool(test(cell))):
            return index
    return None


def _note(headings: list[str], index: int, label: str) -> str:
    name = compact(headings[index]) if index < len(headings) else ""
    name = name or f"第{index + 1}列"
    return f"把“{name}”列当作{label}（列名未说明，据单元格内容判断），请核对，或用 {name}=字段 指定"


# The body that issues a 工作要点 names itself first in the title: 某市城市管理局2023年工作要点.
ISSUER = re.compile(
    r"^(.{2,30}?(?:局|委员会|委|办公室|中心|支队|大队))(?:\d{4}年|关于)?.*(?:工作要点|工作思路)"
)


def own_plan_note(title: str) -> str | None:
    """For a 工作要点 naming nobody: the assumption that its issuer answers for each task, said, not set.

    A bureau's own 工作要点 is done by the bureau itself; which 科室 leads each point is the keeper's to
    write, so the lead stays empty (the draft's W305) and the note names the assumption.
    """
    found = ISSUER.match(compact(title))
    if found is None:
        return None
    return (
        f"原表没有负责部门的列；这是“{found.group(1)}”自己的工作要点，推定由本局承担："
        "请在 lead 填上承办的科室（或本局），核对后删去本条"
    )
