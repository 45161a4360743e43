"""Guards that run around the YAML parser: nesting depth before parsing, the data's shape after.

A parser recurses once per level of nesting, so a file nested thousands deep crashes it
(RecursionError in Python, a segmentation fault in libyaml). A quick look at the text finds such
nesting first; a walk of the parsed data, without recursion, then finds the depth that aliases
can build, alias loops, and values of types the registry never holds (``!!binary``, ``!!set``,
unknown ``!tags``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

# The registry's deepest files nest about ten levels; a hundred leaves room for any honest file.
MAX_NESTING = 100
_OPENERS = "[{"
_CLOSERS = "]}"
# After one of these (or at the start of a line) a bracket opens a flow collection; elsewhere it is
# just a character of a plain scalar, such as 见附件[1].
_FLOW_START = ":-,[{?"
_PLAIN_TYPES = (str, bool, int, float, dt.date, type(None))


def deep_nesting(text: str, limit: int = MAX_NESTING) -> tuple[int, int] | None:
    """(line, depth) of the first line nested deeper than ``limit``, judged from the text alone.

    Depth counts open indentation levels, compact ``- - -`` items and open brackets; it may
    overestimate a little (a block scalar's lines are skipped, quotes are honoured) but never
    misses a deep file, which is what protects the parser.
    """
    indents: list[int] = []
    flow = 0
    block_scalar_indent: int | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        content = line.lstrip(" ")
        indent = len(line) - len(content)
        if block_scalar_indent is not None and (not content or indent > block_scalar_indent):
            continue  # the text of a | or > block: indentation there is content, not structure
        block_scalar_indent = None
        if not content or content.startswith("#"):
            continue
        if flow == 0:
            while indents and indents[-1] > indent:
                indents.pop()
            if not indents or indents[-1] < indent:
                indents.append(indent)
        dashes, rest = _compact_dashes(content)
        flow, peak = _scan_flow(rest, flow)
        depth = len(indents) + dashes + peak
        if depth > limit:
            return number, depth
        if flow == 0 and _opens_block_scalar(rest):
            block_scalar_indent = indent
    return None


def _compact_dashes(content: str) -> tuple[int, str]:
    """``- - x`` opens two sequences on one line."""
    dashes = 0
    while content.startswith("-") and (len(content) == 1 or content[1] == " "):
        dashes += 1
        content = content[1:].lstrip(" ")
    return dashes, content


def _scan_flow(content: str, flow: int) -> tuple[int, int]:
    """The bracket depth after this line and the highest it reached on it."""
    if "[" not in content and "{" not in content and "]" not in content and "}" not in content:
        # Quotes and comments only hide brackets: a line without any leaves the depth as it was. Most
        # lines are such, and this scan runs on every line of every file of a cold load (a city's 16 districts).
        return flow, flow
    peak = flow
    quote = ""
    previous = ":"  # the start of the content counts as a place where a collection may open
    for index, char in enumerate(content):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"" and previous in _FLOW_START:  # a quote opens a scalar only where a value starts
            quote = char
        elif char == "#" and (index == 0 or content[index - 1] == " "):
            break
        elif char in _OPENERS and (flow or previous in _FLOW_START):
            flow += 1
            peak = max(peak, flow)
        elif char in _CLOSERS and flow:
            flow -= 1
        if char != " ":
            previous = char
    return flow, peak


def _opens_block_scalar(content: str) -> bool:
    value = content.split(": ", 1)[-1] if ": " in content else content
    value = value.split(" #", 1)[0].strip()
    return bool(value) and value[0] in "|>" and all(c in "+-0123456789" for c in value[1:])


# --- the parsed data ---------------------------------------------------------------------------------

Path = tuple[str | int, ...]


def data_problem(data: Any, limit: int = MAX_NESTING) -> tuple[Path, str] | None:
    """(path, Chinese message) of the first problem in parsed data, found without recursion.

    Problems: nesting deeper than ``limit`` (aliases can build it from a shallow text), an alias
    that contains itself, and a value of a type the registry never holds. A collection shared
    through an alias is walked once.
    """
    open_now: set[int] = set()  # collections whose walk has begun and not ended: the current ancestors
    height: dict[int, int] = {}  # levels below a finished collection, counted once per shared node
    stack: list[tuple[Any, Path, bool]] = [(data, (), False)]
    while stack:
        node, path, leaving = stack.pop()
        if leaving:
            open_now.discard(id(node))
            below = [height.get(id(c), 0) for _, c in _children(node) if isinstance(c, dict | list)]
            height[id(node)] = 1 + max(below, default=0)
            if len(path) + height[id(node)] > limit:
                return path, f"嵌套层级过深（超过 {limit} 层）"
            continue
        if not isinstance(node, dict | list):
            if not isinstance(node, _PLAIN_TYPES):
                return path, f"不支持的 YAML 标签或值类型（{_describe(node)}），请写成普通文本、数字或日期"
            continue
        if id(node) in height:
            continue
        if id(node) in open_now:
            return path, "别名（*）引用了包含它自己的内容，无法读取"
        if len(path) >= limit:
            return path, f"嵌套层级过深（超过 {limit} 层）"
        open_now.add(id(node))
        stack.append((node, path, True))
        stack.extend((child, (*path, step), False) for step, child in reversed(list(_children(node))))
    return None


def _children(node: dict[Any, Any] | list[Any]) -> Iterator[tuple[str | int, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if not isinstance(key, _PLAIN_TYPES) or isinstance(key, dict | list):
                yield str(key), key
            yield key if isinstance(key, str | int) else str(key), value
    else:
        yield from enumerate(node)


def _describe(value: Any) -> str:
    tag = getattr(value, "tag", None)
    tag_text = getattr(tag, "value", None) or (tag if isinstance(tag, str) else None)
    if tag_text:
        return str(tag_text).replace("tag:yaml.org,2002:", "!!")
    names = {"bytes": "!!binary", "set": "!!set", "CommentedSet": "!!set"}
    return names.get(type(value).__name__, type(value).__name__)
