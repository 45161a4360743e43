"""A task-breakdown skeleton from a work plan, for the keeper to fill in.

One category per plan section (or one for a plan whose items stand without sections), one task
per plan item with ``basis`` pointing back at it.  Who leads and supports is a decision the plan
does not make, so ``lead`` is left empty and the document is marked ``draft: true``: it passes
``cgtask check`` with a warning per blank (W305) until the keeper fills them and drops the flag.

The YAML is written as text, not dumped, so that the comments guiding the keeper sit where
they belong; every string goes through :func:`yaml_scalar`, and the tests load the result back.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cgtask.errors import UsageError, param
from cgtask.models.data import PlanItemData, PlanSectionData, WorkPlanData
from cgtask.registry.view import Registry
from cgtask.support.atomic import write_bytes_atomic

DOC_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
NAME_LIMIT = 60  # a category name is a registry Name (≤ 60 characters)
# A plain YAML scalar that needs no quotes: no indicator first, no ": " or " #", not a number.
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9.+~][^\x00-\x1f\x7f\"'\\]*$")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


@dataclass(frozen=True)
class SkeletonTask:
    """One task of the skeleton: the plan item it comes from, its title and text."""

    basis: str
    title: str
    detail: str


@dataclass(frozen=True)
class SkeletonCategory:
    """One category: a plan section (or the whole plan when its items have no sections)."""

    name: str
    source: str
    tasks: list[SkeletonTask]


@dataclass(frozen=True)
class Skeleton:
    """What ``decompose`` wrote, for the CLI's message."""

    path: Path
    doc_id: str
    categories: int
    tasks: int


def decompose_work_plan(
    registry: Registry, work_plan_id: str, output: Path, doc_id: str | None = None, *, force: bool = False
) -> Skeleton:
    """Write the skeleton of ``work_plan_id`` to ``output`` atomically; an existing file needs ``force``."""
    plan = registry.work_plan(work_plan_id)
    doc_id = doc_id or default_doc_id(work_plan_id)
    if output.exists() and not force:
        raise UsageError(f"{output} 已存在；要覆盖请加 {param('force')}")
    _check_doc_id(registry, doc_id, output)
    categories = work_plan_categories(plan)
    schema = _schema_reference(Path(registry.data["root"]), output)
    text = skeleton_yaml(plan, categories, doc_id, schema)
    write_bytes_atomic(output, text.encode("utf-8"))
    return Skeleton(output, doc_id, len(categories), sum(len(c.tasks) for c in categories))


def default_doc_id(work_plan_id: str) -> str:
    """``plan-2022-city`` → ``tasks-2022-city``."""
    stem = work_plan_id.removeprefix("plan-")
    return f"tasks-{stem}"[:60].rstrip("-")


def _check_doc_id(registry: Registry, doc_id: str, output: Path) -> None:
    """A valid id that no other registry file uses (re-writing the same file keeps its own id)."""
    if not DOC_ID_PATTERN.match(doc_id) or len(doc_id) > 60:
        raise UsageError(
            f"{param('doc_id')} “{doc_id}”不合格式：只用小写字母、数字和连字符，如 tasks-2022-city"
        )
    holder = registry.data["document_files"].get(doc_id)
    if holder is not None and not _same_file(Path(registry.data["root"]), holder, output):
        raise UsageError(f"登记册中已有编号为 {doc_id} 的文件（{holder}），请用 {param('doc_id')} 另取一个")


def _same_file(root: Path, display: str, output: Path) -> bool:
    candidates = (Path(display), root / display, root.parent / display)
    return any(c.exists() and output.exists() and c.samefile(output) for c in candidates)


def work_plan_categories(plan: WorkPlanData) -> list[SkeletonCategory]:
    """Sections → categories, items → tasks; a section without items becomes one task itself."""
    part = plan["plan"]
    categories = [_section_category(section) for section in part["sections"]]
    if part["items"]:
        tasks = [_item_task(item) for item in part["items"]]
        categories.append(SkeletonCategory(_name(part["title"]), part["title"], tasks))
    return categories


def _section_category(section: PlanSectionData) -> SkeletonCategory:
    if section["items"]:
        tasks = [_item_task(item) for item in section["items"]]
    else:
        tasks = [SkeletonTask(section["id"], section["heading"], section["text"])]
    return SkeletonCategory(_name(section["heading"]), f"{section['numbering']}{section['heading']}", tasks)


def _item_task(item: PlanItemData) -> SkeletonTask:
    return SkeletonTask(item["id"], item["heading"], item["text"])


def _name(text: str) -> str:
    return " ".join(text.split())[:NAME_LIMIT].strip()


def _schema_reference(registry_root: Path, output: Path) -> str:
    """The document schema relative to the output file, as editors resolve it."""
    schema = registry_root.resolve() / "schema" / "document.schema.json"
    return Path(os.path.relpath(schema, output.resolve().parent)).as_posix()


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that is unambiguous, else JSON's double quotes (valid YAML)."""
    plain = _PLAIN.match(text) and text.lower() not in _RESERVED
    if plain and not text.endswith((" ", ":")) and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def skeleton_yaml(plan: WorkPlanData, categories: list[SkeletonCategory], doc_id: str, schema: str) -> str:
    """The whole file: guidance comments, the document keys, then categories and tasks."""
    lines = [f"# yaml-language-server: $schema={schema}", *_guidance(plan)]
    lines += [
        "kind: task_breakdown",
        f"id: {doc_id}",
        f"title: {yaml_scalar(plan['plan']['title'] + '任务分解表')}",
        f"year: {plan['year']}",
        "draft: true  # 全部牵头部门填好后删去这一行",
        "categories:",
    ]
    for number, category in enumerate(categories, start=1):
        lines += _category_lines(number, category)
    return "\n".join(lines) + "\n"


def _guidance(plan: WorkPlanData) -> list[str]:
    source = f"{plan['id']}《{plan['title']}》的“{plan['plan']['title']}”"
    return [
        f"# 任务分解表草稿：由 cgtask decompose 依据 {source}生成。",
        "# 每个计划条目一项任务，basis 指向该条目；title、detail 照录条目的小标题和正文，可按本单位实际改写、拆分。",
        "# 请为每项任务填写 lead（牵头部门，至少一个）和 support（配合部门，没有可留 []），",
        "# 名称须与 organization.yaml 中的科室、中队或组（如 各科室）一致。",
        "# 草稿中未填的牵头部门，cgtask check 只作警告（W305）；全部填好后删去 draft: true，空缺即为错误。",
    ]


def _category_lines(number: int, category: SkeletonCategory) -> Iterator[str]:
    yield f"  - number: {number}"
    yield f"    name: {yaml_scalar(category.name)}  # 计划：{_comment(category.source)}"
    yield "    tasks:"
    for index, task in enumerate(category.tasks, start=1):
        yield f"      - id: '{number}.{index}'"
        yield f"        title: {yaml_scalar(task.title)}"
        yield f"        detail: {yaml_scalar(task.detail)}"
        yield f"        basis: [{task.basis}]"
        yield "        lead: []  # 待填：牵头部门，如 [监督科]"
        yield "        support: []  # 待填：配合部门，如 [法制科, 各中队]；没有可留空"


def _comment(text: str) -> str:
    return " ".join(text.split())
