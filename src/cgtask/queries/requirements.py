"""What one period of a duty demands, in the plan's own terms.

Actions, a quantity in its unit, a share of a base, coverage of the 中队, a duration.

The kinds (seed 004 has them all):

| kind | example | demand per period |
|---|---|---|
| cadence + count | 每周不少于2次 | ``times`` actions |
| quantity per period | 每月整改问题不少于16起 | ``quantity`` 16 起 recorded in the period |
| per-occurrence quantity | 每半年1次，每次不少于30件 | each action carries ≥ 30 件 |
| share | 不少于当季案件数10% | one action stating the base; number / base ≥ 10 % |
| yearly total | 每年不少于100个 | 100 个 over the year (``per`` = year) |
| coverage | 每季度抽查全覆盖 | the actions in each window together cover every 中队 |
| duration | 每次时长不少于20分钟 | kept and shown, not counted |
| event | 一案一督 | no date |
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # the phrase engine loads with the queries that read phrases, not with every row type
    from cgtask.schedule.frequency import Frequency

TIME_UNITS = ("分钟", "小时", "天")
Per = Literal["period", "occurrence", "year"]


# What the things a share is taken of are counted in, by the noun its base names (当季案件数 → 件).
_BASE_NOUNS = (
    ("案件", "件"), ("案卷", "卷"), ("诉件", "件"), ("件", "件"), ("户", "户"), ("家", "家"),
    ("对象", "户"), ("主体", "户"), ("企业", "户"), ("单位", "户"), ("工地", "处"), ("点位", "处"),
)  # fmt: skip


def share_count_unit(base: str | None) -> str:
    """What a share's number and base are counted in, as the plan names its base: 当季案件数 → 件.

    The 双随机 plans' 预估抽查对象数 counts 户 (the bodies inspected); a base that names no countable
    noun gets no unit rather than a guessed one.
    """
    text = base or ""
    return next((unit for noun, unit in _BASE_NOUNS if noun in text), "")


@dataclass(frozen=True)
class Quantity:
    """A quantity in the plan's own unit (16 起, 30 件), or a share (``unit`` = %) of a named base."""

    value: float
    unit: str
    per: Per
    of: str | None = None
    exact: bool = False  # 为50个, 比例5%: the plan's number as written, shown without 不少于

    @property
    def is_share(self) -> bool:
        """Whether the quota is a share (%) of a base rather than a count."""
        return self.unit == "%"

    def to_json(self) -> dict[str, Any]:
        """The quota as JSON, with a whole value written as an integer."""
        value: int | float = int(self.value) if float(self.value).is_integer() else self.value
        return {"value": value, "unit": self.unit, "per": self.per, "of": self.of}


@dataclass(frozen=True)
class Requirement:
    """The demand of one period of a duty; ``coverage`` is the number of 中队 its window must cover."""

    times: int | None
    quantity: Quantity | None
    coverage: int | None
    coverage_window: str | None
    duration: str | None
    maximum: int | None = None
    # 为1次, 比例为5%: the plan's number is exact, not a lower bound, and is shown so.
    exact: bool = False
    # 4—5个, 10%—20%: the quantity's or share's upper end; owed is the lower end, the upper is kept and shown.
    upper: float | None = None
    # What the covered units are called (中队, 县市区城管局): 覆盖全部2个县市区城管局, in the plan's own units.
    unit_word: str = "中队"

    @property
    def actions(self) -> int:
        """Actions owed in the period: the count, else one (a quantity or share is recorded at least once)."""
        return self.times or 1

    @property
    def span(self) -> dict[str, int | float] | None:
        """Both ends of a range (1—2次, 4—5个, 10%—20%) as ``{"min", "max"}``, else None."""
        if self.quantity is not None and self.upper is not None:
            return {"min": _plain(self.quantity.value), "max": _plain(self.upper)}
        if self.quantity is None and self.times and self.maximum is not None:
            return {"min": self.times, "max": self.maximum}
        return None


def requirement_of(
    frequency: Frequency, coverage_window: str | None, units: int, unit_word: str = "中队"
) -> Requirement:
    """The requirement a (combined) frequency states; ``units`` is how many units (``unit_word``) coverage means."""
    quota = frequency.quota
    duration = None
    quantity = None
    if quota is not None and quota.per == "each" and quota.unit in TIME_UNITS:
        duration = f"每次不少于{quota.count}{quota.unit}"
    elif quota is not None and quota.percent is not None:
        quantity = Quantity(quota.percent, "%", "period", quota.basis, quota.exact)
    elif quota is not None and quota.count is not None:
        per: Per = (
            "occurrence" if quota.per == "each" else ("year" if frequency.period == "year" else "period")
        )
        quantity = Quantity(quota.count, quota.unit or "个", per, exact=quota.exact)
    times = frequency.times
    if times is None and frequency.maximum is not None:
        times = 0  # 不超过4次 owes nothing; it only caps
    if times is None and (quantity is None or quantity.per == "occurrence"):
        times = 1
    coverage = units if coverage_window is not None else None
    upper = frequency.range[1] if frequency.range is not None and quantity is not None else None
    return Requirement(
        times,
        quantity,
        coverage,
        coverage_window,
        duration,
        frequency.maximum,
        frequency.exact,
        upper,
        unit_word,
    )


def requirement_text(requirement: Requirement) -> str:
    """The demand as the plan states it: 不少于2次、不少于16起、每次不少于30件、覆盖全部12个中队（每季度）."""
    parts = []
    quantity = requirement.quantity
    bound = "为" if requirement.exact else "不少于"
    # A one-off coverage (2025年底前全覆盖) asks the coverage, not a count.
    once_covered = requirement.coverage_window == "once" and (requirement.times or 1) == 1
    if (
        requirement.times != 0
        and not once_covered
        and (quantity is None or quantity.per == "occurrence" or (requirement.times or 1) > 1)
    ):
        parts.append(f"{bound}{requirement.times or 1}次")
    if requirement.maximum is not None:
        parts.append(f"不超过{requirement.maximum}次")
    if quantity is not None:
        parts.append(_quantity_text(quantity, "为" if quantity.exact else "不少于"))
        if requirement.upper is not None:  # 4—5个: at least 4, and the plan's 5 kept beside it
            parts.append(f"不超过{requirement.upper:g}{quantity.unit}")
    if requirement.coverage is not None and requirement.coverage_window is not None:
        from cgtask.schedule.frequency import PERIOD_WORDS

        # 全年, not 每年: coverage is over the whole window (全年覆盖全部12个中队).
        window = {"year": "全年"}.get(requirement.coverage_window) or PERIOD_WORDS.get(
            requirement.coverage_window, ""
        )
        # A registry with no units (a blank one) cannot name them: the plan's own word, 全覆盖.
        covered = (
            f"覆盖全部{requirement.coverage}个{requirement.unit_word}" if requirement.coverage else "全覆盖"
        )
        parts.append(f"{window}{covered}")
    if requirement.duration:
        parts.append(requirement.duration)
    return "，".join(parts)


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _quantity_text(quantity: Quantity, bound: str = "不少于") -> str:
    value = f"{quantity.value:g}"
    if quantity.is_share:
        return f"{bound}{quantity.of or '基数'}{value}%"
    prefix = {"occurrence": "每次", "year": "全年"}.get(quantity.per, "")
    return f"{prefix}{bound}{value}{quantity.unit}"
