"""Checks that a task's quantitative requirements are captured as targets (W601, E601).

A requirement written in the text but missing from ``targets`` would silently drop out of
progress reports, so every number-bearing requirement the extractor finds must lie inside the
verbatim ``text`` of some target.  The reverse also holds: a target's text must be the task's own
words, or it no longer says where the requirement came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, cast

from cgtask.extract.targets import TargetCandidate, find_targets
from cgtask.findings import Finding
from cgtask.models.data import DocumentData, TaskData
from cgtask.registry import walk

TaskPath = list[str | int]


class Locate(Protocol):
    """Turns a path in the document into a finding at that value's line and column."""

    def __call__(self, path: TaskPath, code: str, message: str) -> Finding:
        """The finding ``code`` with ``message`` at the value ``path`` points to."""


def target_findings(data: DocumentData, at: Locate) -> list[Finding]:
    """W601 for each requirement no target covers, E601 for each target not in its task's text."""
    findings: list[Finding] = []
    for item in walk.items(data, "task"):
        task = cast(TaskData, item.data)
        findings += _foreign_targets(task, item.path, at)
        findings += _uncaptured(task, item.path, at)
    return findings


def task_texts(task: TaskData) -> Iterator[tuple[TaskPath, str]]:
    """(relative path, text) of the task's detail and of each sub-item."""
    if task["detail"]:
        yield ["detail"], task["detail"]
    for i, item in enumerate(task["items"]):
        yield ["items", i], item


def _foreign_targets(task: TaskData, path: TaskPath, at: Locate) -> list[Finding]:
    texts = [text for _, text in task_texts(task)]
    findings = []
    for n, target in enumerate(task["targets"]):
        if not any(target["text"] in text for text in texts):
            message = f"第 {task['id']} 项的目标原文“{target['text']}”不在工作细则或分项中，请照录原文"
            findings.append(at([*path, "targets", n, "text"], "E601", message))
    return findings


def _uncaptured(task: TaskData, path: TaskPath, at: Locate) -> list[Finding]:
    findings = []
    for relative, text in task_texts(task):
        covered = _covered_spans(text, [target["text"] for target in task["targets"]])
        for candidate in find_targets(text):
            if not any(start < candidate.end and candidate.start < end for start, end in covered):
                findings.append(at([*path, *relative], "W601", _uncaptured_message(task, candidate)))
    return findings


def _covered_spans(text: str, target_texts: list[str]) -> list[tuple[int, int]]:
    """Where each target's text stands in ``text`` (every occurrence)."""
    spans = []
    for target_text in target_texts:
        start = text.find(target_text)
        while start >= 0:
            spans.append((start, start + len(target_text)))
            start = text.find(target_text, start + 1)
    return spans


def _uncaptured_message(task: TaskData, candidate: TargetCandidate) -> str:
    return (
        f"第 {task['id']} 项“{task['title']}”中的“{candidate.text}”是量化要求，但没有目标记录它；"
        f"请在 targets 中加一条 text 含这段原文的目标（指标、比较、数值、单位、范围）"
    )
