"""Tables for GB/T 9704 documents: fixed widths, repeated header, merged category cells."""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from cgtask.render._wordml import add_styled_run, format_paragraph
from cgtask.render.layout import Table

TWIPS_PER_MM = 56.6929
TABLE_FONT, HEADER_FONT = "仿宋_GB2312", "黑体"
BORDER_SIZE = 4  # ½ pt
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def write_table(document: Any, table: Table) -> Any:
    """Append ``table`` to the document body and return the python-docx table."""
    widths = [round(column.width_mm * TWIPS_PER_MM) for column in table.columns]
    result = document.add_table(rows=len(table.rows) + 1, cols=len(table.columns))
    _set_table_properties(result, widths)
    size = round(table.font_size_pt * 2)
    header = result.rows[0]
    _repeat_as_header(header)
    for cell, column, width in zip(header.cells, table.columns, widths, strict=True):
        _fill_cell(cell, column.title, width, HEADER_FONT, size, WD_ALIGN_PARAGRAPH.CENTER)
    merged = _merge_flags(table)
    for r, row in enumerate(table.rows):
        cells = result.rows[r + 1].cells
        for c, (text, column, width) in enumerate(zip(row, table.columns, widths, strict=True)):
            flag = merged[r] if c == table.merge_column or c in table.merge_along else None
            _fill_cell(
                cells[c], "" if flag == "continue" else text, width, TABLE_FONT, size, _ALIGN[column.align]
            )
            if flag is not None:
                _set_vertical_merge(cells[c], flag)
    return result


def _merge_flags(table: Table) -> list[str | None]:
    """Per row: ``restart`` for the first of a run of equal non-empty cells, ``continue`` after it."""
    if table.merge_column is None:
        return [None] * len(table.rows)
    values = [row[table.merge_column] for row in table.rows]
    flags: list[str | None] = []
    for i, value in enumerate(values):
        same_as_previous = i > 0 and value != "" and value == values[i - 1]
        same_as_next = i + 1 < len(values) and value != "" and value == values[i + 1]
        flags.append("continue" if same_as_previous else "restart" if same_as_next else None)
    return flags


def _set_table_properties(table: Any, widths: list[int]) -> None:
    """Fixed layout with explicit widths (Word and LibreOffice otherwise autofit), full borders."""
    tbl_pr = table._tbl.tblPr
    table.alignment = None
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:w"), str(sum(widths)))
    width.set(qn("w:type"), "dxa")
    justification = OxmlElement("w:jc")
    justification.set(qn("w:val"), "center")
    tbl_pr.append(justification)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), str(BORDER_SIZE))
        border.set(qn("w:space"), "0")
        border.set(qn("w:color"), "000000")
        borders.append(border)
    tbl_pr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    _order_table_properties(tbl_pr)
    for grid_col, twips in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        grid_col.set(qn("w:w"), str(twips))


# Schema order of w:tblPr children that this module writes (Word rejects any other order).
_TBL_PR_ORDER = ["w:tblStyle", "w:tblW", "w:jc", "w:tblBorders", "w:tblLayout", "w:tblLook"]


def _order_table_properties(tbl_pr: Any) -> None:
    rank = {qn(tag): i for i, tag in enumerate(_TBL_PR_ORDER)}
    children = sorted(tbl_pr, key=lambda child: rank.get(child.tag, len(rank)))
    for child in children:
        tbl_pr.append(child)


def _repeat_as_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _fill_cell(cell: Any, text: str, width: int, font: str, size: int, alignment: Any) -> None:
    """Each ``\\n``-separated line of ``text`` becomes its own paragraph in the cell."""
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_width = tc_pr.get_or_add_tcW()
    tc_width.set(qn("w:w"), str(width))
    tc_width.set(qn("w:type"), "dxa")
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for i, line in enumerate(text.split("\n")):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        format_paragraph(paragraph, alignment, line=None)
        if line:
            add_styled_run(paragraph, line, font, size)


def _set_vertical_merge(cell: Any, flag: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    merge = OxmlElement("w:vMerge")
    if flag == "restart":
        merge.set(qn("w:val"), "restart")
    # w:vMerge follows w:tcW, w:gridSpan and w:hMerge; vAlign must stay after it.
    v_align = tc_pr.find(qn("w:vAlign"))
    if v_align is not None:
        v_align.addprevious(merge)
    else:
        tc_pr.append(merge)
