"""The issuing notice of a task-breakdown table: 关于印发《…》的通知 with the table as 附件."""

from __future__ import annotations

from collections.abc import Iterator

from cgtask.errors import UsageError
from cgtask.models.data import TaskBreakdownData
from cgtask.official.common import fit_widths, header_texts, table_notice
from cgtask.official.issue import IssueOptions
from cgtask.registry.view import Registry, iter_tasks
from cgtask.render.layout import Column, OfficialDocument, Table


def notice_document(registry: Registry, doc_id: str, options: IssueOptions | None = None) -> OfficialDocument:
    """关于印发《…任务分解表》的通知 with the whole table as its landscape 附件."""
    options = options or IssueOptions()
    document = registry.document(doc_id)
    if document["kind"] != "task_breakdown":
        raise UsageError(f"文件 {doc_id} 不是任务分解表，不能生成印发通知（可用 render plan）")
    return table_notice(registry, document, options, "notice.txt.j2", _task_texts(document), task_table)


def _task_texts(document: TaskBreakdownData) -> Iterator[tuple[str, str | None]]:
    doc_id = document["id"]
    yield from header_texts(doc_id, document["header"])
    yield f"{doc_id} title", document["title"]
    for category, task in iter_tasks(document):
        where = f"{doc_id} 第 {task['id']} 项"
        yield f"{where} category", category
        yield f"{where} detail", task["detail"]
        for i, item in enumerate(task["items"]):
            yield f"{where} items[{i}]", item
        for key in ("lead", "support"):
            for name in task[key]:
                yield f"{where} {key}", name


def task_table(document: TaskBreakdownData) -> Table:
    """The landscape table of 序号, 目录, 工作细则, 牵头部门 and 配合部门.

    As in the bureau's table, 序号 is the category's number, merged down with its 目录.
    """
    rows = []
    for category in document["categories"]:
        for task in category["tasks"]:
            detail = "\n".join([task["detail"], *task["items"]])
            lead, support = "、".join(task["lead"]), "、".join(task["support"])
            rows.append([str(category["number"]), category["name"], detail, lead, support])
    titles = ["序号", "目录", "工作细则", "牵头部门", "配合部门"]
    widths = fit_widths(titles, rows, 234.0, [14.0, 32.0, None, 24.0, 40.0])
    aligns = ["center", "center", "left", "center", "left"]
    columns = [Column(t, w, a) for t, w, a in zip(titles, widths, aligns, strict=True)]
    return Table(columns, rows, merge_column=1, landscape=True, merge_along=(0,))


# --- the supervision plan as issued (seed 004) ----------------------------------------------------
