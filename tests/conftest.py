"""Shared fixtures and helpers: an isolated cache, a CLI runner, JSON output, registries built inline."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.registry.files import shipped_registry

REPO = Path(__file__).resolve().parent.parent
# Copies of the source documents, kept in the repository so the tests run from any clone.
SEEDS = REPO / "tests" / "seeds"


# Hypothesis's default deadline fails an example that runs longer than 200 ms: a wall-clock assertion,
# which a loaded machine or a parallel run trips. Properties are checked; speed is measured in bench/.
settings.register_profile("cgtask", deadline=None)
settings.load_profile("cgtask")


@pytest.fixture(scope="session", autouse=True)
def isolated_worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Each test process (each xdist worker) keeps its caches and tools' settings to itself.

    Module-scoped fixtures run before ``isolated_cache``; without this they would write to the user's
    ``~/.cache/cgtask`` (shared by every worker). The user's git configuration stays out of the tests.
    """
    home = tmp_path_factory.mktemp("worker")
    git_config = home / "gitconfig"
    git_config.write_text("", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CGTASK_CACHE_DIR", str(home / "cgtask-cache"))
        patch.setenv("XDG_CACHE_HOME", str(home / "cache"))
        patch.setenv("XDG_CONFIG_HOME", str(home / "config"))
        patch.setenv("GIT_CONFIG_GLOBAL", str(git_config))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        yield


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own cache folder so no test sees another's cached registry."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CGTASK_CACHE_DIR", str(cache))
    monkeypatch.delenv("CGTASK_REGISTRY", raising=False)
    monkeypatch.delenv("CGTASK_DEBUG", raising=False)
    return cache


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def cli_json(runner: CliRunner, *args: str) -> Any:
    """Run ``cgtask ARGS --format json``; it must succeed, and its stdout is parsed."""
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def registry_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped registry."""
    target = tmp_path / "registry"
    shutil.copytree(shipped_registry(), target)
    return target


MINIMAL_ORGANIZATION = """\
bureau:
  name: 测试区城市管理行政执法局
  short_name: 区城管执法局
departments:
  - name: 办公室
  - name: 监督科
  - name: 法制科
units:
  - name: 机动执法中队
    kind: mobile
groups:
  - name: 各科室
    members: departments
"""

MINIMAL_TASKS = """\
kind: task_breakdown
id: tasks-test
title: 测试任务分解表
year: 2022
categories:
  - number: 1
    name: 执法监督
    tasks:
      - id: '1.1'
        title: 落实执法监督
        detail: 落实执法监督。按要求开展监督检查。
        lead: [监督科]
        support: [法制科, 机动执法中队]
      - id: '1.2'
        title: 法制审核
        detail: 法制审核。
        lead: [法制科]
        support: [各科室]
"""


@pytest.fixture
def make_registry(tmp_path: Path) -> Callable[..., Path]:
    """Write a small registry; pass ``tasks=`` or extra ``files={relative path: text or bytes}``."""

    def build(
        tasks: str | bytes = MINIMAL_TASKS,
        organization: str = MINIMAL_ORGANIZATION,
        files: dict[str, str | bytes] | None = None,
    ) -> Path:
        root = tmp_path / "reg"
        (root / "documents").mkdir(parents=True, exist_ok=True)
        contents: dict[str, str | bytes] = {
            "organization.yaml": organization,
            "documents/tasks.yaml": tasks,
            **(files or {}),
        }
        for name, content in contents.items():
            path = root / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return build


# --- a registry with periodic duties, a target and a hand-kept, commented ledger ---------------------------

LEDGER_TASKS = """\
kind: task_breakdown
id: tasks-test
title: 测试任务分解表
year: 2022
categories:
  - number: 1
    name: 执法监督
    tasks:
      - id: '1.1'
        title: 月度督察
        detail: 月度督察。每月开展一次。
        lead: [监督科]
        support: [法制科]
        schedule:
          - level: 区局
            frequency: 每月
      - id: '1.2'
        title: 法制审核
        detail: 法制审核。每周不少于2次，审核合格率≥95%。
        lead: [法制科]
        schedule:
          - level: 区局
            frequency: 每周不少于2次
        targets:
          - text: 审核合格率≥95%
            metric: 合格率
            op: '>='
            value: 95
            unit: '%'
            scope: year
      - id: '1.3'
        title: 中队巡查
        detail: 中队巡查。每月一次。
        lead: [机动执法中队]
        schedule:
          - level: 机动执法中队
            frequency: 每月
"""

# Hand-kept layout on purpose: comments, blank lines, a flow mapping, odd spacing, quoting styles.
LEDGER = """\
# 台账（测试）
kind: ledger     # 类型

entries:
  # 一月
  - item: '1.1'
    doc: tasks-test
    level: 区局
    period: 2022-01
    date: 2022-01-20
    note: "一月督察"   # 引号保留

  - {item: '1.3', doc: tasks-test, level: 机动执法中队, unit: 机动执法中队, period: 2022-02, date: 2022-02-18}
  - item: "1.2"
    doc: tasks-test
    level: 区局
    period: 2022-W09
    date: 2022-03-02
    count: 1
  - item: '1.2'
    doc: tasks-test
    level: 区局
    period: '2022'
    date: 2022-03-05
    count: 0
    value: 96
    metric: 合格率
# 以上为一至三月
"""


@pytest.fixture
def ledger_registry(make_registry: Callable[..., Path]) -> Path:
    return make_registry(tasks=LEDGER_TASKS, files={"ledger.yaml": LEDGER})
