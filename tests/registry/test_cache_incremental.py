"""The incremental cache can only make cgtask faster.

Every edit to any one file is seen by the next command, only that file is read again, and a damaged index or
entry is rebuilt.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cgtask.queries.listing import ListFilter, list_items
from cgtask.registry import loader, store
from cgtask.registry.loader import check_registry, load_registry, open_view
from tests.conftest import LEDGER, LEDGER_TASKS, MINIMAL_ORGANIZATION, MINIMAL_TASKS
from tests.registry.test_basis_checks import WORK_PLAN

PLAN = WORK_PLAN

OTHER = MINIMAL_TASKS.replace("tasks-test", "tasks-other").replace("测试任务分解表", "另一任务分解表")


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The relative paths of the files the loader reads and checks (cache misses), in order."""
    made: list[str] = []
    original = loader.RegistryStore._make_entry

    def spy(self: loader.RegistryStore, path: Path) -> dict[str, Any]:
        made.append(str(path.relative_to(self.files.root)))
        return original(self, path)

    monkeypatch.setattr(loader.RegistryStore, "_make_entry", spy)
    return made


def _titles(root: Path) -> list[str]:
    return [d["title"] for d in load_registry(root)["documents"]]


def _codes(root: Path) -> list[tuple[str, str]]:
    return [(Path(f.file).name, f.code) for f in check_registry(root)]


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_editing_one_document_reads_that_file_only(
    make_registry: Callable[..., Path], parsed: list[str]
) -> None:
    root = make_registry(files={"documents/other.yaml": OTHER})
    assert _titles(root) == ["另一任务分解表", "测试任务分解表"]
    assert sorted(parsed) == ["documents/other.yaml", "documents/tasks.yaml", "organization.yaml"]
    parsed.clear()
    assert _titles(root) == ["另一任务分解表", "测试任务分解表"]
    assert parsed == []  # warm: nothing read
    _edit(root / "documents" / "tasks.yaml", "测试任务分解表", "改过的分解表")
    assert _titles(root) == ["另一任务分解表", "改过的分解表"]
    assert parsed == ["documents/tasks.yaml"]


def test_an_edit_keeping_size_and_mtime_is_seen(make_registry: Callable[..., Path]) -> None:
    root = make_registry(files={"documents/other.yaml": OTHER})
    path = root / "documents" / "other.yaml"
    assert _titles(root)[0] == "另一任务分解表"
    before = path.stat()
    _edit(path, "另一任务分解表", "别的任务分解表")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert _titles(root)[0] == "别的任务分解表"


def test_an_edit_keeping_size_and_mtime_of_a_settled_file_is_seen(
    make_registry: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once a file is no longer racy its content is not read for the stamp: the change time decides."""
    from cgtask.registry import files

    monkeypatch.setattr(files, "RACY_SECONDS", 0)
    root = make_registry(files={"documents/other.yaml": OTHER})
    path = root / "documents" / "other.yaml"
    assert _titles(root)[0] == "另一任务分解表"
    assert all(len(stamp) == 5 for stamp in files.file_stamps(files.registry_files(root)))  # no digest
    before = path.stat()
    _edit(path, "另一任务分解表", "别的任务分解表")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert _titles(root)[0] == "别的任务分解表"


def test_a_racy_file_is_stamped_with_its_content(make_registry: Callable[..., Path]) -> None:
    from cgtask.registry import files

    root = make_registry()
    assert all(len(stamp) == 6 for stamp in files.file_stamps(files.registry_files(root)))  # just written


def test_deleted_new_and_renamed_files_are_seen(
    make_registry: Callable[..., Path], parsed: list[str]
) -> None:
    root = make_registry(files={"documents/other.yaml": OTHER})
    assert len(_titles(root)) == 2
    (root / "documents" / "other.yaml").unlink()
    assert _titles(root) == ["测试任务分解表"]
    (root / "documents" / "third.yaml").write_text(OTHER, encoding="utf-8")
    parsed.clear()
    assert _titles(root) == ["测试任务分解表", "另一任务分解表"]
    assert parsed == ["documents/third.yaml"]
    (root / "documents" / "third.yaml").rename(root / "documents" / "a-first.yaml")
    assert _titles(root) == ["另一任务分解表", "测试任务分解表"]
    assert load_registry(root)["document_files"]["tasks-other"] == "documents/a-first.yaml"


def test_an_organisation_edit_changes_the_other_files_findings(
    make_registry: Callable[..., Path], parsed: list[str]
) -> None:
    root = make_registry()
    assert [code for _, code in _codes(root)] == []
    _edit(root / "organization.yaml", "  - name: 法制科\n", "")
    assert ("tasks.yaml", "E301") in _codes(root)
    assert "documents/tasks.yaml" in parsed  # names are checked against the organisation
    (root / "organization.yaml").write_text(MINIMAL_ORGANIZATION, encoding="utf-8")
    assert _codes(root) == []


def test_checks_across_files_run_again_when_one_file_changes(make_registry: Callable[..., Path]) -> None:
    tasks = MINIMAL_TASKS.replace(
        "        support: [法制科, 机动执法中队]\n", "        support: [法制科]\n        basis: [p2022-1.1]\n"
    )
    root = make_registry(tasks=tasks, files={"documents/plan.yaml": PLAN})
    assert _codes(root) == []
    _edit(root / "documents" / "plan.yaml", "id: p2022-1.1", "id: p2022-1.2")
    assert _codes(root) == [("tasks.yaml", "E701")]  # the task table itself is unchanged
    _edit(root / "documents" / "plan.yaml", "id: p2022-1.2", "id: p2022-1.1")
    assert _codes(root) == []
    (root / "documents" / "zz.yaml").write_text(MINIMAL_TASKS, encoding="utf-8")
    assert ("zz.yaml", "E302") in _codes(root)


def test_the_ledger_is_checked_against_the_documents_as_they_are_now(
    make_registry: Callable[..., Path],
) -> None:
    root = make_registry(tasks=LEDGER_TASKS, files={"ledger.yaml": LEDGER})
    assert ("ledger.yaml", "E801") not in _codes(root)
    _edit(root / "documents" / "tasks.yaml", "id: '1.3'", "id: '1.4'")
    assert ("ledger.yaml", "E801") in _codes(root)


def test_findings_are_named_from_the_working_folder(
    make_registry: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = make_registry(tasks=MINIMAL_TASKS.replace("[监督科]", "[监察科]"))
    monkeypatch.chdir(root)
    assert [f.file for f in check_registry(root)] == ["documents/tasks.yaml"]
    monkeypatch.chdir(root / "documents")
    assert [f.file for f in check_registry(root)] == ["tasks.yaml"]


def _cache_files(cache: Path, kind: str) -> list[Path]:
    files = [p for p in cache.glob("registry-*.json") if f".{kind}" in p.name]
    assert files, f"no {kind} in the cache"
    return files


@pytest.mark.parametrize("kind", ["index", "file-", "data-", "derived-"])
@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b'{"format": 3}\n{}'])
def test_a_damaged_index_or_entry_is_rebuilt(
    make_registry: Callable[..., Path], isolated_cache: Path, kind: str, damage: bytes
) -> None:
    root = make_registry()
    rows = list_items(open_view(root), ListFilter(dept="监督科"))
    for path in _cache_files(isolated_cache, kind):
        path.write_bytes(damage)
    assert list_items(open_view(root), ListFilter(dept="监督科")) == rows
    assert _titles(root) == ["测试任务分解表"]


def test_an_entry_edited_on_disk_is_not_served(
    make_registry: Callable[..., Path], isolated_cache: Path
) -> None:
    root = make_registry()
    assert _titles(root) == ["测试任务分解表"]
    for path in _cache_files(isolated_cache, "data-"):
        path.write_bytes(path.read_bytes().replace("测试任务分解表".encode(), "伪造任务分解表".encode()))
    assert _titles(root) == ["测试任务分解表"]


@pytest.fixture
def kinds_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The kinds of cache entries read (file, data, derived-…), in order."""
    read: list[str] = []
    original = store.read_entry

    def spy(root: Path, ref: store.FileRef, kind: str = "file") -> Any:
        read.append(kind)
        return original(root, ref, kind)

    monkeypatch.setattr(store, "read_entry", spy)
    monkeypatch.setattr(loader, "read_entry", spy)
    return read


def test_a_warm_list_reads_no_document(make_registry: Callable[..., Path], kinds_read: list[str]) -> None:
    root = make_registry(files={"documents/other.yaml": OTHER})
    expected = list_items(open_view(root), ListFilter(dept="监督科"))
    kinds_read.clear()
    assert list_items(open_view(root), ListFilter(dept="监督科")) == expected
    assert "file" not in kinds_read
    assert "data" not in kinds_read


def test_after_one_edit_no_other_document_is_decoded(
    make_registry: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_registry(files={"documents/other.yaml": OTHER})
    assert _codes(root) == []
    read: list[tuple[str, str]] = []
    original = store.read_entry

    def spy(root: Path, ref: store.FileRef, kind: str = "file") -> Any:
        read.append((ref.rel, kind))
        return original(root, ref, kind)

    monkeypatch.setattr(loader, "read_entry", spy)
    _edit(root / "documents" / "tasks.yaml", "测试任务分解表", "改过的分解表")
    assert _codes(root) == []
    assert ("documents/other.yaml", "file") in read  # its findings and references
    assert ("documents/other.yaml", "data") not in read  # not its data


def test_without_the_cache_nothing_is_written(
    make_registry: Callable[..., Path], isolated_cache: Path
) -> None:
    root = make_registry()
    assert load_registry(root, use_cache=False)["documents"][0]["id"] == "tasks-test"
    assert not list(isolated_cache.glob("registry-*"))


def test_workers_find_what_one_process_finds(
    make_registry: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, isolated_cache: Path
) -> None:
    broken = OTHER.replace("[监督科]", "[监察科]")
    root = make_registry(files={"documents/other.yaml": broken, "documents/third.yaml": PLAN})
    alone = check_registry(root)
    for path in isolated_cache.glob("registry-*"):
        path.unlink()
    monkeypatch.setattr(loader, "PARALLEL_BYTES", 0)
    assert check_registry(root) == alone
    assert any(f.code == "E301" for f in alone)


SCHEDULED = MINIMAL_TASKS.replace(
    "        support: [法制科, 机动执法中队]\n",
    "        support: [法制科, 机动执法中队]\n        schedule:\n          - level: 区局\n            frequency: 每月\n",
)


def _due_march(root: Path) -> list[tuple[str, str | None, str]]:
    from cgtask.queries.context import prepare
    from cgtask.queries.duties import DueQuery, due_items

    result = due_items(prepare(open_view(root)), DueQuery(month=3))
    return [(row.item, row.due.isoformat() if row.due else None, row.frequency) for row in result.rows]


def test_a_warm_due_reads_no_document_and_sees_an_edited_schedule(
    make_registry: Callable[..., Path], kinds_read: list[str]
) -> None:
    root = make_registry(tasks=SCHEDULED, files={"documents/other.yaml": OTHER})
    assert _due_march(root) == [("1.1", "2022-03-31", "每月")]
    kinds_read.clear()
    assert _due_march(root) == [("1.1", "2022-03-31", "每月")]
    assert kinds_read == []  # one packed file holds every document's part: no entry per document
    _edit(root / "documents" / "tasks.yaml", "frequency: 每月", "frequency: 按季度")
    assert _due_march(root) == [("1.1", "2022-03-31", "按季度")]
    _edit(root / "documents" / "tasks.yaml", "frequency: 按季度", "frequency: 每半年一次")
    assert _due_march(root) == []


@pytest.mark.parametrize("module", ["schedule/frequency.py", "registry/checks/basis.py", "queries/duties.py"])
def test_the_code_stamp_changes_with_any_module(module: str) -> None:
    """Cached entries hold what the phrase engine, the checks and the queries made of a file."""
    from cgtask.registry import cache

    path = Path(cache.__file__).resolve().parent.parent / module
    before = path.stat()
    cache._code_stamp.cache_clear()
    stamp = cache._code_stamp()
    try:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
        cache._code_stamp.cache_clear()
        assert cache._code_stamp() != stamp
    finally:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        cache._code_stamp.cache_clear()
