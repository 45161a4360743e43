"""The imported table as YAML text, in the layout of registry/documents/tasks-2022.yaml.

Written by hand rather than dumped so that the file reads like the shipped ones: flow lists of names,
one key a line, the import's notes as comments. A table of another bureau also keeps its own headings
(``columns``) and each row's cells, its duties (``schedule``) and what is left for review.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

# The level that owes a table's duties: the bureau itself (the registry's own level of the 局).
BUREAU_LEVEL = "区局"  # when the importer is not told the registry's own level


@dataclass
class ImportedTask:
    """One task read from a table row, before it becomes a registry task."""

    id: str
    title: str
    detail: str
    items: list[str]
    lead: list[str]
    support: list[str]
    notes: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    leader: str | None = None
    object: str | None = None
    inspector: str | None = None
    base: tuple[str, float | None] | None = None
    cells: list[str] = field(default_factory=list)
    # (phrase, the cell's text verbatim, where it came from, activity, level) per duty; level None is
    # the bureau's own, a group level (各县市区) is owed by each of its units.
    schedule: list[tuple[str, str, str, str | None, str | None]] = field(default_factory=list)
    review: list[str] = field(default_factory=list)


@dataclass
class ImportedCategory:
    """One 类 of the table: its number, its name and the tasks under it."""

    number: int
    name: str
    tasks: list[ImportedTask] = field(default_factory=list)


@dataclass(frozen=True)
class DocumentHead:
    """The document's own lines: id, title, year, the file it came from, and a plan's form and headings."""

    doc_id: str
    title: str
    year: int
    source: str
    form: str = "task_breakdown"
    columns: tuple[str, ...] = ()
    level: str = BUREAU_LEVEL  # the registry's own level (organization.yaml's first): the bureau does these
    # A table naming nobody (a bureau's own 工作要点): imported as a draft until the keeper fills the leads.
    draft: bool = False


_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")
_RESOLVES = re.compile(
    r"^(?:[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:e[-+]?\d+)?|[-+]?\.(?:inf|nan)|true|false|yes|no|on|off|null|~"
    r"|\d{4}-\d\d?-\d\d?.*)$",
    re.IGNORECASE,
)


def scalar(text: str, *, in_flow: bool = False) -> str:
    """A YAML scalar: plain where that reads back as the same string, else double-quoted."""
    plain = (
        bool(text)
        and text == text.strip()
        and text[0] not in _PLAIN_BAD_START
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and all(ch >= " " for ch in text)
        and not _RESOLVES.match(text)
        and not (in_flow and any(ch in ",[]{}" for ch in text))
    )
    # JSON strings are valid YAML double-quoted scalars.
    return text if plain else json.dumps(text, ensure_ascii=False)


def _flow(names: list[str]) -> str:
    return "[" + ", ".join(scalar(name, in_flow=True) for name in names) + "]"


def _quoted_flow(texts: list[str]) -> str:
    # Cells may be empty or look like numbers; quoted, they read back as the same strings.
    return "[" + ", ".join(json.dumps(text, ensure_ascii=False) for text in texts) + "]"


def document_yaml(categories: list[ImportedCategory], head: DocumentHead) -> str:
    """The document in the layout of registry/documents/tasks-2022.yaml."""
    lines = [
        "# yaml-language-server: $schema=../schema/document.schema.json",
        f"# 由 cgtask import 从 {head.source} 导入：编号 = 目录序号.行序号；有 1. 2. … 编号分项的单元格，",
        "# 分项前的引语放 detail，分项放 items。请核对后再提交。",
        "kind: task_breakdown",
        f"id: {scalar(head.doc_id)}",
        f"title: {scalar(head.title)}",
        f"year: {head.year}",
    ]
    if head.draft:
        lines.append("draft: true  # 原表没有写明负责部门的列：给每项填上 lead（牵头部门）后删去这一行")
    if head.columns:
        lines += [f"form: {head.form}", f"columns: {_quoted_flow(list(head.columns))}"]
    lines.append("categories:")
    for category in categories:
        lines += [f"  - number: {category.number}", f"    name: {scalar(category.name)}", "    tasks:"]
        for task in category.tasks:
            lines += _task_lines(task, head.level)
    return "\n".join(lines) + "\n"


def _task_lines(task: ImportedTask, level: str) -> list[str]:
    lines = [f"      # {note}" for note in task.notes]
    lines += [f"      - id: '{task.id}'", f"        title: {scalar(task.title)}"]
    if task.detail:
        lines.append(f"        detail: {scalar(task.detail)}")
    if task.items:
        lines += ["        items:", *(f"          - {scalar(item)}" for item in task.items)]
    lines.append(f"        lead: {_flow(task.lead)}")
    if task.support:
        lines.append(f"        support: {_flow(task.support)}")
    return lines + _plan_lines(task, level)


def _plan_lines(task: ImportedTask, level: str) -> list[str]:
    """What a table of another bureau adds to a task: roles, object, base, cells, duties, review."""
    lines = []
    if task.responsible:
        lines.append(f"        responsible: {_flow(task.responsible)}")
    for key, value in (("leader", task.leader), ("object", task.object), ("inspector", task.inspector)):
        if value:
            lines.append(f"        {key}: {scalar(value)}")
    if task.base is not None:
        base_name, size = task.base
        number = "null" if size is None else f"{size:g}"
        lines.append(f"        base: {{name: {scalar(base_name, in_flow=True)}, value: {number}}}")
    if task.cells:
        lines.append(f"        cells: {_quoted_flow(task.cells)}")
    if task.schedule:
        lines.append("        schedule:")
        for phrase, text, source, activity, owed_at in task.schedule:
            lines.append(f"          - level: {owed_at or level}")
            if activity:
                lines.append(f"            activity: {scalar(activity)}")
            lines += [
                f"            frequency: {scalar(phrase)}",
                f"            text: {scalar(text)}",
                f"            source: {scalar(source)}",
            ]
    if task.review:
        lines += ["        review:", *(f"          - {scalar(note)}" for note in task.review)]
    return lines
