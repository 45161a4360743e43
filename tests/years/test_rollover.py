"""``cgtask rollover``: next year's drafts beside this year's, and a closed year's ledger kept read-only."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask import api
from cgtask.cli.app import app
from cgtask.errors import UsageError, WriteError
from cgtask.registry.yaml_edit import dump_edited, load_for_edit


def test_the_shipped_documents_round_trip_unchanged() -> None:
    """What rollover does not edit stays byte for byte (comments, quotes, layout)."""
    from cgtask.registry.files import shipped_registry

    for path in sorted((shipped_registry() / "documents").glob("*-2022.yaml")):
        text = path.read_text(encoding="utf-8")
        assert dump_edited(load_for_edit(text, path.name)) == text, path.name


def test_rollover_writes_drafts_with_new_ids_years_and_no_issuing_data(two_years_built: Path) -> None:
    registry = api.open_registry(two_years_built)
    tasks, plan = registry.document("tasks-2023"), registry.document("supervision-2023")
    assert (tasks["year"], plan["year"]) == (2023, 2023)
    assert tasks["title"] == "区城管执法局2023年度工作任务分解表"
    assert plan["title"] == "宝山区城管执法系统2023年执法监督工作方案"
    assert (tasks["draft"], plan["draft"]) == (True, True)
    assert (tasks["follows"], plan["follows"]) == ("tasks-2022", "supervision-2022")
    header = plan["header"]
    assert header["doc_number"] is None
    assert header["date"] is None
    assert header["print_date"] is None
    assert header["title"] == "关于印发《宝山区城管执法系统2023年执法监督工作方案》的通知"
    assert header["issuer"] == "上海市宝山区城市管理行政执法局"
    assert header["copies"] == 13


def test_obligations_and_responsibilities_carry_over_as_they_stand(two_years_built: Path) -> None:
    registry = api.open_registry(two_years_built)
    old, new = registry.document("supervision-2022"), registry.document("supervision-2023")
    for before, after in zip(old["items"], new["items"], strict=True):
        assert after["responsible"] == before["responsible"]
        assert [o["frequency"] for o in after["obligations"]] == [
            o["frequency"] for o in before["obligations"]
        ]
    old_tasks = {t["id"]: t for c in registry.document("tasks-2022")["categories"] for t in c["tasks"]}
    for category in registry.document("tasks-2023")["categories"]:
        for task in category["tasks"]:
            assert (task["lead"], task["support"]) == (
                old_tasks[task["id"]]["lead"],
                old_tasks[task["id"]]["support"],
            )


def test_year_bound_figures_are_marked_for_review_and_the_year_in_the_wording_moves_on(
    two_years_built: Path,
) -> None:
    tasks = api.open_registry(two_years_built).document("tasks-2023")
    task = next(t for c in tasks["categories"] for t in c["tasks"] if t["id"] == "1.1")
    assert "2023年，完成4个街道" in task["detail"]
    [note] = task["review"]  # a task's review notes are a list (the import's notes go there too)
    assert "完成4个街道“无违建示范街镇”创建工作" in note
    assert "2022年的数字" in note
    unchanged = next(t for c in tasks["categories"] for t in c["tasks"] if t["id"] == "4.3")
    assert unchanged["review"] == []  # no yearly figure, no year named: nothing to settle


def test_check_warns_about_drafts_and_reviews_until_issued(two_years_built: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(two_years_built)])
    assert result.exit_code == 0, result.output
    assert re.search(r"tasks-2023\.yaml:\d+:\d+  W308  警告：文件 tasks-2023 是草稿", result.output)
    assert re.search(r"tasks-2023\.yaml:\d+:\d+  W405  警告：第 1\.1 项“.*”待核对", result.output)
    assert "没有错误" in result.output


def test_the_comments_of_last_years_file_stay_in_the_draft(two_years_built: Path) -> None:
    text = (two_years_built / "documents" / "supervision-2023.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/document.schema.json\n# 2023 年草稿")
    assert "# 每项的 obligations 同时收录附件1" in text
    header = text.split("\nheader:")[1].split("\nbody:")[0]
    assert "doc_number" not in header
    assert "2022-03-07" not in header


def test_a_second_rollover_refuses_to_overwrite_without_force(two_years: Path, runner: CliRunner) -> None:
    before = (two_years / "documents" / "tasks-2023.yaml").read_bytes()
    result = runner.invoke(app, ["rollover", "2023", "-r", str(two_years)])
    assert result.exit_code == 2
    assert "已存在" in result.output
    assert "--force" in result.output
    assert "Traceback" not in result.output
    assert (two_years / "documents" / "tasks-2023.yaml").read_bytes() == before


def _fail_on_second(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make the second call of ``os.<name>`` fail as a full disk would (the registry's cache is warm)."""
    import errno
    import os

    real, calls = getattr(os, name), []

    def failing(*args: object, **kwargs: object) -> object:
        calls.append(args)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_failure_on_the_second_draft_leaves_neither(
    registry_copy: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """The two drafts are one unit: the second failing (written, or renamed into place) leaves no file."""
    documents = registry_copy / "documents"
    before = sorted(p.name for p in documents.iterdir())
    api.open_registry(registry_copy)  # the cache written now, so the drafts are the only files written
    _fail_on_second(monkeypatch, step)
    with pytest.raises(WriteError, match="磁盘空间不足"):
        api.rollover(registry_copy, 2023)
    monkeypatch.undo()
    assert sorted(p.name for p in documents.iterdir()) == before  # no draft, no temporary file
    assert api.rollover(registry_copy, 2023).documents  # and the next try writes both


def test_a_forced_rollover_that_fails_puts_the_old_drafts_back(
    two_years: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = two_years / "documents"
    before = {p.name: p.read_bytes() for p in documents.iterdir()}
    (documents / "supervision-2023.yaml").write_bytes(b"# edited by hand\n" + before["supervision-2023.yaml"])
    edited = {p.name: p.read_bytes() for p in documents.iterdir()}
    api.open_registry(two_years)
    _fail_on_second(monkeypatch, "replace")
    with pytest.raises(WriteError, match="均未写入或改动"):
        api.rollover(two_years, 2023, force=True)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in documents.iterdir()} == edited


def test_rollover_refuses_years_it_cannot_start_from(two_years: Path) -> None:
    with pytest.raises(UsageError, match="没有 2019 年以前"):
        api.rollover(two_years, 2019)
    with pytest.raises(UsageError, match="应晚于"):
        api.rollover(two_years, 2022, since=2022)
    # A mistyped year (2030 for 2024) is not drafted: every query would default to it.
    with pytest.raises(UsageError, match="2030 不是登记册最近一年 2023 的下一年"):
        api.rollover(two_years, 2030)
    assert not list((two_years / "documents").glob("*2030*"))


def test_the_cli_names_what_it_wrote(registry_copy: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["rollover", "2023", "-r", str(registry_copy)])
    assert result.exit_code == 0, result.output
    assert "tasks-2023，沿用 tasks-2022：21 项待复核" in result.output
    assert "supervision-2023，沿用 supervision-2022：2 项待复核" in result.output


# --- a closed year ------------------------------------------------------------------------------------


def _record(registry: Path, when: date) -> dict[str, object]:
    request = api.DoneRequest(
        item="1", doc="supervision-2022", level="区局", activity="街面实效督察", when=when
    )
    return api.record_done(registry, request, today=date(2023, 1, 5), now=datetime(2023, 1, 5, 9))


def test_a_closed_year_refuses_records_and_nothing_is_written(two_years: Path, runner: CliRunner) -> None:
    _record(two_years, date(2022, 12, 28))  # still open: a late December record lands
    result = runner.invoke(app, ["ledger", "close", "2022", "-r", str(two_years)])
    assert result.exit_code == 0, result.output
    assert "2022 年的台账已结账" in result.output
    ledger = two_years / "ledger.yaml"
    before = ledger.read_bytes()
    with pytest.raises(WriteError, match="2022 年的台账已结账"):
        _record(two_years, date(2022, 12, 29))
    assert ledger.read_bytes() == before
    undo = runner.invoke(app, ["ledger", "undo", "r-y2200000", "-r", str(two_years)])
    assert undo.exit_code != 0
    assert "已结账" in undo.output
    assert "Traceback" not in undo.output
    assert ledger.read_bytes() == before


def test_closing_keeps_the_file_and_the_other_years_open(two_years: Path) -> None:
    ledger = two_years / "ledger.yaml"
    assert api.close_year(two_years, 2022) is True
    assert api.close_year(two_years, 2022) is False
    text = ledger.read_text(encoding="utf-8")
    assert text.count("closed: [2022]") == 1
    assert "# 台账：各科室、中队完成任务分解表" in text
    assert api.open_registry(two_years).data["ledger"]["closed"] == [2022]
    written = api.record_done(
        two_years,
        api.DoneRequest(item="1", doc="supervision-2023", level="区局", activity="街面实效督察"),
        today=date(2023, 1, 5),
        now=datetime(2023, 1, 5, 9),
    )
    assert written["period"] == "2023-01"


def test_a_record_of_one_year_never_counts_for_the_other(two_years: Path) -> None:
    with pytest.raises(UsageError, match="不在文件 supervision-2023 的年度"):
        api.record_done(
            two_years,
            api.DoneRequest(item="1", doc="supervision-2023", level="区局", when=date(2022, 12, 30)),
            today=date(2023, 1, 5),
            now=datetime(2023, 1, 5, 9),
        )


def test_decembers_forms_come_back_after_the_rollover_and_not_after_the_closing(
    registry_copy: Path, tmp_path: Path
) -> None:
    from cgtask.interchange.forms.writer import write_form
    from cgtask.interchange.ledger_forms import form_file_name, form_specs
    from cgtask.queries.month_request import MonthRequest
    from tests.probes.forms_util import fill

    spec = form_specs(api.open_registry(registry_copy), MonthRequest(12, unit="吴淞街道中队"))[0]
    form = tmp_path / form_file_name(spec)
    write_form(spec, form)  # sent out in December, before 2023's drafts exist
    fill(form, "整改问题", date=date(2022, 12, 26), quantity=17)
    api.rollover(registry_copy, 2023)
    api.close_year(registry_copy, 2022)
    ledger = registry_copy / "ledger.yaml"
    before = ledger.read_bytes()
    with pytest.raises(WriteError, match="2022 年的台账已结账"):
        api.import_forms(
            registry_copy, [form], today=date(2023, 1, 5), now=datetime(2023, 1, 5, 9), dry_run=True
        )
    (registry_copy / "ledger.yaml").write_text(
        ledger.read_text(encoding="utf-8").replace("closed: [2022]", "closed: []"), encoding="utf-8"
    )
    outcome = api.import_forms(registry_copy, [form], today=date(2023, 1, 5), now=datetime(2023, 1, 5, 9))
    assert outcome.read.ok, [p.format() for p in outcome.read.problems]
    assert [(e["doc"], e["period"], e["quantity"]) for e in outcome.added] == [
        ("supervision-2022", "2022-12", 17)
    ]
    assert ledger.read_bytes() != before


def test_documents_after_the_rollover_cite_the_years_they_count_and_say_a_draft_is_one(
    two_years: Path, runner: CliRunner, tmp_path: Path
) -> None:
    """A 2022 report cites 2022's plans only; a notice citing 2023's unissued drafts says they are drafts."""
    from docx import Document

    report = tmp_path / "report.docx"
    said = runner.invoke(
        app, ["render", "report", "--as-of", "2022-06-30", "-o", str(report), "-r", str(two_years)]
    )
    assert said.exit_code == 0, said.output
    text = "\n".join(p.text for p in Document(str(report)).paragraphs)
    assert (
        "根据《宝山区城管执法系统2022年执法监督工作方案》和《区城管执法局2022年度工作任务分解表》，" in text
    )
    assert "2023" not in text
    notice = tmp_path / "notice.docx"
    args = ["render", "monthly", "--month", "3", "--dept", "监督科", "-o", str(notice), "-r", str(two_years)]
    drafted = runner.invoke(app, args)
    assert drafted.exit_code == 0, drafted.output
    assert "《宝山区城管执法系统2023年执法监督工作方案》仍是草稿（draft: true，尚未印发）" in drafted.output
    issued = runner.invoke(
        app, [*args[:-4], "--year", "2022", "-o", str(tmp_path / "n2022.docx"), *args[-2:]]
    )
    assert issued.exit_code == 0, issued.output
    assert "草稿" not in issued.output
    forms = runner.invoke(
        app, ["form", "--month", "3", "--all", "-o", str(tmp_path / "forms"), "-r", str(two_years)]
    )
    assert forms.exit_code == 0, forms.output
    assert "仍是草稿（draft: true，尚未印发）" in forms.output
