"""Probes of files from outside: tampered and stale forms, numbers in forms, and bombs (.xlsx, .docx, .csv).

Every one must be refused by ``ledger import`` (or ``import``) at its cell or as a whole, in Chinese, with
nothing written, within 10 s and 512 MB.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tests.probes.forms_util import copy_meta_line, fill, filled_form, meta_column, meta_line, set_meta
from tests.probes.probe_round import Context, Probe
from tests.probes.test_probes_files import HOSTILE_FORMS, LAUGHS

SURFACE_FORMS, SURFACE_NUMBERS, SURFACE_BOMBS = "台账表", "表中数字", "外来文件"
FORM = "{work}/form.xlsx"
IMPORT = ("ledger", "import", FORM)


def _form(context: Context) -> Path:
    path = filled_form(context.registry, context.work)
    return path.rename(context.work / "form.xlsx")


def _with(change: Callable[[Path, Context], object]) -> Callable[[Context], None]:
    def setup(context: Context) -> None:
        change(_form(context), context)

    return setup


def _meta(field: str, value: Any) -> Callable[[Context], None]:
    return _with(lambda p, c: set_meta(p, f"{meta_column(field)}{meta_line(p, '整改问题')}", value))


def _meta_cell(cell: str, value: Any) -> Callable[[Context], None]:
    return _with(lambda p, c: set_meta(p, cell, value))


def _cells(**cells: Any) -> Callable[[Context], None]:
    return _with(lambda p, c: fill(p, "整改问题", **cells))


def _book(change: Callable[[Any], object]) -> Callable[[Context], None]:
    def apply(path: Path, context: Context) -> None:
        book = load_workbook(path)
        change(book)
        book.save(path)

    return _with(apply)


def _registry(old: str, new: str, name: str = "documents/supervision-2022.yaml") -> Callable[[Context], None]:
    """The form is made, then the registry changes under it (a stale form)."""

    def apply(path: Path, context: Context) -> None:
        target = context.registry / name
        text = target.read_text("utf-8")
        assert old in text, old
        target.write_text(text.replace(old, new, 1), "utf-8")

    return _with(apply)


def _parts(change: Callable[[dict[str, bytes]], None]) -> Callable[[Context], None]:
    def apply(path: Path, context: Context) -> None:
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        change(parts)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)

    return _with(apply)


def _raw(data: bytes | Callable[[], bytes], name: str = "form.xlsx") -> Callable[[Context], None]:
    def setup(context: Context) -> None:
        (context.work / name).write_bytes(data() if callable(data) else data)

    return setup


def _replace_in(part: str, pattern: bytes, text: bytes) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        parts[part] = re.sub(pattern, text, parts[part], count=1)

    return change


def _sheet1(pattern: bytes, text: bytes) -> Callable[[dict[str, bytes]], None]:
    return _replace_in("xl/worksheets/sheet1.xml", pattern, text)


# --- tampered and stale forms -----------------------------------------------------------------------

TAMPERED_LINES = [
    ("unit", "张庙街道中队"), ("unit", ""), ("level", "区局"), ("level", "市局"), ("doc", "supervision-2099"),
    ("doc", "tasks-2022"), ("item", "99"), ("item", "1.1"), ("activity", "队列训练"), ("period", "2022-13"),
    ("period", "2022-02"), ("period", "2022"), ("start", "2022-01-01"), ("end", "2022-12-31"),
    ("start", "not a date"), ("needs", "quantity,base,covers"), ("needs", "x" * 5000),
    ("fingerprint", "fp-0000000000000000"), ("fingerprint", ""), ("row", 5), ("row", 10**9), ("row", -3),
    ("row", "A"), ("row", 1.5),
]  # fmt: skip
TAMPERED_IDENTITY = [
    ("B6", "张庙街道中队"), ("B6", "吴淞中队（旧名）"), ("B6", ""), ("B7", "科室"), ("B5", 13), ("B5", 0),
    ("B5", "三月"), ("B4", 99999), ("B4", 2021), ("B1", 99), ("B2", "another-registry"), ("B1", None),
]  # fmt: skip
FORM_PROBES = [
    Probe(SURFACE_FORMS, f"identity line: {field} = {str(value)[:20]!s}", IMPORT, setup=_meta(field, value))
    for field, value in TAMPERED_LINES
] + [
    Probe(SURFACE_FORMS, f"form identity: {cell} = {value!s}", IMPORT, setup=_meta_cell(cell, value))
    for cell, value in TAMPERED_IDENTITY
] + [
    Probe(SURFACE_FORMS, "one visible row listed twice", IMPORT,
          setup=_with(lambda p, c: copy_meta_line(p, meta_line(p, "整改问题")))),
    Probe(SURFACE_FORMS, "the identity sheet deleted", IMPORT,
          setup=_book(lambda b: b.remove(b["cgtask"]))),
    Probe(SURFACE_FORMS, "the identity sheet renamed", IMPORT,
          setup=_book(lambda b: setattr(b["cgtask"], "title", "其他"))),
    Probe(SURFACE_FORMS, "the visible sheet renamed", IMPORT,
          setup=_book(lambda b: setattr(b["台账"], "title", "Sheet1"))),
    Probe(SURFACE_FORMS, "a fixed cell (requirement) changed", IMPORT,
          setup=_book(lambda b: setattr(b["台账"]["G4"], "value", "每月不少于1起"))),
    Probe(SURFACE_FORMS, "a fixed cell (due date) changed", IMPORT,
          setup=_book(lambda b: setattr(b["台账"]["F4"], "value", "2022-12-31"))),
    Probe(SURFACE_FORMS, "a row added below the form", IMPORT,
          setup=_book(lambda b: [b["台账"].cell(60, col, v) for col, v in ((2, "1"), (3, "整改问题"), (9, "2022-03-29"), (10, 5))])),
    Probe(SURFACE_FORMS, "stale: the item's requirement changed since", IMPORT,
          setup=_registry("frequency: 每月不少于16起", "frequency: 每月不少于18起")),
    Probe(SURFACE_FORMS, "stale: the 中队 renamed since", IMPORT,
          setup=_registry("吴淞街道中队", "吴淞中队", "organization.yaml")),
    Probe(SURFACE_FORMS, "stale: the document removed since", IMPORT,
          setup=_with(lambda p, c: (c.registry / "documents" / "supervision-2022.yaml").unlink())),
    Probe(SURFACE_FORMS, "a date before the period", IMPORT, setup=_cells(date=date(2022, 2, 28))),
    Probe(SURFACE_FORMS, "a date after today", IMPORT, setup=_cells(date=date(2099, 3, 29))),
    Probe(SURFACE_FORMS, "a date of 1900-01-01", IMPORT, setup=_cells(date=datetime(1900, 1, 1))),
    Probe(SURFACE_FORMS, "a date as words", IMPORT, setup=_cells(date="上周")),
    Probe(SURFACE_FORMS, "a date of 2022-02-30 as text", IMPORT, setup=_cells(date="2022-02-30")),
    Probe(SURFACE_FORMS, "a note with a C1 CSI", IMPORT, setup=_cells(note="完成\x9b2J")),
    Probe(SURFACE_FORMS, "a note with a bidi override", IMPORT, setup=_cells(note="完成\u202e成完")),
    Probe(SURFACE_FORMS, "a note of 2001 characters", IMPORT, setup=_cells(note="字" * 2001)),
    Probe(SURFACE_FORMS, "a note at Excel's cell limit", IMPORT, setup=_cells(note="字" * 32767)),
    Probe(SURFACE_FORMS, "covers an unknown 中队", IMPORT, setup=_cells(covers="无此中队")),
    Probe(SURFACE_FORMS, "a formula in a fill-in cell", IMPORT, setup=_cells(note='=HYPERLINK("http://x","y")', quantity="=1+1")),
    Probe(SURFACE_FORMS, "an empty file", ("ledger", "import", FORM), setup=_raw(b"")),
    Probe(SURFACE_FORMS, "a CSV named .xlsx", ("ledger", "import", FORM), setup=_raw("事项,次数\n1,3\n".encode())),
    Probe(SURFACE_FORMS, "an old .xls (OLE) file", ("ledger", "import", "{work}/form.xls"),
          setup=_raw(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096, "form.xls")),
    Probe(SURFACE_FORMS, "an encrypted workbook (OLE named .xlsx)", ("ledger", "import", FORM),
          setup=_raw(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)),
    Probe(SURFACE_FORMS, "a folder named like a form (a folder of no forms)", ("ledger", "import", "{work}/d.xlsx"), expect="either",
          setup=lambda c: (c.work / "d.xlsx").mkdir()),
    Probe(SURFACE_FORMS, "a missing file", ("ledger", "import", "{work}/无.xlsx")),
    Probe(SURFACE_FORMS, "a FIFO", ("ledger", "import", "{work}/p.xlsx"),
          setup=lambda c: __import__("os").mkfifo(c.work / "p.xlsx")),
    Probe(SURFACE_FORMS, "a link to /dev/zero", ("ledger", "import", "{work}/z.xlsx"),
          setup=lambda c: (c.work / "z.xlsx").symlink_to("/dev/zero")),
    Probe(SURFACE_FORMS, "a .docx given to ledger import", ("ledger", "import", "{work}/a.docx"),
          setup=_raw(b"PK\x05\x06" + b"\0" * 18, "a.docx")),
]  # fmt: skip


# --- numbers in forms --------------------------------------------------------------------------------

FORM_NUMBERS = [
    ("count", 1001), ("count", -1), ("count", 1.5), ("count", "三"), ("count", True), ("count", "1e3"),
    ("count", 2**63), ("quantity", 1_000_001), ("quantity", -5), ("quantity", 1e308), ("quantity", 2**63),
    ("quantity", "100000000000000000000"), ("quantity", "10^20"), ("quantity", float("inf")),
    ("quantity", float("nan")), ("quantity", "NaN"), ("quantity", "∞"), ("quantity", "１７０００００"),
    ("base", 10**7), ("base", -1), ("base", "1e308"), ("count", datetime(2022, 3, 1)),
]  # fmt: skip
NUMBER_PROBES = [
    Probe(SURFACE_NUMBERS, f"form {key} = {value!r}"[:60], IMPORT, setup=_cells(**{key: value}))
    for key, value in FORM_NUMBERS
] + [
    Probe(SURFACE_NUMBERS, "a formula cached as 1.8e308", IMPORT,
          setup=_parts(_sheet1(rb'(<c r="K\d+"[^>]*>)<v>17</v>', rb"\1<f>10^308*1.8</f><v>1.8e308</v>"))),
    Probe(SURFACE_NUMBERS, "a cached value of 1e400 (inf)", IMPORT,
          setup=_parts(_sheet1(rb'(<c r="K\d+"[^>]*>)<v>17</v>', rb"\1<v>1e400</v>"))),
    Probe(SURFACE_NUMBERS, "a date cell of serial 10^9", IMPORT,
          setup=_parts(_sheet1(rb'(<c r="I(\d+)"[^>]*)>(<v>[^<]*</v>)', rb'\1><v>1000000000</v>'))),
    Probe(SURFACE_NUMBERS, "an error cell #DIV/0!", IMPORT,
          setup=_parts(_sheet1(rb'<c r="K(\d+)"([^>]*)><v>17</v>', rb'<c r="K\1" t="e"><v>#DIV/0!</v>'))),
]  # fmt: skip


# --- bombs and huge ranges ---------------------------------------------------------------------------


def _zip(entries: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _forged_sizes() -> bytes:
    """A part whose headers declare 100 bytes but which inflates to 200 MB."""
    data = _zip(
        {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x>" + b" " * (200 << 20) + b"</x>"}
    )
    real = struct.pack("<I", (200 << 20) + 7)
    return data.replace(real, struct.pack("<I", 100))


def _many_entries() -> bytes:
    return _zip({f"xl/x{n}.xml": b"" for n in range(60_000)} | {"[Content_Types].xml": b"<Types/>"})


def _deep(parts: dict[str, bytes]) -> None:
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", b"</sheetData>" + b"<a>" * 200_000 + b"</a>" * 200_000, 1
    )


def _external_entity(parts: dict[str, bytes]) -> None:
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&e;</t></si></sst>'
    )


def _styles(parts: dict[str, bytes]) -> None:
    xfs = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' * 300_000
    parts["xl/styles.xml"] = re.sub(rb"<cellXfs[^>]*>.*?</cellXfs>", b"<cellXfs>" + xfs + b"</cellXfs>",
                                    parts["xl/styles.xml"], count=1, flags=re.S)  # fmt: skip


def _strings(parts: dict[str, bytes]) -> None:
    strings = b"<si><t>x</t></si>" * 1_000_000
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + strings + b"</sst>"
    )


def _sheets(parts: dict[str, bytes]) -> None:
    sheets = b"".join(
        b'<sheet name="s%d" sheetId="%d" r:id="rIdX%d"/>' % (n, n + 10, n) for n in range(20_000)
    )
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b"</sheets>", sheets + b"</sheets>", 1)


def _docx(document: bytes) -> bytes:
    return _zip({"[Content_Types].xml": b'<?xml version="1.0"?><Types/>', "word/document.xml": document})


W = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def _docx_rows(rows: int, columns: int) -> bytes:
    row = b"<w:tr>" + b"<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>" * columns + b"</w:tr>"
    return _docx(W + b"<w:tbl>" + row * rows + b"</w:tbl></w:body></w:document>")


def _docx_nested(depth: int) -> bytes:
    open_, close = b"<w:tbl><w:tr><w:tc>", b"<w:p/></w:tc></w:tr></w:tbl>"
    return _docx(W + open_ * depth + b"<w:p/>" + close * depth + b"</w:body></w:document>")


BOMB_FORMS = {
    **{name: _parts(change) for name, change in HOSTILE_FORMS.items()},
    "a dimension of A1:XFD1048576": _parts(
        _sheet1(rb"<dimension [^>]*/>", b'<dimension ref="A1:XFD1048576"/>')
    ),
    "nesting 200,000 deep": _parts(_deep),
    "an external entity": _parts(_external_entity),
    "300,000 styles": _parts(_styles),
    "a million shared strings": _parts(_strings),
    "20,000 sheets named": _parts(_sheets),
    "forged sizes (200 MB declared as 100 bytes)": _raw(_forged_sizes),
    "60,000 entries": _raw(_many_entries),
    "random bytes": _raw(bytes(range(256)) * 64),
    "a truncated zip": _with(lambda p, c: p.write_bytes(p.read_bytes()[:3000])),
    "a 60 MB file": _raw(lambda: b"PK\x03\x04" + b"\0" * (60 << 20)),
    "a zip inside the zip": _raw(lambda: _zip({"xl/workbook.xml": _zip({"a": b" " * (50 << 20)})})),
    "a stored (not deflated) 120 MB part": _raw(
        lambda: _zip({"xl/worksheets/sheet1.xml": b" " * (120 << 20)}, method=zipfile.ZIP_STORED)
    ),
    "a path-traversal part name": _raw(
        lambda: _zip({"../../evil.xml": b"x", "[Content_Types].xml": b"<Types/>"})
    ),
}
BOMB_TABLES = {
    "a .docx of 100,000 rows": ("t.docx", lambda: _docx_rows(100_000, 3)),
    "a .docx of 5,000 columns": ("t.docx", lambda: _docx_rows(2, 5000)),
    "a .docx of tables nested 10,000 deep": ("t.docx", lambda: _docx_nested(10_000)),
    "a .docx bomb": ("t.docx", lambda: _docx(b"<w>" + b"\0" * (120 << 20) + b"</w>")),
    "a .docx with billion laughs": ("t.docx", lambda: _docx(LAUGHS)),
    "a .docx with a DOCTYPE": ("t.docx", lambda: _docx(b'<!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + W + b"&e;</w:body></w:document>")),
    "a .csv given to import": ("t.csv", lambda: "任务,牵头部门\n" + "整改,监督科\n" * 10),
    "a 100 MB .csv given to import": ("t.csv", lambda: b"a," * (50 << 20)),
    "a .xlsx that is a .docx": ("t.xlsx", lambda: _docx_rows(3, 3)),
    "an empty .docx": ("t.docx", lambda: b""),
    "a .txt given to import": ("t.txt", lambda: "任务分解表"),
}  # fmt: skip


def _table(name: str, make: Callable[[], bytes | str]) -> Callable[[Context], None]:
    def setup(context: Context) -> None:
        data = make()
        (context.work / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    return setup


BOMB_PROBES = [
    Probe(SURFACE_BOMBS, f"ledger import: {name}", IMPORT, setup=setup) for name, setup in BOMB_FORMS.items()
]
BOMB_PROBES += [
    Probe(
        SURFACE_BOMBS,
        f"import: {name}",
        ("import", f"{{work}}/{file}", "-o", "{work}/out.yaml"),
        setup=_table(file, make),
    )
    for name, (file, make) in BOMB_TABLES.items()
]
BOMB_PROBES += [
    Probe(SURFACE_BOMBS, f"import: {name} (a bombed form as a table)", ("import", FORM, "-o", "{work}/out.yaml"),
          setup=BOMB_FORMS[name])
    for name in ("merged range A100:XFD1048576", "a dimension of A1:XFD1048576", "billion laughs in sharedStrings",
                 "forged sizes (200 MB declared as 100 bytes)", "nesting 200,000 deep", "a million shared strings")
]  # fmt: skip

FILE_PROBES = FORM_PROBES + NUMBER_PROBES + BOMB_PROBES
