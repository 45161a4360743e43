"""The 台账 split by month (issue 26): ``ledger split``, writes into month files, no size cliff, one count each."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.errors import WriteError
from cgtask.registry import ledger_split
from cgtask.registry.ledger_chunks import layout
from cgtask.registry.loader import check_registry, load_registry
from tests.conftest import LEDGER, LEDGER_TASKS

RECORD = re.compile(r"^  - .*(?:\n(?:    .*|\s*))*", re.MULTILINE)


def _run(runner: CliRunner, root: Path, *args: str) -> str:
    result = runner.invoke(app, [*args, "-r", str(root)])
    assert result.exit_code == 0, result.output
    return result.output


def _board(runner: CliRunner, root: Path, as_of: str = "2022-12-31") -> list[dict[str, object]]:
    result = runner.invoke(app, ["overdue", "--as-of", as_of, "--format", "json", "-r", str(root)])
    assert result.exit_code in (0, 1), result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def _records(path: Path) -> list[str]:
    """Each record's own text, as the layout cuts it, without the comment lines around it."""
    parts = layout(path.read_text("utf-8"))
    assert parts is not None, path
    return [
        "".join(line for line in chunk.splitlines(keepends=True) if not line.lstrip().startswith("#")).strip()
        for chunk in parts.chunks
    ]


def _flow(number: int, month: int) -> str:
    return (
        f"  - {{id: r-{number:08x}, item: '1.1', doc: tasks-test, level: 区局, period: 2022-{month:02d},"
        f" date: 2022-{month:02d}-{number % 27 + 1:02d}, note: 生成{number}}}\n"
    )


@pytest.fixture
def grown(make_registry: Callable[..., Path]) -> Path:
    """A registry whose ledger.yaml holds the hand-kept records and 60 more over the year, out of date order."""
    extra = "".join(_flow(n, (n * 5) % 12 + 1) for n in range(60))
    return make_registry(tasks=LEDGER_TASKS, files={"ledger.yaml": LEDGER + extra})


def test_split_moves_every_record_byte_for_byte_and_the_board_is_unchanged(
    runner: CliRunner, grown: Path
) -> None:
    before = _board(runner, grown)
    records = _records(grown / "ledger.yaml")
    result = runner.invoke(app, ["ledger", "split", "-r", str(grown)])
    assert result.exit_code == 0, result.output
    assert (
        f"已把 ledger.yaml 的 {len(records)} 条记录按完成日期移入 ledger/ 下 12 个月份文件" in result.output
    )
    assert not (grown / "ledger.yaml").exists()
    files = sorted((grown / "ledger").glob("*.yaml"))
    assert [f.stem for f in files] == [f"2022-{m:02d}" for m in range(1, 13)]
    moved = [record for path in files for record in _records(path)]
    assert sorted(moved) == sorted(records)  # none lost, none added, each the same bytes
    for path in files:  # within a month, the file's order
        month = [r for r in records if f"date: {path.stem}-" in r]
        assert _records(path) == month
    every = "".join(path.read_text("utf-8") for path in files)
    assert every.count("# 以上为一至三月") == every.count("# 一月") == every.count("# 台账（测试）") == 1
    assert "ledger/*.yaml merge=union" in (grown / ".gitattributes").read_text("utf-8")
    assert _board(runner, grown) == before
    assert [f for f in check_registry(grown) if f.severity == "error"] == []
    again = runner.invoke(app, ["ledger", "split", "-r", str(grown)])
    assert again.exit_code == 2
    assert "台账已按月拆分" in again.output


def test_writes_go_to_the_month_of_the_record_and_undo_edit_work_across_files(
    runner: CliRunner, grown: Path
) -> None:
    _run(runner, grown, "ledger", "split")
    april = (grown / "ledger" / "2022-04.yaml").read_bytes()
    _run(runner, grown, "done", "1.1", "--date", "2022-11-08", "--note", "十一月登记")
    assert (grown / "ledger" / "2022-04.yaml").read_bytes() == april
    assert "十一月登记" in (grown / "ledger" / "2022-11.yaml").read_text("utf-8")
    records = json.loads(_run(runner, grown, "ledger", "list", "--format", "json"))
    first = next(r for r in records if r["id"] == "r-00000000")  # dated in January
    _run(runner, grown, "ledger", "undo", first["id"])
    refused = runner.invoke(app, ["ledger", "undo", first["id"], "-r", str(grown)])
    assert refused.exit_code != 0
    assert "已经撤销过" in refused.output
    _run(runner, grown, "ledger", "edit", "r-00000001", "--note", "更正")
    listed = json.loads(_run(runner, grown, "ledger", "list", "--all", "--format", "json"))
    states = {r["id"]: r["state"] for r in listed}
    assert states["r-00000000"] == "withdrawn"
    assert states["r-00000001"] == "corrected"
    assert [r["note"] for r in listed if r["state"] == "live" and r["date"] == "2022-06-02"] == ["更正"]
    assert [f for f in check_registry(grown) if f.severity == "error"] == []


def test_a_closed_year_stays_closed_after_the_split_and_is_closed_per_file(
    runner: CliRunner, grown: Path
) -> None:
    _run(runner, grown, "ledger", "close", "2022")
    _run(runner, grown, "ledger", "split")
    assert "closed: [2022]" in (grown / "ledger" / "2022-12.yaml").read_text("utf-8")
    refused = runner.invoke(app, ["done", "1.1", "--date", "2022-05-06", "-r", str(grown)])
    assert refused.exit_code != 0
    assert "已结账" in refused.output
    assert load_registry(grown, use_cache=False)["ledger"]["closed"] == [2022]


def test_closing_a_year_of_a_split_ledger_marks_each_of_its_files(runner: CliRunner, grown: Path) -> None:
    _run(runner, grown, "ledger", "split")
    _run(runner, grown, "ledger", "close", "2022")
    for path in (grown / "ledger").glob("2022-*.yaml"):
        head = path.read_text("utf-8").split("entries:")[0]
        assert "closed: [2022]" in head, path
    again = runner.invoke(app, ["ledger", "close", "2022", "-r", str(grown)])
    assert "早已结账" in again.output
    refused = runner.invoke(app, ["done", "1.1", "--date", "2022-05-06", "-r", str(grown)])
    assert refused.exit_code != 0


def test_a_failed_split_leaves_ledger_yaml_as_it_was(grown: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cgtask.support import atomic

    original = (grown / "ledger.yaml").read_bytes()
    written: list[Path] = []
    real = atomic.write_bytes_atomic

    def failing(path: Path, data: bytes) -> None:
        if len(written) == 3:
            raise WriteError("磁盘空间不足")
        written.append(path)
        real(path, data)

    monkeypatch.setattr(atomic, "write_bytes_atomic", failing)
    with pytest.raises(WriteError):
        ledger_split.split_ledger(grown)
    assert (grown / "ledger.yaml").read_bytes() == original
    assert not (grown / "ledger").exists()
    assert not [p for p in grown.iterdir() if p.name.startswith(".ledger-split")]


def test_ledger_yaml_beside_the_split_files_warns_and_a_second_split_adds_nothing_twice(
    runner: CliRunner, grown: Path
) -> None:
    kept = (grown / "ledger.yaml").read_bytes()
    _run(runner, grown, "ledger", "split")
    texts = {p.name: p.read_bytes() for p in (grown / "ledger").glob("*.yaml")}
    (grown / "ledger.yaml").write_bytes(kept)  # a crash between the rename and the removal
    assert "W802" in {f.code for f in check_registry(grown)}
    output = _run(runner, grown, "ledger", "split")
    assert "已在对应月份文件中，未重复写入" in output
    assert {p.name: p.read_bytes() for p in (grown / "ledger").glob("*.yaml")} == texts


def test_a_large_ledger_warns_and_is_never_a_stop(
    runner: CliRunner, make_registry: Callable[..., Path]
) -> None:
    note = "长" * 1990  # 6 kB a record (a note holds at most 2000 characters): 900 records pass 5 MB
    lines = "".join(_flow(n, n % 12 + 1).replace(f"note: 生成{n}", f"note: {note}{n}") for n in range(900))
    root = make_registry(tasks=LEDGER_TASKS, files={"ledger.yaml": "kind: ledger\nentries:\n" + lines})
    assert (root / "ledger.yaml").stat().st_size > 5 * 1024 * 1024
    result = runner.invoke(app, ["check", "-r", str(root)])
    assert result.exit_code == 0, result.output
    assert "W801" in result.output
    assert "cgtask ledger split" in result.output
    _run(runner, root, "done", "1.1", "--date", "2022-12-09")
    assert len(load_registry(root)["ledger"]["entries"]) == 901


def test_duplicates_of_a_union_merge_are_placed_at_their_lines_and_counted_once(
    runner: CliRunner, grown: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cgtask.registry import loader

    _run(runner, grown, "ledger", "split")
    may = grown / "ledger" / "2022-05.yaml"
    once = may.read_text("utf-8") + (
        "  - {id: r-w20, item: '1.2', doc: tasks-test, level: 区局, period: 2022-W20, date: 2022-05-18}\n"
    )
    may.write_text(once)
    before = _board(runner, grown, "2022-06-30")  # week 20 of 每周不少于2次: 1 of 2
    may.write_text(once + once.splitlines(keepends=True)[-1])
    assert _board(runner, grown, "2022-06-30") == before  # the copy counts once
    may.write_text(once + once.splitlines(keepends=True)[-1].replace("r-w20", "r-w20b"))
    assert _board(runner, grown, "2022-06-30") != before  # a second record does count
    may.write_text(once)
    march = grown / "ledger" / "2022-03.yaml"
    text = march.read_text("utf-8")
    twice = next(line for line in text.splitlines(keepends=True) if line.startswith("  - {id: "))
    march.write_text(
        text + twice + "  - {item: '1.1', doc: no-such-doc, level: 区局, period: 2022-03, date: 2022-03-04}\n"
    )

    def no_located_parse(*args: object) -> None:
        raise AssertionError("a finding of a regular 台账 file is placed without a located parse")

    monkeypatch.setattr(loader._Located, "at", no_located_parse)
    findings = {f.code: f for f in check_registry(grown)}
    lines = march.read_text("utf-8").splitlines()
    assert findings["E802"].file.endswith("2022-03.yaml")
    assert lines[findings["E802"].line - 1] == twice.rstrip("\n")
    assert lines[findings["E802"].line - 1][findings["E802"].col - 1 :].startswith("r-")
    assert lines[findings["E801"].line - 1][findings["E801"].col - 1 :].startswith("no-such-doc")
    first = lines.index(twice.rstrip("\n")) + 1
    assert f"2022-03.yaml 第 {first} 行和" in findings["E802"].message


GIT = ["git", "-c", "user.name=测试", "-c", "user.email=t@example.invalid", "-c", "init.defaultBranch=main"]


def _git(cwd: Path, *args: str) -> None:
    done = subprocess.run([*GIT, *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_two_clones_writing_to_the_split_files_merge_without_conflict(
    runner: CliRunner, ledger_registry: Path, tmp_path: Path
) -> None:
    grown = ledger_registry  # records of January to March: May is a new file in both clones
    _run(runner, grown, "ledger", "split")
    _git(grown, "init", "-q")
    _git(grown, "add", "-A")
    _git(grown, "commit", "-qm", "拆分后的台账")
    first, second = tmp_path / "first", tmp_path / "second"
    for clone in (first, second):
        _git(tmp_path, "clone", "-q", str(grown), str(clone))
    _run(runner, first, "done", "1.1", "--date", "2022-03-08", "--note", "甲三月")
    _run(runner, second, "done", "1.1", "--date", "2022-03-09", "--note", "乙三月")
    _run(runner, first, "done", "1.1", "--date", "2022-05-05", "--note", "甲新月份")
    _run(runner, second, "done", "1.1", "--date", "2022-05-06", "--note", "乙新月份")
    for clone in (first, second):
        _git(clone, "add", "-A")
        _git(clone, "commit", "-qm", f"{clone.name} 登记")
    _git(first, "pull", "-q", "--no-rebase", "--no-edit", str(second), "HEAD")
    for path in (first / "ledger").glob("*.yaml"):
        assert "<<<<<<<" not in path.read_text("utf-8")
    assert [f for f in check_registry(first) if f.severity == "error"] == []
    notes = [e.get("note") for e in load_registry(first, use_cache=False)["ledger"]["entries"]]
    assert {"甲三月", "乙三月", "甲新月份", "乙新月份"} <= set(notes)
    assert len(notes) == len(load_registry(grown, use_cache=False)["ledger"]["entries"]) + 4
    assert (first / "ledger" / "2022-05.yaml").exists()


@pytest.mark.parametrize("split", [False, True])
def test_the_check_after_done_parses_no_record(
    runner: CliRunner, grown: Path, monkeypatch: pytest.MonkeyPatch, split: bool
) -> None:
    from cgtask.registry import ledger_chunks

    if split:
        _run(runner, grown, "ledger", "split")
    check_registry(grown)  # warm
    _run(runner, grown, "done", "1.1", "--date", "2022-12-09", "--note", "新的一条")
    _run(runner, grown, "done", "1.1", "--date", "2022-08-09", "--note", "新月份的第一条")
    ledger_chunks._MEMO.forget()  # as the next process: the records come from the cache file

    def no_parse(*args: object) -> None:
        raise AssertionError("the records written by done are cached by done")

    monkeypatch.setattr(ledger_chunks, "parse_records", no_parse)
    assert [f for f in check_registry(grown) if f.severity == "error"] == []
    notes = [e["note"] for e in load_registry(grown)["ledger"]["entries"]]
    assert "新的一条" in notes
    assert "新月份的第一条" in notes
    monkeypatch.undo()
    ledger_chunks._MEMO.forget()
    assert load_registry(grown, use_cache=False)["ledger"] == load_registry(grown)["ledger"]


def test_the_closed_years_are_read_from_the_head_only_when_nothing_else_can_close() -> None:
    from cgtask.registry.ledger_chunks import head_closed

    assert head_closed("kind: ledger\nclosed: [2022, 2023]\nentries:\n  - {a: 1}\n") == (2022, 2023)
    assert head_closed("kind: ledger\nentries:\n  - {a: 1}\n") == ()
    assert head_closed("kind: ledger\nentries:\n  - {a: 1}\nclosed: [2022]\n") is None  # a parse decides
    assert head_closed("kind: ledger\nclosed: [1999]\nentries:\n  - {a: 1}\n") is None  # the model refuses it


def test_an_empty_ledger_is_not_split(runner: CliRunner, make_registry: Callable[..., Path]) -> None:
    root = make_registry(tasks=LEDGER_TASKS, files={"ledger.yaml": "kind: ledger\nentries: []\n"})
    result = runner.invoke(app, ["ledger", "split", "-r", str(root)])
    assert result.exit_code == 2
    assert "还没有记录，无需拆分" in result.output
    assert (root / "ledger.yaml").read_text("utf-8") == "kind: ledger\nentries: []\n"
    assert not (root / "ledger").exists()
