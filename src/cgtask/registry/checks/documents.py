"""Checks across fields and files that pydantic cannot see: names, duplicate ids, frequencies."""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any

from cgtask.errors import FrequencyError
from cgtask.findings import Finding, located
from cgtask.models.data import DocumentData, ObligationData
from cgtask.registry import walk
from cgtask.registry.checks.draft import issue_findings, lead_findings
from cgtask.registry.checks.review import review_findings
from cgtask.registry.checks.work_plan import work_plan_findings
from cgtask.registry.locate import value_position
from cgtask.registry.names import OrgIndex
from cgtask.schedule.frequency import parse_due_rule, parse_frequency
from cgtask.schedule.source_readings import Reading, combine

Path_ = list[str | int]


class DocumentSource:
    """A validated document and its file; the round-trip YAML is read only to locate a finding."""

    def __init__(
        self,
        display: str,
        data: DocumentData,
        read_located: Callable[[], Any],
        to_file: Callable[[Path_], Path_] | None = None,
    ) -> None:
        self.display = display
        self.data = data
        self._read_located = read_located
        # Where a path of ``data`` is in the file: the same path, unless entries were set aside
        # (:mod:`cgtask.registry.partial`, a document checked in part).
        self.to_file = to_file or (lambda path: path)
        self.valid = to_file is None  # False: only the parts that validated, for the checks

    @cached_property
    def raw(self) -> Any:
        """The document's round-trip YAML, read the first time a finding needs a line and column."""
        return self._read_located()


def _at(source: DocumentSource, path: Path_, code: str, message: str) -> Finding:
    line, col = value_position(source.raw, source.to_file(path))
    return located(code, source.display, line, col, message)


def _kind_findings(source: DocumentSource) -> list[Finding]:
    """The checks only one kind of document needs: a work plan's figures, a task table's leads."""
    at = functools.partial(_at, source)
    return walk.by_kind(
        source.data,
        task_breakdown=lambda data: (
            lead_findings(data, at) + issue_findings(data, at) + review_findings(data, at)
        ),
        supervision_plan=lambda data: issue_findings(data, at),
        work_plan=lambda data: work_plan_findings(data, at),
    )


def _node(data: Any, path: Path_) -> Any:
    for step in path:
        data = data[step]
    return data


def _duplicate_ids(source: DocumentSource) -> list[Finding]:
    seen: set[str] = set()
    findings = []
    for item in walk.all_items(source.data):
        if item.id in seen:
            findings.append(_at(source, [*item.path, "id"], "E303", f"编号 {item.id} 重复"))
        seen.add(item.id)
    return findings


def _names(source: DocumentSource, index: OrgIndex) -> list[Finding]:
    findings = []
    for item in walk.all_items(source.data):
        for field in ("lead", "support", "responsible"):
            for n, name in enumerate(item.data.get(field, [])):
                finding = _check_name(source, [*item.path, field, n], name, index)
                if finding:
                    findings.append(finding)
    return findings


def _check_name(source: DocumentSource, path: Path_, name: str, index: OrgIndex) -> Finding | None:
    """E301 for a name organization.yaml does not register; any registered body may lead or answer (issue 22)."""
    if index.kind_of(name) is None:
        hint = index.suggest(name)
        suggestion = f"，是不是“{hint}”？" if hint else "（请先在 organization.yaml 中登记）"
        return _at(source, path, "E301", f"未知的部门“{name}”{suggestion}")
    return None


def _obligation_paths(data: DocumentData) -> Iterator[tuple[Path_, ObligationData]]:
    for item in walk.items(data):
        yield from item.obligations()


def _levels(source: DocumentSource, index: OrgIndex) -> list[Finding]:
    """E306: an obligation at a level organization.yaml does not declare."""
    findings = []
    for path, obligation in _obligation_paths(source.data):
        if obligation["level"] not in index.levels:
            hint = difflib.get_close_matches(obligation["level"], index.levels, n=1, cutoff=0.3)
            suggestion = f"，是不是“{hint[0]}”？" if hint else ""
            message = (
                f"未登记的层级“{obligation['level']}”{suggestion}（本局的层级：{'、'.join(index.levels)}；"
                "新的层级请在 organization.yaml 的 levels 中登记）"
            )
            findings.append(_at(source, [*path, "level"], "E306", message))
    return findings


def _frequencies(source: DocumentSource, index: OrgIndex) -> list[Finding]:
    findings = []
    windows = dict(index.dated_windows)
    for path, obligation in _obligation_paths(source.data):
        try:
            parse_frequency(obligation["frequency"], windows)
        except FrequencyError as exc:
            findings.append(_at(source, [*path, "frequency"], "E401", str(exc)))
        if obligation["due"]:
            try:
                parse_due_rule(obligation["due"])
            except FrequencyError as exc:
                findings.append(_at(source, [*path, "due"], "E402", str(exc)))
    return findings


def _period_disagreements(source: DocumentSource, index: OrgIndex) -> list[Finding]:
    """W403: the sources of one item (正文, 附件1) demand different cadences of one level's activity.

    The readings are combined as ``due`` combines them (:mod:`cgtask.schedule.source_readings`): a coverage
    rule joining a cadence is no disagreement; a real one is reported at each reading set aside,
    until the keeper marks the reading that counts with ``prevails: true``.
    """
    groups: dict[tuple[str, str, str], list[tuple[Path_, ObligationData]]] = {}
    for path, obligation in _obligation_paths(source.data):
        key = (repr(path[:-2]), obligation["level"], obligation["activity"] or "")
        groups.setdefault(key, []).append((path, obligation))
    findings = []
    for members in groups.values():
        if len({o["source"] for _, o in members}) < 2:
            continue  # one source may differ freely (上半年 and 下半年 of the same 测评)
        findings += _set_aside_findings(source, members, dict(index.dated_windows))
    return findings


def _assumptions(source: DocumentSource) -> list[Finding]:
    """W404: a requirement the keeper completed by assumption (a quantity without a period of its own).

    Said once, at the ``assumed`` field, so the assumption is reviewed against the source before it is relied on.
    """
    findings = []
    for path, obligation in _obligation_paths(source.data):
        assumed = obligation.get("assumed")
        if assumed:
            item = _node(source.data, path[:-2])
            quoted = f"“{obligation['text']}”" if obligation.get("text") else ""
            message = (
                f"第 {item['id']} 项“{item['title']}”{obligation['level']}的{obligation['activity'] or '要求'}"
                f"{quoted}按“{obligation['frequency']}”计，其中有推定：{assumed}；各处列出时注明“推定”，"
                "原文另有写明时改正 frequency 并删去 assumed"
            )
            findings.append(_at(source, [*path, "assumed"], "W404", message))
    return findings


def _set_aside_findings(
    source: DocumentSource, members: list[tuple[Path_, ObligationData]], windows: dict[str, Any]
) -> list[Finding]:
    try:
        readings = [
            Reading(parse_frequency(o["frequency"], windows), o["source"], bool(o.get("prevails")))
            for _, o in members
        ]
    except FrequencyError:
        return []  # already reported as E401
    combined = combine(readings)
    if not combined.disagrees or combined.decided:
        return []
    counted = next(o for (_, o), r in zip(members, readings, strict=True) if r not in combined.set_aside)
    findings = []
    for (path, obligation), reading in zip(members, readings, strict=True):
        if reading in combined.set_aside:
            item = _node(source.data, path[:-2])
            message = _disagreement(item, counted, obligation)
            findings.append(_at(source, [*path, "frequency"], "W403", message))
    return findings


def _disagreement(item: Any, first: ObligationData, second: ObligationData) -> str:
    def quoted(obligation: ObligationData) -> str:
        return f"{obligation['source'] or '未注明出处'}“{obligation['frequency']}”"

    activity = f"的{second['activity']}" if second["activity"] else ""
    return (
        f"第 {item['id']} 项“{item['title']}”{second['level']}{activity}两处规定不一致：{quoted(first)}，"
        f"{quoted(second)}；现按较严的{quoted(first)}计，核对原文后在采用的一条加 prevails: true"
    )
