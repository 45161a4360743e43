"""The plain-data TypedDicts list exactly the fields of their pydantic models."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from cgtask.models import (
    base,
    calendar,
    data,
    ledger,
    ledger_data,
    organization,
    supervision_plan,
    task_breakdown,
)

PAIRS: list[tuple[type[BaseModel], type]] = [
    (organization.Bureau, data.BureauData),
    (organization.Department, data.DepartmentData),
    (organization.Unit, data.UnitData),
    (organization.Group, data.GroupData),
    (organization.ExternalBody, data.ExternalBodyData),
    (organization.Organization, data.OrganizationData),
    (base.Header, data.HeaderData),
    (base.Block, data.BlockData),
    (task_breakdown.Target, data.TargetData),
    (base.Obligation, data.ObligationData),
    (task_breakdown.Task, data.TaskData),
    (task_breakdown.Category, data.CategoryData),
    (task_breakdown.TaskBreakdown, data.TaskBreakdownData),
    (supervision_plan.SupervisionItem, data.SupervisionItemData),
    (supervision_plan.SupervisionPlan, data.SupervisionPlanData),
    (calendar.CalendarDay, data.CalendarDayData),
    (calendar.WorkCalendarFile, data.WorkCalendarData),
]


@pytest.mark.parametrize(("model", "typed"), PAIRS, ids=lambda p: getattr(p, "__name__", ""))
def test_fields_match(model: type[BaseModel], typed: type) -> None:
    assert set(model.model_fields) == set(typed.__annotations__)


LEDGER_PAIRS: list[tuple[type[BaseModel], type]] = [
    (ledger.LedgerEntry, ledger_data.LedgerEntryData),
    (ledger.Ledger, ledger_data.LedgerData),
]


@pytest.mark.parametrize(("model", "typed"), LEDGER_PAIRS, ids=lambda p: getattr(p, "__name__", ""))
def test_ledger_fields_match(model: type[BaseModel], typed: type) -> None:
    assert set(model.model_fields) == set(typed.__annotations__)
