"""A city folder: ``city.yaml`` naming each district's registry, and the districts opened side by side.

A 市局 keeps no tasks of its own here: each district keeps its registry in its own git repository (a
submodule or a sibling checkout), and the city folder only says where they are. One district that
cannot be read — a missing checkout, a broken file — is named (district and file:line) and left out;
the others still answer.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from cgtask.errors import LeftOutWarning, RegistryError, UsageError
from cgtask.findings import Finding, located
from cgtask.registry.files import ORGANIZATION_FILE, REGISTRY_ENV
from cgtask.registry.view import Registry
from cgtask.support.answers import note_file, note_folder

if TYPE_CHECKING:
    from cgtask.registry.loader import RegistryStore

CITY_FILE = "city.yaml"
MAX_CITY_BYTES = (
    1 << 20
)  # a city.yaml names a few dozen districts: a larger one is read (and refused) as YAML
T = TypeVar("T")


@dataclass(frozen=True)
class CityPlan:
    """What city.yaml says: the 市局, each district's name and the real path of its registry."""

    root: Path
    name: str
    districts: list[tuple[str, Path]]
    findings: list[Finding] = field(
        default_factory=list
    )  # warnings of city.yaml (W901: a district not found)
    missing: list[str] = field(default_factory=list)  # the districts whose registry is not there


@dataclass(frozen=True)
class City:
    """The districts that answer, in city.yaml's order, and the 市局's name."""

    name: str
    root: Path
    districts: list[tuple[str, Registry]]
    left_out: list[str] = field(
        default_factory=list
    )  # one line per district left out, district and file:line
    # Each district left out and why, in a document's words: 静安区 → 登记册未找到 (not cloned), 普陀区 → 登记册有错误.
    reasons: dict[str, str] = field(default_factory=dict)
    folders: dict[str, Path] = field(default_factory=dict)  # each district's registry folder

    @property
    def names(self) -> list[str]:
        """Every district that answers, in order."""
        return [name for name, _ in self.districts]


class CityFileError(RegistryError):
    """city.yaml cannot be used; carries its findings (``cgtask check`` checks a district, not the city)."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(findings)
        errors = sum(1 for f in findings if f.severity == "error")
        self.args = (f"{CITY_FILE} 有 {errors} 处错误，请按上面所列的行号修正",)


class DistrictLeftOut(LeftOutWarning):
    """A district left out of a city's answer; the message names the district and the file:line."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines)
        self.args = ("；".join(lines) + "（其余各区照常；到该区的登记册运行 cgtask check 查看并修正）",)


def city_root(option: Path | None) -> Path | None:
    """The city folder a command runs on: ``--registry``, ``$CGTASK_REGISTRY`` or the working folder.

    None when that folder holds no city.yaml (a district's registry, or the shipped one). The working
    folder counts only for a city: a district's commands keep their default registry.
    """
    chosen = option or (Path(os.environ[REGISTRY_ENV]) if os.environ.get(REGISTRY_ENV) else None)
    folder = chosen or Path.cwd()
    note_folder(folder)  # a city.yaml put here later makes it a city: a kept answer no longer holds
    return folder.resolve() if (folder / CITY_FILE).is_file() else None


def read_city(root: Path) -> CityPlan:
    """city.yaml at ``root``, validated; RegistryError with every finding when it cannot be used.

    A valid city.yaml is kept in the cache under its stamp, so a 市局's next command reads neither
    ruamel nor pydantic for it; and in the pack folders under its content (:func:`_packed_city`), so a fresh
    clone's first command does not either.
    """
    from cgtask.registry.cache import read_payload, write_payload
    from cgtask.registry.files import file_stamp

    note_file(root / CITY_FILE)
    stamps = [file_stamp(root / CITY_FILE, root)]
    cached = read_payload(root, stamps, "city", _is_city_shape)
    if cached is None:
        cached = _packed_city(root)
        write_payload(root, stamps, "city", cached)
    return _plan(root, cached["name"], cached["districts"], cached["lines"])


def _packed_city(root: Path) -> dict[str, object]:
    """city.yaml validated, from a pack of the same content and code when there is one, else validated and packed.

    Only a valid city.yaml is packed; its districts' paths are relative to it, so the pack fits any clone.
    """
    import hashlib

    from cgtask.registry.pack import code_digest, read_section, write_section
    from cgtask.support.paths import read_regular

    content = read_regular(root / CITY_FILE, MAX_CITY_BYTES)
    key = None
    if content is not None:
        key = "city-" + hashlib.blake2b(code_digest().encode() + b"\0" + content, digest_size=16).hexdigest()
        packed = read_section(key, "city", _is_city_shape)
        if packed is not None:
            return cast(dict[str, object], packed)
    validated = _validated_city(root)
    if key is not None:
        write_section(key, "city", validated)
    return validated


def _is_city_shape(value: object) -> bool:
    return isinstance(value, dict) and {"name", "districts", "lines"} <= set(value)


def _validated_city(root: Path) -> dict[str, object]:
    """city.yaml read with its lines and validated: its name, districts and each path's line and column."""
    from cgtask.models.city import CityFile
    from cgtask.registry.validation import validate
    from cgtask.registry.yaml_io import read_yaml

    loaded = read_yaml(root / CITY_FILE, CITY_FILE)
    if loaded.findings:
        raise CityFileError(loaded.findings)
    model, findings = validate(CityFile, loaded.data, CITY_FILE)
    if model is None:
        raise CityFileError(findings)
    listed = [(d.name, d.path) for d in model.districts]
    findings = _twice(loaded.data, listed)
    if findings:
        raise CityFileError(findings)
    lines = [_position(loaded.data, index) for index in range(len(listed))]
    return {"name": model.name, "districts": listed, "lines": lines}


def _position(data: object, index: int) -> tuple[int, int]:
    from cgtask.registry.locate import value_position

    return value_position(data, ["districts", index, "path"])


def _at(data: object, index: int, key: str, code: str, message: str) -> Finding:
    from cgtask.registry.locate import value_position

    line, col = value_position(data, ["districts", index, key])
    return located(code, CITY_FILE, line, col, message)


def _twice(data: object, districts: list[tuple[str, str]]) -> list[Finding]:
    """E901 for a district name or a path listed a second time."""
    found, seen_names, seen_paths = [], set(), set()
    for index, (name, path) in enumerate(districts):
        where = os.path.normpath(path)
        if name in seen_names or where in seen_paths:
            key, shown = ("name", name) if name in seen_names else ("path", path)
            found.append(_at(data, index, key, "E901", f"“{shown}”在 city.yaml 中登记了两次"))
        seen_names.add(name)
        seen_paths.add(where)
    return found


def _plan(root: Path, name: str, listed: list[list[str]], lines: list[list[int]]) -> CityPlan:
    """The districts whose folder holds a registry; W901 at city.yaml's line for the others."""
    districts, findings, missing = [], [], []
    for (district, path), (line, col) in zip(listed, lines, strict=True):
        note_folder(root / path)  # where it leads, and whether it holds a registry yet
        folder = (root / path).resolve()
        if (folder / ORGANIZATION_FILE).is_file():
            districts.append((district, folder))
            continue
        missing.append(district)
        message = f"{district}的登记册 {path} 不存在或其中没有 {ORGANIZATION_FILE}（未克隆或子模块未更新？），该区本次未计入"
        findings.append(located("W901", CITY_FILE, line, col, message))
    return CityPlan(root, name, districts, findings, missing)


def open_city(
    root: Path,
    *,
    use_cache: bool = True,
    then: Callable[[Registry], object] | None = None,
    prepare: Callable[[], object] | None = None,
) -> City:
    """The city at ``root``: each district's registry opened; a district that cannot be read is left out.

    A district left out is named once with the first error of its registry (district, file:line), as a
    :class:`DistrictLeftOut` warning; the city never stops for one district. Districts whose cache is
    cold are read side by side by forked workers (:func:`warm_districts`), which go on with ``then`` on
    each district they read (the question's answer into its cache, while the registry is in memory);
    ``prepare`` runs once before they start (imports every worker needs, made once and inherited).
    """
    from cgtask.registry.loader import RegistryStore

    plan = read_city(root)
    left_out = [f"{CITY_FILE}:{f.line}:{f.col} {f.message}" for f in plan.findings]
    # One store per district, its files listed and stamped once: warmed (in forked workers), then opened.
    stores = {path: RegistryStore(path, use_cache=use_cache) for _, path in plan.districts}
    warm_districts(stores, then=then, prepare=prepare)
    districts, folders = [], {}
    reasons = dict.fromkeys(plan.missing, "登记册未找到（未克隆或子模块未更新）")
    for name, path in plan.districts:
        view = _open_district(stores[path], root)
        if isinstance(view, str):
            left_out.append(f"{name}：{view}；该区本次未计入")
            reasons[name] = "登记册有错误"
            continue
        districts.append((name, Registry(store=view)))
        folders[name] = path
    if left_out:
        warnings.warn(DistrictLeftOut(left_out), stacklevel=2)
    if not districts:
        raise UsageError(
            f"{CITY_FILE} 中的 {len(plan.districts) + len(plan.findings)} 个区都未能读取（见上面的警告），没有可汇总的内容"
        )
    return City(plan.name, root, districts, left_out, reasons, folders)


def _open_district(store: RegistryStore, city: Path) -> RegistryStore | str:
    """A district's registry store, or its first error as ``file:line:col  code  message`` (file from the city)."""
    from cgtask.registry.loader import OPEN_WITH

    built = store.built()
    errors = [f for f in built.findings if f.severity == "error" and f.code not in OPEN_WITH]
    if built.summary is None or errors:
        return _from_city(errors[0], city).format() if errors else "登记册无法读取"
    return store


def _from_city(finding: Finding, city: Path) -> Finding:
    """The finding with its file named from the city folder (districts/putuo/documents/…)."""
    from dataclasses import replace

    return replace(finding, file=os.path.relpath(Path(finding.file).resolve(), city))


# What a forked worker does with a district it has read, and the districts' stores: set before the fork,
# inherited, never pickled.
_THEN: ContextVar[Callable[[Registry], object] | None] = ContextVar("cgtask_city_then", default=None)
_STORES: ContextVar[dict[Path, RegistryStore]] = ContextVar("cgtask_city_stores")


def warm_districts(
    stores: dict[Path, RegistryStore],
    *,
    then: Callable[[Registry], object] | None = None,
    prepare: Callable[[], object] | None = None,
) -> None:
    """Build the cache of every cold district first, one forked process per core (a 市局's first run).

    Each worker then runs ``then`` on the district it has just read, if it opens (no error but E802): a
    second round of processes would read every district's cache again. A warm district costs a small
    index read and is left to the caller; nothing happens with one cold district, one core, or no fork.
    """
    # Without the cache a worker's reading would be lost to this process: it reads every district itself.
    cold = [path for path, store in stores.items() if store.use_cache and store.peek_index() is None]
    # A district with a pack (a fresh clone, its CI's pack shared) is not read from YAML: no parser needed.
    parsing = not all(stores[path].has_pack() for path in cold)
    then_token, stores_token = _THEN.set(then), _STORES.set(stores)
    try:
        run_forked(_warm_one, cold, parsing=parsing, prepare=prepare)
    finally:
        _THEN.reset(then_token)
        _STORES.reset(stores_token)


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_forked(
    work: Callable[[T], object],
    items: list[T],
    *,
    parsing: bool = True,
    prepare: Callable[[], object] | None = None,
) -> bool:
    """``work`` on each item in forked processes, one per core; False (nothing done) when not worth it.

    The reader and checker modules are imported before the fork when the work reads YAML (``parsing``), so
    each process inherits them, and ``prepare`` runs. The processes are not daemons: a district large enough
    for the loader's own pool may start one.
    """
    if len(items) < 2 or cores() < 2:
        return False
    import multiprocessing  # only now: a warm city forks nothing and need not import it
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    import cgtask.registry.loader  # inherited by each process, not imported again

    if parsing:
        import cgtask.registry.validation  # noqa: F401  (with pydantic and ruamel)
    if prepare is not None:
        prepare()

    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(min(cores(), len(items)), mp_context=context) as pool:
            list(pool.map(work, items))
    except Exception:  # a process that failed only costs speed: the caller then does the work itself
        return False
    return True


def _warm_one(path: Path) -> None:
    from cgtask.registry.loader import OPEN_WITH

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        store = _STORES.get()[path]  # this process's copy of the parent's
        built = store.built()
        then = _THEN.get()
        opens = built.summary is not None and not any(
            f.severity == "error" and f.code not in OPEN_WITH for f in built.findings
        )
        if then is not None and opens:
            then(Registry(store=store))


def check_city(root: Path) -> tuple[list[Finding], int]:
    """Every finding of city.yaml (E901, W901 …) and of each district's registry, and the files read.

    A district's files are named from the working folder (districts/putuo/documents/…), so each
    finding says which district it belongs to; a district not cloned is city.yaml's W901.
    """
    from cgtask.registry.files import registry_files
    from cgtask.registry.loader import check_registry

    try:
        plan = read_city(root)
    except RegistryError as error:  # city.yaml itself cannot be used: its own findings, at its lines
        return _named_from_cwd(root, error.findings), 1
    findings, files = _named_from_cwd(root, plan.findings), 1
    for _, folder in plan.districts:
        findings += check_registry(folder)
        files += len(registry_files(folder).all())
    return findings, files


def _named_from_cwd(root: Path, findings: list[Finding]) -> list[Finding]:
    """city.yaml's findings named from the working folder, as the districts' files are."""
    from cgtask.registry.files import registry_files

    shown = registry_files(root).display(root / CITY_FILE)
    return [replace(finding, file=shown) if finding.file == CITY_FILE else finding for finding in findings]


def check_folder(path: Path | None) -> tuple[list[Finding], int]:
    """``cgtask check`` of a folder: a city's (:func:`check_city`) or one registry's, and the files read."""
    from cgtask.registry.files import registry_files, resolve_registry
    from cgtask.registry.loader import check_registry

    if (city := city_root(path)) is not None:
        return check_city(city)
    root = resolve_registry(path)
    return check_registry(root), len(registry_files(root).all())
