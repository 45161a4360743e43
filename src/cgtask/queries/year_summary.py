"""What a year's 台账 says of each duty of the supervision plan: the figures of the 年度执法监督工作总结.

The completion (periods owed and met, per duty and per 科室/中队) is the board's own tally
(:func:`cgtask.queries.standing.progress_report`), counted in the plan's unit; this module adds what the
records hold beside it — 次数, the quantity in its unit (起, 件), a share with its base, the 中队 covered —
the notes that give the reasons of a shortfall, and the ids of the records behind every number, so
the clerk edits words and never recounts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cgtask.errors import UsageError
from cgtask.models.data import SupervisionPlanData
from cgtask.models.ledger_data import LedgerEntryData
from cgtask.queries.context import Context
from cgtask.queries.duties import assumption_in
from cgtask.queries.rows import DueRow
from cgtask.queries.standing import (
    ItemTally,
    LedgerIndex,
    StandingQuery,
    Tally,
    assess,
    item_tallies_by_owner,
    progress_report,
    standing_due,
    status_of,
)

DutyKey = tuple[str, str, str, str]  # doc, item, level, title: a line of the progress's item tallies


@dataclass
class DutyRecord:
    """One duty of the plan over the year: its tally, and what its records add up to."""

    tally: ItemTally
    order: int = 0  # the duty's place in the plan (item, then first seen)
    frequency: str = ""  # the plan's own phrases (正文 and 附件1), as ``due`` shows them
    assumed: str | None = None  # what the registry assumed where the plan is silent (推定：…), said with it
    unit: str | None = None  # the quantity's unit (起, 件) or % for a share
    actions: int = 0
    quantity: int = 0
    base: int = 0  # the sum of the bases a share was recorded against
    base_name: str | None = None  # what the plan takes a share of (当季案件数)
    covered: set[str] = field(default_factory=set)
    units_owing: set[str] = field(default_factory=set)  # the 中队 the duty fell to
    short_units: set[str] = field(default_factory=set)  # the 中队 (or the level, 区局) with a period not met
    short_periods: dict[str, int] = field(default_factory=dict)  # how many periods each of them did not meet
    records: list[str] = field(default_factory=list)  # ids of the records counted
    reasons: list[str] = field(default_factory=list)  # notes of the records of the periods not met


@dataclass
class YearSummary:
    """A year's supervision plan against its ledger as of ``as_of``."""

    year: int
    as_of: date
    plan: SupervisionPlanData
    duties: list[DutyRecord]
    parties: list[Tally]  # per 科室/中队, over this plan's duties only


def year_summary(context: Context, year: int, as_of: date) -> YearSummary:
    """The year's supervision plan, duty by duty, against the ledger as of ``as_of``."""
    plan = _plan_of(context, year)
    query = StandingQuery(as_of)
    due = standing_due(context, query)
    progress = progress_report(context, query, due=due)
    duties = {
        (t["doc"], t["item"], t["level"], t["name"]): DutyRecord(t)
        for t in progress.items
        if t["doc"] == plan["id"]
    }
    ledger = LedgerIndex.of(context.registry, as_of)
    for order, row in enumerate(due.rows):
        duty = duties.get((row.doc, row.item, row.level, row.title))
        if duty is not None and row.due is not None and row.due <= as_of:
            duty.order, duty.frequency = duty.order or order, duty.frequency or row.frequency
            duty.assumed = duty.assumed or assumption_in(row.requirement)
            _add_period(duty, row, ledger.records(row), as_of)
    ordered = sorted(duties.values(), key=lambda d: (int(d.tally["item"]), d.order))
    parties = plan_parties(item_tallies_by_owner(context, as_of, due=due), plan["id"])
    return YearSummary(year, as_of, plan, ordered, parties)


def plan_parties(by_owner: dict[str, list[ItemTally]], doc: str) -> list[Tally]:
    """Each 科室/中队's completion over one document's duties (the board's tallies, summed)."""
    parties = []
    for name, tallies in by_owner.items():
        own = [t for t in tallies if t["doc"] == doc]
        if not own:
            continue
        occurrences, complete = sum(t["occurrences"] for t in own), sum(t["complete"] for t in own)
        parties.append(
            Tally(
                name=name, occurrences=occurrences, complete=complete,
                rate=round(complete / occurrences, 4) if occurrences else 1.0,
                overdue=sum(t["overdue"] for t in own), windows=sum(t["windows"] for t in own),
            )
        )  # fmt: skip
    return parties


def _plan_of(context: Context, year: int) -> SupervisionPlanData:
    plans = [p for p in context.registry.supervision_plans() if p["year"] == year]
    if not plans:
        raise UsageError(f"登记册中没有 {year} 年的执法监督方案，无从总结")
    return plans[0]


def _add_period(duty: DutyRecord, row: DueRow, records: list[LedgerEntryData], as_of: date) -> None:
    """One period of one 中队 (or of the bureau) into its duty's figures."""
    if row.quota is not None and duty.unit is None:
        duty.unit, duty.base_name = row.quota.unit, row.quota.of
    if row.unit:
        duty.units_owing.add(row.unit)
    for entry in records:
        if entry.get("id") in duty.records:
            continue  # a bureau record is seen once however many rows share its period
        duty.records.append(str(entry.get("id")))
        duty.actions += entry["count"]
        duty.quantity += entry.get("quantity") or 0
        duty.base += entry.get("of") or 0
        duty.covered.update(entry.get("covers") or [])
    if status_of(assess(row, records), row.due or as_of, as_of) in ("red", "yellow"):
        who = row.unit or row.level
        duty.short_units.add(who)
        duty.short_periods[who] = duty.short_periods.get(who, 0) + 1
        duty.reasons += [str(e["note"]) for e in records if e.get("note") and e["note"] not in duty.reasons]
