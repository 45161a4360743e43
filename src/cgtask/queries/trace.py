"""From plan to tasks: which tasks of a task-breakdown table carry out each item of a work plan.

A task names the plan items it carries out in ``basis`` (``p2022-3.1``).  ``trace`` turns that
around: one row per plan item with the tasks that name it, then one row per task that names no
item of this plan.  Rows are plain data, so ``--format json`` is exactly what this module returns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypedDict

from cgtask.errors import UsageError, param
from cgtask.models.data import TaskBreakdownData, WorkPlanData
from cgtask.registry.view import Registry, iter_tasks


class TraceRow(TypedDict):
    """One row of ``cgtask trace``; the keys are the stable JSON contract.

    A plan-item row has the item's id and heading and the ids of the tasks whose basis names it
    (empty when no task carries it out).  A task with no basis in this plan is a row of its own
    with ``item`` null, the task's title and its id as the only entry of ``tasks``.
    """

    item: str | None
    title: str
    tasks: list[str]


@dataclass(frozen=True)
class TraceResult:
    """The rows, and which documents they came from, for the summary line."""

    plan: str
    tasks: str
    rows: list[TraceRow]

    @property
    def item_rows(self) -> list[TraceRow]:
        """The rows that come from a plan item (not tasks without basis)."""
        return [row for row in self.rows if row["item"] is not None]

    @property
    def uncovered_items(self) -> list[str]:
        """The plan items no task carries out."""
        return [str(row["item"]) for row in self.item_rows if not row["tasks"]]

    @property
    def tasks_without_basis(self) -> list[str]:
        """The tasks that carry out no plan item."""
        return [row["tasks"][0] for row in self.rows if row["item"] is None]


def trace_work_plan(
    registry: Registry, work_plan_id: str | None = None, tasks_id: str | None = None
) -> TraceResult:
    """Plan items with the tasks that name them, then the tasks that name none of them."""
    plan, tasks = choose_documents(registry, work_plan_id, tasks_id)
    plan_rows = list(_work_plan_rows(plan, tasks))
    known = {str(row["item"]) for row in plan_rows}
    loose = [
        TraceRow(item=None, title=task["title"], tasks=[task["id"]])
        for _, task in iter_tasks(tasks)
        if not known.intersection(task["basis"])
    ]
    return TraceResult(plan["id"], tasks["id"], plan_rows + loose)


def _work_plan_rows(plan: WorkPlanData, tasks: TaskBreakdownData) -> Iterator[TraceRow]:
    """Items in plan order; a section with items gets a row of its own only when a task names it."""
    carried_by = _tasks_by_basis(tasks)
    part = plan["plan"]
    for section in part["sections"]:
        named = carried_by.get(section["id"], [])
        if named or not section["items"]:
            yield TraceRow(item=section["id"], title=section["heading"], tasks=named)
        for item in section["items"]:
            yield TraceRow(item=item["id"], title=item["heading"], tasks=carried_by.get(item["id"], []))
    for item in part["items"]:
        yield TraceRow(item=item["id"], title=item["heading"], tasks=carried_by.get(item["id"], []))


def _tasks_by_basis(tasks: TaskBreakdownData) -> dict[str, list[str]]:
    carried_by: dict[str, list[str]] = {}
    for _, task in iter_tasks(tasks):
        for item_id in dict.fromkeys(task["basis"]):
            carried_by.setdefault(item_id, []).append(task["id"])
    return carried_by


def choose_documents(
    registry: Registry, work_plan_id: str | None, tasks_id: str | None
) -> tuple[WorkPlanData, TaskBreakdownData]:
    """The documents named, or by default the plan whose plan year is the task table's year."""
    plan = registry.work_plan(work_plan_id) if work_plan_id else None
    tasks = _task_table(registry, tasks_id, plan["year"] if plan else None)
    return plan or _work_plan_for_year(registry, tasks["year"]), tasks


def _task_table(registry: Registry, tasks_id: str | None, year: int | None) -> TaskBreakdownData:
    if tasks_id:
        document = registry.document(tasks_id)
        if document["kind"] != "task_breakdown":
            raise UsageError(f"文件 {tasks_id} 不是任务分解表；可选：{_ids(registry.task_documents())}")
        return document
    tables = registry.task_documents()
    if len(tables) > 1 and year is not None:
        tables = [t for t in tables if t["year"] == year] or tables
    if len(tables) != 1:
        what = "没有任务分解表" if not tables else f"有多个任务分解表（{_ids(tables)}）"
        raise UsageError(f"登记册中{what}，请用 {param('tasks')} 指定")
    return tables[0]


def _work_plan_for_year(registry: Registry, year: int) -> WorkPlanData:
    plans = [p for p in _work_plans(registry) if p["year"] == year]
    if len(plans) != 1:
        what = "没有" if not plans else "有多个"
        raise UsageError(
            f"{what}计划年度为 {year} 的工作计划，请用 {param('work_plan')} 指定；现有：{_ids(_work_plans(registry))}"
        )
    return plans[0]


def _work_plans(registry: Registry) -> list[WorkPlanData]:
    return [d for d in registry.documents if d["kind"] == "work_plan"]


def _ids(documents: list[WorkPlanData] | list[TaskBreakdownData]) -> str:
    return "、".join(d["id"] for d in documents) or "（无）"
