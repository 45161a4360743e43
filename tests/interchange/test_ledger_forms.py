"""The monthly cycle on a copy of the shipped registry: forms out, filled, imported into the ledger."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from ruamel.yaml import YAML
from typer.testing import CliRunner

from cgtask import api
from cgtask.cli.app import app
from cgtask.interchange.forms.layout import COLUMN, FORM_SHEET
from cgtask.interchange.forms.writer import write_form
from cgtask.interchange.ledger_forms import form_file_name, form_specs, import_forms, return_date
from cgtask.queries.month_request import MonthRequest

TODAY = date(2022, 4, 8)


def _entries(registry: Path) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = YAML(typ="safe").load((registry / "ledger.yaml").read_text("utf-8"))[
        "entries"
    ]
    return entries


def _row_of(path: Path, title: str) -> int:
    sheet = load_workbook(path)[FORM_SHEET]
    for row in range(4, sheet.max_row + 1):
        if sheet[f"{COLUMN['title'].letter}{row}"].value == title:
            return row
    raise AssertionError(title)


def _fill(path: Path, title: str, **cells: object) -> None:
    workbook = load_workbook(path)
    sheet = workbook[FORM_SHEET]
    row = _row_of(path, title)
    for key, value in cells.items():
        cell = sheet[f"{COLUMN[key].letter}{row}"]
        assert not cell.protection.locked
        cell.value = value
    workbook.save(path)


def test_forms_out_filled_and_imported_once(registry_copy: Path, tmp_path: Path) -> None:
    registry = api.open_registry(registry_copy)
    specs = form_specs(registry, MonthRequest(3, unit="吴淞街道中队"))
    assert [s.unit for s in specs] == ["吴淞街道中队"]
    assert specs[0].year == 2022
    assert specs[0].return_by == return_date(registry, 2022, 3) == date(2022, 4, 8)  # 5th working day
    titles = {row.title for row in specs[0].rows}
    assert {"街面实效督察", "整改问题", "市级平台实效督察"} <= titles
    path = tmp_path / form_file_name(specs[0])
    write_form(specs[0], path)
    _fill(path, "整改问题", date=date(2022, 3, 29), quantity=17)
    before = len(_entries(registry_copy))
    outcome = import_forms(registry, [path], today=TODAY)
    assert outcome.read.ok
    assert outcome.written
    added = _entries(registry_copy)[before:]
    assert [(e["activity"], e["quantity"], e["period"]) for e in added] == [("整改问题", 17, "2022-03")]
    assert str(added[0]["origin"]).startswith("reg-")
    # The same form again adds nothing.
    again = import_forms(api.open_registry(registry_copy), [path], today=TODAY)
    assert (again.added, again.unchanged, again.written) == ([], 1, False)
    assert len(_entries(registry_copy)) == before + 1


def test_a_corrected_form_withdraws_the_earlier_record(registry_copy: Path, tmp_path: Path) -> None:
    registry = api.open_registry(registry_copy)
    spec = form_specs(registry, MonthRequest(3, unit="吴淞街道中队"))[0]
    path = tmp_path / "form.xlsx"
    write_form(spec, path)
    _fill(path, "整改问题", date=date(2022, 3, 29), quantity=17)
    first = import_forms(registry, [path], today=TODAY).added[0]
    _fill(path, "整改问题", quantity=19)
    corrected = import_forms(api.open_registry(registry_copy), [path], today=TODAY)
    assert corrected.withdrawn == [first["id"]]
    entries = _entries(registry_copy)
    assert entries[-2]["withdraws"] == first["id"]
    assert entries[-1]["quantity"] == 19
    board = api.open_registry(registry_copy)
    from cgtask.queries.context import prepare
    from cgtask.queries.standing import StandingQuery, overdue_items

    rows = overdue_items(
        prepare(board), StandingQuery(date(2022, 4, 6), unit="吴淞街道中队"), detail=True
    ).details
    assert not [r for r in rows if r.title == "整改问题" and r.period == "2022-03"]  # 19 ≥ 16


def test_a_bad_row_writes_nothing_and_names_its_cell(registry_copy: Path, tmp_path: Path) -> None:
    registry = api.open_registry(registry_copy)
    spec = form_specs(registry, MonthRequest(3, unit="吴淞街道中队"))[0]
    path = tmp_path / "form.xlsx"
    write_form(spec, path)
    _fill(path, "整改问题", date=date(2022, 4, 29), quantity=17)
    ledger = (registry_copy / "ledger.yaml").read_bytes()
    outcome = import_forms(registry, [path], today=date(2022, 5, 1))
    assert not outcome.read.ok
    assert not outcome.written
    assert [p.code for p in outcome.read.problems] == ["F112"]
    assert f"form.xlsx!{FORM_SHEET}!" in outcome.read.problems[0].format()
    assert (registry_copy / "ledger.yaml").read_bytes() == ledger


def test_twelve_forms_land_in_one_write(registry_copy: Path, tmp_path: Path) -> None:
    registry = api.open_registry(registry_copy)
    specs = [
        s for s in form_specs(registry, MonthRequest(3)) if s.unit_kind == "中队" and s.unit != "机动执法中队"
    ]
    assert len(specs) == 12
    paths = []
    for spec in specs:
        path = tmp_path / form_file_name(spec)
        write_form(spec, path)
        _fill(path, "整改问题", date=date(2022, 3, 29), quantity=16)
        paths.append(path)
    outcome = import_forms(registry, [tmp_path], today=TODAY)
    assert outcome.read.ok
    assert len(outcome.added) == 12
    assert len({e["unit"] for e in outcome.added}) == 12


def test_a_row_emptied_in_a_corrected_form_withdraws_its_record(registry_copy: Path, tmp_path: Path) -> None:
    registry = api.open_registry(registry_copy)
    spec = form_specs(registry, MonthRequest(3, unit="吴淞街道中队"))[0]
    path = tmp_path / "form.xlsx"
    write_form(spec, path)
    _fill(path, "整改问题", date=date(2022, 3, 29), quantity=17)
    _fill(path, "市级平台实效督察", date=date(2022, 3, 30), quantity=50)
    first = import_forms(registry, [path], today=TODAY).added[0]
    assert first["activity"] == "整改问题"
    _fill(path, "整改问题", date=None, quantity=None)
    emptied = import_forms(api.open_registry(registry_copy), [path], today=TODAY)
    assert emptied.withdrawn == [first["id"]]
    assert _entries(registry_copy)[-1]["withdraws"] == first["id"]


def test_a_blank_copy_of_an_imported_form_withdraws_nothing(
    registry_copy: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """A squad that sends the empty template back by mistake does not erase what it reported before."""
    registry = api.open_registry(registry_copy)
    spec = form_specs(registry, MonthRequest(3, unit="吴淞街道中队"))[0]
    filled, blank = tmp_path / "filled" / "form.xlsx", tmp_path / "blank" / "form.xlsx"
    for path in (filled, blank):
        path.parent.mkdir()
        write_form(spec, path)
    _fill(filled, "整改问题", date=date(2022, 3, 29), quantity=17)
    assert len(import_forms(registry, [filled], today=TODAY).added) == 1
    before = _entries(registry_copy)
    again = import_forms(api.open_registry(registry_copy), [blank], today=TODAY)
    assert (again.added, again.withdrawn, again.written) == ([], [], False)
    assert [(f.unit, f.reported) for f in again.read.forms] == [("吴淞街道中队", 0)]
    assert _entries(registry_copy) == before
    said = runner.invoke(app, ["ledger", "import", str(blank), "--registry", str(registry_copy)])
    assert said.exit_code == 0, said.output
    assert "吴淞街道中队 2022年3月的台账表一行也没有填写，未作任何更改" in said.output
    assert _entries(registry_copy) == before


def test_a_hand_correction_outlives_a_reimport_and_dry_run_names_the_ids(
    registry_copy: Path, tmp_path: Path
) -> None:
    """A correction or a withdrawal made after an import is kept when the same form is imported again.

    Import 17, ledger edit to 19, import the same file again: 19 stays (and the command says why);
    ledger undo, import again: nothing comes back. A dry run lists exactly the ids then written.
    """
    from typer.testing import CliRunner

    from cgtask.cli.app import app

    runner = CliRunner(env={"COLUMNS": "200"})  # the dry run's table with each id on one line
    spec = form_specs(api.open_registry(registry_copy), MonthRequest(3, unit="吴淞街道中队"))[0]
    path = tmp_path / "form.xlsx"
    write_form(spec, path)
    _fill(path, "整改问题", date=date(2022, 3, 29), quantity=17)
    ledger_import = ["ledger", "import", str(path), "-r", str(registry_copy)]
    dry = runner.invoke(app, [*ledger_import, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    before = len(_entries(registry_copy))
    assert runner.invoke(app, ledger_import).exit_code == 0
    written = _entries(registry_copy)[before:]
    assert len(written) == 1, dry.stdout
    assert str(written[0]["id"]) in dry.stdout, dry.stdout

    edit = runner.invoke(
        app, ["ledger", "edit", str(written[0]["id"]), "--quantity", "19", "-r", str(registry_copy)]
    )
    assert edit.exit_code == 0, edit.output
    again = runner.invoke(app, ledger_import)
    assert again.exit_code == 0
    assert "保留更正" in again.stderr
    from cgtask.queries.ledger import RecordFilter

    live = api.ledger_records(
        registry_copy, RecordFilter(item=str(written[0]["item"]), doc=str(written[0]["doc"]))
    )
    assert [(r["unit"], r["quantity"]) for r in live if r.get("origin") == written[0]["origin"]] == [
        ("吴淞街道中队", 19)
    ]

    corrected_id = str(_entries(registry_copy)[-1]["id"])
    assert runner.invoke(app, ["ledger", "undo", corrected_id, "-r", str(registry_copy)]).exit_code == 0
    count = len(_entries(registry_copy))
    assert runner.invoke(app, ledger_import).exit_code == 0
    assert len(_entries(registry_copy)) == count  # the withdrawn row does not come back
