"""Bounds on what comes from outside: the numbers a record may carry, and the office files read.

A .xlsx or .docx is a zip of XML parts. Before any parser sees one, :func:`check_office_file`
reads only the zip's directory and streams each XML part once: a file too large, a part that
inflates too far, a document type declaration (entity expansion, the "billion laughs"), a cell
or merged range beyond the sheet bounds below, or a scan over its time budget is refused with a
Chinese reason. openpyxl builds one object per cell of a merged range, so a 100-byte
``A100:XFD1048576`` would otherwise take gigabytes.
"""

from __future__ import annotations

import re
import time
import zipfile
import zlib
from pathlib import Path

# One period's actions (次数); more is a typo (2022 for 2). ``done`` and the forms share it.
MAX_ACTIONS = 1000
# A quantity (起, 件) or the base of a share.
MAX_QUANTITY = 1_000_000

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PARTS = 5000
MAX_PART_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # inflated/compressed of one part larger than a megabyte
MAX_XML_BYTES = 20 * 1024 * 1024  # one XML part: a parsed tree takes several times its size
MAX_CELLS = 500_000  # cells written in all the sheets of a workbook
MAX_SHEET_ROWS = 99_999  # five digits: only longer row numbers need a closer look
MAX_SHEET_COLUMNS = 256
MAX_MERGED_CELLS = 200_000
MAX_NOTE_CHARS = 2000
TIME_BUDGET_SECONDS = 8.0

_CHUNK = 1 << 20
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# Only references that could be out of bounds are looked at one by one: two or three column
# letters, or a row number of six digits or more.
_CELL_REF = re.compile(
    rb'\sr(?:ef)?="((?:[A-Z]{2,3}\d+|[A-Z]\d{6,})(?::[A-Z]{1,3}\d+)?|[A-Z]{1,3}\d+:(?:[A-Z]{2,3}\d+|[A-Z]\d{6,}))"'
)
_ROW_REF = re.compile(rb'\sr="(\d{6,})"')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')


class FileLimitError(ValueError):
    """A file from outside is over one of the bounds; the message says which, in Chinese."""


def column_number(letters: str) -> int:
    """The number of a spreadsheet column from its letters (A → 1, XFD → 16384)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def check_office_file(path: Path) -> None:
    """Raise :class:`FileLimitError` unless ``path`` is a zip whose parts stay within the bounds.

    A file that is not a zip at all passes: the parser then says it cannot be read.
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FileLimitError(
            f"文件过大（{size // 1024 // 1024} MB，上限 {MAX_FILE_BYTES // 1024 // 1024} MB）"
        )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with archive:
        _check_directory(archive.infolist())
        deadline = time.monotonic() + TIME_BUDGET_SECONDS
        cells = 0
        for info in archive.infolist():
            if _is_xml(info.filename):
                cells += _scan_part_whole(archive, info, deadline)
                if cells > MAX_CELLS:
                    raise FileLimitError(f"表格中的单元格过多（超过 {MAX_CELLS} 个）")


def _scan_part_whole(archive: zipfile.ZipFile, info: zipfile.ZipInfo, deadline: float) -> int:
    """:func:`_scan_part`, with a part whose data belies its directory entry (a forged size) refused."""
    try:
        return _scan_part(archive, info, deadline)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise FileLimitError(
            f"文件中的 {info.filename} 的压缩数据与目录记载的大小或校验和不符（已损坏或被篡改），未读取"
        ) from exc


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _check_directory(parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_PARTS:
        raise FileLimitError(f"文件中的部件过多（{len(parts)} 个，上限 {MAX_PARTS}）")
    total = 0
    for info in parts:
        total += info.file_size
        if _is_xml(info.filename) and info.file_size > MAX_XML_BYTES:
            raise FileLimitError(
                f"文件中的 {info.filename} 过大（{info.file_size} 字节，上限 {MAX_XML_BYTES}）"
            )
        if info.file_size > MAX_PART_BYTES or (
            info.file_size > _CHUNK and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise FileLimitError(
                f"文件中的 {info.filename} 解压后过大（{info.file_size} 字节），疑为压缩炸弹"
            )
    if total > MAX_TOTAL_BYTES:
        raise FileLimitError(f"文件解压后共 {total} 字节，超过上限 {MAX_TOTAL_BYTES}，疑为压缩炸弹")


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, deadline: float) -> int:
    """Stream one XML part: no declarations, no cell or merged range beyond the bounds; its cell count."""
    sheet = info.filename.startswith("xl/worksheets/")
    merged = cells = 0
    read = 0
    tail = b""
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            read += len(chunk)
            # the directory may lie about sizes; the stream itself is bounded too
            if read > MAX_PART_BYTES or time.monotonic() > deadline:
                raise FileLimitError(f"文件中的 {info.filename} 过大或读取超时，未导入")
            text = tail + chunk
            if _DECLARATION.search(text):
                raise FileLimitError(
                    f"文件中的 {info.filename} 含有文档类型或实体声明（DOCTYPE/ENTITY），不予读取"
                )
            if sheet:
                cells += chunk.count(b"<c ") + chunk.count(b"<c>") + chunk.count(b":c ")
                if cells > MAX_CELLS:
                    raise FileLimitError(f"表格中的单元格过多（超过 {MAX_CELLS} 个）")
                merged += _check_sheet_text(text, info.filename)
                if merged > MAX_MERGED_CELLS:
                    raise FileLimitError(f"{info.filename} 中合并的单元格过多（上限 {MAX_MERGED_CELLS} 个）")
            # a tag cut in two by the chunk boundary is read whole with the next chunk
            cut = text.rfind(b"<")
            tail = text[cut:] if cut >= 0 and len(text) - cut < 4096 else b""
    return cells


def _check_sheet_text(text: bytes, part: str) -> int:
    for match in _CELL_REF.finditer(text):
        for ref in match.group(1).split(b":"):
            letters = ref.rstrip(b"0123456789").decode()
            row = int(ref[len(letters) :])
            _check_cell(letters, row, part)
    for match in _ROW_REF.finditer(text):
        if int(match.group(1)) > MAX_SHEET_ROWS:
            raise FileLimitError(f"{part} 中的行号 {int(match.group(1))} 超过上限 {MAX_SHEET_ROWS}")
    cells = 0
    for match in _MERGE.finditer(text) if b"mergeCell " in text else ():
        first_col, first_row, last_col, last_row = match.groups()
        rows = int(last_row) - int(first_row) + 1
        cols = column_number(last_col.decode()) - column_number(first_col.decode()) + 1
        cells += max(rows, 1) * max(cols, 1)
    return cells


def _check_cell(letters: str, row: int, part: str) -> None:
    if row > MAX_SHEET_ROWS or column_number(letters) > MAX_SHEET_COLUMNS:
        raise FileLimitError(
            f"{part} 中的单元格 {letters}{row} 超出可读范围（至多 {MAX_SHEET_ROWS} 行、{MAX_SHEET_COLUMNS} 列）"
        )
