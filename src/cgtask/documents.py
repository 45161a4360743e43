"""Registry data → official documents (:class:`OfficialDocument`), ready for GB/T 9704 typesetting.

Wording comes from Jinja templates (see :mod:`cgtask.render.templates` for the search path);
the structure — 版头, tables, 版记 — is built here from the registry.  Issuing data the
registry lacks (文号, 成文日期, 主送, 抄送) come from :class:`IssueOptions`; whatever is still
missing is one RenderError naming every field, never a blank in an official document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cgtask.deadlines import DueQuery, DueRow, due_items
from cgtask.errors import RenderError, UsageError
from cgtask.models.data import (
    HeaderData,
    SupervisionItemData,
    SupervisionPlanData,
    TaskBreakdownData,
)
from cgtask.registry.view import Registry, iter_tasks
from cgtask.render.environment import make_environment, parse_blocks, render_template
from cgtask.render.layout import (
    Attachment,
    Block,
    Colophon,
    Column,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
)
from cgtask.render.templates import template_search_path
from cgtask.textutil import describe_char, xml_illegal_chars

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

TITLE_PREFIX = "标题："
TABLE_CHAR_MM = 12 * 25.4 / 72  # one 小四 (12 pt) character
CELL_PADDING_MM = 5.0  # Word's default cell margins (1.9 mm a side) and a little air
DOC_KIND_LABELS = {
    "task_breakdown": "任务分解表",
    "supervision_plan": "执法监督方案",
    "work_plan": "工作计划",
}


@dataclass(frozen=True)
class IssueOptions:
    """Issuing data given on the command line; each overrides the document header."""

    number: str | None = None
    date: date | None = None
    to: str | None = None
    cc: str | None = None
    templates: Path | None = None


# --- shared helpers -------------------------------------------------------------------------------


def _header_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _require(values: Mapping[str, object | None]) -> None:
    """One error listing every missing issuing field with where to supply it."""
    missing = [name for name, value in values.items() if value in (None, "")]
    if missing:
        raise RenderError("缺少发文信息，无法生成公文：" + "、".join(missing))


def check_xml_text(pairs: Iterable[tuple[str, str | None]]) -> None:
    """Name the registry item and field of any text XML cannot hold (before typesetting)."""
    problems = []
    for where, text in pairs:
        bad = xml_illegal_chars(text or "")
        if bad:
            chars = "、".join(sorted({describe_char(ch) for _, ch in bad}))
            problems.append(f"  {where}：含有无法写入文档的字符 {chars}")
    if problems:
        raise RenderError("登记册中有无法写入 Word 文档的字符，请删除后重试：\n" + "\n".join(problems))


def _environment(registry: Registry, options: IssueOptions) -> SandboxedEnvironment:
    return make_environment(template_search_path(options.templates, Path(registry.data["root"])))


def _render_wording(registry: Registry, options: IssueOptions, name: str, context: dict[str, object]) -> str:
    return render_template(_environment(registry, options), name, context)


def fit_widths(
    titles: list[str], cells: list[list[str]], total_mm: float, caps: list[float | None]
) -> list[float]:
    """Column widths from the longest line of each column and its title (capped), so short
    columns such as 牵头部门 do not wrap; what is left goes to the uncapped columns in equal shares.
    """
    widths: list[float] = []
    for c, cap in enumerate(caps):
        lines = [titles[c], *(line for row in cells for line in row[c].split("\n"))]
        longest = max(len(line) for line in lines)
        needed = longest * TABLE_CHAR_MM + CELL_PADDING_MM
        widths.append(min(needed, cap) if cap is not None else 0.0)
    flexible = [c for c, cap in enumerate(caps) if cap is None]
    share = (total_mm - sum(widths)) / max(len(flexible), 1)
    for c in flexible:
        widths[c] = share
    return [round(w, 1) for w in widths]


def _colophon(header: HeaderData, office: str, when: date, cc: str | None) -> Colophon:
    printed = _header_date(header["print_date"]) or when
    return Colophon(cc, header["printed_by"] or office, printed, header["copies"])


def _header_texts(doc_id: str, header: HeaderData) -> Iterator[tuple[str, str | None]]:
    for key in ("title", "addressee", "cc", "signature", "doc_number", "issuer_mark", "printed_by"):
        yield f"{doc_id} header.{key}", header[key]


# --- 关于印发《任务分解表》的通知 ----------------------------------------------------------------


def notice_document(registry: Registry, doc_id: str, options: IssueOptions | None = None) -> OfficialDocument:
    """关于印发《…任务分解表》的通知 with the whole table as its landscape 附件."""
    options = options or IssueOptions()
    document = registry.document(doc_id)
    if document["kind"] != "task_breakdown":
        raise UsageError(f"文件 {doc_id} 不是任务分解表，不能生成印发通知（可用 render plan）")
    check_xml_text(_task_texts(document))
    bureau = registry.data["organization"]["bureau"]
    context = {"table_title": document["title"], "year": document["year"], "bureau": bureau["name"]}
    body: list[Block] = list(parse_blocks(_render_wording(registry, options, "notice.txt.j2", context)))
    attachment = Attachment("附件", document["title"], [task_table(document)])
    return _issuing_notice(registry, document, options, body, attachment)


def _issuing_notice(
    registry: Registry,
    document: TaskBreakdownData | SupervisionPlanData,
    options: IssueOptions,
    body: list[Block],
    attachment: Attachment,
) -> OfficialDocument:
    """关于印发《…》的通知 around ``body`` and one 附件: the issuing data from the header or options."""
    header = document["header"]
    bureau = registry.data["organization"]["bureau"]
    number = options.number or header["doc_number"]
    issued = options.date or _header_date(header["date"])
    addressee = options.to or header["addressee"]
    _require({"发文字号（--number）": number, "成文日期（--date）": issued, "主送机关（--to）": addressee})
    assert issued is not None  # for mypy: _require has checked
    signature = header["signature"] or header["issuer"] or bureau["name"]
    return OfficialDocument(
        title=header["title"] or f"关于印发《{document['title']}》的通知",
        body=body,
        signature=signature,
        date=issued,
        issuer_mark=header["issuer_mark"] or bureau["issuer_mark"],
        doc_number=number,
        addressee=addressee,
        attachments=[attachment],
        colophon=_colophon(header, signature, issued, options.cc or header["cc"]),
    )


def _task_texts(document: TaskBreakdownData) -> Iterator[tuple[str, str | None]]:
    doc_id = document["id"]
    yield from _header_texts(doc_id, document["header"])
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
    """序号, 目录, 工作细则, 牵头部门, 配合部门 — landscape; as in the bureau's table, 序号 is the
    category's number, merged down with its 目录."""
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


def plan_document(registry: Registry, doc_id: str, options: IssueOptions | None = None) -> OfficialDocument:
    """The 执法监督工作方案 as issued: 版头, 印发语 and the plan's body, 附件1 任务清单, 版记."""
    options = options or IssueOptions()
    document = registry.document(doc_id)
    if document["kind"] != "supervision_plan":
        raise UsageError(f"文件 {doc_id} 不是执法监督工作方案（可用 render notice 印发任务分解表）")
    check_xml_text(_plan_texts(document))
    bureau = registry.data["organization"]["bureau"]
    context = {"plan_title": document["title"], "year": document["year"], "bureau": bureau["name"]}
    body: list[Block] = list(parse_blocks(_render_wording(registry, options, "plan.txt.j2", context)))
    body += plan_body_blocks(document)
    attachment_title = document["attachment_title"] or f"{document['title']}任务清单"
    attachment = Attachment("附件1", attachment_title, [supervision_table(document["items"])])
    return _issuing_notice(registry, document, options, body, attachment)


def _plan_texts(document: SupervisionPlanData) -> Iterator[tuple[str, str | None]]:
    doc_id = document["id"]
    yield from _header_texts(doc_id, document["header"])
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


def plan_body_blocks(document: SupervisionPlanData) -> list[Block]:
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


@dataclass(frozen=True)
class MonthlyItem:
    """One duty's occurrences in the month, folded into one table row."""

    doc: str
    title: str
    basis: str
    frequency: str
    dues: tuple[str, ...]
    times: int


def monthly_document(
    registry: Registry,
    month: int,
    dept: str | None = None,
    unit: str | None = None,
    year: int | None = None,
    options: IssueOptions | None = None,
) -> OfficialDocument:
    """A notice to one 科室 (``dept``) or 中队 (``unit``) listing what falls due in ``month``."""
    options = options or IssueOptions()
    if (dept is None) == (unit is None):
        raise UsageError("请指定一个科室（--dept）或一个中队（--unit）")
    _require({"成文日期（--date）": options.date})
    result = due_items(registry, DueQuery(month=month, year=year, dept=dept, unit=unit))
    recipient = MonthlyRecipient(dept or unit or "", is_unit=unit is not None)
    return _monthly_from_rows(
        registry, _environment(registry, options), month, year, options, recipient, result.rows
    )


@dataclass(frozen=True)
class MonthlyRecipient:
    """Who a monthly notice goes to: a 科室 (``--dept``) or a 中队 (``--unit``)."""

    name: str
    is_unit: bool


def monthly_documents(
    registry: Registry, month: int, year: int | None = None, options: IssueOptions | None = None
) -> Iterator[tuple[MonthlyRecipient, OfficialDocument]]:
    """The monthly notice of every 科室 and 中队 (``--all``), each equal to :func:`monthly_document`'s.

    What the 中队 owe comes from one query expanded per 中队 and split by ``unit``: a query per
    中队 repeats the same expansion of every duty, which with 250 中队 costs more than typesetting.
    The few 科室 keep their own query, since whether a 科室 shares a duty needs the full match.
    """
    options = options or IssueOptions()
    _require({"成文日期（--date）": options.date})
    env = _environment(registry, options)
    unit_rows = _rows_by_unit(due_items(registry, DueQuery(month=month, year=year, per_unit=True)).rows)
    for recipient in monthly_recipients(registry):
        if recipient.is_unit:
            rows = unit_rows.get(recipient.name, [])
        else:
            rows = due_items(registry, DueQuery(month=month, year=year, dept=recipient.name)).rows
        yield recipient, _monthly_from_rows(registry, env, month, year, options, recipient, rows)


def _rows_by_unit(rows: list[DueRow]) -> dict[str, list[DueRow]]:
    """Rows of 中队-level duties grouped by their 中队, keeping the due order."""
    grouped: dict[str, list[DueRow]] = {}
    for row in rows:
        if row["unit"] is not None:
            grouped.setdefault(row["unit"], []).append(row)
    return grouped


def _monthly_from_rows(
    registry: Registry,
    env: SandboxedEnvironment,
    month: int,
    year: int | None,
    options: IssueOptions,
    recipient: MonthlyRecipient,
    rows: list[DueRow],
) -> OfficialDocument:
    assert options.date is not None  # for mypy: the callers have checked
    items = fold_due_rows(registry, rows)
    check_xml_text((f"{item.basis} title", item.title) for item in items)
    the_year = year or _year_of(rows) or options.date.year
    context = _monthly_context(registry, items, recipient.name, the_year, month, recipient.is_unit)
    title, body = split_title(render_template(env, "monthly.txt.j2", context))
    bureau = registry.data["organization"]["bureau"]
    attachment = Attachment("附件", f"{the_year}年{month}月到期工作事项清单", [monthly_table(items)])
    return OfficialDocument(
        title=title,
        body=list(parse_blocks(body)),
        signature=bureau["name"],
        date=options.date,
        issuer_mark=None,
        doc_number=options.number,
        addressee=options.to or recipient.name,
        attachments=[attachment] if items else [],
        colophon=Colophon(options.cc, bureau["name"], options.date, None),
    )


def _year_of(rows: list[DueRow]) -> int | None:
    return next((int(row["due"][:4]) for row in rows if row["due"]), None)


def _monthly_context(
    registry: Registry, items: list[MonthlyItem], recipient: str, year: int, month: int, is_unit: bool
) -> dict[str, object]:
    doc_ids = list(dict.fromkeys(item.doc for item in items))
    return {
        "year": year,
        "month": month,
        "recipient": recipient,
        "you": "你中队" if is_unit or recipient.endswith("中队") else "你科",
        "items": [{"title": i.title, "times": i.times, "dues": list(i.dues)} for i in items],
        "total_times": sum(item.times for item in items),
        "sources": [registry.document(doc_id)["title"] for doc_id in doc_ids],
    }


def _doc_label(doc_id: str, registry: Registry) -> str:
    kind = registry.document(doc_id)["kind"]
    return DOC_KIND_LABELS.get(kind, doc_id)


def fold_due_rows(registry: Registry, rows: list[DueRow]) -> list[MonthlyItem]:
    """One item per duty (doc, item, title, frequency): its due dates in order and the total times."""
    folded: dict[tuple[str, str, str, str], list[DueRow]] = {}
    for row in rows:
        if row["due"] is not None:
            folded.setdefault((row["doc"], row["item"], row["title"], row["frequency"]), []).append(row)
    items = []
    for (doc, item, title, frequency), group in folded.items():
        basis = f"{_doc_label(doc, registry)} 第{item}项"
        dues = tuple(dict.fromkeys(row["due"] or "" for row in group))
        times = sum(row["times"] or 1 for row in group)
        items.append(MonthlyItem(doc, title, basis, frequency, dues, times))
    return sorted(items, key=lambda i: (i.dues[-1], i.basis))


def _due_text(dues: tuple[str, ...]) -> str:
    """A few dates listed; a daily run as its first and last date."""
    days = [date.fromisoformat(d) for d in dues]
    if len(days) > 5:
        return f"{days[0].month}月{days[0].day}日至{days[-1].month}月{days[-1].day}日\n每个期限日（共{len(days)}个）"
    return "\n".join(f"{d.month}月{d.day}日" for d in days)


def monthly_table(items: list[MonthlyItem]) -> Table:
    """序号, 工作事项, 频率, 期限, 次数, 依据 (portrait)."""
    rows = [
        [str(n), item.title, item.frequency, _due_text(item.dues), f"不少于{item.times}次", item.basis]
        for n, item in enumerate(items, start=1)
    ]
    titles = ["序号", "工作事项", "频率", "期限", "次数", "依据"]
    # 期限, 次数 and 依据 take what their text needs (依据 wraps after 执法监督方案 at most);
    # 工作事项 and 频率 share the rest.
    widths = fit_widths(titles, rows, 156.0, [12.0, None, None, 30.0, 31.0, 32.0])
    aligns = ["center", "left", "left", "center", "center", "center"]
    columns = [Column(t, w, a) for t, w, a in zip(titles, widths, aligns, strict=True)]
    return Table(columns, rows, merge_column=None)


def split_title(text: str) -> tuple[str, str]:
    """A template's first line ``标题：…`` is the document title; the rest is the body."""
    first, _, rest = text.lstrip().partition("\n")
    if not first.startswith(TITLE_PREFIX) or not first[len(TITLE_PREFIX) :].strip():
        raise RenderError(f"模板的第一行应为“{TITLE_PREFIX}公文标题”")
    return first[len(TITLE_PREFIX) :].strip(), rest


def monthly_recipients(registry: Registry) -> list[MonthlyRecipient]:
    """Every 科室 and 中队 of the organisation, for ``--all``."""
    organization = registry.data["organization"]
    return [MonthlyRecipient(d["name"], is_unit=False) for d in organization["departments"]] + [
        MonthlyRecipient(u["name"], is_unit=True) for u in organization["units"]
    ]
