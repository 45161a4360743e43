"""Queries over tasks and supervision items: who leads and supports what, and one item whole."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, NotRequired, TypedDict

from cgtask.errors import UsageError, param
from cgtask.models.data import DocumentData
from cgtask.registry import walk
from cgtask.registry.names import OrgIndex
from cgtask.registry.view import Registry

Role = Literal["lead", "support", "responsible"]
SUPERVISION_CATEGORY = walk.SUPERVISION_CATEGORY


class ListRow(TypedDict):
    """One row of ``cgtask list``; the keys are the stable JSON contract."""

    id: str
    doc: str
    category: str
    title: str
    lead: list[str]
    support: list[str]
    role: Role | None
    via: str | None
    # What another bureau's plan adds (always present in ``list`` output; empty/null for other rows).
    responsible: NotRequired[list[str]]
    leader: NotRequired[str | None]
    object: NotRequired[str | None]
    base: NotRequired[dict[str, Any] | None]
    district: NotRequired[str]  # on a city's answer: the district the row is from (the first key)


@dataclass(frozen=True)
class ListFilter:
    """What ``cgtask list`` narrows by; every field is optional."""

    dept: str | None = None
    role: Literal["lead", "support"] | None = None
    category: str | None = None
    doc: str | None = None
    search: str | None = None
    year: int | None = None  # a registry of several years: that year's plans (default: the latest)


def other_years_plans(registry: Registry, year: int | None) -> set[str]:
    """The task tables and supervision plans a listing leaves out: those of years other than the one asked.

    Asked for a year the registry does not hold, the latest year before it is listed; nothing is left
    out of a registry of one year. Work plans (其他区、市局的总结和计划) are never left out.
    """
    plans = [(d["id"], d["year"]) for d in registry.summary["documents"] if d["kind"] != "work_plan"]
    held = sorted({y for _, y in plans})
    if len(held) < 2:
        return set()
    wanted = held[-1] if year is None else max((y for y in held if y <= year), default=held[0])
    return {doc for doc, y in plans if y != wanted}


def party_role(
    lead: Sequence[str],
    support: Sequence[str],
    party: str,
    index: OrgIndex,
    *,
    supervision: bool,
    responsible: Sequence[str] = (),
) -> tuple[Role, str | None] | None:
    """How ``party`` (a 科室 or 中队) takes part in an item: directly, or through a group such as 各科室.

    ``responsible`` are a task's 重点责任部门: they answer for it as the lead does (role responsible).
    """
    lead_names = [index.canonical(n) or n for n in lead]
    if party in lead_names:
        return ("responsible" if supervision else "lead"), None
    if responsible:
        found = party_role(responsible, (), party, index, supervision=True)
        if found is not None:
            return found
    for name in support:
        if index.canonical(name) == party:
            return "support", None
    for names, is_lead in ((lead, True), (support, False)):
        for name in names:
            if index.kind_of(name) == "group" and party in index.expand(name, lead_names):
                role: Role = "responsible" if supervision or is_lead else "support"
                return role, name
    return None


def match_party(
    row: ListRow, party: str, index: OrgIndex, supervision: bool
) -> tuple[Role, str | None] | None:
    """:func:`party_role` of a row; kept for queries.duties and queries.standing until they call it directly."""
    return party_role(row["lead"], row["support"], party, index, supervision=supervision)


def list_items(registry: Registry, query: ListFilter) -> list[ListRow]:
    """The tasks and supervision items matching every given filter, in document order."""
    if query.role and not query.dept:
        raise UsageError(f"{param('role')} 需要与 {param('dept')} 一起使用")
    if query.doc:
        registry.check_document_id(query.doc)
    party = registry.index.resolve_party(query.dept) if query.dept else None
    category = _category_filter(registry, query)
    needle = query.search.casefold() if query.search else None
    left_out = set() if query.doc else other_years_plans(registry, query.year)
    rows = []
    # Thousands of rows share a handful of lead/support lists: decide each combination once.
    memo: dict[str, tuple[Role, str | None] | None] = {}
    for id_, doc, cat, number, title, lead, support, text, supervision, parties, extra in registry.derived(
        "list-rows", list_rows
    ):
        if (
            (query.doc and doc != query.doc)
            or (category and category not in (cat, number))
            or doc in left_out
        ):
            continue
        if needle and needle not in text.casefold():
            continue
        how: tuple[Role | None, str | None] = (None, None)
        if party:
            if parties not in memo:
                memo[parties] = party_role(
                    lead,
                    support,
                    party,
                    registry.index,
                    supervision=supervision,
                    responsible=extra["responsible"],
                )
            found = memo[parties]
            if found is None or not _role_matches(found[0], query.role):
                continue
            how = found
        rows.append(
            ListRow(
                id=id_,
                doc=doc,
                category=cat,
                title=title,
                lead=lead,
                support=support,
                role=how[0],
                via=how[1],
                responsible=extra["responsible"],
                leader=extra["leader"],
                object=extra["object"],
                base=extra["base"],
            )
        )
    return rows


def list_rows(registry: Registry) -> list[list[Any]]:
    """Every row ``list`` can show, as compact JSON-ready lists (cached beside the registry).

    Id, doc, category, category number, title, lead, support, searchable text, is supervision, the
    lead, support, 重点责任部门 and kind as one string — what decides a 科室's role, for ``list_items``
    to decide once per combination without building a key per row — and what another bureau's plan
    adds (leader, object, base, responsible).
    """
    rows: list[list[Any]] = []
    for document in registry.documents:
        for item in walk.items(document):
            supervision = item.kind == "supervision_item"
            number = item.id.split(".")[0] if item.kind == "task" else ""  # a task's category number
            fields = (item.id, item.doc, item.category, number, item.title)
            extra: dict[str, Any] = {key: item.data.get(key) for key in ("leader", "object", "base")}
            responsible: list[str] = [] if supervision else list(item.data.get("responsible", []))
            extra["responsible"] = responsible
            parties = "\x00".join(
                [*item.lead, "\x01", *item.support, "\x01", *responsible, "\x01", str(supervision)]
            )
            rows.append([*fields, item.lead, item.support, item.words, supervision, parties, extra])
    return rows


def _role_matches(role: Role, wanted: str | None) -> bool:
    if wanted is None:
        return True
    return role == wanted or (wanted == "lead" and role == "responsible")


def _category_filter(registry: Registry, query: ListFilter) -> str | None:
    if not query.category:
        return None
    known = {SUPERVISION_CATEGORY}
    for document in registry.summary["documents"]:
        if query.doc in (None, document["id"]):
            for category in document["categories"]:
                known.update({category["name"], str(category["number"])})
    if query.category not in known:
        names = "、".join(sorted(k for k in known if not k.isdigit()))
        raise UsageError(f"未知的目录“{query.category}”；现有目录：{names}")
    return query.category


def show_item(registry: Registry, item_id: str, doc: str | None = None) -> dict[str, Any]:
    """One task or supervision item whole, with the document and category it belongs to."""
    found = []
    for document in registry.select(doc):
        found += _find(document, item_id)
    if not found:
        raise UsageError(f"没有编号为“{item_id}”的任务或监督事项")
    if len(found) > 1:
        docs = "、".join(str(f["doc"]) for f in found)
        raise UsageError(f"编号“{item_id}”在多个文件中都有（{docs}），请用 {param('doc')} 指定")
    return _with_ranges(found[0], registry.index.dated_windows)


def _with_ranges(item: dict[str, Any], windows: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    """Each duty of the item with its ``range``: ``{min, max}`` of 1—2次, 4—5个, 10%—20%, else None."""
    from cgtask.errors import FrequencyError
    from cgtask.schedule.frequency import parse_frequency

    def span(phrase: str) -> dict[str, float] | None:
        try:
            ends = parse_frequency(phrase, dict(windows)).range
        except FrequencyError:
            return None  # check reports the phrase; show still shows it as written
        return None if ends is None else {"min": _plain(ends[0]), "max": _plain(ends[1])}

    for key in ("schedule", "obligations"):
        if item.get(key):
            item = {**item, key: [{**duty, "range": span(duty["frequency"])} for duty in item[key]]}
    return item


def _plain(value: float) -> float:
    return int(value) if float(value).is_integer() else value


def _find(document: DocumentData, item_id: str) -> list[dict[str, Any]]:
    found = []
    for item in walk.items(document):
        if item.id == item_id:
            part = {"part": item.part} if item.part else {}
            found.append({"doc": item.doc, "kind": item.kind, **part, "category": item.category, **item.data})
    return found
