"""The office-suite round trip: a form filled, saved again by LibreOffice, read back; and its print.

Skipped when LibreOffice (soffice) is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cgtask.interchange.forms import FormImport, FormRecord, read_forms, write_form
from cgtask.interchange.forms.layout import META_SHEET
from tests.interchange.test_forms_fixtures import (
    AS_OF,
    REGISTRY_ID,
    SQUAD_FILLED,
    SQUADS,
    department_spec,
    fill,
    squad_spec,
)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="未安装 LibreOffice（soffice）"),
]


def _convert(paths: list[Path], to: str, out_dir: Path, profile: Path) -> list[Path]:
    """Open each file in LibreOffice and save it as ``to`` (xlsx or pdf) into ``out_dir``."""
    assert SOFFICE is not None
    out_dir.mkdir(exist_ok=True)
    command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", to]
    subprocess.run(
        [*command, "--outdir", str(out_dir), *map(str, paths)], check=True, capture_output=True, timeout=180
    )
    return [out_dir / f"{path.stem}.{to}" for path in paths]


def _read(paths: list[Path]) -> FormImport:
    return read_forms(paths, registry_id=REGISTRY_ID, known_units=SQUADS, as_of=AS_OF)


def _by_origin(records: list[FormRecord]) -> dict[str, FormRecord]:
    return {record.origin: record for record in records}


def test_forms_saved_by_libreoffice_read_back_the_same(tmp_path: Path) -> None:
    squad, department = tmp_path / "吴淞街道中队.xlsx", tmp_path / "监督科.xlsx"
    write_form(squad_spec(), squad)
    write_form(department_spec(), department)
    fill(squad, SQUAD_FILLED)
    fill(department, {1: {"date": date(2022, 3, 25), "count": 2, "covers": "吴淞街道中队、友谊路"}})
    before = _read([squad, department])
    converted = _convert([squad, department], "xlsx", tmp_path / "libreoffice", tmp_path / "profile")
    assert load_workbook(converted[0])[META_SHEET].sheet_state in {"hidden", "veryHidden"}
    after = _read([tmp_path / "libreoffice"])
    assert after.ok, [p.format() for p in after.problems]
    assert _by_origin(after.records) == _by_origin(before.records)
    assert len(after.records) == 8
    assert sorted(after.not_reported) == sorted(before.not_reported)


def test_a_form_prints_on_one_a4_landscape_page(tmp_path: Path) -> None:
    form = tmp_path / "监督科.xlsx"
    write_form(department_spec(), form)
    (pdf,) = _convert([form], "pdf", tmp_path / "pdf", tmp_path / "profile")
    data = pdf.read_bytes()
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) == 1
    (box,) = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
    width, height = (float(v) for v in box)
    assert (round(width), round(height)) == (842, 595)  # A4 in points, landscape
