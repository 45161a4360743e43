"""The few looks a form's cells have, each made once per workbook as a named style.

Setting font, fill, border and alignment cell by cell makes openpyxl hash every style object for
every cell — four fifths of the time it took to write a form. A named style is built once and
assigned by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

FONT_NAME = "宋体"
FILL_YELLOW = "FFF2CC"
FILL_GREY = "EDEDED"
FILL_HEADER = "DDEBF7"


@dataclass(frozen=True)
class CellLook:
    """How one kind of cell looks and whether it stays locked under sheet protection."""

    size: float = 10
    bold: bool = False
    fill: str | None = None
    horizontal: Literal["left", "center"] = "left"
    wrap: bool = True
    border: bool = True
    locked: bool = True
    number_format: str = "General"


class StyleBook:
    """The named styles of one workbook, added the first time a look is used."""

    def __init__(self, workbook: Any) -> None:
        self._workbook = workbook
        self._names: dict[CellLook, str] = {}

    def apply(self, cell: Any, look: CellLook) -> None:
        """Give ``cell`` the named style of ``look``, adding it to the workbook the first time."""
        name = self._names.get(look)
        if name is None:
            name = f"cgtask台账{len(self._names) + 1}"
            self._workbook.add_named_style(_named_style(name, look))
            self._names[look] = name
        cell.style = name


def _named_style(name: str, look: CellLook) -> Any:
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

    style = NamedStyle(name=name)
    style.font = Font(name=FONT_NAME, size=look.size, bold=look.bold)
    if look.fill:
        style.fill = PatternFill("solid", fgColor=look.fill)
    style.alignment = Alignment(horizontal=look.horizontal, vertical="center", wrap_text=look.wrap)
    if look.border:
        thin = Side(style="thin", color="808080")
        style.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    style.protection = Protection(locked=look.locked)
    style.number_format = look.number_format
    return style
