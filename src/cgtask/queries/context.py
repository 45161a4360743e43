"""One prepared context per command: what every view of a loaded registry needs, computed once.

A command loads a :class:`~cgtask.registry.view.Registry` and asks :func:`prepare` for its context:
the work calendar (official calendar plus the registry's calendar.yaml), the 中队 a coverage rule means,
the duty groups as cached, and — on first use — every duty. Queries (due, overdue, progress),
documents, forms, the site and the reminders take these from the context instead of deriving them
again, so a command that walks several views (``render monthly --all``, ``site``) derives each once.

The life of a command's data: loaded (``Registry``) → prepared (:class:`Context`) → each view.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from cgtask.registry.view import Registry
from cgtask.schedule.calendar import WorkCalendar

if TYPE_CHECKING:
    from cgtask.models.data import RegistryData
    from cgtask.queries.duties import Duty, DutySpec


@dataclass(frozen=True, eq=False)
class Context:
    """A loaded registry and what is derived from it once per command (each part on first use)."""

    registry: Registry
    only_years: frozenset[int] | None = None  # the years a command asks about (None: every year held)

    @cached_property
    def calendar(self) -> WorkCalendar:
        """The working calendar: the official one plus the registry's holidays and adjusted workdays."""
        return work_calendar(self.registry.data)

    @cached_property
    def units(self) -> list[str]:
        """The 中队 a coverage rule means: the street 中队 (街镇中队), else every 中队."""
        from cgtask.queries.duties import unit_members

        index = self.registry.index
        return unit_members("街镇中队", index) or list(index.units)

    def units_for(self, phrase: str) -> list[str]:
        """The units a coverage phrase means: the group it names (2025年底前各县市区全覆盖), else :attr:`units`."""
        from cgtask.queries.duties import named_units

        return named_units(phrase, self.registry.index) or self.units

    @cached_property
    def specs(self) -> list[DutySpec]:
        """The duty groups as the cache keeps them, task tables first (:func:`~cgtask.queries.duties.duty_specs`)."""
        from cgtask.queries.duties import read_duty_specs

        specs = read_duty_specs(self.registry)
        if self.only_years is None:
            return specs
        return [spec for spec in specs if spec.year in self.only_years]

    @cached_property
    def duties(self) -> list[Duty]:
        """Every duty of the registry, one reading per duty across 正文 and 附件1, in document order."""
        from cgtask.queries.duties import duties_of

        return duties_of(self.specs, self.registry.index.dated_windows)

    @cached_property
    def years(self) -> list[int]:
        """The years of the documents that have duties, in order."""
        return sorted({duty.year for duty in self.duties})

    @cached_property
    def held_years(self) -> frozenset[int]:
        """Every year the registry holds a task table or supervision plan for, whichever years are asked."""
        return frozenset(plan_years(self.registry))


def plan_years(registry: Registry) -> list[int]:
    """The years of the registry's task tables and supervision plans, in order (from the summary alone)."""
    kinds = {"task_breakdown", "supervision_plan"}
    return sorted({d["year"] for d in registry.summary["documents"] if d["kind"] in kinds})


def prepare(registry: Registry, years: frozenset[int] | None = None) -> Context:
    """The registry's context, made on first use and kept with the loaded registry for the command.

    ``years`` narrows it to the documents of those years (:mod:`cgtask.queries.years` decides which):
    a command that asks about some years prepares first, and every later view of the command — the
    site, the reminders, a 通报 — gets the same narrowed context.
    """
    context = registry.prepared("context", lambda view: Context(view, years))
    if years is not None and context.only_years != years:  # narrowed after a first, wider use
        context = registry.keep("context", Context(registry, years))
    return context


def work_calendar(data: RegistryData) -> WorkCalendar:
    """The official calendar plus the registry's own holidays and adjusted workdays (calendar.yaml)."""
    from cgtask.registry.ledger_cadence import registry_calendar

    return registry_calendar(data["calendar"])
