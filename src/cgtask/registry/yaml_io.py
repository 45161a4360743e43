"""YAML reading with located, Chinese findings — the only module that imports ruamel.yaml.

Everything that can go wrong with a file before validation is caught here:
size, encoding, emptiness, tabs, characters XML cannot hold, syntax, duplicate
keys and alias bombs.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from cgtask.findings import Finding
from cgtask.findings import located as finding_at
from cgtask.registry.locate import locate
from cgtask.registry.yaml_controls import control_line, first_control, may_hold_controls
from cgtask.registry.yaml_limits import MAX_NESTING, data_problem, deep_nesting
from cgtask.support.text import describe_char, xml_illegal_chars

MAX_FILE_BYTES = 5 * 1024 * 1024
# The 台账 grows with the bureau's work and a limit must never stop it (issue 26): its files are read up to
# this, and ``check`` warns (W801) long before, saying how to split it (cgtask ledger split).
LEDGER_MAX_BYTES = 256 * 1024 * 1024
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
    problem = _translate_problem(str(getattr(exc, "problem", None) or str(exc).splitlines()[0]))
    opened = getattr(exc, "context_mark", None)
    if opened is not None and mark is not None and opened.line < mark.line:
        # An unclosed quote or bracket is found where the file ends: the line a clerk must mend is where it opened.
        what = _CONTEXTS.get(str(getattr(exc, "context", "")), "这里开始的内容")
        full_width = "：" in _line_at(opened)
        hint = "；这一行用了全角冒号“：”，YAML 要半角冒号加空格“: ”" if full_width else ""
        where = f"{what}到第 {line} 行仍未结束（{problem}）{hint}"
        return _finding(display, opened.line + 1, opened.column + 1, "E106", f"YAML 语法错误：{where}")
    return _finding(display, line, col, "E106", f"YAML 语法错误：{problem}")


# What ruamel was reading when it failed, as the place where a clerk's slip began.
_CONTEXTS = {
    "while scanning a quoted scalar": "这里开始的引号",
    "while parsing a flow sequence": "这里开始的方括号“[”",
    "while parsing a flow mapping": "这里开始的花括号“{”",
    "while scanning a simple key": "这里开始的键",
    "while parsing a block mapping": "这里开始的一组“键: 值”",
}


def _line_at(mark: Any) -> str:
    """The text of the line a ruamel mark points into (empty when the mark keeps no buffer)."""
    buffer = str(getattr(mark, "buffer", "") or "")
    start = buffer.rfind("\n", 0, mark.pointer) + 1 if hasattr(mark, "pointer") else 0
    end = buffer.find("\n", start)
    return buffer[start : end if end >= 0 else None]


_PROBLEMS = {
    "mapping values are not allowed here": "此处不能出现“键: 值”（可能缺少缩进或引号）",
    "found character '\\t' that cannot start any token": "出现了制表符（Tab）",
    "could not find expected ':'": "缺少冒号“:”",
    "expected <block end>, but found": "缩进不一致",
    "found undefined alias": "使用了未定义的别名",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合）",
    "expected ',' or ']'": "方括号“[ ]”未闭合，或两项之间缺少逗号",
    "expected ',' or '}'": "花括号“{ }”未闭合，或两项之间缺少逗号",
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


def read_yaml(
    path: Path, display: str | None = None, *, located: bool = True, limit: int = MAX_FILE_BYTES
) -> LoadedYaml:
    """Read one YAML file; never raises for bad content, every problem becomes a finding.

    ``located=False`` parses with the fast safe loader (libyaml where installed):
    plain dicts without line numbers, five times quicker on large files. Callers
    read the file again with ``located=True`` only when a finding needs a position.
    """
    display = display or str(path)
    raw, problem = read_registry_file(path, limit)
    if raw is None:
        return LoadedYaml(path, display, None, [_finding(display, 1, 1, *problem)])
    text, findings = _decode(raw, display)
    if text is None:
        return LoadedYaml(path, display, None, findings)
    findings = _text_findings(text, display)
    if findings:
        return LoadedYaml(path, display, None, findings)
    deep = deep_nesting(text)
    if deep is not None:
        message = f"嵌套层级过深（超过 {MAX_NESTING} 层），拒绝读取"
        return LoadedYaml(path, display, None, [_finding(display, deep[0], 1, "E108", message)])
    try:
        return _parse(text, path, display, located)
    except Exception as exc:  # the parser's own failures must still end as a finding, never a crash
        message = f"YAML 无法读取：{type(exc).__name__}: {exc}"
        return LoadedYaml(path, display, None, [_finding(display, 1, 1, "E106", message)])


def read_registry_file(path: Path, limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, tuple[str, str]]:
    """The bytes of a regular file of at most ``limit`` bytes, or None and (code, Chinese message).

    Only regular files are opened: a FIFO would hang the read, a device such as /dev/zero would
    never end, a folder or a dangling or looping link cannot be read at all.
    """
    try:
        info = path.stat()
    except OSError as exc:
        return None, ("E100", _unreadable(path, exc))
    if not stat.S_ISREG(info.st_mode):
        return None, ("E100", f"不是普通文件（{_file_kind(info.st_mode)}），无法作为登记册文件读取")
    if info.st_size > limit:
        return None, ("E101", _too_large(info.st_size, limit))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped after the stat above
                return None, ("E100", "不是普通文件，无法作为登记册文件读取")
            raw = handle.read(limit + 1)
    except OSError as exc:
        return None, ("E100", _unreadable(path, exc))
    if len(raw) > limit:
        return None, ("E101", _too_large(len(raw), limit))
    return raw, ("", "")


def _unreadable(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "符号链接形成循环，无法读取"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"符号链接指向的文件不存在（{path.readlink()}）"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有读取权限"
    return f"无法读取文件：{exc.strerror or exc}"


def _file_kind(mode: int) -> str:
    kinds = [
        (stat.S_ISDIR, "是目录"),
        (stat.S_ISFIFO, "是命名管道 FIFO"),
        (stat.S_ISCHR, "是字符设备"),
        (stat.S_ISBLK, "是块设备"),
        (stat.S_ISSOCK, "是套接字"),
    ]
    return next((name for test, name in kinds if test(mode)), "类型未知")


def _too_large(size: int, limit: int) -> str:
    return f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {limit // 1024 // 1024} MB）"


def _parse(text: str, path: Path, display: str, located: bool) -> LoadedYaml:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt") if located else fast_safe_yaml()
    try:
        data = yaml.load(text)
    except (MarkedYAMLError, YAMLError) as exc:
        return LoadedYaml(path, display, None, [_syntax_finding(exc, display)])
    except RecursionError:
        return LoadedYaml(path, display, None, [_finding(display, 1, 1, "E108", "嵌套层级过深")])
    except (ValueError, TypeError, OverflowError):  # a scalar that looks like a date or number but is none
        return LoadedYaml(path, display, None, [_bad_scalar_finding(text, display)])
    if may_hold_controls(text) and (control := first_control(data)) is not None:
        message = f"含有控制字符 {control}（可能写成了转义序列，如 \\e、\\x1b），请删除"
        return LoadedYaml(path, display, None, [_finding(display, control_line(text), 1, "E105", message)])
    if not located and _plain_text(text):
        return LoadedYaml(path, display, data, [])
    problem = data_problem(data)
    if problem is not None:
        line, col = locate(data, problem[0])
        return LoadedYaml(path, display, None, [_finding(display, line, col, "E109", problem[1])])
    memo: dict[int, int] = {}
    expanded = expanded_size(data, memo)
    if expanded > MAX_EXPANDED_NODES or expanded > MAX_EXPANSION_RATIO * len(memo) + 10_000:
        message = "别名（*）展开后内容过大，疑似“十亿笑声”攻击，拒绝读取"
        return LoadedYaml(path, display, None, [_finding(display, 1, 1, "E108", message)])
    return LoadedYaml(path, display, data, [])


def fast_safe_yaml() -> Any:
    """The quickest safe loader: libyaml's parser (ruamel's CParser) with the safe constructor.

    ruamel's resolver looks the YAML version up again for every scalar, through attribute lookups
    that fail with the C parser (which always reads YAML 1.2); it is looked up once per file here,
    which gives the same tags and saves a third of the load.
    """
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=False)
    yaml.Resolver = _once_resolver()
    yaml.Constructor = _plain_constructor()
    return yaml


class _NotPlain(Exception):
    """The parsed tree holds an anchor, a merge, a tag, a complex or repeated key: build it as ruamel does."""


_STRING, _MAPPING, _SEQUENCE = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "map", "seq"))
_SCALARS = {f"tag:yaml.org,2002:{kind}" for kind in ("int", "float", "bool", "null", "timestamp")}


def _suffix(node: Any) -> Any:
    tag = node.ctag
    return tag.suffix if tag is not None and tag.handle is None else None


class _PlainReading:
    """The quick path of :func:`_plain_constructor`, apart so that ruamel is imported only when used.

    The node classes are given by the constructor class that mixes this in.
    """

    scalar_node: type[Any]
    sequence_node: type[Any]
    mapping_node: type[Any]

    def _plain(self, node: Any, seen: set[int]) -> Any:
        if isinstance(node, self.scalar_node):
            return self._plain_scalar(node)
        # libyaml's composer leaves no anchor on a node: an alias shows as a node met twice.
        if id(node) in seen:
            raise _NotPlain
        seen.add(id(node))
        kind = _suffix(node)
        if isinstance(node, self.sequence_node) and kind == _SEQUENCE:
            return [self._plain(child, seen) for child in node.value]
        if isinstance(node, self.mapping_node) and kind == _MAPPING and getattr(node, "merge", None) is None:
            return self._plain_mapping(node, seen)
        raise _NotPlain

    def _plain_scalar(self, node: Any) -> Any:
        kind = _suffix(node)
        if kind == _STRING:
            return node.value
        if kind in _SCALARS:
            return cast(Any, self).construct_object(node)  # the safe constructor's own
        raise _NotPlain

    def _plain_mapping(self, node: Any, seen: set[int]) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, self.scalar_node):
                raise _NotPlain
            key = self._plain_scalar(key_node)
            if key in result or key == "<<":
                raise _NotPlain
            result[key] = self._plain(value_node, seen)
        return result


@functools.lru_cache(maxsize=1)  # a class, made once
def _plain_constructor() -> type:
    """The safe constructor with a quick path for the trees registry files are.

    Mappings of plain keys, lists and scalars, no anchors. Strings are taken as they are, other scalars
    (numbers, dates, booleans, null) are built by the safe constructor itself; anything else (an anchor — so
    an alias is never copied —, a merge, a tag, a repeated key, whose error the safe constructor reports) is
    built the ordinary way.
    """
    from ruamel.yaml.constructor import SafeConstructor
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    class PlainConstructor(_PlainReading, SafeConstructor):
        scalar_node, sequence_node, mapping_node = ScalarNode, SequenceNode, MappingNode

        def construct_document(self, node: Any) -> Any:
            seen: set[int] = set()
            try:
                data = self._plain(node, seen)
            except _NotPlain:
                self.constructed_objects = {}
                return super().construct_document(node)
            self.constructed_objects = {}
            return data

    return PlainConstructor


@functools.lru_cache(maxsize=1)  # a class, made once
def _once_resolver() -> type:
    from ruamel.yaml.resolver import VersionedResolver

    class OnceResolver(VersionedResolver):
        @property
        def versioned_resolver(self) -> Any:
            cached = self.__dict__.get("_cgtask_resolvers")
            if cached is None:
                cached = self.__dict__["_cgtask_resolvers"] = VersionedResolver.versioned_resolver.fget(self)  # type: ignore[attr-defined]
            return cached

    return OnceResolver


def _plain_text(text: str) -> bool:
    """Whether the walks of the parsed data can find nothing.

    Without ``&`` there is no anchor, so no alias (no loop, no expansion, no depth beyond the text's,
    already checked) and without ``!`` no tag, so the safe loader built only plain values; and every node
    takes at least two characters.
    """
    return "&" not in text and "!" not in text and len(text) < 2 * MAX_EXPANDED_NODES


def _bad_scalar_finding(text: str, display: str) -> Finding:
    """Find the scalar whose value cannot be built (2022-02-30, !!int x) by building each one."""
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    yaml = YAML(typ="safe", pure=True)
    stack = [yaml.compose(text)]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            stack.extend(part for pair in reversed(node.value) for part in reversed(pair))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, ScalarNode):
            try:
                yaml.constructor.construct_object(node, deep=True)
            except Exception:  # any failure is this scalar's fault
                mark = node.start_mark
                return _finding(display, mark.line + 1, mark.column + 1, "E110", _bad_scalar(node))
    return _finding(display, 1, 1, "E110", "有无法读取的取值（日期或数字不合法）")


def _bad_scalar(node: Any) -> str:
    if node.tag.endswith(":timestamp"):
        return f"日期不存在或格式不对：{node.value}（应为 YYYY-MM-DD，例如 2022-02-28）"
    return f"取值 {node.value} 与其类型 {str(node.tag).replace('tag:yaml.org,2002:', '!!')} 不符"


def text_findings(text: str, display: str) -> list[Finding]:
    """Tabs in indentation and characters XML cannot hold (part of a file's checks, for part of a file)."""
    return _text_findings(text, display)


def read_part(text: str, display: str) -> LoadedYaml:
    """Part of a file's decoded text (records of the 台账), checked and parsed as ``read_yaml(located=False)``."""
    findings = _text_findings(text, display)
    if findings or deep_nesting(text) is not None:
        return LoadedYaml(Path(display), display, None, findings or [_finding(display, 1, 1, "E108", "")])
    try:
        return _parse(text, Path(display), display, located=False)
    except Exception as exc:  # as in read_yaml: the parser's own failure is a finding
        return LoadedYaml(Path(display), display, None, [_finding(display, 1, 1, "E106", str(exc))])
