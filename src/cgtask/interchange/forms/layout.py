"""Where things sit in a form: the columns, the rows, the hidden identity sheet, and the fingerprint.

The writer and the reader both use this module, so a form written by one version can be read by
the same layout; ``LAYOUT_VERSION`` is stored in the form and checked on import.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

LAYOUT_VERSION = 1
FORM_SHEET = "台账"
META_SHEET = "cgtask"
TITLE_ROW = 1
NOTE_ROW = 2
HEADER_ROW = 3
FIRST_ROW = 4


@dataclass(frozen=True)
class FormColumn:
    """One column: its letter, Chinese header, width (half-width characters) and whether users fill it."""

    key: str
    letter: str
    header: str
    width: float
    fill: bool = False


COLUMNS: tuple[FormColumn, ...] = (
    FormColumn("number", "A", "序号", 5),
    FormColumn("item", "B", "事项", 6),
    FormColumn("title", "C", "名称", 20),
    FormColumn("role", "D", "职责", 6),
    FormColumn("period", "E", "周期", 22),
    FormColumn("due", "F", "截止日期", 14),
    FormColumn("requirement", "G", "要求", 32),
    FormColumn("source", "H", "来源", 7),
    FormColumn("date", "I", "完成日期", 12, fill=True),
    FormColumn("count", "J", "次数", 7, fill=True),
    FormColumn("quantity", "K", "数量", 8, fill=True),
    FormColumn("base", "L", "基数", 8, fill=True),
    FormColumn("covers", "M", "覆盖中队", 22, fill=True),
    FormColumn("note", "N", "备注", 22, fill=True),
)
COLUMN = {column.key: column for column in COLUMNS}
FIXED_COLUMNS = tuple(column for column in COLUMNS if not column.fill)
LAST_LETTER = COLUMNS[-1].letter

# The hidden sheet: key/value lines on top, then one line per form row below ROWS_HEADER.
META_KEYS = ("layout", "registry_id", "registry_name", "year", "month", "unit", "unit_kind")
# ``needs`` lists the optional fill-in cells a row opens (quantity, base, covers), comma-separated.
ROW_FIELDS = (
    "row", "doc", "item", "activity", "level", "unit", "period", "start", "end", "needs", "fingerprint",
)  # fmt: skip
ROWS_HEADER_ROW = len(META_KEYS) + 2
# Where the coverage dropdown takes its names from (a column of the hidden sheet).
UNIT_LIST_LETTER = "L"


def cell_text(value: Any) -> str:
    """A cell as comparable text, whatever an office suite turned it into (17.0 → 17, datetime → date)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def fingerprint(fixed_cells: list[Any]) -> str:
    """A short digest of a row's fixed cells: it changes when anyone edits them outside the fill-in cells."""
    joined = "\x1f".join(cell_text(value) for value in fixed_cells)
    # The prefix keeps an all-digit digest from being taken for a number by an office suite.
    return "fp-" + hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]
