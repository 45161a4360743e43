"""The work-plan models: plain-data mirrors match the pydantic fields; figures must agree with themselves."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from cgtask.models import data as plan_data
from cgtask.models import work_plan as plans

PAIRS: list[tuple[type[BaseModel], Any]] = [
    (plans.PlanItem, plan_data.PlanItemData),
    (plans.PlanSection, plan_data.PlanSectionData),
    (plans.PlanPart, plan_data.PlanPartData),
    (plans.Figure, plan_data.FigureData),
    (plans.WorkPlan, plan_data.WorkPlanData),
]


@pytest.mark.parametrize(("model", "mirror"), PAIRS)
def test_mirror_lists_exactly_the_model_fields(model: type[BaseModel], mirror: Any) -> None:
    assert list(mirror.__annotations__) == list(model.model_fields)


@pytest.mark.parametrize(("model", "_mirror"), PAIRS)
def test_every_field_has_chinese_title_and_every_model_a_docstring(
    model: type[BaseModel], _mirror: Any
) -> None:
    assert model.__doc__
    for name, field in model.model_fields.items():
        assert field.title, name
        assert not field.title.isascii(), name


FIGURE = {
    "metric": "依法查处无序设摊案件",
    "value": "31586",
    "number": 31586,
    "unit": "起",
    "sentence": "依法查处无序设摊案件31586起",
    "item": "s2021-1.2",
}


def test_figure_value_and_number_must_agree() -> None:
    assert plans.Figure.model_validate(FIGURE).number == 31586
    with pytest.raises(ValidationError):
        plans.Figure.model_validate({**FIGURE, "number": 31585})


def test_figure_value_is_written_digits() -> None:
    with pytest.raises(ValidationError):
        plans.Figure.model_validate({**FIGURE, "value": "3.1万"})


def test_a_part_has_sections_or_items_not_both() -> None:
    item = {"id": "p2021-1", "numbering": "（一）", "heading": "坚持责任担当"}
    section = {"id": "p2021-1", "numbering": "一、", "heading": "标题", "items": []}
    plans.PlanPart.model_validate({"year": 2021, "title": "2021年工作要点", "items": [item]})
    with pytest.raises(ValidationError):
        plans.PlanPart.model_validate({"year": 2021, "title": "要点", "items": [item], "sections": [section]})
    with pytest.raises(ValidationError):
        plans.PlanPart.model_validate({"year": 2021, "title": "要点"})
