"""Each published plan's table.yaml as the .xlsx and .docx a bureau would hand over.

    python tests/data/plans/build_files.py OUT_DIR [KEY ...]

writes OUT_DIR/<key>.xlsx (a title row above the table, then the headings row, then the rows) and
OUT_DIR/<key>.docx (a title paragraph, then one table: headings row and rows) for every plan folder next
to this file, or only the keys named. The files are deterministic: fixed document properties and fixed
time stamps inside the zip, so the same table.yaml always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2024, 1, 1, 0, 0, 0)
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
AUTHOR = "cgtask tests"
FIXED_STAMP = b"2024-01-01T00:00:00Z"
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


@dataclass(frozen=True)
class PlanTable:
    key: str
    title: str
    headings: list[str]
    rows: list[list[str]]


def plan_keys() -> list[str]:
    """Every fixture folder (one that holds a table.yaml), sorted."""
    return sorted(path.parent.name for path in HERE.glob("*/table.yaml"))


def load_table(key: str) -> PlanTable:
    data = YAML(typ="safe").load((HERE / key / "table.yaml").read_text(encoding="utf-8"))
    headings = [str(cell) for cell in data["headings"]]
    rows = [[str(cell) for cell in row] for row in data["rows"]]
    return PlanTable(key=key, title=str(data["title"]), headings=headings, rows=rows)


def _stable_zip(data: bytes) -> bytes:
    """The same archive with every member's time stamp fixed, members in their original order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time over `modified`; put the fixed one back.
                content = MODIFIED.sub(rb"\g<1>" + FIXED_STAMP + rb"\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()


def xlsx_bytes(table: PlanTable) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    width = len(table.headings)
    sheet.append([table.title] + [None] * (width - 1))
    if width > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.append(table.headings)
    for row in table.rows:
        sheet.append(row)
    for cell in sheet[2]:
        cell.data_type = "s"
    # Cells are text as published: "7" stays the string 7, not a number.
    for row_cells in sheet.iter_rows(min_row=3):
        for cell in row_cells:
            if cell.value is not None:
                cell.value = str(cell.value)
                cell.data_type = "s"
    props = workbook.properties
    props.creator = AUTHOR
    props.lastModifiedBy = AUTHOR
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _stable_zip(buffer.getvalue())


def docx_bytes(table: PlanTable) -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(table.title)
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.headings))
    for column, heading in enumerate(table.headings):
        grid.cell(0, column).text = heading
    for index, row in enumerate(table.rows, start=1):
        for column, text in enumerate(row):
            grid.cell(index, column).text = text
    core = document.core_properties
    core.author = AUTHOR
    core.last_modified_by = AUTHOR
    core.created = FIXED_TIME
    core.modified = FIXED_TIME
    core.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue())


def build(out_dir: Path, keys: list[str] | None = None) -> list[Path]:
    """Write <key>.xlsx and <key>.docx for each plan into out_dir; the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for key in keys or plan_keys():
        table = load_table(key)
        for suffix, make in ((".xlsx", xlsx_bytes), (".docx", docx_bytes)):
            path = out_dir / f"{key}{suffix}"
            path.write_bytes(make(table))
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__.strip())
        return 0 if argv else 2
    known = set(plan_keys())
    unknown = [key for key in argv[1:] if key not in known]
    if unknown:
        print(f"unknown plan: {', '.join(unknown)}; known: {', '.join(sorted(known))}", file=sys.stderr)
        return 2
    for path in build(Path(argv[0]), argv[1:] or None):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
