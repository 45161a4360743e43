"""The plain-data TypedDicts list exactly the fields of their pydantic models."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from cgtask.models import data, documents, ledger, ledger_data, organization

PAIRS: list[tuple[type[BaseModel], type]] = [
    (organization.Bureau, data.BureauData),
    (organization.Department, data.DepartmentData),
    (organization.Unit, data.UnitData),
    (organization.Group, data.GroupData),
    (organization.ExternalBody, data.ExternalBodyData),
    (organization.Organization, data.OrganizationData),
    (documents.Header, data.HeaderData),
    (documents.Block, data.BlockData),
    (documents.Target, data.TargetData),
    (documents.Obligation, data.ObligationData),
    (documents.Task, data.TaskData),
    (documents.Category, data.CategoryData),
    (documents.TaskBreakdown, data.TaskBreakdownData),
    (documents.SupervisionItem, data.SupervisionItemData),
    (documents.SupervisionPlan, data.SupervisionPlanData),
    (documents.CalendarDay, data.CalendarDayData),
    (documents.WorkCalendarFile, data.WorkCalendarData),
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
