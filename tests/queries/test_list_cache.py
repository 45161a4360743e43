"""``list`` answered from the registry's cache: the same bytes, and a miss whenever anything changed.

Each test works on its own copy of the shipped registry with its own cache (conftest): the first ``list``
computes, the second reads back. Whether it read back is seen by the rows listed from the registry
(:func:`cgtask.queries.listing.list_items`), counted by a spy.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask import api
from cgtask.cli.app import app
from cgtask.errors import UsageError
from cgtask.queries import list_cache
from cgtask.registry import files
from cgtask.registry.files import shipped_registry

SUPERVISION = api.ListFilter(dept="监督科")
TASKS = Path("documents") / "tasks-2022.yaml"


@pytest.fixture
def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped registry whose files count as settled: their times alone stamp them."""
    monkeypatch.setattr(files, "RACY_SECONDS", 0)
    return Path(shutil.copytree(shipped_registry(), tmp_path / "registry"))


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[api.ListFilter]:
    """Each question the registry's rows were listed for (not read back)."""
    asked: list[api.ListFilter] = []
    listed = list_cache.list_items

    def spy(view: object, query: api.ListFilter) -> object:
        asked.append(query)
        return listed(view, query)  # type: ignore[arg-type]

    monkeypatch.setattr(list_cache, "list_items", spy)
    return asked


def _json(root: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["list", *args, "--format", "json", "-r", str(root)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_answer_read_back_is_the_answer_computed_byte_for_byte(
    registry: Path, computed: list[api.ListFilter]
) -> None:
    first = _json(registry, "--dept", "监督科")
    assert _json(registry, "--dept", "监督科") == first
    assert len(computed) == 1
    table = CliRunner().invoke(app, ["list", "--dept", "监督科", "-r", str(registry)]).stdout
    assert CliRunner().invoke(app, ["list", "--dept", "监督科", "-r", str(registry)]).stdout == table


def test_another_question_is_listed_again(registry: Path, computed: list[api.ListFilter]) -> None:
    supervision = api.list_tasks(registry, SUPERVISION)
    office = api.list_tasks(registry, api.ListFilter(dept="办公室"))
    assert office != supervision
    assert len(computed) == 2


def test_an_edited_document_is_listed_again(registry: Path, computed: list[api.ListFilter]) -> None:
    before = api.list_tasks(registry, SUPERVISION)
    table = registry / TASKS
    text = table.read_text(encoding="utf-8")
    assert "lead: [监督科]" in text
    table.write_text(text.replace("lead: [监督科]", "lead: [办公室]", 1), encoding="utf-8")
    after = api.list_tasks(registry, SUPERVISION)
    assert len(computed) == 2
    assert len(after) < len(before)


def test_a_new_document_is_listed(registry: Path, computed: list[api.ListFilter]) -> None:
    before = api.list_tasks(registry, api.ListFilter())
    copy = (registry / TASKS).read_text(encoding="utf-8").replace("id: tasks-2022", "id: tasks-2022-b", 1)
    (registry / "documents" / "tasks-2022-b.yaml").write_text(copy, encoding="utf-8")
    after = api.list_tasks(registry, api.ListFilter(doc="tasks-2022-b"))
    assert len(computed) == 2
    assert after
    assert {row["doc"] for row in after} == {"tasks-2022-b"}
    assert before == [
        row for row in api.list_tasks(registry, api.ListFilter()) if row["doc"] != "tasks-2022-b"
    ]


def test_a_new_record_asks_again_and_gets_the_same_rows(
    registry: Path, computed: list[api.ListFilter]
) -> None:
    """The 台账 is one of the registry's files: a record makes the cache miss, though the tasks are the same."""
    before = api.list_tasks(registry, SUPERVISION)
    request = api.DoneRequest(
        item="1", unit="罗店镇中队", activity="街面实效督察", when=date(2022, 3, 8), count=2
    )
    api.record_done(registry, request, today=date(2022, 3, 9), now=datetime(2022, 3, 9, 9))
    assert api.list_tasks(registry, SUPERVISION) == before
    assert len(computed) == 2


def test_a_question_refused_is_refused_again(registry: Path, computed: list[api.ListFilter]) -> None:
    for _ in range(2):
        with pytest.raises(UsageError):
            api.list_tasks(registry, api.ListFilter(dept="监察科"))
    assert len(computed) == 2
