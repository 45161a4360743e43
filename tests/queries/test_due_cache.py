"""``due`` answered from the registry's cache: the same bytes and rows, and a miss whenever anything changed.

Each test works on its own copy of the shipped registry with its own cache (conftest), so the first
``due`` computes and the second reads back.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask import api
from cgtask.cli.app import app
from cgtask.queries.due_cache import CachedDue
from cgtask.registry import files
from cgtask.registry.files import shipped_registry

MARCH = api.DueQuery(month=3)
PLAN = Path("documents") / "supervision-2022.yaml"


@pytest.fixture
def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped registry whose files count as settled: their times alone stamp them.

    (A file changed in the last seconds is stamped with its content too, so the copy's stamps would change
    once it settles, and the second answer be computed again — rightly, but not what these tests look at.)
    """
    monkeypatch.setattr(files, "RACY_SECONDS", 0)
    return Path(shutil.copytree(shipped_registry(), tmp_path / "registry"))


def _due(root: Path, query: api.DueQuery = MARCH) -> api.DueResult:
    return api.due(root, query)


def _lines(root: Path, query: api.DueQuery = MARCH) -> list[str]:
    return list(_due(root, query).json_lines())


def test_the_second_answer_is_read_back(registry: Path) -> None:
    _due(registry)
    assert "rows" not in _due(registry).__dict__  # nothing computed: the rows were not even decoded


def test_the_answer_read_back_writes_the_same_json(registry: Path) -> None:
    first = _lines(registry)
    assert _lines(registry) == first


def test_its_rows_decode_to_the_rows_computed(registry: Path) -> None:
    computed = _due(registry).rows
    assert _due(registry).rows == computed


def test_its_labels_warnings_and_count_are_the_answers(registry: Path) -> None:
    computed = _due(registry)
    cached = _due(registry)
    assert (cached.period_labels, cached.warnings, cached.count) == (
        computed.period_labels,
        computed.warnings,
        computed.count,
    )


def test_a_warning_read_back_still_names_its_parameter(registry: Path) -> None:
    _due(registry)
    notes = [note for note in _due(registry).warnings if hasattr(note, "marked")]
    assert [note.spelled(lambda name: f"--{name}") for note in notes] == [
        "supervision-2022 自 2022年3月7日起施行，此前结束的周期不计"
    ]


def test_another_question_is_not_answered_from_the_cache(registry: Path) -> None:
    _due(registry)
    april = api.DueQuery(month=4)
    assert _lines(registry, april) != _lines(registry)


def test_an_edited_file_is_a_miss(registry: Path) -> None:
    before = _lines(registry)
    plan = registry / PLAN
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("frequency: 每周不少于2次", "frequency: 每周不少于3次", 1), encoding="utf-8")
    after = _due(registry)
    assert (
        isinstance(after, CachedDue) and "rows" not in after.__dict__,
        list(after.json_lines()) == before,
    ) == (
        False,
        False,
    )


def test_the_edit_shows_in_the_answer(registry: Path) -> None:
    _due(registry)
    plan = registry / PLAN
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("frequency: 每周不少于2次", "frequency: 每周不少于3次", 1), encoding="utf-8")
    assert {row.times for row in _due(registry).rows if "每周不少于3次" in row.frequency} == {3}


def test_a_damaged_answer_is_computed_again(registry: Path) -> None:
    first = _lines(registry)
    cache = Path(api.open_registry(registry).stamps[0])  # type: ignore[index]
    from cgtask.registry.cache import cache_file

    answer = cache_file(cache, "due")
    answer.write_bytes(answer.read_bytes()[:-10])
    assert _lines(registry) == first


@pytest.mark.parametrize("fmt", ["json", "table", "csv"])
def test_the_command_prints_the_same_bytes_twice(registry: Path, fmt: str) -> None:
    args = ["due", "--month", "3", "--format", fmt, "-r", str(registry)]
    first = CliRunner().invoke(app, args)
    second = CliRunner().invoke(app, args)
    assert (second.exit_code, second.stdout, second.stderr) == (0, first.stdout, first.stderr)


def test_nothing_due_is_said_from_the_cache_too(registry: Path) -> None:
    args = ["due", "--month", "1", "--level", "区局", "--dept", "法制科", "-r", str(registry)]
    first = CliRunner().invoke(app, args)
    second = CliRunner().invoke(app, args)
    assert (second.stderr, "没有符合条件的到期事项" in second.stderr) == (first.stderr, True)
