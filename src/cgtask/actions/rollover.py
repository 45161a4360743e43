"""Next year's plans from this year's: ``cgtask rollover 2023`` writes drafts beside the issued documents.

Every task table and supervision plan of the year before becomes a draft of the new year
(``tasks-2022`` → ``tasks-2023``): its title and the years in its wording move on by a year, its issuing
data (文号, 成文日期, 印发日期, 施行日期) is cleared until it is issued, its duties, 牵头/配合 and 责任部门
are carried over as they stand, and every task or item whose figures or dates belong to a year (年度指标,
全年总量, a sentence that names the year) is marked ``review`` for the drafter. ``draft: true`` keeps
``cgtask check`` warning (W308, W309) until the keeper issues it. The file is edited as YAML, so the
keeper's comments stay; the old year's documents and ledger are left as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cgtask.errors import UsageError, param
from cgtask.models.data import DocumentData
from cgtask.registry import walk
from cgtask.registry.files import DOCUMENTS_DIR, refuse_packaged_registry
from cgtask.registry.view import Registry
from cgtask.support.atomic import write_files_together
from cgtask.support.outputs import refuse_existing

# Issuing data that belongs to the issued document only: the draft gets its own when it is issued.
ISSUE_ONLY = ("doc_number", "date", "print_date", "effective_from")
YEARLY_SCOPES = ("year", "once")  # a target counted over the year, or met once: a figure of that year
YEARLY_WORDS = re.compile(r"每年|全年|年度|年内")


@dataclass(frozen=True)
class RolledDocument:
    """One draft written: the document it follows, its id and file, and the items marked for review."""

    follows: str
    doc_id: str
    path: Path
    review: list[tuple[str, str]] = field(default_factory=list)  # (item id, why)


@dataclass(frozen=True)
class Rollover:
    """What ``rollover`` wrote: from which year to which, one draft per task table and supervision plan."""

    from_year: int
    to_year: int
    documents: list[RolledDocument]


def rollover(registry: Registry, to_year: int, *, since: int | None = None, force: bool = False) -> Rollover:
    """Write ``to_year``'s drafts of the task tables and supervision plans of ``since`` (the latest year before)."""
    root = Path(registry.data["root"])
    refuse_packaged_registry(root)
    from_year = _from_year(registry, to_year, since)
    sources = [d for d in registry.documents if d["year"] == from_year and walk.carries_duties(d)]
    plans = [_plan(registry, root, document, to_year) for document in sources]
    refuse_existing([path for path, *_ in plans], force=force)
    (root / DOCUMENTS_DIR).mkdir(parents=True, exist_ok=True)
    write_files_together([(path, text.encode("utf-8")) for path, text, _ in plans])  # both drafts or neither
    return Rollover(from_year, to_year, [rolled for *_, rolled in plans])


def _from_year(registry: Registry, to_year: int, asked: int | None) -> int:
    """The year to start from: the one asked, else the latest year before ``to_year`` that has plans."""
    if not 2000 < to_year <= 2100:
        raise UsageError(f"年度应在 2001—2100 之间，收到 {to_year}")
    held = sorted({d["year"] for d in registry.documents if walk.carries_duties(d)})
    earlier = [year for year in held if year < to_year]
    if asked is None and not earlier:
        raise UsageError(f"登记册中没有 {to_year} 年以前的任务分解表或执法监督方案，无从沿用")
    year = asked if asked is not None else earlier[-1]
    if year not in held:
        raise UsageError(
            f"登记册中没有 {year} 年的任务分解表或执法监督方案；现有年度：{'、'.join(map(str, held))}"
        )
    if year >= to_year:
        raise UsageError(f"新年度 {to_year} 应晚于沿用的年度 {year}（{param('since')}）")
    if asked is None and to_year > year + 1:
        # A typo (2030 for 2023) would draft a far year that every query then defaults to.
        raise UsageError(
            f"新年度 {to_year} 不是登记册最近一年 {year} 的下一年（{year + 1}）；"
            f"如确要从 {year} 年跳到 {to_year} 年，请用 {param('since')} {year} 写明沿用的年度"
        )
    return year


def new_doc_id(doc_id: str, from_year: int, to_year: int) -> str:
    """``tasks-2022`` → ``tasks-2023``; an id without its year gets the new year appended."""
    old = str(from_year)
    return doc_id.replace(old, str(to_year)) if old in doc_id else f"{doc_id}-{to_year}"


def _plan(
    registry: Registry, root: Path, document: DocumentData, to_year: int
) -> tuple[Path, str, RolledDocument]:
    """(the draft's path, its text, what it is) for one document, refusing an id the registry has."""
    from cgtask.registry.yaml_edit import load_for_edit

    doc_id = new_doc_id(document["id"], document["year"], to_year)
    path = root / DOCUMENTS_DIR / f"{doc_id}.yaml"
    files = registry.data["document_files"]
    if doc_id in files and (root / files[doc_id]).resolve() != path.resolve():
        raise UsageError(f"登记册中已有编号为 {doc_id} 的文件（{files[doc_id]}），未写入任何文件")
    source = root / files[document["id"]]
    tree = load_for_edit(source.read_text(encoding="utf-8"), files[document["id"]])
    shift = YearShift(document["year"], to_year)
    review = shift.document(tree, doc_id)
    text = _with_origin_comment(tree, document["id"], to_year)
    return path, text, RolledDocument(document["id"], doc_id, path, review)


def _with_origin_comment(tree: Any, follows: str, to_year: int) -> str:
    """The draft's text, its first comment lines saying where it comes from (below the schema line)."""
    from cgtask.registry.yaml_edit import dump_edited

    lines = dump_edited(tree).splitlines(keepends=True)
    at = 1 if lines and lines[0].startswith("# yaml-language-server") else 0
    note = (
        f"# {to_year} 年草稿：由 cgtask rollover 从 {follows} 沿用生成。印发前填写文号、成文日期，核定标有 review 的\n"
        f"# 年度数字和日期后删去 review 行，最后删去 draft: true。以下注释沿用自 {follows}。\n"
    )
    return "".join([*lines[:at], note, *lines[at:]])


class YearShift:
    """Moves a document's wording on from one year to the next and notes what the drafter must settle."""

    def __init__(self, from_year: int, to_year: int) -> None:
        self.old, self.new = f"{from_year}年", f"{to_year}年"
        self.from_year, self.to_year = from_year, to_year

    def text(self, value: Any) -> Any:
        """``value`` with every “2022年” made “2023年” (other values as they are)."""
        return value.replace(self.old, self.new) if isinstance(value, str) else value

    def document(self, tree: Any, doc_id: str) -> list[tuple[str, str]]:
        """Edit the whole tree in place; the (item id, reason) of each item marked for review."""
        follows = tree["id"]
        tree["id"], tree["title"], tree["year"] = doc_id, self.text(tree["title"]), self.to_year
        at = list(tree).index("year") + 1
        for offset, (key, value) in enumerate((("draft", True), ("follows", follows))):
            if key in tree:
                del tree[key]
            tree.insert(at + offset, key, value)
        self._header(tree)
        for block in tree.get("body") or []:
            self._strings(block, ("heading", "text"))
        if tree.get("attachment_title"):
            tree["attachment_title"] = self.text(tree["attachment_title"])
        marked = []
        items = (tree.get("items") or []) if tree["kind"] == "supervision_plan" else _tasks(tree)
        for item in items:
            reason = self._item(item)
            if reason:
                marked.append((str(item["id"]), reason))
        return marked

    def _header(self, tree: Any) -> None:
        from cgtask.registry.yaml_edit import new_mapping

        header = tree.get("header") or {}
        kept = [(key, self.text(value)) for key, value in header.items() if key not in ISSUE_ONLY]
        tree["header"] = new_mapping(kept)

    def _strings(self, node: Any, keys: tuple[str, ...]) -> bool:
        """Shift the strings at ``keys`` of ``node``; whether any named the old year."""
        changed = False
        for key in keys:
            value = node.get(key)
            if isinstance(value, str) and self.old in value:
                node[key], changed = self.text(value), True
            elif isinstance(value, list) and any(isinstance(v, str) and self.old in v for v in value):
                node[key][:], changed = [self.text(v) for v in value], True
        return changed

    def _item(self, item: Any) -> str | None:
        """Shift one task or supervision item; why its drafter must look again, or None."""
        named = self._strings(item, ("title", "detail", "items", "heading", "content", "methods", "note"))
        targets = []
        for target in item.get("targets") or []:
            named |= self._strings(target, ("text",))
            targets += [str(target["text"])] if target.get("scope") in YEARLY_SCOPES else []
        yearly = []
        for duty in [*(item.get("schedule") or []), *(item.get("obligations") or [])]:
            named |= self._strings(duty, ("frequency", "text", "activity", "due"))
            yearly += [str(duty["frequency"])] if YEARLY_WORDS.search(str(duty["frequency"])) else []
        reasons = [f"原文中的“{self.old}”已改为“{self.new}”"] if named else []
        if targets:
            reasons.append(f"年度指标沿用{self.old}的数字（{'；'.join(dict.fromkeys(targets))}）")
        if yearly:
            reasons.append(f"全年要求沿用{self.old}的数字（{'；'.join(dict.fromkeys(yearly))}）")
        if not reasons:
            return None
        item["review"] = "；".join(reasons) + f"，请按{self.new}的计划核定后删去本行"
        return str(item["review"])


def _tasks(tree: Any) -> list[Any]:
    return [task for category in tree.get("categories") or [] for task in category.get("tasks") or []]


def close_year(registry: Registry, year: int) -> bool:
    """Make ``year``'s ledger read-only (``closed`` in ledger.yaml); False when it was closed already."""
    from cgtask.registry.files import LEDGER_FILE
    from cgtask.registry.ledger_file import close_ledger_year

    refuse_packaged_registry(Path(registry.data["root"]))
    held = sorted({d["year"] for d in registry.documents if walk.carries_duties(d)})
    if year not in held:
        raise UsageError(
            f"登记册中没有 {year} 年的任务分解表或执法监督方案；现有年度：{'、'.join(map(str, held))}"
        )
    return close_ledger_year(Path(registry.data["root"]) / LEDGER_FILE, year)
