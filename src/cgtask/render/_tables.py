"""Tables for GB/T 9704 documents: fixed widths, repeated header, merged category cells."""

from __future__ import annotations

import copy
import functools
import math
from typing import Any

import docx.table
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Twips
from docx.text.paragraph import Paragraph

from cgtask.render._wordml import add_styled_run, format_paragraph
from cgtask.render.layout import Table
from cgtask.render.title_lines import display_width

TWIPS_PER_MM = 56.6929
MM_PER_PT = 25.4 / 72
TIGHTEN_PT = -0.25  # the Normal style's character spacing, which table text inherits
CELL_MARGINS_MM = 3.8  # Word's default cell margins, 1.9 mm a side
CELL_PADDING_MM = 5.0  # the margins and a little air, for text that must not wrap
SHORT_LINE_CHARS = 7  # 街镇中队：每周, 街面随机抽查: a cell line a reader takes in at once
SHORT_WORD_CHARS = 6  # 执法监督方案 in “执法监督方案 第1项”
TABLE_FONT, HEADER_FONT = "仿宋_GB2312", "黑体"
BORDER_SIZE = 4  # ½ pt
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def write_table(document: Any, table: Table) -> Any:
    """Append ``table`` to the document body and return the python-docx table.

    Rows and cells are copies of prototypes that python-docx builds once (see :func:`_empty_cell`):
    going through python-docx's cell objects for each of some 10,000 cells of 250 notices was
    half of their typesetting, and copies give the same XML.
    """
    widths = [round(mm * TWIPS_PER_MM) for mm in column_widths(table)]
    tbl = copy.deepcopy(_empty_table(len(table.columns)))
    document.element.body._insert_tbl(tbl)  # where add_table puts a table: before the w:sectPr
    result = docx.table.Table(tbl, document._body)
    _set_table_properties(result, widths)
    size = round(table.font_size_pt * 2)
    header = copy.deepcopy(_empty_row(header=True))
    for column, width in zip(table.columns, widths, strict=True):
        header.append(_filled_cell(column.title, width, HEADER_FONT, size, WD_ALIGN_PARAGRAPH.CENTER))
    result._tbl.append(header)
    merged = _merge_flags(table)
    for r, row in enumerate(table.rows):
        tr = copy.deepcopy(_empty_row(header=False))
        for c, (text, column, width) in enumerate(zip(row, table.columns, widths, strict=True)):
            flag = merged[r] if c == table.merge_column or c in table.merge_along else None
            tc = _filled_cell(
                "" if flag == "continue" else text, width, TABLE_FONT, size, _ALIGN[column.align]
            )
            if flag is not None:
                _set_vertical_merge(tc, flag)
            tr.append(tc)
        result._tbl.append(tr)
    return result


def column_widths(table: Table) -> list[float]:
    """Widths (mm) from the columns' content, filling the width the builder gave the table.

    Each column starts at its minimum — its longest unbreakable text: the title (no "序/号") and
    short phrases such as a date, a count or a department (:func:`unbreakable_runs`).  The rest
    is handed out a character at a time to the wrapping column where it saves the most: first
    rows (the table's height in lines), then wrapped lines anywhere.  What no column can use
    any more is shared in proportion.  When the minimums alone overflow, the builder's widths stand.
    """
    given = [column.width_mm for column in table.columns]
    char_mm = (table.font_size_pt + TIGHTEN_PT) * MM_PER_PT
    columns = range(len(table.columns))
    widths = [max(cell_width(r) for r in _column_runs(table, c)) * char_mm + CELL_PADDING_MM for c in columns]
    total = sum(given)
    if sum(widths) > total:
        return given
    cells = [[_line_widths(row[c]) for c in columns] for row in table.rows]
    counts = [_column_counts(cells, c, widths[c], char_mm) for c in columns]
    trials: dict[int, list[int]] = {}  # a column's lines one character wider, kept while it stays as wide
    while total - sum(widths) >= char_mm:
        wrapping = [c for c in columns if sum(counts[c]) > len(cells)]
        if not wrapping:
            break
        for c in wrapping:
            if c not in trials:
                trials[c] = _column_counts(cells, c, widths[c] + char_mm, char_mm)
        # a character more where it saves the most; where nothing saves yet, to the column
        # that wraps most (its next character may be the one that saves a line)
        best = min(wrapping, key=lambda c: (_height_with(counts, c, trials[c]), -sum(counts[c])))
        widths[best] += char_mm
        counts[best] = trials.pop(best)
    scale = total / sum(widths)
    return [round(width * scale, 1) for width in widths]


def _line_widths(text: str) -> list[float]:
    return [cell_width(line) for line in text.split("\n")]


def _column_counts(cells: list[list[list[float]]], column: int, width: float, char_mm: float) -> list[int]:
    """Lines each row's cell of ``column`` takes at ``width``."""
    per_line = max(1, int((width - CELL_MARGINS_MM) / char_mm))
    return [sum(max(1, math.ceil(w / per_line)) for w in row[column]) for row in cells]


def _height_with(counts: list[list[int]], column: int, trial: list[int]) -> tuple[int, int]:
    """(the table's height in lines, wrapped lines in all cells) with ``trial`` for ``column``."""
    tried = [trial if c == column else lines for c, lines in enumerate(counts)]
    return sum(map(max, zip(*tried, strict=True))), sum(map(sum, tried))


def cell_width(text: str) -> float:
    """Width in characters as a table cell sets it (see :func:`display_width`)."""
    return display_width(text)


def unbreakable_runs(text: str) -> list[str]:
    """Pieces of a cell that must not wrap, because a break inside would cut a phrase.

    A Chinese line breaks anywhere. Kept whole: a short line such as 街镇中队：每周, 3月31日 or 不少于1次,
    and a short space-separated word of a longer line, such as 执法监督方案 in 执法监督方案 第1项.
    """
    runs = []
    for line in text.split("\n"):
        if cell_width(line) <= SHORT_LINE_CHARS:
            runs.append(line)
        else:
            runs += [word for word in line.split() if cell_width(word) <= SHORT_WORD_CHARS]
    return runs


def _column_runs(table: Table, c: int) -> list[str]:
    runs = [table.columns[c].title]
    for row in table.rows:
        runs += unbreakable_runs(row[c])
    return runs


@functools.lru_cache(maxsize=64)  # by column count
def _empty_table(columns: int) -> Any:
    """The ``w:tbl`` python-docx's add_table makes, without rows.

    The column widths it gets are replaced by :func:`_set_table_properties`.
    """
    return CT_Tbl.new_tbl(0, columns, Twips(0))


@functools.lru_cache(maxsize=2)  # header or not
def _empty_row(*, header: bool) -> Any:
    """A ``w:tr`` without cells: kept whole, and repeated on each page when it is the header."""
    tr = OxmlElement("w:tr")
    _keep_row_whole(tr)
    if header:
        _repeat_as_header(tr)
    return tr


def _keep_row_whole(tr: Any) -> None:
    """w:cantSplit: a row moves to the next page whole instead of breaking across it."""
    tr_pr = tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


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


def _repeat_as_header(tr: Any) -> None:
    tr_pr = tr.get_or_add_trPr()  # w:tblHeader follows w:cantSplit in the schema
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _filled_cell(text: str, width: int, font: str, size: int, alignment: Any) -> Any:
    r"""A ``w:tc`` holding ``text``: each ``\n``-separated line becomes its own paragraph in the cell."""
    empty = _empty_cell(width, alignment)
    tc = copy.deepcopy(empty)
    for i, line in enumerate(text.split("\n")):
        p = tc[-1] if i == 0 else copy.deepcopy(empty[-1])  # the cell's paragraph or a fresh one
        if i:
            tc.append(p)
        if line:
            add_styled_run(Paragraph(p, None), line, font, size)  # type: ignore[arg-type]
    return tc


@functools.lru_cache(maxsize=512)  # keyed by column widths: bounded for a long-lived process
def _empty_cell(width: int, alignment: Any) -> Any:
    """The cell python-docx makes for a table of that column width: what each cell of the column starts as.

    It holds the cell's properties and one empty formatted paragraph.
    """
    tc = CT_Tbl.new_tbl(1, 1, Twips(width)).tr_lst[0].tc_lst[0]
    cell = docx.table._Cell(tc, None)  # type: ignore[arg-type]
    tc_pr = tc.get_or_add_tcPr()
    tc_width = tc_pr.get_or_add_tcW()
    tc_width.set(qn("w:w"), str(width))
    tc_width.set(qn("w:type"), "dxa")
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    format_paragraph(cell.paragraphs[0], alignment, line=None)
    return tc


def _set_vertical_merge(tc: Any, flag: str) -> None:
    tc_pr = tc.get_or_add_tcPr()
    merge = OxmlElement("w:vMerge")
    if flag == "restart":
        merge.set(qn("w:val"), "restart")
    # w:vMerge follows w:tcW, w:gridSpan and w:hMerge; vAlign must stay after it.
    v_align = tc_pr.find(qn("w:vAlign"))
    if v_align is not None:
        v_align.addprevious(merge)
    else:
        tc_pr.append(merge)
