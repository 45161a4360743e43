"""registry.walk: one walk over every kind of document, each item located where it sits in the file."""

from __future__ import annotations

from typing import Any

from cgtask.api import open_registry
from cgtask.registry import walk


def _at(document: Any, path: list[str | int]) -> Any:
    for step in path:
        document = document[step]
    return document


def test_every_item_path_leads_to_its_data() -> None:
    for document in open_registry().documents:
        for item in walk.all_items(document):
            assert _at(document, item.path) == item.data
            assert item.doc == document["id"]


def test_each_kind_yields_its_own_items() -> None:
    registry = open_registry()
    tasks = list(walk.items(registry.document("tasks-2022")))
    assert {item.kind for item in tasks} == {"task"}
    assert len(tasks) == 62
    assert tasks[0].lead == tasks[0].data["lead"]
    supervision = list(walk.items(registry.document("supervision-2022")))
    assert {item.kind for item in supervision} == {"supervision_item"}
    assert supervision[0].lead == supervision[0].data["responsible"]
    assert supervision[0].category == walk.SUPERVISION_CATEGORY
    assert all(list(item.obligations()) for item in supervision)


def test_a_work_plan_lists_sections_only_when_they_hold_no_items() -> None:
    plan = open_registry().document("plan-2022-city")
    every = list(walk.all_items(plan))
    listed = list(walk.items(plan))
    assert {item.kind for item in every} == {"plan_item"}
    assert all(item.part in ("summary", "plan") for item in every)
    hidden = [item for item in every if not item.listed]
    assert hidden
    assert all(item.data["items"] for item in hidden)
    assert len(listed) == len(every) - len(hidden)
    assert not any(list(item.obligations()) for item in every)


def test_only_task_tables_and_supervision_plans_carry_duties() -> None:
    kinds = {document["kind"]: walk.carries_duties(document) for document in open_registry().documents}
    assert kinds == {"task_breakdown": True, "supervision_plan": True, "work_plan": False}
