"""Guards of the core's hygiene: every cache bounded, no module-level state that grows or changes."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import cgtask

SOURCE = Path(cgtask.__file__).parent
MUTATORS = {"append", "add", "update", "setdefault", "pop", "clear", "extend", "insert", "remove", "discard"}


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(SOURCE.rglob("*.py")):
        yield path.relative_to(SOURCE).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _module_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        names |= {target.id for target in targets if isinstance(target, ast.Name)}
    return names


def test_no_function_rebinds_or_changes_a_module_level_name() -> None:
    """A module's tables are constants; what must change is a bounded cache (lru_cache, a small class)."""
    found = []
    for name, tree in _modules():
        module_names = _module_names(tree)
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        for node in (inner for function in functions for inner in ast.walk(function)):
            if isinstance(node, ast.Global):
                found.append(f"{name}:{node.lineno}: global {', '.join(node.names)}")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                if node.func.attr in MUTATORS and isinstance(owner, ast.Name) and owner.id in module_names:
                    found.append(f"{name}:{node.lineno}: {owner.id}.{node.func.attr}()")
            elif isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
                targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
                for target in targets:
                    owner = target.value if isinstance(target, ast.Subscript) else None
                    if isinstance(owner, ast.Name) and owner.id in module_names:
                        found.append(f"{name}:{node.lineno}: {owner.id}[…] changed")
    assert found == []


def test_every_cache_is_bounded() -> None:
    """``functools.cache`` and ``lru_cache(maxsize=None)`` grow without end in a long-lived process."""
    found = []
    for name, tree in _modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for decorator in node.decorator_list:
                text = ast.unparse(decorator)
                if text.endswith("cache") and not text.endswith("lru_cache"):
                    found.append(f"{name}:{node.lineno}: @{text}")
                elif "lru_cache" in text:
                    call = decorator if isinstance(decorator, ast.Call) else None
                    size = (
                        next((k.value for k in call.keywords if k.arg == "maxsize"), None) if call else None
                    )
                    if call is None or not (isinstance(size, ast.Constant) and isinstance(size.value, int)):
                        found.append(f"{name}:{node.lineno}: @{text} without a whole-number maxsize")
    assert found == []
