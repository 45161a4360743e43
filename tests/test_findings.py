"""The finding codes: each once in the catalogue, used only through it, and listed in the README."""

from __future__ import annotations

import re

from cgtask.findings import CATALOGUE, FAMILIES, catalogue_markdown, located
from tests.conftest import REPO

SOURCE = REPO / "src" / "cgtask"
CODE_LITERAL = re.compile(r"[\"']([EW]\d{3})[\"']")


def test_every_code_in_the_source_is_catalogued() -> None:
    used = {
        match
        for path in SOURCE.rglob("*.py")
        if path.name != "findings.py"
        for match in CODE_LITERAL.findall(path.read_text(encoding="utf-8"))
    }
    assert used, "no code found: the pattern is wrong"
    assert used <= set(CATALOGUE), used - set(CATALOGUE)


def test_findings_are_built_only_through_the_catalogue() -> None:
    builders = [
        path.relative_to(SOURCE)
        for path in SOURCE.rglob("*.py")
        if path.name != "findings.py" and re.search(r"\bFinding\(", path.read_text(encoding="utf-8"))
    ]
    assert builders == []


def test_a_family_is_one_kind_of_problem_and_the_letter_is_the_level() -> None:
    for code in CATALOGUE.values():
        assert code.code[1] in FAMILIES, code
        assert code.severity == ("warning" if code.code.startswith("W") else "error")
    assert located("W403", "a.yaml", 1, 2, "x").severity == "warning"
    assert located("E101", "a.yaml", 1, 2, "x").format() == "a.yaml:1:2  E101  x"


def test_the_readme_lists_the_catalogue() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    listed = readme.split("<!-- findings:begin -->\n")[1].split("<!-- findings:end -->")[0]
    assert listed == catalogue_markdown(), "README 的代码表已过时：用 catalogue_markdown() 重新生成"
