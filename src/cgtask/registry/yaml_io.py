"""YAML reading with located, Chinese findings — the only module that imports ruamel.yaml.

Everything that can go wrong with a file before validation is caught here:
size, encoding, emptiness, tabs, characters XML cannot hold, syntax, duplicate
keys and alias bombs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cgtask.findings import Finding
from cgtask.findings import located as finding_at
from cgtask.support.text import describe_char, xml_illegal_chars

MAX_FILE_BYTES = 5 * 1024 * 1024
# Aliases may share a little data, but a file whose expansion dwarfs what is
# written ("billion laughs") is refused before anything walks the expansion.
MAX_EXPANDED_NODES = 2_000_000
MAX_EXPANSION_RATIO = 4


@dataclass
class LoadedYaml:
    """A parsed file: ruamel's commented data (with line/column info) or None, and its findings."""

    path: Path
    display: str
    data: Any
    findings: list[Finding]


def _finding(display: str, line: int, col: int, code: str, message: str) -> Finding:
    return finding_at(code, display, line, col, message)


def _decode(raw: bytes, display: str) -> tuple[str | None, list[Finding]]:
    if len(raw) > MAX_FILE_BYTES:
        size_mb = len(raw) / 1024 / 1024
        limit_mb = MAX_FILE_BYTES // 1024 // 1024
        return None, [_finding(display, 1, 1, "E101", f"文件过大（{size_mb:.1f} MB，上限 {limit_mb} MB）")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = "，看起来是 GBK 编码，请另存为 UTF-8" if _looks_like_gbk(raw) else ""
        return None, [_finding(display, line, 1, "E102", f"文件不是 UTF-8 编码{hint}")]
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(_is_comment_or_blank(line) for line in text.splitlines()):
        return None, [_finding(display, 1, 1, "E103", "文件为空")]
    return text, []


def _looks_like_gbk(raw: bytes) -> bool:
    try:
        raw.decode("gbk")
    except UnicodeDecodeError:
        return False
    return True


def _is_comment_or_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _text_findings(text: str, display: str) -> list[Finding]:
    """Tabs in indentation and characters XML cannot hold, each at its line and column."""
    findings = []
    # split("\n"), not splitlines(): the latter also breaks at \v and \f, which we must report.
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            col = line.index("\t") + 1
            findings.append(
                _finding(display, number, col, "E104", "缩进中有制表符（Tab），YAML 只允许空格缩进")
            )
        for offset, char in xml_illegal_chars(line):
            findings.append(
                _finding(
                    display,
                    number,
                    offset + 1,
                    "E105",
                    f"含有 Word 文档无法容纳的控制字符 {describe_char(char)}，请删除",
                )
            )
    return findings


def _syntax_finding(exc: Exception, display: str) -> Finding:
    """Turn a ruamel error into a located Chinese finding."""
    from ruamel.yaml.constructor import DuplicateKeyError

    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if isinstance(exc, DuplicateKeyError):
        key = str(getattr(exc, "problem", "")).split('"')[1] if '"' in str(exc.problem) else ""
        return _finding(display, line, col, "E107", f"重复的键 {key}（同一层级中每个键只能出现一次）".strip())
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return _finding(display, line, col, "E106", f"YAML 语法错误：{_translate_problem(str(problem))}")


_PROBLEMS = {
    "mapping values are not allowed here": "此处不能出现“键: 值”（可能缺少缩进或引号）",
    "found character '\\t' that cannot start any token": "出现了制表符（Tab）",
    "could not find expected ':'": "缺少冒号“:”",
    "expected <block end>, but found": "缩进不一致",
    "found undefined alias": "使用了未定义的别名",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合）",
}


def _translate_problem(problem: str) -> str:
    for english, chinese in _PROBLEMS.items():
        if problem.startswith(english):
            return f"{chinese}（{problem}）"
    return problem


def expanded_size(node: Any, memo: dict[int, int] | None = None) -> int:
    """Number of nodes the data would have with every alias expanded, computed without expanding."""
    memo = {} if memo is None else memo
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # guards against recursive aliases
    if isinstance(node, dict):
        size = 1 + sum(expanded_size(v, memo) for v in node.values())
    elif isinstance(node, list):
        size = 1 + sum(expanded_size(v, memo) for v in node)
    else:
        size = 1
    memo[key] = min(size, MAX_EXPANDED_NODES + 1)
    return memo[key]


def read_yaml(path: Path, display: str | None = None, *, located: bool = True) -> LoadedYaml:
    """Read one YAML file; never raises for bad content, every problem becomes a finding.

    ``located=False`` parses with the fast safe loader (libyaml where installed):
    plain dicts without line numbers, five times quicker on large files. Callers
    read the file again with ``located=True`` only when a finding needs a position.
    """
    display = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return LoadedYaml(
            path, display, None, [_finding(display, 1, 1, "E100", f"无法读取文件：{exc.strerror}")]
        )
    text, findings = _decode(raw, display)
    if text is None:
        return LoadedYaml(path, display, None, findings)
    findings = _text_findings(text, display)
    if findings:
        return LoadedYaml(path, display, None, findings)
    return _parse(text, path, display, located)


def _parse(text: str, path: Path, display: str, located: bool) -> LoadedYaml:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt") if located else YAML(typ="safe", pure=False)
    try:
        data = yaml.load(text)
    except (MarkedYAMLError, YAMLError) as exc:
        return LoadedYaml(path, display, None, [_syntax_finding(exc, display)])
    except RecursionError:
        return LoadedYaml(path, display, None, [_finding(display, 1, 1, "E108", "嵌套层级过深")])
    memo: dict[int, int] = {}
    expanded = expanded_size(data, memo)
    if expanded > MAX_EXPANDED_NODES or expanded > MAX_EXPANSION_RATIO * len(memo) + 10_000:
        message = "别名（*）展开后内容过大，疑似“十亿笑声”攻击，拒绝读取"
        return LoadedYaml(path, display, None, [_finding(display, 1, 1, "E108", message)])
    return LoadedYaml(path, display, data, [])
