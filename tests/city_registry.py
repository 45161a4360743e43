"""A city of three districts built from the shipped registry, as a 市局 would clone them.

- 宝山区 (``districts/baoshan``): the shipped registry with a year of records (``tests/years_registry``);
- 闵行区 (``districts/minhang``): a copy renamed to 闵行区, its 台账 empty — every duty is behind;
- 普陀区 (``districts/putuo``): a copy with one broken line (``BROKEN_LINE`` of supervision-2022.yaml),
  so the district is named and left out while the other two answer.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cgtask.registry.files import LEDGER_FILE, shipped_registry
from cgtask.registry.ledger_file import append_ledger_entries
from tests.years_registry import records_2022

CITY_YAML = """\
kind: city
name: 上海市城市管理行政执法局
districts:
  - name: 宝山区
    path: districts/baoshan
  - name: 闵行区
    path: districts/minhang
  - name: 普陀区
    path: districts/putuo
"""
EMPTY_LEDGER = "kind: ledger\nentries: []\n"


def copy_district(target: Path, district: str) -> Path:
    """The shipped registry copied to ``target``, its bureau renamed to ``district``'s, no schema folder."""
    shutil.copytree(shipped_registry(), target, ignore=shutil.ignore_patterns("schema", "*.lock"))
    organization = target / "organization.yaml"
    text = organization.read_text(encoding="utf-8")
    organization.write_text(text.replace("宝山区", district), encoding="utf-8")
    return target


def _first_street_level(lines: list[str]) -> int:
    return next(n for n, line in enumerate(lines) if line.strip().startswith("- level: 街镇中队"))


PLAN = Path("documents") / "supervision-2022.yaml"
# The line broken in 普陀区: the first obligation of the 街镇中队 level in the shipped plan (1-based).
BROKEN_LINE = _first_street_level((shipped_registry() / PLAN).read_text(encoding="utf-8").split("\n")) + 1


def break_line(registry: Path) -> None:
    """Make one value of supervision-2022.yaml wrong at BROKEN_LINE (a level no organisation has)."""
    plan = registry / PLAN
    lines = plan.read_text(encoding="utf-8").split("\n")
    lines[BROKEN_LINE - 1] = lines[BROKEN_LINE - 1].replace("街镇中队", "街道中队甲")
    plan.write_text("\n".join(lines), encoding="utf-8")


def build_city(root: Path) -> Path:
    """The three-district city described above at ``root``; returns ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "city.yaml").write_text(CITY_YAML, encoding="utf-8")
    baoshan = copy_district(root / "districts" / "baoshan", "宝山区")
    append_ledger_entries(baoshan / LEDGER_FILE, records_2022())
    minhang = copy_district(root / "districts" / "minhang", "闵行区")
    (minhang / LEDGER_FILE).write_text(EMPTY_LEDGER, encoding="utf-8")
    putuo = copy_district(root / "districts" / "putuo", "普陀区")
    break_line(putuo)
    return root


def module_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache folder for a test module of the city (its districts are read cold once), no $CGTASK_REGISTRY.

    A module's own ``isolated_cache`` fixture yields from it, in place of the per-test cache of conftest.
    """
    cache = tmp_path_factory.mktemp("city-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CGTASK_CACHE_DIR", str(cache))
        patch.delenv("CGTASK_REGISTRY", raising=False)
        yield cache
