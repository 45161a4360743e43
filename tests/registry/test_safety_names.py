"""Names of 科室 and 中队 must be usable as file names; any text can be made into one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cgtask.registry.loader import check_registry
from cgtask.support.filenames import file_name_problems, safe_file_name
from tests.conftest import MINIMAL_ORGANIZATION


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("甲/乙中队", "路径分隔符"),
        ("../../../x", "路径分隔符"),
        ("a\\\\b中队", "路径分隔符"),
        ("甲:乙中队", "不允许的字符 :"),
        (".隐藏中队", "以“.”开头"),
        ("NUL", "保留设备名"),
    ],
)
def test_check_refuses_a_unit_name_that_is_no_file_name(
    make_registry: Callable[..., Path], name: str, words: str
) -> None:
    organization = MINIMAL_ORGANIZATION.replace("  - name: 机动执法中队", f'  - name: "{name}"')
    root = make_registry(organization=organization.replace("法制科\n", '法制科\n  - name: "甲/乙科"\n'))
    findings = [f for f in check_registry(root) if f.code == "E111"]
    assert [(Path(f.file).name, f.line) for f in findings] == [
        ("organization.yaml", 8),
        ("organization.yaml", 10),
    ], findings
    assert words in findings[1].message
    assert "科室名称“甲/乙科”" in findings[0].message


def test_a_unit_name_with_an_escaped_control_character_is_refused_where_it_is_written(
    make_registry: Callable[..., Path],
) -> None:
    r"""``"甲\u0007中队"`` spells BEL as an escape: the file is refused at that line (E105) before any name check."""
    organization = MINIMAL_ORGANIZATION.replace("  - name: 机动执法中队", '  - name: "甲\\u0007中队"')
    findings = [f for f in check_registry(make_registry(organization=organization)) if f.code == "E105"]
    assert [(Path(f.file).name, f.line) for f in findings] == [("organization.yaml", 9)], findings
    assert "U+0007" in findings[0].message


def test_shipped_names_are_fine() -> None:
    for name in ["监督科", "机动执法中队", "友谊路街道中队", "吴淞（临时）中队"]:
        assert file_name_problems(name) == []
        assert safe_file_name(name) == name


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("甲/乙中队", "甲_乙中队"),
        ("../../../x", "_.._.._x"),
        ("..", "_"),
        ("a\x00b", "a_b"),
        ("CON", "_CON"),
        ("", "_"),
    ],
)
def test_safe_file_name_examples(name: str, safe: str) -> None:
    assert safe_file_name(name) == safe


@given(st.text(max_size=300))
def test_safe_file_name_is_always_one_harmless_name(name: str) -> None:
    safe = safe_file_name(name)
    assert safe
    assert file_name_problems(safe) == []
    assert Path(safe).name == safe
    assert safe not in (".", "..")
