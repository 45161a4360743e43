"""What a row of another bureau's plan adds to its task: roles, object, base, cells, duties and review notes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from cgtask.interchange.plan_duties import (
    Cell,
    RowDuties,
    cell_duties,
    deadline_duty,
    duty_label,
    settle_column_date,
    window_phrase,
    wording_duties,
)
from cgtask.interchange.plan_numbers import BARE_QUANTITY, approximate
from cgtask.interchange.plan_yaml import ImportedTask

NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class PlanContext:
    """What every row of one table shares: its headings, how to name a cell's place, the plan's year."""

    headings: list[str]
    where: Callable[[int, int], str]
    year: int
    keep_cells: bool
    # Whether unknown bodies may be registered as drafts (the registry's organization.yaml is writable).
    drafts: bool = False
    # The levels the registry declares (市局, 各县市区 …): a group's quantity in the wording is owed at one.
    levels: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PlanRow:
    """One data row: its line in the file, its cells, and which column holds which field."""

    line: int
    cells: list[str]
    fields: dict[str, int]


def _cell(row: PlanRow, key: str, context: PlanContext) -> Cell | None:
    index = row.fields.get(key)
    if index is None or index >= len(row.cells) or not row.cells[index].strip():
        return None
    heading = context.headings[index] if index < len(context.headings) else ""
    return Cell(row.cells[index], heading, context.where(row.line, index + 1))


def _text(row: PlanRow, key: str) -> str | None:
    index = row.fields.get(key)
    text = row.cells[index].strip() if index is not None and index < len(row.cells) else ""
    return text or None


def _base(row: PlanRow, context: PlanContext, found: RowDuties) -> tuple[str, float | None] | None:
    """The share's base: a 预估抽查对象数 column, its number when the cell holds one (else unpublished).

    An approximate size (约27家, 30余家) is read as its number with a note; any other cell stating a
    number that is not read says so, never dropped without a word.
    """
    cell = _cell(row, "base", context)
    if cell is None:
        return None
    value = re.sub(r"\s+", "", cell.text)
    if NUMBER.match(value):
        return cell.heading or "基数", float(value)
    size = approximate(value)
    if size is not None:
        found.review.append(f"{cell.where}“{cell.heading}”的“{cell.text}”是约数，基数按{size:g}读入，请核对")
    elif re.search(r"\d", value):
        found.review.append(f"{cell.where}“{cell.heading}”的“{cell.text}”读不懂，基数未计入")
    return cell.heading or "基数", size


def fill_plan_fields(task: ImportedTask, row: PlanRow, context: PlanContext) -> None:
    """Set what the row adds to the task, and read its cells and wording into duties."""
    task.leader = _text(row, "leader")
    task.object = _text(row, "object")
    task.inspector = _text(row, "inspector")
    found = RowDuties()
    task.base = _base(row, context, found)
    if context.keep_cells:
        task.cells = list(row.cells[: len(context.headings)])
    window = window_phrase(_cell(row, "window", context), found)
    counted = [_cell(row, key, context) for key in ("frequency", "share", "quantity")]
    cell_duties([cell for cell in counted if cell is not None], window, found)
    column = deadline_duty(_cell(row, "deadline", context), context.year, found)
    wording = _cell(row, "text", context) or _cell(row, "title", context)
    wording_duties(
        wording, context.year, found, plan=context.keep_cells, levels=context.levels, column=column
    )
    target = _cell(row, "target", context)  # 目标任务
    wording_duties(target, context.year, found, levels=context.levels, column=column)
    settle_column_date(column, found)
    unread_columns(row, context, found, task.base[1] if task.base else None)
    named = _with_activities(found.duties, task.title)
    task.schedule += [(*duty, found.levels.get(n)) for n, duty in enumerate(named)]
    task.review += found.review


# What a duty looks like in any text: a date to meet, a cadence, a bound on a number (a word list names
# nothing here: it only decides whether a cell of a column nobody recognised is worth a note).
SCHEDULE_IN_TEXT = re.compile(
    r"(?:\d{4}年\d{1,2}月(?:底|末)?前?|\d{1,2}月(?:底|末)前|年底前|每(?:天|日|周|月|季度?|半年|年)[^，。；,;]{0,10}"
    r"|(?:至少|不少于|不低于|不超过)\S{0,4}?\d+)"
)


def unread_columns(row: PlanRow, context: PlanContext, found: RowDuties, base: float | None) -> None:
    """A note for each cell of a column no heading rule knows that states a date, a cadence, a bound or an amount.

    Such a column (目标任务, 完成标准 …) is kept verbatim but not read; saying so at its cell, with the
    ``--map`` that reads it, is what keeps its deadlines from being dropped without a word. An amount
    equal to the row's base (低风险对象7家 beside a base of 7) is the base, already held.
    """
    known = set(row.fields.values())
    for index, text in enumerate(row.cells[: len(context.headings)]):
        if index in known or not text.strip():
            continue
        marks = [m.group(0) for m in SCHEDULE_IN_TEXT.finditer(text)]
        marks += [m.group(0) for m in BARE_QUANTITY.finditer(text) if float(m.group(1)) != base]
        words = "、".join(dict.fromkeys(marks))
        if words:
            heading = context.headings[index] or f"第{index + 1}列"
            found.review.append(
                f"{context.where(row.line, index + 1)}（{heading}，未识别的列）中的“{words}”未读成履职要求；"
                f"请核对，或导入时写 {heading}=字段 指定这一列"
            )


def _with_activities(
    duties: list[tuple[str, str, str]], title: str
) -> list[tuple[str, str, str, str | None]]:
    """Each duty named by its kind when a row has several, so that due and the board keep them apart.

    Duties of one task, level and activity are read as one duty stated twice (正文 and 附件1), the
    stricter counted; a row's share and its count are two duties, so each gets its own activity.
    """
    if len(duties) < 2:
        return [(*duty, None) for duty in duties]
    labels = [duty_label(phrase) for phrase, _, _ in duties]
    named: list[tuple[str, str, str, str | None]] = []
    for n, (duty, label) in enumerate(zip(duties, labels, strict=True)):
        suffix = label if labels.count(label) == 1 else f"{label}{labels[: n + 1].count(label)}"
        named.append((*duty, f"{title}（{suffix}）"))
    return named
