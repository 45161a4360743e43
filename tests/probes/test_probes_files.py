"""Probes: bounded work on any file from outside.

Each hostile .xlsx or .docx is built here by a small generator, handed to ``ledger import`` or ``import`` in a
process limited to 512 MB, and must be refused in under 10 s with a Chinese message — never a hang, never a
traceback.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.probes.forms_util import filled_form

MEMORY = 512 * 1024 * 1024
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{"&lol{};".format(n - 1 if n > 1 else "") * 10}">'.encode() for n in range(1, 10)
    )
    + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    b"<si><t>&lol9;</t></si></sst>"
)


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _run(registry: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The registry's cache is made first, so the run is the file's, not a cold registry's. The timeout
    # only guards against a hang (the code's own scan stops after 8 s); times belong in bench/.
    warm = [sys.executable, "-m", "cgtask", "check", "-r", str(registry)]
    subprocess.run(warm, capture_output=True, env=os.environ.copy(), check=False, timeout=60)
    done = subprocess.run(
        [sys.executable, "-m", "cgtask", *args, "-r", str(registry)],
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=_limited,
        env=os.environ.copy(),
        check=False,
    )
    return done


def _rewrite(path: Path, change: Callable[[dict[str, bytes]], None]) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _sheet_insert(pattern: bytes, text: bytes) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        sheet = parts["xl/worksheets/sheet1.xml"]
        parts["xl/worksheets/sheet1.xml"] = re.sub(pattern, text, sheet, count=1)

    return change


def _bomb(name: str, size: int) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        parts[name] = b"<x>" + b"\0" * size + b"</x>"

    return change


def _laughs(parts: dict[str, bytes]) -> None:
    parts["xl/sharedStrings.xml"] = LAUGHS


def _identity_lines(parts: dict[str, bytes]) -> None:
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, n)
        for n in range(10, 100_010)
    )
    parts["xl/worksheets/sheet2.xml"] = re.sub(
        rb"</sheetData>", rows + b"</sheetData>", parts["xl/worksheets/sheet2.xml"], count=1
    )


def _many_cells(parts: dict[str, bytes]) -> None:
    letters = [chr(65 + n) for n in range(26)]
    rows = b"".join(
        b'<row r="%d">' % n
        + b"".join(b'<c r="%s%d"><v>1</v></c>' % (c.encode(), n) for c in letters)
        + b"</row>"
        for n in range(100, 19_900)
    )
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b"</sheetData>", rows + b"</sheetData>", 1)


HOSTILE_FORMS = {
    "merged range A100:XFD1048576": _sheet_insert(rb"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A100:XFD1048576"/></mergeCells>'),
    "a cell at XFD1048576": _sheet_insert(rb"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'),
    "billion laughs in sharedStrings": _laughs,
    "a part inflating to 120 MB": _bomb("xl/worksheets/sheet1.xml", 120 * 1024 * 1024),
    "100,000 identity lines": _identity_lines,
    "514,800 cells": _many_cells,
}  # fmt: skip


@pytest.mark.parametrize("case", HOSTILE_FORMS)
def test_a_hostile_form_is_refused_quickly_and_in_chinese(
    registry_copy: Path, tmp_path: Path, case: str
) -> None:
    form = filled_form(registry_copy, tmp_path)
    _rewrite(form, HOSTILE_FORMS[case])
    before = (registry_copy / "ledger.yaml").read_bytes()
    done = _run(registry_copy, "ledger", "import", str(form))
    assert done.returncode != 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert re.search("[\u4e00-\u9fff]", done.stdout + done.stderr)
    assert "F107" in done.stdout + done.stderr or "F106" in done.stdout + done.stderr, (
        done.stdout + done.stderr
    )
    assert (registry_copy / "ledger.yaml").read_bytes() == before


def _docx(path: Path, document: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", document)
    return path


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("bomb.docx", lambda p: _docx(p, b"<w>" + b"\0" * (120 * 1024 * 1024) + b"</w>")),
        ("laughs.docx", lambda p: _docx(p, LAUGHS)),
    ],
)
def test_a_hostile_table_for_import_is_refused(
    registry_copy: Path, tmp_path: Path, name: str, make: Callable[[Path], Path]
) -> None:
    source = make(tmp_path / name)
    done = _run(registry_copy, "import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert done.returncode != 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert "过大" in done.stderr or "DOCTYPE" in done.stderr, done.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_a_hostile_xlsx_for_import_is_refused(registry_copy: Path, tmp_path: Path) -> None:
    source = tmp_path / "任务.xlsx"
    shutil.copy(filled_form(registry_copy, tmp_path), source)
    _rewrite(source, HOSTILE_FORMS["merged range A100:XFD1048576"])
    done = _run(registry_copy, "import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert done.returncode != 0, done.stderr
    assert "超出可读范围" in done.stderr, done.stderr
