"""The fast safe loader (a cold load's parser) builds exactly what ruamel's safe loader builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from cgtask.registry.files import shipped_registry
from cgtask.registry.yaml_io import fast_safe_yaml

EDGE_CASES = [
    "a: &x [1, 2]\nb: *x\n",
    "a: 1\na: 2\n",
    "<<: {a: 1}\nb: 2\n",
    "? [a]\n: 1\n",
    "a: !!binary aGVsbG8=\n",
    "a: 2022-02-30\n",
    "a: !!set {x}\n",
    "1: 2\n2022-01-01: x\nnull: y\ntrue: z\n",
    "a: !foo x\n",
    "- !!str 1\n- 0x1F\n- .inf\n- yes\n- on\n- 012\n",
    "a: &s x\nb: *s\n",
    "%YAML 1.1\n---\na: yes\n",
]


def _load(yaml: YAML, text: str) -> object:
    try:
        return yaml.load(text)
    except Exception as exc:  # the same failure is what must match
        return type(exc).__name__


@pytest.mark.parametrize("text", EDGE_CASES)
def test_the_same_data_or_the_same_error(text: str) -> None:
    assert _load(fast_safe_yaml(), text) == _load(YAML(typ="safe", pure=False), text)


@pytest.mark.parametrize("path", sorted(shipped_registry().rglob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_file_loads_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert fast_safe_yaml().load(text) == YAML(typ="safe", pure=False).load(text)


def test_an_alias_is_shared_not_copied() -> None:
    data = fast_safe_yaml().load("a: &x [1, 2]\nb: *x\n")
    assert data["a"] is data["b"]
    loop = fast_safe_yaml().load("a: &a [1, *a]\n")
    assert loop["a"][1] is loop["a"]
