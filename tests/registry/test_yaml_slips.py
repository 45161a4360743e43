"""A clerk's slips in a YAML file are named at the line where they begin, not where the parser gave up."""

from __future__ import annotations

from pathlib import Path

import pytest

from cgtask.registry.yaml_io import read_yaml


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('a: 1\nb: "abc\nc: 2\nd: 3\n', 2, "这里开始的引号到第 5 行仍未结束"),
        ("a: 1\nb: [1, 2\nc: 2\n", 2, "这里开始的方括号“[”到第 3 行仍未结束（方括号“[ ]”未闭合"),
        ("a: 1\ntitle：非现场执法\nc: 2\n", 2, "这一行用了全角冒号“：”，YAML 要半角冒号加空格“: ”"),
        ("a: 1\nb: {x: 1\n", 2, "花括号"),
    ],
)
def test_an_unclosed_quote_bracket_or_a_full_width_colon_is_named_where_it_begins(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    (finding,) = read_yaml(path).findings
    assert (finding.code, finding.line) == ("E106", line)
    assert words in finding.message


def test_a_slip_on_its_own_line_is_named_there(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("a: 1\nb: c: d\n", encoding="utf-8")
    (finding,) = read_yaml(path).findings
    assert (finding.line, finding.col) == (2, 5)
    assert "此处不能出现“键: 值”" in finding.message
