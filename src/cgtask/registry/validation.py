"""Pydantic validation of loaded YAML, with every error located and said in Chinese."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from cgtask.findings import Finding, located
from cgtask.registry.locate import locate, value_position

_PATTERN_HINTS = {
    r"^[a-z0-9][a-z0-9-]*$": "应为小写英文字母、数字和连字符组成的标识，例如 tasks-2022",
    r"^\d+\.\d+$": "应为“类别序号.行序号”，例如 4.3",
    r"^\d+$": "应为数字序号，例如 3",
    r"^\S+〔\d{4}〕[1-9]\d*号$": "应为 前缀〔年份〕序号号，例如 宝城执〔2022〕3号（六角括号，无“第”，无前导零）",
    r"^\S(.*\S)?$": "首尾不能有空格",
}

_TYPE_MESSAGES = {
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "list_type": "应为列表（每项以“- ”开头）",
    "dict_type": "应为映射（“键: 值”）",
    "model_type": "应为映射（“键: 值”）",
    "model_attributes_type": "应为映射（“键: 值”）",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_inexact": "应为日期（YYYY-MM-DD），不含时间",
    "string_too_short": "不能为空",
    "too_short": "不能为空",
    "union_tag_not_found": "缺少字段 kind（文件类型：task_breakdown、supervision_plan 或 work_plan）",
}


def validate(model: type[BaseModel] | TypeAdapter[Any], data: Any, display: str) -> tuple[Any, list[Finding]]:
    """Validate ``data`` and return (model or None, findings located in ``display``)."""
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_python(data), []
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [_to_finding(error, data, display) for error in exc.errors()]


def real_path(data: Any, loc: tuple[str | int, ...]) -> list[str | int]:
    """Drop the union tags pydantic inserts (``task_breakdown`` …) that are not keys in the data."""
    path: list[str | int] = []
    node = data
    for step in loc:
        if isinstance(node, dict) and isinstance(step, str) and step not in node and step == node.get("kind"):
            continue
        path.append(step)
        node = child(node, step)
    return path


def child(node: Any, step: str | int) -> Any:
    """``node[step]`` when the document has it there, else None: a path may run past what was written."""
    try:
        return node[step]
    except (KeyError, IndexError, TypeError):
        return None


def _to_finding(error: Any, data: Any, display: str) -> Finding:
    path = real_path(data, tuple(error["loc"]))
    kind = error["type"]
    if kind == "union_tag_invalid":
        path = [*path, "kind"]
    where = ".".join(str(p) for p in path) or "（顶层）"
    if kind == "missing":
        line, col = locate(data, path[:-1])
        return located("E201", display, line, col, f"{_parent(path)}缺少必填字段“{path[-1]}”")
    if kind == "extra_forbidden":
        line, col = locate(data, path)
        return located("E202", display, line, col, f"未知字段“{path[-1]}”{_suggest_field(str(path[-1]))}")
    line, col = value_position(data, path)
    return located("E203", display, line, col, f"{where}：{_describe(error)}")


def _parent(path: list[str | int]) -> str:
    return f"{'.'.join(str(p) for p in path[:-1])} " if len(path) > 1 else ""


def _describe(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in _TYPE_MESSAGES:
        return f"{_TYPE_MESSAGES[kind]}，实际为 {_show(error.get('input'))}"
    if kind == "literal_error":
        return f"取值应为 {_choices(ctx.get('expected', ''))} 之一，实际为 {_show(error.get('input'))}"
    if kind == "union_tag_invalid":
        return f"kind 应为 {_choices(ctx.get('expected_tags', ''))} 之一，实际为 {_show(ctx.get('tag'))}"
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(ctx.get("pattern")), f"格式不符（{ctx.get('pattern')}）")
        return f"{hint}，实际为 {_show(error.get('input'))}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"应不小于 {ctx.get('ge', ctx.get('gt'))}，实际为 {_show(error.get('input'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"应不大于 {ctx.get('le', ctx.get('lt'))}，实际为 {_show(error.get('input'))}"
    if kind == "string_too_long":
        return f"过长（最多 {ctx.get('max_length')} 字）"
    if kind == "finite_number":
        return f"应为有限的数，实际为 {_show(error.get('input'))}"
    return f"取值无效：{error.get('msg', '')}"


def _choices(expected: Any) -> str:
    """Pydantic's English list of allowed values ('a', 'b' or 'c') in Chinese: “a”、“b”、“c”."""
    values = re.findall(r"'((?:[^'\\]|\\.)*)'", str(expected))
    return "、".join(f"“{value}”" for value in values) if values else str(expected)


def _show(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, dict):
        return "映射"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, int) and value.bit_length() > 64:  # Python will not even print 10^5000
        return f"约 2^{value.bit_length()}"
    text = str(value)
    return f"“{text[:30]}…”" if len(text) > 30 else f"“{text}”"


def _suggest_field(name: str) -> str:
    known = _known_field_names()
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"，是不是“{close[0]}”？" if close else "（字段名可能拼写错误）"


def _known_field_names() -> list[str]:
    from cgtask.models import base, calendar, organization, supervision_plan, task_breakdown, work_plan

    names: set[str] = set()
    for module in (base, calendar, organization, supervision_plan, task_breakdown, work_plan):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel):
                names.update(value.model_fields)
    return sorted(names)
