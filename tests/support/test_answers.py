"""A query asked again on unchanged files is replayed; any change to what it read computes it again.

Run as a clerk runs cgtask: ``python -m cgtask`` in a real process, its output in a pipe, real files.
Each "again" below is compared with the same command computed from scratch (``CGTASK_ANSWERS=off``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cgtask.cli.start import is_answerable
from cgtask.support.answers import RACY_SECONDS

BOARD = ["overdue", "--as-of", "2022-03-31", "--format", "json"]
# A script that runs the command as ``python -m cgtask`` does and says whether Typer was loaded.
PROBE = (
    "import json, sys\n"
    "from cgtask.cli.start import main\n"
    "sys.argv = ['cgtask', *json.loads(sys.argv[1])]\n"
    "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
    "sys.stderr.write('\\nTYPER=%s CODE=%s' % ('typer' in sys.modules, code))\n"
)


def cgtask(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cgtask", *args],
        capture_output=True, text=True, cwd=cwd, env={**os.environ, **(env or {})}, check=False,
    )  # fmt: skip


def fresh(*args: str, cwd: Path | None = None) -> str:
    """The command computed from the files, no kept answer consulted or kept."""
    done = cgtask(*args, cwd=cwd, env={"CGTASK_ANSWERS": "off"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def probe(*args: str) -> tuple[str, bool]:
    """stdout, and whether the run loaded Typer (a replayed answer does not)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True, check=False
    )
    tail = done.stderr.rsplit("\n", 1)[-1]
    assert tail.endswith("CODE=0") or tail.endswith("CODE=None"), done.stderr
    return done.stdout, "TYPER=True" in tail


def aged(root: Path) -> Path:
    """``root`` once its files are too old to be racy: their stamps then stay the same from run to run.

    A file written a moment ago is stamped with its digest too, and without it once its times can tell edits
    apart; an answer kept across that moment is computed once more (it only costs speed).
    """
    newest = max(path.stat().st_ctime for path in [root, *root.rglob("*")])
    time.sleep(max(0.0, newest + RACY_SECONDS + 0.2 - time.time()))
    return root


def answers_kept(cache: Path) -> list[Path]:
    return sorted((cache / "answers").glob("*.json"))


def test_the_same_question_is_replayed_without_loading_the_application(registry_copy: Path) -> None:
    args = [*BOARD, "-r", str(aged(registry_copy))]
    first, loaded_first = probe(*args)
    again, loaded_again = probe(*args)
    assert loaded_first
    assert not loaded_again
    assert again == first == fresh(*args)
    assert json.loads(again)  # the board of 31 March has lines


def test_a_record_added_to_the_ledger_changes_the_answer(registry_copy: Path) -> None:
    args = [*BOARD, "-r", str(registry_copy)]
    before = cgtask(*args).stdout
    assert cgtask(*args).stdout == before  # kept
    written = cgtask("done", "1", "--doc", "supervision-2022", "--period", "2022-03", "--date", "2022-03-20",
                     "-r", str(registry_copy))  # fmt: skip
    assert written.returncode == 0, written.stderr
    after, loaded = probe(*args)
    assert loaded  # computed again, not replayed
    assert after != before
    assert after == fresh(*args)


def test_an_edit_of_the_same_size_and_time_changes_the_answer(registry_copy: Path) -> None:
    """A task renamed in place, the file's size and modification time put back: the answer is computed again."""
    args = ["list", "--format", "json", "-r", str(registry_copy)]
    tasks = registry_copy / "documents" / "tasks-2022.yaml"
    text = tasks.read_text(encoding="utf-8")
    before = cgtask(*args).stdout
    assert cgtask(*args).stdout == before
    title = next(line for line in text.splitlines() if line.startswith("        title: "))  # a task's
    edited = text.replace(title, title[:-1] + ("甲" if not title.endswith("甲") else "乙"), 1)
    assert len(edited.encode()) == len(text.encode())
    info = tasks.stat()
    tasks.write_text(edited, encoding="utf-8")
    os.utime(tasks, ns=(info.st_atime_ns, info.st_mtime_ns))
    after = cgtask(*args).stdout
    assert after != before
    assert after == fresh(*args)


def test_a_new_document_changes_the_answer(registry_copy: Path) -> None:
    args = ["list", "--format", "json", "-r", str(registry_copy)]
    before = cgtask(*args).stdout
    assert cgtask(*args).stdout == before
    source = (registry_copy / "documents" / "tasks-2022.yaml").read_text(encoding="utf-8")
    copy = source.replace("id: tasks-2022", "id: tasks-2022-copy", 1)
    (registry_copy / "documents" / "tasks-2022-copy.yaml").write_text(copy, encoding="utf-8")
    after = cgtask(*args).stdout
    assert after == fresh(*args)
    assert len(json.loads(after)) > len(json.loads(before))


def test_a_link_moved_to_another_registry_changes_the_answer(registry_copy: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(registry_copy, other)
    tasks = other / "documents" / "tasks-2022.yaml"
    tasks.write_text(
        tasks.read_text(encoding="utf-8").replace("违法建筑治理", "违法建设治理", 1), encoding="utf-8"
    )
    link = tmp_path / "current"
    link.symlink_to(registry_copy)
    args = ["list", "--format", "json", "-r", str(link)]
    before = cgtask(*args).stdout
    assert cgtask(*args).stdout == before
    link.unlink()
    link.symlink_to(other)
    after = cgtask(*args).stdout
    assert after == fresh(*args)
    assert after != before


def test_a_city_yaml_put_in_the_working_folder_changes_the_answer(
    registry_copy: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "city"
    folder.mkdir()
    args = ["list", "--dept", "监督科", "--format", "json"]
    before = cgtask(*args, cwd=folder).stdout
    assert cgtask(*args, cwd=folder).stdout == before
    (folder / "city.yaml").write_text(
        f"kind: city\nname: 测试市城市管理行政执法局\ndistricts:\n  - name: 甲区\n    path: {registry_copy}\n",
        encoding="utf-8",
    )
    after = cgtask(*args, cwd=folder).stdout
    assert after == fresh(*args, cwd=folder)
    assert all(row["district"] == "甲区" for row in json.loads(after))
    assert "district" not in json.loads(before)[0]


def test_a_failed_query_is_not_kept(isolated_cache: Path) -> None:
    failed = cgtask("overdue", "--as-of", "2022-03-31", "--dept", "没有这个科室", "--format", "json")
    assert failed.returncode != 0
    assert answers_kept(isolated_cache) == []
    assert cgtask(*BOARD).returncode == 0
    assert len(answers_kept(isolated_cache)) == 1


@pytest.mark.parametrize(
    ("args", "answerable"),
    [
        (["overdue", "--format", "json"], True),
        (["due", "--month", "3"], True),
        (["list", "--dept", "监督科"], True),
        (["progress", "--as-of", "2022-03-31"], True),
        (["export", "--format", "json"], False),  # writes a file
        (["done", "1"], False),
        (["overdue", "--help"], False),
        (["overdue", "--debug"], False),
        (["due", "--month", "3", "-o", "x.ics"], False),
        (["due", "--month", "3", "--output=x.ics"], False),
        ([], False),
    ],
)
def test_only_read_only_queries_are_kept(args: list[str], answerable: bool) -> None:
    assert is_answerable(args) is answerable


def test_a_fifo_in_place_of_a_kept_answer_is_passed_over(registry_copy: Path, isolated_cache: Path) -> None:
    args = [*BOARD, "-r", str(aged(registry_copy))]
    first = cgtask(*args).stdout
    (kept,) = answers_kept(isolated_cache)
    kept.unlink()
    os.mkfifo(kept)
    again = subprocess.run(
        [sys.executable, "-m", "cgtask", *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert again.stdout == first
