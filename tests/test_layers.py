"""Layers point one way, and read-only commands import only what they need.

``ALLOWED`` is the one statement of the architecture: for each top-level package of ``cgtask``, the
packages it may import (besides itself). Every ``import`` is read with ``ast`` — at module level,
under ``if TYPE_CHECKING``, and inside functions — so a lazy import cannot slip past. The README's
开发 section prints the same map; a test keeps the two in step.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "src" / "cgtask"

# The bottom: errors and the finding catalogue, atomic writes and text checks (support imports errors
# only), and the package's own __init__ (it holds only __version__).
BASE = frozenset({"errors", "findings", "support", "cgtask"})
# What the services (queries, actions, official, interchange, publish) build on.
FOUNDATION = frozenset({"registry", "schedule", "render", "extract", "models", *BASE})

ALLOWED: dict[str, frozenset[str]] = {
    "__main__": frozenset({"cli"}),
    # The CLI parses, calls one api function and prints; types come through api's re-exports. Its first
    # step (cli/start) replays a kept answer from support/answers before Typer or the api load.
    "cli": frozenset({"api", "errors", "findings", "support", "cgtask"}),
    "api": frozenset({"queries", "actions", "official", "interchange", "publish", *FOUNDATION}),
    "queries": FOUNDATION,
    # Writes, documents and exchange formats read duties and standing through queries, never the reverse.
    "actions": frozenset({"queries", *FOUNDATION}),
    "official": frozenset({"queries", *FOUNDATION}),
    "interchange": frozenset({"queries", *FOUNDATION}),
    "publish": frozenset({"queries", "official", "interchange", *FOUNDATION}),
    # registry/checks parses frequency phrases (schedule) and finds targets in prose (extract) to
    # report them at their line; both are pure and never import registry, so there is no cycle.
    "registry": frozenset({"schedule", "extract", "models", *BASE}),
    "schedule": frozenset({"models", *BASE}),
    "render": BASE,  # registry-free typesetting
    "extract": frozenset({"models", *BASE}),
    "models": frozenset({"errors", "findings", "cgtask"}),  # pydantic only: no I/O, no atomic writes
    "errors": frozenset({"findings"}),
    "findings": frozenset(),
    "support": frozenset({"errors"}),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package_of(module: str) -> str:
    """``cgtask.registry.checks.basis`` → ``registry``; ``cgtask.api`` → ``api``; ``cgtask`` → ``cgtask``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "cgtask"


def _imported(tree: ast.AST) -> Iterator[str]:
    """Every cgtask module a file imports, wherever the import stands."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, "cgtask uses absolute imports only"
            if node.module == "cgtask":  # from cgtask import api / __version__
                for alias in node.names:
                    submodule = PACKAGE / alias.name
                    is_module = submodule.is_dir() or submodule.with_suffix(".py").is_file()
                    yield f"cgtask.{alias.name}" if is_module else "cgtask"
            else:
                yield node.module


def _edges() -> Iterator[tuple[str, str, str]]:
    """(module, its package, imported package) for every import across packages."""
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        for target in _imported(ast.parse(path.read_text(encoding="utf-8"))):
            if target == "cgtask" or target.startswith("cgtask."):
                source, imported = _package_of(module), _package_of(target)
                if source != imported:
                    yield module, source, imported


def test_every_package_has_a_place_in_the_layers() -> None:
    packages = {_package_of(_module_name(path)) for path in PACKAGE.rglob("*.py")} - {"cgtask"}
    assert packages <= set(ALLOWED), packages - set(ALLOWED)


def test_imports_point_down_the_layers() -> None:
    wrong = sorted(
        f"{module} → {imported}" for module, source, imported in _edges() if imported not in ALLOWED[source]
    )
    assert wrong == []


def test_the_readme_prints_the_layer_map() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    printed = readme.split("<!-- layers:begin -->\n")[1].split("<!-- layers:end -->")[0]
    assert printed == layer_table(), (
        "README 的分层表已过时：用 tests/test_layers.py 的 layer_table() 重新生成"
    )


def layer_table() -> str:
    """The map as the README shows it: each package and what it may import."""
    lines = ["| 包 | 可以导入 |", "|---|---|"]
    for package, allowed in ALLOWED.items():
        names = (
            "、".join(f"`{name}`" for name in sorted(allowed - {"cgtask"})) or "（不导入 cgtask 的其他部分）"
        )
        lines.append(f"| `{package}` | {names} |")
    return "\n".join(lines) + "\n"


# --- start-up: what a command loads ------------------------------------------------------------------


def _run(code: str, env: dict[str, str] | None = None) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; it sets ``result``; returns it with the loaded modules."""
    script = (
        f"import sys, json\n{code}\n"
        "print(json.dumps({'result': result, 'modules': sorted(sys.modules)}, ensure_ascii=False))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    loaded: dict[str, object] = json.loads(completed.stdout.splitlines()[-1])
    return loaded


def _modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    return set(_run(f"{code}\nresult = None", env)["modules"])  # type: ignore[arg-type]


def test_models_do_not_import_the_cli_or_io() -> None:
    loaded = _modules_after("import cgtask.models.document, cgtask.models.organization")
    assert not {"typer", "rich", "ruamel.yaml", "docx"} & loaded


def test_importing_the_api_loads_none_of_the_core() -> None:
    loaded = _modules_after("import cgtask.api")
    assert not {m for m in loaded if m.startswith(("cgtask.queries", "cgtask.registry", "cgtask.official"))}
    assert not {"pydantic", "ruamel.yaml", "docx", "jinja2", "openpyxl"} & loaded


HEAVY = {"pydantic", "ruamel.yaml", "docx", "jinja2", "openpyxl"}
READ_ONLY = [
    ["list", "--dept", "监督科", "--format", "json"],
    ["show", "4.3", "--format", "json"],
    ["figures", "--format", "json"],
    ["trace", "--format", "json"],
    ["due", "--month", "3", "--format", "json"],
    ["overdue", "--as-of", "2022-03-15", "--format", "json"],
    ["progress", "--as-of", "2022-03-31", "--format", "json"],
]


@pytest.mark.parametrize("args", READ_ONLY, ids=lambda args: args[0])
def test_warm_read_only_commands_need_neither_pydantic_nor_heavy_libraries(
    tmp_path: Path, args: list[str]
) -> None:
    """As ``main()`` runs them: the command's own module only, on a warm cache (computed, not replayed)."""
    env = {"CGTASK_CACHE_DIR": str(tmp_path), "CGTASK_ANSWERS": "off"}
    code = (
        "import contextlib, io\n"
        f"sys.argv = ['cgtask', *{args!r}]\n"
        "from cgtask.cli.app import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try:\n        main()\n    except SystemExit as exc:\n        code = exc.code\n"
        "result = {'code': code, 'stdout': out.getvalue()}"
    )
    _run(code, env)  # fills the cache
    run = _run(code, env)
    result = run["result"]
    assert isinstance(result, dict)
    assert result["code"] == 0
    assert json.loads(result["stdout"]) is not None
    assert not HEAVY & set(run["modules"])  # type: ignore[arg-type]


def test_warm_list_through_the_whole_app_stays_light(tmp_path: Path) -> None:
    """Even the whole app (as tests and --help build it) does not load what list does not need."""
    env = {"CGTASK_CACHE_DIR": str(tmp_path)}
    code = (
        "import contextlib, io\nfrom cgtask.cli.app import app\nout = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try:\n        app(['list', '--dept', '监督科', '--format', 'json'])\n"
        "    except SystemExit as exc:\n        code = exc.code\n"
        "result = {'code': code, 'rows': len(json.loads(out.getvalue()))}"
    )
    _run(code, env)  # fills the cache
    run = _run(code, env)
    assert run["result"] == {"code": 0, "rows": 50}
    assert not HEAVY & set(run["modules"])  # type: ignore[arg-type]


def test_wheel_carries_the_registry_and_runs_outside_the_repo(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="hatchling 未安装，无法构建 wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("cgtask-*.whl"))
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    assert (site / "cgtask" / "_data" / "registry" / "organization.yaml").is_file()
    result = subprocess.run(
        [sys.executable, "-m", "cgtask", "list", "--dept", "监督科", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site), "CGTASK_CACHE_DIR": str(tmp_path / "cache")},
        check=True,
    )
    rows = json.loads(result.stdout)
    assert sum(1 for row in rows if row["role"] == "lead" and row["doc"] == "tasks-2022") == 16


def test_the_api_exports_what_it_lists() -> None:
    """Every name in ``cgtask.api.__all__`` resolves (the types lazily, on first use)."""
    import cgtask.api

    assert all(hasattr(cgtask.api, name) for name in cgtask.api.__all__)
