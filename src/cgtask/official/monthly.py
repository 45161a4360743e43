"""The monthly notice per 科室 or 中队: what is due that month and by when."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from cgtask.errors import UsageError, param
from cgtask.queries.context import Context, prepare
from cgtask.queries.duties import DueQuery, due_items, effective_from, notice_year
from cgtask.queries.measure import days_by_month
from cgtask.queries.month_request import MonthRequest
from cgtask.queries.rows import DueRow
from cgtask.registry.view import Registry, warn_of_drafts
from cgtask.render.environment import parse_blocks, render_template
from cgtask.render.layout import (
    Attachment,
    Column,
    OfficialDocument,
    Table,
)
from cgtask.support.words import basis_text, chinese_date, month_day, role_label

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

from cgtask.official.common import check_xml_text, fit_widths, signed_by, split_title, wording_environment
from cgtask.official.issue import IssueOptions


@dataclass(frozen=True)
class MonthlyItem:
    """One duty's occurrences in the month, folded into one table row."""

    doc: str
    title: str
    basis: str
    frequency: str
    dues: tuple[date, ...]
    requirement: str
    role: str | None


def monthly_document(
    context: Context, asked: MonthRequest, options: IssueOptions | None = None
) -> OfficialDocument:
    """A notice to one 科室 (``dept``) or 中队 (``unit``) listing what falls due in the month ``asked``."""
    options = options or IssueOptions()
    month, dept, unit, year = asked.month, asked.dept, asked.unit, asked.year
    if (dept is None) == (unit is None):
        raise UsageError(f"请指定一个科室（{param('dept')}）或一个中队（{param('unit')}）")
    registry = context.registry
    result = due_items(context, DueQuery(month=month, year=year, dept=dept, unit=unit))
    recipient = MonthlyRecipient(dept or unit or "", is_unit=unit is not None)
    issue = _MonthIssue(registry, wording_environment(registry, options), month, year, options)
    return _monthly_from_rows(issue, recipient, result.rows)


@dataclass(frozen=True)
class MonthlyRecipient:
    """Who a monthly notice goes to: a 科室 (``--dept``) or a 中队 (``--unit``)."""

    name: str
    is_unit: bool


def monthly_documents(
    context: Context, month: int, year: int | None = None, options: IssueOptions | None = None
) -> Iterator[tuple[MonthlyRecipient, OfficialDocument]]:
    """The monthly notice of every 科室 and 中队 (``--all``), each equal to :func:`monthly_document`'s.

    What the 中队 owe comes from one query expanded per 中队 and split by ``unit``: a query per
    中队 repeats the same expansion of every duty, which with 250 中队 costs more than typesetting.
    The few 科室 keep their own query, since whether a 科室 shares a duty needs the full match.
    """
    options = options or IssueOptions()
    registry = context.registry
    issue = _MonthIssue(registry, wording_environment(registry, options), month, year, options)
    unit_rows = _rows_by_unit(due_items(context, DueQuery(month=month, year=year, per_unit=True)).rows)
    for recipient in monthly_recipients(registry):
        if recipient.is_unit:
            rows = unit_rows.get(recipient.name, [])
        else:
            rows = due_items(context, DueQuery(month=month, year=year, dept=recipient.name)).rows
        yield recipient, _monthly_from_rows(issue, recipient, rows)


def _rows_by_unit(rows: list[DueRow]) -> dict[str, list[DueRow]]:
    """Rows of 中队-level duties grouped by their 中队, keeping the due order."""
    grouped: dict[str, list[DueRow]] = {}
    for row in rows:
        if row.unit is not None:
            grouped.setdefault(row.unit, []).append(row)
    return grouped


@dataclass(frozen=True)
class _MonthIssue:
    """What every notice of one month shares, whoever it goes to: made once for ``--all``."""

    registry: Registry
    env: SandboxedEnvironment
    month: int
    year: int | None
    options: IssueOptions


def _monthly_from_rows(
    issue: _MonthIssue, recipient: MonthlyRecipient, rows: list[DueRow]
) -> OfficialDocument:
    """The notice to ``recipient`` of its ``rows`` due in the month."""
    registry, env, month, year, options = issue.registry, issue.env, issue.month, issue.year, issue.options
    items = fold_due_rows(registry, rows)
    check_xml_text((f"{item.basis} title", item.title) for item in items)
    the_year = notice_year(registry, year, rows)
    issued = notice_date(registry, [item.doc for item in items], the_year, month, options.date)
    options = replace(
        options, date=issued, number=options.number or monthly_number(registry, the_year, month, recipient)
    )
    context = _monthly_context(registry, items, recipient.name, the_year, month, recipient.is_unit)
    title, body = split_title(render_template(env, "monthly.txt.j2", context))
    bureau = registry.data["organization"]["bureau"]
    attachment = Attachment("附件", f"{the_year}年{month}月到期工作事项清单", [monthly_table(items)])
    return OfficialDocument(
        title=title,
        body=list(parse_blocks(body)),
        addressee=options.to or recipient.name,
        attachments=[attachment] if items else [],
        **signed_by(bureau["name"], issued, options),  # a notice, never a 文件: no 发文机关标志
    )


def monthly_number(registry: Registry, year: int, month: int, recipient: MonthlyRecipient) -> str | None:
    """The 发文字号 by the registry's numbering rule (bureau.monthly_number), or None without one."""
    rule = registry.data["organization"]["bureau"].get("monthly_number")
    if not rule:
        return None
    # Names only, in monthly_recipients' order: --all numbers 250 中队, and building every
    # recipient again for each of them was a fifth of building the notices.
    organization = registry.data["organization"]
    names = [d["name"] for d in organization["departments"]] + [u["name"] for u in organization["units"]]
    seq = names.index(recipient.name) + 1 if recipient.name in names else len(names) + 1
    try:
        return rule.format(year=year, month=month, seq=seq)
    except (KeyError, IndexError, ValueError) as exc:
        raise UsageError(f"organization.yaml 中的月度通知编号规则“{rule}”无法使用：{exc}") from None


def first_workday(registry: Registry, year: int, month: int) -> date:
    """The first working day of the month the notice is for."""
    return _workday_from(registry, date(year, month, 1))


def _workday_from(registry: Registry, day: date) -> date:
    calendar = prepare(registry).calendar
    return day if calendar.is_workday(day) else calendar.add_workdays(day, 1)


def notice_date(registry: Registry, doc_ids: list[str], year: int, month: int, given: date | None) -> date:
    """The 成文日期: the first working day of the month, but never before a plan it cites takes effect.

    A notice for March 2022 citing the plan issued on 2022-03-07 cannot be dated 2022-03-01. A date given
    by hand that precedes a cited plan is refused rather than printed.
    """
    starts = {doc_id: _starts(registry, doc_id, year) for doc_id in dict.fromkeys(doc_ids)}
    latest = max(((start, doc_id) for doc_id, start in starts.items() if start), default=None)
    if given is not None:
        if latest is not None and given < latest[0]:
            title = registry.document(latest[1])["title"]
            raise UsageError(
                f"成文日期 {chinese_date(given)}早于所依据的《{title}》施行日期 {chinese_date(latest[0])}，"
                f"请改用 {chinese_date(latest[0])}或之后的日期（{param('date')}）"
            )
        return given
    first = date(year, month, 1)
    return _workday_from(registry, max(first, latest[0])) if latest else first_workday(registry, year, month)


def _starts(registry: Registry, doc_id: str, year: int) -> date | None:
    """When a cited document takes effect in ``year`` (None when it is projected onto another year)."""
    document = registry.document(doc_id)
    if document["year"] != year:
        return None
    return effective_from(document["header"], year)


def _monthly_context(
    registry: Registry, items: list[MonthlyItem], recipient: str, year: int, month: int, is_unit: bool
) -> dict[str, object]:
    doc_ids = list(dict.fromkeys(item.doc for item in items))
    warn_of_drafts(registry, doc_ids)  # next year's plans after ``rollover``: not to go out as issued
    return {
        "year": year,
        "month": month,
        "recipient": recipient,
        "you": "你中队" if is_unit or recipient.endswith("中队") else "你科",
        "items": [
            {
                "title": i.title,
                "requirement": i.requirement,
                "dues": [d.isoformat() for d in i.dues],
                "role": i.role,
            }
            for i in items
        ],
        # As the plan says it: a task table's 牵头/配合, a supervision plan's or a 中队's 负责 — never 牵头 for a 中队.
        "led": [i.title for i in items if i.role == "lead"],
        "charged": [i.title for i in items if i.role not in ("lead", "support")],
        "supported": [i.title for i in items if i.role == "support"],
        "sources": [registry.document(doc_id)["title"] for doc_id in doc_ids],
    }


def _basis(registry: Registry, doc_id: str, item: str) -> str:
    return basis_text(registry.document(doc_id), item)


def fold_due_rows(registry: Registry, rows: list[DueRow]) -> list[MonthlyItem]:
    """One item per duty (doc, item, title, frequency): its due dates in order and what each period needs.

    A daily duty is one month of days (每天1次，本月25天, due the last day), not 25 dates.
    """
    folded: dict[tuple[str, str, str, str], list[DueRow]] = {}
    for row, _ in days_by_month(rows):
        if row.due is not None:
            folded.setdefault((row.doc, row.item, row.title, row.frequency), []).append(row)
    items = []
    for (doc, item, title, frequency), group in folded.items():
        basis = _basis(registry, doc, item)
        dues = tuple(dict.fromkeys(row.due for row in group if row.due))
        items.append(MonthlyItem(doc, title, basis, frequency, dues, _requirement(group), group[0].role))
    return sorted(items, key=lambda i: (i.role == "support", i.dues[-1], i.doc, _item_number(i.basis)))


def _item_number(basis: str) -> tuple[int, ...]:
    """第10项 after 第9项, not before 第1项: the numbers in a basis, compared as numbers."""
    return tuple(int(n) for n in re.findall(r"\d+", basis))


def _requirement(group: list[DueRow]) -> str:
    """What the plan demands, as it states it: 每期不少于2次（共3期）, 不少于16起; never a sum of unlike things."""
    periods = len(dict.fromkeys(row.period for row in group))
    # A disagreement between the plan's 正文 and 附件1 is the keeper's business (check, the board), not the
    # recipient's: the notice states only the reading that counts.
    text = group[0].requirement or "1次"
    return f"每期{text}（共{periods}期）" if periods > 1 else text


def _due_text(days: tuple[date, ...]) -> str:
    """A few dates listed; a daily run as its first and last date."""
    if len(days) > 5:
        return f"{month_day(days[0])}至{month_day(days[-1])}\n每个期限日（共{len(days)}个）"
    return "\n".join(month_day(d) for d in days)


def monthly_table(items: list[MonthlyItem]) -> Table:
    """序号, 工作事项, 分工, 期限, 要求, 依据 (portrait)."""
    rows = [
        [
            str(n),
            item.title,
            role_label(item.role, "负责"),
            _due_text(item.dues),
            item.requirement,
            item.basis,
        ]
        for n, item in enumerate(items, start=1)
    ]
    titles = ["序号", "工作事项", "分工", "期限", "要求", "依据"]
    # 期限, 次数 and 依据 take what their text needs (依据 wraps after 执法监督方案 at most);
    # 工作事项 and 频率 share the rest.
    widths = fit_widths(titles, rows, 156.0, [12.0, None, 14.0, 30.0, None, 32.0])
    aligns = ["center", "left", "left", "center", "center", "center"]
    columns = [Column(t, w, a) for t, w, a in zip(titles, widths, aligns, strict=True)]
    return Table(columns, rows, merge_column=None)


def monthly_recipients(registry: Registry) -> list[MonthlyRecipient]:
    """Every 科室 and 中队 of the organisation, for ``--all``."""
    organization = registry.data["organization"]
    return [MonthlyRecipient(d["name"], is_unit=False) for d in organization["departments"]] + [
        MonthlyRecipient(u["name"], is_unit=True) for u in organization["units"]
    ]
