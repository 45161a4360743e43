"""The 年度执法监督工作总结 (``cgtask render summary --year 2022``): a draft whose numbers come from the 台账.

Per duty of the year's supervision plan: what the plan required (in its own words) and what the ledger
records — 次数, the quantity in its unit (起, 件), a share with its base, the 中队 covered — then the
completion per 科室 and 中队 and the shortfalls with the reasons the records' notes give. With
``explain`` an attachment lists the records behind every number. Wording lives in
``templates/year_summary.txt.j2``; the numbers come from :mod:`cgtask.queries.year_summary`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cgtask.errors import RenderError
from cgtask.official.common import check_xml_text, fit_widths, signed_by, titled_wording
from cgtask.official.issue import IssueOptions
from cgtask.queries.requirements import share_count_unit
from cgtask.queries.standing import Tally
from cgtask.queries.year_summary import DutyRecord, YearSummary, year_summary
from cgtask.queries.years import year_context
from cgtask.registry.names import OrgIndex
from cgtask.registry.view import Registry
from cgtask.render.environment import parse_blocks
from cgtask.render.layout import (
    Attachment,
    Block,
    Column,
    OfficialDocument,
    Table,
    format_cn_date,
)
from cgtask.support.words import cn_numeral

ITEMS_MARKER = "【监督事项表】"
PARTIES_MARKER = "【完成情况表】"


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"


def figures_text(duty: DutyRecord) -> str:
    """What the ledger records of one duty, in a sentence: 次数, 起/件, share and base, 中队 covered."""
    tally = duty.tally
    parts = [f"台账记录{tally['name']}{duty.actions}次"]
    if duty.unit == "%" and duty.base:
        counted = share_count_unit(duty.base_name)
        base = f"所登记{duty.base_name or '基数'}{duty.base}{counted}"
        parts.append(f"抽查{duty.quantity}{counted}，占{base}的{_percent(duty.quantity, duty.base)}")
    elif duty.unit == "%":
        parts.append("未登记抽查数和基数")
    elif duty.unit and duty.quantity:
        parts.append(f"共{duty.quantity}{duty.unit}")
    if duty.covered:
        parts.append(f"覆盖{len(duty.covered)}个中队")
    # The periods fell due to every 中队 that owes the duty (12 × 43 weeks), not to those that recorded it.
    owing = f"{len(duty.units_owing)}个中队共" if duty.units_owing else ""
    period = period_word(duty)
    completion = f"{owing}到期{tally['occurrences']}{period}，按要求完成{tally['complete']}{period}"
    return "，".join(parts) + f"；{completion}（完成率{_percent(tally['complete'], tally['occurrences'])}）"


def period_word(duty: DutyRecord) -> str:
    """What one period of the duty is called: 天 for a daily duty (as the board counts it), else 期."""
    return "天" if duty.tally["unit"] == "天" else "期"


def plan_words(duty: DutyRecord) -> str:
    """What the plan asks, in its own words: “每周不少于2次” (each source's phrase, as the plan has them)."""
    phrases = [p for p in duty.frequency.split("；") if p] or [duty.tally["requirement"]]
    quoted = "".join(f"“{p}”" for p in dict.fromkeys(phrases))
    # A part the plan does not say (每月 for 不少于50起) is the registry's reading: said as such, never as the plan's.
    return quoted + (f"（{duty.assumed}）" if duty.assumed else "")


def shortfall_text(duty: DutyRecord) -> str:
    """One shortfall: the duty, what it required, how far it fell short, and where."""
    tally = duty.tally
    who = "、".join(sorted(duty.short_units)) or tally["level"]
    missing = tally["occurrences"] - tally["complete"]
    uncovered = f"，未覆盖{'、'.join(tally['uncovered'])}" if tally["uncovered"] else ""
    return (
        f"{tally['name']}（第{tally['item']}项，{tally['level']}{plan_words(duty)}）："
        f"到期{tally['occurrences']}{period_word(duty)}，{missing}{period_word(duty)}未达要求（{who}）{uncovered}。"
    )


def shortfall_step(duty: DutyRecord, word: str, heading: str = "中队") -> str:
    """A next step for one shortfall, by duty and unit: who fell short of which requirement, how often.

    Units short by the same number of periods are named together (友谊路街道中队等11个中队各43期), the
    way a summary says it; ``word`` is what the registry calls them (中队). A coverage window not met
    (每季度全覆盖) is said apart, of all the registry's units (``heading``), so the counts add up to the
    periods 三、存在的不足 gives.
    """
    tally = duty.tally
    by_count: dict[int, list[str]] = {}
    for name, count in sorted(duty.short_periods.items()):
        by_count.setdefault(count, []).append(name)
    period = period_word(duty)
    groups = [
        f"{names[0]}{count}{period}"
        if len(names) == 1
        else f"{names[0]}等{len(names)}个{word}各{count}{period}"
        for count, names in sorted(by_count.items(), key=lambda pair: (len(pair[1]), pair[0]))
    ]
    said = [f"{'，'.join(groups)}未达要求"] if groups else []
    # The rest of the periods 三、存在的不足 counts are coverage windows (每季度全覆盖), not a unit's periods.
    windows = tally["occurrences"] - tally["complete"] - sum(duty.short_periods.values())
    said += [f"{windows}个全覆盖期未覆盖所有{heading}"] if windows > 0 else []
    return f"{tally['name']}（{tally['level']}{plan_words(duty)}）：{'，'.join(said)}"


def next_year_changes(registry: Registry, summary: YearSummary) -> tuple[str | None, list[str]]:
    """The next year's supervision plan (《title》, 草稿 when not issued) and how its duties differ, line by line.

    (None, []) when no next-year plan has been drafted (``cgtask rollover``) yet.
    """
    from cgtask.queries.year_diff import year_diff

    plan = summary.plan
    drafts = [p for p in registry.supervision_plans() if p["year"] == summary.year + 1]
    following = next((p for p in drafts if p.get("follows") == plan["id"]), drafts[0] if drafts else None)
    if following is None:
        return None, []
    (document,) = year_diff(registry, plan["id"], following["id"]).documents
    labels = {"added": "新增", "removed": "删去", "changed": "调整"}
    lines = [
        f"{labels[c.change]}第{c.item}项{c.title}" + (f"（{c.summary}）" if c.summary else "")
        for c in document.items
    ]
    return f"《{following['title']}》" + ("（草稿）" if following.get("draft") else ""), lines


def _duty_wording(number: int, duty: DutyRecord) -> dict[str, Any]:
    tally = duty.tally
    return {
        "number": cn_numeral(number), "item": tally["item"], "title": tally["name"], "level": tally["level"],
        "requirement": plan_words(duty), "figures": figures_text(duty),
        "rate": _percent(tally["complete"], tally["occurrences"]),
    }  # fmt: skip


def _wording(summary: YearSummary, changes: tuple[str | None, list[str]], index: OrgIndex) -> dict[str, Any]:
    occurrences = sum(d.tally["occurrences"] for d in summary.duties)
    complete = sum(d.tally["complete"] for d in summary.duties)
    short = [d for d in summary.duties if d.tally["complete"] < d.tally["occurrences"]]
    return {
        "year": summary.year, "as_of": format_cn_date(summary.as_of), "plan_title": summary.plan["title"],
        "doc_number": summary.plan["header"].get("doc_number"),
        "duties": [_duty_wording(n, d) for n, d in enumerate(summary.duties, start=1)],
        "shortfalls": [{"text": shortfall_text(d), "reasons": d.reasons} for d in short],
        "occurrences": occurrences, "complete": complete, "rate": _percent(complete, occurrences),
        "next_year": summary.year + 1, "next_steps": [shortfall_step(d, index.unit_word(list(d.short_periods)), index.unit_heading) for d in short],
        "next_plan": changes[0], "next_plan_changes": changes[1],
    }  # fmt: skip


def _table(titles: list[str], rows: list[list[str]], caps: list[float | None]) -> Table:
    widths = fit_widths(titles, rows, 156.0, caps)
    aligns = ["center" if cap else "left" for cap in caps]
    columns = [Column(t, w, a) for t, w, a in zip(titles, widths, aligns, strict=True)]
    return Table(columns, rows, merge_column=None, font_size_pt=10.5)


def _items_table(summary: YearSummary) -> Table:
    rows = [
        [d.tally["item"], d.tally["name"], d.tally["level"], plan_words(d),
         str(d.tally["occurrences"]), str(d.tally["complete"]), _percent(d.tally["complete"], d.tally["occurrences"])]
        for d in summary.duties
    ]  # fmt: skip
    titles = ["序号", "监督工作", "层级", "方案要求", "到期期数", "完成期数", "完成率"]
    return _table(titles, rows, [12.0, None, 20.0, None, 16.0, 16.0, 18.0])


def _parties_table(parties: list[Tally], heading: str) -> Table:
    rows = [
        [
            p["name"],
            str(p["occurrences"]),
            str(p["complete"]),
            _percent(p["complete"], p["occurrences"]),
            str(p["overdue"]),
        ]
        for p in parties
    ]
    return _table(
        [f"科室/{heading}", "到期项次", "按要求完成", "完成率", "逾期未做"],
        rows,
        [None, 24.0, 24.0, 22.0, 22.0],
    )


def explain_attachment(summary: YearSummary) -> Attachment:
    """附件：each duty's numbers and the ids of the ledger records they count."""
    rows = [
        [
            d.tally["item"],
            f"{d.tally['name']}（{d.tally['level']}）：{figures_text(d)}",
            "、".join(d.records) or "（无记录）",
        ]
        for d in summary.duties
    ]
    table = _table(["序号", "数字", "台账记录编号"], rows, [12.0, None, None])
    return Attachment("附件", "各项数字依据的台账记录", [table])


def _body(text: str, summary: YearSummary, heading: str) -> list[Block]:
    for marker in (ITEMS_MARKER, PARTIES_MARKER):
        if marker not in text:
            raise RenderError(f"年度总结模板中应有单独一行“{marker}”，标明表格的位置")
    first, _, rest = text.partition(ITEMS_MARKER)
    middle, _, last = rest.partition(PARTIES_MARKER)
    return [
        *parse_blocks(first), _items_table(summary), *parse_blocks(middle),
        _parties_table(summary.parties, heading), *parse_blocks(last),
    ]  # fmt: skip


def summary_document(
    registry: Registry, year: int, options: IssueOptions, *, explain: bool = False
) -> OfficialDocument:
    """The year's 执法监督工作总结 as of ``options.date`` (the day it is drafted), from the ledger."""
    as_of = options.date
    if as_of is None:
        raise RenderError("年度总结需要截至日期（成文日期）")
    summary = year_summary(year_context(registry, year), year, as_of)
    wording = _wording(summary, next_year_changes(registry, summary), registry.index)
    wording["units_word"] = registry.index.unit_heading
    title, text = titled_wording(Path(registry.data["root"]), options, "year_summary.txt.j2", wording)
    check_xml_text([(f"reason {n}", r) for n, d in enumerate(summary.duties) for r in d.reasons])
    bureau = registry.data["organization"]["bureau"]
    return OfficialDocument(
        title=title,
        body=_body(text, summary, registry.index.unit_heading),
        addressee=options.to,
        attachments=[explain_attachment(summary)] if explain else [],
        **signed_by(bureau["name"], as_of, options, bureau["issuer_mark"]),
    )
