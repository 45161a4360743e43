"""Reminders to work-group robots: the day's digest planned per robot, then sent or shown as a dry run.

The robots come in already configured (the command line reads the environment and the local robots
file); nothing here reads the environment or the working folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cgtask.publish.robots import Webhook
    from cgtask.registry.view import Registry


@dataclass(frozen=True)
class Sending:
    """How reminders go out.

    ``dry_run`` only shows them; ``skip_rest_days`` sends nothing on a 休息日 by the official calendar
    (调休 included), so a CI job scheduled every morning reminds on working days only.
    """

    dry_run: bool = False
    timeout: float = 10.0
    retries: int = 2
    skip_rest_days: bool = False


def _with_registered_units(robot: Webhook, registry: Registry) -> Webhook:
    """The robot with its ``units`` as the registry names them (an alias becomes the name); unknown ones refused.

    A misspelt 中队 would otherwise leave its group silently without reminders.
    """
    from cgtask.publish.robots import RobotConfigError

    names = []
    for name in robot.units:
        canonical = registry.index.canonical(name)
        if canonical is None or registry.index.kind_of(name) not in ("department", "unit"):
            hint = registry.index.suggest(name)
            suggestion = f"，是不是“{hint}”？" if hint else "；应是登记册中的科室或中队名称"
            raise RobotConfigError(f"机器人「{robot.name}」的 units 中“{name}”不是科室或中队{suggestion}")
        names.append(canonical)
    return replace(robot, units=tuple(dict.fromkeys(names))) if names else robot


@dataclass(frozen=True)
class RemindOutcome:
    """What ``remind`` says: the dry-run text or each robot's result, and whether all were delivered."""

    text: str
    delivered: bool


def remind(
    registry: Registry, robots: Sequence[Webhook], *, as_of: date, days: int, sending: Sending
) -> RemindOutcome:
    """Overdue and due-soon duties per 科室/中队 to each robot (or what would be sent)."""
    from cgtask.publish.reminder_data import reminder_digest
    from cgtask.publish.robots import plan, render_dry_run, send, summarize
    from cgtask.queries.context import prepare

    context = prepare(registry)
    robots = [_with_registered_units(robot, registry) for robot in robots]
    if sending.skip_rest_days and not context.calendar.is_workday(as_of):
        return RemindOutcome(f"{as_of.isoformat()} 是休息日，不发送提醒\n", True)
    outgoing = plan(reminder_digest(context, as_of, days), robots)
    if sending.dry_run:
        return RemindOutcome(render_dry_run(outgoing), True)
    results = send(outgoing, timeout=sending.timeout, retries=sending.retries)
    return RemindOutcome(summarize(results), all(result.delivered for result in results))
