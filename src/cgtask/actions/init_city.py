"""``cgtask init --city``: a 市局's folder, its ``city.yaml`` naming each district's registry.

A 市局 clerk has the districts' repositories cloned (as git submodules inside the folder, or side by side
with it) and wants the one file that puts them together. The districts are either named on the command
line (``宝山区=../baoshan``, or just the path) or found: the folders holding a registry
(``organization.yaml``) inside the city folder, two levels deep (``districts/baoshan``), else beside it.
A district named by its path alone takes the name its own registry gives its bureau (上海市宝山区城市管理
行政执法局 → 宝山区). The file is written only when every district is a registry and every name is unique,
so the folder then checks clean; an existing ``city.yaml`` is replaced only when asked.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from cgtask.errors import UsageError, param
from cgtask.registry.city import CITY_FILE
from cgtask.registry.files import ORGANIZATION_FILE
from cgtask.support.atomic import write_bytes_atomic

# Where a bureau's own name ends and its district begins: the words of the bureau's trade.
_TRADE = re.compile(r"(城市管理|城管|综合行政执法|综合执法|行政执法)")
# One administrative unit, shortest first: 上海市 | 浦东新区 | 宝山区 | 滕州市 | 崇明县.
_UNIT = re.compile(r".+?(?:自治县|新区|区|县|市|旗)")


@dataclass(frozen=True, kw_only=True)
class CityRequest:
    """What the clerk asked for: the 市局's full name and the districts, each ``名称=路径`` or a path.

    Paths are as typed, from ``cwd`` (the working folder); none means the districts are found.
    """

    name: str
    districts: list[str] = field(default_factory=list)
    force: bool = False
    cwd: Path = field(default_factory=Path.cwd)


@dataclass(frozen=True)
class CityDistrict:
    """One district as written: its name, its path in city.yaml, and the bureau its registry names."""

    name: str
    path: str
    bureau: str | None


@dataclass(frozen=True)
class CityWritten:
    """The city.yaml written, the 市局, its districts, and whether they were found rather than named."""

    path: Path
    name: str
    districts: list[CityDistrict]
    found: bool


def init_city(target: Path, request: CityRequest) -> CityWritten:
    """Write ``target/city.yaml`` for ``request``; nothing is written when anything is wrong."""
    name = request.name.strip()
    if not name:
        raise UsageError(f"建立市局目录需要市局全称，例如 {param('city')} 上海市城市管理行政执法局")
    target = (request.cwd / target).resolve()
    _check_target(target, force=request.force)
    named = [_named(spec, request.cwd) for spec in request.districts]
    folders = named or [(None, folder) for folder in found_registries(target)]
    if not folders:
        raise UsageError(
            f"在 {target} 的子目录（两层以内）和旁边的目录中都没有找到区局登记册（含 {ORGANIZATION_FILE} 的目录）；"
            f"请先克隆各区的仓库，或用 {param('district')} 名称=路径 逐个写明"
        )
    districts = _unique([_district(given, folder, target) for given, folder in folders])
    target.mkdir(parents=True, exist_ok=True)
    path = target / CITY_FILE
    write_bytes_atomic(path, city_text(name, districts).encode("utf-8"))
    return CityWritten(path, name, districts, found=not named)


def _check_target(target: Path, *, force: bool) -> None:
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} 已存在且不是目录")
    existing = target / CITY_FILE
    if (existing.exists() or existing.is_symlink()) and not force:
        raise UsageError(f"{existing} 已存在，未改动；确认要重写请加 {param('force')}")
    if (target / ORGANIZATION_FILE).exists():
        raise UsageError(
            f"{target} 是一个区局登记册（有 {ORGANIZATION_FILE}）；市局目录应另建，把各区登记册放在其中或旁边"
        )


def _named(spec: str, cwd: Path) -> tuple[str | None, Path]:
    """``名称=路径`` or a bare path, the path from the working folder; refused when it holds no registry."""
    name, equals, path = spec.partition("=")
    if not equals:  # a bare path: the district is named by its registry
        name, path = "", name
    folder = (cwd / path.strip()).resolve() if path.strip() else None
    if folder is None:
        raise UsageError(f"“{spec}”没有写登记册的位置；应写作 名称=路径，例如 宝山区=../baoshan")
    if not (folder / ORGANIZATION_FILE).is_file():
        raise UsageError(
            f"“{spec}”：{folder} 中没有区局登记册（{ORGANIZATION_FILE}）；"
            "请先克隆该区的仓库（git clone，或 git submodule update --init）"
        )
    return name.strip() or None, folder


def found_registries(target: Path) -> list[Path]:
    """The registries in ``target`` two levels deep (districts/baoshan), else those beside it, by path."""
    inside = [folder for folder in _folders(target, depth=2) if _is_registry(folder)]
    if inside:
        return inside
    if not target.parent.is_dir():
        return []
    beside = _folders(target.parent, depth=1)
    return [folder for folder in beside if folder != target and _is_registry(folder)]


def _folders(root: Path, depth: int) -> list[Path]:
    """Every folder under ``root`` down to ``depth`` levels, hidden ones and registries' insides skipped."""
    if not root.is_dir():
        return []
    found: list[Path] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        found.append(folder)
        if depth > 1 and not _is_registry(folder):
            found += _folders(folder, depth - 1)
    return found


def _is_registry(folder: Path) -> bool:
    return (folder / ORGANIZATION_FILE).is_file() and not (folder / CITY_FILE).exists()


def _district(given: str | None, folder: Path, target: Path) -> CityDistrict:
    bureau = bureau_name(folder)
    name = given or district_of(bureau) or folder.name
    return CityDistrict(name, Path(os.path.relpath(folder, target)).as_posix(), bureau)


def bureau_name(folder: Path) -> str | None:
    """The bureau's full name in the registry at ``folder`` (``bureau.name``), or None when unreadable."""
    from cgtask.registry.yaml_io import read_yaml

    data = read_yaml(folder / ORGANIZATION_FILE, located=False).data
    bureau = data.get("bureau") if isinstance(data, dict) else None
    name = bureau.get("name") if isinstance(bureau, dict) else None
    return name.strip() or None if isinstance(name, str) else None


def district_of(bureau: str | None) -> str | None:
    """The district a bureau's name is of: its last administrative unit before the trade's words.

    上海市宝山区城市管理行政执法局 → 宝山区; 上海市浦东新区城市管理行政执法局 → 浦东新区; None when the name
    holds no such unit (the folder's name is used then).
    """
    if not bureau:
        return None
    place = _TRADE.split(bureau, maxsplit=1)[0]
    units = _UNIT.findall(place)
    return units[-1] if units else None


def _unique(districts: list[CityDistrict]) -> list[CityDistrict]:
    """The districts, refused when two share a name or a folder (city.yaml would not check: E901)."""
    for key, what in (("name", "区名"), ("path", "登记册")):
        seen: dict[str, CityDistrict] = {}
        for district in districts:
            value = str(getattr(district, key))
            other = seen.setdefault(value, district)
            if other is not district:
                raise UsageError(
                    f"{other.path} 与 {district.path} 的{what}相同（“{value}”）；"
                    f"请用 {param('district')} 名称=路径 分别写明各区"
                )
    return districts


def city_text(name: str, districts: list[CityDistrict]) -> str:
    """city.yaml as written: a comment saying what it is, the 市局's name, each district and its path."""
    lines = [
        "# 市局目录：各区的登记册汇总在一起。在本目录运行的 list、due、overdue、progress、site、render report",
        "# 都在各区之间汇总；增减区、改区名时直接改这里，改完运行 cgtask check。",
        "kind: city",
        f"name: {_scalar(name)}",
        "districts:  # 区名和该区登记册的位置（相对于本文件）：git 子模块或并列的克隆",
    ]
    for district in districts:
        lines += [f"  - name: {_scalar(district.name)}", f"    path: {_scalar(district.path)}"]
    return "\n".join(lines) + "\n"


def _scalar(text: str) -> str:
    """``text`` as a YAML value: plain when it reads back as the same string, else double-quoted."""
    from cgtask.registry.yaml_io import read_part

    plain = "\n" not in text and read_part(f"value: {text}\n", CITY_FILE).data == {"value": text}
    return text if plain else json.dumps(text, ensure_ascii=False)
