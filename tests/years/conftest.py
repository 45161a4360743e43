"""The two-year registry (2022 recorded, 2023 rolled over), built once per module and copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.years_registry import build_two_year_registry


@pytest.fixture(scope="module")
def two_years_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per module: the shipped registry, a year of 2022 records, 2023's drafts."""
    return build_two_year_registry(tmp_path_factory.mktemp("two-years"))


@pytest.fixture
def two_years(two_years_built: Path, tmp_path: Path) -> Path:
    """A writable copy of the two-year registry for one test."""
    target = tmp_path / "registry"
    shutil.copytree(two_years_built, target)
    return target
