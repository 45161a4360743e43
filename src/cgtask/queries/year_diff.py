"""What changed from one year's plans to the next: ``cgtask diff 2022 2023``.

Each document of the new year is set against the one it follows (``follows:``, written by ``rollover``),
else the old year's document of the same kind. Items pair by their number, else by their title (a task
renumbered is changed, not removed and added). A change is named by what a 局务会 asks about: wording,
frequency (each level's phrases), 牵头/配合 or 责任部门, targets, methods, category. A year mentioned in
the wording (2022年 → 2023年) is what a new year is, not a change; unchanged items are counted, not listed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from cgtask.errors import UsageError
from cgtask.models.data import DocumentData
from cgtask.registry import walk
from cgtask.registry.view import Registry

# (key, label, how to read the field of an item) for each kind of change, in the order they are listed.
Reader = Callable[[Mapping[str, Any]], str]


def _joined(key: str) -> Reader:
    return lambda item: "、".join(item.get(key) or [])


def _wording(item: Mapping[str, Any]) -> str:
    parts = [item.get("detail") or "", *(item.get("items") or []), item.get("heading") or ""]
    return "\n".join(part for part in [*parts, item.get("content") or ""] if part)


def _frequency(item: Mapping[str, Any]) -> str:
    duties = [*(item.get("schedule") or []), *(item.get("obligations") or [])]
    phrases = [
        f"{duty['level']}{'·' + duty['activity'] if duty.get('activity') else ''}：{duty['frequency']}"
        + (f"（{duty['due']}）" if duty.get("due") else "")
        for duty in duties
    ]
    return "；".join(dict.fromkeys(phrases))


def _targets(item: Mapping[str, Any]) -> str:
    return "；".join(target["text"] for target in item.get("targets") or [])


# Fields that are lists of phrases: a change names only the phrases that went and came, not the rest.
PHRASE_LISTS = ("frequency", "targets", "methods")


FIELDS: tuple[tuple[str, str, Reader], ...] = (
    ("title", "事项", lambda item: str(item.get("title") or "")),
    ("wording", "工作细则", _wording),
    ("frequency", "频次", _frequency),
    ("lead", "牵头", _joined("lead")),
    ("support", "配合", _joined("support")),
    (
        "responsible",
        "责任部门",
        lambda item: "、".join([*item.get("responsible", []), *item.get("responsible_in_body", [])]),
    ),
    ("targets", "量化指标", _targets),
    ("methods", "监督方法", lambda item: "；".join(item.get("methods") or [])),
)


@dataclass(frozen=True)
class FieldChange:
    """One field of an item, before and after."""

    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ItemChange:
    """An item added, removed or changed (with what changed; its number too when it was renumbered)."""

    change: str  # added | removed | changed
    item: str
    title: str
    category: str
    old_item: str | None = None
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """What changed, in a line: 牵头：协调科 → 法制科；频次：… (empty for an item added or removed)."""
        parts = [f"原编号 {self.old_item}"] if self.old_item else []
        parts += [f"{f.label}：{f.old or '（无）'} → {f.new or '（无）'}" for f in self.fields]
        return "；".join(parts)


@dataclass(frozen=True)
class DocumentDiff:
    """One document of the new year against the one it follows."""

    old: str | None
    new: str | None
    kind: str
    title: str
    items: list[ItemChange]
    unchanged: int


@dataclass(frozen=True)
class YearDiff:
    """Every document's changes from ``old`` to ``new`` (years, or two documents' ids)."""

    old: str
    new: str
    documents: list[DocumentDiff]

    def records(self) -> dict[str, Any]:
        """The diff as JSON-ready data (``cgtask diff --format json``)."""
        from dataclasses import asdict

        documents = [asdict(document) for document in self.documents]
        return {"old": self.old, "new": self.new, "counts": self.counts(), "documents": documents}

    def counts(self) -> dict[str, int]:
        """How many items were added, removed, changed and left unchanged, over all documents."""
        found = {"added": 0, "removed": 0, "changed": 0, "unchanged": 0}
        for document in self.documents:
            found["unchanged"] += document.unchanged
            for item in document.items:
                found[item.change] += 1
        return found


def year_diff(registry: Registry, old: str, new: str) -> YearDiff:
    """The changes from ``old`` to ``new``: two years (``2022`` ``2023``) or two documents' ids."""
    pairs = _document_pairs(registry, old, new)
    return YearDiff(old, new, [_document_diff(a, b) for a, b in pairs])


def _document_pairs(
    registry: Registry, old: str, new: str
) -> list[tuple[DocumentData | None, DocumentData | None]]:
    """The documents to compare: the two named, or each new-year document and the one it follows."""
    if not (old.isdigit() and new.isdigit()):
        first, second = registry.document(old), registry.document(new)
        if first["kind"] != second["kind"]:
            raise UsageError(f"{old} 与 {new} 不是同一类文件，无从对照")
        return [(first, second)]
    olds, news = _of_year(registry, int(old)), _of_year(registry, int(new))
    pairs: list[tuple[DocumentData | None, DocumentData | None]] = []
    for document in news:
        match = next((d for d in olds if d["id"] == document.get("follows")), None)
        match = match or next((d for d in olds if d["kind"] == document["kind"]), None)
        if match is not None:
            olds.remove(match)
        pairs.append((match, document))
    return pairs + [(document, None) for document in olds]


def _of_year(registry: Registry, year: int) -> list[DocumentData]:
    found = [d for d in registry.documents if d["year"] == year and walk.carries_duties(d)]
    if not found:
        held = sorted({d["year"] for d in registry.documents if walk.carries_duties(d)})
        raise UsageError(
            f"登记册中没有 {year} 年的任务分解表或执法监督方案；现有年度：{'、'.join(map(str, held))}"
        )
    return found


def _items(document: DocumentData | None) -> dict[str, walk.Item]:
    return {item.id: item for item in walk.items(document)} if document is not None else {}


def _document_diff(old: DocumentData | None, new: DocumentData | None) -> DocumentDiff:
    """Added, removed and changed items of one pair; a document alone is all added (or all removed)."""
    before, after = _items(old), _items(new)
    pairs = _paired(before, after)
    shift = _year_shift(old, new)
    changes: list[ItemChange] = []
    unchanged = 0
    for old_id, new_id in pairs:
        a, b = before.get(old_id or ""), after.get(new_id or "")
        if a is None and b is not None:
            changes.append(ItemChange("added", b.id, b.title, b.category))
        elif b is None and a is not None:
            changes.append(ItemChange("removed", a.id, a.title, a.category))
        elif a is not None and b is not None:
            fields = list(_field_changes(a, b, shift))
            if fields or a.id != b.id:
                changes.append(
                    ItemChange("changed", b.id, b.title, b.category, a.id if a.id != b.id else None, fields)
                )
            else:
                unchanged += 1
    either = new or old
    assert either is not None
    return DocumentDiff(
        old["id"] if old else None,
        new["id"] if new else None,
        either["kind"],
        either["title"],
        changes,
        unchanged,
    )


def _paired(before: dict[str, walk.Item], after: dict[str, walk.Item]) -> list[tuple[str | None, str | None]]:
    """(old id, new id) in the new document's order, then the old items left over (removed)."""
    by_title = {item.title: item.id for item in before.values()}
    taken: set[str] = set()
    pairs: list[tuple[str | None, str | None]] = []
    for new_id, item in after.items():
        old_id = new_id if new_id in before else by_title.get(item.title)
        if old_id is not None and old_id not in taken and (old_id == new_id or old_id not in after):
            taken.add(old_id)
            pairs.append((old_id, new_id))
        else:
            pairs.append((None, new_id))
    return pairs + [(old_id, None) for old_id in before if old_id not in taken]


def _year_shift(old: DocumentData | None, new: DocumentData | None) -> Callable[[str], str]:
    """Old text with its year moved to the new one, so that a year alone is not a change."""
    if old is None or new is None or old["year"] == new["year"]:
        return lambda text: text
    before, after = f"{old['year']}年", f"{new['year']}年"
    return lambda text: text.replace(before, after)


def _split(text: str) -> list[str]:
    return [part for part in text.split("；") if part]


def _field_changes(old: walk.Item, new: walk.Item, shift: Callable[[str], str]) -> Iterator[FieldChange]:
    for key, label, read in FIELDS:
        a, b = shift(read(old.data)), read(new.data)
        if a == b:
            continue
        if key in PHRASE_LISTS:
            gone, came = _split(a), _split(b)
            a, b = "；".join(p for p in gone if p not in came), "；".join(p for p in came if p not in gone)
        yield FieldChange(key, label, a, b)
    if old.category != new.category:
        yield FieldChange("category", "目录", old.category, new.category)
