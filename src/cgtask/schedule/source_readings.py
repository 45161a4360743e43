"""Several phrases about one duty (正文 and 附件1) → one reading that counts.

A supervision plan often states a duty twice: 附件1 gives the cadence (区局：每月), the body text a
rule over a longer window (每季度抽查全覆盖) or a count (每周不少于2次). The rules:

- a phrase that only demands coverage (…全覆盖, 覆盖所有中队) is a *coverage rule* over its own
  period, not a cadence: 每月 + 每季度全覆盖 is monthly checks that together cover every 中队 each
  quarter — no disagreement;
- phrases with the same period merge: the larger count, every quota;
- phrases with different periods disagree (每天 vs 每周不少于2次): one governs — the one marked
  ``prevails`` by the keeper, else the stricter (more actions a year) — and the others are kept as
  the disagreement, so every listing can say 两处规定不一致 until the keeper decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from cgtask.schedule.frequency import Frequency, Quota, periods_per_year


@dataclass(frozen=True)
class Reading:
    """One phrase about a duty, where it came from, and whether the keeper made it the one that counts."""

    frequency: Frequency
    source: str | None = None
    prevails: bool = False


@dataclass(frozen=True)
class Combined:
    """What counts for a duty: the governing cadence, the coverage window, and what was set aside.

    ``coverage`` is the period kind within which the checks together must cover every 中队 (None when
    the duty demands no coverage). ``set_aside`` holds the readings that disagree with the governing
    one; ``decided`` says the keeper chose (``prevails``) rather than the stricter rule.
    """

    frequency: Frequency
    coverage: str | None
    set_aside: tuple[Reading, ...]
    decided: bool

    @property
    def disagrees(self) -> bool:
        """Whether some reading of the source was set aside, so the sources disagree."""
        return bool(self.set_aside)


def yearly_actions(frequency: Frequency) -> float:
    """How many actions a year a cadence asks for (its count × its periods a year)."""
    return (frequency.times or 1) * periods_per_year(frequency)


def is_coverage_rule(frequency: Frequency) -> bool:
    """A phrase that demands only coverage (每季度抽查全覆盖), no count or quantity of its own."""
    return frequency.coverage and frequency.times is None and frequency.quota is None


def combine(readings: Sequence[Reading]) -> Combined:
    """The one reading that counts for a duty stated by ``readings`` (at least one)."""
    # A phrase with two periods (每季度抽查10%，全年覆盖所有中队) is one reading per period.
    readings = [replace(r, frequency=part) for r in readings for part in r.frequency.parts]
    coverage_rules = [r for r in readings if is_coverage_rule(r.frequency)]
    cadences = [r for r in readings if not is_coverage_rule(r.frequency)]
    coverage = _coverage_window(coverage_rules, cadences)
    if not cadences:
        # Coverage is the whole demand (全年覆盖所有中队): one check per window that covers all.
        first = coverage_rules[0].frequency
        return Combined(replace(first, coverage=True), first.period, (), False)
    governing, set_aside, decided = _govern(cadences)
    merged = governing[0].frequency
    for other in governing[1:]:
        merged = stricter_frequency(merged, other.frequency)
    return Combined(replace(merged, coverage=False), coverage, tuple(set_aside), decided)


def _coverage_window(coverage_rules: list[Reading], cadences: list[Reading]) -> str | None:
    """The shortest period over which coverage is demanded, by a rule or by a cadence itself."""
    periods = [r.frequency.period for r in coverage_rules]
    periods += [r.frequency.period for r in cadences if r.frequency.coverage]
    if not periods:
        return None
    return max(periods, key=lambda period: periods_per_year(Frequency(text="", period=period)))


def _govern(cadences: list[Reading]) -> tuple[list[Reading], list[Reading], bool]:
    """The cadence readings that count (one period) and those set aside, and whether the keeper chose."""
    by_period: dict[tuple[str, tuple[int, ...] | None], list[Reading]] = {}
    for reading in cadences:
        by_period.setdefault((reading.frequency.period, reading.frequency.months), []).append(reading)
    if len(by_period) == 1:
        return cadences, [], False
    chosen = [group for group in by_period.values() if any(r.prevails for r in group)]
    decided = bool(chosen)
    if not chosen:
        chosen = [max(by_period.values(), key=lambda group: max(yearly_actions(r.frequency) for r in group))]
    winners = chosen[0]
    return winners, [r for r in cadences if r not in winners], decided


def stricter_frequency(a: Frequency, b: Frequency) -> Frequency:
    """Two phrases for the same period, as one: the larger count, coverage if either demands it."""
    counts = [t for t in (a.times, b.times) if t is not None]
    return replace(
        a,
        text=f"{a.text}；{b.text}",
        times=max(counts) if counts else None,
        # 每月2次 (附件1) with 每月不少于2次 (正文): the plan asks at least 2 — a bare number is exact
        # only when every phrase that gives the count writes it bare.
        exact=all(f.exact for f in (a, b) if f.times is not None) if counts else a.exact,
        coverage=a.coverage or b.coverage,
        quota=stricter_quota(a.quota, b.quota),
    )


def stricter_quota(a: Quota | None, b: Quota | None) -> Quota | None:
    """The larger of two quotas of one kind; a share keeps the base that names more (当季案件数)."""
    if a is None or b is None:
        return a or b
    if a.per != b.per:
        return a
    if a.count is not None and b.count is not None:
        return b if b.count > a.count else a
    if a.percent is not None and b.percent is not None:
        larger = b if b.percent > a.percent else a
        basis = max((a.basis or "", b.basis or ""), key=len) or None
        return replace(larger, basis=basis)
    return a
