"""The 执法监督工作方案 as issued: body text and the 任务清单 as 附件1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from cgtask.errors import UsageError
from cgtask.models.data import (
    SupervisionItemData,
    SupervisionPlanData,
)
from cgtask.official.common import check_xml_text, fit_widths, header_texts, issuing_notice
from cgtask.official.issue import IssueOptions
from cgtask.official.plan_table import has_own_shape, own_shape_document
from cgtask.registry.view import Registry
from cgtask.render.layout import (
    Attachment,
    Block,
    Column,
    Enclosure,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
)


def supervision_plan_document(
    registry: Registry, doc_id: str, options: IssueOptions | None = None
) -> OfficialDocument:
    """The 执法监督工作方案 as issued: 版头, 印发语 and the plan's body, 附件1 任务清单, 版记."""
    options = options or IssueOptions()
    document = registry.document(doc_id)
    if document["kind"] == "task_breakdown" and has_own_shape(document):
        return own_shape_document(registry, doc_id, options)  # another bureau's plan, in its own shape
    if document["kind"] != "supervision_plan":
        raise UsageError(f"文件 {doc_id} 不是执法监督工作方案（可用 render notice 印发任务分解表）")
    check_xml_text(_supervision_plan_texts(document))
    attachment_title = document["attachment_title"] or f"{document['title']}任务清单"
    attachment = Attachment("附件1", attachment_title, [supervision_table(document["items"])])
    issued = issuing_notice(registry, document, options, "plan.txt.j2", attachment)
    # As issued (宝城执〔2022〕3号): the notice is signed and dated; the 方案 follows under its own title,
    # its text ending with “附件1：…”, then 附件1 itself.
    return replace(issued, enclosure=Enclosure(document["title"], supervision_plan_blocks(document)))


def _supervision_plan_texts(document: SupervisionPlanData) -> Iterator[tuple[str, str | None]]:
    doc_id = document["id"]
    yield from header_texts(doc_id, document["header"])
    for i, block in enumerate(document["body"]):
        yield f"{doc_id} body[{i}].heading", block["heading"]
        yield f"{doc_id} body[{i}].text", block["text"]
    for item in document["items"]:
        where = f"{doc_id} 第 {item['id']} 项"
        for key in ("title", "note"):
            yield f"{where} {key}", item[key]
        for name in [*item["responsible"], *item["methods"]]:
            yield f"{where} responsible/methods", name
        for obligation in item["obligations"]:
            yield f"{where} obligations.text", obligation["text"]


def supervision_plan_blocks(document: SupervisionPlanData) -> list[Block]:
    """Body blocks as recorded: a lone heading stands on its line, heading + text run in."""
    blocks: list[Block] = []
    for block in document["body"]:
        heading, text = block["heading"], block["text"]
        if heading and text:
            blocks.append(Paragraph(text, heading=heading))
        elif heading:
            blocks.append(Heading(heading))
        elif text:
            blocks.append(Paragraph(text))
    return blocks


def _frequency_cell(item: SupervisionItemData) -> str:
    """附件1's 监督频率 column: the per-level phrases (区局：每月); quotas stay in 备注."""
    lines = []
    for obligation in item["obligations"]:
        text = obligation["text"] or ""
        if obligation["source"] == "附件1" and text.startswith(obligation["level"]):
            lines.append(text)
    return "\n".join(lines)


def supervision_table(items: list[SupervisionItemData]) -> Table:
    """附件1 任务清单: 序号, 监督内容, 责任部门, 监督方法, 监督频率, 备注 (portrait)."""
    rows = [
        [
            item["id"],
            item["title"],
            "\n".join(item["responsible"]),
            "\n".join(item["methods"]),
            _frequency_cell(item),
            item["note"] or "",
        ]
        for item in items
    ]
    titles = ["序号", "监督内容", "责任部门", "监督方法", "监督频率", "备注"]
    widths = fit_widths(titles, rows, 156.0, [14.0, None, 22.0, 28.0, 36.0, None])
    aligns = ["center", "left", "center", "center", "left", "left"]
    columns = [Column(t, w, a) for t, w, a in zip(titles, widths, aligns, strict=True)]
    return Table(columns, rows, merge_column=None)


# --- the monthly notice for one 科室 or 中队 -----------------------------------------------------


# The old name, kept only for tests/render/ (owned by the render worker); new code says supervision_plan.
plan_document = supervision_plan_document
