"""Probes of the second round (issue 24): each failure the wide round found, in its quick form.

The round itself (``probe_round``, 400+ probes over ten surfaces) runs by hand or with
``CGTASK_PROBE_ROUND=1``; these keep every fix in ``make test``.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.errors import RenderError
from cgtask.render.environment import make_environment, render_template
from cgtask.support.atomic import os_reason
from cgtask.support.text import control_characters, escape_controls

DONE = [
    "done",
    "1",
    "--doc",
    "supervision-2022",
    "--level",
    "区局",
    "--period",
    "2022-03",
    "--date",
    "2022-03-08",
]
CHINESE = re.compile("[\u4e00-\u9fff]")


def _refused(result: object, *words: str) -> str:
    output = result.output  # type: ignore[attr-defined]
    assert result.exit_code not in (0, 3), output  # type: ignore[attr-defined]
    assert "内部错误" not in output, output
    assert "Traceback" not in output, output
    for word in words:
        assert word in output, output
    return str(output)


# --- the round's own definition stays valid ---------------------------------------------------------


def test_the_round_has_two_hundred_probes_over_ten_surfaces() -> None:
    from tests.probes.probe_cases import PROBES

    surfaces = Counter(probe.surface for probe in PROBES)
    assert len(surfaces) == 10, surfaces
    assert len(PROBES) >= 200
    assert len({(p.surface, p.name) for p in PROBES}) == len(PROBES)  # each probe is named once


@pytest.mark.skipif(not os.environ.get("CGTASK_PROBE_ROUND"), reason="the wide round: CGTASK_PROBE_ROUND=1")
def test_the_whole_round_finds_nothing() -> None:
    from tests.probes.probe_cases import PROBES
    from tests.probes.probe_round import run_round

    failures = [f"[{o.probe.surface}] {o.probe.name}: {o.failure}" for o in run_round(PROBES) if o.failure]
    assert not failures, "\n".join(failures)


# --- command-line arguments --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--from", "0001-01-01", "--until", "9999-12-31"],
        ["overdue", "--as-of", "9999-12-31"],
        ["progress", "--as-of", "0001-01-01"],
        [*DONE[:-2], "--date", "9999-12-31"],
    ],
)
def test_a_date_outside_the_calendar_years_is_refused(runner: CliRunner, args: list[str]) -> None:
    _refused(runner.invoke(app, args), "1901—2099")


@pytest.mark.parametrize(
    "args",
    [
        ["overdue", "--as-of", "2022-04-01", "--soon", "1000000000"],
        ["calendar", "--ics", "a.ics", "--remind", "1000000000"],
    ],
)
def test_a_count_of_working_days_beyond_the_calendar_is_refused(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _refused(runner.invoke(app, args), "1901—2099")
    assert not Path("a.ics").exists()


@pytest.mark.parametrize("seconds", ["nan", "1e308", "0", "abc"])
def test_a_timeout_must_be_a_sane_number_of_seconds(runner: CliRunner, seconds: str) -> None:
    args = [
        "remind",
        "--dry-run",
        "--webhook",
        "http://127.0.0.1:9/x",
        "--kind",
        "wecom",
        "--timeout",
        seconds,
    ]
    _refused(runner.invoke(app, args), "--timeout")


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["done", "1", "--doc", "", "--date", "2022-03-08"], "--doc"),
        (["done", " ", "--date", "2022-03-08"], "ITEM"),
        (["due", "--dept", ""], "--dept"),
        (["list", "--dept", ""], "--dept"),
        (["export", "--format", "json", "-o", ""], "--output"),
        (["list", "-r", ""], "--registry"),
    ],
)
def test_an_empty_value_is_refused_not_read_as_none(
    runner: CliRunner,
    registry_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    named: str,
) -> None:
    before = (registry_copy / "ledger.yaml").read_bytes()
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    registry = [] if "-r" in args else ["-r", str(registry_copy)]
    _refused(runner.invoke(app, [*args, *registry]), named)
    assert not list(Path().iterdir())
    assert (registry_copy / "ledger.yaml").read_bytes() == before


# --- inert text: the bidirectional overrides, and escapes in YAML ------------------------------------


def test_a_bidirectional_override_is_a_control_character() -> None:
    assert control_characters("完成\u202e成完") == ["U+202E"]
    assert escape_controls("完成\u202e成完\u2066") == "完成\\u202e成完\\u2066"


def test_done_refuses_a_note_with_a_bidirectional_override(runner: CliRunner, registry_copy: Path) -> None:
    before = (registry_copy / "ledger.yaml").read_bytes()
    _refused(runner.invoke(app, [*DONE, "--note", "完成\u202e成完", "-r", str(registry_copy)]), "控制字符")
    assert (registry_copy / "ledger.yaml").read_bytes() == before


ENTRY = "  - id: r-0bad0002\n    item: '1'\n    doc: supervision-2022\n    level: 区局\n    period: 2022-04\n    date: 2022-04-06\n"


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ('    note: "\\e[2J"\n', "E105"),
        ('    note: "\\x9b2J"\n', "E105"),
        ('    note: "完成\\u202e成完"\n', "E105"),
        ("    count: 1001\n", "应不大于 1000"),
        ("    count: 9223372036854775808\n", "应不大于 1000"),
        ("    quantity: 1000001\n", "应不大于 1000000"),
        ("    value: .inf\n", "有限的数"),
        ("    note: " + "字" * 2001 + "\n", "过长"),
    ],
)
def test_a_hand_written_record_is_held_to_the_same_bounds(
    runner: CliRunner, registry_copy: Path, extra: str, said: str
) -> None:
    ledger = registry_copy / "ledger.yaml"
    ledger.write_text(ledger.read_text("utf-8") + ENTRY + extra, "utf-8")
    result = runner.invoke(app, ["check", "-r", str(registry_copy)])
    assert result.exit_code == 1, result.output
    assert said in result.output, result.output
    assert "ledger.yaml:8" in result.output, result.output  # located at the record's line


def test_a_backslash_that_is_no_control_character_is_fine(runner: CliRunner, registry_copy: Path) -> None:
    ledger = registry_copy / "ledger.yaml"
    ledger.write_text(ledger.read_text("utf-8") + ENTRY + "    note: 'C:\\evidence\\x1b'\n", "utf-8")
    assert runner.invoke(app, ["check", "-r", str(registry_copy)]).exit_code == 0


# --- templates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: os.mkfifo(p), "不是普通文件"),
        (lambda p: p.mkdir(), "不是普通文件"),
        (lambda p: p.write_bytes("通知正文".encode("gbk")), "不是 UTF-8"),
        (lambda p: p.write_bytes(b"x" * (1024 * 1024 + 1)), "过大"),
    ],
)
def test_an_unreadable_template_is_refused_never_skipped(tmp_path: Path, make: object, said: str) -> None:
    """Skipping it would quietly use the shipped wording instead of the user's."""
    folder = tmp_path / "tpl"
    folder.mkdir()
    make(folder / "notice.txt.j2")  # type: ignore[operator]
    with pytest.raises(RenderError, match=said) as caught:
        render_template(make_environment([folder, tmp_path / "shipped"]), "notice.txt.j2", {})
    assert "UnicodeDecodeError" not in str(caught.value)


# --- paths and the cache -----------------------------------------------------------------------------


def _list_json(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "cgtask", "list", "--format", "json"]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)


def test_a_cache_folder_that_is_a_link_loop_only_costs_speed(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to("loop")
    done = _list_json(os.environ | {"CGTASK_CACHE_DIR": str(tmp_path / "loop")})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("[")


def test_cache_entries_that_are_folders_are_ignored_and_rebuilt(tmp_path: Path) -> None:
    env = os.environ | {"CGTASK_CACHE_DIR": str(tmp_path / "cache")}
    first = _list_json(env)
    for entry in [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]:
        entry.unlink()
        entry.mkdir()
    again = _list_json(env)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout


def _small_files() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))


@pytest.mark.parametrize(
    "args", [["export", "-o", "big.xlsx"], ["form", "--month", "3", "--all", "-o", "forms"]]
)
def test_a_file_size_limit_while_writing_an_office_file_is_told_in_chinese(
    tmp_path: Path, args: list[str]
) -> None:
    """Openpyxl writes through lxml into temporary files of its own: lxml says IO_EFBIG, not OSError."""
    done = subprocess.run(
        [sys.executable, "-m", "cgtask", *args], cwd=tmp_path, capture_output=True, text=True,
        env=os.environ.copy(), preexec_fn=_small_files, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "文件过大" in done.stderr, done.stderr
    assert "内部错误" not in done.stderr
    assert not (tmp_path / "big.xlsx").exists()
    assert not (tmp_path / "forms").exists()  # every form is built before any is written


def test_an_xml_writers_io_error_has_a_chinese_reason() -> None:
    class SerialisationError(Exception):
        pass

    assert os_reason(SerialisationError("IO_EFBIG")) == "文件过大"
    assert os_reason(SerialisationError("IO_ENOSPC")) == "磁盘空间不足"
    assert os_reason(SerialisationError("something else")) is None
    assert CHINESE.search(os_reason(OSError(9999, "x")) or "")


# --- files from outside ------------------------------------------------------------------------------


def test_the_scan_of_an_office_file_stops_at_its_time_budget(
    registry_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 8 s budget, shown by a budget already spent: the scan stops at its first chunk, in Chinese."""
    from cgtask.support import limits
    from tests.probes.forms_util import filled_form

    form = filled_form(registry_copy, tmp_path)
    monkeypatch.setattr(limits, "TIME_BUDGET_SECONDS", -1.0)
    with pytest.raises(limits.FileLimitError, match="读取超时"):
        limits.check_office_file(form)


def test_a_part_whose_data_belies_its_directory_is_refused(tmp_path: Path) -> None:
    """A part declared as 100 bytes that inflates to 200 MB: zipfile's CRC error becomes a Chinese refusal."""
    from cgtask.support import limits
    from tests.probes.probe_files import _forged_sizes

    path = tmp_path / "forged.xlsx"
    path.write_bytes(_forged_sizes())
    with pytest.raises(limits.FileLimitError, match="已损坏或被篡改"):
        limits.check_office_file(path)


def test_an_indent_over_many_lines_is_refused_before_it_is_built(tmp_path: Path) -> None:
    (tmp_path / "t.j2").write_text("{{ ('x\\n' * 10**5)|indent(10**4) }}", encoding="utf-8")
    with pytest.raises(RenderError, match="indent"):
        render_template(make_environment([tmp_path]), "t.j2", {})


# --- numbers on the command line: done and ledger edit hold the same bounds -----------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["done", "1.1", "--value", "nan", "--date", "2022-03-08"],
        ["done", "1.1", "--value", "1e308", "--date", "2022-03-08"],
        ["done", "1.1", "--value", "-inf", "--date", "2022-03-08"],
        ["ledger", "edit", "r-5c1e0a01", "--count", "1001"],
        ["ledger", "edit", "r-5c1e0a01", "--count", "9223372036854775808"],
        ["ledger", "edit", "r-5c1e0a01", "--of", "-3"],
        ["ledger", "edit", "r-5c1e0a01", "--quantity", "1000001"],
    ],
)
def test_done_and_ledger_edit_refuse_numbers_beyond_the_bounds(
    runner: CliRunner, registry_copy: Path, args: list[str]
) -> None:
    before = (registry_copy / "ledger.yaml").read_bytes()
    _refused(runner.invoke(app, [*args, "-r", str(registry_copy)]), "范围" if "edit" in args else "指标值")
    assert (registry_copy / "ledger.yaml").read_bytes() == before


@pytest.mark.parametrize(("period", "said"), [("2022-W54", "不存在"), ("2022-13", "不存在"), ("xyz", "写法")])
def test_a_hand_written_period_no_item_could_have_is_named(
    runner: CliRunner, registry_copy: Path, period: str, said: str
) -> None:
    """Such a record would count nowhere without a word: check names it (E801)."""
    ledger = registry_copy / "ledger.yaml"
    ledger.write_text(ledger.read_text("utf-8") + ENTRY.replace("2022-04\n", f"{period}\n"), "utf-8")
    result = runner.invoke(app, ["check", "-r", str(registry_copy)])
    assert result.exit_code == 1, result.output
    assert "E801" in result.output
    assert said in result.output
