"""A registry document of any kind, told apart by its ``kind:`` key."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from cgtask.models.supervision_plan import SupervisionPlan
from cgtask.models.task_breakdown import TaskBreakdown
from cgtask.models.work_plan import WorkPlan

Document = Annotated[TaskBreakdown | SupervisionPlan | WorkPlan, Field(discriminator="kind")]
